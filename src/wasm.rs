//! The WebAssembly API, compiled for `wasm32` only: a thin layer over [`crate::analyze`].
//!
//! Findings are returned as data, never thrown. Only misuse throws: an input that is neither
//! a string nor an object (`TypeError`), options of the wrong shape (`Error`, "invalid
//! options: ..."), or an object that `JSON.stringify` cannot serialise (its own error).
//!
//! The functions here are plain Rust; `exports` gives them to JS with typed signatures, and
//! `tests/wasm.rs` calls them directly.

use crate::{registry, Options, VERSION};
use js_sys::{Array, Error, Object, TypeError, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Plain JS objects out: `null` for `None`, objects (not `Map`s) for maps.
/// Talc instead of Rust's default dlmalloc: 1.9 KB smaller gzipped, 1–3% slower
/// (BENCHMARKS.md, round 4), and the .wasm's size is what edge runtimes pay for.
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);

/// See `exports::analyze`.
pub fn analyze(input: JsValue, options: Option<JsValue>) -> Result<JsValue, Error> {
    #[cfg(feature = "debug-panic-hook")]
    console_error_panic_hook::set_once();
    let options = parse_options(options)?;
    let text = input_text(&input)?;
    to_js(&crate::analyze(&text, &options))
}

/// See `exports::analyze_bytes`.
pub fn analyze_bytes(input: &[u8], options: Option<JsValue>) -> Result<JsValue, Error> {
    #[cfg(feature = "debug-panic-hook")]
    console_error_panic_hook::set_once();
    let options = parse_options(options)?;
    to_js(&crate::analyze_bytes(input, &options))
}

pub fn version() -> String {
    VERSION.to_string()
}

pub fn rules() -> Result<JsValue, Error> {
    to_js(&registry::all())
}

mod exports {
    use js_sys::Error;
    use wasm_bindgen::prelude::*;

    /// Checks a job definition and writes the execution-role policy.
    ///
    /// `input` is the JSON text, or an object, which is serialised with
    /// `JSON.stringify(input, null, 2)` first (positions then refer to that text).
    /// `options` may be omitted, `undefined` or `null`. Findings are returned, never thrown;
    /// options of the wrong shape throw an `Error`, an input of another type a `TypeError`.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn analyze(
        #[wasm_bindgen(unchecked_param_type = "string | object")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AnalyzeOptions | null")] options: Option<JsValue>,
    ) -> Result<JsValue, Error> {
        super::analyze(input, options)
    }

    /// Like `analyze`, for the bytes of a file that may not be UTF-8: invalid UTF-8 is
    /// reported as a finding (`BL105`) instead of being replaced.
    #[wasm_bindgen(js_name = analyzeBytes, unchecked_return_type = "Report")]
    pub fn analyze_bytes(
        input: &[u8],
        #[wasm_bindgen(unchecked_optional_param_type = "AnalyzeOptions | null")] options: Option<JsValue>,
    ) -> Result<JsValue, Error> {
        super::analyze_bytes(input, options)
    }

    /// The version of batchlint, e.g. `0.1.0`.
    #[wasm_bindgen]
    pub fn version() -> String {
        super::version()
    }

    /// Every rule's metadata, ordered by code.
    #[wasm_bindgen(unchecked_return_type = "RuleMetadata[]")]
    pub fn rules() -> Result<JsValue, Error> {
        super::rules()
    }

    #[wasm_bindgen(typescript_custom_section)]
    const TYPES: &'static str = r#"
/** The job's context. Everything is optional: what is missing shows up as a placeholder in the policy, with a warning. */
export interface AnalyzeOptions {
  /** The region the job runs in, e.g. `eu-west-1`. */
  region?: string | null;
  /** The 12-digit account the job runs in. */
  accountId?: string | null;
  /** `aws`, `aws-cn`, `aws-us-gov`, ...; derived from the region when not given. */
  partition?: string | null;
  /** Customer-managed KMS keys: key ARNs, key IDs, `alias/...` names or alias ARNs. */
  kmsKeys?: string[];
}

export type Severity = "error" | "warning" | "info";

/** 1-based line and column (UTF-16 code units, as JS strings, Monaco and CodeMirror count) and a 0-based UTF-16 offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  /** The rule's stable code, e.g. `BL301`. */
  code: string;
  severity: Severity;
  message: string;
  /** RFC 6901 JSON Pointer into the input; `""` is the whole document. */
  path: string;
  /** The option the finding is about, or null for a finding about the input (an option's finding has the path `""` and an empty range at the start). */
  option: "region" | "accountId" | "partition" | "kmsKeys" | null;
  range: Range;
  help: string;
}

