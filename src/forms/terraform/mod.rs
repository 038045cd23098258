//! Terraform: `.tf` modules and `terraform show -json` output (a plan or a state).
//!
//! Every `aws_batch_job_definition` becomes a RegisterJobDefinition request: the resource's
//! own arguments mapped to the API's members ([`arguments`]), and `container_properties`,
//! `node_properties` and `ecs_properties`, which the provider decodes from JSON strings, read
//! from what the module writes there: `jsonencode({...})` (HCL values, [`hcl`]), a heredoc or
//! quoted JSON string, `file()` or `templatefile()` of a file the caller provides, a `local.`
//! or a variable's default. The JSON of a string is decoded first ([`prepare_module`],
//! [`prepare_plan`], which own the decoded texts) and parsed afterwards ([`Module::read`]),
//! so that the trees can borrow from the texts.

mod arguments;
mod hcl;
mod iam;
mod module;
mod nesting;
mod plan;
mod text;
mod unknown;

pub use arguments::{ARGUMENT_TYPE, RULES as SHAPE_RULES, TYPE_CASE, UNKNOWN_ARGUMENT};
pub use module::prepare_module;
pub use plan::prepare_plan;
use unknown::unknown_value;
pub use unknown::RULES as UNKNOWN_RULES;
pub use unknown::VALUE_UNKNOWN;

use super::{Dialect, FoundJob, Read};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{json, Decoded, Member, Node, Part, PartKind, Pointer, Sources, Span};
use std::borrow::Cow;

declare_rules! {
    family: Syntax;

    HCL_SYNTAX = "BL110" "hcl-syntax" Error {
        summary: "a `.tf` file is not valid HCL",
        help: "Fix the syntax at the position shown; `terraform validate` reports the same place.",
        why: "Terraform parses every `.tf` file of a module before it plans anything: one syntax error stops `terraform plan` for the whole module.",
        bad: "resource \"aws_batch_job_definition\" \"nightly\" {\n  name = \"nightly\n}",
        good: "resource \"aws_batch_job_definition\" \"nightly\" {\n  name = \"nightly\"\n}",
    }

    PROPERTIES_JSON_SYNTAX = "BL111" "properties-json-syntax" Error {
        summary: "the JSON of `container_properties`, `node_properties` or `ecs_properties` is not valid",
        help: "Fix the JSON at the position shown, or write the value with `jsonencode({ ... })`, which cannot produce invalid JSON.",
        why: "The provider decodes the string with Go's `encoding/json` in the argument's validation (`validJobContainerProperties`, internal/service/batch/job_definition.go), so `terraform plan` fails with `AWS Batch Job container_properties is invalid: invalid character ...`.",
        bad: "container_properties = <<EOF\n{\"image\": \"busybox\",}\nEOF",
        good: "container_properties = <<EOF\n{\"image\": \"busybox\"}\nEOF",
    }

    NOT_A_PLAN = "BL112" "not-a-terraform-plan" Error {
        summary: "the input is not the JSON of `terraform show -json`",
        help: "Give the output of `terraform show -json PLANFILE` (a plan) or `terraform show -json` (the state): an object with `format_version` and `planned_values` or `values`.",
        why: "Terraform's JSON output format (hashicorp/terraform, `internals/json-format`): a plan has `planned_values` and `resource_changes`, a state `values`, each with `root_module` and its `child_modules`.",
        bad: r#"{"format_version": "1.2", "terraform_version": "1.9.0"}"#,
        good: r#"{"format_version": "1.2", "terraform_version": "1.9.0", "values": {"root_module": {"resources": []}}}"#,
    }
}

/// The three arguments the provider decodes from JSON, with their request members.
pub(crate) const JSON_ARGUMENTS: [(&str, &str); 3] = [
    ("container_properties", "containerProperties"),
    ("node_properties", "nodeProperties"),
    ("ecs_properties", "ecsProperties"),
];

