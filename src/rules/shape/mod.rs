//! Structure of the job definition (BL2xx): validation against the Batch API shapes.
//!
//! `table` holds the shapes as static data, `walker` walks a job definition once against
//! them, `cross` holds the checks that span several members, `formats` the documented
//! string formats and `suggest` the "did you mean" logic.

mod cross;
mod formats;
mod suggest;
pub mod table;
pub mod terraform;
mod walker;

use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::forms::Dialect;
use crate::input::{Node, Path};
use crate::model::{InputKind, JobDefinition};
use table::{Coll, Limit, Member, Shape, Ty};
use walker::{Ctx, Form};

declare_rules! {
    family: Shape;

    UNKNOWN_MEMBER = "BL201" "unknown-member" Error {
        summary: "an object has a member the Batch API does not define",
        help: "Remove the member or fix its spelling. Member names are case-sensitive camelCase, as in the RegisterJobDefinition API reference.",
        why: "The AWS CLI and SDKs reject unknown parameters before sending the request (`Unknown parameter in containerProperties: \"containerProperty\"`); tools that skip client-side validation send it and the setting is silently lost.",
        bad: r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperty": {"image": "busybox"}}"#,
        good: r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {"image": "busybox"}}"#,
    }

    WRONG_TYPE = "BL202" "wrong-type" Error {
        summary: "a value has the wrong JSON type",
        help: "Give the type the API expects: numbers without quotes for integers, `true`/`false` for booleans, quoted text for strings.",
        why: "The AWS CLI fails with `Invalid type for parameter` before sending the request, and the service answers ClientException for the same mismatch. `ResourceRequirement.value` is the common trap: it is a string even though it holds a number. A `null` in a request fails the same way (`Invalid type for parameter containerProperties.jobRoleArn, value: None, type: <class 'NoneType'>, …`): neither AWS CLI drops it from `--cli-input-json` (botocore `validate.py`; AWS CLI v1 and v2, run).",
        bad: r#"{"containerProperties": {"image": "busybox", "memory": "2048", "resourceRequirements": [{"type": "VCPU", "value": 1}]}}"#,
        good: r#"{"containerProperties": {"image": "busybox", "memory": 2048, "resourceRequirements": [{"type": "VCPU", "value": "1"}]}}"#,
    }

    ARRAY_INSTEAD_OF_OBJECT = "BL203" "array-instead-of-object" Error {
        summary: "an object is wrapped in an array",
        help: "Batch takes one object here, not an array: remove the `[` and `]`.",
        why: "Some AWS Batch User Guide examples show `\"containerProperties\": [{...}]` and `\"logConfiguration\": [{...}]`; copied as is, registration fails with `Invalid type for parameter containerProperties, value: [...], type: <class 'list'>, valid types: <class 'dict'>`.",
        bad: r#"{"containerProperties": [{"image": "busybox", "logConfiguration": [{"logDriver": "awslogs"}]}]}"#,
        good: r#"{"containerProperties": {"image": "busybox", "logConfiguration": {"logDriver": "awslogs"}}}"#,
    }

    MISSING_REQUIRED_MEMBER = "BL204" "missing-required-member" Error {
        summary: "an object lacks a member the API requires",
        help: "Add the missing member.",
        why: "The AWS CLI fails with `Missing required parameter` and the API with ClientException; nothing is registered.",
        bad: r#"{"containerProperties": {"image": "busybox", "secrets": [{"name": "DB_PASSWORD"}]}}"#,
        good: r#"{"containerProperties": {"image": "busybox", "secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
    }

    INVALID_ENUM_VALUE = "BL205" "invalid-enum-value" Error {
        summary: "a value is not one of the values the API allows",
        help: "Use one of the allowed values, spelled exactly (enum values are case-sensitive, except EvaluateOnExit `action`).",
        why: "The service rejects the request with ClientException. Case matters: `fargate` is not `FARGATE`.",
        bad: r#"{"platformCapabilities": ["fargate"], "containerProperties": {"image": "busybox", "logConfiguration": {"logDriver": "cloudwatch"}}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"image": "busybox", "logConfiguration": {"logDriver": "awslogs"}}}"#,
    }

    VALUE_OUT_OF_RANGE = "BL206" "value-out-of-range" Error {
        summary: "a number is outside the documented range",
        help: "Use a value inside the range the API documents for this member.",
        why: "Batch rejects out-of-range values at registration: retryStrategy.attempts is 1-10, timeout.attemptDurationSeconds at least 60, schedulingPriority 0-9999, ephemeralStorage.sizeInGiB 21-200, swappiness 0-100 (RegisterJobDefinition API reference).",
        bad: r#"{"retryStrategy": {"attempts": 0}, "timeout": {"attemptDurationSeconds": 30}}"#,
        good: r#"{"retryStrategy": {"attempts": 3}, "timeout": {"attemptDurationSeconds": 600}}"#,
    }

    INVALID_FORMAT = "BL207" "invalid-format" Error {
        summary: "a string does not have the documented format or length",
        help: "Change the value to the documented format.",
        why: "Names, globs and quantities have documented character sets and lengths (jobDefinitionName: up to 128 letters, digits, `-` and `_`; onExitCode: digits with an optional final `*`); Batch rejects other values at registration, or the pattern never matches at run time.",
        bad: r#"{"jobDefinitionName": "nightly job", "retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1-9", "action": "RETRY"}]}}"#,
        good: r#"{"jobDefinitionName": "nightly-job", "retryStrategy": {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1*", "action": "RETRY"}]}}"#,
    }

    TOO_MANY_ITEMS = "BL208" "too-many-items" Error {
        summary: "a list or map has more entries than the API allows",
        help: "Remove entries until the list is within the documented limit.",
        why: "Documented limits: 5 evaluateOnExit entries, 1 ecsProperties task, 10 containers per task, 10 EKS containers and init containers, 1 instance type, 50 tags. Batch rejects a definition over them.",
        bad: r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}]}, {"containers": [{"image": "b"}]}]}}"#,
        good: r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "a"}, {"image": "b"}]}]}}"#,
    }

    TOO_FEW_ITEMS = "BL209" "too-few-items" Error {
        summary: "a list or map that must have entries is empty",
        help: "Add the entries the API needs, or remove the member if it is optional.",
        why: "`taskProperties` needs its one task, a task at least one container, `nodeRangeProperties` at least one range and `tags`, when given, at least one tag; Batch rejects an empty list there.",
        bad: r#"{"ecsProperties": {"taskProperties": []}}"#,
        good: r#"{"ecsProperties": {"taskProperties": [{"containers": [{"image": "busybox"}]}]}}"#,
    }

    JOB_DEFINITION_TOO_LARGE = "BL210" "job-definition-too-large" Error {
        summary: "the job definition is larger than the 24 KiB quota",
        help: "Shrink the job definition below 24,576 bytes: move long commands into the image or a script, and large environment values into SSM parameters referenced from `secrets`.",
        why: "The maximum size of a job definition is 24 KiB, a quota that cannot be raised (AWS Batch service quotas); RegisterJobDefinition fails over it. batchlint measures the JSON without insignificant white space.",
        bad: r#"{"jobDefinitionName": "big", "type": "container", "containerProperties": {"image": "busybox", "command": ["... 25,000 bytes of script ..."]}}"#,
        good: r#"{"jobDefinitionName": "big", "type": "container", "containerProperties": {"image": "my-image-with-the-script", "command": ["/run.sh"]}}"#,
    }

    MISSING_JOB_PROPERTIES = "BL211" "missing-job-properties" Error {
        summary: "the job definition has no properties for its `type`",
        help: "For `type: container` give one of `containerProperties`, `ecsProperties` or `eksProperties`; for `type: multinode` give `nodeProperties`.",
        why: "The API reference: \"If the value is container, then one of the following is required: containerProperties, ecsProperties, or eksProperties. If the value is multinode, then nodeProperties is required.\"",
        bad: r#"{"jobDefinitionName": "nightly", "type": "multinode", "containerProperties": {"image": "busybox"}}"#,
        good: r#"{"jobDefinitionName": "nightly", "type": "container", "containerProperties": {"image": "busybox"}}"#,
    }

    CONFLICTING_JOB_PROPERTIES = "BL212" "conflicting-job-properties" Error {
        summary: "the job definition has properties for more than one kind of job",
        help: "Keep only the properties for the kind of job you want: `containerProperties` (ECS single container), `ecsProperties` (ECS multi-container), `eksProperties` (EKS), or `nodeProperties` with `type: multinode`.",
        why: "`containerProperties`, `ecsProperties` and `eksProperties` exclude each other (\"must not be specified for Amazon EKS-based job definitions\", and the reverse), and a multinode job takes its containers from `nodeProperties`.",
        bad: r#"{"type": "container", "containerProperties": {"image": "busybox"}, "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
        good: r#"{"type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
    }

    INVALID_NODE_RANGE = "BL213" "invalid-node-range" Error {
        summary: "a multi-node node index or range does not fit the number of nodes",
        help: "Node indexes run from 0 to `numNodes` - 1. Write `targetNodes` as `start:end`, `:end` or `start:`, and keep `mainNode` below `numNodes`.",
        why: "The API reference: `mainNode` \"must be fewer than the number of nodes\"; `targetNodes` is a range of node indexes (`0:3`, `:n`, `n:`). Batch rejects a definition whose indexes point past the last node.",
        bad: r#"{"type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 2, "nodeRangeProperties": [{"targetNodes": "0-1", "container": {"image": "busybox"}}]}}"#,
        good: r#"{"type": "multinode", "nodeProperties": {"numNodes": 2, "mainNode": 0, "nodeRangeProperties": [{"targetNodes": "0:1", "container": {"image": "busybox"}}]}}"#,
    }

    EVALUATE_ON_EXIT_WITHOUT_ATTEMPTS = "BL214" "evaluate-on-exit-without-attempts" Error {
        summary: "a retry strategy has `evaluateOnExit` without `attempts`",
        help: "Add `attempts` (1 to 10) to the retry strategy.",
        why: "The API reference for RetryStrategy.evaluateOnExit: \"If this parameter is specified, then the attempts parameter must also be specified.\"",
        bad: r#"{"retryStrategy": {"evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}}"#,
        good: r#"{"retryStrategy": {"attempts": 3, "evaluateOnExit": [{"onStatusReason": "Host EC2*", "action": "RETRY"}]}}"#,
    }

    NOT_ALLOWED_FOR_EKS = "BL215" "not-allowed-for-eks" Error {
        summary: "an EKS job definition sets a member that only ECS job definitions take",
        help: "Remove the member: EKS job definitions take neither `platformCapabilities` nor `propagateTags`.",
        why: "The API reference for both members: \"If the job runs on Amazon EKS resources, then you must not specify\" them.",
        bad: r#"{"type": "container", "platformCapabilities": ["EC2"], "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
        good: r#"{"type": "container", "eksProperties": {"podProperties": {"containers": [{"image": "busybox"}]}}}"#,
    }

    EFS_TRANSIT_ENCRYPTION_REQUIRED = "BL216" "efs-transit-encryption-required" Error {
        summary: "an EFS access point or IAM authorization is used without transit encryption",
        help: "Set `transitEncryption` to `ENABLED` in the `efsVolumeConfiguration`.",
        why: "The API reference: \"If an access point is used, transit encryption must be enabled\" and \"EFS IAM authorization requires that TransitEncryption be ENABLED\"; without it the volume cannot be mounted.",
        bad: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0", "iam": "ENABLED"}}}"#,
        good: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0", "iam": "ENABLED"}}}"#,
    }

    EFS_ACCESS_POINT_ROOT_DIRECTORY = "BL217" "efs-access-point-root-directory" Error {
        summary: "an EFS volume sets a root directory as well as an access point",
        help: "Omit `rootDirectory` (or set it to `/`) and set the path on the EFS access point instead.",
        why: "The API reference: \"If an EFS access point is specified in the authorizationConfig, the root directory parameter must either be omitted or set to /, which enforces the path set on the Amazon EFS access point.\"",
        bad: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "rootDirectory": "/data", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0"}}}"#,
        good: r#"{"efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1234567890abcdef0"}}}"#,
    }

    READ_ONLY_PROPERTY = "BL224" "read-only-property" Warning {
        summary: "a template sets a job definition's read-only attribute",
        help: "Remove `JobDefinitionArn` from `Properties`: CloudFormation returns it (`!GetAtt NightlyJob.JobDefinitionArn`), a template cannot set it.",
        why: "The resource schema lists `JobDefinitionArn` in `readOnlyProperties`; CloudFormation ignores a value set for a read-only property (aws-cloudformation/cloudformation-resource-schema#102) and cfn-lint refuses it (E3002), so the value in the template is not the job definition's ARN.",
        bad: "Properties:\n  Type: container\n  JobDefinitionArn: arn:aws:batch:eu-west-1:123456789012:job-definition/nightly:1",
        good: "Properties:\n  Type: container",
    }
}

