// webpack 5: a Node bundle of the README's Lambda handler (webpack emits the .wasm as an asset
// by itself) and a browser bundle of the README's browser snippet, loaded in Chromium.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { bin, closeBrowser, freePort, openPage, postChecks, project, run, serveStatic, snippet, snippetCodes, start, timed } from "./harness.mjs";
import { lambda, lambdaHost, page } from "./rows.mjs";

after(closeBrowser);
const webpack = bin("tools", "webpack");

test("webpack --target node: a Lambda handler answers", async () => {
  const dir = project("tools", "webpack-node", { "handler.mjs": lambda(), "lambda-host.mjs": lambdaHost, "webpack.config.js": snippet("webpack-node") });
  timed("webpack node: build", () => run(webpack, ["--no-stats"], { cwd: dir }));
  assert.ok(
    readdirSync(join(dir, "dist")).some((f) => f.endsWith(".wasm")),
    "webpack emitted the .wasm",
  );
  const port = await freePort();
  const server = await start(process.execPath, ["lambda-host.mjs", "dist/index.cjs"], {
    cwd: dir,
    env: { PORT: String(port) },
    url: `http://127.0.0.1:${port}/`,
  });
  try {
    for (const r of await postChecks(`http://127.0.0.1:${port}/`)) {
      assert.equal(r.status, r.wantStatus);
      assert.deepEqual(r.report, r.want);
    }
  } finally {
    await server.stop();
  }
});

test("webpack for the browser: the page logs the report's codes", async () => {
  const dir = project("tools", "webpack-browser", { "src/index.js": snippet("browser"), "dist/index.html": page() });
  timed("webpack browser: build", () => run(webpack, ["--mode", "production", "--no-stats", "--output-filename", "main.js"], { cwd: dir }));
  const server = await serveStatic(join(dir, "dist"));
  try {
    const { logs, errors, close } = await timed("webpack browser: load in Chromium", () => openPage(server.url));
    await close();
    assert.deepEqual(errors, []);
    assert.deepEqual(logs, [[snippetCodes()]]);
    assert.ok(server.requests.some((p) => p.endsWith(".wasm")));
  } finally {
    server.stop();
  }
});
