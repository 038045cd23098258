//! JSON Pointers (RFC 6901): [`Path`], built on the stack while walking the tree, and
//! [`Pointer`], an owned pointer that the model keeps for its containers and references.
//!
//! A walker passes `&path.key("secrets").index(0)` down; nothing is allocated until a
//! diagnostic actually needs the pointer string.

use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl Segment<'_> {
    /// Appends `/segment`, with `~` and `/` in keys escaped as `~0` and `~1`.
    fn push_to(self, out: &mut String) {
        out.push('/');
        match self {
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
            s.push_to(&mut out);
        }
        out
    }
}

/// An owned JSON Pointer: `Pointer::ROOT.key("containerProperties").key("secrets").index(0)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document (`""`).
    pub const ROOT: Pointer = Pointer(String::new());

    pub fn key(&self, key: &str) -> Pointer {
        self.with(Segment::Key(key))
    }

    pub fn index(&self, index: usize) -> Pointer {
        self.with(Segment::Index(index))
    }

    fn with(&self, segment: Segment<'_>) -> Pointer {
        let mut out = String::with_capacity(self.0.len() + 16);
        out.push_str(&self.0);
        segment.push_to(&mut out);
        Pointer(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

impl From<&Pointer> for String {
    fn from(p: &Pointer) -> String {
        p.0.clone()
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

    #[test]
    fn owned_pointers_escape_as_paths_do() {
        let p = Pointer::ROOT.key("containerProperties").key("secrets").index(3);
        assert_eq!(p.as_str(), "/containerProperties/secrets/3");
        assert_eq!(Pointer::ROOT.key("a/b~c").as_str(), Path::ROOT.key("a/b~c").to_pointer());
    }
}
