//! The execution-role policy: exactly the reads the references need, nothing more. `build`
//! is pure (references and context in, documents out); what is worth reporting about the
//! documents is checked in `rules::policy`.

pub mod document;
#[cfg(feature = "forms")]
pub mod in_form;
pub mod kms;

pub use document::{Condition, PolicyDocument, RolePolicy, Statement, INLINE_POLICY_LIMIT};
pub use kms::KMS_DECRYPT;

use crate::options::Context;
use crate::references::{
    SecretReference, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER, SECRETS_MANAGER_GET_SECRET_VALUE, SSM_GET_PARAMETERS,
};
use std::collections::{BTreeMap, BTreeSet};

/// Builds one policy per execution role from the references.
pub fn build(refs: &[SecretReference], ctx: &Context) -> Vec<RolePolicy> {
    by_role(refs.iter().map(|r| (0, r)), ctx, NO_FORM)
        .into_iter()
        .map(|merged| RolePolicy { role_arn: merged.role_arn, document: merged.document, in_form: None })
        .collect()
}

#[cfg(feature = "forms")]
/// [`build`]'s documents with the job's own partition, region and account written as the
/// input's form names them (`${AWS::Region}`), in the same order.
pub fn build_localized(refs: &[SecretReference], ctx: &Context, own: &in_form::OwnLocation) -> Vec<MergedPolicy> {
    by_role(refs.iter().map(|r| (0, r)), ctx, Some(own))
}

/// One role's policy over several inputs, and the inputs (by index) whose references it
/// covers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergedPolicy {
    pub role_arn: Option<String>,
    pub inputs: Vec<usize>,
    pub document: PolicyDocument,
}

/// The policies of several inputs (the files of one CLI run) merged by execution role: a role
/// used by several inputs needs one policy with all their reads, built as if the inputs were
/// one, so that it is exactly as narrow as [`build`]'s.
pub fn merge(inputs: &[&[SecretReference]], ctx: &Context) -> Vec<MergedPolicy> {
    by_role(inputs.iter().enumerate().flat_map(|(i, refs)| refs.iter().map(move |r| (i, r))), ctx, NO_FORM)
}

/// How the job's own location is written in a policy of the input's form; nothing in the
/// build that reads only the API's JSON.
#[cfg(feature = "forms")]
type Own<'o> = Option<&'o in_form::OwnLocation>;
#[cfg(not(feature = "forms"))]
type Own<'o> = Option<&'o std::convert::Infallible>;
const NO_FORM: Own<'static> = None;

fn by_role<'r>(
    refs: impl Iterator<Item = (usize, &'r SecretReference)>,
    ctx: &Context,
    own: Own<'_>,
) -> Vec<MergedPolicy> {
    let mut roles: BTreeMap<Option<&str>, (Vec<usize>, Vec<&SecretReference>)> = BTreeMap::new();
    for (input, r) in refs.filter(|(_, r)| !r.grants.is_empty()) {
        let (inputs, refs) = roles.entry(r.execution_role_arn.as_deref()).or_default();
        if inputs.last() != Some(&input) {
            inputs.push(input);
        }
        refs.push(r);
    }
    // Roles in ARN order (the map's), a definition without a role last.
    let without_role = roles.remove(&None).map(|group| (None, group));
    roles
        .into_iter()
        .chain(without_role)
        .map(|(role, (inputs, refs))| MergedPolicy {
            role_arn: role.map(str::to_string),
            inputs,
            document: PolicyBuilder::new(ctx).own_location(own).references(&refs).build(),
        })
        .collect()
}

/// Assembles one policy document: one statement per action family, resources sorted and
/// de-duplicated, so that the same references always give the same bytes.
pub struct PolicyBuilder<'c> {
    ctx: &'c Context,
    /// How the job's own location is written, for a policy in the input's form.
    own: Own<'c>,
    ssm_parameters: BTreeSet<String>,
    secrets: BTreeSet<String>,
    /// `kms:ViaService` values: the services that read secrets, in the regions they read in.
    via_services: BTreeSet<String>,
    /// Where the role reads secrets: (partition, region, account). Keys given by ID or alias
    /// name resolve in each of them (a key ID is unique, an alias is matched by condition).
    locations: BTreeSet<(String, String, String)>,
}

