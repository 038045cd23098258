//! Security rules (BL0xx): long-term AWS keys, privileged containers, the Docker socket and
//! root with host access, through `analyze`, in every kind of container.

use crate::cases::{Case, Place};
use crate::common::{findings, only_in as only};
use batchlint::Severity;

const KEY_ID_MESSAGE: &str = "holds a long-term AWS access key ID (`AKIA…`) in plain text, which anyone who can describe the job definition reads";

#[test]
fn bl001_long_term_keys_in_every_kind_of_container() {
    let node_range = r#"{"jobDefinitionName": "mpi", "type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [
  {"targetNodes": "0:1", "container": {"image": "mpi:1", "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]}}]}}"#;
    let d = only(node_range, "BL001");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/nodeProperties/nodeRangeProperties/0/container/environment/0/value");
    assert_eq!(
        d.message,
        "environment variable `AWS_SECRET_ACCESS_KEY` holds an AWS secret access key in plain text, which anyone who can describe the job definition reads"
    );
    // A task container, with the key under any name.
    let task = r#"{"jobDefinitionName": "etl", "type": "container", "ecsProperties": {"taskProperties": [{"containers": [
  {"name": "app", "image": "app:1", "environment": [{"name": "S3_UPLOAD_KEY", "value": "AKIAIOSFODNN7EXAMPLE"}]}]}]}}"#;
    let d = only(task, "BL001");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/containers/0/environment/0/value");
    assert_eq!(d.message, format!("environment variable `S3_UPLOAD_KEY` {KEY_ID_MESSAGE}"));
    // EKS `env`.
    let eks = r#"{"jobDefinitionName": "k8s", "type": "container", "eksProperties": {"podProperties": {"containers": [
  {"name": "main", "image": "app:1", "env": [{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}]}]}}}"#;
    assert_eq!(only(eks, "BL001").path, "/eksProperties/podProperties/containers/0/env/0/value");
    // A template or an empty value is no key.
    let templated = eks.replace("AKIAIOSFODNN7EXAMPLE", "${AWS_ACCESS_KEY_ID}");
    assert!(findings(&templated, "BL001").is_empty());
    let empty = node_range.replace("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "");
    assert!(findings(&empty, "BL001").is_empty());
}

/// A multinode job on EC2 whose one node range's container has `container`.
fn node_range(container: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "mpi", "type": "multinode", "nodeProperties": {{"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [
  {{"targetNodes": "0:1", "container": {{"image": "mpi:1"{container}}}}}]}}}}"#
    )
}

/// An EKS job: `container` is spliced into its one container, `pod` into the pod.
fn eks(container: &str, pod: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "k8s", "type": "container", "eksProperties": {{"podProperties": {{"containers": [
  {{"name": "main", "image": "app:1"{container}}}]{pod}}}}}}}"#
    )
}

