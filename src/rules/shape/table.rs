//! The Batch API shapes of a job definition, as static data.
//!
//! Members and enums follow the botocore model (`batch/2016-08-10`, as of botocore 1.44.8); `tests/shape_coverage.rs`
//! checks them against `tests/botocore_members.txt`. The model has almost no machine
//! constraints, so ranges, item counts and formats come from its documentation strings and
//! the Batch User Guide (see the `text` module for the string formats).

use super::cross;
use super::formats;

/// What one value must be (the element type, for a list or map member).
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Str,
    /// A 32-bit integer.
    Int,
    /// A 64-bit integer.
    Long,
    Bool,
    Enum(&'static Enum),
    Obj(&'static Shape),
}

/// Whether a member holds one value, a list of them or a map from strings to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coll {
    One,
    List,
    Map,
}

/// A string format check: `None` when `s` is fine, else what is wrong (one lowercase line).
pub type TextCheck = fn(&str) -> Option<String>;

/// The documented constraint on a member.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    None,
    /// An integer between the two bounds, inclusive.
    Range(i64, i64),
    /// A list (or map) with this many entries, inclusive.
    Items(u16, u16),
    /// A string (or each string of a list, or each value of a map) in this format.
    Text(TextCheck),
    /// The `tags` map: 1 to 50 entries, keys 1-128 characters without `aws:`, values up to 256.
    Tags,
}

#[derive(Debug)]
pub struct Enum {
    /// The botocore shape name.
    pub name: &'static str,
    pub values: &'static [&'static str],
    /// AWS documents some enums as case-insensitive (EvaluateOnExit `action`).
    pub any_case: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub name: &'static str,
    pub ty: Ty,
    pub coll: Coll,
    pub required: bool,
    pub limit: Limit,
}

/// Checks that involve several members of one object; called after its members are checked.
pub type CrossCheck = fn(&crate::input::Node<'_>, &crate::input::Path<'_>, &mut crate::diagnostic::Sink);

#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    pub members: &'static [Member],
    pub cross: Option<CrossCheck>,
}

impl Shape {
    pub fn member(&'static self, name: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.name == name)
    }
}

const fn m(name: &'static str, ty: Ty) -> Member {
    Member { name, ty, coll: Coll::One, required: false, limit: Limit::None }
}

const fn obj(name: &'static str, shape: &'static Shape) -> Member {
    m(name, Ty::Obj(shape))
}

impl Member {
    const fn req(mut self) -> Member {
        self.required = true;
        self
    }
    const fn list(mut self) -> Member {
        self.coll = Coll::List;
        self
    }
    const fn map(mut self) -> Member {
        self.coll = Coll::Map;
        self
    }
    const fn range(mut self, min: i64, max: i64) -> Member {
        self.limit = Limit::Range(min, max);
        self
    }
    const fn items(mut self, min: u16, max: u16) -> Member {
        self.limit = Limit::Items(min, max);
        self
    }
    const fn text(mut self, check: TextCheck) -> Member {
        self.limit = Limit::Text(check);
        self
    }
}

use Ty::{Bool, Int, Long, Str};

const I32_MAX: i64 = i32::MAX as i64;

// Enums (botocore).
pub static JOB_DEFINITION_TYPE: Enum =
    Enum { name: "JobDefinitionType", values: &["container", "multinode"], any_case: false };
pub static PLATFORM_CAPABILITY: Enum =
    Enum { name: "PlatformCapability", values: &["EC2", "FARGATE", "MANAGED_INSTANCES"], any_case: false };
pub static EFS_TRANSIT_ENCRYPTION: Enum =
    Enum { name: "EFSTransitEncryption", values: &["ENABLED", "DISABLED"], any_case: false };
pub static EFS_IAM: Enum =
    Enum { name: "EFSAuthorizationConfigIAM", values: &["ENABLED", "DISABLED"], any_case: false };
pub static RESOURCE_TYPE: Enum = Enum { name: "ResourceType", values: &["GPU", "VCPU", "MEMORY"], any_case: false };
pub static DEVICE_PERMISSION: Enum =
    Enum { name: "DeviceCgroupPermission", values: &["READ", "WRITE", "MKNOD"], any_case: false };
