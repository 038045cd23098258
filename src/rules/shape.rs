//! The structure of a job definition against the Batch API shapes (`src/shape/`).

use super::{Family, Rule};
use crate::diagnostic::Severity;

pub static UNKNOWN_MEMBER: Rule = Rule {
    code: "BL201",
    name: "unknown-member",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "an object has a member the Batch API does not define",
    help: "Remove the member or fix its spelling. Member names are case-sensitive camelCase, as in the RegisterJobDefinition API reference.",
    why: "The AWS CLI and SDKs reject unknown parameters before sending the request (`Unknown parameter in containerProperties: \"containerProperty\"`); tools that skip client-side validation send it and the setting is silently lost.",
    bad: super::example!(r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperty": {"image": "busybox"}}"#),
    good: super::example!(r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {"image": "busybox"}}"#),
};

pub static WRONG_TYPE: Rule = Rule {
    code: "BL202",
    name: "wrong-type",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a value has the wrong JSON type",
    help: "Give the type the API expects: numbers without quotes for integers, `true`/`false` for booleans, quoted text for strings.",
    why: "The AWS CLI fails with `Invalid type for parameter` before sending the request, and the service answers ClientException for the same mismatch. `ResourceRequirement.value` is the common trap: it is a string even though it holds a number.",
    bad: super::example!(r#"{"containerProperties": {"image": "busybox", "memory": "2048", "resourceRequirements": [{"type": "VCPU", "value": 1}]}}"#),
    good: super::example!(r#"{"containerProperties": {"image": "busybox", "memory": 2048, "resourceRequirements": [{"type": "VCPU", "value": "1"}]}}"#),
};

pub static ARRAY_INSTEAD_OF_OBJECT: Rule = Rule {
    code: "BL203",
    name: "array-instead-of-object",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "an object is wrapped in an array",
    help: "Batch takes one object here, not an array: remove the `[` and `]`.",
    why: "Some AWS Batch User Guide examples show `\"containerProperties\": [{...}]` and `\"logConfiguration\": [{...}]`; copied as is, registration fails with `Invalid type for parameter containerProperties, value: [...], type: <class 'list'>, valid types: <class 'dict'>`.",
    bad: super::example!(r#"{"containerProperties": [{"image": "busybox", "logConfiguration": [{"logDriver": "awslogs"}]}]}"#),
    good: super::example!(r#"{"containerProperties": {"image": "busybox", "logConfiguration": {"logDriver": "awslogs"}}}"#),
};

pub static MISSING_REQUIRED_MEMBER: Rule = Rule {
    code: "BL204",
    name: "missing-required-member",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "an object lacks a member the API requires",
    help: "Add the missing member.",
    why: "The AWS CLI fails with `Missing required parameter` and the API with ClientException; nothing is registered.",
    bad: super::example!(r#"{"containerProperties": {"image": "busybox", "secrets": [{"name": "DB_PASSWORD"}]}}"#),
    good: super::example!(r#"{"containerProperties": {"image": "busybox", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#),
};

pub static INVALID_ENUM_VALUE: Rule = Rule {
    code: "BL205",
    name: "invalid-enum-value",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a value is not one of the values the API allows",
    help: "Use one of the allowed values, spelled exactly (enum values are case-sensitive, except EvaluateOnExit `action`).",
    why: "The service rejects the request with ClientException. Case matters: `fargate` is not `FARGATE`.",
    bad: super::example!(
        r#"{"platformCapabilities": ["fargate"], "containerProperties": {"image": "busybox", "logConfiguration": {"logDriver": "cloudwatch"}}}"#
    ),
    good: super::example!(
        r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "busybox", "logConfiguration": {"logDriver": "awslogs"}}}"#
    ),
};

pub static VALUE_OUT_OF_RANGE: Rule = Rule {
    code: "BL206",
    name: "value-out-of-range",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a number is outside the documented range",
    help: "Use a value inside the range the API documents for this member.",
    why: "Batch rejects out-of-range values at registration: retryStrategy.attempts is 1-10, timeout.attemptDurationSeconds at least 60, schedulingPriority 0-9999, ephemeralStorage.sizeInGiB 21-200, swappiness 0-100 (RegisterJobDefinition API reference).",
    bad: super::example!(r#"{"retryStrategy": {"attempts": 0}, "timeout": {"attemptDurationSeconds": 30}}"#),
    good: super::example!(r#"{"retryStrategy": {"attempts": 3}, "timeout": {"attemptDurationSeconds": 600}}"#),
};

pub static INVALID_FORMAT: Rule = Rule {
    code: "BL207",
    name: "invalid-format",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a string does not have the documented format or length",
    help: "Change the value to the documented format.",
    why: "Names, globs and quantities have documented character sets and lengths (jobDefinitionName: up to 128 letters, digits, `-` and `_`; onExitCode: digits with an optional final `*`); Batch rejects other values at registration, or the pattern never matches at run time.",
    bad: super::example!(r#"{"jobDefinitionName": "nightly job", "retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1-9", "action": "RETRY"}]}}"#),
    good: super::example!(r#"{"jobDefinitionName": "nightly-job", "retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1*", "action": "RETRY"}]}}"#),
};

pub static TOO_MANY_ITEMS: Rule = Rule {
    code: "BL208",
    name: "too-many-items",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a list or map has more entries than the API allows",
    help: "Remove entries until the list is within the documented limit.",
    why: "Documented limits: 5 evaluateOnExit entries, 1 ecsProperties task, 10 containers per task, 10 EKS containers and init containers, 1 instance type, 50 tags. Batch rejects a definition over them.",
    bad: super::example!(r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}]}, {"containers": [{"image": "b"}]}]}}"#),
    good: super::example!(r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}, {"image": "b"}]}]}}"#),
};

