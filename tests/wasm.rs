//! The wasm layer (`src/wasm.rs`) through wasm-bindgen, in Node:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --test wasm
//! ```
//!
//! It calls the plain functions of `batchlint::wasm`, which the exports wrap.
#![cfg(target_arch = "wasm32")]
// wasm-bindgen-test functions are not `#[test]`s, so clippy.toml's test allowances do not reach them.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use batchlint::{analyze, analyze_bytes, registry as rules, Options, VERSION};
use js_sys::{Array, Error, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use batchlint::wasm as api;

const JOB: &str = r#"{
  "jobDefinitionName": "nightly",
  "type": "container",
  "type": "container"
}"#;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn options(json: &str) -> Option<JsValue> {
    Some(JSON::parse(json).unwrap())
}

#[wasm_bindgen_test]
fn report_is_a_plain_object_with_the_core_fields() {
    let report = api::analyze(JsValue::from_str(JOB), None).unwrap();
    let mut keys: Vec<String> =
        Object::keys(report.unchecked_ref::<Object>()).iter().map(|k| k.as_string().unwrap()).collect();
    keys.sort();
    assert_eq!(keys, ["diagnostics", "policies", "references"]);
    for key in ["diagnostics", "policies", "references"] {
        assert!(Array::is_array(&get(&report, key)), "{key} is an array");
    }
    // Same content as the core's report, serialised as JSON.
    let core = serde_json::to_string(&analyze(JOB, &Options::default())).unwrap();
    assert_eq!(JSON::stringify(&report).unwrap().as_string().unwrap(), core);
    let diagnostics: Array = get(&report, "diagnostics").unchecked_into();
    let first = diagnostics.iter().find(|d| get(d, "code").as_string().as_deref() == Some("BL102")).unwrap();
    assert_eq!(get(&first, "severity").as_string().as_deref(), Some("error"));
    let start = get(&get(&first, "range"), "start");
    assert_eq!(get(&start, "line").as_f64(), Some(4.0));
    assert_eq!(get(&start, "column").as_f64(), Some(3.0));
}

#[wasm_bindgen_test]
fn undefined_and_null_options_are_the_defaults() {
    let a = api::analyze(JsValue::from_str(JOB), None).unwrap();
    let b = api::analyze(JsValue::from_str(JOB), Some(JsValue::NULL)).unwrap();
    let c = api::analyze(JsValue::from_str(JOB), Some(JsValue::UNDEFINED)).unwrap();
    let json = |v: &JsValue| JSON::stringify(v).unwrap().as_string().unwrap();
    assert_eq!(json(&a), json(&b));
    assert_eq!(json(&a), json(&c));
}