pub static LOG_DRIVER: Enum = Enum {
    name: "LogDriver",
    values: &["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"],
    any_case: false,
};
pub static ASSIGN_PUBLIC_IP: Enum = Enum { name: "AssignPublicIp", values: &["ENABLED", "DISABLED"], any_case: false };
pub static FIRELENS_TYPE: Enum =
    Enum { name: "FirelensConfigurationType", values: &["fluentd", "fluentbit"], any_case: false };
pub static ORCHESTRATION_TYPE: Enum = Enum { name: "OrchestrationType", values: &["ECS", "EKS"], any_case: false };
pub static EKS_SECCOMP_PROFILE_TYPE: Enum =
    Enum { name: "EksSeccompProfileType", values: &["RuntimeDefault", "Localhost", "Unconfined"], any_case: false };
/// "The values aren't case sensitive." (BM EvaluateOnExit.action)
pub static RETRY_ACTION: Enum = Enum { name: "RetryAction", values: &["RETRY", "EXIT"], any_case: true };

// Enums that botocore types as plain strings but the documentation lists (names are ours).
pub static IPC_MODE: Enum = Enum { name: "doc:IpcMode", values: &["host", "task", "none"], any_case: false };
pub static PID_MODE: Enum = Enum { name: "doc:PidMode", values: &["host", "task"], any_case: false };
pub static DEPENDENCY_CONDITION: Enum =
    Enum { name: "doc:ContainerCondition", values: &["START", "COMPLETE", "SUCCESS"], any_case: false };
pub static DNS_POLICY: Enum =
    Enum { name: "doc:DnsPolicy", values: &["Default", "ClusterFirst", "ClusterFirstWithHostNet"], any_case: false };
pub static IMAGE_PULL_POLICY: Enum =
    Enum { name: "doc:ImagePullPolicy", values: &["Always", "IfNotPresent", "Never"], any_case: false };
pub static ULIMIT_NAME: Enum = Enum {
    name: "doc:UlimitName",
    values: &[
        "core",
        "cpu",
        "data",
        "fsize",
        "locks",
        "memlock",
        "msgqueue",
        "nice",
        "nofile",
        "nproc",
        "rss",
        "rtprio",
        "rttime",
        "sigpending",
        "stack",
    ],
    any_case: false,
};
pub static CPU_ARCHITECTURE: Enum = Enum { name: "doc:CpuArchitecture", values: &["X86_64", "ARM64"], any_case: false };
/// `EcsTaskProperties.networkMode`: "Valid values: host" (Amazon ECS Managed Instances only).
pub static NETWORK_MODE: Enum = Enum { name: "doc:NetworkMode", values: &["host"], any_case: false };

/// The botocore enums, for the coverage test.
pub static MODELED_ENUMS: &[&Enum] = &[
    &JOB_DEFINITION_TYPE,
    &PLATFORM_CAPABILITY,
    &EFS_TRANSIT_ENCRYPTION,
    &EFS_IAM,
    &RESOURCE_TYPE,
    &DEVICE_PERMISSION,
    &LOG_DRIVER,
    &ASSIGN_PUBLIC_IP,
    &FIRELENS_TYPE,
    &ORCHESTRATION_TYPE,
    &RETRY_ACTION,
    &EKS_SECCOMP_PROFILE_TYPE,
];

// Members shared by several shapes.
const JOB_DEFINITION_NAME: Member = m("jobDefinitionName", Str).req().text(formats::job_definition_name);
const SCHEDULING_PRIORITY: Member = m("schedulingPriority", Int).range(0, 9999);
const PARAMETERS: Member = m("parameters", Str).map();
const TAGS: Member = Member { limit: Limit::Tags, ..m("tags", Str).map() };
const PLATFORM_CAPABILITIES: Member = m("platformCapabilities", Ty::Enum(&PLATFORM_CAPABILITY)).list();
const EPHEMERAL: Member = obj("ephemeralStorage", &EPHEMERAL_STORAGE);
const NETWORK: Member = obj("networkConfiguration", &NETWORK_CONFIGURATION);
const RUNTIME: Member = obj("runtimePlatform", &RUNTIME_PLATFORM);
const VOLUMES: Member = obj("volumes", &VOLUME).list();
const ENVIRONMENT: Member = obj("environment", &KEY_VALUE_PAIR).list();
const MOUNT_POINTS: Member = obj("mountPoints", &MOUNT_POINT).list();
const ULIMITS: Member = obj("ulimits", &ULIMIT).list();
const RESOURCES: Member = obj("resourceRequirements", &RESOURCE_REQUIREMENT).list();
const LINUX: Member = obj("linuxParameters", &LINUX_PARAMETERS);
const LOG: Member = obj("logConfiguration", &LOG_CONFIGURATION);
const SECRETS: Member = obj("secrets", &SECRET).list();
const REPOSITORY: Member = obj("repositoryCredentials", &REPOSITORY_CREDENTIALS);
const COMMAND: Member = m("command", Str).list();
const ECS: Member = obj("ecsProperties", &ECS_PROPERTIES);
const EKS: Member = obj("eksProperties", &EKS_PROPERTIES);
const CONSUMABLE: Member = obj("consumableResourceProperties", &CONSUMABLE_RESOURCE_PROPERTIES);
const CONTAINER: Member = obj("containerProperties", &CONTAINER_PROPERTIES);
const NODES: Member = obj("nodeProperties", &NODE_PROPERTIES);
const RETRY: Member = obj("retryStrategy", &RETRY_STRATEGY);
const TIMEOUT: Member = obj("timeout", &JOB_TIMEOUT);
const PROPAGATE_TAGS: Member = m("propagateTags", Bool);

