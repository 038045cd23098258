//! Every `valueFrom` rule (BL3xx) and every region/account rule (BL4xx), through `analyze`:
//! a bad and a good example each, with code, severity, message, pointer and range.

use crate::cases::{Case, Place};
use crate::common::*;
use batchlint::{analyze, Diagnostic, Options, Report, Severity};

const SSM_ARN: &str = "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password";
const SECRET_ARN: &str = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf";

fn run(value_from: &str, options: &Options) -> (String, Report) {
    let text = job_with_value_from(value_from);
    let report = analyze(&text, options);
    (text, report)
}

/// Analyzes a job whose one secret reads `value_from`; asserts the one diagnostic with `code`,
/// its severity, message and pointer, and returns it with the text for range checks.
fn bad_with(
    value_from: &str,
    options: &Options,
    code: &str,
    severity: Severity,
    message: &str,
) -> (String, Report, Diagnostic) {
    let (text, report) = run(value_from, options);
    let d = only(&report, code).clone();
    assert_eq!(d.severity, severity, "{d:#?}");
    assert_eq!(d.message, message);
    assert_eq!(d.path, VALUE_FROM_PATH);
    (text, report, d)
}

fn bad(value_from: &str, code: &str, severity: Severity, message: &str) -> (String, Report, Diagnostic) {
    bad_with(value_from, &opts(), code, severity, message)
}

/// An invalid reference: no grant, no policy.
fn assert_no_grant(report: &Report) {
    assert_eq!(report.references.len(), 1);
    assert!(report.references[0].grants.is_empty(), "{:#?}", report.references[0]);
    assert!(report.policies.is_empty(), "{:#?}", report.policies);
}

/// A good example: no warning or error at all, and a grant.
fn good_with(value_from: &str, options: &Options) -> Report {
    let (_, report) = run(value_from, options);
    assert_eq!(problems(&report), Vec::<&str>::new(), "{:#?}", report.diagnostics);
    assert_eq!(report.references[0].grants.len().min(1), 1, "{:#?}", report.references[0]);
    report
}

fn good(value_from: &str) -> Report {
    good_with(value_from, &opts())
}

#[test]
fn bl301_empty_value_from() {
    let (text, report, d) = bad("", "BL301", Severity::Error, "this secret reference is empty");
    assert_whole(&d, &text, "");
    assert_no_grant(&report);
    good("/prod/db/password");
}

#[test]
fn bl302_malformed_arn() {
    let v = "arn:aws:ssm:eu-west-1:parameter/prod/db/password";
    let (text, report, d) = bad(
        v,
        "BL302",
        Severity::Error,
        &format!("`{v}` has 4 colons; an ARN has at least 5: `arn:partition:service:region:account-id:resource`"),
    );
    assert_whole(&d, &text, v);
    assert_no_grant(&report);
    good(SSM_ARN);
}

#[test]
fn bl302_upper_case_arn_prefix() {
    let v = "ARN:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password";
    let (text, report, d) = bad(v, "BL302", Severity::Error, "`ARN:` must be written in lower case: `arn:`");
    assert_part(&d, &text, v, "ARN:");
    assert_no_grant(&report);
}

#[test]
fn bl302_long_value_is_truncated_in_the_message() {
    let v = format!("arn:{}", "x".repeat(300));
    let (_, report) = run(&v, &opts());
    let d = only(&report, "BL302");
    assert_eq!(
        d.message,
        format!(
            "`arn:{}…` has 1 colons; an ARN has at least 5: `arn:partition:service:region:account-id:resource`",
            "x".repeat(116)
        )
    );
}

#[test]
fn bl303_unknown_partition() {
    let v = "arn:amazon:ssm:eu-west-1:123456789012:parameter/prod/db/password";
    let (text, report, d) = bad(v, "BL303", Severity::Error, "`amazon` is not an AWS partition");
    assert_part(&d, &text, v, "amazon");
    assert_eq!(d.help, "Use one of: aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov.");
    assert_no_grant(&report);
    good(SSM_ARN);
}

#[test]
fn bl304_unsupported_service() {
    let v = "arn:aws:s3:::my-bucket/db-password";
    let (text, report, d) = bad(
        v,
        "BL304",
        Severity::Error,
        "`s3` is not a service that secrets can be read from: expected `ssm` or `secretsmanager`",
    );
    assert_part(&d, &text, v, "s3");
    assert_no_grant(&report);
    good(SECRET_ARN);
    let without_suffix = format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:{}", "n".repeat(513));
    bad(&without_suffix, "BL319", Severity::Error, "this secret name has 513 characters; the limit is 512");
}

#[test]
fn bl305_arn_without_region() {
    let v = "arn:aws:ssm::123456789012:parameter/prod/db/password";
    let (text, report, d) = bad(v, "BL305", Severity::Error, "this ARN has no region");
    // An empty range where the region belongs, between the two colons.
    assert_inside(&d, &text, v, "arn:aws:ssm:".len(), 0);
    assert_no_grant(&report);
    good(SSM_ARN);
}

#[test]
fn bl305_region_of_another_partition() {
    let v = "arn:aws:ssm:cn-north-1:123456789012:parameter/prod/db/password";
    let (text, report, d) = bad(
        v,
        "BL305",
        Severity::Error,
        "the region `cn-north-1` is in the `aws-cn` partition, but the ARN says `aws`",
    );
    assert_part(&d, &text, v, "cn-north-1");
    assert_no_grant(&report);
}

