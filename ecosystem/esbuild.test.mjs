// esbuild: a Node bundle (the usual Lambda setup, ES module and CommonJS) and a browser bundle,
// each with the README's recipe (copy the .wasm next to the bundle).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  bin,
  closeBrowser,
  freePort,
  installedWasm,
  openPage,
  postChecks,
  project,
  run,
  serveStatic,
  snippet,
  snippetCodes,
  start,
  timed,
  WASM,
} from "./harness.mjs";
import { lambda, lambdaHost, page } from "./rows.mjs";

after(closeBrowser);
const esbuild = bin("tools", "esbuild");

async function checkServer(dir, bundle) {
  const port = await freePort();
  const server = await start(process.execPath, ["lambda-host.mjs", bundle], { cwd: dir, env: { PORT: String(port) }, url: `http://127.0.0.1:${port}/` });
  try {
    for (const r of await postChecks(`http://127.0.0.1:${port}/`)) {
      assert.equal(r.status, r.wantStatus);
      assert.deepEqual(r.report, r.want);
    }
  } finally {
    await server.stop();
  }
}

for (const format of ["esm", "cjs"]) {
  test(`esbuild --platform=node --format=${format}: a Lambda handler answers`, async () => {
    const out = format === "esm" ? "dist/index.mjs" : "dist/index.cjs";
    const dir = project("tools", `esbuild-node-${format}`, { "handler.mjs": lambda(), "lambda-host.mjs": lambdaHost });
    timed(`esbuild node ${format}: build`, () => {
      run(esbuild, ["handler.mjs", "--bundle", "--platform=node", `--format=${format}`, `--outfile=${out}`, "--log-level=warning"], { cwd: dir });
      run("cp", [installedWasm, "dist/"], { cwd: dir });
    });
    await timed(`esbuild node ${format}: run`, () => checkServer(dir, out));
  });
}

test("esbuild for the browser: the page logs the report's codes", async () => {
  const dir = project("tools", "esbuild-browser", { "main.js": snippet("browser"), "dist/index.html": page() });
  timed("esbuild browser: build", () => {
    run(esbuild, ["main.js", "--bundle", "--format=esm", "--outfile=dist/main.js", "--log-level=warning"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  const server = await serveStatic(join(dir, "dist"));
  try {
    const { logs, errors, close } = await timed("esbuild browser: load in Chromium", () => openPage(server.url));
    await close();
    assert.deepEqual(errors, []);
    assert.deepEqual(logs, [[snippetCodes()]]);
    assert.ok(server.requests.includes(`/${WASM}`));
  } finally {
    server.stop();
  }
});
