//! Native benchmark of `batchlint::analyze` on the workloads of the JS bench
//! (`bench/workloads.mjs`), which writes them to `bench/workloads/*.json`; they are generated
//! with `node` when missing. `cargo bench` (or `cargo bench -- typical` for one workload).

#![allow(clippy::expect_used, clippy::panic)] // a benchmark may stop on missing workloads

fn main() {
    divan::main();
}

#[path = "../bench/workloads.rs"]
mod workloads;
use workloads::{workload, WORKLOADS};

fn options() -> batchlint::Options {
    batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        ..Default::default()
    }
}

/// The full check and policy, as the wasm `analyze` runs it (without the JS conversion).
#[divan::bench(args = WORKLOADS)]
fn analyze(bencher: divan::Bencher, name: &str) {
    let text = workload(name);
    let options = options();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| batchlint::analyze(divan::black_box(text), &options));
}

/// The span-tracking JSON parser alone, the native floor.
#[divan::bench(args = WORKLOADS)]
fn json_parse(bencher: divan::Bencher, name: &str) {
    let text = workload(name);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| batchlint::input::json::parse(divan::black_box(text)).is_ok());
}

/// `serde_json::from_str` into a `Value`, for reference.
#[divan::bench(args = WORKLOADS)]
fn serde_json_value(bencher: divan::Bencher, name: &str) {
    let text = workload(name);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| serde_json::from_str::<serde_json::Value>(divan::black_box(text)).is_ok());
}
