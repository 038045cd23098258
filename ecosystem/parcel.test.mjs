// Parcel 2: `parcel build index.html` of a page with the README's browser snippet, loaded in
// Chromium. Parcel turns `new URL("batchlint_bg.wasm", import.meta.url)` into an asset itself.
import { after, test } from "node:test";
import { join } from "node:path";
import { bin, closeBrowser, project, run, snippet, timed } from "./harness.mjs";
import { checkBuiltPage, page } from "./rows.mjs";

after(closeBrowser);

test("parcel build: the page logs the report's codes", async () => {
  const dir = project("tools", "parcel", { "src/index.html": page("main.js"), "src/main.js": snippet("browser") });
  timed("parcel: build", () =>
    run(bin("tools", "parcel"), ["build", "src/index.html", "--dist-dir", "dist", "--no-autoinstall", "--log-level", "warn"], { cwd: dir, timeout: 600_000 }),
  );
  await checkBuiltPage(join(dir, "dist"), "parcel");
});
