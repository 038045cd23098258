//! Byte offsets to editor positions: 1-based line and column counted in UTF-16 code units
//! (what Monaco, CodeMirror and JavaScript string indices use), plus UTF-16 offsets.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units.
    pub column: u32,
    /// 0-based offset from the start of the text, in UTF-16 code units.
    pub offset: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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
    /// The UTF-16 offset of every `CHECKPOINT`-th byte, so that a position costs a short scan
    /// from the checkpoint before it, not a scan from the start of its line (a minified
    /// document is one long line, and scanning it per position was quadratic).
    checkpoints: Vec<u32>,
}

const CHECKPOINT: usize = 64;

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
        // The end of the text is a position too: it needs its checkpoint when the length is a
        // multiple of `CHECKPOINT` (found by fuzzing: a 64-byte document ended at offset 0).
        if bytes.len().is_multiple_of(CHECKPOINT) {
            checkpoints.push(utf16);
        }
        LineIndex { text, starts, checkpoints }
    }

    /// The UTF-16 offset of a byte offset (at most the text's length).
    fn utf16_offset(&self, byte: u32) -> u32 {
        let byte = byte as usize;
        let checkpoint = byte / CHECKPOINT;
        let base = self.checkpoints.get(checkpoint).copied().unwrap_or(0);
        let segment = self.text.as_bytes().get(checkpoint * CHECKPOINT..byte).unwrap_or(&[]);
        base + segment.iter().map(|b| utf16_units_of_lead_byte(*b)).sum::<u32>()
    }

    /// The position of a byte offset. Offsets inside a character or past the end clamp.
    pub fn position(&self, byte: u32) -> Position {
        let byte = byte.min(clamp(self.text.len()));
        let line = self.starts.partition_point(|(start, _)| *start <= byte).saturating_sub(1);
        let (_, line_utf16) = self.starts.get(line).copied().unwrap_or((0, 0));
        let offset = self.utf16_offset(byte);
        Position { line: clamp(line) + 1, column: offset - line_utf16 + 1, offset }
    }

    pub fn range(&self, span: super::tree::Span) -> Range {
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
    fn long_lines_match_a_scan_from_the_line_start() {
        // Multi-byte characters on both sides of several checkpoints, on one line and on many.
        let line = "ab\u{e9}\u{1F600}\u{65E5}x".repeat(40);
        for text in [line.clone(), format!("{line}\r\n{line}\n{line}\r{line}")] {
            let index = LineIndex::new(&text);
            let units = |s: &str| s.encode_utf16().count() as u32;
            // Every character boundary, except between the `\r` and `\n` of a CRLF.
            for byte in (0..=text.len()).filter(|b| text.is_char_boundary(*b) && !text[..*b].ends_with('\r')) {
                let before = &text[..byte];
                let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
                let line = before.matches(['\n', '\r']).count() - before.matches("\r\n").count();
                let got = index.position(byte as u32);
                assert_eq!(
                    (got.line, got.column, got.offset),
                    (line as u32 + 1, units(&before[start..]) + 1, units(before))
                );
            }
        }
    }

    #[test]
    fn the_end_of_a_text_whose_length_is_a_multiple_of_the_checkpoint_size() {
        for len in [CHECKPOINT - 1, CHECKPOINT, CHECKPOINT + 1, 2 * CHECKPOINT, 3 * CHECKPOINT] {
            for text in ["x".repeat(len), format!("\u{feff}{}", "y".repeat(len - 3))] {
                let index = LineIndex::new(&text);
                for byte in (0..=text.len()).filter(|b| text.is_char_boundary(*b)) {
                    let units = text[..byte].encode_utf16().count() as u32;
                    assert_eq!(index.position(byte as u32).offset, units, "length {len}, byte {byte}");
                }
            }
        }
    }

    #[test]
    fn clamps_past_the_end() {
        assert_eq!(pos("ab", 99), (1, 3, 2));
    }
}
