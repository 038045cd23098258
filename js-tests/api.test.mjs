// The package's JavaScript API through its Node entries (ESM import and CJS require).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, analyzeBytes, rules, version } from "batchlint";
import { BROKEN, EXAMPLE, PKG, ROOT } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const cargoVersion = readFileSync(`${ROOT}/Cargo.toml`, "utf8").match(/^version = "(.*)"/m)[1];

// The report's members, key for key, are held to the Rust snapshots by snapshots.test.mjs and
// the TypeScript types by tests/it/types.rs; here only what the API promises beyond that.
function assertReportShape(report) {
  for (const d of report.diagnostics) {
    assert.match(d.code, /^BL\d{3}$/);
    assert.ok(d.help.length > 0, `${d.code} has a help`);
    for (const p of [d.range.start, d.range.end]) assert.ok(p.line >= 1 && p.column >= 1 && p.offset >= 0);
  }
  for (const r of report.references) for (const value of Object.values(r)) assert.notEqual(value, undefined);
}

test("the ESM import works synchronously right after the import", () => {
  const report = analyze(BROKEN);
  assertReportShape(report);
  assert.ok(report.diagnostics.some((d) => d.code === "BL102" && d.severity === "error"));
  assert.equal(version(), cargoVersion);
});

test("the CJS require works synchronously and agrees with the ESM entry", () => {
  const cjs = require("batchlint");
  assert.equal(typeof cjs.analyze, "function");
  assert.deepEqual(cjs.analyze(BROKEN, { region: "eu-west-1" }), analyze(BROKEN, { region: "eu-west-1" }));
  assert.equal(cjs.version(), version());
  assert.equal(require.resolve("batchlint"), `${PKG}batchlint.cjs`);
});

test("a full report has the core's fields, camelCase, null for missing values", () => {
  const text = readFileSync(EXAMPLE, "utf8");
  const report = analyze(text, { region: "eu-west-1", accountId: "123456789012", kmsKeys: [] });
  assertReportShape(report);
  assert.equal(report.diagnostics.filter((d) => d.severity === "error").length, 0);
  assert.equal(report.references.length, 3);
  assert.deepEqual(
    report.policies.map((p) => p.roleArn),
    ["arn:aws:iam::123456789012:role/report-exec"],
  );
  const resources = report.policies[0].document.Statement.flatMap((s) => s.Resource);
  assert.ok(resources.includes("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/report/db-password"), resources.join(" "));
  for (const r of report.references) assert.equal(text.slice(r.range.start.offset, r.range.end.offset), JSON.stringify(r.valueFrom));
});

test("options of the wrong shape throw a TypeError that names the problem, and the module still works after", () => {
  const list = "`region`, `accountId`, `partition`, `kmsKeys`, `form`, `report`, `path`, `files`";
  class Settings {
    region = "eu-west-1";
  }
  const cases = [
    [{ regoin: "eu-west-1" }, `invalid options: unknown option "regoin"; the options are ${list}`],
    [{ kmsKeys: "alias/app" }, 'invalid options: `kmsKeys` must be an array of strings, not "alias/app"'],
    [{ kmsKeys: ["alias/app", 7] }, "invalid options: `kmsKeys[1]` must be a string, not a number"],
    [{ region: 42 }, "invalid options: `region` must be a string, not a number"],
    [{ region: "x".repeat(1000) }, null],
    [{ accountId: { id: 1 } }, "invalid options: `accountId` must be a string, not an object"],
    [{ report: "lean" }, 'invalid options: `report` must be "full" or "findings", not "lean"'],
    [{ files: ["a.json"] }, "invalid options: `files` must be a plain object of paths to texts, not an array"],
    [{ files: { "a.json": 1 } }, 'invalid options: `files["a.json"]` must be a string, not a number'],
    ["eu-west-1", `invalid options: expected a plain object with ${list}, not "eu-west-1"`],
    [[], `invalid options: expected a plain object with ${list}, not an array`],
    [new Map([["region", "eu-west-1"]]), `invalid options: expected a plain object with ${list}, not a Map`],
    [new Date(0), `invalid options: expected a plain object with ${list}, not a Date`],
    [new Settings(), `invalid options: expected a plain object with ${list}, not an instance of Settings`],
  ];
  for (const [options, message] of cases) {
    if (message === null) {
      // A long string is fine as a value: it is the region's check, not a misuse.
      assert.equal(
        analyze("{}", options).diagnostics.some((d) => d.code === "BL801"),
        true,
      );
      continue;
    }
    assert.throws(
      () => analyze("{}", options),
      (err) => {
        assert.ok(err instanceof TypeError, "a TypeError");
        assert.equal(err.message, message);
        return true;
      },
    );
  }
  // A message never embeds a long value.
  assert.throws(
    () => analyze("{}", { kmsKeys: "k".repeat(50_000_000) }),
    (err) => err.message.length < 200,
  );
  assert.deepEqual(analyze(BROKEN, undefined), analyze(BROKEN));
  assert.deepEqual(analyze(BROKEN, null), analyze(BROKEN));
  assert.deepEqual(analyze(BROKEN, { region: undefined, kmsKeys: null }), analyze(BROKEN));
});

