//! Secret references computed when the template or module is deployed: `!Sub
//! "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db"`, `!Ref
//! DbSecret`, `"${aws_secretsmanager_secret.db.arn}:password::"`.
//!
//! What is written literally is checked as it would be in the API's JSON; what is not known
//! is never reported as malformed and never guessed. The checks read a [`Probe`]: the value
//! with each unknown part replaced by a token that no literal text holds, so that every
//! check of a literal reference runs unchanged, and a finding that touches a token is left
//! out ([`Reporter`]). The results are then written back with each part as the job's own
//! partition, region or account (from the options, or the placeholders) or as the
//! template's own expression (`${DbSecret}`), which is what the policy grants.

use super::classify::{classify, JobFields, Resolved};
use super::probe::{Piece, Probe, Token};
use super::reporter::Reporter;
use super::secrets_manager::{check_selectors, Selectors};
use crate::aws::arn::secret_name_pattern;
use crate::input::{Hint, Part, PartKind, Sources, Span, Symbolic};
use crate::options::Context;
use crate::references::{
    Grant, ReferenceKind, ReferenceSource, ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER, SECRETS_MANAGER_GET_SECRET_VALUE,
    SSM_GET_PARAMETERS,
};

/// Stems for the tokens: the first that the literal text does not hold is used, so a token
/// can only be found where it was put.
const STEMS: [&str; 6] = ["zqx", "qjz", "xqj", "jzq", "vqk", "kqv"];

impl Probe {
    pub fn new(symbolic: &Symbolic, node_span: Span, sources: &Sources<'_>) -> Probe {
        let lower = symbolic.text.to_ascii_lowercase();
        let stem = STEMS.iter().find(|s| !lower.contains(*s)).copied().unwrap_or("zqxjv");
        let mut probe = Probe { text: String::new(), tokens: Vec::new(), pieces: Vec::new() };
        let mut literal_start = None;
        let mut previous_part: Option<&Part> = None;
        let mut chars = symbolic.text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let Some(part) = symbolic.part_of(c) else {
                literal_start.get_or_insert(i);
                let at_end = chars.peek().is_none_or(|(_, next)| symbolic.part_of(*next).is_some());
                if at_end {
                    let from = literal_start.take().unwrap_or(i);
                    let literal = symbolic.text.get(from..i + c.len_utf8()).unwrap_or("");
                    let next_part = chars.peek().and_then(|(_, next)| symbolic.part_of(*next));
                    probe.push_literal(literal, previous_part, next_part, sources);
                }
                continue;
            };
            let start = probe.text.len();
            let text = format!("{stem}{}{stem}", probe.tokens.len());
            probe.text.push_str(&text);
            let span =
                Some(part.span).filter(|s| s.start < s.end && s.start >= node_span.start && s.end <= node_span.end);
            probe.pieces.push(Piece { start, end: probe.text.len(), span, verbatim: false });
            probe.tokens.push(Token { text, start, kind: part.kind, expression: format!("${{{}}}", part.source) });
            previous_part = Some(part);
        }
        probe
    }

    /// A run of literal text between two parts: in the input it is written between them,
    /// byte for byte, unless the form escaped it (then it maps to the whole value).
    fn push_literal(&mut self, literal: &str, before: Option<&Part>, after: Option<&Part>, sources: &Sources<'_>) {
        let start = self.text.len();
        self.text.push_str(literal);
        let len = u32::try_from(literal.len()).unwrap_or(u32::MAX);
        let guess = match (before, after) {
            (Some(before), _) => before.span.end.checked_add(len).map(|end| Span { start: before.span.end, end }),
            (None, Some(after)) => after.span.start.checked_sub(len).map(|start| Span { start, end: after.span.start }),
            (None, None) => None,
        };
        let span = guess.filter(|s| sources.input_slice(*s) == Some(literal));
        self.pieces.push(Piece { start, end: self.text.len(), span, verbatim: span.is_some() });
    }

    /// `s` (a result of the checks) with each token written back: the job's own partition,
    /// region and account, and every other part as the template's expression.
    fn resolve(&self, s: &str, ctx: &Context) -> String {
        let mut out = s.to_string();
        // Longest first, so that `zqx1zqx` never stands inside a longer token.
        let mut tokens: Vec<&Token> = self.tokens.iter().collect();
        tokens.sort_by_key(|t| std::cmp::Reverse(t.text.len()));
        for t in tokens {
            if out.contains(t.text.as_str()) {
                let value = match t.kind {
                    PartKind::Partition => ctx.partition.as_str(),
                    PartKind::Region => ctx.region.as_deref().unwrap_or(REGION_PLACEHOLDER),
                    PartKind::Account => ctx.account.as_deref().unwrap_or(ACCOUNT_PLACEHOLDER),
                    PartKind::Opaque(_) => t.expression.as_str(),
                };
                out = out.replace(t.text.as_str(), value);
            }
        }
        out
    }

    fn is_token_of(&self, field: Option<&str>, kind: PartKind) -> bool {
        field.is_some_and(|f| self.tokens.iter().any(|t| t.kind == kind && t.text == f))
    }

    /// The results of the checks with every token written back; the fields the job's own
    /// location filled are marked as such.
    fn resolve_all(&self, raw: Resolved, ctx: &Context) -> Resolved {
        let job_fields = JobFields {
            partition: raw.job_fields.partition || self.is_token_of(raw.partition.as_deref(), PartKind::Partition),
            region: raw.job_fields.region || self.is_token_of(raw.region.as_deref(), PartKind::Region),
            account: raw.job_fields.account || self.is_token_of(raw.account.as_deref(), PartKind::Account),
        };
        let map = |s: Option<String>| s.map(|s| self.resolve(&s, ctx));
        let not_placeholder = |s: Option<String>, placeholder: &str| s.filter(|s| s != placeholder);
        Resolved {
            kind: raw.kind,
            partition: map(raw.partition),
            region: not_placeholder(map(raw.region), REGION_PLACEHOLDER),
            account: not_placeholder(map(raw.account), ACCOUNT_PLACEHOLDER),
            resource_name: map(raw.resource_name),
            json_key: map(raw.json_key),
            version_stage: map(raw.version_stage),
            version_id: map(raw.version_id),
            resource_arn: map(raw.resource_arn),
            grants: raw
                .grants
                .into_iter()
                .map(|g| Grant { action: g.action, resource: self.resolve(&g.resource, ctx) })
                .collect(),
            job_fields,
        }
    }
}

