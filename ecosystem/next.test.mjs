// Next.js: the README's route handler, once on the Edge runtime and once (without its `runtime`
// line) on the Node.js runtime; `next build`, then `next start` on 127.0.0.1, and both routes
// answer. Built with Turbopack (Next 16's default) and with webpack (`next build --webpack`);
// Next 16.4's webpack build fails on any Edge route handler, with or without batchlint
// (ENOENT route_client-reference-manifest.js), so the webpack build has the Node.js route only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bin, freePort, project, run, snippet, start, timed } from "./harness.mjs";
import { checkServer } from "./rows.mjs";

const next = bin("tools", "next");
const env = { NEXT_TELEMETRY_DISABLED: "1" };

for (const bundler of ["turbopack", "webpack"]) {
  const paths = bundler === "webpack" ? ["/api/node"] : ["/api/edge", "/api/node"];
  test(`next build (${bundler}) and next start: ${paths.join(" and ")} answer`, async () => {
    const route = snippet("next");
    const nodeRoute = route.replace(/^export const runtime = "edge";.*\n\n/m, "");
    assert.notEqual(nodeRoute, route);
    const files = { "app/api/node/route.js": nodeRoute, ...(paths.includes("/api/edge") ? { "app/api/edge/route.js": route } : {}) };
    const dir = project("tools", `next-${bundler}`, files);
    timed(`next (${bundler}): next build`, () => run(next, ["build", ...(bundler === "webpack" ? ["--webpack"] : [])], { cwd: dir, env, timeout: 600_000 }));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await start(next, ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: dir, env, url: `${base}/` });
    try {
      for (const path of paths) {
        await checkServer(`${base}${path}`);
      }
    } finally {
      await server.stop();
    }
  });
}
