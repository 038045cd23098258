//! Secrets Manager secrets: ARNs with their selectors, names and the random suffix.

use super::classify::Resolved;
use super::reporter::{describe_char, Reporter};
use crate::aws::arn::{secret_arn, secret_name_pattern, secret_suffix, SecretSuffix};
use crate::aws::Arn;
use crate::references::{Grant, ReferenceKind, SECRETS_MANAGER_GET_SECRET_VALUE};

/// The selector fields after `secret:NAME`, empty where not given.
pub(super) struct Selectors<'v> {
    /// Whether the reference has the three fields at all (`:json-key:version-stage:version-id`).
    pub given: bool,
    pub json_key: &'v str,
    pub stage: &'v str,
    pub id: &'v str,
}

pub(super) fn secrets_manager_arn(
    value: &str,
    arn: &Arn<'_>,
    resource_at: usize,
    is_repository: bool,
    r: &mut Reporter<'_, '_, '_>,
) -> Resolved {
    let Some((name, selectors)) = parse_secret_resource(value, arn, resource_at, r) else {
        return Resolved::default();
    };
    let name_at = resource_at + "secret:".len();
    let selectors_at = name_at + name.len();
    if !check_selectors(value, &selectors, selectors_at, is_repository, r) {
        return Resolved::default();
    }
    let (resource_arn, grants) = grants_for_suffix(arn, name, name_at, selectors_at, r);
    let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    Resolved {
        kind: ReferenceKind::SecretsManagerArn,
        partition: Some(arn.partition.to_string()),
        region: Some(arn.region.to_string()),
        account: Some(arn.account.to_string()),
        resource_name: Some(name.to_string()),
        json_key: non_empty(selectors.json_key),
        version_stage: non_empty(selectors.stage),
        version_id: non_empty(selectors.id),
        grants,
        resource_arn: Some(resource_arn),
        job_fields: super::classify::JobFields::default(),
    }
}

/// The secret's name and selectors from `secret:NAME[:json-key:version-stage:version-id]`, the
/// 2 or 5 fields the ECS agent accepts; `None` after reporting what is wrong with them.
fn parse_secret_resource<'v>(
    value: &str,
    arn: &Arn<'v>,
    resource_at: usize,
    r: &mut Reporter<'_, '_, '_>,
) -> Option<(&'v str, Selectors<'v>)> {
    let Some(rest) = arn.resource.strip_prefix("secret:") else {
        let kind = arn.resource.split([':', '/']).next().unwrap_or("");
        r.at(
            &super::WRONG_RESOURCE_TYPE,
            resource_at,
            resource_at + kind.len(),
            format!("`{kind}` is not a Secrets Manager secret: the resource must start with `secret:`"),
        );
        return None;
    };
    let name_at = resource_at + "secret:".len();
    let fields: Vec<&str> = rest.split(':').collect();
    let (name, selectors) = match fields.as_slice() {
        [name] => (*name, Selectors { given: false, json_key: "", stage: "", id: "" }),
        [name, json_key, stage, id] => (*name, Selectors { given: true, json_key, stage, id }),
        _ => {
            let extra = fields.len() - 1;
            let selectors_at = name_at + fields.first().map_or(0, |n| n.len());
            r.at(
                &super::SECRET_SELECTOR_FIELDS,
                selectors_at,
                value.len(),
                format!("a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has {extra}"),
            )
            .help(selector_help(value, &fields));
            return None;
        }
    };
    if name.is_empty() {
        r.at(&super::EMPTY_RESOURCE_NAME, resource_at, name_at, "this ARN names no secret after `secret:`".to_string());
        return None;
    }
    valid_secret_name_with_suffix(name, r, name_at).then_some((name, selectors))
}

