//! A job definition's `Properties` as a RegisterJobDefinition request: each property the
//! resource schema knows is renamed to the API's member (the written name kept in
//! `source_key`), intrinsic functions become values (`intrinsics`), and scalars are passed as
//! CloudFormation passes them to the resource provider: as strings, converted to the
//! property's type. A number or boolean for a string property is its text (`Value: 8` is
//! `"8"`); a string of digits for an integer property is that integer; `"true"`/`"false"` for
//! a boolean property is that boolean. Anything the schema does not know is kept as written,
//! for the shape checks to report in the template's own names.

use super::intrinsics::Template;
use super::names::{self, Definition, Type};
use super::{at, yaml11_boolean, YAML_BOOLEAN_AS_STRING};
use crate::diagnostic::Sink;
use crate::input::{Member, Node, Path, Value};
use std::borrow::Cow;

/// What the schema says about a value.
#[derive(Clone, Copy)]
struct Expect {
    ty: Option<Type>,
    list: bool,
}

const UNKNOWN: Expect = Expect { ty: None, list: false };

/// The job definition's tree from its `Properties` node.
pub fn convert<'a>(template: &Template<'_, 'a>, properties: &Node<'a>, id: &str, sink: &mut Sink) -> Node<'a> {
    let root = Expect { ty: Some(Type::Object(names::root())), list: false };
    let resources = Path::ROOT.key("Resources");
    let resource = resources.key(id);
    let path = resource.key("Properties");
    Converter { template, sink }
        .node(properties, root, &path)
        .unwrap_or_else(|| Node { span: properties.span, value: Value::Object(Vec::new()) })
}

struct Converter<'c, 't, 'a> {
    template: &'c Template<'t, 'a>,
    sink: &'c mut Sink,
}

impl<'a> Converter<'_, '_, 'a> {
    /// The converted node; `None` for `AWS::NoValue`, which removes it.
    fn node(&mut self, node: &Node<'a>, expect: Expect, path: &Path<'_>) -> Option<Node<'a>> {
        if let Some(value) = self.template.evaluate(node, path, self.sink) {
            // A function's value: a literal it resolved to is converted like one written out.
            let value = value?;
            return match value.value {
                Value::Symbolic(_) => Some(value),
                _ => self.node(&value, expect, path),
            };
        }
        let value = match &node.value {
            Value::Object(members) => match expect.ty {
                Some(Type::Object(definition)) => Value::Object(self.members(members, definition, path)),
                Some(Type::Map) => Value::Object(self.map(members, path)),
                _ => Value::Object(self.unknown(members, path)),
            },
            Value::Array(items) => {
                let item = Expect { list: false, ..expect };
                let item = if expect.list || matches!(expect.ty, Some(Type::Object(_))) { item } else { UNKNOWN };
                Value::Array(items.iter().enumerate().filter_map(|(i, n)| self.node(n, item, &path.index(i))).collect())
            }
            _ if expect.list => node.value.clone(),
            _ => return Some(self.scalar(node, expect.ty, path)),
        };
        Some(Node { span: node.span, value })
    }

    fn members(&mut self, members: &[Member<'a>], definition: &'static Definition, path: &Path<'_>) -> Vec<Member<'a>> {
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            let (key, source_key, expect) = match definition.by_name(&m.key) {
                Some(p) => (Cow::Borrowed(p.api), Some(m.key.clone()), Expect { ty: Some(p.ty), list: p.list }),
                None => (m.key.clone(), None, UNKNOWN),
            };
            if let Some(value) = self.node(&m.value, expect, &path.key(&m.key)) {
                out.push(Member { key, key_span: m.key_span, value, source_key });
            }
        }
        out
    }

    /// A map of the user's names (`Tags`, `Options`): keys as written, string values.
    fn map(&mut self, members: &[Member<'a>], path: &Path<'_>) -> Vec<Member<'a>> {
        let expect = Expect { ty: Some(Type::String), list: false };
        self.each(members, expect, path)
    }

    /// Each member converted as `expect` says, keys as written.
    fn each(&mut self, members: &[Member<'a>], expect: Expect, path: &Path<'_>) -> Vec<Member<'a>> {
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            if let Some(value) = self.node(&m.value, expect, &path.key(&m.key)) {
                out.push(Member { key: m.key.clone(), key_span: m.key_span, value, source_key: None });
            }
        }
        out
    }

    /// Members the schema does not know: kept as written, their functions evaluated.
    fn unknown(&mut self, members: &[Member<'a>], path: &Path<'_>) -> Vec<Member<'a>> {
        self.each(members, UNKNOWN, path)
    }

    /// A scalar as the resource provider receives it for a property of type `ty`.
    fn scalar(&mut self, node: &Node<'a>, ty: Option<Type>, path: &Path<'_>) -> Node<'a> {
        let text = self.template.text;
        let value = match (ty, &node.value) {
            (Some(Type::String), Value::Number(raw)) => Value::String(Cow::Borrowed(raw)),
            (Some(Type::String), Value::Bool(b)) => {
                let written = at(text, node.span);
                if yaml11_boolean(written).is_some() {
                    let message = format!(
                        "CloudFormation reads the unquoted `{written}` as the boolean {b}, and passes the string \"{b}\""
                    );
                    self.sink.report(&YAML_BOOLEAN_AS_STRING, node.span, path.to_pointer(), message).help(format!(
                        "Write `\"{written}\"` to pass `{written}`, or `\"{b}\"` if that is what you mean."
                    ));
                }
                Value::String(Cow::Borrowed(if *b { "true" } else { "false" }))
            }
            (Some(Type::Integer), Value::String(Cow::Borrowed(s))) if is_integer(s) => Value::Number(s),
            (Some(Type::Boolean), Value::String(s)) if s.as_ref() == "true" || s.as_ref() == "false" => {
                Value::Bool(s.as_ref() == "true")
            }
            (_, value) => value.clone(),
        };
        Node { span: node.span, value }
    }
}

/// An integer as JSON writes one: what CloudFormation converts a string property value to.
fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && crate::input::tree::parse_integer(s).is_some()
}

/// `node` with its intrinsic functions evaluated and nothing renamed (an IAM policy's
/// statements); `None` for `AWS::NoValue`.
pub fn evaluate<'a>(
    template: &Template<'_, 'a>,
    node: &Node<'a>,
    path: &Path<'_>,
    sink: &mut Sink,
) -> Option<Node<'a>> {
    Converter { template, sink }.node(node, UNKNOWN, path)
}
