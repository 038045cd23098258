// The instance no caller can break (RELIABILITY.md): every route that broke the module for the
// life of the process, run past its breaking count, then a normal call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, analyzeBytes, Analyzer } from "batchlint";
import { createApi, MAX_INPUT_BYTES } from "../pkg/core.js";
import { BROKEN, PKG } from "./helpers.mjs";

const module = new WebAssembly.Module(readFileSync(join(PKG, "batchlint_bg.wasm")));
const normal = () => analyze(BROKEN).diagnostics.map((d) => d.code);
const expected = normal();

test("options that throw (getters, Proxy traps, element getters) throw before the module is entered", () => {
  const getter = {
    get region() {
      throw new Error("boom");
    },
  };
  const trap = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error("trap");
      },
    },
  );
  const keys = ["alias/a"];
  Object.defineProperty(keys, 0, {
    get() {
      throw new Error("element");
    },
  });
  const cyclic = [];
  cyclic.push(cyclic);
  for (const [options, what] of [
    [getter, /boom/],
    [trap, /trap/],
    [{ kmsKeys: keys }, /element/],
    [{ kmsKeys: cyclic }, /kmsKeys\[0\]` must be a string, not an array/],
  ]) {
    for (let i = 0; i < 3000; i++) assert.throws(() => analyze("{}", options), what);
  }
  assert.deepEqual(normal(), expected);
});

test("a stack overflow inside the module drops the instance; the next call works", () => {
  // Calls at the edge of the JS stack: some run out of it inside the module, which then drops
  // the instance and throws one Error; 60 is past the 52 that broke the module before.
  const deep = `${"[".repeat(120)}${"]".repeat(120)}`;
  let outcome;
  function recurse(k) {
    if (k > 0) return recurse(k - 1) + 1;
    try {
      analyze(deep);
      outcome = "ok";
    } catch (err) {
      outcome = /the next call starts a fresh one$/.test(err.message) ? "inside" : "before";
    }
    return 0;
  }
  function probe(n) {
    outcome = "before";
    try {
      recurse(n);
    } catch {}
    return outcome;
  }
  let inside = 0;
  for (let round = 0; round < 50 && inside < 60; round++) {
    // The deepest recursion that reaches analyze moves as the JIT compiles `recurse`: find it
    // again each round, then try the depths just below it.
    let low = 0;
    let high = 200_000;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (probe(mid) === "before") high = mid;
      else low = mid;
    }
    for (let n = high + 20; n > high - 200; n--) if (probe(n) === "inside") inside++;
  }
  assert.ok(inside >= 60, `only ${inside} calls ran out of stack inside the module`);
  assert.deepEqual(normal(), expected);
});

test("an input over 16 MiB is a finding and is not copied; the module keeps working", () => {
  const huge = "x".repeat(MAX_INPUT_BYTES + 1);
  for (let i = 0; i < 5; i++) {
    const report = analyze(huge);
    assert.deepEqual(
      report.diagnostics.map((d) => [d.code, d.message]),
      [["BL106", `the input is ${MAX_INPUT_BYTES + 1} bytes; batchlint reads at most ${MAX_INPUT_BYTES} bytes (16 MiB)`]],
    );
  }
  assert.equal(analyzeBytes(new Uint8Array(MAX_INPUT_BYTES + 1)).diagnostics[0].code, "BL106");
  // Exactly at the limit the input is read.
  assert.notEqual(analyzeBytes(new Uint8Array(MAX_INPUT_BYTES).fill(0x20)).diagnostics[0].code, "BL106");
  assert.deepEqual(normal(), expected);
});

test("a trap drops the instance and throws one clear Error; the next call starts a fresh one", () => {
  const api = createApi(() => module, "no module");
  assert.deepEqual(
    api.analyze(BROKEN).diagnostics.map((d) => d.code),
    expected,
  );
  // A read far outside the module's memory traps ("memory access out of bounds"), as a bug
  // or exhausted memory would; core.js never calls the ABI like this itself.
  for (let i = 0; i < 3000; i++) {
    assert.throws(
      () => api.unsafeCall((w) => w.batchlint_analyze(0xfffffff0, 100, 100, 0, 0, 0)),
      (err) => {
        assert.ok(err instanceof Error && !(err instanceof WebAssembly.RuntimeError), "one clear Error");
        assert.match(err.message, /^batchlint: the WebAssembly instance failed \(RuntimeError: .*\); the next call starts a fresh one$/);
        assert.ok(err.cause instanceof WebAssembly.RuntimeError);
        return true;
      },
    );
    assert.equal(api.memoryBytes(), 0, "the instance was dropped");
  }
  assert.deepEqual(
    api.analyze(BROKEN).diagnostics.map((d) => d.code),
    expected,
  );
});

test("memory returns after a large input, and does not grow over many calls", () => {
  const api = createApi(() => module, "no module");
  const secrets = Array.from({ length: 60_000 }, (_, i) => `{"name": "S${i}", "valueFrom": "/prod/app/parameter-${i}"}`).join(",");
  const large = `{"jobDefinitionName": "big", "type": "container", "containerProperties": {"image": "x", "secrets": [${secrets}]}}`;
  assert.ok(large.length < MAX_INPUT_BYTES);
  assert.equal(api.analyze(large).references.length, 60_000);
  // The instance grew past 64 MiB and was dropped with its memory.
  assert.equal(api.memoryBytes(), 0);
  const analyzer = new api.Analyzer({ region: "eu-west-1", report: "findings" });
  analyzer.analyze(BROKEN);
  const after = api.memoryBytes();
  for (let i = 0; i < 20_000; i++) analyzer.analyze(BROKEN);
  assert.equal(api.memoryBytes(), after, "memory grew over 20,000 calls");
});

test("Analyzer reads its options once; analyze and analyzeBytes agree", () => {
  let reads = 0;
  const options = {
    get region() {
      reads++;
      return "eu-west-1";
    },
  };
  const analyzer = new Analyzer(options);
  for (let i = 0; i < 10; i++) analyzer.analyze(BROKEN);
  assert.equal(reads, 1);
  assert.deepEqual(analyzer.analyzeBytes(new TextEncoder().encode(BROKEN)), analyzer.analyze(BROKEN));
});
