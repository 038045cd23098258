//! Environment variable and secret names of each container: clashes, duplicates, the
//! reserved `AWS_BATCH` prefix, and secrets written into `environment` by mistake.

use super::facts::JobFacts;
use super::security;
use crate::aws::Arn;
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::Node;
use crate::model::{Container, ContainerKind};
use crate::rule::Rule;

declare_rules! {
    family: Names;

    SECRET_SHADOWS_ENVIRONMENT = "BL601" "secret-shadows-environment" Error {
        summary: "a secret has the same name as an environment variable of its container",
        help: "Remove the variable from `environment` (the secret sets it), or rename one of the two.",
        why: "ECS rejects the container: \"The secret name must be unique and not shared with any new or existing environment variables set on the container, such as 'DB_PASSWORD'.\" (dagster-io/dagster#11622; compose-x/ecs_composex#707).",
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "value": "changeme"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        good: r#"{"environment": [{"name": "DB_HOST", "value": "db.internal"}], "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
    }

    DUPLICATE_SECRET_NAME = "BL602" "duplicate-secret-name" Error {
        summary: "two secrets of a container set the same name",
        help: "Keep one of the two secrets, or rename one: each name sets one environment variable (or one log option).",
        why: "ECS requires secret names to be unique in a container (the same check as for a clash with `environment`: \"The secret name must be unique…\"); at best one of the values is lost.",
        bad: r#"{"secrets": [{"name": "TOKEN", "valueFrom": "/app/token"}, {"name": "TOKEN", "valueFrom": "/app/token-v2"}]}"#,
        good: r#"{"secrets": [{"name": "TOKEN", "valueFrom": "/app/token-v2"}]}"#,
    }

    DUPLICATE_ENVIRONMENT_NAME = "BL603" "duplicate-environment-name" Warning {
        summary: "an environment variable is set twice in a container",
        help: "Keep one of the two entries: the container gets only one value, and which one is not what a reader of the job definition expects.",
        why: "A variable has one value; the Batch API accepts the list as given and one entry silently overrides the other.",
        bad: r#"{"environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "LOG_LEVEL", "value": "debug"}]}"#,
        good: r#"{"environment": [{"name": "LOG_LEVEL", "value": "debug"}]}"#,
    }

    RESERVED_ENVIRONMENT_PREFIX = "BL604" "reserved-environment-prefix" Error {
        summary: "an environment variable name starts with the reserved `AWS_BATCH` prefix",
        help: "Rename the variable: names starting with `AWS_BATCH` are set by Batch itself (`AWS_BATCH_JOB_ID`, `AWS_BATCH_JOB_ARRAY_INDEX`, …).",
        why: "The Batch API reference for `environment`: \"Environment variables cannot start with \"AWS_BATCH\". This naming convention is reserved for variables that Batch sets.\"",
        bad: r#"{"environment": [{"name": "AWS_BATCH_JOB_QUEUE", "value": "nightly"}]}"#,
        good: r#"{"environment": [{"name": "JOB_QUEUE", "value": "nightly"}]}"#,
    }

    RESERVED_SECRET_PREFIX = "BL605" "reserved-secret-prefix" Warning {
        summary: "a secret name starts with the reserved `AWS_BATCH` prefix",
        help: "Rename the secret: it becomes an environment variable, and names starting with `AWS_BATCH` are reserved for the variables Batch sets.",
        why: "The documented reservation covers `environment`; a secret sets an environment variable of the same name, so it can collide with the ones Batch sets (`AWS_BATCH_JOB_ID`, …).",
        bad: r#"{"secrets": [{"name": "AWS_BATCH_TOKEN", "valueFrom": "/batch/token"}]}"#,
        good: r#"{"secrets": [{"name": "BATCH_TOKEN", "valueFrom": "/batch/token"}]}"#,
    }

    VALUE_FROM_IN_ENVIRONMENT = "BL606" "value-from-in-environment" Error {
        summary: "an `environment` entry has `valueFrom`, which only secrets take",
        help: "Move the entry from `environment` to `secrets`: `\"secrets\": [{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"/prod/db/password\"}]`.",
        why: "Environment entries are `{name, value}`. Clients reject the extra member (\"Unexpected key 'valueFrom' found in params…environment[0]\", aws-actions/amazon-ecs-deploy-task-definition#44), and nothing would read the secret.",
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
    }

    SECRET_REFERENCE_IN_ENVIRONMENT = "BL607" "secret-reference-in-environment" Warning {
        summary: "an environment value is a secret reference, which is passed as plain text",
        help: "Move the entry to `secrets` with the reference as `valueFrom` so that the container gets the secret's value. If the code reads the secret itself, name the variable for what it holds (`…_ARN`, `…_PARAMETER`).",
        why: "`environment` values are passed as written: the container gets the ARN or path text, not the secret (aws/amazon-ecs-agent#1209).",
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "value": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}]}"#,
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}]}"#,
    }

    PLAINTEXT_SECRET_IN_ENVIRONMENT = "BL608" "plaintext-secret-in-environment" Warning {
        summary: "an environment variable named like a secret has a literal value",
        help: "Store the value in Secrets Manager or as an SSM SecureString parameter and reference it from `secrets`: environment values are visible to anyone who can describe the job definition.",
        why: "The Batch API reference advises against plaintext sensitive data in `environment`. Trivy AVD-AWS-0036 (names with password, secret, token, …) and KICS d40210ea (`password` in the name, Terraform) flag the same in ECS task definitions; checkov has no such check for ECS or Batch. batchlint leaves out names for where a secret is (`…_ARN`, `…_PARAMETER_NAME`, `…_FILE`) and values that are paths, ARNs or templates, and reads node ranges, `ecsProperties` tasks and EKS `env`; long-term AWS keys are an error (BL001).",
        bad: r#"{"environment": [{"name": "DB_PASSWORD", "value": "hunter22"}]}"#,
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}"#,
    }
}

