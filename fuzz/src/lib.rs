//! Invariants every report must satisfy, whatever the input: shared by the fuzz targets.

use batchlint::{Options, Report};

pub const ALLOWED_ACTIONS: [&str; 3] = ["ssm:GetParameters", "secretsmanager:GetSecretValue", "kms:Decrypt"];

fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

fn check_range(what: &str, r: &batchlint::Range, len16: u32) {
    assert!(r.start.offset <= r.end.offset, "{what}: start {} > end {}", r.start.offset, r.end.offset);
    assert!(r.end.offset <= len16, "{what}: end {} beyond the text ({len16} UTF-16 units)", r.end.offset);
    assert!(r.start.line >= 1 && r.start.column >= 1 && r.end.line >= 1 && r.end.column >= 1, "{what}: 0 line/column");
    assert!((r.start.line, r.start.column) <= (r.end.line, r.end.column), "{what}: start after end in line/column");
}

/// `text` is what the positions refer to: the input, or its valid UTF-8 prefix.
pub fn check_report(text: &str, report: &Report) {
    check_report_with_files(text, &std::collections::HashMap::new(), report);
}

/// [`check_report`] for an input that reads `files` (named as the report names them): a range
/// with a `file` is checked against that file's text.
pub fn check_report_with_files(text: &str, files: &std::collections::HashMap<String, String>, report: &Report) {
    let len16 = utf16_len(text);
    let len_of = |file: &Option<String>| match file {
        None => len16,
        Some(name) => {
            utf16_len(files.get(name).unwrap_or_else(|| panic!("a range in {name}, which is not a file given")))
        }
    };
    let codes: Vec<&str> = batchlint::registry::all().iter().map(|r| r.code).collect();
    for d in &report.diagnostics {
        assert!(codes.contains(&d.code), "unknown code {}", d.code);
        check_range(d.code, &d.range, len_of(&d.file));
        assert!(d.path.is_empty() || d.path.starts_with('/'), "bad pointer {:?}", d.path);
        assert!(!d.message.is_empty(), "{}: empty message", d.code);
    }
    for r in &report.references {
        check_range(&r.path, &r.range, len_of(&r.file));
    }
    for p in &report.policies {
        check_policy(p, report.form);
    }
    // The report must serialise (the wasm boundary does this) and do so identically twice.
    let a = serde_json::to_string(report).expect("report serialises");
    let b = serde_json::to_string(report).expect("report serialises");
    assert_eq!(a, b);
}

/// A policy for the API's JSON holds only ARNs; one for a template or a module may also hold
/// the form's own expressions (`${DbSecret}`, `${var.secret_arn}`), which stand for what the
/// references name, and comes in that form too.
pub fn check_policy(p: &batchlint::RolePolicy, form: batchlint::forms::Form) {
    let api = form == batchlint::forms::Form::Api;
    assert!(!p.document.statement.is_empty(), "empty policy for {:?}", p.role_arn);
    assert_eq!(p.in_form.is_some(), !api, "inForm for {form:?}: {:?}", p.in_form);
    for s in &p.document.statement {
        assert_eq!(s.effect, "Allow");
        assert!(!s.resource.is_empty(), "statement {} has no resource", s.sid);
        for a in &s.action {
            assert!(ALLOWED_ACTIONS.contains(a), "unexpected action {a}");
        }
        for r in &s.resource {
            assert_ne!(r, "*", "`*` resource in {}", s.sid);
            if api {
                assert!(r.starts_with("arn:"), "resource {r} is not an ARN");
                check_wildcards(s, r);
            } else {
                assert!(r.starts_with("arn:") || r.starts_with("${"), "resource {r} is neither an ARN nor an expression");
                check_wildcards(s, &without_expressions(r));
            }
        }
    }
}

/// `r` with each `${...}` replaced by `x`, unless the expression's own text holds `*` or `?`
/// (a function's argument, a splat): the form would write that into the policy, so it is
/// checked as a wildcard.
fn without_expressions(r: &str) -> String {
    let mut out = String::with_capacity(r.len());
    let mut rest = r;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        match rest[at..].find('}') {
            Some(end) => {
                let expression = &rest[at..at + end + 1];
                if expression.contains(['*', '?']) {
                    out.push_str(expression);
                } else {
                    out.push('x');
                }
                rest = &rest[at + end + 1..];
            }
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The only wildcards allowed: a secret's `-??????` suffix, and `key/*` under a
/// `kms:ResourceAliases` condition.
fn check_wildcards(s: &batchlint::Statement, r: &str) {
    if !r.contains(['*', '?']) {
        return;
    }
    if let Some(prefix) = r.strip_suffix("-??????") {
        assert!(s.action == ["secretsmanager:GetSecretValue"], "`-??????` on {:?}", s.action);
        assert!(r.contains(":secretsmanager:") && r.contains(":secret:"), "`-??????` outside a secret ARN: {r}");
        assert!(!prefix.contains(['*', '?']), "wildcard before the suffix: {r}");
        return;
    }
    if let Some(prefix) = r.strip_suffix(":key/*") {
        assert!(s.action == ["kms:Decrypt"], "key/* on {:?}", s.action);
        assert!(!prefix.contains(['*', '?']), "wildcard in the key ARN prefix: {r}");
        let aliases = s.condition.get("ForAnyValue:StringEquals").and_then(|c| c.get("kms:ResourceAliases"));
        assert!(aliases.is_some_and(|a| !a.is_empty()), "key/* without kms:ResourceAliases: {r}");
        return;
    }
    panic!("unexpected wildcard in resource {r} ({})", s.sid);
}

pub fn analyze_and_check(text: &str, options: &Options) -> Report {
    let report = batchlint::analyze(text, options);
    check_report(text, &report);
    report
}

pub fn analyze_bytes_and_check(bytes: &[u8], options: &Options) -> Report {
    let report = batchlint::analyze_bytes(bytes, options);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    };
    check_report(text, &report);
    if std::str::from_utf8(bytes).is_err() {
        assert!(report.diagnostics.iter().any(|d| d.code == "BL105"), "invalid UTF-8 without BL105");
    }
    report
}

/// Every job definition under `fuzz/seeds`, `tests/` and `examples/`, for the structured target.
pub fn fixtures() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [root.join("seeds"), root.join("../tests"), root.join("../examples")] {
        collect_json(&dir, &mut out, 0);
    }
    out.sort();
    out.into_iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|t| serde_json::from_str::<serde_json::Value>(t).is_ok())
        .collect()
}

fn collect_json(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>, depth: u32) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() && depth < 4 {
            collect_json(&p, out, depth + 1);
        } else if p.extension().is_some_and(|x| x == "json") && !p.to_string_lossy().ends_with(".snap.json") {
            out.push(p);
        }
    }
}
