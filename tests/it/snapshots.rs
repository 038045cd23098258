//! Fixture snapshots: the whole report (diagnostics, references, policies) of each
//! `tests/fixtures/NAME.json`, compared with the reviewed `tests/fixtures/NAME.snap.json`.
//! `BLESS=1 cargo test --test snapshots` writes the snapshots instead; review the diff.

use batchlint::Options;
use std::path::PathBuf;

/// A fixture with its options: (name, region, account, KMS keys).
type Fixture = (&'static str, Option<&'static str>, Option<&'static str>, &'static [&'static str]);

const FIXTURES: &[Fixture] = &[
    ("fargate-ssm-secretsmanager", Some("eu-west-1"), Some("123456789012"), &["alias/settlement-secrets"]),
    (
        "ec2",
        Some("eu-west-1"),
        Some("123456789012"),
        &["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ),
    ("multinode", Some("eu-west-1"), Some("123456789012"), &[]),
    ("ecs-properties", Some("eu-west-1"), Some("123456789012"), &[]),
    ("eks", Some("eu-west-1"), Some("123456789012"), &[]),
    // Region and account come from each definition's own ARN.
    ("describe-output", None, None, &[]),
    ("malformed", Some("eu-west-1"), Some("123456789012"), &[]),
    ("guide-container-properties-array", Some("eu-west-1"), Some("123456789012"), &[]),
];

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

#[test]
fn fixtures_match_their_snapshots() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for (name, region, account, keys) in FIXTURES {
        let input = fixtures_dir().join(format!("{name}.json"));
        let snapshot = fixtures_dir().join(format!("{name}.snap.json"));
        let text = std::fs::read(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let options = Options {
            region: region.map(str::to_string),
            account_id: account.map(str::to_string),
            kms_keys: keys.iter().map(|k| k.to_string()).collect(),
            ..Default::default()
        };
        let actual = format!("{}\n", crate::common::to_json(&batchlint::analyze_bytes(&text, &options)));
        if bless {
            std::fs::write(&snapshot, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&snapshot) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!(
                "{name}: the report differs from {} (BLESS=1 rewrites it; review the diff)",
                snapshot.display()
            )),
            Err(e) => failures.push(format!("{name}: {}: {e} (BLESS=1 writes it)", snapshot.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_is_in_the_table() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".snap.json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    names.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|f| f.0.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
}
