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
