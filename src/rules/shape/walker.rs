//! The walker: one pass over a job definition, dispatching on the shape table.
//!
//! Nothing is allocated for a member that is fine; pointers and messages are built only
//! when a finding is reported.

use super::formats;
use super::suggest;
use super::table::{Coll, Enum, Limit, Member, Shape, TextCheck, Ty};
use crate::diagnostic::Sink;
use crate::forms::CfnDefinition;
use crate::input::{Member as JsonMember, Node, Path, Span, Value};
use crate::rule::Rule;

/// Checks the members of `node` (an object) against `shape`, then the shape's cross checks.
pub fn check_object(node: &Node<'_>, shape: &'static Shape, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    let Some(members) = node.as_object() else { return };
    // A repeated key is `duplicate-key` (BL102) already: check each key once, in its last
    // occurrence (the value AWS tools keep), so that a document of 100,000 copies of one
    // unknown key is not 100,000 more findings.
    let mut seen = std::collections::HashSet::new();
    // In a template, a property the reader renamed (`Image`) is not the same key as one it
    // kept as written (`image`, which CloudFormation refuses).
    let same =
        |a: &JsonMember<'_>, b: &JsonMember<'_>| a.key == b.key && a.source_key.is_some() == b.source_key.is_some();
    let last_occurrences = members.iter().enumerate().rev().filter(|(i, item)| {
        if members.len() <= 16 {
            !members.iter().skip(i + 1).any(|later| same(later, item))
        } else {
            seen.insert((item.key.as_ref(), item.source_key.is_some()))
        }
    });
    let mut checked: Vec<&JsonMember<'_>> = last_occurrences.map(|(_, item)| item).collect();
    checked.reverse();
    for item in checked {
        let here = path.key(&item.key);
        if terraform(ctx) {
            super::terraform::report_case(item, &here, sink);
        }
        check_member_of(shape, item, &here, ctx, sink);
    }
    for member in shape.members.iter().filter(|m| ctx.requires(m)) {
        if !members.iter().any(|item| item.key == member.name && (!ctx.cfn() || item.source_key.is_some())) {
            let message = match ctx.def {
                Some(def) if ctx.cfn() => format!(
                    "`{}` is missing its required property `{}`",
                    def.name_of(),
                    def.cfn_name(member.name).unwrap_or(member.name)
                ),
                _ => format!("`{}` is missing its required member `{}`", shape.name, member.name),
            };
            sink.report(&super::MISSING_REQUIRED_MEMBER, node.span, path.to_pointer(), message);
        }
    }
    if let Some(cross) = shape.cross {
        cross(node, path, sink);
    }
}

/// Checks one member of an object of `shape`; `path` points at the member.
pub fn check_member_of(shape: &'static Shape, item: &JsonMember<'_>, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    if ctx.cfn() {
        return check_property_of(shape, item, path, ctx, sink);
    }
    match shape.member(&item.key) {
        Some(member) => check_member(&item.value, member, path, ctx, sink),
        None if terraform(ctx) && super::terraform::in_json(path) => {
            super::terraform::report_dropped(shape, item, path, sink)
        }
        None => suggest::report_unknown(shape, &item.key, item.key_span, path, sink),
    }
}

/// The Terraform provider's decoding, in the build that reads Terraform.
fn terraform(ctx: Ctx) -> bool {
    cfg!(feature = "terraform") && ctx.form == Form::Terraform
}

/// Reports a value of the wrong kind as the Terraform provider's decoding does, when that is
/// what reads it; returns whether it did.
fn decode_error(node: &Node<'_>, member: &Member, item: bool, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) -> bool {
    if !terraform(ctx) || !super::terraform::in_json(path) {
        return false;
    }
    super::terraform::report_decode_error(node, member, item, path, sink);
    true
}

/// [`check_member_of`] for a CloudFormation template's property: the reader renamed the ones
/// the resource schema defines (`source_key` holds the written name); any other is refused.
fn check_property_of(shape: &'static Shape, item: &JsonMember<'_>, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    let (Some(def), Some(written)) = (ctx.def, item.source_key.as_deref()) else {
        return suggest::report_unknown_property(shape, ctx.def, &item.key, item.key_span, path, sink);
    };
    let inner = Ctx { def: def.child(&item.key), ..ctx };
    if def.is_read_only(&item.key) {
        let message = format!("`{written}` is read-only: CloudFormation ignores a value set for it");
        sink.report(&super::READ_ONLY_PROPERTY, item.key_span, path.to_pointer(), message);
        return;
    }
    match shape.member(&item.key).or_else(|| super::cloudformation_only(shape, &item.key)) {
        Some(member) => {
            // Messages name the property as the template does.
            let named = Member { name: def.cfn_name(&item.key).unwrap_or(member.name), ..*member };
            check_member(&item.value, &named, path, inner, sink)
        }
        None => suggest::report_unknown_property(shape, ctx.def, written, item.key_span, path, sink),
    }
}

