//! The options (the job's context) and the generated policy.

use super::{Family, Rule};
use crate::diagnostic::Severity;

pub static INVALID_REGION_OPTION: Rule = Rule {
    code: "BL801",
    name: "invalid-region-option",
    family: Family::Policy,
    severity: Severity::Error,
    summary: "the region option is not an AWS region",
    help: "Give the region the job runs in, such as `eu-west-1` (`--region` on the CLI, `region` in the options).",
    why: "Name-only `valueFrom` references resolve in the job's region, so a wrong region puts wrong ARNs in the policy.",
    bad: super::example!(r#"{"region": "eu-west"}"#),
    good: super::example!(r#"{"region": "eu-west-1"}"#),
};

pub static UNKNOWN_REGION_OPTION: Rule = Rule {
    code: "BL802",
    name: "unknown-region-option",
    family: Family::Policy,
    severity: Severity::Warning,
    summary: "the region option looks like a region but is not in batchlint's table",
    help: "Check the spelling. If the region is new, batchlint still uses it, with the partition its name implies.",
    why: "batchlint's table of regions comes from the AWS SDK's partition data; a region missing from it is usually a typo.",
    bad: super::example!(r#"{"region": "eu-west-9"}"#),
    good: super::example!(r#"{"region": "eu-west-1"}"#),
};

pub static INVALID_PARTITION_OPTION: Rule = Rule {
    code: "BL803",
    name: "invalid-partition-option",
    family: Family::Policy,
    severity: Severity::Error,
    summary: "the partition option is unknown or disagrees with the region",
    help: "Drop the partition option: it is derived from the region.",
    why: "Every ARN in the policy starts with the partition; `arn:aws:` resources never match in `aws-cn` or `aws-us-gov`.",
    bad: super::example!(r#"{"region": "cn-north-1", "partition": "aws"}"#),
    good: super::example!(r#"{"region": "cn-north-1"}"#),
};

pub static INVALID_ACCOUNT_OPTION: Rule = Rule {
    code: "BL804",
    name: "invalid-account-option",
    family: Family::Policy,
    severity: Severity::Error,
    summary: "the account option is not a 12-digit account ID",
    help: "Give the 12-digit ID of the account the job runs in, such as `123456789012` (an alias or a name does not work in ARNs).",
    why: "Name-only references resolve in the job's account; the account ID is part of every ARN in the policy.",
    bad: super::example!(r#"{"accountId": "my-prod-account"}"#),
    good: super::example!(r#"{"accountId": "123456789012"}"#),
};

pub static INVALID_KMS_KEY: Rule = Rule {
    code: "BL805",
    name: "invalid-kms-key",
    family: Family::Policy,
    severity: Severity::Error,
    summary: "a KMS key option is not a key ID, key ARN, alias name or alias ARN",
    help: "Write alias names with their prefix (`alias/app-secrets`), key IDs as UUIDs, and ARNs in full.",
    why: "A key that cannot be resolved cannot be granted `kms:Decrypt`, and the job fails with \"Access to KMS is not allowed\".",
    bad: super::example!(r#"{"kmsKeys": ["app-secrets"]}"#),
    good: super::example!(r#"{"kmsKeys": ["alias/app-secrets"]}"#),
};

pub static AWS_MANAGED_KMS_KEY: Rule = Rule {
    code: "BL806",
    name: "aws-managed-kms-key",
    family: Family::Policy,
    severity: Severity::Info,
    summary: "a KMS key option names an AWS managed key, which needs no grant",
    help: "Drop the key from the options: `alias/aws/ssm` and `alias/aws/secretsmanager` are used on the role's behalf without `kms:Decrypt`.",
    why: "AWS documents `kms:Decrypt` as required only for a customer-managed key; granting it on an AWS managed key adds nothing.",
    bad: super::example!(r#"{"kmsKeys": ["alias/aws/secretsmanager"]}"#),
    good: super::example!(r#"{"kmsKeys": []}"#),
};

pub static POLICY_PLACEHOLDERS: Rule = Rule {
    code: "BL807",
    name: "policy-placeholders",
    family: Family::Policy,
    severity: Severity::Warning,
    summary: "the policy has placeholders because the region or account is unknown",
    help: "Set the region and account options (`--region`, `--account`) so that name-only references get real ARNs.",
    why: "A parameter or secret named without an ARN lives in the job's region and account; without them the ARN cannot be written.",
    bad: super::example!(r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}  (no region or account given)"#),
    good: super::example!(r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}]}"#),
};

pub static POLICY_TOO_LARGE: Rule = Rule {
    code: "BL808",
    name: "policy-too-large",
    family: Family::Policy,
    severity: Severity::Warning,
    summary: "the generated policy exceeds the 10,240-character limit for a role's inline policies",
    help: "Group the parameters under a common path and grant the path (`parameter/prod/app/*`) by name, split the secrets across roles, or attach a managed policy (6,144 characters each, up to 10 per role).",
    why: "IAM counts a role's inline policies together, without whitespace, against 10,240 characters; PutRolePolicy fails beyond it.",
    bad: super::example!("(a job definition with about 150 secrets on one execution role)"),
    good: super::example!("(the same secrets under one path, granted as `parameter/prod/app/*`)"),
};

pub static KMS_KEYS_UNUSED: Rule = Rule {
    code: "BL809",
    name: "kms-keys-unused",
    family: Family::Policy,
    severity: Severity::Info,
    summary: "customer-managed KMS keys were given but no secret reference needs them",
    help: "Drop the keys from the options, or check that the secrets are referenced where batchlint looks (`secrets`, `logConfiguration.secretOptions`, `repositoryCredentials`).",
    why: "batchlint grants `kms:Decrypt` only next to the secret reads it serves; with no reads, no key grant is written.",
    bad: super::example!(r#"{"kmsKeys": ["alias/app-secrets"]}  (and a job definition with no secrets)"#),
    good: super::example!(r#"{"kmsKeys": []}"#),
};

pub static RULES: &[&Rule] = &[
    &INVALID_REGION_OPTION,
    &UNKNOWN_REGION_OPTION,
    &INVALID_PARTITION_OPTION,
    &INVALID_ACCOUNT_OPTION,
    &INVALID_KMS_KEY,
    &AWS_MANAGED_KMS_KEY,
    &POLICY_PLACEHOLDERS,
    &POLICY_TOO_LARGE,
    &KMS_KEYS_UNUSED,
];