/// Classifies a symbolic reference; `r` reads `probe`.
pub(super) fn classify_symbolic(
    symbolic: &Symbolic,
    probe: &Probe,
    source: ReferenceSource,
    ctx: &Context,
    r: &mut Reporter<'_, '_, '_>,
) -> Resolved {
    // A part the policy could not name as the input writes it: no expression (`!ImportValue`,
    // `!If`), or one whose own text holds a wildcard (`coalesce(var.name, "*")`, a splat), which
    // Terraform or CloudFormation would then write into the policy.
    if let Some(part) = symbolic.parts.iter().find(|p| p.source.trim().is_empty() || p.source.contains(['*', '?'])) {
        let because = if part.source.trim().is_empty() {
            "a part of it is a value the policy cannot name".to_string()
        } else {
            format!("`${{{}}}` may give a `*` or `?`, which the policy must not hold", part.source)
        };
        unknown(r, &symbolic.expression(), &because);
        return Resolved::default();
    }
    if let Some(part) = symbolic.single() {
        return whole_part(part, source, ctx, r);
    }
    let leading = symbolic.text.chars().next().and_then(|c| symbolic.part_of(c));
    if let Some(part @ Part { kind: PartKind::Opaque(hint), .. }) = leading {
        return after_leading_part(part, *hint, probe, source, r);
    }
    let raw = classify(&probe.text, source, ctx, r);
    let resolved = probe.resolve_all(raw, ctx);
    if resolved.kind == ReferenceKind::Invalid && r.suppressed > 0 {
        unknown(r, &symbolic.expression(), "its parts do not say which parameter or secret it is");
    } else if !resolved.grants.is_empty() && probe.has_opaque() {
        let parts: Vec<String> = symbolic
            .parts
            .iter()
            .filter(|p| matches!(p.kind, PartKind::Opaque(_)))
            .map(|p| format!("`${{{}}}`", p.source))
            .collect();
        r.sink.report(
            &super::DEPLOY_TIME_RESOURCE,
            r.node.span,
            r.pointer.to_string(),
            format!("the policy names this reference with {} as the input writes it: the value is known only when it is deployed", parts.join(", ")),
        );
    }
    resolved
}