#[test]
fn bl305_not_a_region() {
    let v = "arn:aws:ssm:mars-1:123456789012:parameter/prod/db/password";
    let (text, report, d) = bad(v, "BL305", Severity::Error, "`mars-1` is not a region of the `aws` partition");
    assert_part(&d, &text, v, "mars-1");
    assert_no_grant(&report);
}

#[test]
fn bl306_arn_without_account() {
    let v = "arn:aws:ssm:eu-west-1::parameter/prod/db/password";
    let (text, report, d) = bad(v, "BL306", Severity::Error, "this ARN has no account ID");
    assert_inside(&d, &text, v, "arn:aws:ssm:eu-west-1:".len(), 0);
    assert_no_grant(&report);
    good(SSM_ARN);
    // A public parameter's ARN has no account, as the SSM User Guide writes it.
    good("arn:aws:ssm:eu-west-1::parameter/aws/service/global-infrastructure/version");
    bad("arn:aws:ssm:eu-west-1::parameter/awsservice/x", "BL306", Severity::Error, "this ARN has no account ID");
}

#[test]
fn bl306_short_account() {
    let v = "arn:aws:secretsmanager:eu-west-1:12345:secret:db-AbCdEf";
    let (text, report, d) = bad(v, "BL306", Severity::Error, "`12345` is not a 12-digit account ID");
    assert_part(&d, &text, v, "12345");
    assert_no_grant(&report);
}

#[test]
fn bl307_wrong_resource_type() {
    let v = "arn:aws:ssm:eu-west-1:123456789012:document/prod-db";
    let (text, report, d) = bad(
        v,
        "BL307",
        Severity::Error,
        "`document` is not an SSM parameter: the resource must start with `parameter/`",
    );
    assert_part(&d, &text, v, "document");
    assert_no_grant(&report);
    good("arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db");
}

#[test]
fn bl307_wrong_secrets_manager_resource_type() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secrets/prod-db";
    let (text, report, d) = bad(
        v,
        "BL307",
        Severity::Error,
        "`secrets` is not a Secrets Manager secret: the resource must start with `secret:`",
    );
    assert_inside(&d, &text, v, v.find(":secrets/").unwrap() + 1, "secrets".len());
    assert_no_grant(&report);
}

#[test]
fn bl308_ssm_arn_colon() {
    let v = "arn:aws:ssm:eu-west-1:123456789012:parameter:/prod/db/password";
    let (text, report, d) =
        bad(v, "BL308", Severity::Error, "an SSM parameter ARN has `parameter/` before the name, not `parameter:`");
    // Only the colon.
    assert_inside(&d, &text, v, v.find(":/").unwrap(), 1);
    assert_eq!(d.help, format!("Write `{SSM_ARN}`."));
    assert_no_grant(&report);
    good(SSM_ARN);
}

#[test]
fn bl309_ssm_arn_double_slash() {
    let v = "arn:aws:ssm:eu-west-1:123456789012:parameter//prod/db/password";
    let (text, report, d) =
        bad(v, "BL309", Severity::Error, "`parameter//` names no parameter: the ARN drops the name's leading slash");
    assert_part(&d, &text, v, "//");
    assert_eq!(d.help, format!("Write `{SSM_ARN}`."));
    assert_no_grant(&report);
    good(SSM_ARN);
}

#[test]
fn bl310_empty_resource_name() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
    let (text, report, d) = bad(v, "BL310", Severity::Error, "this ARN names no secret after `secret:`");
    assert_part(&d, &text, v, "secret:");
    assert_no_grant(&report);

    let v = "arn:aws:ssm:eu-west-1:123456789012:parameter/";
    let (text, report, d) = bad(v, "BL310", Severity::Error, "this ARN names no parameter after `parameter/`");
    assert_part(&d, &text, v, "parameter/");
    assert_no_grant(&report);

    let v = "/aws/reference/secretsmanager/";
    let (text, report, d) = bad(
        v,
        "BL310",
        Severity::Error,
        "`/aws/reference/secretsmanager/` names no secret after `/aws/reference/secretsmanager/`",
    );
    assert_whole(&d, &text, v);
    assert_no_grant(&report);
    good(SECRET_ARN);
}

