//! A `.tf` module: its `aws_batch_job_definition` resources and the IAM roles beside them.

use super::hcl::{labels, Scope};
use super::text::{self, Builder};
use super::{arguments, iam, opaque, unknown_value, Job, Module, Slot, HCL_SYNTAX, JSON_ARGUMENTS};
use crate::diagnostic::Sink;
use crate::forms::Context;
use crate::input::{Decoded, Member, Node, Part, Pointer, Value};
use hcl_edit::expr::{Expression, FuncCall, Object};
use hcl_edit::structure::Body;
use hcl_edit::template::Element;
use hcl_edit::Span as _;
use std::borrow::Cow;

/// Follows `local.` and variables at most this deep for a JSON argument.
const MAX_DEPTH: u32 = 16;

/// Reads a `.tf` module up to its decoded texts; `None` after reporting a syntax error.
pub fn prepare_module<'t>(text: &'t str, context: &Context<'t>, sink: &mut Sink) -> Option<Module<'t>> {
    if let Some(at) = super::nesting::too_deep(text, false) {
        let message = format!("the file is nested more than {} levels deep", super::nesting::MAX_NESTING);
        report_syntax(at, text, &message, 0, sink);
        return None;
    }
    let body = match hcl_edit::parser::parse_body(text) {
        Ok(body) => body,
        Err(err) => {
            report_syntax(err.location().offset(), text, err.message(), 0, sink);
            return None;
        }
    };
    let scope = Scope::new(text, &body);
    let mut module = Module::default();
    for block in body.blocks() {
        let [ty, name] = labels(block).as_slice()[..] else { continue };
        if block.ident.as_str() != "resource" || ty != "aws_batch_job_definition" {
            continue;
        }
        let pointer = Pointer::ROOT.key("resource").key(ty).key(name);
        let values = body_values(&scope, &block.body, block.span(), true);
        let mut members: Vec<Slot<'t>> =
            arguments::map(&values, &pointer, true, sink).into_iter().map(Slot::Ready).collect();
        for (argument, key) in JSON_ARGUMENTS {
            let Some(attr) = block.body.get_attribute(argument) else { continue };
            let key_span = scope.span_of(attr.key.span());
            let source_key = Cow::Borrowed(scope.slice(attr.key.span()).unwrap_or(argument));
            let here = pointer.key(argument);
            let mut reader = Reader { scope: &scope, context, module: &mut module, sink };
            let slot = match reader.props(&attr.value, argument, &here, 0) {
                Props::Value(value) => {
                    Slot::Ready(Member { key: Cow::Borrowed(key), key_span, value, source_key: Some(source_key) })
                }
                Props::Text(decoded, parts) => {
                    let text = module.add_text(decoded, parts, argument);
                    Slot::Json { key, source_key, key_span, text }
                }
            };
            members.push(slot);
        }
        module.jobs.push(Job { resource: format!("{ty}.{name}"), pointer, members, span: scope.span_of(block.span()) });
    }
    module.roles = iam::roles(&scope, &body, &mut module, sink);
    Some(module)
}

/// Reports an HCL syntax error at byte `offset` of `text` (whose offsets start at `base`).
pub(super) fn report_syntax(offset: usize, text: &str, message: &str, base: u32, sink: &mut Sink) {
    let end = text.get(offset..).and_then(|rest| rest.chars().next()).map_or(offset, |c| offset + c.len_utf8());
    let span = text::span(offset..end, base);
    sink.report(&HCL_SYNTAX, span, "", format!("invalid HCL: {message}"));
}

/// A block's body as an object: each attribute's value, and each block type as a list of
/// the blocks' bodies. `skip_json`: leave out the JSON arguments, read apart.
pub(super) fn body_values<'t>(
    scope: &Scope<'_, 't>,
    body: &Body,
    range: Option<std::ops::Range<usize>>,
    skip_json: bool,
) -> Node<'t> {
    let mut members: Vec<Member<'t>> = Vec::new();
    for attr in body.attributes() {
        let name = attr.key.as_str();
        if skip_json && JSON_ARGUMENTS.iter().any(|(a, _)| *a == name) {
            continue;
        }
        members.push(Member {
            key: key(scope, name, attr.key.span()),
            key_span: scope.span_of(attr.key.span()),
            value: scope.value(&attr.value, 0),
            source_key: None,
        });
    }
    for block in body.blocks() {
        let name = block.ident.as_str();
        let value = body_values(scope, &block.body, block.span(), false);
        if let Some(list) = members.iter_mut().find(|m| m.key == name) {
            if let Value::Array(items) = &mut list.value.value {
                items.push(value);
            }
            continue;
        }
        members.push(Member {
            key: key(scope, name, block.ident.span()),
            key_span: scope.span_of(block.ident.span()),
            value: Node { span: value.span, value: Value::Array(vec![value]) },
            source_key: None,
        });
    }
    Node { span: scope.span_of(range), value: Value::Object(members) }
}

