#![no_main]
//! Structured fuzzing: takes a valid job definition (fuzz/seeds, tests/, examples/), replaces
//! values at chosen pointers with fuzz data (strings, numbers, secret references built from
//! ARN parts), adds members the checks look for, and analyzes it with random options.

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use std::sync::OnceLock;

fn fixtures() -> &'static [Value] {
    static FIXTURES: OnceLock<Vec<Value>> = OnceLock::new();
    FIXTURES.get_or_init(|| batchlint_fuzz::fixtures().iter().filter_map(|t| serde_json::from_str(t).ok()).collect())
}

fn regions() -> &'static [&'static str] {
    static REGIONS: OnceLock<Vec<&'static str>> = OnceLock::new();
    REGIONS
        .get_or_init(|| batchlint::aws::PARTITIONS.iter().flat_map(|p| p.regions.iter().map(|(r, _, _)| *r)).collect())
}

const KEYS: &[&str] = &[
    "secrets",
    "valueFrom",
    "name",
    "executionRoleArn",
    "containerProperties",
    "repositoryCredentials",
    "credentialsParameter",
    "logConfiguration",
    "secretOptions",
    "jobDefinitionArn",
    "platformCapabilities",
    "ecsProperties",
    "taskProperties",
    "containers",
    "nodeProperties",
    "nodeRangeProperties",
    "container",
    "type",
    "jobDefinitions",
    "eksProperties",
    "podProperties",
    "initContainers",
    "targetNodes",
    "fargatePlatformConfiguration",
    "platformVersion",
    "revision",
    "status",
    "jobDefinitionName",
    "image",
    "environment",
    "Secrets",
    "valuefrom",
];
const PARTITION_IDS: &[&str] =
    &["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc", "", "AWS", "*"];
const SERVICES: &[&str] = &["ssm", "secretsmanager", "kms", "s3", "", "SSM", "*"];
const ACCOUNTS: &[&str] = &["123456789012", "210987654321", "", "12345678901", "*", "aws"];
const KINDS: &[&str] =
    &["parameter/", "secret:", "parameter:", "parameter//", "parameter", "secret", "document/", "key/", "alias/", ""];
const NAMES: &[&str] = &[
    "prod/db",
    "/prod/db",
    "prod/db-AbCdEf",
    "db",
    "aws/reference/secretsmanager/x",
    "aws/service/x",
    "ssm/x",
    "a b",
    "é",
    "*",
    "?",
    "x:y",
    "a//b",
];
const RAW: &[&str] = &[
    "1e999",
    "-0",
    "1.5",
    "-1e-999",
    "123456789012345678901234567890",
    "0.0",
    "1E+2",
    "[]",
    "{}",
    "\"\\u0000\"",
    "\"\\ud83d\\ude00\"",
];

#[derive(Arbitrary, Debug)]
enum Pick {
    Known(u8),
    Fuzz(String),
}

