//! Checks that involve several members of one object (the `cross` of a shape).

use crate::diagnostic::Sink;
use crate::input::{Node, Path, Value};

const KINDS: [&str; 3] = ["containerProperties", "ecsProperties", "eksProperties"];

/// `type` against containerProperties / ecsProperties / eksProperties / nodeProperties, and
/// the members an EKS job definition must not set.
pub fn job_definition(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    let kinds = KINDS.map(|k| node.member(k));
    let present = || kinds.iter().flatten();
    let nodes = node.member("nodeProperties");
    if let Some(ty) = node.member("type") {
        let here = path.key("type");
        match ty.value.as_str() {
            Some("container") => {
                if present().next().is_none() && nodes.is_none() {
                    sink.report(
                        &super::MISSING_JOB_PROPERTIES,
                        ty.value.span,
                        here.to_pointer(),
                        "`type: container` needs one of `containerProperties`, `ecsProperties` or `eksProperties`",
                    );
                }
                if let Some(n) = nodes {
                    sink.report(
                        &super::CONFLICTING_JOB_PROPERTIES,
                        n.key_span,
                        path.key("nodeProperties").to_pointer(),
                        "`nodeProperties` makes a multi-node job, but `type` is `container`",
                    )
                    .help("Set `type` to `multinode` for a multi-node parallel job, or remove `nodeProperties`.");
                }
            }
            Some("multinode") => {
                if nodes.is_none() {
                    sink.report(
                        &super::MISSING_JOB_PROPERTIES,
                        ty.value.span,
                        here.to_pointer(),
                        "`type: multinode` needs `nodeProperties`",
                    );
                }
                for m in present() {
                    sink.report(
                        &super::CONFLICTING_JOB_PROPERTIES,
                        m.key_span,
                        path.key(&m.key).to_pointer(),
                        format!("`{}` is not used by `type: multinode`", m.key),
                    )
                    .help(format!("A multi-node job takes its containers from `nodeProperties.nodeRangeProperties`: move `{}` into a node range.", m.key));
                }
            }
            _ => {}
        }
    }
    let mut others = present();
    if let Some(first) = others.next() {
        for m in others {
            sink.report(
                &super::CONFLICTING_JOB_PROPERTIES,
                m.key_span,
                path.key(&m.key).to_pointer(),
                format!("`{}` cannot be combined with `{}`", m.key, first.key),
            );
        }
    }
    if node.get("eksProperties").is_some() {
        let set = |key: &str| {
            node.member(key).filter(|m| match &m.value.value {
                Value::Bool(b) => *b,
                Value::Array(items) => !items.is_empty(),
                _ => true,
            })
        };
        for key in ["platformCapabilities", "propagateTags"] {
            if let Some(m) = set(key) {
                sink.report(
                    &super::NOT_ALLOWED_FOR_EKS,
                    m.key_span,
                    path.key(key).to_pointer(),
                    format!("`{key}` must not be set in an EKS job definition"),
                );
            }
        }
    }
}

/// `mainNode` below `numNodes`; `targetNodes` ranges well formed, inside the nodes and
/// covering them all.
pub fn node_properties(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    let num_nodes = node.get("numNodes").and_then(Node::as_integer).filter(|n| *n > 0);
    if let (Some(n), Some(main)) = (num_nodes, node.get("mainNode")) {
        if let Some(m) = main.as_integer().filter(|m| *m >= n) {
            let message = format!("`mainNode` is {m}, but node indexes run from 0 to {} (`numNodes` is {n})", n - 1);
            sink.report(&super::INVALID_NODE_RANGE, main.span, path.key("mainNode").to_pointer(), message);
        }
    }
    let Some(list) = node.get("nodeRangeProperties") else { return };
    let Some(ranges) = list.as_array() else { return };
    let list_path = path.key("nodeRangeProperties");
    let last = num_nodes.map(|n| n - 1);
    let mut all_valid = true;
    for (i, range) in ranges.iter().enumerate() {
        let Some(target) = range.get("targetNodes") else { continue };
        let Some(text) = target.as_str() else { continue };
        let item = list_path.index(i);
        let here = item.key("targetNodes");
        let problem = match parse_range(text, last) {
            Ok((start, end)) if start > end => Some(format!("`targetNodes` `{text}` starts after it ends")),
            Ok((_, end)) => match (last, num_nodes) {
                (Some(last), Some(n)) if end > last => {
                    Some(format!("`targetNodes` `{text}` reaches node {end}, but node indexes run from 0 to {last} (`numNodes` is {n})"))
                }
                _ => None,
            },
            Err(()) => Some(format!("`targetNodes` must be `start:end`, `:end` or `start:`, found `{text}`")),
        };
        if let Some(message) = problem {
            all_valid = false;
            sink.report(&super::INVALID_NODE_RANGE, target.span, here.to_pointer(), message);
        }
    }
    if let (true, Some(last)) = (all_valid, last) {
        if let Some(missing) = first_uncovered(ranges, last) {
            sink.report(
                &super::INVALID_NODE_RANGE,
                list.span,
                list_path.to_pointer(),
                format!("node {missing} is in no `targetNodes` range (`numNodes` is {})", last + 1),
            )
            .help("The node ranges together must cover every node from 0 to `numNodes` - 1; nested ranges are allowed and the inner one wins.");
        }
    }
}

