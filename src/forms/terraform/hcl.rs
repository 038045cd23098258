//! HCL expressions of a module as values of the tree: literals as they are, references as
//! the values they resolve to in the same module (a variable's default, a local, an SSM
//! parameter's literal `name`) or as symbolic values with what they name, and anything else
//! as an unknown value, never guessed.

use super::text::{self, Builder};
use crate::input::{Hint, Member, Node, Part, PartKind, Span, Symbolic, Value};
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::{Element, Template};
use hcl_edit::Span as _;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

/// Values nested (and references followed through locals and variables) at most this deep:
/// deeper, or in a cycle of locals, the value is unknown. An expression nests at most
/// `nesting::MAX_NESTING` levels; this leaves room for a few locals that name each other,
/// and keeps the recursion within a small stack.
const MAX_DEPTH: u32 = 40;

/// The blocks of a module that expressions can refer to.
#[derive(Debug, Default)]
pub struct Names<'m> {
    pub locals: HashMap<&'m str, &'m Expression>,
    /// Each variable's default, if it has one.
    pub variables: HashMap<&'m str, Option<&'m Expression>>,
    /// `resource "TYPE" "NAME"` blocks by `(TYPE, NAME)`.
    pub resources: HashMap<(&'m str, &'m str), &'m Block>,
    /// `data "TYPE" "NAME"` blocks.
    pub data: HashMap<(&'m str, &'m str), &'m Block>,
}

/// What an expression can refer to in its module, and where its text is.
#[derive(Clone)]
pub struct Scope<'m, 't> {
    pub text: &'t str,
    pub names: Rc<Names<'m>>,
    /// The variables of a `templatefile()` call being read, with the template's own text and
    /// the offset of its first byte.
    pub template_vars: Option<(&'m hcl_edit::expr::Object, &'t str, u32)>,
    /// How many more values may be built: a local that lists another local many times, down
    /// many levels, would otherwise take time and memory exponential in its size.
    budget: Rc<Cell<usize>>,
}

impl<'m, 't> Scope<'m, 't> {
    pub fn new(text: &'t str, body: &'m Body) -> Scope<'m, 't> {
        let mut names = Names::default();
        for block in body.blocks() {
            match (block.ident.as_str(), labels(block).as_slice()) {
                ("locals", []) => {
                    for attr in block.body.attributes() {
                        names.locals.insert(attr.key.as_str(), &attr.value);
                    }
                }
                ("variable", [name]) => {
                    let default = block.body.get_attribute("default").map(|a| &a.value);
                    names.variables.insert(name, default);
                }
                ("resource", [ty, name]) => {
                    names.resources.insert((ty, name), block);
                }
                ("data", [ty, name]) => {
                    names.data.insert((ty, name), block);
                }
                _ => {}
            }
        }
        let budget = text.len().saturating_mul(2).saturating_add(100_000);
        Scope { text, names: Rc::new(names), template_vars: None, budget: Rc::new(Cell::new(budget)) }
    }

    /// The scope of a template file that `templatefile()` reads with `vars`.
    pub fn in_template_file(&self, vars: &'m hcl_edit::expr::Object, text: &'t str, base: u32) -> Scope<'m, 't> {
        Scope { template_vars: Some((vars, text, base)), ..self.clone() }
    }

    /// The span of an expression in the input (or the template file being read).
    pub fn span_of(&self, range: Option<std::ops::Range<usize>>) -> Span {
        text::span(range.unwrap_or(0..0), self.base())
    }

    fn base(&self) -> u32 {
        self.template_vars.map_or(0, |(_, _, base)| base)
    }

