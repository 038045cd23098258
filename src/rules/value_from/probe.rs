//! What the checks read for a value computed at deploy time (see `symbolic`): the value with
//! each unknown part replaced by a token that no literal text holds, and where each piece of
//! it is in the input. The checks ask it which of their fields are unknown.

// The build that reads only the API's JSON never makes a probe.
#![cfg_attr(not(feature = "forms"), allow(dead_code))]

use crate::input::{PartKind, Span};

/// A symbolic value as the checks read it.
pub(super) struct Probe {
    pub text: String,
    pub(super) tokens: Vec<Token>,
    /// The probe's text in runs, each with its place in the input.
    pub(super) pieces: Vec<Piece>,
}

pub(super) struct Token {
    pub(super) text: String,
    pub(super) start: usize,
    pub(super) kind: PartKind,
    /// The part's expression, `${…}` included.
    pub(super) expression: String,
}

pub(super) struct Piece {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) span: Option<Span>,
    /// Whether the piece is the input's bytes (literal text written verbatim), so that an
    /// offset inside it maps to one byte of the input; else it maps to all of `span`.
    pub(super) verbatim: bool,
}

impl Probe {
    /// Where `text[start..end]` is in the input.
    pub fn locate(&self, start: usize, end: usize) -> Option<Span> {
        let last = end.saturating_sub(1).max(start);
        let first_piece = self.pieces.iter().find(|p| p.start <= start && start < p.end)?;
        let last_piece = self.pieces.iter().find(|p| p.start <= last && last < p.end)?;
        let (first_span, last_span) = (first_piece.span?, last_piece.span?);
        let offset = |piece: &Piece, span: Span, at: usize| {
            u32::try_from(at - piece.start).ok().and_then(|d| span.start.checked_add(d))
        };
        let from = if first_piece.verbatim { offset(first_piece, first_span, start)? } else { first_span.start };
        let to = if last_piece.verbatim && end > start {
            offset(last_piece, last_span, end)?
        } else if end > start {
            last_span.end
        } else {
            from
        };
        Some(Span { start: from, end: to.max(from) })
    }

    pub fn has_opaque(&self) -> bool {
        self.tokens.iter().any(|t| matches!(t.kind, PartKind::Opaque(_)))
    }

    /// Whether `text[start..end]` overlaps a token (an empty range, whether it is inside one).
    pub fn touches_unknown(&self, start: usize, end: usize) -> bool {
        self.tokens.iter().any(|t| {
            let t_end = t.start + t.text.len();
            if start == end {
                t.start < start && start < t_end
            } else {
                start < t_end && t.start < end
            }
        })
    }

    pub fn unknown_in(&self, field: &str) -> Option<PartKind> {
        self.tokens.iter().find(|t| field.contains(t.text.as_str())).map(|t| t.kind)
    }

    pub fn ends_unknown(&self, name: &str) -> bool {
        self.tokens.iter().any(|t| name.ends_with(t.text.as_str()))
    }

    /// How `field` is made when it holds an unknown part: whether it is exactly one part, the
    /// kinds of its parts, its literal text, and the field as the input writes it.
    pub fn composition(&self, field: &str) -> Option<Composition> {
        let within: Vec<&Token> = self.tokens.iter().filter(|t| field.contains(t.text.as_str())).collect();
        let first = within.first()?;
        let mut literal = field.to_string();
        let mut written = field.to_string();
        for t in &within {
            literal = literal.replace(t.text.as_str(), "");
            written = written.replace(t.text.as_str(), &t.expression);
        }
        Some(Composition {
            whole: within.len() == 1 && first.text == field,
            pseudo: within.iter().find(|t| !matches!(t.kind, PartKind::Opaque(_))).map(|t| t.kind),
            literal,
            written,
        })
    }
}

/// A field of a value computed at deploy time, as [`Probe::composition`] reads it.
pub(super) struct Composition {
    /// The field is one part and nothing else.
    pub whole: bool,
    /// The kind of a part that is the job's partition, region or account (a pseudo parameter).
    pub pseudo: Option<PartKind>,
    /// The field's literal text, its parts left out.
    pub literal: String,
    /// The field with its parts as the input writes them (`${AWS::Region}`).
    pub written: String,
}
