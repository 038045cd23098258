//! SSM parameters: names, ARNs and `/aws/reference/secretsmanager/` references.

use super::classify::Resolved;
use super::reporter::{describe_char, Reporter};
use super::secrets_manager::{is_secret_name, valid_secret_name};
use crate::aws::arn::{is_public_parameter, secret_arn, secret_name_pattern, ssm_parameter_arn};
use crate::aws::Arn;
use crate::references::{
    Grant, ReferenceKind, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER, SECRETS_MANAGER_GET_SECRET_VALUE, SSM_GET_PARAMETERS,
};

/// The prefix of a Parameter Store reference to a Secrets Manager secret.
pub(super) const SSM_SECRETS_MANAGER_PREFIX: &str = "/aws/reference/secretsmanager/";

/// `/aws/reference/secretsmanager/ID`: Parameter Store reads the secret, so the role needs
/// `ssm:GetParameters` on the reference parameter and `secretsmanager:GetSecretValue` on
/// the secret, in the same region and account.
pub(super) fn secrets_manager_reference(
    name: &str,
    secret_id: &str,
    id_offset: usize,
    partition: &str,
    region: &str,
    account: &str,
    r: &mut Reporter<'_, '_, '_>,
) -> Resolved {
    if secret_id.is_empty() {
        r.whole(&super::EMPTY_RESOURCE_NAME, format!("`{name}` names no secret after `{SSM_SECRETS_MANAGER_PREFIX}`"));
        return Resolved::default();
    }
    // Parameter Store's GetParameter takes a version stage after the secret ID
    // (`…/db:AWSPREVIOUS`), but ECS does not (BL322): the secret ID is still checked.
    if let Some((base, stage)) = secret_id
        .rsplit_once(':')
        .filter(|(base, stage)| !base.is_empty() && !base.as_bytes().contains(&b':') && is_selector(stage))
    {
        r.at(
            &super::SSM_PARAMETER_SELECTOR,
            id_offset + base.len(),
            id_offset + secret_id.len(),
            format!("`:{stage}` selects a version stage of the secret, which `valueFrom` does not take"),
        )
        .help(format!(
            "For that version stage, reference the secret by its ARN: `{}::{stage}:`.",
            secret_arn(partition, region, account, base)
        ));
        valid_secret_name(base, base.len(), r, id_offset);
        return Resolved::default();
    }
    if !valid_secret_name(secret_id, secret_id.len(), r, id_offset) {
        return Resolved::default();
    }
    let parameter = ssm_parameter_arn(partition, region, account, name);
    let secret = secret_arn(partition, region, account, &secret_name_pattern(secret_id));
    Resolved {
        kind: ReferenceKind::SsmSecretsManagerReference,
        partition: Some(partition.to_string()),
        region: Some(region.to_string()).filter(|r| r != REGION_PLACEHOLDER),
        account: Some(account.to_string()).filter(|a| a != ACCOUNT_PLACEHOLDER),
        resource_name: Some(secret_id.to_string()),
        grants: vec![
            Grant { action: SSM_GET_PARAMETERS, resource: parameter.clone() },
            Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: secret },
        ],
        resource_arn: Some(parameter),
        ..Resolved::default()
    }
}

pub(super) fn ssm_arn(arn: &Arn<'_>, resource_at: usize, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    let resource = arn.resource;
    let name_in_arn = if let Some(rest) = resource.strip_prefix("parameter/") {
        rest
    } else if let Some(rest) = resource.strip_prefix("parameter:") {
        let fixed = ssm_parameter_arn(arn.partition, arn.region, arn.account, rest);
        r.at(
            &super::SSM_ARN_COLON,
            resource_at + "parameter".len(),
            resource_at + "parameter:".len(),
            "an SSM parameter ARN has `parameter/` before the name, not `parameter:`".to_string(),
        )
        .help(format!("Write `{fixed}`."));
        return Resolved::default();
    } else {
        let kind = resource.split(['/', ':']).next().unwrap_or(resource);
        r.at(
            &super::WRONG_RESOURCE_TYPE,
            resource_at,
            resource_at + kind.len(),
            format!("`{kind}` is not an SSM parameter: the resource must start with `parameter/`"),
        );
        return Resolved::default();
    };
    let name_at = resource_at + "parameter/".len();
    if name_in_arn.is_empty() {
        r.at(
            &super::EMPTY_RESOURCE_NAME,
            resource_at,
            name_at,
            "this ARN names no parameter after `parameter/`".to_string(),
        );
        return Resolved::default();
    }
    if name_in_arn.starts_with('/') {
        let fixed = ssm_parameter_arn(arn.partition, arn.region, arn.account, name_in_arn.trim_start_matches('/'));
        r.at(
            &super::SSM_ARN_DOUBLE_SLASH,
            name_at - 1,
            name_at + 1,
            "`parameter//` names no parameter: the ARN drops the name's leading slash".to_string(),
        )
        .help(format!("Write `{fixed}`."));
        return Resolved::default();
    }
    let full_name = format!("/{name_in_arn}");
    if let Some(secret_id) = full_name.strip_prefix(SSM_SECRETS_MANAGER_PREFIX) {
        return secrets_manager_reference(
            &full_name,
            secret_id,
            name_at - 1 + SSM_SECRETS_MANAGER_PREFIX.len(),
            arn.partition,
            arn.region,
            arn.account,
            r,
        );
    }
    let Some(name) = valid_ssm_name(name_in_arn, false, name_at, (arn.partition, arn.region, arn.account), r) else {
        return Resolved::default();
    };
    let resource_arn = ssm_parameter_arn(arn.partition, arn.region, arn.account, &name);
    Resolved {
        kind: ReferenceKind::SsmParameterArn,
        partition: Some(arn.partition.to_string()),
        region: Some(arn.region.to_string()),
        // `ssm_parameter_arn` left the account out of a public parameter's ARN.
        account: Some(if is_public_parameter(&name) { String::new() } else { arn.account.to_string() }),
        resource_name: Some(if name.starts_with('/') || name_in_arn.as_bytes().contains(&b'/') {
            format!("/{}", name.trim_start_matches('/'))
        } else {
            name.clone()
        }),
        grants: vec![Grant { action: SSM_GET_PARAMETERS, resource: resource_arn.clone() }],
        resource_arn: Some(resource_arn),
        ..Resolved::default()
    }
}