const RESERVED_PREFIX: &str = "AWS_BATCH";

/// A `{name, …}` entry of `environment`, `env` or `secrets`.
struct Entry<'n, 'a> {
    /// `…/environment/3`, with the container's pointer.
    list: &'n str,
    index: usize,
    item: &'n Node<'a>,
    name_node: &'n Node<'a>,
    name: &'n str,
}

impl Entry<'_, '_> {
    /// The pointer to a member of the entry, built only when a finding needs it.
    fn pointer(&self, container: &Container<'_, '_>, member: &str) -> String {
        container.pointer.key(self.list).index(self.index).key(member).into()
    }

    /// Reports `rule` on the entry's `name`.
    fn report_name(&self, rule: &'static Rule, container: &Container<'_, '_>, message: String, sink: &mut Sink) {
        sink.report(rule, self.name_node.span, self.pointer(container, "name"), message);
    }
}

fn entries<'n, 'a>(container: &Container<'n, 'a>, member: &'n str) -> Vec<Entry<'n, 'a>> {
    let list = container.node.get(member).and_then(Node::as_array).unwrap_or(&[]);
    list.iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let name_node = item.get("name")?;
            let name = name_node.as_str()?;
            Some(Entry { list: member, index, item, name_node, name })
        })
        .collect()
}

/// The entries' names, sorted (then by position), to find repeats and look names up in
/// O(n log n) without hashing: a scan of the earlier entries was quadratic (a definition
/// may hold thousands of secrets), and a `HashSet` hashed every name with SipHash.
fn sorted_names<'n>(list: &[Entry<'n, '_>]) -> Vec<(&'n str, usize)> {
    let mut names: Vec<(&str, usize)> = list.iter().enumerate().map(|(i, e)| (e.name, i)).collect();
    names.sort_unstable();
    names
}

/// For each entry, whether an earlier entry has the same name.
fn repeated(sorted: &[(&str, usize)]) -> Vec<bool> {
    let mut out = vec![false; sorted.len()];
    for pair in sorted.windows(2) {
        if let [(a, _), (b, later)] = pair {
            if a == b {
                if let Some(flag) = out.get_mut(*later) {
                    *flag = true;
                }
            }
        }
    }
    out
}

pub fn check(facts: &JobFacts<'_, '_, '_>, sink: &mut Sink) {
    for container in &facts.job.containers {
        let eks = container.kind == ContainerKind::Eks;
        let env_member = if eks { "env" } else { "environment" };
        let env = entries(container, env_member);
        let env_names = sorted_names(&env);
        for (e, repeated) in env.iter().zip(repeated(&env_names)) {
            if repeated {
                e.report_name(
                    &DUPLICATE_ENVIRONMENT_NAME,
                    container,
                    format!("environment variable `{}` is set twice in {}", e.name, container.label()),
                    sink,
                );
            }
            if e.name.starts_with(RESERVED_PREFIX) {
                e.report_name(
                    &RESERVED_ENVIRONMENT_PREFIX,
                    container,
                    format!("environment variable `{}` starts with the reserved prefix `AWS_BATCH`", e.name),
                    sink,
                );
            }
            check_environment_value(container, e, eks, sink);
        }
        if eks {
            continue;
        }
        let secrets = entries(container, "secrets");
        let is_env_name = |name: &str| env_names.binary_search_by(|(n, _)| (*n).cmp(name)).is_ok();
        for (s, repeated) in secrets.iter().zip(repeated(&sorted_names(&secrets))) {
            if repeated {
                s.report_name(
                    &DUPLICATE_SECRET_NAME,
                    container,
                    format!("secret `{}` is set twice in {}", s.name, container.label()),
                    sink,
                );
            } else if is_env_name(s.name) {
                s.report_name(
                    &SECRET_SHADOWS_ENVIRONMENT,
                    container,
                    format!(
                        "secret `{}` has the same name as an environment variable of {}",
                        s.name,
                        container.label()
                    ),
                    sink,
                );
            }
            if s.name.starts_with(RESERVED_PREFIX) {
                s.report_name(
                    &RESERVED_SECRET_PREFIX,
                    container,
                    format!("secret `{}` starts with the reserved prefix `AWS_BATCH`", s.name),
                    sink,
                );
            }
        }
    }
}

