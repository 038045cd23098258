//! ARNs: `arn:partition:service:region:account:resource`, parsed, and built for the
//! parameters and secrets that a policy grants.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// Everything after the fifth colon, colons included.
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits an ARN into its six fields. Only the shape is checked here (the `arn:` prefix
    /// and five colons); what each field may hold is for the rules to judge and explain.
    pub fn parse(s: &'a str) -> Option<Arn<'a>> {
        let rest = s.strip_prefix("arn:")?;
        let mut fields = rest.splitn(5, ':');
        let partition = fields.next()?;
        let service = fields.next()?;
        let region = fields.next()?;
        let account = fields.next()?;
        let resource = fields.next()?;
        Some(Arn { partition, service, region, account, resource })
    }
}

impl fmt::Display for Arn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "arn:{}:{}:{}:{}:{}", self.partition, self.service, self.region, self.account, self.resource)
    }
}

/// The ARN of an SSM parameter: one leading slash of the name is dropped, never `parameter//`.
/// A public parameter's ARN has an empty account field, whatever `account` says.
pub fn ssm_parameter_arn(partition: &str, region: &str, account: &str, name: &str) -> String {
    let name = name.strip_prefix('/').unwrap_or(name);
    let account = if is_public_parameter(name) { "" } else { account };
    format!("arn:{partition}:ssm:{region}:{account}:parameter/{name}")
}

/// A public parameter, `/aws/service/…` (with or without its leading slash): AWS owns it, its
/// ARN has an empty account field (`arn:aws:ssm:us-east-2::parameter/aws/service/…`, SSM User
/// Guide, "Working with public parameters"), and no customer-managed key encrypts it.
pub fn is_public_parameter(name: &str) -> bool {
    name.strip_prefix('/').unwrap_or(name).starts_with("aws/service/")
}

/// The ARN of a Secrets Manager secret; `name` is the name with its suffix, or the name
/// followed by `-??????` when the suffix is unknown.
pub fn secret_arn(partition: &str, region: &str, account: &str, name: &str) -> String {
    format!("arn:{partition}:secretsmanager:{region}:{account}:secret:{name}")
}

/// The pattern that matches a secret whose 6-character suffix is unknown: exactly one `-`
/// and six characters, never `NAME-*` (which also matches `NAME-admin-AbCdEf`).
pub fn secret_name_pattern(name: &str) -> String {
    format!("{name}-??????")
}

/// What the end of a secret name in an ARN says about the suffix Secrets Manager appends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSuffix {
    /// `-` and six mixed letters and digits, such as `-AbCdEf`: a complete ARN.
    Present,
    /// No `-` and six alphanumerics at the end: a partial ARN.
    Absent,
    /// `-` and six characters of one kind (`-master`, `-CONFIG`, `-202401`): a word or number
    /// in the name as often as a suffix. The odds that a random suffix is all lower case are
    /// about 1 in 200, while names like `db-master` are common.
    Ambiguous,
}

pub fn secret_suffix(name: &str) -> SecretSuffix {
    let bytes = name.as_bytes();
    let tail = bytes.get(bytes.len().saturating_sub(6)..).unwrap_or(&[]);
    let dash = bytes.len() > 7 && bytes.get(bytes.len() - 7) == Some(&b'-');
    if !dash || !tail.iter().all(u8::is_ascii_alphanumeric) {
        return SecretSuffix::Absent;
    }
    let one_kind =
        [u8::is_ascii_lowercase, u8::is_ascii_uppercase, u8::is_ascii_digit].iter().any(|kind| tail.iter().all(kind));
    if one_kind {
        SecretSuffix::Ambiguous
    } else {
        SecretSuffix::Present
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "arn:aws:ssm:us-east-1:123456789012:parameter/a/b",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::",
            "arn:aws:iam::123456789012:role/exec",
            "arn:aws-cn:kms:cn-north-1:123456789012:alias/x",
        ] {
            assert_eq!(Arn::parse(s).unwrap().to_string(), s);
        }
        let a = Arn::parse("arn:aws:iam::123456789012:role/exec").unwrap();
        assert_eq!((a.service, a.region, a.account, a.resource), ("iam", "", "123456789012", "role/exec"));
        assert_eq!(Arn::parse("arn:aws:ssm:us-east-1"), None);
        assert_eq!(Arn::parse("ssm:aws:x:y:z:w"), None);
    }
}
