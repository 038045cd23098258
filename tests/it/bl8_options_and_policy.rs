//! Every options and policy rule (BL8xx), through `analyze`.

use crate::cases::{Case, Place};
use crate::common::*;
use batchlint::{analyze, Options, Severity};

const NAME_REF: &str = "/prod/db/password";

fn options_finding(options: &Options, code: &str, severity: Severity, message: &str) -> batchlint::Diagnostic {
    let report = analyze(&job_with_value_from(NAME_REF), options);
    let d = only(&report, code).clone();
    assert_eq!(d.severity, severity);
    assert_eq!(d.message, message);
    assert_document_level(&d);
    assert_eq!(d.option, Some(option_of(code)), "{d:#?}");
    d
}

/// The option each options rule is about, as the JS API names it.
fn option_of(code: &str) -> &'static str {
    match code {
        "BL801" | "BL802" => "region",
        "BL803" => "partition",
        "BL804" => "accountId",
        _ => "kmsKeys",
    }
}

fn assert_clean(options: &Options, code: &str) {
    let report = analyze(&job_with_value_from(NAME_REF), options);
    assert!(!codes(&report).contains(&code), "{:#?}", report.diagnostics);
    assert_eq!(problems(&report), Vec::<&str>::new(), "{:#?}", report.diagnostics);
}

#[test]
fn bl801_invalid_region_option() {
    let options = Options { region: Some("eu-west".into()), ..opts() };
    options_finding(&options, "BL801", Severity::Error, "the region option `eu-west` is not an AWS region");
    // The bad region is not used: the policy falls back to the placeholder.
    let report = analyze(&job_with_value_from(NAME_REF), &options);
    assert_eq!(
        resources(&report, "ReadSsmParameters"),
        ["arn:aws:ssm:${Region}:123456789012:parameter/prod/db/password"]
    );
    assert_clean(&opts(), "BL801");
}

#[test]
fn bl802_unknown_region_option() {
    let options = Options { region: Some("eu-west-9".into()), ..opts() };
    let d = options_finding(
        &options,
        "BL802",
        Severity::Warning,
        "the region `eu-west-9` is not in batchlint's table of regions",
    );
    assert_eq!(d.help, "It looks like a region of the `aws` partition: batchlint uses that partition, and writes `${Region}` in the policy rather than an unknown region. Check the spelling, or update batchlint if the region is new.");
    // An unknown region is never written into the policy, nor into its KMS grants.
    let options = Options { kms_keys: vec!["alias/app".into()], ..options };
    let report = analyze(&job_with_value_from(NAME_REF), &options);
    assert_eq!(
        resources(&report, "ReadSsmParameters"),
        ["arn:aws:ssm:${Region}:123456789012:parameter/prod/db/password"]
    );
    assert_eq!(resources(&report, "DecryptWithAliasedKeys"), ["arn:aws:kms:${Region}:123456789012:key/*"]);
    // Names that only the SDK's loose pattern takes are no regions at all.
    let junk = Options { region: Some("us-__-1".into()), ..opts() };
    options_finding(&junk, "BL801", Severity::Error, "the region option `us-__-1` is not an AWS region");
    assert_clean(&opts(), "BL802");
}

#[test]
fn bl803_invalid_partition_option() {
    let options = Options { partition: Some("amazon".into()), ..opts() };
    let d =
        options_finding(&options, "BL803", Severity::Error, "the partition option `amazon` is not an AWS partition");
    assert_eq!(d.help, "Use one of: aws, aws-cn, aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-us-gov.");
    let options = Options { region: Some("cn-north-1".into()), partition: Some("aws".into()), ..opts() };
    options_finding(
        &options,
        "BL803",
        Severity::Error,
        "the region `cn-north-1` is in the `aws-cn` partition, not `aws`",
    );
    // Neither is trusted with the other: the policy keeps the partition given and no region.
    let options = Options { region: Some("eu-west-1".into()), partition: Some("aws-cn".into()), ..opts() };
    let report = analyze(&job_with_value_from(NAME_REF), &options);
    assert_eq!(
        resources(&report, "ReadSsmParameters"),
        ["arn:aws-cn:ssm:${Region}:123456789012:parameter/prod/db/password"]
    );
    assert_clean(&Options { region: Some("cn-north-1".into()), partition: Some("aws-cn".into()), ..opts() }, "BL803");
}