pub static REGISTER_JOB_DEFINITION_REQUEST: Shape = Shape {
    name: "RegisterJobDefinitionRequest",
    members: &[
        JOB_DEFINITION_NAME,
        m("type", Ty::Enum(&JOB_DEFINITION_TYPE)).req(),
        PARAMETERS,
        SCHEDULING_PRIORITY,
        CONTAINER,
        NODES,
        RETRY,
        PROPAGATE_TAGS,
        TIMEOUT,
        TAGS,
        PLATFORM_CAPABILITIES,
        EKS,
        ECS,
        CONSUMABLE,
    ],
    cross: Some(cross::job_definition),
};

pub static JOB_DEFINITION: Shape = Shape {
    name: "JobDefinition",
    members: &[
        JOB_DEFINITION_NAME,
        m("jobDefinitionArn", Str).req(),
        m("revision", Int).req().range(1, I32_MAX),
        m("status", Str),
        m("type", Str).req(),
        SCHEDULING_PRIORITY,
        PARAMETERS,
        RETRY,
        CONTAINER,
        TIMEOUT,
        NODES,
        TAGS,
        PROPAGATE_TAGS,
        PLATFORM_CAPABILITIES,
        ECS,
        EKS,
        m("containerOrchestrationType", Ty::Enum(&ORCHESTRATION_TYPE)),
        CONSUMABLE,
    ],
    cross: Some(cross::job_definition),
};

pub static CONTAINER_PROPERTIES: Shape = Shape {
    name: "ContainerProperties",
    members: &[
        m("image", Str).text(formats::image),
        m("vcpus", Int).range(1, I32_MAX),
        m("memory", Int).range(4, I32_MAX),
        COMMAND,
        m("jobRoleArn", Str),
        m("executionRoleArn", Str),
        VOLUMES,
        ENVIRONMENT,
        MOUNT_POINTS,
        m("readonlyRootFilesystem", Bool),
        m("privileged", Bool),
        ULIMITS,
        m("user", Str),
        m("instanceType", Str),
        RESOURCES,
        LINUX,
        LOG,
        SECRETS,
        NETWORK,
        obj("fargatePlatformConfiguration", &FARGATE_PLATFORM_CONFIGURATION),
        m("enableExecuteCommand", Bool),
        EPHEMERAL,
        RUNTIME,
        REPOSITORY,
    ],
    cross: None,
};

pub static VOLUME: Shape = Shape {
    name: "Volume",
    members: &[
        obj("host", &HOST),
        m("name", Str).text(formats::volume_name),
        obj("efsVolumeConfiguration", &EFS_VOLUME_CONFIGURATION),
        obj("s3filesVolumeConfiguration", &S3_FILES_VOLUME_CONFIGURATION),
    ],
    cross: None,
};

pub static HOST: Shape = Shape { name: "Host", members: &[m("sourcePath", Str)], cross: None };

const TRANSIT_ENCRYPTION_PORT: Member = m("transitEncryptionPort", Int).range(0, 65535);