test("an input that is neither a string nor an object throws a TypeError", () => {
  for (const input of [1, true, undefined, null, () => 1]) {
    assert.throws(
      () => analyze(input),
      (err) => err instanceof TypeError && /must be a string/.test(err.message),
    );
  }
  assert.throws(() => analyze({ big: 1n }), TypeError);
  // Bytes go to analyzeBytes only; a boxed string or a fake array is no text.
  for (const input of [new String("{}"), Buffer.from("{}"), new Uint8Array(2)]) {
    assert.throws(
      () => analyze(input),
      (err) => err instanceof TypeError && /give bytes to analyzeBytes$/.test(err.message),
    );
  }
  assert.throws(
    () => analyzeBytes({ length: -1 }),
    (err) => err instanceof TypeError && /^analyzeBytes takes a Uint8Array/.test(err.message),
  );
  assertReportShape(analyze(BROKEN));
});

test("an object is analysed as JSON.stringify(input, null, 2)", () => {
  const object = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  assert.deepEqual(analyze(object), analyze(JSON.stringify(object, null, 2)));
});

test("non-ASCII positions are JavaScript string indices and 1-based UTF-16 line/column", () => {
  const text = BROKEN;
  const report = analyze(text);
  const dup = report.diagnostics.find((d) => d.code === "BL102");
  assert.ok(dup, "BL102 reported");
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
  for (const d of report.diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.equal(lineStarts[p.line - 1] + p.column - 1, p.offset, `line/column agree with offset for ${d.code}`);
    }
  }
  assert.equal(text.slice(dup.range.start.offset, dup.range.end.offset), '"type"');
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(dup.range.start.line, 4);
  assert.ok(lines[dup.range.start.line - 1].slice(dup.range.start.column - 1).startsWith('"type"'));
});

test("analyzeBytes reports invalid UTF-8 as a finding", () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('{"jobDefinitionName": "n'), 0xff, 0x22, 0x7d]);
  const report = analyzeBytes(bytes);
  assertReportShape(report);
  assert.ok(report.diagnostics.some((d) => d.code === "BL105"));
});

test("rules() lists every rule's metadata", () => {
  const all = rules();
  assert.ok(all.length > 0);
  const codes = all.map((r) => r.code);
  assert.deepEqual([...codes].sort(), codes);
  for (const r of all) {
    // The bad and good examples are documentation (docs/rules.md), left out of the module.
    assert.deepEqual(Object.keys(r).sort(), ["code", "family", "help", "name", "severity", "summary", "why"]);
  }
});

test("the shipped .d.ts files have no `any` and type the functions", () => {
  for (const file of ["batchlint.d.ts", "batchlint.d.cts"]) {
    const text = readFileSync(`${PKG}${file}`, "utf8");
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, `${file} has no any`);
    assert.match(code, /export function analyze\(input: string \| object, options\?: AnalyzeOptions \| null\): Report;/);
    assert.match(code, /export function rules\(\): RuleMetadata\[\];/);
    for (const name of [
      "AnalyzeOptions",
      "Report",
      "Diagnostic",
      "Position",
      "Range",
      "SecretReference",
      "RolePolicy",
      "PolicyDocument",
      "PolicyStatement",
      "RuleMetadata",
      "Grant",
    ]) {
      assert.match(code, new RegExp(`export interface ${name} \\{`), `${file} declares ${name}`);
    }
    for (const name of ["Severity", "ReferenceKind", "ReferenceSource"]) assert.match(code, new RegExp(`export type ${name} =`));
  }
});

test("batchlint/json: the same API on the JSON-only module; other forms are one finding, BL107", async () => {
  const json = await import("batchlint/json");
  await json.init(readFileSync(join(PKG, "batchlint_json_bg.wasm")));
  assert.deepEqual(json.analyze(BROKEN), analyze(BROKEN));
  const template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n";
  const report = json.analyze(template);
  assert.equal(report.form, "cloudformation");
  assert.deepEqual(
    report.diagnostics.map((d) => [d.code, d.message]),
    [["BL107", "this build of batchlint does not read the `cloudformation` form"]],
  );
});
