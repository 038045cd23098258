//! The WebAssembly API: a small C ABI over [`crate::analyze_bytes`], compiled for `wasm32`
//! only. `pkg-template/core.js` is its JavaScript side.
//!
//! The JS layer reads and checks the options (so no JS code can run, or throw, while Rust
//! frames are live), copies the input and the options into buffers it allocates here, calls
//! `batchlint_analyze`, and decodes the result (`encode.rs`). It holds the
//! `WebAssembly.Module` and starts a fresh instance after a trap; wasm-bindgen's generated glue
//! keeps its instance in module state and cannot do that, so this ABI is plain numbers.
//!
//! Options arrive as records: a tag byte, a little-endian `u32` length and that many UTF-8
//! bytes; tags 1 region, 2 account ID, 3 partition, 4 a KMS key (repeated), 5 the form, and in
//! the build that reads Terraform 6 the input's path, 7 a file the input may read (repeated: its
//! path relative to the input's directory, a NUL byte, its text).

use crate::diagnostic::Sink;
use crate::input::{json, Node};
use crate::references::{Grant, ReferenceKind, SecretReference, SECRETS_MANAGER_GET_SECRET_VALUE, SSM_GET_PARAMETERS};
use crate::{encode, policy, Options, VERSION};
use std::alloc::{alloc, dealloc, Layout};
use std::cell::RefCell;

/// Talc instead of Rust's default dlmalloc: 1.9 KB smaller gzipped, 1–3% slower
/// (BENCHMARKS.md, round 4), and the .wasm's size is what edge runtimes pay for.
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Flag: the report carries the findings only (no references or policies).
pub const FLAG_FINDINGS_ONLY: u32 = 1;

thread_local! {
    /// The last result, kept until the next call or `batchlint_release`.
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Allocates `len` bytes for the JS layer to write an input or options into; `0` for an
/// impossible size. Ownership passes back with `batchlint_analyze`.
#[no_mangle]
pub extern "C" fn batchlint_alloc(len: u32) -> *mut u8 {
    match layout(len) {
        None => std::ptr::NonNull::<u8>::dangling().as_ptr(),
        // SAFETY: the layout has a non-zero size.
        Some(layout) => unsafe { alloc(layout) },
    }
}

fn layout(len: u32) -> Option<Layout> {
    let len = usize::try_from(len).ok().filter(|&n| n > 0)?;
    Layout::array::<u8>(len).ok()
}

/// Takes back a buffer from `batchlint_alloc` and returns it to the allocator.
///
/// # Safety
/// `ptr` and `len` must be those of one `batchlint_alloc` call, not yet freed.
unsafe fn free(ptr: *mut u8, len: u32) {
    if let Some(layout) = layout(len) {
        if !ptr.is_null() {
            dealloc(ptr, layout);
        }
    }
}

/// Checks the input, `len` bytes at `input` in a buffer of `capacity` bytes from
/// `batchlint_alloc` (or, for an input the JS layer did not copy because it is over
/// [`crate::MAX_INPUT_BYTES`], a null pointer, its length and no capacity), with the options
/// buffer, and returns the address of the result: a `u32` byte length and the encoded report.
/// Both buffers are freed here.
///
/// # Safety
/// Each pointer is null or comes from `batchlint_alloc` with its capacity, holds its length of
/// initialised bytes, and is not used again.
#[no_mangle]
pub unsafe extern "C" fn batchlint_analyze(
    input: *mut u8,
    len: u32,
    capacity: u32,
    options_ptr: *mut u8,
    options_len: u32,
    flags: u32,
) -> *const u8 {
    let options_bytes: &[u8] = if options_ptr.is_null() || options_len == 0 {
        &[]
    } else {
        // SAFETY: the caller wrote `options_len` bytes at `options_ptr` (see above).
        std::slice::from_raw_parts(options_ptr, options_len as usize)
    };
    let mut options = read_options(options_bytes);
    options.findings_only = flags & FLAG_FINDINGS_ONLY != 0;
    free(options_ptr, options_len);
    let report = if len as usize > crate::MAX_INPUT_BYTES || (input.is_null() && len > 0) || len > capacity {
        crate::input_too_large(len as usize)
    } else {
        // SAFETY: as above, for the input.
        let bytes: &[u8] = if len == 0 { &[] } else { std::slice::from_raw_parts(input, len as usize) };
        crate::analyze_bytes(bytes, &options)
    };
    free(input, capacity);
    keep(encode::report(&report))
}

/// Merges the policies of several reports by execution role ([`policy::merge`]): `refs` holds
/// the JSON of the reports' references, one array per input, with the members the policy
/// builder reads (`executionRoleArn`, `kind`, `partition`, `region`, `account`, `grants`), as
/// the JS layer decoded them; the result is the merged policies (`encode::merged`).
///
/// # Safety
/// As for `batchlint_analyze`: buffers from `batchlint_alloc` with their lengths.
#[no_mangle]
pub unsafe extern "C" fn batchlint_merge(refs: *mut u8, len: u32, options_ptr: *mut u8, options_len: u32) -> *const u8 {
    let options_bytes: &[u8] = if options_ptr.is_null() || options_len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(options_ptr, options_len as usize)
    };
    let context = read_options(options_bytes).resolve(&mut Sink::new());
    free(options_ptr, options_len);
    let bytes: &[u8] = if refs.is_null() || len == 0 { &[] } else { std::slice::from_raw_parts(refs, len as usize) };
    let inputs = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| json::parse(text).ok())
        .map(|root| merge_inputs(&root))
        .unwrap_or_default();
    free(refs, len);
    let borrowed: Vec<&[SecretReference]> = inputs.iter().map(Vec::as_slice).collect();
    keep(encode::merged(&policy::merge(&borrowed, &context)))
}

