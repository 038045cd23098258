//! Secret references, as data: every `valueFrom` and `credentialsParameter`, classified and
//! resolved to the resources that the execution role must be allowed to read. The
//! `value_from` rules find and classify them; the policy builder reads them.

use crate::aws::arn::is_public_parameter;
use crate::input::{Range, Span};
use serde::Serialize;

/// Stands for the job's region in ARNs when the options do not give it.
pub const REGION_PLACEHOLDER: &str = "${Region}";
/// Stands for the job's account in ARNs when the options do not give it.
pub const ACCOUNT_PLACEHOLDER: &str = "${Account}";

pub const SSM_GET_PARAMETERS: &str = "ssm:GetParameters";
pub const SECRETS_MANAGER_GET_SECRET_VALUE: &str = "secretsmanager:GetSecretValue";

/// Where in a container the reference sits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReferenceSource {
    /// `secrets[]`: the value becomes the environment variable `name`.
    #[default]
    Secrets,
    /// `logConfiguration.secretOptions[]`: the value becomes the log-driver option `name`.
    SecretOptions,
    /// `repositoryCredentials.credentialsParameter`: private registry credentials.
    RepositoryCredentials,
}

/// What the reference names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReferenceKind {
    /// An SSM parameter by name; it must be in the job's region and account.
    SsmParameterName,
    /// An SSM parameter by ARN.
    SsmParameterArn,
    /// An SSM name under `/aws/reference/secretsmanager/`: a Secrets Manager secret read
    /// through Parameter Store (needs both `ssm:GetParameters` and `secretsmanager:GetSecretValue`).
    SsmSecretsManagerReference,
    /// A Secrets Manager secret by ARN, optionally with a JSON key, version stage or version ID.
    SecretsManagerArn,
    /// A Secrets Manager secret by name (allowed for repository credentials only).
    SecretsManagerName,
    /// Not a usable reference; see the diagnostics at its path.
    #[default]
    Invalid,
}

/// Which fields of a reference's ARN are the job's own partition, region and account: those
/// of a name (which is read where the job runs), or written with CloudFormation's pseudo
/// parameters or Terraform's `aws_region` data. A policy in the input's own form writes them
/// with the same expressions, so that it is right wherever the stack or module deploys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobFields {
    pub partition: bool,
    pub region: bool,
    pub account: bool,
}

impl JobFields {
    pub const ALL: JobFields = JobFields { partition: true, region: true, account: true };
}

/// One permission the execution role needs for a reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    pub action: &'static str,
    pub resource: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretReference {
    /// JSON Pointer to the `valueFrom` (or `credentialsParameter`) string.
    pub path: String,
    pub source: ReferenceSource,
    /// The environment variable or log option it sets; null for repository credentials.
    pub name: Option<String>,
    /// `jobDefinitionName` of the job definition it belongs to.
    pub job_definition: Option<String>,
    /// The template's or module's resource that holds the job definition
    /// (`Resources.NightlyJob`, `aws_batch_job_definition.nightly`); null in the API's JSON.
    pub resource: Option<String>,
    /// JSON Pointer to the container.
    pub container: String,
    /// `name` of the container (task and EKS containers have names).
    pub container_name: Option<String>,
    /// The execution role that reads it; null when the container (or task) names none.
    pub execution_role_arn: Option<String>,
    /// The string as written.
    pub value_from: String,
    pub kind: ReferenceKind,
    pub partition: Option<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    /// The parameter or secret name, without selectors.
    pub resource_name: Option<String>,
    pub json_key: Option<String>,
    pub version_stage: Option<String>,
    pub version_id: Option<String>,
    /// The ARN that the policy grants (placeholders where region or account are unknown).
    pub resource_arn: Option<String>,
    /// Every permission this reference needs; empty when the reference is invalid or its
    /// job definition is an INACTIVE revision.
    pub grants: Vec<Grant>,
    /// The file the range is in when it is not the input (see `Diagnostic::file`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where the reference is in the input.
    pub range: Range,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub role_span: Option<Span>,
    #[serde(skip)]
    pub job_fields: JobFields,
    /// JSON Pointer to the `executionRoleArn` at `role_span`.
    #[serde(skip)]
    pub role_pointer: Option<String>,
}

impl SecretReference {
    /// Whether it reads an AWS public parameter (`/aws/service/…`), which is in no account of
    /// the user's and which no customer-managed key encrypts.
    pub fn is_public_parameter(&self) -> bool {
        matches!(self.kind, ReferenceKind::SsmParameterName | ReferenceKind::SsmParameterArn)
            && self.resource_name.as_deref().is_some_and(is_public_parameter)
    }
}
