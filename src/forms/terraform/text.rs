//! JSON written as Terraform text: a heredoc or quoted string of a `.tf` file, a file that
//! `file()` or `templatefile()` reads, or a JSON string of a plan. Each is decoded into one
//! [`Decoded`] text with where every byte came from, and every interpolation (`${...}`) that
//! is not known offline becomes the marker character of a [`Part`]; after the JSON parser has
//! read the text, [`symbolize`] turns the strings with markers into `Value::Symbolic`.

use crate::input::{Decoded, Member, Node, Part, Span, Symbolic, Value};

/// A decoded text being built, with its parts and whether the JSON scanner is inside a string
/// where the text ends (an unknown value outside a string is written as a quoted marker, so
/// that `"vcpus": ${var.vcpus}` still parses).
#[derive(Debug, Default)]
pub struct Builder {
    pub decoded: Decoded,
    pub parts: Vec<Part>,
    in_string: bool,
    escaped: bool,
    /// A template directive (`%{ if }`) makes the whole text unknown.
    pub directive: bool,
}

impl Builder {
    fn track(&mut self, text: &str) {
        for b in text.bytes() {
            if self.escaped {
                self.escaped = false;
            } else if self.in_string && b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = !self.in_string;
            }
        }
    }

    /// Input bytes from `at` on, copied as they are.
    pub fn copy(&mut self, at: u32, raw: &str) {
        self.track(raw);
        self.decoded.copy(at, raw);
    }

    /// `decoded`, written in the input as the `len` bytes at `at`.
    pub fn escape(&mut self, at: u32, len: u32, decoded: &str) {
        self.track(decoded);
        self.decoded.escape(at, len, decoded);
    }

    /// An unknown value written at `span`: its marker, quoted when outside a JSON string.
    pub fn part(&mut self, part: Part) {
        let marker = Symbolic::marker(self.parts.len()).to_string();
        let (at, len) = (part.span.start, part.span.end.saturating_sub(part.span.start));
        self.parts.push(part);
        if self.in_string {
            self.decoded.escape(at, len, &marker);
        } else {
            self.decoded.escape(at, len, &format!("\"{marker}\""));
        }
    }

    /// A template literal as the input writes it at `at`: `$${` is `${` and `%%{` is `%{`; in
    /// a quoted string the escapes are decoded too.
    pub fn literal(&mut self, at: u32, raw: &str, quoted: bool) {
        let bytes = raw.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let (len, decoded): (usize, Option<String>) = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
                (b'$' | b'%', Some(&next), Some(b'{')) if next == b => (2, Some(char::from(b).to_string())),
                (b'\\', Some(&e), _) if quoted => match e {
                    b'n' => (2, Some("\n".into())),
                    b'r' => (2, Some("\r".into())),
                    b't' => (2, Some("\t".into())),
                    b'"' => (2, Some("\"".into())),
                    b'\\' => (2, Some("\\".into())),
                    b'u' | b'U' => {
                        let digits = if e == b'u' { 4 } else { 8 };
                        let hex = raw.get(i + 2..i + 2 + digits).unwrap_or("");
                        let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                        match c {
                            Some(c) if hex.len() == digits => (2 + digits, Some(c.to_string())),
                            _ => (1, None),
                        }
                    }
                    _ => (1, None),
                },
                _ => (1, None),
            };
            match decoded {
                Some(text) => {
                    self.copy(at + to_u32(run), raw.get(run..i).unwrap_or(""));
                    self.escape(at + to_u32(i), to_u32(len), &text);
                    i += len;
                    run = i;
                }
                None => i += 1,
            }
        }
        self.copy(at + to_u32(run), raw.get(run..).unwrap_or(""));
    }

    /// The raw contents of a JSON string (between its quotes) at `at`, decoded.
    pub fn json_string(&mut self, at: u32, raw: &str) {
        let bytes = raw.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b != b'\\' {
                i += 1;
                continue;
            }
            self.copy(at + to_u32(run), raw.get(run..i).unwrap_or(""));
            let (len, text) = match bytes.get(i + 1) {
                Some(b'u') => {
                    let unit = |from: usize| raw.get(from..from + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
                    match unit(i + 2) {
                        Some(high @ 0xD800..=0xDBFF) => {
                            let low = (raw.get(i + 6..i + 8) == Some("\\u")).then(|| unit(i + 8)).flatten();
                            match low {
                                Some(low @ 0xDC00..=0xDFFF) => {
                                    let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
                                    (12, c.unwrap_or('\u{fffd}').to_string())
                                }
                                _ => (6, '\u{fffd}'.to_string()),
                            }
                        }
                        Some(unit) => (6, char::from_u32(unit).unwrap_or('\u{fffd}').to_string()),
                        None => (2, String::new()),
                    }
                }
                Some(&e) => (
                    2,
                    match e {
                        b'n' => "\n",
                        b'r' => "\r",
                        b't' => "\t",
                        b'b' => "\u{8}",
                        b'f' => "\u{c}",
                        b'/' => "/",
                        b'"' => "\"",
                        _ => "\\",
                    }
                    .to_string(),
                ),
                None => (1, String::new()),
            };
            self.escape(at + to_u32(i), to_u32(len), &text);
            i += len;
            run = i;
        }
        self.copy(at + to_u32(run), raw.get(run..).unwrap_or(""));
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every string of a tree parsed from a decoded text that holds markers becomes the symbolic
/// value of its parts (numbered from 0 in each value); a value that is one marker takes the
/// span of what the input writes there.
pub fn symbolize(node: &mut Node<'_>, parts: &[Part]) {
    if parts.is_empty() {
        return;
    }
    match &mut node.value {
        Value::String(s) => {
            if let Some(symbolic) = symbolic(s, parts) {
                if let Some(part) = symbolic.single() {
                    node.span = part.span;
                }
                node.value = Value::Symbolic(Box::new(symbolic));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|n| symbolize(n, parts)),
        Value::Object(members) => {
            // A member whose name is computed cannot be checked, nor called unknown.
            members.retain(|m| symbolic(&m.key, parts).is_none());
            members.iter_mut().for_each(|m: &mut Member<'_>| symbolize(&mut m.value, parts));
        }
        _ => {}
    }
}

fn symbolic(s: &str, parts: &[Part]) -> Option<Symbolic> {
    let part_of = |c: char| {
        let i = u32::from(c).checked_sub(Symbolic::FIRST_MARKER)?;
        parts.get(usize::try_from(i).ok()?)
    };
    if !s.chars().any(|c| part_of(c).is_some()) {
        return None;
    }
    let mut out = Symbolic { text: String::with_capacity(s.len()), parts: Vec::new() };
    for c in s.chars() {
        match part_of(c) {
            Some(part) => {
                out.text.push(Symbolic::marker(out.parts.len()));
                out.parts.push(part.clone());
            }
            None => out.text.push(c),
        }
    }
    Some(out)
}

/// One unknown value as a node: the text of one marker.
pub fn unknown<'a>(part: Part) -> Node<'a> {
    let span = part.span;
    Node {
        span,
        value: Value::Symbolic(Box::new(Symbolic { text: Symbolic::marker(0).to_string(), parts: vec![part] })),
    }
}

/// A span from a byte range, shifted by `base`.
pub fn span(range: std::ops::Range<usize>, base: u32) -> Span {
    Span { start: base.saturating_add(to_u32(range.start)), end: base.saturating_add(to_u32(range.end)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{json, PartKind};

    #[test]
    fn template_escapes_and_quoted_escapes_map_to_the_input() {
        let mut b = Builder::default();
        b.literal(10, r#"{\"a\": \"$${x}\"}"#, true);
        assert_eq!(b.decoded.text, r#"{"a": "${x}"}"#);
        let node = json::parse(&b.decoded.text).unwrap();
        let a = node.get("a").unwrap();
        // `"${x}"` is written `\"$${x}\"`, 9 bytes from offset 10 + 8.
        assert_eq!(b.decoded.map(a.span), Span::new(18, 27));
    }

    #[test]
    fn unknown_values_outside_strings_are_quoted_markers() {
        let mut b = Builder::default();
        b.copy(0, "{\"vcpus\": ");
        b.part(Part { kind: PartKind::Opaque(None), source: "var.vcpus".into(), span: Span::new(10, 22) });
        b.copy(22, ", \"role\": \"");
        b.part(Part { kind: PartKind::Region, source: "r".into(), span: Span::new(33, 37) });
        b.copy(37, "\"}");
        let mut node = json::parse(&b.decoded.text).unwrap();
        symbolize(&mut node, &b.parts);
        let vcpus = node.get("vcpus").unwrap();
        assert_eq!(vcpus.span, Span::new(10, 22));
        assert_eq!(vcpus.as_symbolic().unwrap().single().unwrap().source, "var.vcpus");
        assert_eq!(node.get("role").unwrap().as_symbolic().unwrap().parts.len(), 1);
    }

    #[test]
    fn members_with_computed_names_are_left_out() {
        let mut b = Builder::default();
        b.copy(0, "{\"");
        b.part(Part { kind: PartKind::Opaque(None), source: "var.k".into(), span: Span::new(2, 10) });
        b.copy(10, "\": 1, \"b\": 2}");
        let mut node = json::parse(&b.decoded.text).unwrap();
        symbolize(&mut node, &b.parts);
        let keys: Vec<&str> = node.as_object().unwrap().iter().map(|m| &*m.key).collect();
        assert_eq!(keys, ["b"]);
    }

    #[test]
    fn json_strings_decode_with_surrogates() {
        let mut b = Builder::default();
        b.json_string(0, r#"{\"a\":\"\ud83d\ude00\u003c\"}"#);
        assert_eq!(b.decoded.text, "{\"a\":\"😀<\"}");
    }
}
