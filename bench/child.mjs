// One fresh process for the cold-start and memory measurements (run by bench.mjs):
//   node child.mjs parse   <file>   JSON.parse the file
//   node child.mjs analyze <file>   import the package and analyze the file
//   node child.mjs memory  <file>   like analyze, then print the wasm memory size before and after
import { readFileSync } from "node:fs";
import { OPTIONS } from "./workloads.mjs";

const [mode, file] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
if (mode === "parse") {
  if (typeof JSON.parse(text) !== "object") process.exit(1);
} else {
  const pkg = await import(process.env.BATCHLINT_PKG ?? "../pkg/node.mjs");
  // node.mjs instantiates on import; initSync() then returns the instance's exports.
  const memory = pkg.initSync().memory;
  const before = memory.buffer.byteLength;
  const report = pkg.analyze(text, OPTIONS);
  if (!Array.isArray(report.diagnostics)) process.exit(1);
  if (mode === "memory") console.log(JSON.stringify({ before, after: memory.buffer.byteLength }));
}
