//! Time and peak memory of the largest inputs, one input per process so that the peak
//! resident set (VmHWM) belongs to that input alone:
//! `cargo run --release --bin measure -- [string10mb|secrets200k|jobdef1mb|deep100k|all]`.

use std::time::Instant;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn input(case: &str) -> String {
    let head = r#"{"jobDefinitionName": "big", "type": "container", "containerProperties": {"image": "busybox", "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "#;
    match case {
        "string10mb" => format!(r#"{head}"command": ["{}"]}}}}"#, "x".repeat(10 * 1024 * 1024)),
        "secrets200k" => {
            let secrets: Vec<String> =
                (0..200_000).map(|i| format!(r#"{{"name": "S{i}", "valueFrom": "/prod/app/secret{i}"}}"#)).collect();
            format!(r#"{head}"secrets": [{}]}}}}"#, secrets.join(","))
        }
        "jobdef1mb" => {
            // A realistic mix: environment, secrets of every kind, until the text is 1 MB.
            let mut env = Vec::new();
            let mut secrets = Vec::new();
            let mut i = 0;
            while env.iter().chain(secrets.iter()).map(|s: &String| s.len() + 1).sum::<usize>() < 1024 * 1024 - 400 {
                env.push(format!(r#"{{"name": "E{i}", "value": "value-{i}"}}"#));
                secrets.push(match i % 4 {
                    0 => format!(r#"{{"name": "S{i}", "valueFrom": "/prod/p{i}"}}"#),
                    1 => format!(r#"{{"name": "S{i}", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/p{i}"}}"#),
                    2 => format!(r#"{{"name": "S{i}", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/s{i}-AbCdEf:key::"}}"#),
                    _ => format!(r#"{{"name": "S{i}", "valueFrom": "/aws/reference/secretsmanager/prod/r{i}"}}"#),
                });
                i += 1;
            }
            format!(r#"{head}"environment": [{}], "secrets": [{}]}}}}"#, env.join(","), secrets.join(","))
        }
        "deep100k" => "[".repeat(100_000),
        other => {
            eprintln!("unknown case {other}");
            std::process::exit(2);
        }
    }
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    if case == "all" {
        let exe = std::env::current_exe().expect("exe");
        for c in ["string10mb", "secrets200k", "jobdef1mb", "deep100k"] {
            let status = std::process::Command::new(&exe).arg(c).status().expect("run");
            assert!(status.success(), "{c} failed");
        }
        return;
    }
    let text = input(&case);
    let before = peak_rss_kib();
    let options = batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        ..Default::default()
    };
    let start = Instant::now();
    let report = batchlint::analyze(&text, &options);
    let analyze = start.elapsed();
    let json = serde_json::to_string(&report).expect("serialise");
    let total = start.elapsed();
    batchlint_fuzz::check_report(&text, &report);
    let resources: usize = report.policies.iter().flat_map(|p| &p.document.statement).map(|s| s.resource.len()).sum();
    println!(
        "| {case} | {:.1} MB | {:.0} ms | {:.0} ms | {} | {} | {} | {:.1} MB | {:.0} MB |",
        text.len() as f64 / 1e6,
        analyze.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        report.diagnostics.len(),
        report.references.len(),
        resources,
        json.len() as f64 / 1e6,
        peak_rss_kib() as f64 / 1024.0,
    );
    let _ = before;
}
