//! Platform rules (BL7xx): bad and good examples through `analyze`.

use crate::cases::{Case, Place};
use crate::common::{findings, only_in as only};
use batchlint::Severity;

/// A realistic Fargate job; `extra` is spliced into `containerProperties`.
fn fargate(vcpu: &str, memory: &str, extra: &str) -> String {
    format!(
        r#"{{
  "jobDefinitionName": "fargate-etl",
  "type": "container",
  "platformCapabilities": ["FARGATE"],
  "containerProperties": {{
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:2",
    "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec",
    "networkConfiguration": {{"assignPublicIp": "ENABLED"}},
    "resourceRequirements": [{{"type": "VCPU", "value": "{vcpu}"}}, {{"type": "MEMORY", "value": "{memory}"}}]{extra}
  }}
}}"#
    )
}

/// A realistic EC2 job; `extra` is spliced into `containerProperties`.
fn ec2(extra: &str) -> String {
    format!(
        r#"{{
  "jobDefinitionName": "ec2-report",
  "type": "container",
  "containerProperties": {{
    "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4",
    "executionRoleArn": "arn:aws:iam::123456789012:role/batch-exec"{extra}
  }}
}}"#
    )
}

const EC2_RESOURCES: &str =
    r#", "resourceRequirements": [{"type": "VCPU", "value": "2"}, {"type": "MEMORY", "value": "4096"}]"#;

#[test]
fn bl701_fargate_unsupported_size() {
    let d = only(&fargate("1", "1024", ""), "BL701");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/resourceRequirements/1/value");
    assert_eq!(d.message, "no Fargate size has 1 vCPU and 1024 MiB of memory");
    assert_eq!(d.help, "With 1 vCPU, Fargate takes MEMORY 2048, 3072, 4096, 5120, 6144, 7168, 8192 (MiB). 1024 MiB fits 0.25 or 0.5 vCPU.");

    let d = only(&fargate("0.25", "1536", ""), "BL701");
    assert_eq!(d.message, "no Fargate size has 0.25 vCPU and 1536 MiB of memory");
    let d = only(&fargate("32", "65536", ""), "BL701");
    assert_eq!(d.message, "no Fargate size has 32 vCPU and 65536 MiB of memory");
    assert_eq!(d.help, "With 32 vCPU, Fargate takes MEMORY 61440, 122880, 249856 (MiB). 65536 MiB fits 16 vCPU.");
    let d = only(&fargate("3", "8192", ""), "BL701");
    assert_eq!(d.path, "/containerProperties/resourceRequirements/0/value");
    assert_eq!(d.message, "no Fargate size has 3 vCPU");
    assert_eq!(d.help, "Fargate takes VCPU 0.25, 0.5, 1, 2, 4, 8, 16, 32.");

    for (v, m) in [
        ("0.25", "512"),
        ("0.5", "4096"),
        ("1", "2048"),
        ("2", "16384"),
        ("4", "30720"),
        ("8", "20480"),
        ("16", "122880"),
        // 32 vCPU since the botocore 1.44.8 model.
        ("32", "61440"),
        ("32", "249856"),
        ("1.0", "8192"),
    ] {
        assert!(findings(&fargate(v, m, ""), "BL701").is_empty(), "{v} {m}");
    }
}

