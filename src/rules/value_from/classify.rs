//! Which kind of reference a string is, and from there its checks and grants.

use super::reporter::{truncate, Reporter};
use super::{location, secrets_manager, ssm};
use crate::aws::arn::{
    is_public_parameter, secret_arn, secret_name_pattern, secret_suffix, ssm_parameter_arn, SecretSuffix,
};
use crate::aws::{self, Arn};
use crate::options::Context;
use crate::references::{
    Grant, ReferenceKind, ReferenceSource, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER, SECRETS_MANAGER_GET_SECRET_VALUE,
    SSM_GET_PARAMETERS,
};

/// The result of classifying one reference.
#[derive(Default)]
pub(super) struct Resolved {
    pub kind: ReferenceKind,
    pub partition: Option<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    pub resource_name: Option<String>,
    pub json_key: Option<String>,
    pub version_stage: Option<String>,
    pub version_id: Option<String>,
    pub resource_arn: Option<String>,
    pub grants: Vec<Grant>,
    pub job_fields: JobFields,
}

pub(super) use crate::references::JobFields;

pub(super) fn classify(value: &str, source: ReferenceSource, ctx: &Context, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    if value.is_empty() {
        r.whole(&super::EMPTY_VALUE_FROM, "this secret reference is empty".to_string());
        return Resolved::default();
    }
    if value.trim() != value {
        r.whole(&super::SURROUNDING_WHITESPACE, format!("`{value}` has whitespace around it"));
        return Resolved::default();
    }
    if value.starts_with("arn:") {
        return classify_arn(value, source, ctx, r);
    }
    if value.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("arn:")) {
        r.at(
            &super::MALFORMED_ARN,
            0,
            4,
            format!("`{}` must be written in lower case: `arn:`", value.get(..4).unwrap_or("")),
        );
        return Resolved::default();
    }
    let (region, account) = job_location(ctx);
    if source == ReferenceSource::RepositoryCredentials {
        // The agent sends the string to Secrets Manager as it is, not to Parameter Store.
        if let Some(secret) = value.strip_prefix(ssm::SSM_SECRETS_MANAGER_PREFIX) {
            r.at(
                &super::REPOSITORY_CREDENTIALS_NOT_SECRET,
                0,
                ssm::SSM_SECRETS_MANAGER_PREFIX.len(),
                format!("`{}` is a Parameter Store path, but repository credentials are read from Secrets Manager, where no secret has this name", ssm::SSM_SECRETS_MANAGER_PREFIX),
            )
            .help(format!("Write the secret's name, `{secret}`, or its ARN."));
            return Resolved::default();
        }
        if !secrets_manager::valid_secret_name(value, value.len(), r, 0) {
            return Resolved::default();
        }
        let arn = secret_arn(&ctx.partition, region, account, &secret_name_pattern(value));
        return Resolved {
            kind: ReferenceKind::SecretsManagerName,
            partition: Some(ctx.partition.clone()),
            region: ctx.region.clone(),
            account: ctx.account.clone(),
            resource_name: Some(value.to_string()),
            grants: vec![Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: arn.clone() }],
            resource_arn: Some(arn),
            job_fields: JobFields::ALL,
            ..Resolved::default()
        };
    }
    if let Some(secret_id) = value.strip_prefix(ssm::SSM_SECRETS_MANAGER_PREFIX) {
        let resolved = ssm::secrets_manager_reference(
            value,
            secret_id,
            ssm::SSM_SECRETS_MANAGER_PREFIX.len(),
            &ctx.partition,
            region,
            account,
            r,
        );
        // Given by name: read where the job runs.
        return Resolved { job_fields: JobFields::ALL, ..resolved };
    }
    // An unknown region or account is counted at the length of a typical one.
    let location = (
        ctx.partition.as_str(),
        ctx.region.as_deref().unwrap_or("us-east-1"),
        ctx.account.as_deref().unwrap_or("123456789012"),
    );
    let Some(name) = ssm::valid_ssm_name(value, true, 0, location, r) else { return Resolved::default() };
    if secret_suffix(&name) == SecretSuffix::Present {
        let secret = name.strip_prefix('/').unwrap_or(&name);
        let without_suffix = secret.get(..secret.len().saturating_sub(7)).unwrap_or(secret);
        r.whole(
            &super::SECRET_NAME_AS_PARAMETER,
            format!("`{name}` ends like a Secrets Manager secret (`-` and 6 random characters), but a name in `valueFrom` is read from Parameter Store"),
        )
        .help(format!(
            "If it is a secret, write its ARN (`arn:{}:secretsmanager:REGION:ACCOUNT:secret:{secret}`) or `/aws/reference/secretsmanager/{without_suffix}`.",
            ctx.partition
        ));
    }
    let arn = ssm_parameter_arn(&ctx.partition, region, account, &name);
    Resolved {
        kind: ReferenceKind::SsmParameterName,
        partition: Some(ctx.partition.clone()),
        region: ctx.region.clone(),
        // A public parameter is AWS's, in no account: its ARN's account field is empty.
        account: if is_public_parameter(&name) { Some(String::new()) } else { ctx.account.clone() },
        job_fields: JobFields { account: !is_public_parameter(&name), ..JobFields::ALL },
        resource_name: Some(name),
        grants: vec![Grant { action: SSM_GET_PARAMETERS, resource: arn.clone() }],
        resource_arn: Some(arn),
        ..Resolved::default()
    }
}