#[test]
fn bl311_secret_selector_field_count() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password";
    let (text, report, d) = bad(
        v,
        "BL311",
        Severity::Error,
        "a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has 1",
    );
    assert_part(&d, &text, v, ":password");
    assert_eq!(d.help, format!("For the JSON key `password` write `{SECRET_ARN}:password::` (keep the colons of the empty version fields)."));
    assert_no_grant(&report);

    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password:AWSPREVIOUS";
    let (_, _, d) = bad(
        v,
        "BL311",
        Severity::Error,
        "a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has 2",
    );
    assert_eq!(d.help, format!("Write `{SECRET_ARN}:password:AWSPREVIOUS:` (keep the colon of the empty version ID)."));

    let v = format!("{SECRET_ARN}:a:b:c:d");
    let (_, _, d) = bad(
        &v,
        "BL311",
        Severity::Error,
        "a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has 4",
    );
    assert_eq!(
        d.help,
        format!("Write `{SECRET_ARN}` for the whole secret, or `{SECRET_ARN}:json-key:version-stage:version-id` with empty fields left between their colons.")
    );

    // The AWS Batch User Guide's version-ID example, `NAME-AbCdEf::<id>`: the UUID is the
    // version ID, the last field, not the version stage.
    let id = "9d4cb84b-ad69-40c0-a0ab-cead36b967e8";
    for (selector, fixed) in [
        (format!("::{id}"), format!(":::{id}")),
        (format!(":{id}"), format!(":::{id}")),
        (format!(":password:{id}"), format!(":password::{id}")),
    ] {
        let v = format!("{SECRET_ARN}{selector}");
        let (_, report, d) = bad(
            &v,
            "BL311",
            Severity::Error,
            &format!(
                "a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has {}",
                selector.matches(':').count()
            ),
        );
        assert_eq!(
            d.help,
            format!("Write `{SECRET_ARN}{fixed}`: the version ID is the last of the three fields (`:json-key:version-stage:version-id`).")
        );
        assert_no_grant(&report);
        good(&format!("{SECRET_ARN}{fixed}"));
    }
    // A stage that is no UUID stays a stage.
    let (_, _, d) = bad(
        &format!("{SECRET_ARN}::AWSPREVIOUS"),
        "BL311",
        Severity::Error,
        "a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has 2",
    );
    assert_eq!(d.help, format!("Write `{SECRET_ARN}::AWSPREVIOUS:` (keep the colon of the empty version ID)."));

    good(&format!("{SECRET_ARN}:password::"));
}

#[test]
fn bl312_secret_stage_and_id() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE";
    // The guides say not to combine them; the agent sends both and Secrets Manager accepts
    // them when they name the same version: a warning, and the secret is granted.
    let (text, report, d) = bad(
        v,
        "BL312",
        Severity::Warning,
        "this reference gives both a version stage and a version ID; GetSecretValue fails unless both name the same version",
    );
    assert_part(&d, &text, v, "::AWSPREVIOUS:9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE");
    assert_eq!(problems(&report), ["BL312"]);
    let r = &report.references[0];
    assert_eq!(
        (r.version_stage.as_deref(), r.version_id.as_deref()),
        (Some("AWSPREVIOUS"), Some("9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"))
    );
    assert_eq!(
        resources(&report, "ReadSecretsManagerSecrets"),
        ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"]
    );
    // A version ID of an impossible length is still an error.
    let (_, report, _) = bad(
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:v2",
        "BL320",
        Severity::Error,
        "a version ID is 32–64 characters, `v2` has 2",
    );
    assert_no_grant(&report);
    good("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:");
}

#[test]
fn bl313_partial_secret_arn() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db";
    let (text, report, d) =
        bad(v, "BL313", Severity::Warning, "`prod/db` has no 6-character suffix: this is a partial ARN");
    assert_part(&d, &text, v, "prod/db");
    assert_eq!(
        d.help,
        "Use the complete ARN, such as `arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf` (the suffix is on the secret's page in the console). batchlint grants `secret:prod/db-??????`, which matches one suffix."
    );
    // A warning, not an error: the reference still gets its (suffix-wildcard) grant.
    assert_eq!(
        report.references[0].grants[0].resource,
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????"
    );
    let report = good(SECRET_ARN);
    assert!(!codes(&report).contains(&"BL313"));
}

#[test]
fn bl314_ssm_name_characters() {
    let v = "prod db password";
    let (text, report, d) = bad(v, "BL314", Severity::Error, "a space is not allowed in an SSM parameter name");
    assert_inside(&d, &text, v, 4, 1);
    assert!(d.help.starts_with("Parameter names use letters"), "the rule's help: {}", d.help);
    assert_no_grant(&report);
    good("/prod/db/password");
}

#[test]
fn bl314_secret_name_used_as_parameter_name() {
    let v = "prod@db";
    let (text, report, d) = bad(v, "BL314", Severity::Error, "`@` is not allowed in an SSM parameter name");
    assert_part(&d, &text, v, "@");
    assert_eq!(
        d.help,
        "If `prod@db` is a Secrets Manager secret, write `/aws/reference/secretsmanager/prod@db` or the secret's ARN."
    );
    assert_no_grant(&report);
}

#[test]
fn bl314_empty_level() {
    let v = "/prod//db";
    let (text, report, d) = bad(v, "BL314", Severity::Error, "`/prod//db` has an empty level");
    assert_inside(&d, &text, v, 6, 1);
    assert_no_grant(&report);
    let v = "/prod/db/";
    let (text, _, d) = bad(v, "BL314", Severity::Error, "`/prod/db/` has an empty level");
    assert_inside(&d, &text, v, 8, 1);
}

#[test]
fn bl315_ssm_name_not_fully_qualified() {
    let v = "prod/db/password";
    let (text, report, d) = bad(v, "BL315", Severity::Error, "`prod/db/password` has levels but no leading `/`");
    assert_inside(&d, &text, v, 0, 0);
    assert_eq!(d.help, "Write `/prod/db/password` for an SSM parameter; if `prod/db/password` is a Secrets Manager secret, write `/aws/reference/secretsmanager/prod/db/password` or the secret's ARN.");
    assert_no_grant(&report);
    good("/prod/db/password");
}