/// A module or plan read as far as its decoded texts.
#[derive(Debug, Default)]
pub struct Module<'t> {
    jobs: Vec<Job<'t>>,
    roles: Vec<iam::Role<'t>>,
    texts: Vec<Text>,
    /// Files that `file()` and `templatefile()` read, in the order their offsets were given:
    /// (name in the report, text).
    files: Vec<(String, &'t str)>,
}

/// A text to parse as JSON: a heredoc, a quoted string, a file or a plan's string.
#[derive(Debug)]
struct Text {
    decoded: Decoded,
    parts: Vec<Part>,
    /// The argument it is the value of, for messages.
    argument: &'static str,
}

#[derive(Debug)]
struct Job<'t> {
    resource: String,
    pointer: Pointer,
    members: Vec<Slot<'t>>,
    /// The resource in the input, for findings about the whole job.
    span: Span,
}

/// A member of a job's request: ready, or the JSON of a text still to parse.
#[derive(Debug)]
enum Slot<'t> {
    Ready(Member<'t>),
    Json { key: &'static str, source_key: Cow<'t, str>, key_span: Span, text: usize },
}

impl<'t> Module<'t> {
    /// Offsets for the next file `file()` reads, as [`Sources::add_file`] will give them.
    fn next_file_base(&self, input: &str) -> Option<u32> {
        let end = |len: usize, base: u32| base.checked_add(u32::try_from(len).ok()?)?.checked_add(1);
        let mut base = end(input.len(), 0)?;
        for (_, text) in &self.files {
            base = end(text.len(), base)?;
        }
        Some(base)
    }

    fn add_text(&mut self, decoded: Decoded, parts: Vec<Part>, argument: &'static str) -> usize {
        self.texts.push(Text { decoded, parts, argument });
        self.texts.len() - 1
    }

    /// The trees of the jobs and roles, parsing the decoded texts.
    pub fn read<'p>(&'p self, sources: &mut Sources<'p>, sink: &mut Sink) -> Read<'p> {
        for (name, text) in &self.files {
            let _ = sources.add_file(name, text);
        }
        for text in &self.texts {
            sources.add_decoded(&text.decoded.text, text.decoded.runs());
        }
        let mut jobs = Vec::with_capacity(self.jobs.len());
        for job in &self.jobs {
            let mut members = Vec::with_capacity(job.members.len());
            for slot in &job.members {
                match slot {
                    Slot::Ready(member) => members.push(member.clone()),
                    Slot::Json { key, source_key, key_span, text } => {
                        let Some(value) = self.parse(*text, &job.pointer.key(source_key), sink) else { continue };
                        members.push(Member {
                            key: Cow::Borrowed(key),
                            key_span: *key_span,
                            value,
                            source_key: Some(source_key.clone()),
                        });
                    }
                }
            }
            jobs.push(FoundJob {
                tree: Node { span: job.span, value: crate::input::Value::Object(members) },
                resource: job.resource.clone(),
                construct: None,
                pointer: job.pointer.clone(),
                dialect: Dialect::TerraformJson,
            });
        }
        let roles = self.roles.iter().map(|r| r.read(self, sink)).collect();
        Read { jobs, roles }
    }

    /// The tree of a decoded text, its spans in the user's file; an unknown value after
    /// reporting when it is not JSON.
    fn parse<'p>(&'p self, i: usize, pointer: &Pointer, sink: &mut Sink) -> Option<Node<'p>> {
        let text = self.texts.get(i)?;
        match json::parse(&text.decoded.text) {
            Ok(mut node) => {
                text.decoded.map_tree(&mut node);
                text::symbolize(&mut node, &text.parts);
                Some(node)
            }
            Err(err) => {
                let span = text.decoded.map(err.span);
                let message = format!(
                    "`{}` is not valid JSON: {} (`terraform plan` fails: `AWS Batch Job {} is invalid`)",
                    text.argument, err.message, text.argument
                );
                sink.report(&PROPERTIES_JSON_SYNTAX, span, pointer.as_str(), message);
                None
            }
        }
    }
}

/// An unknown part with no hint.
fn opaque(source: impl Into<String>, span: Span) -> Part {
    Part { kind: PartKind::Opaque(None), source: source.into(), span }
}
