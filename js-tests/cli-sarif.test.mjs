// --format sarif for code scanning: valid against the SARIF 2.1.0 JSON schema (the copy that
// @microsoft/jest-sarif ships, with ajv), files relative to %SRCROOT%, and each rule's helpUri
// at its section of docs/rules.md as GitHub anchors it (github-slugger, GitHub's algorithm).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { rules } from "batchlint";
import { BROKEN, cli, EXAMPLE, ROOT, tempDir, tool } from "./helpers.mjs";

const RULES_DOC = "https://github.com/batchlint/batchlint/blob/main/docs/rules.md";

function validator() {
  const Ajv = tool("ajv-draft-04"); // the schema is draft-04
  const addFormats = tool("ajv-formats");
  const schema = JSON.parse(readFileSync(tool.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  // unicodeRegExp: false, as the schema's pattern for `language` has a stray `]`, which only a
  // regular expression without the u flag reads (as a literal).
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

test("the SARIF log is valid against the SARIF 2.1.0 schema", () => {
  const validate = validator();
  const dir = tempDir("sarif");
  const broken = join(dir, "broken job #1.json");
  writeFileSync(broken, BROKEN);
  const bom = join(dir, "bom.json");
  writeFileSync(bom, '\ufeff{"jobDefinitionName":"x","type":"container","type":"container"}');
  for (const args of [[broken, "-", bom], [EXAMPLE], ["--region", "eu-west-1", "--account", "123456789012", "--kms-key", "alias/x", EXAMPLE, broken]]) {
    const run = cli(["--format", "sarif", ...args], { input: '{"a": 1,}', cwd: dir });
    const log = JSON.parse(run.stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.ok(log.runs[0].results.length > 0);
  }
  // The schema catches what it should: a region without a start line is not SARIF.
  const bad = JSON.parse(cli(["--format", "sarif", broken]).stdout);
  bad.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.equal(validate(bad), false);
});

test("files under the working directory are relative to %SRCROOT%, others absolute file:// URIs", () => {
  const cwd = tempDir("srcroot");
  mkdirSync(join(cwd, "jobs"));
  const a = join(cwd, "jobs", "my job #1%.json");
  writeFileSync(a, BROKEN);
  const outside = join(tempDir("outside"), "b.json");
  writeFileSync(outside, BROKEN);
  const run = cli(["--format", "sarif", "jobs/my job #1%.json", a, "./jobs/../jobs/my job #1%.json", outside, "jobs"], { cwd });
  const { runs } = JSON.parse(run.stdout);
  assert.deepEqual(runs[0].originalUriBaseIds, { "%SRCROOT%": { uri: `${pathToFileURL(cwd).href}/` } });
  const locations = [...new Set(runs[0].results.map((r) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)))].map((l) => JSON.parse(l));
  assert.deepEqual(locations, [{ uri: "jobs/my%20job%20%231%25.json", uriBaseId: "%SRCROOT%" }, { uri: pathToFileURL(outside).href }]);
  assert.ok(!locations[1].uri.startsWith(`${pathToFileURL(cwd).href}/`));
  // Resolved against SRCROOT, the relative URI is the file.
  assert.equal(new URL(locations[0].uri, runs[0].originalUriBaseIds["%SRCROOT%"].uri).href, pathToFileURL(a).href);
  // Standard input has no file.
  const stdin = JSON.parse(cli(["--format", "sarif", "-"], { input: "{}", cwd }).stdout);
  assert.deepEqual(stdin.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: "stdin" });
});

test("every rule's helpUri is its section of docs/rules.md, anchored as GitHub does", async () => {
  const { slug } = await import(pathToFileURL(tool.resolve("github-slugger")).href);
  const docs = readFileSync(join(ROOT, "docs", "rules.md"), "utf8");
  // The heading as GitHub renders it: code spans become their text.
  const headings = new Map([...docs.matchAll(/^## (BL\d{3}) (.*)$/gm)].map(([, code, rest]) => [code, `${code} ${rest}`.replace(/`([^`]*)`/g, "$1")]));
  const run = JSON.parse(cli(["--format", "sarif", "-"], { input: "{}" }).stdout);
  const descriptors = run.runs[0].tool.driver.rules;
  assert.equal(descriptors.length, rules().length);
  for (const rule of descriptors) {
    assert.ok(headings.has(rule.id), `docs/rules.md has no heading for ${rule.id}`);
    assert.equal(rule.helpUri, `${RULES_DOC}#${slug(headings.get(rule.id))}`, rule.id);
  }
  const anchor = (code) => descriptors.find((r) => r.id === code).helpUri.slice(RULES_DOC.length);
  assert.equal(anchor("BL301"), "#bl301-empty-value-from-error");
  assert.equal(anchor("BL403"), "#bl403-name-resolved-in-job-region-info");
  assert.equal(anchor("BL808"), "#bl808-policy-too-large-warning");
  assert.equal(anchor("BL105"), "#bl105-invalid-utf8-error");
});
