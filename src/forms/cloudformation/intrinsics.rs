//! Intrinsic functions and references, as values of the job definition's tree.
//!
//! What the template fixes is resolved: a parameter's `Default` (what a deploy without
//! overrides uses), the `Name` of an `AWS::SSM::Parameter` it defines, a `Mappings` entry with
//! literal keys, `!Select` of a literal list. Anything else is a `Value::Symbolic`: a template
//! of literal text and parts, where a part is the stack's partition, region or account
//! (`AWS::Partition`, `AWS::Region`, `AWS::AccountId`: the job's own), or an opaque value with
//! what it names when the template says (`!GetAtt Role.Arn` is a role ARN, `!Ref Role` the
//! role's name, `!Ref Secret` a secret's ARN, ...). A part's `source` is the expression as it
//! would be written inside `${}` of a `!Sub` (`DbSecret`, `DbRole.Arn`, `AWS::Region`), or
//! empty for a function that has no such form (`!If`, `!ImportValue`, ...).

use super::at;
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Hint, Member, Node, Part, PartKind, Path, Span, Symbolic, Value};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

declare_rules! {
    family: Shape;

    INVALID_INTRINSIC = "BL221" "invalid-intrinsic-function" Error {
        summary: "an intrinsic function is unknown or has the wrong arguments",
        help: "Write the function as the CloudFormation User Guide's intrinsic function reference does: `!Ref LogicalId`, `!GetAtt Resource.Attribute`, `!Sub \"text ${Name}\"`, `!Join [\"\", [a, b]]`, `!Select [0, list]`, `!FindInMap [Map, Key, Key]`, `!If [Condition, a, b]`.",
        why: "CloudFormation refuses the template (`Template error: ... must be ...`, `Encountered unsupported function: Fn::X`): nothing is deployed.",
        bad: "ExecutionRoleArn: !GetAtt BatchExecutionRole",
        good: "ExecutionRoleArn: !GetAtt BatchExecutionRole.Arn",
    }

    UNRESOLVED_REFERENCE = "BL222" "unresolved-reference" Error {
        summary: "a reference names no parameter, resource or mapping of the template",
        help: "Reference a parameter or resource that the template defines (names are case-sensitive), or a pseudo-parameter such as `AWS::Region`.",
        why: "CloudFormation refuses the template: \"Template format error: Unresolved resource dependencies [X] in the Resources block of the template\"; a `!FindInMap` whose keys are missing fails the deploy (\"Unable to get mapping for ...\").",
        bad: "ValueFrom: !Ref DbSecrt",
        good: "ValueFrom: !Ref DbSecret",
    }
}

/// A parameter, resource or function this deep in references to one another is not followed
/// (a template can make them refer to each other in a loop).
const MAX_RESOLVING: u32 = 16;

/// A template, for resolving the references of its job definitions and roles.
pub struct Template<'t, 'a> {
    pub text: &'a str,
    root: &'t Node<'a>,
    resolving: Cell<u32>,
    /// The keys of the large objects looked up so far, sorted, by the object's address: a
    /// template of 100,000 resources and as many references costs `n log n`, not `n²`.
    indexes: RefCell<HashMap<usize, Vec<(&'t str, usize)>>>,
}

/// Objects with more members than this are looked up through a sorted index.
const INDEXED: usize = 16;

/// What a reference resolves to.
enum Resolved<'n, 'a> {
    Literal(&'n Node<'a>),
    Part(PartKind),
    NoValue,
}

impl<'t, 'a> Template<'t, 'a> {
    pub fn new(text: &'a str, root: &'t Node<'a>) -> Template<'t, 'a> {
        Template { text, root, resolving: Cell::new(0), indexes: RefCell::new(HashMap::new()) }
    }

