// The package's reports are the Rust core's, key for key: every fixture of tests/fixtures/,
// analysed through the JS layer with its options, serialises exactly as the reviewed Rust
// snapshot (serde_json's pretty form is JSON.stringify(report, null, 2)).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeBytes, Analyzer } from "batchlint";
import { ROOT } from "./helpers.mjs";

const dir = join(ROOT, "tests", "fixtures");
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".options.json"))
  .map((f) => f.slice(0, -".options.json".length));

test("there are fixtures", () => assert.ok(names.length >= 8));

for (const name of names) {
  const expected = readFileSync(join(dir, `${name}.snap.json`), "utf8");
  // The package is built without the Terraform reader (scripts/build-pkg.sh turns the
  // default features off), and its options take no `path` or `files` yet: the fixtures of
  // other forms (`NAME.tf`, plans) are held to the Rust snapshots by tests/it/snapshots.rs
  // only, until a build of the package reads them.
  const form = JSON.parse(expected).form;
  test(`${name}: the report is the Rust snapshot`, { skip: form !== "api" && `a ${form} fixture` }, () => {
    const options = JSON.parse(readFileSync(join(dir, `${name}.options.json`), "utf8"));
    const bytes = readFileSync(join(dir, `${name}.json`));
    assert.equal(`${JSON.stringify(analyzeBytes(bytes, options), null, 2)}\n`, expected);
    // The findings-only report is the full one's diagnostics.
    const lean = new Analyzer({ ...options, report: "findings" }).analyzeBytes(bytes);
    assert.deepEqual(lean, { form: "api", diagnostics: JSON.parse(expected).diagnostics, references: [], policies: [] });
  });
}
