//! Where a referenced parameter or secret lives, against where the job runs.

use super::{Family, Rule};
use crate::diagnostic::Severity;

pub static PARTITION_MISMATCH: Rule = Rule {
    code: "BL401",
    name: "partition-mismatch",
    family: Family::RegionAndAccount,
    severity: Severity::Error,
    summary: "a secret reference is in another partition than the job",
    help: "Store the value in the job's partition (for example in `aws-cn` for a job in China) and reference that ARN.",
    why: "Partitions are isolated: a role in `aws` cannot read a parameter in `aws-cn` or `aws-us-gov`, whatever its policy says.",
    bad: super::example!(r#"{"region": "cn-north-1"} with {"valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}"#),
    good: super::example!(r#"{"region": "cn-north-1"} with {"valueFrom": "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db"}"#),
};

pub static CROSS_REGION_REFERENCE: Rule = Rule {
    code: "BL402",
    name: "cross-region-reference",
    family: Family::RegionAndAccount,
    severity: Severity::Info,
    summary: "a secret reference is in another region than the job",
    help: "This works because the reference is a full ARN. Keep it an ARN: a name alone would be looked up in the job's region.",
    why: "AWS: \"If the parameter exists in a different Region, then the full ARN must be specified.\" The read also crosses regions at every job start.",
    bad: super::example!(r#"{"region": "eu-west-1"} with {"valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}"#),
    good: super::example!(r#"{"region": "eu-west-1"} with {"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}"#),
};

pub static NAME_RESOLVED_IN_JOB_REGION: Rule = Rule {
    code: "BL403",
    name: "name-resolved-in-job-region",
    family: Family::RegionAndAccount,
    severity: Severity::Info,
    summary: "secret references given by name are looked up in the job's own region and account",
    help: "A parameter or secret in another region or account must be referenced by its full ARN.",
    why: "A name works only in the job's region (AWS Batch guide, \"Specifying sensitive data\"); a parameter created elsewhere fails with \"invalid parameters\".",
    bad: super::example!(r#"{"valueFrom": "/prod/db/password"}  (the parameter lives in us-east-1, the job runs in eu-west-1)"#),
    good: super::example!(r#"{"valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password"}"#),
};

pub static CROSS_ACCOUNT_REFERENCE: Rule = Rule {
    code: "BL404",
    name: "cross-account-reference",
    family: Family::RegionAndAccount,
    severity: Severity::Warning,
    summary: "a secret reference is in another account than the job",
    help: "Cross-account reads need the parameter shared (advanced tier, AWS RAM) or a resource policy on the secret, and a customer-managed KMS key whose key policy lets this role decrypt; the AWS managed key cannot be used across accounts.",
    why: "The execution role's policy alone is not enough across accounts; ECS has also rejected cross-account SSM ARNs at registration (\"Cross-account access for ARNs is not currently supported\").",
    bad: super::example!(r#"{"accountId": "123456789012"} with {"valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbCdEf"}"#),
    good: super::example!(r#"{"accountId": "123456789012"} with {"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}"#),
};

pub static UNKNOWN_ARN_REGION: Rule = Rule {
    code: "BL405",
    name: "unknown-arn-region",
    family: Family::RegionAndAccount,
    severity: Severity::Warning,
    summary: "an ARN names a region that batchlint does not know",
    help: "Check the region's spelling. If the region is new, the reference may still be right.",
    why: "batchlint knows every region in the AWS SDK's partition data; an unknown one is usually a typo such as `eu-west-l`.",
    bad: super::example!(r#"{"valueFrom": "arn:aws:ssm:eu-west-9:123456789012:parameter/db"}"#),
    good: super::example!(r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}"#),
};

pub static RULES: &[&Rule] = &[&PARTITION_MISMATCH, &CROSS_REGION_REFERENCE, &NAME_RESOLVED_IN_JOB_REGION, &CROSS_ACCOUNT_REFERENCE, &UNKNOWN_ARN_REGION];
