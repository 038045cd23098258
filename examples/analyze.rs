//! Prints the report for a file as JSON: `cargo run --example analyze -- FILE [REGION] [ACCOUNT] [KMS_KEY...]`.
//! The text files next to it are given as the files it may read (a `.tf` file's `file()`).

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
        path: Some(path.clone()),
        files: Some(files_beside(path)),
        ..Default::default()
    };
    let report = batchlint::analyze_bytes(&text, &options);
    match serde_json::to_string_pretty(&report) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}

/// The text files in the input's directory (what a `.tf` file's `file()` may read), by name.
fn files_beside(path: &str) -> std::collections::HashMap<String, String> {
    let input = std::path::Path::new(path);
    let dir = input.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut out = std::collections::HashMap::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_file() && p.file_name() != input.file_name() {
            if let (Some(name), Ok(text)) = (p.file_name(), std::fs::read_to_string(&p)) {
                out.insert(name.to_string_lossy().into_owned(), text);
            }
        }
    }
    out
}
