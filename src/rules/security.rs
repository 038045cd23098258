//! Security (BL0xx): long-term AWS credentials in `environment`, privileged containers, the
//! host's Docker socket, and root where it reaches the host. Each rule names the peers' check
//! IDs (checkov, KICS, Trivy, Security Hub), so that their users can map one onto the other.

use super::facts::{ContainerFacts, JobFacts};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Member, Node, Pointer};
use crate::model::{Container, ContainerKind, JobDefinition};

declare_rules! {
    family: Security;

    AWS_CREDENTIALS_IN_ENVIRONMENT = "BL001" "aws-credentials-in-environment" Error {
        summary: "an environment variable holds long-term AWS credentials",
        help: "Remove the keys and give the job a role: `jobRoleArn` (`taskRoleArn` in `ecsProperties`, a service account on EKS); the SDKs in the container use its temporary credentials. Deactivate the exposed key in IAM.",
        why: "Anyone who may call DescribeJobDefinitions reads environment values, and an `AKIA` key works until it is deactivated (IAM User Guide, unique ID prefixes; `ASIA` keys are temporary, BL608). Security Hub ECS.8 (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`), Trivy AVD-AWS-0036, KICS a88baa34 (rules 76c0bcde, 83ab47ff) and checkov CKV_SECRET_2 find the same in ECS task definitions or files; batchlint reads every container (node ranges, `ecsProperties` tasks, EKS `env`) and only the key prefixes, not the other IAM IDs (AIDA, AROA, …) that KICS and checkov match.",
        bad: r#"{"environment": [{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}]}"#,
        good: r#"{"jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}"#,
    }

    PRIVILEGED_CONTAINER = "BL002" "privileged-container" Warning {
        summary: "a container runs privileged",
        help: "Remove `privileged` unless the job must control the host; give it a device with `linuxParameters.devices` instead (on EKS, single capabilities with `securityContext.capabilities.add`). `ECS_DISABLE_PRIVILEGED=true` on the instances refuses privileged containers.",
        why: "The ECS best practices guide: a privileged container \"inherits all of the Linux capabilities assigned to root on the host. It's use should be severely restricted or forbidden.\" checkov CKV_AWS_210 (Batch, Terraform `container_properties` only), KICS 66cd88ac (Terraform), 76ddf32c (CloudFormation), defe5b18 (Ansible), Security Hub ECS.4 and checkov CKV_AWS_334 (ECS task definitions) check it; batchlint also checks node ranges, `ecsProperties` task containers and EKS `securityContext`. On Fargate it is an error (BL706).",
        bad: r#"{"privileged": true}"#,
        good: r#"{"linuxParameters": {"devices": [{"hostPath": "/dev/fuse"}]}}"#,
    }

    DOCKER_SOCKET_MOUNTED = "BL003" "docker-socket-mounted" Warning {
        summary: "a container mounts the host's Docker socket",
        help: "Remove the volume and its mount point. To build images, use a builder that needs no Docker daemon (Kaniko, rootless BuildKit).",
        why: "CIS Docker Benchmark 5.31: \"If the docker socket is mounted inside a container it would allow processes running within the container to execute docker commands which effectively allows for full control of the host.\" The ECS best practices guide does not cover it, and checkov, KICS, Trivy and Security Hub have no such check for ECS or Batch; KICS d6355c88 (Docker Compose), a6f34658 and checkov CKV_K8S_27 (Kubernetes) have. batchlint checks the host volumes of containers, node ranges and `ecsProperties` tasks, and EKS `hostPath` volumes.",
        bad: r#"{"volumes": [{"name": "docker", "host": {"sourcePath": "/var/run/docker.sock"}}], "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]}"#,
        good: r#"{"volumes": [{"name": "scratch", "host": {"sourcePath": "/scratch"}}], "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}"#,
    }

    ROOT_WITH_HOST_ACCESS = "BL004" "root-user-with-host-access" Warning {
        summary: "a container runs as root with privileged mode or the host's network",
        help: "Run the container as a non-root user: `\"user\": \"1000:1000\"` (`runAsUser` on EKS), or a `USER` in the image.",
        why: "The ECS best practices guide: \"You should run containers as a non-root user.\" The Batch API for `networkMode`: \"When running tasks that use the host network mode, do not run containers using the root user (UID 0). Running as root grants unrestricted access to host resources.\" Security Hub ECS.20 (non-root users) and the retired ECS.1 check ECS task definitions; checkov, KICS and Trivy have no such check for Batch. batchlint warns where root meets privileged mode or the host's network (a task on ECS Managed Instances, an EKS `hostNetwork` pod), since a `user` left out means the image's, which it cannot see.",
        bad: r#"{"user": "root", "privileged": true}"#,
        good: r#"{"user": "1000:1000", "privileged": true}"#,
    }
}

