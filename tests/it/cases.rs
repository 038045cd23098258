//! Case tables: for every rule, an input that triggers it, with the exact pointer and message
//! of the finding, and the same input fixed, where the rule must not fire. Each family's
//! test file holds its table; `every_rule_has_a_case` fails when a rule has none.

use batchlint::input::json;
use batchlint::{analyze_bytes, Options};

/// Where a case's fragment goes.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// The whole document.
    Document,
    /// Members of a RegisterJobDefinition request (`jobDefinitionName` is added, and
    /// `"type": "container"` when the fragment has no `type`).
    Request,
    /// Members of an EC2 container that is otherwise complete.
    Container,
    /// One entry of `secrets` in a Fargate container that is otherwise complete.
    Secret,
    /// One volume of an EC2 container that is otherwise complete.
    Volume,
    /// A whole document whose characters U+0080 to U+00FF are written as single bytes
    /// (Latin-1), for input that is not UTF-8.
    Latin1,
    /// A document built from the fragment, for inputs too large to write out.
    Built(fn(&str) -> String),
    /// Arguments of a Terraform `resource "aws_batch_job_definition" "example"` that has
    /// `name` and (unless the fragment sets it) `type = "container"`.
    Terraform,
    /// A CloudFormation template (`common::cfn_template`): a whole one, a job definition's
    /// `Properties:`, or YAML members of its container.
    Template,
}

pub struct Case {
    pub code: &'static str,
    pub place: Place,
    /// The options as JSON (the JS API's `AnalyzeOptions`), or `""` for none.
    pub options: &'static str,
    pub bad: &'static str,
    /// The JSON Pointer and message of the finding.
    pub path: &'static str,
    pub message: &'static str,
    pub good: &'static str,
    /// The options for the good input, when the fix is in the options; `""`: the same.
    pub good_options: &'static str,
}

impl Case {
    /// What a row leaves out: no options.
    pub const DEFAULT: Case = Case {
        code: "",
        place: Place::Document,
        options: "",
        bad: "",
        path: "",
        message: "",
        good: "",
        good_options: "",
    };
}

const CONTAINER: &str = r#""image": "app:1", "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]"#;

