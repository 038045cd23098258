//! Platform rules: what Fargate, EC2 and Windows containers take, Fargate sizes and
//! platform versions, and log-driver secret options.

use super::role::{by_role_holder, head, secret_use, Selectors};
use super::{Family, Rule};
use crate::diagnostic::{Severity, Sink};
use crate::json::{Node, Value};
use crate::model::{Container, ContainerKind, JobDefinition};
use crate::references::SecretReference;

pub static FARGATE_UNSUPPORTED_SIZE: Rule = Rule {
    code: "BL701",
    name: "fargate-unsupported-size",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "the VCPU and MEMORY of a Fargate job are not a size Fargate offers",
    help: "Pick a supported pair: 0.25 vCPU with 512, 1024 or 2048 MiB; 0.5 with 1024–4096; 1 with 2048–8192; 2 with 4096–16384; 4 with 8192–30720 (all in 1024 MiB steps); 8 with 16384–61440 (4096 steps); 16 with 32768–122880 (8192 steps).",
    why: "Fargate runs only the vCPU/memory combinations listed in the Batch API reference (`ResourceRequirement.value`); any other pair is rejected and the job cannot run.",
    bad: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "1024"}]}}"#),
    good: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]}}"#),
};

pub static MISSING_VCPU_OR_MEMORY: Rule = Rule {
    code: "BL702",
    name: "missing-vcpu-or-memory",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "a container gives no vCPU count or no memory",
    help: "Add both to `resourceRequirements`: `[{\"type\": \"VCPU\", \"value\": \"1\"}, {\"type\": \"MEMORY\", \"value\": \"2048\"}]`.",
    why: "Batch needs the vCPU count and memory of a container job; registering without them fails, e.g. \"Error executing request, Exception : vCPU is not provided.\" (ASFHyP3/hyp3#586). On Fargate both must be in `resourceRequirements`.",
    bad: super::example!(r#"{"containerProperties": {"image": "app:1", "resourceRequirements": [{"type": "MEMORY", "value": "2048"}]}}"#),
    good: super::example!(r#"{"containerProperties": {"image": "app:1", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]}}"#),
};

pub static FARGATE_GPU: Rule = Rule {
    code: "BL703",
    name: "fargate-gpu",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "a Fargate job asks for a GPU",
    help: "Remove the GPU requirement, or run the job on an EC2 compute environment with GPU instances (drop `FARGATE` from `platformCapabilities`).",
    why: "The Batch API reference for `ResourceRequirement`: GPUs are not available for jobs that run on Fargate resources.",
    bad: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "GPU", "value": "1"}]}}"#),
    good: super::example!(r#"{"platformCapabilities": ["EC2"], "containerProperties": {"resourceRequirements": [{"type": "GPU", "value": "1"}]}}"#),
};

pub static FARGATE_MULTINODE: Rule = Rule {
    code: "BL704",
    name: "fargate-multinode",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "a multinode job is marked for Fargate",
    help: "Run multinode parallel jobs on EC2 (drop `FARGATE` from `platformCapabilities`), or make it a `container` job with `containerProperties`.",
    why: "The Batch API reference for `type`: multinode parallel jobs are not supported on Fargate.",
    bad: super::example!(
        r#"{"type": "multinode", "platformCapabilities": ["FARGATE"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": []}}"#
    ),
    good: super::example!(
        r#"{"type": "multinode", "platformCapabilities": ["EC2"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": []}}"#
    ),
};

pub static FARGATE_LOG_DRIVER: Rule = Rule {
    code: "BL705",
    name: "fargate-log-driver",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "a Fargate job uses a log driver that Fargate does not offer",
    help: "Use `awslogs` (CloudWatch Logs), `splunk`, or `awsfirelens` with a FireLens log router to reach other destinations.",
    why: "The Batch API reference for `logDriver`: jobs on Fargate are restricted to the awslogs and splunk drivers (ECS adds awsfirelens); cfn-lint checks the same for ECS (E3713).",
    bad: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"logConfiguration": {"logDriver": "fluentd"}}}"#),
    good: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"logConfiguration": {"logDriver": "awslogs"}}}"#),
};