pub fn check(facts: &JobFacts<'_, '_, '_>, sink: &mut Sink) {
    let job = facts.job;
    for container in &job.containers {
        check_environment(container, sink);
        // Fargate takes neither privileged containers nor host volumes (BL706).
        if !job.fargate {
            check_privileges(job, container, sink);
        }
    }
    if !job.fargate {
        for group in facts.role_holders() {
            check_ecs_docker_socket(group, sink);
        }
        check_eks_docker_socket(job, sink);
    }
}

/// A long-term access key ID: `AKIA` and 16 letters or digits (IAM's unique ID prefixes; the
/// 20 characters of every AWS example, and of old keys with digits outside base32).
pub(super) fn is_long_term_key_id(value: &str) -> bool {
    is_key_id_with(value.trim(), "AKIA")
}

/// A temporary access key ID from STS: `ASIA` and 16 letters or digits.
pub(super) fn is_temporary_key_id(value: &str) -> bool {
    is_key_id_with(value.trim(), "ASIA")
}

fn is_key_id_with(value: &str, prefix: &str) -> bool {
    value.len() == 20
        && value.starts_with(prefix)
        && value.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The variable that holds a secret access key, as the SDKs read it.
pub(super) const SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";

fn check_environment(container: &Container<'_, '_>, sink: &mut Sink) {
    let list = if container.kind == ContainerKind::Eks { "env" } else { "environment" };
    for (i, item) in container.node.get(list).and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        let (Some(name), Some(value_node)) = (item.get_str("name"), item.get("value")) else { continue };
        let Some(value) = value_node.as_str() else { continue };
        let what = if is_long_term_key_id(value) {
            "a long-term AWS access key ID (`AKIA…`)"
        } else if name == SECRET_ACCESS_KEY && super::names::value_looks_literal(value) {
            "an AWS secret access key"
        } else {
            continue;
        };
        sink.report(
            &AWS_CREDENTIALS_IN_ENVIRONMENT,
            value_node.span,
            container.pointer.key(list).index(i).key("value"),
            format!(
                "environment variable `{name}` holds {what} in plain text, which anyone who can describe the job definition reads"
            ),
        );
    }
}

/// `true` set on `key` of `node`, with the member's span.
fn set_true<'n, 'a>(node: Option<&'n Node<'a>>, key: &str) -> Option<&'n Member<'a>> {
    node?.member(key).filter(|m| m.value.as_bool() == Some(true))
}

/// Whether a `user` names root: `root` or `0`, with or without a group.
fn is_root_user(user: &str) -> bool {
    matches!(user.trim().split(':').next(), Some("root" | "0"))
}

fn check_privileges(job: &JobDefinition<'_, '_>, container: &Container<'_, '_>, sink: &mut Sink) {
    let c = container.node;
    let (privileged, privileged_pointer, user, user_pointer, host_network) = if container.kind == ContainerKind::Eks {
        let context = c.get("securityContext");
        let pod = job.node.get("eksProperties").and_then(|e| e.get("podProperties"));
        let pod_context = pod.and_then(|p| p.get("securityContext"));
        // A container's own `runAsUser` overrides the pod's.
        let (user, user_pointer) = match context.and_then(|s| s.get("runAsUser")) {
            Some(u) => (Some(u), container.pointer.key("securityContext").key("runAsUser")),
            None => (
                pod_context.and_then(|s| s.get("runAsUser")),
                job.pointer.key("eksProperties").key("podProperties").key("securityContext").key("runAsUser"),
            ),
        };
        let root = user.filter(|u| u.as_integer() == Some(0));
        let host_network = set_true(pod, "hostNetwork").is_some().then_some("the host's network (`hostNetwork`)");
        (
            set_true(context, "privileged"),
            container.pointer.key("securityContext").key("privileged"),
            root,
            user_pointer,
            host_network,
        )
    } else {
        let root = c.get("user").filter(|u| u.as_str().is_some_and(is_root_user));
        // On ECS Managed Instances a task's network mode is `host`, also when left out.
        let holder = container.role_holder;
        let host = container.kind == ContainerKind::TaskContainer
            && holder.get_str("networkMode").map_or(job.managed_instances, |m| m == "host");
        let host_network = host.then_some("the host's network (`networkMode` `host`)");
        (
            set_true(Some(c), "privileged"),
            container.pointer.key("privileged"),
            root,
            container.pointer.key("user"),
            host_network,
        )
    };
    if let Some(m) = privileged {
        sink.report(
            &PRIVILEGED_CONTAINER,
            m.key_span,
            privileged_pointer,
            format!("{} runs privileged, with every Linux capability of root on the host", container.label()),
        );
    }
    let Some(user) = user else { return };
    let with = match (privileged.is_some(), host_network) {
        (true, _) => "privileged mode",
        (false, Some(network)) => network,
        (false, None) => return,
    };
    sink.report(
        &ROOT_WITH_HOST_ACCESS,
        user.span,
        user_pointer,
        format!("{} runs as root with {with}: root in the container is root on the host", container.label()),
    );
}

