//! Secret references: every `valueFrom` and `credentialsParameter`, classified and resolved
//! to the resource ARN that the execution role must be allowed to read.

use crate::arn::Arn;
use crate::aws;
use crate::diagnostic::Sink;
use crate::json::{Node, Span, Value};
use crate::model::{ContainerKind, JobDefinition};
use crate::options::Context;
use crate::position::Range;
use crate::rules::context as ctx_rules;
use crate::rules::value_from as rules;
use serde::Serialize;
use std::borrow::Cow;

/// Stands for the job's region in ARNs when the options do not give it.
pub const REGION_PLACEHOLDER: &str = "${Region}";
/// Stands for the job's account in ARNs when the options do not give it.
pub const ACCOUNT_PLACEHOLDER: &str = "${Account}";

pub const SSM_GET_PARAMETERS: &str = "ssm:GetParameters";
pub const SECRETS_MANAGER_GET_SECRET_VALUE: &str = "secretsmanager:GetSecretValue";

/// Where in a container the reference sits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReferenceSource {
    /// `secrets[]`: the value becomes the environment variable `name`.
    #[default]
    Secrets,
    /// `logConfiguration.secretOptions[]`: the value becomes the log-driver option `name`.
    SecretOptions,
    /// `repositoryCredentials.credentialsParameter`: private registry credentials.
    RepositoryCredentials,
}

/// What the reference names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReferenceKind {
    /// An SSM parameter by name; it must be in the job's region and account.
    SsmParameterName,
    /// An SSM parameter by ARN.
    SsmParameterArn,
    /// An SSM name under `/aws/reference/secretsmanager/`: a Secrets Manager secret read
    /// through Parameter Store (needs both `ssm:GetParameters` and `secretsmanager:GetSecretValue`).
    SsmSecretsManagerReference,
    /// A Secrets Manager secret by ARN, optionally with a JSON key, version stage or version ID.
    SecretsManagerArn,
    /// A Secrets Manager secret by name (allowed for repository credentials only).
    SecretsManagerName,
    /// Not a usable reference; see the diagnostics at its path.
    #[default]
    Invalid,
}

/// One permission the execution role needs for a reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    pub action: &'static str,
    pub resource: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretReference {
    /// JSON Pointer to the `valueFrom` (or `credentialsParameter`) string.
    pub path: String,
    pub source: ReferenceSource,
    /// The environment variable or log option it sets; null for repository credentials.
    pub name: Option<String>,
    /// `jobDefinitionName` of the job definition it belongs to.
    pub job_definition: Option<String>,
    /// JSON Pointer to the container.
    pub container: String,
    /// `name` of the container (task and EKS containers have names).
    pub container_name: Option<String>,
    /// The execution role that reads it; null when the container (or task) names none.
    pub execution_role_arn: Option<String>,
    /// The string as written.
    pub value_from: String,
    pub kind: ReferenceKind,
    pub partition: Option<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    /// The parameter or secret name, without selectors.
    pub resource_name: Option<String>,
    pub json_key: Option<String>,
    pub version_stage: Option<String>,
    pub version_id: Option<String>,
    /// The ARN that the policy grants (placeholders where region or account are unknown).
    pub resource_arn: Option<String>,
    /// Every permission this reference needs; empty when the reference is invalid or its
    /// job definition is an INACTIVE revision.
    pub grants: Vec<Grant>,
    /// Where the reference is in the input.
    pub range: Range,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub role_span: Option<Span>,
    /// JSON Pointer to the `executionRoleArn` at `role_span`.
    #[serde(skip)]
    pub role_pointer: Option<String>,
}

/// The ARN of an SSM parameter: one leading slash of the name is dropped, never `parameter//`.
pub fn ssm_parameter_arn(partition: &str, region: &str, account: &str, name: &str) -> String {
    let name = name.strip_prefix('/').unwrap_or(name);
    format!("arn:{partition}:ssm:{region}:{account}:parameter/{name}")
}

/// The ARN of a Secrets Manager secret; `name` is the name with its suffix, or the name
/// followed by `-??????` when the suffix is unknown.
pub fn secret_arn(partition: &str, region: &str, account: &str, name: &str) -> String {
    format!("arn:{partition}:secretsmanager:{region}:{account}:secret:{name}")
}

/// The pattern that matches a secret whose 6-character suffix is unknown: exactly one `-`
/// and six characters, never `NAME-*` (which also matches `NAME-admin-AbCdEf`).
pub fn secret_name_pattern(name: &str) -> String {
    format!("{name}-??????")
}

