//! Helpers that exist to keep the .wasm small, with the reason for each (CONTRIBUTING.md,
//! "Size"). Rule code calls them where it would otherwise call the standard library.

/// `haystack.contains(needle)` without core's substring searcher, whose panic path (slicing
/// off a character boundary) brings `char`'s `Debug` and ~10 KB of Unicode tables into the
/// .wasm (CONTRIBUTING.md, "Size").
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack.find(needle)`, for the same reason as [`contains`]: the byte offset of the first
/// occurrence (a character boundary, since `needle` is a whole string).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return Some(0) };
    // Compare the rest only where the first byte matches (`$` is rare in ARNs).
    haystack
        .iter()
        .enumerate()
        .position(|(i, &b)| b == first && haystack.get(i + 1..).is_some_and(|after| after.starts_with(rest)))
}

/// `s` as a double-quoted string that JSON, YAML and JavaScript all read back as `s`: quotes,
/// backslashes and control characters escaped, and U+2028 and U+2029, which end a line in
/// older JavaScript.
pub(crate) fn quoted(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
