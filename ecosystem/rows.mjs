// The apps the rows build: each is a README snippet (ecosystem/harness.mjs `snippet`), with the
// small files around it that a user's project would have (an index.html, a server shim).
import { retarget, snippet } from "./harness.mjs";

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