#[test]
fn bl804_invalid_account_option() {
    let options = Options { account_id: Some("my-prod-account".into()), ..opts() };
    options_finding(
        &options,
        "BL804",
        Severity::Error,
        "the account option `my-prod-account` is not a 12-digit AWS account ID",
    );
    assert_clean(&opts(), "BL804");
}

#[test]
fn bl805_invalid_kms_key() {
    let d = options_finding(
        &opts_with_keys(&["app-secrets"]),
        "BL805",
        Severity::Error,
        "`app-secrets` is not a KMS key ID, key ARN, alias name or alias ARN",
    );
    assert!(d.help.contains("(`alias/app-secrets`, not `app-secrets`)"), "{}", d.help);
    let report = analyze(&job_with_value_from(NAME_REF), &opts_with_keys(&["app-secrets"]));
    assert_eq!(sids(&report), [["ReadSsmParameters"]], "no kms statement for a key that cannot be resolved");

    let bad_arn = "arn:aws:kms:eu-west-1:123456789012:alias/";
    options_finding(
        &opts_with_keys(&[bad_arn]),
        "BL805",
        Severity::Error,
        &format!("`{bad_arn}` is not a KMS key ARN or alias ARN"),
    );
    let not_kms = "arn:aws:ssm:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    options_finding(
        &opts_with_keys(&[not_kms]),
        "BL805",
        Severity::Error,
        &format!("`{not_kms}` is not a KMS key ARN or alias ARN"),
    );
    assert_clean(&opts_with_keys(&["alias/app-secrets"]), "BL805");
}

#[test]
fn bl806_aws_managed_kms_key() {
    options_finding(
        &opts_with_keys(&["alias/aws/ssm"]),
        "BL806",
        Severity::Info,
        "`alias/aws/ssm` is an AWS managed key: the execution role needs no `kms:Decrypt` for it",
    );
    let report = analyze(&job_with_value_from(NAME_REF), &opts_with_keys(&["alias/aws/ssm"]));
    assert_eq!(sids(&report), [["ReadSsmParameters"]], "no grant for an AWS managed key");
    assert_clean(&opts_with_keys(&["alias/app-secrets"]), "BL806");
}