fn key<'t>(scope: &Scope<'_, 't>, name: &str, range: Option<std::ops::Range<usize>>) -> Cow<'t, str> {
    match scope.slice(range) {
        Some(raw) if raw == name => Cow::Borrowed(raw),
        _ => Cow::Owned(name.to_string()),
    }
}

/// What a JSON argument is given as.
pub(super) enum Props<'t> {
    /// HCL values (`jsonencode`), or an unknown value (reported).
    Value(Node<'t>),
    /// A JSON text to parse.
    Text(Decoded, Vec<Part>),
}

/// Reads the value of a JSON argument (or of an IAM policy), following locals, variables'
/// defaults and the files the caller gave.
pub(super) struct Reader<'r, 'm, 't> {
    pub scope: &'r Scope<'m, 't>,
    pub context: &'r Context<'t>,
    pub module: &'r mut Module<'t>,
    pub sink: &'r mut Sink,
}

impl<'t> Reader<'_, '_, 't> {
    /// The value unknown offline, reported with why.
    fn unknown(&mut self, expr: &Expression, argument: &str, pointer: &Pointer, why: &str) -> Props<'t> {
        let span = self.scope.span_of(expr.span());
        let source = self.scope.slice(expr.span()).unwrap_or("").trim().to_string();
        Props::Value(unknown_value(argument, opaque(source, span), why, pointer, self.sink))
    }

    pub fn props(&mut self, expr: &Expression, argument: &'static str, pointer: &Pointer, depth: u32) -> Props<'t> {
        const PLANNED: &str = "computed when Terraform plans";
        if depth > MAX_DEPTH {
            return self.unknown(expr, argument, pointer, "computed by references too deep to follow");
        }
        let scope = self.scope;
        match expr {
            Expression::FuncCall(call) => self.function(call, expr, argument, pointer, depth),
            Expression::String(_) => {
                let mut builder = Builder::default();
                let range = expr.span().unwrap_or(0..0);
                let inner = range.start + 1..range.end.saturating_sub(1);
                builder.literal(text::span(inner.clone(), 0).start, scope.slice(Some(inner)).unwrap_or(""), true);
                Props::Text(builder.decoded, builder.parts)
            }
            Expression::StringTemplate(t) => self.template(scope, t, true, expr, argument, pointer, depth),
            Expression::HeredocTemplate(h) => self.template(scope, &h.template, false, expr, argument, pointer, depth),
            Expression::Parenthesis(p) => self.props(p.inner(), argument, pointer, depth + 1),
            Expression::Traversal(_) => {
                let target = match super::hcl::traversal(expr) {
                    Some(("local", steps)) if steps.len() == 1 => {
                        steps.first().and_then(step_name).and_then(|n| scope.names.locals.get(n).copied())
                    }
                    Some(("var", steps)) if steps.len() == 1 => {
                        steps.first().and_then(step_name).and_then(|n| scope.names.variables.get(n).copied().flatten())
                    }
                    _ => None,
                };
                match target {
                    Some(target) => self.props(target, argument, pointer, depth + 1),
                    None => self.unknown(expr, argument, pointer, PLANNED),
                }
            }
            _ => match scope.value(expr, depth).value {
                Value::Symbolic(_) => self.unknown(expr, argument, pointer, PLANNED),
                _ => {
                    let span = scope.span_of(expr.span());
                    let message = format!("Inappropriate value for attribute \"{argument}\": string required.");
                    self.sink.report(&super::ARGUMENT_TYPE, span, pointer.as_str(), message);
                    let source = scope.slice(expr.span()).unwrap_or("").trim().to_string();
                    Props::Value(text::unknown(opaque(source, span)))
                }
            },
        }
    }

    /// The JSON text of a template in `scope` (the module, or a template file).
    #[allow(clippy::too_many_arguments)] // each is one fact about where the template is
    fn template(
        &mut self,
        scope: &Scope<'_, 't>,
        template: &hcl_edit::template::Template,
        quoted: bool,
        expr: &Expression,
        argument: &'static str,
        pointer: &Pointer,
        depth: u32,
    ) -> Props<'t> {
        let mut builder = Builder::default();
        scope.json_template(template, quoted, &mut builder, depth);
        if builder.directive {
            return self.unknown(expr, argument, pointer, "a template with `%{` directives");
        }
        Props::Text(builder.decoded, builder.parts)
    }

    fn function(
        &mut self,
        call: &FuncCall,
        expr: &Expression,
        argument: &'static str,
        pointer: &Pointer,
        depth: u32,
    ) -> Props<'t> {
        const PLANNED: &str = "computed when Terraform plans";
        let scope = self.scope;
        let args: Vec<&Expression> = call.args.iter().collect();
        if !call.name.namespace.is_empty() {
            return self.unknown(expr, argument, pointer, PLANNED);
        }
        match (call.name.name.as_str(), args.as_slice()) {
            ("jsonencode", [value]) => {
                let node = scope.value(value, depth);
                if node.as_symbolic().is_some() {
                    return self.unknown(expr, argument, pointer, PLANNED);
                }
                Props::Value(node)
            }
            ("file" | "templatefile", [path, rest @ ..]) => {
                let Some(path) = file_path(path) else {
                    let why = "read from a file whose path is computed when Terraform plans";
                    return self.unknown(expr, argument, pointer, why);
                };
                let Some((name, text)) = find_file(self.context, &path) else {
                    let why = match self.context.files {
                        Some(_) => format!("read from `{path}`, which is not among the files batchlint was given"),
                        None => format!("read from `{path}`, and batchlint was given no files"),
                    };
                    return self.unknown(expr, argument, pointer, &why);
                };
                let Some(base) = self.module.next_file_base(scope.text) else {
                    return self.unknown(expr, argument, pointer, "too large to read");
                };
                self.module.files.push((name, text));
                if !name_is_template(call) {
                    let mut builder = Builder::default();
                    builder.copy(base, text);
                    return Props::Text(builder.decoded, builder.parts);
                }
                let empty = Object::new();
                let vars = match rest.first() {
                    Some(Expression::Object(object)) => object,
                    _ => &empty,
                };
                if let Some(at) = super::nesting::too_deep(text, true) {
                    let message = format!("the file is nested more than {} levels deep", super::nesting::MAX_NESTING);
                    report_syntax(at, text, &message, base, self.sink);
                    return self.unknown(expr, argument, pointer, "read from a file that cannot be parsed");
                }
                match hcl_edit::parser::parse_template(text) {
                    Ok(template) => {
                        let file_scope = scope.in_template_file(vars, text, base);
                        self.template(&file_scope, &template, false, expr, argument, pointer, depth)
                    }
                    Err(err) => {
                        report_syntax(err.location().offset(), text, err.message(), base, self.sink);
                        let span = scope.span_of(expr.span());
                        let source = scope.slice(expr.span()).unwrap_or("").trim().to_string();
                        Props::Value(text::unknown(opaque(source, span)))
                    }
                }
            }
            _ => self.unknown(expr, argument, pointer, PLANNED),
        }
    }
}