pub static EFS_VOLUME_CONFIGURATION: Shape = Shape {
    name: "EFSVolumeConfiguration",
    members: &[
        m("fileSystemId", Str).req(),
        m("rootDirectory", Str).text(formats::root_directory),
        m("transitEncryption", Ty::Enum(&EFS_TRANSIT_ENCRYPTION)),
        TRANSIT_ENCRYPTION_PORT,
        obj("authorizationConfig", &EFS_AUTHORIZATION_CONFIG),
    ],
    cross: Some(cross::efs_volume),
};

pub static EFS_AUTHORIZATION_CONFIG: Shape = Shape {
    name: "EFSAuthorizationConfig",
    members: &[m("accessPointId", Str), m("iam", Ty::Enum(&EFS_IAM))],
    cross: None,
};

pub static S3_FILES_VOLUME_CONFIGURATION: Shape = Shape {
    name: "S3FilesVolumeConfiguration",
    members: &[
        m("fileSystemArn", Str).req(),
        m("rootDirectory", Str),
        TRANSIT_ENCRYPTION_PORT,
        m("accessPointArn", Str),
    ],
    cross: None,
};

pub static KEY_VALUE_PAIR: Shape =
    Shape { name: "KeyValuePair", members: &[m("name", Str), m("value", Str)], cross: None };

pub static MOUNT_POINT: Shape = Shape {
    name: "MountPoint",
    members: &[m("containerPath", Str), m("readOnly", Bool), m("sourceVolume", Str)],
    cross: None,
};

pub static ULIMIT: Shape = Shape {
    name: "Ulimit",
    members: &[m("hardLimit", Int).req(), m("name", Ty::Enum(&ULIMIT_NAME)).req(), m("softLimit", Int).req()],
    cross: None,
};

pub static RESOURCE_REQUIREMENT: Shape = Shape {
    name: "ResourceRequirement",
    members: &[m("value", Str).req(), m("type", Ty::Enum(&RESOURCE_TYPE)).req()],
    cross: Some(cross::resource_requirement),
};

pub static LINUX_PARAMETERS: Shape = Shape {
    name: "LinuxParameters",
    members: &[
        obj("devices", &DEVICE).list(),
        m("initProcessEnabled", Bool),
        m("sharedMemorySize", Int).range(0, I32_MAX),
        obj("tmpfs", &TMPFS).list(),
        m("maxSwap", Int).range(0, I32_MAX),
        m("swappiness", Int).range(0, 100),
    ],
    cross: None,
};

pub static DEVICE: Shape = Shape {
    name: "Device",
    members: &[
        m("hostPath", Str).req(),
        m("containerPath", Str),
        m("permissions", Ty::Enum(&DEVICE_PERMISSION)).list(),
    ],
    cross: None,
};

pub static TMPFS: Shape = Shape {
    name: "Tmpfs",
    members: &[
        m("containerPath", Str).req(),
        m("size", Int).req().range(1, I32_MAX),
        m("mountOptions", Str).list().text(formats::tmpfs_mount_option),
    ],
    cross: None,
};

pub static LOG_CONFIGURATION: Shape = Shape {
    name: "LogConfiguration",
    members: &[
        m("logDriver", Ty::Enum(&LOG_DRIVER)).req(),
        m("options", Str).map(),
        obj("secretOptions", &SECRET).list(),
    ],
    cross: None,
};

pub static SECRET: Shape =
    Shape { name: "Secret", members: &[m("name", Str).req(), m("valueFrom", Str).req()], cross: None };

pub static NETWORK_CONFIGURATION: Shape =
    Shape { name: "NetworkConfiguration", members: &[m("assignPublicIp", Ty::Enum(&ASSIGN_PUBLIC_IP))], cross: None };

pub static FARGATE_PLATFORM_CONFIGURATION: Shape =
    Shape { name: "FargatePlatformConfiguration", members: &[m("platformVersion", Str)], cross: None };

pub static EPHEMERAL_STORAGE: Shape =
    Shape { name: "EphemeralStorage", members: &[m("sizeInGiB", Int).req().range(21, 200)], cross: None };

pub static RUNTIME_PLATFORM: Shape = Shape {
    name: "RuntimePlatform",
    members: &[m("operatingSystemFamily", Str), m("cpuArchitecture", Ty::Enum(&CPU_ARCHITECTURE))],
    cross: None,
};

pub static REPOSITORY_CREDENTIALS: Shape =
    Shape { name: "RepositoryCredentials", members: &[m("credentialsParameter", Str).req()], cross: None };