    fn source_text(&self) -> &'t str {
        self.template_vars.map_or(self.text, |(_, text, _)| text)
    }

    /// The input's text at a byte range.
    pub fn slice(&self, range: Option<std::ops::Range<usize>>) -> Option<&'t str> {
        self.source_text().get(range?)
    }

    /// An unknown value: what the input writes at `range`, with what it names.
    pub fn unknown(&self, range: Option<std::ops::Range<usize>>, hint: PartKind) -> Node<'t> {
        let source = self.slice(range.clone()).unwrap_or("").trim().to_string();
        text::unknown(Part { kind: hint, source, span: self.span_of(range) })
    }

    /// The value of an expression.
    pub fn value(&self, expr: &Expression, depth: u32) -> Node<'t> {
        let left = self.budget.get();
        if left == 0 || depth >= MAX_DEPTH {
            return self.unknown(expr.span(), PartKind::Opaque(None));
        }
        self.budget.set(left - 1);
        let span = self.span_of(expr.span());
        let node = |value| Node { span, value };
        match expr {
            Expression::Null(_) => node(Value::Null),
            Expression::Bool(b) => node(Value::Bool(*b.value())),
            Expression::Number(_) => match self.slice(expr.span()) {
                Some(raw) => node(Value::Number(raw.trim())),
                None => self.unknown(expr.span(), PartKind::Opaque(None)),
            },
            Expression::String(s) => node(Value::String(self.string(s.value(), expr.span()))),
            Expression::Array(items) => node(Value::Array(items.iter().map(|e| self.value(e, depth + 1)).collect())),
            Expression::Object(object) => {
                let mut members = Vec::with_capacity(object.len());
                for (key, value) in object.iter() {
                    let key_span = self.span_of(key.span());
                    let name = match key {
                        ObjectKey::Ident(ident) => Cow::Owned(ident.as_str().to_string()),
                        ObjectKey::Expression(Expression::String(s)) => self.string(s.value(), key.span()),
                        ObjectKey::Expression(other) => match self.value(other, depth).value {
                            Value::String(s) => s,
                            // A key computed at deploy time: the member cannot be checked.
                            _ => continue,
                        },
                    };
                    let name = match name {
                        Cow::Owned(s) => {
                            self.slice(key.span()).filter(|raw| *raw == s).map_or(Cow::Owned(s), Cow::Borrowed)
                        }
                        borrowed => borrowed,
                    };
                    members.push(Member {
                        key: name,
                        key_span,
                        value: self.value(value.expr(), depth + 1),
                        source_key: None,
                    });
                }
                node(Value::Object(members))
            }
            Expression::StringTemplate(t) => self.template(t, expr.span(), depth),
            Expression::HeredocTemplate(h) => self.template(&h.template, expr.span(), depth),
            Expression::Parenthesis(p) => self.value(p.inner(), depth),
            Expression::Traversal(_) | Expression::Variable(_) => self.reference(expr, depth),
            Expression::UnaryOp(op) if matches!(op.operator.value(), UnaryOperator::Neg) => {
                match (&op.expr, self.slice(expr.span())) {
                    (Expression::Number(_), Some(raw)) if !raw.contains(char::is_whitespace) => {
                        node(Value::Number(raw))
                    }
                    _ => self.unknown(expr.span(), PartKind::Opaque(None)),
                }
            }
            _ => self.unknown(expr.span(), PartKind::Opaque(None)),
        }
    }

    /// A string literal's value: a slice of the input when the input writes it without escapes.
    fn string(&self, value: &str, range: Option<std::ops::Range<usize>>) -> Cow<'t, str> {
        let inner = range.and_then(|r| self.source_text().get(r.start + 1..r.end.saturating_sub(1)));
        match inner {
            Some(raw) if raw == value => Cow::Borrowed(raw),
            _ => Cow::Owned(value.to_string()),
        }
    }

    /// A string template (`"arn:${data.aws_partition.current.partition}:..."`): its text, with
    /// what is known spliced in and a part for each unknown value.
    fn template(&self, template: &Template, range: Option<std::ops::Range<usize>>, depth: u32) -> Node<'t> {
        let span = self.span_of(range.clone());
        let mut out = Symbolic { text: String::new(), parts: Vec::new() };
        for element in template.iter() {
            match element {
                Element::Literal(literal) => out.text.push_str(literal.value()),
                Element::Interpolation(interpolation) => {
                    let value = self.value(&interpolation.expr, depth + 1);
                    splice(&mut out, value);
                }
                Element::Directive(_) => return self.unknown(range, PartKind::Opaque(None)),
            }
        }
        if out.parts.is_empty() {
            return Node { span, value: Value::String(Cow::Owned(out.text)) };
        }
        let span = out.single().map_or(span, |p| p.span);
        Node { span, value: Value::Symbolic(Box::new(out)) }
    }

    /// A reference: `var.x`, `local.y`, `aws_iam_role.exec.arn`, `data.aws_region.current.name`.
    fn reference(&self, expr: &Expression, depth: u32) -> Node<'t> {
        let Some((root, path)) = traversal(expr) else { return self.unknown(expr.span(), PartKind::Opaque(None)) };
        let attr = |i: usize| path.get(i).and_then(|s| s.name());
        let deeper = |node: Node<'t>, from: usize| follow(node, path.get(from..).unwrap_or(&[]));
        if depth >= MAX_DEPTH {
            return self.unknown(expr.span(), PartKind::Opaque(None));
        }
        match root {
            "var" => {
                if let Some((vars, _, _)) = self.template_vars {
                    // Inside a template file, `var` is not the module's.
                    let _ = vars;
                    return self.unknown(expr.span(), PartKind::Opaque(None));
                }
                match attr(0).and_then(|name| self.names.variables.get(name)) {
                    Some(Some(default)) => deeper(self.value(default, depth + 1), 1)
                        .unwrap_or_else(|| self.unknown(expr.span(), PartKind::Opaque(None))),
                    _ => self.unknown(expr.span(), PartKind::Opaque(None)),
                }
            }
            "local" if self.template_vars.is_none() => match attr(0).and_then(|name| self.names.locals.get(name)) {
                Some(value) => deeper(self.value(value, depth + 1), 1)
                    .unwrap_or_else(|| self.unknown(expr.span(), PartKind::Opaque(None))),
                None => self.unknown(expr.span(), PartKind::Opaque(None)),
            },
            "data" => {
                let kind = data_hint(attr(0).unwrap_or(""), attr(2).unwrap_or(""));
                self.unknown(expr.span(), kind)
            }
            name if self.template_vars.is_some() => {
                // A variable of `templatefile()`: its value in the call.
                let value = self.template_vars.and_then(|(vars, _, _)| {
                    vars.iter().find(|(k, _)| object_key(k).as_deref() == Some(name)).map(|(_, v)| v.expr())
                });
                match value {
                    Some(v) => {
                        let scope = Scope { template_vars: None, ..self.clone() };
                        deeper(scope.value(v, depth + 1), 0)
                            .unwrap_or_else(|| self.unknown(expr.span(), PartKind::Opaque(None)))
                    }
                    None => self.unknown(expr.span(), PartKind::Opaque(None)),
                }
            }
            ty => {
                let name = attr(0).unwrap_or("");
                let attribute = attr(1).unwrap_or("");
                if ty == "aws_ssm_parameter" && matches!(attribute, "name" | "id") && path.len() == 2 {
                    let literal = self
                        .names
                        .resources
                        .get(&(ty, name))
                        .and_then(|b| b.body.get_attribute("name"))
                        .map(|a| self.value(&a.value, depth + 1))
                        .filter(|n| n.as_str().is_some());
                    if let Some(literal) = literal {
                        return literal;
                    }
                }
                self.unknown(expr.span(), resource_hint(ty, attribute))
            }
        }
    }

    /// A template's JSON text: literals decoded as the input writes them, interpolations of
    /// known values spliced in and the others marked. `quoted` for a `"..."` string (whose
    /// escapes are decoded), not for a heredoc or a template file.
    pub fn json_template(&self, template: &Template, quoted: bool, builder: &mut Builder, depth: u32) {
        let base = self.base();
        for element in template.iter() {
            match element {
                Element::Literal(literal) => {
                    let range = literal.span();
                    match self.slice(range.clone()) {
                        Some(raw) => builder.literal(self.span_of(range).start, raw, quoted),
                        None => {
                            let at = self.span_of(range);
                            builder.escape(at.start, at.end.saturating_sub(at.start), literal.value());
                        }
                    }
                }
                Element::Interpolation(interpolation) => {
                    let range = interpolation.span();
                    let span = self.span_of(range.clone());
                    let value = self.value(&interpolation.expr, depth);
                    let known = match &value.value {
                        Value::String(s) => Some(s.to_string()),
                        Value::Number(n) => Some((*n).to_string()),
                        Value::Bool(b) => Some(b.to_string()),
                        _ => None,
                    };
                    match known {
                        Some(text) => builder.escape(span.start, span.end.saturating_sub(span.start), &text),
                        None => {
                            let inner = interpolation.expr.span();
                            let source = self.slice(inner).unwrap_or("").trim().to_string();
                            let kind = match value.as_symbolic().and_then(Symbolic::single) {
                                Some(p) => p.kind,
                                None => PartKind::Opaque(None),
                            };
                            builder.part(Part { kind, source, span });
                        }
                    }
                }
                Element::Directive(_) => builder.directive = true,
            }
        }
        let _ = base;
    }
}