/// The fragment placed into a complete document.
pub fn document(place: Place, fragment: &str) -> String {
    let inner = fragment.trim().strip_prefix('{').and_then(|f| f.strip_suffix('}')).unwrap_or(fragment).trim();
    let comma = if inner.is_empty() { "" } else { ", " };
    match place {
        Place::Document => fragment.to_string(),
        Place::Request => {
            let has_type = json::parse(fragment).is_ok_and(|node| node.get("type").is_some());
            let ty = if has_type { "" } else { r#", "type": "container""# };
            format!(r#"{{"jobDefinitionName": "example"{ty}{comma}{inner}}}"#)
        }
        Place::Container => {
            format!(
                r#"{{"jobDefinitionName": "example", "type": "container", "containerProperties": {{{CONTAINER}{comma}{inner}}}}}"#
            )
        }
        Place::Secret => format!(
            r#"{{"jobDefinitionName": "example", "type": "container", "platformCapabilities": ["FARGATE"], "containerProperties": {{{CONTAINER}, "secrets": [{fragment}]}}}}"#
        ),
        Place::Latin1 => fragment.to_string(),
        Place::Built(build) => build(fragment),
        Place::Terraform => {
            let ty = if fragment.trim_start().starts_with("type ") { "" } else { "  type = \"container\"\n" };
            format!(
                "resource \"aws_batch_job_definition\" \"example\" {{\n  name = \"example\"\n{ty}  {fragment}\n}}\n"
            )
        }
        Place::Template => {
            crate::common::cfn_template(fragment).unwrap_or_else(|| panic!("not a template: {fragment}"))
        }
        Place::Volume => format!(
            r#"{{"jobDefinitionName": "example", "type": "container", "containerProperties": {{{CONTAINER}, "volumes": [{{"name": "data"{comma}{inner}}}]}}}}"#
        ),
    }
}

fn options(code: &str, json: &str) -> Options {
    if json.is_empty() {
        Options::default()
    } else {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{code}: options {json}: {e}"))
    }
}

/// A document as a failure message shows it: built inputs can be megabytes long.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(400).collect();
    if chars.next().is_some() {
        format!("{head}… ({} bytes)", text.len())
    } else {
        head
    }
}

/// The bytes of the placed document.
fn bytes(place: Place, fragment: &str) -> Vec<u8> {
    let text = document(place, fragment);
    match place {
        Place::Latin1 => text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect(),
        _ => text.into_bytes(),
    }
}

/// Runs a family's table: the bad input gives exactly one finding of the case's code, at its
/// pointer and with its message; the good input gives none.
pub fn run(cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let bad = bytes(case.place, case.bad);
        let bad_options = options(case.code, case.options);
        let found: Vec<_> =
            analyze_bytes(&bad, &bad_options).diagnostics.into_iter().filter(|d| d.code == case.code).collect();
        match found.as_slice() {
            [d] if d.path == case.path && d.message == case.message => {}
            _ => failures.push(format!(
                "{}: expected one finding at {:?}: {:?}\n  in {}\n  got {:#?}",
                case.code,
                case.path,
                case.message,
                shorten(&String::from_utf8_lossy(&bad)),
                found
            )),
        }
        let good = bytes(case.place, case.good);
        let good_options =
            if case.good_options.is_empty() { bad_options } else { options(case.code, case.good_options) };
        if analyze_bytes(&good, &good_options).diagnostics.iter().any(|d| d.code == case.code) {
            failures.push(format!(
                "{}: the good input triggers it: {}",
                case.code,
                shorten(&String::from_utf8_lossy(&good))
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Rules whose exact findings other tests check: those that only a value computed at deploy
/// time triggers, and BL107, which only a build without a form's reader reports (the full
/// build, which the tests use, reads every form).
const ONLY_FROM_TEMPLATES: &[(&str, &str)] = &[
    ("BL107", "js-tests/api.test.mjs: batchlint/json: the same API on the JSON-only module"),
    ("BL325", "src/rules/value_from/symbolic.rs: a_whole_part_is_what_its_resource_gives"),
    ("BL326", "src/rules/value_from/symbolic.rs: unknown_parts_are_granted_as_the_input_writes_them"),
    ("BL506", "src/rules/role_in_file.rs: a_read_that_no_statement_allows_is_an_error_at_the_closest_statement"),
    ("BL507", "src/rules/role_in_file.rs: wildcards_beyond_the_reads_are_a_warning"),
];

#[test]
fn every_rule_has_a_case() {
    let tables: &[&[Case]] = &[
        crate::bl0_security::CASES,
        crate::bl1_syntax::CASES,
        crate::bl2_shape::CASES,
        crate::bl3_bl4_references::CASES,
        crate::bl5_role::CASES,
        crate::bl6_names::CASES,
        crate::bl7_platform::CASES,
        crate::bl8_options_and_policy::CASES,
        crate::bl9_info::CASES,
    ];
    let mut covered: Vec<&str> = tables.iter().flat_map(|t| t.iter().map(|c| c.code)).collect();
    covered.extend(ONLY_FROM_TEMPLATES.iter().map(|(code, _)| *code));
    let missing: Vec<&str> =
        batchlint::registry::all().iter().map(|r| r.code).filter(|code| !covered.contains(code)).collect();
    assert!(missing.is_empty(), "rules without a case in their family's table: {missing:?}");
}

/// Builders for [`Place::Built`]: each takes a number as its fragment.
pub mod build {
    use super::{document, Place, CONTAINER};

    fn count(fragment: &str) -> usize {
        fragment.parse().unwrap_or_else(|_| panic!("a built case takes a number, not {fragment:?}"))
    }

    /// Arrays nested `fragment` levels deep.
    pub fn nested(fragment: &str) -> String {
        let n = count(fragment);
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    }

    /// A container job definition padded with an environment value of `fragment` bytes.
    pub fn padded(fragment: &str) -> String {
        let value = "x".repeat(count(fragment));
        document(Place::Container, &format!(r#"{{"environment": [{{"name": "PADDING", "value": "{value}"}}]}}"#))
    }

    /// A secret read from a one-level SSM parameter name of `fragment` characters.
    pub fn long_ssm_name(fragment: &str) -> String {
        let name = "a".repeat(count(fragment));
        document(Place::Secret, &format!(r#"{{"name": "DB", "valueFrom": "/{name}"}}"#))
    }

    /// A Fargate container with `fragment` secrets from distinct parameters.
    pub fn many_secrets(fragment: &str) -> String {
        let secrets: Vec<String> = (0..count(fragment))
            .map(|i| format!(r#"{{"name": "SECRET_{i}", "valueFrom": "/prod/billing/settlement/parameter-{i}"}}"#))
            .collect();
        format!(
            r#"{{"jobDefinitionName": "example", "type": "container", "platformCapabilities": ["FARGATE"], "containerProperties": {{{CONTAINER}, "secrets": [{}]}}}}"#,
            secrets.join(", ")
        )
    }
}
