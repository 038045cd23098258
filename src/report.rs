//! What `analyze` returns: the findings, the references and the policies of one input.

use crate::diagnostic::{Diagnostic, Sink};
use crate::forms::Form;
use crate::input::LineIndex;
use crate::policy::RolePolicy;
use crate::references::SecretReference;
use crate::rule::Severity;
use serde::Serialize;

/// Everything batchlint found in one input.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The form the input was read in.
    pub form: Form,
    pub diagnostics: Vec<Diagnostic>,
    pub references: Vec<SecretReference>,
    /// One policy per execution role, ordered by role ARN (a definition without a role last).
    pub policies: Vec<RolePolicy>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// Positions the findings and references in `text`, the input they were found in.
    pub(crate) fn new(
        form: Form,
        text: &str,
        sink: Sink,
        mut references: Vec<SecretReference>,
        policies: Vec<RolePolicy>,
    ) -> Report {
        if references.is_empty() && sink.findings().is_empty() {
            // The common clean, secret-free case skips the line index entirely.
            return Report { form, diagnostics: Vec::new(), references, policies };
        }
        let index = LineIndex::new(text);
        for r in &mut references {
            r.range = index.range(r.span);
        }
        Report { form, diagnostics: sink.into_diagnostics(&index), references, policies }
    }
}
