//! What the input holds: one or more job definitions, and in each the containers that can
//! reference secrets, with the execution role and platform that apply to each container.

mod container;

pub use container::{Container, ContainerKind};

use crate::aws::{self, Arn};
use crate::forms::{Dialect, FoundJob};
use crate::input::{Node, Pointer, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A RegisterJobDefinition request body (`--cli-input-json`).
    RegisterRequest,
    /// One element of DescribeJobDefinitions output (has `jobDefinitionArn`, `revision`, ...).
    DescribedJobDefinition,
}

#[derive(Debug)]
pub struct JobDefinition<'n, 'a> {
    pub node: &'n Node<'a>,
    /// The texts the tree's strings borrow from, to place findings inside a string.
    pub sources: &'n Sources<'a>,
    /// How the form's tool reads the values (the API's JSON, a template, a Terraform argument).
    pub dialect: Dialect,
    pub pointer: Pointer,
    /// The position in `jobDefinitions` of describe output; `None` for a lone definition.
    pub index: Option<usize>,
    pub kind: InputKind,
    pub fargate: bool,
    /// `MANAGED_INSTANCES` in `platformCapabilities`: Amazon ECS Managed Instances.
    pub managed_instances: bool,
    pub containers: Vec<Container<'n, 'a>>,
    /// Region and account of `jobDefinitionArn` (describe output), used when the options
    /// do not give them.
    pub arn_region: Option<&'n str>,
    pub arn_account: Option<&'n str>,
}

impl<'n, 'a> JobDefinition<'n, 'a> {
    pub fn name(&self) -> Option<&'n str> {
        self.node.get_str("jobDefinitionName")
    }

    pub fn is_multinode(&self) -> bool {
        self.node.get_str("type") == Some("multinode") || self.node.get("nodeProperties").is_some()
    }

    pub fn is_eks(&self) -> bool {
        self.node.get("eksProperties").is_some() || self.node.get_str("containerOrchestrationType") == Some("EKS")
    }

    /// Describe output lists deregistered revisions as `"status": "INACTIVE"`: they cannot
    /// run any more.
    pub fn inactive_status(&self) -> Option<&'n Node<'a>> {
        self.node.get("status").filter(|s| s.as_str() == Some("INACTIVE"))
    }

    /// The first execution role ARN of the job that parses as an IAM ARN in a known partition
    /// with a valid account: the role lives in the job's own account and partition.
    pub fn execution_role_arn(&self) -> Option<Arn<'n>> {
        self.containers
            .iter()
            .filter_map(|c| c.execution_role()?.as_str())
            .filter_map(Arn::parse)
            .find(|a| a.service == "iam" && aws::is_account_id(a.account) && aws::partition(a.partition).is_some())
    }
}

/// The job definitions in the input, or `None` when the top level is not an object, so not
/// a job definition at all.
pub fn job_definitions<'n, 'a>(root: &'n Node<'a>, sources: &'n Sources<'a>) -> Option<Vec<JobDefinition<'n, 'a>>> {
    root.as_object()?;
    if let Some(list) = root.get("jobDefinitions") {
        let items = list.as_array().unwrap_or(&[]);
        return Some(
            items
                .iter()
                .enumerate()
                .filter(|(_, n)| n.as_object().is_some())
                .map(|(i, n)| build(n, sources, Some(i), InputKind::DescribedJobDefinition))
                .collect(),
        );
    }
    let kind =
        if root.get("jobDefinitionArn").is_some() || root.get("revision").is_some() || root.get("status").is_some() {
            InputKind::DescribedJobDefinition
        } else {
            InputKind::RegisterRequest
        };
    Some(vec![build(root, sources, None, kind)])
}

/// The job definition a template, module or plan holds: its properties are a request.
pub fn found_job<'n, 'a>(found: &'n FoundJob<'a>, sources: &'n Sources<'a>) -> JobDefinition<'n, 'a> {
    JobDefinition { dialect: found.dialect, ..build(&found.tree, sources, None, InputKind::RegisterRequest) }
}

fn build<'n, 'a>(
    node: &'n Node<'a>,
    sources: &'n Sources<'a>,
    index: Option<usize>,
    kind: InputKind,
) -> JobDefinition<'n, 'a> {
    let pointer = index.map_or(Pointer::ROOT, |i| Pointer::ROOT.key("jobDefinitions").index(i));
    let capability = |name: &str| {
        node.get("platformCapabilities")
            .and_then(Node::as_array)
            .is_some_and(|caps| caps.iter().any(|c| c.as_str().is_some_and(|s| s.eq_ignore_ascii_case(name))))
    };
    let (fargate, managed_instances) = (capability("FARGATE"), capability("MANAGED_INSTANCES"));
    let mut containers = Vec::new();
    if let Some(c) = node.get("containerProperties") {
        container::single_container(c, pointer.key("containerProperties"), ContainerKind::Single, &mut containers);
    }
    if let Some(ecs) = node.get("ecsProperties") {
        container::ecs_containers(ecs, &pointer.key("ecsProperties"), &mut containers);
    }
    if let Some(ranges) = node.get("nodeProperties").and_then(|n| n.get("nodeRangeProperties")).and_then(Node::as_array)
    {
        for (i, range) in ranges.iter().enumerate() {
            let range_pointer = pointer.key("nodeProperties").key("nodeRangeProperties").index(i);
            let target_nodes = range.get_str("targetNodes").map(str::to_string);
            if let Some(c) = range.get("container") {
                container::single_container(
                    c,
                    range_pointer.key("container"),
                    ContainerKind::NodeRange { target_nodes },
                    &mut containers,
                );
            }
            if let Some(ecs) = range.get("ecsProperties") {
                container::ecs_containers(ecs, &range_pointer.key("ecsProperties"), &mut containers);
            }
        }
    }
    if let Some(pod) = node.get("eksProperties").and_then(|e| e.get("podProperties")) {
        container::eks_containers(pod, &pointer.key("eksProperties").key("podProperties"), &mut containers);
    }
    let (arn_region, arn_account) = node.get_str("jobDefinitionArn").and_then(Arn::parse).map_or((None, None), |arn| {
        (Some(arn.region).filter(|r| !r.is_empty()), Some(arn.account).filter(|a| !a.is_empty()))
    });
    JobDefinition {
        node,
        sources,
        dialect: Dialect::Api,
        pointer,
        index,
        kind,
        fargate,
        managed_instances,
        containers,
        arn_region,
        arn_account,
    }
}