/// What the end of a secret name in an ARN says about the suffix Secrets Manager appends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSuffix {
    /// `-` and six mixed letters and digits, such as `-AbCdEf`: a complete ARN.
    Present,
    /// No `-` and six alphanumerics at the end: a partial ARN.
    Absent,
    /// `-` and six characters of one kind (`-master`, `-CONFIG`, `-202401`): a word or number
    /// in the name as often as a suffix. The odds that a random suffix is all lower case are
    /// about 1 in 200, while names like `db-master` are common.
    Ambiguous,
}

pub fn secret_suffix(name: &str) -> SecretSuffix {
    let bytes = name.as_bytes();
    let tail = bytes.get(bytes.len().saturating_sub(6)..).unwrap_or(&[]);
    let dash = bytes.len() > 7 && bytes.get(bytes.len() - 7) == Some(&b'-');
    if !dash || !tail.iter().all(u8::is_ascii_alphanumeric) {
        return SecretSuffix::Absent;
    }
    let one_kind = [u8::is_ascii_lowercase, u8::is_ascii_uppercase, u8::is_ascii_digit].iter().any(|kind| tail.iter().all(kind));
    if one_kind {
        SecretSuffix::Ambiguous
    } else {
        SecretSuffix::Present
    }
}

/// Collects, classifies and checks every secret reference of a job definition.
pub fn collect(job: &JobDefinition<'_, '_>, ctx: &Context, sink: &mut Sink) -> Vec<SecretReference> {
    let mut out = Vec::new();
    for container in &job.containers {
        if container.kind == ContainerKind::Eks {
            continue;
        }
        let role_node = container.execution_role();
        let owner = Owner {
            job_definition: job.name().map(str::to_string),
            container: container.pointer.clone(),
            container_name: container.name.map(str::to_string),
            execution_role_arn: role_node.and_then(Node::as_str).map(str::to_string),
            role_span: role_node.map(|n| n.span),
            role_pointer: role_node.map(|_| format!("{}/executionRoleArn", container.role_holder_pointer)),
        };
        let log = container.log_configuration();
        let lists = [
            (container.node.get("secrets"), format!("{}/secrets", container.pointer), ReferenceSource::Secrets),
            (
                log.as_ref().and_then(|(l, _)| l.get("secretOptions")),
                log.as_ref().map_or_else(String::new, |(_, pointer)| format!("{pointer}/secretOptions")),
                ReferenceSource::SecretOptions,
            ),
        ];
        for (list, list_pointer, source) in lists {
            for (i, item) in list.and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
                let Some(value) = item.get("valueFrom").filter(|v| v.as_str().is_some()) else { continue };
                let pointer = format!("{list_pointer}/{i}/valueFrom");
                let name = item.get_str("name").map(str::to_string);
                out.push(reference(value, pointer, source, name, &owner, ctx, sink));
            }
        }
        if let Some(value) = container.node.get("repositoryCredentials").and_then(|r| r.get("credentialsParameter")).filter(|v| v.as_str().is_some()) {
            let pointer = format!("{}/repositoryCredentials/credentialsParameter", container.pointer);
            out.push(reference(value, pointer, ReferenceSource::RepositoryCredentials, None, &owner, ctx, sink));
        }
    }
    let by_name: Vec<&SecretReference> = out
        .iter()
        .filter(|r| {
            matches!(r.kind, ReferenceKind::SsmParameterName | ReferenceKind::SecretsManagerName)
                || (r.kind == ReferenceKind::SsmSecretsManagerReference && !r.value_from.starts_with("arn:"))
        })
        .collect();
    if let Some(first) = by_name.first() {
        let count = by_name.len();
        let whose = match (&ctx.region, &ctx.account) {
            (Some(r), Some(a)) => format!("the job's region ({r}) and account ({a})"),
            (Some(r), None) => format!("the job's region ({r}) and account"),
            (None, Some(a)) => format!("the job's region and account ({a})"),
            _ => "the job's region and account".to_string(),
        };
        let what = if count == 1 { "1 secret reference given by name is".to_string() } else { format!("{count} secret references given by name are") };
        sink.report(&ctx_rules::NAME_RESOLVED_IN_JOB_REGION, first.span, first.path.clone(), format!("{what} read from {whose}"));
    }
    out
}

struct Owner {
    job_definition: Option<String>,
    container: String,
    container_name: Option<String>,
    execution_role_arn: Option<String>,
    role_span: Option<Span>,
    role_pointer: Option<String>,
}

/// The result of classifying one reference.
struct Resolved {
    kind: ReferenceKind,
    partition: Option<String>,
    region: Option<String>,
    account: Option<String>,
    resource_name: Option<String>,
    json_key: Option<String>,
    version_stage: Option<String>,
    version_id: Option<String>,
    resource_arn: Option<String>,
    grants: Vec<Grant>,
}

