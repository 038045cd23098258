//! A text decoded from part of the input (a JSON document inside a JSON string of a plan, the
//! JSON of a `.tf` heredoc or of a file the module reads), with where each piece of it came
//! from, so that the tree parsed from it can point into the user's own file.
//!
//! The text is built piece by piece: a run copied byte for byte from the input, an escape
//! that decodes to other bytes than it is written with, or text that stands for something
//! else (the marker of an interpolation). [`Decoded::map`] takes a span of the text to the
//! input: a span that starts or ends inside an escape covers the whole escape.

use super::tree::{Member, Node, Span, Value};

/// A text decoded from the input; `base` is added to every offset (a file other than the
/// input has its offsets above the input's, see [`super::Sources::add_file`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `(offset in text, offset in the input, bytes in the input)`, in order: a piece whose
    /// length in the text equals its length in the input maps byte for byte.
    pieces: Vec<(u32, u32, u32)>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Decoded {
    pub fn new() -> Decoded {
        Decoded::default()
    }

    /// Appends `raw`, which is the input's bytes from offset `at` on.
    pub fn copy(&mut self, at: u32, raw: &str) {
        if raw.is_empty() {
            return;
        }
        // Extend the last piece when it maps byte for byte and ends where this one starts.
        if let Some(last) = self.pieces.last_mut() {
            let text_len = to_u32(self.text.len()) - last.0;
            if text_len == last.2 && last.1.checked_add(last.2) == Some(at) {
                last.2 = last.2.saturating_add(to_u32(raw.len()));
                self.text.push_str(raw);
                return;
            }
        }
        self.pieces.push((to_u32(self.text.len()), at, to_u32(raw.len())));
        self.text.push_str(raw);
    }

    /// Appends `decoded`, which the input writes as the `raw_len` bytes at `at` (an escape,
    /// an interpolation's marker).
    pub fn escape(&mut self, at: u32, raw_len: u32, decoded: &str) {
        if decoded.is_empty() {
            return;
        }
        self.pieces.push((to_u32(self.text.len()), at, raw_len));
        self.text.push_str(decoded);
    }

    /// Where the text's offset `offset` is in the input, as the start of a span.
    fn start(&self, offset: u32) -> u32 {
        let i = self.pieces.partition_point(|p| p.0 <= offset).saturating_sub(1);
        let Some(&(local, global, raw_len)) = self.pieces.get(i) else { return 0 };
        let len = self.piece_len(i);
        if len == raw_len {
            global.saturating_add(offset.saturating_sub(local).min(raw_len))
        } else {
            global
        }
    }

    /// Where the text's offset `offset` is in the input, as the end of a span (after the byte
    /// before it).
    fn end(&self, offset: u32) -> u32 {
        if offset == 0 {
            return self.start(0);
        }
        let before = offset - 1;
        let i = self.pieces.partition_point(|p| p.0 <= before).saturating_sub(1);
        let Some(&(local, global, raw_len)) = self.pieces.get(i) else { return 0 };
        let len = self.piece_len(i);
        if len == raw_len {
            global.saturating_add((offset - local).min(raw_len))
        } else {
            global.saturating_add(raw_len)
        }
    }

    fn piece_len(&self, i: usize) -> u32 {
        let start = self.pieces.get(i).map_or(0, |p| p.0);
        let end = self.pieces.get(i + 1).map_or(to_u32(self.text.len()), |p| p.0);
        end.saturating_sub(start)
    }

    /// The input's span for a span of the text.
    pub fn map(&self, span: Span) -> Span {
        let start = self.start(span.start);
        let end = if span.end <= span.start { start } else { self.end(span.end).max(start) };
        Span { start, end }
    }

    /// Every span of a tree parsed from the text, mapped to the input.
    pub fn map_tree(&self, node: &mut Node<'_>) {
        node.span = self.map(node.span);
        match &mut node.value {
            Value::Array(items) => items.iter_mut().for_each(|n| self.map_tree(n)),
            Value::Object(members) => members.iter_mut().for_each(|m: &mut Member<'_>| {
                m.key_span = self.map(m.key_span);
                self.map_tree(&mut m.value);
            }),
            _ => {}
        }
    }

    /// The runs for [`super::Sources::add_decoded`]: where each piece starts. Pieces that do
    /// not map byte for byte are left to map to their start.
    pub fn runs(&self) -> Vec<(u32, u32)> {
        self.pieces.iter().map(|p| (p.0, p.1)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copies_byte_for_byte_and_escapes_whole() {
        // The input `x"{\"a\": 1}"`: the decoded text `{"a": 1}` from offset 2.
        let mut d = Decoded::new();
        d.copy(2, "{");
        d.escape(3, 2, "\"");
        d.copy(5, "a");
        d.escape(6, 2, "\"");
        d.copy(8, ": 1}");
        assert_eq!(d.text, "{\"a\": 1}");
        // `"a"` covers `\"a\"` in the input.
        assert_eq!(d.map(Span::new(1, 4)), Span::new(3, 8));
        assert_eq!(d.map(Span::new(6, 7)), Span::new(10, 11));
        assert_eq!(d.map(Span::new(0, 8)), Span::new(2, 12));
        assert_eq!(d.runs(), vec![(0, 2), (1, 3), (2, 5), (3, 6), (4, 8)]);
    }

    #[test]
    fn adjacent_copies_merge() {
        let mut d = Decoded::new();
        d.copy(10, "ab");
        d.copy(12, "cd");
        d.copy(20, "ef");
        assert_eq!(d.runs(), vec![(0, 10), (4, 20)]);
        assert_eq!(d.map(Span::new(3, 5)), Span::new(13, 21));
    }
}
