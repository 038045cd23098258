//! What `analyze` returns: the findings, the references and the policies of one input.

use crate::diagnostic::{Diagnostic, Sink};
use crate::forms::Form;
use crate::input::{LineIndex, Range, Sources, Span};
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

    /// Positions the findings and references in the input, or in the file the input reads
    /// that each is in.
    pub(crate) fn new(
        form: Form,
        sources: &Sources<'_>,
        sink: Sink,
        mut references: Vec<SecretReference>,
        policies: Vec<RolePolicy>,
    ) -> Report {
        if references.is_empty() && sink.findings().is_empty() {
            // The common clean, secret-free case skips the line index entirely.
            return Report { form, diagnostics: Vec::new(), references, policies };
        }
        let index = LineIndex::new(sources.input());
        let files: Vec<LineIndex<'_>> = sources.files().iter().map(|f| LineIndex::new(f.text)).collect();
        let place = |span: Span| -> (Option<String>, Range) {
            let found = sources.file_of(span).and_then(|f| {
                let i = sources.files().iter().position(|g| g.base == f.base)?;
                Some((f, files.get(i)?))
            });
            match found {
                Some((file, lines)) => {
                    let local =
                        Span { start: span.start.saturating_sub(file.base), end: span.end.saturating_sub(file.base) };
                    (Some(file.name.to_string()), lines.range(local))
                }
                None => (None, index.range(span)),
            }
        };
        for r in &mut references {
            (r.file, r.range) = place(r.span);
        }
        Report { form, diagnostics: sink.into_diagnostics_with(place), references, policies }
    }
}
