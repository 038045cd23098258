//! The shape table covers every member and enum of the botocore model.
//! `tests/botocore_members.txt` is written by `scripts/gen-botocore-members.py`.

use std::collections::BTreeSet;

fn model_lines() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/botocore_members.txt");
    std::fs::read_to_string(path).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn every_botocore_member_is_in_the_table() {
    let table: BTreeSet<(String, String)> =
        batchlint::rules::shape::members().map(|(s, m)| (s.to_string(), m.to_string())).collect();
    let model: BTreeSet<(String, String)> = model_lines()
        .iter()
        .filter(|l| !l.starts_with("enum "))
        .map(|l| {
            let (s, m) = l.split_once('.').unwrap();
            (s.to_string(), m.to_string())
        })
        .collect();
    assert_eq!(model.len(), 221);
    let missing: Vec<_> = model.difference(&table).collect();
    assert!(missing.is_empty(), "members missing from the table: {missing:?}");
    let extra: Vec<_> = table.difference(&model).collect();
    assert!(extra.is_empty(), "members in the table but not in botocore: {extra:?}");
}

#[test]
fn every_botocore_enum_matches() {
    let table: BTreeSet<String> =
        batchlint::rules::shape::enums().map(|(name, values)| format!("enum {name} {}", values.join(","))).collect();
    let model: BTreeSet<String> = model_lines().into_iter().filter(|l| l.starts_with("enum ")).collect();
    assert_eq!(table, model);
}
