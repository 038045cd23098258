//! The IAM roles and policies a template or module defines next to its job definitions, as
//! the front-ends read them: the role-in-file checks compare what they grant with what the
//! job definitions' references need.

use crate::input::{Node, Span};

/// A role the input defines (`AWS::IAM::Role`, `aws_iam_role`), with every statement that the
/// input attaches to it.
#[derive(Debug)]
pub struct RoleInFile<'a> {
    /// How the input names the role: `Resources.BatchExecutionRole`, `aws_iam_role.exec`.
    pub resource: String,
    /// What an `executionRoleArn` that names this role looks like, for matching: the
    /// expressions of its ARN (`BatchExecutionRole.Arn` for `!GetAtt`, `aws_iam_role.exec.arn`)
    /// and of its name (`BatchExecutionRole` for `!Ref`, `aws_iam_role.exec.name`), and its
    /// literal ARN or name when the input writes them.
    pub arn_expressions: Vec<String>,
    pub name_expressions: Vec<String>,
    pub literal_name: Option<String>,
    /// Where the role is defined, for a finding about it.
    pub span: Span,
    pub statements: Vec<StatementInFile<'a>>,
    /// AWS managed policies attached by ARN (`ManagedPolicyArns`, attachments): their grants
    /// are not known offline, so a missing grant behind one is not an error.
    pub managed_policies: Vec<String>,
}

/// One statement of a policy attached to a role in the input.
#[derive(Debug, Clone)]
pub struct StatementInFile<'a> {
    /// Where the policy is: `Resources.BatchExecutionRole.Policies[0]`, `aws_iam_role_policy.secrets`.
    pub policy: String,
    /// `Allow` or `Deny`; `None` when not a literal.
    pub effect: Option<String>,
    /// The actions and resources as the input writes them (literal strings or symbolic
    /// values); `Action: "*"` is the string `*`.
    pub actions: Vec<Node<'a>>,
    pub resources: Vec<Node<'a>>,
    /// Whether the statement has a `Condition` (a narrower grant than its resources say).
    pub conditional: bool,
    pub span: Span,
}

impl RoleInFile<'_> {
    /// Whether an `executionRoleArn` as a report writes it names this role: the expression of
    /// its ARN or name (`${ExecRole.Arn}`, `${aws_iam_role.exec.arn}`), or a literal ARN or
    /// name that ends in its literal name.
    pub fn is_named_by(&self, written: &str) -> bool {
        if let Some(expression) = written.strip_prefix("${").and_then(|w| w.strip_suffix('}')) {
            if !expression.contains("${") {
                return self.arn_expressions.iter().chain(&self.name_expressions).any(|e| e == expression);
            }
        }
        if written.contains("${") {
            return false;
        }
        let name = written.rsplit('/').next().unwrap_or(written);
        self.literal_name.as_deref() == Some(name)
    }
}
