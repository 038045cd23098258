//! Structural rules (BL2xx): for every rule a bad example (exact code, severity, message and
//! pointer) and a good one (no finding of that code).

use crate::cases::{Case, Place};
use batchlint::{Diagnostic, Severity};

fn findings(text: &str, code: &str) -> Vec<Diagnostic> {
    batchlint::analyze(text, &batchlint::Options::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// The one finding of `code` in `text`, checked against `path` and `message`.
fn expect_one(text: &str, code: &str, path: &str, message: &str) -> Diagnostic {
    let found = findings(text, code);
    assert_eq!(found.len(), 1, "expected one {code} in {text}, got {found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, path);
    assert_eq!(d.message, message);
    d
}

fn expect_none(text: &str, code: &str) {
    let found = findings(text, code);
    assert!(found.is_empty(), "expected no {code} in {text}, got {found:#?}");
}

/// A register request with one container; `extra` is spliced into `containerProperties`.
fn container(extra: &str) -> String {
    let sep = if extra.is_empty() { "" } else { ", " };
    format!(
        r#"{{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {{"image": "busybox"{sep}{extra}}}}}"#
    )
}

/// A register request; `extra` is spliced at the top level next to a valid container.
fn top(extra: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {{"image": "busybox"}}, {extra}}}"#
    )
}

const EKS_POD: &str = r#"{"jobDefinitionName": "k8s", "type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"CONTAINER}]POD}}}"#;

fn eks(container_extra: &str, pod_extra: &str) -> String {
    EKS_POD.replace("CONTAINER", container_extra).replace("POD", pod_extra)
}

#[test]
fn a_valid_definition_has_no_shape_findings() {
    let text = r#"{
      "jobDefinitionName": "nightly",
      "type": "container",
      "platformCapabilities": ["FARGATE"],
      "retryStrategy": {"attempts": 3, "evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "retry"}, {"onExitCode": "1*", "action": "EXIT"}]},
      "timeout": {"attemptDurationSeconds": 3600},
      "tags": {"team": "data"},
      "containerProperties": {
        "image": "public.ecr.aws/docker/library/busybox:latest",
        "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec",
        "resourceRequirements": [{"type": "VCPU", "value": "0.25"}, {"type": "MEMORY", "value": "512"}],
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/batch"}},
        "linuxParameters": {"tmpfs": [{"containerPath": "/tmp", "size": 64, "mountOptions": ["rw", "mode=1777"]}]},
        "networkConfiguration": {"assignPublicIp": "ENABLED"},
        "ephemeralStorage": {"sizeInGiB": 21},
        "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "rootDirectory": "/", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}}}],
        "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]
      }
    }"#;
    let report = batchlint::analyze(text, &batchlint::Options::default());
    let shape: Vec<_> = report.diagnostics.iter().filter(|d| d.code.starts_with("BL2")).collect();
    assert!(shape.is_empty(), "{shape:#?}");
}

// BL201 unknown-member

#[test]
fn unknown_member_typo() {
    let text = r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperty": {"image": "busybox"}}"#;
    let d = expect_one(
        text,
        "BL201",
        "/containerProperty",
        "`containerProperty` is not a member of `RegisterJobDefinitionRequest` (did you mean `containerProperties`?)",
    );
    assert_eq!(d.help, "Rename `containerProperty` to `containerProperties`.");
    // The span is the key.
    assert_eq!(d.range.start.offset, text.find("\"containerProperty\"").unwrap() as u32);
    assert_eq!(d.range.end.offset - d.range.start.offset, "\"containerProperty\"".len() as u32);
    expect_none(&container(""), "BL201");
}