#[test]
fn bl316_ssm_name_too_deep() {
    let v = "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p";
    let (text, report, d) = bad(v, "BL316", Severity::Error, "this parameter name has 16 levels; the limit is 15");
    assert_inside(&d, &text, v, 0, v.len());
    assert_no_grant(&report);
    good("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o");
}

#[test]
fn bl317_ssm_name_too_long() {
    // `arn:aws:ssm:eu-west-1:123456789012:parameter/` has 45 characters.
    let v = format!("/{}", "a".repeat(967));
    let (text, report, d) =
        bad(&v, "BL317", Severity::Error, "with its ARN prefix this name has 1012 characters; the limit is 1,011");
    assert_inside(&d, &text, &v, 0, v.len());
    assert_no_grant(&report);
    good(&format!("/{}", "a".repeat(966)));
}

#[test]
fn bl318_ssm_name_reserved_prefix() {
    let v = "/ssm/prod/db/password";
    let (text, report, d) = bad(
        v,
        "BL318",
        Severity::Error,
        "`ssm` is a reserved prefix: parameter names cannot start with `aws` or `ssm`",
    );
    assert_part(&d, &text, v, "ssm");
    assert_no_grant(&report);
    let v = "AWSdbPassword";
    let (text, _, d) = bad(
        v,
        "BL318",
        Severity::Error,
        "`AWS` is a reserved prefix: parameter names cannot start with `aws` or `ssm`",
    );
    assert_part(&d, &text, v, "AWS");
    good("/prod/db/password");
    // The public read path is not a reserved-prefix violation.
    good("/aws/service/global-infrastructure/version");
}

#[test]
fn bl319_invalid_secret_name() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod db-AbCdEf";
    let (text, report, d) = bad(v, "BL319", Severity::Error, "a space is not allowed in a secret name");
    assert_part(&d, &text, v, " ");
    assert_no_grant(&report);

    let v = "/aws/reference/secretsmanager/prod#db";
    let (text, report, d) = bad(v, "BL319", Severity::Error, "`#` is not allowed in a secret name");
    assert_part(&d, &text, v, "#");
    assert_no_grant(&report);

    let long = format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:{}-AbCdEf", "n".repeat(513));
    // The suffix does not count against the 512 characters of the name.
    let (text, _, d) = bad(&long, "BL319", Severity::Error, "this secret name has 513 characters; the limit is 512");
    assert_part(&d, &text, &long, &format!("{}-AbCdEf", "n".repeat(513)));
    good(SECRET_ARN);
    // A `!` anywhere but after a service ID is still no secret name.
    for (v, at) in [
        ("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db!x-AbCdEf", "!"),
        ("arn:aws:secretsmanager:eu-west-1:123456789012:secret:RDS!db-AbCdEf", "!"),
        ("arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!-AbCdEf!x", "!x"),
    ] {
        let (text, report, d) = bad(v, "BL319", Severity::Error, "`!` is not allowed in a secret name");
        assert_inside(&d, &text, v, v.rfind(at).unwrap(), 1);
        assert_no_grant(&report);
    }
}

#[test]
fn secrets_that_aws_services_manage_are_named_service_bang() {
    // RDS-managed master passwords (`rds!db-…`, `rds!cluster-…`, the AWS CLI's own example),
    // Redshift's and EventBridge's: valid names, granted as written.
    for v in [
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-f74d77c4-e1fc-4c6f-a1c5-186320d65edb-wNVsVF:password::",
        "arn:aws:secretsmanager:us-west-2:123456789012:secret:rds!cluster-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111-a1b2c3",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:redshift!prod-redshift-main-ue2-awsuser-yp5Lq4",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:events!connection/partner/0a1b2c3d-AbCdEf",
    ] {
        let report = good(v);
        let secret = v.splitn(8, ':').take(7).collect::<Vec<_>>().join(":");
        assert_eq!(resources(&report, "ReadSecretsManagerSecrets"), [secret.as_str()], "{v}");
    }
    let report = good("/aws/reference/secretsmanager/rds!db-f74d77c4-e1fc-4c6f-a1c5-186320d65edb");
    assert_eq!(
        resources(&report, "ReadSecretsManagerSecrets"),
        ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-f74d77c4-e1fc-4c6f-a1c5-186320d65edb-??????"]
    );
    // As a bare name it is read from Parameter Store, which has no `!`: the help says how.
    let (_, _, d) = bad("rds!db-f74d77c4", "BL314", Severity::Error, "`!` is not allowed in an SSM parameter name");
    assert_eq!(
        d.help,
        "If `rds!db-f74d77c4` is a Secrets Manager secret, write `/aws/reference/secretsmanager/rds!db-f74d77c4` or the secret's ARN."
    );
}

#[test]
fn bl320_invalid_secret_version() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::v2";
    let (text, report, d) = bad(v, "BL320", Severity::Error, "a version ID is 32–64 characters, `v2` has 2");
    assert_part(&d, &text, v, "v2");
    assert_no_grant(&report);

    let stage = "S".repeat(257);
    let v = format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::{stage}:");
    let (text, _, d) = bad(&v, "BL320", Severity::Error, "a version stage is at most 256 characters");
    assert_part(&d, &text, &v, &format!("::{stage}:"));

    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password:*:";
    let (text, report, d) = bad(
        v,
        "BL320",
        Severity::Error,
        "`*` in a version stage is no wildcard: GetSecretValue reads the version labelled `*` exactly",
    );
    assert_part(&d, &text, v, "*");
    assert_no_grant(&report);
    good("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE");
}