/// A reference that is one part (`!Ref DbSecret`, `aws_ssm_parameter.db.arn`): what it names
/// is what the resource it comes from gives.
fn whole_part(part: &Part, source: ReferenceSource, ctx: &Context, r: &mut Reporter<'_, '_, '_>) -> Resolved {
    let expression = format!("${{{}}}", part.source);
    let repository = source == ReferenceSource::RepositoryCredentials;
    let job_location = JobFields { partition: true, region: true, account: true };
    match part.kind {
        PartKind::Opaque(Some(Hint::SecretArn)) => Resolved {
            kind: ReferenceKind::SecretsManagerArn,
            grants: vec![Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: expression.clone() }],
            resource_arn: Some(expression),
            job_fields: job_location,
            ..Resolved::default()
        },
        PartKind::Opaque(Some(Hint::SsmParameterArn | Hint::SsmParameterName)) if repository => {
            report_known(
                r,
                &super::REPOSITORY_CREDENTIALS_NOT_SECRET,
                format!("`{expression}` is an SSM parameter, but repository credentials are read from Secrets Manager"),
            );
            Resolved::default()
        }
        PartKind::Opaque(Some(Hint::SsmParameterArn)) => Resolved {
            kind: ReferenceKind::SsmParameterArn,
            grants: vec![Grant { action: SSM_GET_PARAMETERS, resource: expression.clone() }],
            resource_arn: Some(expression),
            job_fields: job_location,
            ..Resolved::default()
        },
        PartKind::Opaque(Some(Hint::SsmParameterName)) => {
            // The ARN of a parameter drops one leading slash of its name, which is not known.
            unknown(
                r,
                &expression,
                "it is the name of an SSM parameter, and its ARN depends on whether the name starts with `/`",
            );
            Resolved { kind: ReferenceKind::SsmParameterName, job_fields: job_location, ..Resolved::default() }
        }
        PartKind::Opaque(Some(Hint::SecretName)) if repository => {
            let (region, account) = super::classify::job_location(ctx);
            let arn = crate::aws::arn::secret_arn(&ctx.partition, region, account, &secret_name_pattern(&expression));
            Resolved {
                kind: ReferenceKind::SecretsManagerName,
                partition: Some(ctx.partition.clone()),
                region: ctx.region.clone(),
                account: ctx.account.clone(),
                grants: vec![Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: arn.clone() }],
                resource_arn: Some(arn),
                job_fields: job_location,
                ..Resolved::default()
            }
        }
        PartKind::Opaque(Some(Hint::SecretName)) => {
            report_known(r, &super::SECRET_NAME_AS_PARAMETER, format!("`{expression}` is the name of a Secrets Manager secret, but a name in `valueFrom` is read from Parameter Store"))
                .help("Give the secret's ARN: `!Ref` of an `AWS::SecretsManager::Secret` is its ARN, and so is `aws_secretsmanager_secret.NAME.arn`.");
            Resolved::default()
        }
        PartKind::Opaque(Some(hint @ (Hint::RoleArn | Hint::RoleName | Hint::KmsKeyArn | Hint::KmsKeyId))) => {
            let what = match hint {
                Hint::RoleArn | Hint::RoleName => "an IAM role",
                _ => "a KMS key",
            };
            report_known(
                r,
                &super::UNSUPPORTED_SERVICE,
                format!("`{expression}` is {what}, not an SSM parameter or a Secrets Manager secret"),
            );
            Resolved::default()
        }
        PartKind::Opaque(_) | PartKind::Partition | PartKind::Region | PartKind::Account => {
            unknown(r, &expression, "nothing in the input says what it names");
            Resolved::default()
        }
    }
}

/// A reference that starts with a part and goes on in literal text: a secret's ARN with a
/// selector (`${aws_secretsmanager_secret.db.arn}:password::`) is the one common case.
fn after_leading_part(
    part: &Part,
    hint: Option<Hint>,
    probe: &Probe,
    source: ReferenceSource,
    r: &mut Reporter<'_, '_, '_>,
) -> Resolved {
    let expression = format!("${{{}}}", part.source);
    let token_len = probe.tokens.first().map_or(0, |t| t.text.len());
    let rest = probe.text.get(token_len..).unwrap_or("");
    let literal_rest = probe.tokens.len() == 1;
    match hint {
        Some(Hint::SecretArn) if literal_rest && rest.starts_with(':') => {
            let fields: Vec<&str> = rest.get(1..).unwrap_or("").split(':').collect();
            let [json_key, stage, id] = fields.as_slice() else {
                report_known(r, &super::SECRET_SELECTOR_FIELDS, format!("a secret selector needs 3 fields after the secret (`:json-key:version-stage:version-id`); this one has {}", fields.len()))
                    .help(format!("Write `{expression}:json-key:version-stage:version-id`, keeping the colons of empty fields: `{expression}:{}::`.", fields.first().copied().unwrap_or("")));
                return Resolved::default();
            };
            let selectors = Selectors { given: true, json_key, stage, id };
            if !check_selectors(&probe.text, &selectors, token_len, source == ReferenceSource::RepositoryCredentials, r)
            {
                return Resolved::default();
            }
            let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
            Resolved {
                kind: ReferenceKind::SecretsManagerArn,
                json_key: non_empty(json_key),
                version_stage: non_empty(stage),
                version_id: non_empty(id),
                grants: vec![Grant { action: SECRETS_MANAGER_GET_SECRET_VALUE, resource: expression.clone() }],
                resource_arn: Some(expression),
                job_fields: JobFields { partition: true, region: true, account: true },
                ..Resolved::default()
            }
        }
        _ => {
            unknown(
                r,
                &super::reporter::truncate(&expression),
                "it starts with a value known only when it is deployed",
            );
            Resolved::default()
        }
    }
}

