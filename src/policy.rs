//! The execution-role policy: exactly the reads the references need, nothing more.

use crate::diagnostic::Sink;
use crate::options::Context;
use crate::references::SecretReference;
use serde::Serialize;
use std::collections::BTreeMap;

/// One policy document for one execution role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePolicy {
    /// The execution role, or null for references whose container names no role.
    pub role_arn: Option<String>,
    pub document: PolicyDocument,
}

/// An IAM identity-based policy document, serialised with IAM's member names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyDocument {
    #[serde(rename = "Version")]
    pub version: &'static str,
    #[serde(rename = "Statement")]
    pub statement: Vec<Statement>,
}

/// `Condition`: operator → condition key → values.
pub type Condition = BTreeMap<&'static str, BTreeMap<&'static str, Vec<String>>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    #[serde(rename = "Sid")]
    pub sid: &'static str,
    #[serde(rename = "Effect")]
    pub effect: &'static str,
    #[serde(rename = "Action")]
    pub action: Vec<&'static str>,
    #[serde(rename = "Resource")]
    pub resource: Vec<String>,
    #[serde(rename = "Condition", skip_serializing_if = "BTreeMap::is_empty")]
    pub condition: Condition,
}

/// Builds one policy per execution role from the references.
pub fn build(_refs: &[SecretReference], _ctx: &Context, _sink: &mut Sink) -> Vec<RolePolicy> {
    Vec::new()
}