pub static NODE_PROPERTIES: Shape = Shape {
    name: "NodeProperties",
    members: &[
        m("numNodes", Int).req().range(1, I32_MAX),
        m("mainNode", Int).req().range(0, I32_MAX),
        obj("nodeRangeProperties", &NODE_RANGE_PROPERTY).req().list().items(1, u16::MAX),
    ],
    cross: Some(cross::node_properties),
};

pub static NODE_RANGE_PROPERTY: Shape = Shape {
    name: "NodeRangeProperty",
    members: &[
        m("targetNodes", Str).req(),
        obj("container", &CONTAINER_PROPERTIES),
        m("instanceTypes", Str).list().items(1, 1),
        ECS,
        EKS,
        CONSUMABLE,
    ],
    cross: None,
};

pub static ECS_PROPERTIES: Shape = Shape {
    name: "EcsProperties",
    members: &[obj("taskProperties", &ECS_TASK_PROPERTIES).req().list().items(1, 1)],
    cross: None,
};

pub static ECS_TASK_PROPERTIES: Shape = Shape {
    name: "EcsTaskProperties",
    members: &[
        obj("containers", &TASK_CONTAINER_PROPERTIES).req().list().items(1, 10),
        EPHEMERAL,
        m("executionRoleArn", Str),
        m("platformVersion", Str),
        m("ipcMode", Ty::Enum(&IPC_MODE)),
        m("taskRoleArn", Str),
        m("pidMode", Ty::Enum(&PID_MODE)),
        NETWORK,
        RUNTIME,
        VOLUMES,
        m("enableExecuteCommand", Bool),
        m("networkMode", Ty::Enum(&NETWORK_MODE)),
    ],
    cross: None,
};

const CONTAINER_TIMEOUT_MIN: i64 = 2;

pub static TASK_CONTAINER_PROPERTIES: Shape = Shape {
    name: "TaskContainerProperties",
    members: &[
        COMMAND,
        obj("dependsOn", &TASK_CONTAINER_DEPENDENCY).list(),
        ENVIRONMENT,
        m("essential", Bool),
        obj("firelensConfiguration", &FIRELENS_CONFIGURATION),
        m("image", Str).req().text(formats::image),
        LINUX,
        LOG,
        MOUNT_POINTS,
        m("name", Str),
        m("privileged", Bool),
        m("readonlyRootFilesystem", Bool),
        REPOSITORY,
        RESOURCES,
        SECRETS,
        ULIMITS,
        m("user", Str),
        m("startTimeout", Int).range(CONTAINER_TIMEOUT_MIN, I32_MAX),
        m("stopTimeout", Int).range(CONTAINER_TIMEOUT_MIN, I32_MAX),
    ],
    cross: None,
};

pub static TASK_CONTAINER_DEPENDENCY: Shape = Shape {
    name: "TaskContainerDependency",
    members: &[m("containerName", Str), m("condition", Ty::Enum(&DEPENDENCY_CONDITION))],
    cross: None,
};

pub static FIRELENS_CONFIGURATION: Shape = Shape {
    name: "FirelensConfiguration",
    members: &[m("type", Ty::Enum(&FIRELENS_TYPE)).req(), m("options", Str).map()],
    cross: None,
};

pub static EKS_PROPERTIES: Shape =
    Shape { name: "EksProperties", members: &[obj("podProperties", &EKS_POD_PROPERTIES)], cross: None };

pub static EKS_POD_PROPERTIES: Shape = Shape {
    name: "EksPodProperties",
    members: &[
        m("serviceAccountName", Str),
        m("hostNetwork", Bool),
        m("dnsPolicy", Ty::Enum(&DNS_POLICY)),
        obj("imagePullSecrets", &IMAGE_PULL_SECRET).list(),
        obj("containers", &EKS_CONTAINER).list().items(0, 10),
        obj("initContainers", &EKS_CONTAINER).list().items(0, 10),
        obj("volumes", &EKS_VOLUME).list(),
        obj("metadata", &EKS_METADATA),
        m("shareProcessNamespace", Bool),
        obj("securityContext", &EKS_POD_SECURITY_CONTEXT),
    ],
    cross: None,
};

pub static IMAGE_PULL_SECRET: Shape = Shape {
    name: "ImagePullSecret",
    members: &[m("name", Str).req().text(formats::image_pull_secret_name)],
    cross: None,
};