#[test]
fn bl807_policy_placeholders() {
    // The execution role's ARN gives the account, so only the region is missing.
    let text = job_with_value_from(NAME_REF);
    let report = analyze(&text, &Options::default());
    let d = only(&report, "BL807");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "the policy uses `${Region}` for the job's region because 1 reference given by name resolves there"
    );
    assert_eq!(d.help, "Set the region option (`--region` on the CLI) so that the policy has real ARNs.");
    assert_eq!(d.path, VALUE_FROM_PATH);
    assert_whole(d, &text, NAME_REF);

    // Without a role ARN nothing tells the account.
    let roleless = text.replace(&format!("\"executionRoleArn\": \"{ROLE}\","), "");
    let report = analyze(&roleless, &Options::default());
    let d = only(&report, "BL807");
    assert_eq!(
        d.message,
        "the policy uses `${Region}` for the job's region and `${Account}` for the job's account because 1 reference given by name resolves there"
    );
    assert_eq!(d.help, "Set the region option (`--region` on the CLI) and the account option (`--account` on the CLI) so that the policy has real ARNs.");

    let only_region = Options { region: Some(REGION.into()), ..Default::default() };
    let report = analyze(&roleless, &only_region);
    let d = only(&report, "BL807");
    assert_eq!(
        d.message,
        "the policy uses `${Account}` for the job's account because 1 reference given by name resolves there"
    );
    assert_eq!(d.help, "Set the account option (`--account` on the CLI) so that the policy has real ARNs.");
    assert!(!codes(&analyze(&text, &only_region)).contains(&"BL807"), "the role's account completes the region option");

    let two = job_with_secrets(r#"[{"name": "A", "valueFrom": "/a"}, {"name": "B", "valueFrom": "b"}]"#)
        .replace(&format!("\"executionRoleArn\": \"{ROLE}\","), "");
    let report = analyze(&two, &only_region);
    assert_eq!(
        only(&report, "BL807").message,
        "the policy uses `${Account}` for the job's account because 2 references given by name resolve there"
    );

    // Only ARNs and a key given by ID: the key resolves where the secrets are read.
    let arn = job_with_value_from("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password");
    let report =
        analyze(&arn, &Options { kms_keys: vec!["1234abcd-12ab-34cd-56ef-1234567890ab".into()], ..Default::default() });
    assert!(!codes(&report).contains(&"BL807"), "{:#?}", report.diagnostics);
    let kms = report.policies[0].document.statement.iter().find(|s| s.action == ["kms:Decrypt"]).unwrap();
    assert_eq!(kms.resource, ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]);

    // A name and a key ID with no region known: the key's ARN has the placeholder too.
    let report = analyze(
        &text,
        &Options { kms_keys: vec!["1234abcd-12ab-34cd-56ef-1234567890ab".into()], ..Default::default() },
    );
    let d = only(&report, "BL807");
    assert_eq!(
        d.message,
        "the policy uses `${Region}` for the job's region because 1 reference given by name resolves there"
    );

    assert_clean(&opts(), "BL807");
    let report = analyze(&arn, &Options::default());
    assert!(!codes(&report).contains(&"BL807"), "ARNs need no placeholder");
}

