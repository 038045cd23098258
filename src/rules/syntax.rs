//! JSON syntax and the kind of input.

use super::{Family, Rule};
use crate::diagnostic::{Severity, Sink};
use crate::json::{self, Node, Span, SyntaxError, SyntaxErrorKind};
use crate::path::Path;

pub static INVALID_JSON: Rule = Rule {
    code: "BL101",
    name: "invalid-json",
    family: Family::Syntax,
    severity: Severity::Error,
    summary: "the input is not valid JSON",
    help: "Fix the JSON at the marked position. JSON allows no comments, no trailing commas and only double-quoted strings.",
    why: "`aws batch register-job-definition --cli-input-json` and the API reject the whole document; nothing else can be checked until it parses.",
    bad: super::example!(r#"{"jobDefinitionName": "nightly", "type": "container",}"#),
    good: super::example!(r#"{"jobDefinitionName": "nightly", "type": "container"}"#),
};

pub static DUPLICATE_KEY: Rule = Rule {
    code: "BL102",
    name: "duplicate-key",
    family: Family::Syntax,
    severity: Severity::Error,
    summary: "an object has the same member twice",
    help: "Keep one of the two members. The AWS CLI, boto3 and `JSON.parse` keep the last one, and batchlint checks that one; other tools keep the first.",
    why: "JSON leaves duplicate keys undefined: the AWS CLI keeps the last one, some tools the first, so what you review may not be what registers.",
    bad: super::example!(r#"{"containerProperties": {"image": "app:1", "image": "app:2"}}"#),
    good: super::example!(r#"{"containerProperties": {"image": "app:2"}}"#),
};

pub static NESTING_TOO_DEEP: Rule = Rule {
    code: "BL103",
    name: "nesting-too-deep",
    family: Family::Syntax,
    severity: Severity::Error,
    summary: "the document is nested too deeply to be a job definition",
    help: "A job definition is about ten levels deep. Check for a runaway generator or pasted data.",
    why: "batchlint stops at 128 levels so that hostile input cannot exhaust the stack of the page or worker it runs in.",
    bad: super::example!(r#"[[[[[[[[[[[[[[[[ ... 129 levels ... ]]]]]]]]]]]]]]]]"#),
    good: super::example!(r#"{"jobDefinitionName": "nightly", "type": "container"}"#),
};

pub static NOT_A_JOB_DEFINITION: Rule = Rule {
    code: "BL104",
    name: "not-a-job-definition",
    family: Family::Syntax,
    severity: Severity::Error,
    summary: "the top-level value is not a job definition",
    help: "Give a RegisterJobDefinition request body (an object with `jobDefinitionName` and `type`), or the output of `aws batch describe-job-definitions`.",
    why: "Only objects are job definitions; a string, number or array at the top is usually the wrong file or a copy of part of one.",
    bad: super::example!(r#"[{"jobDefinitionName": "nightly", "type": "container"}]"#),
    good: super::example!(
        r#"{"jobDefinitions": [{"jobDefinitionName": "nightly", "type": "container", "jobDefinitionArn": "arn:aws:batch:us-east-1:123456789012:job-definition/nightly:1", "revision": 1}]}"#
    ),
};

pub static INVALID_UTF8: Rule = Rule {
    code: "BL105",
    name: "invalid-utf8",
    family: Family::Syntax,
    severity: Severity::Error,
    summary: "the input is not valid UTF-8",
    help: "Save the file as UTF-8. JSON text exchanged between systems must be UTF-8 (RFC 8259).",
    why: "AWS APIs take UTF-8 JSON; other encodings garble names and values before any check can run.",
    bad: super::example!("{\"jobDefinitionName\": \"n\\xE9\"} (the byte E9 alone, Latin-1)"),
    good: super::example!(r#"{"jobDefinitionName": "nightly"}"#),
};

pub static RULES: &[&Rule] = &[&INVALID_JSON, &DUPLICATE_KEY, &NESTING_TOO_DEEP, &NOT_A_JOB_DEFINITION, &INVALID_UTF8];

pub fn report_syntax_error(err: &SyntaxError, sink: &mut Sink) {
    let rule = match err.kind {
        SyntaxErrorKind::Syntax => &INVALID_JSON,
        SyntaxErrorKind::TooDeep => &NESTING_TOO_DEEP,
    };
    sink.report(rule, err.span, "", err.message.clone());
}

pub fn check_duplicate_keys(root: &Node<'_>, sink: &mut Sink) {
    json::for_each_duplicate_key(root, &Path::ROOT, &mut |first, dup, path| {
        let pointer = path.key(&dup.key).to_pointer();
        sink.report(&DUPLICATE_KEY, dup.key_span, pointer, format!("`{}` appears twice in this object", dup.key)).help(format!(
            "Keep one `{}`. AWS tools (the CLI, boto3, `JSON.parse`) keep the last one in the object, and batchlint checks that one.",
            first.key
        ));
    });
}

pub fn report_not_a_job_definition(root: &Node<'_>, sink: &mut Sink) {
    let found = root.json_type().with_article();
    sink.report(
        &NOT_A_JOB_DEFINITION,
        Span { start: root.span.start, end: root.span.start + 1 },
        "",
        format!("expected a job definition object, found {found}"),
    );
}
