//! Findings on one string value, pointing into the string where they can.

use crate::diagnostic::{Pending, Sink};
use crate::input::{Node, Sources, Span, Value};
use crate::rule::Rule;
use std::borrow::Cow;

/// Reports findings on one string value, pointing into the string where it can: a string
/// that needed no decoding is a slice of the input (or of a text decoded from it), and
/// [`Sources`] knows where.
pub(super) struct Reporter<'s, 'n, 'a> {
    pub sink: &'s mut Sink,
    pub node: &'n Node<'a>,
    pub sources: &'n Sources<'a>,
    pub pointer: &'s str,
}

impl Reporter<'_, '_, '_> {
    /// The span of `value[start..end]` in the input; the whole value's where it cannot be told.
    pub fn part(&self, start: usize, end: usize) -> Span {
        match &self.node.value {
            Value::String(s) => self.sources.locate(s, start, end).unwrap_or(self.node.span),
            _ => self.node.span,
        }
    }

    pub fn whole(&mut self, rule: &'static Rule, message: String) -> Pending<'_> {
        let span = self.node.span;
        self.sink.report(rule, span, self.pointer.to_string(), message)
    }

    pub fn at(&mut self, rule: &'static Rule, start: usize, end: usize, message: String) -> Pending<'_> {
        let span = self.part(start, end);
        self.sink.report(rule, span, self.pointer.to_string(), message)
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
