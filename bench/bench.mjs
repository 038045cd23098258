// batchlint's JS benchmark: in one Node process, alternating, after warm-up, the median time per
// document of analyze() (the full module, the whole report) and of the keystroke check (an
// Analyzer with report: "findings" on the JSON-only module) against JSON.parse alone,
// JSON.parse + ajv and JSON.parse of the report's own JSON, and the paired ratios; then a call
// on `{}`, the package size, cold start, wasm memory and scaling, and issue 13's targets.
//
//   node bench/bench.mjs [--smoke] [--json <file>] [--pkg <dir>] [--only a,b] [--core <file>]
//
// --core reads examples/core_ratio.rs's --json output (scripts/bench.sh passes it).
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
// The JSON-only module, which consoles embed (`batchlint/json`): the keystroke case.
const jsonOnly = await import(pathToFileURL(join(pkgDir, "json.js")).href);
await jsonOnly.init(readFileSync(join(pkgDir, "batchlint_json_bg.wasm")));
const FINDINGS = { ...OPTIONS, report: "findings" };
const keystroke = new jsonOnly.Analyzer(FINDINGS);

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

// The report's own JSON text, per workload: the full report's target is set against parsing it.
const reportJson = Object.fromEntries(names.map((n) => [n, JSON.stringify(pkg.analyze(all[n], OPTIONS))]));
for (const name of names) {
  const a = JSON.stringify(keystroke.analyze(all[name]).diagnostics);
  const b = JSON.stringify(pkg.analyze(all[name], OPTIONS).diagnostics);
  if (a !== b) throw new Error(`the keystroke check's findings differ from the full report's on ${name}`);
}

/** Each candidate takes the workload's name. */
const candidates = {
  analyze: (name) => pkg.analyze(all[name], OPTIONS),
  keystroke: (name) => keystroke.analyze(all[name]),
  "JSON.parse": (name) => JSON.parse(all[name]),
  "JSON.parse+ajv": (name) => { const v = JSON.parse(all[name]); const validate = selectValidator(v); return validate(v); },
  "JSON.parse(report)": (name) => JSON.parse(reportJson[name]),
};

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
  const text = name;
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
    bytes: Buffer.byteLength(all[name]),
    reportBytes: Buffer.byteLength(reportJson[name]),
    median: Object.fromEntries(Object.entries(times).map(([l, ts]) => [l, median(ts)])),
    vsParse: ratio("analyze", "JSON.parse"),
    vsAjv: ratio("analyze", "JSON.parse+ajv"),
    ajvVsParse: ratio("JSON.parse+ajv", "JSON.parse"),
    keystrokeVsAjv: ratio("keystroke", "JSON.parse+ajv"),
    fullVsReportParse: ratio("analyze", "JSON.parse(report)"),
  };
}

// --- the fixed cost of a call: `{}` ---------------------------------------------------------------
const empty = { analyze: () => pkg.analyze("{}"), keystroke: () => keystroke.analyze("{}"), "JSON.parse": () => JSON.parse("{}") };
const emptyTimes = Object.fromEntries(Object.keys(empty).map((l) => [l, []]));
{
  const n = smoke ? 2000 : 20000;
  for (const fn of Object.values(empty)) batch(fn, "", n);
  for (let r = 0; r < ROUNDS; r++) for (const [label, fn] of Object.entries(empty)) emptyTimes[label].push(batch(fn, "", n));
}
const emptyMedian = Object.fromEntries(Object.entries(emptyTimes).map(([l, ts]) => [l, median(ts)]));

// --- sizes ---------------------------------------------------------------------------------------
const wasmBytes = readFileSync(join(pkgDir, "batchlint_bg.wasm"));
const size = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
});
const sizes = { wasm: size(wasmBytes), jsonWasm: size(readFileSync(join(pkgDir, "batchlint_json_bg.wasm"))) };
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
let cold, memory, loop;
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
  const loopFile = join(tmp, "typical-loop.json");
  writeFileSync(loopFile, all.typical);
  loop = { calls: smoke ? 1000 : 100000, ...JSON.parse(run(`loop:${smoke ? 1000 : 100000}`, loopFile).stdout) };
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// --- report --------------------------------------------------------------------------------------
const fmt = (ns) => ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
const x = (r) => `${r.toFixed(2)}×`;
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
const lines = [];
lines.push("| workload | bytes | report JSON | analyze | keystroke | JSON.parse | JSON.parse+ajv | JSON.parse(report) | analyze ÷ JSON.parse | analyze ÷ parse+ajv | keystroke ÷ parse+ajv | analyze ÷ JSON.parse(report) | analyze ns/byte |");
lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, r] of Object.entries(results)) {
  const m = r.median;
  lines.push(`| ${name} | ${r.bytes} | ${r.reportBytes} | ${fmt(m.analyze)} | ${fmt(m.keystroke)} | ${fmt(m["JSON.parse"])} | ${fmt(m["JSON.parse+ajv"])} | ${fmt(m["JSON.parse(report)"])} | ${x(r.vsParse)} | ${x(r.vsAjv)} | ${x(r.keystrokeVsAjv)} | ${x(r.fullVsReportParse)} | ${(m.analyze / r.bytes).toFixed(2)} |`);
}
const perByte = Object.values(results).filter((_, i) => names[i] !== "describe").map((r) => r.median.analyze / r.bytes);
lines.push("");
lines.push("keystroke: `new Analyzer({...options, report: \"findings\"}).analyze(text)` on the JSON-only module (`batchlint/json`); analyze: `analyze(text, options)` on the full module, the whole report.");
if (perByte.length > 1) lines.push(`Scaling (small → huge, single definitions): analyze ns/byte max ÷ min = ${x(Math.max(...perByte) / Math.min(...perByte))}`);
lines.push(`Sizes: batchlint_bg.wasm ${sizes.wasm.raw} B raw, ${sizes.wasm.gzip} B gzip -9, ${sizes.wasm.brotli} B brotli -11; batchlint_json_bg.wasm ${sizes.jsonWasm.raw} B raw, ${sizes.jsonWasm.gzip} B gzip -9, ${sizes.jsonWasm.brotli} B brotli -11; ` +
  ["batchlint.js", "batchlint.cjs", "node.mjs"].map((f) => `${f} ${sizes[f].raw} B / ${sizes[f].gzip} B gz`).join("; "));
