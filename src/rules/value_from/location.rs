//! Region, account and partition (BL4xx): where a referenced parameter or secret lives,
//! against where the job runs.

use super::reporter::{describe_char, truncate, Reporter};
use crate::aws::{self, Arn};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::options::Context;
use crate::references::{ReferenceKind, SecretReference};

declare_rules! {
    family: RegionAndAccount;

    PARTITION_MISMATCH = "BL401" "partition-mismatch" Error {
        summary: "a secret reference is in another partition than the job",
        help: "Store the value in the job's partition (for example in `aws-cn` for a job in China) and reference that ARN.",
        why: "Partitions are isolated: a role in `aws` cannot read a parameter in `aws-cn` or `aws-us-gov`, whatever its policy says.",
        bad: r#"{"region": "cn-north-1"} with {"valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}"#,
        good: r#"{"region": "cn-north-1"} with {"valueFrom": "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db"}"#,
    }

    CROSS_REGION_REFERENCE = "BL402" "cross-region-reference" Info {
        summary: "a secret reference is in another region than the job",
        help: "This works because the reference is a full ARN. Keep it an ARN: a name alone would be looked up in the job's region.",
        why: "AWS: \"If the parameter exists in a different Region, then the full ARN must be specified.\" The read also crosses regions at every job start.",
        bad: r#"{"region": "eu-west-1"} with {"valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}"#,
        good: r#"{"region": "eu-west-1"} with {"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}"#,
    }

    NAME_RESOLVED_IN_JOB_REGION = "BL403" "name-resolved-in-job-region" Info {
        summary: "secret references given by name are looked up in the job's own region and account",
        help: "A parameter or secret in another region or account must be referenced by its full ARN.",
        why: "A name works only in the job's region (AWS Batch guide, \"Specifying sensitive data\"); a parameter created elsewhere fails with \"invalid parameters\".",
        bad: r#"{"valueFrom": "/prod/db/password"}  (the parameter lives in us-east-1, the job runs in eu-west-1)"#,
        good: r#"{"valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password"}"#,
    }

    CROSS_ACCOUNT_REFERENCE = "BL404" "cross-account-reference" Warning {
        summary: "a Secrets Manager secret is in another account than the job",
        help: "Cross-account reads need a resource policy on the secret that lets this role read it, and a customer-managed KMS key whose key policy lets this role decrypt; the AWS managed key cannot be used across accounts.",
        why: "The execution role's policy alone is not enough across accounts (Secrets Manager User Guide, cross-account access). SSM parameters of another account are an error instead (BL406): ECS does not read them.",
        bad: r#"{"accountId": "123456789012"} with {"valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbCdEf"}"#,
        good: r#"{"accountId": "123456789012"} with {"valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}"#,
    }

    UNKNOWN_ARN_REGION = "BL405" "unknown-arn-region" Warning {
        summary: "an ARN names a region that batchlint does not know",
        help: "Check the region's spelling. If the region is new, the reference may still be right.",
        why: "batchlint knows every region in the AWS SDK's partition data; an unknown one is usually a typo such as `eu-west-l`.",
        bad: r#"{"valueFrom": "arn:aws:ssm:eu-west-9:123456789012:parameter/db"}"#,
        good: r#"{"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}"#,
    }

    CROSS_ACCOUNT_SSM_PARAMETER = "BL406" "cross-account-ssm-parameter" Error {
        summary: "an SSM parameter is in another account than the job",
        help: "Create the parameter in the job's account, or keep the value in a Secrets Manager secret, which a resource policy can share with this role.",
        why: "ECS refuses it: \"The Systems Manager parameter ARN has a different account ID than the current account… Cross-account access for ARNs is not currently supported\" (awsdocs/amazon-ecs-developer-guide#167); the ECS guide: the parameter \"must exist in the same account that the tasks are run in\". SSM shares advanced parameters through AWS RAM, but ECS does not take shared parameters in task definitions (aws/containers-roadmap#2384, open since 2024). batchlint grants nothing for it.",
        bad: r#"{"accountId": "123456789012"} with {"valueFrom": "arn:aws:ssm:eu-west-1:210987654321:parameter/shared/db"}"#,
        good: r#"{"accountId": "123456789012"} with {"valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/shared/db"}"#,
    }
}

