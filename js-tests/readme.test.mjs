// The repository README's "Use from JavaScript" snippets are the npm README's, which the other
// tests run: this keeps the two copies equal, so that every snippet users read is tested.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const snippets = (file) =>
  new Map([...readFileSync(root + file, "utf8").matchAll(/<!-- snippet: ([\w-]+) -->\s*```\w*\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]));

test("README.md has every npm README snippet, unchanged", () => {
  const npm = snippets("pkg-template/README.md");
  const main = snippets("README.md");
  assert.deepEqual([...main.keys()].sort(), [...npm.keys()].sort());
  assert.ok(npm.size >= 5, "node-esm, node-cjs, browser, workerd and deno");
  for (const [name, code] of npm) assert.equal(main.get(name), code, `snippet ${name}`);
});

test("README.md's CLI example and --help are the CLI's real output", async () => {
  const { cli, ROOT } = await import("./helpers.mjs");
  const readme = readFileSync(`${root}README.md`, "utf8");
  const command = "$ batchlint examples/nightly-report.yaml\n";
  const example = readme.slice(readme.indexOf(command) + command.length, readme.indexOf("\n```", readme.indexOf(command)));
  const run = cli(["examples/nightly-report.yaml"], { cwd: ROOT });
  assert.equal(run.status, 1);
  assert.equal(example, run.stdout.trimEnd());
  const help = readme.slice(readme.indexOf("## Command line\n\n```text\n") + "## Command line\n\n```text\n".length);
  assert.equal(help.slice(0, help.indexOf("\n```")), cli(["--help"]).stdout.trimEnd());
});
