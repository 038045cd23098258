//! The containers of a job definition that can reference secrets, with what applies to each.

use crate::input::{Node, Pointer};

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
    pub pointer: Pointer,
    pub kind: ContainerKind,
    /// `name` of a task or EKS container.
    pub name: Option<&'n str>,
    /// The object that holds `executionRoleArn` for this container: the container itself
    /// (`containerProperties`, node-range `container`) or its task (`taskProperties[t]`).
    pub role_holder: &'n Node<'a>,
    pub role_holder_pointer: Pointer,
    /// The Fargate platform version: `fargatePlatformConfiguration.platformVersion` or the
    /// task's `platformVersion`.
    pub platform_version: Option<&'n Node<'a>>,
    pub platform_version_pointer: Pointer,
}

impl<'n, 'a> Container<'n, 'a> {
    pub fn execution_role(&self) -> Option<&'n Node<'a>> {
        self.role_holder.get("executionRoleArn")
    }

    /// The container's `logConfiguration` with its pointer. AWS's guide writes
    /// `"logConfiguration": [{...}]` (BL203 reports it); the one object inside is used then,
    /// and the pointer gains `/0`, as the references do for its `secretOptions`.
    pub fn log_configuration(&self) -> Option<(&'n Node<'a>, Pointer)> {
        let (log, wrapped) = self.node.get("logConfiguration")?.single_object()?;
        let pointer = self.pointer.key("logConfiguration");
        Some((log, if wrapped { pointer.index(0) } else { pointer }))
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

/// The container (or the one object inside a one-element array, which AWS's guide writes)
/// of `containerProperties` or of a node range.
pub(super) fn single_container<'n, 'a>(
    c: &'n Node<'a>,
    pointer: Pointer,
    kind: ContainerKind,
    out: &mut Vec<Container<'n, 'a>>,
) {
    let Some((c, wrapped)) = c.single_object() else { return };
    let pointer = if wrapped { pointer.index(0) } else { pointer };
    let platform_version = c.get("fargatePlatformConfiguration").and_then(|f| f.get("platformVersion"));
    out.push(Container {
        node: c,
        platform_version_pointer: pointer.key("fargatePlatformConfiguration").key("platformVersion"),
        role_holder_pointer: pointer.clone(),
        pointer,
        kind,
        name: None,
        role_holder: c,
        platform_version,
    });
}

/// The containers of every task of an `ecsProperties` object; each task holds the role.
pub(super) fn ecs_containers<'n, 'a>(ecs: &'n Node<'a>, pointer: &Pointer, out: &mut Vec<Container<'n, 'a>>) {
    for (t, task) in ecs.get("taskProperties").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        if task.as_object().is_none() {
            continue;
        }
        let task_pointer = pointer.key("taskProperties").index(t);
        for (i, c) in task.get("containers").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
            if c.as_object().is_none() {
                continue;
            }
            out.push(Container {
                node: c,
                pointer: task_pointer.key("containers").index(i),
                kind: ContainerKind::TaskContainer,
                name: c.get_str("name"),
                role_holder: task,
                role_holder_pointer: task_pointer.clone(),
                platform_version: task.get("platformVersion"),
                platform_version_pointer: task_pointer.key("platformVersion"),
            });
        }
    }
}

/// The containers and init containers of an EKS pod: they hold no execution role.
pub(super) fn eks_containers<'n, 'a>(pod: &'n Node<'a>, pointer: &Pointer, out: &mut Vec<Container<'n, 'a>>) {
    for list in ["containers", "initContainers"] {
        for (i, c) in pod.get(list).and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
            if c.as_object().is_none() {
                continue;
            }
            let p = pointer.key(list).index(i);
            out.push(Container {
                node: c,
                pointer: p.clone(),
                kind: ContainerKind::Eks,
                name: c.get_str("name"),
                role_holder: c,
                role_holder_pointer: p,
                platform_version: None,
                platform_version_pointer: Pointer::ROOT,
            });
        }
    }
}
