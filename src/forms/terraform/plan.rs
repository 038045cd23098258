//! `terraform show -json` output: a plan (`planned_values`, `resource_changes`) or a state
//! (`values`). Each `aws_batch_job_definition` of the root module and its child modules is
//! read once, from `planned_values` (or `values`); `resource_changes` tells which of its JSON
//! strings are known only after apply. The JSON strings are decoded with where each byte is in
//! the plan, so that findings land inside the string.

use super::text::Builder;
use super::{arguments, opaque, unknown_value, Job, Module, Slot, JSON_ARGUMENTS, NOT_A_PLAN};
use crate::diagnostic::Sink;
use crate::input::{json, Member, Node, Pointer, Span, Value};
use std::borrow::Cow;

/// Reads a plan or state up to its decoded texts; `None` after reporting when it is not one.
pub fn prepare_plan<'t>(text: &'t str, sink: &mut Sink) -> Option<Module<'t>> {
    let root = match json::parse(text) {
        Ok(root) => root,
        Err(err) => {
            let message = format!("the plan is not valid JSON: {}", err.message);
            sink.report(&NOT_A_PLAN, err.span, "", message);
            return None;
        }
    };
    let (values, key) = match (root.get("planned_values"), root.get("values")) {
        (Some(v), _) => (v, "planned_values"),
        (None, Some(v)) => (v, "values"),
        _ => {
            let found = root.json_type().with_article();
            let message = match root.as_object() {
                Some(_) => "the input has neither `planned_values` (a plan) nor `values` (a state)".to_string(),
                None => format!("expected the object of `terraform show -json`, found {found}"),
            };
            sink.report(&NOT_A_PLAN, root.opening_span(), "", message);
            return None;
        }
    };
    let unknown = after_unknown(&root);
    let mut module = Module::default();
    if let Some(m) = values.get("root_module") {
        walk(m, &Pointer::ROOT.key(key).key("root_module"), text, &unknown, &mut module, sink);
    }
    Some(module)
}

/// The `after_unknown` of each resource change, by address.
fn after_unknown<'n, 'a>(root: &'n Node<'a>) -> Vec<(&'n str, &'n Node<'a>)> {
    let changes = root.get("resource_changes").and_then(Node::as_array).unwrap_or(&[]);
    changes.iter().filter_map(|c| Some((c.get_str("address")?, c.get("change")?.get("after_unknown")?))).collect()
}

fn walk<'t>(
    m: &Node<'t>,
    pointer: &Pointer,
    text: &'t str,
    unknown: &[(&str, &Node<'t>)],
    module: &mut Module<'t>,
    sink: &mut Sink,
) {
    for (i, resource) in m.get("resources").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        let managed = resource.get_str("mode").is_none_or(|mode| mode == "managed");
        if resource.get_str("type") != Some("aws_batch_job_definition") || !managed {
            continue;
        }
        let Some(values) = resource.get("values").filter(|v| v.as_object().is_some()) else { continue };
        let address = resource.get_str("address").unwrap_or("aws_batch_job_definition");
        let here = pointer.key("resources").index(i).key("values");
        job(values, address, &here, text, unknown, module, sink);
    }
    for (i, child) in m.get("child_modules").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        walk(child, &pointer.key("child_modules").index(i), text, unknown, module, sink);
    }
}

fn job<'t>(
    values: &Node<'t>,
    address: &str,
    pointer: &Pointer,
    text: &'t str,
    unknown: &[(&str, &Node<'t>)],
    module: &mut Module<'t>,
    sink: &mut Sink,
) {
    let mut members: Vec<Slot<'t>> =
        arguments::map(values, pointer, false, sink).into_iter().map(Slot::Ready).collect();
    let after_unknown = unknown.iter().find(|(a, _)| *a == address).map(|(_, u)| *u);
    for (argument, key) in JSON_ARGUMENTS {
        let member = values.member(argument);
        let here = pointer.key(argument);
        let source_key = Cow::Borrowed(argument);
        match member.map(|m| (&m.value.value, m)) {
            Some((Value::String(_), m)) => {
                let span = m.value.span;
                let raw = text.get(span.start as usize + 1..(span.end as usize).saturating_sub(1)).unwrap_or("");
                let mut builder = Builder::default();
                builder.json_string(span.start + 1, raw);
                let i = module.add_text(builder.decoded, builder.parts, argument);
                members.push(Slot::Json { key, source_key, key_span: m.key_span, text: i });
            }
            other => {
                let known_later = after_unknown.and_then(|u| u.get(argument)).and_then(Node::as_bool) == Some(true);
                if !known_later {
                    continue;
                }
                let (key_span, span) =
                    other.map_or((Span::default(), Span::default()), |(_, m)| (m.key_span, m.value.span));
                let part = opaque(format!("{address}.{argument}"), span);
                let value = unknown_value(argument, part, "known only after apply", &here, sink);
                members.push(Slot::Ready(Member {
                    key: Cow::Borrowed(key),
                    key_span,
                    value,
                    source_key: Some(source_key),
                }));
            }
        }
    }
    let span = values.opening_span();
    module.jobs.push(Job { resource: address.to_string(), pointer: pointer.clone(), members, span });
}
