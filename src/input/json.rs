//! A JSON parser that keeps the byte span of every value and key.
//!
//! `serde_json` throws positions away, and a validator's whole output is positions, so the
//! core parses into its own tree. Strings borrow from the input unless they contain escapes.
//! The parser never panics: every byte access is checked, nesting is bounded, and the first
//! syntax error is returned with its span and what was expected there.

use super::tree::{Member, Node, Span, Value};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub kind: SyntaxErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    Syntax,
    TooDeep,
}

/// Nesting deeper than this is refused. A real job definition is about ten levels deep;
/// the bound keeps a hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Parses a whole document. A leading byte-order mark is skipped.
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: 0, depth: 0, members: Vec::new(), items: Vec::new() };
    if text.starts_with('\u{feff}') {
        parser.pos = '\u{feff}'.len_utf8();
    }
    parser.skip_whitespace()?;
    if parser.pos >= parser.bytes.len() {
        return Err(parser.error_at(parser.pos, "expected a JSON document, found the end of the input"));
    }
    let node = parser.value()?;
    parser.skip_whitespace()?;
    if parser.pos < parser.bytes.len() {
        let found = parser.describe_here();
        return Err(
            parser.error_here(format!("expected the end of the input after the top-level value, found {found}"))
        );
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Scratch stacks for the members and elements of the objects and arrays being parsed:
    /// each container pushes above the entries of its parents and, once closed, moves its
    /// own into one exactly sized `Vec` (`split_off`). Growing a `Vec` per container by
    /// pushing reallocated several times for every object.
    members: Vec<Member<'a>>,
    items: Vec<Node<'a>>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error_at(&self, pos: usize, message: impl Into<String>) -> SyntaxError {
        let end = self.char_end(pos);
        SyntaxError { message: message.into(), span: Span::new(pos, end), kind: SyntaxErrorKind::Syntax }
    }

    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(self.pos, message)
    }

    /// The end of the character that starts at `pos`, so that an error span covers one
    /// whole character (and never splits a multi-byte one).
    fn char_end(&self, pos: usize) -> usize {
        self.text.get(pos..).and_then(|rest| rest.chars().next()).map_or(pos, |c| pos + c.len_utf8())
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|rest| rest.chars().next()) {
            None => "the end of the input".to_string(),
            Some(c) if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
            Some(c) => format!("`{c}`"),
        }
    }

    fn skip_whitespace(&mut self) -> Result<(), SyntaxError> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(self.error_here("comments are not allowed in JSON"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node { span: Span::new(start, self.pos), value: Value::String(s) })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'\'') => Err(self.error_here("strings in JSON use double quotes, not single quotes")),
            _ => {
                let found = self.describe_here();
                Err(self.error_here(format!(
                    "expected a value (an object, array, string, number, true, false or null), found {found}"
                )))
            }
        }
    }

    fn literal(&mut self, word: &'static str, value: Value<'a>) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        if self.bytes.get(start..start + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node { span: Span::new(start, self.pos), value })
        } else {
            let end = self.word_end(start);
            let found = self.text.get(start..end).unwrap_or("");
            Err(SyntaxError {
                message: format!("expected a value, found `{found}` (did you mean `{word}`?)"),
                span: Span::new(start, end.max(self.char_end(start))),
                kind: SyntaxErrorKind::Syntax,
            })
        }
    }

    fn word_end(&self, from: usize) -> usize {
        let mut end = from;
        while let Some(b) = self.bytes.get(end) {
            if b.is_ascii_alphanumeric() || *b == b'_' {
                end += 1;
            } else {
                break;
            }
        }
        end
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let mut err = self.error_here(format!("the document is nested more than {MAX_DEPTH} levels deep"));
            err.kind = SyntaxErrorKind::TooDeep;
            return Err(err);
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1; // `{`
        let base = self.members.len();
        self.skip_whitespace()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Node { span: Span::new(start, self.pos), value: Value::Object(Vec::new()) });
        }
        loop {
            self.skip_whitespace()?;
            let key_start = self.pos;
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if self.members.len() > base => {
                    return Err(self.error_here("trailing commas are not allowed in JSON: remove the `,` before `}`"));
                }
                Some(b'\'') => return Err(self.error_here("object keys in JSON use double quotes, not single quotes")),
                _ => {
                    let found = self.describe_here();
                    return Err(self.error_here(format!("expected a member name in double quotes, found {found}")));
                }
            }
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_whitespace()?;
            if self.peek() != Some(b':') {
                let found = self.describe_here();
                return Err(self.error_here(format!("expected `:` after the member name, found {found}")));
            }
            self.pos += 1;
            self.skip_whitespace()?;
            let value = self.value()?;
            self.members.push(Member { key, key_span, value, source_key: None });
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    let found = self.describe_here();
                    return Err(self.error_here(format!("expected `,` or `}}` after an object member, found {found}")));
                }
            }
        }
        self.depth -= 1;
        Ok(Node { span: Span::new(start, self.pos), value: Value::Object(self.members.split_off(base)) })
    }

    fn array(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1; // `[`
        let base = self.items.len();
        self.skip_whitespace()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Node { span: Span::new(start, self.pos), value: Value::Array(Vec::new()) });
        }
        loop {
            self.skip_whitespace()?;
            if self.peek() == Some(b']') && self.items.len() > base {
                return Err(self.error_here("trailing commas are not allowed in JSON: remove the `,` before `]`"));
            }
            let item = self.value()?;
            self.items.push(item);
            self.skip_whitespace()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    let found = self.describe_here();
                    return Err(self.error_here(format!("expected `,` or `]` after an array element, found {found}")));
                }
            }
        }
        self.depth -= 1;
        Ok(Node { span: Span::new(start, self.pos), value: Value::Array(self.items.split_off(base)) })
    }

    fn number(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error_at(start, "numbers in JSON cannot have leading zeros"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_here("expected a digit in the number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        let raw = self.text.get(start..self.pos).unwrap_or("0");
        Ok(Node { span: Span::new(start, self.pos), value: Value::Number(raw) })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// Parses a string starting at the opening quote. Borrows when there is no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let content_start = self.pos;
        // Fast path: scan to the closing quote; most strings have no escape.
        loop {
            match self.peek() {
                None => return Err(self.error_at(open, "this string is never closed: expected `\"`")),
                Some(b'"') => {
                    let s = self.text.get(content_start..self.pos).unwrap_or("");
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(b) if b < 0x20 => return Err(self.control_in_string(b)),
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(self.text.get(content_start..self.pos).unwrap_or(""));
        loop {
            match self.peek() {
                None => return Err(self.error_at(open, "this string is never closed: expected `\"`")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(b) if b < 0x20 => return Err(self.control_in_string(b)),
                Some(_) => {
                    // Copy a run of plain characters at once.
                    let run_start = self.pos;
                    while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                        self.pos += 1;
                    }
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
                }
            }
        }
    }

    fn control_in_string(&self, b: u8) -> SyntaxError {
        let what = match b {
            b'\n' => "a line break".to_string(),
            b'\t' => "a tab".to_string(),
            0 => "a NUL character".to_string(),
            _ => format!("the control character U+{b:04X}"),
        };
        self.error_here(format!("{what} is not allowed inside a JSON string: escape it (`\\n`, `\\t`, `\\u00XX`)"))
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1; // backslash
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4(start)?;
                let c = if (0xD800..0xDC00).contains(&unit) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.lone_surrogate(start));
                    }
                    self.pos += 2;
                    let low = self.hex4(start)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.lone_surrogate(start));
                    }
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                } else if (0xDC00..0xE000).contains(&unit) {
                    return Err(self.lone_surrogate(start));
                } else {
                    char::from_u32(unit)
                };
                out.push(c.unwrap_or('\u{fffd}'));
                return Ok(());
            }
            _ => {
                return Err(SyntaxError {
                    message:
                        "invalid escape in a JSON string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
                            .to_string(),
                    span: Span::new(start, self.char_end(self.pos).max(start + 1)),
                    kind: SyntaxErrorKind::Syntax,
                });
            }
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn lone_surrogate(&self, start: usize) -> SyntaxError {
        SyntaxError {
            message: "this `\\u` escape is half of a UTF-16 surrogate pair: a lone surrogate is not a valid character"
                .to_string(),
            span: Span::new(start, self.pos.max(start + 1)),
            kind: SyntaxErrorKind::Syntax,
        }
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, SyntaxError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16));
            match digit {
                Some(d) => {
                    value = value * 16 + d;
                    self.pos += 1;
                }
                None => {
                    return Err(SyntaxError {
                        message: "expected four hexadecimal digits after `\\u`".to_string(),
                        span: Span::new(escape_start, self.char_end(self.pos).max(self.pos)),
                        kind: SyntaxErrorKind::Syntax,
                    });
                }
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SyntaxError {
        parse(text).unwrap_err()
    }

    #[test]
    fn parses_nested_values_with_spans() {
        let doc = parse(r#" {"a": [1, "x\ny", true, null], "b": {}} "#).unwrap();
        assert_eq!(doc.span, Span::new(1, 40));
        let a = doc.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[0].value, Value::Number("1"));
        assert_eq!(a[1].as_str(), Some("x\ny"));
        assert_eq!(a[1].span, Span::new(11, 17));
        assert_eq!(doc.member("b").unwrap().key_span, Span::new(32, 35));
    }

    #[test]
    fn borrows_strings_without_escapes() {
        let doc = parse(r#"["plain", "esc\"aped"]"#).unwrap();
        let items = doc.as_array().unwrap();
        assert!(matches!(&items[0].value, Value::String(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1].value, Value::String(Cow::Owned(s)) if s == "esc\"aped"));
    }

    #[test]
    fn decodes_surrogate_pairs_and_rejects_lone_ones() {
        assert_eq!(parse(r#""\ud83d\ude00""#).unwrap().as_str(), Some("😀"));
        assert!(err(r#""\ud83d""#).message.contains("lone surrogate"));
        assert!(err(r#""\ude00x""#).message.contains("lone surrogate"));
    }

    #[test]
    fn accepts_a_bom() {
        assert!(parse("\u{feff}{}").is_ok());
    }

    #[test]
    fn explains_common_mistakes() {
        assert_eq!(err(r#"{"a": 1,}"#).message, "trailing commas are not allowed in JSON: remove the `,` before `}`");
        assert_eq!(err("[1,]").message, "trailing commas are not allowed in JSON: remove the `,` before `]`");
        assert_eq!(err("{} // x").message, "comments are not allowed in JSON");
        assert_eq!(err("{'a': 1}").message, "object keys in JSON use double quotes, not single quotes");
        assert_eq!(err(r#"{"a" 1}"#).message, "expected `:` after the member name, found `1`");
        assert_eq!(err(r#"{"a": 1 "b": 2}"#).message, "expected `,` or `}` after an object member, found `\"`");
        assert_eq!(err("").message, "expected a JSON document, found the end of the input");
        assert_eq!(err("   ").span, Span::new(3, 3));
        assert_eq!(err("tru").message, "expected a value, found `tru` (did you mean `true`?)");
        assert_eq!(err("{} {}").message, "expected the end of the input after the top-level value, found `{`");
        assert_eq!(err("01").message, "numbers in JSON cannot have leading zeros");
    }

    #[test]
    fn truncated_documents_point_at_the_end() {
        let e = err(r#"{"a": [1, 2"#);
        assert_eq!(e.message, "expected `,` or `]` after an array element, found the end of the input");
        assert_eq!(e.span, Span::new(11, 11));
        let e = err(r#"{"a": "open"#);
        assert_eq!(e.message, "this string is never closed: expected `\"`");
        assert_eq!(e.span, Span::new(6, 7));
    }

    #[test]
    fn bounds_the_depth() {
        let deep = "[".repeat(100_000);
        let e = err(&deep);
        assert_eq!(e.kind, SyntaxErrorKind::TooDeep);
        assert_eq!(e.span.start, MAX_DEPTH as u32);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn control_characters_in_strings_are_errors() {
        assert!(err("\"a\u{0}b\"").message.starts_with("a NUL character is not allowed"));
        assert!(err("\"a\nb\"").message.starts_with("a line break is not allowed"));
    }

    #[test]
    fn integers_are_told_apart_from_other_numbers() {
        assert_eq!(parse("42").unwrap().as_integer(), Some(42));
        assert_eq!(parse("-0").unwrap().as_integer(), Some(0));
        assert_eq!(parse("1.5").unwrap().as_integer(), None);
        assert_eq!(parse("1e999").unwrap().as_integer(), None);
        assert_eq!(parse("99999999999999999999").unwrap().as_integer(), None);
    }
}
