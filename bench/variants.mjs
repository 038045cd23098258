// Compares builds of the package side by side in one process (alternating, medians of paired
// ratios against the first): e.g. opt-level "z" vs 3, wasm-opt -Oz vs -O3.
//
//   node bench/variants.mjs <pkg dir> <pkg dir>... [--only typical,huge]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { workloads, OPTIONS } from "./workloads.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--only");
const only = at < 0 ? undefined : args.splice(at, 2)[1].split(",");
const dirs = args.map((d) => resolve(d));
const pkgs = [];
for (const dir of dirs) pkgs.push(await import(pathToFileURL(join(dir, "node.mjs")).href));
const all = workloads();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const time = (fn, n) => { const t0 = process.hrtime.bigint(); for (let i = 0; i < n; i++) fn(); return Number(process.hrtime.bigint() - t0) / n; };

console.log(`| workload | ${dirs.map((d, i) => `#${i} ${d.split("/").pop()}`).join(" | ")} |`);
console.log(`| --- |${dirs.map(() => " ---: |").join("")}`);
for (const name of Object.keys(all).filter((n) => !only || only.includes(n))) {
  const text = all[name];
  const fns = pkgs.map((p) => () => p.analyze(text, OPTIONS));
  const n = fns.map((fn) => { for (let t0 = Date.now(); Date.now() - t0 < 300;) fn(); return Math.max(1, Math.round(10e6 / time(fn, 3))); });
  const times = fns.map(() => []);
  for (let r = 0; r < 31; r++) for (let k = 0; k < fns.length; k++) { const i = (r + k) % fns.length; times[i].push(time(fns[i], n[i])); }
  const cells = times.map((ts, i) => `${(median(ts) / 1e3).toFixed(1)} µs (${median(ts.map((t, j) => t / times[0][j])).toFixed(2)}×)`);
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
const sizes = dirs.map((d) => { const b = readFileSync(join(d, "batchlint_bg.wasm")); return `${b.length} B / ${gzipSync(b, { level: 9 }).length} B gz`; });
console.log(`| .wasm | ${sizes.join(" | ")} |`);
