//! A CloudFormation template in YAML, read into the document tree with byte spans.
//!
//! `saphyr-parser`'s pull parser gives every event with its start and end (in characters, which
//! `CharOffsets` turns into bytes); this module builds the tree with its own stack, so that deep
//! input costs heap, never stack. What CloudFormation reads differently from YAML 1.2 is done
//! here: short-form tags are intrinsic functions (`!Sub x` is `{"Fn::Sub": x}`, `!Ref x` is
//! `{"Ref": x}`, as cfn-lint reads them), unquoted `yes`/`no`/`on`/`off` are booleans (YAML 1.1),
//! and what it does not support is refused: anchors, aliases (never expanded, so a
//! billion-laughs document costs its own size), merge keys, the `!!binary`-style tags and a
//! second document.

use super::yaml11_boolean;
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::forms::syntax::NESTING_TOO_DEEP;
use crate::input::json::MAX_DEPTH;
use crate::input::{Member, Node, Part, PartKind, Span, Symbolic, Value};
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::borrow::Cow;

declare_rules! {
    family: Syntax;

    INVALID_YAML = "BL108" "invalid-yaml" Error {
        summary: "the template is not valid YAML",
        help: "Fix the YAML at the marked position: indent with spaces (never tabs), close every bracket and quote, and keep one template per file.",
        why: "CloudFormation refuses a template it cannot parse (`Template format error: YAML not well-formed`), and so does `aws cloudformation deploy`; nothing in it is deployed. A file with a second document (`---`) is refused too: cfn-lint reads a template as one document.",
        bad: "Resources:\n\tJob:\n\t\tType: AWS::Batch::JobDefinition",
        good: "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition",
    }

    YAML_FEATURE_NOT_SUPPORTED = "BL109" "yaml-feature-not-supported" Error {
        summary: "the template uses a YAML feature that CloudFormation does not support",
        help: "Write the value out where it is used instead of an anchor (`&name`) and alias (`*name`) or a merge key (`<<`), and drop `!!binary`-style tags: CloudFormation has `Mappings`, parameters and `!FindInMap` for shared values.",
        why: "The CloudFormation User Guide (template formats): \"AWS CloudFormation doesn't support the following features: The binary, omap, pairs, set, and timestamp tags; Aliases; Hash merges.\" batchlint never expands an alias, so a document built to explode when expanded (\"billion laughs\") costs no more than its own size.",
        bad: "Image: &image public.ecr.aws/docker/library/busybox:latest\nOther: *image",
        good: "Image: public.ecr.aws/docker/library/busybox:latest\nOther: public.ecr.aws/docker/library/busybox:latest",
    }
}

/// Reads `text` (a whole template) into its tree; `None` after reporting when it does not
/// parse. Findings point into `text`.
pub fn parse<'a>(text: &'a str, sink: &mut Sink) -> Option<Node<'a>> {
    // saphyr-parser refuses a tab after a mapping's `:` (`Key:<TAB>value`), which YAML allows
    // (a tab is white space between tokens): such a tab is read as a space, in a copy whose
    // offsets are the input's. Bounded, so that a file of such tabs costs a few passes.
    let mut patched: Option<String> = None;
    for _ in 0..MAX_TAB_PATCHES {
        let source = patched.as_deref().unwrap_or(text);
        match Builder::new(text, source).run(sink) {
            Outcome::Done(root) => return root,
            Outcome::TabAfterColon(at) => {
                let mut copy = patched.take().unwrap_or_else(|| text.to_string());
                if copy.as_bytes().get(at) != Some(&b'\t') {
                    return None;
                }
                copy.replace_range(at..at + 1, " ");
                patched = Some(copy);
            }
        }
    }
    let source = patched.as_deref().unwrap_or(text);
    match Builder::new(text, source).run(sink) {
        Outcome::Done(root) => root,
        Outcome::TabAfterColon(at) => {
            let span = Span::new(at, at + 1);
            sink.report(&INVALID_YAML, span, "", "too many tabs after `:`; write a space after each `:`");
            None
        }
    }
}

const MAX_TAB_PATCHES: usize = 64;

enum Outcome<'a> {
    Done(Option<Node<'a>>),
    /// The parser refused the tab at this byte after a `:`; parse again with a space there.
    TabAfterColon(usize),
}

/// Byte offsets of character indexes (saphyr-parser's markers count characters).
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    /// The byte offset of every `STEP`-th character.
    checkpoints: Vec<u32>,
}

