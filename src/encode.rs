//! A compact encoding of the [`Report`] for the package's JS layer (`pkg-template/core.js`,
//! `decodeReport`), which builds the same plain objects the serde form has, key for key.
//!
//! Building the report's JS objects from Rust, one import call per field and string, was a
//! third of the time of a call (BENCHMARKS.md, round 5): here the report is one buffer of
//! little-endian `u32` words and one UTF-8 string table, decoded with one `TextDecoder` call.
//!
//! The buffer: `[VERSION, string table bytes, word count, words…, string table]`. A string is
//! two words, its start and length in UTF-16 units in the decoded table (`NULL` for none); a
//! repeated value of the same field is written once. A range is six words (start line, column,
//! offset, end line, column, offset). Lists are a count and their items.

use crate::diagnostic::Diagnostic;
use crate::input::Range;
use crate::policy::{MergedPolicy, PolicyDocument, RolePolicy};
use crate::references::{ReferenceKind, ReferenceSource, SecretReference};
use crate::report::Report;
use crate::rule::Severity;

/// The layout's version; the JS decoder refuses any other.
pub const VERSION: u32 = 2;
/// The start word of an absent string.
pub const NULL: u32 = u32::MAX;

/// The fields whose repeated values are written once (the same container, role or help in
/// consecutive items).
#[derive(Clone, Copy)]
enum Field {
    Code,
    Help,
    Path,
    Container,
    ContainerName,
    JobDefinition,
    Resource,
    Role,
    Partition,
    Region,
    Account,
    Action,
    Other,
}

const FIELDS: usize = Field::Other as usize + 1;

struct Writer {
    words: Vec<u32>,
    table: String,
    /// UTF-16 length of `table`.
    units: u32,
    /// Per field: the byte range of its last value in `table` and the words written for it.
    last: [(usize, usize, u32, u32); FIELDS],
}

impl Writer {
    fn new(capacity: usize) -> Writer {
        Writer {
            words: Vec::with_capacity(capacity / 4),
            table: String::with_capacity(capacity),
            units: 0,
            last: [(0, 0, NULL, 0); FIELDS],
        }
    }

    fn word(&mut self, w: u32) {
        self.words.push(w);
    }