/// The one BL321 error for `credentials`, on `part` of it, with `message`; no grant.
fn bad_credentials(credentials: &str, part: &str, message: &str) -> Diagnostic {
    let text = job_with_repository_credentials(credentials);
    let report = analyze(&text, &opts());
    let d = only(&report, "BL321").clone();
    assert_eq!((d.severity, d.message.as_str(), d.path.as_str()), (Severity::Error, message, CREDENTIALS_PATH));
    assert_part(&d, &text, credentials, part);
    assert_no_grant(&report);
    d
}

#[test]
fn bl321_repository_credentials_not_a_secret() {
    bad_credentials(
        "arn:aws:ssm:eu-west-1:123456789012:parameter/registry",
        "ssm",
        "repository credentials must be a Secrets Manager secret, not an SSM parameter",
    );
    bad_credentials(
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf:username::",
        ":username::",
        "repository credentials take the whole secret: JSON-key and version selectors are not supported",
    );
    // A Parameter Store path is sent to Secrets Manager as it is, where no secret has that name.
    let d = bad_credentials(
        "/aws/reference/secretsmanager/registry/dockerhub",
        "/aws/reference/secretsmanager/",
        "`/aws/reference/secretsmanager/` is a Parameter Store path, but repository credentials are read from Secrets Manager, where no secret has this name",
    );
    assert_eq!(d.help, "Write the secret's name, `registry/dockerhub`, or its ARN.");

    let report = analyze(
        &job_with_repository_credentials("arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf"),
        &opts(),
    );
    assert_eq!(problems(&report), Vec::<&str>::new());
    assert_eq!(report.references[0].grants.len(), 1);
}

/// A BL322 error on `selector` in `v`, with its message and help, and no grant.
fn bad_selector(v: &str, selector: &str, message: &str, help: &str) -> Report {
    let (text, report, d) = bad(v, "BL322", Severity::Error, message);
    assert_part(&d, &text, v, selector);
    assert_eq!(d.help, help);
    assert_no_grant(&report);
    report
}

const PIN: &str = "`valueFrom` reads the parameter's current value. To pin a value, give it a parameter of its own.";

#[test]
fn bl322_ssm_parameter_selector() {
    // ECS refuses a selector (aws/containers-roadmap#859), and the EC2 agent would set the
    // variable to "": an error, with no grant.
    let message = "`:3` selects a version or label of the parameter, which `valueFrom` does not take";
    bad_selector("/prod/db/password:3", ":3", message, &format!("Write `/prod/db/password`: {PIN}"));
    bad_selector(
        "/prod/db/password:blue",
        ":blue",
        "`:blue` selects a version or label of the parameter, which `valueFrom` does not take",
        &format!("Write `/prod/db/password`: {PIN}"),
    );
    bad_selector(
        "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password:3",
        ":3",
        message,
        &format!("Drop `:3` from the ARN: {PIN}"),
    );
    // The name before the selector is still checked.
    let report = analyze(&job_with_value_from("prod/db:3"), &opts());
    assert_eq!(problems(&report), ["BL315", "BL322"]);
    let report = good("/prod/db/password");
    assert!(!codes(&report).contains(&"BL322"));
}

#[test]
fn bl323_surrounding_whitespace() {
    let v = " /prod/db/password";
    let (text, report, d) = bad(v, "BL323", Severity::Error, "` /prod/db/password` has whitespace around it");
    assert_whole(&d, &text, v);
    assert_no_grant(&report);
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf\n";
    let (_, report, _) = bad(v, "BL323", Severity::Error, &format!("`{v}` has whitespace around it"));
    assert_no_grant(&report);
    good("/prod/db/password");
}

#[test]
fn bl401_partition_mismatch() {
    let options = Options { region: Some("cn-north-1".into()), account_id: Some(ACCOUNT.into()), ..Default::default() };
    let v = "arn:aws:ssm:us-east-1:123456789012:parameter/db";
    let (text, report, d) = bad_with(
        v,
        &options,
        "BL401",
        Severity::Error,
        "this ARN is in the `aws` partition, but the job runs in `aws-cn`",
    );
    assert_part(&d, &text, v, "aws");
    assert_no_grant(&report);
    good_with("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db", &options);
}

#[test]
fn bl402_cross_region_reference() {
    let v = "arn:aws:ssm:us-east-1:123456789012:parameter/db";
    let (text, report, d) =
        bad(v, "BL402", Severity::Info, "this reference is in `us-east-1`, the job runs in `eu-west-1`");
    assert_part(&d, &text, v, "us-east-1");
    // Information only: the grant is for the ARN's own region.
    assert_eq!(report.references[0].grants[0].resource, v);
    let report = good("arn:aws:ssm:eu-west-1:123456789012:parameter/db");
    assert!(!codes(&report).contains(&"BL402"));
}

