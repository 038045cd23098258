// webpack 5: a Node bundle of the README's Lambda handler (webpack emits the .wasm as an asset
// by itself) and a browser bundle of the README's browser snippet, loaded in Chromium.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { bin, closeBrowser, project, run, snippet, timed } from "./harness.mjs";
import { checkBuiltPage, checkLambda, lambda, lambdaHost, page } from "./rows.mjs";

after(closeBrowser);
const webpack = bin("tools", "webpack");

test("webpack --target node: a Lambda handler answers", async () => {
  const dir = project("tools", "webpack-node", { "handler.mjs": lambda(), "lambda-host.mjs": lambdaHost, "webpack.config.js": snippet("webpack-node") });
  timed("webpack node: build", () => run(webpack, ["--no-stats"], { cwd: dir }));
  assert.ok(
    readdirSync(join(dir, "dist")).some((f) => f.endsWith(".wasm")),
    "webpack emitted the .wasm",
  );
  await checkLambda(dir, "dist/index.cjs");
});

test("webpack for the browser: the page logs the report's codes", async () => {
  const dir = project("tools", "webpack-browser", { "src/index.js": snippet("browser"), "dist/index.html": page() });
  timed("webpack browser: build", () => run(webpack, ["--mode", "production", "--no-stats", "--output-filename", "main.js"], { cwd: dir }));
  await checkBuiltPage(join(dir, "dist"), "webpack browser");
});
