//! The execution-role policy: exactly the reads the references need, nothing more.

use crate::aws;
use crate::diagnostic::Sink;
use crate::json::Span;
use crate::options::{Context, KmsKey};
use crate::references::{ReferenceKind, SecretReference, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER, SECRETS_MANAGER_GET_SECRET_VALUE, SSM_GET_PARAMETERS};
use crate::rules::policy as rules;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One policy document for one execution role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePolicy {
    /// The execution role, or null for references whose container names no role.
    pub role_arn: Option<String>,
    pub document: PolicyDocument,
}

/// An IAM identity-based policy document, serialised with IAM's member names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyDocument {
    #[serde(rename = "Version")]
    pub version: &'static str,
    #[serde(rename = "Statement")]
    pub statement: Vec<Statement>,
}

/// `Condition`: operator → condition key → values.
pub type Condition = BTreeMap<&'static str, BTreeMap<&'static str, Vec<String>>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    #[serde(rename = "Sid")]
    pub sid: &'static str,
    #[serde(rename = "Effect")]
    pub effect: &'static str,
    #[serde(rename = "Action")]
    pub action: Vec<&'static str>,
    #[serde(rename = "Resource")]
    pub resource: Vec<String>,
    #[serde(rename = "Condition", skip_serializing_if = "BTreeMap::is_empty")]
    pub condition: Condition,
}

/// IAM's limit for all inline policies of one role, whitespace not counted.
pub const INLINE_POLICY_LIMIT: usize = 10_240;

pub const KMS_DECRYPT: &str = "kms:Decrypt";

/// Builds one policy per execution role from the references.
pub fn build(refs: &[SecretReference], ctx: &Context, sink: &mut Sink) -> Vec<RolePolicy> {
    let mut roles: BTreeMap<Option<&str>, Vec<&SecretReference>> = BTreeMap::new();
    for r in refs.iter().filter(|r| !r.grants.is_empty()) {
        roles.entry(r.execution_role_arn.as_deref()).or_default().push(r);
    }
    if roles.is_empty() && !ctx.kms_keys.is_empty() {
        sink.report(&rules::KMS_KEYS_UNUSED, Span::default(), "", "KMS keys were given, but no secret reference needs them");
    }
    // Roles in ARN order (the map's), a definition without a role last.
    let without_role = roles.remove(&None).map(|refs| (None, refs));
    let policies: Vec<RolePolicy> = roles
        .into_iter()
        .chain(without_role)
        .map(|(role, refs)| {
            let document = PolicyBuilder::new(ctx).references(&refs).build();
            RolePolicy { role_arn: role.map(str::to_string), document }
        })
        .collect();
    report_placeholders(refs, &policies, sink);
    for policy in &policies {
        let size = policy.document.size_without_whitespace();
        if size > INLINE_POLICY_LIMIT {
            let first = refs.iter().find(|r| r.execution_role_arn == policy.role_arn && !r.grants.is_empty());
            let (span, pointer) = first.map_or((Span::default(), String::new()), |r| match (r.role_span, &r.role_pointer) {
                (Some(span), Some(pointer)) => (span, pointer.clone()),
                _ => (r.span, r.path.clone()),
            });
            let role = policy.role_arn.as_deref().unwrap_or("the execution role");
            sink.report(
                &rules::POLICY_TOO_LARGE,
                span,
                pointer,
                format!("the policy for {role} has {size} characters without whitespace; a role's inline policies may have {INLINE_POLICY_LIMIT}"),
            );
        }
    }
    policies
}

/// `haystack.contains(needle)` without core's substring searcher, whose panic path (slicing
/// off a character boundary) brings `char`'s `Debug` and ~10 KB of Unicode tables into the
/// .wasm (CONTRIBUTING.md, "Size").
fn contains(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    // Compare the rest only where the first byte matches (`$` is rare in ARNs).
    haystack.iter().enumerate().any(|(i, &b)| b == first && haystack.get(i + 1..).is_some_and(|after| after.starts_with(rest)))
}

