// Deno, the web entry initialised synchronously from the file's bytes:
//   deno run --allow-read deno-initsync.mjs PKG_DIR
import { analyze, initSync, version } from "batchlint";

const bytes = await Deno.readFile(`${Deno.args[0]}/batchlint_bg.wasm`);
initSync({ module: bytes });
const report = analyze('{\n  "type": "container",\n  "type": "container"\n}', { region: "eu-west-1" });
const codes = report.diagnostics.map((d) => d.code);
if (!codes.includes("BL102") || !Array.isArray(report.policies) || typeof version() !== "string") {
  console.error("unexpected report", JSON.stringify(report));
  Deno.exit(1);
}
let threw = false;
try {
  analyze("{}", { regoin: "x" });
} catch (err) {
  threw = err instanceof TypeError && err.message.startsWith('invalid options: unknown option "regoin"');
}
if (!threw) Deno.exit(1);
console.log("deno initSync ok:", codes.join(","));
