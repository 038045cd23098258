// What the shipped .wasm can reach: only the wasm-bindgen glue that moves values between Rust
// and JavaScript. The list below was reviewed by hand; a new import fails this test until it
// is reviewed and added, and nothing that reaches the network or the host may ever be.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PKG } from "./helpers.mjs";

const REVIEWED = new Set([
  // Objects, arrays, iterators and JSON, for options in and reports out (serde-wasm-bindgen).
  "__wbg_get_unchecked",
  "__wbg_set",
  "__wbg_length",
  "__wbg_next",
  "__wbg_done",
  "__wbg_value",
  "__wbg_get_with_ref_key",
  "__wbg_get",
  "__wbg_String",
  "__wbg_new",
  "__wbg_prototypesetcall",
  "__wbg_call",
  "__wbg_isArray",
  "__wbg_entries",
  "__wbg_iterator",
  "__wbg_stringify",
  "__wbg_from",
  "__wbg_instanceof_Error",
  "__wbg_instanceof_Uint8Array",
  "__wbg_instanceof_ArrayBuffer",
  "__wbg_Error",
  // Number.prototype.toString and Array.from, to describe a mistyped option in its error message.
  "__wbg_toString",
  // wasm-bindgen's own intrinsics.
  "__wbg___wbindgen_in",
  "__wbg___wbindgen_throw",
  "__wbg___wbindgen_typeof",
  "__wbg___wbindgen_is_null",
  "__wbg___wbindgen_is_object",
  "__wbg___wbindgen_is_string",
  "__wbg___wbindgen_number_get",
  "__wbg___wbindgen_string_get",
  "__wbg___wbindgen_boolean_get",
  "__wbg___wbindgen_is_function",
  "__wbg___wbindgen_is_undefined",
  "__wbg___wbindgen_jsval_loose_eq",
  "__wbg___wbindgen_debug_string",
  "__wbindgen_init_externref_table",
  "__wbindgen_generic",
]);
const HOST_OR_NETWORK =
  /fetch|xmlhttp|websocket|eventsource|sendbeacon|request|socket|eval|function_new|import|require|process|global|window|document|navigator|location|storage|indexeddb|crypto|random|date_now|performance|worker|postmessage/i;

const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(PKG, "batchlint_bg.wasm"))));
// wasm-bindgen appends a hash (`_e6325ad374eff861`) or a counter (`_0000000000000001`).
const base = (name) => name.replace(/_[0-9a-f]{16}$/, "");

test("the .wasm imports only reviewed wasm-bindgen glue", () => {
  assert.ok(imports.length > 0);
  for (const i of imports) {
    assert.equal(i.module, "./batchlint_bg.js", `${i.module}.${i.name} comes from outside the glue`);
    assert.equal(i.kind, "function");
    assert.doesNotMatch(i.name, HOST_OR_NETWORK, `${i.name} could reach the host or the network`);
    assert.ok(REVIEWED.has(base(i.name)), `new import ${i.name}: review it and add it to REVIEWED`);
  }
});

test("the .wasm exports only the API and wasm-bindgen's plumbing", () => {
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(PKG, "batchlint_bg.wasm")))).map((e) => e.name);
  for (const name of ["analyze", "analyzeBytes", "rules", "version", "memory"]) assert.ok(exports.includes(name), name);
  for (const name of exports)
    assert.match(name, /^(analyze|analyzeBytes|rules|version|memory|__wbindgen_\w+|__externref_\w+|__abort_handler|__instance_terminated)$/, name);
});

test("the .wasm stays within its size budget: 100 KB gzipped", async () => {
  const { gzipSync } = await import("node:zlib");
  const gz = gzipSync(readFileSync(join(PKG, "batchlint_bg.wasm")), { level: 9 }).length;
  // BENCHMARKS.md (round 4) and CONTRIBUTING.md ("Size") say what to do when this fails.
  assert.ok(gz <= 100_000, `batchlint_bg.wasm is ${gz} B gzipped, over the 100,000 B budget`);
});
