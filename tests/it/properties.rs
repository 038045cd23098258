//! Properties of the generated policy, checked with proptest against an independent IAM
//! matcher (`tests/iam_matcher`): coverage (every resource the ECS agent will request is
//! allowed), least privilege (nothing else is, near misses included), determinism, and the
//! ARN round trip. Case counts are in `CASES` (RELIABILITY.md records them).

use crate::iam_matcher;

use batchlint::aws::Arn;
use batchlint::aws::PARTITIONS;
use batchlint::{analyze, Options, Report};
use iam_matcher::resource_matches;
use proptest::prelude::*;
use proptest::sample::select;

const CASES: u32 = 1000;
const SSM: &str = "ssm:GetParameters";
const SM: &str = "secretsmanager:GetSecretValue";
const KMS: &str = "kms:Decrypt";

/// Where the job runs.
#[derive(Debug, Clone)]
struct Place {
    partition: &'static str,
    region: &'static str,
    account: String,
}

fn place() -> impl Strategy<Value = Place> {
    (0..PARTITIONS.len(), any::<prop::sample::Index>(), "[0-9]{12}").prop_map(|(p, r, account)| {
        let part = &PARTITIONS[p];
        Place { partition: part.id, region: part.regions[r.index(part.regions.len())].0, account }
    })
}

/// A level of an SSM name. The first character is never `a` or `s`, so that no name starts
/// with the reserved `aws`/`ssm`.
fn ssm_name() -> impl Strategy<Value = String> {
    (prop::collection::vec("[b-rt-zB-RT-Z0-9][a-zA-Z0-9_.-]{0,7}", 1..4), any::<bool>()).prop_map(|(levels, slash)| {
        let joined = levels.join("/");
        if levels.len() > 1 || slash {
            format!("/{joined}")
        } else {
            joined
        }
    })
}

/// A secret name without the `-XXXXXX` look of a suffix (that would make it a complete ARN),
/// sometimes with the `service!` prefix of a secret that an AWS service manages (`rds!db-…`).
fn secret_name() -> impl Strategy<Value = String> {
    (select(vec!["", "", "", "rds!", "redshift!"]), "[b-rt-zB-RT-Z][a-zA-Z0-9/_+=.@-]{0,14}")
        .prop_map(|(service, name)| format!("{service}{name}"))
        .prop_filter("looks suffixed", |n| !looks_suffixed(n))
}

fn looks_suffixed(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 7 && b[b.len() - 7] == b'-' && b[b.len() - 6..].iter().all(u8::is_ascii_alphanumeric)
}

fn suffix() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]{6}"
}

/// A suffix of one kind of character (`aaaaaa`, `MASTER`, `202401`) reads as part of a name as
/// well: batchlint then grants both readings, `NAME-s` and `NAME-s-??????`.
fn one_kind(suffix: &str) -> bool {
    [u8::is_ascii_lowercase, u8::is_ascii_uppercase, u8::is_ascii_digit]
        .iter()
        .any(|kind| suffix.bytes().all(|b| kind(&b)))
}

/// The needs of a complete secret ARN `prefix-suffix`.
fn complete_secret(prefix: String, suffix: &str) -> Vec<Need> {
    let full = format!("{prefix}-{suffix}");
    if one_kind(suffix) {
        vec![Need::Exact(SM, full.clone()), Need::AnySuffix(SM, full)]
    } else {
        vec![Need::Exact(SM, full)]
    }
}

#[derive(Debug, Clone)]
enum Selector {
    None,
    JsonKey(String),
    Stage(String),
    KeyAndId(String, String),
}

fn selector() -> impl Strategy<Value = Selector> {
    prop_oneof![
        Just(Selector::None),
        "[a-z]{1,8}".prop_map(Selector::JsonKey),
        select(vec!["AWSCURRENT", "AWSPREVIOUS", "blue"]).prop_map(|s| Selector::Stage(s.to_string())),
        ("[a-z]{0,8}", "[0-9a-f]{32}").prop_map(|(k, id)| Selector::KeyAndId(k, id)),
    ]
}

