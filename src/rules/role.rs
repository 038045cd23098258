//! The execution role: present where secrets need it, a well-formed IAM role ARN, and
//! not the same role the job's code runs as.
//!
//! Also the shared reading of what in a container is read with the execution role
//! ([`secret_use`]), which the platform and info families use too.

use super::{Family, Rule};
use crate::arn::Arn;
use crate::aws::{self, is_account_id};
use crate::diagnostic::{Severity, Sink};
use crate::json::{Node, Span};
use crate::model::{Container, ContainerKind, JobDefinition};
use crate::references::SecretReference;
use std::collections::HashSet;

pub static SECRETS_WITHOUT_EXECUTION_ROLE: Rule = Rule {
    code: "BL501",
    name: "secrets-without-execution-role",
    family: Family::ExecutionRole,
    severity: Severity::Error,
    summary: "secrets, log secret options or registry credentials without an execution role",
    help: "Add `executionRoleArn` with a role that `ecs-tasks.amazonaws.com` can assume and that may read the referenced parameters and secrets (batchlint writes that policy). In `ecsProperties` it belongs on the task, next to `containers`.",
    why: "Secrets are fetched with the execution role, not the job role. Without one ECS refuses the container: \"When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.\" (fabfuel/ecs-deploy#87; AWS Batch User Guide, specifying sensitive data).",
    bad: super::example!(r#"{"containerProperties": {"image": "app:1", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#),
    good: super::example!(r#"{"containerProperties": {"image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#),
};

pub static FARGATE_WITHOUT_EXECUTION_ROLE: Rule = Rule {
    code: "BL502",
    name: "fargate-without-execution-role",
    family: Family::ExecutionRole,
    severity: Severity::Error,
    summary: "a Fargate job has no execution role",
    help: "Add `executionRoleArn` with a role that `ecs-tasks.amazonaws.com` can assume and that has the `AmazonECSTaskExecutionRolePolicy` managed policy (image pull and logs).",
    why: "The Batch API reference for `executionRoleArn`: \"For jobs that run on Fargate resources, you must provide an execution role.\" Fargate pulls the image and writes logs with it.",
    bad: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "app:1"}}"#),
    good: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"}}"#),
};

pub static INVALID_ROLE_ARN: Rule = Rule {
    code: "BL503",
    name: "invalid-role-arn",
    family: Family::ExecutionRole,
    severity: Severity::Error,
    summary: "a role ARN is not a valid IAM role ARN",
    help: "Write the role's full ARN: `arn:<partition>:iam::<12-digit account>:role/<path/><name>`. IAM is global, so the region field stays empty; copy the ARN from the role's page in the IAM console.",
    why: "Batch passes the role to ECS, which cannot assume a malformed ARN, a user or an instance profile. cfn-lint checks the same format (E1156, `^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/.+$`).",
    bad: super::example!(r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam:us-east-1:123456789012:role/batch-exec"}}"#),
    good: super::example!(r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"}}"#),
};

pub static EXECUTION_ROLE_IS_JOB_ROLE: Rule = Rule {
    code: "BL504",
    name: "execution-role-is-job-role",
    family: Family::ExecutionRole,
    severity: Severity::Info,
    summary: "the execution role is also the job role",
    help: "Use two roles: an execution role that may read the job's secrets and pull its image, and a job role with only what the code needs. Then the code cannot read secrets beyond those injected into it.",
    why: "The execution role can read every secret of the job definition; as the job role it hands that access to the code in the container. checkov flags the same for ECS task definitions (CKV_AWS_249).",
    bad: super::example!(r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch", "jobRoleArn": "arn:aws:iam::123456789012:role/batch"}}"#),
    good: super::example!(r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}}"#),
};

pub static RULES: &[&Rule] = &[&SECRETS_WITHOUT_EXECUTION_ROLE, &FARGATE_WITHOUT_EXECUTION_ROLE, &INVALID_ROLE_ARN, &EXECUTION_ROLE_IS_JOB_ROLE];

/// What in one container is read with the execution role.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SecretUse {
    /// A non-empty `secrets` list.
    pub secrets: bool,
    /// A non-empty `logConfiguration.secretOptions` list.
    pub secret_options: bool,
    /// A `repositoryCredentials` object.
    pub repository_credentials: bool,
    /// A Secrets Manager reference with a JSON key, version stage or version ID.
    pub selectors: bool,
}

impl SecretUse {
    /// Anything injected as an environment variable or log option.
    pub fn injects(self) -> bool {
        self.secrets || self.secret_options
    }

    pub fn any(self) -> bool {
        self.injects() || self.repository_credentials
    }

    /// The members that need the role, for messages: "`secrets` and `repositoryCredentials`".
    pub fn members(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.secrets {
            out.push("`secrets`");
        }
        if self.secret_options {
            out.push("`logConfiguration.secretOptions`");
        }
        if self.repository_credentials {
            out.push("`repositoryCredentials`");
        }
        out
    }
}

/// The containers (by pointer) with a reference that names a JSON key, version stage or
/// version ID: the references' own reading of `valueFrom`. Built once per job (a scan of
/// the references for each container was quadratic).
/// A `HashSet<&str>` like the shape walker's, so the .wasm carries one set type for both.
pub(crate) struct Selectors<'r>(HashSet<&'r str>);

