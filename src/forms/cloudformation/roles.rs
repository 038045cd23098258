//! The template's IAM roles, with the statements of every policy attached to each: inline
//! `Policies`, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources that list the role in
//! `Roles`, `AWS::IAM::RolePolicy` resources that name it in `RoleName`, and the managed
//! policies in its `ManagedPolicyArns` (a `!Ref` of one in the same template gives its
//! statements; any other is an ARN whose grants are not known offline).

use super::intrinsics::Template;
use super::properties::evaluate;
use crate::diagnostic::Sink;
use crate::forms::iam::{RoleInFile, StatementInFile};
use crate::input::{Node, Path, Value};

const ROLE: &str = "AWS::IAM::Role";

pub fn read<'a>(template: &Template<'_, 'a>, sink: &mut Sink) -> Vec<RoleInFile<'a>> {
    let mut quiet = Sink::new();
    let resources = template.resources(&mut quiet);
    let mut roles = Vec::new();
    for (member, ty) in &resources {
        if *ty != Some(ROLE) {
            continue;
        }
        let id = member.key.as_ref();
        let properties = member.value.get("Properties");
        let mut role = RoleInFile {
            resource: format!("Resources.{id}"),
            arn_expressions: vec![format!("{id}.Arn")],
            name_expressions: vec![id.to_string()],
            literal_name: properties.and_then(|p| p.get_str("RoleName")).map(str::to_string),
            span: member.key_span,
            statements: Vec::new(),
            managed_policies: Vec::new(),
        };
        let path = Path::ROOT.key("Resources");
        let path = path.key(id);
        let path = path.key("Properties");
        let policies = properties.and_then(|p| p.get("Policies")).and_then(Node::as_array).unwrap_or(&[]);
        for (i, policy) in policies.iter().enumerate() {
            let here = path.key("Policies");
            let here = here.index(i);
            let name = format!("Resources.{id}.Policies[{i}]");
            if let Some(document) = policy.get("PolicyDocument") {
                statements(template, document, &name, &here.key("PolicyDocument"), &mut role.statements, sink);
            }
        }
        let managed = properties.and_then(|p| p.get("ManagedPolicyArns")).and_then(Node::as_array).unwrap_or(&[]);
        for (i, arn) in managed.iter().enumerate() {
            let here = path.key("ManagedPolicyArns");
            let here = here.index(i);
            match referenced_resource(template, arn) {
                Some((policy_id, "AWS::IAM::ManagedPolicy")) => {
                    attached(template, policy_id, &mut role.statements, sink);
                }
                _ => {
                    if let Some(value) = evaluate(template, arn, &here, &mut quiet) {
                        role.managed_policies.push(written(&value));
                    }
                }
            }
        }
        roles.push(role);
    }
    // Policies attached from outside the role, found through sorted indexes of the roles' IDs
    // and literal names (a template of many roles and policies costs `n log n`).
    let mut by_id: Vec<(&str, usize)> = resources
        .iter()
        .filter(|(_, ty)| *ty == Some(ROLE))
        .enumerate()
        .map(|(i, (m, _))| (m.key.as_ref(), i))
        .collect();
    by_id.sort_unstable();
    let mut by_name: Vec<(String, usize)> =
        roles.iter().enumerate().filter_map(|(i, r)| Some((r.literal_name.clone()?, i))).collect();
    by_name.sort_unstable();
    for (member, ty) in &resources {
        let Some(properties) = member.value.get("Properties") else { continue };
        let targets: Vec<&Node<'a>> = match *ty {
            Some("AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy") => {
                properties.get("Roles").and_then(Node::as_array).unwrap_or(&[]).iter().collect()
            }
            Some("AWS::IAM::RolePolicy") => properties.get("RoleName").into_iter().collect(),
            _ => continue,
        };
        for target in targets {
            let found = match referenced_resource(template, target) {
                Some((id, _)) => lookup(&by_id, id),
                None => target.as_str().and_then(|name| {
                    let at = by_name.partition_point(|(n, _)| n.as_str() < name);
                    by_name.get(at).filter(|(n, _)| n == name).map(|(_, i)| *i)
                }),
            };
            let Some(role) = found.and_then(|i| roles.get_mut(i)) else { continue };
            attached(template, &member.key, &mut role.statements, sink);
        }
    }
    roles
}

fn lookup(sorted: &[(&str, usize)], key: &str) -> Option<usize> {
    let at = sorted.partition_point(|(k, _)| *k < key);
    sorted.get(at).filter(|(k, _)| *k == key).map(|(_, i)| *i)
}

/// The statements of the policy resource `id` (`AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`).
fn attached<'a>(template: &Template<'_, 'a>, id: &str, out: &mut Vec<StatementInFile<'a>>, sink: &mut Sink) {
    let Some(document) = template.resource(id).and_then(|r| r.get("Properties")).and_then(|p| p.get("PolicyDocument"))
    else {
        return;
    };
    let path = Path::ROOT.key("Resources");
    let path = path.key(id);
    let path = path.key("Properties");
    statements(template, document, &format!("Resources.{id}"), &path.key("PolicyDocument"), out, sink);
}

/// The resource a `!Ref` names, with its type.
fn referenced_resource<'n, 't, 'a>(template: &Template<'t, 'a>, node: &'n Node<'a>) -> Option<(&'n str, &'t str)> {
    let (name, _, arg) = template.function(node)?;
    let id = arg.as_str().filter(|_| name == "Ref")?;
    Some((id, template.resource_type(id)?))
}

fn statements<'a>(
    template: &Template<'_, 'a>,
    document: &Node<'a>,
    policy: &str,
    path: &Path<'_>,
    out: &mut Vec<StatementInFile<'a>>,
    sink: &mut Sink,
) {
    let here = path.key("Statement");
    let Some(statement) = document.get("Statement") else { return };
    let Some(statement) = evaluate(template, statement, &here, sink) else { return };
    let list = match statement.value {
        Value::Array(items) => items,
        Value::Object(_) => vec![statement],
        _ => return,
    };
    for s in list {
        if s.as_object().is_none() {
            continue;
        }
        let each = |key: &str| match s.get(key).map(|n| &n.value) {
            Some(Value::Array(items)) => items.clone(),
            Some(_) => s.get(key).into_iter().cloned().collect(),
            None => Vec::new(),
        };
        out.push(StatementInFile {
            policy: policy.to_string(),
            effect: s.get_str("Effect").map(str::to_string),
            actions: each("Action"),
            resources: each("Resource"),
            conditional: s.get("Condition").is_some(),
            span: s.span,
        });
    }
}

/// A value as the template writes it, with `${expression}` for its unknown parts.
fn written(node: &Node<'_>) -> String {
    match &node.value {
        Value::String(s) => s.to_string(),
        Value::Symbolic(symbolic) => symbolic
            .text
            .chars()
            .map(|c| match symbolic.part_of(c) {
                Some(p) if !p.source.is_empty() => format!("${{{}}}", p.source),
                Some(_) => "${?}".to_string(),
                None => c.to_string(),
            })
            .collect(),
        _ => String::new(),
    }
}
