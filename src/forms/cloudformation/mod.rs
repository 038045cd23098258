//! CloudFormation templates, in JSON or YAML (SAM templates and CDK's `cdk.out` output are
//! CloudFormation too): every `AWS::Batch::JobDefinition` resource becomes a [`FoundJob`] whose
//! tree is its `Properties` as a RegisterJobDefinition request, and every `AWS::IAM::Role` a
//! [`RoleInFile`](crate::forms::iam::RoleInFile).
//!
//! - `yaml` reads a YAML template into the document tree (JSON templates go through
//!   `input::json`); short-form tags become the `Fn::` objects of the JSON form.
//! - `intrinsics` turns intrinsic functions into values: literals where the template fixes
//!   them (a parameter's `Default`, a literal `Mappings` entry), `Value::Symbolic` otherwise.
//! - `properties` renames the properties to the API's names (`names`, `schema`) and passes
//!   scalars as CloudFormation does.
//! - `roles` reads the template's IAM roles and the policies attached to them.

pub mod intrinsics;
pub mod names;
mod properties;
mod roles;
#[rustfmt::skip]
pub mod schema;
pub mod yaml;

use super::{Dialect, FoundJob, Read};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{json, Member, Node, Pointer, Span, Value};
use intrinsics::Template;

declare_rules! {
    family: Shape;

    INVALID_TEMPLATE = "BL218" "invalid-template" Error {
        summary: "the template does not have the structure of a CloudFormation template",
        help: "A template is a mapping with a `Resources` mapping; each resource is a mapping with a `Type` (such as `AWS::Batch::JobDefinition`) and its `Properties`.",
        why: "CloudFormation refuses such a template before creating anything: \"Template format error: At least one Resources member must be defined\", \"Every Resources object must contain a Type member\" (CloudFormation User Guide, template anatomy).",
        bad: r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NightlyJob": {"Properties": {"Type": "container"}}}}"#,
        good: r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NightlyJob": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container"}}}}"#,
    }

    INVALID_JOB_DEFINITION_RESOURCE = "BL219" "invalid-job-definition-resource" Error {
        summary: "a job definition resource has an attribute CloudFormation does not know, or `Properties` that are not a mapping",
        help: "A resource takes `Type`, `Properties`, `DependsOn`, `Condition`, `Metadata`, `DeletionPolicy`, `UpdateReplacePolicy`, `CreationPolicy` and `UpdatePolicy`; the job definition's settings go under `Properties`.",
        why: "CloudFormation refuses the template (\"Invalid template resource property\"), and a misspelt `Properties` leaves the job definition without its settings (CloudFormation User Guide, resource attributes).",
        bad: r#"{"Resources": {"NightlyJob": {"Type": "AWS::Batch::JobDefinition", "Propertes": {"Type": "container"}}}}"#,
        good: r#"{"Resources": {"NightlyJob": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container"}}}}"#,
    }

    NO_JOB_DEFINITIONS = "BL220" "no-job-definitions" Info {
        summary: "the template defines no Batch job definition",
        help: "batchlint checks the `AWS::Batch::JobDefinition` resources of a template; give it the template (or the `cdk.out` stack) that defines them.",
        why: "Nothing in the template was checked, which a clean report would otherwise hide.",
        bad: r#"{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}"#,
        good: r#"{"Resources": {"NightlyJob": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container", "ContainerProperties": {"Image": "busybox"}}}}}"#,
    }

    YAML_BOOLEAN_AS_STRING = "BL223" "yaml-boolean-as-string" Warning {
        summary: "an unquoted `yes`, `no`, `on` or `off` is read as a boolean and passed as `true` or `false`",
        help: "Quote the value (`Value: \"yes\"`) to pass the word itself.",
        why: "CloudFormation reads templates as YAML 1.1, where unquoted yes/no/on/off are booleans (aws/aws-cli#5257, from an AWS maintainer: \"CloudFormation treats unquoted values that are YAML 1.1 native booleans as booleans\"); a string property then receives `true` or `false` (ASFHyP3/hyp3#2061: S3 tags `YES`/`NO` arrived as `true`/`false`).",
        bad: "Environment:\n  - Name: VERBOSE\n    Value: yes",
        good: "Environment:\n  - Name: VERBOSE\n    Value: \"yes\"",
    }
}

/// The resource type of a Batch job definition.
const JOB_DEFINITION: &str = "AWS::Batch::JobDefinition";

/// The attributes a resource may have (CloudFormation User Guide, resources and resource
/// attributes).
const RESOURCE_ATTRIBUTES: &[&str] = &[
    "Type",
    "Properties",
    "DependsOn",
    "Condition",
    "Metadata",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "CreationPolicy",
    "UpdatePolicy",
];

/// The job definitions and IAM roles of a template; `None` after reporting when it cannot be
/// read as one.
pub fn read<'a>(text: &'a str, sink: &mut Sink) -> Option<Read<'a>> {
    let root = parse(text, sink)?;
    super::syntax::report_duplicate_keys(&root, sink, |key| {
        format!("Keep one `{key}`. CloudFormation accepts the template and uses the last one (so does batchlint); cfn-lint refuses it.")
    });
    let template = template_root(&root, sink)?;
    let template = Template::new(text, template);
    let mut read = Read::default();
    for (resource, ty) in template.resources(sink) {
        if ty == Some(JOB_DEFINITION) {
            if let Some(job) = job_definition(&template, resource, sink) {
                read.jobs.push(job);
            }
        }
    }
    if read.jobs.is_empty() {
        let message = "the template defines no `AWS::Batch::JobDefinition` resource";
        sink.report(&NO_JOB_DEFINITIONS, template.resources_key_span(), "/Resources", message);
    }
    read.roles = roles::read(&template, sink);
    Some(read)
}