fn check_member(node: &Node<'_>, member: &Member, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    if ctx.cfn() && matches!(node.value, Value::Null) {
        return report_template_null(node, path, sink);
    }
    if ctx.form == Form::Request && matches!(node.value, Value::Null) {
        let types = match member.coll {
            Coll::One => python_types(member.ty),
            Coll::List => "<class 'list'>, <class 'tuple'>",
            Coll::Map => "<class 'dict'>",
        };
        let help = if member.required {
            format!("Give `{}` a value: the request requires it.", member.name)
        } else {
            format!("Leave `{}` out to leave it unset.", member.name)
        };
        report_null(node, path, false, types, help, sink);
        return;
    }
    if matches!(node.value, Value::Symbolic(_)) {
        // Computed at deploy time: any list, map or value may come out of it.
        return;
    }
    match member.coll {
        Coll::One => check_one(node, member, path, ctx, sink),
        Coll::List => check_list(node, member, path, ctx, sink),
        Coll::Map => check_map(node, member, path, ctx, sink),
    }
}

fn check_list(node: &Node<'_>, member: &Member, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    let Some(items) = node.as_array() else {
        if decode_error(node, member, false, path, ctx, sink) {
            return;
        }
        let found = node.json_type().with_article();
        let wrap_object = node.as_object().is_some() && matches!(member.ty, Ty::Obj(_));
        let help = if wrap_object {
            Some(format!("`{}` is a list: wrap the object in `[` and `]`.", member.name))
        } else if matches!(node.value, Value::String(_) | Value::Number(_) | Value::Bool(_)) {
            Some(format!("`{}` is a list: write `[{}]`.", member.name, source_hint(node)))
        } else {
            None
        };
        report(sink, &super::WRONG_TYPE, node, path, format!("expected an array, found {found}"), help);
        if wrap_object {
            // Check the object as the list's one item, so the user gets the other findings.
            check_one(node, member, path, ctx, sink);
        }
        return;
    };
    check_count(node, items.len(), member, path, sink);
    for (i, item) in items.iter().enumerate() {
        let here = path.index(i);
        if ctx.cfn() && matches!(item.value, Value::Null) {
            report_template_null(item, &here, sink);
            continue;
        }
        if ctx.form == Form::Request && matches!(item.value, Value::Null) {
            let help = format!("Remove the item from `{}`, or give it a value.", member.name);
            report_null(item, &here, true, python_types(member.ty), help, sink);
            continue;
        }
        if matches!(item.value, Value::Null) && terraform(ctx) {
            // Go decodes a `null` item as the element's zero value.
            continue;
        }
        if !type_ok(member.ty, item) && decode_error(item, member, true, &here, ctx, sink) {
            continue;
        }
        check_one(item, member, &here, ctx, sink);
    }
}