/// `start:end`, `:end`, `start:` (open ends are 0 and the last node), or a single index.
fn parse_range(text: &str, last: Option<i64>) -> Result<(i64, i64), ()> {
    let index = |s: &str| {
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<i64>().map_err(|_| ())
        } else {
            Err(())
        }
    };
    match text.split_once(':') {
        None => index(text).map(|i| (i, i)),
        Some(("", "")) => Err(()),
        Some((start, end)) => {
            let start = if start.is_empty() { 0 } else { index(start)? };
            let end = if end.is_empty() { last.unwrap_or(start).max(start) } else { index(end)? };
            Ok((start, end))
        }
    }
}

/// The first node index in `0..=last` that no `targetNodes` range covers. The ranges are
/// parsed once and swept by start (a re-parse per step was quadratic in the range count).
fn first_uncovered(ranges: &[Node<'_>], last: i64) -> Option<i64> {
    let mut parsed: Vec<(i64, i64)> = ranges
        .iter()
        .filter_map(|r| r.get_str("targetNodes"))
        .filter_map(|t| parse_range(t, Some(last)).ok())
        .collect();
    parsed.sort_unstable();
    let mut starting = parsed.into_iter().peekable();
    // The furthest end of the ranges that start at or before `next`.
    let mut reach = -1;
    let mut next = 0;
    while next <= last {
        while let Some((_, end)) = starting.next_if(|(start, _)| *start <= next) {
            reach = reach.max(end);
        }
        if reach < next {
            return Some(next);
        }
        next = reach.saturating_add(1);
    }
    None
}

pub fn retry_strategy(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    if let (Some(m), None) = (node.member("evaluateOnExit"), node.get("attempts")) {
        sink.report(
            &super::EVALUATE_ON_EXIT_WITHOUT_ATTEMPTS,
            m.key_span,
            path.key("evaluateOnExit").to_pointer(),
            "`evaluateOnExit` needs `attempts` in the same `retryStrategy`",
        );
    }
}

/// Access points and IAM authorization need transit encryption; an access point fixes the
/// root directory.
pub fn efs_volume(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    let Some(auth) = node.get("authorizationConfig") else { return };
    let encrypted = node.get_str("transitEncryption") == Some("ENABLED");
    let auth_path = path.key("authorizationConfig");
    let access_point = auth.get("accessPointId");
    if let (Some(ap), false) = (access_point, encrypted) {
        sink.report(
            &super::EFS_TRANSIT_ENCRYPTION_REQUIRED,
            ap.span,
            auth_path.key("accessPointId").to_pointer(),
            "an EFS access point needs `transitEncryption` set to `ENABLED`",
        );
    }
    if let (Some(iam), false) = (auth.get("iam").filter(|n| n.as_str() == Some("ENABLED")), encrypted) {
        sink.report(
            &super::EFS_TRANSIT_ENCRYPTION_REQUIRED,
            iam.span,
            auth_path.key("iam").to_pointer(),
            "`iam: ENABLED` needs `transitEncryption` set to `ENABLED`",
        );
    }
    let root = node.get("rootDirectory").filter(|r| r.as_str().is_some_and(|s| s != "/"));
    if let (Some(_), Some(root)) = (access_point, root) {
        let shown = root.as_str().unwrap_or("");
        sink.report(
            &super::EFS_ACCESS_POINT_ROOT_DIRECTORY,
            root.span,
            path.key("rootDirectory").to_pointer(),
            format!("`rootDirectory` must be omitted or `/` with an access point, found `{shown}`"),
        );
    }
}

/// `value` is a string holding a number: VCPU may be fractional, MEMORY (MiB, at least 4)
/// and GPU are whole numbers.
pub fn resource_requirement(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    let (Some(kind), Some(value)) = (node.get_str("type"), node.get("value")) else { return };
    let Some(text) = value.as_str() else { return };
    let here = path.key("value");
    let whole = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let decimal = match text.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty() && !frac.is_empty() && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        }
        None => whole,
    };
    let problem = match kind {
        "VCPU" if !decimal => Some("a number of vCPUs, like \"0.25\" or \"2\""),
        "MEMORY" if !whole => Some("a whole number of MiB, like \"2048\""),
        "GPU" if !whole => Some("a whole number of GPUs, like \"1\""),
        _ => None,
    };
    if let Some(want) = problem {
        sink.report(
            &super::INVALID_FORMAT,
            value.span,
            here.to_pointer(),
            format!("`value` for `{kind}` must be {want}, found `{text}`"),
        );
        return;
    }
    if kind == "MEMORY" && text.parse::<u64>().is_ok_and(|mib| mib < 4) {
        sink.report(
            &super::VALUE_OUT_OF_RANGE,
            value.span,
            here.to_pointer(),
            format!("`value` for `MEMORY` must be at least 4 MiB, found `{text}`"),
        );
    }
}

/// `localhostProfile`: "You must specify this parameter when type is Localhost. Don't set this
/// parameter for any other type." (botocore 1.44.8, `EksSeccompProfile`)
pub fn seccomp_profile(node: &Node<'_>, path: &Path<'_>, sink: &mut Sink) {
    let Some(kind) = node.get_str("type") else { return };
    match (kind == "Localhost", node.member("localhostProfile")) {
        (true, None) => {
            sink.report(
                &super::MISSING_REQUIRED_MEMBER,
                node.span,
                path.to_pointer(),
                "a seccomp profile of type `Localhost` needs `localhostProfile`, the profile's path on the node",
            );
        }
        (false, Some(m)) => {
            sink.report(
                &super::INVALID_FORMAT,
                m.key_span,
                path.key("localhostProfile").to_pointer(),
                format!("`localhostProfile` is only for type `Localhost`, and this profile is `{kind}`"),
            )
            .help("Remove `localhostProfile`, or set `type` to `Localhost`.");
        }
        _ => {}
    }
}
