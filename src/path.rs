//! JSON Pointers (RFC 6901) built on the stack while walking the tree.
//!
//! A walker passes `&path.key("secrets").index(0)` down; nothing is allocated until a
//! diagnostic actually needs the pointer string.

use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Option<Segment<'a>>,
}

impl<'a> Path<'a> {
    /// The whole document (`""`).
    pub const ROOT: Path<'static> = Path { parent: None, segment: None };

    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path { parent: Some(self), segment: Some(Segment::Key(key)) }
    }

    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path { parent: Some(self), segment: Some(Segment::Index(index)) }
    }

    /// The last segment, if it is a key (the member this path names).
    pub fn last_key(&self) -> Option<&'a str> {
        match self.segment {
            Some(Segment::Key(k)) => Some(k),
            _ => None,
        }
    }

    pub fn to_pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            if let Some(s) = p.segment {
                segments.push(s);
            }
            cur = p.parent;
        }
        let mut out = String::new();
        for s in segments.iter().rev() {
            out.push('/');
            match s {
                Segment::Key(k) => {
                    for c in k.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                }
                Segment::Index(i) => {
                    let _ = write!(out, "{i}");
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_escaped_pointers() {
        let root = Path::ROOT;
        assert_eq!(root.to_pointer(), "");
        let a = root.key("containerProperties");
        let b = a.key("secrets");
        let c = b.index(3);
        assert_eq!(c.to_pointer(), "/containerProperties/secrets/3");
        let odd = root.key("a/b~c");
        assert_eq!(odd.to_pointer(), "/a~1b~0c");
    }
}