    /// `node.get(key)` (the last member of that name), in `n log n` over many look-ups.
    pub fn get(&self, node: &'t Node<'a>, key: &str) -> Option<&'t Node<'a>> {
        let members = node.as_object()?;
        if members.len() <= INDEXED {
            return node.get(key);
        }
        let address = node as *const Node<'a> as usize;
        let mut indexes = self.indexes.borrow_mut();
        let keys = indexes.entry(address).or_insert_with(|| {
            let mut keys: Vec<(&'t str, usize)> =
                members.iter().enumerate().map(|(i, m)| (m.key.as_ref(), i)).collect();
            keys.sort_unstable();
            keys
        });
        // The last of the members named `key`: the one before the first that sorts after it.
        let end = keys.partition_point(|(k, _)| *k <= key);
        let (found, i) = *keys.get(end.checked_sub(1)?)?;
        (found == key).then(|| members.get(i).map(|m| &m.value)).flatten()
    }

    /// Every resource that is a mapping, with its `Type` when it is a string; the others are
    /// reported here.
    pub fn resources(&self, sink: &mut Sink) -> Vec<(&'t Member<'a>, Option<&'t str>)> {
        let mut out = Vec::new();
        for member in self.root.get("Resources").and_then(Node::as_object).unwrap_or(&[]) {
            let pointer = crate::input::Pointer::ROOT.key("Resources").key(&member.key);
            if member.value.as_object().is_none() {
                let found = member.value.json_type().with_article();
                let message = format!("the resource `{}` is a mapping with a `Type`, not {found}", member.key);
                sink.report(&super::INVALID_TEMPLATE, member.key_span, pointer, message);
                continue;
            }
            let ty = member.value.get_str("Type");
            if ty.is_none() {
                let message = format!("the resource `{}` has no `Type`", member.key);
                sink.report(&super::INVALID_TEMPLATE, member.key_span, pointer, message).help(
                    "Every resource needs a `Type`, such as `AWS::Batch::JobDefinition` (CloudFormation: \"Every Resources object must contain a Type member\").",
                );
            }
            out.push((member, ty));
        }
        out
    }

    pub fn resources_key_span(&self) -> Span {
        self.root.member("Resources").map_or(self.root.opening_span(), |m| m.key_span)
    }

    pub fn resource(&self, id: &str) -> Option<&'t Node<'a>> {
        self.get(self.root.get("Resources")?, id).filter(|r| r.as_object().is_some())
    }

    pub fn resource_type(&self, id: &str) -> Option<&'t str> {
        self.resource(id)?.get_str("Type")
    }

    fn parameter(&self, id: &str) -> Option<&'t Node<'a>> {
        self.get(self.root.get("Parameters")?, id)
    }

    /// The intrinsic function `node` is: its name, the span of the name and its argument. A
    /// mapping is one when its only key is `Ref` or `Fn::...`, or the `!Condition` tag (a key
    /// `Condition` written out is a property: a container dependency's `Condition`).
    pub fn function<'n>(&self, node: &'n Node<'a>) -> Option<(&'n str, Span, &'n Node<'a>)> {
        let [member] = node.as_object()? else { return None };
        let key = member.key.as_ref();
        let tag = at(self.text, member.key_span).starts_with('!');
        (key == "Ref" || key.starts_with("Fn::") || (key == "Condition" && tag)).then_some((
            key,
            member.key_span,
            &member.value,
        ))
    }

