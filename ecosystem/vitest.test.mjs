// Vitest 4: a test file that imports the package and checks a job definition.
import { test } from "node:test";
import { bin, ENTRY, project, run, SNIPPET_INPUT, snippetCodes, timed } from "./harness.mjs";

test("vitest run: a test that calls analyze passes", () => {
  const spec = `import { expect, test } from "vitest";
import { analyze } from ${JSON.stringify(ENTRY)};

test("the job definition's findings", () => {
  expect(analyze(${JSON.stringify(SNIPPET_INPUT)}).diagnostics.map((d) => d.code)).toEqual(${JSON.stringify(snippetCodes())});
});
`;
  const dir = project("tools", "vitest", { "check.test.js": spec });
  timed("vitest: run", () => run(bin("tools", "vitest"), ["run", "--reporter=dot"], { cwd: dir }));
});