fn step_name<'s>(step: &super::hcl::Step<'s>) -> Option<&'s str> {
    match step {
        super::hcl::Step::Attr(a) => Some(a),
        _ => None,
    }
}

fn name_is_template(call: &FuncCall) -> bool {
    call.name.name.as_str() == "templatefile"
}

/// A file's path as `file()` is given it, relative to the module's directory: a literal, or
/// a template on `path.module` (or `path.root`, `path.cwd`, which are the same directory when
/// the module is the root).
fn file_path(expr: &Expression) -> Option<String> {
    let mut out = String::new();
    match expr {
        Expression::String(s) => out.push_str(s.value()),
        Expression::StringTemplate(t) => {
            for element in t.iter() {
                match element {
                    Element::Literal(l) => out.push_str(l.value()),
                    Element::Interpolation(i) => match super::hcl::traversal(&i.expr) {
                        Some(("path", steps)) if steps.len() == 1 => {}
                        _ => return None,
                    },
                    Element::Directive(_) => return None,
                }
            }
        }
        _ => return None,
    }
    Some(normalize(&out))
}

/// A relative path without `.`, `..` or empty segments.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The file at `path` among those the caller gave, with its name in the report (relative to
/// the input's directory, as the input's own path is given).
fn find_file<'t>(context: &Context<'t>, path: &str) -> Option<(String, &'t str)> {
    let files = context.files?;
    let text = files.iter().find(|(key, _)| normalize(key) == path).map(|(_, text)| text.as_str())?;
    let dir = context.path.and_then(|p| p.rfind(['/', '\\']).and_then(|i| p.get(..i)));
    let name = match dir {
        Some(dir) if !dir.is_empty() => format!("{dir}/{path}"),
        _ => path.to_string(),
    };
    Some((name, text))
}
