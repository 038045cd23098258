//! Run-time notes: what happens to secrets after registration. Each note is given at most
//! once per job definition, at the first place that references a secret.

use super::facts::{JobFacts, SecretUse};
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Member, Node, Pointer, Span};
use crate::model::{Container, JobDefinition};

declare_rules! {
    family: Info;

    SECRETS_READ_AT_START = "BL901" "secrets-read-at-start" Info {
        summary: "secrets are read once, when the container starts",
        help: "After rotating a secret or changing a parameter, submit a new job: running jobs keep the old value. Read the secret from the code with the job role if it must stay current.",
        why: "The AWS Batch User Guide (specifying sensitive data with Secrets Manager and with Parameter Store): values are injected when the container starts, and a rotated value reaches only jobs started later.",
        bad: r#"{"containerProperties": {"secrets": [{"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"}]}}"#,
        good: r#"{"containerProperties": {"environment": [{"name": "DB_PASSWORD_PARAMETER", "value": "/prod/db/password"}]}}"#,
    }

    EC2_AGENT_VERSION = "BL902" "ec2-agent-version" Info {
        summary: "secrets on EC2 need a recent ECS container agent",
        help: "Use a compute environment whose AMI runs ECS container agent 1.23.0 or later (1.37.0 for JSON-key or version selectors, 1.19.0 for private registry credentials). Current ECS-optimized AMIs do.",
        why: "The AWS Batch User Guide gives the agent versions: secrets need 1.23.0 (the older text said 1.22.0), JSON-key and version selectors 1.37.0, private registry authentication 1.19.0. An older agent cannot start the job.",
        bad: r#"{"containerProperties": {"secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"}]}}"#,
        good: r#"{"containerProperties": {"environment": [{"name": "MODE", "value": "batch"}]}}"#,
    }

    FARGATE_SECRETS_NETWORK = "BL903" "fargate-secrets-network" Info {
        summary: "a Fargate job without a public IP needs a network path to fetch its secrets",
        help: "Run the job in subnets with a NAT gateway or with VPC interface endpoints for `ssm`, `secretsmanager` (and `ecr.api`, `ecr.dkr`, `logs`, an S3 gateway endpoint for ECR images), or set `networkConfiguration.assignPublicIp` to `ENABLED` in a public subnet.",
        why: "Fargate fetches secrets through the job's network interface before the container starts. Without a route the job fails with \"ResourceInitializationError: unable to pull secrets or registry auth: … context deadline exceeded\" (AWS Batch User Guide, Fargate; aws-samples/serverless-jenkins-on-aws-fargate#7).",
        bad: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "DISABLED"}, "secrets": [{"name": "T", "valueFrom": "/t"}]}}"#,
        good: r#"{"platformCapabilities": ["FARGATE"], "containerProperties": {"networkConfiguration": {"assignPublicIp": "ENABLED"}, "secrets": [{"name": "T", "valueFrom": "/t"}]}}"#,
    }

    INACTIVE_REVISION = "BL904" "inactive-revision" Info {
        summary: "an INACTIVE revision's secrets are left out of the policy",
        help: "Nothing to do if the revision is retired. To run it again, register it anew; its secrets then count.",
        why: "A deregistered (INACTIVE) revision can no longer run, so granting its secrets to the execution role would give access that no job uses.",
        bad: r#"{"jobDefinitions": [{"jobDefinitionName": "etl", "revision": 6, "status": "INACTIVE", "containerProperties": {"secrets": [{"name": "OLD_KEY", "valueFrom": "/etl/old-key"}]}}]}"#,
        good: r#"{"jobDefinitions": [{"jobDefinitionName": "etl", "revision": 7, "status": "ACTIVE", "containerProperties": {"secrets": [{"name": "KEY", "valueFrom": "/etl/key"}]}}]}"#,
    }
}