pub static TOO_FEW_ITEMS: Rule = Rule {
    code: "BL209",
    name: "too-few-items",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a list or map that must have entries is empty",
    help: "Add the entries the API needs, or remove the member if it is optional.",
    why: "`taskProperties` needs its one task, a task at least one container, `nodeRangeProperties` at least one range and `tags`, when given, at least one tag; Batch rejects an empty list there.",
    bad: super::example!(r#"{"ecsProperties": {"taskProperties": []}}"#),
    good: super::example!(r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "busybox"}]}]}}"#),
};

pub static JOB_DEFINITION_TOO_LARGE: Rule = Rule {
    code: "BL210",
    name: "job-definition-too-large",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "the job definition is larger than the 24 KiB quota",
    help: "Shrink the job definition below 24,576 bytes: move long commands into the image or a script, and large environment values into SSM parameters referenced from `secrets`.",
    why: "The maximum size of a job definition is 24 KiB, a quota that cannot be raised (AWS Batch service quotas); RegisterJobDefinition fails over it. batchlint measures the JSON without insignificant white space.",
    bad: super::example!(r#"{"jobDefinitionName": "big", "type": "container", "containerProperties": {"image": "busybox", "command": ["... 25,000 bytes of script ..."]}}"#),
    good: super::example!(r#"{"jobDefinitionName": "big", "type": "container", "containerProperties": {"image": "my-image-with-the-script", "command": ["/run.sh"]}}"#),
};

pub static MISSING_JOB_PROPERTIES: Rule = Rule {
    code: "BL211",
    name: "missing-job-properties",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "the job definition has no properties for its `type`",
    help: "For `type: container` give one of `containerProperties`, `ecsProperties` or `eksProperties`; for `type: multinode` give `nodeProperties`.",
    why: "The API reference: \"If the value is container, then one of the following is required: containerProperties, ecsProperties, or eksProperties. If the value is multinode, then nodeProperties is required.\"",
    bad: super::example!(r#"{"jobDefinitionName": "nightly", "type": "multinode", "containerProperties": {"image": "busybox"}}"#),
    good: super::example!(r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {"image": "busybox"}}"#),
};

pub static CONFLICTING_JOB_PROPERTIES: Rule = Rule {
    code: "BL212",
    name: "conflicting-job-properties",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "the job definition has properties for more than one kind of job",
    help: "Keep only the properties for the kind of job you want: `containerProperties` (ECS single container), `ecsProperties` (ECS multi-container), `eksProperties` (EKS), or `nodeProperties` with `type: multinode`.",
    why: "`containerProperties`, `ecsProperties` and `eksProperties` exclude each other (\"must not be specified for Amazon EKS-based job definitions\", and the reverse), and a multinode job takes its containers from `nodeProperties`.",
    bad: super::example!(r#"{"type": "container", "containerProperties": {"image": "busybox"}, "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#),
    good: super::example!(r#"{"type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#),
};

pub static INVALID_NODE_RANGE: Rule = Rule {
    code: "BL213",
    name: "invalid-node-range",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a multi-node node index or range does not fit the number of nodes",
    help: "Node indexes run from 0 to `numNodes` - 1. Write `targetNodes` as `start:end`, `:end` or `start:`, and keep `mainNode` below `numNodes`.",
    why: "The API reference: `mainNode` \"must be fewer than the number of nodes\"; `targetNodes` is a range of node indexes (`0:3`, `:n`, `n:`). Batch rejects a definition whose indexes point past the last node.",
    bad: super::example!(r#"{"type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 2, "nodeRangeProperties": [{"targetNodes": "0-1", "container": {"image": "busybox"}}]}}"#),
    good: super::example!(r#"{"type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [{"targetNodes": "0:1", "container": {"image": "busybox"}}]}}"#),
};

pub static EVALUATE_ON_EXIT_WITHOUT_ATTEMPTS: Rule = Rule {
    code: "BL214",
    name: "evaluate-on-exit-without-attempts",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "a retry strategy has `evaluateOnExit` without `attempts`",
    help: "Add `attempts` (1 to 10) to the retry strategy.",
    why: "The API reference for RetryStrategy.evaluateOnExit: \"If this parameter is specified, then the attempts parameter must also be specified.\"",
    bad: super::example!(r#"{"retryStrategy": {"evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}}"#),
    good: super::example!(r#"{"retryStrategy": {"attempts": 3, "evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}}"#),
};

pub static NOT_ALLOWED_FOR_EKS: Rule = Rule {
    code: "BL215",
    name: "not-allowed-for-eks",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "an EKS job definition sets a member that only ECS job definitions take",
    help: "Remove the member: EKS job definitions take neither `platformCapabilities` nor `propagateTags`.",
    why: "The API reference for both members: \"If the job runs on Amazon EKS resources, then you must not specify\" them.",
    bad: super::example!(
        r#"{"type": "container", "platformCapabilities": ["EC2"], "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#
    ),
    good: super::example!(r#"{"type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#),
};

pub static EFS_TRANSIT_ENCRYPTION_REQUIRED: Rule = Rule {
    code: "BL216",
    name: "efs-transit-encryption-required",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "an EFS access point or IAM authorization is used without transit encryption",
    help: "Set `transitEncryption` to `ENABLED` in the `efsVolumeConfiguration`.",
    why: "The API reference: \"If an access point is used, transit encryption must be enabled\" and \"EFS IAM authorization requires that TransitEncryption be ENABLED\"; without it the volume cannot be mounted.",
    bad: super::example!(r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0", "iam": "ENABLED"}}}"#),
    good: super::example!(r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0", "iam": "ENABLED"}}}"#),
};

pub static EFS_ACCESS_POINT_ROOT_DIRECTORY: Rule = Rule {
    code: "BL217",
    name: "efs-access-point-root-directory",
    family: Family::Shape,
    severity: Severity::Error,
    summary: "an EFS volume sets a root directory as well as an access point",
    help: "Omit `rootDirectory` (or set it to `/`) and set the path on the EFS access point instead.",
    why: "The API reference: \"If an EFS access point is specified in the authorizationConfig, the root directory parameter must either be omitted or set to /, which enforces the path set on the Amazon EFS access point.\"",
    bad: super::example!(r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "rootDirectory": "/data", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0"}}}"#),
    good: super::example!(r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0"}}}"#),
};

pub static RULES: &[&Rule] = &[
    &UNKNOWN_MEMBER,
    &WRONG_TYPE,
    &ARRAY_INSTEAD_OF_OBJECT,
    &MISSING_REQUIRED_MEMBER,
    &INVALID_ENUM_VALUE,
    &VALUE_OUT_OF_RANGE,
    &INVALID_FORMAT,
    &TOO_MANY_ITEMS,
    &TOO_FEW_ITEMS,
    &JOB_DEFINITION_TOO_LARGE,
    &MISSING_JOB_PROPERTIES,
    &CONFLICTING_JOB_PROPERTIES,
    &INVALID_NODE_RANGE,
    &EVALUATE_ON_EXIT_WITHOUT_ATTEMPTS,
    &NOT_ALLOWED_FOR_EKS,
    &EFS_TRANSIT_ENCRYPTION_REQUIRED,
    &EFS_ACCESS_POINT_ROOT_DIRECTORY,
];
