//! The policy in the input's own form, ready to paste next to the job definition: for a
//! CloudFormation template, an entry of the execution role's `Policies` (when the template
//! defines the role) or an `AWS::IAM::RolePolicy`, in YAML or JSON as the template is; for
//! Terraform, an `aws_iam_role_policy` whose policy is `jsonencode` of the document.
//!
//! The job's own partition, region and account are written as the form names them
//! (`${AWS::Region}`, `data.aws_region.current.name`), so the snippet is right wherever the
//! stack or module deploys; a value the input computes stays its own expression.

use super::document::{PolicyDocument, Statement};
use crate::forms::iam::RoleInFile;
use crate::references::{JobFields, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER};
use crate::small::quoted;
use std::fmt::Write as _;

/// How a form writes the partition, region and account it deploys in, each as a `${…}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnLocation {
    pub partition: String,
    pub region: String,
    pub account: String,
}

impl OwnLocation {
    pub fn cloudformation() -> OwnLocation {
        OwnLocation {
            partition: "${AWS::Partition}".to_string(),
            region: "${AWS::Region}".to_string(),
            account: "${AWS::AccountId}".to_string(),
        }
    }

    /// Terraform's data sources, by the labels the module declares them with, else `current`.
    pub fn terraform(labels: &TerraformLabels) -> OwnLocation {
        OwnLocation {
            partition: format!("${{data.aws_partition.{}.partition}}", labels.partition),
            region: format!("${{data.aws_region.{}.name}}", labels.region),
            account: format!("${{data.aws_caller_identity.{}.account_id}}", labels.account),
        }
    }

    /// `resource` with the fields that are the job's own written in this form.
    pub fn localize(&self, resource: &str, fields: JobFields) -> String {
        let localized = match resource.splitn(6, ':').collect::<Vec<_>>().as_slice() {
            ["arn", partition, service, region, account, rest] => {
                let pick =
                    |own: bool, mine: &str, theirs: &str| if own { mine.to_string() } else { theirs.to_string() };
                format!(
                    "arn:{}:{service}:{}:{}:{rest}",
                    pick(fields.partition, &self.partition, partition),
                    pick(fields.region && !region.is_empty(), &self.region, region),
                    pick(fields.account && !account.is_empty(), &self.account, account),
                )
            }
            _ => resource.to_string(),
        };
        // A placeholder left anywhere else stands for the same location.
        localized.replace(REGION_PLACEHOLDER, &self.region).replace(ACCOUNT_PLACEHOLDER, &self.account)
    }
}

/// The labels of the `aws_partition`, `aws_region` and `aws_caller_identity` data sources a
/// module declares, and which of them it declares (the snippet declares the others).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerraformLabels {
    pub partition: String,
    pub region: String,
    pub account: String,
    pub declared: [bool; 3],
}

impl TerraformLabels {
    /// Finds `data "aws_region" "LABEL"` and its siblings in the module's text.
    pub fn of_module(text: &str) -> TerraformLabels {
        let find = |kind: &str| {
            let needle = format!("data \"{kind}\" \"");
            text.lines().find_map(|line| {
                let rest = line.trim_start().strip_prefix(needle.as_str())?;
                Some(rest.split('"').next()?.to_string()).filter(|l| !l.is_empty())
            })
        };
        let (p, r, a) = (find("aws_partition"), find("aws_region"), find("aws_caller_identity"));
        TerraformLabels {
            declared: [p.is_some(), r.is_some(), a.is_some()],
            partition: p.unwrap_or_else(|| "current".to_string()),
            region: r.unwrap_or_else(|| "current".to_string()),
            account: a.unwrap_or_else(|| "current".to_string()),
        }
    }
}

/// The syntax of the snippet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    CloudFormationYaml,
    CloudFormationJson,
    Terraform,
}

