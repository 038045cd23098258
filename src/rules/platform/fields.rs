//! Fields for one platform only: what Fargate does not take (BL704, BL706, BL713), what only
//! Fargate takes (BL707), `instanceType` on single-node jobs (BL708), the deprecated `vcpus`
//! and `memory` (BL709), and ECS Managed Instances (BL714, BL715).

use super::{for_each_volume, set_member};
use super::{
    DEPRECATED_VCPUS_MEMORY, FARGATE_CONTAINER_TIMEOUT, FARGATE_MULTINODE, FARGATE_ONLY_FIELD,
    INSTANCE_TYPE_SINGLE_NODE, MANAGED_INSTANCES_ECS_PROPERTIES, MANAGED_INSTANCES_ONLY_FIELD, NOT_ON_FARGATE,
};
use crate::diagnostic::Sink;
use crate::input::{Node, Pointer};
use crate::model::{Container, ContainerKind, JobDefinition};
use crate::rules::facts::ContainerFacts;

/// Container fields Fargate does not take, with a specific help where there is one.
const NOT_ON_FARGATE_FIELDS: &[(&str, Option<&str>)] = &[
    ("instanceType", Some("Remove `instanceType`: Fargate chooses the capacity from the VCPU and MEMORY requirements.")),
    ("ulimits", None),
    ("vcpus", Some("Give the vCPU count as `{\"type\": \"VCPU\", \"value\": \"1\"}` in `resourceRequirements`: Fargate does not take `vcpus`.")),
    ("memory", Some("Give the memory as `{\"type\": \"MEMORY\", \"value\": \"2048\"}` in `resourceRequirements`: Fargate does not take `memory`.")),
];

const NOT_ON_FARGATE_LINUX_PARAMETERS: &[&str] = &["devices", "maxSwap", "sharedMemorySize", "swappiness", "tmpfs"];

/// Multinode parallel jobs do not run on Fargate.
pub(super) fn check_multinode(job: &JobDefinition<'_, '_>, sink: &mut Sink) {
    if job.fargate && job.is_multinode() {
        match job.node.get("type").filter(|t| t.as_str() == Some("multinode")) {
            Some(t) => sink.report(
                &FARGATE_MULTINODE,
                t.span,
                job.pointer.key("type"),
                "multinode parallel jobs cannot run on Fargate",
            ),
            None => {
                let span = job.node.member("nodeProperties").map_or(job.node.opening_span(), |m| m.key_span);
                sink.report(
                    &FARGATE_MULTINODE,
                    span,
                    job.pointer.key("nodeProperties"),
                    "multinode parallel jobs cannot run on Fargate",
                )
            }
        };
    }
}

/// The fields of one container that its platform does not take.
pub(super) fn check_container(job: &JobDefinition<'_, '_>, container: &Container<'_, '_>, sink: &mut Sink) {
    let c = container.node;
    if job.fargate {
        check_not_on_fargate(container, sink);
        return;
    }
    for key in ["networkConfiguration", "fargatePlatformConfiguration"] {
        report_fargate_only(job, c, &container.pointer, key, sink);
    }
    if container.kind == ContainerKind::Single {
        if let Some(m) = c.member("instanceType") {
            sink.report(
                &INSTANCE_TYPE_SINGLE_NODE,
                m.key_span,
                container.pointer.key("instanceType"),
                "`instanceType` applies only to multinode jobs, and this is a single-node job",
            );
        }
    }
    for key in ["vcpus", "memory"] {
        if let Some(m) = c.member(key) {
            sink.report(
                &DEPRECATED_VCPUS_MEMORY,
                m.key_span,
                container.pointer.key(key),
                format!("`{key}` is deprecated; give it in `resourceRequirements`"),
            );
        }
    }
}