export type ReferenceSource = "secrets" | "secretOptions" | "repositoryCredentials";

export type ReferenceKind =
  | "ssmParameterName"
  | "ssmParameterArn"
  | "ssmSecretsManagerReference"
  | "secretsManagerArn"
  | "secretsManagerName"
  | "invalid";

/** One permission the execution role needs for a reference. */
export interface Grant {
  action: string;
  resource: string;
}

export interface SecretReference {
  /** JSON Pointer to the `valueFrom` (or `credentialsParameter`) string. */
  path: string;
  source: ReferenceSource;
  /** The environment variable or log option it sets; null for repository credentials. */
  name: string | null;
  jobDefinition: string | null;
  /** JSON Pointer to the container. */
  container: string;
  containerName: string | null;
  executionRoleArn: string | null;
  /** The string as written. */
  valueFrom: string;
  kind: ReferenceKind;
  partition: string | null;
  region: string | null;
  account: string | null;
  resourceName: string | null;
  jsonKey: string | null;
  versionStage: string | null;
  versionId: string | null;
  /** The ARN that the policy grants (placeholders where region or account are unknown). */
  resourceArn: string | null;
  /** Every permission this reference needs; empty when the reference is invalid or its job definition is an INACTIVE revision. */
  grants: Grant[];
  /** Where the reference is in the input. */
  range: Range;
}

/** An IAM policy statement, with IAM's member names. */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
  /** Operator → condition key → values; absent when the statement has no condition. */
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

/** One policy document for one execution role (`roleArn` null for containers that name no role). */
export interface RolePolicy {
  roleArn: string | null;
  document: PolicyDocument;
}

/** Everything batchlint found in one input. */
export interface Report {
  diagnostics: Diagnostic[];
  references: SecretReference[];
  policies: RolePolicy[];
}

export type RuleFamily =
  | "syntax"
  | "shape"
  | "value-from"
  | "region-and-account"
  | "execution-role"
  | "names"
  | "platform"
  | "policy"
  | "info";

/**
 * A rule's metadata: `summary` names the problem, `help` says what to do, `why` what fails
 * without it. Each rule's bad and good examples are in the docs (docs/rules.md), not in the
 * module, to keep it small.
 */
export interface RuleMetadata {
  code: string;
  name: string;
  family: RuleFamily;
  severity: Severity;
  summary: string;
  help: string;
  why: string;
}
"#;
}

fn parse_options(options: Option<JsValue>) -> Result<Options, Error> {
    let value = match options {
        None => return Ok(Options::default()),
        Some(value) if value.is_undefined() || value.is_null() => return Ok(Options::default()),
        Some(value) => value,
    };
    if !value.is_object() || Array::is_array(&value) || value.is_function() {
        let kind = if Array::is_array(&value) {
            "an array".to_string()
        } else {
            format!("a {}", value.js_typeof().as_string().unwrap_or_default())
        };
        return Err(Error::new(&format!(
            "invalid options: expected an object with `region`, `accountId`, `partition` or `kmsKeys`, not {kind}"
        )));
    }
    // `deny_unknown_fields` is checked here; members that are `undefined` or `null` count as
    // absent.
    let fields = option_fields();
    let mut given = Vec::new();
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let entry: Array = entry.unchecked_into();
        let (key, member) = (entry.get(0), entry.get(1));
        let name = key.as_string().unwrap_or_default();
        if !fields.contains(&name.as_str()) {
            return Err(invalid_options(
                &<serde::de::value::Error as serde::de::Error>::unknown_field(&name, fields).to_string(),
            ));
        }
        if name == "kmsKeys" && !member.is_undefined() && !member.is_null() && !Array::is_array(&member) {
            return Err(invalid_options("`kmsKeys` must be an array of strings"));
        }
        if !member.is_undefined() && !member.is_null() {
            given.push((name, member));
        }
    }
    // The members are read by hand rather than with serde-wasm-bindgen's deserializer: its
    // type errors format JS numbers with Rust's float formatting and strings with `Debug`,
    // which put ~20 KB of formatting code and tables into the module. The messages are the
    // same, and, as there, the first wrong member in the order of `Options`'s fields is named.
    let member = |field: &str| given.iter().find(|(name, _)| name == field).map(|(_, value)| value);
    Ok(Options {
        region: member("region").map(string_member).transpose()?,
        account_id: member("accountId").map(string_member).transpose()?,
        partition: member("partition").map(string_member).transpose()?,
        kms_keys: match member("kmsKeys") {
            Some(keys) => Array::from(keys).iter().map(|key| string_member(&key)).collect::<Result<_, _>>()?,
            None => Vec::new(),
        },
    })
}