/// The role the policy is for, as far as the input tells.
pub enum Role<'r> {
    /// The input defines it.
    InFile(&'r RoleInFile<'r>),
    /// Named by a literal ARN: its name is the ARN's last path segment.
    Literal(&'r str),
    /// Given by an expression of the input (`${var.execution_role_arn}`).
    Expression(&'r str),
    /// The job definition names no execution role.
    None,
}

impl<'r> Role<'r> {
    /// The role of `role_arn` as written in the report, among the roles of the input.
    pub fn of(role_arn: Option<&'r str>, roles: &'r [RoleInFile<'r>]) -> Role<'r> {
        let Some(arn) = role_arn else { return Role::None };
        if let Some(role) = roles.iter().find(|r| r.is_named_by(arn)) {
            return Role::InFile(role);
        }
        if arn.contains("${") {
            Role::Expression(arn)
        } else {
            Role::Literal(arn)
        }
    }
}

/// The policy as a snippet of the input's form. `index` tells apart the snippets of one
/// input's several roles.
pub fn render(
    document: &PolicyDocument,
    role: &Role<'_>,
    syntax: Syntax,
    labels: Option<&TerraformLabels>,
    index: usize,
) -> String {
    let tree = document_tree(document);
    let suffix = if index == 0 { String::new() } else { (index + 1).to_string() };
    match syntax {
        Syntax::CloudFormationYaml | Syntax::CloudFormationJson => cloudformation(tree, role, syntax, &suffix),
        Syntax::Terraform => terraform(&tree, role, labels, &suffix),
    }
}

/// A value of the snippet, before it is written in a syntax.
enum Out {
    Str(String),
    List(Vec<Out>),
    Map(Vec<(String, Out)>),
}

fn document_tree(document: &PolicyDocument) -> Out {
    let strings = |items: &[String]| Out::List(items.iter().map(|s| Out::Str(s.clone())).collect());
    let statement = |s: &Statement| {
        let mut members = vec![
            ("Sid".to_string(), Out::Str(s.sid.to_string())),
            ("Effect".to_string(), Out::Str(s.effect.to_string())),
            ("Action".to_string(), Out::List(s.action.iter().map(|a| Out::Str((*a).to_string())).collect())),
            ("Resource".to_string(), strings(&s.resource)),
        ];
        if !s.condition.is_empty() {
            let operators = s
                .condition
                .iter()
                .map(|(op, keys)| {
                    let keys = keys.iter().map(|(k, v)| ((*k).to_string(), strings(v))).collect();
                    ((*op).to_string(), Out::Map(keys))
                })
                .collect();
            members.push(("Condition".to_string(), Out::Map(operators)));
        }
        Out::Map(members)
    };
    Out::Map(vec![
        ("Version".to_string(), Out::Str(document.version.to_string())),
        ("Statement".to_string(), Out::List(document.statement.iter().map(statement).collect())),
    ])
}

const POLICY_NAME: &str = "read-job-secrets";

fn cloudformation(document: Out, role: &Role<'_>, syntax: Syntax, suffix: &str) -> String {
    let policy_name = format!("{POLICY_NAME}{suffix}");
    let (comment, value) = match role {
        // A role ARN of the template's own needs no name: a `Policies` entry of the role.
        Role::Literal(arn) => {
            let name = arn.rsplit('/').next().unwrap_or(arn);
            let properties = vec![
                ("RoleName".to_string(), Out::Str(name.to_string())),
                ("PolicyName".to_string(), Out::Str(policy_name)),
                ("PolicyDocument".to_string(), document),
            ];
            let resource = Out::Map(vec![
                ("Type".to_string(), Out::Str("AWS::IAM::RolePolicy".to_string())),
                ("Properties".to_string(), Out::Map(properties)),
            ]);
            ("In `Resources`:".to_string(), Out::Map(vec![(format!("ReadJobSecretsPolicy{suffix}"), resource)]))
        }
        other => {
            let entry = Out::Map(vec![
                ("PolicyName".to_string(), Out::Str(policy_name)),
                ("PolicyDocument".to_string(), document),
            ]);
            let place = match other {
                Role::InFile(r) => format!("In the `Properties` of {}, with its other policies:", r.resource),
                Role::Expression(arn) => format!("In the `Properties` of the execution role ({arn}):"),
                _ => "In the `Properties` of the execution role, which the job definition must name:".to_string(),
            };
            (place, Out::Map(vec![("Policies".to_string(), Out::List(vec![entry]))]))
        }
    };
    let mut out = String::new();
    if syntax == Syntax::CloudFormationJson {
        // JSON has no comments: the value says where it goes (`Policies`, or a resource).
        json(&value, 0, &mut out);
        out.push('\n');
    } else {
        let _ = writeln!(out, "# {comment}");
        yaml(&value, 0, &mut out);
    }
    out
}

/// A YAML scalar: `!Sub` for a string with expressions of the template.
fn yaml_scalar(s: &str) -> String {
    if s.contains("${") {
        format!("!Sub {}", quoted(s))
    } else {
        quoted(s)
    }
}

fn yaml(value: &Out, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Out::Str(s) => {
            let _ = writeln!(out, "{pad}{}", yaml_scalar(s));
        }
        Out::List(items) => {
            for item in items {
                match item {
                    Out::Str(s) => {
                        let _ = writeln!(out, "{pad}- {}", yaml_scalar(s));
                    }
                    nested => {
                        // The first member goes on the dash's line.
                        let mut inner = String::new();
                        yaml(nested, indent + 2, &mut inner);
                        let trimmed = inner.get(indent + 2..).unwrap_or("");
                        let _ = write!(out, "{pad}- {trimmed}");
                    }
                }
            }
        }
        Out::Map(members) => {
            for (key, v) in members {
                let key = yaml_key(key);
                match v {
                    Out::Str(s) => {
                        let _ = writeln!(out, "{pad}{key}: {}", yaml_scalar(s));
                    }
                    nested => {
                        let _ = writeln!(out, "{pad}{key}:");
                        yaml(nested, indent + 2, out);
                    }
                }
            }
        }
    }
}

/// A key plain where YAML reads it so (`Sid`), quoted otherwise (`kms:ViaService`).
fn yaml_key(key: &str) -> String {
    if key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        key.to_string()
    } else {
        quoted(key)
    }
}

fn json(value: &Out, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent + 2);
    match value {
        Out::Str(s) if s.contains("${") => {
            let _ = write!(out, "{{\"Fn::Sub\": {}}}", quoted(s));
        }
        Out::Str(s) => out.push_str(&quoted(s)),
        Out::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&pad);
                json(item, indent + 2, out);
            }
            let _ = write!(out, "\n{}]", " ".repeat(indent));
        }
        Out::Map(members) => {
            out.push('{');
            for (i, (key, v)) in members.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                let _ = write!(out, "{pad}{}: ", quoted(key));
                json(v, indent + 2, out);
            }
            let _ = write!(out, "\n{}}}", " ".repeat(indent));
        }
    }
}

