//! The execution role that the same template or module defines (BL506, BL507): what its
//! statements allow, against what the references need. A read it does not allow is the
//! AccessDenied of the job's launch; a grant far wider than the reads is a warning.
//!
//! Resources are compared as IAM matches them (`*` and `?` wildcards), in the form's own terms:
//! the needed ARNs with the job's partition, region and account written as the template writes
//! them (`${AWS::Region}`), and also with the values the options give. A part that only the
//! deployment knows (`${Env}`, `!Ref DbSecret`) matches anything, so an unknown never makes a
//! grant missing: only a read that no statement can allow is reported.

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::forms::iam::{RoleInFile, StatementInFile};
use crate::input::{Node, Value};
use crate::policy::in_form::OwnLocation;
use crate::references::{SecretReference, SECRETS_MANAGER_GET_SECRET_VALUE, SSM_GET_PARAMETERS};

declare_rules! {
    family: ExecutionRole;

    ROLE_IN_FILE_MISSING_GRANT = "BL506" "execution-role-missing-grant" Error {
        summary: "the execution role defined in the same file does not allow a read the job needs",
        help: "Add the statement that batchlint writes (the report's policy, in the input's own form) to the role's policies.",
        why: "The ECS agent reads every secret with the execution role's credentials before the container starts; a read the role's policies do not allow fails the launch with AccessDenied (\"ResourceInitializationError: unable to pull secrets or registry auth\"). `ssm:GetParameter`, singular, is not `ssm:GetParameters`: the agent calls GetParameters (amazon-ecs-agent `ssmsecret`).",
        bad: r#"resource "aws_iam_role" "exec" {
  name = "batch-exec"
}

resource "aws_iam_role_policy" "secrets" {
  role   = aws_iam_role.exec.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ssm:GetParameter", Resource = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/*" }] })
}

resource "aws_batch_job_definition" "nightly" {
  name                 = "nightly"
  type                 = "container"
  container_properties = jsonencode({ image = "busybox", executionRoleArn = aws_iam_role.exec.arn, secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db" }] })
}"#,
        good: r#"resource "aws_iam_role" "exec" {
  name = "batch-exec"
}

resource "aws_iam_role_policy" "secrets" {
  role   = aws_iam_role.exec.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ssm:GetParameters", Resource = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/*" }] })
}

resource "aws_batch_job_definition" "nightly" {
  name                 = "nightly"
  type                 = "container"
  container_properties = jsonencode({ image = "busybox", executionRoleArn = aws_iam_role.exec.arn, secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db" }] })
}"#,
    }

    ROLE_IN_FILE_BROADER_GRANT = "BL507" "execution-role-broader-grant" Warning {
        summary: "the execution role defined in the same file allows much more than the reads the job needs",
        help: "Replace the statement with the one batchlint writes: exactly the parameters and secrets the job definitions reference.",
        why: "The execution role is assumed by the ECS agent for every job that names it; a wildcard action or resource lets any of them read every secret of the account (IAM best practices, \"grant least privilege\").",
        bad: r#"resource "aws_iam_role" "exec" {
  name = "batch-exec"
}

resource "aws_iam_role_policy" "secrets" {
  role   = aws_iam_role.exec.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ssm:*", Resource = "*" }] })
}

resource "aws_batch_job_definition" "nightly" {
  name                 = "nightly"
  type                 = "container"
  container_properties = jsonencode({ image = "busybox", executionRoleArn = aws_iam_role.exec.arn, secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db" }] })
}"#,
        good: r#"resource "aws_iam_role" "exec" {
  name = "batch-exec"
}

resource "aws_iam_role_policy" "secrets" {
  role   = aws_iam_role.exec.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ssm:GetParameters", Resource = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db" }] })
}

resource "aws_batch_job_definition" "nightly" {
  name                 = "nightly"
  type                 = "container"
  container_properties = jsonencode({ image = "busybox", executionRoleArn = aws_iam_role.exec.arn, secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db" }] })
}"#,
    }
}

