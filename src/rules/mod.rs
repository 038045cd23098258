//! The rule registry. Each family module declares its rules as `pub static` [`Rule`]s and
//! lists them in its own `RULES`; this module only concatenates the families. The rule
//! catalogue (README, CLI SARIF, playground) is generated from this metadata.

use crate::diagnostic::Severity;
use serde::Serialize;

pub mod context;
pub mod info;
pub mod names;
pub mod platform;
pub mod policy;
pub mod role;
pub mod shape;
pub mod syntax;
pub mod value_from;

/// A rule's documented example: in the native crate (docs, tests), left out of the .wasm,
/// where `rules()` returns the metadata without examples (they are `docs/rules.md`'s).
macro_rules! example {
    ($text:expr) => {
        if cfg!(target_arch = "wasm32") {
            ""
        } else {
            $text
        }
    };
}
pub(crate) use example;

/// A rule's metadata. `summary` reads as the problem ("secret name shadows an environment
/// variable"), as in clippy and ruff; `help` says what to do.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// Stable code, `BL` + family digit + two digits. Never reused.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub summary: &'static str,
    pub help: &'static str,
    /// Why it matters: the failure a user would otherwise meet, with its source.
    pub why: &'static str,
    /// A JSON fragment that triggers the rule (not in the .wasm).
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    pub bad: &'static str,
    /// The same fragment, fixed (not in the .wasm).
    #[cfg_attr(target_arch = "wasm32", serde(skip))]
    pub good: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Syntax,
    Shape,
    ValueFrom,
    RegionAndAccount,
    ExecutionRole,
    Names,
    Platform,
    Policy,
    Info,
}

impl Family {
    pub const ALL: [Family; 9] = [
        Family::Syntax,
        Family::Shape,
        Family::ValueFrom,
        Family::RegionAndAccount,
        Family::ExecutionRole,
        Family::Names,
        Family::Platform,
        Family::Policy,
        Family::Info,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Family::Syntax => "JSON syntax and input",
            Family::Shape => "Structure of the job definition",
            Family::ValueFrom => "Secret references (`valueFrom`)",
            Family::RegionAndAccount => "Region, account and partition",
            Family::ExecutionRole => "Execution role",
            Family::Names => "Environment and secret names",
            Family::Platform => "Platform (Fargate, EC2, EKS)",
            Family::Policy => "Generated policy and options",
            Family::Info => "Run-time notes",
        }
    }

    fn rules(self) -> &'static [&'static Rule] {
        match self {
            Family::Syntax => syntax::RULES,
            Family::Shape => shape::RULES,
            Family::ValueFrom => value_from::RULES,
            Family::RegionAndAccount => context::RULES,
            Family::ExecutionRole => role::RULES,
            Family::Names => names::RULES,
            Family::Platform => platform::RULES,
            Family::Policy => policy::RULES,
            Family::Info => info::RULES,
        }
    }
}

/// Every rule, ordered by code: the families are in code order and list their rules in
/// code order (a test checks it), so no sort is needed (each sort's code is ~2.5 KB of .wasm).
pub fn all() -> Vec<&'static Rule> {
    Family::ALL.iter().flat_map(|f| f.rules().iter().copied()).collect()
}

pub fn by_code(code: &str) -> Option<&'static Rule> {
    Family::ALL.iter().flat_map(|f| f.rules().iter().copied()).find(|r| r.code == code)
}

/// The rule catalogue as Markdown, for the README (kept in sync by a test).
pub fn catalogue_markdown() -> String {
    let mut out = String::new();
    for family in Family::ALL {
        let mut rules: Vec<&Rule> = family.rules().to_vec();
        if rules.is_empty() {
            continue;
        }
        rules.sort_unstable_by_key(|r| r.code);
        out.push_str(&format!("### {}\n\n| code | name | severity | what it finds |\n| --- | --- | --- | --- |\n", family.title()));
        for r in &rules {
            out.push_str(&format!("| `{}` | `{}` | {} | {} |\n", r.code, r.name, r.severity.as_str(), r.summary));
        }
        out.push('\n');
    }
    out
}

/// Full docs for every rule (what, why, help, bad and good example), as Markdown.
pub fn docs_markdown() -> String {
    let mut out = String::from("# batchlint rules\n\nGenerated from the rule metadata in `src/rules/` by `make catalogue`. Do not edit by hand.\n\n");
    for r in all() {
        out.push_str(&format!(
            "## {code} `{name}` ({severity})\n\n{summary}.\n\n**Why:** {why}\n\n**What to do:** {help}\n\nBad:\n\n```json\n{bad}\n```\n\nGood:\n\n```json\n{good}\n```\n\n",
            code = r.code,
            name = r.name,
            severity = r.severity.as_str(),
            summary = capitalize(r.summary),
            why = r.why,
            help = r.help,
            bad = r.bad,
            good = r.good,
        ));
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const CATALOGUE_START: &str = "<!-- rules:start (generated by `make catalogue`; do not edit) -->\n";
const CATALOGUE_END: &str = "<!-- rules:end -->";

/// `readme` with its catalogue block replaced by the current one; `None` without markers.
pub fn with_catalogue(readme: &str) -> Option<String> {
    let start = readme.find(CATALOGUE_START)? + CATALOGUE_START.len();
    let end = start + readme.get(start..)?.find(CATALOGUE_END)?;
    Some(format!("{}\n{}{}", readme.get(..start)?, catalogue_markdown(), readme.get(end..)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn all_is_in_code_order() {
        let all = super::all();
        for pair in all.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} is listed before {}", pair[0].code, pair[1].code);
        }
    }
}
