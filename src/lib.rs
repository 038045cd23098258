//! batchlint checks AWS Batch job definitions offline and writes the least-privilege IAM
//! policy that their execution role needs to read the secrets they reference.
//!
//! ```
//! let text = r#"{
//!   "jobDefinitionName": "nightly",
//!   "type": "container",
//!   "platformCapabilities": ["FARGATE"],
//!   "containerProperties": {
//!     "image": "public.ecr.aws/docker/library/busybox:latest",
//!     "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec",
//!     "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}],
//!     "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]
//!   }
//! }"#;
//! let options = batchlint::Options { region: Some("eu-west-1".into()), account_id: Some("123456789012".into()), ..Default::default() };
//! let report = batchlint::analyze(text, &options);
//! let resource = &report.policies[0].document.statement[0].resource;
//! assert_eq!(resource, &["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password"]);
//! ```
//!
//! The crate reads from the bottom up, each layer importing only the ones before it:
//! `rule` · `input` · `aws` · `small` → `diagnostic` → `model` → `options` · `references` →
//! `policy` → `rules` → `registry` · `report` → `analyze` (here) → `wasm`.

pub mod aws;
pub mod diagnostic;
pub mod encode;
pub mod forms;
pub mod input;
pub mod model;
pub mod options;
pub mod policy;
pub mod references;
pub mod registry;
pub mod report;
pub mod rule;
pub mod rules;
mod small;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use diagnostic::Diagnostic;
pub use input::{Position, Range};
pub use options::Options;
pub use policy::{MergedPolicy, PolicyDocument, RolePolicy, Statement};
pub use references::SecretReference;
pub use report::Report;
pub use rule::{Rule, Severity};

use diagnostic::Sink;
use forms::Form;
use input::json;
use rules::facts::JobFacts;
use rules::{shape, syntax, value_from};

/// The crate version, as the wasm module and CLI report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Inputs longer than this are refused with one finding (BL106), unread: 16 MiB, 680 times the
/// Batch quota for one job definition, and more than a CloudFormation template may hold.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Checks the text of job definitions and writes the execution-role policy: a
/// RegisterJobDefinition request body, DescribeJobDefinitions output or one element of it, a
/// CloudFormation template, a Terraform module or a Terraform plan (see [`forms`]).
pub fn analyze(text: &str, options: &Options) -> Report {
    if text.len() > MAX_INPUT_BYTES {
        return input_too_large(text.len());
    }
    let mut sink = Sink::new();
    let context = options.resolve(&mut sink);
    let form = options.form.unwrap_or_else(|| forms::detect(text));
    let mut references = Vec::new();
    if form == Form::Api {
        let sources = input::Sources::new(text);
        check_api_form(text, &sources, &context, &mut sink, &mut references);
        return finish(form, &sources, sink, references, &context, None);
    }
    let reads = forms::Context { path: options.path.as_deref(), files: options.files.as_ref() };
    let Some(prepared) = forms::prepare(form, text, &reads, &mut sink) else {
        return finish(form, &input::Sources::new(text), sink, references, &context, None);
    };
    let mut sources = input::Sources::new(text);
    let mut read = forms::read(&prepared, &mut sources, &mut sink);
    for job in &mut read.jobs {
        shape::prepare_found(job);
    }
    check_found(&read.jobs, &sources, &context, &mut sink, &mut references);
    finish(form, &sources, sink, references, &context, Some((text, &read.roles)))
}