#[test]
fn bl403_name_resolved_in_job_region() {
    let v = "/prod/db/password";
    let (text, _, d) = bad(
        v,
        "BL403",
        Severity::Info,
        "1 secret reference given by name is read from the job's region (eu-west-1) and account (123456789012)",
    );
    assert_whole(&d, &text, v);
    // Several names: one note, on the first.
    let text = job_with_secrets(
        r#"[{"name": "A", "valueFrom": "/a"}, {"name": "B", "valueFrom": "/aws/reference/secretsmanager/b"}, {"name": "C", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/c"}]"#,
    );
    let report = analyze(&text, &opts());
    let d = only(&report, "BL403");
    assert_eq!(
        d.message,
        "2 secret references given by name are read from the job's region (eu-west-1) and account (123456789012)"
    );
    assert_whole(d, &text, "/a");
    // Without options the note does not invent a region.
    let (_, report) = run(v, &Options::default());
    // (The execution role's ARN tells the account.)
    assert_eq!(
        only(&report, "BL403").message,
        "1 secret reference given by name is read from the job's region and account (123456789012)"
    );
    let report = good(SSM_ARN);
    assert!(!codes(&report).contains(&"BL403"));
}

#[test]
fn bl404_cross_account_reference() {
    let v = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbCdEf";
    let (text, report, d) = bad(
        v,
        "BL404",
        Severity::Warning,
        "this reference is in account 210987654321, the job runs in account 123456789012",
    );
    assert_part(&d, &text, v, "210987654321");
    assert_eq!(report.references[0].grants[0].resource, v);
    good("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf");
    // AWS owns public parameters: another account is not a cross-account read.
    let report = good("arn:aws:ssm:eu-west-1:210987654321:parameter/aws/service/global-infrastructure/version");
    assert!(!codes(&report).contains(&"BL404"));
}

#[test]
fn bl406_cross_account_ssm_parameter() {
    // ECS: "Cross-account access for ARNs is not currently supported"; no grant.
    let message = "this SSM parameter is in account 210987654321, the job runs in account 123456789012; ECS reads parameters of the job's own account only";
    for v in [
        "arn:aws:ssm:eu-west-1:210987654321:parameter/shared/db",
        "arn:aws:ssm:eu-west-1:210987654321:parameter/aws/reference/secretsmanager/shared/db",
    ] {
        let (text, report, d) = bad(v, "BL406", Severity::Error, message);
        assert_part(&d, &text, v, "210987654321");
        assert_eq!(problems(&report), ["BL406"], "{v}");
        assert_no_grant(&report);
    }
    // The account the execution role's ARN tells counts as the job's.
    let text = job_with_value_from("arn:aws:ssm:eu-west-1:210987654321:parameter/shared/db");
    let report = analyze(&text, &Options { region: Some(REGION.into()), ..Default::default() });
    assert_eq!(only(&report, "BL406").message, message);
    // Without a known account nothing can be said; the job's own account is fine.
    let text = text.replace(&format!("\"executionRoleArn\": \"{ROLE}\","), "");
    assert!(!codes(&analyze(&text, &Options::default())).contains(&"BL406"));
    good(SSM_ARN);
}

#[test]
fn bl405_unknown_arn_region() {
    let v = "arn:aws:ssm:eu-west-9:123456789012:parameter/db";
    let (text, report, d) = bad(v, "BL405", Severity::Warning, "`eu-west-9` is not a region batchlint knows");
    assert_part(&d, &text, v, "eu-west-9");
    assert_eq!(report.references[0].grants[0].resource, v);
    good("arn:aws:ssm:eu-west-1:123456789012:parameter/db");
}

#[test]
fn non_ascii_before_a_faulty_value_from_counts_utf16_units() {
    // An emoji (2 UTF-16 units, 4 bytes) and CJK (1 unit, 3 bytes each) before the fault.
    let text = "{\n  \"jobDefinitionName\": \"夜間-😀\",\n  \"type\": \"container\",\n  \"containerProperties\": {\n    \"image\": \"busybox\",\n    \"executionRoleArn\": \"arn:aws:iam::123456789012:role/batch-exec\",\n    \"secrets\": [{\"name\": \"密码😀\", \"valueFrom\": \"arn:aws:ssm:eu-west-1:123456789012:parameter//prod/db\"}]\n  }\n}";
    let report = analyze(text, &opts());
    let d = only(&report, "BL309");
    // What JavaScript's indexOf gives for the `//`, and the line and column an editor shows.
    let line = text.lines().nth(6).unwrap();
    let js_line_start: u32 = text.split('\n').take(6).map(|l| l.encode_utf16().count() as u32 + 1).sum();
    let js_column = line[..line.find("//").unwrap()].encode_utf16().count() as u32;
    assert_eq!(d.range.start.line, 7);
    assert_eq!(d.range.start.column, js_column + 1);
    assert_eq!(d.range.start.offset, js_line_start + js_column);
    assert_eq!(d.range.end.offset - d.range.start.offset, 2);
    // Worked out by hand: `    "secrets": [{"name": "` is 26 units, `密码😀` 4 units.
    let before = r#"    "secrets": [{"name": "密码😀", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter"#;
    assert_eq!(js_column as usize, before.encode_utf16().count());
    assert_eq!(before.encode_utf16().count(), before.chars().count() + 1, "the emoji counts twice");
    assert_eq!(d.path, "/containerProperties/secrets/0/valueFrom");
    let reference = &report.references[0];
    assert_eq!(reference.name.as_deref(), Some("密码😀"));
    assert!(reference.grants.is_empty());
}