lines.push(`A call on \`{}\`: analyze ${fmt(emptyMedian.analyze)}, keystroke ${fmt(emptyMedian.keystroke)}, JSON.parse ${fmt(emptyMedian["JSON.parse"])}`);
lines.push(`Cold start (fresh node, typical, ${cold.runs} runs alternating, medians): import+analyze ${cold.analyze.toFixed(1)} ms, JSON.parse only ${cold.parse.toFixed(1)} ms, difference ${cold.diff.toFixed(1)} ms (median of paired differences)`);
lines.push(`Wasm memory: ${memory.before} B after instantiation, ${memory.after} B after ${memory.workload} (${memory.input} B input): ${x(memory.after / memory.input)} the input; ${loop.calls} calls on typical: ${loop.before} B before, ${loop.after} B after`);
lines.push(`Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ajv ${JSON.parse(readFileSync(new URL("node_modules/ajv/package.json", import.meta.url), "utf8")).version}; ${ROUNDS} rounds of ~${BATCH_NS / 1e6} ms batches per candidate`);

// --- issue 13's targets beside what was measured ---------------------------------------------------
if (Object.keys(results).length === 0) { console.error(`bench: no workload measured (--only ${only?.join(",")})`); process.exit(1); }
const worst = (key) => Math.max(...Object.values(results).map((r) => r[key]));
const typicalResult = results.typical;
const targets = [];
const target = (what, measured, met) => targets.push(`| ${what} | ${measured} | ${met === undefined ? "not measured" : met ? "met" : "**not met**"} |`);
if (typicalResult) target("keystroke ÷ (JSON.parse + ajv) ≤ 1.0 on `typical`", x(typicalResult.keystrokeVsAjv), typicalResult.keystrokeVsAjv <= 1.0);
target("keystroke ÷ (JSON.parse + ajv) ≤ 1.5 on every workload", `${x(worst("keystrokeVsAjv"))} (worst)`, worst("keystrokeVsAjv") <= 1.5);
target("full report ÷ JSON.parse of its JSON ≤ 1.5 on every workload", `${x(worst("fullVsReportParse"))} (worst)`, worst("fullVsReportParse") <= 1.5);
const corePath = value("--core");
const core = corePath && existsSync(corePath) ? JSON.parse(readFileSync(corePath, "utf8")) : undefined;
if (core) {
  const worstCore = Math.max(...Object.values(core).map((c) => c.ratio));
  target("Rust core ÷ serde_json → Value ≤ 2, native, every workload", `${x(worstCore)} (worst; ${Object.entries(core).map(([n, c]) => `${n} ${x(c.ratio)}`).join(", ")})`, worstCore <= 2);
}
target("Rust core ÷ serde_json → Value ≤ 2 in wasm", "no serde_json build of the module", undefined);
target("a call on `{}` ≤ 2 µs", `${fmt(emptyMedian.keystroke)} (keystroke), ${fmt(emptyMedian.analyze)} (analyze)`, emptyMedian.keystroke <= 2000);
target("JSON-only .wasm ≤ 64 KB (64,000 B) gzipped", `${sizes.jsonWasm.gzip} B`, sizes.jsonWasm.gzip <= 64000);
target("full .wasm within its budget, 280,000 B gzipped", `${sizes.wasm.gzip} B`, sizes.wasm.gzip <= 280000);
if (!smoke) target(`wasm memory after ${memory.workload} ≤ 4× the input`, x(memory.after / memory.input), memory.after / memory.input <= 4);
target(`memory after ${loop.calls} calls no larger than after the first`, `${loop.after} B (first call: ${loop.before} B)`, loop.after <= loop.before);
lines.push("");
lines.push("| issue 13 target | measured | |");
lines.push("| --- | --- | --- |");
lines.push(...targets);
console.log(lines.join("\n"));
const jsonOut = value("--json");
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), results, empty: emptyMedian, sizes, cold, memory, loop }, null, 2));
if (sink === 42) console.log("");   // keep results observable
