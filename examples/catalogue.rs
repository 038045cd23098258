//! Writes the rule catalogue from the rule metadata: the table in README.md (between the
//! `rules:start` / `rules:end` markers), the full docs in docs/rules.md, and the package's
//! rule table, pkg-template/rules.js.
//! `cargo run --example catalogue -- --write` (`make catalogue`); without `--write` it
//! prints the README table. `tests/catalogue.rs` fails when either file is stale.

use std::path::Path;

fn main() {
    let write = std::env::args().any(|a| a == "--write");
    if !write {
        print!("{}", batchlint::registry::catalogue_markdown());
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme_path = root.join("README.md");
    let readme = match std::fs::read_to_string(&readme_path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("README.md: {e}");
            std::process::exit(2);
        }
    };
    let Some(updated) = batchlint::registry::with_catalogue(&readme) else {
        eprintln!("README.md has no <!-- rules:start --> / <!-- rules:end --> markers");
        std::process::exit(2);
    };
    let docs_path = root.join("docs").join("rules.md");
    let rules_js_path = root.join("pkg-template").join("rules.js");
    if let Err(e) = std::fs::write(&readme_path, updated)
        .and_then(|()| std::fs::write(&docs_path, batchlint::registry::docs_markdown()))
        .and_then(|()| std::fs::write(&rules_js_path, batchlint::registry::rules_js()))
    {
        eprintln!("writing the catalogue: {e}");
        std::process::exit(2);
    }
    println!("wrote README.md (rule table), docs/rules.md and pkg-template/rules.js");
}
