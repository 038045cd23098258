// What the shipped .wasm can reach and what it offers: it imports nothing at all (so it cannot
// reach the network, the host or JS code), and exports only its C ABI (src/wasm.rs), which
// core.js calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PKG } from "./helpers.mjs";

// The module that reads every form, and the JSON-only one (`batchlint/json`).
const MODULES = ["batchlint_bg.wasm", "batchlint_json_bg.wasm"];
const compiled = (file) => new WebAssembly.Module(readFileSync(join(PKG, file)));

/** Gzipped size budgets, recorded in BENCHMARKS.md ("Size"). */
const BUDGETS = { "batchlint_bg.wasm": 280_000, "batchlint_json_bg.wasm": 100_000 };

for (const file of MODULES) {
  test(`${file} imports nothing`, () => {
    assert.deepEqual(WebAssembly.Module.imports(compiled(file)), []);
  });

  test(`${file} exports only its C ABI and its memory`, () => {
    const exports = WebAssembly.Module.exports(compiled(file))
      .map((e) => `${e.kind} ${e.name}`)
      .sort();
    assert.deepEqual(exports, [
      "function batchlint_alloc",
      "function batchlint_analyze",
      "function batchlint_merge",
      "function batchlint_release",
      "function batchlint_version",
      "global __data_end",
      "global __heap_base",
      "memory memory",
    ]);
  });

  test(`${file} stays within its size budget: ${BUDGETS[file].toLocaleString("en")} B gzipped`, async () => {
    const { gzipSync } = await import("node:zlib");
    const gz = gzipSync(readFileSync(join(PKG, file)), { level: 9 }).length;
    assert.ok(gz <= BUDGETS[file], `${file} is ${gz} B gzipped, over the ${BUDGETS[file].toLocaleString("en")} B budget`);
  });
}