fn source_hint(node: &Node<'_>) -> &'static str {
    match node.value {
        Value::String(_) => "\"...\"",
        _ => "...",
    }
}

fn check_count(node: &Node<'_>, len: usize, member: &Member, path: &Path<'_>, sink: &mut Sink) {
    let (min, max) = match member.limit {
        Limit::Items(min, max) => (usize::from(min), usize::from(max)),
        // The model says 1–50, but describe output carries `"tags": {}` and the CLI sends it.
        Limit::Tags => (0, 50),
        _ => return,
    };
    let noun = if member.coll == Coll::Map { "entries" } else { "items" };
    if len > max {
        sink.report(
            &super::TOO_MANY_ITEMS,
            node.span,
            path.to_pointer(),
            format!("`{}` has {len} {noun}, more than the {max} allowed", member.name),
        );
    } else if len < min {
        let message = if min == 1 {
            format!("`{}` is empty", member.name)
        } else {
            format!("`{}` has {len} {noun}, fewer than the {min} required", member.name)
        };
        sink.report(&super::TOO_FEW_ITEMS, node.span, path.to_pointer(), message);
    }
}

fn check_map(node: &Node<'_>, member: &Member, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    let Some(entries) = node.as_object() else {
        if decode_error(node, member, false, path, ctx, sink) {
            return;
        }
        let found = node.json_type().with_article();
        sink.report(
            &super::WRONG_TYPE,
            node.span,
            path.to_pointer(),
            format!("expected an object of string values, found {found}"),
        );
        return;
    };
    check_count(node, entries.len(), member, path, sink);
    let tags = matches!(member.limit, Limit::Tags);
    for entry in entries {
        let here = path.key(&entry.key);
        if tags {
            if let Some(problem) = formats::tag_key(&entry.key) {
                sink.report(
                    &super::INVALID_FORMAT,
                    entry.key_span,
                    here.to_pointer(),
                    format!("tag key `{}` {problem}", entry.key),
                );
            }
        }
        if ctx.cfn() && matches!(entry.value.value, Value::Null) {
            report_template_null(&entry.value, &here, sink);
            continue;
        }
        if ctx.form == Form::Request && matches!(entry.value.value, Value::Null) {
            let help = format!("Remove `{}` from `{}`, or give it a string.", entry.key, member.name);
            report_null(&entry.value, &here, false, python_types(member.ty), help, sink);
            continue;
        }
        if terraform(ctx) && matches!(entry.value.value, Value::Null) {
            continue;
        }
        if !type_ok(member.ty, &entry.value) && decode_error(&entry.value, member, true, &here, ctx, sink) {
            continue;
        }
        if !expect(&entry.value, member, &here, ctx, sink) {
            continue;
        }
        let check = if tags { Some(formats::tag_value as TextCheck) } else { text_check(member) };
        if let (Some(check), Some(s)) = (check, entry.value.as_str()) {
            if let Some(problem) = check(s) {
                sink.report(
                    &super::INVALID_FORMAT,
                    entry.value.span,
                    here.to_pointer(),
                    format!("the value of `{}` {problem}", entry.key),
                );
            }
        }
    }
}

fn text_check(member: &Member) -> Option<TextCheck> {
    match member.limit {
        Limit::Text(check) => Some(check),
        _ => None,
    }
}

/// One value of the member's element type (the member itself, or one item of its list).
fn check_one(node: &Node<'_>, member: &Member, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) {
    if let (Ty::Obj(shape), Some(items)) = (member.ty, node.as_array()) {
        if decode_error(node, member, true, path, ctx, sink) {
            return;
        }
        let message = format!("`{}` must be an object, found an array", member.name);
        sink.report(&super::ARRAY_INSTEAD_OF_OBJECT, node.span, path.to_pointer(), message);
        if let [only] = items {
            let here = path.index(0);
            if only.as_object().is_some() {
                check_object(only, shape, &here, ctx, sink);
            }
        }
        return;
    }
    if member.coll == Coll::One && !type_ok(member.ty, node) && decode_error(node, member, false, path, ctx, sink) {
        return;
    }
    if !expect(node, member, path, ctx, sink) {
        return;
    }
    match (member.ty, &node.value) {
        (_, Value::Symbolic(_)) => {}
        (Ty::Obj(shape), _) => check_object(node, shape, path, ctx, sink),
        (Ty::Enum(allowed), Value::String(s)) => check_enum(node, s, allowed, member, path, sink),
        (Ty::Str, Value::String(s)) => {
            if let Some(problem) = text_check(member).and_then(|check| check(s)) {
                sink.report(
                    &super::INVALID_FORMAT,
                    node.span,
                    path.to_pointer(),
                    format!("`{}` {problem}", member.name),
                );
            }
        }
        (Ty::Int | Ty::Long, Value::Number(raw)) => check_integer(node, raw, member, path, sink),
        // CloudFormation converts the text to the property's integer.
        (Ty::Int | Ty::Long, Value::String(s)) if ctx.cfn() => check_integer(node, s, member, path, sink),
        _ => {}
    }
}

/// How the walk reads the job definition: the API's form (request or described), and for a
/// CloudFormation template the schema's definition of the object being checked.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub form: Form,
    /// A template's `Properties`: CloudFormation's names, coercions and required properties.
    pub template: bool,
    pub def: Option<&'static CfnDefinition>,
}

impl Ctx {
    pub fn api(form: Form) -> Ctx {
        Ctx { form, template: false, def: None }
    }

    /// Whether this is a template's job definition: never in a build without the
    /// `cloudformation` feature, whose .wasm then leaves the template's checks out.
    fn cfn(&self) -> bool {
        cfg!(feature = "cloudformation") && self.template
    }

    /// Whether `member` must be present. In a template: what the resource schema requires, and
    /// what the Batch API requires, which the provider sends it, except `jobDefinitionName`
    /// (CloudFormation generates a name when the template gives none).
    fn requires(&self, member: &Member) -> bool {
        if !self.cfn() {
            return member.required;
        }
        (member.required && member.name != "jobDefinitionName") || self.def.is_some_and(|d| d.requires(member.name))
    }
}

