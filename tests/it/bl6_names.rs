//! Environment and secret names (BL6xx): bad and good examples through `analyze`.

use crate::cases::{Case, Place};
use crate::common::{findings, only_in as only};
use batchlint::Severity;

/// A realistic EC2 job whose container has the given `environment` and `secrets` lists.
fn job(environment: &str, secrets: &str) -> String {
    format!(
        r#"{{
  "jobDefinitionName": "nightly-report",
  "type": "container",
  "containerProperties": {{
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4",
    "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec",
    "resourceRequirements": [{{"type": "VCPU", "value": "2"}}, {{"type": "MEMORY", "value": "4096"}}],
    "environment": {environment},
    "secrets": {secrets}
  }}
}}"#
    )
}

const DB_SECRET: &str = r#"[{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]"#;

#[test]
fn bl601_secret_shadows_environment() {
    let bad = job(r#"[{"name": "DB_HOST", "value": "db.internal"}, {"name": "DB_PASSWORD", "value": ""}]"#, DB_SECRET);
    let d = only(&bad, "BL601");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/secrets/0/name");
    assert_eq!(d.message, "secret `DB_PASSWORD` has the same name as an environment variable of the container");
    let good = job(r#"[{"name": "DB_HOST", "value": "db.internal"}]"#, DB_SECRET);
    assert!(findings(&good, "BL601").is_empty());
}

#[test]
fn bl601_names_the_task_container() {
    let bad = r#"{"jobDefinitionName": "etl", "type": "container", "ecsProperties": {"taskProperties": [{
  "executionRoleArn": "arn:aws:iam::123456789012:role/etl-exec",
  "containers": [
    {"name": "app", "image": "app:1", "environment": [{"name": "TOKEN", "value": "x"}], "secrets": [{"name": "TOKEN", "valueFrom": "/t"}]},
    {"name": "sidecar", "image": "side:1", "secrets": [{"name": "OTHER", "valueFrom": "/o"}]}
  ]}]}}"#;
    let d = only(bad, "BL601");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/containers/0/secrets/0/name");
    assert_eq!(d.message, "secret `TOKEN` has the same name as an environment variable of container \"app\"");
    // The same name in two containers is fine.
    let good = bad
        .replace(r#""environment": [{"name": "TOKEN", "value": "x"}], "#, "")
        .replace(r#""name": "OTHER""#, r#""name": "TOKEN""#);
    assert!(findings(&good, "BL601").is_empty());
    assert!(findings(&good, "BL602").is_empty());
}

#[test]
fn bl602_duplicate_secret_name() {
    let bad = job(
        "[]",
        r#"[{"name": "API_TOKEN", "valueFrom": "/app/token"}, {"name": "API_TOKEN", "valueFrom": "/app/token-v2"}]"#,
    );
    let d = only(&bad, "BL602");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/secrets/1/name");
    assert_eq!(d.message, "secret `API_TOKEN` is set twice in the container");
    let good = job("[]", r#"[{"name": "API_TOKEN", "valueFrom": "/app/token-v2"}]"#);
    assert!(findings(&good, "BL602").is_empty());
}

#[test]
fn bl603_duplicate_environment_name() {
    let bad = job(
        r#"[{"name": "LOG_LEVEL", "value": "info"}, {"name": "REGION", "value": "eu-west-1"}, {"name": "LOG_LEVEL", "value": "debug"}]"#,
        "[]",
    );
    let d = only(&bad, "BL603");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/containerProperties/environment/2/name");
    assert_eq!(d.message, "environment variable `LOG_LEVEL` is set twice in the container");
    let good = job(r#"[{"name": "LOG_LEVEL", "value": "debug"}, {"name": "REGION", "value": "eu-west-1"}]"#, "[]");
    assert!(findings(&good, "BL603").is_empty());
}

#[test]
fn bl603_eks_env() {
    let bad = r#"{"jobDefinitionName": "eks-job", "type": "container", "eksProperties": {"podProperties": {"containers": [
  {"name": "main", "image": "app:1", "env": [{"name": "MODE", "value": "a"}, {"name": "MODE", "value": "b"}]}]}}}"#;
    let d = only(bad, "BL603");
    assert_eq!(d.path, "/eksProperties/podProperties/containers/0/env/1/name");
    assert_eq!(d.message, "environment variable `MODE` is set twice in container \"main\"");
    assert!(findings(&bad.replace(r#"{"name": "MODE", "value": "b"}"#, r#"{"name": "STAGE", "value": "b"}"#), "BL603")
        .is_empty());
}

#[test]
fn bl604_reserved_environment_prefix() {
    let bad = job(r#"[{"name": "AWS_BATCH_JOB_QUEUE", "value": "nightly"}]"#, "[]");
    let d = only(&bad, "BL604");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/environment/0/name");
    assert_eq!(d.message, "environment variable `AWS_BATCH_JOB_QUEUE` starts with the reserved prefix `AWS_BATCH`");
    let good = job(r#"[{"name": "JOB_QUEUE", "value": "nightly"}]"#, "[]");
    assert!(findings(&good, "BL604").is_empty());
}

#[test]
fn bl605_reserved_secret_prefix() {
    let bad = job("[]", r#"[{"name": "AWS_BATCH_TOKEN", "valueFrom": "/batch/token"}]"#);
    let d = only(&bad, "BL605");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/containerProperties/secrets/0/name");
    assert_eq!(d.message, "secret `AWS_BATCH_TOKEN` starts with the reserved prefix `AWS_BATCH`");
    let good = job("[]", r#"[{"name": "BATCH_TOKEN", "valueFrom": "/batch/token"}]"#);
    assert!(findings(&good, "BL605").is_empty());
}

#[test]
fn bl606_value_from_in_environment() {
    let bad = job(r#"[{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]"#, "[]");
    let d = only(&bad, "BL606");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/environment/0/valueFrom");
    assert_eq!(d.message, "environment variable `DB_PASSWORD` has `valueFrom`, which only `secrets` entries take");
    assert_eq!(
        d.help,
        r#"Move the entry from `environment` to `secrets`: `"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]`."#
    );
    let good = job("[]", DB_SECRET);
    assert!(findings(&good, "BL606").is_empty());
}

#[test]
fn bl607_secret_reference_in_environment() {
    let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf";
    let bad = job(&format!(r#"[{{"name": "DB_PASSWORD", "value": "{arn}"}}]"#), "[]");
    let d = only(&bad, "BL607");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/containerProperties/environment/0/value");
    assert_eq!(d.message, "environment variable `DB_PASSWORD` holds a Secrets Manager secret ARN; the container gets this text, not the secret");
    assert!(findings(&bad, "BL608").is_empty(), "one finding per value");
    let ssm = job(r#"[{"name": "API_KEY", "value": "/aws/reference/secretsmanager/api"}]"#, "[]");
    assert_eq!(
        only(&ssm, "BL607").message,
        "environment variable `API_KEY` holds a Parameter Store reference to a Secrets Manager secret; the container gets this text, not the secret"
    );
    // The code reads the secret itself: the name says it holds an ARN.
    let good = job(&format!(r#"[{{"name": "DB_SECRET_ARN", "value": "{arn}"}}]"#), "[]");
    assert!(findings(&good, "BL607").is_empty());
}

#[test]
fn bl608_plaintext_secret_in_environment() {
    let bad = job(
        r#"[{"name": "DB_HOST", "value": "db.internal"}, {"name": "STRIPE_API_KEY", "value": "sk_live_51Hx"}]"#,
        "[]",
    );
    let d = only(&bad, "BL608");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/containerProperties/environment/1/value");
    assert_eq!(
        d.message,
        "environment variable `STRIPE_API_KEY` looks like a secret and is stored in plain text in the job definition"
    );
    let good = job(
        r#"[{"name": "DB_HOST", "value": "db.internal"}, {"name": "TOKENIZERS_PARALLELISM", "value": "false"}, {"name": "PASSWORD_FILE", "value": "/run/pw"}]"#,
        r#"[{"name": "STRIPE_API_KEY", "valueFrom": "/stripe/key"}]"#,
    );
    assert!(findings(&good, "BL608").is_empty());
}

#[test]
fn bl608_names_and_values_that_say_where_a_secret_is_are_not_secrets() {
    // Names for where a secret is, and values that are paths, ARNs or templates.
    for (name, value) in [
        ("DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"),
        ("DB_PASSWORD_PARAMETER_NAME", "prod-db-password"),
        ("API_TOKEN_PARAMETER", "prod-api-token"),
        ("DB_PASSWORD", "/run/secrets/db"),
        ("DB_PASSWORD", "./secrets/db.txt"),
        ("DB_PASSWORD", "../secrets/db.txt"),
        ("DB_PASSWORD", "~/.secrets/db"),
        ("SIGNING_SECRET", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("API_TOKEN", "${API_TOKEN}"),
        ("AWS_ACCESS_KEY_ID", "${AWS_ACCESS_KEY_ID}"),
        // IAM's other unique IDs are no keys (IAM User Guide, unique ID prefixes).
        ("ROLE_UNIQUE_ID", "AROAIOSFODNN7EXAMPLE"),
    ] {
        let text = job(&format!(r#"[{{"name": "{name}", "value": "{value}"}}]"#), "[]");
        let report = batchlint::analyze(&text, &batchlint::Options::default());
        let found: Vec<&str> =
            report.diagnostics.iter().map(|d| d.code).filter(|c| ["BL001", "BL607", "BL608"].contains(c)).collect();
        assert!(found.is_empty(), "{name}={value}: {found:?}");
    }
}

#[test]
fn bl608_a_temporary_access_key_is_a_warning() {
    let bad = job(r#"[{"name": "AWS_ACCESS_KEY_ID", "value": "ASIAIOSFODNN7EXAMPLE"}]"#, "[]");
    let d = only(&bad, "BL608");
    assert_eq!((d.severity, d.path.as_str()), (Severity::Warning, "/containerProperties/environment/0/value"));
    assert_eq!(
        d.message,
        "environment variable `AWS_ACCESS_KEY_ID` holds a temporary AWS access key ID (`ASIA…`) in plain text in the job definition"
    );
    assert!(findings(&bad, "BL001").is_empty());
    // A long-term key is BL001's, not also BL608's.
    let long_term =
        job(r#"[{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]"#, "[]");
    assert!(findings(&long_term, "BL608").is_empty());
    assert_eq!(findings(&long_term, "BL001").len(), 1);
}

#[test]
fn positions_count_utf16_units_after_non_ascii_text() {
    // "🚀" is two UTF-16 units, "夜間" two units of three bytes each.
    let bad = "{\"jobDefinitionName\": \"nightly\", \"type\": \"container\", \"containerProperties\": {\"image\": \"app:1\",\n  \"environment\": [{\"name\": \"NOTE\", \"value\": \"🚀 夜間\"}, {\"name\": \"AWS_BATCH_X\", \"value\": \"1\"}]}}";
    let d = only(bad, "BL604");
    assert_eq!(d.path, "/containerProperties/environment/1/name");
    let line = bad.lines().nth(1).unwrap();
    let byte_column = line.find("\"AWS_BATCH_X\"").unwrap();
    let utf16_column = line[..byte_column].encode_utf16().count() as u32 + 1;
    assert_eq!((d.range.start.line, d.range.start.column), (2, utf16_column));
    assert_eq!(d.range.start.column, 64, "64 in UTF-16 units; counting bytes would give 70");
    assert_eq!(d.range.end.column, 64 + "\"AWS_BATCH_X\"".len() as u32);
}

/// An EKS `env` entry with `valueFrom` (a Parameter Store name, or Kubernetes'
/// `secretKeyRef`) is one mistake: BL606 alone, with help for EKS, which has no `secrets`.
#[test]
fn bl606_eks_env_value_from_is_reported_once() {
    for value_from in [r#""/prod/db/password""#, r#"{"secretKeyRef": {"name": "db", "key": "password"}}"#] {
        let bad = format!(
            r#"{{"jobDefinitionName": "eks-job", "type": "container", "eksProperties": {{"podProperties": {{"containers": [
  {{"name": "main", "image": "app:1", "env": [{{"name": "DB_PASSWORD", "valueFrom": {value_from}}}]}}]}}}}}}"#
        );
        assert!(findings(&bad, "BL201").is_empty(), "{:#?}", findings(&bad, "BL201"));
        let d = only(&bad, "BL606");
        assert_eq!(d.path, "/eksProperties/podProperties/containers/0/env/0/valueFrom");
        assert_eq!(
            d.message,
            "environment variable `DB_PASSWORD` has `valueFrom`, but EKS `env` entries take only `name` and `value`"
        );
        assert!(!d.message.contains("secrets"));
        assert!(d.help.contains("secretKeyRef`") && d.help.contains("`secret` volume"), "{}", d.help);
    }
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL601",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "value": "changeme"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        path: "/containerProperties/secrets/0/name",
        message: "secret `DB_PASSWORD` has the same name as an environment variable of the container",
        good: r#"{"environment": [{"name": "DB_HOST", "value": "db.internal"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL602",
        place: Place::Container,
        bad: r#"{"secrets": [{"name": "TOKEN", "valueFrom": "/app/token"}, {"name": "TOKEN", "valueFrom": "/app/token-v2"}]}"#,
        path: "/containerProperties/secrets/1/name",
        message: "secret `TOKEN` is set twice in the container",
        good: r#"{"secrets": [{"name": "TOKEN", "valueFrom": "/app/token-v2"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL603",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "LOG_LEVEL", "value": "debug"}]}"#,
        path: "/containerProperties/environment/1/name",
        message: "environment variable `LOG_LEVEL` is set twice in the container",
        good: r#"{"environment": [{"name": "LOG_LEVEL", "value": "debug"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL604",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "AWS_BATCH_JOB_QUEUE", "value": "nightly"}]}"#,
        path: "/containerProperties/environment/0/name",
        message: "environment variable `AWS_BATCH_JOB_QUEUE` starts with the reserved prefix `AWS_BATCH`",
        good: r#"{"environment": [{"name": "JOB_QUEUE", "value": "nightly"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL605",
        place: Place::Container,
        bad: r#"{"secrets": [{"name": "AWS_BATCH_TOKEN", "valueFrom": "/batch/token"}]}"#,
        path: "/containerProperties/secrets/0/name",
        message: "secret `AWS_BATCH_TOKEN` starts with the reserved prefix `AWS_BATCH`",
        good: r#"{"secrets": [{"name": "BATCH_TOKEN", "valueFrom": "/batch/token"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL606",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        path: "/containerProperties/environment/0/valueFrom",
        message: "environment variable `DB_PASSWORD` has `valueFrom`, which only `secrets` entries take",
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL607",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "value": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}]}"#,
        path: "/containerProperties/environment/0/value",
        message: "environment variable `DB_PASSWORD` holds an SSM parameter ARN; the container gets this text, not the secret",
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL608",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "value": "hunter22"}]}"#,
        path: "/containerProperties/environment/0/value",
        message: "environment variable `DB_PASSWORD` looks like a secret and is stored in plain text in the job definition",
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
