//! What is worth saying about the generated policies (BL807–BL809): placeholders where the
//! region or account is unknown, the size limit of a role's inline policies, and KMS keys
//! that no reference needs. The policies themselves are built in `policy`.

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::Span;
use crate::options::Context;
use crate::policy::{RolePolicy, INLINE_POLICY_LIMIT, KMS_DECRYPT};
use crate::references::{SecretReference, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER};
use crate::small;

declare_rules! {
    family: Policy;

    POLICY_PLACEHOLDERS = "BL807" "policy-placeholders" Warning {
        summary: "the policy has placeholders because the region or account is unknown",
        help: "Set the region and account options (`--region`, `--account`) so that name-only references get real ARNs.",
        why: "A parameter or secret named without an ARN lives in the job's region and account; without them the ARN cannot be written.",
        bad: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}  (no region or account given)"#,
        good: r#"{"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}]}"#,
    }

    POLICY_TOO_LARGE = "BL808" "policy-too-large" Warning {
        summary: "the generated policy exceeds the 10,240-character limit for a role's inline policies",
        help: "Group the parameters under a common path and grant the path (`parameter/prod/app/*`) by name, split the secrets across roles, or attach a managed policy (6,144 characters each, up to 10 per role).",
        why: "IAM counts a role's inline policies together, without whitespace, against 10,240 characters; PutRolePolicy fails beyond it.",
        bad: "(a job definition with about 150 secrets on one execution role)",
        good: "(the same secrets under one path, granted as `parameter/prod/app/*`)",
    }

    KMS_KEYS_UNUSED = "BL809" "kms-keys-unused" Info {
        summary: "customer-managed KMS keys were given but no secret reference needs them",
        help: "Drop the keys from the options, or check that the secrets are referenced where batchlint looks (`secrets`, `logConfiguration.secretOptions`, `repositoryCredentials`).",
        why: "batchlint grants `kms:Decrypt` only next to the secret reads it serves; with no reads, no key grant is written.",
        bad: r#"{"kmsKeys": ["alias/app-secrets"]}  (and a job definition with no secrets)"#,
        good: r#"{"kmsKeys": []}"#,
    }
}

pub fn check(refs: &[SecretReference], policies: &[RolePolicy], ctx: &Context, sink: &mut Sink) {
    let decrypts = policies.iter().flat_map(|p| &p.document.statement).any(|s| s.action.contains(&KMS_DECRYPT));
    if !decrypts && !ctx.kms_keys.is_empty() {
        sink.report_option(&KMS_KEYS_UNUSED, "kmsKeys", "KMS keys were given, but no secret reference needs them");
    }
    report_placeholders(refs, policies, sink);
    report_too_large(refs, policies, sink);
}

fn report_too_large(refs: &[SecretReference], policies: &[RolePolicy], sink: &mut Sink) {
    for policy in policies {
        let size = policy.document.size_without_whitespace();
        if size > INLINE_POLICY_LIMIT {
            let first = refs.iter().find(|r| r.execution_role_arn == policy.role_arn && !r.grants.is_empty());
            let (span, pointer) =
                first.map_or((Span::default(), String::new()), |r| match (r.role_span, &r.role_pointer) {
                    (Some(span), Some(pointer)) => (span, pointer.clone()),
                    _ => (r.span, r.path.clone()),
                });
            let role = policy.role_arn.as_deref().unwrap_or("the execution role");
            sink.report(
                &POLICY_TOO_LARGE,
                span,
                pointer,
                format!("the policy for {role} has {size} characters without whitespace; a role's inline policies may have {INLINE_POLICY_LIMIT}"),
            );
        }
    }
}

fn report_placeholders(refs: &[SecretReference], policies: &[RolePolicy], sink: &mut Sink) {
    // A template's or module's policy in its own form names the job's region and account as
    // the form does (`${AWS::Region}`): it needs no options to be complete.
    if policies.iter().any(|p| p.in_form.is_some()) {
        return;
    }
    let with_placeholder: Vec<&SecretReference> = refs
        .iter()
        .filter(|r| {
            r.grants.iter().any(|g| {
                small::contains(&g.resource, REGION_PLACEHOLDER) || small::contains(&g.resource, ACCOUNT_PLACEHOLDER)
            })
        })
        .collect();
    // Key IDs and alias names resolve in the job's region and account; the documents say
    // whether that was known.
    let kms_uses = |placeholder: &str| {
        policies
            .iter()
            .flat_map(|p| &p.document.statement)
            .filter(|s| s.action.contains(&KMS_DECRYPT))
            .any(|s| s.resource.iter().any(|r| small::contains(r, placeholder)))
    };
    let (kms_region, kms_account) = (kms_uses(REGION_PLACEHOLDER), kms_uses(ACCOUNT_PLACEHOLDER));
    let kms_placeholder = kms_region || kms_account;
    if with_placeholder.is_empty() && !kms_placeholder {
        return;
    }
    let uses = |placeholder: &str| {
        with_placeholder.iter().any(|r| r.grants.iter().any(|g| small::contains(&g.resource, placeholder)))
    };
    let mut missing = Vec::new();
    if uses(REGION_PLACEHOLDER) || kms_region {
        missing.push(("region", REGION_PLACEHOLDER, "--region", "region"));
    }
    if uses(ACCOUNT_PLACEHOLDER) || kms_account {
        missing.push(("account", ACCOUNT_PLACEHOLDER, "--account", "accountId"));
    }
    let what: Vec<String> =
        missing.iter().map(|(name, placeholder, _, _)| format!("`{placeholder}` for the job's {name}")).collect();
    let options: Vec<String> =
        missing.iter().map(|(name, _, flag, _)| format!("the {name} option (`{flag}` on the CLI)")).collect();
    let subject = match with_placeholder.len() {
        0 => "KMS keys given by ID or alias name resolve".to_string(),
        1 => "1 reference given by name resolves".to_string(),
        n => format!("{n} references given by name resolve"),
    };
    let message = format!("the policy uses {} because {subject} there", what.join(" and "));
    let pending = match (with_placeholder.first(), missing.first()) {
        (Some(r), _) => sink.report(&POLICY_PLACEHOLDERS, r.span, r.path.clone(), message),
        // Only KMS keys given by ID or alias name need them: the finding is about the option.
        (None, Some((_, _, _, option))) => sink.report_option(&POLICY_PLACEHOLDERS, option, message),
        (None, None) => return,
    };
    pending.help(format!("Set {} so that the policy has real ARNs.", options.join(" and ")));
}