/// A `null` in a template: CloudFormation refuses it before creating anything.
fn report_template_null(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    let message =
        "`null` is not a value: CloudFormation refuses the template (`'null' values are not allowed in templates`)";
    sink.report(&super::WRONG_TYPE, node.span, path.to_pointer(), message).help(
        "Give the property a value, or remove it to leave it unset (`!Ref AWS::NoValue` removes it conditionally).",
    );
}

/// The form of a job definition: a `null` member is refused in a request, before it is sent,
/// and reported as a value of the wrong type in describe output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Request,
    Described,
    /// A request the Terraform provider builds: what it decodes from JSON follows Go's
    /// `encoding/json` (`super::terraform`).
    Terraform,
}

/// The Python types botocore's validator takes for a value of `ty`, as its message lists them.
fn python_types(ty: Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Enum(_) => "<class 'str'>",
        Ty::Int | Ty::Long => "<class 'int'>",
        Ty::Bool => "<class 'bool'>",
        Ty::Obj(_) => "<class 'dict'>",
    }
}

/// A `null` in a RegisterJobDefinition request: botocore (and so the AWS CLI v1 and v2, which
/// pass `--cli-input-json` through unchanged) refuses it before sending the request, with the
/// message quoted here. `item` says the last segment of `path` is a list index.
fn report_null(node: &Node<'_>, path: &Path<'_>, item: bool, types: &str, help: String, sink: &mut Sink) {
    let pointer = path.to_pointer();
    let name = botocore_name(&pointer, item);
    let message = format!("`null` is not a value: the AWS CLI and SDKs refuse the request before sending it (`Invalid type for parameter {name}, value: None, type: <class 'NoneType'>, valid types: {types}`)");
    sink.report(&super::WRONG_TYPE, node.span, pointer, message).help(help);
}

/// A JSON Pointer as botocore names the parameter: `containerProperties.environment[0].value`,
/// `tags.team`. The shapes' maps hold strings only, so a number before the last segment is a
/// list index; the last one is an index when `item` says so.
fn botocore_name(pointer: &str, item: bool) -> String {
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        let index = if i + 1 == segments.len() {
            item
        } else {
            !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
        };
        if index {
            out.push('[');
            out.push_str(segment);
            out.push(']');
            continue;
        }
        if !out.is_empty() {
            out.push('.');
        }
        // RFC 6901: `~1` is `/` and `~0` is `~`.
        let mut chars = segment.chars();
        while let Some(c) = chars.next() {
            match (c, chars.clone().next()) {
                ('~', Some('1')) => {
                    out.push('/');
                    chars.next();
                }
                ('~', Some('0')) => {
                    out.push('~');
                    chars.next();
                }
                _ => out.push(c),
            }
        }
    }
    out
}

fn expected(ty: Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Enum(_) => "a string",
        Ty::Int | Ty::Long => "an integer",
        Ty::Bool => "a boolean",
        Ty::Obj(_) => "an object",
    }
}

/// Whether a value has the JSON type of `ty`.
fn type_ok(ty: Ty, node: &Node<'_>) -> bool {
    match (ty, &node.value) {
        // A value computed at deploy time may be of any type; it is never reported as malformed.
        (_, Value::Symbolic(_)) => true,
        (Ty::Str | Ty::Enum(_), Value::String(_)) | (Ty::Bool, Value::Bool(_)) | (Ty::Obj(_), Value::Object(_)) => true,
        (Ty::Int | Ty::Long, Value::Number(raw)) => is_integer_literal(raw),
        _ => false,
    }
}

/// Reports a value of the wrong JSON type; returns whether the type is right.
fn expect(node: &Node<'_>, member: &Member, path: &Path<'_>, ctx: Ctx, sink: &mut Sink) -> bool {
    if ctx.cfn() && converts(member.ty, &node.value) {
        return true;
    }
    if type_ok(member.ty, node) {
        return true;
    }
    let want = expected(member.ty);
    let found = match node.value {
        Value::Number(raw) => format!("`{raw}`"),
        _ => node.json_type().with_article().to_string(),
    };
    let help = match (member.ty, &node.value) {
        (Ty::Int | Ty::Long, Value::String(s)) if ctx.cfn() => Some(format!(
            "CloudFormation converts the property's text to an integer, and `{s}` is none: the deploy fails. Write a whole number."
        )),
        _ if ctx.cfn() => None,
        (Ty::Int | Ty::Long, Value::Number(_)) => {
            Some("Batch takes whole numbers here: no fraction, no exponent.".to_string())
        }
        (Ty::Int | Ty::Long, Value::String(s)) if crate::input::tree::parse_integer(s).is_some() => {
            Some(format!("Remove the quotes: write {s}."))
        }
        (Ty::Bool, Value::String(s)) if s == "true" || s == "false" => Some(format!("Remove the quotes: write {s}.")),
        (Ty::Str | Ty::Enum(_), Value::Number(raw)) => {
            Some(format!("This member is a string even when it holds a number: write \"{raw}\"."))
        }
        (Ty::Str | Ty::Enum(_), Value::Bool(b)) => Some(format!("This member is a string: write \"{b}\".")),
        _ => None,
    };
    report(sink, &super::WRONG_TYPE, node, path, format!("expected {want}, found {found}"), help);
    false
}

