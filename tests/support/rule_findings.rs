//! Shared by the `rules_*` tests: the findings of one rule code in `analyze`'s report.

use batchlint::{analyze, Diagnostic, Options};

pub fn findings(text: &str, code: &str) -> Vec<Diagnostic> {
    analyze(text, &Options::default()).diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// The one finding of `code`; fails when there is none or more than one.
#[allow(dead_code)]
pub fn only(text: &str, code: &str) -> Diagnostic {
    let mut found = findings(text, code);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.remove(0)
}