const STEP: usize = 64;

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices().step_by(STEP).map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX)).collect()
        };
        CharOffsets { text, ascii, checkpoints }
    }

    fn byte(&self, chars: usize) -> usize {
        if self.ascii {
            return chars.min(self.text.len());
        }
        let Some(&base) = self.checkpoints.get(chars / STEP) else { return self.text.len() };
        let base = base as usize;
        let rest = self.text.get(base..).unwrap_or("");
        rest.char_indices().nth(chars % STEP).map_or(self.text.len(), |(i, _)| base + i)
    }
}

/// A collection being read: its start (after any tag and anchor), its entries, and the
/// intrinsic function its tag names.
struct Frame<'a> {
    start: usize,
    flow: bool,
    /// The end of the last entry, for a block collection's span.
    last_end: usize,
    kind: FrameKind<'a>,
    tag: Option<Wrapper<'a>>,
}

enum FrameKind<'a> {
    Seq(Vec<Node<'a>>),
    Map { members: Vec<Member<'a>>, key: Option<Key<'a>> },
}

enum Key<'a> {
    Name(Cow<'a, str>, Span),
    /// A key that is not kept (a merge key, or one that is not a string), with its value.
    Dropped,
}

/// A short-form tag (`!Sub`): the value becomes `{"Fn::Sub": value}`.
struct Wrapper<'a> {
    key: Cow<'a, str>,
    key_span: Span,
    /// Where the tagged node starts (at its tag).
    start: usize,
}

struct Builder<'a, 's> {
    text: &'a str,
    source: &'s str,
    offsets: CharOffsets<'s>,
    stack: Vec<Frame<'a>>,
    /// Levels open, counting the object a tag wraps its value in.
    depth: usize,
    root: Option<Node<'a>>,
    documents: usize,
}

impl<'a, 's> Builder<'a, 's> {
    fn new(text: &'a str, source: &'s str) -> Builder<'a, 's> {
        Builder {
            text,
            source,
            offsets: CharOffsets::new(source),
            stack: Vec::new(),
            depth: 0,
            root: None,
            documents: 0,
        }
    }

