//! Options (the job's context) and their resolution into what the checks use.

use crate::aws;
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::forms::Form;
use crate::model::JobDefinition;
use serde::Deserialize;

declare_rules! {
    family: Policy;

    INVALID_REGION_OPTION = "BL801" "invalid-region-option" Error {
        summary: "the region option is not an AWS region",
        help: "Give the region the job runs in, such as `eu-west-1` (`--region` on the CLI, `region` in the options).",
        why: "Name-only `valueFrom` references resolve in the job's region, so a wrong region puts wrong ARNs in the policy.",
        bad: r#"{"region": "eu-west"}"#,
        good: r#"{"region": "eu-west-1"}"#,
    }

    UNKNOWN_REGION_OPTION = "BL802" "unknown-region-option" Warning {
        summary: "the region option looks like a region but is not in batchlint's table",
        help: "Check the spelling. If the region is new, update batchlint; until then the policy names the job's region `${Region}`, in the partition the name implies.",
        why: "batchlint's table of regions comes from the AWS SDK's partition data; a region missing from it is usually a typo, and a typo written into the policy (and into its KMS grants) would grant reads in a region that does not exist while the job's own region gets none.",
        bad: r#"{"region": "eu-west-9"}"#,
        good: r#"{"region": "eu-west-1"}"#,
    }

    INVALID_PARTITION_OPTION = "BL803" "invalid-partition-option" Error {
        summary: "the partition option is unknown or disagrees with the region",
        help: "Drop the partition option: it is derived from the region.",
        why: "Every ARN in the policy starts with the partition; `arn:aws:` resources never match in `aws-cn` or `aws-us-gov`.",
        bad: r#"{"region": "cn-north-1", "partition": "aws"}"#,
        good: r#"{"region": "cn-north-1"}"#,
    }

    INVALID_ACCOUNT_OPTION = "BL804" "invalid-account-option" Error {
        summary: "the account option is not a 12-digit account ID",
        help: "Give the 12-digit ID of the account the job runs in, such as `123456789012` (an alias or a name does not work in ARNs).",
        why: "Name-only references resolve in the job's account; the account ID is part of every ARN in the policy.",
        bad: r#"{"accountId": "my-prod-account"}"#,
        good: r#"{"accountId": "123456789012"}"#,
    }

    INVALID_KMS_KEY = "BL805" "invalid-kms-key" Error {
        summary: "a KMS key option is not a key ID, key ARN, alias name or alias ARN",
        help: "Write alias names with their prefix (`alias/app-secrets`), key IDs as UUIDs, and ARNs in full.",
        why: "A key that cannot be resolved cannot be granted `kms:Decrypt`, and the job fails with \"Access to KMS is not allowed\".",
        bad: r#"{"kmsKeys": ["app-secrets"]}"#,
        good: r#"{"kmsKeys": ["alias/app-secrets"]}"#,
    }

    AWS_MANAGED_KMS_KEY = "BL806" "aws-managed-kms-key" Info {
        summary: "a KMS key option names an AWS managed key, which needs no grant",
        help: "Drop the key from the options: `alias/aws/ssm` and `alias/aws/secretsmanager` are used on the role's behalf without `kms:Decrypt`.",
        why: "AWS documents `kms:Decrypt` as required only for a customer-managed key; granting it on an AWS managed key adds nothing.",
        bad: r#"{"kmsKeys": ["alias/aws/secretsmanager"]}"#,
        good: r#"{"kmsKeys": []}"#,
    }
}

/// The job's context. Everything is optional: what is missing shows up as a placeholder in
/// the policy, with a warning that names the option to set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// The region the job runs in, e.g. `eu-west-1`. Name-only references resolve here.
    #[serde(default)]
    pub region: Option<String>,
    /// The 12-digit account the job runs in.
    #[serde(default)]
    pub account_id: Option<String>,
    /// `aws`, `aws-cn`, `aws-us-gov`, ...; derived from the region when not given.
    #[serde(default)]
    pub partition: Option<String>,
    /// Customer-managed KMS keys that encrypt the referenced secrets: key ARNs, key IDs,
    /// alias names (`alias/...`) or alias ARNs.
    #[serde(default)]
    pub kms_keys: Vec<String>,
    /// The form of the input, when it is not to be told from its content.
    #[serde(default)]
    pub form: Option<Form>,
    /// The input's own path (`infra/main.tf`): files the input reads are named in the report
    /// relative to its directory.
    #[serde(default)]
    pub path: Option<String>,
    /// Files the input may read (Terraform's `file()` and `templatefile()`), by path relative
    /// to the input's directory, with their text. Without them such a value is unknown.
    #[serde(default)]
    pub files: Option<std::collections::HashMap<String, String>>,
    /// The report holds the findings only (`report: "findings"` in JS, for a check on every
    /// keystroke): the references and policies are still built and checked, then left out
    /// before they are positioned and encoded.
    #[serde(skip)]
    pub findings_only: bool,
}

