// Vite, the current major (8, in the tools set) and the previous one (7, tool set vite7): the
// README's browser snippet in a page, through the dev server and through `vite build`, each
// loaded in Chromium.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, closeBrowser, freePort, project, run, snippet, start, timed } from "./harness.mjs";
import { checkBuiltPage, checkPage, page } from "./rows.mjs";

after(closeBrowser);

/** The README's Vite config, if it gives one. */
const config = () => snippet("vite-config");

for (const [set, major] of [
  ["tools", 8],
  ["vite7", 7],
]) {
  const vite = bin(set, "vite");
  const files = () => ({ "index.html": page("/main.js"), "main.js": snippet("browser"), "vite.config.js": config() });

  test(`Vite ${major} dev server: the page logs the report's codes`, async () => {
    const dir = project(set, `vite${major}-dev`, files());
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const server = await timed(`vite ${major}: dev server start`, () =>
      start(vite, ["--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: dir, url }),
    );
    try {
      await checkPage(url, `vite ${major} dev`);
    } finally {
      await server.stop();
    }
  });

  test(`Vite ${major} build: the built page logs the report's codes`, async () => {
    const dir = project(set, `vite${major}-build`, files());
    timed(`vite ${major}: build`, () => run(vite, ["build", "--logLevel", "warn"], { cwd: dir }));
    await checkBuiltPage(join(dir, "dist"), `vite ${major} build`);
  });
}

test("Vite 7 build for a target without top-level await: the README's snippet for it loads", async () => {
  // A project whose target predates top-level await (Vite 5 and 6's default); Vite refuses the
  // README's first browser snippet there.
  const config = 'export default { build: { target: "es2020" } };\n';
  const dir = project("vite7", "vite7-es2020", { "index.html": page("/main.js"), "main.js": snippet("browser-no-tla"), "vite.config.js": config });
  timed("vite 7 es2020: build", () => run(bin("vite7", "vite"), ["build", "--logLevel", "warn"], { cwd: dir }));
  await checkBuiltPage(join(dir, "dist"), "vite 7 es2020 build");
  const refused = project("vite7", "vite7-es2020-tla", { "index.html": page("/main.js"), "main.js": snippet("browser"), "vite.config.js": config });
  assert.throws(() => run(bin("vite7", "vite"), ["build", "--logLevel", "warn"], { cwd: refused }), /Top-level await is not available/);
});