fn check_environment_value(container: &Container<'_, '_>, e: &Entry<'_, '_>, eks: bool, sink: &mut Sink) {
    if let Some(member) = e.item.member("valueFrom") {
        let (message, help) = if eks {
            (
                format!("environment variable `{}` has `valueFrom`, but EKS `env` entries take only `name` and `value`", e.name),
                "EKS containers have no `secrets`, and Batch's EKS `env` takes neither Parameter Store references nor Kubernetes' `valueFrom.secretKeyRef`. \
                 Mount a Kubernetes Secret through a `secret` volume (`podProperties.volumes[].secret` with a `volumeMounts` entry), or read the secret from the code."
                    .to_string(),
            )
        } else {
            let value_from = member.value.as_str().unwrap_or("…");
            (
                format!("environment variable `{}` has `valueFrom`, which only `secrets` entries take", e.name),
                format!("Move the entry from `environment` to `secrets`: `\"secrets\": [{{\"name\": \"{}\", \"valueFrom\": \"{value_from}\"}}]`.", e.name),
            )
        };
        sink.report(&VALUE_FROM_IN_ENVIRONMENT, member.key_span, e.pointer(container, "valueFrom"), message).help(help);
    }
    let Some(value_node) = e.item.get("value") else { return };
    let Some(value) = value_node.as_str() else { return };
    if let Some(kind) = secret_reference_kind(value) {
        if !names_a_reference(e.name) {
            let help = if eks {
                "EKS containers get no secrets from `valueFrom`: use a Kubernetes Secret (a `secret` volume), or read the secret from the code and name the variable for what it holds (`…_ARN`).".to_string()
            } else {
                format!("Move the entry to `secrets` so that the container gets the value: `{{\"name\": \"{}\", \"valueFrom\": \"{}\"}}`. If the code reads the secret itself, name the variable for what it holds (`{}_ARN`).", e.name, value.trim(), e.name)
            };
            sink.report(
                &SECRET_REFERENCE_IN_ENVIRONMENT,
                value_node.span,
                e.pointer(container, "value"),
                format!("environment variable `{}` holds {kind}; the container gets this text, not the secret", e.name),
            )
            .help(help);
        }
        return;
    }
    // Long-term AWS keys are BL001's (an error).
    if security::is_long_term_key_id(value) || (e.name == security::SECRET_ACCESS_KEY && value_looks_literal(value)) {
        return;
    }
    let message = if security::is_temporary_key_id(value) {
        format!("environment variable `{}` holds a temporary AWS access key ID (`ASIA…`) in plain text in the job definition", e.name)
    } else if name_looks_secret(e.name) && value_looks_literal(value) {
        format!(
            "environment variable `{}` looks like a secret and is stored in plain text in the job definition",
            e.name
        )
    } else {
        return;
    };
    sink.report(&PLAINTEXT_SECRET_IN_ENVIRONMENT, value_node.span, e.pointer(container, "value"), message);
}

/// What kind of secret reference a string is, if it is one.
fn secret_reference_kind(value: &str) -> Option<&'static str> {
    let value = value.trim();
    if value.starts_with("/aws/reference/secretsmanager/") {
        return Some("a Parameter Store reference to a Secrets Manager secret");
    }
    let arn = Arn::parse(value)?;
    match arn.service {
        "ssm" if arn.resource.starts_with("parameter/") || arn.resource.starts_with("parameter:") => {
            Some("an SSM parameter ARN")
        }
        "secretsmanager" if arn.resource.starts_with("secret:") => Some("a Secrets Manager secret ARN"),
        _ => None,
    }
}

