//! The bench's workloads for the Rust side (`benches/analyze.rs`, `examples/core_ratio.rs`):
//! `bench/workloads.mjs` writes them to `bench/workloads/*.json`, run with `node` when missing.

use std::path::PathBuf;
use std::sync::OnceLock;

pub const WORKLOADS: &[&str] = &["small", "typical", "limit", "huge", "describe"];

pub fn workload(name: &str) -> &'static str {
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