impl Resolved {
    fn invalid() -> Resolved {
        Resolved {
            kind: ReferenceKind::Invalid,
            partition: None,
            region: None,
            account: None,
            resource_name: None,
            json_key: None,
            version_stage: None,
            version_id: None,
            resource_arn: None,
            grants: Vec::new(),
        }
    }
}

/// Reports findings on one string value, pointing into the string where it can: a string
/// without escapes maps byte for byte onto the input.
struct Reporter<'s, 'n, 'a> {
    sink: &'s mut Sink,
    node: &'n Node<'a>,
    pointer: &'s str,
}

impl Reporter<'_, '_, '_> {
    /// The span of `value[start..end]` in the input.
    fn part(&self, start: usize, end: usize) -> Span {
        match &self.node.value {
            Value::String(Cow::Borrowed(s)) if end <= s.len() && start <= end => {
                let base = self.node.span.start as usize + 1;
                Span::new(base + start, base + end)
            }
            _ => self.node.span,
        }
    }

    fn whole(&mut self, rule: &'static crate::rules::Rule, message: String) -> crate::diagnostic::Pending<'_> {
        let span = self.node.span;
        self.sink.report(rule, span, self.pointer.to_string(), message)
    }

    fn at(&mut self, rule: &'static crate::rules::Rule, start: usize, end: usize, message: String) -> crate::diagnostic::Pending<'_> {
        let span = self.part(start, end);
        self.sink.report(rule, span, self.pointer.to_string(), message)
    }
}

fn reference(
    node: &Node<'_>,
    pointer: String,
    source: ReferenceSource,
    name: Option<String>,
    owner: &Owner,
    ctx: &Context,
    sink: &mut Sink,
) -> SecretReference {
    let value = node.as_str().unwrap_or("");
    let mut r = Reporter { sink, node, pointer: &pointer };
    let resolved = classify(value, source, ctx, &mut r);
    SecretReference {
        path: pointer,
        source,
        name,
        job_definition: owner.job_definition.clone(),
        container: owner.container.clone(),
        container_name: owner.container_name.clone(),
        execution_role_arn: owner.execution_role_arn.clone(),
        value_from: value.to_string(),
        kind: resolved.kind,
        partition: resolved.partition,
        region: resolved.region,
        account: resolved.account,
        resource_name: resolved.resource_name,
        json_key: resolved.json_key,
        version_stage: resolved.version_stage,
        version_id: resolved.version_id,
        resource_arn: resolved.resource_arn,
        grants: resolved.grants,
        range: Range::default(),
        span: node.span,
        role_span: owner.role_span,
        role_pointer: owner.role_pointer.clone(),
    }
}

fn classify(value: &str, source: ReferenceSource, ctx: &Context, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    if value.is_empty() {
        r.whole(&rules::EMPTY_VALUE_FROM, "this secret reference is empty".to_string());
        return Resolved::invalid();
    }
    if value.trim() != value {
        r.whole(&rules::SURROUNDING_WHITESPACE, format!("`{value}` has whitespace around it"));
        return Resolved::invalid();
    }
    if value.starts_with("arn:") {
        return classify_arn(value, source, ctx, r);
    }
    if value.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("arn:")) {
        r.at(&rules::MALFORMED_ARN, 0, 4, format!("`{}` must be written in lower case: `arn:`", value.get(..4).unwrap_or("")));
        return Resolved::invalid();
    }
    let (region, account) = job_location(ctx);
    if source == ReferenceSource::RepositoryCredentials {
        if !valid_secret_name(value, value.len(), r, 0) {
            return Resolved::invalid();
        }
        let arn = secret_arn(&ctx.partition, region, account, &secret_name_pattern(value));
        return Resolved {
            kind: ReferenceKind::SecretsManagerName,
            partition: Some(ctx.partition.clone()),
            region: ctx.region.clone(),
            account: ctx.account.clone(),
            resource_name: Some(value.to_string()),
            grants: vec![Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: arn.clone() }],
            resource_arn: Some(arn),
            ..Resolved::invalid()
        };
    }
    if let Some(secret_id) = value.strip_prefix(SSM_SECRETS_MANAGER_PREFIX) {
        return secrets_manager_reference(value, secret_id, SSM_SECRETS_MANAGER_PREFIX.len(), &ctx.partition, region, account, r);
    }
    // An unknown region or account is counted at the length of a typical one.
    let location = (ctx.partition.as_str(), ctx.region.as_deref().unwrap_or("us-east-1"), ctx.account.as_deref().unwrap_or("123456789012"));
    let Some(name) = valid_ssm_name(value, true, 0, location, r) else { return Resolved::invalid() };
    if secret_suffix(&name) == SecretSuffix::Present {
        let secret = name.strip_prefix('/').unwrap_or(&name);
        let without_suffix = secret.get(..secret.len().saturating_sub(7)).unwrap_or(secret);
        r.whole(
            &rules::SECRET_NAME_AS_PARAMETER,
            format!("`{name}` ends like a Secrets Manager secret (`-` and 6 random characters), but a name in `valueFrom` is read from Parameter Store"),
        )
        .help(format!(
            "If it is a secret, write its ARN (`arn:{}:secretsmanager:REGION:ACCOUNT:secret:{secret}`) or `/aws/reference/secretsmanager/{without_suffix}`.",
            ctx.partition
        ));
    }
    let arn = ssm_parameter_arn(&ctx.partition, region, account, &name);
    Resolved {
        kind: ReferenceKind::SsmParameterName,
        partition: Some(ctx.partition.clone()),
        region: ctx.region.clone(),
        account: ctx.account.clone(),
        resource_name: Some(name),
        grants: vec![Grant { action: SSM_GET_PARAMETERS, resource: arn.clone() }],
        resource_arn: Some(arn),
        ..Resolved::invalid()
    }
}