/// The host paths of the Docker socket.
fn is_docker_socket(path: &str) -> bool {
    matches!(path.trim().trim_end_matches('/'), "/var/run/docker.sock" | "/run/docker.sock")
}

/// Reports a Docker-socket volume that the listed containers mount.
fn report_docker_socket(path_node: &Node<'_>, pointer: Pointer, volume: &str, mounted_by: &[String], sink: &mut Sink) {
    let path = path_node.as_str().unwrap_or("");
    sink.report(
        &DOCKER_SOCKET_MOUNTED,
        path_node.span,
        pointer,
        format!(
            "volume `{volume}` mounts the host's Docker socket (`{path}`) into {}, which can then control the host",
            super::role::join_and(mounted_by)
        ),
    );
}

/// The labels of the containers whose `list` of mounts names `volume` in `key`.
fn mounted_by(containers: &[&Container<'_, '_>], list: &str, key: &str, volume: &str) -> Vec<String> {
    containers
        .iter()
        .filter(|c| {
            c.node.get(list).and_then(Node::as_array).unwrap_or(&[]).iter().any(|m| m.get_str(key) == Some(volume))
        })
        .map(|c| c.label())
        .collect()
}

fn check_ecs_docker_socket(group: &[ContainerFacts<'_, '_, '_>], sink: &mut Sink) {
    let Some(first) = group.first().map(|c| c.container) else { return };
    for (i, volume) in first.role_holder.get("volumes").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        let Some(path) = volume.get("host").and_then(|h| h.get("sourcePath")) else { continue };
        let (Some(name), true) = (volume.get_str("name"), path.as_str().is_some_and(is_docker_socket)) else {
            continue;
        };
        let containers: Vec<&Container<'_, '_>> = group.iter().map(|c| c.container).collect();
        let users = mounted_by(&containers, "mountPoints", "sourceVolume", name);
        if !users.is_empty() {
            let pointer = first.role_holder_pointer.key("volumes").index(i).key("host").key("sourcePath");
            report_docker_socket(path, pointer, name, &users, sink);
        }
    }
}

fn check_eks_docker_socket(job: &JobDefinition<'_, '_>, sink: &mut Sink) {
    let Some(pod) = job.node.get("eksProperties").and_then(|e| e.get("podProperties")) else { return };
    let pod_pointer = job.pointer.key("eksProperties").key("podProperties");
    for (i, volume) in pod.get("volumes").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        let Some(path) = volume.get("hostPath").and_then(|h| h.get("path")) else { continue };
        let (Some(name), true) = (volume.get_str("name"), path.as_str().is_some_and(is_docker_socket)) else {
            continue;
        };
        let eks: Vec<&Container<'_, '_>> = job.containers.iter().filter(|c| c.kind == ContainerKind::Eks).collect();
        let users = mounted_by(&eks, "volumeMounts", "name", name);
        if !users.is_empty() {
            report_docker_socket(
                path,
                pod_pointer.key("volumes").index(i).key("hostPath").key("path"),
                name,
                &users,
                sink,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_key_ids() {
        assert!(is_long_term_key_id("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_long_term_key_id("AKIA022QF06E7MXBSH9D"));
        assert!(is_temporary_key_id("ASIAIOSFODNN7EXAMPLE"));
        // IAM's other unique IDs are not keys (IAM User Guide, unique ID prefixes).
        for not_a_key in
            ["AIDAIOSFODNN7EXAMPLE", "AROAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPL", "AKIAiosfodnn7example", ""]
        {
            assert!(!is_long_term_key_id(not_a_key), "{not_a_key}");
        }
        assert!(is_root_user("root") && is_root_user("0:0") && is_root_user("root:wheel"));
        assert!(!is_root_user("1000") && !is_root_user("rootless") && !is_root_user("100:0"));
        assert!(is_docker_socket("/var/run/docker.sock") && is_docker_socket("/run/docker.sock/"));
        assert!(!is_docker_socket("/var/run/docker") && !is_docker_socket("/var/run"));
    }
}