/// Reports a finding on `node`, with a specific help when there is one.
fn report(
    sink: &mut Sink,
    rule: &'static Rule,
    node: &Node<'_>,
    path: &Path<'_>,
    message: String,
    help: Option<String>,
) {
    let pending = sink.report(rule, node.span, path.to_pointer(), message);
    if let Some(help) = help {
        pending.help(help);
    }
}

/// Whether CloudFormation passes `value` to a property of type `ty`: it sends the provider
/// every scalar as a string and converts it to the property's type (cloudformation-cli#435).
fn converts(ty: Ty, value: &Value<'_>) -> bool {
    match (ty, value) {
        (Ty::Str | Ty::Enum(_), Value::Number(_) | Value::Bool(_)) => true,
        (Ty::Int | Ty::Long, Value::String(s)) => crate::input::tree::parse_integer(s).is_some(),
        (Ty::Bool, Value::String(s)) => s == "true" || s == "false",
        _ => false,
    }
}

/// JSON integers: no fraction and no exponent (`-0` is 0).
fn is_integer_literal(raw: &str) -> bool {
    !raw.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
}

fn check_integer(node: &Node<'_>, raw: &str, member: &Member, path: &Path<'_>, sink: &mut Sink) {
    let long = matches!(member.ty, Ty::Long);
    let fits = |v: i64| long || i32::try_from(v).is_ok();
    let message = match (crate::input::tree::parse_integer(raw), member.limit) {
        (Some(v), _) if !fits(v) => too_big(member.name, long, raw),
        (None, _) => too_big(member.name, long, raw),
        (Some(v), Limit::Range(min, max)) if v < min || v > max => {
            if max == i64::from(i32::MAX) && v < min {
                format!("`{}` must be at least {min}, found {raw}", member.name)
            } else {
                format!("`{}` must be between {min} and {max}, found {raw}", member.name)
            }
        }
        _ => return,
    };
    sink.report(&super::VALUE_OUT_OF_RANGE, node.span, path.to_pointer(), message);
}

fn too_big(name: &str, long: bool, raw: &str) -> String {
    let bits = if long { 64 } else { 32 };
    format!("`{name}` is {raw}, which does not fit in a {bits}-bit integer")
}

fn check_enum(node: &Node<'_>, value: &str, allowed: &'static Enum, member: &Member, path: &Path<'_>, sink: &mut Sink) {
    if allowed.values.contains(&value) {
        return;
    }
    let same_but_case = allowed.values.iter().find(|v| v.eq_ignore_ascii_case(value));
    if allowed.any_case && same_but_case.is_some() {
        return;
    }
    let list = allowed.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
    let message = match same_but_case {
        Some(v) => format!("`{}` must be `{v}`, not `{value}`: values are case-sensitive", member.name),
        None => match suggest::closest(value, allowed.values.iter().copied()) {
            Some(v) => format!("`{value}` is not a valid `{}` (did you mean `{v}`?)", member.name),
            None => format!("`{value}` is not a valid `{}`", member.name),
        },
    };
    sink.report(&super::INVALID_ENUM_VALUE, node.span, path.to_pointer(), message)
        .help(format!("Allowed values: {list}."));
}

/// The size of `node` written as JSON without insignificant white space, in bytes.
pub fn compact_size(node: &Node<'_>) -> usize {
    let len = |s: Span| s.end.saturating_sub(s.start) as usize;
    match &node.value {
        Value::Array(items) => 2 + items.len().saturating_sub(1) + items.iter().map(compact_size).sum::<usize>(),
        Value::Object(members) => {
            2 + members.len().saturating_sub(1)
                + members.iter().map(|m| len(m.key_span) + 1 + compact_size(&m.value)).sum::<usize>()
        }
        _ => len(node.span),
    }
}
