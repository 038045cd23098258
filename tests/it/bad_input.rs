//! Hostile and malformed input: one test per class. Each asserts a clear diagnostic (code and
//! message fragment), no panic, and loosely bounded time; large inputs also check that the
//! report stays proportionate. Analysis runs on a thread with a small stack (256 KiB in an
//! optimised build, a quarter of the 1 MiB stack of Rust's wasm32 target; 640 KiB unoptimised)
//! so that a deep recursion would show here as a crash rather than in a user's browser.
//!
//! Shape codes (BL2xx) are written on another branch: assertions about them stay loose.

use crate::iam_matcher;

use batchlint::{analyze, analyze_bytes, Diagnostic, Options, Report};
use std::time::{Duration, Instant};

/// Measured (`fuzz/` notes in RELIABILITY.md): the maximum depth needs about 80 KiB of stack
/// in an optimised build and about 448 KiB unoptimised, so debug test runs get more.
const SMALL_STACK: usize = if cfg!(debug_assertions) { 640 * 1024 } else { 256 * 1024 };
/// A guard against hangs, not a measurement: speed is measured by `make bench`, whose
/// `huge` and hostile workloads would show a quadratic path as a ratio. Under a loaded CI
/// machine an honest run of these tests takes a few seconds each.
const TIME_LIMIT: Duration = Duration::from_secs(120);

fn opts() -> Options {
    Options { region: Some("eu-west-1".into()), account_id: Some("123456789012".into()), ..Default::default() }
}

/// Analyzes on a small stack, checks the report's invariants, returns it with the time taken.
fn run_with(text: String, options: Options) -> (Report, Duration) {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let start = Instant::now();
            let report = analyze(&text, &options);
            let took = start.elapsed();
            iam_matcher::assert_sane(&text, &report);
            (report, took)
        })
        .unwrap()
        .join()
        .expect("analysis crashed (panic or stack overflow)")
}

fn run(text: impl Into<String>) -> Report {
    let (report, took) = run_with(text.into(), opts());
    assert!(took < TIME_LIMIT, "took {took:?}");
    report
}

fn find<'r>(report: &'r Report, code: &str) -> &'r Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", report.diagnostics))
}

fn assert_diag(report: &Report, code: &str, fragment: &str) -> Diagnostic {
    let d = find(report, code);
    assert!(
        report.diagnostics.iter().any(|d| d.code == code && d.message.contains(fragment)),
        "no {code} with {fragment:?}: {:#?}",
        report.diagnostics
    );
    d.clone()
}