impl Selector {
    fn text(&self) -> String {
        match self {
            Selector::None => String::new(),
            Selector::JsonKey(k) => format!(":{k}::"),
            Selector::Stage(s) => format!("::{s}:"),
            Selector::KeyAndId(k, id) => format!(":{k}::{id}"),
        }
    }
}

/// Where an ARN reference points: the job's region/account or another one of the partition.
#[derive(Debug, Clone)]
struct Elsewhere {
    region: Option<prop::sample::Index>,
    account: Option<String>,
}

fn elsewhere() -> impl Strategy<Value = Elsewhere> {
    (prop::option::of(any::<prop::sample::Index>()), prop::option::weighted(0.3, "[0-9]{12}"))
        .prop_map(|(region, account)| Elsewhere { region, account })
}

impl Elsewhere {
    fn resolve(&self, at: &Place) -> (String, String) {
        let part = PARTITIONS.iter().find(|p| p.id == at.partition).unwrap();
        let region = self.region.map_or(at.region, |i| part.regions[i.index(part.regions.len())].0);
        (region.to_string(), self.account.clone().unwrap_or_else(|| at.account.clone()))
    }
}

#[derive(Debug, Clone)]
enum Ref {
    SsmName(String),
    SsmArn(Elsewhere, String),
    /// A public parameter `/aws/service/NAME`, by name or (with the region) by its account-less ARN.
    Public(Option<prop::sample::Index>, String),
    AwsReference(String),
    SecretFull(Elsewhere, String, String, Selector),
    SecretPartial(Elsewhere, String, Selector),
}

fn reference() -> impl Strategy<Value = Ref> {
    prop_oneof![
        ssm_name().prop_map(Ref::SsmName),
        // In the job's account: ECS reads no parameter of another account (BL406).
        (elsewhere(), ssm_name()).prop_map(|(e, n)| Ref::SsmArn(Elsewhere { account: None, ..e }, n)),
        (prop::option::of(any::<prop::sample::Index>()), "[a-z0-9-]{1,12}(/[a-z0-9-]{1,12}){0,2}")
            .prop_map(|(region, n)| Ref::Public(region, n)),
        secret_name().prop_map(Ref::AwsReference),
        (elsewhere(), secret_name(), suffix(), selector()).prop_map(|(e, n, s, sel)| Ref::SecretFull(e, n, s, sel)),
        (elsewhere(), secret_name(), selector()).prop_map(|(e, n, sel)| Ref::SecretPartial(e, n, sel)),
    ]
}

#[derive(Debug, Clone)]
enum RepoCreds {
    Name(String),
    Arn(Elsewhere, String, Option<String>),
}

fn repo_creds() -> impl Strategy<Value = Option<RepoCreds>> {
    prop::option::weighted(
        0.4,
        prop_oneof![
            secret_name().prop_map(RepoCreds::Name),
            (elsewhere(), secret_name(), prop::option::of(suffix())).prop_map(|(e, n, s)| RepoCreds::Arn(e, n, s))
        ],
    )
}

