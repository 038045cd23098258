//! Native benchmark of `batchlint::analyze` on the workloads of the JS bench
//! (`bench/workloads.mjs`), which writes them to `bench/workloads/*.json`; they are generated
//! with `node` when missing. `cargo bench` (or `cargo bench -- typical` for one workload).

#![allow(clippy::expect_used, clippy::panic)] // a benchmark may stop on missing workloads

use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

const WORKLOADS: &[&str] = &["small", "typical", "limit", "huge", "describe"];

fn workload(name: &str) -> &'static str {
    static TEXTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("bench").join("workloads");
        if WORKLOADS.iter().any(|w| !dir.join(format!("{w}.json")).exists()) {
            let status = std::process::Command::new("node")
                .arg(root.join("bench").join("workloads.mjs"))
                .arg("--write")
                .arg(&dir)
                .status()
                .expect("node is needed to generate the workloads (bench/workloads.mjs)");
            assert!(status.success(), "bench/workloads.mjs failed");
        }
        WORKLOADS
            .iter()
            .map(|w| (w.to_string(), std::fs::read_to_string(dir.join(format!("{w}.json"))).expect("workload")))
            .collect()
    });
    &texts.iter().find(|(n, _)| n == name).expect("known workload").1
}

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