#[test]
fn escaped_strings_are_reported_on_the_whole_literal() {
    // `\u002f` is a slash: the string cannot be mapped byte for byte, so the whole literal is marked.
    let text =
        job_with_secrets(r#"[{"name": "A", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/\u002fprod"}]"#);
    let report = analyze(&text, &opts());
    let d = only(&report, "BL309");
    let start = text.find(r#""arn:aws:ssm"#).unwrap();
    let end = text.find(r#"prod"}"#).unwrap() + "prod\"".len();
    assert_eq!(range_tuple(d), (js_position(&text, start), js_position(&text, end)));
}

#[test]
fn odd_input_does_not_panic() {
    let colons = format!("arn:{}", ":".repeat(1000));
    let secret_colons = format!("{SECRET_ARN}{}", ":".repeat(1000));
    let long = "x".repeat(100_000);
    let values = [
        colons.as_str(),
        secret_colons.as_str(),
        long.as_str(),
        ":",
        "arn:",
        "arn:aws:ssm:eu-west-1:123456789012:",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:::",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::日本語日本語日本語日本語日本語日本語日本語",
        "/aws/reference/secretsmanager/😀",
        "😀",
        "/",
        "//",
        "/prod/db:",
        "arn:aws:ssm:eu-west-1:123456789012:parameter/:",
        "\u{0}",
        "arn:aws:ssm:eu-west-1:123456789012:parameter:",
    ];
    for v in values {
        let (_, report) = run(v, &opts());
        assert!(report.has_errors() || !report.references[0].grants.is_empty(), "{v}: {:#?}", report.diagnostics);
        let (_, report) = run(v, &Options::default());
        let _ = to_json(&report);
        let _ = analyze(&job_with_repository_credentials(v), &opts());
    }
}

#[test]
fn bl320_version_id_length_counts_characters_not_bytes() {
    // 11 CJK characters are 33 bytes: still far too short for a version ID.
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::版本版本版本版本版本版";
    let (text, report, d) =
        bad(v, "BL320", Severity::Error, "a version ID is 32–64 characters, `版本版本版本版本版本版` has 11");
    assert_part(&d, &text, v, "版本版本版本版本版本版");
    assert_no_grant(&report);
}

#[test]
fn bl322_version_stage_on_a_secrets_manager_reference() {
    // Parameter Store's GetParameter documents `/aws/reference/secretsmanager/ID:STAGE`, but ECS
    // takes no selector in `valueFrom`: the stage belongs in the secret's ARN.
    let message = "`:AWSPREVIOUS` selects a version stage of the secret, which `valueFrom` does not take";
    let help = |arn: &str| format!("For that version stage, reference the secret by its ARN: `{arn}::AWSPREVIOUS:`.");
    let report = bad_selector(
        "/aws/reference/secretsmanager/prod/db:AWSPREVIOUS",
        ":AWSPREVIOUS",
        message,
        &help("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db"),
    );
    assert_eq!(problems(&report), ["BL322"]);
    // Through an SSM ARN too, with the ARN's region and account in the help.
    bad_selector(
        "arn:aws:ssm:us-east-1:123456789012:parameter/aws/reference/secretsmanager/prod/db:AWSPREVIOUS",
        ":AWSPREVIOUS",
        message,
        &help("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db"),
    );
    // The secret ID before the stage is still checked; two colons are a bad character.
    let (_, report, _) = bad(
        "/aws/reference/secretsmanager/prod#db:AWSPREVIOUS",
        "BL319",
        Severity::Error,
        "`#` is not allowed in a secret name",
    );
    assert_eq!(problems(&report), ["BL319", "BL322"]);
    let (_, report, _) = bad(
        "/aws/reference/secretsmanager/prod/db:a:b",
        "BL319",
        Severity::Error,
        "`:` is not allowed in a secret name",
    );
    assert_no_grant(&report);
}

#[test]
fn bl324_secret_name_as_parameter() {
    let v = "prod-db-AbC1Ef";
    let text = job_with_value_from(v);
    let report = analyze(&text, &opts());
    let d = only(&report, "BL324");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "`prod-db-AbC1Ef` ends like a Secrets Manager secret (`-` and 6 random characters), but a name in `valueFrom` is read from Parameter Store"
    );
    assert_eq!(
        d.help,
        "If it is a secret, write its ARN (`arn:aws:secretsmanager:REGION:ACCOUNT:secret:prod-db-AbC1Ef`) or `/aws/reference/secretsmanager/prod-db`."
    );
    assert_eq!(d.path, VALUE_FROM_PATH);
    // It is still a valid parameter name, so the parameter is granted.
    assert_eq!(report.references[0].grants.len(), 1);
    for good in ["/prod/db-password", "prod-db-master", "/aws/reference/secretsmanager/prod-db"] {
        assert!(!codes(&analyze(&job_with_value_from(good), &opts())).contains(&"BL324"), "{good}");
    }
}

#[test]
fn a_duplicated_role_uses_the_last_value_as_aws_tools_do() {
    let text = job_with_value_from("/prod/db").replace(
        &format!("\"executionRoleArn\": \"{ROLE}\","),
        "\"executionRoleArn\": \"arn:aws:iam::123456789012:role/old\", \"executionRoleArn\": \"arn:aws:iam::123456789012:role/new\",",
    );
    let report = analyze(&text, &opts());
    assert_eq!(report.policies[0].role_arn.as_deref(), Some("arn:aws:iam::123456789012:role/new"));
    assert_eq!(only(&report, "BL102").path, "/containerProperties/executionRoleArn");
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL317",
        place: Place::Built(crate::cases::build::long_ssm_name),
        bad: r#"1000"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "with its ARN prefix this name has 1045 characters; the limit is 1,011",
        good: r#"900"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL401",
        place: Place::Secret,
        options: r#"{"region": "cn-north-1"}"#,
        bad: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this ARN is in the `aws` partition, but the job runs in `aws-cn`",
        good: r#"{"name": "DB", "valueFrom": "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL402",
        place: Place::Secret,
        options: r#"{"region": "eu-west-1"}"#,
        bad: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this reference is in `us-east-1`, the job runs in `eu-west-1`",
        good: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL403",
        place: Place::Secret,
        options: r#"{"region": "eu-west-1", "accountId": "123456789012"}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "1 secret reference given by name is read from the job's region (eu-west-1) and account (123456789012)",
        good: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL404",
        place: Place::Secret,
        options: r#"{"accountId": "123456789012"}"#,
        bad: r#"{"name": "DB", "valueFrom": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:db-AbCdEf"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this reference is in account 210987654321, the job runs in account 123456789012",
        good: r#"{"name": "DB", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL301",
        place: Place::Secret,
        bad: r#"{"name": "DB_PASSWORD", "valueFrom": ""}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this secret reference is empty",
        good: r#"{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL302",
        place: Place::Secret,
        bad: r#"{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:parameter/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`arn:aws:ssm:eu-west-1:parameter/prod/db/password` has 4 colons; an ARN has at least 5: `arn:partition:service:region:account-id:resource`",
        good: r#"{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL303",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:amazon:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`amazon` is not an AWS partition",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL304",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:s3:::my-bucket/db-password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`s3` is not a service that secrets can be read from: expected `ssm` or `secretsmanager`",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL305",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm::123456789012:parameter/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this ARN has no region",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL306",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1::parameter/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this ARN has no account ID",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL307",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:document/prod-db"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`document` is not an SSM parameter: the resource must start with `parameter/`",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL308",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter:/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "an SSM parameter ARN has `parameter/` before the name, not `parameter:`",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL309",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter//prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`parameter//` names no parameter: the ARN drops the name's leading slash",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL310",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this ARN names no secret after `secret:`",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL311",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "a secret selector needs 3 fields after the name (`:json-key:version-stage:version-id`); this one has 1",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL312",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this reference gives both a version stage and a version ID; GetSecretValue fails unless both name the same version",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf::AWSPREVIOUS:"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL313",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`prod/db` has no 6-character suffix: this is a partial ARN",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL314",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "prod db password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "a space is not allowed in an SSM parameter name",
        good: r#"{"name": "EXAMPLE", "valueFrom": "/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL315",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`prod/db/password` has levels but no leading `/`",
        good: r#"{"name": "EXAMPLE", "valueFrom": "/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL316",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this parameter name has 16 levels; the limit is 15",
        good: r#"{"name": "EXAMPLE", "valueFrom": "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL318",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "/ssm/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`ssm` is a reserved prefix: parameter names cannot start with `aws` or `ssm`",
        good: r#"{"name": "EXAMPLE", "valueFrom": "/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL319",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod db-AbCdEf"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "a space is not allowed in a secret name",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL320",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::v2"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "a version ID is 32–64 characters, `v2` has 2",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL321",
        place: Place::Container,
        bad: r#"{"repositoryCredentials": {"credentialsParameter": "arn:aws:ssm:eu-west-1:123456789012:parameter/registry"}}"#,
        path: "/containerProperties/repositoryCredentials/credentialsParameter",
        message: "repository credentials must be a Secrets Manager secret, not an SSM parameter",
        good: r#"{"repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL322",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "/prod/db/password:3"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`:3` selects a version or label of the parameter, which `valueFrom` does not take",
        good: r#"{"name": "EXAMPLE", "valueFrom": "/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL323",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": " /prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "` /prod/db/password` has whitespace around it",
        good: r#"{"name": "EXAMPLE", "valueFrom": "/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL324",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "prod-db-AbC1Ef"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`prod-db-AbC1Ef` ends like a Secrets Manager secret (`-` and 6 random characters), but a name in `valueFrom` is read from Parameter Store",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod-db-AbC1Ef"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL406",
        place: Place::Secret,
        options: r#"{"accountId": "123456789012"}"#,
        bad: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:210987654321:parameter/shared/db"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "this SSM parameter is in account 210987654321, the job runs in account 123456789012; ECS reads parameters of the job's own account only",
        good: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/shared/db"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL405",
        place: Place::Secret,
        bad: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-9:123456789012:parameter/db"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "`eu-west-9` is not a region batchlint knows",
        good: r#"{"name": "EXAMPLE", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db"}"#,
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
