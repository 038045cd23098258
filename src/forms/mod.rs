//! The forms job definitions are written in, and reading each into the tree the checks read.
//!
//! - `Api`: the Batch API's JSON, a RegisterJobDefinition request body or DescribeJobDefinitions
//!   output; the tree is the document itself (`lib.rs` reads it).
//! - `CloudFormation`: a template in JSON or YAML (SAM templates and CDK's `cdk.out` output are
//!   CloudFormation); every `AWS::Batch::JobDefinition` resource.
//! - `Terraform`: a `.tf` module; every `resource "aws_batch_job_definition"`.
//! - `TerraformPlan`: `terraform show -json` output, of a plan or a state.
//!
//! Each front-end gives a [`FoundJob`] per job definition: its properties as the tree of a
//! RegisterJobDefinition request (members renamed to the API's, the name as written kept in
//! `Member::source_key`; values computed at deploy time as `Value::Symbolic`), with every span
//! in the user's own file. The rules check that tree as they check the API form.

#[cfg(feature = "cloudformation")]
pub mod cloudformation;
pub mod iam;
pub mod syntax;
#[cfg(feature = "terraform")]
pub mod terraform;

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Node, Pointer, Span};
use crate::rule::Rule;

declare_rules! {
    family: Syntax;

    FORM_NOT_READ = "BL107" "form-not-read" Error {
        summary: "the input is in a form this build of batchlint does not read",
        help: "Use a build that reads every form (the npm package's default entry, the CLI), or give the job definition as the Batch API's JSON.",
        why: "The build for consoles that embed only the API's JSON leaves the CloudFormation and Terraform readers out to stay small (`batchlint/json`, README \"Performance and size\").",
        bad: "(a CloudFormation template given to the JSON-only build)",
        good: "(the same template given to the full build)",
    }
}

/// A form a job definition can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Api,
    CloudFormation,
    Terraform,
    TerraformPlan,
}

impl Form {
    pub const ALL: [Form; 4] = [Form::Api, Form::CloudFormation, Form::Terraform, Form::TerraformPlan];

    /// The form's name in the options, the report and the CLI's `--form`.
    pub fn id(self) -> &'static str {
        match self {
            Form::Api => "api",
            Form::CloudFormation => "cloudformation",
            Form::Terraform => "terraform",
            Form::TerraformPlan => "terraform-plan",
        }
    }

    pub fn from_id(id: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.id() == id)
    }
}

impl serde::Serialize for Form {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> serde::Deserialize<'de> for Form {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Form, D::Error> {
        let id = String::deserialize(deserializer)?;
        Form::from_id(&id).ok_or_else(|| {
            let known: Vec<&str> = Form::ALL.iter().map(|f| f.id()).collect();
            serde::de::Error::custom(format!("unknown form `{id}`; the forms are {}", known.join(", ")))
        })
    }
}

/// How the tool that deploys a form reads a job definition's values: the shape checks follow
/// it, since what is an error in the API's JSON may be fine in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The Batch API, as the AWS CLI and the SDKs send it: types are exact.
    Api,
    /// CloudFormation: scalars are passed to the resource provider as strings and converted
    /// to the property's type (`Value: 8` is the string "8"; "8" is fine for an integer).
    CloudFormation,
    /// The JSON of a Terraform `*_properties` argument, as the AWS provider decodes it into the
    /// SDK's types: member names match without regard to case, unknown members are dropped
    /// silently, `null` is absent, a value of the wrong type is a decoding error.
    TerraformJson,
}

/// A job definition read from a template, module or plan.
#[derive(Debug)]
pub struct FoundJob<'a> {
    /// The properties, as the tree of a RegisterJobDefinition request.
    pub tree: Node<'a>,
    /// How the user names it: `Resources.NightlyJob`, `aws_batch_job_definition.nightly`.
    pub resource: String,
    /// CDK's construct path (the resource's `aws:cdk:path` metadata), when it has one.
    pub construct: Option<String>,
    /// Where `tree`'s object is in the user's document, as a JSON Pointer (for a `.tf` file,
    /// in Terraform's JSON syntax: `/resource/aws_batch_job_definition/nightly`).
    pub pointer: Pointer,
    pub dialect: Dialect,
}

