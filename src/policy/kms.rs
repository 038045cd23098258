//! `kms:Decrypt` for the customer-managed keys the user named, limited to the services that
//! read the secrets.

use super::allow;
use super::document::{Condition, Statement};
use crate::options::KmsKey;
use crate::references::{ReferenceKind, SecretReference};
use std::collections::BTreeSet;

pub const KMS_DECRYPT: &str = "kms:Decrypt";

/// The services that decrypt on the role's behalf for a reference: SSM for parameters,
/// Secrets Manager for secrets (also behind an `/aws/reference/secretsmanager/` parameter);
/// none for public parameters, which no customer-managed key encrypts. The value is `<service>.<region>.amazonaws.com` in every partition, not the partition's
/// DNS suffix: "Use the `.amazonaws.com` suffix of the AWS KMS ViaService name in all AWS
/// partitions" (KMS Developer Guide, `conditions-kms.md`, kms:ViaService).
pub(super) fn via_services(r: &SecretReference, region: &str) -> Vec<String> {
    if r.is_public_parameter() {
        return Vec::new();
    }
    let services: &[&str] = match r.kind {
        ReferenceKind::SsmParameterName | ReferenceKind::SsmParameterArn => &["ssm"],
        ReferenceKind::SsmSecretsManagerReference => &["ssm", "secretsmanager"],
        ReferenceKind::SecretsManagerArn | ReferenceKind::SecretsManagerName => &["secretsmanager"],
        ReferenceKind::Invalid => &[],
    };
    services.iter().map(|s| format!("{s}.{region}.amazonaws.com")).collect()
}

/// `kms:Decrypt` for the customer-managed keys the user named, limited with `kms:ViaService`
/// to the services that actually read secrets. Key ARNs go in `Resource`; aliases cannot
/// (an alias in `Resource` authorizes nothing), so they are matched with
/// `kms:ResourceAliases` on the keys of the alias's region and account.
pub(super) fn kms_statements(
    kms_keys: &[KmsKey],
    locations: &BTreeSet<(String, String, String)>,
    via_services: &BTreeSet<String>,
) -> Vec<Statement> {
    let mut keys = BTreeSet::new();
    let mut alias_resources = BTreeSet::new();
    let mut aliases = BTreeSet::new();
    for key in kms_keys {
        match key {
            KmsKey::KeyArn(arn) => {
                keys.insert(arn.clone());
            }
            KmsKey::KeyId(id) => {
                keys.extend(locations.iter().map(|(p, r, a)| format!("arn:{p}:kms:{r}:{a}:key/{id}")));
            }
            KmsKey::AliasName(alias) => {
                alias_resources.extend(locations.iter().map(|(p, r, a)| format!("arn:{p}:kms:{r}:{a}:key/*")));
                aliases.insert(format!("alias/{alias}"));
            }
            KmsKey::AliasArn { partition, region, account, alias } => {
                alias_resources.insert(format!("arn:{partition}:kms:{region}:{account}:key/*"));
                aliases.insert(format!("alias/{alias}"));
            }
        }
    }
    let via: Vec<String> = via_services.iter().cloned().collect();
    let mut out = Vec::new();
    if !keys.is_empty() {
        let mut condition = Condition::new();
        condition.entry("StringEquals").or_default().insert("kms:ViaService", via.clone());
        out.push(allow("DecryptWithCustomerManagedKeys", KMS_DECRYPT, keys.into_iter().collect(), condition));
    }
    if !aliases.is_empty() {
        let mut condition = Condition::new();
        condition.entry("StringEquals").or_default().insert("kms:ViaService", via);
        condition
            .entry("ForAnyValue:StringEquals")
            .or_default()
            .insert("kms:ResourceAliases", aliases.into_iter().collect());
        out.push(allow("DecryptWithAliasedKeys", KMS_DECRYPT, alias_resources.into_iter().collect(), condition));
    }
    out
}
