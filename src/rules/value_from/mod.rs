//! Secret references (BL3xx): the syntax of `valueFrom` and `credentialsParameter`. Every
//! reference is found and classified once, here, and the classification is the check: a
//! reference that names a usable parameter or secret comes out with its grants, any other
//! with findings at the place in the string that is wrong. Where the reference lives against
//! where the job runs (BL4xx) is declared and checked in [`location`].

mod classify;
pub mod location;
mod probe;
mod reporter;
mod secrets_manager;
mod ssm;
#[cfg(feature = "forms")]
mod symbolic;

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Node, Pointer, Range, Sources, Span, Value};
use crate::model::{ContainerKind, JobDefinition};
use crate::options::Context;
use crate::references::{ReferenceSource, SecretReference};
use reporter::Reporter;

declare_rules! {
    family: ValueFrom;

    EMPTY_VALUE_FROM = "BL301" "empty-value-from" Error {
        summary: "a secret reference is empty",
        help: "Give the SSM parameter name or ARN, or the Secrets Manager secret ARN, to read the value from.",
        why: "The container agent asks SSM or Secrets Manager for an empty name and the job fails at start with ResourceInitializationError.",
        bad: r#"{"name": "DB_PASSWORD", "valueFrom": ""}"#,
        good: r#"{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}"#,
    }

    MALFORMED_ARN = "BL302" "malformed-arn" Error {
        summary: "a secret reference starts like an ARN but does not have its six fields",
        help: "An ARN is `arn:partition:service:region:account-id:resource`, e.g. `arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password`.",
        why: "Registration fails with \"The Systems Manager parameter ARN spec…\" or the agent reports \"an invalid ARN format for the AWS Secrets Manager secret was specified\".",
        bad: r#"{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:parameter/prod/db/password"}"#,
        good: r#"{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    }

    UNKNOWN_PARTITION = "BL303" "unknown-partition" Error {
        summary: "an ARN names a partition that does not exist",
        help: "Use the partition of the region: `aws`, `aws-cn` (China), `aws-us-gov` (GovCloud), `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f` or `aws-eusc`.",
        why: "No service resolves an ARN in an unknown partition, so the secret can never be read.",
        bad: r#"{"valueFrom": "arn:amazon:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    }

    UNSUPPORTED_SERVICE = "BL304" "unsupported-service" Error {
        summary: "a secret reference is an ARN of a service other than SSM or Secrets Manager",
        help: "`valueFrom` takes an SSM parameter (`arn:…:ssm:…:parameter/NAME`) or a Secrets Manager secret (`arn:…:secretsmanager:…:secret:NAME`). Store the value in one of them.",
        why: "Batch passes `valueFrom` to the ECS agent, which reads only Parameter Store and Secrets Manager.",
        bad: r#"{"valueFrom": "arn:aws:s3:::my-bucket/db-password"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
    }

    INVALID_ARN_REGION = "BL305" "invalid-arn-region" Error {
        summary: "an ARN has no region, or a region outside its partition",
        help: "Write the region that holds the parameter or secret, such as `eu-west-1`, in the fourth field of the ARN.",
        why: "SSM parameters and Secrets Manager secrets are regional: the agent fetches them from the region in the ARN.",
        bad: r#"{"valueFrom": "arn:aws:ssm::123456789012:parameter/prod/db/password"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    }

    INVALID_ARN_ACCOUNT = "BL306" "invalid-arn-account" Error {
        summary: "an ARN has no 12-digit account ID",
        help: "Write the 12-digit account ID that owns the parameter or secret in the fifth field of the ARN.",
        why: "ECS rejects an SSM ARN without its account (terraform#22926: \"The Systems Manager parameter ARN spec…\"). AWS's public parameters are the exception: their ARN has an empty account, `arn:aws:ssm:us-east-2::parameter/aws/service/…` (SSM User Guide), and batchlint grants them so.",
        bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1::parameter/prod/db/password"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    }

    WRONG_RESOURCE_TYPE = "BL307" "wrong-resource-type" Error {
        summary: "an ARN names a resource type other than an SSM parameter or a Secrets Manager secret",
        help: "SSM ARNs end in `parameter/NAME`; Secrets Manager ARNs end in `secret:NAME-AbCdEf`.",
        why: "Only parameters and secrets hold values that the agent can inject.",
        bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:document/prod-db"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db"}"#,
    }

    SSM_ARN_COLON = "BL308" "ssm-arn-colon-separator" Error {
        summary: "an SSM ARN separates `parameter` from the name with a colon",
        help: "Write `parameter/NAME`, not `parameter:NAME` or `parameter:/NAME` (a typo copied from an AWS documentation example).",
        why: "The resource of an SSM parameter ARN is `parameter/NAME`; the colon form names no parameter and the job fails to start.",
        bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter:/prod/db/password"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    }

    SSM_ARN_DOUBLE_SLASH = "BL309" "ssm-arn-double-slash" Error {
        summary: "an SSM ARN has `parameter//`",
        help: "Drop the name's leading slash in the ARN: the parameter `/prod/db` has the ARN `…:parameter/prod/db`.",
        why: "`parameter//NAME` is a classic generator bug (aws-cdk#4803); it matches no parameter and reads fail with AccessDenied or invalid parameters.",
        bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter//prod/db/password"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    }

    EMPTY_RESOURCE_NAME = "BL310" "empty-resource-name" Error {
        summary: "an ARN has no parameter or secret name",
        help: "Complete the ARN with the parameter or secret name.",
        why: "An ARN that ends at `parameter/` or `secret:` names nothing.",
        bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
    }

    SECRET_SELECTOR_FIELDS = "BL311" "secret-selector-field-count" Error {
        summary: "a Secrets Manager ARN has a selector with the wrong number of colons",
        help: "After `secret:NAME` give either nothing or exactly three fields, `:json-key:version-stage:version-id`, keeping the colons of the empty ones: `…:secret:db-AbCdEf:password::`.",
        why: "The ECS agent splits the resource on `:` and accepts 2 or 5 fields only; anything else fails with \"an invalid ARN format for the AWS Secrets Manager secret was specified\" (amazon-ecs-agent `asmsecret`). The AWS Batch User Guide's version-ID example, `…-AbCdEf::<id>`, has 4 and fails so; the ECS guide writes `:::<id>`.",
        bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::"}"#,
    }

    SECRET_STAGE_AND_ID = "BL312" "secret-version-stage-and-id" Warning {
        summary: "a Secrets Manager reference gives both a version stage and a version ID",
        help: "Keep one: the version stage (`AWSCURRENT`, `AWSPREVIOUS`, a custom label) or the version ID.",
        why: "The Batch and ECS guides say that with a version stage \"you can't specify a version ID\". The runtime is looser: the ECS agent sends both to GetSecretValue, which accepts them \"if … the two parameters … refer to the same secret version\" (Secrets Manager API), so the job starts only while the stage stays on that version. batchlint grants the secret.",
        bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:"}"#,
    }

    PARTIAL_SECRET_ARN = "BL313" "partial-secret-arn" Warning {
        summary: "a Secrets Manager ARN lacks the 6-character suffix that Secrets Manager adds to the name",
        help: "Use the complete ARN from the Secrets Manager console (it ends in `-` and six characters). batchlint grants `secret:NAME-??????`, which matches exactly one suffix.",
        why: "A partial ARN works for GetSecretValue, but becomes ambiguous when another secret's name ends like a suffix, and IAM resources need the suffix or a `-??????` wildcard.",
        bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
    }

    SSM_NAME_CHARACTERS = "BL314" "invalid-ssm-name-characters" Error {
        summary: "an SSM parameter name has a character that Parameter Store does not allow",
        help: "Parameter names use letters, digits, `_`, `.`, `-` and `/` between levels. A Secrets Manager secret named here must be written as its ARN or as `/aws/reference/secretsmanager/NAME`.",
        why: "SSM rejects the name (\"each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_\") and the job fails at start.",
        bad: r#"{"valueFrom": "prod db password"}"#,
        good: r#"{"valueFrom": "/prod/db/password"}"#,
    }

    SSM_NAME_NOT_FULLY_QUALIFIED = "BL315" "ssm-name-not-fully-qualified" Error {
        summary: "a hierarchical SSM parameter name does not start with `/`",
        help: "Start hierarchical names with `/`: `/prod/db/password`. A Secrets Manager secret is named `/aws/reference/secretsmanager/prod/db` or by its ARN.",
        why: "Parameter Store requires a leading slash on names with levels (\"not fully qualified\"); a bare `prod/db` is often a Secrets Manager secret name used in the wrong place.",
        bad: r#"{"valueFrom": "prod/db/password"}"#,
        good: r#"{"valueFrom": "/prod/db/password"}"#,
    }

    SSM_NAME_TOO_DEEP = "BL316" "ssm-name-too-deep" Error {
        summary: "an SSM parameter name has more than 15 levels",
        help: "Flatten the hierarchy to at most 15 levels.",
        why: "Parameter Store rejects deeper names with HierarchyLevelLimitExceededException.",
        bad: r#"{"valueFrom": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p"}"#,
        good: r#"{"valueFrom": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o"}"#,
    }

    SSM_NAME_TOO_LONG = "BL317" "ssm-name-too-long" Error {
        summary: "an SSM parameter name is longer than Parameter Store allows",
        help: "Shorten the name: with its ARN prefix (`arn:aws:ssm:REGION:ACCOUNT:parameter/`) it must fit in 1,011 characters.",
        why: "Parameter Store limits a name to 1,011 characters including the ARN prefix.",
        bad: r#"{"valueFrom": "/prod/…1,000 more characters…"}"#,
        good: r#"{"valueFrom": "/prod/db/password"}"#,
    }

    SSM_NAME_RESERVED_PREFIX = "BL318" "ssm-name-reserved-prefix" Error {
        summary: "an SSM parameter name starts with the reserved `aws` or `ssm` prefix",
        help: "Rename the parameter. Only the read paths `/aws/reference/secretsmanager/…` and `/aws/service/…` may start with `aws`.",
        why: "Parameter Store refuses such names: \"Parameter name: can't be prefixed with \\\"aws\\\" or \\\"ssm\\\" (case-insensitive)\".",
        bad: r#"{"valueFrom": "/ssm/prod/db/password"}"#,
        good: r#"{"valueFrom": "/prod/db/password"}"#,
    }

    INVALID_SECRET_NAME = "BL319" "invalid-secret-name" Error {
        summary: "a Secrets Manager secret name has a character or length that Secrets Manager does not allow",
        help: "Secret names are 1–512 characters of letters, digits and `/_+=.@-`; a secret that an AWS service manages starts with the service's ID and `!` (`rds!db-…`).",
        why: "No secret can have such a name (CreateSecret: \"ASCII letters, numbers, and the following characters: /_+=.@-\"), so the reference can never resolve. Secrets that AWS services create are \"named with a service ID prefix\" and a `!` (Secrets Manager User Guide; `rds!cluster-…` in the AWS CLI's list-secrets example; `rds!db-…`, `redshift!…`, `events!connection/…`): batchlint takes a `!` after a lower-case service ID, and nowhere else.",
        bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod db-AbCdEf"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-f74d77c4-e1fc-4c6f-a1c5-186320d65edb-wNVsVF:password::"}"#,
    }

    INVALID_SECRET_VERSION = "BL320" "invalid-secret-version" Error {
        summary: "a Secrets Manager version ID or stage has an impossible length",
        help: "A version ID is 32–64 characters (a UUID); a version stage is 1–256 characters, such as `AWSCURRENT`.",
        why: "GetSecretValue rejects the request, and the job fails at start.",
        bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::v2"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"}"#,
    }

    REPOSITORY_CREDENTIALS_NOT_SECRET = "BL321" "repository-credentials-not-a-secret" Error {
        summary: "repository credentials do not name a Secrets Manager secret",
        help: "`credentialsParameter` takes the ARN (or, in the same region, the name) of a Secrets Manager secret whose value is `{\"username\": …, \"password\": …}`; SSM parameters, `/aws/reference/secretsmanager/` paths and selectors are not supported here.",
        why: "The agent reads registry credentials with one GetSecretValue of the string as written (amazon-ecs-agent `asmauth`): an SSM parameter, a selector or an `/aws/reference/secretsmanager/NAME` path (a secret named so does not exist) fails the image pull.",
        bad: r#"{"repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:eu-west-1:123456789012:parameter/registry"}}"#,
        good: r#"{"repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf"}}"#,
    }

    SSM_PARAMETER_SELECTOR = "BL322" "ssm-parameter-selector" Error {
        summary: "an SSM reference has a `:version` or `:label` selector, which ECS does not take",
        help: "Reference the parameter without the selector: `valueFrom` reads its current value. To pin a value, give it a parameter of its own; for a secret's version stage, use the secret's ARN with `::STAGE:`.",
        why: "ECS refuses the task definition that Batch registers for the job: \"The Systems Manager parameter name specified for secret … is invalid. The parameter name can be up to 2048 characters and include the following letters and symbols: a-zA-Z0-9_.-\" (aws/containers-roadmap#859). Even past that, the EC2 agent would set the variable to an empty string with no error: GetParameters returns the name without the selector, and the agent looks the value up by `valueFrom` (amazon-ecs-agent `ssmsecret`). batchlint grants nothing for it.",
        bad: r#"{"valueFrom": "/prod/db/password:3"}"#,
        good: r#"{"valueFrom": "/prod/db/password"}"#,
    }

    SURROUNDING_WHITESPACE = "BL323" "value-from-whitespace" Error {
        summary: "a secret reference has leading or trailing whitespace",
        help: "Remove the spaces around the name or ARN.",
        why: "For an SSM name, GetParameters removes the spaces (\"The service removes any spaces specified for the beginning or end of a parameter name\", SSM API reference), but the EC2 agent then looks the value up by `valueFrom` as written, misses the trimmed name SSM returns, and sets the variable to an empty string with no error (amazon-ecs-agent `ssmsecret`, `task.go`). A Secrets Manager ARN with a leading space is no ARN to the agent (\"invalid prefix\").",
        bad: r#"{"valueFrom": " /prod/db/password"}"#,
        good: r#"{"valueFrom": "/prod/db/password"}"#,
    }

    SECRET_NAME_AS_PARAMETER = "BL324" "secret-name-as-parameter" Warning {
        summary: "a name in `valueFrom` looks like a Secrets Manager secret, but names are read from Parameter Store",
        help: "For a Secrets Manager secret, give its ARN or write `/aws/reference/secretsmanager/NAME`; a bare name is looked up as an SSM parameter.",
        why: "Only ARNs reach Secrets Manager: the agent asks Parameter Store for a bare name, and the job fails with \"invalid parameters\" (the research's user-failure table lists this mix-up).",
        bad: r#"{"valueFrom": "prod-db-AbC1Ef"}"#,
        good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod-db-AbC1Ef"}"#,
    }

    UNKNOWN_REFERENCE = "BL325" "unknown-secret-reference" Warning {
        summary: "a secret reference is computed at deploy time, and what it names cannot be told offline",
        help: "Write the reference so that its kind shows: `!Sub \"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db\"`, `!Ref` of an `AWS::SecretsManager::Secret`, `aws_ssm_parameter.NAME.arn`; or give the parameter or variable a default. Until then, grant this reference yourself.",
        why: "batchlint never guesses a value it cannot see (a guessed ARN would be a wrong grant), so the policy it writes lacks this read, and a role that has only that policy fails at launch with AccessDenied.",
        bad: r#"container_properties = jsonencode({ image = "busybox", executionRoleArn = "arn:aws:iam::123456789012:role/exec", secrets = [{ name = "DB_PASSWORD", valueFrom = var.db_password_ref }] })"#,
        good: r#"container_properties = jsonencode({ image = "busybox", executionRoleArn = "arn:aws:iam::123456789012:role/exec", secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db" }] })"#,
    }

    DEPLOY_TIME_RESOURCE = "BL326" "deploy-time-resource" Info {
        summary: "the policy names a secret with an expression of the input, known only at deploy time",
        help: "Use the policy in the input's own form (CloudFormation's `!Sub`, Terraform's interpolation), where the expression is resolved when it deploys; the JSON document holds it as text.",
        why: "A part such as `${Env}` is not known offline, and batchlint does not guess it; the grant is exactly as narrow as the reference once the value is filled in.",
        bad: r#"container_properties = jsonencode({ image = "busybox", executionRoleArn = "arn:aws:iam::123456789012:role/exec", secrets = [{ name = "DB_PASSWORD", valueFrom = "/${var.env}/db/password" }] })"#,
        good: r#"container_properties = jsonencode({ image = "busybox", executionRoleArn = "arn:aws:iam::123456789012:role/exec", secrets = [{ name = "DB_PASSWORD", valueFrom = "/prod/db/password" }] })"#,
    }
}

/// The references of one job definition.
pub struct Collected {
    pub references: Vec<SecretReference>,
    /// How many references grant nothing because the revision is INACTIVE (BL904).
    pub withheld: usize,
}

/// Finds, classifies and checks every secret reference of a job definition.
pub fn collect(job: &JobDefinition<'_, '_>, ctx: &Context, sink: &mut Sink) -> Collected {
    let mut out = Vec::new();
    for container in &job.containers {
        if container.kind == ContainerKind::Eks {
            continue;
        }
        let role_node = container.execution_role();
        let owner = Owner {
            job_definition: job.name().map(str::to_string),
            container: container.pointer.as_str().to_string(),
            container_name: container.name.map(str::to_string),
            execution_role_arn: role_node.and_then(text_or_expression),
            role_span: role_node.map(|n| n.span),
            role_pointer: role_node.map(|_| container.role_holder_pointer.key("executionRoleArn").into()),
        };
        let log = container.log_configuration();
        let lists = [
            (container.node.get("secrets"), container.pointer.key("secrets"), ReferenceSource::Secrets),
            (
                log.as_ref().and_then(|(l, _)| l.get("secretOptions")),
                log.as_ref().map_or(Pointer::ROOT, |(_, pointer)| pointer.key("secretOptions")),
                ReferenceSource::SecretOptions,
            ),
        ];
        for (list, list_pointer, source) in lists {
            for (i, item) in list.and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
                let Some(value) = item.get("valueFrom").filter(|v| is_reference_value(v)) else { continue };
                let pointer = list_pointer.index(i).key("valueFrom");
                let name = item.get_str("name").map(str::to_string);
                out.push(reference(value, job.sources, pointer.into(), source, name, &owner, ctx, sink));
            }
        }
        if let Some(value) = container
            .node
            .get("repositoryCredentials")
            .and_then(|r| r.get("credentialsParameter"))
            .filter(|v| is_reference_value(v))
        {
            let pointer = container.pointer.key("repositoryCredentials").key("credentialsParameter");
            out.push(reference(
                value,
                job.sources,
                pointer.into(),
                ReferenceSource::RepositoryCredentials,
                None,
                &owner,
                ctx,
                sink,
            ));
        }
    }
    location::report_names_read_in_job_location(&out, ctx, sink);
    // A deregistered revision cannot run: its references are checked and listed, but
    // granting them would give access that no job uses.
    let mut withheld = 0;
    if job.inactive_status().is_some() {
        for r in out.iter_mut().filter(|r| !r.grants.is_empty()) {
            r.grants.clear();
            withheld += 1;
        }
    }
    Collected { references: out, withheld }
}

/// A string, or a value computed at deploy time (the shape checks report any other type).
fn is_reference_value(node: &Node<'_>) -> bool {
    matches!(node.value, Value::String(_) | Value::Symbolic(_))
}

/// A string as written, or a value computed at deploy time as the input's expression.
fn text_or_expression(node: &Node<'_>) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.to_string()),
        Value::Symbolic(s) => Some(s.expression()),
        _ => None,
    }
}

/// What every reference of one container shares.
struct Owner {
    job_definition: Option<String>,
    container: String,
    container_name: Option<String>,
    execution_role_arn: Option<String>,
    role_span: Option<Span>,
    role_pointer: Option<String>,
}

#[allow(clippy::too_many_arguments)] // each is one fact about the reference
fn reference<'n, 'a>(
    node: &'n Node<'a>,
    sources: &'n Sources<'a>,
    pointer: String,
    source: ReferenceSource,
    name: Option<String>,
    owner: &Owner,
    ctx: &Context,
    sink: &mut Sink,
) -> SecretReference {
    let mut r = Reporter::new(sink, node, sources, &pointer);
    #[cfg(feature = "forms")]
    let probe = node.as_symbolic().map(|s| (s, probe::Probe::new(s, node.span, sources)));
    #[cfg(feature = "forms")]
    let (value, resolved) = match &probe {
        Some((s, probe)) => {
            r.probe = Some(probe);
            (s.expression(), symbolic::classify_symbolic(s, probe, source, ctx, &mut r))
        }
        None => literal(node, source, ctx, &mut r),
    };
    #[cfg(not(feature = "forms"))]
    let (value, resolved) = literal(node, source, ctx, &mut r);
    SecretReference {
        path: pointer,
        source,
        name,
        job_definition: owner.job_definition.clone(),
        resource: None,
        container: owner.container.clone(),
        container_name: owner.container_name.clone(),
        execution_role_arn: owner.execution_role_arn.clone(),
        value_from: value,
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
        file: None,
        range: Range::default(),
        span: node.span,
        role_span: owner.role_span,
        role_pointer: owner.role_pointer.clone(),
        job_fields: resolved.job_fields,
    }
}

/// A reference written as a string.
fn literal(
    node: &Node<'_>,
    source: ReferenceSource,
    ctx: &Context,
    r: &mut Reporter<'_, '_, '_>,
) -> (String, classify::Resolved) {
    let value = node.as_str().unwrap_or("");
    (value.to_string(), classify::classify(value, source, ctx, r))
}
