// Rollup with @rollup/plugin-node-resolve: a Node bundle of the README's Lambda handler and a
// browser bundle of the README's browser snippet, each with the .wasm copied next to it.
import { after, test } from "node:test";
import { join } from "node:path";
import { bin, closeBrowser, installedWasm, project, run, snippet, timed } from "./harness.mjs";
import { checkBuiltPage, checkLambda, lambda, lambdaHost, page } from "./rows.mjs";

after(closeBrowser);
const rollup = bin("tools", "rollup");

test("rollup, Node: a Lambda handler answers", async () => {
  const dir = project("tools", "rollup-node", { "handler.mjs": lambda(), "lambda-host.mjs": lambdaHost, "rollup.config.mjs": snippet("rollup-node") });
  timed("rollup node: build", () => {
    run(rollup, ["-c", "--silent"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  await checkLambda(dir, "dist/index.mjs");
});

test("rollup, browser: the page logs the report's codes", async () => {
  const dir = project("tools", "rollup-browser", { "main.js": snippet("browser"), "dist/index.html": page(), "rollup.config.mjs": snippet("rollup-browser") });
  timed("rollup browser: build", () => {
    run(rollup, ["-c", "--silent"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  await checkBuiltPage(join(dir, "dist"), "rollup browser");
});