/// The references of each input, read back from the JSON the JS layer sends.
fn merge_inputs(root: &Node<'_>) -> Vec<Vec<SecretReference>> {
    let text = |node: &Node<'_>, key: &str| node.get_str(key).map(str::to_string);
    root.as_array()
        .unwrap_or(&[])
        .iter()
        .map(|input| {
            input
                .as_array()
                .unwrap_or(&[])
                .iter()
                .map(|r| SecretReference {
                    execution_role_arn: text(r, "executionRoleArn"),
                    kind: match r.get_str("kind") {
                        Some("ssmParameterName") => ReferenceKind::SsmParameterName,
                        Some("ssmParameterArn") => ReferenceKind::SsmParameterArn,
                        Some("ssmSecretsManagerReference") => ReferenceKind::SsmSecretsManagerReference,
                        Some("secretsManagerArn") => ReferenceKind::SecretsManagerArn,
                        Some("secretsManagerName") => ReferenceKind::SecretsManagerName,
                        _ => ReferenceKind::Invalid,
                    },
                    partition: text(r, "partition"),
                    region: text(r, "region"),
                    account: text(r, "account"),
                    grants: r
                        .get("grants")
                        .and_then(Node::as_array)
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|g| {
                            // Only the two reads a reference can need; anything else is not granted.
                            let action = match g.get_str("action")? {
                                SSM_GET_PARAMETERS => SSM_GET_PARAMETERS,
                                SECRETS_MANAGER_GET_SECRET_VALUE => SECRETS_MANAGER_GET_SECRET_VALUE,
                                _ => return None,
                            };
                            Some(Grant { action, resource: g.get_str("resource")?.to_string() })
                        })
                        .collect(),
                    ..SecretReference::default()
                })
                .collect()
        })
        .collect()
}

/// The crate version, as a result buffer.
#[no_mangle]
pub extern "C" fn batchlint_version() -> *const u8 {
    keep(VERSION.as_bytes().to_vec())
}

/// Returns the last result to the allocator, so that memory does not grow with calls.
#[no_mangle]
pub extern "C" fn batchlint_release() {
    RESULT.with(|r| drop(r.take()));
}

/// Keeps `bytes` as the result behind a `u32` length, and returns its address.
fn keep(bytes: Vec<u8>) -> *const u8 {
    let mut out = Vec::with_capacity(4 + bytes.len());
    out.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&bytes);
    RESULT.with(|r| {
        let ptr = out.as_ptr();
        *r.borrow_mut() = out;
        ptr
    })
}

/// The options records (see the module's documentation); unknown tags are skipped, so that an
/// older module ignores what a newer JS layer adds.
pub fn read_options(mut bytes: &[u8]) -> Options {
    let mut options = Options::default();
    while let [tag, a, b, c, d, rest @ ..] = bytes {
        let len = u32::from_le_bytes([*a, *b, *c, *d]) as usize;
        let (value, after) = rest.split_at(len.min(rest.len()));
        let text = String::from_utf8_lossy(value).into_owned();
        match tag {
            1 => options.region = Some(text),
            2 => options.account_id = Some(text),
            3 => options.partition = Some(text),
            4 => options.kms_keys.push(text),
            5 => options.form = crate::forms::Form::from_id(&text),
            #[cfg(feature = "terraform")]
            6 => options.path = Some(text),
            #[cfg(feature = "terraform")]
            7 => {
                if let Some((path, file)) = text.split_once('\0') {
                    options.files.get_or_insert_with(Default::default).insert(path.to_string(), file.to_string());
                }
            }
            _ => {}
        }
        bytes = after;
    }
    options
}