fn report_placeholders(refs: &[SecretReference], policies: &[RolePolicy], sink: &mut Sink) {
    let with_placeholder: Vec<&SecretReference> =
        refs.iter().filter(|r| r.grants.iter().any(|g| contains(&g.resource, REGION_PLACEHOLDER) || contains(&g.resource, ACCOUNT_PLACEHOLDER))).collect();
    // Key IDs and alias names resolve in the job's region and account; the documents say
    // whether that was known.
    let kms_uses = |placeholder: &str| {
        policies
            .iter()
            .flat_map(|p| &p.document.statement)
            .filter(|s| s.action.contains(&KMS_DECRYPT))
            .any(|s| s.resource.iter().any(|r| contains(r, placeholder)))
    };
    let (kms_region, kms_account) = (kms_uses(REGION_PLACEHOLDER), kms_uses(ACCOUNT_PLACEHOLDER));
    let kms_placeholder = kms_region || kms_account;
    if with_placeholder.is_empty() && !kms_placeholder {
        return;
    }
    let uses = |placeholder: &str| with_placeholder.iter().any(|r| r.grants.iter().any(|g| contains(&g.resource, placeholder)));
    let mut missing = Vec::new();
    if uses(REGION_PLACEHOLDER) || kms_region {
        missing.push(("region", REGION_PLACEHOLDER, "--region"));
    }
    if uses(ACCOUNT_PLACEHOLDER) || kms_account {
        missing.push(("account", ACCOUNT_PLACEHOLDER, "--account"));
    }
    let what: Vec<String> = missing.iter().map(|(name, placeholder, _)| format!("`{placeholder}` for the job's {name}")).collect();
    let options: Vec<String> = missing.iter().map(|(name, _, flag)| format!("the {name} option (`{flag}` on the CLI)")).collect();
    let (span, pointer) = with_placeholder.first().map_or((Span::default(), String::new()), |r| (r.span, r.path.clone()));
    let count = with_placeholder.len();
    let subject = match count {
        0 => "KMS keys given by ID or alias name resolve".to_string(),
        1 => "1 reference given by name resolves".to_string(),
        n => format!("{n} references given by name resolve"),
    };
    sink.report(&rules::POLICY_PLACEHOLDERS, span, pointer, format!("the policy uses {} because {subject} there", what.join(" and ")))
        .help(format!("Set {} so that the policy has real ARNs.", options.join(" and ")));
}

/// Assembles one policy document: one statement per action family, resources sorted and
/// de-duplicated, so that the same references always give the same bytes.
pub struct PolicyBuilder<'c> {
    ctx: &'c Context,
    ssm_parameters: BTreeSet<String>,
    secrets: BTreeSet<String>,
    /// `kms:ViaService` values: the services that read secrets, in the regions they read in.
    via_services: BTreeSet<String>,
    /// Where the role reads secrets: (partition, region, account). Keys given by ID or alias
    /// name resolve in each of them (a key ID is unique, an alias is matched by condition).
    locations: BTreeSet<(String, String, String)>,
}

impl<'c> PolicyBuilder<'c> {
    pub fn new(ctx: &'c Context) -> PolicyBuilder<'c> {
        PolicyBuilder { ctx, ssm_parameters: BTreeSet::new(), secrets: BTreeSet::new(), via_services: BTreeSet::new(), locations: BTreeSet::new() }
    }

    pub fn references(mut self, refs: &[&SecretReference]) -> PolicyBuilder<'c> {
        for r in refs {
            for grant in &r.grants {
                match grant.action {
                    SSM_GET_PARAMETERS => {
                        self.ssm_parameters.insert(grant.resource.clone());
                    }
                    SECRETS_MANAGER_GET_SECRET_VALUE => {
                        self.secrets.insert(grant.resource.clone());
                    }
                    _ => {}
                }
            }
            self.via_services.extend(via_services(r, self.ctx));
            if !r.grants.is_empty() {
                let partition = r.partition.clone().unwrap_or_else(|| self.ctx.partition.clone());
                let region = r.region.clone().unwrap_or_else(|| REGION_PLACEHOLDER.to_string());
                let account = r.account.clone().unwrap_or_else(|| ACCOUNT_PLACEHOLDER.to_string());
                self.locations.insert((partition, region, account));
            }
        }
        self
    }

    pub fn build(self) -> PolicyDocument {
        let mut statement = Vec::new();
        if !self.ssm_parameters.is_empty() {
            statement.push(allow("ReadSsmParameters", SSM_GET_PARAMETERS, self.ssm_parameters.into_iter().collect(), Condition::new()));
        }
        if !self.secrets.is_empty() {
            statement.push(allow("ReadSecretsManagerSecrets", SECRETS_MANAGER_GET_SECRET_VALUE, self.secrets.into_iter().collect(), Condition::new()));
        }
        if !statement.is_empty() {
            statement.extend(kms_statements(&self.ctx.kms_keys, &self.locations, &self.via_services));
        }
        PolicyDocument { version: "2012-10-17", statement }
    }
}

fn allow(sid: &'static str, action: &'static str, resource: Vec<String>, condition: Condition) -> Statement {
    Statement { sid, effect: "Allow", action: vec![action], resource, condition }
}