impl<'r> Selectors<'r> {
    pub fn new(refs: &'r [SecretReference]) -> Selectors<'r> {
        let with_selectors = refs.iter().filter(|r| r.json_key.is_some() || r.version_stage.is_some() || r.version_id.is_some());
        Selectors(with_selectors.map(|r| r.container.as_str()).collect())
    }
}

/// Reads [`SecretUse`] from the container's JSON (so that it does not depend on how the
/// references were classified), with the log configuration unwrapped as the references
/// unwrap it; selectors come from the references.
pub(crate) fn secret_use(container: &Container<'_, '_>, selectors: &Selectors<'_>) -> SecretUse {
    let c = container.node;
    if container.kind == ContainerKind::Eks {
        return SecretUse::default();
    }
    let options = container.log_configuration().and_then(|(log, _)| log.get("secretOptions"));
    SecretUse {
        secrets: non_empty(c.get("secrets")),
        secret_options: non_empty(options),
        repository_credentials: c.get("repositoryCredentials").is_some_and(|r| r.as_object().is_some()),
        selectors: selectors.0.contains(container.pointer.as_str()),
    }
}

fn non_empty(list: Option<&Node<'_>>) -> bool {
    list.is_some_and(|l| l.as_array().is_some_and(|a| !a.is_empty()))
}

/// A one-character span at the start of a node (the `{` of an object), for findings about
/// a whole object that should not underline all of it.
pub(crate) fn head(node: &Node<'_>) -> Span {
    Span { start: node.span.start, end: node.span.start.saturating_add(1) }
}

/// The job's ECS containers grouped by role holder (the container itself, or its task), in
/// input order. EKS containers hold no execution role and are left out. The groups are
/// found by pointer in a map: a search of the groups for each container was quadratic.
pub(crate) fn by_role_holder<'j, 'n, 'a>(job: &'j JobDefinition<'n, 'a>) -> Vec<Vec<&'j Container<'n, 'a>>> {
    // `model` lists the containers of one role holder (a task's containers) one after the
    // other, so runs of equal neighbours are the groups: linear, and no map in the .wasm.
    let ecs: Vec<&'j Container<'n, 'a>> = job.containers.iter().filter(|c| c.kind != ContainerKind::Eks).collect();
    ecs.chunk_by(|a, b| a.role_holder_pointer == b.role_holder_pointer).map(<[_]>::to_vec).collect()
}

pub fn check(job: &JobDefinition<'_, '_>, refs: &[SecretReference], sink: &mut Sink) {
    let selectors = Selectors::new(refs);
    for group in by_role_holder(job) {
        check_holder(job, &group, &selectors, sink);
    }
}

