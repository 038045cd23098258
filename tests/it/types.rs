//! The package's TypeScript types (pkg-template/batchlint.d.ts, written by hand) against the
//! Rust serde form: every object the report holds has exactly the members its interface
//! declares, and every string union lists exactly the values Rust writes.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn declarations() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg-template/batchlint.d.ts"))
        .unwrap()
}

/// `interface Name { member?: type; ... }` → the members, in order, with whether optional.
fn interfaces(dts: &str) -> BTreeMap<String, Vec<(String, bool)>> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, Vec<(String, bool)>)> = None;
    for line in dts.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("export interface ") {
            current = Some((rest.split([' ', '{']).next().unwrap().to_string(), Vec::new()));
        } else if line == "}" {
            if let Some((name, members)) = current.take() {
                out.insert(name, members);
            }
        } else if let Some((_, members)) = current.as_mut() {
            if line.starts_with("/**") || line.starts_with('*') || line.starts_with("//") || line.is_empty() {
                continue;
            }
            let name = line.split([':', '?']).next().unwrap().trim().to_string();
            members.push((name, line.contains("?:")));
        }
    }
    out
}

/// `export type Name = "a" | "b";` (on one line or several) → the values.
fn unions(dts: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for part in dts.split("export type ").skip(1) {
        let (name, rest) = part.split_once('=').unwrap();
        let body = rest.split(';').next().unwrap();
        let values: BTreeSet<String> =
            body.split('|').filter_map(|v| v.trim().strip_prefix('"')?.strip_suffix('"').map(str::to_string)).collect();
        if !values.is_empty() {
            out.insert(name.trim().to_string(), values);
        }
    }
    out
}

/// The reports of every fixture, as serde writes them.
fn reports() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".options.json") else { continue };
        let options: batchlint::Options =
            serde_json::from_str(&std::fs::read_to_string(dir.join(&name)).unwrap()).unwrap();
        let bytes = std::fs::read(crate::snapshots::input(stem)).unwrap();
        out.push(serde_json::to_value(batchlint::analyze_bytes(&bytes, &options)).unwrap());
    }
    out
}

fn objects<'v>(reports: &'v [Value], path: &[&str]) -> Vec<&'v serde_json::Map<String, Value>> {
    let mut current: Vec<&Value> = reports.iter().collect();
    for key in path {
        current = current
            .into_iter()
            .flat_map(|v| match v.get(*key) {
                Some(Value::Array(items)) => items.iter().collect::<Vec<_>>(),
                Some(other) => vec![other],
                None => vec![],
            })
            .collect();
    }
    current.into_iter().filter_map(Value::as_object).collect()
}

#[test]
fn every_object_has_the_members_of_its_interface() {
    let dts = declarations();
    let interfaces = interfaces(&dts);
    let reports = reports();
    let cases: &[(&str, &[&str])] = &[
        ("Report", &[]),
        ("Diagnostic", &["diagnostics"]),
        ("Range", &["diagnostics", "range"]),
        ("Position", &["diagnostics", "range", "start"]),
        ("SecretReference", &["references"]),
        ("Grant", &["references", "grants"]),
        ("RolePolicy", &["policies"]),
        ("PolicyDocument", &["policies", "document"]),
        ("PolicyStatement", &["policies", "document", "Statement"]),
    ];
    for (interface, path) in cases {
        let declared = interfaces.get(*interface).unwrap_or_else(|| panic!("no interface {interface}"));
        let found = objects(&reports, path);
        assert!(!found.is_empty(), "no {interface} in the fixtures");
        let required: BTreeSet<&str> =
            declared.iter().filter(|(_, optional)| !optional).map(|(n, _)| n.as_str()).collect();
        let all: BTreeSet<&str> = declared.iter().map(|(n, _)| n.as_str()).collect();
        let mut seen = BTreeSet::new();
        for object in found {
            let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
            assert!(
                keys.is_subset(&all),
                "{interface}: {:?} are not declared",
                keys.difference(&all).collect::<Vec<_>>()
            );
            assert!(
                required.is_subset(&keys),
                "{interface}: {:?} are missing",
                required.difference(&keys).collect::<Vec<_>>()
            );
            seen.extend(keys);
        }
        assert_eq!(seen, all, "{interface}: a declared member never appears in the fixtures");
    }
}

#[test]
fn every_union_lists_the_values_rust_writes() {
    let unions = unions(&declarations());
    let names = |values: &[&str]| values.iter().map(|v| v.to_string()).collect::<BTreeSet<String>>();
    let families: BTreeSet<String> = batchlint::registry::all()
        .iter()
        .map(|r| serde_json::to_value(r.family).unwrap().as_str().unwrap().to_string())
        .collect();
    assert_eq!(unions["RuleFamily"], families, "RuleFamily");
    assert_eq!(unions["Severity"], names(&["error", "warning", "info"]));
    let kinds = [
        batchlint::references::ReferenceKind::SsmParameterName,
        batchlint::references::ReferenceKind::SsmParameterArn,
        batchlint::references::ReferenceKind::SsmSecretsManagerReference,
        batchlint::references::ReferenceKind::SecretsManagerArn,
        batchlint::references::ReferenceKind::SecretsManagerName,
        batchlint::references::ReferenceKind::Invalid,
    ];
    let kinds: BTreeSet<String> =
        kinds.iter().map(|k| serde_json::to_value(k).unwrap().as_str().unwrap().to_string()).collect();
    assert_eq!(unions["ReferenceKind"], kinds);
    let sources = [
        batchlint::references::ReferenceSource::Secrets,
        batchlint::references::ReferenceSource::SecretOptions,
        batchlint::references::ReferenceSource::RepositoryCredentials,
    ];
    let sources: BTreeSet<String> =
        sources.iter().map(|k| serde_json::to_value(k).unwrap().as_str().unwrap().to_string()).collect();
    assert_eq!(unions["ReferenceSource"], sources);
    // The options a finding can name are the members of AnalyzeOptions that hold the context.
    let options: BTreeSet<String> = interfaces(&declarations())["AnalyzeOptions"]
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n != "report" && n != "form")
        .collect();
    assert_eq!(unions["OptionName"], options);
    let forms: BTreeSet<String> = batchlint::forms::Form::ALL.iter().map(|f| f.id().to_string()).collect();
    assert_eq!(unions["Form"], forms);
}
