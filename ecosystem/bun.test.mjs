// Bun (from npm): `bun run` of a server that imports the package, `bun build --target=node` of
// the README's Lambda handler, and `bun build --target=browser` of the README's browser
// snippet, each bundle with the .wasm copied next to it.
import { after, test } from "node:test";
import { join } from "node:path";
import { bin, closeBrowser, freePort, installedWasm, project, run, snippet, start, timed } from "./harness.mjs";
import { checkBuiltPage, checkLambda, checkServer, lambda, lambdaHost, nodeServer, page } from "./rows.mjs";

after(closeBrowser);
const bun = bin("tools", "bun");

test("bun run: a server that imports batchlint answers", async () => {
  const dir = project("tools", "bun-run", { "server.mjs": nodeServer() });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await start(bun, ["run", "server.mjs"], { cwd: dir, env: { PORT: String(port) }, url });
  try {
    await checkServer(url);
  } finally {
    await server.stop();
  }
});

test("bun build --target=node: a Lambda handler answers", async () => {
  const dir = project("tools", "bun-node", { "handler.mjs": lambda(), "lambda-host.mjs": lambdaHost });
  timed("bun build node", () => {
    run(bun, ["build", "handler.mjs", "--target=node", "--outfile=dist/index.mjs"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  await checkLambda(dir, "dist/index.mjs");
});

test("bun build --target=browser: the page logs the report's codes", async () => {
  const dir = project("tools", "bun-browser", { "main.js": snippet("browser"), "dist/index.html": page() });
  timed("bun build browser", () => {
    run(bun, ["build", "main.js", "--target=browser", "--format=esm", "--outdir=dist"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  await checkBuiltPage(join(dir, "dist"), "bun browser");
});
