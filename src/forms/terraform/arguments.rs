//! The arguments of `aws_batch_job_definition` mapped to the RegisterJobDefinition request
//! the provider sends (`resourceJobDefinitionCreate` and its `expand…` functions in
//! `internal/service/batch/job_definition.go`): `name` is `jobDefinitionName`, the blocks
//! are objects, `eks_properties` takes snake_case attributes. Terraform converts a value to
//! the argument's type where it can (`"5"` for a number) and refuses it otherwise.

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Member, Node, Pointer, Value};
use std::borrow::Cow;

declare_rules! {
    family: Shape;

    ARGUMENT_TYPE = "BL229" "terraform-argument-type" Error {
        summary: "an argument of `aws_batch_job_definition` has a value Terraform cannot convert to its type",
        help: "Give the argument a value of its type: a string, a number, a bool, a list or map of strings, or a block.",
        why: "Terraform converts values to the type of the provider's schema where it can (`\"5\"` for a number) and otherwise stops the plan with `Inappropriate value for attribute \"...\": ... required.` (the resource's schema in internal/service/batch/job_definition.go).",
        bad: "scheduling_priority = \"high\"",
        good: "scheduling_priority = 50",
    }

    UNKNOWN_ARGUMENT = "BL230" "terraform-unknown-argument" Error {
        summary: "`aws_batch_job_definition` has an argument the resource does not define",
        help: "Remove the argument or fix its name; the resource's arguments are snake_case (`platform_capabilities`, `retry_strategy`), and the container's settings go inside `container_properties`.",
        why: "Terraform refuses an argument that is not in the provider's schema of the resource: `An argument named \"...\" is not expected here.` (the schema in internal/service/batch/job_definition.go).",
        bad: "platformCapabilities = [\"FARGATE\"]",
        good: "platform_capabilities = [\"FARGATE\"]",
    }

    TYPE_CASE = "BL231" "terraform-type-case" Error {
        summary: "the job definition's `type` is not in lower case, and the provider then sends no properties",
        help: "Write `type = \"container\"` or `type = \"multinode\"`.",
        why: "The provider validates `type` without regard to case (`enum.ValidateIgnoreCase`), but its create step switches on the exact values `container` and `multinode` (`resourceJobDefinitionCreate`, internal/service/batch/job_definition.go): with `Container` none of `container_properties`, `ecs_properties`, `eks_properties` or `node_properties` is put in the request.",
        bad: "type = \"Container\"",
        good: "type = \"container\"",
    }
}

