// batchlint's JS benchmark: in one Node process, alternating, after warm-up, the median time per
// document of analyze() from the built package against JSON.parse alone and JSON.parse + ajv,
// and the ratios; then the package size, cold start, wasm memory and scaling.
//
//   node bench/bench.mjs [--smoke] [--json <file>] [--pkg <dir>] [--only a,b]
//
// --smoke runs `small` only, briefly, and checks that everything works (exit 1 otherwise).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir, cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { workloads, OPTIONS } from "./workloads.mjs";
import { compileValidators } from "./validator.mjs";

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const smoke = flag("--smoke");
const here = fileURLToPath(new URL(".", import.meta.url));
const pkgDir = resolve(value("--pkg") ?? join(here, "..", "pkg"));
const entry = join(pkgDir, "node.mjs");
if (!existsSync(entry)) { console.error(`bench: ${entry} is missing: run scripts/build-pkg.sh`); process.exit(1); }
const pkg = await import(pathToFileURL(entry).href);

const all = workloads();
const only = value("--only")?.split(",");
const names = smoke ? ["small"] : Object.keys(all).filter((n) => !only || only.includes(n));
const selectValidator = compileValidators();

// --- correctness first: every candidate must work on every workload ---------------------------
for (const name of names) {
  const text = all[name];
  const parsed = JSON.parse(text);
  const validate = selectValidator(parsed);
  if (!validate(parsed)) throw new Error(`ajv rejects the ${name} workload: ${JSON.stringify(validate.errors)}`);
  const report = pkg.analyze(text, OPTIONS);
  if (report.references.length === 0 || report.policies.length === 0) throw new Error(`analyze found no references in ${name}`);
  const errors = report.diagnostics.filter((d) => d.severity === "error" && d.code !== "BL210");
  if (errors.length) throw new Error(`analyze reports errors on ${name}: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
}

const candidates = {
  analyze: (text) => pkg.analyze(text, OPTIONS),
  "JSON.parse": (text) => JSON.parse(text),
  "JSON.parse+ajv": (text) => { const v = JSON.parse(text); const validate = selectValidator(v); return validate(v); },
};
if (typeof pkg.analyzeJson === "function") candidates["analyze (JSON string)"] = (text) => JSON.parse(pkg.analyzeJson(text, OPTIONS));

const now = () => process.hrtime.bigint();
let sink = 0;
/** Nanoseconds per call of fn(text), over a batch of `n` calls. */
function batch(fn, text, n) {
  const t0 = now();
  for (let i = 0; i < n; i++) sink ^= fn(text) ? 1 : 0;
  return Number(now() - t0) / n;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const ROUNDS = smoke ? 5 : 31;
const BATCH_NS = smoke ? 2e6 : 10e6;   // each timed batch runs ~10 ms
const results = {};
for (const name of names) {
  const text = all[name];
  const fns = Object.entries(candidates);
  // Warm-up: ~300 ms each (JIT tiers, wasm tier-up), then size each batch.
  const sizes = {};
  for (const [label, fn] of fns) {
    let n = 1, spent = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < (smoke ? 50 : 300)) { spent = batch(fn, text, n); if (spent * n < BATCH_NS / 4) n *= 2; }
    sizes[label] = Math.max(1, Math.round(BATCH_NS / spent));
  }
  const times = Object.fromEntries(fns.map(([label]) => [label, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate, rotating the order each round so no candidate always runs first.
    for (let k = 0; k < fns.length; k++) {
      const [label, fn] = fns[(r + k) % fns.length];
      times[label].push(batch(fn, text, sizes[label]));
    }
  }
  const ratio = (a, b) => median(times[a].map((t, i) => t / times[b][i]));   // median of paired (same-round) ratios
  results[name] = {
    bytes: Buffer.byteLength(text),
    median: Object.fromEntries(Object.entries(times).map(([l, ts]) => [l, median(ts)])),
    vsParse: ratio("analyze", "JSON.parse"),
    vsAjv: ratio("analyze", "JSON.parse+ajv"),
    ajvVsParse: ratio("JSON.parse+ajv", "JSON.parse"),
    ...(candidates["analyze (JSON string)"] ? { jsonVsObjects: ratio("analyze (JSON string)", "analyze") } : {}),
  };
}

// --- sizes ---------------------------------------------------------------------------------------
const wasmBytes = readFileSync(join(pkgDir, "batchlint_bg.wasm"));
const size = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
});
const sizes = { wasm: size(wasmBytes) };
for (const f of ["batchlint.js", "batchlint.cjs", "node.mjs"]) sizes[f] = size(readFileSync(join(pkgDir, f)));

// --- cold start and memory (fresh processes) ------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), "batchlint-bench-"));
const child = join(here, "child.mjs");
const env = { ...process.env, BATCHLINT_PKG: pathToFileURL(entry).href };
const run = (mode, file) => {
  const t0 = now();
  const out = spawnSync(process.execPath, [child, mode, file], { env, encoding: "utf8" });
  const ms = Number(now() - t0) / 1e6;
  if (out.status !== 0) throw new Error(`child ${mode} failed: ${out.stderr}`);
  return { ms, stdout: out.stdout };
};
let cold, memory;
try {
  const typicalFile = join(tmp, "typical.json");
  writeFileSync(typicalFile, all.typical);
  const runs = smoke ? 2 : 21;
  const t = { parse: [], analyze: [] };
  run("parse", typicalFile); run("analyze", typicalFile);   // page cache
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? ["analyze", "parse"] : ["parse", "analyze"]) t[mode].push(run(mode, typicalFile).ms);
  }
  cold = { runs, parse: median(t.parse), analyze: median(t.analyze), diff: median(t.analyze.map((a, i) => a - t.parse[i])) };
  const memFile = join(tmp, smoke ? "small.json" : "huge.json");
  writeFileSync(memFile, smoke ? all.small : all.huge);
  memory = { workload: smoke ? "small" : "huge", input: Buffer.byteLength(smoke ? all.small : all.huge), ...JSON.parse(run("memory", memFile).stdout) };
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// --- report --------------------------------------------------------------------------------------
const fmt = (ns) => ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
const x = (r) => `${r.toFixed(2)}×`;
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
const lines = [];
const hasJson = Boolean(candidates["analyze (JSON string)"]);
lines.push(`| workload | bytes | analyze | JSON.parse | JSON.parse+ajv | analyze ÷ JSON.parse | analyze ÷ parse+ajv | parse+ajv ÷ parse | analyze ns/byte |${hasJson ? " JSON-string ÷ objects |" : ""}`);
lines.push(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${hasJson ? " ---: |" : ""}`);
for (const [name, r] of Object.entries(results)) {
  lines.push(`| ${name} | ${r.bytes} | ${fmt(r.median.analyze)} | ${fmt(r.median["JSON.parse"])} | ${fmt(r.median["JSON.parse+ajv"])} | ${x(r.vsParse)} | ${x(r.vsAjv)} | ${x(r.ajvVsParse)} | ${(r.median.analyze / r.bytes).toFixed(2)} |${hasJson ? ` ${x(r.jsonVsObjects)} |` : ""}`);
}
const perByte = Object.values(results).filter((_, i) => names[i] !== "describe").map((r) => r.median.analyze / r.bytes);
lines.push("");
if (perByte.length > 1) lines.push(`Scaling (small → huge, single definitions): analyze ns/byte max ÷ min = ${x(Math.max(...perByte) / Math.min(...perByte))}`);
lines.push(`Sizes: batchlint_bg.wasm ${sizes.wasm.raw} B raw, ${sizes.wasm.gzip} B gzip -9 (${kb(sizes.wasm.gzip)}), ${sizes.wasm.brotli} B brotli -11; ` +
  ["batchlint.js", "batchlint.cjs", "node.mjs"].map((f) => `${f} ${sizes[f].raw} B / ${sizes[f].gzip} B gz`).join("; "));
lines.push(`Cold start (fresh node, typical, ${cold.runs} runs alternating, medians): import+analyze ${cold.analyze.toFixed(1)} ms, JSON.parse only ${cold.parse.toFixed(1)} ms, difference ${cold.diff.toFixed(1)} ms (median of paired differences)`);
lines.push(`Wasm memory: ${memory.before} B after instantiation, ${memory.after} B after ${memory.workload} (${memory.input} B input): ${x(memory.after / memory.input)} the input`);
lines.push(`Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ajv ${JSON.parse(readFileSync(new URL("node_modules/ajv/package.json", import.meta.url), "utf8")).version}; ${ROUNDS} rounds of ~${BATCH_NS / 1e6} ms batches per candidate`);
console.log(lines.join("\n"));
const jsonOut = value("--json");
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), results, sizes, cold, memory }, null, 2));
if (sink === 42) console.log("");   // keep results observable