#[wasm_bindgen_test]
fn options_cross_into_the_core() {
    let report = api::analyze(JsValue::from_str(JOB), options(r#"{"region": "eu-west", "kmsKeys": []}"#)).unwrap();
    let text = JSON::stringify(&report).unwrap().as_string().unwrap();
    let core = analyze(JOB, &Options { region: Some("eu-west".into()), ..Default::default() });
    assert_eq!(text, serde_json::to_string(&core).unwrap());
    assert!(text.contains("BL801"), "{text}");
}

#[wasm_bindgen_test]
fn wrong_options_throw_an_error_that_names_the_problem() {
    let err = api::analyze(JsValue::from_str(JOB), options(r#"{"regoin": "eu-west-1"}"#)).unwrap_err();
    assert!(err.is_instance_of::<Error>());
    assert_eq!(
        String::from(err.message()),
        "invalid options: unknown field `regoin`, expected one of `region`, `accountId`, `partition`, `kmsKeys`"
    );
    let err = api::analyze(JsValue::from_str(JOB), options(r#"{"kmsKeys": "alias/x"}"#)).unwrap_err();
    assert_eq!(String::from(err.message()), "invalid options: `kmsKeys` must be an array of strings");
    let err = api::analyze(JsValue::from_str(JOB), options(r#"{"region": 5}"#)).unwrap_err();
    assert!(String::from(err.message()).starts_with("invalid options: invalid type"));
    let err = api::analyze(JsValue::from_str(JOB), Some(JsValue::from_str("eu-west-1"))).unwrap_err();
    assert!(String::from(err.message()).contains("not a string"));
    // Still works afterwards.
    assert!(api::analyze(JsValue::from_str(JOB), None).is_ok());
}

#[wasm_bindgen_test]
fn objects_are_analysed_as_their_indented_json() {
    let object = JSON::parse(r#"{"jobDefinitionName": "nightly", "type": "container"}"#).unwrap();
    let report = api::analyze(object.clone(), None).unwrap();
    let text = JSON::stringify_with_replacer_and_space(&object, &JsValue::NULL, &JsValue::from(2))
        .unwrap()
        .as_string()
        .unwrap();
    let core = analyze(&text, &Options::default());
    assert_eq!(JSON::stringify(&report).unwrap().as_string().unwrap(), serde_json::to_string(&core).unwrap());
}

#[wasm_bindgen_test]
fn other_inputs_throw_a_type_error() {
    for input in [JsValue::from_f64(1.0), JsValue::UNDEFINED, JsValue::NULL, JsValue::TRUE] {
        let err = api::analyze(input, None).unwrap_err();
        assert!(err.is_instance_of::<js_sys::TypeError>());
        assert_eq!(String::from(err.message()), "the input must be a string (the JSON text) or an object");
    }
}

#[wasm_bindgen_test]
fn bytes_that_are_not_utf8_are_a_finding() {
    let bytes = b"{\"jobDefinitionName\": \"n\xff\"}";
    let report = api::analyze_bytes(bytes, None).unwrap();
    let text = JSON::stringify(&report).unwrap().as_string().unwrap();
    assert_eq!(text, serde_json::to_string(&analyze_bytes(bytes, &Options::default())).unwrap());
    assert!(text.contains("BL105"), "{text}");
}

#[wasm_bindgen_test]
fn version_and_rules() {
    assert_eq!(api::version(), VERSION);
    let list: Array = api::rules().unwrap().unchecked_into();
    assert_eq!(list.length() as usize, rules::all().len());
    let first = list.get(0);
    assert_eq!(get(&first, "code").as_string().as_deref(), Some(rules::all()[0].code));
    assert!(get(&first, "family").is_string());
}

/// The wasm layer reads options by hand; its type errors must read as serde-wasm-bindgen's.
#[wasm_bindgen_test]
fn option_type_errors_match_serde_wasm_bindgen() {
    let values: Array = js_sys::Function::new_no_args(
        "return [5, 5.5, -0, 0.1, 1e21, 1.5e21, 1e-7, -2.5e-9, 1e300, 123456789.125, NaN, Infinity, -Infinity, true, false, {}, {a: 1}, [1], new Uint8Array(2), 10n, Symbol('s')]",
    )
    .call0(&JsValue::UNDEFINED)
    .unwrap()
    .unchecked_into();
    let check = |object: JsValue| {
        let expected = serde_wasm_bindgen::from_value::<Options>(object.clone()).unwrap_err().to_string();
        let err = api::analyze(JsValue::from_str(JOB), Some(object)).unwrap_err();
        assert_eq!(
            String::from(err.message()),
            format!("invalid options: {}", expected.strip_prefix("Error: ").unwrap_or(&expected))
        );
    };
    for value in values.iter() {
        for (field, member) in
            [("region", value.clone()), ("kmsKeys", Array::of2(&JsValue::from_str("alias/a"), &value).into())]
        {
            let object = Object::new();
            Reflect::set(&object, &JsValue::from_str(field), &member).unwrap();
            check(object.into());
        }
    }
    check(options(r#"{"kmsKeys": ["alias/a", null]}"#).unwrap());
    check(options(r#"{"accountId": "123456789012", "partition": 1, "region": true}"#).unwrap());
}
