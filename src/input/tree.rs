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
    /// A value the input computes when it is deployed: a CloudFormation intrinsic function, a
    /// Terraform expression, or a string with interpolations in either. The checks never
    /// report it as malformed; what is known of it is in its [`Symbolic`].
    Symbolic(Box<Symbolic>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The member's name as the Batch API spells it (`containerProperties`).
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
    /// The name as the input wrote it, when a front-end renamed it (CloudFormation's
    /// `ContainerProperties`): pointers into the user's file use it.
    pub source_key: Option<Cow<'a, str>>,
}

/// What is known of a value computed at deploy time: a template of literal text and unknown
/// parts. `!Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db"`
/// is the text `arn:\u{E000}:ssm:\u{E001}:\u{E002}:parameter/app/db` with three parts; a
/// whole `!Ref DbSecret` is the text `\u{E000}` with one part.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbolic {
    /// The literal text, with part `i` written as the one character `Symbolic::marker(i)`.
    pub text: String,
    pub parts: Vec<Part>,
}

/// One unknown part of a [`Symbolic`] value.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub kind: PartKind,
    /// The expression as the input writes it inside an interpolation: `AWS::Region`,
    /// `DbSecret`, `DbRole.Arn`, `aws_iam_role.exec.arn`, `var.image`.
    pub source: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// The partition, region or account the stack or module is deployed in, which is the
    /// job's own (`AWS::Partition`, `data.aws_region.current.name`).
    Partition,
    Region,
    Account,
    /// Anything else, with what it names when the front-end can tell.
    Opaque(Option<Hint>),
}

/// What an unknown value names, when the front-end can tell from the resource or variable it
/// comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    RoleArn,
    /// `!Ref` of an `AWS::IAM::Role` gives its name, not its ARN.
    RoleName,
    SsmParameterArn,
    SsmParameterName,
    SecretArn,
    SecretName,
    KmsKeyArn,
    KmsKeyId,
}

impl Symbolic {
    /// The first marker character; part `i` is `FIRST_MARKER + i`, in Unicode's private use area.
    pub const FIRST_MARKER: u32 = 0xE000;

    /// The character that stands for part `i` in `text`.
    pub fn marker(i: usize) -> char {
        u32::try_from(i).ok().and_then(|i| char::from_u32(Self::FIRST_MARKER + i.min(0x18FF))).unwrap_or('\u{F8FF}')
    }

    /// The part a character of `text` stands for, if it is a marker.
    pub fn part_of(&self, c: char) -> Option<&Part> {
        let i = u32::from(c).checked_sub(Self::FIRST_MARKER)?;
        self.parts.get(usize::try_from(i).ok()?)
    }

    /// The value as a template of the form writes it: each part as `${expression}`, which is
    /// both CloudFormation's `!Sub` syntax and Terraform's interpolation.
    pub fn expression(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 16 * self.parts.len());
        for c in self.text.chars() {
            match self.part_of(c) {
                Some(part) => {
                    out.push_str("${");
                    out.push_str(&part.source);
                    out.push('}');
                }
                None => out.push(c),
            }
        }
        out
    }

    /// The whole value when it is one unknown part (`!Ref DbSecret`), not a template.
    pub fn single(&self) -> Option<&Part> {
        let mut chars = self.text.chars();
        let part = self.part_of(chars.next()?)?;
        chars.next().is_none().then_some(part)
    }
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
    Symbolic,
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
            JsonType::Symbolic => "a value computed when it is deployed",
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
            Value::Symbolic(_) => JsonType::Symbolic,
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

    pub fn as_symbolic(&self) -> Option<&Symbolic> {
        match &self.value {
            Value::Symbolic(s) => Some(s),
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