/// What a template, module or plan holds: its job definitions, and the IAM roles it defines.
#[derive(Debug, Default)]
pub struct Read<'a> {
    pub jobs: Vec<FoundJob<'a>>,
    pub roles: Vec<iam::RoleInFile<'a>>,
}

/// The rules the forms' readers declare, for the registry (this module's own are `RULES`).
#[cfg(feature = "cloudformation")]
pub const READER_RULES: &[&[&Rule]] =
    &[syntax::RULES, cloudformation::RULES, cloudformation::yaml::RULES, cloudformation::intrinsics::RULES];
#[cfg(not(feature = "cloudformation"))]
pub const READER_RULES: &[&[&Rule]] = &[syntax::RULES];

/// A definition of CloudFormation's resource schema for `AWS::Batch::JobDefinition`, for the
/// shape checks of a template's job definitions; in a build without the `cloudformation`
/// feature there is none, and checks written against it cost nothing.
#[cfg(feature = "cloudformation")]
pub use cloudformation::names::Definition as CfnDefinition;

#[cfg(not(feature = "cloudformation"))]
#[derive(Debug)]
pub enum CfnDefinition {}

#[cfg(not(feature = "cloudformation"))]
impl CfnDefinition {
    pub fn cfn_name(&'static self, _api: &str) -> Option<&'static str> {
        match *self {}
    }
    pub fn child(&'static self, _api: &str) -> Option<&'static CfnDefinition> {
        match *self {}
    }
    pub fn names(&'static self) -> std::iter::Empty<&'static str> {
        match *self {}
    }
    pub fn requires(&'static self, _api: &str) -> bool {
        match *self {}
    }
    pub fn is_read_only(&'static self, _api: &str) -> bool {
        match *self {}
    }
    pub fn name_of(&'static self) -> &'static str {
        match *self {}
    }
}

/// The schema's definition of a job definition's `Properties` when the build reads
/// CloudFormation.
pub fn cfn_properties() -> Option<&'static CfnDefinition> {
    #[cfg(feature = "cloudformation")]
    return Some(cloudformation::names::root());
    #[cfg(not(feature = "cloudformation"))]
    return None;
}

/// What a front-end may read besides the input: the input's own path and the files next to
/// it (Terraform's `file()`), as the caller provides them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'o> {
    /// The input's path (`infra/main.tf`); the files' names in the report are relative to its
    /// directory, as the files' keys are.
    pub path: Option<&'o str>,
    /// The files the caller provides, by path relative to the input's directory.
    pub files: Option<&'o std::collections::HashMap<String, String>>,
}

/// An input read as far as it can be before its trees are built: it owns the texts decoded
/// from the input (JSON inside strings), which the trees of [`read`] borrow.
#[derive(Debug)]
pub enum Prepared<'t> {
    /// A template reads straight from its text.
    #[cfg(feature = "cloudformation")]
    CloudFormation(&'t str),
    #[cfg(feature = "terraform")]
    Terraform(terraform::Module<'t>),
    /// No reader for the form is built in (BL107 was reported).
    Unread(std::marker::PhantomData<&'t ()>),
}

/// Reads `text` in `form` (not the API's JSON, which `lib.rs` reads) as far as its decoded
/// texts; `None` after reporting when the input cannot be read in that form.
pub fn prepare<'t>(form: Form, text: &'t str, context: &Context<'t>, sink: &mut Sink) -> Option<Prepared<'t>> {
    match form {
        #[cfg(feature = "cloudformation")]
        Form::CloudFormation => Some(Prepared::CloudFormation(text)),
        #[cfg(feature = "terraform")]
        Form::Terraform => terraform::prepare_module(text, context, sink).map(Prepared::Terraform),
        #[cfg(feature = "terraform")]
        Form::TerraformPlan => terraform::prepare_plan(text, sink).map(Prepared::Terraform),
        _ => {
            let _ = (text, context);
            sink.report(
                &FORM_NOT_READ,
                Span::default(),
                "",
                format!("this build of batchlint does not read the `{}` form", form.id()),
            );
            None
        }
    }
}

/// The job definitions and roles of a prepared input; the texts they borrow are registered
/// with `sources`, so that findings inside their strings land in the user's file.
pub fn read<'p>(prepared: &'p Prepared<'_>, sources: &mut crate::input::Sources<'p>, sink: &mut Sink) -> Read<'p> {
    match prepared {
        #[cfg(feature = "cloudformation")]
        Prepared::CloudFormation(text) => cloudformation::read(text, sink).unwrap_or_default(),
        #[cfg(feature = "terraform")]
        Prepared::Terraform(module) => module.read(sources, sink),
        Prepared::Unread(_) => {
            let _ = (sources, sink);
            Read::default()
        }
    }
}

/// The form of `text` when the options do not force one: read from its content, cheaply.
pub fn detect(text: &str) -> Form {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') || head.starts_with('[') {
        // JSON: a template names CloudFormation's keys, a plan or state Terraform's.
        let has = |needle: &str| crate::small::contains(text, needle);
        if has("\"AWSTemplateFormatVersion\"") || (has("\"Resources\"") && has("\"AWS::")) {
            return Form::CloudFormation;
        }
        if has("\"format_version\"") && has("\"terraform_version\"") {
            return Form::TerraformPlan;
        }
        return Form::Api;
    }
    let has_line = |start: &str| head.lines().any(|line| line.trim_start().starts_with(start));
    if has_line("resource \"") || has_line("locals {") || has_line("variable \"") || has_line("module \"") {
        return Form::Terraform;
    }
    if has_line("AWSTemplateFormatVersion:") || has_line("Resources:") || has_line("Transform:") {
        return Form::CloudFormation;
    }
    Form::Api
}

/// The user's pointer for a pointer into a found job's tree: the keys as the input wrote them,
/// under the job's own place in the document.
pub fn user_pointer(job: &FoundJob<'_>, api_pointer: &str) -> String {
    let mut out = job.pointer.clone();
    let mut node = Some(&job.tree);
    for segment in api_pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        let current = node.take();
        match current.map(|n| &n.value) {
            Some(crate::input::Value::Object(members)) => {
                let member = members.iter().rev().find(|m| m.key == segment);
                out = out.key(member.and_then(|m| m.source_key.as_deref()).unwrap_or(&segment));
                node = member.map(|m| &m.value);
            }
            Some(crate::input::Value::Array(items)) => {
                let index = segment.parse::<usize>().ok();
                out = match index {
                    Some(i) => out.index(i),
                    None => out.key(&segment),
                };
                node = index.and_then(|i| items.get(i));
            }
            _ => out = out.key(&segment),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_told_by_their_content() {
        assert_eq!(detect(r#"{"jobDefinitionName": "x", "type": "container"}"#), Form::Api);
        assert_eq!(detect(r#"{"Resources": {"Job": {"Type": "AWS::Batch::JobDefinition"}}}"#), Form::CloudFormation);
        assert_eq!(detect("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Job:\n"), Form::CloudFormation);
        assert_eq!(detect("resource \"aws_batch_job_definition\" \"x\" {\n}\n"), Form::Terraform);
        assert_eq!(
            detect(r#"{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {}}"#),
            Form::TerraformPlan
        );
        assert_eq!(detect("not a job definition"), Form::Api);
        for form in Form::ALL {
            assert_eq!(Form::from_id(form.id()), Some(form));
        }
    }
}
