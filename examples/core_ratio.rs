//! The Rust core against `serde_json::from_str::<Value>` on the bench's workloads, natively, in
//! one process: batches of each alternate, and the ratio is the median of the per-round
//! (paired) ratios, as `bench/bench.mjs` measures the package. `scripts/bench.sh` runs it with
//! the bench profile (opt-level 3) and hands the ratios to the JS bench, which prints them
//! beside issue 13's target (≤ 2×).
//!
//!   cargo run --profile bench --example core_ratio -- [--smoke] [--json FILE]

#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // a measuring tool, not library code

use std::hint::black_box;
use std::time::Instant;

#[path = "../bench/workloads.rs"]
mod workloads;
use workloads::{workload, WORKLOADS};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let smoke = args.iter().any(|a| a == "--smoke");
    let json_out = args.iter().position(|a| a == "--json").and_then(|i| args.get(i + 1));
    let options = batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        ..Default::default()
    };
    let (rounds, batch_ns) = if smoke { (3, 1e6) } else { (31, 10e6) };
    let names: &[&str] = if smoke { &["small"] } else { WORKLOADS };
    let mut out = Vec::new();
    println!("| workload | analyze (native) | serde_json → Value | analyze ÷ serde_json |");
    println!("| --- | ---: | ---: | ---: |");
    for name in names {
        let text = workload(name);
        let analyze = || black_box(batchlint::analyze(black_box(text), &options)).diagnostics.len();
        let serde = || usize::from(serde_json::from_str::<serde_json::Value>(black_box(text)).is_ok());
        let n_analyze = batch_size(&analyze, batch_ns);
        let n_serde = batch_size(&serde, batch_ns);
        let (mut a, mut s, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (ta, ts) = if round % 2 == 0 {
                let ta = per_call(&analyze, n_analyze);
                (ta, per_call(&serde, n_serde))
            } else {
                let ts = per_call(&serde, n_serde);
                (per_call(&analyze, n_analyze), ts)
            };
            a.push(ta);
            s.push(ts);
            ratios.push(ta / ts);
        }
        let (ma, ms, mr) = (median(&mut a), median(&mut s), median(&mut ratios));
        println!("| {name} | {} | {} | {mr:.2}× |", fmt(ma), fmt(ms));
        out.push(format!("\"{name}\": {{\"analyze\": {ma:.0}, \"serde_json\": {ms:.0}, \"ratio\": {mr:.4}}}"));
    }
    if let Some(path) = json_out {
        std::fs::write(path, format!("{{{}}}\n", out.join(", "))).expect("write --json");
    }
}

/// How many calls make a batch of about `batch_ns`, after a warm-up.
fn batch_size(f: &dyn Fn() -> usize, batch_ns: f64) -> usize {
    let mut n = 1;
    let started = Instant::now();
    loop {
        let t = per_call(f, n);
        if t * n as f64 >= batch_ns / 4.0 && started.elapsed().as_millis() >= 200 {
            return ((batch_ns / t) as usize).max(1);
        }
        if t * (n as f64) < batch_ns / 4.0 {
            n *= 2;
        }
    }
}

/// Nanoseconds per call over `n` calls.
fn per_call(f: &dyn Fn() -> usize, n: usize) -> f64 {
    let started = Instant::now();
    let mut sink = 0;
    for _ in 0..n {
        sink ^= f();
    }
    black_box(sink);
    started.elapsed().as_nanos() as f64 / n as f64
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

fn fmt(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
