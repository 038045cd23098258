#![no_main]
//! `terraform show -json` output: the input as a whole plan, and as the JSON string of a job's
//! `container_properties` inside a plan (escaped as Terraform writes it), so that the decoding
//! of the string and the positions inside it are exercised on every input.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let options = batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        form: Some(batchlint::forms::Form::TerraformPlan),
        ..Default::default()
    };
    batchlint_fuzz::analyze_and_check(text, &options);
    let inner = serde_json::to_string(text).unwrap_or_default();
    let plan = format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {{"root_module": {{"resources": [{{"address": "aws_batch_job_definition.x", "mode": "managed", "type": "aws_batch_job_definition", "name": "x", "values": {{"name": "x", "type": "container", "platform_capabilities": ["FARGATE"], "container_properties": {inner}, "ecs_properties": {inner}}}}}]}}}}}}"#
    );
    let report = batchlint_fuzz::analyze_and_check(&plan, &options);
    // A properties string is read as JSON: valid JSON never gives a syntax finding.
    if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        assert!(
            !report.diagnostics.iter().any(|d| d.code == "BL111" || d.code == "BL112"),
            "valid JSON reported: {text}"
        );
    }
});
