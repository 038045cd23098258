//! The rule registry: every family's rules in code order, and the catalogue (README,
//! docs/rules.md, SARIF, playground) generated from their metadata. It sits on top of the
//! crate: each module declares the rules it reports, and this module only lists them.

use crate::rule::{Family, Rule};
use crate::{options, rules};

/// Each declaring module's rules. A module may declare rules of several families' codes (a
/// form's reader declares its syntax and structure rules), so `all` sorts them.
const DECLARED: &[&[&Rule]] = &[
    crate::forms::RULES,
    #[cfg(feature = "terraform")]
    crate::forms::terraform::RULES,
    #[cfg(feature = "terraform")]
    crate::forms::terraform::SHAPE_RULES,
    #[cfg(feature = "terraform")]
    crate::forms::terraform::UNKNOWN_RULES,
    rules::security::RULES,
    rules::syntax::RULES,
    rules::shape::RULES,
    rules::shape::terraform::RULES,
    rules::value_from::RULES,
    rules::value_from::location::RULES,
    rules::role::RULES,
    #[cfg(feature = "forms")]
    rules::role_in_file::RULES,
    rules::names::RULES,
    rules::platform::RULES,
    options::RULES,
    rules::policy::RULES,
    rules::info::RULES,
];

/// Every rule, ordered by code. (The .wasm never lists the rules, so the sort costs it nothing:
/// the JS layer has them, `pkg-template/rules.js`.)
pub fn all() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = declared().flat_map(|rules| rules.iter().copied()).collect();
    all.sort_unstable_by_key(|r| r.code);
    all
}

pub fn by_code(code: &str) -> Option<&'static Rule> {
    declared().flat_map(|rules| rules.iter().copied()).find(|r| r.code == code)
}

/// `DECLARED` and the rules of the forms' readers this build has.
fn declared() -> impl Iterator<Item = &'static &'static [&'static Rule]> {
    DECLARED.iter().chain(crate::forms::READER_RULES)
}

/// The families in code order, each with its rules.
pub fn families() -> Vec<(Family, Vec<&'static Rule>)> {
    let mut out: Vec<(Family, Vec<&'static Rule>)> = Vec::new();
    for rule in all() {
        match out.last_mut() {
            Some((family, rules)) if *family == rule.family => rules.push(rule),
            _ => out.push((rule.family, vec![rule])),
        }
    }
    out
}

/// The rule catalogue as Markdown, for the README (kept in sync by a test).
pub fn catalogue_markdown() -> String {
    let mut out = String::new();
    for (family, rules) in families() {
        out.push_str(&format!(
            "### {}\n\n| code | name | severity | what it finds |\n| --- | --- | --- | --- |\n",
            family.title()
        ));
        for r in &rules {
            out.push_str(&format!("| `{}` | `{}` | {} | {} |\n", r.code, r.name, r.severity.as_str(), r.summary));
        }
        out.push('\n');
    }
    out
}

/// Full docs for every rule (what, why, help, bad and good example), as Markdown.
pub fn docs_markdown() -> String {
    let mut out =
        String::from("# batchlint rules\n\nGenerated from the rule metadata (each module's `declare_rules!`) by `make catalogue`. Do not edit by hand.\n\n");
    for r in all() {
        out.push_str(&format!(
            "## {code} `{name}` ({severity})\n\n{summary}.\n\n**Why:** {why}\n\n**What to do:** {help}\n\nBad:\n\n```{lang}\n{bad}\n```\n\nGood:\n\n```{lang}\n{good}\n```\n\n",
            code = r.code,
            name = r.name,
            severity = r.severity.as_str(),
            summary = capitalize(r.summary),
            why = r.why,
            help = r.help,
            bad = r.bad,
            good = r.good,
            lang = example_language(r.bad),
        ));
    }
    out
}

/// The language of a rule's example: Terraform's arguments (`name = value`) are HCL, a
/// CloudFormation template's properties (`Key: value`) YAML, the rest JSON fragments or prose.
fn example_language(example: &str) -> &'static str {
    if example.starts_with(['{', '[', '(']) {
        "json"
    } else if example.contains(" = ") || example.starts_with("resource ") {
        "hcl"
    } else if example.as_bytes().contains(&b':') {
        "yaml"
    } else {
        "json"
    }
}

/// The rule metadata for the package's JS layer (`pkg-template/rules.js`): the wasm build
/// leaves the rules' text out, and the JS layer serves `rules()` and fills in help from this.
pub fn rules_js() -> String {
    let mut out = String::from("// Generated from the rule metadata by `make catalogue`; do not edit.\n");
    out.push_str(&format!("export const VERSION = {};\n", crate::small::quoted(crate::VERSION)));
    out.push_str("export const RULES = [\n");
    for r in all() {
        out.push_str(&format!(
            "  {{ code: {}, name: {}, family: {}, severity: {}, summary: {}, help: {}, why: {} }},\n",
            crate::small::quoted(r.code),
            crate::small::quoted(r.name),
            crate::small::quoted(r.family.id()),
            crate::small::quoted(r.severity.as_str()),
            crate::small::quoted(r.summary),
            crate::small::quoted(r.help),
            crate::small::quoted(r.why),
        ));
    }
    out.push_str("];\n");
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
