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

pub mod arn;
pub mod aws;
mod aws_data;
pub mod diagnostic;
pub mod json;
pub mod model;
pub mod options;
pub mod path;
pub mod policy;
pub mod position;
pub mod references;
pub mod rules;
pub mod shape;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use diagnostic::{Diagnostic, Severity};
pub use options::Options;
pub use policy::{PolicyDocument, RolePolicy, Statement};
pub use position::{Position, Range};
pub use references::SecretReference;

use serde::Serialize;

/// Everything batchlint found in one input.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub references: Vec<SecretReference>,
    /// One policy per execution role, ordered by role ARN (a definition without a role last).
    pub policies: Vec<RolePolicy>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// The crate version, as the wasm module and CLI report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Checks the text of a job definition (a RegisterJobDefinition request body, or
/// DescribeJobDefinitions output or one element of it) and writes the execution-role policy.
pub fn analyze(text: &str, options: &Options) -> Report {
    let mut sink = diagnostic::Sink::new();
    let context = options.resolve(&mut sink);
    let mut references = Vec::new();
    match json::parse(text) {
        Err(err) => rules::syntax::report_syntax_error(&err, &mut sink),
        Ok(root) => {
            rules::syntax::check_duplicate_keys(&root, &mut sink);
            if let Some(jobs) = model::job_definitions(&root, &mut sink) {
                if root.get("jobDefinitions").is_some() {
                    shape::check_describe_output(&root, &mut sink);
                }
                for job in &jobs {
                    let envelope = path::Path::ROOT;
                    let list = envelope.key("jobDefinitions");
                    let item = list.index(job.index.unwrap_or(0));
                    let job_path = if job.index.is_some() { item } else { envelope };
                    shape::check_job_definition(job.node, &job_path, job.kind, &mut sink);
                    let job_context = context.for_job(job);
                    let mut refs = references::collect(job, &job_context, &mut sink);
                    rules::info::leave_inactive_revision_out_of_policy(job, &mut refs, &mut sink);
                    rules::role::check(job, &refs, &mut sink);
                    rules::names::check(job, &refs, &mut sink);
                    rules::platform::check(job, &refs, &mut sink);
                    rules::info::check(job, &refs, &mut sink);
                    references.extend(refs);
                }
            }
        }
    }
    let policies = policy::build(&references, &context, &mut sink);
    if references.is_empty() && sink.findings().is_empty() {
        // The common clean, secret-free case skips the line index entirely.
        return Report { diagnostics: Vec::new(), references, policies };
    }
    let index = position::LineIndex::new(text);
    for r in &mut references {
        r.range = index.range(r.span);
    }
    Report { diagnostics: sink.into_diagnostics(&index), references, policies }
}

/// Like [`analyze`], for bytes that may not be UTF-8 (a file read from disk).
pub fn analyze_bytes(bytes: &[u8], options: &Options) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(text) => analyze(text, options),
        Err(err) => {
            let valid = bytes.get(..err.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
            let mut sink = diagnostic::Sink::new();
            let at = json::Span::new(valid.len(), valid.len());
            sink.report(
                &rules::syntax::INVALID_UTF8,
                at,
                "",
                format!("the input is not valid UTF-8: byte {} cannot start or continue a character", err.valid_up_to()),
            );
            Report { diagnostics: sink.into_diagnostics(&position::LineIndex::new(valid)), references: Vec::new(), policies: Vec::new() }
        }
    }
}
