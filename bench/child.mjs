// One fresh process for the cold-start and memory measurements (run by bench.mjs):
//   node child.mjs parse   <file>   JSON.parse the file
//   node child.mjs analyze <file>   import the package and analyze the file
//   node child.mjs memory  <file>   like analyze, then print the wasm memory size before and after
//   node child.mjs loop:N  <file>   analyze the file N times on one instance: memory after the first and the last
import { readFileSync } from "node:fs";
import { OPTIONS } from "./workloads.mjs";

const [mode, file] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
if (mode === "parse") {
  if (typeof JSON.parse(text) !== "object") process.exit(1);
} else if (mode === "analyze") {
  const pkg = await import(process.env.BATCHLINT_PKG ?? "../pkg/node.mjs");
  if (!Array.isArray(pkg.analyze(text, OPTIONS).diagnostics)) process.exit(1);
} else if (mode.startsWith("loop:")) {
  // Many calls in a loop on one instance: the memory after the first and after the last.
  const calls = Number(mode.slice(5));
  const dir = new URL(".", process.env.BATCHLINT_PKG ?? new URL("../pkg/node.mjs", import.meta.url));
  const { createApi } = await import(new URL("core.js", dir).href);
  const module = new WebAssembly.Module(readFileSync(new URL("batchlint_bg.wasm", dir)));
  const api = createApi(() => module, "no module", Number.POSITIVE_INFINITY);
  api.analyze(text, OPTIONS);
  const before = api.memoryBytes();
  for (let i = 1; i < calls; i++) api.analyze(text, OPTIONS);
  console.log(JSON.stringify({ before, after: api.memoryBytes() }));
} else {
  // The package's own layer over the module, keeping the instance however large it grows,
  // so that its memory after the call is the call's peak.
  // BATCHLINT_PKG is the URL of the package's node entry; its folder has core.js and the .wasm.
  const dir = new URL(".", process.env.BATCHLINT_PKG ?? new URL("../pkg/node.mjs", import.meta.url));
  const { createApi } = await import(new URL("core.js", dir).href);
  const module = new WebAssembly.Module(readFileSync(new URL("batchlint_bg.wasm", dir)));
  const api = createApi(() => module, "no module", Number.POSITIVE_INFINITY);
  api.analyze("{}");
  const before = api.memoryBytes();
  const report = api.analyze(text, OPTIONS);
  if (!Array.isArray(report.diagnostics)) process.exit(1);
  console.log(JSON.stringify({ before, after: api.memoryBytes() }));
}