impl Pick {
    fn get(&self, table: &[&str]) -> String {
        match self {
            Pick::Known(i) => table.get(usize::from(*i) % table.len().max(1)).copied().unwrap_or("").to_string(),
            Pick::Fuzz(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Reference {
    SsmName {
        slash: bool,
        name: Pick,
        selector: Option<String>,
    },
    AwsReference {
        name: Pick,
        stage: Option<String>,
    },
    Arn {
        partition: Pick,
        service: Pick,
        region: Pick,
        account: Pick,
        kind: Pick,
        name: Pick,
        suffix: Option<[u8; 6]>,
        selectors: Vec<String>,
    },
    Raw(String),
}

impl Reference {
    fn text(&self) -> String {
        match self {
            Reference::SsmName { slash, name, selector } => {
                let mut s = format!("{}{}", if *slash { "/" } else { "" }, name.get(NAMES));
                if let Some(sel) = selector {
                    s.push(':');
                    s.push_str(sel);
                }
                s
            }
            Reference::AwsReference { name, stage } => {
                let mut s = format!("/aws/reference/secretsmanager/{}", name.get(NAMES));
                if let Some(st) = stage {
                    s.push(':');
                    s.push_str(st);
                }
                s
            }
            Reference::Arn { partition, service, region, account, kind, name, suffix, selectors } => {
                let mut s = format!(
                    "arn:{}:{}:{}:{}:{}{}",
                    partition.get(PARTITION_IDS),
                    service.get(SERVICES),
                    region.get(regions()),
                    account.get(ACCOUNTS),
                    kind.get(KINDS),
                    name.get(NAMES)
                );
                if let Some(sfx) = suffix {
                    s.push('-');
                    s.extend(sfx.iter().map(|b| {
                        char::from(
                            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-?*"[usize::from(*b) % 65],
                        )
                    }));
                }
                for sel in selectors.iter().take(5) {
                    s.push(':');
                    s.push_str(sel);
                }
                s
            }
            Reference::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum NewValue {
    Str(String),
    Ref(Reference),
    Int(i64),
    Float(f64),
    Raw(u8),
    Bool(bool),
    Null,
    EmptyArray,
    EmptyObject,
    Remove,
    Secrets(Vec<(Pick, Reference)>),
    Member(Pick, Box<NewValue>),
    CopyFrom(u16),
}

#[derive(Arbitrary, Debug)]
struct Edit {
    at: u16,
    value: NewValue,
}

#[derive(Arbitrary, Debug)]
enum KmsKey {
    KeyArn { partition: Pick, region: Pick, account: Pick, id: Option<String> },
    KeyId(Option<String>),
    Alias(Pick),
    AliasArn { partition: Pick, region: Pick, account: Pick, alias: Pick },
    Raw(String),
}

const KEY_ID: &str = "1234abcd-12ab-34cd-56ef-1234567890ab";

impl KmsKey {
    fn text(&self) -> String {
        match self {
            KmsKey::KeyArn { partition, region, account, id } => {
                format!(
                    "arn:{}:kms:{}:{}:key/{}",
                    partition.get(PARTITION_IDS),
                    region.get(regions()),
                    account.get(ACCOUNTS),
                    id.as_deref().unwrap_or(KEY_ID)
                )
            }
            KmsKey::KeyId(id) => id.clone().unwrap_or_else(|| KEY_ID.to_string()),
            KmsKey::Alias(a) => format!("alias/{}", a.get(NAMES)),
            KmsKey::AliasArn { partition, region, account, alias } => {
                format!(
                    "arn:{}:kms:{}:{}:alias/{}",
                    partition.get(PARTITION_IDS),
                    region.get(regions()),
                    account.get(ACCOUNTS),
                    alias.get(NAMES)
                )
            }
            KmsKey::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct FuzzOptions {
    region: Option<Pick>,
    account: Option<Pick>,
    partition: Option<Pick>,
    kms_keys: Vec<KmsKey>,
}

#[derive(Debug)]
struct Input {
    fixture: u8,
    edits: Vec<Edit>,
    options: FuzzOptions,
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let fixture = u.arbitrary()?;
        let n = u.int_in_range(0..=8)?;
        let mut edits = Vec::with_capacity(n);
        for _ in 0..n {
            edits.push(u.arbitrary()?);
        }
        Ok(Input { fixture, edits, options: u.arbitrary()? })
    }
}

/// Pointers to every value of the document, in document order.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn build(value: &NewValue, doc: &Value, raws: &mut Vec<&'static str>, depth: u32) -> Option<Value> {
    Some(match value {
        NewValue::Str(s) => Value::String(s.clone()),
        NewValue::Ref(r) => Value::String(r.text()),
        NewValue::Int(i) => Value::from(*i),
        NewValue::Float(f) => Value::from(*f),
        NewValue::Raw(i) => {
            raws.push(RAW[usize::from(*i) % RAW.len()]);
            Value::String(format!("\u{1}RAW{}\u{1}", raws.len() - 1))
        }
        NewValue::Bool(b) => Value::Bool(*b),
        NewValue::Null => Value::Null,
        NewValue::EmptyArray => Value::Array(Vec::new()),
        NewValue::EmptyObject => Value::Object(Map::new()),
        NewValue::Remove => return None,
        NewValue::Secrets(list) => Value::Array(
            list.iter().take(16).map(|(name, r)| serde_json::json!({"name": name.get(&["A", "B", "DB_PASSWORD", "a", ""]), "valueFrom": r.text()})).collect(),
        ),
        NewValue::Member(key, inner) => {
            let mut m = Map::new();
            let v = if depth < 4 { build(inner, doc, raws, depth + 1).unwrap_or(Value::Null) } else { Value::Null };
            m.insert(key.get(KEYS), v);
            Value::Object(m)
        }
        NewValue::CopyFrom(i) => {
            let mut ps = Vec::new();
            pointers(doc, String::new(), &mut ps);
            let p = &ps[usize::from(*i) % ps.len()];
            doc.pointer(p).cloned().unwrap_or(Value::Null)
        }
    })
}

fn apply(doc: &mut Value, edit: &Edit, raws: &mut Vec<&'static str>) {
    let mut ps = Vec::new();
    pointers(doc, String::new(), &mut ps);
    let p = ps[usize::from(edit.at) % ps.len()].clone();
    let new = build(&edit.value, doc, raws, 0);
    // `Member` merges into an object rather than replacing it.
    if let (NewValue::Member(..), Some(Value::Object(add)), Some(Value::Object(target))) =
        (&edit.value, &new, doc.pointer_mut(&p))
    {
        for (k, v) in add {
            target.insert(k.clone(), v.clone());
        }
        return;
    }
    match new {
        Some(v) => {
            if let Some(slot) = doc.pointer_mut(&p) {
                *slot = v;
            }
        }
        None => {
            let (parent, last) = p.rsplit_once('/').unwrap_or(("", ""));
            match doc.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let all = fixtures();
    assert!(!all.is_empty(), "no fixtures found");
    let mut doc = all[usize::from(input.fixture) % all.len()].clone();
    let mut raws = Vec::new();
    for edit in &input.edits {
        apply(&mut doc, edit, &mut raws);
    }
    let mut text =
        if input.fixture & 0x80 == 0 { serde_json::to_string_pretty(&doc) } else { serde_json::to_string(&doc) }
            .unwrap_or_default();
    for (i, raw) in raws.iter().enumerate() {
        text = text.replace(&format!("\"\\u0001RAW{i}\\u0001\""), raw);
    }
    let o = &input.options;
    let options = batchlint::Options {
        region: o.region.as_ref().map(|r| r.get(regions())),
        account_id: o.account.as_ref().map(|a| a.get(ACCOUNTS)),
        partition: o.partition.as_ref().map(|p| p.get(PARTITION_IDS)),
        kms_keys: o.kms_keys.iter().take(6).map(KmsKey::text).collect(),
        form: None,
    };
    let report = batchlint_fuzz::analyze_and_check(&text, &options);
    // Raw number insertions keep the text valid JSON: a syntax error here is a parser bug.
    if serde_json::from_str::<serde_json::Value>(&text).is_ok() {
        assert!(!report.diagnostics.iter().any(|d| d.code == "BL101"), "valid JSON reported as invalid: {text}");
    }
});