/// The type of a Terraform argument.
#[derive(Clone, Copy)]
enum Ty {
    Str,
    /// A number; `omit_zero`: the provider sends it only when it is not 0 (`GetOk`).
    Int {
        omit_zero: bool,
    },
    Bool,
    StrList,
    StrMap,
    /// A block of at most one (`MaxItems: 1`), sent as one object.
    Block(&'static [Arg]),
    /// A repeatable block, sent as a list of objects.
    Blocks(&'static [Arg]),
}

struct Arg {
    tf: &'static str,
    api: &'static str,
    ty: Ty,
}

const fn arg(tf: &'static str, api: &'static str, ty: Ty) -> Arg {
    Arg { tf, api, ty }
}

const INT: Ty = Ty::Int { omit_zero: false };
const INT_OR_ZERO: Ty = Ty::Int { omit_zero: true };

static EVALUATE_ON_EXIT: &[Arg] = &[
    arg("action", "action", Ty::Str),
    arg("on_exit_code", "onExitCode", Ty::Str),
    arg("on_reason", "onReason", Ty::Str),
    arg("on_status_reason", "onStatusReason", Ty::Str),
];
static RETRY_STRATEGY: &[Arg] = &[
    arg("attempts", "attempts", INT_OR_ZERO),
    arg("evaluate_on_exit", "evaluateOnExit", Ty::Blocks(EVALUATE_ON_EXIT)),
];
static TIMEOUT: &[Arg] = &[arg("attempt_duration_seconds", "attemptDurationSeconds", INT_OR_ZERO)];
static ENV: &[Arg] = &[arg("name", "name", Ty::Str), arg("value", "value", Ty::Str)];
static RESOURCES: &[Arg] = &[arg("limits", "limits", Ty::StrMap), arg("requests", "requests", Ty::StrMap)];
static SECURITY_CONTEXT: &[Arg] = &[
    arg("privileged", "privileged", Ty::Bool),
    arg("read_only_root_file_system", "readOnlyRootFilesystem", Ty::Bool),
    arg("run_as_group", "runAsGroup", INT),
    arg("run_as_non_root", "runAsNonRoot", Ty::Bool),
    arg("run_as_user", "runAsUser", INT),
];
static VOLUME_MOUNT: &[Arg] =
    &[arg("mount_path", "mountPath", Ty::Str), arg("name", "name", Ty::Str), arg("read_only", "readOnly", Ty::Bool)];
static CONTAINER: &[Arg] = &[
    arg("args", "args", Ty::StrList),
    arg("command", "command", Ty::StrList),
    arg("env", "env", Ty::Blocks(ENV)),
    arg("image", "image", Ty::Str),
    arg("image_pull_policy", "imagePullPolicy", Ty::Str),
    arg("name", "name", Ty::Str),
    arg("resources", "resources", Ty::Block(RESOURCES)),
    arg("security_context", "securityContext", Ty::Block(SECURITY_CONTEXT)),
    arg("volume_mounts", "volumeMounts", Ty::Blocks(VOLUME_MOUNT)),
];
static NAME: &[Arg] = &[arg("name", "name", Ty::Str)];
static METADATA: &[Arg] = &[arg("labels", "labels", Ty::StrMap)];
static EMPTY_DIR: &[Arg] = &[arg("medium", "medium", Ty::Str), arg("size_limit", "sizeLimit", Ty::Str)];
static HOST_PATH: &[Arg] = &[arg("path", "path", Ty::Str)];
static SECRET: &[Arg] = &[arg("optional", "optional", Ty::Bool), arg("secret_name", "secretName", Ty::Str)];
static VOLUME: &[Arg] = &[
    arg("empty_dir", "emptyDir", Ty::Block(EMPTY_DIR)),
    arg("host_path", "hostPath", Ty::Block(HOST_PATH)),
    arg("name", "name", Ty::Str),
    arg("secret", "secret", Ty::Block(SECRET)),
];
static POD_PROPERTIES: &[Arg] = &[
    arg("containers", "containers", Ty::Blocks(CONTAINER)),
    arg("dns_policy", "dnsPolicy", Ty::Str),
    arg("host_network", "hostNetwork", Ty::Bool),
    arg("image_pull_secret", "imagePullSecrets", Ty::Blocks(NAME)),
    arg("init_containers", "initContainers", Ty::Blocks(CONTAINER)),
    arg("metadata", "metadata", Ty::Block(METADATA)),
    arg("service_account_name", "serviceAccountName", Ty::Str),
    arg("share_process_namespace", "shareProcessNamespace", Ty::Bool),
    arg("volumes", "volumes", Ty::Blocks(VOLUME)),
];
static EKS_PROPERTIES: &[Arg] = &[arg("pod_properties", "podProperties", Ty::Block(POD_PROPERTIES))];

/// The resource's own arguments; the `*_properties` JSON strings are read apart.
static RESOURCE: &[Arg] = &[
    arg("name", "jobDefinitionName", Ty::Str),
    arg("type", "type", Ty::Str),
    arg("platform_capabilities", "platformCapabilities", Ty::StrList),
    arg("parameters", "parameters", Ty::StrMap),
    arg("propagate_tags", "propagateTags", Ty::Bool),
    arg("retry_strategy", "retryStrategy", Ty::Block(RETRY_STRATEGY)),
    arg("scheduling_priority", "schedulingPriority", INT_OR_ZERO),
    arg("tags", "tags", Ty::StrMap),
    arg("timeout", "timeout", Ty::Block(TIMEOUT)),
    arg("eks_properties", "eksProperties", Ty::Block(EKS_PROPERTIES)),
];

/// Arguments the provider (or Terraform) takes that the request does not hold: computed
/// attributes, meta-arguments, the JSON properties read apart, and provider v6's `region`.
const NOT_SENT: &[&str] = &[
    "container_properties",
    "node_properties",
    "ecs_properties",
    "deregister_on_new_revision",
    "region",
    "arn",
    "arn_prefix",
    "id",
    "revision",
    "tags_all",
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
];

/// Maps the resource's arguments (an object: attributes, and each block type as a list of
/// objects) to request members. `strict`: an argument the resource does not take is reported
/// (a `.tf` file; a plan holds only what the provider's schema has).
pub fn map<'a>(values: &Node<'a>, pointer: &Pointer, strict: bool, sink: &mut Sink) -> Vec<Member<'a>> {
    let mut out = Vec::new();
    for member in values.as_object().unwrap_or(&[]) {
        if RESOURCE.iter().all(|a| a.tf != member.key) && !NOT_SENT.contains(&&*member.key) && strict {
            let message = format!("An argument named \"{}\" is not expected here.", member.key);
            sink.report(&UNKNOWN_ARGUMENT, member.key_span, pointer.key(&member.key), message);
        }
    }
    object(values, RESOURCE, pointer, sink, &mut out);
    if let Some(ty) = out.iter().find(|m| m.key == "type") {
        if let Some(t) = ty.value.as_str() {
            if (t.eq_ignore_ascii_case("container") || t.eq_ignore_ascii_case("multinode"))
                && t != "container"
                && t != "multinode"
            {
                let message = format!(
                    "`type = \"{t}\"` passes the provider's validation, but its create step compares it exactly with `container` and `multinode`: no properties are sent"
                );
                sink.report(&TYPE_CASE, ty.value.span, pointer.key("type"), message)
                    .help(format!("Write `type = \"{}\"`.", t.to_ascii_lowercase()));
            }
        }
    }
    out
}