/// A member that must be a string, with serde's message when it is not
/// ("invalid type: floating point `5.0`, expected a string").
fn string_member(value: &JsValue) -> Result<String, Error> {
    value.as_string().ok_or_else(|| invalid_options(&format!("invalid type: {}, expected a string", unexpected(value))))
}

/// How serde (`de::Unexpected`) and serde-wasm-bindgen describe a JS value that is not a string.
fn unexpected(value: &JsValue) -> String {
    if value.is_undefined() || value.is_null() {
        "unit value".to_string()
    } else if let Some(b) = value.as_bool() {
        format!("boolean `{b}`")
    } else if let Some(n) = value.as_f64() {
        format!("floating point `{}`", float_text(n))
    } else if value.is_instance_of::<js_sys::Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>() {
        "byte array".to_string()
    } else {
        format!("{value:?}")
    }
}

/// `n` as serde writes a float in messages: Rust's `Display` (shortest digits, never an
/// exponent), with `.0` added to a finite number that has no decimal point. The digits come
/// from JS's `String(n)`, which chooses the same shortest digits; only its exponent form
/// (`1e+21`, `1e-7`) and `-0` are rewritten.
fn float_text(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_string();
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let js = String::from(js_sys::Number::from(n).to_string_with_radix(10).unwrap_or_else(|_| "0".into()));
    let (sign, unsigned) = match js.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None if n == 0.0 && n.is_sign_negative() => ("-", js.as_str()),
        None => ("", js.as_str()),
    };
    let plain = match unsigned.split_once('e') {
        None => unsigned.to_string(),
        Some((mantissa, exponent)) => {
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let digits = format!("{int}{frac}");
            let point = int.len() as i64 + exponent.parse::<i64>().unwrap_or(0);
            match usize::try_from(point) {
                Err(_) => format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize)),
                Ok(p) if p >= digits.len() => format!("{digits}{}", "0".repeat(p - digits.len())),
                Ok(p) => format!("{}.{}", digits.get(..p).unwrap_or(""), digits.get(p..).unwrap_or("")),
            }
        }
    };
    let point = if plain.as_bytes().contains(&b'.') { "" } else { ".0" };
    format!("{sign}{plain}{point}")
}

/// The member names `Options` accepts, as its `Deserialize` implementation declares them.
fn option_fields() -> &'static [&'static str] {
    use serde::de::{Error as _, Visitor};
    type ProbeError = serde::de::value::Error;
    /// A deserializer that only records the fields a struct asks for.
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = ProbeError;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ProbeError> {
            Err(ProbeError::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, ProbeError> {
            *self.0 = fields;
            Err(ProbeError::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = <Options as serde::Deserialize>::deserialize(Probe(&mut fields));
    fields
}

fn invalid_options(message: &str) -> Error {
    Error::new(&format!("invalid options: {}", message.strip_prefix("Error: ").unwrap_or(message)))
}

fn input_text(input: &JsValue) -> Result<String, Error> {
    if let Some(text) = input.as_string() {
        return Ok(text);
    }
    if input.is_object() && !input.is_function() {
        let text = JSON::stringify_with_replacer_and_space(input, &JsValue::NULL, &JsValue::from(2)).map_err(thrown)?;
        return text.as_string().ok_or_else(|| TypeError::new("the input object cannot be serialised as JSON").into());
    }
    Err(TypeError::new("the input must be a string (the JSON text) or an object").into())
}

/// The error that a JS call threw, as an `Error`.
fn thrown(value: JsValue) -> Error {
    match value.dyn_into::<Error>() {
        Ok(err) => err,
        Err(other) => Error::new(&format!("cannot serialise the input: {}", other.as_string().unwrap_or_default())),
    }
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    value.serialize(&SERIALIZER).map_err(|err| Error::new(&format!("internal error: {err}")))
}