fn terraform(document: &Out, role: &Role<'_>, labels: Option<&TerraformLabels>, suffix: &str) -> String {
    let role_value = match role {
        // `aws_iam_role`'s `id` is its name, which `aws_iam_role_policy` takes.
        Role::InFile(r) => format!("{}.id", r.resource),
        Role::Literal(arn) => hcl_string(arn.rsplit('/').next().unwrap_or(arn)),
        Role::Expression(arn) => match arn.strip_prefix("${").and_then(|a| a.strip_suffix('}')) {
            Some(expression) if !expression.contains("${") => format!("basename({expression})"),
            _ => format!("basename({})", hcl_string(arn)),
        },
        Role::None => "\"\" # the execution role's name: the job definition names none".to_string(),
    };
    let label = format!("read_job_secrets{}", if suffix.is_empty() { String::new() } else { format!("_{suffix}") });
    let mut out = String::new();
    let _ = writeln!(out, "resource \"aws_iam_role_policy\" \"{label}\" {{");
    let _ = writeln!(out, "  name = {}", hcl_string(&format!("{POLICY_NAME}{suffix}")));
    let _ = writeln!(out, "  role = {role_value}");
    out.push_str("  policy = jsonencode(");
    hcl(document, 2, &mut out);
    out.push_str(")\n}\n");
    if let Some(labels) = labels {
        let kinds = [
            ("aws_partition", "data.aws_partition."),
            ("aws_region", "data.aws_region."),
            ("aws_caller_identity", "data.aws_caller_identity."),
        ];
        let used_labels = [&labels.partition, &labels.region, &labels.account];
        for (((kind, prefix), declared), label) in kinds.iter().zip(labels.declared).zip(used_labels) {
            if !declared && out.contains(&format!("{prefix}{label}.")) {
                let _ = writeln!(out, "\ndata \"{kind}\" \"{label}\" {{}}");
            }
        }
    }
    out
}