pub static EKS_CONTAINER: Shape = Shape {
    name: "EksContainer",
    members: &[
        m("name", Str),
        m("image", Str).req(),
        m("imagePullPolicy", Ty::Enum(&IMAGE_PULL_POLICY)),
        COMMAND,
        m("args", Str).list(),
        obj("env", &EKS_CONTAINER_ENVIRONMENT_VARIABLE).list(),
        obj("resources", &EKS_CONTAINER_RESOURCE_REQUIREMENTS),
        obj("volumeMounts", &EKS_CONTAINER_VOLUME_MOUNT).list(),
        obj("securityContext", &EKS_CONTAINER_SECURITY_CONTEXT),
    ],
    cross: None,
};

pub static EKS_CONTAINER_ENVIRONMENT_VARIABLE: Shape =
    Shape { name: "EksContainerEnvironmentVariable", members: &[m("name", Str).req(), m("value", Str)], cross: None };

pub static EKS_CONTAINER_RESOURCE_REQUIREMENTS: Shape = Shape {
    name: "EksContainerResourceRequirements",
    members: &[m("limits", Str).map().text(formats::quantity), m("requests", Str).map().text(formats::quantity)],
    cross: None,
};

pub static EKS_CONTAINER_VOLUME_MOUNT: Shape = Shape {
    name: "EksContainerVolumeMount",
    members: &[m("name", Str), m("mountPath", Str), m("subPath", Str), m("readOnly", Bool)],
    cross: None,
};

/// "The supported value range is 0 through 2147483647" (user and group IDs).
const EKS_RUN_AS_USER: Member = m("runAsUser", Long).range(0, I32_MAX);
const EKS_RUN_AS_GROUP: Member = m("runAsGroup", Long).range(0, I32_MAX);
const EKS_SECCOMP: Member = obj("seccompProfile", &EKS_SECCOMP_PROFILE);

pub static EKS_CONTAINER_SECURITY_CONTEXT: Shape = Shape {
    name: "EksContainerSecurityContext",
    members: &[
        EKS_RUN_AS_USER,
        EKS_RUN_AS_GROUP,
        m("privileged", Bool),
        m("allowPrivilegeEscalation", Bool),
        m("readOnlyRootFilesystem", Bool),
        m("runAsNonRoot", Bool),
        obj("capabilities", &EKS_CONTAINER_LINUX_CAPABILITIES),
        EKS_SECCOMP,
    ],
    cross: None,
};

/// "This parameter contains up to 64 values."
pub static EKS_CONTAINER_LINUX_CAPABILITIES: Shape = Shape {
    name: "EksContainerLinuxCapabilities",
    members: &[m("add", Str).list().items(0, 64), m("drop", Str).list().items(0, 64)],
    cross: None,
};

pub static EKS_POD_SECURITY_CONTEXT: Shape = Shape {
    name: "EksPodSecurityContext",
    members: &[
        EKS_RUN_AS_USER,
        EKS_RUN_AS_GROUP,
        m("runAsNonRoot", Bool),
        EKS_SECCOMP,
        m("fsGroup", Long).range(0, I32_MAX),
    ],
    cross: None,
};

pub static EKS_SECCOMP_PROFILE: Shape = Shape {
    name: "EksSeccompProfile",
    members: &[
        m("type", Ty::Enum(&EKS_SECCOMP_PROFILE_TYPE)).req(),
        m("localhostProfile", Str).text(formats::seccomp_localhost_profile),
    ],
    cross: Some(cross::seccomp_profile),
};

pub static EKS_VOLUME: Shape = Shape {
    name: "EksVolume",
    members: &[
        m("name", Str).req(),
        obj("hostPath", &EKS_HOST_PATH),
        obj("emptyDir", &EKS_EMPTY_DIR),
        obj("secret", &EKS_SECRET),
        obj("persistentVolumeClaim", &EKS_PERSISTENT_VOLUME_CLAIM),
    ],
    cross: None,
};

pub static EKS_HOST_PATH: Shape = Shape { name: "EksHostPath", members: &[m("path", Str)], cross: None };

pub static EKS_EMPTY_DIR: Shape = Shape {
    name: "EksEmptyDir",
    members: &[m("medium", Str), m("sizeLimit", Str).text(formats::quantity)],
    cross: None,
};

pub static EKS_SECRET: Shape =
    Shape { name: "EksSecret", members: &[m("secretName", Str).req(), m("optional", Bool)], cross: None };