    /// The value of `node` when it is an intrinsic function (`None` inside is `AWS::NoValue`,
    /// which removes the property); `None` when it is no function.
    pub fn evaluate(&self, node: &Node<'a>, path: &Path<'_>, sink: &mut Sink) -> Option<Option<Node<'a>>> {
        self.function(node)?;
        Some(self.evaluate_at(node, &path.to_pointer(), sink))
    }

    fn evaluate_at(&self, node: &Node<'a>, here: &str, sink: &mut Sink) -> Option<Node<'a>> {
        let (name, key_span, arg) = self.function(node)?;
        let depth = self.resolving.get();
        if depth >= MAX_RESOLVING {
            return Some(opaque(None, String::new(), node.span));
        }
        self.resolving.set(depth + 1);
        let value = self.call(name, key_span, arg, node.span, here, sink);
        self.resolving.set(depth);
        value
    }

    /// `node` evaluated if it is a function, else itself.
    fn value_of(&self, node: &Node<'a>, here: &str, sink: &mut Sink) -> Option<Node<'a>> {
        match self.function(node).map(|_| self.evaluate_at(node, here, sink)) {
            Some(value) => value,
            None => Some(node.clone()),
        }
    }

    fn call(
        &self,
        name: &str,
        key_span: Span,
        arg: &Node<'a>,
        span: Span,
        here: &str,
        sink: &mut Sink,
    ) -> Option<Node<'a>> {
        match name {
            "Ref" => match arg.as_str() {
                Some(id) => self.resolved(self.reference(id, span, here, sink), id, span),
                None => Some(self.invalid(key_span, "`Ref` takes the logical ID of a parameter or resource, as a string", span, here, sink)),
            },
            "Fn::GetAtt" => match self.get_att_args(arg) {
                Some((resource, attribute)) => {
                    let source = format!("{resource}.{attribute}");
                    self.resolved(self.attribute(resource, attribute, span, here, sink), &source, span)
                }
                None => Some(self.invalid(
                    key_span,
                    "`Fn::GetAtt` takes a resource and an attribute: `!GetAtt Resource.Attribute` or `[Resource, Attribute]`",
                    span,
                    here,
                    sink,
                )),
            },
            "Fn::Sub" => Some(self.sub(key_span, arg, span, here, sink)),
            "Fn::Join" => Some(self.join(key_span, arg, span, here, sink)),
            "Fn::Select" => self.select(key_span, arg, span, here, sink),
            "Fn::FindInMap" => Some(self.find_in_map(key_span, arg, span, here, sink)),
            "Fn::If" => {
                if arg.as_array().is_none_or(|a| a.len() != 3) {
                    return Some(self.invalid(key_span, "`Fn::If` takes a condition and two values: `[Condition, a, b]`", span, here, sink));
                }
                Some(opaque(None, String::new(), span))
            }
            "Fn::ImportValue" | "Fn::Base64" | "Fn::GetAZs" | "Fn::Split" | "Fn::Cidr" | "Fn::Length"
            | "Fn::ToJsonString" | "Fn::Transform" | "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" | "Condition" => {
                Some(opaque(None, String::new(), span))
            }
            other => {
                let message = format!("`{other}` is not a CloudFormation intrinsic function");
                Some(self.invalid(key_span, &message, span, here, sink))
            }
        }
    }

    fn invalid(&self, key_span: Span, message: &str, span: Span, here: &str, sink: &mut Sink) -> Node<'a> {
        sink.report(&INVALID_INTRINSIC, key_span, here, message.to_string());
        opaque(None, String::new(), span)
    }

    fn resolved(&self, resolved: Resolved<'_, 'a>, source: &str, span: Span) -> Option<Node<'a>> {
        match resolved {
            Resolved::Literal(node) if small(node) => Some(node.clone()),
            Resolved::Literal(_) => Some(opaque(None, source.to_string(), span)),
            Resolved::Part(kind) => Some(part_node(kind, source.to_string(), span)),
            Resolved::NoValue => None,
        }
    }

    fn get_att_args<'n>(&self, arg: &'n Node<'a>) -> Option<(&'n str, &'n str)> {
        match &arg.value {
            Value::String(s) => s.split_once('.').filter(|(r, a)| !r.is_empty() && !a.is_empty()),
            Value::Array(items) => match items.as_slice() {
                [resource, attribute] => Some((resource.as_str()?, attribute.as_str()?)),
                _ => None,
            },
            _ => None,
        }
    }

    /// `Ref name`.
    fn reference(&self, name: &str, span: Span, here: &str, sink: &mut Sink) -> Resolved<'t, 'a> {
        if let Some(pseudo) = name.strip_prefix("AWS::") {
            return match pseudo {
                "Partition" => Resolved::Part(PartKind::Partition),
                "Region" => Resolved::Part(PartKind::Region),
                "AccountId" => Resolved::Part(PartKind::Account),
                "NoValue" => Resolved::NoValue,
                "StackName" | "StackId" | "URLSuffix" | "NotificationARNs" => Resolved::Part(PartKind::Opaque(None)),
                _ => {
                    let message = format!("`{name}` is not a CloudFormation pseudo-parameter");
                    sink.report(&UNRESOLVED_REFERENCE, span, here, message).help(
                        "The pseudo-parameters are AWS::AccountId, AWS::NotificationARNs, AWS::NoValue, AWS::Partition, AWS::Region, AWS::StackId, AWS::StackName and AWS::URLSuffix.",
                    );
                    Resolved::Part(PartKind::Opaque(None))
                }
            };
        }
        if let Some(parameter) = self.parameter(name) {
            let ty = parameter.get_str("Type").unwrap_or("");
            if ty.starts_with("AWS::SSM::Parameter::Value<") || ty.starts_with("List<") || ty == "CommaDelimitedList" {
                // The value of the SSM parameter named by the default, or a list.
                return Resolved::Part(PartKind::Opaque(None));
            }
            return match parameter.get("Default").filter(|d| !matches!(d.value, Value::Null)) {
                Some(default) => Resolved::Literal(default),
                None => {
                    let hint = (ty == "AWS::SSM::Parameter::Name").then_some(Hint::SsmParameterName);
                    Resolved::Part(PartKind::Opaque(hint))
                }
            };
        }
        let Some(ty) = self.resource_type(name) else {
            let message = format!("`{name}` is not a parameter or resource of this template");
            sink.report(&UNRESOLVED_REFERENCE, span, here, message);
            return Resolved::Part(PartKind::Opaque(None));
        };
        let hint = match ty {
            "AWS::IAM::Role" => Hint::RoleName,
            "AWS::SSM::Parameter" => return self.ssm_parameter_name(name),
            "AWS::SecretsManager::Secret" => Hint::SecretArn,
            "AWS::KMS::Key" => Hint::KmsKeyId,
            _ => return Resolved::Part(PartKind::Opaque(None)),
        };
        Resolved::Part(PartKind::Opaque(Some(hint)))
    }

    /// The name of the `AWS::SSM::Parameter` `id`: its `Name` when that is a literal string.
    fn ssm_parameter_name(&self, id: &str) -> Resolved<'t, 'a> {
        match self.resource(id).and_then(|r| r.get("Properties")).and_then(|p| p.get("Name")) {
            Some(name) if name.as_str().is_some() => Resolved::Literal(name),
            _ => Resolved::Part(PartKind::Opaque(Some(Hint::SsmParameterName))),
        }
    }

    /// `GetAtt resource.attribute`.
    fn attribute(&self, resource: &str, attribute: &str, span: Span, here: &str, sink: &mut Sink) -> Resolved<'t, 'a> {
        let Some(ty) = self.resource_type(resource) else {
            let message = format!("`{resource}` is not a resource of this template");
            sink.report(&UNRESOLVED_REFERENCE, span, here, message);
            return Resolved::Part(PartKind::Opaque(None));
        };
        let hint = match (ty, attribute) {
            ("AWS::IAM::Role", "Arn") => Hint::RoleArn,
            ("AWS::KMS::Key", "Arn") => Hint::KmsKeyArn,
            ("AWS::KMS::Key", "KeyId") => Hint::KmsKeyId,
            // The secret's `Id` is its ARN (CloudFormation User Guide, return values).
            ("AWS::SecretsManager::Secret", "Id") => Hint::SecretArn,
            ("AWS::SSM::Parameter", "Name") => return self.ssm_parameter_name(resource),
            _ => return Resolved::Part(PartKind::Opaque(None)),
        };
        Resolved::Part(PartKind::Opaque(Some(hint)))
    }

    /// `Fn::Sub`: `"text ${Name} ${Resource.Attribute} ${!Literal}"`, or `[text, {Name: value}]`.
    fn sub(&self, key_span: Span, arg: &Node<'a>, span: Span, here: &str, sink: &mut Sink) -> Node<'a> {
        let (string, variables) = match &arg.value {
            Value::String(_) => (arg, None),
            Value::Array(items) => match items.as_slice() {
                [string, vars] if string.as_str().is_some() && vars.as_object().is_some() => (string, vars.as_object()),
                _ => (arg, None),
            },
            _ => (arg, None),
        };
        if string.as_str().is_none() {
            let usage = "`Fn::Sub` takes a string, or a string and a mapping of variables";
            return self.invalid(key_span, usage, span, here, sink);
        }
        let text = string.as_str().unwrap_or("");
        if let Value::String(Cow::Borrowed(plain)) = &string.value {
            if !crate::small::contains(plain, "${") {
                // Nothing to substitute: the string itself, so that findings can point inside it.
                return Node { span: string.span, value: Value::String(Cow::Borrowed(plain)) };
            }
        }
        // Where the string's characters are in the input, when it is a slice of it.
        let base = offset_in(self.text, text);
        let mut out = Text::default();
        let members = variables.unwrap_or(&[]);
        let mut variables = Variables { members, values: vec![None; members.len()] };
        let mut rest = text;
        let mut consumed = 0usize;
        while let Some(open) = crate::small::find(rest, "${") {
            out.literal(rest.get(..open).unwrap_or(""));
            let after = rest.get(open + 2..).unwrap_or("");
            if let Some(literal) = after.strip_prefix('!') {
                // `${!Literal}` is written out as `${Literal}`.
                out.literal("${");
                rest = literal;
                consumed += open + 3;
                continue;
            }
            let Some(close) = after.find('}') else {
                out.literal(rest.get(open..).unwrap_or(""));
                rest = "";
                break;
            };
            let expression = after.get(..close).unwrap_or("");
            let from = consumed + open;
            let to = from + 2 + close + 1;
            let part_span = base.map_or(string.span, |b| Span::new(b + from, b + to));
            self.sub_variable(expression, &mut variables, part_span, &mut out, here, sink);
            rest = after.get(close + 1..).unwrap_or("");
            consumed = to;
        }
        out.literal(rest);
        out.finish(string.span)
    }

    fn sub_variable(
        &self,
        expression: &str,
        variables: &mut Variables<'_, 'a>,
        span: Span,
        out: &mut Text,
        here: &str,
        sink: &mut Sink,
    ) {
        if let Some(i) = variables.members.iter().rposition(|m| m.key == expression) {
            // Each variable is evaluated once, however often the string uses it.
            if let Some(slot) = variables.values.get_mut(i) {
                if slot.is_none() {
                    let value = variables.members.get(i).and_then(|m| self.value_of(&m.value, here, sink));
                    *slot = Some(value);
                }
            }
            match variables.values.get(i).and_then(Option::as_ref) {
                Some(Some(value)) if out.node(value) => {}
                Some(Some(_)) => out.part(PartKind::Opaque(None), expression.to_string(), span),
                _ => {}
            }
            return;
        }
        let resolved = match expression.split_once('.') {
            Some((resource, attribute)) if !expression.starts_with("AWS::") => {
                self.attribute(resource, attribute, span, here, sink)
            }
            _ => self.reference(expression, span, here, sink),
        };
        match resolved {
            Resolved::Literal(node) if out.node(node) => {}
            Resolved::Literal(_) => out.part(PartKind::Opaque(None), expression.to_string(), span),
            Resolved::Part(kind) => out.part(kind, expression.to_string(), span),
            Resolved::NoValue => {}
        }
    }

    /// `Fn::Join [delimiter, [values]]`.
    fn join(&self, key_span: Span, arg: &Node<'a>, span: Span, here: &str, sink: &mut Sink) -> Node<'a> {
        let usage = "`Fn::Join` takes a delimiter and a list: `[\"\", [a, b]]`";
        let Some([delimiter, list]) = arg.as_array() else { return self.invalid(key_span, usage, span, here, sink) };
        let Some(delimiter) = delimiter.as_str() else { return self.invalid(key_span, usage, span, here, sink) };
        let items = match self.value_of(list, here, sink) {
            Some(Node { value: Value::Array(items), .. }) => items,
            Some(Node { value: Value::Symbolic(_), .. }) => return opaque(None, String::new(), span),
            _ => return self.invalid(key_span, usage, span, here, sink),
        };
        let mut out = Text::default();
        let mut first = true;
        for item in &items {
            let Some(value) = self.value_of(item, here, sink) else { continue };
            if !first {
                out.literal(delimiter);
            }
            first = false;
            if !out.node(&value) {
                return opaque(None, String::new(), span);
            }
        }
        out.finish(span)
    }

    /// `Fn::Select [index, list]`: the item when both are literal.
    fn select(&self, key_span: Span, arg: &Node<'a>, span: Span, here: &str, sink: &mut Sink) -> Option<Node<'a>> {
        let usage = "`Fn::Select` takes an index and a list: `[0, list]`";
        let Some([index, list]) = arg.as_array() else { return Some(self.invalid(key_span, usage, span, here, sink)) };
        let index = self.value_of(index, here, sink);
        let index = match index.as_ref().map(|i| &i.value) {
            Some(Value::Number(raw)) => crate::input::tree::parse_integer(raw),
            Some(Value::String(s)) => crate::input::tree::parse_integer(s),
            _ => return Some(opaque(None, String::new(), span)),
        };
        let item = match (index.and_then(|i| usize::try_from(i).ok()), list.as_array()) {
            (Some(i), Some(items)) => items.get(i),
            _ => return Some(opaque(None, String::new(), span)),
        };
        match item {
            Some(item) => self.value_of(item, here, sink),
            None => {
                Some(self.invalid(key_span, "the index of `Fn::Select` is past the end of its list", span, here, sink))
            }
        }
    }

    /// `Fn::FindInMap [Map, TopKey, SecondKey]`: the entry when every key is literal.
    fn find_in_map(&self, key_span: Span, arg: &Node<'a>, span: Span, here: &str, sink: &mut Sink) -> Node<'a> {
        let usage = "`Fn::FindInMap` takes a mapping's name and two keys: `[Map, TopKey, SecondKey]`";
        let Some(args) = arg.as_array().filter(|a| a.len() == 3 || a.len() == 4) else {
            return self.invalid(key_span, usage, span, here, sink);
        };
        let mut keys = Vec::new();
        for key in args.iter().take(3) {
            match self.value_of(key, here, sink).and_then(|k| k.as_str().map(str::to_string)) {
                Some(k) => keys.push(k),
                None => return opaque(None, String::new(), span),
            }
        }
        let [map, top, second] = keys.as_slice() else { return opaque(None, String::new(), span) };
        let entry = self
            .root
            .get("Mappings")
            .and_then(|m| self.get(m, map))
            .and_then(|m| self.get(m, top))
            .and_then(|m| self.get(m, second));
        match entry {
            Some(entry) if small(entry) => entry.clone(),
            Some(_) => opaque(None, String::new(), span),
            None => {
                let message = format!("the mapping `{map}` has no entry `{top}` / `{second}`");
                sink.report(&UNRESOLVED_REFERENCE, span, here, message);
                opaque(None, String::new(), span)
            }
        }
    }
}

/// The variables of a two-argument `Fn::Sub`, each evaluated when first used.
struct Variables<'v, 'a> {
    members: &'v [Member<'a>],
    values: Vec<Option<Option<Node<'a>>>>,
}

/// Whether a value the template fixes elsewhere (a parameter's default, a mapping's entry) is
/// small enough to copy into each place that uses it: a scalar, or a list of up to 64 of them.
/// Larger ones are unknown values, so that a template cannot make its own size explode.
fn small(node: &Node<'_>) -> bool {
    let scalar = |n: &Node<'_>| matches!(n.value, Value::String(_) | Value::Number(_) | Value::Bool(_));
    scalar(node) || node.as_array().is_some_and(|items| items.len() <= 64 && items.iter().all(scalar))
}

/// A value of one opaque part.
fn opaque<'a>(hint: Option<Hint>, source: String, span: Span) -> Node<'a> {
    part_node(PartKind::Opaque(hint), source, span)
}

fn part_node<'a>(kind: PartKind, source: String, span: Span) -> Node<'a> {
    let mut text = Text::default();
    text.part(kind, source, span);
    text.finish(span)
}

/// Where `part` starts in `text`, when it is a slice of it.
pub fn offset_in(text: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at.checked_add(part.len())? <= text.len()).then_some(at)
}

/// A string being built from literal text and parts.
#[derive(Default)]
struct Text {
    text: String,
    parts: Vec<Part>,
    /// Past the bounds below: the value is unknown (a job definition is at most 24 KiB).
    overflow: bool,
}

const MAX_TEXT: usize = 64 * 1024;
const MAX_PARTS: usize = 1024;

impl Text {
    fn literal(&mut self, s: &str) {
        if self.overflow || self.text.len() + s.len() > MAX_TEXT {
            self.overflow = true;
            return;
        }
        self.text.push_str(s);
    }

    fn part(&mut self, kind: PartKind, source: String, span: Span) {
        if self.overflow || self.parts.len() >= MAX_PARTS {
            self.overflow = true;
            return;
        }
        self.text.push(Symbolic::marker(self.parts.len()));
        self.parts.push(Part { kind, source, span });
    }

    /// Appends a scalar or a symbolic value; `false` for a list or mapping.
    fn node(&mut self, node: &Node<'_>) -> bool {
        match &node.value {
            Value::String(s) => self.literal(s),
            Value::Number(n) => self.literal(n),
            Value::Bool(b) => self.literal(if *b { "true" } else { "false" }),
            Value::Symbolic(symbolic) => {
                for c in symbolic.text.chars() {
                    match symbolic.part_of(c) {
                        Some(p) => self.part(p.kind, p.source.clone(), p.span),
                        None => self.text.push(c),
                    }
                }
            }
            _ => return false,
        }
        true
    }

    fn finish<'a>(self, span: Span) -> Node<'a> {
        if self.overflow {
            return opaque(None, String::new(), span);
        }
        let value = if self.parts.is_empty() {
            Value::String(Cow::Owned(self.text))
        } else {
            Value::Symbolic(Box::new(Symbolic { text: self.text, parts: self.parts }))
        };
        Node { span, value }
    }
}