    fn count(&mut self, n: usize) {
        self.word(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn string(&mut self, field: Field, s: &str) {
        let slot = field as usize;
        if let Some(&(start, end, at, len)) = self.last.get(slot) {
            if at != NULL && self.table.get(start..end) == Some(s) {
                self.words.extend([at, len]);
                return;
            }
        }
        let start = self.table.len();
        self.table.push_str(s);
        let len = utf16_len(s);
        let at = self.units;
        self.units = self.units.saturating_add(len);
        if let Some(last) = self.last.get_mut(slot) {
            *last = (start, self.table.len(), at, len);
        }
        self.words.extend([at, len]);
    }

    fn optional(&mut self, field: Field, s: Option<&str>) {
        match s {
            Some(s) => self.string(field, s),
            None => self.words.extend([NULL, 0]),
        }
    }

    fn range(&mut self, r: &Range) {
        self.words.extend([r.start.line, r.start.column, r.start.offset, r.end.line, r.end.column, r.end.offset]);
    }

    fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + self.words.len() * 4 + self.table.len());
        for w in [
            VERSION,
            u32::try_from(self.table.len()).unwrap_or(u32::MAX),
            u32::try_from(self.words.len()).unwrap_or(u32::MAX),
        ]
        .into_iter()
        .chain(self.words)
        {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(self.table.as_bytes());
        out
    }
}

fn utf16_len(s: &str) -> u32 {
    let units: usize = s.chars().map(char::len_utf16).sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The report, encoded.
pub fn report(report: &Report) -> Vec<u8> {
    let mut w = Writer::new(256 + report.references.len() * 512 + report.diagnostics.len() * 256);
    w.string(Field::Other, report.form.id());
    w.count(report.diagnostics.len());
    for d in &report.diagnostics {
        diagnostic(&mut w, d);
    }
    w.count(report.references.len());
    for r in &report.references {
        reference(&mut w, r);
    }
    w.count(report.policies.len());
    for p in &report.policies {
        policy(&mut w, p);
    }
    w.finish()
}

fn diagnostic(w: &mut Writer, d: &Diagnostic) {
    w.string(Field::Code, d.code);
    w.word(match d.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    });
    w.string(Field::Other, &d.message);
    w.string(Field::Path, &d.path);
    w.optional(Field::Other, d.option);
    w.optional(Field::Other, d.file.as_deref());
    w.range(&d.range);
    // Without the `docs` feature a rule's own help is empty: the JS layer has it.
    w.optional(Field::Help, Some(d.help.as_str()).filter(|h| !h.is_empty()));
}

fn reference(w: &mut Writer, r: &SecretReference) {
    w.string(Field::Path, &r.path);
    w.word(match r.source {
        ReferenceSource::Secrets => 0,
        ReferenceSource::SecretOptions => 1,
        ReferenceSource::RepositoryCredentials => 2,
    });
    w.optional(Field::Other, r.name.as_deref());
    w.optional(Field::JobDefinition, r.job_definition.as_deref());
    w.optional(Field::Resource, r.resource.as_deref());
    w.string(Field::Container, &r.container);
    w.optional(Field::ContainerName, r.container_name.as_deref());
    w.optional(Field::Role, r.execution_role_arn.as_deref());
    w.string(Field::Other, &r.value_from);
    w.word(match r.kind {
        ReferenceKind::SsmParameterName => 0,
        ReferenceKind::SsmParameterArn => 1,
        ReferenceKind::SsmSecretsManagerReference => 2,
        ReferenceKind::SecretsManagerArn => 3,
        ReferenceKind::SecretsManagerName => 4,
        ReferenceKind::Invalid => 5,
    });
    w.optional(Field::Partition, r.partition.as_deref());
    w.optional(Field::Region, r.region.as_deref());
    w.optional(Field::Account, r.account.as_deref());
    w.optional(Field::Other, r.resource_name.as_deref());
    w.optional(Field::Other, r.json_key.as_deref());
    w.optional(Field::Other, r.version_stage.as_deref());
    w.optional(Field::Other, r.version_id.as_deref());
    w.optional(Field::Other, r.resource_arn.as_deref());
    w.count(r.grants.len());
    for g in &r.grants {
        w.string(Field::Action, g.action);
        w.string(Field::Other, &g.resource);
    }
    w.optional(Field::Other, r.file.as_deref());
    w.range(&r.range);
}

/// Policies merged over several inputs: for each, the role, the indexes of its inputs, the
/// document and its size as IAM counts it (characters without whitespace).
pub fn merged(policies: &[MergedPolicy]) -> Vec<u8> {
    let mut w = Writer::new(256 * policies.len() + 64);
    w.count(policies.len());
    for p in policies {
        w.optional(Field::Role, p.role_arn.as_deref());
        w.count(p.inputs.len());
        for &i in &p.inputs {
            w.count(i);
        }
        document(&mut w, &p.document);
        w.count(p.document.size_without_whitespace());
    }
    w.finish()
}

fn policy(w: &mut Writer, p: &RolePolicy) {
    w.optional(Field::Role, p.role_arn.as_deref());
    document(w, &p.document);
    w.optional(Field::Other, p.in_form.as_deref());
}

fn document(w: &mut Writer, document: &PolicyDocument) {
    w.string(Field::Other, document.version);
    w.count(document.statement.len());
    for s in &document.statement {
        w.string(Field::Other, s.sid);
        w.string(Field::Other, s.effect);
        w.count(s.action.len());
        for a in &s.action {
            w.string(Field::Action, a);
        }
        w.count(s.resource.len());
        for r in &s.resource {
            w.string(Field::Other, r);
        }
        w.count(s.condition.len());
        for (operator, keys) in &s.condition {
            w.string(Field::Other, operator);
            w.count(keys.len());
            for (key, values) in keys {
                w.string(Field::Other, key);
                w.count(values.len());
                for v in values {
                    w.string(Field::Other, v);
                }
            }
        }
    }
}