impl<'c> PolicyBuilder<'c> {
    pub fn new(ctx: &'c Context) -> PolicyBuilder<'c> {
        PolicyBuilder {
            ctx,
            own: None,
            ssm_parameters: BTreeSet::new(),
            secrets: BTreeSet::new(),
            via_services: BTreeSet::new(),
            locations: BTreeSet::new(),
        }
    }

    pub fn own_location(mut self, own: Own<'c>) -> PolicyBuilder<'c> {
        self.own = own;
        self
    }

    pub fn references(mut self, refs: &[&SecretReference]) -> PolicyBuilder<'c> {
        for r in refs {
            for grant in &r.grants {
                let resource = self.localize(&grant.resource, r);
                match grant.action {
                    SSM_GET_PARAMETERS => {
                        self.ssm_parameters.insert(resource);
                    }
                    SECRETS_MANAGER_GET_SECRET_VALUE => {
                        self.secrets.insert(resource);
                    }
                    _ => {}
                }
            }
            let (partition, region, account) = self.location_of(r);
            self.via_services.extend(kms::via_services(r, &region));
            // Keys resolve where the role reads what they may encrypt: not public parameters.
            if !r.grants.is_empty() && !r.is_public_parameter() {
                self.locations.insert((partition, region, account));
            }
        }
        self
    }

    /// Where a reference's parameter or secret is, as the policy writes it.
    fn location_of(&self, r: &SecretReference) -> (String, String, String) {
        let partition = r.partition.clone().unwrap_or_else(|| self.ctx.partition.clone());
        let region =
            r.region.clone().or_else(|| self.ctx.region.clone()).unwrap_or_else(|| REGION_PLACEHOLDER.to_string());
        let account = r.account.clone().unwrap_or_else(|| ACCOUNT_PLACEHOLDER.to_string());
        #[cfg(feature = "forms")]
        if let Some(own) = self.own {
            let pick = |own_field: bool, own_value: &str, value: String| {
                if own_field {
                    own_value.to_string()
                } else {
                    value
                }
            };
            return (
                pick(r.job_fields.partition, &own.partition, partition),
                pick(r.job_fields.region, &own.region, region),
                pick(r.job_fields.account, &own.account, account),
            );
        }
        (partition, region, account)
    }

    /// A grant's resource as the policy writes it.
    fn localize(&self, resource: &str, r: &SecretReference) -> String {
        #[cfg(feature = "forms")]
        if let Some(own) = self.own {
            return own.localize(resource, r.job_fields);
        }
        let _ = r;
        resource.to_string()
    }

    pub fn build(self) -> PolicyDocument {
        let mut statement = Vec::new();
        if !self.ssm_parameters.is_empty() {
            statement.push(allow(
                "ReadSsmParameters",
                SSM_GET_PARAMETERS,
                self.ssm_parameters.into_iter().collect(),
                Condition::new(),
            ));
        }
        if !self.secrets.is_empty() {
            statement.push(allow(
                "ReadSecretsManagerSecrets",
                SECRETS_MANAGER_GET_SECRET_VALUE,
                self.secrets.into_iter().collect(),
                Condition::new(),
            ));
        }
        // Only next to the reads a customer-managed key may serve (public parameters need none).
        if !self.via_services.is_empty() {
            statement.extend(kms::kms_statements(&self.ctx.kms_keys, &self.locations, &self.via_services));
        }
        PolicyDocument { version: "2012-10-17", statement }
    }
}

pub(crate) fn allow(sid: &'static str, action: &'static str, resource: Vec<String>, condition: Condition) -> Statement {
    Statement { sid, effect: "Allow", action: vec![action], resource, condition }
}
