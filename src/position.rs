//! Byte offsets to editor positions: 1-based line and column counted in UTF-16 code units
//! (what Monaco, CodeMirror and JavaScript string indices use), plus UTF-16 offsets.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units.
    pub column: u32,
    /// 0-based offset from the start of the text, in UTF-16 code units.
    pub offset: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Where each line starts, in bytes and in UTF-16 units. Lines end at `\n`, `\r\n` or a
/// lone `\r`, as in Monaco and CodeMirror.
pub struct LineIndex<'a> {
    text: &'a str,
    /// (byte offset, utf16 offset) of each line start.
    starts: Vec<(u32, u32)>,
    /// The UTF-16 offset of every `CHECKPOINT`-th byte, so that a position on a very long
    /// line (minified JSON is one line) costs at most `CHECKPOINT` bytes of counting, not
    /// the whole line: without it, n diagnostics on one line took O(n × line length).
    checkpoints: Vec<u32>,
}

const CHECKPOINT: usize = 256;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![(0u32, 0u32)];
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut utf16 = 0u32;
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            if i.is_multiple_of(CHECKPOINT) {
                checkpoints.push(utf16);
            }
            i += 1;
            utf16 += utf16_units_of_lead_byte(b);
            let line_break = match b {
                b'\n' => true,
                b'\r' => bytes.get(i) != Some(&b'\n'),
                _ => false,
            };
            if line_break {
                starts.push((clamp(i), utf16));
            }
        }
        LineIndex { text, starts, checkpoints }
    }

    /// The position of a byte offset. Offsets inside a character or past the end clamp.
    pub fn position(&self, byte: u32) -> Position {
        let byte = byte.min(clamp(self.text.len()));
        let line = self.starts.partition_point(|(start, _)| *start <= byte).saturating_sub(1);
        let (_, line_utf16) = self.starts.get(line).copied().unwrap_or((0, 0));
        let offset = self.utf16_offset(byte as usize);
        let column_units = offset.saturating_sub(line_utf16);
        Position { line: clamp(line) + 1, column: column_units + 1, offset }
    }

    /// UTF-16 units in `text[..byte]`, counting from the nearest checkpoint.
    fn utf16_offset(&self, byte: usize) -> u32 {
        let chunk = byte / CHECKPOINT;
        let (base_byte, base_units) = match self.checkpoints.get(chunk) {
            Some(&units) => (chunk * CHECKPOINT, units),
            None => (0, 0),
        };
        let segment = self.text.as_bytes().get(base_byte..byte).unwrap_or(&[]);
        base_units + segment.iter().map(|b| utf16_units_of_lead_byte(*b)).sum::<u32>()
    }

    pub fn range(&self, span: crate::json::Span) -> Range {
        Range { start: self.position(span.start), end: self.position(span.end) }
    }
}

/// UTF-16 units contributed by a UTF-8 byte: lead bytes of 1–3 byte sequences give one,
/// a 4-byte lead gives two (a surrogate pair), continuation bytes give none.
fn utf16_units_of_lead_byte(b: u8) -> u32 {
    match b {
        0x80..=0xBF => 0,
        0xF0..=0xFF => 2,
        _ => 1,
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, byte: usize) -> (u32, u32, u32) {
        let p = LineIndex::new(text).position(byte as u32);
        (p.line, p.column, p.offset)
    }

    #[test]
    fn ascii() {
        assert_eq!(pos("ab\ncd", 0), (1, 1, 0));
        assert_eq!(pos("ab\ncd", 4), (2, 2, 4));
    }

    #[test]
    fn counts_utf16_units_like_javascript() {
        // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units; "日" is 3 bytes and 1 unit.
        let text = "é😀日x";
        let x = text.find('x').unwrap();
        assert_eq!(pos(text, x), (1, 5, 4));
        let text = "a\r\n日本\rz";
        let z = text.find('z').unwrap();
        assert_eq!(pos(text, z), (3, 1, 6));
    }

    #[test]
    fn long_lines_agree_with_a_plain_count() {
        let text = format!("{}\n{}", "aé😀日".repeat(300), "x日".repeat(500));
        let index = LineIndex::new(&text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let p = index.position(byte as u32);
            let before = &text[..byte];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(p.offset as usize, before.encode_utf16().count());
            assert_eq!(p.column as usize, text[line_start..byte].encode_utf16().count() + 1);
            assert_eq!(p.line as usize, before.matches('\n').count() + 1);
        }
    }

    #[test]
    fn clamps_past_the_end() {
        assert_eq!(pos("ab", 99), (1, 3, 2));
    }
}