const SSM_SECRETS_MANAGER_PREFIX: &str = "/aws/reference/secretsmanager/";

fn job_location(ctx: &Context) -> (&str, &str) {
    (ctx.region.as_deref().unwrap_or(REGION_PLACEHOLDER), ctx.account.as_deref().unwrap_or(ACCOUNT_PLACEHOLDER))
}

/// `/aws/reference/secretsmanager/ID`: Parameter Store reads the secret, so the role needs
/// `ssm:GetParameters` on the reference parameter and `secretsmanager:GetSecretValue` on
/// the secret, in the same region and account.
fn secrets_manager_reference(
    name: &str,
    secret_id: &str,
    id_offset: usize,
    partition: &str,
    region: &str,
    account: &str,
    r: &mut Reporter<'_, '_, '_>,
) -> Resolved {
    if secret_id.is_empty() {
        r.whole(&rules::EMPTY_RESOURCE_NAME, format!("`{name}` names no secret after `{SSM_SECRETS_MANAGER_PREFIX}`"));
        return Resolved::invalid();
    }
    // Parameter Store accepts a version stage after the secret ID (`…/db:AWSPREVIOUS`); the
    // grants are for the parameter and the secret themselves.
    let (secret_id, name) = match secret_id.rsplit_once(':') {
        Some((base, stage))
            if !base.is_empty()
                && !base.as_bytes().contains(&b':')
                && !stage.is_empty()
                && stage.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')) =>
        {
            r.at(
                &rules::SSM_PARAMETER_SELECTOR,
                id_offset + base.len(),
                id_offset + secret_id.len(),
                format!("`:{stage}` selects a version stage of the secret; Batch does not document selectors in `valueFrom`"),
            );
            (base, name.get(..name.len() - stage.len() - 1).unwrap_or(name))
        }
        _ => (secret_id, name),
    };
    if !valid_secret_name(secret_id, secret_id.len(), r, id_offset) {
        return Resolved::invalid();
    }
    let parameter = ssm_parameter_arn(partition, region, account, name);
    let secret = secret_arn(partition, region, account, &secret_name_pattern(secret_id));
    Resolved {
        kind: ReferenceKind::SsmSecretsManagerReference,
        partition: Some(partition.to_string()),
        region: Some(region.to_string()).filter(|r| r != REGION_PLACEHOLDER),
        account: Some(account.to_string()).filter(|a| a != ACCOUNT_PLACEHOLDER),
        resource_name: Some(secret_id.to_string()),
        grants: vec![Grant { action: SSM_GET_PARAMETERS, resource: parameter.clone() }, Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: secret }],
        resource_arn: Some(parameter),
        ..Resolved::invalid()
    }
}