/// A KMS key as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KmsKey {
    /// A key ARN, usable in `Resource` as it is.
    KeyArn(String),
    /// A bare key ID: becomes a key ARN in the job's region and account.
    KeyId(String),
    /// `alias/name`: matched with `kms:ResourceAliases` on the job's region and account.
    AliasName(String),
    /// An alias ARN: `kms:ResourceAliases` on the keys of the alias's region and account.
    AliasArn { partition: String, region: String, account: String, alias: String },
}

/// The options after validation: what the checks and the policy builder use.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub region: Option<String>,
    pub account: Option<String>,
    /// Always known: given, derived from the region, or `aws`.
    pub partition: String,
    /// True when the partition came from neither the options nor the region.
    pub partition_assumed: bool,
    pub kms_keys: Vec<KmsKey>,
    /// [`Options::findings_only`].
    pub findings_only: bool,
}

impl Options {
    /// Validates the options; problems become diagnostics about the option (`option` names it).
    pub fn resolve(&self, sink: &mut Sink) -> Context {
        let (region, region_partition) = resolve_region(self.region.as_deref(), sink);
        let (partition, partition_assumed) =
            resolve_partition(self.partition.as_deref(), region, region_partition, sink);
        let account = resolve_account(self.account_id.as_deref(), sink);
        let kms_keys = self.kms_keys.iter().filter_map(|k| parse_kms_key(k.trim(), sink)).collect();
        // A region outside the partition the options give is not written into the policy.
        let region = region.filter(|_| region_partition.is_none_or(|rp| rp.id == partition));
        let findings_only = self.findings_only;
        Context { region: region.map(str::to_string), account, partition, partition_assumed, kms_keys, findings_only }
    }
}

/// The region option, if it is a region (known, or named like one of a partition), with its
/// partition.
fn resolve_region<'o>(region: Option<&'o str>, sink: &mut Sink) -> (Option<&'o str>, Option<&'static aws::Partition>) {
    let Some(r) = region.map(str::trim).filter(|r| !r.is_empty()) else { return (None, None) };
    if let Some(p) = aws::partition_of_region(r) {
        return (Some(r), Some(p));
    }
    match aws::partition_by_region_pattern(r) {
        Some(p) => {
            sink.report_option(&UNKNOWN_REGION_OPTION, "region", format!("the region `{r}` is not in batchlint's table of regions")).help(
                format!("It looks like a region of the `{}` partition: batchlint uses that partition, and writes `${{Region}}` in the policy rather than an unknown region. Check the spelling, or update batchlint if the region is new.", p.id),
            );
            (None, Some(p))
        }
        None => {
            sink.report_option(
                &INVALID_REGION_OPTION,
                "region",
                format!("the region option `{r}` is not an AWS region"),
            );
            (None, None)
        }
    }
}

/// The partition: given (and agreeing with the region), derived from the region, or `aws`;
/// the flag says it was assumed.
fn resolve_partition(
    given: Option<&str>,
    region: Option<&str>,
    region_partition: Option<&'static aws::Partition>,
    sink: &mut Sink,
) -> (String, bool) {
    let from_region = || region_partition.map_or(("aws".to_string(), true), |rp| (rp.id.to_string(), false));
    let Some(p) = given.map(str::trim).filter(|p| !p.is_empty()) else { return from_region() };
    let Some(given) = aws::partition(p) else {
        let known: Vec<&str> = aws::PARTITIONS.iter().map(|p| p.id).collect();
        sink.report_option(
            &INVALID_PARTITION_OPTION,
            "partition",
            format!("the partition option `{p}` is not an AWS partition"),
        )
        .help(format!("Use one of: {}.", known.join(", ")));
        return from_region();
    };
    if let (Some(rp), Some(r)) = (region_partition, region) {
        if rp.id != given.id {
            sink.report_option(
                &INVALID_PARTITION_OPTION,
                "partition",
                format!("the region `{r}` is in the `{}` partition, not `{}`", rp.id, given.id),
            )
            .help("Drop the partition option (it is derived from the region) or fix one of the two. Until then the policy names the job's region `${Region}`.");
        }
    }
    (given.id.to_string(), false)
}

fn resolve_account(account: Option<&str>, sink: &mut Sink) -> Option<String> {
    let a = account.map(str::trim).filter(|a| !a.is_empty())?;
    if aws::is_account_id(a) {
        return Some(a.to_string());
    }
    sink.report_option(
        &INVALID_ACCOUNT_OPTION,
        "accountId",
        format!("the account option `{a}` is not a 12-digit AWS account ID"),
    );
    None
}