/// Appends a value to a template being built: its text, or its parts.
fn splice(out: &mut Symbolic, value: Node<'_>) {
    match value.value {
        Value::String(s) => out.text.push_str(&s),
        Value::Number(n) => out.text.push_str(n),
        Value::Bool(b) => out.text.push_str(if b { "true" } else { "false" }),
        Value::Symbolic(s) => {
            for c in s.text.chars() {
                match s.part_of(c) {
                    Some(part) => {
                        out.text.push(Symbolic::marker(out.parts.len()));
                        out.parts.push(part.clone());
                    }
                    None => out.text.push(c),
                }
            }
        }
        _ => {
            out.text.push(Symbolic::marker(out.parts.len()));
            out.parts.push(Part { kind: PartKind::Opaque(None), source: String::new(), span: value.span });
        }
    }
}

/// One step of a traversal after its root.
#[derive(Debug)]
pub enum Step<'e> {
    Attr(&'e str),
    Index(Option<usize>),
    Other,
}

impl<'e> Step<'e> {
    fn name(&self) -> Option<&'e str> {
        match self {
            Step::Attr(a) => Some(a),
            _ => None,
        }
    }
}

/// The root variable of a reference and the steps after it.
pub fn traversal(expr: &Expression) -> Option<(&str, Vec<Step<'_>>)> {
    match expr {
        Expression::Variable(v) => Some((v.as_str(), Vec::new())),
        Expression::Traversal(t) => {
            let Expression::Variable(root) = &t.expr else { return None };
            let steps = t
                .operators
                .iter()
                .map(|op| match op.value() {
                    TraversalOperator::GetAttr(a) => Step::Attr(a.as_str()),
                    TraversalOperator::LegacyIndex(i) => Step::Index(usize::try_from(*i.value()).ok()),
                    TraversalOperator::Index(Expression::Number(n)) => {
                        Step::Index(n.value().as_u64().and_then(|i| usize::try_from(i).ok()))
                    }
                    _ => Step::Other,
                })
                .collect();
            Some((root.as_str(), steps))
        }
        _ => None,
    }
}

