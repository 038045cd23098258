//! The execution role (BL5xx): present where secrets need it, a well-formed IAM role ARN,
//! and not the same role the job's code runs as.

use super::facts::{ContainerFacts, JobFacts};
use crate::aws::{self, is_account_id, Arn};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Hint, Node, Part, PartKind, Symbolic, Value};
use crate::model::{ContainerKind, JobDefinition};

/// BL501's help, which its Fargate variant extends (the help of a rule is left out of the
/// .wasm; this text is not).
const ADD_EXECUTION_ROLE: &str = "Add `executionRoleArn` with a role that `ecs-tasks.amazonaws.com` can assume and that may read the referenced parameters and secrets (batchlint writes that policy). In `ecsProperties` it belongs on the task, next to `containers`.";

declare_rules! {
    family: ExecutionRole;

    SECRETS_WITHOUT_EXECUTION_ROLE = "BL501" "secrets-without-execution-role" Error {
        summary: "secrets, log secret options or registry credentials without an execution role",
        help: ADD_EXECUTION_ROLE,
        why: "Secrets are fetched with the execution role, not the job role. Without one ECS refuses the container: \"When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.\" (fabfuel/ecs-deploy#87; AWS Batch User Guide, specifying sensitive data).",
        bad: r#"{"containerProperties": {"image": "app:1", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
        good: r#"{"containerProperties": {"image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
    }

    FARGATE_WITHOUT_EXECUTION_ROLE = "BL502" "fargate-without-execution-role" Error {
        summary: "a Fargate job has no execution role",
        help: "Add `executionRoleArn` with a role that `ecs-tasks.amazonaws.com` can assume and that has the `AmazonECSTaskExecutionRolePolicy` managed policy (image pull and logs).",
        why: "The Batch API reference for `executionRoleArn`: \"For jobs that run on Fargate resources, you must provide an execution role.\" Fargate pulls the image and writes logs with it.",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "app:1"}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"}}"#,
    }

    INVALID_ROLE_ARN = "BL503" "invalid-role-arn" Error {
        summary: "a role ARN is not a valid IAM role ARN",
        help: "Write the role's full ARN: `arn:<partition>:iam::<12-digit account>:role/<path/><name>`. IAM is global, so the region field stays empty; copy the ARN from the role's page in the IAM console.",
        why: "Batch passes the role to ECS, which cannot assume a malformed ARN, a user or an instance profile. cfn-lint checks the same format (E1156, `^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/.+$`). Batch refuses anything but a role ARN in `executionRoleArn` (\"executionRoleArn XYZ is not an iam role arn\", kestra-io/plugin-aws#432); a job role given by name is a warning (BL505).",
        bad: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam:us-east-1:123456789012:role/batch-exec"}}"#,
        good: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"}}"#,
    }

    EXECUTION_ROLE_IS_JOB_ROLE = "BL504" "execution-role-is-job-role" Info {
        summary: "the execution role is also the job role",
        help: "Use two roles: an execution role that may read the job's secrets and pull its image, and a job role with only what the code needs. Then the code cannot read secrets beyond those injected into it.",
        why: "The execution role can read every secret of the job definition; as the job role it hands that access to the code in the container. checkov flags the same for ECS task definitions (CKV_AWS_249).",
        bad: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch", "jobRoleArn": "arn:aws:iam::123456789012:role/batch"}}"#,
        good: r#"{"containerProperties": {"executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec", "jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}}"#,
    }

    JOB_ROLE_NAME = "BL505" "job-role-name" Warning {
        summary: "the job role is given by name, not by ARN",
        help: "Give the role's ARN, `arn:aws:iam::ACCOUNT:role/NAME`; in CloudFormation, `!GetAtt MyRole.Arn` gives it (`!Ref MyRole` gives the name).",
        why: "ECS takes \"the short name or full Amazon Resource Name (ARN)\" of the task role (RegisterTaskDefinition `taskRoleArn`; an AWS maintainer confirms it, aws-actions/amazon-ecs-render-task-definition#19) and completes a name as `arn:…:iam::ACCOUNT:role/NAME`, so it works only for a role whose path is `/`. Batch documents an ARN for `jobRoleArn` and `taskRoleArn` and does not say whether it takes a name; `executionRoleArn` takes none (BL503).",
        bad: r#"{"containerProperties": {"jobRoleArn": "batch-job"}}"#,
        good: r#"{"containerProperties": {"jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}}"#,
    }
}

