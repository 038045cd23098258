//! What the input holds: one or more job definitions, and in each the containers that can
//! reference secrets, with the execution role and platform that apply to each container.

use crate::diagnostic::Sink;
use crate::json::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A RegisterJobDefinition request body (`--cli-input-json`).
    RegisterRequest,
    /// One element of DescribeJobDefinitions output (has `jobDefinitionArn`, `revision`, ...).
    DescribedJobDefinition,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContainerKind {
    /// `containerProperties`.
    Single,
    /// `nodeProperties.nodeRangeProperties[i].container`.
    NodeRange { target_nodes: Option<String> },
    /// `…ecsProperties.taskProperties[t].containers[c]`.
    TaskContainer,
    /// `eksProperties.podProperties.{containers,initContainers}[c]` (no `secrets` member).
    Eks,
}

/// A container that can reference secrets, with what applies to it.
#[derive(Debug)]
pub struct Container<'n, 'a> {
    pub node: &'n Node<'a>,
    pub pointer: String,
    pub kind: ContainerKind,
    /// `name` of a task or EKS container.
    pub name: Option<&'n str>,
    /// The object that holds `executionRoleArn` for this container: the container itself
    /// (`containerProperties`, node-range `container`) or its task (`taskProperties[t]`).
    pub role_holder: &'n Node<'a>,
    pub role_holder_pointer: String,
    /// The Fargate platform version: `fargatePlatformConfiguration.platformVersion` or the
    /// task's `platformVersion`.
    pub platform_version: Option<&'n Node<'a>>,
    pub platform_version_pointer: String,
}

impl<'n, 'a> Container<'n, 'a> {
    pub fn execution_role(&self) -> Option<&'n Node<'a>> {
        self.role_holder.get("executionRoleArn")
    }

    /// The container's `logConfiguration` with its pointer. AWS's guide writes
    /// `"logConfiguration": [{...}]` (BL203 reports it); the one object inside is used then,
    /// and the pointer gains `/0`, as the references do for its `secretOptions`.
    pub fn log_configuration(&self) -> Option<(&'n Node<'a>, String)> {
        let (log, wrapped) = self.node.get("logConfiguration")?.single_object()?;
        let slot = if wrapped { "/0" } else { "" };
        Some((log, format!("{}/logConfiguration{slot}", self.pointer)))
    }

    /// A short human label: `containerProperties`, `node range 0:3`, `container "app"`.
    pub fn label(&self) -> String {
        match (&self.kind, self.name) {
            (ContainerKind::Single, _) => "the container".to_string(),
            (ContainerKind::NodeRange { target_nodes: Some(t) }, _) => format!("the container of node range {t}"),
            (ContainerKind::NodeRange { target_nodes: None }, _) => "the node-range container".to_string(),
            (_, Some(name)) => format!("container \"{name}\""),
            (_, None) => "the container".to_string(),
        }
    }
}

#[derive(Debug)]
pub struct JobDefinition<'n, 'a> {
    pub node: &'n Node<'a>,
    pub pointer: String,
    /// The position in `jobDefinitions` of describe output; `None` for a lone definition.
    pub index: Option<usize>,
    pub kind: InputKind,
    pub fargate: bool,
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
}

/// The job definitions in the input, or `None` (after reporting) when the top level is not
/// a job definition at all.
pub fn job_definitions<'n, 'a>(root: &'n Node<'a>, sink: &mut Sink) -> Option<Vec<JobDefinition<'n, 'a>>> {
    if root.as_object().is_none() {
        crate::rules::syntax::report_not_a_job_definition(root, sink);
        return None;
    }
    if let Some(list) = root.get("jobDefinitions") {
        let items = list.as_array().unwrap_or(&[]);
        return Some(
            items.iter().enumerate().filter(|(_, n)| n.as_object().is_some()).map(|(i, n)| build(n, Some(i), InputKind::DescribedJobDefinition)).collect(),
        );
    }
    let kind = if root.get("jobDefinitionArn").is_some() || root.get("revision").is_some() || root.get("status").is_some() {
        InputKind::DescribedJobDefinition
    } else {
        InputKind::RegisterRequest
    };
    Some(vec![build(root, None, kind)])
}

