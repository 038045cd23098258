// The package's reports are the Rust core's, key for key: every fixture of tests/fixtures/, in
// every form, analysed through the JS layer with its options, serialises exactly as the
// reviewed Rust snapshot (serde_json's pretty form is JSON.stringify(report, null, 2)).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeBytes, Analyzer } from "batchlint";
import { ROOT } from "./helpers.mjs";

const dir = join(ROOT, "tests", "fixtures");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".options.json"))
  .map((f) => f.slice(0, -".options.json".length));

test("there are fixtures", () => assert.ok(names.length >= 8));

// A fixture's input, as tests/it/common.rs finds it: NAME.json (a CDK template is
// NAME.template.json), NAME.tf, or a CloudFormation template (NAME.yaml, NAME.template); and
// the files under NAME.files/, which a module reads with file(), given as `files`.
const input = (name) => ["json", "tf", "yaml", "template"].map((ext) => join(dir, `${name}.${ext}`)).find((p) => existsSync(p));

/** @returns {Record<string, string> | undefined} */
function files(name) {
  const root = join(dir, `${name}.files`);
  if (!existsSync(root)) return undefined;
  const out = {};
  const walk = (sub) => {
    for (const entry of readdirSync(join(root, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(root, rel), "utf8");
    }
  };
  walk("");
  return out;
}

for (const name of names) {
  test(`${name}: the report is the Rust snapshot`, () => {
    const options = JSON.parse(readFileSync(join(dir, `${name}.options.json`), "utf8"));
    const given = files(name);
    if (given) options.files = given;
    const bytes = readFileSync(input(name));
    const expected = readFileSync(join(dir, `${name}.snap.json`), "utf8");
    const { form, diagnostics } = JSON.parse(expected);
    assert.equal(`${JSON.stringify(analyzeBytes(bytes, options), null, 2)}\n`, expected);
    // The findings-only report is the full one's diagnostics.
    const lean = new Analyzer({ ...options, report: "findings" }).analyzeBytes(bytes);
    assert.deepEqual(lean, { form, diagnostics, references: [], policies: [] });
  });
}