fn classify_arn(value: &str, source: ReferenceSource, ctx: &Context, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    let Some(arn) = Arn::parse(value) else {
        let colons = value.matches(':').count();
        r.whole(
            &rules::MALFORMED_ARN,
            format!("`{}` has {colons} colons; an ARN has at least 5: `arn:partition:service:region:account-id:resource`", truncate(value)),
        );
        return Resolved::invalid();
    };
    // Byte offsets of the fields, for precise spans.
    let partition_at = 4;
    let service_at = partition_at + arn.partition.len() + 1;
    let region_at = service_at + arn.service.len() + 1;
    let account_at = region_at + arn.region.len() + 1;
    let resource_at = account_at + arn.account.len() + 1;

    if aws::partition(arn.partition).is_none() {
        let known: Vec<&str> = aws::PARTITIONS.iter().map(|p| p.id).collect();
        r.at(&rules::UNKNOWN_PARTITION, partition_at, service_at - 1, format!("`{}` is not an AWS partition", arn.partition))
            .help(format!("Use one of: {}.", known.join(", ")));
        return Resolved::invalid();
    }
    let is_repository = source == ReferenceSource::RepositoryCredentials;
    match arn.service {
        "ssm" if is_repository => {
            r.at(
                &rules::REPOSITORY_CREDENTIALS_NOT_SECRET,
                service_at,
                region_at - 1,
                "repository credentials must be a Secrets Manager secret, not an SSM parameter".to_string(),
            );
            return Resolved::invalid();
        }
        "ssm" | "secretsmanager" => {}
        other => {
            r.at(
                &rules::UNSUPPORTED_SERVICE,
                service_at,
                region_at - 1,
                format!("`{other}` is not a service that secrets can be read from: expected `ssm` or `secretsmanager`"),
            );
            return Resolved::invalid();
        }
    }
    if !arn_location_is_valid(&arn, region_at, account_at, ctx, r) {
        return Resolved::invalid();
    }
    let resolved = if arn.service == "ssm" { ssm_arn(&arn, resource_at, r) } else { secrets_manager_arn(value, &arn, resource_at, is_repository, r) };
    if resolved.kind != ReferenceKind::Invalid {
        note_location(&arn, region_at, account_at, ctx, r);
    }
    resolved
}

/// Checks partition, region and account of an ARN against each other and the job.
fn arn_location_is_valid(arn: &Arn<'_>, region_at: usize, account_at: usize, ctx: &Context, r: &mut Reporter<'_, '_, '_>) -> bool {
    let region_end = account_at - 1;
    if arn.region.is_empty() {
        r.at(&rules::INVALID_ARN_REGION, region_at, region_end, "this ARN has no region".to_string());
        return false;
    }
    let own_partition = aws::partition(arn.partition);
    if !own_partition.is_some_and(|p| p.has_region(arn.region)) {
        if let Some(other) = aws::partition_of_region(arn.region) {
            r.at(
                &rules::INVALID_ARN_REGION,
                region_at,
                region_end,
                format!("the region `{}` is in the `{}` partition, but the ARN says `{}`", arn.region, other.id, arn.partition),
            );
            return false;
        }
        match aws::partition_by_region_pattern(arn.region) {
            Some(p) if p.id == arn.partition => {
                r.at(&ctx_rules::UNKNOWN_ARN_REGION, region_at, region_end, format!("`{}` is not a region batchlint knows", arn.region));
            }
            _ => {
                r.at(&rules::INVALID_ARN_REGION, region_at, region_end, format!("`{}` is not a region of the `{}` partition", arn.region, arn.partition));
                return false;
            }
        }
    }
    if !aws::is_account_id(arn.account) {
        let what = if arn.account.is_empty() { "this ARN has no account ID".to_string() } else { format!("`{}` is not a 12-digit account ID", arn.account) };
        r.at(&rules::INVALID_ARN_ACCOUNT, account_at, account_at + arn.account.len(), what);
        return false;
    }
    if !ctx.partition_assumed && arn.partition != ctx.partition {
        r.at(
            &ctx_rules::PARTITION_MISMATCH,
            4,
            4 + arn.partition.len(),
            format!("this ARN is in the `{}` partition, but the job runs in `{}`", arn.partition, ctx.partition),
        );
        return false;
    }
    true
}

/// Notes on a valid ARN reference that lives in another region or account than the job.
fn note_location(arn: &Arn<'_>, region_at: usize, account_at: usize, ctx: &Context, r: &mut Reporter<'_, '_, '_>) {
    let region_end = account_at - 1;
    if let Some(job_region) = ctx.region.as_deref().filter(|jr| *jr != arn.region) {
        r.at(&ctx_rules::CROSS_REGION_REFERENCE, region_at, region_end, format!("this reference is in `{}`, the job runs in `{job_region}`", arn.region));
    }
    if let Some(job_account) = ctx.account.as_deref().filter(|ja| *ja != arn.account) {
        r.at(
            &ctx_rules::CROSS_ACCOUNT_REFERENCE,
            account_at,
            account_at + arn.account.len(),
            format!("this reference is in account {}, the job runs in account {job_account}", arn.account),
        );
    }
}

