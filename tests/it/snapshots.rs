//! Fixture snapshots: the whole report (diagnostics, references, policies) of each
//! `tests/fixtures/NAME.json`, `NAME.tf`, `NAME.yaml` or `NAME.template` (CloudFormation
//! templates; `NAME.template.json` is CDK's output), analysed with the options in
//! `NAME.options.json` (and the files under `NAME.files/`, which a module reads with
//! `file()`), compared with the reviewed `NAME.snap.json`. `BLESS=1 cargo test --test it
//! snapshots` writes the snapshots instead; review the diff. The package's JS layer is held to the same files
//! (js-tests/snapshots.test.mjs), so its reports are the Rust serde form, key for key.

use crate::common::{fixtures, fixtures_dir};

#[test]
fn fixtures_match_their_snapshots() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let name = &fixture.name;
        let snapshot = fixtures_dir().join(format!("{name}.snap.json"));
        let report = batchlint::analyze_bytes(&fixture.bytes, &fixture.options);
        let actual = format!("{}\n", crate::common::to_json(&report));
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
fn every_fixture_has_options_and_a_snapshot() {
    let dir = fixtures_dir();
    let inputs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".snap.json") && !n.ends_with(".options.json"))
        .filter_map(|n| {
            crate::common::FIXTURE_INPUTS.iter().find_map(|ext| n.strip_suffix(&format!(".{ext}")).map(str::to_string))
        })
        .collect();
    for name in &inputs {
        assert!(dir.join(format!("{name}.options.json")).exists(), "{name} has no {name}.options.json");
        assert!(dir.join(format!("{name}.snap.json")).exists(), "{name} has no {name}.snap.json");
    }
    assert_eq!(inputs.len(), fixtures().len());
}

/// `findings_only` (JS `report: "findings"`): every fixture gives the same findings, byte for
/// byte, and neither references nor policies.
#[test]
fn findings_only_gives_the_same_findings_and_nothing_else() {
    for fixture in fixtures() {
        let full = batchlint::analyze_bytes(&fixture.bytes, &fixture.options);
        let options = batchlint::Options { findings_only: true, ..fixture.options.clone() };
        let lean = batchlint::analyze_bytes(&fixture.bytes, &options);
        assert_eq!(
            serde_json::to_string(&lean.diagnostics).unwrap(),
            serde_json::to_string(&full.diagnostics).unwrap(),
            "{}",
            fixture.name
        );
        assert!(lean.references.is_empty() && lean.policies.is_empty(), "{}", fixture.name);
        assert_eq!(lean.form, full.form);
    }
}
