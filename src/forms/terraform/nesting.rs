//! A bound on nesting, checked before the HCL parser runs: hcl-edit refuses more than 64
//! levels, but its recursive descent needs more stack for 64 levels than a wasm module's
//! 1 MiB gives (it needed more than 256 KiB for 34 levels of arrays in an optimised native
//! build, and more than 640 KiB for 33 levels of blocks unoptimised). 24 levels are twice what
//! a job definition needs (about 12: the resource, `jsonencode(`, and ten levels of objects).

/// The deepest nesting that the HCL parser is given.
pub const MAX_NESTING: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Expressions: brackets, braces and parentheses nest.
    Expr,
    /// A quoted string, whose `${` and `%{` open expressions.
    Quoted,
    /// A heredoc's lines until the delimiter (its start and length in the text).
    Heredoc(usize, usize),
    /// A template file's text, to its end.
    Template,
}

/// The byte offset where nesting first goes deeper than [`MAX_NESTING`], if it does: brackets,
/// braces, parentheses, strings and interpolations each count one level. Comments and the
/// text of strings and heredocs do not. An unbalanced closer is left to the parser.
pub fn too_deep(text: &str, template: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Context> = vec![if template { Context::Template } else { Context::Expr }];
    let mut i = 0;
    let mut line_start = true;
    while let Some(&b) = bytes.get(i) {
        let top = stack.last().copied().unwrap_or(Context::Expr);
        let next = bytes.get(i + 1).copied();
        let at_line_start = line_start;
        line_start = b == b'\n';
        match top {
            Context::Expr => match b {
                b'"' => stack.push(Context::Quoted),
                b'{' | b'[' | b'(' => stack.push(Context::Expr),
                b'}' | b']' | b')' if stack.len() > 1 => {
                    stack.pop();
                }
                b'#' => i = skip_line(bytes, i),
                b'/' if next == Some(b'/') => i = skip_line(bytes, i),
                b'/' if next == Some(b'*') => {
                    let rest = bytes.get(i + 2..).unwrap_or(&[]);
                    i = rest.windows(2).position(|w| w == b"*/").map_or(bytes.len(), |end| i + 2 + end + 1);
                }
                b'<' if next == Some(b'<') => {
                    let mut start = i + 2;
                    if bytes.get(start) == Some(&b'-') {
                        start += 1;
                    }
                    let len = bytes
                        .get(start..)
                        .unwrap_or(&[])
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                        .count();
                    if len > 0 {
                        stack.push(Context::Heredoc(start, len));
                        i = skip_line(bytes, i);
                        line_start = true;
                    }
                }
                _ => {}
            },
            Context::Quoted => match (b, next) {
                (b'\\', _) => i += 1,
                (b'"', _) | (b'\n', _) => {
                    stack.pop();
                }
                (b'$' | b'%', Some(b'{')) if bytes.get(i.wrapping_sub(1)) != Some(&b) => {
                    stack.push(Context::Expr);
                    i += 1;
                }
                _ => {}
            },
            Context::Template => {
                if matches!((b, next), (b'$' | b'%', Some(b'{'))) && bytes.get(i.wrapping_sub(1)) != Some(&b) {
                    stack.push(Context::Expr);
                    i += 1;
                }
            }
            Context::Heredoc(start, len) => {
                if at_line_start {
                    let line_end =
                        bytes.get(i..).and_then(|r| r.iter().position(|c| *c == b'\n')).map_or(bytes.len(), |p| i + p);
                    let line = bytes.get(i..line_end).unwrap_or(&[]);
                    let delimiter = bytes.get(start..start + len).unwrap_or(&[]);
                    if line.trim_ascii() == delimiter {
                        stack.pop();
                        i = line_end;
                        line_start = true;
                        continue;
                    }
                }
                if matches!((b, next), (b'$' | b'%', Some(b'{'))) && bytes.get(i.wrapping_sub(1)) != Some(&b) {
                    stack.push(Context::Expr);
                    i += 1;
                }
            }
        }
        if stack.len() > MAX_NESTING + 1 {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The offset of the line break that ends the line at `i` (or the end of the text).
fn skip_line(bytes: &[u8], i: usize) -> usize {
    bytes
        .get(i..)
        .and_then(|r| r.iter().position(|c| *c == b'\n'))
        .map_or(bytes.len(), |p| i + p)
        .saturating_sub(1)
        .max(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_nests_and_skips_text() {
        assert_eq!(too_deep(&format!("x = {}{}", "[".repeat(24), "]".repeat(24)), false), None);
        assert_eq!(too_deep(&format!("x = {}", "[".repeat(25)), false), Some(4 + 24));
        // Braces in strings, comments and heredocs do not nest.
        let text =
            format!("x = \"{}\"\n# {}\ny = <<EOF\n{}\nEOF\nz = 1\n", "{".repeat(50), "[".repeat(50), "{".repeat(50));
        assert_eq!(too_deep(&text, false), None);
        assert_eq!(too_deep(&"{".repeat(50), true), None);
        // Interpolations do.
        let deep = format!("x = \"{}\"", "${\"".repeat(13));
        assert!(too_deep(&deep, false).is_some());
        // `$${` is text.
        assert_eq!(too_deep(&format!("x = \"{}\"", "$${".repeat(50)), false), None);
    }
}
