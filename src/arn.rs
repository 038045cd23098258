//! ARNs: `arn:partition:service:region:account:resource`.

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