/// A finding about what a part is known to be, which no token stands in for.
fn report_known<'r>(
    r: &'r mut Reporter<'_, '_, '_>,
    rule: &'static crate::rule::Rule,
    message: String,
) -> crate::diagnostic::Pending<'r> {
    r.sink.report(rule, r.node.span, r.pointer.to_string(), message)
}

fn unknown(r: &mut Reporter<'_, '_, '_>, expression: &str, because: &str) {
    report_known(
        r,
        &super::UNKNOWN_REFERENCE,
        format!(
            "`{expression}` is known only when it is deployed, and {because}: the policy leaves this reference out"
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::{reference, Owner};
    use crate::diagnostic::Sink;
    use crate::input::{Hint, Node, Part, PartKind, Sources, Span, Symbolic, Value};
    use crate::options::Options;
    use crate::references::{JobFields, ReferenceKind, ReferenceSource, SecretReference};

    /// The symbolic value of `line`'s quoted text, as a front-end reads a `!Sub` string:
    /// each `${X}` is a part spanning it, its kind told by `kind_of`.
    fn symbolic<'a>(line: &'a str, kind_of: &dyn Fn(&str) -> PartKind) -> Node<'a> {
        let start = line.find('"').unwrap();
        let end = line.rfind('"').unwrap() + 1;
        let (mut text, mut parts) = (String::new(), Vec::new());
        let mut i = start + 1;
        while i < end - 1 {
            if line[i..].starts_with("${") {
                let close = i + line[i..].find('}').unwrap();
                let source = &line[i + 2..close];
                text.push(Symbolic::marker(parts.len()));
                parts.push(Part { kind: kind_of(source), source: source.to_string(), span: Span::new(i, close + 1) });
                i = close + 1;
            } else {
                let c = line[i..].chars().next().unwrap();
                text.push(c);
                i += c.len_utf8();
            }
        }
        Node { span: Span::new(start, end), value: Value::Symbolic(Box::new(Symbolic { text, parts })) }
    }

    fn pseudo(source: &str) -> PartKind {
        match source {
            "AWS::Partition" | "data.aws_partition.current.partition" => PartKind::Partition,
            "AWS::Region" | "data.aws_region.current.name" => PartKind::Region,
            "AWS::AccountId" | "data.aws_caller_identity.current.account_id" => PartKind::Account,
            "DbSecret" | "aws_secretsmanager_secret.db.arn" => PartKind::Opaque(Some(Hint::SecretArn)),
            "DbParameter" => PartKind::Opaque(Some(Hint::SsmParameterName)),
            "ExecRole.Arn" => PartKind::Opaque(Some(Hint::RoleArn)),
            _ => PartKind::Opaque(None),
        }
    }

    struct Checked {
        reference: SecretReference,
        spans: Vec<Span>,
        /// `(code, the input's text at the finding)`
        findings: Vec<(&'static str, String)>,
    }

    fn check(line: &str, options: Options, source: ReferenceSource) -> Checked {
        let node = symbolic(line, &pseudo);
        let sources = Sources::new(line);
        let mut sink = Sink::default();
        let ctx = options.resolve(&mut sink);
        let owner = Owner {
            job_definition: None,
            container: "/containerProperties".to_string(),
            container_name: None,
            execution_role_arn: None,
            role_span: None,
            role_pointer: None,
        };
        let reference = reference(&node, &sources, "/p".to_string(), source, None, &owner, &ctx, &mut sink);
        let findings = sink
            .findings()
            .iter()
            .map(|f| (f.rule.code, line[f.span.start as usize..f.span.end as usize].to_string()))
            .collect();
        let spans = sink.findings().iter().map(|f| f.span).collect();
        Checked { reference, findings, spans }
    }

    fn grants(c: &Checked) -> Vec<&str> {
        c.reference.grants.iter().map(|g| g.resource.as_str()).collect()
    }

    const SSM_SUB: &str =
        r#"ValueFrom: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db""#;

    #[test]
    fn pseudo_parameters_are_the_jobs_own_location() {
        let c = check(SSM_SUB, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings, vec![]);
        assert_eq!(c.reference.kind, ReferenceKind::SsmParameterArn);
        assert_eq!(grants(&c), ["arn:aws:ssm:${Region}:${Account}:parameter/app/db"]);
        assert_eq!(
            c.reference.value_from,
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db"
        );
        assert_eq!((c.reference.region.as_deref(), c.reference.account.as_deref()), (None, None));
        assert_eq!(c.reference.job_fields, JobFields::ALL);

        let given =
            Options { region: Some("eu-west-1".into()), account_id: Some("123456789012".into()), ..Options::default() };
        let c = check(SSM_SUB, given, ReferenceSource::Secrets);
        assert_eq!(c.findings, vec![], "the job's own region is no other region");
        assert_eq!(grants(&c), ["arn:aws:ssm:eu-west-1:123456789012:parameter/app/db"]);
        assert_eq!(c.reference.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn literal_mistakes_are_found_at_their_place_in_the_template() {
        let line = r#"ValueFrom: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter:/app/db""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings, vec![("BL308", ":".to_string())]);
        let colon = line.rfind("r:/").unwrap() + 1;
        assert_eq!(c.spans, vec![Span::new(colon, colon + 1)]);
        assert!(c.reference.grants.is_empty());

        let line = r#"ValueFrom: !Sub "arn:aws:sm:${AWS::Region}:${AWS::AccountId}:secret:db""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings, vec![("BL304", "sm".to_string())]);
    }

    /// Found by the `cloudformation` fuzz target: literal text beside `${AWS::Region}` in the
    /// region field was copied into the policy (`arn:aws:ssm:*** eu-west-1:…`, a wildcard).
    #[test]
    fn a_field_that_mixes_literal_text_with_the_jobs_location_is_refused_not_granted() {
        let given =
            Options { region: Some("eu-west-1".into()), account_id: Some("123456789012".into()), ..Options::default() };
        let cases = [
            (
                r#"ValueFrom: !Sub "arn:aws:ssm:** && *${AWS::Region}:${AWS::AccountId}:parameter/app/db""#,
                ("BL305", "** && *${AWS::Region}"),
            ),
            (
                r#"ValueFrom: !Sub "arn:aws:ssm:${AWS::Region}:*${AWS::AccountId}:parameter/app/db""#,
                ("BL306", "*${AWS::AccountId}"),
            ),
            (
                r#"ValueFrom: !Sub "arn:x${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db""#,
                ("BL303", "x${AWS::Partition}"),
            ),
            (r#"value_from = "arn:aws:ssm:${var.region}*:123456789012:parameter/app/db""#, ("BL305", "${var.region}*")),
            // Found by the `cloudformation` target: a literal region that is no region, beside
            // a partition computed at deploy time.
            (
                r#"ValueFrom: !Sub "arn:${AWS::Partition}:secretsmanager:$&l&*[ion}:${AWS::AccountId}:secret:db-AbCdEf""#,
                ("BL305", "$&l&*[ion}"),
            ),
            // The job's account in the region field.
            (
                r#"ValueFrom: !Sub "arn:aws:ssm:${AWS::AccountId}:${AWS::Region}:parameter/app/db""#,
                ("BL305", "${AWS::AccountId}"),
            ),
            // Found by the `terraform_module` target: `?` after the caller's account ID.
            (
                r#"value_from = "arn:aws:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}?:parameter/api""#,
                ("BL306", "${data.aws_caller_identity.current.account_id}?"),
            ),
        ];
        for (line, (code, at)) in cases {
            let c = check(line, given.clone(), ReferenceSource::Secrets);
            assert_eq!(c.findings, vec![(code, at.to_string())], "{line}");
            assert!(c.reference.grants.is_empty(), "{line}: {:?}", grants(&c));
        }
        let c = check(
            r#"ValueFrom: !Sub "arn:aws:ssm:** && *${AWS::Region}:${AWS::AccountId}:parameter/app/db""#,
            given,
            ReferenceSource::Secrets,
        );
        assert_eq!(c.reference.kind, ReferenceKind::Invalid,);
    }

    /// A function's or a conditional's own text may hold a wildcard, which Terraform would
    /// write into the policy; a part with no expression cannot be written at all.
    #[test]
    fn a_part_that_may_give_a_wildcard_or_has_no_expression_is_not_granted() {
        for line in [
            r#"value_from = "arn:aws:ssm:eu-west-1:123456789012:parameter/${coalesce(var.name, "*")}""#,
            r#"value_from = "/app/${var.prod ? "db" : "?"}""#,
            r#"value_from = "${aws_ssm_parameter.all[*].arn}""#,
            r#"ValueFrom: !Sub "/app/${}""#,
        ] {
            let c = check(line, Options::default(), ReferenceSource::Secrets);
            assert!(c.reference.grants.is_empty(), "{line}: {:?}", grants(&c));
            assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL325"], "{line}");
        }
    }

    #[test]
    fn unknown_parts_are_granted_as_the_input_writes_them() {
        let line = r#"ValueFrom: !Sub "/${Env}/db/password""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(grants(&c), ["arn:aws:ssm:${Region}:${Account}:parameter/${Env}/db/password"]);
        assert_eq!(c.reference.resource_name.as_deref(), Some("/${Env}/db/password"));
        assert_eq!(c.findings, vec![("BL326", r#""/${Env}/db/password""#.to_string())]);

        // A Terraform variable in the region field: not the job's region, and not checked.
        let line =
            r#"value_from = "arn:aws:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:parameter/x""#;
        let c =
            check(line, Options { region: Some("us-east-1".into()), ..Options::default() }, ReferenceSource::Secrets);
        assert_eq!(grants(&c), ["arn:aws:ssm:${var.region}:${Account}:parameter/x"]);
        assert_eq!(c.reference.region.as_deref(), Some("${var.region}"));
        assert_eq!(c.reference.job_fields, JobFields { partition: false, region: false, account: true });
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL326"]);
    }

    #[test]
    fn a_secret_name_that_ends_unknown_is_granted_with_and_without_the_suffix() {
        let line = r#"ValueFrom: !Sub "arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SecretName}""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(
            grants(&c),
            [
                "arn:aws:secretsmanager:${Region}:${Account}:secret:${SecretName}",
                "arn:aws:secretsmanager:${Region}:${Account}:secret:${SecretName}-??????",
            ]
        );
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL326"], "no BL313 for an unknown end");
    }

    #[test]
    fn a_whole_part_is_what_its_resource_gives() {
        let c = check(r#"ValueFrom: "${DbSecret}""#, Options::default(), ReferenceSource::Secrets);
        assert_eq!((c.reference.kind, grants(&c)), (ReferenceKind::SecretsManagerArn, vec!["${DbSecret}"]));
        assert_eq!(c.findings, vec![]);

        let c = check(r#"ValueFrom: "${DbParameter}""#, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL325"]);
        assert!(c.reference.grants.is_empty());

        let c = check(r#"ValueFrom: "${ExecRole.Arn}""#, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings, vec![("BL304", r#""${ExecRole.Arn}""#.to_string())]);

        let c = check(r#"ValueFrom: "${SomeParameter}""#, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL325"]);
    }

    #[test]
    fn a_secret_arn_with_a_selector_keeps_its_json_key() {
        let line = r#"value_from = "${aws_secretsmanager_secret.db.arn}:password::""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings, vec![]);
        assert_eq!(grants(&c), ["${aws_secretsmanager_secret.db.arn}"]);
        assert_eq!(c.reference.json_key.as_deref(), Some("password"));

        let line = r#"value_from = "${aws_secretsmanager_secret.db.arn}:password""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL311"]);

        let c = check(
            r#"x: "${aws_secretsmanager_secret.db.arn}:a::""#,
            Options::default(),
            ReferenceSource::RepositoryCredentials,
        );
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL321"]);
    }

    #[test]
    fn an_unknown_service_leaves_the_reference_unknown() {
        let line = r#"ValueFrom: !Sub "arn:aws:${Service}:us-east-1:123456789012:parameter/x""#;
        let c = check(line, Options::default(), ReferenceSource::Secrets);
        assert_eq!(c.findings.iter().map(|f| f.0).collect::<Vec<_>>(), ["BL325"]);
    }
}