fn parse_kms_key(key: &str, sink: &mut Sink) -> Option<KmsKey> {
    if let Some(arn) = aws::Arn::parse(key) {
        let valid_partition = aws::partition(arn.partition).is_some();
        // The region goes into `Resource` as written: it must be a region of the ARN's
        // partition (known, or named like one), never empty or a wildcard such as `*` or `?`.
        let valid_region = aws::partition(arn.partition).is_some_and(|p| p.has_region(arn.region))
            || aws::partition_by_region_pattern(arn.region).is_some_and(|p| p.id == arn.partition);
        if arn.service == "kms" && valid_partition && valid_region && aws::is_account_id(arn.account) {
            if arn.resource.strip_prefix("key/").is_some_and(is_key_id) {
                return Some(KmsKey::KeyArn(key.to_string()));
            }
            if let Some(alias) = arn.resource.strip_prefix("alias/").filter(|a| is_alias_name(a)) {
                return Some(KmsKey::AliasArn {
                    partition: arn.partition.into(),
                    region: arn.region.into(),
                    account: arn.account.into(),
                    alias: alias.into(),
                });
            }
        }
        sink.report_option(&INVALID_KMS_KEY, "kmsKeys", format!("`{key}` is not a KMS key ARN or alias ARN"))
            .help("A key ARN looks like `arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`; an alias ARN like `arn:aws:kms:eu-west-1:123456789012:alias/app-secrets`.");
        return None;
    }
    if let Some(alias) = key.strip_prefix("alias/") {
        if alias.starts_with("aws/") {
            sink.report_option(
                &AWS_MANAGED_KMS_KEY,
                "kmsKeys",
                format!("`{key}` is an AWS managed key: the execution role needs no `kms:Decrypt` for it"),
            );
            return None;
        }
        if is_alias_name(alias) {
            return Some(KmsKey::AliasName(alias.to_string()));
        }
    } else if is_key_id(key) {
        return Some(KmsKey::KeyId(key.to_string()));
    }
    sink.report_option(&INVALID_KMS_KEY, "kmsKeys", format!("`{key}` is not a KMS key ID, key ARN, alias name or alias ARN"))
        .help("Give a key ID (`1234abcd-12ab-34cd-56ef-1234567890ab`), a key ARN, an alias name with its prefix (`alias/app-secrets`, not `app-secrets`) or an alias ARN.");
    None
}

/// A key ID: a UUID, or a multi-Region key ID (`mrk-` and 32 hex digits).
fn is_key_id(s: &str) -> bool {
    if let Some(hex) = s.strip_prefix("mrk-") {
        return hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// An alias name after `alias/`: 1–250 characters of `[A-Za-z0-9/_-]`.
fn is_alias_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 250 && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-'))
}

impl Context {
    /// The context for one job definition: the options, completed from the job definition's
    /// own ARN (describe output) where they are silent.
    pub fn for_job(&self, job: &JobDefinition<'_, '_>) -> Context {
        let mut ctx = self.clone();
        if ctx.region.is_none() {
            if let Some(r) = job.arn_region.filter(|r| aws::partition_of_region(r).is_some()) {
                ctx.region = Some(r.to_string());
                if ctx.partition_assumed {
                    if let Some(p) = aws::partition_of_region(r) {
                        ctx.partition = p.id.to_string();
                        ctx.partition_assumed = false;
                    }
                }
            }
        }
        if ctx.account.is_none() {
            if let Some(a) = job.arn_account.filter(|a| aws::is_account_id(a)) {
                ctx.account = Some(a.to_string());
            }
        }
        // An execution role lives in the job's own account and partition, so its ARN
        // completes what the options and the job's ARN left open.
        let role = job
            .containers
            .iter()
            .filter_map(|c| c.execution_role()?.as_str())
            .filter_map(aws::Arn::parse)
            .find(|a| a.service == "iam" && aws::is_account_id(a.account) && aws::partition(a.partition).is_some());
        if let Some(role) = role {
            if ctx.account.is_none() {
                ctx.account = Some(role.account.to_string());
            }
            if ctx.partition_assumed {
                ctx.partition = role.partition.to_string();
                ctx.partition_assumed = false;
            }
        }
        ctx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_key_ids() {
        assert!(is_key_id("1234abcd-12ab-34cd-56ef-1234567890ab"));
        assert!(is_key_id("mrk-1234abcd12ab34cd56ef1234567890ab"));
        assert!(!is_key_id("1234abcd-12ab-34cd-56ef"));
        assert!(!is_key_id("app-secrets"));
    }
}
