//! Run-time notes (BL9xx): bad and good examples through `analyze`.

use crate::cases::{Case, Place};
use crate::common::{findings, only_in as only};
use batchlint::Severity;

const EC2_WITH_SECRETS: &str = r#"{
  "jobDefinitionName": "nightly-report",
  "type": "container",
  "containerProperties": {
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4",
    "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec",
    "resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}],
    "secrets": [
      {"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"},
      {"name": "API_TOKEN", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api-AbCdEf"}
    ],
    "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}
  }
}"#;

const EC2_WITHOUT_SECRETS: &str = r#"{
  "jobDefinitionName": "nightly-report",
  "type": "container",
  "containerProperties": {
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4",
    "resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}],
    "environment": [{"name": "REPORT_DAY", "value": "monday"}]
  }
}"#;

#[test]
fn bl901_secrets_read_at_start_once_per_job() {
    let d = only(EC2_WITH_SECRETS, "BL901");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.path, "/containerProperties/secrets");
    assert_eq!(
        d.message,
        "secret values are read once when the container starts; a rotated value reaches only jobs submitted later"
    );
    assert!(findings(EC2_WITHOUT_SECRETS, "BL901").is_empty());
    // Registry credentials alone are not injected values.
    let creds_only = EC2_WITHOUT_SECRETS.replace(
        r#""environment""#,
        r#""repositoryCredentials": {"credentialsParameter": "dockerhub"}, "environment""#,
    );
    assert!(findings(&creds_only, "BL901").is_empty());
}

#[test]
fn bl902_ec2_agent_version() {
    let d = only(EC2_WITH_SECRETS, "BL902");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.path, "/containerProperties/secrets");
    assert_eq!(
        d.message,
        "on EC2, secrets from Parameter Store and Secrets Manager need ECS container agent 1.23.0 or later on the compute environment's instances"
    );

    let selectors = EC2_WITH_SECRETS.replace("secret:api-AbCdEf", "secret:api-AbCdEf:token::");
    assert_eq!(
        only(&selectors, "BL902").message,
        "on EC2, JSON-key or version selectors in Secrets Manager references need ECS container agent 1.37.0 or later on the compute environment's instances"
    );
    let creds_only = EC2_WITHOUT_SECRETS.replace(
        r#""environment""#,
        r#""repositoryCredentials": {"credentialsParameter": "dockerhub"}, "environment""#,
    );
    let d = only(&creds_only, "BL902");
    assert_eq!(d.path, "/containerProperties/repositoryCredentials");
    assert_eq!(d.message, "on EC2, private registry credentials need ECS container agent 1.19.0 or later on the compute environment's instances");

    assert!(findings(EC2_WITHOUT_SECRETS, "BL902").is_empty());
    let fargate = EC2_WITH_SECRETS
        .replace(r#""type": "container","#, r#""type": "container", "platformCapabilities": ["FARGATE"],"#);
    assert!(findings(&fargate, "BL902").is_empty());
}

const FARGATE: &str = r#"{
  "jobDefinitionName": "fargate-etl",
  "type": "container",
  "platformCapabilities": ["FARGATE"],
  "containerProperties": {
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:2",
    "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec",
    "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}],
    "networkConfiguration": {"assignPublicIp": "DISABLED"},
    "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]
  }
}"#;

