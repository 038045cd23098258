//! Findings as the core collects them, and `Diagnostic`, the form users receive.

use crate::input::{LineIndex, Range, Span};
use crate::rule::{Rule, Severity};
use serde::Serialize;

/// One finding, ready for an editor: where (JSON Pointer and UTF-16 range), what and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// The rule's stable code, e.g. `BL301`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// RFC 6901 JSON Pointer into the input; `""` is the whole document.
    pub path: String,
    /// The option the finding is about (`region`, `accountId`, `partition` or `kmsKeys`), or
    /// `None` for a finding about the input; an option's finding has the path `""` and an
    /// empty range at the start.
    pub option: Option<&'static str>,
    /// The file the range is in, when it is not the input: one the input reads (Terraform's
    /// `file()`), named as the options name the input's path. Absent for the input itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub range: Range,
    pub help: String,
}

/// A finding before positions are computed.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub message: String,
    pub pointer: String,
    pub span: Span,
    pub help: Option<String>,
    pub option: Option<&'static str>,
    /// The job of a template or module the finding is about (its pointer is into that job's
    /// tree until the report translates it into the user's document).
    pub job: Option<usize>,
}

/// A finding being reported; it lands in the sink when dropped, so that a caller can add
/// a specific help first: `sink.report(..).help("..")`.
pub struct Pending<'s> {
    sink: &'s mut Sink,
    finding: Option<Finding>,
}

impl Pending<'_> {
    /// Replaces the rule's generic help with one specific to this finding.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(f) = self.finding.as_mut() {
            f.help = Some(help.into());
        }
        self
    }

    /// [`Pending::help`] when there is a specific help, else the rule's own.
    pub fn help_if(self, help: Option<impl Into<String>>) -> Self {
        match help {
            Some(help) => self.help(help),
            None => self,
        }
    }
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if let Some(f) = self.finding.take() {
            self.sink.findings.push(f);
        }
    }
}

/// Collects findings during one analysis.
#[derive(Debug, Default)]
pub struct Sink {
    findings: Vec<Finding>,
    /// The found job being checked (templates and modules), stamped on each finding.
    job: Option<usize>,
}

impl Sink {
    pub fn new() -> Sink {
        Sink::default()
    }

    pub fn report(
        &mut self,
        rule: &'static Rule,
        span: Span,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Pending<'_> {
        let finding = Finding {
            rule,
            message: message.into(),
            pointer: pointer.into(),
            span,
            help: None,
            option: None,
            job: self.job,
        };
        Pending { sink: self, finding: Some(finding) }
    }

    /// A finding that is not reported: for checks that find a problem only in a stand-in for
    /// a value computed at deploy time (see `rules::value_from::symbolic`).
    pub fn discard(&mut self) -> Pending<'_> {
        Pending { sink: self, finding: None }
    }

    /// Reports a finding about an option (its name as the JS API spells it, `accountId`).
    pub fn report_option(
        &mut self,
        rule: &'static Rule,
        option: &'static str,
        message: impl Into<String>,
    ) -> Pending<'_> {
        let finding = Finding {
            rule,
            message: message.into(),
            pointer: String::new(),
            span: Span::default(),
            help: None,
            option: Some(option),
            job: None,
        };
        Pending { sink: self, finding: Some(finding) }
    }

    /// Findings reported from now on are about the found job `job` (or about none).
    pub fn set_job(&mut self, job: Option<usize>) {
        self.job = job;
    }

    /// Rewrites each finding's pointer about a found job with `translate(job, pointer)`.
    pub fn translate_pointers(&mut self, translate: impl Fn(usize, &str) -> String) {
        for f in &mut self.findings {
            if let Some(job) = f.job {
                f.pointer = translate(job, &f.pointer);
            }
        }
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn has(&self, rule: &Rule) -> bool {
        self.findings.iter().any(|f| f.rule.code == rule.code)
    }

    /// Positions every finding and orders them by place, then code, then message, so that
    /// the output is deterministic.
    pub fn into_diagnostics(self, index: &LineIndex<'_>) -> Vec<Diagnostic> {
        self.into_diagnostics_with(|span| (None, index.range(span)))
    }

    /// [`Sink::into_diagnostics`] with `place` giving each span's file and range.
    pub fn into_diagnostics_with(self, place: impl Fn(Span) -> (Option<String>, Range)) -> Vec<Diagnostic> {
        // Sorted unstably with the report order as the last key, which gives the stable
        // sort's order: every sort in the crate is unstable, so the .wasm carries one
        // sort algorithm instead of two.
        let mut numbered: Vec<(usize, Diagnostic)> = self
            .findings
            .into_iter()
            .map(|f| {
                let (file, range) = place(f.span);
                Diagnostic {
                    code: f.rule.code,
                    severity: f.rule.severity,
                    message: f.message,
                    path: f.pointer,
                    option: f.option,
                    file,
                    range,
                    help: f.help.unwrap_or_else(|| f.rule.help.to_string()),
                }
            })
            .enumerate()
            .collect();
        numbered.sort_unstable_by(|(i, a), (j, b)| {
            (&a.file, a.range.start.offset, a.range.end.offset, a.code, &a.message, i).cmp(&(
                &b.file,
                b.range.start.offset,
                b.range.end.offset,
                b.code,
                &b.message,
                j,
            ))
        });
        let mut out: Vec<Diagnostic> = numbered.into_iter().map(|(_, d)| d).collect();
        out.dedup();
        out
    }
}