/// An `ecsProperties` job: `platform` is spliced at the top, `task` into the task and
/// `container` into its one container.
fn task(platform: &str, task: &str, container: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "etl", "type": "container"{platform}, "ecsProperties": {{"taskProperties": [{{"executionRoleArn": "arn:aws:iam::123456789012:role/exec"{task}, "containers": [
  {{"name": "app", "image": "app:1", "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}]{container}}}]}}]}}}}"#
    )
}

#[test]
fn bl002_privileged_in_node_ranges_tasks_and_eks() {
    let d = only(&node_range(r#", "privileged": true"#), "BL002");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/nodeProperties/nodeRangeProperties/0/container/privileged");
    assert_eq!(
        d.message,
        "the container of node range 0:1 runs privileged, with every Linux capability of root on the host"
    );
    let d = only(&task("", "", r#", "privileged": true"#), "BL002");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/containers/0/privileged");
    assert_eq!(d.message, "container \"app\" runs privileged, with every Linux capability of root on the host");
    let d = only(&eks(r#", "securityContext": {"privileged": true}"#, ""), "BL002");
    assert_eq!(d.path, "/eksProperties/podProperties/containers/0/securityContext/privileged");
    // Fargate refuses it (BL706, an error): no second finding.
    let fargate = task(r#", "platformCapabilities": ["FARGATE"]"#, "", r#", "privileged": true"#);
    assert!(findings(&fargate, "BL002").is_empty());
    assert_eq!(findings(&fargate, "BL706").len(), 1);
    assert!(findings(&node_range(r#", "privileged": false"#), "BL002").is_empty());
}

#[test]
fn bl003_docker_socket_in_tasks_and_eks() {
    let volume = r#", "volumes": [{"name": "docker", "host": {"sourcePath": "/run/docker.sock"}}]"#;
    let mount = r#", "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]"#;
    let d = only(&task("", volume, mount), "BL003");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/volumes/0/host/sourcePath");
    assert_eq!(
        d.message,
        "volume `docker` mounts the host's Docker socket (`/run/docker.sock`) into container \"app\", which can then control the host"
    );
    // A volume that no container mounts gives nothing.
    assert!(findings(&task("", volume, ""), "BL003").is_empty());
    let pod = r#", "volumes": [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}]"#;
    let d = only(&eks(r#", "volumeMounts": [{"name": "sock", "mountPath": "/var/run/docker.sock"}]"#, pod), "BL003");
    assert_eq!(d.path, "/eksProperties/podProperties/volumes/0/hostPath/path");
    assert_eq!(
        d.message,
        "volume `sock` mounts the host's Docker socket (`/var/run/docker.sock`) into container \"main\", which can then control the host"
    );
}

#[test]
fn bl004_root_with_privileged_mode_or_the_host_network() {
    let d = only(&node_range(r#", "user": "0:0", "privileged": true"#), "BL004");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/nodeProperties/nodeRangeProperties/0/container/user");
    assert_eq!(
        d.message,
        "the container of node range 0:1 runs as root with privileged mode: root in the container is root on the host"
    );
    // Root alone: the image may run as root anyway, and batchlint does not warn on it.
    assert!(findings(&node_range(r#", "user": "root""#), "BL004").is_empty());
    // On ECS Managed Instances a task's network mode is `host`, also when left out.
    let managed = r#", "platformCapabilities": ["MANAGED_INSTANCES"]"#;
    let d = only(&task(managed, "", r#", "user": "root""#), "BL004");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/containers/0/user");
    assert_eq!(
        d.message,
        "container \"app\" runs as root with the host's network (`networkMode` `host`): root in the container is root on the host"
    );
    assert!(findings(&task(managed, "", r#", "user": "1000""#), "BL004").is_empty());
    // EKS: the pod's `runAsUser` applies to a container without its own.
    let d = only(&eks("", r#", "hostNetwork": true, "securityContext": {"runAsUser": 0}"#), "BL004");
    assert_eq!(d.path, "/eksProperties/podProperties/securityContext/runAsUser");
    assert_eq!(
        d.message,
        "container \"main\" runs as root with the host's network (`hostNetwork`): root in the container is root on the host"
    );
    let own_user = eks(
        r#", "securityContext": {"runAsUser": 1000}"#,
        r#", "hostNetwork": true, "securityContext": {"runAsUser": 0}"#,
    );
    assert!(findings(&own_user, "BL004").is_empty());
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL001",
        place: Place::Container,
        bad: r#"{"environment": [{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}]}"#,
        path: "/containerProperties/environment/0/value",
        message: "environment variable `AWS_ACCESS_KEY_ID` holds a long-term AWS access key ID (`AKIA…`) in plain text, which anyone who can describe the job definition reads",
        good: r#"{"jobRoleArn": "arn:aws:iam::123456789012:role/batch-job"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL002",
        place: Place::Container,
        bad: r#"{"privileged": true}"#,
        path: "/containerProperties/privileged",
        message: "the container runs privileged, with every Linux capability of root on the host",
        good: r#"{"privileged": false}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL003",
        place: Place::Container,
        bad: r#"{"volumes": [{"name": "docker", "host": {"sourcePath": "/var/run/docker.sock"}}], "mountPoints": [{"sourceVolume": "docker", "containerPath": "/var/run/docker.sock"}]}"#,
        path: "/containerProperties/volumes/0/host/sourcePath",
        message: "volume `docker` mounts the host's Docker socket (`/var/run/docker.sock`) into the container, which can then control the host",
        good: r#"{"volumes": [{"name": "scratch", "host": {"sourcePath": "/scratch"}}], "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL004",
        place: Place::Container,
        bad: r#"{"user": "root", "privileged": true}"#,
        path: "/containerProperties/user",
        message: "the container runs as root with privileged mode: root in the container is root on the host",
        good: r#"{"user": "1000:1000", "privileged": true}"#,
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
