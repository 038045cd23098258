//! The crate's layers import only downward: a module may use only the modules of the layers
//! before its own (README, "Architecture"). This reads every source file and fails on an
//! import that runs upward or sideways.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, bottom first. Modules in one layer do not import each other.
const LAYERS: &[&[&str]] = &[
    &["rule", "input", "aws", "small"],
    &["diagnostic"],
    &["forms"],
    &["model"],
    &["options", "references"],
    &["policy"],
    &["rules"],
    &["registry", "report"],
    &["encode"],
    &["lib"],
    &["wasm"],
];

/// Items at the crate root, with the layer that defines them: `#[macro_export]` macros and the
/// functions of `lib.rs`.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("declare_rules", "rule"),
    ("docs", "rule"),
    ("analyze", "lib"),
    ("analyze_bytes", "lib"),
    ("input_too_large", "lib"),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules that `code` names through `crate::`, comments left out.
fn imported_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                group.split('}').next().unwrap_or("").split(',').collect()
            } else {
                vec![rest]
            };
            for name in names {
                let name: String = name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                let module =
                    ROOT_ITEMS.iter().find(|(m, _)| *m == name).map_or(name.clone(), |(_, module)| module.to_string());
                if !module.is_empty() && module.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    out.insert(module);
                }
            }
        }
    }
    out
}

#[test]
fn imports_run_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top =
            relative.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let Some(own) = layer_of(&top) else {
            wrong.push(format!("{}: module `{top}` is in no layer", relative.display()));
            continue;
        };
        let code = std::fs::read_to_string(file).unwrap();
        for module in imported_modules(&code) {
            if module == top || top == "lib" {
                continue;
            }
            match layer_of(&module) {
                Some(layer) if layer < own => {}
                Some(_) => {
                    wrong.push(format!("{}: `{top}` imports `{module}`, which is not below it", relative.display()))
                }
                None => wrong.push(format!("{}: imports `{module}`, which is in no layer", relative.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_upward_imports() {
    let found = imported_modules("use crate::{options, rules::facts};\nlet x = crate::policy::build(); // crate::report\ncrate::declare_rules! {}");
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["options", "policy", "rule", "rules"]);
}
