// What the shipped .wasm can reach and what it offers: it imports nothing at all (so it cannot
// reach the network, the host or JS code), and exports only its C ABI (src/wasm.rs), which
// core.js calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PKG } from "./helpers.mjs";

const module = new WebAssembly.Module(readFileSync(join(PKG, "batchlint_bg.wasm")));

test("the .wasm imports nothing", () => {
  assert.deepEqual(WebAssembly.Module.imports(module), []);
});

test("the .wasm exports only its C ABI and its memory", () => {
  const exports = WebAssembly.Module.exports(module)
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

test("the .wasm stays within its size budget: 100 KB gzipped", async () => {
  const { gzipSync } = await import("node:zlib");
  const gz = gzipSync(readFileSync(join(PKG, "batchlint_bg.wasm")), { level: 9 }).length;
  assert.ok(gz <= 100_000, `batchlint_bg.wasm is ${gz} B gzipped, over the 100,000 B budget`);
});