pub static NOT_ON_FARGATE: Rule = Rule {
    code: "BL706",
    name: "not-on-fargate",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "a Fargate job sets a field that Fargate does not support",
    help: "Remove the field, or run the job on EC2 (drop `FARGATE` from `platformCapabilities`).",
    why: "The Batch User Guide (Fargate) and API reference list `instanceType`, `ulimits`, `vcpus`, `memory`, `privileged`, the `linuxParameters` devices, maxSwap, sharedMemorySize, swappiness and tmpfs, and `host` volumes as not applicable to Fargate; registration or the job fails.",
    bad: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 8192}]}}"#),
    good: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {}}"#),
};

pub static FARGATE_ONLY_FIELD: Rule = Rule {
    code: "BL707",
    name: "fargate-only-field",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "an EC2 job sets a field that is only for Fargate",
    help: "Remove the field, or add `\"platformCapabilities\": [\"FARGATE\"]` if the job is meant for Fargate.",
    why: "The Batch API reference for `networkConfiguration`, `fargatePlatformConfiguration` and the task `platformVersion`: jobs that run on EC2 resources must not specify them.",
    bad: super::example!(r#"{"containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}}}"#),
    good: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}}}"#),
};

pub static INSTANCE_TYPE_SINGLE_NODE: Rule = Rule {
    code: "BL708",
    name: "instance-type-single-node",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "`instanceType` is set on a single-node job",
    help: "Remove `instanceType`: the compute environment chooses instances for single-node jobs. It applies only to the containers of multinode node ranges.",
    why: "The Batch API reference for `instanceType`: it applies to multi-node parallel jobs only, and is not valid for single-node container jobs or jobs on Fargate.",
    bad: super::example!(r#"{"type": "container", "containerProperties": {"instanceType": "c5.xlarge"}}"#),
    good: super::example!(r#"{"type": "container", "containerProperties": {}}"#),
};

pub static DEPRECATED_VCPUS_MEMORY: Rule = Rule {
    code: "BL709",
    name: "deprecated-vcpus-memory",
    family: Family::Platform,
    severity: Severity::Warning,
    summary: "a container uses the deprecated `vcpus` or `memory` field",
    help: "Give the values in `resourceRequirements` instead: `{\"type\": \"VCPU\", \"value\": \"2\"}` and `{\"type\": \"MEMORY\", \"value\": \"4096\"}`.",
    why: "The Batch API reference marks `vcpus` and `memory` as deprecated in favour of `resourceRequirements`, and Fargate does not take them at all.",
    bad: super::example!(r#"{"containerProperties": {"vcpus": 2, "memory": 4096}}"#),
    good: super::example!(r#"{"containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}]}}"#),
};

pub static PLATFORM_VERSION_TOO_OLD: Rule = Rule {
    code: "BL710",
    name: "platform-version-too-old",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "the Fargate platform version is too old for what the job uses",
    help: "Set the platform version to `1.4.0` or `LATEST` (the default when it is left out).",
    why: "The ECS and Batch guides give the minimum Fargate platform versions: private registry credentials 1.2.0, secrets 1.3.0, JSON-key and version selectors in Secrets Manager references and EFS volumes 1.4.0. JSON-key secrets failed on older versions (aws/aws-cdk#7272).",
    bad: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"fargatePlatformConfiguration": {"platformVersion": "1.3.0"}, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#),
    good: super::example!(r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"fargatePlatformConfiguration": {"platformVersion": "LATEST"}, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#),
};

pub static LOG_SECRET_OPTION_OTHER_DRIVER: Rule = Rule {
    code: "BL711",
    name: "log-secret-option-other-driver",
    family: Family::Platform,
    severity: Severity::Warning,
    summary: "a log secret option belongs to another log driver",
    help: "Use the option names of the chosen `logDriver` (Docker's logging driver reference lists them), or switch to the driver the option belongs to.",
    why: "Docker log drivers take only their own options (`splunk-token` is the splunk driver's, `awslogs-group` the awslogs driver's); an unknown option makes the container fail to start with \"unknown log opt\".",
    bad: super::example!(r#"{"logConfiguration": {"logDriver": "awslogs", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}"#),
    good: super::example!(r#"{"logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}"#),
};

pub static WINDOWS_UNSUPPORTED: Rule = Rule {
    code: "BL712",
    name: "windows-unsupported",
    family: Family::Platform,
    severity: Severity::Error,
    summary: "a Windows container sets something Windows containers do not support",
    help: "Remove the field for Windows containers, and use `X86_64` as `cpuArchitecture`.",
    why: "The Batch API reference for `runtimePlatform`: Windows containers need X86_64 and cannot set `linuxParameters`, `privileged`, `user`, `ulimits`, `readonlyRootFilesystem` or EFS volumes.",
    bad: super::example!(r#"{"containerProperties": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "ARM64"}}}"#),
    good: super::example!(r#"{"containerProperties": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "X86_64"}}}"#),
};

pub static RULES: &[&Rule] = &[
    &FARGATE_UNSUPPORTED_SIZE,
    &MISSING_VCPU_OR_MEMORY,
    &FARGATE_GPU,
    &FARGATE_MULTINODE,
    &FARGATE_LOG_DRIVER,
    &NOT_ON_FARGATE,
    &FARGATE_ONLY_FIELD,
    &INSTANCE_TYPE_SINGLE_NODE,
    &DEPRECATED_VCPUS_MEMORY,
    &PLATFORM_VERSION_TOO_OLD,
    &LOG_SECRET_OPTION_OTHER_DRIVER,
    &WINDOWS_UNSUPPORTED,
];

/// A Fargate size: vCPU as written in the docs and in billionths of a vCPU, and its memory
/// values in MiB as (first, last, step).
type FargateSize = (&'static str, u64, u32, u32, u32);

/// Fargate sizes (Batch API reference, `ResourceRequirement.value`).
const FARGATE_SIZES: &[FargateSize] = &[
    ("0.25", BILLION / 4, 512, 2048, 512),
    ("0.5", BILLION / 2, 1024, 4096, 1024),
    ("1", BILLION, 2048, 8192, 1024),
    ("2", 2 * BILLION, 4096, 16384, 1024),
    ("4", 4 * BILLION, 8192, 30720, 1024),
    ("8", 8 * BILLION, 16384, 61440, 4096),
    ("16", 16 * BILLION, 32768, 122880, 8192),
];

const BILLION: u64 = 1_000_000_000;

/// A vCPU value in billionths of a vCPU, exactly: the whole billionths and whether a
/// fraction of one is left over (`0.0000000015` is `(1, true)`). `Some(None)` for a number
/// that is no size (negative, infinite, NaN), `None` for text that is not a number. The
/// syntax is what `str::parse::<f64>` takes (a sign, digits with an optional point, an
/// optional exponent; `inf`, `infinity`, `nan` in any case), without its float code,
/// which is ~10 KB of the .wasm.
fn vcpu_billionths(text: &str) -> Option<Option<(u64, bool)>> {
    fn split_sign(s: &[u8]) -> (bool, &[u8]) {
        match s {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            _ => (false, s),
        }
    }
    let all_digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let (negative, s) = split_sign(text.as_bytes());
    if ["inf", "infinity", "nan"].iter().any(|word| s.eq_ignore_ascii_case(word.as_bytes())) {
        return Some(None);
    }
    let (mantissa, exponent) = match s.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(e) => (s.get(..e)?, Some(split_sign(s.get(e + 1..)?))),
        None => (s, None),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(point) => (mantissa.get(..point)?, mantissa.get(point + 1..)?),
        None => (mantissa, &[][..]),
    };
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let exponent = match exponent {
        None => 0,
        Some((_, [])) => return None,
        Some((_, digits)) if !all_digits(digits) => return None,
        Some((minus, digits)) => {
            let n = digits.iter().fold(0i64, |n, d| n.saturating_mul(10).saturating_add(i64::from(d - b'0')));
            if minus {
                -n
            } else {
                n
            }
        }
    };
    if negative {
        return Some(None);
    }
    // The first digit is worth 10^(int.len() - 1 + exponent) vCPU, 10^(that + 9) billionths.
    let first_power = i64::try_from(int.len()).unwrap_or(i64::MAX).saturating_add(exponent).saturating_add(8);
    let (mut whole, mut fraction) = (0u64, false);
    for (i, d) in int.iter().chain(frac).enumerate() {
        let digit = u64::from(d - b'0');
        let power = first_power.saturating_sub(i64::try_from(i).unwrap_or(i64::MAX));
        if power < 0 {
            fraction |= digit != 0;
        } else {
            let scale = 10u64.saturating_pow(u32::try_from(power).unwrap_or(u32::MAX));
            whole = whole.saturating_add(digit.saturating_mul(scale));
        }
    }
    Some(Some((whole, fraction)))
}

/// The Fargate size within 1e-9 vCPU of a value, the tolerance of the `f64` comparison
/// this replaces (now exact: only a value within float rounding of exactly 1e-9 from a size
/// could be judged differently); `None` for text that is not a number, `Some(None)` for a
/// number that is no size.
fn fargate_size(vcpu_text: &str) -> Option<Option<&'static FargateSize>> {
    let Some((whole, fraction)) = vcpu_billionths(vcpu_text)? else { return Some(None) };
    Some(FARGATE_SIZES.iter().find(|row| whole == row.1 || (fraction && whole.saturating_add(1) == row.1)))
}

fn fargate_memory(first: u32, last: u32, step: u32) -> Vec<u32> {
    // 0.25 vCPU takes 512, 1024 and 2048 only: the one row that is not a plain range.
    (first..=last).step_by(step.max(1) as usize).filter(|m| !(first == 512 && *m == 1536)).collect()
}

/// Log drivers that Fargate offers (ECS `LogConfiguration.logDriver`; Batch lists the first two).
const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];

/// Docker log drivers whose options all carry the driver's name as a prefix
/// (docs.docker.com/engine/logging/drivers/): an option with another driver's prefix is
/// certainly wrong. `awsfirelens` passes any option to its router, so it is not checked.
const DRIVER_OPTION_PREFIXES: &[(&str, &str)] =
    &[("awslogs", "awslogs-"), ("splunk", "splunk-"), ("fluentd", "fluentd-"), ("gelf", "gelf-"), ("syslog", "syslog-")];

/// Container fields Fargate does not take, with a specific help where there is one.
const NOT_ON_FARGATE_FIELDS: &[(&str, Option<&str>)] = &[
    ("instanceType", Some("Remove `instanceType`: Fargate chooses the capacity from the VCPU and MEMORY requirements.")),
    ("ulimits", None),
    ("vcpus", Some("Give the vCPU count as `{\"type\": \"VCPU\", \"value\": \"1\"}` in `resourceRequirements`: Fargate does not take `vcpus`.")),
    ("memory", Some("Give the memory as `{\"type\": \"MEMORY\", \"value\": \"2048\"}` in `resourceRequirements`: Fargate does not take `memory`.")),
];

const NOT_ON_FARGATE_LINUX_PARAMETERS: &[&str] = &["devices", "maxSwap", "sharedMemorySize", "swappiness", "tmpfs"];

pub fn check(job: &JobDefinition<'_, '_>, refs: &[SecretReference], sink: &mut Sink) {
    if job.is_eks() {
        return;
    }
    if job.fargate && job.is_multinode() {
        match job.node.get("type").filter(|t| t.as_str() == Some("multinode")) {
            Some(t) => sink.report(&FARGATE_MULTINODE, t.span, format!("{}/type", job.pointer), "multinode parallel jobs cannot run on Fargate"),
            None => {
                let span = job.node.member("nodeProperties").map_or(head(job.node), |m| m.key_span);
                sink.report(&FARGATE_MULTINODE, span, format!("{}/nodeProperties", job.pointer), "multinode parallel jobs cannot run on Fargate")
            }
        };
    }
    for container in &job.containers {
        check_resources(job, container, sink);
        check_log_configuration(job, container, sink);
        let c = container.node;
        if job.fargate {
            check_not_on_fargate(container, sink);
        } else {
            for key in ["networkConfiguration", "fargatePlatformConfiguration"] {
                report_fargate_only(c, &container.pointer, key, sink);
            }
            if container.kind == ContainerKind::Single {
                if let Some(m) = c.member("instanceType") {
                    sink.report(
                        &INSTANCE_TYPE_SINGLE_NODE,
                        m.key_span,
                        format!("{}/instanceType", container.pointer),
                        "`instanceType` applies only to multinode jobs, and this is a single-node job",
                    );
                }
            }
            for key in ["vcpus", "memory"] {
                if let Some(m) = c.member(key) {
                    sink.report(
                        &DEPRECATED_VCPUS_MEMORY,
                        m.key_span,
                        format!("{}/{key}", container.pointer),
                        format!("`{key}` is deprecated; give it in `resourceRequirements`"),
                    );
                }
            }
        }
    }
    let selectors = Selectors::new(refs);
    for group in by_role_holder(job) {
        let Some(first) = group.first() else { continue };
        let holder = first.role_holder;
        if first.kind == ContainerKind::TaskContainer && !job.fargate {
            for key in ["networkConfiguration", "platformVersion"] {
                report_fargate_only(holder, &first.role_holder_pointer, key, sink);
            }
        }
        if job.fargate {
            for_each_volume(first, |volume, pointer| {
                if let Some(m) = volume.member("host") {
                    let name = volume.get_str("name").map_or(String::new(), |n| format!(" `{n}`"));
                    sink.report(
                        &NOT_ON_FARGATE,
                        m.key_span,
                        format!("{pointer}/host"),
                        format!("volume{name} is a `host` volume, which Fargate does not support"),
                    )
                    .help("Use an `efsVolumeConfiguration` volume for shared storage, or a volume without `host` for scratch space.");
                }
            });
            check_platform_version(&group, &selectors, sink);
        }
        check_windows(&group, sink);
    }
}

fn report_fargate_only(node: &Node<'_>, pointer: &str, key: &str, sink: &mut Sink) {
    if let Some(m) = set_member(node, key) {
        sink.report(&FARGATE_ONLY_FIELD, m.key_span, format!("{pointer}/{key}"), format!("`{key}` is only for Fargate jobs, and this job runs on EC2"));
    }
}

/// The volumes of a role holder (the container's own, or its task's), with their pointers.
fn for_each_volume(container: &Container<'_, '_>, mut f: impl FnMut(&Node<'_>, String)) {
    let holder = container.role_holder;
    for (i, volume) in holder.get("volumes").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        f(volume, format!("{}/volumes/{i}", container.role_holder_pointer));
    }
}

/// The `resourceRequirements` entries of a container of one type, with their indexes.
fn requirements<'n, 'a>(c: &'n Node<'a>, kind: &str) -> Vec<(usize, &'n Node<'a>)> {
    c.get("resourceRequirements")
        .and_then(Node::as_array)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .filter(|(_, r)| r.get_str("type").is_some_and(|t| t.eq_ignore_ascii_case(kind)))
        .collect()
}

fn check_resources(job: &JobDefinition<'_, '_>, container: &Container<'_, '_>, sink: &mut Sink) {
    let c = container.node;
    let base = format!("{}/resourceRequirements", container.pointer);
    if job.fargate {
        for (i, gpu) in requirements(c, "GPU") {
            let span = gpu.get("type").map_or(gpu.span, |t| t.span);
            sink.report(&FARGATE_GPU, span, format!("{base}/{i}/type"), "GPUs are not available to jobs on Fargate");
        }
    }
    // Sizes and presence are checked for single-node container jobs only: node ranges can
    // share values across ranges, and multi-container tasks size the task as a whole.
    if container.kind != ContainerKind::Single {
        return;
    }
    let vcpu = requirements(c, "VCPU").into_iter().next();
    let memory = requirements(c, "MEMORY").into_iter().next();
    let missing: Vec<&str> =
        [("VCPU", vcpu.is_none() && (job.fargate || c.get("vcpus").is_none())), ("MEMORY", memory.is_none() && (job.fargate || c.get("memory").is_none()))]
            .iter()
            .filter(|(_, missing)| *missing)
            .map(|(name, _)| *name)
            .collect();
    if !missing.is_empty() {
        let what = missing.join(" and ");
        let (span, pointer) = c.member("resourceRequirements").map_or((head(c), container.pointer.clone()), |m| (m.key_span, base.clone()));
        let message = if job.fargate {
            format!("`resourceRequirements` has no {what}, which Fargate jobs must give")
        } else {
            format!("the container gives no {what} (in `resourceRequirements`), which Batch requires")
        };
        sink.report(&MISSING_VCPU_OR_MEMORY, span, pointer, message);
    }
    if job.fargate {
        if let Some((i, v)) = vcpu {
            check_fargate_size(&base, i, v, memory, sink);
        }
    }
}

fn check_fargate_size(base: &str, vcpu_index: usize, vcpu: &Node<'_>, memory: Option<(usize, &Node<'_>)>, sink: &mut Sink) {
    let Some(vcpu_node) = vcpu.get("value") else { return };
    let Some(vcpu_text) = vcpu_node.as_str() else { return };
    let Some(size) = fargate_size(vcpu_text.trim()) else { return };
    let Some(&(label, _, first, last, step)) = size else {
        let all: Vec<&str> = FARGATE_SIZES.iter().map(|row| row.0).collect();
        sink.report(&FARGATE_UNSUPPORTED_SIZE, vcpu_node.span, format!("{base}/{vcpu_index}/value"), format!("no Fargate size has {vcpu_text} vCPU"))
            .help(format!("Fargate takes VCPU {}.", all.join(", ")));
        return;
    };
    let Some((memory_index, memory)) = memory else { return };
    let Some(memory_node) = memory.get("value") else { return };
    let Some(Ok(m)) = memory_node.as_str().map(|s| s.trim().parse::<u32>()) else { return };
    let allowed = fargate_memory(first, last, step);
    if allowed.contains(&m) {
        return;
    }
    let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
    let fitting: Vec<&str> = FARGATE_SIZES.iter().filter(|row| fargate_memory(row.2, row.3, row.4).contains(&m)).map(|row| row.0).collect();
    let also = if fitting.is_empty() { String::new() } else { format!(" {m} MiB fits {} vCPU.", fitting.join(" or ")) };
    sink.report(
        &FARGATE_UNSUPPORTED_SIZE,
        memory_node.span,
        format!("{base}/{memory_index}/value"),
        format!("no Fargate size has {label} vCPU and {m} MiB of memory"),
    )
    .help(format!("With {label} vCPU, Fargate takes MEMORY {} (MiB).{also}", list.join(", ")));
}

fn check_log_configuration(job: &JobDefinition<'_, '_>, container: &Container<'_, '_>, sink: &mut Sink) {
    let Some((log, base)) = container.log_configuration() else { return };
    let Some(driver_node) = log.get("logDriver") else { return };
    let Some(driver) = driver_node.as_str() else { return };
    if job.fargate && !FARGATE_LOG_DRIVERS.contains(&driver) {
        sink.report(&FARGATE_LOG_DRIVER, driver_node.span, format!("{base}/logDriver"), format!("log driver `{driver}` is not available on Fargate"));
    }
    if driver == "awsfirelens" {
        return;
    }
    for (i, option) in log.get("secretOptions").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        let Some(name_node) = option.get("name") else { continue };
        let Some(name) = name_node.as_str() else { continue };
        if let Some((owner, _)) = DRIVER_OPTION_PREFIXES.iter().find(|(d, prefix)| *d != driver && name.starts_with(prefix)) {
            sink.report(
                &LOG_SECRET_OPTION_OTHER_DRIVER,
                name_node.span,
                format!("{base}/secretOptions/{i}/name"),
                format!("`{name}` is an option of the {owner} log driver, but this container logs with `{driver}`"),
            );
        }
    }
}

fn check_not_on_fargate(container: &Container<'_, '_>, sink: &mut Sink) {
    let c = container.node;
    let message = |field: &str| format!("`{field}` is not supported on Fargate");
    for (key, help) in NOT_ON_FARGATE_FIELDS {
        if let Some(m) = set_member(c, key) {
            let pending = sink.report(&NOT_ON_FARGATE, m.key_span, format!("{}/{key}", container.pointer), message(key));
            if let Some(help) = help {
                pending.help(*help);
            }
        }
    }
    if let Some(m) = c.member("privileged").filter(|m| m.value.as_bool() == Some(true)) {
        sink.report(&NOT_ON_FARGATE, m.key_span, format!("{}/privileged", container.pointer), "privileged containers are not supported on Fargate");
    }
    if let Some(linux) = c.get("linuxParameters") {
        for key in NOT_ON_FARGATE_LINUX_PARAMETERS {
            if let Some(m) = set_member(linux, key) {
                sink.report(&NOT_ON_FARGATE, m.key_span, format!("{}/linuxParameters/{key}", container.pointer), message(&format!("linuxParameters.{key}")));
            }
        }
    }
}

/// A member that sets something: describe output writes unset lists and objects as `[]`,
/// `{}` or `null` (a Fargate job comes back with `"ulimits": []`), and those ask for nothing.
fn set_member<'n, 'a>(node: &'n Node<'a>, key: &str) -> Option<&'n crate::json::Member<'a>> {
    node.member(key).filter(|m| match &m.value.value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::Object(members) => !members.is_empty(),
        _ => true,
    })
}

/// A platform version as (major, minor, patch); `None` for `LATEST` and anything else.
fn parse_version(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.trim().split('.').map(|p| p.parse::<u32>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

fn is_windows(holder: &Node<'_>) -> bool {
    holder.get("runtimePlatform").and_then(|r| r.get_str("operatingSystemFamily")).is_some_and(|os| os.to_ascii_uppercase().starts_with("WINDOWS"))
}

fn check_platform_version(group: &[&Container<'_, '_>], selectors: &Selectors<'_>, sink: &mut Sink) {
    let Some(first) = group.first() else { return };
    let Some(node) = first.platform_version else { return };
    let Some(version) = node.as_str().and_then(parse_version) else { return };
    // Windows platform versions are numbered on their own (1.0.0 has everything).
    if is_windows(first.role_holder) {
        return;
    }
    let mut needs: Vec<((u32, u32, u32), &str)> = Vec::new();
    for c in group {
        let used = secret_use(c, selectors);
        if used.repository_credentials {
            needs.push(((1, 2, 0), "private registry credentials"));
        }
        if used.injects() {
            needs.push(((1, 3, 0), "secrets"));
        }
        if used.selectors {
            needs.push(((1, 4, 0), "JSON-key or version selectors in Secrets Manager references"));
        }
    }
    let mut efs = false;
    for_each_volume(first, |volume, _| efs |= volume.get("efsVolumeConfiguration").is_some());
    if efs {
        needs.push(((1, 4, 0), "EFS volumes"));
    }
    let Some(&(required, what)) = needs.iter().filter(|(r, _)| *r > version).max_by_key(|(r, _)| *r) else { return };
    let (a, b, c) = required;
    let written = node.as_str().unwrap_or("");
    sink.report(
        &PLATFORM_VERSION_TOO_OLD,
        node.span,
        first.platform_version_pointer.as_str(),
        format!("platform version `{written}` is too old for {what}, which need {a}.{b}.{c} or later"),
    );
}

fn check_windows(group: &[&Container<'_, '_>], sink: &mut Sink) {
    let Some(first) = group.first() else { return };
    let holder = first.role_holder;
    if !is_windows(holder) {
        return;
    }
    let platform_pointer = format!("{}/runtimePlatform", first.role_holder_pointer);
    if let Some(arch) = holder.get("runtimePlatform").and_then(|r| r.get("cpuArchitecture")) {
        if arch.as_str().is_some_and(|a| !a.eq_ignore_ascii_case("X86_64")) {
            sink.report(
                &WINDOWS_UNSUPPORTED,
                arch.span,
                format!("{platform_pointer}/cpuArchitecture"),
                "`cpuArchitecture` must be X86_64 for a Windows container",
            );
        }
    }
    for container in group {
        let c = container.node;
        for key in ["linuxParameters", "user", "ulimits"] {
            if let Some(m) = set_member(c, key) {
                sink.report(
                    &WINDOWS_UNSUPPORTED,
                    m.key_span,
                    format!("{}/{key}", container.pointer),
                    format!("`{key}` is not supported for Windows containers"),
                );
            }
        }
        for key in ["privileged", "readonlyRootFilesystem"] {
            if let Some(m) = c.member(key).filter(|m| m.value.as_bool() == Some(true)) {
                sink.report(
                    &WINDOWS_UNSUPPORTED,
                    m.key_span,
                    format!("{}/{key}", container.pointer),
                    format!("`{key}` is not supported for Windows containers"),
                );
            }
        }
    }
    for_each_volume(first, |volume, pointer| {
        if let Some(m) = volume.member("efsVolumeConfiguration") {
            sink.report(
                &WINDOWS_UNSUPPORTED,
                m.key_span,
                format!("{pointer}/efsVolumeConfiguration"),
                "`efsVolumeConfiguration` is not supported for Windows containers",
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fargate_table() {
        assert_eq!(fargate_memory(512, 2048, 512), [512, 1024, 2048]);
        assert_eq!(fargate_memory(1024, 4096, 1024), [1024, 2048, 3072, 4096]);
        assert_eq!(fargate_memory(16384, 61440, 4096).len(), 12);
        assert_eq!(fargate_memory(32768, 122880, 8192).last(), Some(&122880));
    }

    #[test]
    fn fargate_sizes_match_the_f64_comparison() {
        // What the check did before: parse as `f64`, then a size within 1e-9.
        let by_f64 = |text: &str| {
            let v = text.parse::<f64>().ok()?;
            Some(FARGATE_SIZES.iter().find(|row| (row.1 as f64 / BILLION as f64 - v).abs() < 1e-9).map(|row| row.0))
        };
        let mut cases: Vec<String> = [
            "0.25",
            "0.5",
            "1",
            "2",
            "4",
            "8",
            "16",
            "+1",
            "-1",
            "-0",
            "0",
            "00016",
            "16.",
            ".5",
            ".25",
            "0.250",
            "2.0000",
            "1e0",
            "1E0",
            "1e+0",
            "10e-1",
            "25e-2",
            "0.025e1",
            "2.5e-1",
            "0.0016e4",
            "160000000000e-10",
            "1e",
            "1e+",
            "e1",
            ".",
            "+",
            "-",
            "",
            "1.2.3",
            "1,5",
            "1 ",
            " 1",
            "0x10",
            "1_0",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "infinit",
            "nana",
            "1.0000000001",
            "0.9999999999",
            "0.25000000001",
            "0.24999999999",
            "0.2500000000000000000000001",
            "3",
            "0.75",
            "1.5",
            "32",
            "1e400",
            "1e-400",
            "99999999999999999999",
            "1e9999999999999999999999",
            "0.000000000000000000001e21",
            "٣",
            "１",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.extend(FARGATE_SIZES.iter().map(|row| format!("{}0e-1", row.0)));
        // Every string of up to 5 characters over a number's alphabet.
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            strings = strings.iter().flat_map(|s| "0125.e-".chars().map(move |c| format!("{s}{c}"))).collect();
            cases.extend(strings.iter().cloned());
        }
        for text in &cases {
            assert_eq!(fargate_size(text).map(|size| size.map(|row| row.0)), by_f64(text), "{text:?}");
        }
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("1.3.0"), Some((1, 3, 0)));
        assert_eq!(parse_version("LATEST"), None);
        assert_eq!(parse_version("1.4"), None);
        assert_eq!(parse_version("1.4.0.1"), None);
        assert!((1, 3, 0) < (1, 4, 0));
    }
}