#[test]
fn bl903_fargate_secrets_network() {
    let d = only(FARGATE, "BL903");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.path, "/containerProperties/networkConfiguration/assignPublicIp");
    assert_eq!(
        d.message,
        "this Fargate job gets no public IP, so it needs a NAT gateway or VPC endpoints to fetch its secrets"
    );
    let no_network = FARGATE.replace(r#""networkConfiguration": {"assignPublicIp": "DISABLED"},"#, "");
    assert_eq!(only(&no_network, "BL903").path, "/containerProperties");

    let good = FARGATE.replace("DISABLED", "ENABLED");
    assert!(findings(&good, "BL903").is_empty());
    let no_secrets = FARGATE
        .replace(r#""secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]"#, r#""environment": []"#);
    assert!(findings(&no_secrets, "BL903").is_empty());
}

#[test]
fn bl903_task_network_configuration() {
    let bad = r#"{"jobDefinitionName": "etl", "type": "container", "platformCapabilities": ["FARGATE"],
  "ecsProperties": {"taskProperties": [{
    "executionRoleArn": "arn:aws:iam::123456789012:role/etl-exec",
    "networkConfiguration": {},
    "containers": [{"name": "app", "image": "app:1", "secrets": [{"name": "A", "valueFrom": "/a"}]}]}]}}"#;
    assert_eq!(only(bad, "BL903").path, "/ecsProperties/taskProperties/0/networkConfiguration");
    let good = bad.replace(r#""networkConfiguration": {}"#, r#""networkConfiguration": {"assignPublicIp": "ENABLED"}"#);
    assert!(findings(&good, "BL903").is_empty());
}

#[test]
fn inactive_revisions_are_left_out_of_the_policy() {
    let job = |revision: u32, status: &str, value_from: &str| {
        format!(
            r#"{{"jobDefinitionName": "etl", "jobDefinitionArn": "arn:aws:batch:us-east-1:111122223333:job-definition/etl:{revision}", "revision": {revision}, "status": "{status}", "type": "container", "containerProperties": {{"image": "etl:1", "executionRoleArn": "arn:aws:iam::111122223333:role/etl-exec", "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}], "secrets": [{{"name": "KEY", "valueFrom": "{value_from}"}}]}}}}"#
        )
    };
    let text =
        format!(r#"{{"jobDefinitions": [{}, {}]}}"#, job(7, "ACTIVE", "/etl/key"), job(6, "INACTIVE", "/etl/old-key"));
    let report = batchlint::analyze(&text, &batchlint::Options::default());
    let notes: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL904")
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(
            "/jobDefinitions/1/status",
            "revision 6 of `etl` is INACTIVE: its secret reference is left out of the policy"
        )]
    );
    let resources: Vec<&String> =
        report.policies.iter().flat_map(|p| &p.document.statement).flat_map(|s| &s.resource).collect();
    assert_eq!(resources, ["arn:aws:ssm:us-east-1:111122223333:parameter/etl/key"]);
    assert_eq!(report.references.len(), 2, "the inactive revision's reference is still listed");
    assert!(report.references[1].grants.is_empty());
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL901",
        place: Place::Request,
        bad: r#"{"containerProperties": {"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
        path: "/containerProperties/secrets",
        message: "secret values are read once when the container starts; a rotated value reaches only jobs submitted later",
        good: r#"{"containerProperties": {"environment": [{"name": "DB_PASSWORD_PARAMETER", "value": "/prod/db/password"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL902",
        place: Place::Request,
        bad: r#"{"containerProperties": {"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#,
        path: "/containerProperties/secrets",
        message: "on EC2, JSON-key or version selectors in Secrets Manager references need ECS container agent 1.37.0 or later on the compute environment's instances",
        good: r#"{"containerProperties": {"environment": [{"name": "MODE", "value": "batch"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL903",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "DISABLED"}, "secrets": [{"name": "T", "valueFrom": "/t"}]}}"#,
        path: "/containerProperties/networkConfiguration/assignPublicIp",
        message: "this Fargate job gets no public IP, so it needs a NAT gateway or VPC endpoints to fetch its secrets",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}, "secrets": [{"name": "T", "valueFrom": "/t"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL904",
        place: Place::Document,
        bad: r#"{"jobDefinitions": [{"jobDefinitionName": "etl", "revision": 6, "status": "INACTIVE", "containerProperties": {"secrets": [{"name": "OLD_KEY", "valueFrom": "/etl/old-key"}]}}]}"#,
        path: "/jobDefinitions/0/status",
        message: "revision 6 of `etl` is INACTIVE: its secret reference is left out of the policy",
        good: r#"{"jobDefinitions": [{"jobDefinitionName": "etl", "revision": 7, "status": "ACTIVE", "containerProperties": {"secrets": [{"name": "KEY", "valueFrom": "/etl/key"}]}}]}"#,
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
