// Vercel Edge Functions: the README's Edge handler bundled as Vercel bundles one (esbuild with
// the `edge-light` condition, a `.wasm?module` import becoming a WebAssembly.Module that the
// runtime binds), then run in the `edge-runtime` package, Vercel's emulator, on 127.0.0.1. The
// module is compiled in this realm and handed into the function's: one from another realm.
import { test } from "node:test";
import { join } from "node:path";
import { freePort, project, run, snippet, start, timed } from "./harness.mjs";
import { checkServer } from "./rows.mjs";

// Vercel's bundling, in short: every `*.wasm?module` import is a binding, a global the
// runtime sets to the compiled module.
const bundle = `import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const bindings = {};
const wasmModules = {
  name: "wasm-modules",
  setup(b) {
    b.onResolve({ filter: /\\.wasm\\?module$/ }, (args) => ({ path: resolve(args.resolveDir, args.path.replace(/\\?module$/, "")), namespace: "wasm-module" }));
    b.onLoad({ filter: /.*/, namespace: "wasm-module" }, (args) => {
      const name = \`wasm_\${Object.keys(bindings).length}\`;
      bindings[name] = args.path;
      return { contents: \`export default globalThis[\${JSON.stringify(name)}];\`, loader: "js" };
    });
  },
};
await build({
  entryPoints: ["entry.js"],
  bundle: true,
  format: "iife",
  platform: "browser",
  conditions: ["edge-light", "worker", "browser"],
  outfile: "dist/function.js",
  plugins: [wasmModules],
  logLevel: "warning",
});
writeFileSync("dist/bindings.json", JSON.stringify(bindings));
`;

// What Vercel wraps around a function's default export.
const entry = `import handler from "./api/check.js";
addEventListener("fetch", (event) => event.respondWith(handler(event.request)));
`;

const host = `import { EdgeRuntime, runServer } from "edge-runtime";
import { readFileSync } from "node:fs";

const bindings = JSON.parse(readFileSync("dist/bindings.json", "utf8"));
const runtime = new EdgeRuntime({
  initialCode: readFileSync("dist/function.js", "utf8"),
  extend: (context) => {
    for (const [name, path] of Object.entries(bindings)) context[name] = new WebAssembly.Module(readFileSync(path));
    return context;
  },
});
await runServer({ runtime, port: Number(process.env.PORT), host: "127.0.0.1" });
`;

test("edge-runtime: the Edge function bundled with the edge-light condition answers", async () => {
  const dir = project("tools", "edge-runtime", { "api/check.js": snippet("vercel-edge"), "entry.js": entry, "bundle.mjs": bundle, "host.mjs": host });
  timed("edge-runtime: esbuild (edge-light)", () => run(process.execPath, ["bundle.mjs"], { cwd: dir }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await start(process.execPath, [join(dir, "host.mjs")], { cwd: dir, env: { PORT: String(port) }, url });
  try {
    await checkServer(url);
  } finally {
    await server.stop();
  }
});
