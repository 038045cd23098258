// esbuild: a Node bundle (the usual Lambda setup, ES module and CommonJS) and a browser bundle,
// each with the README's recipe (copy the .wasm next to the bundle).
import { after, test } from "node:test";
import { join } from "node:path";
import { bin, closeBrowser, installedWasm, project, run, snippet, timed } from "./harness.mjs";
import { checkBuiltPage, checkLambda, lambda, lambdaHost, page } from "./rows.mjs";

after(closeBrowser);
const esbuild = bin("tools", "esbuild");

for (const format of ["esm", "cjs"]) {
  test(`esbuild --platform=node --format=${format}: a Lambda handler answers`, async () => {
    const out = format === "esm" ? "dist/index.mjs" : "dist/index.cjs";
    const dir = project("tools", `esbuild-node-${format}`, { "handler.mjs": lambda(), "lambda-host.mjs": lambdaHost });
    timed(`esbuild node ${format}: build`, () => {
      run(esbuild, ["handler.mjs", "--bundle", "--platform=node", `--format=${format}`, `--outfile=${out}`, "--log-level=warning"], { cwd: dir });
      run("cp", [installedWasm, "dist/"], { cwd: dir });
    });
    await checkLambda(dir, out);
  });
}

test("esbuild for the browser: the page logs the report's codes", async () => {
  const dir = project("tools", "esbuild-browser", { "main.js": snippet("browser"), "dist/index.html": page() });
  timed("esbuild browser: build", () => {
    run(esbuild, ["main.js", "--bundle", "--format=esm", "--outfile=dist/main.js", "--log-level=warning"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  await checkBuiltPage(join(dir, "dist"), "esbuild browser");
});