fn build<'n, 'a>(node: &'n Node<'a>, index: Option<usize>, kind: InputKind) -> JobDefinition<'n, 'a> {
    let pointer = index.map_or_else(String::new, |i| format!("/jobDefinitions/{i}"));
    let fargate = node
        .get("platformCapabilities")
        .and_then(Node::as_array)
        .is_some_and(|caps| caps.iter().any(|c| c.as_str().is_some_and(|s| s.eq_ignore_ascii_case("FARGATE"))));
    let mut containers = Vec::new();
    if let Some(c) = node.get("containerProperties") {
        single_container(c, format!("{pointer}/containerProperties"), ContainerKind::Single, &mut containers);
    }
    if let Some(ecs) = node.get("ecsProperties") {
        ecs_containers(ecs, &format!("{pointer}/ecsProperties"), &mut containers);
    }
    if let Some(ranges) = node.get("nodeProperties").and_then(|n| n.get("nodeRangeProperties")).and_then(Node::as_array) {
        for (i, range) in ranges.iter().enumerate() {
            let range_pointer = format!("{pointer}/nodeProperties/nodeRangeProperties/{i}");
            let target_nodes = range.get_str("targetNodes").map(str::to_string);
            if let Some(c) = range.get("container") {
                single_container(c, format!("{range_pointer}/container"), ContainerKind::NodeRange { target_nodes }, &mut containers);
            }
            if let Some(ecs) = range.get("ecsProperties") {
                ecs_containers(ecs, &format!("{range_pointer}/ecsProperties"), &mut containers);
            }
        }
    }
    if let Some(pod) = node.get("eksProperties").and_then(|e| e.get("podProperties")) {
        for list in ["containers", "initContainers"] {
            for (i, c) in pod.get(list).and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
                if c.as_object().is_none() {
                    continue;
                }
                let p = format!("{pointer}/eksProperties/podProperties/{list}/{i}");
                containers.push(Container {
                    node: c,
                    pointer: p.clone(),
                    kind: ContainerKind::Eks,
                    name: c.get_str("name"),
                    role_holder: c,
                    role_holder_pointer: p,
                    platform_version: None,
                    platform_version_pointer: String::new(),
                });
            }
        }
    }
    let (arn_region, arn_account) = node
        .get_str("jobDefinitionArn")
        .and_then(crate::arn::Arn::parse)
        .map_or((None, None), |arn| (Some(arn.region).filter(|r| !r.is_empty()), Some(arn.account).filter(|a| !a.is_empty())));
    JobDefinition { node, pointer, index, kind, fargate, containers, arn_region, arn_account }
}

fn single_container<'n, 'a>(c: &'n Node<'a>, pointer: String, kind: ContainerKind, out: &mut Vec<Container<'n, 'a>>) {
    let Some((c, wrapped)) = c.single_object() else { return };
    let pointer = if wrapped { format!("{pointer}/0") } else { pointer };
    let platform_version = c.get("fargatePlatformConfiguration").and_then(|f| f.get("platformVersion"));
    out.push(Container {
        node: c,
        platform_version_pointer: format!("{pointer}/fargatePlatformConfiguration/platformVersion"),
        role_holder_pointer: pointer.clone(),
        pointer,
        kind,
        name: None,
        role_holder: c,
        platform_version,
    });
}

fn ecs_containers<'n, 'a>(ecs: &'n Node<'a>, pointer: &str, out: &mut Vec<Container<'n, 'a>>) {
    for (t, task) in ecs.get("taskProperties").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        if task.as_object().is_none() {
            continue;
        }
        let task_pointer = format!("{pointer}/taskProperties/{t}");
        for (i, c) in task.get("containers").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
            if c.as_object().is_none() {
                continue;
            }
            out.push(Container {
                node: c,
                pointer: format!("{task_pointer}/containers/{i}"),
                kind: ContainerKind::TaskContainer,
                name: c.get_str("name"),
                role_holder: task,
                role_holder_pointer: task_pointer.clone(),
                platform_version: task.get("platformVersion"),
                platform_version_pointer: format!("{task_pointer}/platformVersion"),
            });
        }
    }
}
