//! One job definition, four forms: written as the Batch API's JSON, a CloudFormation JSON
//! template, a CloudFormation YAML template and a Terraform module, it gives the same findings
//! (the same codes at the same secret, in each form's own pointers) and the same policy. The
//! secrets are drawn from valid and broken references of every kind.

use batchlint::{analyze, Options, Report};
use proptest::prelude::*;

/// References of every kind, valid and broken; none needs escaping in any of the forms.
const VALUE_FROMS: &[&str] = &[
    "/prod/db/password",
    "plain-name",
    "prod/db/password",
    "/prod/db password",
    "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api",
    "arn:aws:ssm:us-east-1:123456789012:parameter/prod/other-region",
    "arn:aws:ssm:eu-west-1:123456789012:parameter//double",
    "arn:aws:ssm:eu-west-1:123456789012:parameter:/colon",
    "arn:aws:ssm:eu-west-1:210987654321:parameter/other-account",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/partial",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password",
    "/aws/reference/secretsmanager/prod/db",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    "arn:amazon:ssm:eu-west-1:123456789012:parameter/bad-partition",
    "arn:aws:s3:::bucket/key",
    "/prod/db/password:3",
];

const ROLE: &str = "arn:aws:iam::123456789012:role/batch-exec";

fn secrets(picks: &[usize]) -> Vec<(String, &'static str)> {
    picks.iter().enumerate().map(|(i, &p)| (format!("SECRET_{i}"), VALUE_FROMS[p % VALUE_FROMS.len()])).collect()
}

fn api(secrets: &[(String, &str)]) -> String {
    let list: Vec<String> = secrets.iter().map(|(n, v)| format!(r#"{{"name": "{n}", "valueFrom": "{v}"}}"#)).collect();
    format!(
        r#"{{"jobDefinitionName": "job", "type": "container", "containerProperties": {{"image": "busybox", "executionRoleArn": "{ROLE}", "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}], "secrets": [{}]}}}}"#,
        list.join(", ")
    )
}

fn cfn_json(secrets: &[(String, &str)]) -> String {
    let list: Vec<String> = secrets.iter().map(|(n, v)| format!(r#"{{"Name": "{n}", "ValueFrom": "{v}"}}"#)).collect();
    format!(
        r#"{{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {{"Job": {{"Type": "AWS::Batch::JobDefinition", "Properties": {{"JobDefinitionName": "job", "Type": "container", "ContainerProperties": {{"Image": "busybox", "ExecutionRoleArn": "{ROLE}", "ResourceRequirements": [{{"Type": "VCPU", "Value": "1"}}, {{"Type": "MEMORY", "Value": "2048"}}], "Secrets": [{}]}}}}}}}}}}"#,
        list.join(", ")
    )
}

fn cfn_yaml(secrets: &[(String, &str)]) -> String {
    let list: String =
        secrets.iter().map(|(n, v)| format!("          - Name: {n}\n            ValueFrom: \"{v}\"\n")).collect();
    format!(
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      JobDefinitionName: job\n      Type: container\n      ContainerProperties:\n        Image: busybox\n        ExecutionRoleArn: \"{ROLE}\"\n        ResourceRequirements:\n          - Type: VCPU\n            Value: \"1\"\n          - Type: MEMORY\n            Value: \"2048\"\n        Secrets:\n{list}"
    )
}

fn terraform(secrets: &[(String, &str)]) -> String {
    let list: Vec<String> = secrets.iter().map(|(n, v)| format!("{{ name = \"{n}\", valueFrom = \"{v}\" }}")).collect();
    format!(
        "resource \"aws_batch_job_definition\" \"job\" {{\n  name = \"job\"\n  type = \"container\"\n  container_properties = jsonencode({{\n    image = \"busybox\"\n    executionRoleArn = \"{ROLE}\"\n    resourceRequirements = [{{ type = \"VCPU\", value = \"1\" }}, {{ type = \"MEMORY\", value = \"2048\" }}]\n    secrets = [{}]\n  }})\n}}\n",
        list.join(", ")
    )
}

/// What must agree across forms: each finding's code and the secret it is about (its index, or
/// none), in order; and each policy document.
fn essence(report: &Report) -> (Vec<(String, Option<usize>)>, Vec<String>) {
    let mut findings: Vec<(String, Option<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| {
            let lower = d.path.to_ascii_lowercase();
            let index =
                lower.split_once("/secrets/").and_then(|(_, rest)| rest.split('/').next()).and_then(|i| i.parse().ok());
            (d.code.to_string(), index)
        })
        .collect();
    findings.sort();
    let policies = report.policies.iter().map(|p| serde_json::to_string(&p.document).unwrap()).collect();
    (findings, policies)
}

fn options() -> Options {
    Options { region: Some("eu-west-1".into()), account_id: Some("123456789012".into()), ..Options::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_form_gives_the_same_findings_and_policy(picks in proptest::collection::vec(0usize..64, 1..6)) {
        let secrets = secrets(&picks);
        let expected = analyze(&api(&secrets), &options());
        prop_assert_eq!(expected.form, batchlint::forms::Form::Api);
        let expected = essence(&expected);
        for (form, text) in [
            (batchlint::forms::Form::CloudFormation, cfn_json(&secrets)),
            (batchlint::forms::Form::CloudFormation, cfn_yaml(&secrets)),
            (batchlint::forms::Form::Terraform, terraform(&secrets)),
        ] {
            let report = analyze(&text, &options());
            prop_assert_eq!(report.form, form, "{}", text);
            prop_assert_eq!(&essence(&report), &expected, "{}", text);
        }
    }
}

#[test]
fn the_same_secret_has_its_place_in_each_form() {
    let secrets = secrets(&[6]);
    let pointer = |text: &str| {
        let report = analyze(text, &options());
        let d = report.diagnostics.iter().find(|d| d.code == "BL309").unwrap().clone();
        (d.path, d.range.start.line)
    };
    assert_eq!(pointer(&api(&secrets)), ("/containerProperties/secrets/0/valueFrom".to_string(), 1));
    assert_eq!(
        pointer(&cfn_json(&secrets)),
        ("/Resources/Job/Properties/ContainerProperties/Secrets/0/ValueFrom".to_string(), 1)
    );
    assert_eq!(
        pointer(&cfn_yaml(&secrets)),
        ("/Resources/Job/Properties/ContainerProperties/Secrets/0/ValueFrom".to_string(), 18)
    );
    assert_eq!(
        pointer(&terraform(&secrets)),
        ("/resource/aws_batch_job_definition/job/container_properties/secrets/0/valueFrom".to_string(), 8)
    );
}
