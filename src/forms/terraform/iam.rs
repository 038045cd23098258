//! The IAM roles a module defines, with the statements it attaches to each: `aws_iam_role`
//! (`inline_policy` blocks, `managed_policy_arns`), `aws_iam_role_policy`,
//! `aws_iam_role_policy_attachment` of an `aws_iam_policy`, and the
//! `data "aws_iam_policy_document"` any of them names.

use super::hcl::{labels, traversal, Scope, Step};
use super::module::{Props, Reader};
use super::Module;
use crate::diagnostic::Sink;
use crate::forms::iam::{RoleInFile, StatementInFile};
use crate::forms::Context;
use crate::input::{Node, Pointer, Span, Value};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span as _;

/// A role, read as far as its policies' decoded texts.
#[derive(Debug)]
pub struct Role<'t> {
    resource: String,
    name: &'t str,
    literal_name: Option<String>,
    span: Span,
    policies: Vec<Policy<'t>>,
    managed: Vec<String>,
}

#[derive(Debug)]
struct Policy<'t> {
    /// Where the policy is: `aws_iam_role_policy.secrets`.
    label: String,
    pointer: Pointer,
    document: Document<'t>,
}

#[derive(Debug)]
enum Document<'t> {
    Value(Node<'t>),
    Text(usize),
    Statements(Vec<StatementInFile<'t>>),
}

impl<'t> Role<'t> {
    pub fn read<'p>(&'p self, module: &'p Module<'t>, sink: &mut Sink) -> RoleInFile<'p> {
        let mut statements = Vec::new();
        for policy in &self.policies {
            match &policy.document {
                Document::Value(node) => statements_of(node, &policy.label, &mut statements),
                Document::Text(i) => {
                    if let Some(node) = module.parse(*i, &policy.pointer, sink) {
                        statements_of(&node, &policy.label, &mut statements);
                    }
                }
                Document::Statements(list) => statements.extend(list.iter().cloned()),
            }
        }
        let name = self.name;
        RoleInFile {
            resource: self.resource.clone(),
            arn_expressions: vec![format!("aws_iam_role.{name}.arn")],
            name_expressions: vec![format!("aws_iam_role.{name}.name"), format!("aws_iam_role.{name}.id")],
            literal_name: self.literal_name.clone(),
            span: self.span,
            statements,
            managed_policies: self.managed.clone(),
        }
    }
}

/// The statements of a policy document (`{"Statement": [...]}`).
fn statements_of<'a>(document: &Node<'a>, label: &str, out: &mut Vec<StatementInFile<'a>>) {
    let list = match document.get("Statement") {
        Some(node) if node.as_object().is_some() => std::slice::from_ref(node),
        Some(node) => node.as_array().unwrap_or(&[]),
        None => &[],
    };
    for statement in list {
        let nodes = |key: &str| match statement.get(key) {
            Some(n) => match &n.value {
                Value::Array(items) => items.clone(),
                _ => vec![n.clone()],
            },
            None => Vec::new(),
        };
        out.push(StatementInFile {
            policy: label.to_string(),
            effect: statement.get_str("Effect").map(str::to_string),
            actions: nodes("Action"),
            resources: nodes("Resource"),
            conditional: statement.get("Condition").is_some(),
            span: statement.span,
        });
    }
}

/// Every `aws_iam_role` of the module with what is attached to it.
pub fn roles<'t>(scope: &Scope<'_, 't>, body: &Body, module: &mut Module<'t>, sink: &mut Sink) -> Vec<Role<'t>> {
    let context = Context::default();
    let mut roles = Vec::new();
    let resources = || {
        body.blocks().filter(|b| b.ident.as_str() == "resource").filter_map(|b| match labels(b).as_slice() {
            [ty, name] => Some((*ty, *name, b)),
            _ => None,
        })
    };
    for (ty, _, block) in resources() {
        if ty != "aws_iam_role" {
            continue;
        }
        let Some(name) = scope.slice(block.labels.get(1).and_then(|l| l.span())).map(|l| l.trim_matches('"')) else {
            continue;
        };
        let pointer = Pointer::ROOT.key("resource").key(ty).key(name);
        let mut role = Role {
            resource: format!("aws_iam_role.{name}"),
            name,
            literal_name: block
                .body
                .get_attribute("name")
                .and_then(|a| scope.value(&a.value, 0).as_str().map(str::to_string)),
            span: scope.span_of(block.span()),
            policies: Vec::new(),
            managed: Vec::new(),
        };
        for (i, inline) in block.body.get_blocks("inline_policy").enumerate() {
            let Some(policy) = inline.body.get_attribute("policy") else { continue };
            let here = pointer.key("inline_policy").index(i).key("policy");
            let label = format!("aws_iam_role.{name}.inline_policy[{i}]");
            let document = document(scope, body, &policy.value, &here, &context, module, sink);
            role.policies.push(Policy { label, pointer: here, document });
        }
        if let Some(Expression::Array(arns)) = block.body.get_attribute("managed_policy_arns").map(|a| &a.value) {
            for arn in arns.iter() {
                attach(scope, body, arn, &mut role, module, sink);
            }
        }
        roles.push(role);
    }
    for (ty, name, block) in resources() {
        let Some(target) = block.body.get_attribute("role").and_then(|a| role_of(scope, &a.value, &roles)) else {
            continue;
        };
        match ty {
            "aws_iam_role_policy" => {
                let Some(policy) = block.body.get_attribute("policy") else { continue };
                let here = Pointer::ROOT.key("resource").key(ty).key(name).key("policy");
                let document = document(scope, body, &policy.value, &here, &context, module, sink);
                if let Some(role) = roles.get_mut(target) {
                    role.policies.push(Policy { label: format!("{ty}.{name}"), pointer: here, document });
                }
            }
            "aws_iam_role_policy_attachment" => {
                let Some(arn) = block.body.get_attribute("policy_arn") else { continue };
                if let Some(role) = roles.get_mut(target) {
                    attach(scope, body, &arn.value, role, module, sink);
                }
            }
            _ => {}
        }
    }
    roles
}