/// Describe output lists deregistered revisions as `"status": "INACTIVE"`; the references
/// collector grants their references nothing, and this says so.
fn report_inactive_revision(job: &JobDefinition<'_, '_>, withheld: usize, sink: &mut Sink) {
    let Some(status) = job.inactive_status() else { return };
    if withheld == 0 {
        return;
    }
    let revision = job.node.get("revision").and_then(Node::as_integer).map_or(String::new(), |r| format!(" {r}"));
    let name = job.name().unwrap_or("this job definition");
    let what = if withheld == 1 {
        "its secret reference is".to_string()
    } else {
        format!("its {withheld} secret references are")
    };
    sink.report(
        &INACTIVE_REVISION,
        status.span,
        job.pointer.key("status"),
        format!("revision{revision} of `{name}` is INACTIVE: {what} left out of the policy"),
    );
}

/// Where a container first reads something with the execution role: its `secrets`, its
/// log `secretOptions` or its `repositoryCredentials` member (span of the key, pointer).
fn first_use(container: &Container<'_, '_>, used: SecretUse) -> Option<(Span, Pointer)> {
    let c = container.node;
    let at = |member: Option<&Member<'_>>, key: &str| member.map(|m| (m.key_span, container.pointer.key(key)));
    if used.secrets {
        return at(c.member("secrets"), "secrets");
    }
    if used.secret_options {
        let (log, pointer) = container.log_configuration()?;
        return log.member("secretOptions").map(|m| (m.key_span, pointer.key("secretOptions")));
    }
    if used.repository_credentials {
        return at(c.member("repositoryCredentials"), "repositoryCredentials");
    }
    None
}

pub fn check(facts: &JobFacts<'_, '_, '_>, sink: &mut Sink) {
    let job = facts.job;
    report_inactive_revision(job, facts.withheld_grants, sink);
    let uses: Vec<(&Container<'_, '_>, SecretUse)> =
        facts.containers.iter().filter(|c| c.uses.any()).map(|c| (c.container, c.uses)).collect();
    let total = facts.total_use();
    if let Some((span, pointer)) = uses.iter().find(|(_, u)| u.injects()).and_then(|(c, u)| first_use(c, *u)) {
        sink.report(
            &SECRETS_READ_AT_START,
            span,
            pointer,
            "secret values are read once when the container starts; a rotated value reaches only jobs submitted later",
        );
    }
    let Some((first, first_used)) = uses.first() else { return };
    if !job.fargate && !job.is_eks() {
        let (version, what) = if total.selectors {
            ("1.37.0", "JSON-key or version selectors in Secrets Manager references")
        } else if total.injects() {
            ("1.23.0", "secrets from Parameter Store and Secrets Manager")
        } else {
            ("1.19.0", "private registry credentials")
        };
        if let Some((span, pointer)) = first_use(first, *first_used) {
            sink.report(
                &EC2_AGENT_VERSION,
                span,
                pointer,
                format!(
                    "on EC2, {what} need ECS container agent {version} or later on the compute environment's instances"
                ),
            );
        }
    }
    if job.fargate {
        check_fargate_network(first, sink);
    }
}

fn check_fargate_network(container: &Container<'_, '_>, sink: &mut Sink) {
    // `networkConfiguration` sits next to `executionRoleArn`: on the container, or on the task.
    let holder = container.role_holder;
    let pointer = &container.role_holder_pointer;
    let network = holder.member("networkConfiguration");
    let public_ip = network.and_then(|n| n.value.get("assignPublicIp"));
    if public_ip.and_then(|p| p.as_str()).is_some_and(|p| p.eq_ignore_ascii_case("ENABLED")) {
        return;
    }
    let message = "this Fargate job gets no public IP, so it needs a NAT gateway or VPC endpoints to fetch its secrets";
    match (network, public_ip) {
        (_, Some(ip)) => sink.report(
            &FARGATE_SECRETS_NETWORK,
            ip.span,
            pointer.key("networkConfiguration").key("assignPublicIp"),
            message,
        ),
        (Some(n), None) => {
            sink.report(&FARGATE_SECRETS_NETWORK, n.key_span, pointer.key("networkConfiguration"), message)
        }
        (None, None) => sink.report(&FARGATE_SECRETS_NETWORK, holder.opening_span(), pointer, message),
    };
}
