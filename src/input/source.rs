//! The texts a document's tree borrows its strings from, and where each lies in the user's
//! input, so that a finding about part of a string (one field of an ARN) points at exactly
//! that part, whatever front-end read it.
//!
//! A string that needed no decoding is a slice of one of these texts, so its place is found
//! from the slice's address: the parsers need not record, for every string, where its content
//! starts. A text decoded from the input (a JSON document inside a JSON string, as
//! `terraform show -json` writes it) comes with the runs in which it matches the input byte
//! for byte.

use super::tree::Span;

/// The input and the texts decoded from it.
#[derive(Debug, Default)]
pub struct Sources<'a> {
    texts: Vec<Text<'a>>,
    /// Files other than the input that the input reads (Terraform's `file()`), each with its
    /// offsets placed above the input's and the previous files': spans in
    /// `base..base + text.len()` are in that file.
    files: Vec<File<'a>>,
}

/// A file other than the input, as [`Sources::file_of`] gives it.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    /// The file's name as the report gives it.
    pub name: &'a str,
    pub text: &'a str,
    /// The offset that stands for the file's first byte.
    pub base: u32,
}

#[derive(Debug)]
struct Text<'a> {
    text: &'a str,
    /// `(offset in text, offset in the input)` at the start of each run that maps byte for
    /// byte, in order; one run at `(0, 0)` for the input itself.
    runs: Vec<(u32, u32)>,
}

impl<'a> Sources<'a> {
    /// Only the input.
    pub fn new(input: &'a str) -> Sources<'a> {
        Sources { texts: vec![Text { text: input, runs: vec![(0, 0)] }], files: Vec::new() }
    }

    /// A file the input reads, named `name`: its spans start at the offset returned, above the
    /// input's and every file's added before; `None` when the offsets would not fit in `u32`.
    pub fn add_file(&mut self, name: &'a str, text: &'a str) -> Option<u32> {
        let end = |len: usize, base: u32| base.checked_add(u32::try_from(len).ok()?)?.checked_add(1);
        let base = match self.files.last() {
            Some(last) => end(last.text.len(), last.base)?,
            None => end(self.texts.first().map_or(0, |t| t.text.len()), 0)?,
        };
        end(text.len(), base)?;
        self.files.push(File { name, text, base });
        self.texts.push(Text { text, runs: vec![(0, base)] });
        Some(base)
    }

    /// The file a span is in, when it is not in the input.
    pub fn file_of(&self, span: Span) -> Option<File<'a>> {
        let i = self.files.partition_point(|f| f.base <= span.start).checked_sub(1)?;
        self.files.get(i).copied()
    }

    /// The files the input reads, in the order they were added.
    pub fn files(&self) -> &[File<'a>] {
        &self.files
    }

    /// The input's own text.
    pub fn input(&self) -> &'a str {
        self.texts.first().map_or("", |t| t.text)
    }

    /// A text decoded from the input, with the runs in which it is the input's bytes.
    pub fn add_decoded(&mut self, text: &'a str, runs: Vec<(u32, u32)>) {
        self.texts.push(Text { text, runs });
    }

    /// The input's own text at `span`, when the span is inside it.
    pub fn input_slice(&self, span: Span) -> Option<&'a str> {
        let input = self.texts.first()?.text;
        input.get(usize::try_from(span.start).ok()?..usize::try_from(span.end).ok()?)
    }

    /// Where `part[start..end]` is in the input, when `part` is a slice of one of the texts and
    /// both ends fall in runs that map.
    pub fn locate(&self, part: &str, start: usize, end: usize) -> Option<Span> {
        if start > end || end > part.len() {
            return None;
        }
        let address = part.as_ptr() as usize;
        self.texts.iter().find_map(|t| {
            let base = t.text.as_ptr() as usize;
            let at = address.checked_sub(base)?;
            if at.checked_add(part.len())? > t.text.len() {
                return None;
            }
            let from = t.map(at + start)?;
            // The end is just after the last byte of the part, which may end a run.
            let to = if end > start { t.map(at + end - 1)?.checked_add(1)? } else { from };
            Some(Span { start: from, end: to })
        })
    }
}

impl Text<'_> {
    fn map(&self, offset: usize) -> Option<u32> {
        let offset = u32::try_from(offset).ok()?;
        let run = self.runs.partition_point(|(local, _)| *local <= offset).checked_sub(1)?;
        let (local, global) = self.runs.get(run)?;
        global.checked_add(offset - local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_of_the_input_are_found_by_address() {
        let input = r#"{"valueFrom": "arn:aws:ssm:eu-west-1"}"#;
        let sources = Sources::new(input);
        let value = &input[15..37];
        assert_eq!(sources.locate(value, 4, 7), Some(Span::new(19, 22)));
        let copy = value.to_string();
        assert_eq!(sources.locate(&copy, 4, 7), None);
        assert_eq!(sources.locate(value, 4, 99), None);
    }

    #[test]
    fn files_live_above_the_input() {
        let input = "abc";
        let (one, two) = (String::from("{}"), String::from("[1]"));
        let mut sources = Sources::new(input);
        assert_eq!(sources.add_file("one.json", &one), Some(4));
        assert_eq!(sources.add_file("two.json", &two), Some(7));
        assert!(sources.file_of(Span::new(0, 3)).is_none());
        assert_eq!(sources.file_of(Span::new(5, 6)).map(|f| f.name), Some("one.json"));
        assert_eq!(sources.file_of(Span::new(8, 9)).map(|f| f.base), Some(7));
        assert_eq!(sources.locate(&two[1..2], 0, 1), Some(Span::new(8, 9)));
    }

    #[test]
    fn decoded_texts_map_their_runs() {
        let input = r#"{"c": "{\"a\": \"x\"}"}"#;
        // The decoded inner text `{"a": "x"}`: its `{` is input byte 7, `"a` bytes 9 and 10, and
        // so on; every `\` of the input starts a new run.
        let decoded = String::from(r#"{"a": "x"}"#);
        let mut sources = Sources::new(input);
        sources.add_decoded(&decoded, vec![(0, 7), (1, 9), (3, 12), (6, 16), (8, 19)]);
        let x = &decoded[7..8];
        assert_eq!(sources.locate(x, 0, 1), Some(Span::new(17, 18)));
        assert_eq!(&input[17..18], "x");
    }
}