#[test]
fn bl808_policy_too_large() {
    let names: Vec<String> =
        (0..200).map(|i| format!(r#"{{"name": "S{i}", "valueFrom": "/prod/applications/payments/settlement/database/credentials/p{i:03}"}}"#)).collect();
    let text = job_with_secrets(&format!("[{}]", names.join(", ")));
    let report = analyze(&text, &opts());
    let d = only(&report, "BL808");
    assert_eq!(d.severity, Severity::Warning);
    let size = report.policies[0].document.size_without_whitespace();
    assert!(size > 10_240, "{size}");
    assert_eq!(
        d.message,
        format!(
            "the policy for {ROLE} has {size} characters without whitespace; a role's inline policies may have 10240"
        )
    );
    // The finding is on the role that receives the policy: pointer and range agree.
    assert_eq!(d.path, "/containerProperties/executionRoleArn");
    assert_whole(d, &text, ROLE);

    let names: Vec<String> = (0..20).map(|i| format!(r#"{{"name": "S{i}", "valueFrom": "/prod/p{i:03}"}}"#)).collect();
    let report = analyze(&job_with_secrets(&format!("[{}]", names.join(", "))), &opts());
    assert!(!codes(&report).contains(&"BL808"));
}

#[test]
fn bl809_kms_keys_unused() {
    let text = job_with_secrets("[]");
    let report = analyze(&text, &opts_with_keys(&["alias/app-secrets"]));
    let d = only(&report, "BL809");
    assert_eq!(
        (d.severity, d.message.as_str()),
        (Severity::Info, "KMS keys were given, but no secret reference needs them")
    );
    assert_document_level(d);
    assert_eq!(d.option, Some("kmsKeys"));
    assert!(report.policies.is_empty());
    assert_clean(&opts_with_keys(&["alias/app-secrets"]), "BL809");
}

#[test]
fn options_are_trimmed() {
    let options = Options {
        region: Some(" eu-west-1 ".into()),
        account_id: Some("123456789012 ".into()),
        kms_keys: vec![" alias/app ".into()],
        ..Default::default()
    };
    let report = analyze(&job_with_value_from(NAME_REF), &options);
    assert_eq!(problems(&report), Vec::<&str>::new(), "{:#?}", report.diagnostics);
    assert_eq!(
        resources(&report, "ReadSsmParameters"),
        ["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"]
    );
}

#[test]
fn options_deserialize_from_camel_case_and_reject_unknown_fields() {
    let options: Options =
        serde_json::from_str(r#"{"region": "eu-west-1", "accountId": "123456789012", "kmsKeys": ["alias/app"]}"#)
            .unwrap();
    assert_eq!(options, Options { kms_keys: vec!["alias/app".into()], ..opts() });
    assert!(serde_json::from_str::<Options>(r#"{"account": "123456789012"}"#).is_err());
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL807",
        place: Place::Secret,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db/password"}"#,
        path: "/containerProperties/secrets/0/valueFrom",
        message: "the policy uses `${Region}` for the job's region because 1 reference given by name resolves there",
        good: r#"{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL808",
        place: Place::Built(crate::cases::build::many_secrets),
        options: r#"{"region": "eu-west-1", "accountId": "123456789012"}"#,
        bad: r#"150"#,
        path: "/containerProperties/executionRoleArn",
        message: "the policy for arn:aws:iam::123456789012:role/exec has 12767 characters without whitespace; a role's inline policies may have 10240",
        good: r#"10"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL809",
        place: Place::Container,
        options: r#"{"kmsKeys": ["alias/app-secrets"]}"#,
        bad: r#"{}"#,
        path: "",
        message: "KMS keys were given, but no secret reference needs them",
        good: r#"{"secrets": [{"name": "DB", "valueFrom": "/prod/db"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL801",
        place: Place::Secret,
        options: r#"{"region": "eu-west"}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        path: "",
        message: "the region option `eu-west` is not an AWS region",
        good: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        good_options: r#"{"region": "eu-west-1"}"#,
    },
    Case {
        code: "BL802",
        place: Place::Secret,
        options: r#"{"region": "eu-west-9"}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        path: "",
        message: "the region `eu-west-9` is not in batchlint's table of regions",
        good: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        good_options: r#"{"region": "eu-west-1"}"#,
    },
    Case {
        code: "BL803",
        place: Place::Secret,
        options: r#"{"region": "cn-north-1", "partition": "aws"}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        path: "",
        message: "the region `cn-north-1` is in the `aws-cn` partition, not `aws`",
        good: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        good_options: r#"{"region": "cn-north-1"}"#,
    },
    Case {
        code: "BL804",
        place: Place::Secret,
        options: r#"{"accountId": "my-prod-account"}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        path: "",
        message: "the account option `my-prod-account` is not a 12-digit AWS account ID",
        good: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        good_options: r#"{"accountId": "123456789012"}"#,
    },
    Case {
        code: "BL805",
        place: Place::Secret,
        options: r#"{"kmsKeys": ["app-secrets"]}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        path: "",
        message: "`app-secrets` is not a KMS key ID, key ARN, alias name or alias ARN",
        good: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        good_options: r#"{"kmsKeys": ["alias/app-secrets"]}"#,
    },
    Case {
        code: "BL806",
        place: Place::Secret,
        options: r#"{"kmsKeys": ["alias/aws/secretsmanager"]}"#,
        bad: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        path: "",
        message: "`alias/aws/secretsmanager` is an AWS managed key: the execution role needs no `kms:Decrypt` for it",
        good: r#"{"name": "DB", "valueFrom": "/prod/db"}"#,
        good_options: r#"{"kmsKeys": []}"#,
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}

#[test]
fn bl807_at_a_reference_is_about_the_document() {
    let report = analyze(&job_with_value_from("/prod/db/password"), &Options::default());
    let d = only(&report, "BL807");
    assert_eq!((d.path.as_str(), d.option), (VALUE_FROM_PATH, None));
}