/// AWS managed policies whose grants matter here, by the end of their ARN: the execution role
/// policy grants no secret reads; the others grant them on every resource.
const MANAGED_POLICIES: &[(&str, &[&str])] = &[
    ("policy/service-role/AmazonECSTaskExecutionRolePolicy", &[]),
    ("policy/AmazonSSMReadOnlyAccess", &[SSM_GET_PARAMETERS]),
    ("policy/SecretsManagerReadWrite", &[SECRETS_MANAGER_GET_SECRET_VALUE]),
    ("policy/AdministratorAccess", &[SSM_GET_PARAMETERS, SECRETS_MANAGER_GET_SECRET_VALUE]),
];

/// One needed read: the action, and the resource in the form's terms and, where the options
/// made it concrete, in theirs.
struct Read<'d> {
    action: &'static str,
    localized: String,
    concrete: Option<&'d str>,
}

/// Checks every role the input defines against the reads of the references whose execution
/// role it is; `own` writes the job's location as the form does.
pub fn check(roles: &[RoleInFile<'_>], references: &[SecretReference], own: &OwnLocation, sink: &mut Sink) {
    for role in roles {
        let reads: Vec<Read<'_>> = references
            .iter()
            .filter(|r| r.execution_role_arn.as_deref().is_some_and(|arn| role.is_named_by(arn)))
            .flat_map(|r| {
                r.grants
                    .iter()
                    .filter(|g| g.action == SSM_GET_PARAMETERS || g.action == SECRETS_MANAGER_GET_SECRET_VALUE)
                    .map(move |g| Read {
                        action: g.action,
                        localized: own.localize(&g.resource, r.job_fields),
                        concrete: Some(g.resource.as_str()).filter(|c| !c.contains("${")),
                    })
            })
            .collect();
        let mut unique: Vec<Read<'_>> = Vec::with_capacity(reads.len());
        for read in reads {
            if !unique.iter().any(|u| u.action == read.action && u.localized == read.localized) {
                unique.push(read);
            }
        }
        check_role(role, &unique, sink);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Allowed {
    No,
    /// Only if a value known at deploy time turns out so.
    Maybe,
    Yes,
}

fn check_role(role: &RoleInFile<'_>, reads: &[Read<'_>], sink: &mut Sink) {
    let mut broad_reported = vec![false; role.statements.len()];
    for read in reads {
        let mut best = Allowed::No;
        for (i, statement) in role.statements.iter().enumerate() {
            let allowed = allows(statement, read);
            if allowed == Allowed::Yes && is_broad(statement) && !broad_reported.get(i).copied().unwrap_or(true) {
                if let Some(flag) = broad_reported.get_mut(i) {
                    *flag = true;
                }
                report_broad(statement, sink);
            }
            best = best.max(allowed);
        }
        best = best.max(managed_allows(role, read.action));
        if best == Allowed::No {
            report_missing(role, read, sink);
        }
    }
}

/// What the role's managed policies allow of `action`: unknown policies may allow anything.
fn managed_allows(role: &RoleInFile<'_>, action: &str) -> Allowed {
    role.managed_policies
        .iter()
        .map(|arn| match MANAGED_POLICIES.iter().find(|(end, _)| arn.ends_with(end)) {
            Some((_, grants)) if grants.contains(&action) => Allowed::Yes,
            Some(_) => Allowed::No,
            None => Allowed::Maybe,
        })
        .max()
        .unwrap_or(Allowed::No)
}

fn allows(statement: &StatementInFile<'_>, read: &Read<'_>) -> Allowed {
    match statement.effect.as_deref() {
        Some("Allow") => {}
        Some(_) => return Allowed::No,
        None => return Allowed::Maybe.min(allows_as_allow(statement, read)),
    }
    let allowed = allows_as_allow(statement, read);
    // A condition may narrow the grant in ways not checked here.
    if statement.conditional {
        allowed.min(Allowed::Maybe)
    } else {
        allowed
    }
}

fn allows_as_allow(statement: &StatementInFile<'_>, read: &Read<'_>) -> Allowed {
    let action = statement.actions.iter().map(|a| matches_action(a, read.action)).max().unwrap_or(Allowed::No);
    let resource = statement.resources.iter().map(|r| matches_resource(r, read)).max().unwrap_or(Allowed::No);
    action.min(resource)
}

/// An action pattern (`ssm:GetParameter*`), case-insensitive as IAM reads actions.
fn matches_action(node: &Node<'_>, action: &str) -> Allowed {
    match &node.value {
        Value::String(pattern) => {
            if glob(&pattern.to_ascii_lowercase(), &action.to_ascii_lowercase()) {
                Allowed::Yes
            } else {
                Allowed::No
            }
        }
        _ => Allowed::Maybe,
    }
}

fn matches_resource(node: &Node<'_>, read: &Read<'_>) -> Allowed {
    let pattern = match &node.value {
        Value::String(s) => s.to_string(),
        Value::Symbolic(s) => s.expression(),
        _ => return Allowed::Maybe,
    };
    if glob(&pattern, &read.localized) || read.concrete.is_some_and(|c| glob(&pattern, c)) {
        return Allowed::Yes;
    }
    // Every `${…}` on either side may be any text.
    let open = |s: &str| unknowns_as_wildcards(s);
    if intersects(&open(&pattern), &open(&read.localized)) {
        Allowed::Maybe
    } else {
        Allowed::No
    }
}

/// A statement that allows every action of a service, or reads on every resource.
fn is_broad(statement: &StatementInFile<'_>) -> bool {
    let wide_action = statement.actions.iter().any(|a| a.as_str().is_some_and(|s| s == "*" || s.ends_with(":*")));
    let wide_resource = statement.resources.iter().any(|r| r.as_str().is_some_and(|s| s == "*" || s.ends_with(":*")));
    wide_action || wide_resource
}

fn report_missing(role: &RoleInFile<'_>, read: &Read<'_>, sink: &mut Sink) {
    // The statement that comes closest: one that has the action or the resource.
    let near = role.statements.iter().find(|s| {
        let action = s.actions.iter().any(|a| matches_action(a, read.action) != Allowed::No);
        let resource = s.resources.iter().any(|r| matches_resource(r, read) != Allowed::No);
        action != resource
    });
    let resource = read.concrete.unwrap_or(&read.localized);
    let mut message =
        format!("{} does not allow `{}` on `{resource}`, which the job reads at launch", role.resource, read.action);
    let (span, place) = match near {
        Some(statement) => {
            let actions: Vec<String> = statement.actions.iter().filter_map(written).collect();
            let resources: Vec<String> =
                statement.resources.iter().filter_map(written).map(|r| format!("`{r}`")).collect();
            message.push_str(&format!(
                "; its statement in {} allows {} on {}",
                statement.policy,
                describe_actions(&actions),
                resources.join(", ")
            ));
            (statement.span, statement.policy.as_str())
        }
        None => (role.span, role.resource.as_str()),
    };
    let singular = near.is_some_and(|s| {
        read.action == SSM_GET_PARAMETERS
            && s.actions.iter().any(|a| a.as_str().is_some_and(|a| a.eq_ignore_ascii_case("ssm:GetParameter")))
    });
    let pending = sink.report(&ROLE_IN_FILE_MISSING_GRANT, span, resource_pointer(place), message);
    if singular {
        drop(pending.help("The agent calls `ssm:GetParameters` (plural): `ssm:GetParameter` does not allow it. Write `ssm:GetParameters`."));
    }
}

fn report_broad(statement: &StatementInFile<'_>, sink: &mut Sink) {
    let actions: Vec<String> = statement.actions.iter().filter_map(written).collect();
    let resources: Vec<String> = statement.resources.iter().filter_map(written).collect();
    sink.report(
        &ROLE_IN_FILE_BROADER_GRANT,
        statement.span,
        resource_pointer(&statement.policy),
        format!(
            "{} allows {} on {}: more than the parameters and secrets the job definitions read",
            statement.policy,
            describe_actions(&actions),
            resources.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
        ),
    );
}

fn written(node: &Node<'_>) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.to_string()),
        Value::Symbolic(s) => Some(s.expression()),
        _ => None,
    }
}

fn describe_actions(actions: &[String]) -> String {
    if actions.is_empty() {
        return "no action".to_string();
    }
    actions.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
}

/// `Resources.ExecRole.Policies[0]` as the pointer `/Resources/ExecRole/Policies/0`;
/// `aws_iam_role.exec` as `/resource/aws_iam_role/exec`, Terraform's JSON syntax.
fn resource_pointer(resource: &str) -> String {
    let mut pointer = String::new();
    if !resource.starts_with("Resources.") && !resource.starts_with("data.") {
        pointer.push_str("/resource");
    }
    for segment in resource.split('.') {
        let (name, indexes) = segment.split_once('[').map_or((segment, ""), |(n, rest)| (n, rest));
        pointer.push('/');
        pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
        for index in indexes.split('[').map(|i| i.trim_end_matches(']')).filter(|i| !i.is_empty()) {
            pointer.push('/');
            pointer.push_str(index);
        }
    }
    pointer
}

/// Stands for a value known only at deploy time: any text without a `:` (no ARN field, name
/// or expression spans one), unlike IAM's `*`.
const UNKNOWN: char = '\u{1}';

/// `${…}` replaced by [`UNKNOWN`].
fn unknowns_as_wildcards(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or(""));
        match rest.get(start..).and_then(|r| r.find('}')) {
            Some(end) => {
                out.push(UNKNOWN);
                rest = rest.get(start + end + 1..).unwrap_or("");
            }
            None => {
                rest = rest.get(start..).unwrap_or("");
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `pattern` (IAM's `*` and `?`) matches all of `text`.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || t.get(ti) == Some(&c) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).is_some_and(|rest| rest.iter().all(|&c| c == '*'))
}

/// Whether a wildcard (`*`, or [`UNKNOWN`]) can match the character `c` of the other side
/// (`?` is some character, which may be no `:`).
fn wildcard_takes(wildcard: char, c: char) -> bool {
    wildcard == '*' || c != ':'
}

fn is_wildcard(c: char) -> bool {
    c == '*' || c == UNKNOWN
}

/// Whether some text matches both patterns (each with `*`, `?` and [`UNKNOWN`]).
fn intersects(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // reachable[i][j]: a[..i] and b[..j] can match one common text.
    let width = b.len() + 1;
    let mut reachable = vec![false; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    if let Some(cell) = reachable.get_mut(0) {
        *cell = true;
    }
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            if !reachable.get(at(i, j)).copied().unwrap_or(false) {
                continue;
            }
            let (ca, cb) = (a.get(i).copied(), b.get(j).copied());
            let mut mark = |i: usize, j: usize| {
                if let Some(cell) = reachable.get_mut(at(i, j)) {
                    *cell = true;
                }
            };
            match (ca, cb) {
                (Some(x), _) if is_wildcard(x) => {
                    // It matches nothing more, or takes the other side's next character.
                    mark(i + 1, j);
                    if cb.is_some_and(|y| !is_wildcard(y) && wildcard_takes(x, y)) {
                        mark(i, j + 1);
                    }
                    if cb.is_some_and(is_wildcard) {
                        mark(i, j + 1);
                    }
                }
                (_, Some(y)) if is_wildcard(y) => {
                    mark(i, j + 1);
                    if ca.is_some_and(|x| wildcard_takes(y, x)) {
                        mark(i + 1, j);
                    }
                }
                (Some(x), Some(y)) if x == y || x == '?' || y == '?' => mark(i + 1, j + 1),
                _ => {}
            }
        }
    }
    reachable.get(at(a.len(), b.len())).copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Span;

    fn text(s: &'static str) -> Node<'static> {
        Node { span: Span::new(10, 20), value: Value::String(s.into()) }
    }

    fn role(statements: Vec<(&'static str, &'static str)>, managed: &[&str]) -> RoleInFile<'static> {
        RoleInFile {
            resource: "Resources.ExecRole".to_string(),
            arn_expressions: vec!["ExecRole.Arn".to_string()],
            name_expressions: vec!["ExecRole".to_string()],
            literal_name: None,
            span: Span::new(0, 5),
            statements: statements
                .into_iter()
                .enumerate()
                .map(|(i, (action, resource))| StatementInFile {
                    policy: format!("Resources.ExecRole.Policies[{i}]"),
                    effect: Some("Allow".to_string()),
                    actions: vec![text(action)],
                    resources: vec![text(resource)],
                    conditional: false,
                    span: Span::new(100 + i, 110 + i),
                })
                .collect(),
            managed_policies: managed.iter().map(|m| (*m).to_string()).collect(),
        }
    }

    const NEEDED: &str = "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db";

    fn findings(role: &RoleInFile<'_>) -> Vec<(&'static str, String, Span)> {
        let reads = [Read {
            action: SSM_GET_PARAMETERS,
            localized: NEEDED.to_string(),
            concrete: Some("arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"),
        }];
        let mut sink = Sink::default();
        check_role(role, &reads, &mut sink);
        sink.findings().iter().map(|f| (f.rule.code, f.message.clone(), f.span)).collect()
    }

    #[test]
    fn a_read_that_no_statement_allows_is_an_error_at_the_closest_statement() {
        let singular = role(
            vec![("ssm:GetParameter", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*")],
            &[],
        );
        assert_eq!(
            findings(&singular),
            vec![(
                "BL506",
                "Resources.ExecRole does not allow `ssm:GetParameters` on `arn:aws:ssm:eu-west-1:123456789012:parameter/app/db`, which the job reads at launch; its statement in Resources.ExecRole.Policies[0] allows `ssm:GetParameter` on `arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*`".to_string(),
                Span::new(100, 110)
            )]
        );
        let elsewhere = role(vec![("ssm:GetParameters", "arn:aws:ssm:eu-west-1:123456789012:parameter/other/*")], &[]);
        assert_eq!(findings(&elsewhere)[0].0, "BL506");
        let nothing = role(vec![], &["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]);
        assert_eq!(findings(&nothing)[0].2, Span::new(0, 5), "without statements, at the role");
    }

    #[test]
    fn grants_that_match_or_may_match_are_not_missing() {
        for (action, resource) in [
            ("ssm:GetParameters", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*"),
            ("SSM:getparameters", "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"),
            ("ssm:GetParameters", "arn:aws:ssm:${Region}:123456789012:parameter/${Env}/db"),
        ] {
            assert_eq!(findings(&role(vec![(action, resource)], &[])), vec![], "{action} {resource}");
        }
        // A managed policy batchlint does not know may grant it.
        assert_eq!(findings(&role(vec![], &["arn:aws:iam::123456789012:policy/secrets"])), vec![]);
    }

    #[test]
    fn wildcards_beyond_the_reads_are_a_warning() {
        let wide = role(vec![("ssm:*", "*")], &[]);
        assert_eq!(
            findings(&wide),
            vec![(
                "BL507",
                "Resources.ExecRole.Policies[0] allows `ssm:*` on `*`: more than the parameters and secrets the job definitions read".to_string(),
                Span::new(100, 110)
            )]
        );
        let managed = role(vec![], &["arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"]);
        assert_eq!(findings(&managed), vec![]);
    }

    #[test]
    fn iam_wildcards() {
        assert!(glob("arn:aws:ssm:*:*:parameter/app/*", "arn:aws:ssm:eu-west-1:1:parameter/app/db"));
        assert!(glob("*", ""));
        assert!(glob("secret:db-??????", "secret:db-AbCdEf"));
        assert!(!glob("secret:db-??????", "secret:db-AbCdE"));
        assert!(!glob("parameter/app/*", "parameter/other/db"));
        let needed = |s: &str| unknowns_as_wildcards(s);
        assert!(intersects(
            "arn:aws:ssm:us-east-1:1:parameter/app/*",
            &needed("arn:${P}:ssm:${R}:${A}:parameter/app/db")
        ));
        assert!(!intersects(
            "arn:aws:ssm:us-east-1:1:parameter/app/*",
            &needed("arn:${P}:ssm:${R}:${A}:parameter/other/db")
        ));
        assert!(!intersects(
            "arn:aws:ssm:us-east-1:1:parameter/other/*",
            &needed("arn:${P}:ssm:${R}:${A}:parameter/app/db")
        ));
        assert!(intersects("*", "anything"));
        assert!(intersects(
            &needed("arn:aws:ssm:${R}:1:parameter/${Env}/db"),
            &needed("arn:aws:ssm:eu-west-1:1:parameter/prod/db")
        ));
        assert!(!intersects(&needed("${X}"), "a:b"), "an unknown holds no colon");
        assert_eq!(unknowns_as_wildcards("arn:${AWS::Partition}:ssm:${X}/a"), "arn:\u{1}:ssm:\u{1}/a");
        assert_eq!(resource_pointer("Resources.ExecRole"), "/Resources/ExecRole");
        assert_eq!(resource_pointer("aws_iam_role.exec"), "/resource/aws_iam_role/exec");
        assert_eq!(resource_pointer("Resources.ExecRole.Policies[0]"), "/Resources/ExecRole/Policies/0");
    }
}
