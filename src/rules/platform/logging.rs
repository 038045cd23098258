//! Log drivers on Fargate (BL705) and log secret options of another driver (BL711).

use super::{FARGATE_LOG_DRIVER, LOG_SECRET_OPTION_OTHER_DRIVER};
use crate::diagnostic::Sink;
use crate::input::Node;
use crate::model::{Container, ContainerKind, JobDefinition};

/// Log drivers that Fargate offers: the Batch API lists `awslogs` and `splunk`; ECS adds
/// `awsfirelens`, which needs a log router container (see [`firelens_without_router`]).
const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk"];

/// Docker log drivers whose options all carry the driver's name as a prefix
/// (docs.docker.com/engine/logging/drivers/): an option with another driver's prefix is
/// certainly wrong. `awsfirelens` passes any option to its router, so it is not checked.
const DRIVER_OPTION_PREFIXES: &[(&str, &str)] = &[
    ("awslogs", "awslogs-"),
    ("splunk", "splunk-"),
    ("fluentd", "fluentd-"),
    ("gelf", "gelf-"),
    ("syslog", "syslog-"),
];

pub(super) fn check(job: &JobDefinition<'_, '_>, container: &Container<'_, '_>, sink: &mut Sink) {
    let Some((log, base)) = container.log_configuration() else { return };
    let Some(driver_node) = log.get("logDriver") else { return };
    let Some(driver) = driver_node.as_str() else { return };
    let on_fargate = match driver {
        _ if !job.fargate || FARGATE_LOG_DRIVERS.contains(&driver) => None,
        "awsfirelens" => firelens_without_router(container),
        _ => Some(format!("log driver `{driver}` is not available on Fargate")),
    };
    if let Some(message) = on_fargate {
        sink.report(&FARGATE_LOG_DRIVER, driver_node.span, base.key("logDriver"), message);
    }
    if driver == "awsfirelens" {
        return;
    }
    for (i, option) in log.get("secretOptions").and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
        let Some(name_node) = option.get("name") else { continue };
        let Some(name) = name_node.as_str() else { continue };
        if let Some((owner, _)) =
            DRIVER_OPTION_PREFIXES.iter().find(|(d, prefix)| *d != driver && name.starts_with(prefix))
        {
            sink.report(
                &LOG_SECRET_OPTION_OTHER_DRIVER,
                name_node.span,
                base.key("secretOptions").index(i).key("name"),
                format!("`{name}` is an option of the {owner} log driver, but this container logs with `{driver}`"),
            );
        }
    }
}

/// What is wrong with `awsfirelens` on Fargate, where the Batch API lists only `awslogs` and
/// `splunk` and ECS adds `awsfirelens` with a log router: a container with
/// `firelensConfiguration`, which only the containers of an `ecsProperties` task have.
fn firelens_without_router(container: &Container<'_, '_>) -> Option<String> {
    if container.kind != ContainerKind::TaskContainer {
        return Some(format!(
            "log driver `awsfirelens` needs a FireLens log router, which {} cannot have: Batch takes `firelensConfiguration` only in `ecsProperties` containers",
            container.label()
        ));
    }
    let containers = container.role_holder.get("containers").and_then(Node::as_array).unwrap_or(&[]);
    let router = containers.iter().any(|c| c.get("firelensConfiguration").is_some_and(|f| f.as_object().is_some()));
    (!router).then(|| {
        "log driver `awsfirelens` needs a FireLens log router, and no container of this task has `firelensConfiguration`".to_string()
    })
}