/// The members of one object of the arguments `args`, in their order.
fn object<'a>(values: &Node<'a>, args: &'static [Arg], pointer: &Pointer, sink: &mut Sink, out: &mut Vec<Member<'a>>) {
    for a in args {
        let Some(member) = values.member(a.tf) else { continue };
        let here = pointer.key(a.tf);
        if let Some(value) = convert(&member.value, a, &here, sink) {
            let source_key = (a.tf != a.api).then(|| member.key.clone());
            out.push(Member { key: Cow::Borrowed(a.api), key_span: member.key_span, value, source_key });
        }
    }
}

fn type_error(node: &Node<'_>, a: &Arg, want: &str, pointer: &Pointer, sink: &mut Sink) {
    let message = format!("Inappropriate value for attribute \"{}\": {want} required.", a.tf);
    sink.report(&ARGUMENT_TYPE, node.span, pointer.as_str(), message);
}

/// A value converted to the argument's type, as Terraform converts it; `None` for a value the
/// provider does not send (null, an empty block list, a zero it leaves out) or one of the
/// wrong type (reported).
fn convert<'a>(node: &Node<'a>, a: &Arg, pointer: &Pointer, sink: &mut Sink) -> Option<Node<'a>> {
    if matches!(node.value, Value::Null) {
        return None;
    }
    if matches!(node.value, Value::Symbolic(_)) {
        return Some(node.clone());
    }
    let span = node.span;
    match a.ty {
        Ty::Str => match string(node) {
            Some(s) => Some(Node { span, value: Value::String(s) }),
            None => {
                type_error(node, a, "string", pointer, sink);
                None
            }
        },
        Ty::Int { omit_zero } => {
            let raw = match &node.value {
                Value::Number(raw) => Some(*raw),
                Value::String(Cow::Borrowed(s)) if crate::input::tree::parse_integer(s).is_some() => Some(*s),
                _ => None,
            };
            let Some(raw) = raw else {
                type_error(node, a, "a number is", pointer, sink);
                return None;
            };
            if omit_zero && crate::input::tree::parse_integer(raw) == Some(0) {
                return None;
            }
            Some(Node { span, value: Value::Number(raw) })
        }
        Ty::Bool => match &node.value {
            Value::Bool(b) => Some(Node { span, value: Value::Bool(*b) }),
            Value::String(s) if s == "true" || s == "false" => Some(Node { span, value: Value::Bool(s == "true") }),
            _ => {
                type_error(node, a, "bool", pointer, sink);
                None
            }
        },
        Ty::StrList => {
            let Some(items) = node.as_array() else {
                type_error(node, a, "list of string", pointer, sink);
                return None;
            };
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match string(item) {
                    Some(s) => out.push(Node { span: item.span, value: Value::String(s) }),
                    None if matches!(item.value, Value::Symbolic(_)) => out.push(item.clone()),
                    None => type_error(item, a, "list of string", &pointer.index(i), sink),
                }
            }
            Some(Node { span, value: Value::Array(out) })
        }
        Ty::StrMap => {
            let Some(entries) = node.as_object() else {
                type_error(node, a, "map of string", pointer, sink);
                return None;
            };
            let mut out = Vec::with_capacity(entries.len());
            for entry in entries {
                let value = match string(&entry.value) {
                    Some(s) => Node { span: entry.value.span, value: Value::String(s) },
                    None if matches!(entry.value.value, Value::Symbolic(_)) => entry.value.clone(),
                    None => {
                        type_error(&entry.value, a, "map of string", &pointer.key(&entry.key), sink);
                        continue;
                    }
                };
                out.push(Member { value, ..entry.clone() });
            }
            Some(Node { span, value: Value::Object(out) })
        }
        Ty::Block(args) => {
            let block = match &node.value {
                Value::Array(items) => items.first()?,
                Value::Object(_) => node,
                _ => {
                    type_error(node, a, "a block is", pointer, sink);
                    return None;
                }
            };
            let here = if node.as_array().is_some() { pointer.index(0) } else { pointer.clone() };
            let mut members = Vec::new();
            object(block, args, &here, sink, &mut members);
            Some(Node { span: block.span, value: Value::Object(members) })
        }
        Ty::Blocks(args) => {
            let Some(items) = node.as_array() else {
                type_error(node, a, "a list of blocks is", pointer, sink);
                return None;
            };
            if items.is_empty() {
                return None;
            }
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let mut members = Vec::new();
                object(item, args, &pointer.index(i), sink, &mut members);
                out.push(Node { span: item.span, value: Value::Object(members) });
            }
            Some(Node { span, value: Value::Array(out) })
        }
    }
}

/// A value as a string, as Terraform converts a number or a bool for a string argument.
fn string<'a>(node: &Node<'a>) -> Option<Cow<'a, str>> {
    match &node.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(raw) => Some(Cow::Borrowed(*raw)),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        _ => None,
    }
}
