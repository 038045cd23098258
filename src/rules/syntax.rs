//! The kind of input (BL1xx): not a job definition, not UTF-8, too large.

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Node, Span};

// BL101–BL103 (JSON syntax, duplicate keys, nesting depth) are declared where every form's
// reader reports them, in `forms::syntax`.
pub use crate::forms::syntax::{check_duplicate_keys, report_syntax_error};

declare_rules! {
    family: Syntax;

    NOT_A_JOB_DEFINITION = "BL104" "not-a-job-definition" Error {
        summary: "the top-level value is not a job definition",
        help: "Give a RegisterJobDefinition request body (an object with `jobDefinitionName` and `type`), or the output of `aws batch describe-job-definitions`.",
        why: "Only objects are job definitions; a string, number or array at the top is usually the wrong file or a copy of part of one.",
        bad: r#"[{"jobDefinitionName": "nightly", "type": "container"}]"#,
        good: r#"{"jobDefinitions": [{"jobDefinitionName": "nightly", "type": "container", "jobDefinitionArn": "arn:aws:batch:us-east-1:123456789012:job-definition/nightly:1", "revision": 1}]}"#,
    }

    INVALID_UTF8 = "BL105" "invalid-utf8" Error {
        summary: "the input is not valid UTF-8",
        help: "Save the file as UTF-8. JSON text exchanged between systems must be UTF-8 (RFC 8259).",
        why: "AWS APIs take UTF-8 JSON; other encodings garble names and values before any check can run.",
        bad: "{\"jobDefinitionName\": \"n\\xE9\"} (the byte E9 alone, Latin-1)",
        good: r#"{"jobDefinitionName": "nightly"}"#,
    }

    INPUT_TOO_LARGE = "BL106" "input-too-large" Error {
        summary: "the input is larger than batchlint reads",
        help: "Check the job definitions one file at a time, or the template, module or plan without unrelated resources.",
        why: "batchlint refuses an input over 16 MiB before reading it, so that a page, worker or CLI that checks untrusted input keeps its memory bounded (the Batch quota for one job definition is 24 KiB, and a CloudFormation template is at most 1 MB).",
        bad: "(a 20 MiB file)",
        good: "(the job definition alone)",
    }

}

pub fn report_not_a_job_definition(root: &Node<'_>, sink: &mut Sink) {
    let found = root.json_type().with_article();
    sink.report(
        &NOT_A_JOB_DEFINITION,
        root.opening_span(),
        "",
        format!("expected a job definition object, found {found}"),
    );
}

/// `valid_up_to` is where the first byte that is not UTF-8 starts.
pub fn report_invalid_utf8(valid_up_to: usize, sink: &mut Sink) {
    sink.report(
        &INVALID_UTF8,
        Span::new(valid_up_to, valid_up_to),
        "",
        format!("the input is not valid UTF-8: byte {valid_up_to} cannot start or continue a character"),
    );
}

/// The one finding of an input over the size limit, which is not read at all.
pub fn report_input_too_large(len: usize, limit: usize, sink: &mut Sink) {
    sink.report(
        &INPUT_TOO_LARGE,
        Span::default(),
        "",
        format!("the input is {len} bytes; batchlint reads at most {limit} bytes (16 MiB)"),
    );
}
