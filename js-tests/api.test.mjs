// The package's JavaScript API through its Node entries (ESM import and CJS require).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { analyze, analyzeBytes, rules, version } from "batchlint";
import { BROKEN, EXAMPLE, PKG, ROOT } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const cargoVersion = readFileSync(`${ROOT}/Cargo.toml`, "utf8").match(/^version = "(.*)"/m)[1];

const DIAGNOSTIC_KEYS = ["code", "help", "message", "path", "range", "severity"];
const REFERENCE_KEYS = [
  "account",
  "container",
  "containerName",
  "executionRoleArn",
  "grants",
  "jobDefinition",
  "jsonKey",
  "kind",
  "name",
  "partition",
  "path",
  "range",
  "region",
  "resourceArn",
  "resourceName",
  "source",
  "valueFrom",
  "versionId",
  "versionStage",
];

function assertReportShape(report) {
  assert.deepEqual(Object.keys(report).sort(), ["diagnostics", "policies", "references"]);
  for (const d of report.diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), DIAGNOSTIC_KEYS);
    assert.match(d.code, /^BL[1-9]\d\d$/);
    assert.ok(["error", "warning", "info"].includes(d.severity));
    for (const p of [d.range.start, d.range.end]) {
      assert.deepEqual(Object.keys(p).sort(), ["column", "line", "offset"]);
      assert.ok(p.line >= 1 && p.column >= 1 && p.offset >= 0);
    }
  }
  for (const r of report.references) {
    assert.deepEqual(Object.keys(r).sort(), REFERENCE_KEYS);
    for (const g of r.grants) assert.deepEqual(Object.keys(g).sort(), ["action", "resource"]);
  }
  for (const p of report.policies) {
    assert.deepEqual(Object.keys(p).sort(), ["document", "roleArn"]);
    assert.equal(p.document.Version, "2012-10-17");
    for (const s of p.document.Statement) {
      for (const key of Object.keys(s)) assert.ok(["Sid", "Effect", "Action", "Resource", "Condition"].includes(key), key);
      assert.ok(Array.isArray(s.Action) && Array.isArray(s.Resource));
    }
  }
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
  // Every field is present: missing optional values are null, not undefined.
  for (const r of report.references) for (const key of REFERENCE_KEYS) assert.notEqual(r[key], undefined, key);
});

test("options of the wrong shape throw an Error, and the module still works after", () => {
  const cases = [
    [{ regoin: "eu-west-1" }, "invalid options: unknown field `regoin`, expected one of `region`, `accountId`, `partition`, `kmsKeys`"],
    [{ kmsKeys: "alias/app" }, "invalid options: `kmsKeys` must be an array of strings"],
    [{ region: 5 }, /^invalid options: invalid type: .*expected a string$/],
    ["eu-west-1", /^invalid options: expected an object/],
    [[], /^invalid options: expected an object .* not an array$/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => analyze("{}", options),
      (err) => {
        assert.ok(err instanceof Error, "an Error");
        if (typeof message === "string") assert.equal(err.message, message);
        else assert.match(err.message, message);
        return true;
      },
    );
  }
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
