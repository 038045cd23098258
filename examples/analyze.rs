//! Prints the report for a file as JSON: `cargo run --example analyze -- FILE [REGION] [ACCOUNT] [KMS_KEY...]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: analyze FILE [REGION] [ACCOUNT] [KMS_KEY...]");
        std::process::exit(2);
    };
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let options = batchlint::Options {
        region: args.get(1).cloned(),
        account_id: args.get(2).cloned(),
        kms_keys: args.iter().skip(3).cloned().collect(),
        ..Default::default()
    };
    let report = batchlint::analyze_bytes(&text, &options);
    match serde_json::to_string_pretty(&report) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}
