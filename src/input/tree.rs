//! The document tree every front-end produces: values with the byte span of each value and
//! key in the user's own file. Strings borrow from the input unless they had to be decoded.

use std::borrow::Cow;

/// A half-open byte range `[start, end)` into the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: to_u32(start), end: to_u32(end) }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written, so that `1.0`, `1e999` and `-0` can be told apart.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<Member<'a>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
}

/// The JSON type names used in messages ("expected an object, found an array").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub fn with_article(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

impl<'a> Node<'a> {
    /// A one-character span at the start of the node (the `{` of an object), for findings
    /// about a whole object that should not underline all of it.
    pub fn opening_span(&self) -> Span {
        Span { start: self.span.start, end: self.span.start.saturating_add(1) }
    }

    pub fn json_type(&self) -> JsonType {
        match self.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'a>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The member named `key` of an object. Of a duplicated key, the last one: that is the
    /// value the AWS CLI, boto3 and `JSON.parse` keep (and `duplicate-key` reports the rest).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.member(key).map(|m| &m.value)
    }

    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    /// The object itself, or the one object inside a one-element array: AWS's own guide
    /// writes `"containerProperties": [{...}]`, and after reporting that mistake the checks
    /// still look inside. The flag says whether it was wrapped (pointers then gain `/0`).
    pub fn single_object(&self) -> Option<(&Node<'a>, bool)> {
        match &self.value {
            Value::Object(_) => Some((self, false)),
            Value::Array(items) => match items.as_slice() {
                [only] if only.as_object().is_some() => Some((only, true)),
                _ => None,
            },
            _ => None,
        }
    }

    /// `get(key)` as a string, for the many members that are plain strings.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }

    /// A number that is written as an integer (no fraction, no exponent) and fits in `i64`.
    pub fn as_integer(&self) -> Option<i64> {
        match self.value {
            Value::Number(raw) => parse_integer(raw),
            _ => None,
        }
    }
}

pub fn parse_integer(raw: &str) -> Option<i64> {
    if raw.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return None;
    }
    raw.parse().ok()
}