/// The template's tree, from JSON or YAML.
fn parse<'a>(text: &'a str, sink: &mut Sink) -> Option<Node<'a>> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return match json::parse(text) {
            Ok(root) => Some(root),
            Err(err) => {
                super::syntax::report_syntax_error(&err, sink);
                None
            }
        };
    }
    yaml::parse(text, sink)
}

/// The template object, after reporting what makes it no template.
fn template_root<'n, 'a>(root: &'n Node<'a>, sink: &mut Sink) -> Option<&'n Node<'a>> {
    if root.as_object().is_none() {
        let found = root.json_type().with_article();
        let message = format!("a template is a mapping of its sections (`Resources`, `Parameters`, ...), not {found}");
        sink.report(&INVALID_TEMPLATE, root.opening_span(), "", message);
        return None;
    }
    match root.get("Resources") {
        Some(resources) if resources.as_object().is_some() => {}
        Some(resources) => {
            let found = resources.json_type().with_article();
            let message = format!("`Resources` is a mapping of logical IDs to resources, not {found}");
            sink.report(&INVALID_TEMPLATE, resources.opening_span(), "/Resources", message);
            return None;
        }
        None => {
            let message = "the template has no `Resources` section";
            sink.report(&INVALID_TEMPLATE, root.opening_span(), "", message)
                .help("CloudFormation needs at least one resource: add `Resources:` with the job definition under it.");
            return None;
        }
    }
    Some(root)
}

/// One `AWS::Batch::JobDefinition` resource as a found job.
fn job_definition<'a>(template: &Template<'_, 'a>, resource: &Member<'a>, sink: &mut Sink) -> Option<FoundJob<'a>> {
    let id = resource.key.as_ref();
    let construct = resource.value.get("Metadata").and_then(|m| m.get_str("aws:cdk:path")).map(str::to_string);
    let named = match &construct {
        Some(path) => format!("`{id}` (`{path}`)"),
        None => format!("`{id}`"),
    };
    let pointer = Pointer::ROOT.key("Resources").key(id);
    for member in resource.value.as_object().unwrap_or(&[]) {
        if RESOURCE_ATTRIBUTES.contains(&member.key.as_ref()) {
            continue;
        }
        let suggestion = closest_attribute(&member.key);
        let message = match suggestion {
            Some(s) => format!("`{}` is not an attribute of a resource (did you mean `{s}`?); CloudFormation refuses the job definition {named}", member.key),
            None => format!("`{}` is not an attribute of a resource; CloudFormation refuses the job definition {named}", member.key),
        };
        sink.report(&INVALID_JOB_DEFINITION_RESOURCE, member.key_span, pointer.key(&member.key), message);
    }
    let properties_pointer = pointer.key("Properties");
    let tree = match resource.value.get("Properties") {
        Some(node) if node.as_object().is_some() => properties::convert(template, node, id, sink),
        Some(node) if template.function(node).is_some() => {
            // `Properties: !If [...]`: computed when the stack is deployed.
            properties::convert(template, node, id, sink)
        }
        Some(node) => {
            let found = node.json_type().with_article();
            let message = format!("the `Properties` of the job definition {named} are a mapping, not {found}");
            sink.report(&INVALID_JOB_DEFINITION_RESOURCE, node.opening_span(), properties_pointer, message);
            return None;
        }
        None => Node { span: resource.key_span, value: Value::Object(Vec::new()) },
    };
    Some(FoundJob {
        tree,
        resource: format!("Resources.{id}"),
        construct,
        pointer: properties_pointer,
        dialect: Dialect::CloudFormation,
    })
}

fn closest_attribute(key: &str) -> Option<&'static str> {
    RESOURCE_ATTRIBUTES.iter().copied().find(|a| a.eq_ignore_ascii_case(key)).or_else(|| {
        let key = key.to_ascii_lowercase();
        RESOURCE_ATTRIBUTES.iter().copied().find(|a| {
            let a = a.to_ascii_lowercase();
            a.len().abs_diff(key.len()) <= 2 && (a.starts_with(&key) || key.starts_with(&a) || one_edit_apart(&a, &key))
        })
    })
}

/// Whether `a` and `b` differ by one inserted, removed or replaced character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let longest = a.len().max(b.len());
    prefix + suffix + 1 >= longest && a.len().abs_diff(b.len()) <= 1
}

/// An unquoted YAML 1.1 boolean word other than `true`/`false`: `yes`, `on` (true), `no`,
/// `off` (false), in the three spellings YAML 1.1 lists. `y` and `n` are left out: PyYAML, and
/// so cfn-lint, read them as strings, and CloudFormation's reading of them is not documented.
pub(super) fn yaml11_boolean(text: &str) -> Option<bool> {
    match text {
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

/// The slice of `text` at `span`.
fn at(text: &str, span: Span) -> &str {
    text.get(span.start as usize..span.end as usize).unwrap_or("")
}
