// The hostile-input classes of tests/bad_input.rs, through the wasm boundary: each returns a
// report with the expected finding (or throws an Error for misuse), within bounds, and the
// module keeps working for the next call. A panic would trap the instance and fail the check
// that follows every case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyze, analyzeBytes } from "batchlint";

const GOOD = JSON.stringify({
  jobDefinitionName: "ok",
  type: "container",
  containerProperties: {
    image: "busybox",
    executionRoleArn: "arn:aws:iam::123456789012:role/exec",
    resourceRequirements: [
      { type: "VCPU", value: "1" },
      { type: "MEMORY", value: "2048" },
    ],
    secrets: [{ name: "DB", valueFrom: "/prod/db" }],
  },
});
const OPTIONS = { region: "eu-west-1", accountId: "123456789012" };

function stillWorks() {
  const report = analyze(GOOD, OPTIONS);
  assert.equal(report.policies[0].document.Statement[0].Resource[0], "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db");
}

function check(input, code, fragment, { bytes = false, seconds = 10 } = {}) {
  const start = performance.now();
  const report = bytes ? analyzeBytes(input, OPTIONS) : analyze(input, OPTIONS);
  const took = (performance.now() - start) / 1000;
  assert.ok(took < seconds, `took ${took.toFixed(2)} s`);
  const hit = report.diagnostics.find((d) => d.code === code);
  assert.ok(hit, `no ${code} in ${JSON.stringify(report.diagnostics.map((d) => d.code))}`);
  if (fragment) assert.ok(hit.message.includes(fragment), hit.message);
  for (const d of report.diagnostics) assert.ok(d.range.start.offset <= d.range.end.offset);
  stillWorks();
  return report;
}

const job = (secrets) =>
  `{"jobDefinitionName": "j", "type": "container", "containerProperties": {"image": "x", "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "2048"}], "secrets": [${secrets}]}}`;

test("empty input and whitespace only", () => {
  check("", "BL101", "found the end of the input");
  check(" \n\t ", "BL101", "found the end of the input");
});

test("not JSON, truncated, trailing commas, comments", () => {
  check("hello", "BL101");
  check(GOOD.slice(0, GOOD.length / 2), "BL101");
  check('{"jobDefinitionName": "j",}', "BL101", "trailing commas");
  check('{\n  // note\n  "jobDefinitionName": "j"\n}', "BL101", "comments are not allowed");
});

test("a scalar or an array at the top", () => {
  check('"text"', "BL104", "found a string");
  check("[1, 2]", "BL104", "found an array");
});

test("duplicate keys, also 100,000 of them", () => {
  check('{"type": "container", "type": "multinode"}', "BL102", "appears twice");
  const many = Array.from({ length: 100_000 }, (_, i) => `"k": ${i}`).join(",");
  const report = check(`{${many}}`, "BL102");
  assert.equal(report.diagnostics.filter((d) => d.code === "BL102").length, 99_999);
});

test("100,000 levels of nesting are refused, not overflowed", () => {
  check("[".repeat(100_000), "BL103", "nested more than 128 levels deep");
  check('{"a":'.repeat(100_000), "BL103");
});

test("a 10 MB string value", () => {
  const report = analyze(`{"jobDefinitionName": "j", "type": "container", "parameters": {"blob": "${"x".repeat(10_000_000)}"}}`, OPTIONS);
  assert.ok(!report.diagnostics.some((d) => d.code === "BL101"));
  assert.ok(JSON.stringify(report).length < 100_000, "nothing echoes the value");
  stillWorks();
});

test("200,000 secrets", () => {
  const secrets = Array.from({ length: 200_000 }, (_, i) => `{"name": "S${i}", "valueFrom": "/p/${i}"}`).join(",");
  const report = check(job(secrets), "BL808", "characters without whitespace", { seconds: 60 });
  assert.equal(report.references.length, 200_000);
});

test("numbers where integers are expected", () => {
  for (const n of ["1e999", "1.5"]) {
    check(`{"jobDefinitionName": "j", "type": "container", "schedulingPriority": ${n}}`, "BL202", "expected an integer");
  }
  const report = analyze('{"jobDefinitionName": "j", "type": "container", "schedulingPriority": -0}', OPTIONS);
  assert.ok(!report.diagnostics.some((d) => d.path === "/schedulingPriority"));
});

test("NUL, lone surrogates from JavaScript, invalid UTF-8 from bytes, a BOM", () => {
  check(job('{"name": "A", "valueFrom": "/p\\u0000q"}'), "BL314", "U+0000");
  check('"\\ud800"', "BL101", "lone surrogate");
  // A raw lone surrogate in a JS string crosses as U+FFFD (one UTF-16 unit, like the
  // surrogate), so positions after it still match the JS string.
  const text = job('{"name": "\ud800", "valueFrom": "parameter:/x"}').replace('"parameter:/x"', '"arn:aws:ssm:eu-west-1:123456789012:parameter:/x"');
  const d = check(text, "BL308").diagnostics.find((x) => x.code === "BL308");
  assert.equal(text.slice(d.range.start.offset, d.range.end.offset), ":");
  check(new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]), "BL105", "byte 2", { bytes: true });
  const withBom = analyze(`\ufeff${GOOD}`, OPTIONS);
  assert.equal(withBom.policies.length, 1);
});

test("keys that differ only in case are not duplicates", () => {
  const report = analyze(job('{"name": "A", "valueFrom": "/a"}').replace('"secrets"', '"Secrets"'), OPTIONS);
  assert.ok(!report.diagnostics.some((d) => d.code === "BL102"));
  assert.ok(report.diagnostics.some((d) => d.code === "BL201" && d.path === "/containerProperties/Secrets"));
  stillWorks();
});

test("ARN-like strings with 1,000 colons and a 100 KB valueFrom", () => {
  check(job(`{"name": "A", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x${":".repeat(1000)}"}`), "BL311", "this one has 1000");
  check(job(`{"name": "A", "valueFrom": "/${"a".repeat(100_000)}"}`), "BL317", "1,011");
});

test("misuse throws a real Error, and the module works after", () => {
  assert.throws(
    () => analyze(GOOD, { region: 42 }),
    (e) => e instanceof Error && /invalid options/.test(e.message),
  );
  assert.throws(
    () => analyze(42),
    (e) => e instanceof Error,
  );
  stillWorks();
});