pub(super) fn job_location(ctx: &Context) -> (&str, &str) {
    (ctx.region.as_deref().unwrap_or(REGION_PLACEHOLDER), ctx.account.as_deref().unwrap_or(ACCOUNT_PLACEHOLDER))
}

fn classify_arn(value: &str, source: ReferenceSource, ctx: &Context, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    let Some(arn) = Arn::parse(value) else {
        let colons = value.matches(':').count();
        r.whole(
            &super::MALFORMED_ARN,
            format!(
                "`{}` has {colons} colons; an ARN has at least 5: `arn:partition:service:region:account-id:resource`",
                truncate(value)
            ),
        );
        return Resolved::default();
    };
    // Byte offsets of the fields, for precise spans.
    let partition_at = 4;
    let service_at = partition_at + arn.partition.len() + 1;
    let region_at = service_at + arn.service.len() + 1;
    let account_at = region_at + arn.region.len() + 1;
    let resource_at = account_at + arn.account.len() + 1;

    if !location::computed_fields_are_whole(&arn, region_at, account_at, r) {
        return Resolved::default();
    }
    if aws::partition(arn.partition).is_none() && r.unknown_in(arn.partition).is_none() {
        let known: Vec<&str> = aws::PARTITIONS.iter().map(|p| p.id).collect();
        r.at(
            &super::UNKNOWN_PARTITION,
            partition_at,
            service_at - 1,
            format!("`{}` is not an AWS partition", arn.partition),
        )
        .help(format!("Use one of: {}.", known.join(", ")));
        return Resolved::default();
    }
    let is_repository = source == ReferenceSource::RepositoryCredentials;
    match arn.service {
        "ssm" if is_repository => {
            r.at(
                &super::REPOSITORY_CREDENTIALS_NOT_SECRET,
                service_at,
                region_at - 1,
                "repository credentials must be a Secrets Manager secret, not an SSM parameter".to_string(),
            );
            return Resolved::default();
        }
        "ssm" | "secretsmanager" => {}
        other => {
            r.at(
                &super::UNSUPPORTED_SERVICE,
                service_at,
                region_at - 1,
                format!("`{other}` is not a service that secrets can be read from: expected `ssm` or `secretsmanager`"),
            );
            return Resolved::default();
        }
    }
    if !location::arn_location_is_valid(&arn, region_at, account_at, ctx, r) {
        return Resolved::default();
    }
    let resolved = if arn.service == "ssm" {
        ssm::ssm_arn(&arn, resource_at, r)
    } else {
        secrets_manager::secrets_manager_arn(value, &arn, resource_at, is_repository, r)
    };
    if resolved.kind != ReferenceKind::Invalid {
        location::note_location(&arn, region_at, account_at, ctx, r);
    }
    resolved
}
