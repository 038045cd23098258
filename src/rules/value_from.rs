//! Secret references: the syntax of `valueFrom` and `credentialsParameter`.
//! The checks live in `references.rs`, which classifies each reference once.

use super::{Family, Rule};
use crate::diagnostic::Severity;

macro_rules! rule {
    ($id:ident, $code:literal, $name:literal, $sev:ident, $summary:literal, help: $help:literal, why: $why:literal, bad: $bad:literal, good: $good:literal) => {
        pub static $id: Rule = Rule {
            code: $code,
            name: $name,
            family: Family::ValueFrom,
            severity: Severity::$sev,
            summary: $summary,
            help: $help,
            why: $why,
            bad: super::example!($bad),
            good: super::example!($good),
        };
    };
}

rule!(EMPTY_VALUE_FROM, "BL301", "empty-value-from", Error, "a secret reference is empty",
    help: "Give the SSM parameter name or ARN, or the Secrets Manager secret ARN, to read the value from.",
    why: "The container agent asks SSM or Secrets Manager for an empty name and the job fails at start with ResourceInitializationError.",
    bad: r#"{"name": "DB_PASSWORD", "valueFrom": ""}"#,
    good: r#"{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}"#);

rule!(MALFORMED_ARN, "BL302", "malformed-arn", Error, "a secret reference starts like an ARN but does not have its six fields",
    help: "An ARN is `arn:partition:service:region:account-id:resource`, e.g. `arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password`.",
    why: "Registration fails with \"The Systems Manager parameter ARN spec…\" or the agent reports \"an invalid ARN format for the AWS Secrets Manager secret was specified\".",
    bad: r#"{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:parameter/prod/db/password"}"#,
    good: r#"{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#);

rule!(UNKNOWN_PARTITION, "BL303", "unknown-partition", Error, "an ARN names a partition that does not exist",
    help: "Use the partition of the region: `aws`, `aws-cn` (China), `aws-us-gov` (GovCloud), `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f` or `aws-eusc`.",
    why: "No service resolves an ARN in an unknown partition, so the secret can never be read.",
    bad: r#"{"valueFrom": "arn:amazon:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
    good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#);

rule!(UNSUPPORTED_SERVICE, "BL304", "unsupported-service", Error, "a secret reference is an ARN of a service other than SSM or Secrets Manager",
    help: "`valueFrom` takes an SSM parameter (`arn:…:ssm:…:parameter/NAME`) or a Secrets Manager secret (`arn:…:secretsmanager:…:secret:NAME`). Store the value in one of them.",
    why: "Batch passes `valueFrom` to the ECS agent, which reads only Parameter Store and Secrets Manager.",
    bad: r#"{"valueFrom": "arn:aws:s3:::my-bucket/db-password"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#);

rule!(INVALID_ARN_REGION, "BL305", "invalid-arn-region", Error, "an ARN has no region, or a region outside its partition",
    help: "Write the region that holds the parameter or secret, such as `eu-west-1`, in the fourth field of the ARN.",
    why: "SSM parameters and Secrets Manager secrets are regional: the agent fetches them from the region in the ARN.",
    bad: r#"{"valueFrom": "arn:aws:ssm::123456789012:parameter/prod/db/password"}"#,
    good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#);

rule!(INVALID_ARN_ACCOUNT, "BL306", "invalid-arn-account", Error, "an ARN has no 12-digit account ID",
    help: "Write the 12-digit account ID that owns the parameter or secret in the fifth field of the ARN.",
    why: "ECS rejects an SSM ARN without its account (terraform#22926: \"The Systems Manager parameter ARN spec…\").",
    bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1::parameter/prod/db/password"}"#,
    good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#);

rule!(WRONG_RESOURCE_TYPE, "BL307", "wrong-resource-type", Error, "an ARN names a resource type other than an SSM parameter or a Secrets Manager secret",
    help: "SSM ARNs end in `parameter/NAME`; Secrets Manager ARNs end in `secret:NAME-AbCdEf`.",
    why: "Only parameters and secrets hold values that the agent can inject.",
    bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:document/prod-db"}"#,
    good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db"}"#);

rule!(SSM_ARN_COLON, "BL308", "ssm-arn-colon-separator", Error, "an SSM ARN separates `parameter` from the name with a colon",
    help: "Write `parameter/NAME`, not `parameter:NAME` or `parameter:/NAME` (a typo copied from an AWS documentation example).",
    why: "The resource of an SSM parameter ARN is `parameter/NAME`; the colon form names no parameter and the job fails to start.",
    bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter:/prod/db/password"}"#,
    good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#);

rule!(SSM_ARN_DOUBLE_SLASH, "BL309", "ssm-arn-double-slash", Error, "an SSM ARN has `parameter//`",
    help: "Drop the name's leading slash in the ARN: the parameter `/prod/db` has the ARN `…:parameter/prod/db`.",
    why: "`parameter//NAME` is a classic generator bug (aws-cdk#4803); it matches no parameter and reads fail with AccessDenied or invalid parameters.",
    bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter//prod/db/password"}"#,
    good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#);

rule!(EMPTY_RESOURCE_NAME, "BL310", "empty-resource-name", Error, "an ARN has no parameter or secret name",
    help: "Complete the ARN with the parameter or secret name.",
    why: "An ARN that ends at `parameter/` or `secret:` names nothing.",
    bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#);

rule!(SECRET_SELECTOR_FIELDS, "BL311", "secret-selector-field-count", Error, "a Secrets Manager ARN has a selector with the wrong number of colons",
    help: "After `secret:NAME` give either nothing or exactly three fields, `:json-key:version-stage:version-id`, keeping the colons of the empty ones: `…:secret:db-AbCdEf:password::`.",
    why: "The ECS agent splits the resource on `:` and accepts 2 or 5 fields only; anything else fails with \"an invalid ARN format for the AWS Secrets Manager secret was specified\".",
    bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::"}"#);

rule!(SECRET_STAGE_AND_ID, "BL312", "secret-version-stage-and-id", Error, "a Secrets Manager reference gives both a version stage and a version ID",
    help: "Keep one: the version stage (`AWSCURRENT`, `AWSPREVIOUS`, a custom label) or the version ID.",
    why: "AWS documents the two selectors as mutually exclusive; GetSecretValue fails when they name different versions.",
    bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:"}"#);

rule!(PARTIAL_SECRET_ARN, "BL313", "partial-secret-arn", Warning, "a Secrets Manager ARN lacks the 6-character suffix that Secrets Manager adds to the name",
    help: "Use the complete ARN from the Secrets Manager console (it ends in `-` and six characters). batchlint grants `secret:NAME-??????`, which matches exactly one suffix.",
    why: "A partial ARN works for GetSecretValue, but becomes ambiguous when another secret's name ends like a suffix, and IAM resources need the suffix or a `-??????` wildcard.",
    bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#);

rule!(SSM_NAME_CHARACTERS, "BL314", "invalid-ssm-name-characters", Error, "an SSM parameter name has a character that Parameter Store does not allow",
    help: "Parameter names use letters, digits, `_`, `.`, `-` and `/` between levels. A Secrets Manager secret named here must be written as its ARN or as `/aws/reference/secretsmanager/NAME`.",
    why: "SSM rejects the name (\"each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_\") and the job fails at start.",
    bad: r#"{"valueFrom": "prod db password"}"#,
    good: r#"{"valueFrom": "/prod/db/password"}"#);

rule!(SSM_NAME_NOT_FULLY_QUALIFIED, "BL315", "ssm-name-not-fully-qualified", Error, "a hierarchical SSM parameter name does not start with `/`",
    help: "Start hierarchical names with `/`: `/prod/db/password`. A Secrets Manager secret is named `/aws/reference/secretsmanager/prod/db` or by its ARN.",
    why: "Parameter Store requires a leading slash on names with levels (\"not fully qualified\"); a bare `prod/db` is often a Secrets Manager secret name used in the wrong place.",
    bad: r#"{"valueFrom": "prod/db/password"}"#,
    good: r#"{"valueFrom": "/prod/db/password"}"#);

rule!(SSM_NAME_TOO_DEEP, "BL316", "ssm-name-too-deep", Error, "an SSM parameter name has more than 15 levels",
    help: "Flatten the hierarchy to at most 15 levels.",
    why: "Parameter Store rejects deeper names with HierarchyLevelLimitExceededException.",
    bad: r#"{"valueFrom": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p"}"#,
    good: r#"{"valueFrom": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o"}"#);

rule!(SSM_NAME_TOO_LONG, "BL317", "ssm-name-too-long", Error, "an SSM parameter name is longer than Parameter Store allows",
    help: "Shorten the name: with its ARN prefix (`arn:aws:ssm:REGION:ACCOUNT:parameter/`) it must fit in 1,011 characters.",
    why: "Parameter Store limits a name to 1,011 characters including the ARN prefix.",
    bad: r#"{"valueFrom": "/prod/…1,000 more characters…"}"#,
    good: r#"{"valueFrom": "/prod/db/password"}"#);

rule!(SSM_NAME_RESERVED_PREFIX, "BL318", "ssm-name-reserved-prefix", Error, "an SSM parameter name starts with the reserved `aws` or `ssm` prefix",
    help: "Rename the parameter. Only the read paths `/aws/reference/secretsmanager/…` and `/aws/service/…` may start with `aws`.",
    why: "Parameter Store refuses such names: \"Parameter name: can't be prefixed with \\\"aws\\\" or \\\"ssm\\\" (case-insensitive)\".",
    bad: r#"{"valueFrom": "/ssm/prod/db/password"}"#,
    good: r#"{"valueFrom": "/prod/db/password"}"#);

rule!(INVALID_SECRET_NAME, "BL319", "invalid-secret-name", Error, "a Secrets Manager secret name has a character or length that Secrets Manager does not allow",
    help: "Secret names are 1–512 characters of letters, digits and `/_+=.@-`.",
    why: "No secret can have such a name, so the reference can never resolve.",
    bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod db-AbCdEf"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#);

rule!(INVALID_SECRET_VERSION, "BL320", "invalid-secret-version", Error, "a Secrets Manager version ID or stage has an impossible length",
    help: "A version ID is 32–64 characters (a UUID); a version stage is 1–256 characters, such as `AWSCURRENT`.",
    why: "GetSecretValue rejects the request, and the job fails at start.",
    bad: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::v2"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"}"#);

rule!(REPOSITORY_CREDENTIALS_NOT_SECRET, "BL321", "repository-credentials-not-a-secret", Error, "repository credentials do not name a Secrets Manager secret",
    help: "`credentialsParameter` takes the ARN (or, in the same region, the name) of a Secrets Manager secret whose value is `{\"username\": …, \"password\": …}`; SSM parameters and selectors are not supported here.",
    why: "The agent reads registry credentials with GetSecretValue only; anything else fails the image pull.",
    bad: r#"{"repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:eu-west-1:123456789012:parameter/registry"}}"#,
    good: r#"{"repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf"}}"#);

rule!(SSM_PARAMETER_SELECTOR, "BL322", "ssm-parameter-selector", Warning, "an SSM reference has a `:version` or `:label` selector, which Batch does not document",
    help: "Reference the parameter without the selector, or make sure your agent supports it; batchlint grants the parameter itself.",
    why: "Parameter Store accepts `name:version` and `name:label` in GetParameters, but AWS documents no selector for Batch or ECS `valueFrom`.",
    bad: r#"{"valueFrom": "/prod/db/password:3"}"#,
    good: r#"{"valueFrom": "/prod/db/password"}"#);

rule!(SURROUNDING_WHITESPACE, "BL323", "value-from-whitespace", Error, "a secret reference has leading or trailing whitespace",
    help: "Remove the spaces around the name or ARN.",
    why: "ARNs never contain spaces, so the reference fails to resolve; Parameter Store trims names on creation but the agent does not trim on read.",
    bad: r#"{"valueFrom": " /prod/db/password"}"#,
    good: r#"{"valueFrom": "/prod/db/password"}"#);

rule!(SECRET_NAME_AS_PARAMETER, "BL324", "secret-name-as-parameter", Warning, "a name in `valueFrom` looks like a Secrets Manager secret, but names are read from Parameter Store",
    help: "For a Secrets Manager secret, give its ARN or write `/aws/reference/secretsmanager/NAME`; a bare name is looked up as an SSM parameter.",
    why: "Only ARNs reach Secrets Manager: the agent asks Parameter Store for a bare name, and the job fails with \"invalid parameters\" (the research's user-failure table lists this mix-up).",
    bad: r#"{"valueFrom": "prod-db-AbC1Ef"}"#,
    good: r#"{"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod-db-AbC1Ef"}"#);

pub static RULES: &[&Rule] = &[
    &EMPTY_VALUE_FROM,
    &MALFORMED_ARN,
    &UNKNOWN_PARTITION,
    &UNSUPPORTED_SERVICE,
    &INVALID_ARN_REGION,
    &INVALID_ARN_ACCOUNT,
    &WRONG_RESOURCE_TYPE,
    &SSM_ARN_COLON,
    &SSM_ARN_DOUBLE_SLASH,
    &EMPTY_RESOURCE_NAME,
    &SECRET_SELECTOR_FIELDS,
    &SECRET_STAGE_AND_ID,
    &PARTIAL_SECRET_ARN,
    &SSM_NAME_CHARACTERS,
    &SSM_NAME_NOT_FULLY_QUALIFIED,
    &SSM_NAME_TOO_DEEP,
    &SSM_NAME_TOO_LONG,
    &SSM_NAME_RESERVED_PREFIX,
    &INVALID_SECRET_NAME,
    &INVALID_SECRET_VERSION,
    &REPOSITORY_CREDENTIALS_NOT_SECRET,
    &SSM_PARAMETER_SELECTOR,
    &SURROUNDING_WHITESPACE,
    &SECRET_NAME_AS_PARAMETER,
];
