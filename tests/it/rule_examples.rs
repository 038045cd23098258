//! Every rule's documented `bad` example must trigger the rule and its `good` example must
//! not, as biome checks its docs. Examples are fragments; they are placed into a complete
//! job definition by what they hold (a secret, container members, request members).
//! Fragments that need options or prose ("(a job definition with ...)") are listed, not run.

use batchlint::input::json;
use batchlint::{analyze, Options};

const CONTAINER: &str = r#""image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]"#;

/// The fragment placed into a job definition with the options to run it with, or `None` when
/// it cannot be run as is.
fn example(fragment: &str) -> Option<(String, Options)> {
    if batchlint::forms::detect(fragment) == batchlint::forms::Form::TerraformPlan {
        return Some((fragment.to_string(), Options::default()));
    }
    if let Some(module) = terraform(fragment) {
        return Some(module);
    }
    if let Some(template) = crate::common::cfn_template(fragment) {
        return Some((template, Options::default()));
    }
    let node = json::parse(fragment).ok()?;
    let keys: Vec<&str> = node.as_object()?.iter().map(|m| m.key.as_ref()).collect();
    if !keys.is_empty() && keys.iter().all(|k| ["region", "accountId", "partition", "kmsKeys"].contains(k)) {
        // An options example, run on a job that reads one secret by name.
        let options: Options = serde_json::from_str(fragment).ok()?;
        return Some((document(r#"{"name": "DB", "valueFrom": "/prod/db"}"#)?, options));
    }
    Some((document(fragment)?, Options::default()))
}

/// An HCL fragment: a whole `resource`, or arguments of an `aws_batch_job_definition`.
fn terraform(fragment: &str) -> Option<(String, Options)> {
    let name: String = fragment.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let rest = fragment.get(name.len()..).unwrap_or("").trim_start();
    if name.is_empty() || !(rest.starts_with('=') || rest.starts_with('"') || rest.starts_with('{')) {
        return None;
    }
    let options = Options { form: Some(batchlint::forms::Form::Terraform), ..Options::default() };
    if fragment.starts_with("resource ") {
        return Some((fragment.to_string(), options));
    }
    let ty = if fragment.trim_start().starts_with("type ") { "" } else { "  type = \"container\"\n" };
    let text =
        format!("resource \"aws_batch_job_definition\" \"example\" {{\n  name = \"example\"\n{ty}  {fragment}\n}}\n");
    Some((text, options))
}

fn document(fragment: &str) -> Option<String> {
    if fragment.contains("...") || fragment.contains('…') {
        return None;
    }
    let node = json::parse(fragment).ok()?;
    let members = node.as_object()?;
    if node.get("jobDefinitionName").is_some() || node.get("jobDefinitions").is_some() {
        return Some(fragment.to_string());
    }
    let inner = fragment.trim().strip_prefix('{')?.strip_suffix('}')?.trim();
    let keys: Vec<&str> = members.iter().map(|m| m.key.as_ref()).collect();
    let secret = |entry: &str| {
        format!(
            r#"{{"jobDefinitionName": "example", "type": "container", "platformCapabilities": ["FARGATE"], "containerProperties": {{{CONTAINER}, "secrets": [{entry}]}}}}"#
        )
    };
    if keys.contains(&"valueFrom") {
        let entry =
            if keys.contains(&"name") { fragment.to_string() } else { format!(r#"{{"name": "EXAMPLE", {inner}}}"#) };
        return Some(secret(&entry));
    }
    const REQUEST: &[&str] = &[
        "containerProperties",
        "platformCapabilities",
        "nodeProperties",
        "ecsProperties",
        "eksProperties",
        "retryStrategy",
        "timeout",
        "tags",
        "type",
        "parameters",
        "schedulingPriority",
        "propagateTags",
    ];
    if keys.iter().all(|k| REQUEST.contains(k)) {
        let ty = if keys.contains(&"type") { String::new() } else { r#", "type": "container""#.to_string() };
        return Some(format!(r#"{{"jobDefinitionName": "example"{ty}, {inner}}}"#));
    }
    if keys.iter().any(|k| ["efsVolumeConfiguration", "host", "s3filesVolumeConfiguration"].contains(k)) {
        return Some(format!(
            r#"{{"jobDefinitionName": "example", "type": "container", "containerProperties": {{{CONTAINER}, "volumes": [{{"name": "data", {inner}}}]}}}}"#
        ));
    }
    // Container members (`secrets`, `environment`, `repositoryCredentials`, ...).
    Some(format!(
        r#"{{"jobDefinitionName": "example", "type": "container", "containerProperties": {{"image": "app:1", {inner}}}}}"#
    ))
}

#[test]
fn documented_examples_behave_as_documented() {
    let mut checked = Vec::new();
    let mut skipped = Vec::new();
    let mut wrong = Vec::new();
    for rule in batchlint::registry::all() {
        let (Some(bad), Some(good)) = (example(rule.bad), example(rule.good)) else {
            skipped.push(rule.code);
            continue;
        };
        let fires = |(text, options): &(String, Options)| {
            analyze(text, options).diagnostics.iter().any(|d| d.code == rule.code)
        };
        if !fires(&bad) {
            wrong.push(format!("{} {}: the bad example does not trigger it:\n{}", rule.code, rule.name, bad.0));
        }
        if fires(&good) {
            wrong.push(format!("{} {}: the good example triggers it:\n{}", rule.code, rule.name, good.0));
        }
        checked.push(rule.code);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    // Most rules are checked; the rest need options or describe a situation in words.
    assert!(checked.len() >= 70, "only {} examples ran; skipped: {skipped:?}", checked.len());
    println!(
        "{} rules checked by their examples; skipped (prose or options-plus-document): {skipped:?}",
        checked.len()
    );
}