/// Checks one role holder (a container, or a task) with the containers whose role it holds.
fn check_holder(job: &JobDefinition<'_, '_>, containers: &[&Container<'_, '_>], selectors: &Selectors<'_>, sink: &mut Sink) {
    let Some(first) = containers.first() else { return };
    let holder = first.role_holder;
    let pointer = &first.role_holder_pointer;
    let task = first.kind == ContainerKind::TaskContainer;
    let role = first.execution_role();
    if role.is_none() {
        let needs: Vec<String> = containers
            .iter()
            .filter_map(|c| {
                let members = secret_use(c, selectors).members();
                if members.is_empty() {
                    None
                } else if task {
                    Some(format!("{} of {}", join_and(&members), c.label()))
                } else {
                    Some(join_and(&members))
                }
            })
            .collect();
        let place = if task { "the task" } else { "the container" };
        if !needs.is_empty() {
            let mut pending = sink.report(
                &SECRETS_WITHOUT_EXECUTION_ROLE,
                head(holder),
                pointer.as_str(),
                format!("{} need an execution role, but {place} has no `executionRoleArn`", join_and(&needs)),
            );
            if job.fargate {
                pending = pending.help(format!("{} Fargate jobs need an execution role in any case.", SECRETS_WITHOUT_EXECUTION_ROLE.help));
            }
            drop(pending);
        } else if job.fargate {
            sink.report(&FARGATE_WITHOUT_EXECUTION_ROLE, head(holder), pointer.as_str(), format!("this Fargate job has no `executionRoleArn` on {place}"));
        }
    }
    let other_role = if task { "taskRoleArn" } else { "jobRoleArn" };
    for field in ["executionRoleArn", other_role] {
        if let Some(node) = holder.get(field) {
            check_role_arn(field, node, &format!("{pointer}/{field}"), sink);
        }
    }
    if let (Some(exec), Some(other)) = (role, holder.get(other_role)) {
        if let (Some(e), Some(o)) = (exec.as_str(), other.as_str()) {
            if !e.is_empty() && e.trim() == o.trim() {
                let name = e.rsplit('/').next().unwrap_or(e);
                sink.report(
                    &EXECUTION_ROLE_IS_JOB_ROLE,
                    other.span,
                    format!("{pointer}/{other_role}"),
                    format!("`{other_role}` is the execution role `{name}`, so the code in the job can read every secret of the job definition"),
                );
            }
        }
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == n { " and " } else { ", " });
        }
        out.push_str(item.as_ref());
    }
    out
}

fn check_role_arn(field: &str, node: &Node<'_>, pointer: &str, sink: &mut Sink) {
    let Some(value) = node.as_str() else { return };
    if let Some((problem, help)) = role_arn_problem(value) {
        let mut pending = sink.report(&INVALID_ROLE_ARN, node.span, pointer, format!("`{field}` {problem}"));
        if let Some(help) = help {
            pending = pending.help(help);
        }
        drop(pending);
    }
}

fn is_role_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '=' | ',' | '.' | '@' | '-')
}