#[test]
fn unknown_member_pascal_case_from_cloudformation() {
    let text = r#"{"jobDefinitionName": "nightly", "type": "container", "ContainerProperties": {"image": "busybox"}}"#;
    let d = expect_one(
        text,
        "BL201",
        "/ContainerProperties",
        "`ContainerProperties` is not a member of `RegisterJobDefinitionRequest` (did you mean `containerProperties`?)",
    );
    assert_eq!(d.help, "The Batch API uses camelCase: `ContainerProperties` is the CloudFormation spelling. Write `containerProperties`.");
    let volume = container(r#""volumes": [{"name": "data", "EfsVolumeConfiguration": {"fileSystemId": "fs-1"}}]"#);
    let d = expect_one(
        &volume,
        "BL201",
        "/containerProperties/volumes/0/EfsVolumeConfiguration",
        "`EfsVolumeConfiguration` is not a member of `Volume` (did you mean `efsVolumeConfiguration`?)",
    );
    assert!(d.help.contains("camelCase"));
}

#[test]
fn unknown_member_wrong_case_and_no_suggestion() {
    let d = expect_one(
        &container(r#""executionRoleARN": "arn:aws:iam::123456789012:role/x""#),
        "BL201",
        "/containerProperties/executionRoleARN",
        "`executionRoleARN` is not a member of `ContainerProperties` (did you mean `executionRoleArn`?)",
    );
    assert_eq!(d.help, "Member names are case-sensitive: write `executionRoleArn`.");
    expect_one(
        &container(r#""gpuCount": 1"#),
        "BL201",
        "/containerProperties/gpuCount",
        "`gpuCount` is not a member of `ContainerProperties`",
    );
}

#[test]
fn secrets_under_an_eks_container() {
    let text = eks(r#", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]"#, "");
    let d = expect_one(
        &text,
        "BL201",
        "/eksProperties/podProperties/containers/0/secrets",
        "`secrets` is not a member of an EKS container",
    );
    assert!(d.help.contains("Kubernetes Secret"), "{}", d.help);
    assert!(d.help.contains("imagePullSecrets"), "{}", d.help);
    expect_none(&eks(r#", "env": [{"name": "MODE", "value": "fast"}]"#, ""), "BL201");
}

// BL202 wrong-type

#[test]
fn wrong_type_string_for_integer() {
    let d = expect_one(
        &container(r#""memory": "2048""#),
        "BL202",
        "/containerProperties/memory",
        "expected an integer, found a string",
    );
    assert_eq!(d.help, "Remove the quotes: write 2048.");
    expect_none(&container(r#""memory": 2048"#), "BL202");
}

/// botocore's message for a `null` where it takes `types`, as the AWS CLI prints it.
fn null_message(parameter: &str, types: &str) -> String {
    format!("`null` is not a value: the AWS CLI and SDKs refuse the request before sending it (`Invalid type for parameter {parameter}, value: None, type: <class 'NoneType'>, valid types: {types}`)")
}

#[test]
fn wrong_type_null_in_a_request_is_refused_by_the_cli() {
    // The messages botocore 1.44.8 and the AWS CLI v1 and v2 print for these (verified runs).
    let cases = [
        (
            container(r#""jobRoleArn": null"#),
            "/containerProperties/jobRoleArn",
            "containerProperties.jobRoleArn",
            "<class 'str'>",
            "Leave `jobRoleArn` out to leave it unset.",
        ),
        (top(r#""timeout": null"#), "/timeout", "timeout", "<class 'dict'>", "Leave `timeout` out to leave it unset."),
        (
            top(r#""retryStrategy": {"attempts": null}"#),
            "/retryStrategy/attempts",
            "retryStrategy.attempts",
            "<class 'int'>",
            "Leave `attempts` out to leave it unset.",
        ),
        (
            container(r#""environment": [{"name": "A", "value": null}]"#),
            "/containerProperties/environment/0/value",
            "containerProperties.environment[0].value",
            "<class 'str'>",
            "Leave `value` out to leave it unset.",
        ),
        (
            top(r#""tags": {"k": null}"#),
            "/tags/k",
            "tags.k",
            "<class 'str'>",
            "Remove `k` from `tags`, or give it a string.",
        ),
        (
            container(r#""command": ["echo", null]"#),
            "/containerProperties/command/1",
            "containerProperties.command[1]",
            "<class 'str'>",
            "Remove the item from `command`, or give it a value.",
        ),
        (
            container(r#""privileged": null"#),
            "/containerProperties/privileged",
            "containerProperties.privileged",
            "<class 'bool'>",
            "Leave `privileged` out to leave it unset.",
        ),
        (
            container(r#""volumes": null"#),
            "/containerProperties/volumes",
            "containerProperties.volumes",
            "<class 'list'>, <class 'tuple'>",
            "Leave `volumes` out to leave it unset.",
        ),
        (
            top(r#""parameters": {"a/b": null}"#),
            "/parameters/a~1b",
            "parameters.a/b",
            "<class 'str'>",
            "Remove `a/b` from `parameters`, or give it a string.",
        ),
    ];
    for (text, path, parameter, types, help) in cases {
        let d = expect_one(&text, "BL202", path, &null_message(parameter, types));
        assert_eq!(d.help, help);
    }
    let d = expect_one(
        r#"{"jobDefinitionName": null, "type": "container", "containerProperties": {"image": "busybox"}}"#,
        "BL202",
        "/jobDefinitionName",
        &null_message("jobDefinitionName", "<class 'str'>"),
    );
    assert_eq!(d.help, "Give `jobDefinitionName` a value: the request requires it.");
    // Describe output keeps the wrong-type finding it had.
    let described = r#"{"jobDefinitionName": "n", "jobDefinitionArn": "arn:aws:batch:us-east-1:123456789012:job-definition/n:1", "revision": 1, "type": "container", "containerProperties": {"image": "a", "jobRoleArn": null}}"#;
    expect_one(described, "BL202", "/containerProperties/jobRoleArn", "expected a string, found null");
}

#[test]
fn wrong_type_fractions_and_exponents_are_not_integers() {
    expect_one(
        &container(r#""vcpus": 1.5"#),
        "BL202",
        "/containerProperties/vcpus",
        "expected an integer, found `1.5`",
    );
    expect_one(
        &container(r#""vcpus": 1e999"#),
        "BL202",
        "/containerProperties/vcpus",
        "expected an integer, found `1e999`",
    );
    expect_one(
        &container(r#""vcpus": 2.0"#),
        "BL202",
        "/containerProperties/vcpus",
        "expected an integer, found `2.0`",
    );
    // `-0` is the integer 0.
    expect_none(&top(r#""schedulingPriority": -0"#), "BL202");
    expect_none(&top(r#""schedulingPriority": -0"#), "BL206");
}

#[test]
fn wrong_type_resource_requirement_value_is_a_string() {
    let d = expect_one(
        &container(r#""resourceRequirements": [{"type": "VCPU", "value": 1}]"#),
        "BL202",
        "/containerProperties/resourceRequirements/0/value",
        "expected a string, found `1`",
    );
    assert_eq!(d.help, "This member is a string even when it holds a number: write \"1\".");
    expect_none(&container(r#""resourceRequirements": [{"type": "VCPU", "value": "1"}]"#), "BL202");
}

#[test]
fn wrong_type_boolean_and_list() {
    expect_one(
        &container(r#""privileged": "true""#),
        "BL202",
        "/containerProperties/privileged",
        "expected a boolean, found a string",
    );
    let d = expect_one(
        &container(r#""command": "echo hi""#),
        "BL202",
        "/containerProperties/command",
        "expected an array, found a string",
    );
    assert_eq!(d.help, "`command` is a list: write `[\"...\"]`.");
    // An object where a list of objects is expected is still checked as the one item.
    let text = container(r#""secrets": {"name": "DB_PASSWORD"}"#);
    expect_one(&text, "BL202", "/containerProperties/secrets", "expected an array, found an object");
    expect_one(&text, "BL204", "/containerProperties/secrets", "`Secret` is missing its required member `valueFrom`");
    expect_none(&container(r#""privileged": true, "command": ["echo", "hi"]"#), "BL202");
}

// BL203 array-instead-of-object

#[test]
fn container_properties_as_array_from_the_user_guide() {
    let text = r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": [{"image": "busybox", "memory": "2048"}]}"#;
    let d =
        expect_one(text, "BL203", "/containerProperties", "`containerProperties` must be an object, found an array");
    assert_eq!(d.help, "Batch takes one object here, not an array: remove the `[` and `]`.");
    // The one element is still checked.
    expect_one(text, "BL202", "/containerProperties/0/memory", "expected an integer, found a string");
    expect_none(&container(""), "BL203");
}

#[test]
fn log_configuration_as_array_from_the_user_guide() {
    let text = container(r#""logConfiguration": [{"logDriver": "awslogs", "options": {"awslogs-group": "/batch"}}]"#);
    let d = expect_one(
        &text,
        "BL203",
        "/containerProperties/logConfiguration",
        "`logConfiguration` must be an object, found an array",
    );
    assert_eq!(d.help, "Batch takes one object here, not an array: remove the `[` and `]`.");
    expect_none(&text, "BL202");
    expect_none(&container(r#""logConfiguration": {"logDriver": "awslogs"}"#), "BL203");
}

// BL204 missing-required-member

#[test]
fn missing_required_member() {
    let text = container(r#""secrets": [{"name": "DB_PASSWORD"}]"#);
    let d = expect_one(
        &text,
        "BL204",
        "/containerProperties/secrets/0",
        "`Secret` is missing its required member `valueFrom`",
    );
    // The span is the object.
    assert_eq!(d.range.start.offset, text.find("{\"name\"").unwrap() as u32);
    expect_one(
        r#"{"type": "container", "containerProperties": {"image": "busybox"}}"#,
        "BL204",
        "",
        "`RegisterJobDefinitionRequest` is missing its required member `jobDefinitionName`",
    );
    expect_none(&container(r#""secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db"}]"#), "BL204");
}

// BL205 invalid-enum-value

// Members of the botocore 1.44.8 model: ECS Managed Instances, EKS security contexts.

#[test]
fn newer_model_members() {
    let task = |extra: &str| {
        format!(
            r#"{{"jobDefinitionName": "mi", "type": "container", "platformCapabilities": ["MANAGED_INSTANCES"], "ecsProperties": {{"taskProperties": [{{"containers": [{{"image": "app:1"}}]{extra}}}]}}}}"#
        )
    };
    expect_none(&task(r#", "networkMode": "host""#), "BL201");
    expect_none(&task(r#", "networkMode": "host""#), "BL205");
    expect_one(
        &task(r#", "networkMode": "bridge""#),
        "BL205",
        "/ecsProperties/taskProperties/0/networkMode",
        "`bridge` is not a valid `networkMode`",
    );
    let pod = r#", "securityContext": {"runAsUser": 1000, "runAsGroup": 1000, "runAsNonRoot": true, "fsGroup": 2000, "seccompProfile": {"type": "RuntimeDefault"}}"#;
    let container = r#", "securityContext": {"capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}, "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/audit.json"}}"#;
    let text = eks(container, pod);
    for code in ["BL201", "BL204", "BL205", "BL206", "BL207", "BL208"] {
        expect_none(&text, code);
    }
    expect_one(
        &eks(r#", "securityContext": {"runAsUser": -1}"#, ""),
        "BL206",
        "/eksProperties/podProperties/containers/0/securityContext/runAsUser",
        "`runAsUser` must be at least 0, found -1",
    );
    // A 64-bit ID beyond the documented range.
    expect_one(
        &eks("", r#", "securityContext": {"fsGroup": 2147483648}"#),
        "BL206",
        "/eksProperties/podProperties/securityContext/fsGroup",
        "`fsGroup` must be between 0 and 2147483647, found 2147483648",
    );
    let many: Vec<String> = (0..65).map(|i| format!("\"CAP{i}\"")).collect();
    expect_one(
        &eks(&format!(r#", "securityContext": {{"capabilities": {{"add": [{}]}}}}"#, many.join(", ")), ""),
        "BL208",
        "/eksProperties/podProperties/containers/0/securityContext/capabilities/add",
        "`add` has 65 items, more than the 64 allowed",
    );
}

#[test]
fn seccomp_localhost_profile_goes_with_type_localhost() {
    // "You must specify this parameter when type is Localhost. Don't set this parameter for any other type."
    expect_one(
        &eks("", r#", "securityContext": {"seccompProfile": {"type": "Localhost"}}"#),
        "BL204",
        "/eksProperties/podProperties/securityContext/seccompProfile",
        "a seccomp profile of type `Localhost` needs `localhostProfile`, the profile's path on the node",
    );
    let d = expect_one(
        &eks(
            r#", "securityContext": {"seccompProfile": {"type": "RuntimeDefault", "localhostProfile": "p.json"}}"#,
            "",
        ),
        "BL207",
        "/eksProperties/podProperties/containers/0/securityContext/seccompProfile/localhostProfile",
        "`localhostProfile` is only for type `Localhost`, and this profile is `RuntimeDefault`",
    );
    assert_eq!(d.help, "Remove `localhostProfile`, or set `type` to `Localhost`.");
    expect_one(
        &eks(r#", "securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": ""}}"#, ""),
        "BL207",
        "/eksProperties/podProperties/containers/0/securityContext/seccompProfile/localhostProfile",
        "`localhostProfile` is empty",
    );
}

#[test]
fn invalid_enum_value_case() {
    let d = expect_one(
        &top(r#""platformCapabilities": ["fargate"]"#),
        "BL205",
        "/platformCapabilities/0",
        "`platformCapabilities` must be `FARGATE`, not `fargate`: values are case-sensitive",
    );
    assert_eq!(d.help, "Allowed values: `EC2`, `FARGATE`, `MANAGED_INSTANCES`.");
    expect_none(&top(r#""platformCapabilities": ["FARGATE"]"#), "BL205");
}

#[test]
fn invalid_enum_value_did_you_mean() {
    let d = expect_one(
        &container(r#""logConfiguration": {"logDriver": "awslog"}"#),
        "BL205",
        "/containerProperties/logConfiguration/logDriver",
        "`awslog` is not a valid `logDriver` (did you mean `awslogs`?)",
    );
    assert!(d.help.starts_with("Allowed values: `json-file`, `syslog`"));
    expect_one(
        &container(r#""logConfiguration": {"logDriver": "cloudwatch"}"#),
        "BL205",
        "/containerProperties/logConfiguration/logDriver",
        "`cloudwatch` is not a valid `logDriver`",
    );
}

#[test]
fn evaluate_on_exit_action_is_case_insensitive() {
    expect_none(
        &top(
            r#""retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1", "action": "retry"}, {"onReason": "x", "action": "Exit"}]}"#,
        ),
        "BL205",
    );
    expect_one(
        &top(r#""retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1", "action": "RESTART"}]}"#),
        "BL205",
        "/retryStrategy/evaluateOnExit/0/action",
        "`RESTART` is not a valid `action`",
    );
}

// BL206 value-out-of-range

#[test]
fn value_out_of_range() {
    expect_one(
        &top(r#""retryStrategy": {"attempts": 11}"#),
        "BL206",
        "/retryStrategy/attempts",
        "`attempts` must be between 1 and 10, found 11",
    );
    expect_one(
        &top(r#""timeout": {"attemptDurationSeconds": 30}"#),
        "BL206",
        "/timeout/attemptDurationSeconds",
        "`attemptDurationSeconds` must be at least 60, found 30",
    );
    expect_one(
        &top(r#""schedulingPriority": 10000"#),
        "BL206",
        "/schedulingPriority",
        "`schedulingPriority` must be between 0 and 9999, found 10000",
    );
    expect_one(
        &container(r#""ephemeralStorage": {"sizeInGiB": 201}"#),
        "BL206",
        "/containerProperties/ephemeralStorage/sizeInGiB",
        "`sizeInGiB` must be between 21 and 200, found 201",
    );
    expect_one(
        &container(r#""linuxParameters": {"swappiness": 101}"#),
        "BL206",
        "/containerProperties/linuxParameters/swappiness",
        "`swappiness` must be between 0 and 100, found 101",
    );
    expect_one(
        &container(r#""memory": 2"#),
        "BL206",
        "/containerProperties/memory",
        "`memory` must be at least 4, found 2",
    );
    expect_one(
        &container(r#""memory": 2147483648"#),
        "BL206",
        "/containerProperties/memory",
        "`memory` is 2147483648, which does not fit in a 32-bit integer",
    );
    expect_one(
        &container(r#""resourceRequirements": [{"type": "MEMORY", "value": "2"}]"#),
        "BL206",
        "/containerProperties/resourceRequirements/0/value",
        "`value` for `MEMORY` must be at least 4 MiB, found `2`",
    );
    expect_none(
        &top(
            r#""retryStrategy": {"attempts": 10}, "timeout": {"attemptDurationSeconds": 60}, "schedulingPriority": 9999"#,
        ),
        "BL206",
    );
}

// BL207 invalid-format

#[test]
fn invalid_format() {
    let text =
        r#"{"jobDefinitionName": "nightly job", "type": "container", "containerProperties": {"image": "busybox"}}"#;
    expect_one(
        text,
        "BL207",
        "/jobDefinitionName",
        "`jobDefinitionName` contains a space, but may only contain letters, digits, `-` and `_`",
    );
    expect_one(
        &top(r#""retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1-9", "action": "RETRY"}]}"#),
        "BL207",
        "/retryStrategy/evaluateOnExit/0/onExitCode",
        "`onExitCode` contains `-`, but may only contain digits and a final `*`",
    );
    expect_one(
        &top(
            r#""retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onStatusReason": "*Host*", "action": "RETRY"}]}"#,
        ),
        "BL207",
        "/retryStrategy/evaluateOnExit/0/onStatusReason",
        "`onStatusReason` may only have `*` at the end",
    );
    expect_one(
        &top(r#""tags": {"aws:team": "data"}"#),
        "BL207",
        "/tags/aws:team",
        "tag key `aws:team` starts with `aws:`, a prefix reserved for AWS",
    );
    expect_one(
        &container(r#""resourceRequirements": [{"type": "MEMORY", "value": "2GB"}]"#),
        "BL207",
        "/containerProperties/resourceRequirements/0/value",
        "`value` for `MEMORY` must be a whole number of MiB, like \"2048\", found `2GB`",
    );
    expect_one(
        &container(r#""resourceRequirements": [{"type": "VCPU", "value": ".5"}]"#),
        "BL207",
        "/containerProperties/resourceRequirements/0/value",
        "`value` for `VCPU` must be a number of vCPUs, like \"0.25\" or \"2\", found `.5`",
    );
    expect_one(
        &container(r#""linuxParameters": {"tmpfs": [{"containerPath": "/t", "size": 1, "mountOptions": ["fast"]}]}"#),
        "BL207",
        "/containerProperties/linuxParameters/tmpfs/0/mountOptions/0",
        "`mountOptions` has `fast`, which is not a tmpfs mount option Batch accepts (see tmpfs(5))",
    );
    expect_one(
        &container(r#""volumes": [{"name": "my data"}]"#),
        "BL207",
        "/containerProperties/volumes/0/name",
        "`name` contains a space, but may only contain letters, digits, `-` and `_`",
    );
    expect_one(
        &eks("", r#", "metadata": {"namespace": "kube-batch"}"#),
        "BL207",
        "/eksProperties/podProperties/metadata/namespace",
        "`namespace` cannot start with `kube`",
    );
    expect_one(
        &eks("", r#", "imagePullSecrets": [{"name": "RegCred"}]"#),
        "BL207",
        "/eksProperties/podProperties/imagePullSecrets/0/name",
        "`name` contains `R`, but may only contain lowercase letters, digits, `-` and `.`",
    );
    let good = eks("", r#", "metadata": {"namespace": "batch-jobs"}, "imagePullSecrets": [{"name": "regcred"}]"#);
    expect_none(&good, "BL207");
    expect_none(
        &top(
            r#""tags": {"team": "data"}, "retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1*", "onStatusReason": "Host EC2*", "action": "RETRY"}]}"#,
        ),
        "BL207",
    );
}

// BL208 too-many-items

#[test]
fn too_many_items() {
    let six = [r#"{"onExitCode": "1", "action": "RETRY"}"#; 6].join(", ");
    expect_one(
        &top(&format!(r#""retryStrategy": {{"attempts": 2, "evaluateOnExit": [{six}]}}"#)),
        "BL208",
        "/retryStrategy/evaluateOnExit",
        "`evaluateOnExit` has 6 items, more than the 5 allowed",
    );
    let ecs = r#"{"jobDefinitionName": "n", "type": "container", "ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}]}, {"containers": [{"image": "b"}]}]}}"#;
    expect_one(ecs, "BL208", "/ecsProperties/taskProperties", "`taskProperties` has 2 items, more than the 1 allowed");
    let tags = (0..51).map(|i| format!(r#""k{i}": "v""#)).collect::<Vec<_>>().join(", ");
    expect_one(
        &top(&format!(r#""tags": {{{tags}}}"#)),
        "BL208",
        "/tags",
        "`tags` has 51 entries, more than the 50 allowed",
    );
    let good = r#"{"jobDefinitionName": "n", "type": "container", "ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}, {"image": "b"}]}]}}"#;
    expect_none(good, "BL208");
}

// BL209 too-few-items

#[test]
fn too_few_items() {
    let bad = r#"{"jobDefinitionName": "n", "type": "container", "ecsProperties": {"taskProperties": []}}"#;
    expect_one(bad, "BL209", "/ecsProperties/taskProperties", "`taskProperties` is empty");
    // AWS's own describe output has `"tags": {}`: an empty map is fine.
    expect_none(&top(r#""tags": {}"#), "BL209");
    expect_none(
        r#"{"jobDefinitionName": "n", "type": "container", "ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}]}]}}"#,
        "BL209",
    );
}

// BL210 job-definition-too-large

#[test]
fn job_definition_too_large() {
    let script = "x".repeat(25_000);
    let text = container(&format!(r#""command": ["{script}"]"#));
    let size = compact_len(&text);
    assert!(size > 24_576 && size < text.len());
    let d = expect_one(
        &text,
        "BL210",
        "",
        &format!("the job definition is {size} bytes, over the 24 KiB (24576-byte) quota"),
    );
    assert_eq!(d.range.start.offset, 0);
    // White space does not count: 30,000 spaces of indentation around a small definition.
    let padded = container(&format!(r#""command": ["echo"]{}"#, " ".repeat(30_000)));
    expect_none(&padded, "BL210");
}

/// The length of `text` without white space outside strings.
fn compact_len(text: &str) -> usize {
    let mut in_string = false;
    let mut escaped = false;
    let mut n = 0;
    for b in text.bytes() {
        if in_string {
            n += 1;
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if !b.is_ascii_whitespace() {
            n += 1;
            in_string = b == b'"';
        }
    }
    n
}

// BL211 missing-job-properties

#[test]
fn missing_job_properties() {
    expect_one(
        r#"{"jobDefinitionName": "n", "type": "container"}"#,
        "BL211",
        "/type",
        "`type: container` needs one of `containerProperties`, `ecsProperties` or `eksProperties`",
    );
    expect_one(
        r#"{"jobDefinitionName": "n", "type": "multinode"}"#,
        "BL211",
        "/type",
        "`type: multinode` needs `nodeProperties`",
    );
    expect_none(&container(""), "BL211");
}

// BL212 conflicting-job-properties

#[test]
fn conflicting_job_properties() {
    let both = r#"{"jobDefinitionName": "n", "type": "container", "containerProperties": {"image": "a"}, "eksProperties": {"podProperties": {"containers": [{"image": "a"}]}}}"#;
    expect_one(both, "BL212", "/eksProperties", "`eksProperties` cannot be combined with `containerProperties`");
    let multi = r#"{"jobDefinitionName": "n", "type": "multinode", "containerProperties": {"image": "a"}, "nodeProperties": {"numNodes": 1, "mainNode": 0, "nodeRangeProperties": [{"targetNodes": "0:", "container": {"image": "a"}}]}}"#;
    expect_one(multi, "BL212", "/containerProperties", "`containerProperties` is not used by `type: multinode`");
    expect_none(&eks("", ""), "BL212");
}

// BL213 invalid-node-range

fn multinode(num: u32, main: u32, targets: &[&str]) -> String {
    let ranges = targets
        .iter()
        .map(|t| format!(r#"{{"targetNodes": "{t}", "container": {{"image": "a"}}}}"#))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        r#"{{"jobDefinitionName": "mnp", "type": "multinode", "nodeProperties": {{"numNodes": {num}, "mainNode": {main}, "nodeRangeProperties": [{ranges}]}}}}"#
    )
}

#[test]
fn invalid_node_range() {
    expect_one(
        &multinode(2, 2, &["0:1"]),
        "BL213",
        "/nodeProperties/mainNode",
        "`mainNode` is 2, but node indexes run from 0 to 1 (`numNodes` is 2)",
    );
    expect_one(
        &multinode(2, 0, &["0-1"]),
        "BL213",
        "/nodeProperties/nodeRangeProperties/0/targetNodes",
        "`targetNodes` must be `start:end`, `:end` or `start:`, found `0-1`",
    );
    expect_one(
        &multinode(4, 0, &["0:5"]),
        "BL213",
        "/nodeProperties/nodeRangeProperties/0/targetNodes",
        "`targetNodes` `0:5` reaches node 5, but node indexes run from 0 to 3 (`numNodes` is 4)",
    );
    expect_one(
        &multinode(4, 0, &["3:1"]),
        "BL213",
        "/nodeProperties/nodeRangeProperties/0/targetNodes",
        "`targetNodes` `3:1` starts after it ends",
    );
    expect_one(
        &multinode(4, 0, &[":1", "3:"]),
        "BL213",
        "/nodeProperties/nodeRangeProperties",
        "node 2 is in no `targetNodes` range (`numNodes` is 4)",
    );
    expect_none(&multinode(4, 0, &["0:3", "1:2"]), "BL213");
    expect_none(&multinode(4, 3, &[":1", "2:"]), "BL213");
    // Out of order, nested and overlapping ranges, and single indexes.
    expect_none(&multinode(8, 0, &["6:", "2:4", "0:1", "3:5", "4"]), "BL213");
    expect_one(
        &multinode(8, 0, &["5:", "1:2", "0:3", "2"]),
        "BL213",
        "/nodeProperties/nodeRangeProperties",
        "node 4 is in no `targetNodes` range (`numNodes` is 8)",
    );
    expect_one(
        &multinode(8, 0, &["1:7"]),
        "BL213",
        "/nodeProperties/nodeRangeProperties",
        "node 0 is in no `targetNodes` range (`numNodes` is 8)",
    );
}

// BL214 evaluate-on-exit-without-attempts

#[test]
fn evaluate_on_exit_without_attempts() {
    expect_one(
        &top(r#""retryStrategy": {"evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}"#),
        "BL214",
        "/retryStrategy/evaluateOnExit",
        "`evaluateOnExit` needs `attempts` in the same `retryStrategy`",
    );
    expect_none(
        &top(
            r#""retryStrategy": {"attempts": 3, "evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}"#,
        ),
        "BL214",
    );
}

// BL215 not-allowed-for-eks

#[test]
fn not_allowed_for_eks() {
    let bad = r#"{"jobDefinitionName": "k", "type": "container", "platformCapabilities": ["EC2"], "propagateTags": true, "eksProperties": {"podProperties": {"containers": [{"image": "a"}]}}}"#;
    let found = findings(bad, "BL215");
    assert_eq!(
        found.iter().map(|d| (d.path.as_str(), d.message.as_str(), d.severity)).collect::<Vec<_>>(),
        [
            (
                "/platformCapabilities",
                "`platformCapabilities` must not be set in an EKS job definition",
                Severity::Error
            ),
            ("/propagateTags", "`propagateTags` must not be set in an EKS job definition", Severity::Error),
        ]
    );
    expect_none(&eks("", ""), "BL215");
}

// BL216 efs-transit-encryption-required, BL217 efs-access-point-root-directory

fn efs(config: &str) -> String {
    container(&format!(
        r#""volumes": [{{"name": "data", "efsVolumeConfiguration": {{"fileSystemId": "fs-1", {config}}}}}]"#
    ))
}

#[test]
fn efs_transit_encryption_required() {
    let base = "/containerProperties/volumes/0/efsVolumeConfiguration/authorizationConfig";
    expect_one(
        &efs(r#""authorizationConfig": {"accessPointId": "fsap-1"}"#),
        "BL216",
        &format!("{base}/accessPointId"),
        "an EFS access point needs `transitEncryption` set to `ENABLED`",
    );
    expect_one(
        &efs(r#""transitEncryption": "DISABLED", "authorizationConfig": {"iam": "ENABLED"}"#),
        "BL216",
        &format!("{base}/iam"),
        "`iam: ENABLED` needs `transitEncryption` set to `ENABLED`",
    );
    expect_none(
        &efs(r#""transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}"#),
        "BL216",
    );
}

#[test]
fn efs_access_point_root_directory() {
    let bad = efs(
        r#""rootDirectory": "/data", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1"}"#,
    );
    expect_one(
        &bad,
        "BL217",
        "/containerProperties/volumes/0/efsVolumeConfiguration/rootDirectory",
        "`rootDirectory` must be omitted or `/` with an access point, found `/data`",
    );
    expect_none(
        &efs(
            r#""rootDirectory": "/", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1"}"#,
        ),
        "BL217",
    );
    expect_none(&efs(r#""rootDirectory": "/data""#), "BL217");
}

// DescribeJobDefinitions output

#[test]
fn described_job_definitions() {
    let text = r#"{"jobDefinitions": [{"jobDefinitionName": "n", "jobDefinitionArn": "arn:aws:batch:us-east-1:123456789012:job-definition/n:1", "revision": 1, "status": "ACTIVE", "type": "container", "containerOrchestrationType": "ECS", "containerProperties": {"image": "a"}}], "NextToken": null}"#;
    let d = expect_one(
        text,
        "BL201",
        "/NextToken",
        "`NextToken` is not a member of `DescribeJobDefinitionsResponse` (did you mean `nextToken`?)",
    );
    assert!(d.help.contains("camelCase"));
    expect_none(text, "BL205");
    let bad_type = text.replace(r#""containerOrchestrationType": "ECS""#, r#""containerOrchestrationType": "K8S""#);
    expect_one(
        &bad_type,
        "BL205",
        "/jobDefinitions/0/containerOrchestrationType",
        "`K8S` is not a valid `containerOrchestrationType`",
    );
    let no_revision = text.replace(r#""revision": 1, "#, "");
    expect_one(&no_revision, "BL204", "/jobDefinitions/0", "`JobDefinition` is missing its required member `revision`");
    expect_one(
        r#"{"jobDefinitions": {"jobDefinitionName": "n"}}"#,
        "BL202",
        "/jobDefinitions",
        "expected an array of job definitions, found an object",
    );
    expect_one(
        r#"{"jobDefinitions": ["n:1"]}"#,
        "BL202",
        "/jobDefinitions/0",
        "expected a job definition object, found a string",
    );
    expect_none(r#"{"jobDefinitions": [], "nextToken": "abc"}"#, "BL201");
}

// Positions are UTF-16 based.

#[test]
fn non_ascii_text_before_a_faulty_value() {
    let text = "{\"jobDefinitionName\": \"nightly\", \"type\": \"container\",\n \"parameters\": {\"emoji\": \"😀\", \"cjk\": \"漢字\"}, \"schedulingPriority\": \"5\",\n \"containerProperties\": {\"image\": \"busybox\"}}";
    let d = expect_one(text, "BL202", "/schedulingPriority", "expected an integer, found a string");
    let line2 = text.split('\n').nth(1).unwrap();
    let byte_col = line2.find("\"5\"").unwrap();
    let utf16_col = line2[..byte_col].encode_utf16().count() as u32;
    assert_eq!(d.range.start.line, 2);
    assert_eq!(d.range.start.column, utf16_col + 1);
    let byte_offset = text.find("\"5\"").unwrap();
    assert_eq!(d.range.start.offset, text[..byte_offset].encode_utf16().count() as u32);
    // 😀 is 2 UTF-16 units (4 bytes), 漢 and 字 1 each (3 bytes): columns differ from bytes by 2 + 2 + 2.
    assert_eq!(byte_col as u32 - utf16_col, 6);
    assert_eq!(d.range.end.offset - d.range.start.offset, 3);
}

#[test]
fn describe_output_pointers_keep_the_original_index() {
    let text = r#"{"jobDefinitions": ["not an object", {"jobDefinitionName": "x", "jobDefinitionArn": "arn:aws:batch:us-east-1:123456789012:job-definition/x:1", "revision": 1, "type": "container", "containerProperties": {"image": "a", "bogus": 1}}]}"#;
    let report = batchlint::analyze(text, &batchlint::Options::default());
    let unknown: Vec<&str> = report.diagnostics.iter().filter(|d| d.code == "BL201").map(|d| d.path.as_str()).collect();
    assert_eq!(unknown, ["/jobDefinitions/1/containerProperties/bogus"]);
}

#[test]
fn checks_continue_inside_container_properties_given_as_an_array() {
    let text = r#"{"jobDefinitionName": "x", "type": "container", "containerProperties": [{"image": "a", "secrets": [{"name": "S", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter:/p"}], "logConfiguration": [{"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": ""}]}]}]}"#;
    let report = batchlint::analyze(text, &batchlint::Options::default());
    let found: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == batchlint::Severity::Error)
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("BL203", "/containerProperties"),
            ("BL501", "/containerProperties/0"),
            ("BL702", "/containerProperties/0"),
            ("BL308", "/containerProperties/0/secrets/0/valueFrom"),
            ("BL203", "/containerProperties/0/logConfiguration"),
            ("BL301", "/containerProperties/0/logConfiguration/0/secretOptions/0/valueFrom"),
        ]
    );
}

#[test]
fn a_repeated_key_is_checked_once() {
    let text = r#"{"jobDefinitionName": "x", "type": "container", "containerProperties": {"image": "a", "imag": 1, "imag": 2}}"#;
    let report = batchlint::analyze(text, &batchlint::Options::default());
    let codes: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("BL1") || d.code.starts_with("BL2"))
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    // Both findings are on the last `imag`, the one AWS tools keep.
    assert_eq!(codes, [("BL102", "/containerProperties/imag"), ("BL201", "/containerProperties/imag")]);
    let last = text.rfind("\"imag\"").unwrap();
    assert!(report.diagnostics.iter().filter(|d| d.code == "BL201").all(|d| d.range.start.offset as usize == last));
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL202",
        place: Place::Container,
        bad: r#"{"memory": "2048"}"#,
        path: "/containerProperties/memory",
        message: "expected an integer, found a string",
        good: r#"{"memory": 2048}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL203",
        place: Place::Container,
        bad: r#"{"logConfiguration": [{"logDriver": "awslogs"}]}"#,
        path: "/containerProperties/logConfiguration",
        message: "`logConfiguration` must be an object, found an array",
        good: r#"{"logConfiguration": {"logDriver": "awslogs"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL205",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["fargate"]}"#,
        path: "/platformCapabilities/0",
        message: "`platformCapabilities` must be `FARGATE`, not `fargate`: values are case-sensitive",
        good: r#"{"platformCapabilities": ["FARGATE"]}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL206",
        place: Place::Request,
        bad: r#"{"timeout": {"attemptDurationSeconds": 30}}"#,
        path: "/timeout/attemptDurationSeconds",
        message: "`attemptDurationSeconds` must be at least 60, found 30",
        good: r#"{"timeout": {"attemptDurationSeconds": 60}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL207",
        place: Place::Request,
        bad: r#"{"containerProperties": {"image": "app:1 latest"}}"#,
        path: "/containerProperties/image",
        message: "`image` contains a space, but may only contain letters, digits and `-`, `_`, `:`, `.`, `/`, `#`, `@`",
        good: r#"{"containerProperties": {"image": "app:1"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL210",
        place: Place::Built(crate::cases::build::padded),
        bad: r#"24577"#,
        path: "",
        message: "the job definition is 24856 bytes, over the 24 KiB (24576-byte) quota",
        good: r#"1000"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL213",
        place: Place::Request,
        bad: r#"{"type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 2, "nodeRangeProperties": [{"targetNodes": "0:1", "container": {"image": "app:1"}}]}}"#,
        path: "/nodeProperties/mainNode",
        message: "`mainNode` is 2, but node indexes run from 0 to 1 (`numNodes` is 2)",
        good: r#"{"type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [{"targetNodes": "0:1", "container": {"image": "app:1"}}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL216",
        place: Place::Volume,
        bad: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "DISABLED", "authorizationConfig": {"iam": "ENABLED"}}}"#,
        path: "/containerProperties/volumes/0/efsVolumeConfiguration/authorizationConfig/iam",
        message: "`iam: ENABLED` needs `transitEncryption` set to `ENABLED`",
        good: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL201",
        place: Place::Document,
        bad: r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperty": {"image": "busybox"}}"#,
        path: "/containerProperty",
        message: "`containerProperty` is not a member of `RegisterJobDefinitionRequest` (did you mean `containerProperties`?)",
        good: r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {"image": "busybox"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL204",
        place: Place::Request,
        bad: r#"{"containerProperties": {"image": "busybox", "secrets": [{"name": "DB_PASSWORD"}]}}"#,
        path: "/containerProperties/secrets/0",
        message: "`Secret` is missing its required member `valueFrom`",
        good: r#"{"containerProperties": {"image": "busybox", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL208",
        place: Place::Request,
        bad: r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}]}, {"containers": [{"image": "b"}]}]}}"#,
        path: "/ecsProperties/taskProperties",
        message: "`taskProperties` has 2 items, more than the 1 allowed",
        good: r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}, {"image": "b"}]}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL209",
        place: Place::Request,
        bad: r#"{"ecsProperties": {"taskProperties": []}}"#,
        path: "/ecsProperties/taskProperties",
        message: "`taskProperties` is empty",
        good: r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "busybox"}]}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL211",
        place: Place::Document,
        bad: r#"{"jobDefinitionName": "nightly", "type": "multinode", "containerProperties": {"image": "busybox"}}"#,
        path: "/type",
        message: "`type: multinode` needs `nodeProperties`",
        good: r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {"image": "busybox"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL212",
        place: Place::Request,
        bad: r#"{"type": "container", "containerProperties": {"image": "busybox"}, "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
        path: "/eksProperties",
        message: "`eksProperties` cannot be combined with `containerProperties`",
        good: r#"{"type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL214",
        place: Place::Request,
        bad: r#"{"retryStrategy": {"evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}}"#,
        path: "/retryStrategy/evaluateOnExit",
        message: "`evaluateOnExit` needs `attempts` in the same `retryStrategy`",
        good: r#"{"retryStrategy": {"attempts": 3, "evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL215",
        place: Place::Request,
        bad: r#"{"type": "container", "platformCapabilities": ["EC2"], "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
        path: "/platformCapabilities",
        message: "`platformCapabilities` must not be set in an EKS job definition",
        good: r#"{"type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL217",
        place: Place::Volume,
        bad: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "rootDirectory": "/data", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0"}}}"#,
        path: "/containerProperties/volumes/0/efsVolumeConfiguration/rootDirectory",
        message: "`rootDirectory` must be omitted or `/` with an access point, found `/data`",
        good: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0"}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL225",
        place: Place::Terraform,
        bad: r#"container_properties = jsonencode({ image = "busybox", volumes = [{ name = "data", efs_volume_configuration = { fileSystemId = "fs-12345678" } }] })"#,
        path: "/resource/aws_batch_job_definition/example/container_properties/volumes/0/efs_volume_configuration",
        message: "the provider drops `efs_volume_configuration`, which is not a field of `Volume` (did you mean `efsVolumeConfiguration`?)",
        good: r#"container_properties = jsonencode({ image = "busybox", volumes = [{ name = "data", efsVolumeConfiguration = { fileSystemId = "fs-12345678" } }] })"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL226",
        place: Place::Terraform,
        bad: r#"container_properties = jsonencode({ image = "busybox", resourceRequirements = [{ type = "MEMORY", value = 1024 }] })"#,
        path: "/resource/aws_batch_job_definition/example/container_properties/resourceRequirements/0/value",
        message: "the provider cannot decode this value (`json: cannot unmarshal number into Go struct field ResourceRequirement.ResourceRequirements.Value of type string`)",
        good: r#"container_properties = jsonencode({ image = "busybox", resourceRequirements = [{ type = "MEMORY", value = "1024" }] })"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL227",
        place: Place::Terraform,
        bad: r#"container_properties = jsonencode({ image = "busybox", ephemeralStorage = { sizeInGib = 30 } })"#,
        path: "/resource/aws_batch_job_definition/example/container_properties/ephemeralStorage/sizeInGib",
        message: "`sizeInGib` is decoded as `sizeInGiB`: the provider matches names without regard to case",
        good: r#"container_properties = jsonencode({ image = "busybox", ephemeralStorage = { sizeInGiB = 30 } })"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL228",
        place: Place::Terraform,
        bad: r#"container_properties = file("${path.module}/container.json")"#,
        path: "/resource/aws_batch_job_definition/example/container_properties",
        message: "`container_properties` is read from `container.json`, and batchlint was given no files, so batchlint does not check it",
        good: r#"container_properties = file("${path.module}/container.json")"#,
        good_options: r#"{"path": "infra/main.tf", "files": {"container.json": "{\"image\": \"busybox\"}"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL229",
        place: Place::Terraform,
        bad: r#"scheduling_priority = "high""#,
        path: "/resource/aws_batch_job_definition/example/scheduling_priority",
        message: "Inappropriate value for attribute \"scheduling_priority\": a number is required.",
        good: r#"scheduling_priority = "50""#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL230",
        place: Place::Terraform,
        bad: r#"platformCapabilities = ["FARGATE"]"#,
        path: "/resource/aws_batch_job_definition/example/platformCapabilities",
        message: "An argument named \"platformCapabilities\" is not expected here.",
        good: r#"platform_capabilities = ["FARGATE"]"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL231",
        place: Place::Terraform,
        bad: r#"type = "Container""#,
        path: "/resource/aws_batch_job_definition/example/type",
        message: "`type = \"Container\"` passes the provider's validation, but its create step compares it exactly with `container` and `multinode`: no properties are sent",
        good: r#"type = "container""#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL218",
        place: Place::Template,
        bad: r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NightlyJob": {"Properties": {"Type": "container"}}}}"#,
        path: "/Resources/NightlyJob",
        message: "the resource `NightlyJob` has no `Type`",
        good: r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"NightlyJob": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container", "ContainerProperties": {"Image": "busybox"}}}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL219",
        place: Place::Template,
        bad: "Resources:\n  NightlyJob:\n    Type: AWS::Batch::JobDefinition\n    Propertes:\n      Type: container\n",
        path: "/Resources/NightlyJob/Propertes",
        message: "`Propertes` is not an attribute of a resource (did you mean `Properties`?); CloudFormation refuses the job definition `NightlyJob`",
        good: "Resources:\n  NightlyJob:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: busybox\n",
        ..Case::DEFAULT
    },
    Case {
        code: "BL220",
        place: Place::Template,
        bad: r#"{"Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}}}"#,
        path: "/Resources",
        message: "the template defines no `AWS::Batch::JobDefinition` resource",
        good: r#"{"Resources": {"NightlyJob": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container", "ContainerProperties": {"Image": "busybox"}}}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL221",
        place: Place::Template,
        bad: "ExecutionRoleArn: !GetAtt BatchExecutionRole",
        path: "/Resources/NightlyJob/Properties/ContainerProperties/ExecutionRoleArn",
        message: "`Fn::GetAtt` takes a resource and an attribute: `!GetAtt Resource.Attribute` or `[Resource, Attribute]`",
        good: "ExecutionRoleArn: !GetAtt BatchExecutionRole.Arn",
        ..Case::DEFAULT
    },
    Case {
        code: "BL222",
        place: Place::Template,
        bad: "JobRoleArn: !GetAtt BatchExecutionRol.Arn",
        path: "/Resources/NightlyJob/Properties/ContainerProperties/JobRoleArn",
        message: "`BatchExecutionRol` is not a resource of this template",
        good: "JobRoleArn: !GetAtt BatchExecutionRole.Arn",
        ..Case::DEFAULT
    },
    Case {
        code: "BL223",
        place: Place::Template,
        bad: "Environment:\n  - Name: VERBOSE\n    Value: yes",
        path: "/Resources/NightlyJob/Properties/ContainerProperties/Environment/0/Value",
        message: "CloudFormation reads the unquoted `yes` as the boolean true, and passes the string \"true\"",
        good: "Environment:\n  - Name: VERBOSE\n    Value: \"yes\"",
        ..Case::DEFAULT
    },
    Case {
        code: "BL224",
        place: Place::Template,
        bad: "Properties:\n  Type: container\n  JobDefinitionArn: arn:aws:batch:eu-west-1:123456789012:job-definition/nightly:1\n  ContainerProperties:\n    Image: busybox",
        path: "/Resources/NightlyJob/Properties/JobDefinitionArn",
        message: "`JobDefinitionArn` is read-only: CloudFormation ignores a value set for it",
        good: "Properties:\n  Type: container\n  ContainerProperties:\n    Image: busybox",
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
