//! Execution-role rules (BL5xx): bad and good examples through `analyze`.

use crate::cases::{Case, Place};
use crate::common::{findings, only_in as only};
use batchlint::Severity;

#[test]
fn bl501_secrets_without_execution_role() {
    let bad = r#"{
  "jobDefinitionName": "nightly-report",
  "type": "container",
  "containerProperties": {
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4",
    "resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}],
    "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}],
    "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-AbCdEf"}
  }
}"#;
    let d = only(bad, "BL501");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties");
    assert_eq!(
        d.message,
        "`secrets` and `repositoryCredentials` need an execution role, but the container has no `executionRoleArn`"
    );
    assert_eq!((d.range.start.line, d.range.start.column), (4, 26));

    let good = bad.replace(r#""image""#, r#""executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "image""#);
    assert!(findings(&good, "BL501").is_empty());
}

#[test]
fn bl501_reports_once_per_task_naming_the_containers() {
    let bad = r#"{
  "jobDefinitionName": "etl",
  "type": "container",
  "ecsProperties": {"taskProperties": [{
    "containers": [
      {"name": "app", "image": "app:1", "secrets": [{"name": "A", "valueFrom": "/a"}, {"name": "B", "valueFrom": "/b"}]},
      {"name": "log-router", "image": "fluent-bit:2", "logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}
    ]
  }]}
}"#;
    let d = only(bad, "BL501");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0");
    assert_eq!(
        d.message,
        "`secrets` of container \"app\" and `logConfiguration.secretOptions` of container \"log-router\" need an execution role, but the task has no `executionRoleArn`"
    );
    let good = bad
        .replace(r#""containers""#, r#""executionRoleArn": "arn:aws:iam::123456789012:role/etl-exec", "containers""#);
    assert!(findings(&good, "BL501").is_empty());
}

#[test]
fn bl502_fargate_without_execution_role() {
    let bad = r#"{
  "jobDefinitionName": "fargate-hello",
  "type": "container",
  "platformCapabilities": ["FARGATE"],
  "containerProperties": {
    "image": "public.ecr.aws/docker/library/busybox:latest",
    "resourceRequirements": [{"type": "VCPU", "value": "0.25"}, {"type": "MEMORY", "value": "512"}]
  }
}"#;
    let d = only(bad, "BL502");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties");
    assert_eq!(d.message, "this Fargate job has no `executionRoleArn` on the container");
    let good = bad.replace(r#""image""#, r#""executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "image""#);
    assert!(findings(&good, "BL502").is_empty());
    // With secrets, BL501 says it (with a Fargate note) and BL502 stays quiet.
    let with_secrets = bad.replace(r#""image""#, r#""secrets": [{"name": "T", "valueFrom": "/t"}], "image""#);
    assert!(findings(&with_secrets, "BL502").is_empty());
    assert!(only(&with_secrets, "BL501").help.ends_with("Fargate jobs need an execution role in any case."));
}

fn role_job(field: &str, value: &str) -> String {
    format!(
        r#"{{
  "jobDefinitionName": "nightly",
  "type": "container",
  "containerProperties": {{
    "image": "app:1",
    "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}],
    "{field}": "{value}"
  }}
}}"#
    )
}

#[test]
fn bl503_invalid_role_arn() {
    let cases = [
        (
            "executionRoleArn",
            "arn:aws:iam:us-east-1:123456789012:role/batch-exec",
            "`executionRoleArn` has a region (`us-east-1`), but IAM ARNs have none",
        ),
        (
            "executionRoleArn",
            "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole",
            "`executionRoleArn` names an instance profile, not a role",
        ),
        ("jobRoleArn", "arn:aws:iam::123456789012:user/deploy", "`jobRoleArn` names an IAM user, not a role"),
        ("executionRoleArn", "batch-exec", "`executionRoleArn` is a role name, not an ARN: `batch-exec`"),
        (
            "executionRoleArn",
            "arn:aws:iam::1234567890:role/x",
            "`executionRoleArn` has `1234567890` where the 12-digit account ID belongs",
        ),
        (
            "executionRoleArn",
            "arn:aws:iam::123456789012:role/team/*",
            "`executionRoleArn` has an invalid role name `*`",
        ),
        (
            "executionRoleArn",
            "arn:aws-gov:iam::123456789012:role/x",
            "`executionRoleArn` has an unknown partition `aws-gov`",
        ),
    ];
    for (field, value, message) in cases {
        let d = only(&role_job(field, value), "BL503");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.path, format!("/containerProperties/{field}"));
        assert_eq!(d.message, message);
    }
    let d = only(&role_job("executionRoleArn", "arn:aws:iam:us-east-1:123456789012:role/batch-exec"), "BL503");
    assert_eq!(
        d.help,
        "Leave the region field empty: `arn:aws:iam::123456789012:role/batch-exec`. IAM roles are global."
    );
    for good in
        ["arn:aws:iam::123456789012:role/batch-exec", "arn:aws-us-gov:iam::123456789012:role/service-role/Batch.Exec@2"]
    {
        assert!(findings(&role_job("executionRoleArn", good), "BL503").is_empty());
        assert!(findings(&role_job("jobRoleArn", good), "BL503").is_empty());
    }
}

#[test]
fn bl503_an_execution_role_by_name_is_refused_by_batch() {
    let d = only(&role_job("executionRoleArn", "batch-exec"), "BL503");
    assert_eq!(
        d.help,
        "Give the role's full ARN, such as `arn:aws:iam::123456789012:role/batch-exec` with your partition and account: Batch refuses a name here (\"executionRoleArn batch-exec is not an iam role arn\")."
    );
}