/// What is wrong with a role ARN, and a help specific to it where one can be given.
fn role_arn_problem(value: &str) -> Option<(String, Option<String>)> {
    let Some(arn) = Arn::parse(value) else {
        if value.starts_with("arn:") {
            return Some(("is not a complete ARN: it needs six fields separated by colons".to_string(), None));
        }
        if !value.is_empty() && value.len() <= 64 && value.chars().all(is_role_name_char) {
            return Some((
                format!("is a role name, not an ARN: `{value}`"),
                Some(format!("Give the role's full ARN, such as `arn:aws:iam::123456789012:role/{value}` with your partition and account.")),
            ));
        }
        return Some((format!("is not an ARN: `{value}`"), None));
    };
    if aws::partition(arn.partition).is_none() {
        let known: Vec<&str> = aws::PARTITIONS.iter().map(|p| p.id).collect();
        return Some((format!("has an unknown partition `{}`", arn.partition), Some(format!("Use one of the AWS partitions: {}.", known.join(", ")))));
    }
    if arn.service != "iam" {
        return Some((format!("names a resource of service `{}`, not an IAM role", arn.service), None));
    }
    let fixed = format!("arn:{}:iam::{}:{}", arn.partition, arn.account, arn.resource);
    if !arn.region.is_empty() {
        return Some((
            format!("has a region (`{}`), but IAM ARNs have none", arn.region),
            Some(format!("Leave the region field empty: `{fixed}`. IAM roles are global.")),
        ));
    }
    if !is_account_id(arn.account) {
        return Some((format!("has `{}` where the 12-digit account ID belongs", arn.account), None));
    }
    let (kind, rest) = arn.resource.split_once('/').unwrap_or((arn.resource, ""));
    if kind != "role" {
        let what = match kind {
            "user" => "an IAM user",
            "instance-profile" => "an instance profile",
            "group" => "an IAM group",
            "policy" => "an IAM policy",
            "root" => "the account root",
            _ => "an IAM resource of another type",
        };
        let help = (kind == "instance-profile").then(|| {
            "Batch wants the role's ARN (`…:role/NAME`), not the instance profile's; the two often share a name but are different resources.".to_string()
        });
        return Some((format!("names {what}, not a role"), help));
    }
    let name = rest.rsplit('/').next().unwrap_or(rest);
    if name.is_empty() {
        return Some(("has no role name after `role/`".to_string(), None));
    }
    if rest.split('/').any(str::is_empty) {
        return Some(("has an empty segment in the role path".to_string(), None));
    }
    if name.chars().count() > 64 || !name.chars().all(is_role_name_char) {
        return Some((
            format!("has an invalid role name `{name}`"),
            Some("Role names are 1 to 64 letters, digits and `_+=,.@-`; wildcards and spaces are not allowed. Copy the ARN from the IAM console.".to_string()),
        ));
    }
    if !rest.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Some(("has characters that an IAM role path does not allow".to_string(), None));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::references::ReferenceSource;

    #[test]
    fn role_arns() {
        assert_eq!(role_arn_problem("arn:aws:iam::123456789012:role/batch-exec"), None);
        assert_eq!(role_arn_problem("arn:aws-cn:iam::123456789012:role/service-role/exec.v2@x"), None);
        for bad in [
            "batch-exec",
            "arn:aws:iam::123456789012",
            "arn:aws:iam:us-east-1:123456789012:role/x",
            "arn:aws:iam::12345:role/x",
            "arn:aws:iam::123456789012:user/x",
            "arn:aws:iam::123456789012:instance-profile/x",
            "arn:aws:sts::123456789012:assumed-role/x/y",
            "arn:awz:iam::123456789012:role/x",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role//x",
            "arn:aws:iam::123456789012:role/a*",
            "arn:aws:iam::123456789012:role/ab cd",
            "",
        ] {
            assert!(role_arn_problem(bad).is_some(), "{bad}");
        }
        let long = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(65));
        assert!(role_arn_problem(&long).is_some());
    }

    #[test]
    fn selectors_from_references() {
        let root = crate::json::parse(r#"{"containerProperties": {"image": "a", "secrets": [{"name": "A", "valueFrom": "x"}]}}"#).unwrap();
        let jobs = crate::model::job_definitions(&root, &mut Sink::new()).unwrap();
        let container = &jobs[0].containers[0];
        assert!(!secret_use(container, &Selectors::new(&[])).selectors);
        let reference = SecretReference {
            path: "/containerProperties/secrets/0/valueFrom".into(),
            source: ReferenceSource::Secrets,
            name: Some("A".into()),
            job_definition: None,
            container: "/containerProperties".into(),
            container_name: None,
            execution_role_arn: None,
            value_from: "x".into(),
            kind: crate::references::ReferenceKind::SecretsManagerArn,
            partition: None,
            region: None,
            account: None,
            resource_name: None,
            json_key: Some("password".into()),
            ..Default::default()
        };
        let refs = [reference];
        let used = secret_use(container, &Selectors::new(&refs));
        assert!(used.secrets && used.selectors && !used.repository_credentials);
    }

    #[test]
    fn joins() {
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }
}
