//! Helpers shared by the integration tests.

use batchlint::{analyze, Diagnostic, Options, Report, Severity};

pub const REGION: &str = "eu-west-1";
pub const ACCOUNT: &str = "123456789012";
pub const ROLE: &str = "arn:aws:iam::123456789012:role/batch-exec";

/// Options with the region and account most tests use.
pub fn opts() -> Options {
    Options { region: Some(REGION.into()), account_id: Some(ACCOUNT.into()), ..Default::default() }
}

pub fn opts_with_keys(keys: &[&str]) -> Options {
    Options { kms_keys: keys.iter().map(|k| k.to_string()).collect(), ..opts() }
}

/// A Fargate job definition whose container has `secrets` (a JSON array) and an execution role.
pub fn job_with_secrets(secrets: &str) -> String {
    format!(
        r#"{{
  "jobDefinitionName": "nightly",
  "type": "container",
  "platformCapabilities": ["FARGATE"],
  "containerProperties": {{
    "image": "public.ecr.aws/docker/library/busybox:latest",
    "executionRoleArn": "{ROLE}",
    "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}],
    "secrets": {secrets}
  }}
}}"#
    )
}

/// A job definition with one secret, `DB_PASSWORD`, read from `value_from`.
pub fn job_with_value_from(value_from: &str) -> String {
    job_with_secrets(&format!(
        r#"[{{"name": "DB_PASSWORD", "valueFrom": {}}}]"#,
        serde_json::to_string(value_from).unwrap()
    ))
}

/// A job definition whose container reads registry credentials from `credentials`.
pub fn job_with_repository_credentials(credentials: &str) -> String {
    format!(
        r#"{{
  "jobDefinitionName": "private-image",
  "type": "container",
  "containerProperties": {{
    "image": "registry.example.com/team/app:1.2",
    "executionRoleArn": "{ROLE}",
    "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}],
    "repositoryCredentials": {{"credentialsParameter": {}}}
  }}
}}"#,
        serde_json::to_string(credentials).unwrap()
    )
}

pub const VALUE_FROM_PATH: &str = "/containerProperties/secrets/0/valueFrom";
pub const CREDENTIALS_PATH: &str = "/containerProperties/repositoryCredentials/credentialsParameter";

/// The one diagnostic with `code`; fails when there is none or more than one.
pub fn only<'r>(report: &'r Report, code: &str) -> &'r Diagnostic {
    let found: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected exactly one {code}, got {:#?}", report.diagnostics);
    found[0]
}

pub fn codes(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

/// Codes of the diagnostics at or above warning.
pub fn problems(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().filter(|d| d.severity != Severity::Info).map(|d| d.code).collect()
}

/// (line, column, offset) of a byte offset as JavaScript and editors count: 1-based line and
/// column in UTF-16 units, 0-based UTF-16 offset. Written independently of the library.
pub fn js_position(text: &str, byte: usize) -> (u32, u32, u32) {
    let before = &text[..byte];
    let offset = before.encode_utf16().count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() as u32 + 1;
    let column = text[line_start..byte].encode_utf16().count() as u32 + 1;
    (line, column, offset)
}

pub fn range_tuple(d: &Diagnostic) -> ((u32, u32, u32), (u32, u32, u32)) {
    let s = d.range.start;
    let e = d.range.end;
    ((s.line, s.column, s.offset), (e.line, e.column, e.offset))
}

/// Byte span of the JSON string literal `value` (with its quotes) in `text`; it must be unique.
pub fn literal_span(text: &str, value: &str) -> (usize, usize) {
    let literal = serde_json::to_string(value).unwrap();
    let at = text.find(&literal).unwrap_or_else(|| panic!("{literal} not in the text"));
    assert_eq!(text.matches(&literal).count(), 1, "{literal} is not unique in the text");
    (at, at + literal.len())
}

/// Asserts that `d` covers the whole string literal `value`, quotes included.
pub fn assert_whole(d: &Diagnostic, text: &str, value: &str) {
    let (start, end) = literal_span(text, value);
    assert_eq!(range_tuple(d), (js_position(text, start), js_position(text, end)), "range of {d:#?}");
}

/// Asserts that `d` covers `value[from..from + len]` (byte offsets inside the string, which has no escapes).
pub fn assert_inside(d: &Diagnostic, text: &str, value: &str, from: usize, len: usize) {
    let (start, _) = literal_span(text, value);
    let at = start + 1 + from;
    assert_eq!(range_tuple(d), (js_position(text, at), js_position(text, at + len)), "range of {d:#?}");
}

/// Asserts that `d` covers the first occurrence of `part` inside `value`.
pub fn assert_part(d: &Diagnostic, text: &str, value: &str, part: &str) {
    let from = value.find(part).unwrap_or_else(|| panic!("{part} not in {value}"));
    assert_inside(d, text, value, from, part.len());
}

/// Asserts that `d` is about the whole input (options): path "" and the very start.
pub fn assert_document_level(d: &Diagnostic) {
    assert_eq!(d.path, "");
    assert_eq!(range_tuple(d), ((1, 1, 0), (1, 1, 0)));
}

/// Every `Resource` of the statement with `sid` in the first policy.
pub fn resources<'r>(report: &'r Report, sid: &str) -> Vec<&'r str> {
    let policy = report.policies.first().expect("a policy");
    let statement =
        policy.document.statement.iter().find(|s| s.sid == sid).unwrap_or_else(|| panic!("no {sid} in {policy:#?}"));
    statement.resource.iter().map(String::as_str).collect()
}