    fn run(mut self, sink: &mut Sink) -> Outcome<'a> {
        let mut parser = Parser::new_from_str(self.source);
        loop {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(e)) => e,
                Some(Err(err)) => {
                    let at = self.offsets.byte(err.marker().index());
                    if let Some(tab) = self.tab_after_colon(err.info(), at) {
                        return Outcome::TabAfterColon(tab);
                    }
                    self.report_scan_error(err.info(), at, sink);
                    return Outcome::Done(None);
                }
            };
            let (start, end) = (self.offsets.byte(span.start.index()), self.offsets.byte(span.end.index()));
            match event {
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        let message = "a template is one YAML document; this file starts a second one here";
                        sink.report(&INVALID_YAML, Span::new(start, end.max(start + 1)), "", message)
                            .help("Keep one template per file: remove the `---` and what follows it, or move it to a file of its own.");
                        break;
                    }
                }
                Event::Alias(_) => {
                    let span = Span::new(start, end);
                    sink.report(
                        &YAML_FEATURE_NOT_SUPPORTED,
                        span,
                        "",
                        format!("CloudFormation does not support YAML aliases (`{}`)", self.slice(start, end)),
                    );
                    let symbolic = Symbolic {
                        text: Symbolic::marker(0).to_string(),
                        parts: vec![Part { kind: PartKind::Opaque(None), source: String::new(), span }],
                    };
                    let node = Node { span, value: Value::Symbolic(Box::new(symbolic)) };
                    if !self.push(node, sink) {
                        return Outcome::Done(None);
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let node = self.scalar(&value, style, anchor, tag.as_deref(), start, end, sink);
                    if !self.push(node, sink) {
                        return Outcome::Done(None);
                    }
                }
                Event::SequenceStart(anchor, tag) => {
                    if !self.open(false, anchor, tag.as_deref(), start, end, sink) {
                        return Outcome::Done(None);
                    }
                }
                Event::MappingStart(anchor, tag) => {
                    if !self.open(true, anchor, tag.as_deref(), start, end, sink) {
                        return Outcome::Done(None);
                    }
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if !self.close(start, sink) {
                        return Outcome::Done(None);
                    }
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        Outcome::Done(self.root.take())
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// The byte of the tab that saphyr-parser refused after a `:`, when that is the error.
    fn tab_after_colon(&self, info: &str, at: usize) -> Option<usize> {
        if info != "':' must be followed by a valid YAML whitespace" {
            return None;
        }
        let bytes = self.source.as_bytes();
        // The marker is around the `:` and the tab.
        (at.saturating_sub(2)..at + 2)
            .find(|&i| bytes.get(i) == Some(&b'\t') && i > 0 && bytes.get(i - 1) == Some(&b':'))
    }

    fn report_scan_error(&self, info: &str, at: usize, sink: &mut Sink) {
        let char_end = |i: usize| self.text.get(i..).and_then(|r| r.chars().next()).map_or(i, |c| i + c.len_utf8());
        // A tab in a line's indentation (saphyr-parser says so in several ways, depending on
        // what the line continues): point at the first tab.
        let bytes = self.text.as_bytes();
        let line_start =
            bytes.get(..at.min(bytes.len())).and_then(|b| b.iter().rposition(|&c| c == b'\n')).map_or(0, |i| i + 1);
        let indent = bytes.get(line_start..).unwrap_or(&[]).iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        let mut tab = (line_start..line_start + indent)
            .find(|&i| bytes.get(i) == Some(&b'\t'))
            .filter(|_| at <= line_start + indent + 1);
        if tab.is_none() && crate::small::contains(info, "found a tab") {
            // Said at the start of the scalar the tab's line would continue.
            tab = indentation_tab(bytes, at);
        }
        if let Some(tab) = tab {
            sink.report(
                &INVALID_YAML,
                Span::new(tab, tab + 1),
                "",
                "a tab indents this line; YAML indents with spaces only",
            )
            .help("Replace the tabs at the start of the line with spaces.");
            return;
        }
        if info == "recursion limit exceeded" {
            let message = format!("the document is nested more than {MAX_DEPTH} levels deep");
            sink.report(&NESTING_TOO_DEEP, Span::new(at, char_end(at)), "", message);
            return;
        }
        sink.report(&INVALID_YAML, Span::new(at, char_end(at)), "", format!("invalid YAML: {info}"));
    }

    /// The node properties (tag, anchor) at the start of `start..end`: where the value itself
    /// starts, the tag's span and the anchor's span.
    fn properties(&self, start: usize, end: usize) -> (usize, Option<Span>, Option<Span>) {
        let bytes = self.text.as_bytes();
        let (mut at, mut tag, mut anchor) = (start, None, None);
        loop {
            match bytes.get(at) {
                Some(b'!') if tag.is_none() => {
                    let token_end = token_end(bytes, at, end);
                    tag = Some(Span::new(at, token_end));
                    at = token_end;
                }
                Some(b'&') if anchor.is_none() => {
                    let token_end = token_end(bytes, at, end);
                    anchor = Some(Span::new(at, token_end));
                    at = token_end;
                }
                _ => break,
            }
            at = skip_separation(bytes, at, end);
        }
        (at, tag, anchor)
    }

    fn report_anchor(&self, anchor: usize, span: Option<Span>, start: usize, sink: &mut Sink) {
        if anchor == 0 {
            return;
        }
        let span = span.unwrap_or(Span::new(start, start + 1));
        let name = self.slice(span.start as usize, span.end as usize);
        sink.report(
            &YAML_FEATURE_NOT_SUPPORTED,
            span,
            "",
            format!("CloudFormation does not support YAML anchors (`{name}`)"),
        );
    }

    /// The intrinsic function a tag stands for, or `None` (after reporting an unsupported one)
    /// for a tag that only says the node's YAML type.
    fn wrapper(&self, tag: &Tag, span: Option<Span>, start: usize, sink: &mut Sink) -> Option<Wrapper<'a>> {
        let key_span = span.unwrap_or(Span::new(start, start));
        if tag.handle == "!" && !tag.suffix.is_empty() {
            // `!Ref` and `!Condition` keep their names; every other `!X` is `Fn::X` (cfn-lint's
            // reading, which the CloudFormation User Guide's short forms follow).
            let written = self.slice(key_span.start as usize + 1, key_span.end as usize);
            let key = match tag.suffix.as_str() {
                "Ref" | "Condition" if written == tag.suffix => Cow::Borrowed(written),
                suffix => Cow::Owned(format!("Fn::{suffix}")),
            };
            return Some(Wrapper { key, key_span, start });
        }
        if tag.handle != CORE_TAGS
            || !matches!(tag.suffix.as_str(), "str" | "int" | "float" | "bool" | "null" | "map" | "seq")
        {
            let written = self.slice(key_span.start as usize, key_span.end as usize);
            sink.report(
                &YAML_FEATURE_NOT_SUPPORTED,
                key_span,
                "",
                format!("CloudFormation does not support the YAML tag `{written}`"),
            );
        }
        None
    }

    #[allow(clippy::too_many_arguments)] // the parts of one scalar event
    fn scalar(
        &self,
        value: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        start: usize,
        end: usize,
        sink: &mut Sink,
    ) -> Node<'a> {
        let (at, tag_span, anchor_span) = self.properties(start, end);
        self.report_anchor(anchor, anchor_span, start, sink);
        let wrapper = tag.and_then(|t| self.wrapper(t, tag_span, start, sink));
        let core = tag.filter(|t| t.handle == CORE_TAGS).map(|t| t.suffix.as_str());
        let raw = self.slice(at, end);
        let (span, text): (Span, Cow<'a, str>) = match style {
            ScalarStyle::Plain if raw == value => (Span::new(at, end), Cow::Borrowed(raw)),
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
                let text =
                    if inner == value && raw.len() >= 2 { Cow::Borrowed(inner) } else { Cow::Owned(value.to_string()) };
                (Span::new(at, end), text)
            }
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let trimmed = raw.trim_end_matches([' ', '\t', '\r', '\n']);
                (Span::new(at, at + trimmed.len()), Cow::Owned(value.to_string()))
            }
            ScalarStyle::Plain => (Span::new(at, end), Cow::Owned(value.to_string())),
        };
        let plain = style == ScalarStyle::Plain;
        let value = match (core, &text) {
            (Some("str"), _) => Value::String(text),
            (Some("null"), _) => Value::Null,
            (Some("bool"), t) if matches!(t.as_ref(), "true" | "false") => Value::Bool(t.as_ref() == "true"),
            (Some("int" | "float"), Cow::Borrowed(t)) if is_json_number(t) => Value::Number(t),
            (_, Cow::Borrowed(t)) if plain && wrapper.is_none() && core.is_none() => resolve_plain(t),
            (_, t) if plain && wrapper.is_none() && core.is_none() && t.is_empty() => Value::Null,
            _ => Value::String(text),
        };
        let node = Node { span, value };
        match wrapper {
            Some(w) => wrap(w, node, end),
            None => node,
        }
    }

    fn open(&mut self, map: bool, anchor: usize, tag: Option<&Tag>, start: usize, end: usize, sink: &mut Sink) -> bool {
        let (at, tag_span, anchor_span) = self.properties(start, end.max(start));
        self.report_anchor(anchor, anchor_span, start, sink);
        let wrapper = tag.and_then(|t| self.wrapper(t, tag_span, start, sink));
        self.depth += 1 + usize::from(wrapper.is_some());
        if self.depth > MAX_DEPTH {
            let message = format!("the document is nested more than {MAX_DEPTH} levels deep");
            let char_end = self.text.get(at..).and_then(|r| r.chars().next()).map_or(at, |c| at + c.len_utf8());
            sink.report(&NESTING_TOO_DEEP, Span::new(at, char_end), "", message);
            return false;
        }
        let flow = matches!(self.text.as_bytes().get(at), Some(b'[' | b'{'));
        let kind = if map { FrameKind::Map { members: Vec::new(), key: None } } else { FrameKind::Seq(Vec::new()) };
        self.stack.push(Frame { start: at, flow, last_end: at, kind, tag: wrapper });
        true
    }

    fn close(&mut self, start: usize, sink: &mut Sink) -> bool {
        let Some(frame) = self.stack.pop() else { return true };
        self.depth = self.depth.saturating_sub(1 + usize::from(frame.tag.is_some()));
        let end = if frame.flow { start + 1 } else { frame.last_end };
        let value = match frame.kind {
            FrameKind::Seq(items) => Value::Array(items),
            FrameKind::Map { members, .. } => Value::Object(members),
        };
        let node = Node { span: Span::new(frame.start, end.max(frame.start)), value };
        let node = match frame.tag {
            Some(w) => wrap(w, node, end),
            None => node,
        };
        self.push(node, sink)
    }

    /// Adds a finished node to the collection being read (or makes it the document).
    fn push(&mut self, node: Node<'a>, sink: &mut Sink) -> bool {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return true;
        };
        frame.last_end = frame.last_end.max(node.span.end as usize);
        match &mut frame.kind {
            FrameKind::Seq(items) => items.push(node),
            FrameKind::Map { members, key } => match key.take() {
                Some(Key::Name(name, key_span)) => {
                    members.push(Member { key: name, key_span, value: node, source_key: None })
                }
                Some(Key::Dropped) => {}
                None => *key = Some(self_key(self.text, node, sink)),
            },
        }
        true
    }
}