fn ssm_arn(arn: &Arn<'_>, resource_at: usize, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    let resource = arn.resource;
    let name_in_arn = if let Some(rest) = resource.strip_prefix("parameter/") {
        rest
    } else if let Some(rest) = resource.strip_prefix("parameter:") {
        let fixed = ssm_parameter_arn(arn.partition, arn.region, arn.account, rest);
        r.at(
            &rules::SSM_ARN_COLON,
            resource_at + "parameter".len(),
            resource_at + "parameter:".len(),
            "an SSM parameter ARN has `parameter/` before the name, not `parameter:`".to_string(),
        )
        .help(format!("Write `{fixed}`."));
        return Resolved::invalid();
    } else {
        let kind = resource.split(['/', ':']).next().unwrap_or(resource);
        r.at(
            &rules::WRONG_RESOURCE_TYPE,
            resource_at,
            resource_at + kind.len(),
            format!("`{kind}` is not an SSM parameter: the resource must start with `parameter/`"),
        );
        return Resolved::invalid();
    };
    let name_at = resource_at + "parameter/".len();
    if name_in_arn.is_empty() {
        r.at(&rules::EMPTY_RESOURCE_NAME, resource_at, name_at, "this ARN names no parameter after `parameter/`".to_string());
        return Resolved::invalid();
    }
    if name_in_arn.starts_with('/') {
        let fixed = ssm_parameter_arn(arn.partition, arn.region, arn.account, name_in_arn.trim_start_matches('/'));
        r.at(&rules::SSM_ARN_DOUBLE_SLASH, name_at - 1, name_at + 1, "`parameter//` names no parameter: the ARN drops the name's leading slash".to_string())
            .help(format!("Write `{fixed}`."));
        return Resolved::invalid();
    }
    let full_name = format!("/{name_in_arn}");
    if let Some(secret_id) = full_name.strip_prefix(SSM_SECRETS_MANAGER_PREFIX) {
        return secrets_manager_reference(&full_name, secret_id, name_at - 1 + SSM_SECRETS_MANAGER_PREFIX.len(), arn.partition, arn.region, arn.account, r);
    }
    let Some(name) = valid_ssm_name(name_in_arn, false, name_at, (arn.partition, arn.region, arn.account), r) else { return Resolved::invalid() };
    let resource_arn = ssm_parameter_arn(arn.partition, arn.region, arn.account, &name);
    Resolved {
        kind: ReferenceKind::SsmParameterArn,
        partition: Some(arn.partition.to_string()),
        region: Some(arn.region.to_string()),
        account: Some(arn.account.to_string()),
        resource_name: Some(if name.starts_with('/') || name_in_arn.as_bytes().contains(&b'/') {
            format!("/{}", name.trim_start_matches('/'))
        } else {
            name.clone()
        }),
        grants: vec![Grant { action: SSM_GET_PARAMETERS, resource: resource_arn.clone() }],
        resource_arn: Some(resource_arn),
        ..Resolved::invalid()
    }
}