/// The selectors that the reference's place and Secrets Manager allow; `false` after
/// reporting one that they do not.
pub(super) fn check_selectors(
    value: &str,
    selectors: &Selectors<'_>,
    selectors_at: usize,
    is_repository: bool,
    r: &mut Reporter<'_, '_, '_>,
) -> bool {
    let Selectors { given, stage, id, .. } = *selectors;
    if is_repository && given {
        r.at(
            &super::REPOSITORY_CREDENTIALS_NOT_SECRET,
            selectors_at,
            value.len(),
            "repository credentials take the whole secret: JSON-key and version selectors are not supported"
                .to_string(),
        );
        return false;
    }
    if !stage.is_empty() && !id.is_empty() {
        r.at(
            &super::SECRET_STAGE_AND_ID,
            selectors_at,
            value.len(),
            "this reference gives both a version stage and a version ID; GetSecretValue fails unless both name the same version".to_string(),
        );
    }
    if !id.is_empty() && !(32..=64).contains(&id.chars().count()) {
        r.at(
            &super::INVALID_SECRET_VERSION,
            value.len() - id.len(),
            value.len(),
            format!("a version ID is 32–64 characters, `{id}` has {}", id.chars().count()),
        );
        return false;
    }
    if let Some(wildcard) = stage.chars().find(|c| matches!(c, '*' | '?')) {
        // Labels are matched exactly: the reference never means "any version".
        let at = selectors_at + 1 + selectors.json_key.len() + 1;
        r.at(
            &super::INVALID_SECRET_VERSION,
            at,
            at + stage.len(),
            format!("`{wildcard}` in a version stage is no wildcard: GetSecretValue reads the version labelled `{stage}` exactly"),
        )
        .help("Give a label the secret has (`AWSCURRENT`, `AWSPREVIOUS`, or your own), or leave the stage empty for the current version.");
        return false;
    }
    if stage.chars().count() > 256 {
        r.at(
            &super::INVALID_SECRET_VERSION,
            selectors_at,
            value.len(),
            "a version stage is at most 256 characters".to_string(),
        );
        return false;
    }
    true
}

/// The ARN the reference most likely means, and the grants for every secret it may mean,
/// from what the end of the name says about the 6-character suffix (BL313 where it lacks one).
fn grants_for_suffix(
    arn: &Arn<'_>,
    name: &str,
    name_at: usize,
    selectors_at: usize,
    r: &mut Reporter<'_, '_, '_>,
) -> (String, Vec<Grant>) {
    let exact = secret_arn(arn.partition, arn.region, arn.account, name);
    let any_suffix = secret_arn(arn.partition, arn.region, arn.account, &secret_name_pattern(name));
    let complete = format!("{exact}-AbCdEf");
    if r.ends_unknown(name) {
        // A name that ends in a value known only at deploy time may or may not carry the
        // suffix: both readings are granted, each matching only the secret named.
        let grants = [exact, any_suffix.clone()]
            .into_iter()
            .map(|resource| Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource })
            .collect();
        return (any_suffix, grants);
    }
    let (resource_arn, granted) = match secret_suffix(name) {
        SecretSuffix::Present => (exact.clone(), vec![exact]),
        SecretSuffix::Absent => {
            r.at(&super::PARTIAL_SECRET_ARN, name_at, selectors_at, format!("`{name}` has no 6-character suffix: this is a partial ARN"))
                .help(format!("Use the complete ARN, such as `{complete}` (the suffix is on the secret's page in the console). batchlint grants `secret:{}`, which matches one suffix.", secret_name_pattern(name)));
            (any_suffix.clone(), vec![any_suffix])
        }
        SecretSuffix::Ambiguous => {
            let tail = name.get(name.len() - 7..).unwrap_or("");
            r.at(&super::PARTIAL_SECRET_ARN, name_at, selectors_at, format!("`{name}` may be a partial ARN: `{tail}` looks like part of the name, not the 6 random characters Secrets Manager appends"))
                .help(format!("Use the complete ARN, such as `{complete}`. Until then batchlint grants both readings, `secret:{name}` and `secret:{}`; each matches only the secret named here.", secret_name_pattern(name)));
            (any_suffix.clone(), vec![exact, any_suffix])
        }
    };
    let grants =
        granted.into_iter().map(|resource| Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource }).collect();
    (resource_arn, grants)
}