pub fn check(facts: &JobFacts<'_, '_, '_>, sink: &mut Sink) {
    for group in facts.role_holders() {
        check_holder(facts.job, group, sink);
    }
}

/// Checks one role holder (a container, or a task) with the containers whose role it holds.
fn check_holder(job: &JobDefinition<'_, '_>, containers: &[ContainerFacts<'_, '_, '_>], sink: &mut Sink) {
    let Some(first) = containers.first().map(|c| c.container) else { return };
    let holder = first.role_holder;
    let pointer = &first.role_holder_pointer;
    let task = first.kind == ContainerKind::TaskContainer;
    let role = first.execution_role();
    if role.is_none() {
        let needs: Vec<String> = containers
            .iter()
            .filter_map(|c| {
                let members = c.uses.members();
                if members.is_empty() {
                    None
                } else if task {
                    Some(format!("{} of {}", join_and(&members), c.container.label()))
                } else {
                    Some(join_and(&members))
                }
            })
            .collect();
        let place = if task { "the task" } else { "the container" };
        if !needs.is_empty() {
            let mut pending = sink.report(
                &SECRETS_WITHOUT_EXECUTION_ROLE,
                holder.opening_span(),
                pointer,
                format!("{} need an execution role, but {place} has no `executionRoleArn`", join_and(&needs)),
            );
            if job.fargate {
                pending =
                    pending.help(format!("{ADD_EXECUTION_ROLE} Fargate jobs need an execution role in any case."));
            }
            drop(pending);
        } else if job.fargate {
            sink.report(
                &FARGATE_WITHOUT_EXECUTION_ROLE,
                holder.opening_span(),
                pointer.as_str(),
                format!("this Fargate job has no `executionRoleArn` on {place}"),
            );
        }
    }
    let other_role = if task { "taskRoleArn" } else { "jobRoleArn" };
    for field in ["executionRoleArn", other_role] {
        if let Some(node) = holder.get(field) {
            check_role_arn(field, node, pointer.key(field).as_str(), sink);
        }
    }
    if let (Some(exec), Some(other)) = (role, holder.get(other_role)) {
        if let (Some(e), Some(o)) = (written(exec), written(other)) {
            if !e.is_empty() && e.trim() == o.trim() {
                let name = e.rsplit('/').next().unwrap_or(&e);
                sink.report(
                    &EXECUTION_ROLE_IS_JOB_ROLE,
                    other.span,
                    pointer.key(other_role),
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

/// A role as written: the string, or a value computed at deploy time as its expression.
fn written(node: &Node<'_>) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.to_string()),
        Value::Symbolic(s) => Some(s.expression()),
        _ => None,
    }
}

fn check_role_arn(field: &str, node: &Node<'_>, pointer: &str, sink: &mut Sink) {
    if let Some(part) = node.as_symbolic().and_then(Symbolic::single) {
        check_role_part(field, part, node, pointer, sink);
        return;
    }
    let Some(value) = node.as_str() else { return };
    if field != "executionRoleArn" && is_role_name(value) {
        sink.report(&JOB_ROLE_NAME, node.span, pointer, format!("`{field}` is a role name, not an ARN: `{value}`")).help(
            format!("Give the role's ARN, such as `arn:aws:iam::123456789012:role/{value}` with your partition and account; in CloudFormation, `!GetAtt {value}.Arn` instead of `!Ref {value}`. ECS completes a bare name only for a role whose path is `/`."),
        );
        return;
    }
    if let Some((problem, help)) = role_arn_problem(value) {
        sink.report(&INVALID_ROLE_ARN, node.span, pointer, format!("`{field}` {problem}")).help_if(help);
    }
}

/// A role given as one value of the template or module: `!GetAtt ExecRole.Arn` and
/// `aws_iam_role.exec.arn` are what the field takes; `!Ref ExecRole` and `aws_iam_role.exec.name`
/// give the role's name, and other resources are no role. Other values are not known offline.
fn check_role_part(field: &str, part: &Part, node: &Node<'_>, pointer: &str, sink: &mut Sink) {
    let PartKind::Opaque(Some(hint)) = part.kind else { return };
    let source = &part.source;
    match hint {
        Hint::RoleArn => {}
        Hint::RoleName => {
            // Terraform's `aws_iam_role.exec.name` has the ARN at `.arn`; CloudFormation's
            // `!Ref ExecRole` at `!GetAtt ExecRole.Arn`.
            let arn = match source.strip_suffix(".name") {
                Some(resource) => format!("`{resource}.arn`"),
                None => format!("`!GetAtt {source}.Arn`"),
            };
            let message = format!("`{field}` is the role's name (`${{{source}}}`), not its ARN");
            if field == "executionRoleArn" {
                sink.report(&INVALID_ROLE_ARN, node.span, pointer, message)
                    .help(format!("Give the role's ARN: {arn}. Batch refuses a name here (\"executionRoleArn … is not an iam role arn\")."));
            } else {
                sink.report(&JOB_ROLE_NAME, node.span, pointer, message).help(format!(
                    "Give the role's ARN: {arn}. ECS completes a bare name only for a role whose path is `/`."
                ));
            }
        }
        Hint::SecretArn | Hint::SecretName | Hint::SsmParameterArn | Hint::SsmParameterName => {
            sink.report(
                &INVALID_ROLE_ARN,
                node.span,
                pointer,
                format!("`{field}` is `${{{source}}}`, a parameter or secret, not an IAM role"),
            );
        }
        Hint::KmsKeyArn | Hint::KmsKeyId => {
            sink.report(
                &INVALID_ROLE_ARN,
                node.span,
                pointer,
                format!("`{field}` is `${{{source}}}`, a KMS key, not an IAM role"),
            );
        }
    }
}

fn is_role_name(value: &str) -> bool {
    !value.is_empty() && value.len() <= 64 && value.chars().all(is_role_name_char)
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
        if is_role_name(value) {
            return Some((
                format!("is a role name, not an ARN: `{value}`"),
                Some(format!("Give the role's full ARN, such as `arn:aws:iam::123456789012:role/{value}` with your partition and account: Batch refuses a name here (\"executionRoleArn {value} is not an iam role arn\").")),
            ));
        }
        return Some((format!("is not an ARN: `{value}`"), None));
    };
    if aws::partition(arn.partition).is_none() {
        let known: Vec<&str> = aws::PARTITIONS.iter().map(|p| p.id).collect();
        return Some((
            format!("has an unknown partition `{}`", arn.partition),
            Some(format!("Use one of the AWS partitions: {}.", known.join(", "))),
        ));
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
    fn joins() {
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
    }
}

#[cfg(test)]
mod template_roles {
    use super::*;
    use crate::input::Span;

    fn part(source: &str, hint: Hint) -> Node<'static> {
        let part = Part { kind: PartKind::Opaque(Some(hint)), source: source.to_string(), span: Span::new(0, 1) };
        let symbolic = Symbolic { text: Symbolic::marker(0).to_string(), parts: vec![part] };
        Node { span: Span::new(0, 1), value: Value::Symbolic(Box::new(symbolic)) }
    }

    fn findings(field: &str, node: &Node<'_>) -> Vec<(&'static str, String, Option<String>)> {
        let mut sink = Sink::default();
        check_role_arn(field, node, "/p", &mut sink);
        sink.findings().iter().map(|f| (f.rule.code, f.message.clone(), f.help.clone())).collect()
    }

    #[test]
    fn a_role_given_by_the_template_is_checked_by_what_it_gives() {
        assert_eq!(findings("executionRoleArn", &part("ExecRole.Arn", Hint::RoleArn)), vec![]);
        assert_eq!(
            findings("executionRoleArn", &part("ExecRole", Hint::RoleName)),
            vec![(
                "BL503",
                "`executionRoleArn` is the role's name (`${ExecRole}`), not its ARN".to_string(),
                Some("Give the role's ARN: `!GetAtt ExecRole.Arn`. Batch refuses a name here (\"executionRoleArn … is not an iam role arn\").".to_string())
            )]
        );
        let job_role = findings("jobRoleArn", &part("aws_iam_role.job.name", Hint::RoleName));
        assert_eq!(job_role[0].0, "BL505");
        assert_eq!(
            job_role[0].2.as_deref(),
            Some("Give the role's ARN: `aws_iam_role.job.arn`. ECS completes a bare name only for a role whose path is `/`.")
        );
        assert_eq!(findings("executionRoleArn", &part("DbSecret", Hint::SecretArn))[0].0, "BL503");
    }
}
