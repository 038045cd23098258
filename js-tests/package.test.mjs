// The packed tarball, installed into a fresh project: the README's Node snippets, the bin,
// and what the tarball contains.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXAMPLE, PKG, snippet } from "./helpers.mjs";

const project = mkdtempSync(join(tmpdir(), "batchlint-pack-"));
const manifest = JSON.parse(readFileSync(`${PKG}package.json`, "utf8"));
let packed;

const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
const node = (file, args = [], flags = []) => {
  const r = spawnSync(process.execPath, [...flags, file, ...args], { cwd: project, encoding: "utf8", timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

before(() => {
  [packed] = JSON.parse(npm(["pack", PKG, "--json", "--pack-destination", project], project));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  npm(["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", `./${packed.filename}`], project);
});

test("the tarball holds exactly the files listed in `files`", () => {
  const inTarball = packed.files.map((f) => f.path).sort();
  assert.deepEqual(inTarball, [...manifest.files, "package.json"].sort());
  assert.deepEqual(
    inTarball.filter((f) => f.endsWith(".wasm")),
    ["batchlint_bg.wasm", "batchlint_json_bg.wasm"],
    "the two modules",
  );
});

test("package.json: exports with types first, no base64-inlined wasm, bin, sideEffects", () => {
  assert.equal(manifest.name, "batchlint");
  assert.equal(manifest.sideEffects, false);
  assert.deepEqual(manifest.bin, { batchlint: "bin/batchlint.js" });
  const visit = (block) => {
    if (typeof block !== "object") return;
    const keys = Object.keys(block);
    if (keys.includes("types")) assert.equal(keys[0], "types", JSON.stringify(block));
    for (const value of Object.values(block)) visit(value);
  };
  visit(manifest.exports);
  const root = manifest.exports["."];
  assert.deepEqual(Object.keys(root), ["workerd", "edge-light", "node", "browser", "default"]);
  assert.equal(manifest.exports["./batchlint_bg.wasm"], "./batchlint_bg.wasm");
  assert.equal(manifest.exports["./package.json"], "./package.json");
  for (const file of readdirSync(PKG).filter((f) => /\.(c|m)?js$/.test(f))) {
    const text = readFileSync(`${PKG}${file}`, "utf8");
    assert.doesNotMatch(text, /base64|data:application\/wasm/, file);
  }
  assert.match(readFileSync(`${PKG}workerd.js`, "utf8"), /import wasm from "\.\/batchlint_bg\.wasm";/);
  assert.match(readFileSync(`${PKG}edge-light.js`, "utf8"), /import wasm from "\.\/batchlint_bg\.wasm\?module";/);
  for (const license of ["LICENSE-MIT", "LICENSE-APACHE"]) assert.ok(manifest.files.includes(license));
});

test("README snippet: Node ESM", () => {
  writeFileSync(join(project, "esm.mjs"), snippet("node-esm"));
  const r = node("esm.mjs");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
});

test("README snippet: Node CommonJS", () => {
  writeFileSync(join(project, "cjs.cjs"), snippet("node-cjs"));
  const r = node("cjs.cjs");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+ \d+\n$/);
});

test("ESM and CJS resolve to the Node entries and work right away", () => {
  writeFileSync(
    join(project, "both.mjs"),
    [
      'import { createRequire } from "node:module";',
      'import { analyze } from "batchlint";',
      'const cjs = createRequire(import.meta.url)("batchlint");',
      'const text = \'{"a": 1, "a": 2}\';',
      "console.log(JSON.stringify(analyze(text)) === JSON.stringify(cjs.analyze(text)), analyze(text).diagnostics.length > 0);",
    ].join("\n"),
  );
  const r = node("both.mjs");
  assert.equal(r.stdout, "true true\n", r.stderr);
});

test("the installed bin runs", () => {
  const bin = join(project, "node_modules", ".bin", "batchlint");
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" });
  assert.equal(version.stdout, `batchlint ${manifest.version}\n`);
  const run = spawnSync(bin, ["--region", "eu-west-1", "--account", "123456789012", EXAMPLE], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("README snippet: batchlint/json, with init() fetching its module next to the entry", () => {
  // Node's fetch takes no file: URLs; a browser or a bundler's dev server serves the file.
  writeFileSync(
    join(project, "fetch-files.mjs"),
    [
      'import { readFileSync } from "node:fs";',
      'import { fileURLToPath } from "node:url";',
      "const fetchUrl = globalThis.fetch;",
      "globalThis.fetch = async (url) =>",
      '  String(url).startsWith("file:")',
      '    ? new Response(readFileSync(fileURLToPath(url)), { headers: { "Content-Type": "application/wasm" } })',
      "    : fetchUrl(url);",
    ].join("\n"),
  );
  writeFileSync(join(project, "json.mjs"), snippet("json-only"));
  const r = node("json.mjs", [], ["--import", "./fetch-files.mjs"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "api 1\n");
});