fn secrets_manager_arn(value: &str, arn: &Arn<'_>, resource_at: usize, is_repository: bool, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    let Some(rest) = arn.resource.strip_prefix("secret:") else {
        let kind = arn.resource.split([':', '/']).next().unwrap_or("");
        r.at(
            &rules::WRONG_RESOURCE_TYPE,
            resource_at,
            resource_at + kind.len(),
            format!("`{kind}` is not a Secrets Manager secret: the resource must start with `secret:`"),
        );
        return Resolved::invalid();
    };
    let name_at = resource_at + "secret:".len();
    let fields: Vec<&str> = rest.split(':').collect();
    let (name, json_key, stage, id) = match fields.as_slice() {
        [name] => (*name, "", "", ""),
        [name, key, stage, id] => (*name, *key, *stage, *id),
        _ => {
            let extra = fields.len() - 1;
            let selectors_at = name_at + fields.first().map_or(0, |n| n.len());
            r.at(
                &rules::SECRET_SELECTOR_FIELDS,
                selectors_at,
                value.len(),
                format!("a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has {extra}"),
            )
            .help(selector_help(value, &fields));
            return Resolved::invalid();
        }
    };
    if name.is_empty() {
        r.at(&rules::EMPTY_RESOURCE_NAME, resource_at, name_at, "this ARN names no secret after `secret:`".to_string());
        return Resolved::invalid();
    }
    if !valid_secret_name_with_suffix(name, r, name_at) {
        return Resolved::invalid();
    }
    let selectors_at = name_at + name.len();
    if is_repository && fields.len() > 1 {
        r.at(
            &rules::REPOSITORY_CREDENTIALS_NOT_SECRET,
            selectors_at,
            value.len(),
            "repository credentials take the whole secret: JSON-key and version selectors are not supported".to_string(),
        );
        return Resolved::invalid();
    }
    if !stage.is_empty() && !id.is_empty() {
        r.at(
            &rules::SECRET_STAGE_AND_ID,
            selectors_at,
            value.len(),
            "this reference gives both a version stage and a version ID; they are mutually exclusive".to_string(),
        );
        return Resolved::invalid();
    }
    if !id.is_empty() && !(32..=64).contains(&id.chars().count()) {
        r.at(
            &rules::INVALID_SECRET_VERSION,
            value.len() - id.len(),
            value.len(),
            format!("a version ID is 32–64 characters, `{id}` has {}", id.chars().count()),
        );
        return Resolved::invalid();
    }
    if stage.chars().count() > 256 {
        r.at(&rules::INVALID_SECRET_VERSION, selectors_at, value.len(), "a version stage is at most 256 characters".to_string());
        return Resolved::invalid();
    }
    let exact = secret_arn(arn.partition, arn.region, arn.account, name);
    let any_suffix = secret_arn(arn.partition, arn.region, arn.account, &secret_name_pattern(name));
    let complete = format!("{}-AbCdEf", secret_arn(arn.partition, arn.region, arn.account, name));
    // The ARN the reference most likely means, and every resource it may mean.
    let (resource_arn, granted) = match secret_suffix(name) {
        SecretSuffix::Present => (exact.clone(), vec![exact]),
        SecretSuffix::Absent => {
            r.at(&rules::PARTIAL_SECRET_ARN, name_at, selectors_at, format!("`{name}` has no 6-character suffix: this is a partial ARN"))
                .help(format!("Use the complete ARN, such as `{complete}` (the suffix is on the secret's page in the console). batchlint grants `secret:{}`, which matches one suffix.", secret_name_pattern(name)));
            (any_suffix.clone(), vec![any_suffix])
        }
        SecretSuffix::Ambiguous => {
            let tail = name.get(name.len() - 7..).unwrap_or("");
            r.at(&rules::PARTIAL_SECRET_ARN, name_at, selectors_at, format!("`{name}` may be a partial ARN: `{tail}` looks like part of the name, not the 6 random characters Secrets Manager appends"))
                .help(format!("Use the complete ARN, such as `{complete}`. Until then batchlint grants both readings, `secret:{name}` and `secret:{}`; each matches only the secret named here.", secret_name_pattern(name)));
            (any_suffix.clone(), vec![exact, any_suffix])
        }
    };
    let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    Resolved {
        kind: ReferenceKind::SecretsManagerArn,
        partition: Some(arn.partition.to_string()),
        region: Some(arn.region.to_string()),
        account: Some(arn.account.to_string()),
        resource_name: Some(name.to_string()),
        json_key: non_empty(json_key),
        version_stage: non_empty(stage),
        version_id: non_empty(id),
        grants: granted.into_iter().map(|resource| Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource }).collect(),
        resource_arn: Some(resource_arn),
    }
}

/// Help for a selector with the wrong field count: show the likely intended form.
fn selector_help(value: &str, fields: &[&str]) -> String {
    let base_len = value.len() - fields.iter().skip(1).map(|f| f.len() + 1).sum::<usize>();
    let base = value.get(..base_len).unwrap_or(value);
    let given: Vec<&str> = fields.iter().skip(1).copied().collect();
    match given.as_slice() {
        [key] => format!("For the JSON key `{key}` write `{base}:{key}::` (keep the colons of the empty version fields)."),
        [key, stage] => format!("Write `{base}:{key}:{stage}:` (keep the colon of the empty version ID)."),
        _ => format!("Write `{base}` for the whole secret, or `{base}:json-key:version-stage:version-id` with empty fields left between their colons."),
    }
}

/// A name in an ARN may carry the 7-character suffix on top of the 512 allowed.
fn valid_secret_name_with_suffix(name: &str, r: &mut Reporter<'_, '_, '_>, at: usize) -> bool {
    let without_suffix = match secret_suffix(name) {
        SecretSuffix::Present => name.len() - 7,
        SecretSuffix::Absent | SecretSuffix::Ambiguous => name.len(),
    };
    valid_secret_name(name, without_suffix, r, at)
}

