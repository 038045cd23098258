// Jest 30 with jsdom: a test file of a web console's test suite that checks a job definition,
// under the README's Jest config.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bin, ENTRY, project, run, SNIPPET_INPUT, snippet, snippetCodes, timed } from "./harness.mjs";

test("jest with jsdom: a test that calls analyze passes", () => {
  const spec = `const { analyze } = require(${JSON.stringify(ENTRY)});

test("the job definition's findings", () => {
  expect(document.createElement("div").tagName).toBe("DIV"); // jsdom's document
  expect(analyze(${JSON.stringify(SNIPPET_INPUT)}).diagnostics.map((d) => d.code)).toEqual(${JSON.stringify(snippetCodes())});
});
`;
  const dir = project("tools", "jest", { "jest.config.js": snippet("jest-config"), "check.test.js": spec }, { type: "commonjs" });
  timed("jest: run", () => run(bin("tools", "jest"), ["--ci", "--json", "--outputFile=result.json"], { cwd: dir }));
  const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
  assert.deepEqual([result.numPassedTests, result.numFailedTests, result.numRuntimeErrorTestSuites], [1, 0, 0]);
});