#[test]
fn bl505_a_job_role_by_name_is_a_warning() {
    // `JobRoleArn: !Ref MyRole` gives the name; ECS takes a short name for the task role.
    let report = role_job("jobRoleArn", "MyJobRole");
    let d = only(&report, "BL505");
    assert_eq!(
        (d.severity, d.path.as_str(), d.message.as_str()),
        (Severity::Warning, "/containerProperties/jobRoleArn", "`jobRoleArn` is a role name, not an ARN: `MyJobRole`")
    );
    assert_eq!(
        d.help,
        "Give the role's ARN, such as `arn:aws:iam::123456789012:role/MyJobRole` with your partition and account; in CloudFormation, `!GetAtt MyJobRole.Arn` instead of `!Ref MyJobRole`. ECS completes a bare name only for a role whose path is `/`."
    );
    assert!(findings(&role_job("jobRoleArn", "MyJobRole"), "BL503").is_empty());
    // The task role of `ecsProperties` too; a malformed value is still BL503.
    let d = only(&task_role_job("etl-task"), "BL505");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/taskRoleArn");
    assert_eq!(d.message, "`taskRoleArn` is a role name, not an ARN: `etl-task`");
    assert_eq!(
        only(&role_job("jobRoleArn", "my job role"), "BL503").message,
        "`jobRoleArn` is not an ARN: `my job role`"
    );
}

/// An `ecsProperties` job whose task has `taskRoleArn` set to `task_role`.
fn task_role_job(task_role: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "etl", "type": "container", "ecsProperties": {{"taskProperties": [{{
  "executionRoleArn": "arn:aws:iam::123456789012:role/etl-exec",
  "taskRoleArn": "{task_role}",
  "containers": [{{"name": "app", "image": "app:1"}}]}}]}}}}"#
    )
}

#[test]
fn bl503_checks_task_roles() {
    let d = only(&task_role_job("arn:aws:s3:::my-bucket"), "BL503");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/taskRoleArn");
    assert_eq!(d.message, "`taskRoleArn` names a resource of service `s3`, not an IAM role");
    assert!(findings(&task_role_job("arn:aws:iam::123456789012:role/etl-task"), "BL503").is_empty());
}

#[test]
fn bl504_execution_role_is_job_role() {
    let bad = r#"{
  "jobDefinitionName": "nightly",
  "type": "container",
  "containerProperties": {
    "image": "app:1",
    "executionRoleArn": "arn:aws:iam::123456789012:role/batch",
    "jobRoleArn": "arn:aws:iam::123456789012:role/batch"
  }
}"#;
    let d = only(bad, "BL504");
    assert_eq!(d.severity, Severity::Info);
    assert_eq!(d.path, "/containerProperties/jobRoleArn");
    assert_eq!(d.message, "`jobRoleArn` is the execution role `batch`, so the code in the job can read every secret of the job definition");
    let good = bad.replace("role/batch\"\n  }", "role/batch-job\"\n  }");
    assert!(findings(&good, "BL504").is_empty());
}

/// AWS's guide writes `"logConfiguration": [{...}]` (BL203); the references look inside, and
/// so must every family that reads what the execution role is used for.
#[test]
fn wrapped_log_configuration_is_seen_by_every_family() {
    let bad = r#"{
  "jobDefinitionName": "fargate-splunk",
  "type": "container",
  "platformCapabilities": ["FARGATE"],
  "containerProperties": {
    "image": "app:1",
    "fargatePlatformConfiguration": {"platformVersion": "1.1.0"},
    "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}],
    "logConfiguration": [{"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}]
  }
}"#;
    assert_eq!(only(bad, "BL203").path, "/containerProperties/logConfiguration");
    let d = only(bad, "BL501");
    assert_eq!(
        d.message,
        "`logConfiguration.secretOptions` need an execution role, but the container has no `executionRoleArn`"
    );
    assert!(findings(bad, "BL502").is_empty());
    let d = only(bad, "BL710");
    assert_eq!(d.message, "platform version `1.1.0` is too old for secrets, which need 1.3.0 or later");
    assert_eq!(only(bad, "BL901").path, "/containerProperties/logConfiguration/0/secretOptions");
    assert_eq!(only(bad, "BL903").path, "/containerProperties");

    let fluentd = bad.replace(r#""logDriver": "splunk""#, r#""logDriver": "fluentd""#);
    let d = only(&fluentd, "BL705");
    assert_eq!(d.path, "/containerProperties/logConfiguration/0/logDriver");
    let d = only(&fluentd, "BL711");
    assert_eq!(d.path, "/containerProperties/logConfiguration/0/secretOptions/0/name");
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL501",
        place: Place::Request,
        bad: r#"{"containerProperties": {"image": "app:1", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
        path: "/containerProperties",
        message: "`secrets` need an execution role, but the container has no `executionRoleArn`",
        good: r#"{"containerProperties": {"image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL502",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "app:1"}}"#,
        path: "/containerProperties",
        message: "this Fargate job has no `executionRoleArn` on the container",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL503",
        place: Place::Request,
        bad: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam:us-east-1:123456789012:role/batch-exec"}}"#,
        path: "/containerProperties/executionRoleArn",
        message: "`executionRoleArn` has a region (`us-east-1`), but IAM ARNs have none",
        good: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL504",
        place: Place::Request,
        bad: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch", "jobRoleArn": "arn:aws:iam::123456789012:role/batch"}}"#,
        path: "/containerProperties/jobRoleArn",
        message: "`jobRoleArn` is the execution role `batch`, so the code in the job can read every secret of the job definition",
        good: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL505",
        place: Place::Request,
        bad: r#"{"containerProperties": {"jobRoleArn": "batch-job"}}"#,
        path: "/containerProperties/jobRoleArn",
        message: "`jobRoleArn` is a role name, not an ARN: `batch-job`",
        good: r#"{"containerProperties": {"jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}}"#,
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