/// One note for all references given by name: they are read in the job's own region and
/// account, and only an ARN reaches another.
pub(super) fn report_names_read_in_job_location(references: &[SecretReference], ctx: &Context, sink: &mut Sink) {
    let by_name: Vec<&SecretReference> = references
        .iter()
        .filter(|r| {
            (matches!(r.kind, ReferenceKind::SsmParameterName | ReferenceKind::SecretsManagerName)
                && !r.is_public_parameter())
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
        let what = if count == 1 {
            "1 secret reference given by name is".to_string()
        } else {
            format!("{count} secret references given by name are")
        };
        sink.report(&NAME_RESOLVED_IN_JOB_REGION, first.span, first.path.clone(), format!("{what} read from {whose}"));
    }
}

/// An SSM ARN of a public parameter, `…:parameter/aws/service/…`, whose account field is empty
/// as the SSM User Guide writes it.
fn is_public_parameter_arn(arn: &Arn<'_>) -> bool {
    arn.service == "ssm" && arn.resource.strip_prefix("parameter/").is_some_and(aws::arn::is_public_parameter)
}

/// The partition, region and account fields of an ARN computed at deploy time: a field that
/// holds the job's own partition, region or account (`${AWS::Region}`) must be that part alone,
/// and the literal text beside any other part must be of the field's characters. Anything
/// else can never name a parameter or a secret, and the policy must not copy it (a `*` there
/// would be a wildcard). Fields without parts are checked by [`arn_location_is_valid`].
pub(super) fn computed_fields_are_whole(
    arn: &Arn<'_>,
    region_at: usize,
    account_at: usize,
    r: &mut Reporter<'_, '_, '_>,
) -> bool {
    use crate::input::PartKind;
    let fields = [
        (
            "a partition",
            PartKind::Partition,
            arn.partition,
            4,
            &super::UNKNOWN_PARTITION,
            "lowercase letters and hyphens",
        ),
        (
            "a region",
            PartKind::Region,
            arn.region,
            region_at,
            &super::INVALID_ARN_REGION,
            "lowercase letters, digits and hyphens",
        ),
        ("an account ID", PartKind::Account, arn.account, account_at, &super::INVALID_ARN_ACCOUNT, "12 digits"),
    ];
    for (name, kind, field, at, rule, characters) in fields {
        let Some(made) = r.composition(field) else { continue };
        let allowed = |c: char| match kind {
            PartKind::Partition => c.is_ascii_lowercase() || c == '-',
            PartKind::Region => c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
            _ => c.is_ascii_digit(),
        };
        let written = truncate(&made.written);
        let message = match made.pseudo {
            Some(_) if !made.whole => {
                format!("`{written}` cannot be {name}: one computed at deploy time must be the whole field")
            }
            Some(other) if other != kind => {
                let what = match other {
                    PartKind::Partition => "partition",
                    PartKind::Region => "region",
                    _ => "account ID",
                };
                format!("`{written}` cannot be {name}: it is the job's {what}")
            }
            _ => match made.literal.chars().find(|c| !allowed(*c)) {
                Some(c) => format!("`{written}` cannot be {name}: {} is not in one ({characters})", describe_char(c)),
                None => continue,
            },
        };
        r.at_literal(rule, at, at + field.len(), message);
        return false;
    }
    true
}

/// Checks partition, region and account of an ARN against each other and the job.
pub(super) fn arn_location_is_valid(
    arn: &Arn<'_>,
    region_at: usize,
    account_at: usize,
    ctx: &Context,
    r: &mut Reporter<'_, '_, '_>,
) -> bool {
    let region_end = account_at - 1;
    if arn.region.is_empty() {
        r.at(&super::INVALID_ARN_REGION, region_at, region_end, "this ARN has no region".to_string());
        return false;
    }
    // A part known only at deploy time is where the template puts it: the job's own region,
    // account or partition when it is a pseudo parameter, else not known, and not checked.
    let region_known = r.unknown_in(arn.region).is_none() && r.unknown_in(arn.partition).is_none();
    let account_known = r.unknown_in(arn.account).is_none();
    let partition_known = r.unknown_in(arn.partition).is_none();
    let own_partition = aws::partition(arn.partition);
    if region_known && !own_partition.is_some_and(|p| p.has_region(arn.region)) {
        if let Some(other) = aws::partition_of_region(arn.region) {
            r.at(
                &super::INVALID_ARN_REGION,
                region_at,
                region_end,
                format!(
                    "the region `{}` is in the `{}` partition, but the ARN says `{}`",
                    arn.region, other.id, arn.partition
                ),
            );
            return false;
        }
        match aws::partition_by_region_pattern(arn.region) {
            Some(p) if p.id == arn.partition => {
                r.at(
                    &UNKNOWN_ARN_REGION,
                    region_at,
                    region_end,
                    format!("`{}` is not a region batchlint knows", arn.region),
                );
            }
            _ => {
                r.at(
                    &super::INVALID_ARN_REGION,
                    region_at,
                    region_end,
                    format!("`{}` is not a region of the `{}` partition", arn.region, arn.partition),
                );
                return false;
            }
        }
    }
    // A literal region beside a partition computed at deploy time is checked for being a
    // region at all: which partition it must belong to is not known.
    let region_literal = r.unknown_in(arn.region).is_none();
    if region_literal
        && !region_known
        && aws::partition_of_region(arn.region).is_none()
        && aws::partition_by_region_pattern(arn.region).is_none()
    {
        r.at_literal(
            &super::INVALID_ARN_REGION,
            region_at,
            region_end,
            format!("`{}` is not a region of any partition", truncate(arn.region)),
        );
        return false;
    }
    let account_less_public = arn.account.is_empty() && is_public_parameter_arn(arn);
    if account_known && !(aws::is_account_id(arn.account) || account_less_public) {
        let what = if arn.account.is_empty() {
            "this ARN has no account ID".to_string()
        } else {
            format!("`{}` is not a 12-digit account ID", arn.account)
        };
        r.at(&super::INVALID_ARN_ACCOUNT, account_at, account_at + arn.account.len(), what);
        return false;
    }
    if partition_known && !ctx.partition_assumed && arn.partition != ctx.partition {
        r.at(
            &PARTITION_MISMATCH,
            4,
            4 + arn.partition.len(),
            format!("this ARN is in the `{}` partition, but the job runs in `{}`", arn.partition, ctx.partition),
        );
        return false;
    }
    if let Some(job_account) = ctx.account.as_deref().filter(|ja| account_known && *ja != arn.account) {
        if arn.service == "ssm" && !is_public_parameter_arn(arn) {
            r.at(
                &CROSS_ACCOUNT_SSM_PARAMETER,
                account_at,
                account_at + arn.account.len(),
                format!("this SSM parameter is in account {}, the job runs in account {job_account}; ECS reads parameters of the job's own account only", arn.account),
            );
            return false;
        }
    }
    true
}

/// Notes on a valid ARN reference that lives in another region or account than the job.
pub(super) fn note_location(
    arn: &Arn<'_>,
    region_at: usize,
    account_at: usize,
    ctx: &Context,
    r: &mut Reporter<'_, '_, '_>,
) {
    let region_end = account_at - 1;
    if let Some(job_region) = ctx.region.as_deref().filter(|jr| r.unknown_in(arn.region).is_none() && *jr != arn.region)
    {
        r.at(
            &CROSS_REGION_REFERENCE,
            region_at,
            region_end,
            format!("this reference is in `{}`, the job runs in `{job_region}`", arn.region),
        );
    }
    // AWS owns public parameters: they are in no account of the user's.
    let account_known = r.unknown_in(arn.account).is_none();
    if let Some(job_account) =
        ctx.account.as_deref().filter(|ja| account_known && *ja != arn.account && !is_public_parameter_arn(arn))
    {
        r.at(
            &CROSS_ACCOUNT_REFERENCE,
            account_at,
            account_at + arn.account.len(),
            format!("this reference is in account {}, the job runs in account {job_account}", arn.account),
        );
    }
}
