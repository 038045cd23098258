#![no_main]
//! `analyze_bytes` on arbitrary bytes, with default options and with full options.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    batchlint_fuzz::analyze_bytes_and_check(data, &batchlint::Options::default());
    let options = batchlint::Options {
        region: Some("eu-west-1".into()),
        account_id: Some("123456789012".into()),
        partition: None,
        kms_keys: vec!["alias/app".into(), "1234abcd-12ab-34cd-56ef-1234567890ab".into()],
        form: None,
    };
    batchlint_fuzz::analyze_bytes_and_check(data, &options);
});