/// What the policy must allow, as the model (not batchlint) sees it.
#[derive(Debug, Clone, PartialEq)]
enum Need {
    /// This exact ARN.
    Exact(&'static str, String),
    /// `prefix-` followed by exactly six characters (the unknown suffix).
    AnySuffix(&'static str, String),
}

impl Need {
    fn covers(&self, action: &str, arn: &str) -> bool {
        match self {
            Need::Exact(a, x) => *a == action && x == arn,
            Need::AnySuffix(a, prefix) => {
                *a == action
                    && arn
                        .strip_prefix(prefix.as_str())
                        .and_then(|r| r.strip_prefix('-'))
                        .is_some_and(|r| r.chars().count() == 6)
            }
        }
    }

    /// A concrete resource the agent would request.
    fn sample(&self, suffix: &str) -> (&'static str, String) {
        match self {
            Need::Exact(a, x) => (a, x.clone()),
            Need::AnySuffix(a, prefix) => (a, format!("{prefix}-{suffix}")),
        }
    }
}

fn ssm_arn(p: &Place, region: &str, account: &str, name: &str) -> String {
    format!("arn:{}:ssm:{region}:{account}:parameter/{}", p.partition, name.strip_prefix('/').unwrap_or(name))
}

fn secret_prefix(p: &Place, region: &str, account: &str, name: &str) -> String {
    format!("arn:{}:secretsmanager:{region}:{account}:secret:{name}", p.partition)
}

impl Ref {
    /// The region of a public parameter: the job's for a name, any of the partition's for an ARN.
    fn public_region(&self, p: &Place) -> &'static str {
        match self {
            Ref::Public(Some(i), _) => {
                let part = PARTITIONS.iter().find(|x| x.id == p.partition).unwrap();
                part.regions[i.index(part.regions.len())].0
            }
            _ => p.region,
        }
    }

    fn public_name(&self) -> &str {
        match self {
            Ref::Public(_, n) => n,
            _ => "",
        }
    }

    fn value_from(&self, p: &Place) -> String {
        match self {
            Ref::SsmName(n) => n.clone(),
            Ref::SsmArn(e, n) => {
                let (r, a) = e.resolve(p);
                ssm_arn(p, &r, &a, n)
            }
            Ref::Public(None, n) => format!("/aws/service/{n}"),
            Ref::Public(Some(_), n) => {
                format!("arn:{}:ssm:{}::parameter/aws/service/{n}", p.partition, self.public_region(p))
            }
            Ref::AwsReference(n) => format!("/aws/reference/secretsmanager/{n}"),
            Ref::SecretFull(e, n, s, sel) => {
                let (r, a) = e.resolve(p);
                format!("{}-{s}{}", secret_prefix(p, &r, &a, n), sel.text())
            }
            Ref::SecretPartial(e, n, sel) => {
                let (r, a) = e.resolve(p);
                format!("{}{}", secret_prefix(p, &r, &a, n), sel.text())
            }
        }
    }

    fn needs(&self, p: &Place) -> Vec<Need> {
        match self {
            Ref::SsmName(n) => vec![Need::Exact(SSM, ssm_arn(p, p.region, &p.account, n))],
            Ref::SsmArn(e, n) => {
                let (r, a) = e.resolve(p);
                vec![Need::Exact(SSM, ssm_arn(p, &r, &a, n))]
            }
            // AWS owns public parameters: their ARNs have an empty account field.
            Ref::Public(..) => vec![Need::Exact(
                SSM,
                ssm_arn(p, self.public_region(p), "", &format!("aws/service/{}", self.public_name())),
            )],
            Ref::AwsReference(n) => vec![
                Need::Exact(SSM, ssm_arn(p, p.region, &p.account, &format!("/aws/reference/secretsmanager/{n}"))),
                Need::AnySuffix(SM, secret_prefix(p, p.region, &p.account, n)),
            ],
            Ref::SecretFull(e, n, s, _) => {
                let (r, a) = e.resolve(p);
                complete_secret(secret_prefix(p, &r, &a, n), s)
            }
            Ref::SecretPartial(e, n, _) => {
                let (r, a) = e.resolve(p);
                vec![Need::AnySuffix(SM, secret_prefix(p, &r, &a, n))]
            }
        }
    }
}

impl RepoCreds {
    fn value(&self, p: &Place) -> String {
        match self {
            RepoCreds::Name(n) => n.clone(),
            RepoCreds::Arn(e, n, s) => {
                let (r, a) = e.resolve(p);
                format!("{}{}", secret_prefix(p, &r, &a, n), s.as_ref().map(|s| format!("-{s}")).unwrap_or_default())
            }
        }
    }

