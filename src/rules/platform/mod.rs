//! Platform (BL7xx): what Fargate, EC2 and Windows containers take, Fargate sizes and
//! platform versions, and log-driver secret options. `check` reads the job's facts once and
//! hands each concern its containers, as clippy's `casts` pass does.

mod fargate_size;
mod fields;
mod logging;
mod version;
mod windows;

use super::facts::JobFacts;
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Member, Node, Pointer, Value};
use crate::model::Container;

declare_rules! {
    family: Platform;

    FARGATE_UNSUPPORTED_SIZE = "BL701" "fargate-unsupported-size" Error {
        summary: "the VCPU and MEMORY of a Fargate job are not a size Fargate offers",
        help: "Pick a supported pair: 0.25 vCPU with 512, 1024 or 2048 MiB; 0.5 with 1024–4096; 1 with 2048–8192; 2 with 4096–16384; 4 with 8192–30720 (all in 1024 MiB steps); 8 with 16384–61440 (4096 steps); 16 with 32768–122880 (8192 steps); 32 with 61440, 122880 or 249856.",
        why: "Fargate runs only the vCPU/memory combinations listed in the Batch API reference (`ResourceRequirement.value`); any other pair is rejected and the job cannot run. An `ecsProperties` task runs with the sum of its containers' VCPU and MEMORY, so the sum must be such a pair.",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "1024"}]}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]}}"#,
    }

    MISSING_VCPU_OR_MEMORY = "BL702" "missing-vcpu-or-memory" Error {
        summary: "a container gives no vCPU count or no memory",
        help: "Add both to `resourceRequirements`: `[{\"type\": \"VCPU\", \"value\": \"1\"}, {\"type\": \"MEMORY\", \"value\": \"2048\"}]`.",
        why: "Batch needs the vCPU count and memory of a container job; registering without them fails, e.g. \"Error executing request, Exception : vCPU is not provided.\" (ASFHyP3/hyp3#586). On Fargate both must be in `resourceRequirements`.",
        bad: r#"{"containerProperties": {"image": "app:1", "resourceRequirements": [{"type": "MEMORY", "value": "2048"}]}}"#,
        good: r#"{"containerProperties": {"image": "app:1", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]}}"#,
    }

    FARGATE_GPU = "BL703" "fargate-gpu" Error {
        summary: "a Fargate job asks for a GPU",
        help: "Remove the GPU requirement, or run the job on an EC2 compute environment with GPU instances (drop `FARGATE` from `platformCapabilities`).",
        why: "The Batch API reference for `ResourceRequirement`: GPUs are not available for jobs that run on Fargate resources.",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "GPU", "value": "1"}]}}"#,
        good: r#"{"platformCapabilities": ["EC2"], "containerProperties": {"resourceRequirements": [{"type": "GPU", "value": "1"}]}}"#,
    }

    FARGATE_MULTINODE = "BL704" "fargate-multinode" Error {
        summary: "a multinode job is marked for Fargate",
        help: "Run multinode parallel jobs on EC2 (drop `FARGATE` from `platformCapabilities`), or make it a `container` job with `containerProperties`.",
        why: "The Batch API reference for `type`: multinode parallel jobs are not supported on Fargate.",
        bad: r#"{"type": "multinode", "platformCapabilities": ["FARGATE"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": []}}"#,
        good: r#"{"type": "multinode", "platformCapabilities": ["EC2"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": []}}"#,
    }

    FARGATE_LOG_DRIVER = "BL705" "fargate-log-driver" Error {
        summary: "a Fargate job uses a log driver that Fargate does not offer",
        help: "Use `awslogs` (CloudWatch Logs) or `splunk`. To reach other destinations with `awsfirelens`, use `ecsProperties` and add a log router container with `firelensConfiguration` to the task.",
        why: "The Batch API reference for `logDriver`: \"Jobs that are running on Fargate resources are restricted to the awslogs and splunk log drivers\"; cfn-lint checks the same for ECS (E3713). ECS also offers `awsfirelens` on Fargate, which sends the logs to a log router container; `firelensConfiguration` exists only on `ecsProperties` task containers, not in `containerProperties`. Where the two sources disagree, batchlint takes `awsfirelens` in a task that has a router.",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"logConfiguration": {"logDriver": "fluentd"}}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"logConfiguration": {"logDriver": "awslogs"}}}"#,
    }

    NOT_ON_FARGATE = "BL706" "not-on-fargate" Error {
        summary: "a Fargate job sets a field that Fargate does not support",
        help: "Remove the field, or run the job on EC2 (drop `FARGATE` from `platformCapabilities`).",
        why: "The Batch User Guide (Fargate) and API reference list `instanceType`, `ulimits`, `vcpus`, `memory`, `privileged`, the `linuxParameters` devices, maxSwap, sharedMemorySize, swappiness and tmpfs, `host` volumes and (botocore 1.44.8) a task's `ipcMode` as not applicable to Fargate; registration or the job fails.",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 8192}]}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {}}"#,
    }

    FARGATE_ONLY_FIELD = "BL707" "fargate-only-field" Error {
        summary: "an EC2 job sets a field that is only for Fargate",
        help: "Remove the field, or add `\"platformCapabilities\": [\"FARGATE\"]` if the job is meant for Fargate.",
        why: "The Batch API reference for `networkConfiguration`, `fargatePlatformConfiguration` and the task `platformVersion`: jobs that run on EC2 resources (or, for `networkConfiguration`, on ECS Managed Instances) must not specify them.",
        bad: r#"{"containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}}}"#,
    }

    INSTANCE_TYPE_SINGLE_NODE = "BL708" "instance-type-single-node" Error {
        summary: "`instanceType` is set on a single-node job",
        help: "Remove `instanceType`: the compute environment chooses instances for single-node jobs. It applies only to the containers of multinode node ranges.",
        why: "The Batch API reference for `instanceType`: it applies to multi-node parallel jobs only, and is not valid for single-node container jobs or jobs on Fargate.",
        bad: r#"{"type": "container", "containerProperties": {"instanceType": "c5.xlarge"}}"#,
        good: r#"{"type": "container", "containerProperties": {}}"#,
    }

    DEPRECATED_VCPUS_MEMORY = "BL709" "deprecated-vcpus-memory" Warning {
        summary: "a container uses the deprecated `vcpus` or `memory` field",
        help: "Give the values in `resourceRequirements` instead: `{\"type\": \"VCPU\", \"value\": \"2\"}` and `{\"type\": \"MEMORY\", \"value\": \"4096\"}`.",
        why: "The Batch API reference marks `vcpus` and `memory` as deprecated in favour of `resourceRequirements`, and Fargate does not take them at all.",
        bad: r#"{"containerProperties": {"vcpus": 2, "memory": 4096}}"#,
        good: r#"{"containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}]}}"#,
    }

    PLATFORM_VERSION_TOO_OLD = "BL710" "platform-version-too-old" Error {
        summary: "the Fargate platform version is too old for what the job uses",
        help: "Set the platform version to `1.4.0` or `LATEST` (the default when it is left out).",
        why: "The ECS and Batch guides give the minimum Fargate platform versions: private registry credentials 1.2.0, secrets 1.3.0, JSON-key and version selectors in Secrets Manager references and EFS volumes 1.4.0. JSON-key secrets failed on older versions (aws/aws-cdk#7272).",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"fargatePlatformConfiguration": {"platformVersion": "1.3.0"}, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"fargatePlatformConfiguration": {"platformVersion": "LATEST"}, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#,
    }

    LOG_SECRET_OPTION_OTHER_DRIVER = "BL711" "log-secret-option-other-driver" Warning {
        summary: "a log secret option belongs to another log driver",
        help: "Use the option names of the chosen `logDriver` (Docker's logging driver reference lists them), or switch to the driver the option belongs to.",
        why: "Docker log drivers take only their own options (`splunk-token` is the splunk driver's, `awslogs-group` the awslogs driver's); an unknown option makes the container fail to start with \"unknown log opt\".",
        bad: r#"{"logConfiguration": {"logDriver": "awslogs", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}"#,
        good: r#"{"logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}"#,
    }

    WINDOWS_UNSUPPORTED = "BL712" "windows-unsupported" Error {
        summary: "a Windows container sets something Windows containers do not support",
        help: "Remove the field for Windows containers, and use `X86_64` as `cpuArchitecture`.",
        why: "The Batch API reference for `runtimePlatform`: Windows containers need X86_64 and cannot set `linuxParameters`, `privileged`, `user`, `ulimits`, `readonlyRootFilesystem` or EFS volumes.",
        bad: r#"{"containerProperties": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "ARM64"}}}"#,
        good: r#"{"containerProperties": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "X86_64"}}}"#,
    }

    FARGATE_CONTAINER_TIMEOUT = "BL713" "fargate-container-timeout" Error {
        summary: "a task container on Fargate waits longer than 120 seconds to start or stop",
        help: "Set `startTimeout` and `stopTimeout` to 2–120 seconds on Fargate (a stopped container gets 30 seconds when `stopTimeout` is left out).",
        why: "The Batch API reference for `TaskContainerProperties.startTimeout` and `stopTimeout`: \"The minimum value is 2 seconds and the maximum value for Fargate is 120 seconds\"; the ECS reference agrees (\"The valid values for Fargate are 2-120 seconds\"). The model types them as plain integers, so the CLI does not check it.",
        bad: r#"{"platformCapabilities": ["FARGATE"], "ecsProperties": {"taskProperties": [{"containers": [{"name": "app", "image": "app:1", "stopTimeout": 300}]}]}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "ecsProperties": {"taskProperties": [{"containers": [{"name": "app", "image": "app:1", "stopTimeout": 120}]}]}}"#,
    }

    MANAGED_INSTANCES_ONLY_FIELD = "BL714" "managed-instances-only-field" Error {
        summary: "a task sets `networkMode`, which only jobs on ECS Managed Instances take",
        help: "Remove `networkMode`, or add `\"platformCapabilities\": [\"MANAGED_INSTANCES\"]` if the job is meant for ECS Managed Instances (where `host` is the default).",
        why: "The Batch API reference (botocore 1.44.8) for `EcsTaskProperties.networkMode`: \"This parameter only applies to jobs running on Amazon ECS Managed Instances (MANAGED_INSTANCES platform capability). It cannot be specified for Fargate or Amazon EC2 platform job definitions.\"",
        bad: r#"{"ecsProperties": {"taskProperties": [{"networkMode": "host", "containers": [{"name": "app", "image": "app:1"}]}]}}"#,
        good: r#"{"platformCapabilities": ["MANAGED_INSTANCES"], "ecsProperties": {"taskProperties": [{"networkMode": "host", "containers": [{"name": "app", "image": "app:1"}]}]}}"#,
    }

    MANAGED_INSTANCES_ECS_PROPERTIES = "BL715" "managed-instances-ecs-properties" Error {
        summary: "a job on ECS Managed Instances is not an `ecsProperties` job",
        help: "Move the container into `ecsProperties.taskProperties[0].containers` (the task takes the execution role), or drop `MANAGED_INSTANCES` from `platformCapabilities`.",
        why: "The Batch API reference (botocore 1.44.8) for `platformCapabilities`: \"Jobs with the MANAGED_INSTANCES platform capability must use ecsProperties (not containerProperties) and do not support multi-node parallel jobs.\"",
        bad: r#"{"platformCapabilities": ["MANAGED_INSTANCES"], "containerProperties": {"image": "app:1"}}"#,
        good: r#"{"platformCapabilities": ["MANAGED_INSTANCES"], "ecsProperties": {"taskProperties": [{"containers": [{"name": "app", "image": "app:1"}]}]}}"#,
    }
}

