//! The rule catalogue in README.md and docs/rules.md is generated from the rule metadata;
//! this fails when either is stale (run `make catalogue`), and checks the metadata itself.

use batchlint::registry as rules;
use std::collections::HashSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn readme_catalogue_is_current() {
    let readme = read("README.md");
    let regenerated = rules::with_catalogue(&readme).expect("README.md has the catalogue markers");
    assert!(readme == regenerated, "README.md's rule catalogue is stale: run `make catalogue`");
}

#[test]
fn docs_are_current() {
    assert!(read("docs/rules.md") == rules::docs_markdown(), "docs/rules.md is stale: run `make catalogue`");
}

#[test]
fn the_packages_rule_table_is_current() {
    assert!(read("pkg-template/rules.js") == rules::rules_js(), "pkg-template/rules.js is stale: run `make catalogue`");
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let all = rules::all();
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in &all {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name), "duplicate name {}", r.name);
        assert!(
            r.code.len() == 5 && r.code.starts_with("BL") && r.code[2..].bytes().all(|b| b.is_ascii_digit()),
            "{}",
            r.code
        );
        assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", r.name);
        let first = r.summary.chars().next().unwrap();
        assert!(!r.summary.ends_with('.') && (first.is_lowercase() || first == '`'), "{}: summary style", r.code);
        for (field, text) in [("help", r.help), ("why", r.why), ("bad", r.bad), ("good", r.good)] {
            assert!(!text.trim().is_empty(), "{} has no {field}", r.code);
        }
        assert_eq!(rules::by_code(r.code).map(|x| x.name), Some(r.name));
    }
}
