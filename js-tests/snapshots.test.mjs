// The package's reports are the Rust core's, key for key: every fixture of tests/fixtures/,
// analysed through the JS layer with its options, serialises exactly as the reviewed Rust
// snapshot (serde_json's pretty form is JSON.stringify(report, null, 2)).
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

// A fixture's input: NAME.json, or a CloudFormation template (NAME.yaml, NAME.template).
const input = (name) =>
  ["json", "yaml", "template"].map((ext) => join(dir, `${name}.${ext}`)).find((p) => existsSync(p));

for (const name of names) {
  test(`${name}: the report is the Rust snapshot`, (t) => {
    const options = JSON.parse(readFileSync(join(dir, `${name}.options.json`), "utf8"));
    const bytes = readFileSync(input(name));
    const expected = readFileSync(join(dir, `${name}.snap.json`), "utf8");
    const { form, diagnostics } = JSON.parse(expected);
    const report = analyzeBytes(bytes, options);
    // A package built without a form's reader reports BL107 for it (scripts/build-pkg.sh
    // builds without the `cloudformation` feature until the package ships a second module).
    if (report.diagnostics.some((d) => d.code === "BL107") && !diagnostics.some((d) => d.code === "BL107")) {
      t.skip(`this package does not read the ${form} form`);
      return;
    }
    assert.equal(`${JSON.stringify(report, null, 2)}\n`, expected);
    // The findings-only report is the full one's diagnostics.
    const lean = new Analyzer({ ...options, report: "findings" }).analyzeBytes(bytes);
    assert.deepEqual(lean, { form, diagnostics, references: [], policies: [] });
  });
}