/// The words of a variable name, upper-cased: split at non-alphanumerics and at a lower-
/// to upper-case step (`dbPassword` → `DB`, `PASSWORD`).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (previous_lower && c.is_ascii_uppercase());
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if c.is_ascii_alphanumeric() {
            current.push(c.to_ascii_uppercase());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A last word saying the variable holds a reference to a secret, or a setting about it,
/// not the secret itself (`DB_SECRET_ARN`, `TOKEN_URL`, `PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`).
const METADATA_WORDS: &[&str] = &[
    "ARN",
    "ID",
    "IDS",
    "NAME",
    "NAMES",
    "FILE",
    "PATH",
    "DIR",
    "URL",
    "URI",
    "ENDPOINT",
    "HOST",
    "PORT",
    "TYPE",
    "LENGTH",
    "TTL",
    "EXPIRY",
    "EXPIRES",
    "REGION",
    "PARAM",
    "PARAMETER",
    "REF",
    "REFERENCE",
    "FIELD",
    "HEADER",
    "ENABLED",
    "ENABLE",
    "DISABLED",
    "REQUIRED",
    "MODE",
    "LOCATION",
    "FORMAT",
    "PROVIDER",
    "SOURCE",
    "VERSION",
    "STAGE",
    "AUDIENCE",
    "SCOPE",
    "SCOPES",
    "ISSUER",
    "POLICY",
    "ROTATION",
    "PREFIX",
];

fn names_a_reference(name: &str) -> bool {
    ends_with_metadata_word(&words(name))
}

fn ends_with_metadata_word(words: &[String]) -> bool {
    words.last().is_some_and(|w| METADATA_WORDS.contains(&w.as_str()))
}

fn name_looks_secret(name: &str) -> bool {
    let w = words(name);
    if ends_with_metadata_word(&w) {
        return false;
    }
    let has = |word: &str| w.iter().any(|x| x == word);
    let pair = |a: &str, b: &str| w.windows(2).any(|p| matches!(p, [x, y] if x == a && y == b));
    ["PASSWORD", "PASSWD", "PASS", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS", "CREDENTIAL", "PRIVATEKEY"]
        .iter()
        .any(|k| has(k))
        || pair("API", "KEY")
        || pair("PRIVATE", "KEY")
        || pair("ACCESS", "KEY")
}

/// A value that could be a real secret: not empty, not a switch, not a path, ARN or template.
pub(super) fn value_looks_literal(value: &str) -> bool {
    let v = value.trim();
    let switch = ["true", "false", "yes", "no", "on", "off", "none", "null", "enabled", "disabled"]
        .iter()
        .any(|s| v.eq_ignore_ascii_case(s));
    let path = ["/", "./", "../", "~/"].iter().any(|p| v.starts_with(p));
    v.chars().count() >= 4
        && !switch
        && !path
        && !v.starts_with("arn:")
        && !v.starts_with("${")
        && !v.starts_with("{{")
        && !v.starts_with("Ref::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words() {
        assert_eq!(words("dbPassword"), ["DB", "PASSWORD"]);
        assert_eq!(words("AWS_SECRET_ACCESS_KEY"), ["AWS", "SECRET", "ACCESS", "KEY"]);
        assert_eq!(words("api-key.v2"), ["API", "KEY", "V2"]);
    }

    #[test]
    fn secret_like_names() {
        for yes in [
            "DB_PASSWORD",
            "dbPassword",
            "GITHUB_TOKEN",
            "API_KEY",
            "STRIPE_APIKEY",
            "AWS_SECRET_ACCESS_KEY",
            "SMTP_PASS",
            "JWT_PRIVATE_KEY",
        ] {
            assert!(name_looks_secret(yes), "{yes}");
        }
        for no in [
            "TOKENIZERS_PARALLELISM",
            "DB_SECRET_ARN",
            "PASSWORD_FILE",
            "AWS_ACCESS_KEY_ID",
            "TOKEN_URL",
            "PWD",
            "SECRET_NAME",
            "KEYBOARD",
            "PASSPORT_COUNTRY",
        ] {
            assert!(!name_looks_secret(no), "{no}");
        }
        assert!(value_looks_literal("hunter22"));
        assert!(!value_looks_literal("true"));
        assert!(!value_looks_literal(""));
        assert!(!value_looks_literal("/run/secrets/db"));
    }

    #[test]
    fn references() {
        assert!(secret_reference_kind("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db").is_some());
        assert!(secret_reference_kind("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf").is_some());
        assert!(secret_reference_kind("/aws/reference/secretsmanager/db").is_some());
        assert!(secret_reference_kind("arn:aws:s3:::bucket").is_none());
        assert!(secret_reference_kind("/prod/db").is_none());
    }
}