/// An HCL quoted template: `${…}` stays an interpolation (they are the module's own
/// expressions); a literal `%{` is escaped.
fn hcl_string(s: &str) -> String {
    quoted(s).replace("%{", "%%{")
}

fn hcl(value: &Out, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent + 2);
    match value {
        Out::Str(s) => out.push_str(&hcl_string(s)),
        Out::List(items) => {
            if items.iter().all(|i| matches!(i, Out::Str(_))) && items.len() <= 1 {
                out.push('[');
                for item in items {
                    hcl(item, indent, out);
                }
                out.push(']');
                return;
            }
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                hcl(item, indent + 2, out);
                out.push_str(",\n");
            }
            let _ = write!(out, "{}]", " ".repeat(indent));
        }
        Out::Map(members) => {
            out.push_str("{\n");
            let width = members.iter().map(|(k, _)| hcl_key(k).len()).max().unwrap_or(0);
            for (key, v) in members {
                let key = hcl_key(key);
                let _ = write!(out, "{pad}{key:width$} = ");
                hcl(v, indent + 2, out);
                out.push('\n');
            }
            let _ = write!(out, "{}}}", " ".repeat(indent));
        }
    }
}

/// An object key as an identifier where HCL reads it so, quoted otherwise.
fn hcl_key(key: &str) -> String {
    if key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        key.to_string()
    } else {
        quoted(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Span;
    use crate::policy::document::Condition;

    fn document(own: &OwnLocation) -> PolicyDocument {
        let fields = JobFields::ALL;
        let parameter = own.localize("arn:aws:ssm:${Region}:${Account}:parameter/app/db", fields);
        let secret = own.localize("${DbSecret}", fields);
        let mut condition = Condition::new();
        condition
            .entry("StringEquals")
            .or_default()
            .insert("kms:ViaService", vec![format!("ssm.{}.amazonaws.com", own.region)]);
        PolicyDocument {
            version: "2012-10-17",
            statement: vec![
                Statement {
                    sid: "ReadSsmParameters",
                    effect: "Allow",
                    action: vec!["ssm:GetParameters"],
                    resource: vec![parameter],
                    condition: Condition::new(),
                },
                Statement {
                    sid: "ReadSecretsManagerSecrets",
                    effect: "Allow",
                    action: vec!["secretsmanager:GetSecretValue"],
                    resource: vec![secret],
                    condition: Condition::new(),
                },
                Statement {
                    sid: "DecryptWithCustomerManagedKeys",
                    effect: "Allow",
                    action: vec!["kms:Decrypt"],
                    resource: vec!["arn:aws:kms:eu-west-1:123456789012:key/k".to_string()],
                    condition,
                },
            ],
        }
    }

    fn role(resource: &str) -> RoleInFile<'static> {
        RoleInFile {
            resource: resource.to_string(),
            arn_expressions: vec![],
            name_expressions: vec![],
            literal_name: None,
            span: Span::default(),
            statements: vec![],
            managed_policies: vec![],
        }
    }

    #[test]
    fn the_jobs_own_fields_are_written_as_the_form_names_them() {
        let own = OwnLocation::cloudformation();
        assert_eq!(
            own.localize(
                "arn:aws:ssm:eu-west-1:123456789012:parameter/x",
                JobFields { partition: true, region: true, account: false }
            ),
            "arn:${AWS::Partition}:ssm:${AWS::Region}:123456789012:parameter/x"
        );
        assert_eq!(
            own.localize("arn:aws:ssm:us-east-2::parameter/aws/service/x", JobFields::ALL),
            "arn:${AWS::Partition}:ssm:${AWS::Region}::parameter/aws/service/x"
        );
        assert_eq!(
            own.localize("arn:aws:ssm:eu-west-1:123456789012:parameter/x", JobFields::default()),
            "arn:aws:ssm:eu-west-1:123456789012:parameter/x"
        );
        let labels = TerraformLabels::of_module("data \"aws_region\" \"this\" {}\n");
        assert_eq!(labels.declared, [false, true, false]);
        assert_eq!(
            OwnLocation::terraform(&labels).localize(
                "arn:aws:ssm:${Region}:${Account}:parameter/x",
                JobFields { partition: false, ..JobFields::ALL }
            ),
            "arn:aws:ssm:${data.aws_region.this.name}:${data.aws_caller_identity.current.account_id}:parameter/x"
        );
    }

    #[test]
    fn cloudformation_yaml_adds_a_policies_entry_to_the_role_in_the_template() {
        let own = OwnLocation::cloudformation();
        let exec = role("Resources.BatchExecutionRole");
        let text = render(&document(&own), &Role::InFile(&exec), Syntax::CloudFormationYaml, None, 0);
        assert_eq!(
            text,
            r#"# In the `Properties` of Resources.BatchExecutionRole, with its other policies:
Policies:
  - PolicyName: "read-job-secrets"
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Sid: "ReadSsmParameters"
          Effect: "Allow"
          Action:
            - "ssm:GetParameters"
          Resource:
            - !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db"
        - Sid: "ReadSecretsManagerSecrets"
          Effect: "Allow"
          Action:
            - "secretsmanager:GetSecretValue"
          Resource:
            - !Sub "${DbSecret}"
        - Sid: "DecryptWithCustomerManagedKeys"
          Effect: "Allow"
          Action:
            - "kms:Decrypt"
          Resource:
            - "arn:aws:kms:eu-west-1:123456789012:key/k"
          Condition:
            StringEquals:
              "kms:ViaService":
                - !Sub "ssm.${AWS::Region}.amazonaws.com"
"#
        );
    }

    #[test]
    fn cloudformation_json_names_a_role_outside_the_template() {
        let own = OwnLocation::cloudformation();
        let mut doc = document(&own);
        doc.statement.truncate(1);
        let text = render(
            &doc,
            &Role::Literal("arn:aws:iam::123456789012:role/service/batch-exec"),
            Syntax::CloudFormationJson,
            None,
            1,
        );
        assert_eq!(
            text,
            r#"{
  "ReadJobSecretsPolicy2": {
    "Type": "AWS::IAM::RolePolicy",
    "Properties": {
      "RoleName": "batch-exec",
      "PolicyName": "read-job-secrets2",
      "PolicyDocument": {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "ReadSsmParameters",
            "Effect": "Allow",
            "Action": [
              "ssm:GetParameters"
            ],
            "Resource": [
              {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db"}
            ]
          }
        ]
      }
    }
  }
}
"#
        );
    }

    #[test]
    fn terraform_writes_an_aws_iam_role_policy_with_jsonencode() {
        let labels = TerraformLabels::of_module("data \"aws_region\" \"current\" {}\n");
        let own = OwnLocation::terraform(&labels);
        let mut doc = document(&own);
        doc.statement.remove(1);
        let exec = role("aws_iam_role.exec");
        let text = render(&doc, &Role::InFile(&exec), Syntax::Terraform, Some(&labels), 0);
        assert_eq!(
            text,
            r#"resource "aws_iam_role_policy" "read_job_secrets" {
  name = "read-job-secrets"
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadSsmParameters"
        Effect   = "Allow"
        Action   = ["ssm:GetParameters"]
        Resource = ["arn:${data.aws_partition.current.partition}:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:parameter/app/db"]
      },
      {
        Sid       = "DecryptWithCustomerManagedKeys"
        Effect    = "Allow"
        Action    = ["kms:Decrypt"]
        Resource  = ["arn:aws:kms:eu-west-1:123456789012:key/k"]
        Condition = {
          StringEquals = {
            "kms:ViaService" = ["ssm.${data.aws_region.current.name}.amazonaws.com"]
          }
        }
      },
    ]
  })
}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}
"#
        );
        let by_variable =
            render(&doc, &Role::Expression("${var.execution_role_arn}"), Syntax::Terraform, Some(&labels), 0);
        assert!(by_variable.contains("  role = basename(var.execution_role_arn)\n"), "{by_variable}");
    }
}