    fn needs(&self, p: &Place) -> Vec<Need> {
        match self {
            RepoCreds::Name(n) => vec![Need::AnySuffix(SM, secret_prefix(p, p.region, &p.account, n))],
            RepoCreds::Arn(e, n, s) => {
                let (r, a) = e.resolve(p);
                match s {
                    Some(s) => complete_secret(secret_prefix(p, &r, &a, n), s),
                    None => vec![Need::AnySuffix(SM, secret_prefix(p, &r, &a, n))],
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Kms {
    KeyId(String),
    KeyArn(String),
    Alias(String),
    AliasArn(String),
}

fn kms_keys() -> impl Strategy<Value = Vec<Kms>> {
    prop::collection::vec(
        prop_oneof![
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}".prop_map(Kms::KeyId),
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}".prop_map(Kms::KeyArn),
            "[a-z][a-z0-9_-]{0,10}".prop_map(Kms::Alias),
            "[a-z][a-z0-9_-]{0,10}".prop_map(Kms::AliasArn),
        ],
        0..3,
    )
}

impl Kms {
    fn option(&self, p: &Place) -> String {
        match self {
            Kms::KeyId(id) => id.clone(),
            Kms::KeyArn(id) => format!("arn:{}:kms:{}:{}:key/{id}", p.partition, p.region, p.account),
            Kms::Alias(a) => format!("alias/{a}"),
            Kms::AliasArn(a) => format!("arn:{}:kms:{}:{}:alias/{a}", p.partition, p.region, p.account),
        }
    }
}

#[derive(Debug, Clone)]
struct Job {
    place: Place,
    refs: Vec<Ref>,
    repo: Option<RepoCreds>,
    kms: Vec<Kms>,
    /// Whether the options give the region and the account (else: placeholders).
    region_known: bool,
    account_known: bool,
}

fn job() -> impl Strategy<Value = Job> {
    (
        place(),
        prop::collection::vec(reference(), 1..8),
        repo_creds(),
        kms_keys(),
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(place, refs, repo, kms, region_known, account_known)| Job {
            place,
            refs,
            repo,
            kms,
            region_known,
            account_known,
        })
}

impl Job {
    fn text(&self, order: &[usize]) -> String {
        let secrets: Vec<String> = order
            .iter()
            .map(|&i| {
                format!(
                    r#"{{"name": "S{i}", "valueFrom": {}}}"#,
                    serde_json::to_string(&self.refs[i].value_from(&self.place)).unwrap()
                )
            })
            .collect();
        let repo = self
            .repo
            .as_ref()
            .map(|r| format!(r#", "repositoryCredentials": {{"credentialsParameter": "{}"}}"#, r.value(&self.place)))
            .unwrap_or_default();
        format!(
            r#"{{"jobDefinitionName": "j", "type": "container", "containerProperties": {{"image": "busybox", "executionRoleArn": "{}", "resourceRequirements": [{{"type": "VCPU", "value": "1"}}, {{"type": "MEMORY", "value": "2048"}}], "secrets": [{}]{repo}}}}}"#,
            self.role(),
            secrets.join(", ")
        )
    }

    /// The execution role lives in the job's own partition and account (batchlint reads the
    /// account from it when the options do not give one).
    fn role(&self) -> String {
        format!("arn:{}:iam::{}:role/exec", self.place.partition, self.place.account)
    }

    fn options(&self) -> Options {
        Options {
            region: self.region_known.then(|| self.place.region.to_string()),
            account_id: self.account_known.then(|| self.place.account.clone()),
            partition: Some(self.place.partition.to_string()),
            kms_keys: self.kms.iter().map(|k| k.option(&self.place)).collect(),
            ..Options::default()
        }
    }

    fn analyze(&self) -> (String, Report) {
        let order: Vec<usize> = (0..self.refs.len()).collect();
        let text = self.text(&order);
        let report = analyze(&text, &self.options());
        iam_matcher::assert_sane(&text, &report);
        (text, report)
    }

    /// Where the job reads secrets, (region, account): keys given by ID or alias name are
    /// granted in each of these places.
    fn read_locations(&self) -> Vec<(String, String)> {
        let p = &self.place;
        let home = (p.region.to_string(), p.account.clone());
        let mut out: Vec<(String, String)> = self
            .refs
            .iter()
            .filter_map(|r| match r {
                Ref::SsmName(_) | Ref::AwsReference(_) => Some(home.clone()),
                // No customer-managed key encrypts a public parameter.
                Ref::Public(..) => None,
                Ref::SsmArn(e, _) | Ref::SecretFull(e, ..) | Ref::SecretPartial(e, ..) => Some(e.resolve(p)),
            })
            .collect();
        out.extend(self.repo.as_ref().map(|r| match r {
            RepoCreds::Name(_) => home.clone(),
            RepoCreds::Arn(e, ..) => e.resolve(p),
        }));
        out.sort();
        out.dedup();
        out
    }

    fn needs(&self) -> Vec<Need> {
        let mut needs: Vec<Need> = self.refs.iter().flat_map(|r| r.needs(&self.place)).collect();
        needs.extend(self.repo.as_ref().map(|r| r.needs(&self.place)).unwrap_or_default());
        needs
    }

    /// The policy as the user deploys it: placeholders replaced by the job's region and account.
    fn deployed(&self, report: &Report) -> batchlint::RolePolicy {
        assert_eq!(report.policies.len(), 1, "{:#?}", report.diagnostics);
        let mut policy = report.policies[0].clone();
        assert_eq!(policy.role_arn, Some(self.role()));
        for s in &mut policy.document.statement {
            for r in &mut s.resource {
                *r = r.replace("${Region}", self.place.region).replace("${Account}", &self.place.account);
            }
        }
        policy
    }
}

/// Resources close to `need` that a least-privilege policy must not allow.
fn near_misses(need: &Need, other_region: &str) -> Vec<(&'static str, String)> {
    let (action, base, exact) = match need {
        Need::Exact(a, x) => (*a, x.clone(), true),
        Need::AnySuffix(a, p) => (*a, p.clone(), false),
    };
    let mut out = Vec::new();
    let with_other_region = |s: &str| {
        let f: Vec<&str> = s.splitn(6, ':').collect();
        format!("{}:{}:{}:{other_region}:{}:{}", f[0], f[1], f[2], f[4], f[5])
    };
    if exact {
        out.push(format!("{base}2"));
        out.push(format!("{base}/x"));
        out.push(format!("{base}-admin-AbCdEf"));
        out.push(base[..base.len() - 1].to_string());
        let last = base.chars().last().unwrap();
        out.push(format!("{}{}", &base[..base.len() - last.len_utf8()], if last == 'Z' { 'Y' } else { 'Z' }));
        out.push(with_other_region(&base));
        out.push(base.replacen(":ssm:", ":secretsmanager:", 1));
    } else {
        out.push(format!("{base}-admin-AbCdEf"));
        out.push(format!("{base}x-AbCdEf"));
        out.push(format!("{base}/x-AbCdEf"));
        out.push(format!("{base}-AbCdE"));
        out.push(format!("{base}-AbCdEfg"));
        out.push(base.clone());
        out.push(with_other_region(&format!("{base}-AbCdEf")));
    }
    let swap = if action == SSM { SM } else { SSM };
    let mut pairs: Vec<(&'static str, String)> = out.into_iter().map(|r| (action, r)).collect();
    pairs.push((swap, need.sample("AbCdEf").1));
    pairs
}

fn other_region(p: &Place) -> &'static str {
    let part = PARTITIONS.iter().find(|x| x.id == p.partition).unwrap();
    part.regions.iter().map(|r| r.0).find(|r| *r != p.region).unwrap_or("zz-nowhere-1")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// Every resource the ECS agent requests for the job is allowed.
    #[test]
    fn coverage(job in job(), sfx in suffix()) {
        let (text, report) = job.analyze();
        prop_assert!(!report.has_errors(), "{text}\n{:#?}", report.diagnostics);
        let policy = job.deployed(&report);
        for need in job.needs() {
            let (action, arn) = need.sample(&sfx);
            prop_assert!(iam_matcher::allows(&policy, action, &arn), "{action} on {arn} not allowed by {:#?}", policy.document);
        }
    }

    /// Nothing else is allowed: every policy entry is a need, wildcards only as the secret
    /// suffix and `key/*` under `kms:ResourceAliases`, and near misses are refused.
    #[test]
    fn least_privilege(job in job()) {
        let (_, report) = job.analyze();
        let policy = job.deployed(&report);
        let needs = job.needs();
        for s in &policy.document.statement {
            prop_assert_eq!(s.action.len(), 1);
            let action = s.action[0];
            prop_assert!([SSM, SM, KMS].contains(&action));
            for r in &s.resource {
                if action == KMS {
                    continue; // checked in `kms_grants`
                }
                let is_need = needs.iter().any(|n| match n {
                    Need::Exact(a, x) => *a == action && x == r,
                    Need::AnySuffix(a, p) => *a == action && *r == format!("{p}-??????"),
                });
                prop_assert!(is_need, "{action} on {r} is not needed by any reference: {needs:#?}");
                let wild = r.strip_suffix("-??????").unwrap_or(r);
                prop_assert!(!wild.contains(['*', '?']), "wildcard in {r}");
            }
        }
        for need in &needs {
            for (action, arn) in near_misses(need, other_region(&job.place)) {
                if needs.iter().any(|n| n.covers(action, &arn)) {
                    continue; // another reference of this job needs it
                }
                prop_assert!(!iam_matcher::allows(&policy, action, &arn), "near miss {action} on {arn} is allowed by {:#?}", policy.document);
            }
        }
    }

    /// `kms:Decrypt` only for the keys given, on key ARNs, or `key/*` with their aliases.
    #[test]
    fn kms_grants(job in job()) {
        let (_, report) = job.analyze();
        let policy = job.deployed(&report);
        let p = &job.place;
        let at = |(region, account): &(String, String), id: &str| format!("arn:{}:kms:{region}:{account}:key/{id}", p.partition);
        let home = (p.region.to_string(), p.account.clone());
        let places = job.read_locations();
        let key_arn = |id: &str| at(&home, id);
        let kms: Vec<&batchlint::Statement> = policy.document.statement.iter().filter(|s| s.action == [KMS]).collect();
        // No key grant without a read it may serve (public parameters need none).
        prop_assert_eq!(kms.is_empty(), job.kms.is_empty() || places.is_empty());
        let has_aliases = |s: &&batchlint::Statement, a: &str| {
            s.condition.get("ForAnyValue:StringEquals").and_then(|c| c.get("kms:ResourceAliases")).is_some_and(|v| v.contains(&format!("alias/{a}")))
        };
        for k in job.kms.iter().filter(|_| !places.is_empty()) {
            // ARNs given by the user stand as given; IDs and alias names resolve where secrets are read.
            let ok = match k {
                Kms::KeyArn(id) => kms.iter().any(|s| s.resource.contains(&key_arn(id))),
                Kms::KeyId(id) => places.iter().all(|l| kms.iter().any(|s| s.resource.contains(&at(l, id)))),
                Kms::AliasArn(a) => kms.iter().any(|s| s.resource.contains(&key_arn("*")) && has_aliases(s, a)),
                Kms::Alias(a) => places.iter().all(|l| kms.iter().any(|s| s.resource.contains(&at(l, "*")) && has_aliases(s, a))),
            };
            prop_assert!(ok, "{k:?} not granted: {kms:#?}");
        }
        for s in &kms {
            // `<service>.<region>.amazonaws.com` in every partition (KMS Developer Guide), for
            // a region the job reads secrets in (`${Region}` while the region is unknown).
            let via = s.condition.get("StringEquals").and_then(|c| c.get("kms:ViaService"));
            let regions: Vec<&str> = places.iter().map(|(r, _)| r.as_str()).chain(["${Region}"]).collect();
            let known = |x: &String| ["ssm", "secretsmanager"].iter().any(|svc| regions.iter().any(|r| *x == format!("{svc}.{r}.amazonaws.com")));
            prop_assert!(via.is_some_and(|v| !v.is_empty() && v.iter().all(known)), "{s:?}");
            for r in &s.resource {
                if r.ends_with(":key/*") {
                    prop_assert!(s.condition.get("ForAnyValue:StringEquals").and_then(|c| c.get("kms:ResourceAliases")).is_some(), "key/* without aliases");
                    let alias_place = job.kms.iter().any(|k| matches!(k, Kms::AliasArn(_))) && *r == key_arn("*");
                    prop_assert!(alias_place || places.iter().any(|l| *r == at(l, "*")), "key/* outside the places secrets are read: {r}");
                } else {
                    let given = job.kms.iter().any(|k| matches!(k, Kms::KeyArn(id) if *r == key_arn(id)));
                    let resolved = job.kms.iter().any(|k| matches!(k, Kms::KeyId(id) if places.iter().any(|l| *r == at(l, id))));
                    prop_assert!(given || resolved, "kms on {r}");
                }
            }
        }
    }

    /// Same input, same bytes; the order of the secrets does not change the policy.
    #[test]
    fn determinism(job in job(), seed in any::<u64>()) {
        let (text, report) = job.analyze();
        let again = analyze(&text, &job.options());
        prop_assert_eq!(serde_json::to_string(&report).unwrap(), serde_json::to_string(&again).unwrap());
        let mut order: Vec<usize> = (0..job.refs.len()).collect();
        // Fisher–Yates with a small LCG: proptest shrinks the seed.
        let mut x = seed | 1;
        for i in (1..order.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (x >> 33) as usize % (i + 1));
        }
        let shuffled = analyze(&job.text(&order), &job.options());
        prop_assert_eq!(serde_json::to_string(&report.policies).unwrap(), serde_json::to_string(&shuffled.policies).unwrap());
    }

    /// `Arn::parse(s).to_string() == s` for valid ARNs, including colons in the resource.
    #[test]
    fn arn_round_trip(
        p in place(),
        service in select(vec!["ssm", "secretsmanager", "kms", "iam", "batch", "s3"]),
        region in prop::option::of(Just(())),
        resource in "[a-zA-Z0-9/_+=.@:-]{0,40}",
    ) {
        let region = if region.is_some() { p.region } else { "" };
        let s = format!("arn:{}:{service}:{region}:{}:{resource}", p.partition, p.account);
        let arn = Arn::parse(&s).unwrap();
        prop_assert_eq!(arn.to_string(), s.clone());
        prop_assert_eq!((arn.partition, arn.service, arn.region, arn.resource), (p.partition, service, region, resource.as_str()));
        prop_assert!(resource_matches(&s, &s));
    }
}

/// The near misses named in the brief, by hand.
#[test]
fn named_near_misses() {
    let text = r#"{"jobDefinitionName": "j", "type": "container", "containerProperties": {"image": "x", "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "secrets": [
        {"name": "A", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db"},
        {"name": "B", "valueFrom": "/prod/db"}]}}"#;
    let options =
        Options { region: Some("eu-west-1".into()), account_id: Some("123456789012".into()), ..Default::default() };
    let report = analyze(text, &options);
    let policy = &report.policies[0];
    let sm = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
    let ssm = "arn:aws:ssm:eu-west-1:123456789012:parameter/";
    assert!(iam_matcher::allows(policy, SM, &format!("{sm}prod/db-AbCdEf")));
    assert!(!iam_matcher::allows(policy, SM, &format!("{sm}prod/db-admin-AbCdEf")));
    assert!(iam_matcher::allows(policy, SSM, &format!("{ssm}prod/db")));
    assert!(!iam_matcher::allows(policy, SSM, &format!("{ssm}prod/db2")));
    assert!(!iam_matcher::allows(policy, SSM, &format!("{ssm}prod/db/x")));
}