/// The tag handle saphyr-parser gives `!!str`, `!!int`, ...
const CORE_TAGS: &str = "tag:yaml.org,2002:";

/// A mapping's key: a string (the text of any scalar), else dropped after reporting.
fn self_key<'a>(text: &'a str, node: Node<'a>, sink: &mut Sink) -> Key<'a> {
    let (span, opening) = (node.span, node.opening_span());
    let name: Option<Cow<'a, str>> = match node.value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(Cow::Borrowed(n)),
        Value::Bool(_) | Value::Null => {
            Some(Cow::Borrowed(text.get(span.start as usize..span.end as usize).unwrap_or("")))
        }
        _ => None,
    };
    match name {
        Some(name) if name == "<<" => {
            let message = "CloudFormation does not support YAML merge keys (`<<`)";
            sink.report(&YAML_FEATURE_NOT_SUPPORTED, span, "", message);
            Key::Dropped
        }
        Some(name) => Key::Name(name, span),
        None => {
            sink.report(&INVALID_YAML, opening, "", "a key of a template is a string, not a list, mapping or function")
                .help("Write the key as plain text (`Key: value`).");
            Key::Dropped
        }
    }
}

/// The first tab after `from` that indents a line.
fn indentation_tab(bytes: &[u8], from: usize) -> Option<usize> {
    let mut line_start = false;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b'\n' => line_start = true,
            b'\t' if line_start => return Some(i),
            b' ' | b'\r' => {}
            _ => line_start = false,
        }
    }
    None
}

