//! Syntax every form's reader reports (BL101–BL103): JSON that does not parse, a key written
//! twice in one object, and nesting deeper than the readers go. The API form's JSON, a
//! CloudFormation template in JSON or YAML and the JSON inside a Terraform argument all report
//! them with these codes.

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::duplicates::for_each_duplicate_key;
use crate::input::json::{SyntaxError, SyntaxErrorKind};
use crate::input::{Node, Path};

declare_rules! {
    family: Syntax;

    INVALID_JSON = "BL101" "invalid-json" Error {
        summary: "the input is not valid JSON",
        help: "Fix the JSON at the marked position. JSON allows no comments, no trailing commas and only double-quoted strings.",
        why: "`aws batch register-job-definition --cli-input-json` and the API reject the whole document; nothing else can be checked until it parses.",
        bad: r#"{"jobDefinitionName": "nightly", "type": "container",}"#,
        good: r#"{"jobDefinitionName": "nightly", "type": "container"}"#,
    }

    DUPLICATE_KEY = "BL102" "duplicate-key" Error {
        summary: "an object has the same member twice",
        help: "Keep one of the two members. The AWS CLI, boto3 and `JSON.parse` keep the last one, and batchlint checks that one; other tools keep the first.",
        why: "JSON leaves duplicate keys undefined: the AWS CLI keeps the last one, some tools the first, so what you review may not be what registers.",
        bad: r#"{"containerProperties": {"image": "app:1", "image": "app:2"}}"#,
        good: r#"{"containerProperties": {"image": "app:2"}}"#,
    }

    NESTING_TOO_DEEP = "BL103" "nesting-too-deep" Error {
        summary: "the document is nested too deeply to be a job definition",
        help: "A job definition is about ten levels deep. Check for a runaway generator or pasted data.",
        why: "batchlint stops at 128 levels so that hostile input cannot exhaust the stack of the page or worker it runs in.",
        bad: r#"[[[[[[[[[[[[[[[[ ... 129 levels ... ]]]]]]]]]]]]]]]]"#,
        good: r#"{"jobDefinitionName": "nightly", "type": "container"}"#,
    }
}

pub fn report_syntax_error(err: &SyntaxError, sink: &mut Sink) {
    let rule = match err.kind {
        SyntaxErrorKind::Syntax => &INVALID_JSON,
        SyntaxErrorKind::TooDeep => &NESTING_TOO_DEEP,
    };
    sink.report(rule, err.span, "", err.message.clone());
}

pub fn check_duplicate_keys(root: &Node<'_>, sink: &mut Sink) {
    report_duplicate_keys(root, sink, |key| {
        format!(
            "Keep one `{key}`. AWS tools (the CLI, boto3, `JSON.parse`) keep the last one in the object, and batchlint checks that one."
        )
    });
}

/// Reports every key written twice in one object of `root`, with the form's `help` for a key.
pub fn report_duplicate_keys(root: &Node<'_>, sink: &mut Sink, help: impl Fn(&str) -> String) {
    for_each_duplicate_key(root, &Path::ROOT, &mut |first, dup, path| {
        let pointer = path.key(&dup.key).to_pointer();
        sink.report(&DUPLICATE_KEY, dup.key_span, pointer, format!("`{}` appears twice in this object", dup.key))
            .help(help(&first.key));
    });
}
