// The apps the rows build: each is a README snippet (ecosystem/harness.mjs `snippet`), with the
// small files around it that a user's project would have (an index.html, a server shim).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { freePort, openPage, postChecks, retarget, serveStatic, snippet, snippetCodes, start, timed } from "./harness.mjs";

/** A page that runs `src` as a module script. */
export const page = (src = "main.js") =>
  `<!doctype html>\n<html><head><meta charset="utf-8"><title>batchlint</title></head>\n<body><script type="module" src="${src}"></script></body></html>\n`;

/**
 * Serves a Lambda handler the way the Lambda runtime calls it (an event with the body),
 * on 127.0.0.1:PORT: `node lambda-host.mjs BUNDLE` (an ES module or CommonJS bundle).
 */
export const lambdaHost = `import { createServer } from "node:http";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const file = resolve(process.argv[2]);
const mod = file.endsWith(".cjs") ? createRequire(import.meta.url)(file) : await import(pathToFileURL(file).href);
const handler = mod.handler ?? mod.default?.handler;
createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  const result = await handler({ body, requestContext: { http: { method: req.method } } });
  res.writeHead(result.statusCode, result.headers).end(result.body);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

/** The README's Lambda handler. */
export const lambda = () => snippet("lambda");

/** A Node server, for the webpack and Rollup Node bundles (the same handler behind node:http). */
export const nodeServer = () =>
  retarget(`import { createServer } from "node:http";
import { analyze } from "batchlint";

createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  const report = analyze(body, { region: "eu-west-1" });
  const status = report.diagnostics.some((d) => d.severity === "error") ? 422 : 200;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(report));
}).listen(Number(process.env.PORT), "127.0.0.1");
`);

/**
 * Runs a Node bundle of the Lambda handler as it is deployed (the project's node_modules
 * removed first: a bundle must hold all it needs, next to it) and checks its answers.
 */
export async function checkLambda(dir, bundle) {
  rmSync(join(dir, "node_modules"), { recursive: true, force: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await start(process.execPath, ["lambda-host.mjs", bundle], { cwd: dir, env: { PORT: String(port) }, url });
  try {
    await checkServer(url);
  } finally {
    await server.stop();
  }
}

/** POSTs the example and a broken definition to a server build: the report and status it answers are the package's own. */
export async function checkServer(url) {
  for (const r of await timed(`POST ${url}`, () => postChecks(url))) {
    assert.equal(r.status, r.wantStatus, url);
    assert.deepEqual(r.report, r.want, url);
  }
}

/** Serves a built page's folder and loads it in Chromium: it logs the README browser snippet's codes and fetches the .wasm. */
export async function checkBuiltPage(dist, what) {
  const server = await serveStatic(dist);
  try {
    await checkPage(server.url, what);
    assert.ok(
      server.requests.some((p) => p.endsWith(".wasm")),
      `the .wasm was fetched: ${server.requests}`,
    );
  } finally {
    server.stop();
  }
}

/** Loads a page in Chromium: no error, and one log, the README browser snippet's codes. */
export async function checkPage(url, what) {
  const { logs, errors, close } = await timed(`${what}: page in Chromium`, () => openPage(url));
  await close();
  assert.deepEqual(errors, []);
  assert.deepEqual(logs, [[snippetCodes()]]);
}