/// A found job's tree as the tool that deploys its form reads it (the Terraform provider's
/// case-insensitive member names and `null`s), before any check reads it.
pub fn prepare_found(job: &mut crate::forms::FoundJob<'_>) {
    if cfg!(feature = "terraform") && job.dialect == crate::forms::Dialect::TerraformJson {
        terraform::prepare(job);
    }
}

/// A property that CloudFormation's schema has and the Batch API does not, in the API shape
/// that holds it: the template's settings for the resource itself.
fn cloudformation_only(shape: &'static Shape, key: &str) -> Option<&'static Member> {
    (std::ptr::eq(shape, &table::REGISTER_JOB_DEFINITION_REQUEST) && key == "resourceRetentionPolicy")
        .then_some(&RESOURCE_RETENTION_POLICY)
}

/// `ResourceRetentionPolicy` (CloudFormation only): whether an update keeps the old revision.
static RESOURCE_RETENTION_POLICY: Member = Member {
    name: "resourceRetentionPolicy",
    ty: Ty::Obj(&RESOURCE_RETENTION_POLICY_SHAPE),
    coll: Coll::One,
    required: false,
    limit: Limit::None,
};

static RESOURCE_RETENTION_POLICY_SHAPE: Shape = Shape {
    name: "ResourceRetentionPolicy",
    members: &[Member {
        name: "skipDeregisterOnUpdate",
        ty: Ty::Bool,
        coll: Coll::One,
        required: false,
        limit: Limit::None,
    }],
    cross: None,
};

/// The 24 KiB quota on a job definition (AWS Batch service quotas).
pub const MAX_JOB_DEFINITION_BYTES: usize = 24 * 1024;

/// Checks one job definition (a request body or a described job definition) against its
/// shape: members, types, required members, enums, ranges, patterns and the size limit.
pub fn check_job_definition(job: &JobDefinition<'_, '_>, sink: &mut Sink) {
    let list = Path::ROOT.key("jobDefinitions");
    let item;
    let path = match job.index {
        Some(i) => {
            item = list.index(i);
            &item
        }
        None => &Path::ROOT,
    };
    let node = job.node;
    let (shape, form) = match job.kind {
        InputKind::RegisterRequest if job.dialect == crate::forms::Dialect::TerraformJson => {
            (&table::REGISTER_JOB_DEFINITION_REQUEST, Form::Terraform)
        }
        InputKind::RegisterRequest => (&table::REGISTER_JOB_DEFINITION_REQUEST, Form::Request),
        InputKind::DescribedJobDefinition => (&table::JOB_DEFINITION, Form::Described),
    };
    let ctx = match job.dialect {
        Dialect::CloudFormation => Ctx { form, template: true, def: crate::forms::cfn_properties() },
        _ => Ctx::api(form),
    };
    walker::check_object(node, shape, path, ctx, sink);
    let size = walker::compact_size(node);
    if size > MAX_JOB_DEFINITION_BYTES {
        sink.report(
            &JOB_DEFINITION_TOO_LARGE,
            node.opening_span(),
            path.to_pointer(),
            format!("the job definition is {size} bytes, over the 24 KiB ({MAX_JOB_DEFINITION_BYTES}-byte) quota"),
        );
    }
}

static DESCRIBE_OUTPUT: Shape = Shape {
    name: "DescribeJobDefinitionsResponse",
    members: &[
        Member {
            name: "jobDefinitions",
            ty: Ty::Obj(&table::JOB_DEFINITION),
            coll: Coll::List,
            required: true,
            limit: Limit::None,
        },
        Member { name: "nextToken", ty: Ty::Str, coll: Coll::One, required: false, limit: Limit::None },
    ],
    cross: None,
};

/// Checks the envelope of DescribeJobDefinitions output (`jobDefinitions`, `nextToken`).
/// The elements of `jobDefinitions` are checked one by one by [`check_job_definition`];
/// here they only need to be objects.
pub fn check_describe_output(root: &Node<'_>, sink: &mut Sink) {
    let Some(members) = root.as_object() else { return };
    for item in members {
        let here = Path::ROOT.key(&item.key);
        if item.key != "jobDefinitions" {
            walker::check_member_of(&DESCRIBE_OUTPUT, item, &here, Ctx::api(Form::Described), sink);
            continue;
        }
        let Some(list) = item.value.as_array() else {
            let found = item.value.json_type().with_article();
            sink.report(
                &WRONG_TYPE,
                item.value.span,
                here.to_pointer(),
                format!("expected an array of job definitions, found {found}"),
            );
            continue;
        };
        for (i, job) in list.iter().enumerate().filter(|(_, job)| job.as_object().is_none()) {
            let found = job.json_type().with_article();
            sink.report(
                &WRONG_TYPE,
                job.span,
                here.index(i).to_pointer(),
                format!("expected a job definition object, found {found}"),
            );
        }
    }
}

/// Every `(shape, member)` pair of the table, for the botocore coverage test.
pub fn members() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::ALL.iter().flat_map(|s| s.members.iter().map(move |m| (s.name, m.name)))
}

/// Every botocore enum the table uses, as `(name, values)`.
pub fn enums() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    table::MODELED_ENUMS.iter().map(|e| (e.name, e.values))
}