/// The policies of the references, their checks, and the report positioned in the input.
/// `found` is a template's or module's text and the roles it defines.
#[cfg_attr(not(feature = "forms"), allow(unused_variables))]
fn finish(
    form: Form,
    sources: &input::Sources<'_>,
    mut sink: Sink,
    references: Vec<SecretReference>,
    context: &options::Context,
    found: Option<(&str, &[forms::iam::RoleInFile<'_>])>,
) -> Report {
    #[cfg_attr(not(feature = "forms"), allow(unused_mut))]
    let mut policies = policy::build(&references, context);
    #[cfg(feature = "forms")]
    if let Some((text, roles)) = found {
        if let Some(own) = write_in_form(form, text, roles, &references, context, &mut policies) {
            rules::role_in_file::check(roles, &references, &own, &mut sink);
        }
    }
    rules::policy::check(&references, &policies, context, &mut sink);
    if context.findings_only {
        return Report::new(form, sources, sink, Vec::new(), Vec::new());
    }
    Report::new(form, sources, sink, references, policies)
}

/// Each policy also in the input's own form (`RolePolicy::in_form`); how the form writes the
/// job's own location.
#[cfg(feature = "forms")]
fn write_in_form(
    form: Form,
    text: &str,
    roles: &[forms::iam::RoleInFile<'_>],
    references: &[SecretReference],
    context: &options::Context,
    policies: &mut [RolePolicy],
) -> Option<policy::in_form::OwnLocation> {
    use policy::in_form::{render, OwnLocation, Role, Syntax, TerraformLabels};
    let (syntax, own, labels) = match form {
        Form::Api => return None,
        Form::CloudFormation => {
            let json = text.trim_start_matches('\u{feff}').trim_start().starts_with('{');
            let syntax = if json { Syntax::CloudFormationJson } else { Syntax::CloudFormationYaml };
            (syntax, OwnLocation::cloudformation(), None)
        }
        Form::Terraform | Form::TerraformPlan => {
            // A plan names no data sources of the module: the snippet declares its own.
            let labels =
                if form == Form::Terraform { TerraformLabels::of_module(text) } else { TerraformLabels::of_module("") };
            (Syntax::Terraform, OwnLocation::terraform(&labels), Some(labels))
        }
    };
    let localized = policy::build_localized(references, context, &own);
    for (i, (policy, local)) in policies.iter_mut().zip(&localized).enumerate() {
        let role = Role::of(local.role_arn.as_deref(), roles);
        policy.in_form = Some(render(&local.document, &role, syntax, labels.as_ref(), i));
    }
    Some(own)
}

/// The Batch API's JSON: the document is the request, or describe output that lists them.
fn check_api_form(
    text: &str,
    sources: &input::Sources<'_>,
    context: &options::Context,
    sink: &mut Sink,
    references: &mut Vec<SecretReference>,
) {
    let root = match json::parse(text) {
        Ok(root) => root,
        Err(err) => return syntax::report_syntax_error(&err, sink),
    };
    syntax::check_duplicate_keys(&root, sink);
    let Some(jobs) = model::job_definitions(&root, sources) else {
        return syntax::report_not_a_job_definition(&root, sink);
    };
    if root.get("jobDefinitions").is_some() {
        shape::check_describe_output(&root, sink);
    }
    for job in &jobs {
        references.extend(check_job(job, context, sink));
    }
}

/// The job definitions of a template, module or plan; findings and references then point into
/// the user's document, with its own names.
fn check_found(
    found: &[forms::FoundJob<'_>],
    sources: &input::Sources<'_>,
    context: &options::Context,
    sink: &mut Sink,
    references: &mut Vec<SecretReference>,
) {
    for (i, f) in found.iter().enumerate() {
        sink.set_job(Some(i));
        let job = model::found_job(f, sources);
        for mut r in check_job(&job, context, sink) {
            r.resource = Some(f.resource.clone());
            r.path = forms::user_pointer(f, &r.path);
            r.container = forms::user_pointer(f, &r.container);
            r.role_pointer = r.role_pointer.map(|p| forms::user_pointer(f, &p));
            references.push(r);
        }
    }
    sink.set_job(None);
    sink.translate_pointers(|job, pointer| {
        found.get(job).map_or_else(|| pointer.to_string(), |f| forms::user_pointer(f, pointer))
    });
}

/// The checks of one job definition; its references.
fn check_job(job: &model::JobDefinition<'_, '_>, context: &options::Context, sink: &mut Sink) -> Vec<SecretReference> {
    shape::check_job_definition(job, sink);
    let collected = value_from::collect(job, &context.for_job(job), sink);
    let facts = JobFacts::new(job, &collected.references, collected.withheld);
    for check in rules::JOB_CHECKS {
        check(&facts, sink);
    }
    collected.references
}

/// Like [`analyze`], for bytes that may not be UTF-8 (a file read from disk).
pub fn analyze_bytes(bytes: &[u8], options: &Options) -> Report {
    if bytes.len() > MAX_INPUT_BYTES {
        return input_too_large(bytes.len());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => analyze(text, options),
        Err(err) => {
            let valid = bytes.get(..err.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
            let mut sink = Sink::new();
            syntax::report_invalid_utf8(valid.len(), &mut sink);
            Report::new(Form::Api, &input::Sources::new(valid), sink, Vec::new(), Vec::new())
        }
    }
}

/// The report of an input of `len` bytes over [`MAX_INPUT_BYTES`], which is not read.
pub fn input_too_large(len: usize) -> Report {
    let mut sink = Sink::new();
    syntax::report_input_too_large(len, MAX_INPUT_BYTES, &mut sink);
    Report::new(Form::Api, &input::Sources::new(""), sink, Vec::new(), Vec::new())
}

/// The reports of several inputs checked with the same options (the files of one CLI run),
/// and their policies merged by execution role.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Checked {
    pub reports: Vec<Report>,
    /// One policy per execution role over all inputs; `inputs` are indexes into `reports`.
    pub policies: Vec<MergedPolicy>,
}

/// [`analyze_bytes`] for each input, and the policies merged across them: a role that
/// several inputs use gets one policy with the reads of all of them.
pub fn analyze_inputs(inputs: &[&[u8]], options: &Options) -> Checked {
    let reports: Vec<Report> = inputs.iter().map(|bytes| analyze_bytes(bytes, options)).collect();
    // The options were reported on in each report; here only their resolved values count.
    let context = options.resolve(&mut Sink::new());
    let references: Vec<&[SecretReference]> = reports.iter().map(|r| r.references.as_slice()).collect();
    let policies = policy::merge(&references, &context);
    Checked { reports, policies }
}