/// Validates an SSM parameter name written as a name; returns it without a selector.
/// Parameter Store's naming rules, for a name whose ARN would be in `partition`, `region`
/// and `account` (the 1,011-character limit counts the ARN prefix).
pub(super) fn valid_ssm_name(
    name: &str,
    as_name: bool,
    at: usize,
    (partition, region, account): (&str, &str, &str),
    r: &mut Reporter<'_, '_, '_>,
) -> Option<String> {
    let prefix_len = ssm_parameter_arn(partition, region, account, "").len();
    check_ssm_name(name, as_name, at, prefix_len, r)
}

/// Parameter Store's naming rules. `as_name` is false for the name part of an ARN (which
/// has no leading slash of its own).
fn check_ssm_name(
    name: &str,
    as_name: bool,
    at: usize,
    arn_prefix_len: usize,
    r: &mut Reporter<'_, '_, '_>,
) -> Option<String> {
    // A selector is reported (BL322), and the name before it still checked; nothing is granted.
    let mut base = name;
    let mut selector = false;
    if let Some((before, version)) = name.rsplit_once(':') {
        if is_selector(version) && !before.as_bytes().contains(&b':') {
            r.at(
                &super::SSM_PARAMETER_SELECTOR,
                at + before.len(),
                at + name.len(),
                format!("`:{version}` selects a version or label of the parameter, which `valueFrom` does not take"),
            )
            .help(if as_name {
                format!("Write `{before}`: `valueFrom` reads the parameter's current value. To pin a value, give it a parameter of its own.")
            } else {
                format!("Drop `:{version}` from the ARN: `valueFrom` reads the parameter's current value. To pin a value, give it a parameter of its own.")
            });
            base = before;
            selector = true;
        }
    }
    if let Some((i, c)) =
        base.char_indices().find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/')))
    {
        let mut pending = r.at(
            &super::SSM_NAME_CHARACTERS,
            at + i,
            at + i + c.len_utf8(),
            format!("{} is not allowed in an SSM parameter name", describe_char(c)),
        );
        if as_name && is_secret_name(base) {
            pending = pending.help(format!("If `{base}` is a Secrets Manager secret, write `/aws/reference/secretsmanager/{base}` or the secret's ARN."));
        }
        drop(pending);
        return None;
    }
    let levels: Vec<&str> = base.strip_prefix('/').unwrap_or(base).split('/').collect();
    if as_name && base.as_bytes().contains(&b'/') && !base.starts_with('/') {
        r.at(&super::SSM_NAME_NOT_FULLY_QUALIFIED, at, at, format!("`{base}` has levels but no leading `/`")).help(format!(
            "Write `/{base}` for an SSM parameter; if `{base}` is a Secrets Manager secret, write `/aws/reference/secretsmanager/{base}` or the secret's ARN."
        ));
        return None;
    }
    if levels.iter().any(|l| l.is_empty()) {
        let empty_at =
            base.as_bytes().windows(2).position(|pair| pair == b"//").map_or(base.len().saturating_sub(1), |i| i + 1);
        r.at(&super::SSM_NAME_CHARACTERS, at + empty_at, at + empty_at + 1, format!("`{base}` has an empty level"));
        return None;
    }
    if levels.len() > 15 {
        r.at(
            &super::SSM_NAME_TOO_DEEP,
            at,
            at + base.len(),
            format!("this parameter name has {} levels; the limit is 15", levels.len()),
        );
        return None;
    }
    let full = base.strip_prefix('/').unwrap_or(base);
    if arn_prefix_len + full.len() > 1011 {
        r.at(
            &super::SSM_NAME_TOO_LONG,
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
            &super::SSM_NAME_RESERVED_PREFIX,
            at + offset,
            at + offset + 3,
            format!(
                "`{}` is a reserved prefix: parameter names cannot start with `aws` or `ssm`",
                first.get(..3).unwrap_or(first)
            ),
        );
        return None;
    }
    (!selector).then(|| base.to_string())
}

/// What Parameter Store takes after a name's last `:` as a version, label or stage.
fn is_selector(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}
