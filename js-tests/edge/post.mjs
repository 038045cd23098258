// POSTs job definitions to the worker under test and checks the responses:
//   node post.mjs http://127.0.0.1:PORT/ EXAMPLE_FILE
import { readFileSync } from "node:fs";

const [url, example] = process.argv.slice(2);
const deadline = Date.now() + 20_000;

async function post(body) {
  for (;;) {
    try {
      return await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(5_000) });
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`workerd did not answer at ${url}: ${err.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function fail(message) {
  console.error(`edge test failed: ${message}`);
  process.exit(1);
}

const broken = await post('{\n  "jobDefinitionName": "nightly",\n  "type": "container",\n  "type": "container"\n}');
const brokenReport = await broken.json();
if (broken.status !== 422) fail(`status ${broken.status} for a broken job definition`);
const codes = brokenReport.diagnostics.map((d) => d.code);
if (!codes.includes("BL102")) fail(`no BL102 in ${JSON.stringify(codes)}`);
const dup = brokenReport.diagnostics.find((d) => d.code === "BL102");
if (dup.range.start.line !== 4 || dup.range.start.column !== 3) fail(`BL102 at ${JSON.stringify(dup.range.start)}`);

const good = await post(readFileSync(example, "utf8"));
const goodReport = await good.json();
if (good.status !== 200) fail(`status ${good.status} for the example: ${JSON.stringify(goodReport.diagnostics)}`);
for (const key of ["diagnostics", "references", "policies"]) if (!Array.isArray(goodReport[key])) fail(`no ${key} array`);
for (const p of goodReport.policies) if (!("roleArn" in p) || p.document.Version !== "2012-10-17") fail(`policy ${JSON.stringify(p)}`);
console.log(`workerd ok: ${codes.join(",")}; example: ${goodReport.policies.length} policies, ${goodReport.references.length} references`);