/// A value's member or element along `steps`; `None` when a step does not resolve.
fn follow<'t>(mut node: Node<'t>, steps: &[Step<'_>]) -> Option<Node<'t>> {
    for step in steps {
        node = match (step, node.value) {
            (Step::Attr(name), Value::Object(members)) => members.into_iter().rev().find(|m| m.key == *name)?.value,
            (Step::Index(Some(i)), Value::Array(items)) => items.into_iter().nth(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn object_key(key: &ObjectKey) -> Option<String> {
    match key {
        ObjectKey::Ident(i) => Some(i.as_str().to_string()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.value().to_string()),
        ObjectKey::Expression(_) => None,
    }
}

/// The labels of a block, as strings.
pub fn labels(block: &Block) -> Vec<&str> {
    block.labels.iter().map(|l| l.as_str()).collect()
}

/// What an attribute of a data source names.
fn data_hint(ty: &str, attribute: &str) -> PartKind {
    match (ty, attribute) {
        ("aws_region", "name" | "region" | "id") => PartKind::Region,
        ("aws_caller_identity", "account_id") => PartKind::Account,
        ("aws_partition", "partition") => PartKind::Partition,
        _ => resource_hint(ty, attribute),
    }
}

/// What an attribute of a resource (or the data source of the same type) names.
fn resource_hint(ty: &str, attribute: &str) -> PartKind {
    let hint = match (ty, attribute) {
        ("aws_iam_role", "arn") => Hint::RoleArn,
        ("aws_iam_role", "name" | "id") => Hint::RoleName,
        ("aws_ssm_parameter", "arn") => Hint::SsmParameterArn,
        ("aws_ssm_parameter", "name" | "id") => Hint::SsmParameterName,
        ("aws_secretsmanager_secret", "arn" | "id") | ("aws_secretsmanager_secret_version", "arn") => Hint::SecretArn,
        ("aws_secretsmanager_secret", "name") => Hint::SecretName,
        ("aws_kms_key", "arn") => Hint::KmsKeyArn,
        ("aws_kms_key", "key_id" | "id") => Hint::KmsKeyId,
        _ => return PartKind::Opaque(None),
    };
    PartKind::Opaque(Some(hint))
}
