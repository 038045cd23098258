//! The generated policy, as exact strings: every ARN edge case, KMS, partitions, roles, determinism.

use crate::common::*;
use batchlint::{analyze, Options, Report};

fn policy_for(value_from: &str, options: &Options) -> Report {
    analyze(&job_with_value_from(value_from), options)
}

/// Every (action, resource) the first policy grants, statement by statement.
fn grants(report: &Report) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for policy in &report.policies {
        for s in &policy.document.statement {
            for r in &s.resource {
                out.push((s.action.join(","), r.clone()));
            }
        }
    }
    out
}

fn g(action: &str, resource: &str) -> (String, String) {
    (action.to_string(), resource.to_string())
}

fn no_grant(value_from: &str) {
    let report = policy_for(value_from, &opts());
    assert!(report.has_errors(), "{value_from}");
    assert!(report.references[0].grants.is_empty(), "{value_from}");
    assert!(report.policies.is_empty(), "{value_from}: {:#?}", report.policies);
}

#[test]
fn ssm_names_become_arns_without_a_double_slash() {
    let report = policy_for("prod-db", &opts());
    assert_eq!(grants(&report), [g("ssm:GetParameters", "arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db")]);
    let report = policy_for("/prod/db/pass", &opts());
    assert_eq!(grants(&report), [g("ssm:GetParameters", "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/pass")]);
    assert_eq!(report.references[0].resource_name.as_deref(), Some("/prod/db/pass"));
    // `/prod-db` and `prod-db` are the same parameter: one resource.
    let text = job_with_secrets(r#"[{"name": "A", "valueFrom": "/prod-db"}, {"name": "B", "valueFrom": "prod-db"}]"#);
    assert_eq!(
        resources(&analyze(&text, &opts()), "ReadSsmParameters"),
        ["arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db"]
    );
}

#[test]
fn ssm_arns_pass_through() {
    for arn in [
        "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/pass",
        "arn:aws:ssm:eu-west-1:123456789012:parameter/prod-db",
    ] {
        let report = policy_for(arn, &opts());
        assert_eq!(grants(&report), [g("ssm:GetParameters", arn)]);
        assert_eq!(report.references[0].resource_arn.as_deref(), Some(arn));
    }
}

#[test]
fn broken_ssm_arns_get_no_grant() {
    no_grant("arn:aws:ssm:eu-west-1:123456789012:parameter//x");
    no_grant("arn:aws:ssm:eu-west-1:123456789012:parameter:/x");
    no_grant("arn:aws:ssm:eu-west-1:123456789012:parameter:x");
    no_grant("arn:aws:ssm:eu-west-1:123456789012:parameterx");
}

#[test]
fn secrets_manager_selectors_are_trimmed_to_the_secret() {
    let bare = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf";
    for (selector, key, stage, id) in [
        ("", None, None, None),
        (":username::", Some("username"), None, None),
        ("::AWSPREVIOUS:", None, Some("AWSPREVIOUS"), None),
        (":::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE", None, None, Some("9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE")),
        (":username:AWSPREVIOUS:", Some("username"), Some("AWSPREVIOUS"), None),
    ] {
        let report = policy_for(&format!("{bare}{selector}"), &opts());
        assert_eq!(grants(&report), [g("secretsmanager:GetSecretValue", bare)], "{selector}");
        let r = &report.references[0];
        assert_eq!((r.json_key.as_deref(), r.version_stage.as_deref(), r.version_id.as_deref()), (key, stage, id));
    }
}

#[test]
fn partial_secret_arns_match_exactly_one_suffix() {
    let report = policy_for("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db", &opts());
    assert_eq!(
        grants(&report),
        [g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????")]
    );
    let report = policy_for("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db:password::", &opts());
    assert_eq!(
        grants(&report),
        [g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????")]
    );
    for r in grants(&report) {
        assert!(!r.1.ends_with("-*") && !r.1.ends_with("prod/db"), "{r:?}");
    }
}

#[test]
fn secrets_manager_through_parameter_store_needs_both_reads() {
    let report = policy_for("/aws/reference/secretsmanager/prod/db", &opts());
    assert_eq!(
        grants(&report),
        [
            g("ssm:GetParameters", "arn:aws:ssm:eu-west-1:123456789012:parameter/aws/reference/secretsmanager/prod/db"),
            g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????"),
        ]
    );
    // The same through an SSM ARN.
    let report =
        policy_for("arn:aws:ssm:us-east-1:123456789012:parameter/aws/reference/secretsmanager/prod/db", &opts());
    assert_eq!(
        grants(&report),
        [
            g("ssm:GetParameters", "arn:aws:ssm:us-east-1:123456789012:parameter/aws/reference/secretsmanager/prod/db"),
            g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????"),
        ]
    );
}

#[test]
fn public_parameters_are_granted_without_an_account() {
    // A public parameter's ARN has an empty account field (SSM User Guide): a grant in the
    // job's account would never match it.
    let name = "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended";
    let report = policy_for(name, &opts());
    assert_eq!(
        grants(&report),
        [g(
            "ssm:GetParameters",
            "arn:aws:ssm:eu-west-1::parameter/aws/service/ecs/optimized-ami/amazon-linux-2/recommended"
        )]
    );
    let r = &report.references[0];
    assert_eq!((r.region.as_deref(), r.account.as_deref()), (Some("eu-west-1"), Some("")));
    // Read in the job's region, but not from the job's account.
    assert!(!codes(&report).contains(&"BL403"), "{:#?}", report.diagnostics);
    // The documented account-less ARN, and an ARN that names an account, grant the same.
    for arn in [
        "arn:aws:ssm:us-east-2::parameter/aws/service/global-infrastructure/version",
        "arn:aws:ssm:us-east-2:123456789012:parameter/aws/service/global-infrastructure/version",
    ] {
        let report = policy_for(arn, &opts());
        assert_eq!(problems(&report), Vec::<&str>::new(), "{arn}: {:#?}", report.diagnostics);
        assert_eq!(
            grants(&report),
            [g("ssm:GetParameters", "arn:aws:ssm:us-east-2::parameter/aws/service/global-infrastructure/version")],
            "{arn}"
        );
        assert_eq!(report.references[0].account.as_deref(), Some(""));
    }
    // In another partition, and with the region unknown.
    let cn = Options { region: Some("cn-north-1".into()), ..Default::default() };
    assert_eq!(
        grants(&policy_for(name, &cn)),
        [g(
            "ssm:GetParameters",
            "arn:aws-cn:ssm:cn-north-1::parameter/aws/service/ecs/optimized-ami/amazon-linux-2/recommended"
        )]
    );
    let report = policy_for(name, &Options::default());
    assert_eq!(
        grants(&report),
        [g(
            "ssm:GetParameters",
            "arn:aws:ssm:${Region}::parameter/aws/service/ecs/optimized-ami/amazon-linux-2/recommended"
        )]
    );
    assert_eq!(
        only(&report, "BL807").message,
        "the policy uses `${Region}` for the job's region because 1 reference given by name resolves there"
    );
}

#[test]
fn public_parameters_need_no_kms_key() {
    // AWS owns public parameters and no customer-managed key encrypts them: no kms:Decrypt,
    // and the keys given are reported as unused.
    let report = policy_for("/aws/service/global-infrastructure/version", &opts_with_keys(&["alias/app-secrets"]));
    assert_eq!(sids(&report), [["ReadSsmParameters"]]);
    assert_eq!(only(&report, "BL809").message, "KMS keys were given, but no secret reference needs them");
    // Next to a parameter of the job's own, the key is granted for that one only.
    let text = job_with_secrets(
        r#"[{"name": "A", "valueFrom": "/aws/service/global-infrastructure/version"}, {"name": "B", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/b"}]"#,
    );
    let report = analyze(&text, &opts_with_keys(&["alias/app-secrets"]));
    let kms = report.policies[0].document.statement.iter().find(|s| s.sid == "DecryptWithAliasedKeys").unwrap();
    assert_eq!(kms.resource, ["arn:aws:kms:us-east-1:123456789012:key/*"]);
    assert_eq!(kms.condition["StringEquals"]["kms:ViaService"], ["ssm.us-east-1.amazonaws.com"]);
    assert!(!codes(&report).contains(&"BL809"));
}

#[test]
fn repository_credentials_by_arn_and_by_name() {
    let arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry/dockerhub-AbCdEf";
    let report = analyze(&job_with_repository_credentials(arn), &opts());
    assert_eq!(grants(&report), [g("secretsmanager:GetSecretValue", arn)]);
    let report = analyze(&job_with_repository_credentials("registry/dockerhub"), &opts());
    assert_eq!(
        grants(&report),
        [g(
            "secretsmanager:GetSecretValue",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry/dockerhub-??????"
        )]
    );
    assert_eq!(report.references[0].name, None);
}

#[test]
fn placeholders_when_region_or_account_are_unknown() {
    // No execution role either: nothing in the input tells the account.
    let text = job_with_secrets(
        r#"[{"name": "A", "valueFrom": "/prod/a"}, {"name": "B", "valueFrom": "/aws/reference/secretsmanager/b"}]"#,
    )
    .replace(&format!("\"executionRoleArn\": \"{ROLE}\","), "");
    let report = analyze(&text, &Options::default());
    assert_eq!(
        grants(&report),
        [
            g("ssm:GetParameters", "arn:aws:ssm:${Region}:${Account}:parameter/aws/reference/secretsmanager/b"),
            g("ssm:GetParameters", "arn:aws:ssm:${Region}:${Account}:parameter/prod/a"),
            g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:${Region}:${Account}:secret:b-??????"),
        ]
    );
    let d = only(&report, "BL807");
    assert!(
        d.help.contains("the region option (`--region` on the CLI)")
            && d.help.contains("the account option (`--account` on the CLI)"),
        "{}",
        d.help
    );
    assert_eq!(report.references[0].region, None);
    assert_eq!(report.references[1].region, None);
}

#[test]
fn the_execution_role_tells_the_account_and_partition() {
    let text = job_with_value_from("/prod/a").replace(ROLE, "arn:aws-us-gov:iam::210987654321:role/exec");
    let report = analyze(&text, &Options::default());
    assert_eq!(grants(&report), [g("ssm:GetParameters", "arn:aws-us-gov:ssm:${Region}:210987654321:parameter/prod/a")]);
}

#[test]
fn partitions_in_arns_and_via_service() {
    let cn = Options {
        region: Some("cn-north-1".into()),
        account_id: Some(ACCOUNT.into()),
        kms_keys: vec!["1234abcd-12ab-34cd-56ef-1234567890ab".into()],
        ..Default::default()
    };
    let text = job_with_secrets(
        r#"[{"name": "A", "valueFrom": "/prod/a"}, {"name": "B", "valueFrom": "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:b-AbCdEf"}]"#,
    );
    let report = analyze(&text, &cn);
    assert_eq!(
        grants(&report),
        [
            g("ssm:GetParameters", "arn:aws-cn:ssm:cn-north-1:123456789012:parameter/prod/a"),
            g("secretsmanager:GetSecretValue", "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:b-AbCdEf"),
            g("kms:Decrypt", "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ]
    );
    let kms = &report.policies[0].document.statement[2];
    // `.amazonaws.com` in every partition, not the partition's DNS suffix (`.amazonaws.com.cn`):
    // the KMS Developer Guide, kms:ViaService. With `.cn` the condition never matches.
    assert_eq!(
        kms.condition["StringEquals"]["kms:ViaService"],
        ["secretsmanager.cn-north-1.amazonaws.com", "ssm.cn-north-1.amazonaws.com"]
    );

    let gov = Options {
        region: Some("us-gov-west-1".into()),
        account_id: Some(ACCOUNT.into()),
        kms_keys: vec!["alias/app".into()],
        ..Default::default()
    };
    let report = analyze(&job_with_value_from("/prod/a"), &gov);
    assert_eq!(
        grants(&report),
        [
            g("ssm:GetParameters", "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/prod/a"),
            g("kms:Decrypt", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/*")
        ]
    );
    let kms = &report.policies[0].document.statement[1];
    assert_eq!(kms.condition["StringEquals"]["kms:ViaService"], ["ssm.us-gov-west-1.amazonaws.com"]);
}

#[test]
fn via_service_ends_in_amazonaws_com_in_every_partition() {
    for (region, partition) in [
        ("cn-northwest-1", "aws-cn"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
        ("eu-isoe-west-1", "aws-iso-e"),
        ("us-isof-south-1", "aws-iso-f"),
        ("eusc-de-east-1", "aws-eusc"),
    ] {
        let options = Options {
            region: Some(region.into()),
            account_id: Some(ACCOUNT.into()),
            kms_keys: vec!["alias/app".into()],
            ..Default::default()
        };
        let text = job_with_secrets(
            r#"[{"name": "A", "valueFrom": "/prod/a"}, {"name": "B", "valueFrom": "/aws/reference/secretsmanager/b"}]"#,
        )
        .replace(ROLE, &format!("arn:{partition}:iam::{ACCOUNT}:role/exec"));
        let report = analyze(&text, &options);
        let kms = report.policies[0].document.statement.iter().find(|s| s.sid == "DecryptWithAliasedKeys").unwrap();
        assert_eq!(kms.resource, [format!("arn:{partition}:kms:{region}:123456789012:key/*")]);
        assert_eq!(
            kms.condition["StringEquals"]["kms:ViaService"],
            [format!("secretsmanager.{region}.amazonaws.com"), format!("ssm.{region}.amazonaws.com")],
            "{partition}"
        );
    }
}

#[test]
fn kms_key_arn_and_key_id_go_in_resource() {
    let key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let report = policy_for("/prod/a", &opts_with_keys(&[key_arn, "mrk-1234abcd12ab34cd56ef1234567890ab"]));
    assert_eq!(sids(&report), [["ReadSsmParameters", "DecryptWithCustomerManagedKeys"]]);
    assert_eq!(
        resources(&report, "DecryptWithCustomerManagedKeys"),
        [key_arn, "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"]
    );
}

#[test]
fn kms_aliases_become_resource_alias_conditions_never_alias_resources() {
    let report = policy_for(
        "/prod/a",
        &opts_with_keys(&["alias/app-secrets", "arn:aws:kms:us-east-1:210987654321:alias/shared/secrets"]),
    );
    let json = serde_json::to_string_pretty(&report.policies[0].document).unwrap();
    assert_eq!(
        json,
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadSsmParameters",
      "Effect": "Allow",
      "Action": [
        "ssm:GetParameters"
      ],
      "Resource": [
        "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/a"
      ]
    },
    {
      "Sid": "DecryptWithAliasedKeys",
      "Effect": "Allow",
      "Action": [
        "kms:Decrypt"
      ],
      "Resource": [
        "arn:aws:kms:eu-west-1:123456789012:key/*",
        "arn:aws:kms:us-east-1:210987654321:key/*"
      ],
      "Condition": {
        "ForAnyValue:StringEquals": {
          "kms:ResourceAliases": [
            "alias/app-secrets",
            "alias/shared/secrets"
          ]
        },
        "StringEquals": {
          "kms:ViaService": [
            "ssm.eu-west-1.amazonaws.com"
          ]
        }
      }
    }
  ]
}"#
    );
    assert!(!json.contains(":alias/"), "an alias ARN in Resource authorizes nothing");
}

#[test]
fn malformed_and_aws_managed_keys_get_no_grant() {
    let report = policy_for("/prod/a", &opts_with_keys(&["app-secrets"]));
    assert_eq!(only(&report, "BL805").severity, batchlint::Severity::Error);
    assert_eq!(sids(&report), [["ReadSsmParameters"]]);
    let report = policy_for("/prod/a", &opts_with_keys(&["alias/aws/ssm", "alias/aws/secretsmanager"]));
    assert_eq!(report.diagnostics.iter().filter(|d| d.code == "BL806").count(), 2);
    assert_eq!(sids(&report), [["ReadSsmParameters"]]);
}

#[test]
fn no_kms_statement_without_reads() {
    let report = analyze(&job_with_secrets("[]"), &opts_with_keys(&["alias/app-secrets"]));
    assert!(report.policies.is_empty());
    let report =
        policy_for("arn:aws:ssm:eu-west-1:123456789012:parameter//broken", &opts_with_keys(&["alias/app-secrets"]));
    assert!(report.policies.is_empty());
}

#[test]
fn via_service_lists_exactly_the_services_used() {
    let keys = opts_with_keys(&["alias/app"]);
    let via = |text: &str| -> Vec<String> {
        let report = analyze(text, &keys);
        let s = report.policies[0].document.statement.iter().find(|s| s.sid == "DecryptWithAliasedKeys").unwrap();
        s.condition["StringEquals"]["kms:ViaService"].clone()
    };
    assert_eq!(via(&job_with_value_from("/prod/a")), ["ssm.eu-west-1.amazonaws.com"]);
    assert_eq!(
        via(&job_with_value_from("arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf")),
        ["secretsmanager.eu-west-1.amazonaws.com"]
    );
    assert_eq!(
        via(&job_with_value_from("/aws/reference/secretsmanager/a")),
        ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"]
    );
    // A cross-region ARN is decrypted by the service in its own region.
    assert_eq!(
        via(&job_with_value_from("arn:aws:ssm:us-east-1:123456789012:parameter/a")),
        ["ssm.us-east-1.amazonaws.com"]
    );
    // Invalid references add nothing.
    let text = job_with_secrets(
        r#"[{"name": "A", "valueFrom": "/prod/a"}, {"name": "B", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"}]"#,
    );
    assert_eq!(via(&text), ["ssm.eu-west-1.amazonaws.com"]);
}

const MIXED: &str = r#"[
  {"name": "A", "valueFrom": "/prod/a"},
  {"name": "B", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf:key::"},
  {"name": "C", "valueFrom": "/aws/reference/secretsmanager/c"},
  {"name": "D", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf"},
  {"name": "E", "valueFrom": "prod-e"}
]"#;

#[test]
fn the_same_input_gives_the_same_bytes() {
    let options = opts_with_keys(&["alias/z", "alias/a", "1234abcd-12ab-34cd-56ef-1234567890ab"]);
    let text = job_with_secrets(MIXED);
    let first = to_json(&analyze(&text, &options));
    assert_eq!(first, to_json(&analyze(&text, &options)));
    // Reordered secrets and keys: the same policies.
    let reordered = job_with_secrets(
        r#"[
  {"name": "E", "valueFrom": "prod-e"},
  {"name": "D", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf"},
  {"name": "C", "valueFrom": "/aws/reference/secretsmanager/c"},
  {"name": "A", "valueFrom": "/prod/a"},
  {"name": "B", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:b-AbCdEf:key::"}
]"#,
    );
    let options2 = opts_with_keys(&["1234abcd-12ab-34cd-56ef-1234567890ab", "alias/a", "alias/z"]);
    let a = serde_json::to_string(&analyze(&text, &options).policies).unwrap();
    let b = serde_json::to_string(&analyze(&reordered, &options2).policies).unwrap();
    assert_eq!(a, b);
    // The duplicate secret (B and D) is granted once.
    assert_eq!(resources(&analyze(&text, &options), "ReadSecretsManagerSecrets").len(), 2);
}

#[test]
fn one_policy_per_execution_role() {
    let text = r#"{
  "jobDefinitionName": "mpi",
  "type": "multinode",
  "nodeProperties": {
    "numNodes": 3,
    "mainNode": 0,
    "nodeRangeProperties": [
      {"targetNodes": "0", "container": {"image": "mpi", "executionRoleArn": "arn:aws:iam::123456789012:role/main", "secrets": [{"name": "A", "valueFrom": "/mpi/main"}]}},
      {"targetNodes": "1:", "container": {"image": "mpi", "executionRoleArn": "arn:aws:iam::123456789012:role/b-worker", "secrets": [{"name": "A", "valueFrom": "/mpi/worker"}]}},
      {"targetNodes": "2", "container": {"image": "mpi", "secrets": [{"name": "A", "valueFrom": "/mpi/orphan"}]}}
    ]
  }
}"#;
    let report = analyze(text, &opts());
    let roles: Vec<Option<&str>> = report.policies.iter().map(|p| p.role_arn.as_deref()).collect();
    assert_eq!(
        roles,
        [Some("arn:aws:iam::123456789012:role/b-worker"), Some("arn:aws:iam::123456789012:role/main"), None]
    );
    let firsts: Vec<&str> = report.policies.iter().map(|p| p.document.statement[0].resource[0].as_str()).collect();
    assert_eq!(
        firsts,
        [
            "arn:aws:ssm:eu-west-1:123456789012:parameter/mpi/worker",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/mpi/main",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/mpi/orphan"
        ]
    );
    let json = serde_json::to_value(&report.policies[2]).unwrap();
    assert_eq!(json["roleArn"], serde_json::Value::Null);
}

#[test]
fn describe_output_with_two_definitions() {
    let text = r#"{
  "jobDefinitions": [
    {
      "jobDefinitionName": "etl",
      "jobDefinitionArn": "arn:aws:batch:us-east-1:111122223333:job-definition/etl:3",
      "revision": 3,
      "status": "ACTIVE",
      "type": "container",
      "containerProperties": {"image": "etl", "executionRoleArn": "arn:aws:iam::111122223333:role/etl-exec", "secrets": [{"name": "A", "valueFrom": "/etl/db"}]}
    },
    {
      "jobDefinitionName": "report",
      "jobDefinitionArn": "arn:aws:batch:eu-west-1:444455556666:job-definition/report:1",
      "revision": 1,
      "status": "ACTIVE",
      "type": "container",
      "containerProperties": {"image": "report", "executionRoleArn": "arn:aws:iam::444455556666:role/report-exec", "secrets": [{"name": "A", "valueFrom": "report-token"}]}
    }
  ]
}"#;
    // Without options, each definition resolves names in the region and account of its own ARN.
    let report = analyze(text, &Options::default());
    assert_eq!(
        grants(&report),
        [
            g("ssm:GetParameters", "arn:aws:ssm:us-east-1:111122223333:parameter/etl/db"),
            g("ssm:GetParameters", "arn:aws:ssm:eu-west-1:444455556666:parameter/report-token"),
        ]
    );
    assert!(!codes(&report).contains(&"BL807"), "{:#?}", report.diagnostics);
    assert_eq!(report.references[0].path, "/jobDefinitions/0/containerProperties/secrets/0/valueFrom");
    assert_eq!(report.references[1].job_definition.as_deref(), Some("report"));
}

#[test]
fn roles_of_tasks_apply_to_their_containers() {
    let text = r#"{
  "jobDefinitionName": "ecs",
  "type": "container",
  "ecsProperties": {"taskProperties": [{
    "executionRoleArn": "arn:aws:iam::123456789012:role/task-exec",
    "containers": [
      {"name": "app", "image": "app", "secrets": [{"name": "A", "valueFrom": "/app/a"}]},
      {"name": "sidecar", "image": "sidecar", "secrets": [{"name": "B", "valueFrom": "/app/b"}]}
    ]
  }]}
}"#;
    let report = analyze(text, &opts());
    assert_eq!(report.policies.len(), 1);
    assert_eq!(report.policies[0].role_arn.as_deref(), Some("arn:aws:iam::123456789012:role/task-exec"));
    assert_eq!(
        resources(&report, "ReadSsmParameters"),
        ["arn:aws:ssm:eu-west-1:123456789012:parameter/app/a", "arn:aws:ssm:eu-west-1:123456789012:parameter/app/b"]
    );
    assert_eq!(report.references[1].container_name.as_deref(), Some("sidecar"));
}

#[test]
fn a_large_policy_is_flagged_on_the_task_role() {
    let secrets: Vec<String> =
        (0..200).map(|i| format!(r#"{{"name": "S{i}", "valueFrom": "/prod/applications/payments/settlement/database/credentials/p{i:03}"}}"#)).collect();
    let text = format!(
        r#"{{"jobDefinitionName": "big", "type": "container", "ecsProperties": {{"taskProperties": [{{"executionRoleArn": "arn:aws:iam::123456789012:role/big", "containers": [{{"name": "app", "image": "app", "secrets": [{}]}}]}}]}}}}"#,
        secrets.join(", ")
    );
    let report = analyze(&text, &opts());
    assert_eq!(resources(&report, "ReadSsmParameters").len(), 200);
    let d = only(&report, "BL808");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/executionRoleArn");
    assert_whole(d, &text, "arn:aws:iam::123456789012:role/big");
}

#[test]
fn a_secret_name_ending_in_a_word_may_be_partial_and_gets_both_readings() {
    let v = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-master";
    let report = analyze(&job_with_value_from(v), &opts());
    assert_eq!(
        grants(&report),
        [
            g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-master"),
            g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-master-??????"),
        ]
    );
    let d = only(&report, "BL313");
    assert_eq!(d.message, "`db-master` may be a partial ARN: `-master` looks like part of the name, not the 6 random characters Secrets Manager appends");
    // A real suffix mixes cases or digits: one grant, no warning.
    let report =
        analyze(&job_with_value_from("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-mAst3r"), &opts());
    assert_eq!(
        grants(&report),
        [g("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-mAst3r")]
    );
    assert!(!codes(&report).contains(&"BL313"));
}

#[test]
fn kms_keys_follow_the_partition_of_the_execution_role() {
    let text = job_with_value_from("arn:aws-cn:ssm:cn-north-1:123456789012:parameter/db")
        .replace(ROLE, "arn:aws-cn:iam::123456789012:role/exec");
    let options = Options {
        kms_keys: vec!["1234abcd-12ab-34cd-56ef-1234567890ab".into(), "alias/app".into()],
        ..Default::default()
    };
    let report = analyze(&text, &options);
    let kms: Vec<&Vec<String>> = report.policies[0]
        .document
        .statement
        .iter()
        .filter(|s| s.action == ["kms:Decrypt"])
        .map(|s| &s.resource)
        .collect();
    assert_eq!(
        kms,
        [
            &vec!["arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".to_string()],
            &vec!["arn:aws-cn:kms:cn-north-1:123456789012:key/*".to_string()]
        ]
    );
}

#[test]
fn kms_keys_are_granted_in_every_region_the_role_reads_in() {
    let job = |name: &str, region: &str| {
        format!(
            r#"{{"jobDefinitionName": "{name}", "jobDefinitionArn": "arn:aws:batch:{region}:123456789012:job-definition/{name}:1", "revision": 1, "status": "ACTIVE", "type": "container", "containerProperties": {{"image": "x", "executionRoleArn": "{ROLE}", "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}], "secrets": [{{"name": "S", "valueFrom": "/{name}"}}]}}}}"#
        )
    };
    let text = format!(r#"{{"jobDefinitions": [{}, {}]}}"#, job("a", "eu-west-1"), job("b", "us-east-1"));
    let report = analyze(&text, &Options { kms_keys: vec!["alias/app".into()], ..Default::default() });
    let statements = &report.policies[0].document.statement;
    let aliased = statements.iter().find(|s| s.sid == "DecryptWithAliasedKeys").unwrap();
    assert_eq!(
        aliased.resource,
        ["arn:aws:kms:eu-west-1:123456789012:key/*", "arn:aws:kms:us-east-1:123456789012:key/*"]
    );
    assert_eq!(
        aliased.condition["StringEquals"]["kms:ViaService"],
        ["ssm.eu-west-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"]
    );
}

#[test]
fn merged_policies_cover_every_input_as_one() {
    let a = job_with_value_from("/prod/db/password");
    let b = job_with_value_from("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-AbCdEf");
    let c = job_with_value_from("/prod/db/password");
    let checked = batchlint::analyze_inputs(&[a.as_bytes(), b.as_bytes(), c.as_bytes()], &opts());
    assert_eq!(checked.reports.len(), 3);
    assert_eq!(checked.policies.len(), 1);
    let merged = &checked.policies[0];
    assert_eq!(merged.role_arn.as_deref(), Some(ROLE));
    assert_eq!(merged.inputs, [0, 1, 2]);
    let statements: Vec<(&str, Vec<&str>)> =
        merged.document.statement.iter().map(|s| (s.sid, s.resource.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        statements,
        [
            ("ReadSsmParameters", vec!["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"]),
            ("ReadSecretsManagerSecrets", vec!["arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-AbCdEf"]),
        ]
    );
    // An input without references is in no role's list.
    let empty = job_with_secrets("[]");
    let checked = batchlint::analyze_inputs(&[empty.as_bytes(), a.as_bytes()], &opts());
    assert_eq!(checked.policies[0].inputs, [1]);
}