pub fn check(facts: &JobFacts<'_, '_, '_>, sink: &mut Sink) {
    let job = facts.job;
    if job.is_eks() {
        return;
    }
    fields::check_multinode(job, sink);
    fields::check_managed_instances(job, sink);
    for container in &job.containers {
        fargate_size::check(job, container, sink);
        logging::check(job, container, sink);
        fields::check_container(job, container, sink);
    }
    for group in facts.role_holders() {
        fields::check_role_holder(job, group, sink);
        if job.fargate {
            version::check(group, sink);
            fargate_size::check_task(group, sink);
        }
        windows::check(group, sink);
    }
}

/// A member that sets something: describe output writes unset lists and objects as `[]`,
/// `{}` or `null` (a Fargate job comes back with `"ulimits": []`), and those ask for nothing.
fn set_member<'n, 'a>(node: &'n Node<'a>, key: &str) -> Option<&'n Member<'a>> {
    node.member(key).filter(|m| match &m.value.value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::Object(members) => !members.is_empty(),
        _ => true,
    })
}

/// The volumes of a role holder (the container's own, or its task's), with their pointers.
fn for_each_volume(container: &Container<'_, '_>, mut f: impl FnMut(&Node<'_>, Pointer)) {
    let holder = container.role_holder;
    for (i, volume) in holder.get("volumes").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        f(volume, container.role_holder_pointer.key("volumes").index(i));
    }
}

fn is_windows(holder: &Node<'_>) -> bool {
    holder
        .get("runtimePlatform")
        .and_then(|r| r.get_str("operatingSystemFamily"))
        .is_some_and(|os| os.to_ascii_uppercase().starts_with("WINDOWS"))
}
