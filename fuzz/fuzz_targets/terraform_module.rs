#![no_main]
//! The Terraform reader on arbitrary text: the bytes up to the first NUL are the `.tf` file,
//! the rest is the text of the files it may read (`c.json` by `file()`, `t.tpl` by
//! `templatefile()`). Every range must lie in the file it names.

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|data: &[u8]| {
    let (module, file) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(module), Ok(file)) = (std::str::from_utf8(module), std::str::from_utf8(file)) else { return };
    let files: HashMap<String, String> =
        ["c.json", "t.tpl"].iter().map(|name| (name.to_string(), file.to_string())).collect();
    let options = batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        form: Some(batchlint::forms::Form::Terraform),
        path: Some("main.tf".into()),
        files: Some(files.clone()),
        ..Default::default()
    };
    let report = batchlint::analyze(module, &options);
    batchlint_fuzz::check_report_with_files(module, &files, &report);
});