/// Help for a selector with the wrong field count: show the likely intended form.
fn selector_help(value: &str, fields: &[&str]) -> String {
    let base_len = value.len() - fields.iter().skip(1).map(|f| f.len() + 1).sum::<usize>();
    let base = value.get(..base_len).unwrap_or(value);
    let given: Vec<&str> = fields.iter().skip(1).copied().collect();
    // A version ID in the second or third field would be read as a JSON key or a version
    // stage: the AWS Batch User Guide's own example writes `NAME-AbCdEf::<version-id>`.
    let id_help = |key: &str, id: &str| {
        format!("Write `{base}:{key}::{id}`: the version ID is the last of the three fields (`:json-key:version-stage:version-id`).")
    };
    match given.as_slice() {
        [id] if looks_like_version_id(id) => id_help("", id),
        [key] => format!("For the JSON key `{key}` write `{base}:{key}::` (keep the colons of the empty version fields)."),
        [key, id] if looks_like_version_id(id) => id_help(key, id),
        [key, stage] => format!("Write `{base}:{key}:{stage}:` (keep the colon of the empty version ID)."),
        _ => format!("Write `{base}` for the whole secret, or `{base}:json-key:version-stage:version-id` with empty fields left between their colons."),
    }
}

/// A version ID as Secrets Manager makes them: a UUID (`9d4cb84b-ad69-40c0-a0ab-cead36b967e8`).
fn looks_like_version_id(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A name in an ARN may carry the 7-character suffix on top of the 512 allowed.
fn valid_secret_name_with_suffix(name: &str, r: &mut Reporter<'_, '_, '_>, at: usize) -> bool {
    let without_suffix = match secret_suffix(name) {
        SecretSuffix::Present => name.len() - 7,
        SecretSuffix::Absent | SecretSuffix::Ambiguous => name.len(),
    };
    valid_secret_name(name, without_suffix, r, at)
}

/// The length of a `service!` prefix: secrets that an AWS service manages are named with its
/// ID and a `!` (`rds!db-…`, `redshift!…`, `events!connection/…`), a character CreateSecret
/// does not take from users; 0 without one.
fn service_prefix_len(name: &str) -> usize {
    match name.split_once('!') {
        Some((service, rest))
            if !rest.is_empty()
                && service.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
                && service.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            service.len() + 1
        }
        _ => 0,
    }
}

/// The first character at or after byte `from` that a secret name cannot have.
fn first_invalid_char(name: &str, from: usize) -> Option<(usize, char)> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '=' | '.' | '@' | '-');
    name.get(from..)?.char_indices().find(|(_, c)| !allowed(*c)).map(|(i, c)| (from + i, c))
}

/// Whether every character of `name` may be in a secret name.
pub(super) fn is_secret_name(name: &str) -> bool {
    first_invalid_char(name, service_prefix_len(name)).is_none()
}

/// Secrets Manager's name rules; `len` is the length that counts against the 512 allowed.
pub(super) fn valid_secret_name(name: &str, len: usize, r: &mut Reporter<'_, '_, '_>, at: usize) -> bool {
    const MAX: usize = 512;
    if let Some((i, c)) = first_invalid_char(name, service_prefix_len(name)) {
        r.at(
            &super::INVALID_SECRET_NAME,
            at + i,
            at + i + c.len_utf8(),
            format!("{} is not allowed in a secret name", describe_char(c)),
        );
        return false;
    }
    if len > MAX {
        r.at(
            &super::INVALID_SECRET_NAME,
            at,
            at + name.len(),
            format!("this secret name has {len} characters; the limit is {MAX}"),
        );
        return false;
    }
    true
}
