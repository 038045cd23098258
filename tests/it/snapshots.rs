//! Fixture snapshots: the whole report (diagnostics, references, policies) of each
//! `tests/fixtures/NAME.json` (or `NAME.yaml`, `NAME.template`: CloudFormation templates;
//! `NAME.template.json` is CDK's output), analysed with the options in `NAME.options.json`, compared with
//! the reviewed `NAME.snap.json`. `BLESS=1 cargo test --test it snapshots` writes the
//! snapshots instead; review the diff. The package's JS layer is held to the same files
//! (js-tests/snapshots.test.mjs), so its reports are the Rust serde form, key for key.

use batchlint::Options;
use std::path::PathBuf;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Every fixture: the inputs, which are the files with options next to them.
fn fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".options.json").map(str::to_string))
        .collect();
    names.sort();
    names
}

/// The input extensions, in the order they are looked for.
const INPUTS: [&str; 3] = ["json", "yaml", "template"];

/// The input file of the fixture `name`.
pub fn input(name: &str) -> PathBuf {
    let dir = fixtures_dir();
    INPUTS
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{name}: no {name}.json, .yaml or .template"))
}

#[test]
fn fixtures_match_their_snapshots() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for name in fixtures() {
        let dir = fixtures_dir();
        let text = std::fs::read(input(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let options: Options =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.options.json"))).unwrap())
                .unwrap_or_else(|e| panic!("{name}.options.json: {e}"));
        let snapshot = dir.join(format!("{name}.snap.json"));
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
fn every_fixture_has_options_and_a_snapshot() {
    let dir = fixtures_dir();
    let inputs: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".snap.json") && !n.ends_with(".options.json"))
        .filter_map(|n| INPUTS.iter().find_map(|ext| n.strip_suffix(&format!(".{ext}")).map(str::to_string)))
        .collect();
    for name in &inputs {
        assert!(dir.join(format!("{name}.options.json")).exists(), "{name} has no {name}.options.json");
        assert!(dir.join(format!("{name}.snap.json")).exists(), "{name} has no {name}.snap.json");
    }
    assert_eq!(inputs.len(), fixtures().len());
}