/// The role an `aws_iam_role_policy`'s `role` names: `aws_iam_role.x.id`, `.name`, or the
/// role's literal name.
fn role_of(scope: &Scope<'_, '_>, expr: &Expression, roles: &[Role<'_>]) -> Option<usize> {
    if let Some(("aws_iam_role", steps)) = traversal(expr) {
        let name = match steps.first() {
            Some(Step::Attr(n)) => *n,
            _ => return None,
        };
        return roles.iter().position(|r| r.name == name);
    }
    let literal = scope.value(expr, 0);
    let literal = literal.as_str()?;
    roles.iter().position(|r| r.literal_name.as_deref() == Some(literal))
}

/// A managed policy attached to a role: an `aws_iam_policy` of the module, or an ARN.
fn attach<'t>(
    scope: &Scope<'_, 't>,
    body: &Body,
    arn: &Expression,
    role: &mut Role<'t>,
    module: &mut Module<'t>,
    sink: &mut Sink,
) {
    if let Some(("aws_iam_policy", steps)) = traversal(arn) {
        let Some(Step::Attr(name)) = steps.first() else { return };
        let Some(block) = scope.names.resources.get(&("aws_iam_policy", *name)) else { return };
        let Some(policy) = block.body.get_attribute("policy") else { return };
        let here = Pointer::ROOT.key("resource").key("aws_iam_policy").key(name).key("policy");
        let document = document(scope, body, &policy.value, &here, &Context::default(), module, sink);
        role.policies.push(Policy { label: format!("aws_iam_policy.{name}"), pointer: here, document });
        return;
    }
    match scope.value(arn, 0).as_str() {
        Some(literal) => role.managed.push(literal.to_string()),
        None => role.managed.push(scope.slice(arn.span()).unwrap_or("").trim().to_string()),
    }
}

/// A policy document: `data.aws_iam_policy_document.x.json`, or JSON given as the job
/// definitions' properties are.
fn document<'t>(
    scope: &Scope<'_, 't>,
    body: &Body,
    expr: &Expression,
    pointer: &Pointer,
    context: &Context<'t>,
    module: &mut Module<'t>,
    sink: &mut Sink,
) -> Document<'t> {
    let _ = body;
    if let Some(("data", steps)) = traversal(expr) {
        if let [Step::Attr("aws_iam_policy_document"), Step::Attr(name), Step::Attr("json")] = steps.as_slice() {
            if let Some(block) = scope.names.data.get(&("aws_iam_policy_document", *name)) {
                return Document::Statements(policy_document(scope, block, name));
            }
        }
    }
    let mut reader = Reader { scope, context, module, sink };
    match reader.props(expr, "policy", pointer, 0) {
        Props::Value(node) => Document::Value(node),
        Props::Text(decoded, parts) => Document::Text(module.add_text(decoded, parts, "policy")),
    }
}

/// The statements of a `data "aws_iam_policy_document"`.
fn policy_document<'t>(scope: &Scope<'_, 't>, block: &Block, name: &str) -> Vec<StatementInFile<'t>> {
    let label = format!("data.aws_iam_policy_document.{name}");
    block
        .body
        .get_blocks("statement")
        .map(|statement| {
            let list = |key: &str| match statement.body.get_attribute(key).map(|a| scope.value(&a.value, 0)) {
                Some(Node { value: Value::Array(items), .. }) => items,
                Some(other) => vec![other],
                None => Vec::new(),
            };
            let effect = match statement.body.get_attribute("effect") {
                Some(a) => scope.value(&a.value, 0).as_str().map(str::to_string),
                None => Some("Allow".to_string()),
            };
            StatementInFile {
                policy: label.clone(),
                effect,
                actions: list("actions"),
                resources: list("resources"),
                conditional: statement.body.get_blocks("condition").next().is_some(),
                span: scope.span_of(statement.span()),
            }
        })
        .collect()
}
