//! A small, independent IAM resource matcher and report sanity checks, shared by
//! `tests/properties.rs` and `tests/bad_input.rs`. Written from the IAM documentation, not
//! from batchlint's code, so that the properties check the policy against IAM's semantics.

use batchlint::{Report, RolePolicy};

/// IAM's wildcard match within one string: `*` matches any run of characters (including
/// none, and including `/` and `:`), `?` exactly one character; everything else literally
/// and case-sensitively.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matcher with backtracking to the last `*`.
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && p[pi] == t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// How IAM matches a policy `Resource` against a requested ARN: both split into the six ARN
/// fields; partition, service, region and account are matched field by field (a wildcard
/// does not cross a `:` there); the resource field is matched as a whole, where `*` may span
/// `/` and `:`. A bare `*` matches everything.
pub fn resource_matches(pattern: &str, arn: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let pf: Vec<&str> = pattern.splitn(6, ':').collect();
    let af: Vec<&str> = arn.splitn(6, ':').collect();
    if pf.len() != 6 || af.len() != 6 {
        return false;
    }
    pf.iter().zip(af.iter()).all(|(p, a)| glob(p, a))
}

/// Whether `policy` allows `action` on `arn` (conditions ignored; kms is checked apart).
pub fn allows(policy: &RolePolicy, action: &str, arn: &str) -> bool {
    policy.document.statement.iter().any(|s| {
        s.effect == "Allow"
            && s.action.iter().any(|a| glob(a, action))
            && s.resource.iter().any(|r| resource_matches(r, arn))
    })
}

pub fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// What must hold for every report: positions inside the text, known codes, only the three
/// actions, no `*` resource.
pub fn assert_sane(text: &str, report: &Report) {
    let len16 = utf16_len(text);
    let codes: Vec<&str> = batchlint::registry::all().iter().map(|r| r.code).collect();
    for d in &report.diagnostics {
        assert!(codes.contains(&d.code), "unknown code {}", d.code);
        assert!(
            d.range.start.offset <= d.range.end.offset && d.range.end.offset <= len16,
            "{} range {:?} outside {len16}",
            d.code,
            d.range
        );
        assert!(d.range.start.line >= 1 && d.range.start.column >= 1);
    }
    for r in &report.references {
        assert!(
            r.range.start.offset <= r.range.end.offset && r.range.end.offset <= len16,
            "{} range outside the text",
            r.path
        );
    }
    for p in &report.policies {
        for s in &p.document.statement {
            for a in &s.action {
                assert!(
                    ["ssm:GetParameters", "secretsmanager:GetSecretValue", "kms:Decrypt"].contains(a),
                    "action {a}"
                );
            }
            for r in &s.resource {
                assert_ne!(r, "*");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_follows_iam() {
        assert!(glob("db-??????", "db-AbCdEf"));
        assert!(!glob("db-??????", "db-AbCdE"));
        assert!(!glob("db-??????", "db-admin-AbCdEf"));
        assert!(glob("db-*", "db-admin-AbCdEf"));
        assert!(glob("a*b*c", "aXXbYYc"));
        assert!(!glob("a*b*c", "aXXbYY"));
        assert!(glob("*", ""));
        assert!(resource_matches(
            "arn:aws:kms:eu-west-1:123456789012:key/*",
            "arn:aws:kms:eu-west-1:123456789012:key/abc"
        ));
        assert!(resource_matches(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:*",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a:b"
        ));
        assert!(!resource_matches(
            "arn:aws:ssm:*:123456789012:parameter/x",
            "arn:aws:ssm:eu:west:123456789012:parameter/x"
        ));
    }
}