/// A Fargate `ecsProperties` job whose task has one container per (VCPU, MEMORY) pair.
fn fargate_task(sizes: &[(&str, &str)]) -> String {
    let containers: Vec<String> = sizes
        .iter()
        .enumerate()
        .map(|(i, (vcpu, memory))| {
            format!(
                r#"{{"name": "c{i}", "image": "app:1", "resourceRequirements": [{{"type": "VCPU", "value": "{vcpu}"}}, {{"type": "MEMORY", "value": "{memory}"}}]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"jobDefinitionName": "crawler", "type": "container", "platformCapabilities": ["FARGATE"], "ecsProperties": {{"taskProperties": [{{"executionRoleArn": "arn:aws:iam::123456789012:role/exec", "networkConfiguration": {{"assignPublicIp": "ENABLED"}}, "containers": [{}]}}]}}}}"#,
        containers.join(", ")
    )
}

#[test]
fn bl701_the_containers_of_a_task_add_up_to_its_size() {
    // A real definition: 2 + 0.5 vCPU and 4096 + 768 MiB, which Fargate does not offer.
    let d = only(&fargate_task(&[("2", "4096"), ("0.5", "768")]), "BL701");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/containers");
    assert_eq!(
        d.message,
        "this task asks for 2.5 vCPU and 4864 MiB in all (the sum of its containers), and no Fargate size has 2.5 vCPU"
    );
    assert_eq!(
        d.help,
        "Fargate takes VCPU 0.25, 0.5, 1, 2, 4, 8, 16, 32 for the whole task. Fargate runs the task with the sum of its containers' VCPU and MEMORY: change the containers' values so that they add up to a Fargate size."
    );
    let d = only(&fargate_task(&[("0.5", "1024"), ("0.5", "512")]), "BL701");
    assert_eq!(
        d.message,
        "this task asks for 1 vCPU and 1536 MiB in all (the sum of its containers), and no Fargate size has 1 vCPU with 1536 MiB"
    );
    assert!(d.help.starts_with(
        "With 1 vCPU for the whole task, Fargate takes MEMORY 2048, 3072, 4096, 5120, 6144, 7168, 8192 (MiB)."
    ));
    // A single container is the task's size; sums that are Fargate sizes pass.
    assert_eq!(
        only(&fargate_task(&[("3", "8192")]), "BL701").message,
        "this task asks for 3 vCPU and 8192 MiB in all (the sum of its containers), and no Fargate size has 3 vCPU"
    );
    for sizes in [
        &[("1", "2048"), ("1", "2048")][..],
        &[("0.25", "512"), ("0.25", "512")],
        &[("1.5", "3072"), ("0.5", "1024")],
        &[("4", "30720")],
    ] {
        assert!(findings(&fargate_task(sizes), "BL701").is_empty(), "{sizes:?}");
    }
    // On EC2 a task has no Fargate size.
    let ec2 = fargate_task(&[("2", "4096"), ("0.5", "768")]).replace(r#""platformCapabilities": ["FARGATE"], "#, "");
    assert!(findings(&ec2, "BL701").is_empty());
}

#[test]
fn bl702_missing_vcpu_or_memory() {
    let fargate_without_vcpu = fargate("1", "2048", "").replace(r#"{"type": "VCPU", "value": "1"}, "#, "");
    let d = only(&fargate_without_vcpu, "BL702");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/resourceRequirements");
    assert_eq!(d.message, "`resourceRequirements` has no VCPU, which Fargate jobs must give");
    assert!(findings(&fargate("1", "2048", ""), "BL702").is_empty());

    let ec2_bare = ec2("");
    let d = only(&ec2_bare, "BL702");
    assert_eq!(d.path, "/containerProperties");
    assert_eq!(d.message, "the container gives no VCPU and MEMORY (in `resourceRequirements`), which Batch requires");
    assert!(findings(&ec2(EC2_RESOURCES), "BL702").is_empty());
    // The deprecated fields still count on EC2 (BL709 warns about them instead).
    assert!(findings(&ec2(r#", "vcpus": 2, "memory": 4096"#), "BL702").is_empty());
}

#[test]
fn bl703_fargate_gpu() {
    let bad = fargate("4", "16384", "")
        .replace(r#"{"type": "MEMORY""#, r#"{"type": "GPU", "value": "1"}, {"type": "MEMORY""#);
    let d = only(&bad, "BL703");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/resourceRequirements/1/type");
    assert_eq!(d.message, "GPUs are not available to jobs on Fargate");
    let good = bad.replace(r#""platformCapabilities": ["FARGATE"],"#, r#""platformCapabilities": ["EC2"],"#);
    assert!(findings(&good, "BL703").is_empty());
}

#[test]
fn bl704_fargate_multinode() {
    let bad = r#"{
  "jobDefinitionName": "mpi",
  "type": "multinode",
  "platformCapabilities": ["FARGATE"],
  "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [
    {"targetNodes": "0:1", "container": {"image": "mpi:1", "resourceRequirements": [{"type": "VCPU", "value": "4"}, {"type": "MEMORY", "value": "8192"}]}}
  ]}
}"#;
    let d = only(bad, "BL704");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/type");
    assert_eq!(d.message, "multinode parallel jobs cannot run on Fargate");
    let good = bad.replace(r#""platformCapabilities": ["FARGATE"],"#, r#""platformCapabilities": ["EC2"],"#);
    assert!(findings(&good, "BL704").is_empty());
}

#[test]
fn bl705_fargate_log_driver() {
    let bad = fargate(
        "1",
        "2048",
        r#", "logConfiguration": {"logDriver": "fluentd", "options": {"fluentd-address": "10.0.0.5:24224"}}"#,
    );
    let d = only(&bad, "BL705");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/logConfiguration/logDriver");
    assert_eq!(d.message, "log driver `fluentd` is not available on Fargate");
    for driver in ["awslogs", "splunk"] {
        assert!(findings(&bad.replace("\"fluentd\"", &format!("\"{driver}\"")), "BL705").is_empty());
    }
    // `awsfirelens` needs a log router container, which `containerProperties` cannot hold.
    let firelens = bad.replace("\"fluentd\"", "\"awsfirelens\"");
    let d = only(&firelens, "BL705");
    assert_eq!(d.path, "/containerProperties/logConfiguration/logDriver");
    assert_eq!(
        d.message,
        "log driver `awsfirelens` needs a FireLens log router, which the container cannot have: Batch takes `firelensConfiguration` only in `ecsProperties` containers"
    );
    // On EC2 the Fargate restriction does not apply.
    assert!(findings(&firelens.replace(r#""platformCapabilities": ["FARGATE"],"#, ""), "BL705").is_empty());
    // Nor can a node range's container hold a router.
    let node_range = r#"{"jobDefinitionName": "mpi", "type": "multinode", "platformCapabilities": ["FARGATE"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [
    {"targetNodes": "0:1", "container": {"image": "mpi:1", "logConfiguration": {"logDriver": "awsfirelens"}}}]}}"#;
    let d = only(node_range, "BL705");
    assert_eq!(d.path, "/nodeProperties/nodeRangeProperties/0/container/logConfiguration/logDriver");
    assert_eq!(
        d.message,
        "log driver `awsfirelens` needs a FireLens log router, which the container of node range 0:1 cannot have: Batch takes `firelensConfiguration` only in `ecsProperties` containers"
    );
}

/// A Fargate `ecsProperties` job whose `app` container logs with `awsfirelens`; `router` is
/// spliced into a second container.
fn fargate_task_with_firelens(router: &str) -> String {
    format!(
        r#"{{"jobDefinitionName": "etl", "type": "container", "platformCapabilities": ["FARGATE"], "ecsProperties": {{"taskProperties": [{{
  "executionRoleArn": "arn:aws:iam::123456789012:role/etl-exec",
  "networkConfiguration": {{"assignPublicIp": "ENABLED"}},
  "containers": [
    {{"name": "app", "image": "app:1", "essential": true, "logConfiguration": {{"logDriver": "awsfirelens", "options": {{"Name": "cloudwatch"}}}},
      "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}]}},
    {{"name": "log_router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", "essential": true{router},
      "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}]}}
  ]}}]}}}}"#
    )
}

#[test]
fn bl713_fargate_container_timeout() {
    let with = |timeouts: &str| {
        fargate_task_with_firelens(&format!(r#", "firelensConfiguration": {{"type": "fluentbit"}}{timeouts}"#))
    };
    let bad = with(r#", "startTimeout": 121, "stopTimeout": 300"#);
    let found = findings(&bad, "BL713");
    let seen: Vec<(&str, &str)> = found.iter().map(|d| (d.path.as_str(), d.message.as_str())).collect();
    assert_eq!(
        seen,
        [
            (
                "/ecsProperties/taskProperties/0/containers/1/startTimeout",
                "`startTimeout` is 121 seconds; on Fargate it is at most 120"
            ),
            (
                "/ecsProperties/taskProperties/0/containers/1/stopTimeout",
                "`stopTimeout` is 300 seconds; on Fargate it is at most 120"
            ),
        ]
    );
    assert!(found.iter().all(|d| d.severity == Severity::Error));
    assert!(findings(&with(r#", "startTimeout": 120, "stopTimeout": 2"#), "BL713").is_empty());
    // On EC2 the limit is the agent's (ECS_CONTAINER_STOP_TIMEOUT), not Fargate's.
    assert!(findings(&bad.replace(r#""platformCapabilities": ["FARGATE"], "#, ""), "BL713").is_empty());
}

#[test]
fn ecs_managed_instances() {
    let managed = r#", "platformCapabilities": ["MANAGED_INSTANCES"]"#;
    let job = |platform: &str, properties: &str| {
        format!(r#"{{"jobDefinitionName": "mi", "type": "container"{platform}, {properties}}}"#)
    };
    let task = |extra: &str| {
        format!(
            r#""ecsProperties": {{"taskProperties": [{{"executionRoleArn": "arn:aws:iam::123456789012:role/exec"{extra}, "containers": [{{"name": "app", "image": "app:1"}}]}}]}}"#
        )
    };
    // `networkMode` only on ECS Managed Instances (BL714).
    for (platform, runs_on) in [("", "EC2"), (r#", "platformCapabilities": ["FARGATE"]"#, "Fargate")] {
        let d = only(&job(platform, &task(r#", "networkMode": "host""#)), "BL714");
        assert_eq!((d.severity, d.path.as_str()), (Severity::Error, "/ecsProperties/taskProperties/0/networkMode"));
        assert_eq!(
            d.message,
            format!("`networkMode` is only for jobs on ECS Managed Instances, and this job runs on {runs_on}")
        );
    }
    assert!(findings(&job(managed, &task(r#", "networkMode": "host""#)), "BL714").is_empty());
    // Only `ecsProperties`, and no multinode (BL715).
    let d = only(&job(managed, r#""containerProperties": {"image": "app:1"}"#), "BL715");
    assert_eq!((d.severity, d.path.as_str()), (Severity::Error, "/containerProperties"));
    assert_eq!(d.message, "jobs on ECS Managed Instances take `ecsProperties`, not `containerProperties`");
    let multinode = r#"{"jobDefinitionName": "mpi", "type": "multinode", "platformCapabilities": ["MANAGED_INSTANCES"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [{"targetNodes": "0:1", "ecsProperties": {"taskProperties": [{"containers": [{"name": "a", "image": "mpi:1"}]}]}}]}}"#;
    assert_eq!(only(multinode, "BL715").message, "multi-node parallel jobs cannot run on ECS Managed Instances");
    assert!(findings(&job(managed, &task("")), "BL715").is_empty());
    // `networkConfiguration` is for Fargate only, not for ECS Managed Instances (BL707).
    let network = job(managed, &task(r#", "networkConfiguration": {"assignPublicIp": "ENABLED"}"#));
    assert_eq!(
        only(&network, "BL707").message,
        "`networkConfiguration` is only for Fargate jobs, and this job runs on ECS Managed Instances"
    );
    // `ipcMode` is not for Fargate (BL706, botocore 1.44.8).
    let fargate = job(r#", "platformCapabilities": ["FARGATE"]"#, &task(r#", "ipcMode": "task""#));
    let d = only(&fargate, "BL706");
    assert_eq!(
        (d.path.as_str(), d.message.as_str()),
        ("/ecsProperties/taskProperties/0/ipcMode", "`ipcMode` is not supported on Fargate")
    );
    assert!(findings(&job("", &task(r#", "ipcMode": "task""#)), "BL706").is_empty());
}

#[test]
fn bl705_awsfirelens_in_a_task_needs_a_log_router() {
    let d = only(&fargate_task_with_firelens(""), "BL705");
    assert_eq!(d.path, "/ecsProperties/taskProperties/0/containers/0/logConfiguration/logDriver");
    assert_eq!(
        d.message,
        "log driver `awsfirelens` needs a FireLens log router, and no container of this task has `firelensConfiguration`"
    );
    // With a router in the task, ECS runs it on Fargate (the Batch API text lists only
    // awslogs and splunk: the rule's reason says so).
    let with_router = fargate_task_with_firelens(r#", "firelensConfiguration": {"type": "fluentbit"}"#);
    assert!(findings(&with_router, "BL705").is_empty(), "{:#?}", findings(&with_router, "BL705"));
}

#[test]
fn bl706_not_on_fargate() {
    let cases = [
        (
            r#", "ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 8192}]"#,
            "/containerProperties/ulimits",
            "`ulimits` is not supported on Fargate",
        ),
        (r#", "vcpus": 1"#, "/containerProperties/vcpus", "`vcpus` is not supported on Fargate"),
        (
            r#", "instanceType": "c5.large""#,
            "/containerProperties/instanceType",
            "`instanceType` is not supported on Fargate",
        ),
        (
            r#", "privileged": true"#,
            "/containerProperties/privileged",
            "privileged containers are not supported on Fargate",
        ),
        (
            r#", "linuxParameters": {"initProcessEnabled": true, "sharedMemorySize": 512}"#,
            "/containerProperties/linuxParameters/sharedMemorySize",
            "`linuxParameters.sharedMemorySize` is not supported on Fargate",
        ),
        (
            r#", "volumes": [{"name": "scratch", "host": {"sourcePath": "/mnt/scratch"}}]"#,
            "/containerProperties/volumes/0/host",
            "volume `scratch` is a `host` volume, which Fargate does not support",
        ),
    ];
    for (extra, path, message) in cases {
        let d = only(&fargate("1", "2048", extra), "BL706");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!((d.path.as_str(), d.message.as_str()), (path, message));
    }
    let good = fargate(
        "1",
        "2048",
        r#", "privileged": false, "linuxParameters": {"initProcessEnabled": true}, "volumes": [{"name": "scratch"}]"#,
    );
    assert!(findings(&good, "BL706").is_empty());
    // On EC2 the same fields are fine (apart from the deprecation of vcpus).
    assert!(findings(
        &ec2(r#", "ulimits": [], "privileged": true, "volumes": [{"name": "s", "host": {"sourcePath": "/s"}}]"#),
        "BL706"
    )
    .is_empty());
}

#[test]
fn bl707_fargate_only_field() {
    let bad = ec2(&format!(r#"{EC2_RESOURCES}, "fargatePlatformConfiguration": {{"platformVersion": "LATEST"}}"#));
    let d = only(&bad, "BL707");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/fargatePlatformConfiguration");
    assert_eq!(d.message, "`fargatePlatformConfiguration` is only for Fargate jobs, and this job runs on EC2");
    assert!(findings(&ec2(EC2_RESOURCES), "BL707").is_empty());

    let task = r#"{"jobDefinitionName": "etl", "type": "container", "ecsProperties": {"taskProperties": [{
  "executionRoleArn": "arn:aws:iam::123456789012:role/etl-exec", "platformVersion": "1.4.0",
  "containers": [{"name": "app", "image": "app:1"}]}]}}"#;
    assert_eq!(only(task, "BL707").path, "/ecsProperties/taskProperties/0/platformVersion");
    let fargate_task =
        task.replace(r#""type": "container","#, r#""type": "container", "platformCapabilities": ["FARGATE"],"#);
    assert!(findings(&fargate_task, "BL707").is_empty());
}

#[test]
fn bl708_instance_type_single_node() {
    let bad = ec2(&format!(r#"{EC2_RESOURCES}, "instanceType": "c5.xlarge""#));
    let d = only(&bad, "BL708");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/instanceType");
    assert_eq!(d.message, "`instanceType` applies only to multinode jobs, and this is a single-node job");
    let multinode = r#"{"jobDefinitionName": "mpi", "type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [
  {"targetNodes": "0:1", "container": {"image": "mpi:1", "instanceType": "c5.xlarge", "resourceRequirements": [{"type": "VCPU", "value": "4"}, {"type": "MEMORY", "value": "8192"}]}}]}}"#;
    assert!(findings(multinode, "BL708").is_empty());
}

#[test]
fn bl709_deprecated_vcpus_memory() {
    let bad = ec2(r#", "vcpus": 2, "memory": 4096"#);
    let found = findings(&bad, "BL709");
    assert_eq!(found.len(), 2);
    let d = &found[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/containerProperties/vcpus");
    assert_eq!(d.message, "`vcpus` is deprecated; give it in `resourceRequirements`");
    assert_eq!(found[1].path, "/containerProperties/memory");
    assert!(findings(&ec2(EC2_RESOURCES), "BL709").is_empty());
}

#[test]
fn bl710_platform_version_too_old() {
    let selector = r#", "fargatePlatformConfiguration": {"platformVersion": "1.3.0"}, "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::"}]"#;
    let d = only(&fargate("1", "2048", selector), "BL710");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/fargatePlatformConfiguration/platformVersion");
    assert_eq!(d.message, "platform version `1.3.0` is too old for JSON-key or version selectors in Secrets Manager references, which need 1.4.0 or later");
    // A whole secret works on 1.3.0; 1.4.0 and LATEST take selectors.
    assert!(findings(&fargate("1", "2048", &selector.replace(":password::", "")), "BL710").is_empty());
    assert!(findings(&fargate("1", "2048", &selector.replace("1.3.0", "1.4.0")), "BL710").is_empty());
    assert!(findings(&fargate("1", "2048", &selector.replace("1.3.0", "LATEST")), "BL710").is_empty());

    let efs = r#", "fargatePlatformConfiguration": {"platformVersion": "1.3.0"}, "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}]"#;
    assert_eq!(
        only(&fargate("1", "2048", efs), "BL710").message,
        "platform version `1.3.0` is too old for EFS volumes, which need 1.4.0 or later"
    );
    let creds = r#", "fargatePlatformConfiguration": {"platformVersion": "1.1.0"}, "repositoryCredentials": {"credentialsParameter": "dockerhub"}"#;
    assert_eq!(
        only(&fargate("1", "2048", creds), "BL710").message,
        "platform version `1.1.0` is too old for private registry credentials, which need 1.2.0 or later"
    );
}

#[test]
fn bl711_log_secret_option_other_driver() {
    let bad = ec2(&format!(
        r#"{EC2_RESOURCES}, "logConfiguration": {{"logDriver": "awslogs", "options": {{"awslogs-group": "/batch/job"}}, "secretOptions": [{{"name": "splunk-token", "valueFrom": "/splunk/token"}}]}}"#
    ));
    let d = only(&bad, "BL711");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.path, "/containerProperties/logConfiguration/secretOptions/0/name");
    assert_eq!(
        d.message,
        "`splunk-token` is an option of the splunk log driver, but this container logs with `awslogs`"
    );
    let good = bad.replace(r#""logDriver": "awslogs""#, r#""logDriver": "splunk""#);
    assert!(findings(&good, "BL711").is_empty());
    let firelens = bad.replace(r#""logDriver": "awslogs""#, r#""logDriver": "awsfirelens""#);
    assert!(findings(&firelens, "BL711").is_empty());
}

#[test]
fn bl712_windows_unsupported() {
    let windows =
        r#", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "ARM64"}"#;
    let d = only(&fargate("1", "2048", windows), "BL712");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.path, "/containerProperties/runtimePlatform/cpuArchitecture");
    assert_eq!(d.message, "`cpuArchitecture` must be X86_64 for a Windows container");
    let user = windows.replace("ARM64", "X86_64") + r#", "user": "ContainerAdministrator""#;
    let d = only(&fargate("1", "2048", &user), "BL712");
    assert_eq!(d.path, "/containerProperties/user");
    assert_eq!(d.message, "`user` is not supported for Windows containers");
    assert!(findings(&fargate("1", "2048", &windows.replace("ARM64", "X86_64")), "BL712").is_empty());
    let efs = windows.replace("ARM64", "X86_64")
        + r#", "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678"}}]"#;
    let d = only(&fargate("1", "2048", &efs), "BL712");
    assert_eq!(d.path, "/containerProperties/volumes/0/efsVolumeConfiguration");
    assert_eq!(d.message, "`efsVolumeConfiguration` is not supported for Windows containers");
    // Linux containers may set a user and run on ARM64.
    assert!(findings(
        &fargate(
            "1",
            "2048",
            r#", "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "ARM64"}, "user": "1000""#
        ),
        "BL712"
    )
    .is_empty());
}

#[test]
fn empty_lists_from_describe_output_are_not_fargate_misuse() {
    let text = r#"{"jobDefinitionName": "x", "type": "container", "platformCapabilities": ["FARGATE"], "containerProperties": {"image": "a", "executionRoleArn": "arn:aws:iam::123456789012:role/e", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}], "ulimits": [], "linuxParameters": {"devices": [], "tmpfs": []}}}"#;
    let report = batchlint::analyze(text, &batchlint::Options::default());
    assert!(report.diagnostics.iter().all(|d| d.code != "BL706"), "{:?}", report.diagnostics);
    let with_ulimit =
        text.replace(r#""ulimits": []"#, r#""ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}]"#);
    let report = batchlint::analyze(&with_ulimit, &batchlint::Options::default());
    assert_eq!(
        report.diagnostics.iter().filter(|d| d.code == "BL706").map(|d| d.path.as_str()).collect::<Vec<_>>(),
        ["/containerProperties/ulimits"]
    );
}

/// Describe output writes unset members as `[]`, `{}` or `null`: a Windows container that
/// comes back with them sets nothing Windows lacks.
#[test]
fn empty_lists_from_describe_output_are_not_windows_misuse() {
    let windows =
        r#", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"}"#;
    let empty = format!(r#"{windows}, "ulimits": [], "linuxParameters": {{}}, "user": null"#);
    assert!(
        findings(&fargate("1", "2048", &empty), "BL712").is_empty(),
        "{:#?}",
        findings(&fargate("1", "2048", &empty), "BL712")
    );
    let set = format!(
        r#"{windows}, "ulimits": [{{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}}], "linuxParameters": {{"initProcessEnabled": true}}"#
    );
    let paths: Vec<String> = findings(&fargate("1", "2048", &set), "BL712").into_iter().map(|d| d.path).collect();
    assert_eq!(paths, ["/containerProperties/ulimits", "/containerProperties/linuxParameters"]);
}

pub const CASES: &[Case] = &[
    Case {
        code: "BL709",
        place: Place::Container,
        bad: r#"{"vcpus": 2}"#,
        path: "/containerProperties/vcpus",
        message: "`vcpus` is deprecated; give it in `resourceRequirements`",
        good: r#"{}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL701",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "1024"}]}}"#,
        path: "/containerProperties/resourceRequirements/1/value",
        message: "no Fargate size has 1 vCPU and 1024 MiB of memory",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL702",
        place: Place::Request,
        bad: r#"{"containerProperties": {"image": "app:1", "resourceRequirements": [{"type": "MEMORY", "value": "2048"}]}}"#,
        path: "/containerProperties/resourceRequirements",
        message: "the container gives no VCPU (in `resourceRequirements`), which Batch requires",
        good: r#"{"containerProperties": {"image": "app:1", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL703",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"resourceRequirements": [{"type": "GPU", "value": "1"}]}}"#,
        path: "/containerProperties/resourceRequirements/0/type",
        message: "GPUs are not available to jobs on Fargate",
        good: r#"{"platformCapabilities": ["EC2"], "containerProperties": {"resourceRequirements": [{"type": "GPU", "value": "1"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL704",
        place: Place::Request,
        bad: r#"{"type": "multinode", "platformCapabilities": ["FARGATE"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": []}}"#,
        path: "/type",
        message: "multinode parallel jobs cannot run on Fargate",
        good: r#"{"type": "multinode", "platformCapabilities": ["EC2"], "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": []}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL705",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"logConfiguration": {"logDriver": "fluentd"}}}"#,
        path: "/containerProperties/logConfiguration/logDriver",
        message: "log driver `fluentd` is not available on Fargate",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"logConfiguration": {"logDriver": "awslogs"}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL706",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"ulimits": [{"name": "nofile", "softLimit": 4096, "hardLimit": 8192}]}}"#,
        path: "/containerProperties/ulimits",
        message: "`ulimits` is not supported on Fargate",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL707",
        place: Place::Request,
        bad: r#"{"containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}}}"#,
        path: "/containerProperties/networkConfiguration",
        message: "`networkConfiguration` is only for Fargate jobs, and this job runs on EC2",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL708",
        place: Place::Request,
        bad: r#"{"type": "container", "containerProperties": {"instanceType": "c5.xlarge"}}"#,
        path: "/containerProperties/instanceType",
        message: "`instanceType` applies only to multinode jobs, and this is a single-node job",
        good: r#"{"type": "container", "containerProperties": {}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL710",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"fargatePlatformConfiguration": {"platformVersion": "1.3.0"}, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#,
        path: "/containerProperties/fargatePlatformConfiguration/platformVersion",
        message: "platform version `1.3.0` is too old for JSON-key or version selectors in Secrets Manager references, which need 1.4.0 or later",
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"fargatePlatformConfiguration": {"platformVersion": "LATEST"}, "secrets": [{"name": "P", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL711",
        place: Place::Container,
        bad: r#"{"logConfiguration": {"logDriver": "awslogs", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}"#,
        path: "/containerProperties/logConfiguration/secretOptions/0/name",
        message: "`splunk-token` is an option of the splunk log driver, but this container logs with `awslogs`",
        good: r#"{"logConfiguration": {"logDriver": "splunk", "secretOptions": [{"name": "splunk-token", "valueFrom": "/splunk/token"}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL712",
        place: Place::Request,
        bad: r#"{"containerProperties": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "ARM64"}}}"#,
        path: "/containerProperties/runtimePlatform/cpuArchitecture",
        message: "`cpuArchitecture` must be X86_64 for a Windows container",
        good: r#"{"containerProperties": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2019_CORE", "cpuArchitecture": "X86_64"}}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL713",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["FARGATE"], "ecsProperties": {"taskProperties": [{"executionRoleArn": "arn:aws:iam::123456789012:role/exec", "containers": [{"name": "app", "image": "app:1", "stopTimeout": 300}]}]}}"#,
        path: "/ecsProperties/taskProperties/0/containers/0/stopTimeout",
        message: "`stopTimeout` is 300 seconds; on Fargate it is at most 120",
        good: r#"{"platformCapabilities": ["FARGATE"], "ecsProperties": {"taskProperties": [{"executionRoleArn": "arn:aws:iam::123456789012:role/exec", "containers": [{"name": "app", "image": "app:1", "stopTimeout": 120}]}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL714",
        place: Place::Request,
        bad: r#"{"ecsProperties": {"taskProperties": [{"networkMode": "host", "containers": [{"name": "app", "image": "app:1"}]}]}}"#,
        path: "/ecsProperties/taskProperties/0/networkMode",
        message: "`networkMode` is only for jobs on ECS Managed Instances, and this job runs on EC2",
        good: r#"{"platformCapabilities": ["MANAGED_INSTANCES"], "ecsProperties": {"taskProperties": [{"networkMode": "host", "containers": [{"name": "app", "image": "app:1"}]}]}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL715",
        place: Place::Request,
        bad: r#"{"platformCapabilities": ["MANAGED_INSTANCES"], "containerProperties": {"image": "app:1"}}"#,
        path: "/containerProperties",
        message: "jobs on ECS Managed Instances take `ecsProperties`, not `containerProperties`",
        good: r#"{"platformCapabilities": ["MANAGED_INSTANCES"], "ecsProperties": {"taskProperties": [{"containers": [{"name": "app", "image": "app:1"}]}]}}"#,
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