pub static EKS_PERSISTENT_VOLUME_CLAIM: Shape =
    Shape { name: "EksPersistentVolumeClaim", members: &[m("claimName", Str).req(), m("readOnly", Bool)], cross: None };

pub static EKS_METADATA: Shape = Shape {
    name: "EksMetadata",
    members: &[m("labels", Str).map(), m("annotations", Str).map(), m("namespace", Str).text(formats::eks_namespace)],
    cross: None,
};

pub static CONSUMABLE_RESOURCE_PROPERTIES: Shape = Shape {
    name: "ConsumableResourceProperties",
    members: &[obj("consumableResourceList", &CONSUMABLE_RESOURCE_REQUIREMENT).list()],
    cross: None,
};

pub static CONSUMABLE_RESOURCE_REQUIREMENT: Shape = Shape {
    name: "ConsumableResourceRequirement",
    members: &[m("consumableResource", Str), m("quantity", Long)],
    cross: None,
};

pub static RETRY_STRATEGY: Shape = Shape {
    name: "RetryStrategy",
    members: &[m("attempts", Int).range(1, 10), obj("evaluateOnExit", &EVALUATE_ON_EXIT).list().items(0, 5)],
    cross: Some(cross::retry_strategy),
};

pub static EVALUATE_ON_EXIT: Shape = Shape {
    name: "EvaluateOnExit",
    members: &[
        m("onStatusReason", Str).text(formats::reason_glob),
        m("onReason", Str).text(formats::reason_glob),
        m("onExitCode", Str).text(formats::exit_code_glob),
        m("action", Ty::Enum(&RETRY_ACTION)).req(),
    ],
    cross: None,
};

pub static JOB_TIMEOUT: Shape =
    Shape { name: "JobTimeout", members: &[m("attemptDurationSeconds", Int).range(60, I32_MAX)], cross: None };

/// Every structure, for the coverage test and `members()`.
pub static ALL: &[&Shape] = &[
    &REGISTER_JOB_DEFINITION_REQUEST,
    &JOB_DEFINITION,
    &CONTAINER_PROPERTIES,
    &VOLUME,
    &HOST,
    &EFS_VOLUME_CONFIGURATION,
    &EFS_AUTHORIZATION_CONFIG,
    &S3_FILES_VOLUME_CONFIGURATION,
    &KEY_VALUE_PAIR,
    &MOUNT_POINT,
    &ULIMIT,
    &RESOURCE_REQUIREMENT,
    &LINUX_PARAMETERS,
    &DEVICE,
    &TMPFS,
    &LOG_CONFIGURATION,
    &SECRET,
    &NETWORK_CONFIGURATION,
    &FARGATE_PLATFORM_CONFIGURATION,
    &EPHEMERAL_STORAGE,
    &RUNTIME_PLATFORM,
    &REPOSITORY_CREDENTIALS,
    &NODE_PROPERTIES,
    &NODE_RANGE_PROPERTY,
    &ECS_PROPERTIES,
    &ECS_TASK_PROPERTIES,
    &TASK_CONTAINER_PROPERTIES,
    &TASK_CONTAINER_DEPENDENCY,
    &FIRELENS_CONFIGURATION,
    &EKS_PROPERTIES,
    &EKS_POD_PROPERTIES,
    &IMAGE_PULL_SECRET,
    &EKS_CONTAINER,
    &EKS_CONTAINER_ENVIRONMENT_VARIABLE,
    &EKS_CONTAINER_RESOURCE_REQUIREMENTS,
    &EKS_CONTAINER_VOLUME_MOUNT,
    &EKS_CONTAINER_SECURITY_CONTEXT,
    &EKS_CONTAINER_LINUX_CAPABILITIES,
    &EKS_POD_SECURITY_CONTEXT,
    &EKS_SECCOMP_PROFILE,
    &EKS_VOLUME,
    &EKS_HOST_PATH,
    &EKS_EMPTY_DIR,
    &EKS_SECRET,
    &EKS_PERSISTENT_VOLUME_CLAIM,
    &EKS_METADATA,
    &CONSUMABLE_RESOURCE_PROPERTIES,
    &CONSUMABLE_RESOURCE_REQUIREMENT,
    &RETRY_STRATEGY,
    &EVALUATE_ON_EXIT,
    &JOB_TIMEOUT,
];