fn job(secrets: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "j", "type": "container", "containerProperties": {{"image": "busybox", "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "secrets": [{secrets}]}}}}"#
    )
}

fn secret(value_from: &str) -> String {
    format!(r#"{{"name": "S", "valueFrom": {}}}"#, serde_json::to_string(value_from).unwrap())
}

fn no_syntax_error(report: &Report) {
    assert!(!report.diagnostics.iter().any(|d| d.code.starts_with("BL1")), "{:#?}", report.diagnostics);
}

#[test]
fn empty_and_whitespace_only() {
    for text in ["", " ", "\n\n\t  \r\n"] {
        let r = run(text);
        let d = assert_diag(&r, "BL101", "expected a JSON document, found the end of the input");
        assert_eq!(d.range.start.offset, iam_matcher::utf16_len(text));
        assert!(r.policies.is_empty() && r.references.is_empty());
    }
}

#[test]
fn not_json() {
    assert_diag(&run("hello"), "BL101", "expected a value");
    assert_diag(&run("<jobDefinition/>"), "BL101", "found `<`");
    assert_diag(&run("{'a': 1}"), "BL101", "double quotes");
    assert_diag(&run("jobDefinitionName: x\ntype: container\n"), "BL101", "expected a value");
    assert_diag(&run("{} {}"), "BL101", "expected the end of the input");
}

#[test]
fn truncated_document() {
    let full = job(&secret("/prod/db"));
    for cut in [1, 10, full.len() / 2, full.len() - 1] {
        let r = run(&full[..cut]);
        let d = find(&r, "BL101");
        assert!(
            d.message.contains("the end of the input") || d.message.contains("never closed"),
            "{cut}: {}",
            d.message
        );
        assert!(r.policies.is_empty());
    }
}

#[test]
fn trailing_commas() {
    assert_diag(&run(r#"{"jobDefinitionName": "j",}"#), "BL101", "trailing commas are not allowed");
    assert_diag(&run(r#"{"a": [1, 2,]}"#), "BL101", "remove the `,` before `]`");
}

#[test]
fn comments() {
    let d = assert_diag(
        &run("{\n  // the job\n  \"jobDefinitionName\": \"j\"\n}"),
        "BL101",
        "comments are not allowed in JSON",
    );
    assert_eq!((d.range.start.line, d.range.start.column), (2, 3));
    assert_diag(&run("/* x */ {}"), "BL101", "comments are not allowed in JSON");
}

#[test]
fn scalar_or_array_at_the_top() {
    assert_diag(&run(r#""just a string""#), "BL104", "found a string");
    assert_diag(&run("42"), "BL104", "found a number");
    assert_diag(&run("null"), "BL104", "found null");
    assert_diag(&run(format!("[{}]", job(&secret("/prod/db")))), "BL104", "found an array");
}

#[test]
fn duplicate_keys() {
    let text = r#"{"jobDefinitionName": "a", "type": "container", "jobDefinitionName": "b"}"#;
    let d = assert_diag(&run(text), "BL102", "`jobDefinitionName` appears twice");
    assert_eq!(d.path, "/jobDefinitionName");
    // Hostile size: 100,000 members, all the same key, uses the sorted path (not quadratic).
    let many: Vec<String> = (0..100_000).map(|i| format!(r#""k": {i}"#)).collect();
    let r = run(format!("{{{}}}", many.join(",")));
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "BL102").count(), 99_999);
}

#[test]
fn deep_nesting_is_bounded_on_a_small_stack() {
    for open in ["[", "{\"a\":"] {
        let text = open.repeat(100_000);
        let r = run(text);
        let d = assert_diag(&r, "BL103", "nested more than 128 levels deep");
        assert_eq!(r.diagnostics.len(), 1);
        assert!(d.range.start.offset > 0);
    }
    // Just inside the bound, as a value the checks walk (duplicate keys, containers).
    let inner = format!("{}1{}", "{\"a\":".repeat(120), "}".repeat(120));
    let text = format!(
        r#"{{"jobDefinitionName": "j", "type": "container", "containerProperties": {{"image": "x", "environment": {inner}, "secrets": [{}]}}}}"#,
        secret("/prod/db")
    );
    let r = run(text);
    no_syntax_error(&r);
    assert_eq!(r.references.len(), 1);
}

#[test]
fn ten_megabyte_string_value() {
    let big = "x".repeat(10 * 1024 * 1024);
    let text = format!(
        r#"{{"jobDefinitionName": "j", "type": "container", "containerProperties": {{"image": "busybox", "command": ["{big}"], "secrets": [{}]}}}}"#,
        secret("/prod/db")
    );
    let (r, took) = run_with(text, opts());
    eprintln!("10 MB string: {took:?}");
    assert!(took < TIME_LIMIT);
    no_syntax_error(&r);
    assert_eq!(r.references.len(), 1);
    // Nothing echoes the big value back.
    let size = serde_json::to_string(&r).unwrap().len();
    assert!(size < 100_000, "report has {size} bytes");
}

#[test]
fn two_hundred_thousand_secrets() {
    let secrets: Vec<String> =
        (0..200_000).map(|i| format!(r#"{{"name": "S{i}", "valueFrom": "/prod/app/s{i}"}}"#)).collect();
    let (r, took) = run_with(job(&secrets.join(",")), opts());
    eprintln!("200,000 secrets: {took:?}");
    assert!(took < TIME_LIMIT, "took {took:?}");
    no_syntax_error(&r);
    assert_eq!(r.references.len(), 200_000);
    assert_eq!(r.policies.len(), 1);
    assert_eq!(r.policies[0].document.statement[0].resource.len(), 200_000);
    assert_diag(&r, "BL808", "a role's inline policies may have 10240");
    // One BL403 for all names, not one per reference.
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "BL403").count(), 1);
}

#[test]
fn numbers_where_integers_are_expected() {
    for n in ["1e999", "-0", "1.5", "-1e-999", "123456789012345678901234567890"] {
        let text = format!(
            r#"{{"jobDefinitionName": "j", "type": "container", "revision": {n}, "containerProperties": {{"image": "x", "vcpus": {n}, "memory": {n}, "secrets": [{}]}}, "timeout": {{"attemptDurationSeconds": {n}}}}}"#,
            secret("/prod/db")
        );
        let r = run(text);
        no_syntax_error(&r);
        assert_eq!(r.references.len(), 1, "{n}");
        // `revision` makes this a described job definition, so the root misses its
        // `jobDefinitionArn` (BL204 at ""); every other shape finding is at a member.
        assert!(r
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("BL2") && d.code != "BL204")
            .all(|d| d.path.starts_with('/')));
        for member in ["/revision", "/containerProperties/vcpus", "/timeout/attemptDurationSeconds"] {
            assert!(
                n == "-0" || r.diagnostics.iter().any(|d| d.code.starts_with("BL2") && d.path == member),
                "{n} at {member}"
            );
        }
    }
    // A number where a string is expected is not a secret reference.
    let r = run(job(r#"{"name": "S", "valueFrom": 1e999}"#));
    no_syntax_error(&r);
    assert!(r.references.is_empty() && r.policies.is_empty());
}

#[test]
fn nul_in_strings() {
    // Escaped: valid JSON, but no parameter or secret name can hold it.
    let r = run(job(r#"{"name": "S", "valueFrom": "/prod/\u0000db"}"#));
    let d = assert_diag(&r, "BL314", "the control character U+0000 is not allowed in an SSM parameter name");
    assert_eq!(d.path, "/containerProperties/secrets/0/valueFrom");
    assert!(r.policies.is_empty());
    let r = run(job(
        r#"{"name": "S", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db\u0000-AbCdEf"}"#,
    ));
    assert_diag(&r, "BL319", "U+0000 is not allowed in a secret name");
    // Raw: not JSON at all.
    assert_diag(&run("{\"a\": \"x\u{0}y\"}"), "BL101", "a NUL character is not allowed inside a JSON string");
}

#[test]
fn lone_surrogates() {
    for s in [r#""\ud800""#, r#""\udc00""#, r#""\ud800\u0041""#, r#""\ud800"#] {
        let r = run(job(&format!(r#"{{"name": "S", "valueFrom": {s}}}"#)));
        let d = find(&r, "BL101");
        assert!(
            d.message.contains("lone surrogate")
                || d.message.contains("four hexadecimal digits")
                || d.message.contains("never closed"),
            "{s}: {}",
            d.message
        );
    }
    assert_diag(&run(r#"{"a": "\ud800"}"#), "BL101", "a lone surrogate is not a valid character");
}

#[test]
fn invalid_utf8_bytes() {
    let mut bytes = job(&secret("/prod/db")).into_bytes();
    let at = bytes.len() - 10;
    bytes.insert(at, 0xff);
    let r = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(move || analyze_bytes(&bytes, &opts()))
        .unwrap()
        .join()
        .unwrap();
    let d = assert_diag(&r, "BL105", &format!("byte {at} cannot start or continue a character"));
    assert_eq!(d.range.start.offset as usize, at);
    assert!(r.policies.is_empty());
    for bytes in [&b"\xc3"[..], b"\xef\xbb", b"{\"a\": \"\xed\xa0\x80\"}", b"\xfe\xff\x00{"] {
        let r = analyze_bytes(bytes, &opts());
        assert_diag(&r, "BL105", "not valid UTF-8");
    }
}

#[test]
fn byte_order_mark() {
    let text = format!("\u{feff}{}", job(&secret("/prod/db")));
    let r = run(text.clone());
    no_syntax_error(&r);
    assert_eq!(r.references.len(), 1);
    // Positions count the BOM: it is one UTF-16 unit, as in a JavaScript string.
    let value_at = text.find("\"/prod/db\"").unwrap();
    assert_eq!(r.references[0].range.start.offset as usize, text[..value_at].encode_utf16().count());
    let r = analyze_bytes(text.as_bytes(), &opts());
    assert_eq!(r.references.len(), 1);
    // A BOM anywhere else is not whitespace.
    assert_diag(&run(" \u{feff}{}"), "BL101", "expected a value");
}

#[test]
fn keys_that_differ_only_in_case() {
    let text = r#"{"jobDefinitionName": "j", "type": "container", "containerProperties": {"image": "x",
        "Secrets": [{"name": "A", "valueFrom": "/upper/list"}],
        "secrets": [{"name": "B", "valueFrom": "/lower/list"}, {"name": "C", "valueform": "/wrong/case"}]}}"#;
    let r = run(text);
    assert!(!r.diagnostics.iter().any(|d| d.code == "BL102"), "case-distinct keys are not duplicates");
    let refs: Vec<&str> = r.references.iter().map(|r| r.value_from.as_str()).collect();
    assert_eq!(refs, ["/lower/list"], "only the exact member names count");
    let resources = &r.policies[0].document.statement[0].resource;
    assert_eq!(resources, &["arn:aws:ssm:eu-west-1:123456789012:parameter/lower/list"]);
}

#[test]
fn arn_like_strings_with_a_thousand_colons() {
    let colons = ":".repeat(1000);
    let r = run(job(&secret(&format!("arn:{colons}"))));
    assert_diag(&r, "BL303", "is not an AWS partition");
    let r = run(job(&secret(&format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf{colons}"))));
    assert_diag(&r, "BL311", "this one has 1000");
    let r = run(job(&secret(&format!("arn:aws:ssm:eu-west-1:123456789012:parameter/db{colons}"))));
    assert_diag(&r, "BL314", "`:` is not allowed in an SSM parameter name");
    let r = run(job(&secret(&format!("arn{}", ":x".repeat(1000)))));
    assert_diag(&r, "BL303", "`x` is not an AWS partition");
    for d in &r.diagnostics {
        assert!(d.message.len() < 2_000 && d.help.len() < 10_000, "{} echoes the input", d.code);
    }
    // Never a policy for any of them.
    assert!(run(job(&secret(&format!("arn:aws:ssm{colons}")))).policies.is_empty());
}

#[test]
fn value_from_of_100_kb() {
    let long = "a".repeat(100 * 1024);
    let r = run(job(&secret(&format!("/{long}"))));
    assert_diag(&r, "BL317", "the limit is 1,011");
    let r = run(job(&secret(&format!("arn:aws:secretsmanager:eu-west-1:123456789012:secret:{long}"))));
    assert_diag(&r, "BL319", "the limit is 512");
    let r = run(job(&secret(&format!("/{}", "a/".repeat(50 * 1024)))));
    assert_diag(&r, "BL314", "has an empty level");
    let r = run(job(&secret(&format!("/{long}!"))));
    assert_diag(&r, "BL314", "`!` is not allowed");
    assert!(r.policies.is_empty());
}

/// Regression (found by fuzz target `mutate_jobdef`): a KMS key or alias ARN option with a
/// wildcard or bogus region (`arn:aws-iso-f:kms:?;:123456789012:alias/x`) was accepted and
/// its region copied into `Resource`, giving a policy with a wildcard region.
#[test]
fn kms_key_arn_option_with_a_wildcard_region() {
    for key in [
        "arn:aws-iso-f:kms:?;:123456789012:alias/app",
        "arn:aws:kms:*:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:eu-west-?:123456789012:alias/app",
        "arn:aws:kms:cn-north-1:123456789012:alias/app",
    ] {
        let options = Options { kms_keys: vec![key.to_string()], ..opts() };
        let (r, _) = run_with(job(&secret("/prod/db")), options);
        assert_diag(&r, "BL805", "is not a KMS key ARN or alias ARN");
        for s in &r.policies[0].document.statement {
            assert!(s.action != ["kms:Decrypt"], "{key} gave {s:?}");
        }
    }
    // A region newer than batchlint's table still works.
    let options = Options { kms_keys: vec!["arn:aws:kms:eu-west-9:123456789012:alias/app".into()], ..opts() };
    let (r, _) = run_with(job(&secret("/prod/db")), options);
    assert!(!r.diagnostics.iter().any(|d| d.code == "BL805"));
    assert!(r.policies[0]
        .document
        .statement
        .iter()
        .any(|s| s.resource == ["arn:aws:kms:eu-west-9:123456789012:key/*"]));
}

/// Regression: the coverage check of `targetNodes` parsed every range again for each node
/// it stepped over, so 20,000 single-node ranges (460 KB) took 29 s.
#[test]
fn fifty_thousand_node_ranges() {
    let n = 50_000;
    let ranges: Vec<String> =
        (0..n).filter(|i| *i != 1234).map(|i| format!(r#"{{"targetNodes": "{i}:{i}"}}"#)).collect();
    let text = format!(
        r#"{{"jobDefinitionName": "mnp", "type": "multinode", "nodeProperties": {{"numNodes": {n}, "mainNode": 0, "nodeRangeProperties": [{}]}}}}"#,
        ranges.join(",")
    );
    let (r, took) = run_with(text, opts());
    eprintln!("50,000 node ranges: {took:?}");
    assert!(took < TIME_LIMIT, "took {took:?}");
    no_syntax_error(&r);
    assert_diag(&r, "BL213", "node 1234 is in no `targetNodes` range");
}

/// Regression: the containers were grouped by role holder with a linear search over the
/// groups, for the role, platform and info checks: 20,000 node-range containers took 4.9 s.
#[test]
fn fifty_thousand_node_range_containers() {
    let n = 50_000;
    let ranges: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"targetNodes": "{i}:{i}", "container": {{"image": "busybox", "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}], "secrets": [{{"name": "S", "valueFrom": "/prod/app/s{i}"}}]}}}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"jobDefinitionName": "mnp", "type": "multinode", "nodeProperties": {{"numNodes": {n}, "mainNode": 0, "nodeRangeProperties": [{}]}}}}"#,
        ranges.join(",")
    );
    let (r, took) = run_with(text, opts());
    eprintln!("50,000 node-range containers: {took:?}");
    assert!(took < TIME_LIMIT, "took {took:?}");
    no_syntax_error(&r);
    assert_eq!(r.references.len(), n);
    // One finding per container that needs a role (none has one), not more.
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "BL501").count(), n);
}

/// Found by the `analyze_bytes` fuzz target: in a document exactly 64 bytes long the end of
/// the text had no UTF-16 checkpoint, so a finding spanning the whole document ended at offset 0.
#[test]
fn a_document_of_exactly_64_bytes_ends_at_its_length() {
    let text = "\u{feff}{\"jobDooooooooooooooooooooefinitName\":\"x\",\"type\":\"contaIner\"}";
    assert_eq!(text.len(), 64);
    let report = run(text);
    let d = find(&report, "BL204");
    assert_eq!((d.range.start.offset, d.range.end.offset), (1, 62));
}

/// A `.tf` file around `value` given as the `container_properties` of one job.
fn tf(value: &str) -> String {
    format!("resource \"aws_batch_job_definition\" \"x\" {{\n  name = \"x\"\n  type = \"container\"\n  container_properties = {value}\n}}\n")
}

#[test]
fn deep_nesting_in_hcl_is_bounded_on_a_small_stack() {
    // Expressions, blocks and a heredoc's JSON, each far past every bound.
    let r = run(tf(&format!("jsonencode({})", "[".repeat(100_000))));
    assert_diag(&r, "BL110", "the file is nested more than 24 levels deep");
    let r = run(format!("resource \"aws_batch_job_definition\" \"x\" {{\n{}", "a {\n".repeat(100_000)));
    assert_diag(&r, "BL110", "the file is nested more than 24 levels deep");
    let r = run(tf(&format!("\"{}\"", "${f(\"".repeat(100_000))));
    assert_diag(&r, "BL110", "the file is nested more than 24 levels deep");
    // At the bound, expressions, blocks and templates parse on the small stack.
    let r = run(tf(&format!("jsonencode({}1{})", "[".repeat(22), "]".repeat(22))));
    assert_diag(&r, "BL226", "cannot unmarshal array");
    let blocks =
        format!("resource \"aws_batch_job_definition\" \"x\" {{\n{}{}}}\n", "a {\n".repeat(23), "}\n".repeat(23));
    no_syntax_error(&run(blocks));
    let templates = format!("\"{}x{}\"", "${f(\"".repeat(7), "\")}".repeat(7));
    no_syntax_error(&run(tf(&templates)));
    let r = run(tf(&format!("<<EOF\n{}\nEOF", "[".repeat(100_000))));
    assert_diag(&r, "BL111", "nested more than 128 levels deep");
    // Just inside hcl-edit's bound, through locals that nest further: the values stop at the
    // JSON parser's depth and are unknown beyond it.
    let nested = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
    let locals: String = (0..40).map(|i| format!("  l{i} = [local.l{}, {}]\n", i + 1, nested(20))).collect();
    let text = format!("locals {{\n{locals}  l40 = 1\n}}\n{}", tf("jsonencode({ image = \"x\", command = local.l0 })"));
    let r = run(text);
    no_syntax_error(&r);
}

#[test]
fn locals_that_multiply_are_bounded() {
    // Each local lists the next ten times: 10^20 values if expanded.
    let locals: String =
        (0..20).map(|i| format!("  l{i} = [{}]\n", vec![format!("local.l{}", i + 1); 10].join(", "))).collect();
    let text =
        format!("locals {{\n{locals}  l20 = \"x\"\n}}\n{}", tf("jsonencode({ image = \"x\", command = local.l0 })"));
    let r = run(text);
    no_syntax_error(&r);
    // A local that names itself.
    let text = format!("locals {{\n  a = local.a\n}}\n{}", tf("local.a"));
    assert_diag(&run(text), "BL228", "is computed");
}

#[test]
fn very_long_heredocs() {
    let command = "x".repeat(10 * 1024 * 1024);
    let json = format!(
        "{{\"image\": \"busybox\", \"command\": [\"{command}\"], \"executionRoleArn\": \"arn:aws:iam::123456789012:role/exec\", \"secrets\": [{}]}}",
        secret("/prod/db")
    );
    let (r, took) = run_with(tf(&format!("<<-EOF\n    {json}\n  EOF")), opts());
    eprintln!("10 MB heredoc: {took:?}");
    assert!(took < TIME_LIMIT);
    no_syntax_error(&r);
    assert_eq!(r.references.len(), 1);
    // A heredoc of 200,000 lines of interpolations.
    let lines: String = (0..200_000).map(|i| format!("\"${{var.v{i}}}\",\n")).collect();
    let r = run(tf(&format!("<<EOF\n{{\"image\": \"x\", \"command\": [\n{lines}\"end\"]}}\nEOF")));
    no_syntax_error(&r);
}

#[test]
fn unterminated_interpolations_and_heredocs() {
    for value in [
        "\"${aws_iam_role.exec.arn\"",
        "\"{\\\"image\\\": \\\"${var.image\\\"}\"",
        "<<EOF\n{\"image\": \"busybox\"}\n",
        "<<EOF\n{\"image\": \"${var.image\"}\nEOF",
        "<<-EOF\n  {\"image\": \"busybox\"}\n  EO",
        "jsonencode({ image = \"x\"",
        "file(",
        "\"%{ if true }\"",
    ] {
        let r = run(tf(value));
        let d = find(&r, "BL110");
        assert!(!d.message.is_empty());
        assert!(r.references.is_empty() && r.policies.is_empty(), "{value}");
    }
    // An interpolation that never closes inside a template file.
    let files = std::collections::HashMap::from([("t.json".to_string(), "{\"image\": \"${image\"}".to_string())]);
    let options = Options { files: Some(files), ..opts() };
    let (r, _) = run_with(tf("templatefile(\"t.json\", { image = \"x\" })"), options);
    let d = find(&r, "BL110");
    assert_eq!(d.file.as_deref(), Some("t.json"));
}

#[test]
fn hostile_plans() {
    // Modules nested past the JSON parser's bound.
    let deep = format!(
        "{{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.0\", \"values\": {{\"root_module\": {}1{}}}}}",
        "{\"child_modules\": [".repeat(100),
        "]}".repeat(100)
    );
    assert_diag(&run(deep), "BL112", "nested more than 128 levels deep");
    // A properties string that is not JSON, or JSON nested too deep, inside a valid plan.
    for (inner, fragment) in
        [("{\\\"image\\\":", "is not valid JSON"), (&*"[".repeat(1000), "nested more than 128 levels deep")]
    {
        let text = format!(
            "{{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.0\", \"values\": {{\"root_module\": {{\"resources\": [{{\"address\": \"aws_batch_job_definition.x\", \"type\": \"aws_batch_job_definition\", \"values\": {{\"name\": \"x\", \"type\": \"container\", \"container_properties\": \"{inner}\"}}}}]}}}}}}"
        );
        assert_diag(&run(text), "BL111", fragment);
    }
    // Escapes that do not decode: a lone surrogate, a truncated `\u`.
    for inner in ["{\\\"image\\\": \\\"\\ud800\\\"}", "{\\\"image\\\": \\\"\\u12"] {
        let text = format!(
            "{{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.0\", \"values\": {{\"root_module\": {{\"resources\": [{{\"address\": \"aws_batch_job_definition.x\", \"type\": \"aws_batch_job_definition\", \"values\": {{\"name\": \"x\", \"type\": \"container\", \"container_properties\": \"{inner}\"}}}}]}}}}}}"
        );
        let _ = run(text);
    }
}
// CloudFormation templates in YAML (the `cloudformation` feature).

/// A YAML template with one job definition whose container has `members` (YAML lines
/// indented for the container).
fn template(members: &str) -> String {
    format!(
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: busybox\n{members}"
    )
}

#[test]
fn yaml_alias_bomb_is_refused_without_expanding() {
    // Billion laughs: each level an alias list of ten of the level before.
    let mut text = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\nLaughs:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=12 {
        let p = i - 1;
        text.push_str(&format!(
            "  a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let r = run(text);
    assert_diag(&r, "BL109", "CloudFormation does not support YAML aliases (`*a0`)");
    assert_diag(&r, "BL109", "CloudFormation does not support YAML anchors (`&a12`)");
    // One finding per alias and anchor written, not per expansion.
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "BL109").count(), 13 + 12 * 10);
}

#[test]
fn yaml_deep_nesting_is_bounded_on_a_small_stack() {
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let text = format!("Resources: {}{}", open.repeat(100_000), close.repeat(100_000));
        let r = run(text);
        let d = assert_diag(&r, "BL103", "nested more than 128 levels deep");
        assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
        assert!(d.range.start.offset > 0);
    }
    // Block nesting: 20,000 levels of `- ` and of indented mappings.
    let text = format!("Resources:\n{}x\n", "- ".repeat(20_000));
    assert_diag(&run(text), "BL103", "nested more than 128 levels deep");
    let mut text = String::from("Resources:\n");
    for i in 0..5_000 {
        text.push_str(&" ".repeat(i + 1));
        text.push_str("k:\n");
    }
    assert_diag(&run(text), "BL103", "nested more than 128 levels deep");
    // Tags wrap their value in one more level: `!Join [` 100 deep is 200 levels.
    let text = format!("Resources: {}x{}", "!Join [".repeat(100), "]".repeat(100));
    assert_diag(&run(text), "BL103", "nested more than 128 levels deep");
}

#[test]
fn yaml_tabs_in_indentation() {
    let text = template("\tUser: root\n");
    let r = run(text.clone());
    let d = assert_diag(&r, "BL108", "a tab indents this line");
    let tab = text.find('\t').unwrap();
    assert_eq!(d.range.start.offset as usize, tab);
    // A tab after `:` is white space in YAML, and read so.
    let r = run(template("        User:\troot\n"));
    no_syntax_error(&r);
}

#[test]
fn yaml_huge_scalars() {
    // A 10 MB plain scalar and a 10 MB block scalar in one template.
    let big = "x".repeat(5_000_000);
    let text = template(&format!("        User: {big}\n        Command:\n          - |\n            {big}\n"));
    let r = run(text);
    no_syntax_error(&r);
    assert_diag(&r, "BL210", "over the 24 KiB");
}

#[test]
fn yaml_many_documents_and_unterminated_input() {
    let r = run(format!("{}---\nResources: {{}}\n---\n", template("")));
    assert_diag(&r, "BL108", "a template is one YAML document");
    assert_diag(&run("Resources:\n  Job: [\n"), "BL108", "invalid YAML");
    assert_diag(&run("Resources:\n  Job: \"never closed\n"), "BL108", "invalid YAML");
    assert_diag(&run("Resources: {a: !Base64 !Sub x}\n"), "BL108", "invalid YAML");
}

#[test]
fn yaml_duplicate_keys_by_the_hundred_thousand() {
    let many: String = (0..100_000).map(|i| format!("  k: {i}\n")).collect();
    let r = run(format!("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nMetadata:\n{many}"));
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "BL102").count(), 99_999);
}

#[test]
fn yaml_functions_nested_to_the_bound_are_evaluated_on_a_small_stack() {
    // Each `!Join ["", [...]]` is three levels (the function, its arguments, its list): 41 of
    // them under `ContainerProperties` stay just inside the bound of 128.
    let depth = 41;
    let image = format!("{}busybox{}", "!Join [\"\", [".repeat(depth), "]]".repeat(depth));
    let text = format!(
        "Resources: {{Job: {{Type: AWS::Batch::JobDefinition, Properties: {{Type: container, ContainerProperties: {{Image: {image}, Secrets: [{{Name: S, ValueFrom: !Sub \"/${{AWS::Region}}/s\"}}]}}}}}}}}\n"
    );
    let r = run(text);
    no_syntax_error(&r);
    let deeper = format!("{}busybox{}", "!Join [\"\", [".repeat(depth + 1), "]]".repeat(depth + 1));
    let text = format!("Resources: {{Job: {{Type: AWS::Batch::JobDefinition, Properties: {{ContainerProperties: {{Image: {deeper}}}}}}}}}\n");
    assert_diag(&run(text), "BL103", "nested more than 128 levels deep");
}

#[test]
fn templates_of_fifty_thousand_resources_references_and_policies() {
    let n = 50_000;
    let mut text = String::from("{\"Resources\": {");
    for i in 0..n {
        text.push_str(&format!(
            "\"Role{i}\": {{\"Type\": \"AWS::IAM::Role\", \"Properties\": {{\"RoleName\": \"r{i}\"}}}}, "
        ));
        text.push_str(&format!(
            "\"Policy{i}\": {{\"Type\": \"AWS::IAM::Policy\", \"Properties\": {{\"Roles\": [{{\"Ref\": \"Role{i}\"}}, \"r{i}\"], \"PolicyDocument\": {{\"Statement\": []}}}}}}, "
        ));
    }
    let secrets: Vec<String> = (0..n)
        .map(|i| format!("{{\"Name\": \"S{i}\", \"ValueFrom\": {{\"Fn::GetAtt\": [\"Role{i}\", \"Arn\"]}}}}"))
        .collect();
    text.push_str(&format!(
        "\"Job\": {{\"Type\": \"AWS::Batch::JobDefinition\", \"Properties\": {{\"Type\": \"container\", \"ContainerProperties\": {{\"Image\": \"busybox\", \"Secrets\": [{}]}}}}}}}}}}",
        secrets.join(", ")
    ));
    let r = run(text);
    no_syntax_error(&r);
    assert!(!r.diagnostics.iter().any(|d| d.code == "BL222"), "every reference resolves");
}

#[test]
fn values_a_template_repeats_do_not_multiply_its_size() {
    // A 1 MB default inlined by 100,000 `${Big}`, and a variable of 1,000 parts used 100,000
    // times: the values stop at a bound and are unknown past it.
    let big = "x".repeat(1_000_000);
    let uses = "${Big}".repeat(100_000);
    let vars = "${V}".repeat(100_000);
    let parts = vec!["{\"Ref\": \"AWS::Region\"}"; 1_000].join(", ");
    let text = format!(
        "{{\"Parameters\": {{\"Big\": {{\"Type\": \"String\", \"Default\": \"{big}\"}}}}, \"Resources\": {{\"Job\": {{\"Type\": \"AWS::Batch::JobDefinition\", \"Properties\": {{\"Type\": \"container\", \"ContainerProperties\": {{\"Image\": {{\"Fn::Sub\": \"{uses}\"}}, \"User\": {{\"Fn::Sub\": [\"{vars}\", {{\"V\": {{\"Fn::Join\": [\"\", [{parts}]]}}}}]}}}}}}}}}}}}"
    );
    let r = run(text);
    no_syntax_error(&r);
}
