//! The shape of the JSON that the Terraform AWS provider decodes (`container_properties`,
//! `node_properties`, `ecs_properties`): Go's `encoding/json` into the AWS SDK for Go v2's
//! structs, which have no JSON tags (`tfjson.DecodeFromString`, internal/json/decode.go, called
//! from `expandContainerProperties` and its kin in internal/service/batch). So a member name
//! matches its field without regard to case, a member that matches no field is dropped without
//! a word, `null` is the field left unset, and a value of the wrong kind fails the decoding.

use super::suggest;
use super::table::{Coll, Member, Shape, Ty, ALL};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::forms::FoundJob;
use crate::input::{Member as JsonMember, Node, Path, Value};
use std::borrow::Cow;

declare_rules! {
    family: Shape;

    DROPPED_MEMBER = "BL225" "terraform-dropped-member" Error {
        summary: "a member of the JSON the Terraform provider decodes matches no field, and is dropped without a word",
        help: "Fix the member's name (camelCase as in the Batch API: `efsVolumeConfiguration`, not `efs_volume_configuration`) or move it to the object it belongs in.",
        why: "The provider decodes `container_properties`, `node_properties` and `ecs_properties` with Go's `encoding/json` into the SDK's structs, without `DisallowUnknownFields` (`tfjson.DecodeFromString`, internal/json/decode.go): a member that matches no field is ignored, so the setting never reaches Batch and the plan shows no error. Wrapping the whole value in `{\"containerProperties\": {...}}` decodes to an empty container (terraform-provider-aws#14024).",
        bad: r#"container_properties = jsonencode({ image = "busybox", volumes = [{ name = "data", efs_volume_configuration = { fileSystemId = "fs-12345678" } }] })"#,
        good: r#"container_properties = jsonencode({ image = "busybox", volumes = [{ name = "data", efsVolumeConfiguration = { fileSystemId = "fs-12345678" } }] })"#,
    }

    DECODE_ERROR = "BL226" "terraform-decode-error" Error {
        summary: "a value in the JSON the Terraform provider decodes has the wrong type",
        help: "Give the type the field has: quoted text for strings (`\"value\": \"1024\"`), numbers without quotes for integers, `true`/`false` for booleans.",
        why: "Go's `encoding/json` refuses a value of the wrong kind for the SDK's field (`json: cannot unmarshal number into Go struct field ResourceRequirement.ResourceRequirements.Value of type string`, terraform-aws-modules/terraform-aws-batch#6; `... Ulimit.Ulimits.HardLimit of type int64`, terraform-provider-aws#32230): `terraform plan` fails when the value is known, `apply` when it is computed.",
        bad: r#"container_properties = jsonencode({ image = "busybox", resourceRequirements = [{ type = "MEMORY", value = 1024 }] })"#,
        good: r#"container_properties = jsonencode({ image = "busybox", resourceRequirements = [{ type = "MEMORY", value = "1024" }] })"#,
    }

    MEMBER_CASE = "BL227" "terraform-member-case" Info {
        summary: "a member of the JSON the Terraform provider decodes is not written in the API's case",
        help: "Write the member as the Batch API spells it; the provider accepts any case, other tools that read the JSON do not.",
        why: "Go's `encoding/json` matches a member to a field without regard to case when no tag names it (the SDK's structs have none), so the provider sends `sizeInGib` as `sizeInGiB`; the AWS CLI, CloudFormation and the console's JSON editor refuse the same JSON.",
        bad: r#"container_properties = jsonencode({ image = "busybox", ephemeralStorage = { sizeInGib = 30 } })"#,
        good: r#"container_properties = jsonencode({ image = "busybox", ephemeralStorage = { sizeInGiB = 30 } })"#,
    }
}

/// The members the provider decodes from JSON; the other members of a found job are the
/// resource's own arguments, which Terraform has already converted.
const JSON_MEMBERS: [&str; 3] = ["containerProperties", "nodeProperties", "ecsProperties"];

/// A found job's tree as the provider decodes it: each member renamed to the field it
/// matches (the name as written kept in `source_key`) and `null` members left out.
pub fn prepare(job: &mut FoundJob<'_>) {
    let Value::Object(members) = &mut job.tree.value else { return };
    for member in members.iter_mut().filter(|m| JSON_MEMBERS.contains(&&*m.key)) {
        if let Some(shape) = super::table::REGISTER_JOB_DEFINITION_REQUEST.member(&member.key) {
            decoded(&mut member.value, shape);
        }
    }
}

fn decoded(node: &mut Node<'_>, member: &'static Member) {
    let Ty::Obj(shape) = member.ty else { return };
    match (&mut node.value, member.coll) {
        (Value::Object(_), Coll::One) => object(node, shape),
        (Value::Array(items), Coll::List) => items.iter_mut().for_each(|item| object(item, shape)),
        _ => {}
    }
}

fn object(node: &mut Node<'_>, shape: &'static Shape) {
    let Value::Object(members) = &mut node.value else { return };
    members.retain(|m| !matches!(m.value.value, Value::Null));
    for m in members.iter_mut() {
        let field = shape.member(&m.key).or_else(|| shape.members.iter().find(|f| f.name.eq_ignore_ascii_case(&m.key)));
        let Some(field) = field else { continue };
        if field.name != m.key {
            let written = std::mem::replace(&mut m.key, Cow::Borrowed(field.name));
            m.source_key.get_or_insert(written);
        }
        decoded(&mut m.value, field);
    }
}