pub fn sids(report: &Report) -> Vec<Vec<&'static str>> {
    report.policies.iter().map(|p| p.document.statement.iter().map(|s| s.sid).collect()).collect()
}

/// The whole report as pretty JSON.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap()
}

/// The findings of one rule code in the report of `text` with default options.
pub fn findings(text: &str, code: &str) -> Vec<Diagnostic> {
    analyze(text, &Options::default()).diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// The one finding of `code` in the report of `text` with default options; fails when there
/// is none or more than one.
pub fn only_in(text: &str, code: &str) -> Diagnostic {
    let mut found = findings(text, code);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.remove(0)
}

/// The extensions of fixture inputs, in the order they are looked for: the API's JSON (and a
/// CloudFormation JSON template, CDK's `NAME.template.json`), Terraform, CloudFormation YAML
/// and `.template`.
pub const FIXTURE_INPUTS: [&str; 4] = ["json", "tf", "yaml", "template"];

/// The input file of the fixture `name`.
pub fn input_file(name: &str) -> String {
    let dir = fixtures_dir();
    FIXTURE_INPUTS
        .iter()
        .map(|ext| format!("{name}.{ext}"))
        .find(|f| dir.join(f).exists())
        .unwrap_or_else(|| panic!("{name}: no input file ({})", FIXTURE_INPUTS.join(", ")))
}

/// A snapshot fixture: `tests/fixtures/NAME.json`, `NAME.tf`, `NAME.yaml` or `NAME.template`, with its options from
/// `NAME.options.json` and, for a module that reads files, the files under `NAME.files/`
/// (given as `Options.files`, by path relative to that directory).
pub struct Fixture {
    pub name: String,
    pub bytes: Vec<u8>,
    pub options: Options,
}

pub fn fixtures_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Every fixture, by name.
pub fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".options.json").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let input = input_file(&name);
            let bytes = std::fs::read(dir.join(&input)).unwrap();
            let options_text = std::fs::read_to_string(dir.join(format!("{name}.options.json"))).unwrap();
            let mut options: Options =
                serde_json::from_str(&options_text).unwrap_or_else(|e| panic!("{name}.options.json: {e}"));
            let files_dir = dir.join(format!("{name}.files"));
            if files_dir.is_dir() {
                let mut files = std::collections::HashMap::new();
                collect_files(&files_dir, &files_dir, &mut files);
                options.files = Some(files);
            }
            Fixture { name, bytes, options }
        })
        .collect()
}

fn collect_files(root: &std::path::Path, dir: &std::path::Path, out: &mut std::collections::HashMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(root, &path, out);
        } else {
            let key = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(key, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// A CloudFormation example as a whole template: a template (JSON, or YAML with
/// `Resources:`) as it is; `Properties:` of a job definition, or members of its container
/// (YAML), placed into a template that also defines `BatchExecutionRole` and `DbSecret`.
/// `None` for a fragment that is not CloudFormation (a JSON fragment of the API form).
pub fn cfn_template(fragment: &str) -> Option<String> {
    if fragment.starts_with('{') {
        return fragment.contains("\"Resources\"").then(|| fragment.to_string());
    }
    if fragment.starts_with(['[', '(']) || !fragment.contains(':') {
        return None;
    }
    if fragment.lines().any(|l| l.starts_with("Resources:") || l.starts_with("AWSTemplateFormatVersion:")) {
        return Some(fragment.to_string());
    }
    let indent = |text: &str, n: usize| -> String { text.lines().map(|l| format!("{}{l}\n", " ".repeat(n))).collect() };
    let head = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  BatchExecutionRole:\n    Type: AWS::IAM::Role\n  DbSecret:\n    Type: AWS::SecretsManager::Secret\n  NightlyJob:\n    Type: AWS::Batch::JobDefinition\n";
    if fragment.starts_with("Properties:") {
        return Some(format!("{head}{}", indent(fragment, 4)));
    }
    Some(format!(
        "{head}    Properties:\n      Type: container\n      ContainerProperties:\n        Image: public.ecr.aws/docker/library/busybox:latest\n{}",
        indent(fragment, 8)
    ))
}