/// The fields of a role holder (a task's own, or the container's volumes) that the platform
/// does not take.
pub(super) fn check_role_holder(job: &JobDefinition<'_, '_>, group: &[ContainerFacts<'_, '_, '_>], sink: &mut Sink) {
    let Some(first) = group.first().map(|c| c.container) else { return };
    let holder = first.role_holder;
    if first.kind == ContainerKind::TaskContainer && !job.fargate {
        for key in ["networkConfiguration", "platformVersion"] {
            report_fargate_only(job, holder, &first.role_holder_pointer, key, sink);
        }
    }
    if first.kind == ContainerKind::TaskContainer && !job.managed_instances {
        if let Some(m) = set_member(holder, "networkMode") {
            sink.report(
                &MANAGED_INSTANCES_ONLY_FIELD,
                m.key_span,
                first.role_holder_pointer.key("networkMode"),
                format!(
                    "`networkMode` is only for jobs on ECS Managed Instances, and this job runs on {}",
                    platform(job)
                ),
            );
        }
    }
    if first.kind == ContainerKind::TaskContainer && job.fargate {
        if let Some(m) = set_member(holder, "ipcMode") {
            sink.report(
                &NOT_ON_FARGATE,
                m.key_span,
                first.role_holder_pointer.key("ipcMode"),
                "`ipcMode` is not supported on Fargate",
            );
        }
    }
    if job.fargate {
        for_each_volume(first, |volume, pointer| {
            if let Some(m) = volume.member("host") {
                let name = volume.get_str("name").map_or(String::new(), |n| format!(" `{n}`"));
                sink.report(&NOT_ON_FARGATE, m.key_span, pointer.key("host"), format!("volume{name} is a `host` volume, which Fargate does not support"))
                    .help("Use an `efsVolumeConfiguration` volume for shared storage, or a volume without `host` for scratch space.");
            }
        });
    }
}

/// Where a job that is not on Fargate runs, for messages.
fn platform(job: &JobDefinition<'_, '_>) -> &'static str {
    match (job.fargate, job.managed_instances) {
        (true, _) => "Fargate",
        (false, true) => "ECS Managed Instances",
        (false, false) => "EC2",
    }
}

fn report_fargate_only(job: &JobDefinition<'_, '_>, node: &Node<'_>, pointer: &Pointer, key: &str, sink: &mut Sink) {
    if let Some(m) = set_member(node, key) {
        sink.report(
            &FARGATE_ONLY_FIELD,
            m.key_span,
            pointer.key(key),
            format!("`{key}` is only for Fargate jobs, and this job runs on {}", platform(job)),
        );
    }
}

/// Jobs on ECS Managed Instances "must use ecsProperties (not containerProperties) and do not
/// support multi-node parallel jobs" (botocore 1.44.8, `platformCapabilities`).
pub(super) fn check_managed_instances(job: &JobDefinition<'_, '_>, sink: &mut Sink) {
    if !job.managed_instances {
        return;
    }
    for (key, message) in [
        ("containerProperties", "jobs on ECS Managed Instances take `ecsProperties`, not `containerProperties`"),
        ("nodeProperties", "multi-node parallel jobs cannot run on ECS Managed Instances"),
    ] {
        if let Some(m) = job.node.member(key) {
            sink.report(&MANAGED_INSTANCES_ECS_PROPERTIES, m.key_span, job.pointer.key(key), message);
        }
    }
}

/// The longest `startTimeout` and `stopTimeout` of a task container on Fargate, in seconds.
const FARGATE_MAX_CONTAINER_TIMEOUT: i64 = 120;

fn check_not_on_fargate(container: &Container<'_, '_>, sink: &mut Sink) {
    let c = container.node;
    for key in ["startTimeout", "stopTimeout"] {
        if let Some((node, seconds)) =
            c.get(key).and_then(|n| Some((n, n.as_integer()?))).filter(|(_, s)| *s > FARGATE_MAX_CONTAINER_TIMEOUT)
        {
            sink.report(
                &FARGATE_CONTAINER_TIMEOUT,
                node.span,
                container.pointer.key(key),
                format!("`{key}` is {seconds} seconds; on Fargate it is at most {FARGATE_MAX_CONTAINER_TIMEOUT}"),
            );
        }
    }
    let message = |field: &str| format!("`{field}` is not supported on Fargate");
    for (key, help) in NOT_ON_FARGATE_FIELDS {
        if let Some(m) = set_member(c, key) {
            sink.report(&NOT_ON_FARGATE, m.key_span, container.pointer.key(key), message(key)).help_if(*help);
        }
    }
    if let Some(m) = c.member("privileged").filter(|m| m.value.as_bool() == Some(true)) {
        sink.report(
            &NOT_ON_FARGATE,
            m.key_span,
            container.pointer.key("privileged"),
            "privileged containers are not supported on Fargate",
        );
    }
    if let Some(linux) = c.get("linuxParameters") {
        for key in NOT_ON_FARGATE_LINUX_PARAMETERS {
            if let Some(m) = set_member(linux, key) {
                sink.report(
                    &NOT_ON_FARGATE,
                    m.key_span,
                    container.pointer.key("linuxParameters").key(key),
                    message(&format!("linuxParameters.{key}")),
                );
            }
        }
    }
}
