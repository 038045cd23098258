//! The policy document as IAM reads it, and its size as IAM counts it.

use serde::Serialize;
use std::collections::BTreeMap;

/// One policy document for one execution role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePolicy {
    /// The execution role, or null for references whose container names no role.
    pub role_arn: Option<String>,
    pub document: PolicyDocument,
    /// The same policy in the input's own form, ready to paste into it: a CloudFormation
    /// `Policies` entry or `AWS::IAM::RolePolicy`, a Terraform `aws_iam_role_policy`; with the
    /// job's own partition, region and account as the form writes them. Null for the API's JSON.
    pub in_form: Option<String>,
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

/// IAM's limit for all inline policies of one role, whitespace not counted.
pub const INLINE_POLICY_LIMIT: usize = 10_240;

impl PolicyDocument {
    /// The length IAM counts against its quotas: the JSON without whitespace.
    ///
    /// Counted from the document's fields, without writing the JSON: the characters of its
    /// compact serialisation (as `serde_json::to_string` writes it) that are not whitespace.
    pub fn size_without_whitespace(&self) -> usize {
        // {"Version":…,"Statement":[…]}
        let mut size = 2
            + member("Version", json_string(self.version))
            + 1
            + member("Statement", 2 + commas(self.statement.len()));
        for s in &self.statement {
            // {"Sid":…,"Effect":…,"Action":[…],"Resource":[…],"Condition":{…}}
            size += 2 + member("Sid", json_string(s.sid)) + 1 + member("Effect", json_string(s.effect)) + 1;
            size += member("Action", string_array(&s.action)) + 1 + member("Resource", string_array(&s.resource));
            if !s.condition.is_empty() {
                let mut condition = 2 + commas(s.condition.len());
                for (operator, keys) in &s.condition {
                    condition += member(operator, 2 + commas(keys.len()));
                    for (key, values) in keys {
                        condition += member(key, string_array(values));
                    }
                }
                size += 1 + member("Condition", condition);
            }
        }
        size
    }
}

/// `"key":` followed by a value of `value` characters.
fn member(key: &str, value: usize) -> usize {
    json_string(key) + 1 + value
}

/// The separators between `n` elements.
fn commas(n: usize) -> usize {
    n.saturating_sub(1)
}

fn string_array<S: AsRef<str>>(items: &[S]) -> usize {
    2 + commas(items.len()) + items.iter().map(|s| json_string(s.as_ref())).sum::<usize>()
}

/// The non-whitespace characters of `s` as a JSON string: quotes, escapes (`\"`, `\n`,
/// `\u001f`) and the characters that are written as they are, less whitespace among them.
fn json_string(s: &str) -> usize {
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            '\0'..='\u{1f}' => 6,
            c if c.is_whitespace() => 0,
            _ => 1,
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(resource: &[&str], condition: Condition) -> Statement {
        crate::policy::allow(
            "Sid",
            crate::policy::KMS_DECRYPT,
            resource.iter().map(|s| s.to_string()).collect(),
            condition,
        )
    }

    #[test]
    fn size_is_the_serialised_length_without_whitespace() {
        let mut condition = Condition::new();
        condition
            .entry("StringEquals")
            .or_default()
            .insert("kms:ViaService", vec!["ssm.eu-west-1.amazonaws.com".to_string(), "a b".to_string()]);
        condition.entry("ForAnyValue:StringEquals").or_default().insert("kms:ResourceAliases", vec![]);
        let documents = [
            PolicyDocument { version: "2012-10-17", statement: vec![] },
            PolicyDocument { version: "2012-10-17", statement: vec![statement(&[], Condition::new())] },
            PolicyDocument {
                version: "2012-10-17",
                statement: vec![
                    statement(
                        &[
                            "arn:aws:ssm:eu-west-1:123456789012:parameter/a",
                            "quote\" back\\slash \t\n\r\u{8}\u{c}\u{1}\u{7f}",
                        ],
                        Condition::new(),
                    ),
                    statement(&["non-breaking\u{a0}space\u{2028}é😀", "${Region}"], condition),
                ],
            },
        ];
        for document in &documents {
            let json = serde_json::to_string(document).unwrap();
            assert_eq!(
                document.size_without_whitespace(),
                json.chars().filter(|c| !c.is_whitespace()).count(),
                "{json}"
            );
        }
    }
}