/// The services that decrypt on the role's behalf for a reference: SSM for parameters,
/// Secrets Manager for secrets (also behind an `/aws/reference/secretsmanager/` parameter).
fn via_services(r: &SecretReference, ctx: &Context) -> Vec<String> {
    let region = r.region.clone().or_else(|| ctx.region.clone()).unwrap_or_else(|| REGION_PLACEHOLDER.to_string());
    let partition = r.partition.as_deref().unwrap_or(&ctx.partition);
    let suffix = aws::partition(partition).map_or("amazonaws.com", |p| p.dns_suffix);
    let services: &[&str] = match r.kind {
        ReferenceKind::SsmParameterName | ReferenceKind::SsmParameterArn => &["ssm"],
        ReferenceKind::SsmSecretsManagerReference => &["ssm", "secretsmanager"],
        ReferenceKind::SecretsManagerArn | ReferenceKind::SecretsManagerName => &["secretsmanager"],
        ReferenceKind::Invalid => &[],
    };
    services.iter().map(|s| format!("{s}.{region}.{suffix}")).collect()
}

/// `kms:Decrypt` for the customer-managed keys the user named, limited with `kms:ViaService`
/// to the services that actually read secrets. Key ARNs go in `Resource`; aliases cannot
/// (an alias in `Resource` authorizes nothing), so they are matched with
/// `kms:ResourceAliases` on the keys of the alias's region and account.
fn kms_statements(kms_keys: &[KmsKey], locations: &BTreeSet<(String, String, String)>, via_services: &BTreeSet<String>) -> Vec<Statement> {
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
        condition.entry("ForAnyValue:StringEquals").or_default().insert("kms:ResourceAliases", aliases.into_iter().collect());
        out.push(allow("DecryptWithAliasedKeys", KMS_DECRYPT, alias_resources.into_iter().collect(), condition));
    }
    out
}

impl PolicyDocument {
    /// The length IAM counts against its quotas: the JSON without whitespace.
    ///
    /// Counted from the document's fields, without writing the JSON: the characters of its
    /// compact serialisation (as `serde_json::to_string` writes it) that are not whitespace.
    pub fn size_without_whitespace(&self) -> usize {
        // {"Version":…,"Statement":[…]}
        let mut size = 2 + member("Version", json_string(self.version)) + 1 + member("Statement", 2 + commas(self.statement.len()));
        for s in &self.statement {
            // {"Sid":…,"Effect":…,"Action":[…],"Resource":[…],"Condition":{…}}
            size += 2 + member("Sid", json_string(s.sid)) + 1 + member("Effect", json_string(s.effect)) + 1;
            size += member("Action", string_array(&s.action)) + 1 + member("Resource", string_array(&s.resource));
            if !s.condition.is_empty() {
                let mut condition = 2 + commas(s.condition.len());
                for (operator, keys) in &s.condition {
                    condition += member(operator, 2 + commas(keys.len()));
                    for (key, values) in keys {
                        condition += member(key, string_array(values));
                    }
                }
                size += 1 + member("Condition", condition);
            }
        }
        size
    }
}

/// `"key":` followed by a value of `value` characters.
fn member(key: &str, value: usize) -> usize {
    json_string(key) + 1 + value
}

/// The separators between `n` elements.
fn commas(n: usize) -> usize {
    n.saturating_sub(1)
}

fn string_array<S: AsRef<str>>(items: &[S]) -> usize {
    2 + commas(items.len()) + items.iter().map(|s| json_string(s.as_ref())).sum::<usize>()
}

/// The non-whitespace characters of `s` as a JSON string: quotes, escapes (`\"`, `\n`,
/// `\u001f`) and the characters that are written as they are, less whitespace among them.
fn json_string(s: &str) -> usize {
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            '\0'..='\u{1f}' => 6,
            c if c.is_whitespace() => 0,
            _ => 1,
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(resource: &[&str], condition: Condition) -> Statement {
        allow("Sid", KMS_DECRYPT, resource.iter().map(|s| s.to_string()).collect(), condition)
    }

    #[test]
    fn size_is_the_serialised_length_without_whitespace() {
        let mut condition = Condition::new();
        condition.entry("StringEquals").or_default().insert("kms:ViaService", vec!["ssm.eu-west-1.amazonaws.com".to_string(), "a b".to_string()]);
        condition.entry("ForAnyValue:StringEquals").or_default().insert("kms:ResourceAliases", vec![]);
        let documents = [
            PolicyDocument { version: "2012-10-17", statement: vec![] },
            PolicyDocument { version: "2012-10-17", statement: vec![statement(&[], Condition::new())] },
            PolicyDocument {
                version: "2012-10-17",
                statement: vec![
                    statement(&["arn:aws:ssm:eu-west-1:123456789012:parameter/a", "quote\" back\\slash \t\n\r\u{8}\u{c}\u{1}\u{7f}"], Condition::new()),
                    statement(&["non-breaking\u{a0}space\u{2028}é😀", "${Region}"], condition),
                ],
            },
        ];
        for document in &documents {
            let json = serde_json::to_string(document).unwrap();
            assert_eq!(document.size_without_whitespace(), json.chars().filter(|c| !c.is_whitespace()).count(), "{json}");
        }
    }
}
