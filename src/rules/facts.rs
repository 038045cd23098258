//! What the job-level families need to know about one job definition, computed once: every
//! container with what it reads through the execution role, and the containers grouped by
//! the object that holds that role.

use crate::input::Node;
use crate::model::{Container, ContainerKind, JobDefinition};
use crate::references::SecretReference;
use std::collections::HashSet;
use std::ops::Range;

/// What in one container is read with the execution role.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SecretUse {
    /// A non-empty `secrets` list.
    pub secrets: bool,
    /// A non-empty `logConfiguration.secretOptions` list.
    pub secret_options: bool,
    /// A `repositoryCredentials` object.
    pub repository_credentials: bool,
    /// A Secrets Manager reference with a JSON key, version stage or version ID.
    pub selectors: bool,
}

impl SecretUse {
    /// Anything injected as an environment variable or log option.
    pub fn injects(self) -> bool {
        self.secrets || self.secret_options
    }

    pub fn any(self) -> bool {
        self.injects() || self.repository_credentials
    }

    /// The members that need the role, for messages: "`secrets` and `repositoryCredentials`".
    pub fn members(self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.secrets {
            out.push("`secrets`");
        }
        if self.secret_options {
            out.push("`logConfiguration.secretOptions`");
        }
        if self.repository_credentials {
            out.push("`repositoryCredentials`");
        }
        out
    }

    fn union(self, other: SecretUse) -> SecretUse {
        SecretUse {
            secrets: self.secrets || other.secrets,
            secret_options: self.secret_options || other.secret_options,
            repository_credentials: self.repository_credentials || other.repository_credentials,
            selectors: self.selectors || other.selectors,
        }
    }
}

/// A container with what it reads through the execution role.
#[derive(Debug)]
pub struct ContainerFacts<'j, 'n, 'a> {
    pub container: &'j Container<'n, 'a>,
    pub uses: SecretUse,
}

/// The facts about one job definition that several families read.
pub struct JobFacts<'j, 'n, 'a> {
    pub job: &'j JobDefinition<'n, 'a>,
    pub references: &'j [SecretReference],
    /// Every container, in the model's order.
    pub containers: Vec<ContainerFacts<'j, 'n, 'a>>,
    /// Runs of `containers` that share a role holder (the container itself, or its task).
    role_holders: Vec<Range<usize>>,
    /// How many references grant nothing because the revision is INACTIVE.
    pub withheld_grants: usize,
}

impl<'j, 'n, 'a> JobFacts<'j, 'n, 'a> {
    pub fn new(
        job: &'j JobDefinition<'n, 'a>,
        references: &'j [SecretReference],
        withheld_grants: usize,
    ) -> JobFacts<'j, 'n, 'a> {
        // The containers whose references name a JSON key, version stage or version ID: a
        // set built once (a scan of the references for each container was quadratic).
        let with_selectors: HashSet<&str> = references
            .iter()
            .filter(|r| r.json_key.is_some() || r.version_stage.is_some() || r.version_id.is_some())
            .map(|r| r.container.as_str())
            .collect();
        let containers: Vec<ContainerFacts<'j, 'n, 'a>> = job
            .containers
            .iter()
            .map(|c| ContainerFacts { container: c, uses: secret_use(c, with_selectors.contains(c.pointer.as_str())) })
            .collect();
        // `model` lists the containers of one role holder (a task's containers) one after the
        // other, so runs of equal neighbours are the groups. EKS containers hold no execution
        // role and belong to none.
        let mut role_holders = Vec::new();
        let mut start = 0;
        while let Some(first) = containers.get(start) {
            let mut end = start + 1;
            if first.container.kind != ContainerKind::Eks {
                while containers.get(end).is_some_and(|c| {
                    c.container.kind != ContainerKind::Eks
                        && c.container.role_holder_pointer == first.container.role_holder_pointer
                }) {
                    end += 1;
                }
                role_holders.push(start..end);
            }
            start = end;
        }
        JobFacts { job, references, containers, role_holders, withheld_grants }
    }

    /// The ECS containers grouped by role holder, in input order; each group is non-empty.
    pub fn role_holders(&self) -> impl Iterator<Item = &[ContainerFacts<'j, 'n, 'a>]> {
        self.role_holders.iter().filter_map(|range| self.containers.get(range.clone()))
    }

    /// What the whole job reads with its execution roles.
    pub fn total_use(&self) -> SecretUse {
        self.containers.iter().fold(SecretUse::default(), |total, c| total.union(c.uses))
    }
}

/// Reads [`SecretUse`] from the container's JSON (so that it does not depend on how the
/// references were classified), with the log configuration unwrapped as the references
/// unwrap it; selectors come from the references.
fn secret_use(container: &Container<'_, '_>, selectors: bool) -> SecretUse {
    let c = container.node;
    if container.kind == ContainerKind::Eks {
        return SecretUse::default();
    }
    let options = container.log_configuration().and_then(|(log, _)| log.get("secretOptions"));
    SecretUse {
        secrets: non_empty(c.get("secrets")),
        secret_options: non_empty(options),
        repository_credentials: c.get("repositoryCredentials").is_some_and(|r| r.as_object().is_some()),
        selectors,
    }
}

fn non_empty(list: Option<&Node<'_>>) -> bool {
    list.is_some_and(|l| l.as_array().is_some_and(|a| !a.is_empty()))
}
