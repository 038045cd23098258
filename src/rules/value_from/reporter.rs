//! Findings on one string value, pointing into the string where they can.

use super::probe::Probe;
use crate::diagnostic::{Pending, Sink};
use crate::input::{Node, PartKind, Sources, Span, Value};
use crate::rule::Rule;
use std::borrow::Cow;

/// Reports findings on one string value, pointing into the string where it can: a string
/// that needed no decoding is a slice of the input (or of a text decoded from it), and
/// [`Sources`] knows where. For a value computed at deploy time the checks read a [`Probe`],
/// and a finding that touches one of its unknown parts is not reported: an unknown value is
/// never malformed.
pub(super) struct Reporter<'s, 'n, 'a> {
    pub sink: &'s mut Sink,
    pub node: &'n Node<'a>,
    pub sources: &'n Sources<'a>,
    pub pointer: &'s str,
    #[cfg(feature = "forms")]
    pub probe: Option<&'n Probe>,
    /// Findings left out because they were about an unknown part.
    pub suppressed: usize,
}

impl<'s, 'n, 'a> Reporter<'s, 'n, 'a> {
    pub fn new(sink: &'s mut Sink, node: &'n Node<'a>, sources: &'n Sources<'a>, pointer: &'s str) -> Self {
        Reporter {
            sink,
            node,
            sources,
            pointer,
            #[cfg(feature = "forms")]
            probe: None,
            suppressed: 0,
        }
    }

    /// The probe the checks read for a value computed at deploy time; never one in the build
    /// that reads only the API's JSON.
    fn probe(&self) -> Option<&'n Probe> {
        #[cfg(feature = "forms")]
        return self.probe;
        #[cfg(not(feature = "forms"))]
        return None;
    }

    /// The span of `value[start..end]` in the input; the whole value's where it cannot be told.
    pub fn part(&self, start: usize, end: usize) -> Span {
        match (&self.node.value, self.probe()) {
            (Value::String(s), _) => self.sources.locate(s, start, end).unwrap_or(self.node.span),
            (_, Some(probe)) => probe.locate(start, end).unwrap_or(self.node.span),
            _ => self.node.span,
        }
    }

    pub fn whole(&mut self, rule: &'static Rule, message: String) -> Pending<'_> {
        if self.probe().is_some_and(Probe::has_opaque) {
            self.suppressed += 1;
            return self.sink.discard();
        }
        let span = self.node.span;
        self.sink.report(rule, span, self.pointer.to_string(), message)
    }

    pub fn at(&mut self, rule: &'static Rule, start: usize, end: usize, message: String) -> Pending<'_> {
        if self.probe().is_some_and(|p| p.touches_unknown(start, end)) {
            self.suppressed += 1;
            return self.sink.discard();
        }
        let span = self.part(start, end);
        self.sink.report(rule, span, self.pointer.to_string(), message)
    }

    /// A finding about the literal text of a value computed at deploy time, which its parts
    /// cannot change: reported even where the range touches a part.
    pub fn at_literal(&mut self, rule: &'static Rule, start: usize, end: usize, message: String) -> Pending<'_> {
        let span = self.part(start, end);
        self.sink.report(rule, span, self.pointer.to_string(), message)
    }

    /// How `field` is made of parts and literal text, when it holds a part.
    pub fn composition(&self, field: &str) -> Option<super::probe::Composition> {
        self.probe().and_then(|p| p.composition(field))
    }

    /// What `field` (a field of an ARN, a name) holds of a value computed at deploy time: the
    /// kind of the first unknown part in it.
    pub fn unknown_in(&self, field: &str) -> Option<PartKind> {
        self.probe().and_then(|p| p.unknown_in(field))
    }

    /// Whether `name` ends in an unknown part (so that its last characters are not known).
    pub fn ends_unknown(&self, name: &str) -> bool {
        self.probe().is_some_and(|p| p.ends_unknown(name))
    }
}

pub(super) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

pub(super) fn truncate(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= 120 {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("{}…", s.chars().take(120).collect::<String>()))
    }
}
