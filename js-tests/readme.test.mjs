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