/// `{"Fn::X": node}` for a node written `!X node`, spanning the tag through the value.
fn wrap<'a>(w: Wrapper<'a>, node: Node<'a>, end: usize) -> Node<'a> {
    let end = end.max(node.span.end as usize).max(w.start);
    let span = Span::new(w.start, end);
    Node {
        span,
        value: Value::Object(vec![Member { key: w.key, key_span: w.key_span, value: node, source_key: None }]),
    }
}

/// The end of a token (a tag or an anchor): the next white space.
fn token_end(bytes: &[u8], from: usize, end: usize) -> usize {
    (from..end).find(|&i| matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r' | b'\n') | None)).unwrap_or(end)
}

/// Skips white space, line breaks and comments between node properties and the value.
fn skip_separation(bytes: &[u8], mut at: usize, end: usize) -> usize {
    while at < end {
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => at += 1,
            Some(b'#') => {
                while at < end && !matches!(bytes.get(at), Some(b'\n') | None) {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    at
}

/// A plain scalar's value as CloudFormation's YAML 1.1 reading gives it: null, a boolean
/// (`yes`/`no`/`on`/`off` too), a number, else a string.
fn resolve_plain(text: &str) -> Value<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        t if yaml11_boolean(t).is_some() => Value::Bool(yaml11_boolean(t) == Some(true)),
        t if is_json_number(t) => Value::Number(t),
        t => Value::String(Cow::Borrowed(t)),
    }
}

/// Whether `t` is a number as JSON writes one (`-12`, `0.5`, `1e3`): what the rest of the
/// checks read as a number. YAML's other numbers (`0x1F`, `+1`, `.5`, `1_000`) stay strings.
fn is_json_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_indexes_become_byte_offsets() {
        let text = "é🦀abc".repeat(40);
        let offsets = CharOffsets::new(&text);
        for (chars, (bytes, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.byte(chars), bytes);
        }
        assert_eq!(offsets.byte(text.chars().count()), text.len());
        assert_eq!(offsets.byte(10_000), text.len());
    }

    #[test]
    fn numbers_are_json_numbers() {
        for yes in ["0", "-1", "12", "0.5", "1e3", "1.5E-2"] {
            assert!(is_json_number(yes), "{yes}");
        }
        for no in ["", "-", "01", "+1", ".5", "1.", "0x1F", "1_000", "1e", "inf"] {
            assert!(!is_json_number(no), "{no}");
        }
    }
}
