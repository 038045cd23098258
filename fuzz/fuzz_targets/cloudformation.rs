#![no_main]
//! The CloudFormation reader (YAML and JSON templates) on arbitrary bytes: the form is forced,
//! so that every input goes through the YAML parser or the template reader, and the report
//! must satisfy the same invariants as any other. The tree it gives the checks must place
//! every span inside the input.

use batchlint::diagnostic::Sink;
use batchlint::forms::{self, Form};
use batchlint::input::Node;
use libfuzzer_sys::fuzz_target;

fn spans_inside(node: &Node<'_>, len: u32) {
    assert!(node.span.start <= node.span.end && node.span.end <= len, "span {:?} outside {len}", node.span);
    match &node.value {
        batchlint::input::Value::Array(items) => items.iter().for_each(|i| spans_inside(i, len)),
        batchlint::input::Value::Object(members) => {
            for m in members {
                assert!(m.key_span.start <= m.key_span.end && m.key_span.end <= len);
                spans_inside(&m.value, len);
            }
        }
        batchlint::input::Value::Symbolic(s) => {
            for p in &s.parts {
                assert!(p.span.start <= p.span.end && p.span.end <= len);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let options = batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        form: Some(Form::CloudFormation),
        ..Default::default()
    };
    batchlint_fuzz::analyze_bytes_and_check(data, &options);
    if let Ok(text) = std::str::from_utf8(data) {
        let mut sink = Sink::new();
        let context = forms::Context::default();
        if let Some(prepared) = forms::prepare(Form::CloudFormation, text, &context, &mut sink) {
            let mut sources = batchlint::input::Sources::new(text);
            let read = forms::read(&prepared, &mut sources, &mut sink);
            let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
            for job in &read.jobs {
                spans_inside(&job.tree, len);
            }
        }
    }
});