/// Secrets Manager's name rules; `len` is the length that counts against the 512 allowed.
fn valid_secret_name(name: &str, len: usize, r: &mut Reporter<'_, '_, '_>, at: usize) -> bool {
    const MAX: usize = 512;
    if let Some((i, c)) = name.char_indices().find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '=' | '.' | '@' | '-'))) {
        r.at(&rules::INVALID_SECRET_NAME, at + i, at + i + c.len_utf8(), format!("{} is not allowed in a secret name", describe_char(c)));
        return false;
    }
    if len > MAX {
        r.at(&rules::INVALID_SECRET_NAME, at, at + name.len(), format!("this secret name has {len} characters; the limit is {MAX}"));
        return false;
    }
    true
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

/// Validates an SSM parameter name written as a name; returns it without a selector.
/// Parameter Store's naming rules, for a name whose ARN would be in `partition`, `region`
/// and `account` (the 1,011-character limit counts the ARN prefix).
fn valid_ssm_name(name: &str, as_name: bool, at: usize, (partition, region, account): (&str, &str, &str), r: &mut Reporter<'_, '_, '_>) -> Option<String> {
    let prefix_len = ssm_parameter_arn(partition, region, account, "").len();
    check_ssm_name(name, as_name, at, prefix_len, r)
}

/// Parameter Store's naming rules. `as_name` is false for the name part of an ARN (which
/// has no leading slash of its own).
fn check_ssm_name(name: &str, as_name: bool, at: usize, arn_prefix_len: usize, r: &mut Reporter<'_, '_, '_>) -> Option<String> {
    let mut base = name;
    if let Some((before, selector)) = name.rsplit_once(':') {
        let selector_ok = !selector.is_empty() && selector.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if selector_ok && !before.as_bytes().contains(&b':') {
            r.at(
                &rules::SSM_PARAMETER_SELECTOR,
                at + before.len(),
                at + name.len(),
                format!("`:{selector}` selects a version or label of the parameter; Batch does not document selectors in `valueFrom`"),
            );
            base = before;
        }
    }
    if let Some((i, c)) = base.char_indices().find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/'))) {
        let mut pending =
            r.at(&rules::SSM_NAME_CHARACTERS, at + i, at + i + c.len_utf8(), format!("{} is not allowed in an SSM parameter name", describe_char(c)));
        if as_name && base.bytes().all(|b| b.is_ascii_alphanumeric() || b"/_+=.@-".contains(&b)) {
            pending = pending.help(format!("If `{base}` is a Secrets Manager secret, write `/aws/reference/secretsmanager/{base}` or the secret's ARN."));
        }
        drop(pending);
        return None;
    }
    let levels: Vec<&str> = base.strip_prefix('/').unwrap_or(base).split('/').collect();
    if as_name && base.as_bytes().contains(&b'/') && !base.starts_with('/') {
        r.at(&rules::SSM_NAME_NOT_FULLY_QUALIFIED, at, at, format!("`{base}` has levels but no leading `/`")).help(format!(
            "Write `/{base}` for an SSM parameter; if `{base}` is a Secrets Manager secret, write `/aws/reference/secretsmanager/{base}` or the secret's ARN."
        ));
        return None;
    }
    if levels.iter().any(|l| l.is_empty()) {
        let empty_at = base.as_bytes().windows(2).position(|pair| pair == b"//").map_or(base.len().saturating_sub(1), |i| i + 1);
        r.at(&rules::SSM_NAME_CHARACTERS, at + empty_at, at + empty_at + 1, format!("`{base}` has an empty level"));
        return None;
    }
    if levels.len() > 15 {
        r.at(&rules::SSM_NAME_TOO_DEEP, at, at + base.len(), format!("this parameter name has {} levels; the limit is 15", levels.len()));
        return None;
    }
    let full = base.strip_prefix('/').unwrap_or(base);
    if arn_prefix_len + full.len() > 1011 {
        r.at(
            &rules::SSM_NAME_TOO_LONG,
            at,
            at + base.len(),
            format!("with its ARN prefix this name has {} characters; the limit is 1,011", arn_prefix_len + full.len()),
        );
        return None;
    }
    let first = levels.first().copied().unwrap_or("");
    let lower = first.to_ascii_lowercase();
    let public_read_path = base.starts_with("/aws/service/") || (!as_name && base.starts_with("aws/service/"));
    if (lower.starts_with("aws") || lower.starts_with("ssm")) && !public_read_path {
        let offset = usize::from(base.starts_with('/'));
        r.at(
            &rules::SSM_NAME_RESERVED_PREFIX,
            at + offset,
            at + offset + 3,
            format!("`{}` is a reserved prefix: parameter names cannot start with `aws` or `ssm`", first.get(..3).unwrap_or(first)),
        );
        return None;
    }
    Some(base.to_string())
}

fn truncate(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= 120 {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("{}…", s.chars().take(120).collect::<String>()))
    }
}