/// Whether `path` is inside one of the JSON members.
pub fn in_json(path: &Path<'_>) -> bool {
    let pointer = path.to_pointer();
    JSON_MEMBERS.iter().any(|m| {
        pointer.strip_prefix('/').and_then(|p| p.strip_prefix(m)).is_some_and(|r| r.is_empty() || r.starts_with('/'))
    })
}

/// A member that matches no field: what it may have meant.
pub fn report_dropped(shape: &'static Shape, item: &JsonMember<'_>, path: &Path<'_>, sink: &mut Sink) {
    let key = &*item.key;
    let flat: String = key.chars().filter(|c| *c != '_' && *c != '-').collect();
    let suggestion = shape
        .members
        .iter()
        .map(|m| m.name)
        .find(|n| n.eq_ignore_ascii_case(&flat))
        .or_else(|| suggest::closest(&key.to_ascii_lowercase(), shape.members.iter().map(|m| m.name)));
    let mut message = format!("the provider drops `{key}`, which is not a field of `{}`", shape.name);
    if let Some(s) = suggestion {
        message.push_str(&format!(" (did you mean `{s}`?)"));
    }
    let wrapped = JSON_MEMBERS.iter().find(|m| m.eq_ignore_ascii_case(key));
    let elsewhere: Vec<&str> =
        ALL.iter().filter(|s| s.members.iter().any(|m| m.name.eq_ignore_ascii_case(key))).map(|s| s.name).collect();
    let help = if let Some(w) = wrapped {
        format!("Remove the `{w}` wrapper: the argument's value is the object itself. Wrapped, it decodes to nothing (terraform-provider-aws#14024).")
    } else if let Some(s) = suggestion {
        format!("Rename `{key}` to `{s}`: the setting is lost as written.")
    } else if !elsewhere.is_empty() {
        format!("`{key}` is a member of `{}`: move it there, or the setting is lost.", elsewhere.join("`, `"))
    } else {
        "Remove the member or fix its name: the setting is lost as written.".to_string()
    };
    sink.report(&DROPPED_MEMBER, item.key_span, path.to_pointer(), message).help(help);
}

/// A member written in another case than the field it matches.
pub fn report_case(item: &JsonMember<'_>, path: &Path<'_>, sink: &mut Sink) {
    let Some(written) = item.source_key.as_deref() else { return };
    if written == item.key || !written.eq_ignore_ascii_case(&item.key) {
        return;
    }
    let message =
        format!("`{written}` is decoded as `{}`: the provider matches names without regard to case", item.key);
    sink.report(&MEMBER_CASE, item.key_span, path.to_pointer(), message).help(format!("Write `{}`.", item.key));
}

/// A value of the wrong kind, with Go's own message.
pub fn report_decode_error(node: &Node<'_>, member: &Member, list_item: bool, path: &Path<'_>, sink: &mut Sink) {
    let kind = match node.value {
        Value::Bool(_) => "bool".to_string(),
        Value::Number(raw) => match (member.ty, list_item || member.coll != Coll::List) {
            (Ty::Int | Ty::Long, true) => format!("number {raw}"),
            _ => "number".to_string(),
        },
        Value::String(_) => "string".to_string(),
        Value::Array(_) => "array".to_string(),
        Value::Object(_) => "object".to_string(),
        Value::Null | Value::Symbolic(_) => return,
    };
    let element = match member.ty {
        Ty::Str => "string".to_string(),
        Ty::Int => "int32".to_string(),
        Ty::Long => "int64".to_string(),
        Ty::Bool => "bool".to_string(),
        Ty::Enum(e) => format!("types.{}", e.name),
        Ty::Obj(s) => format!("types.{}", s.name),
    };
    let go_type = match member.coll {
        Coll::List if !list_item => format!("[]{element}"),
        Coll::Map if !list_item => format!("map[string]{element}"),
        _ => element,
    };
    let (owner, fields) = go_path(path);
    let target = if fields.is_empty() {
        format!("Go value of type {go_type}")
    } else {
        format!("Go struct field {owner}.{fields} of type {go_type}")
    };
    let message = format!("the provider cannot decode this value (`json: cannot unmarshal {kind} into {target}`)");
    sink.report(&DECODE_ERROR, node.span, path.to_pointer(), message);
}

/// The innermost struct and the field path Go's message names: `ResourceRequirement` and
/// `ResourceRequirements.Value` for `/containerProperties/resourceRequirements/0/value`.
fn go_path(path: &Path<'_>) -> (String, String) {
    let pointer = path.to_pointer();
    let segments: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut shape: &'static Shape = &super::table::REGISTER_JOB_DEFINITION_REQUEST;
    let mut owner = shape.name;
    let mut fields = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        if segment.bytes().all(|b| b.is_ascii_digit()) && !segment.is_empty() {
            continue;
        }
        let Some(member) = shape.member(segment) else { break };
        if i > 0 {
            fields.push(pascal(member.name));
        }
        owner = shape.name;
        if let Ty::Obj(next) = member.ty {
            shape = next;
        }
    }
    (owner.to_string(), fields.join("."))
}

fn pascal(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}
