// The ecosystem tests' harness (scripts/test-ecosystem.sh runs ecosystem/*.test.mjs with it).
//
// Each test is a user's project: a fresh folder under .tools/ecosystem/TOOLSET/rows/NAME/
// (removed and written anew every run), into which the packed tarball is installed with
// `npm install`, as a user would. The tools themselves (bundlers, runtimes, editors) are the
// cached install of ecosystem/TOOLSET/package-lock.json one folder up, where Node's resolution
// finds them. The project is built with the real tool and the result is run: a server build
// answers a POST on 127.0.0.1, a browser build is loaded in Debian's Chromium (playwright-core).
//
// The entry under test is `batchlint` unless BATCHLINT_ENTRY names another (say
// `batchlint/json`), with its module BATCHLINT_WASM and, for the expected reports, its Node
// module in pkg/ BATCHLINT_NODE_MODULE (default node.mjs): the README snippets and recipes
// are rewritten to it, so that every row runs against another entry unchanged.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const TOOLS = join(ROOT, ".tools", "ecosystem");
export const ENTRY = process.env.BATCHLINT_ENTRY || "batchlint";
export const WASM = process.env.BATCHLINT_WASM || "batchlint_bg.wasm";
const PKG = process.env.BATCHLINT_PKG ? normalize(process.env.BATCHLINT_PKG) : join(ROOT, "pkg");

/** The tarball of `npm pack pkg/` that scripts/test-ecosystem.sh made. */
export function tarball() {
  const file = process.env.BATCHLINT_TARBALL;
  if (!file || !existsSync(file)) throw new Error("BATCHLINT_TARBALL is not set: run scripts/test-ecosystem.sh");
  return file;
}

/** The job definition every row checks, and what the package itself reports for it (from pkg/, in this process). */
export const EXAMPLE_FILE = join(ROOT, "examples", "fargate-secrets.json");
export const EXAMPLE = readFileSync(EXAMPLE_FILE, "utf8");
const direct = await import(pathToFileURL(join(PKG, process.env.BATCHLINT_NODE_MODULE || "node.mjs")).href);
/** The report for `text` with `options`, from the package under Node, to compare each tool's result with. */
export const expected = (text, options) => JSON.parse(JSON.stringify(direct.analyze(text, options)));
/** The codes the README's browser snippet logs. */
export const SNIPPET_INPUT = '{"jobDefinitionName": "nightly", "type": "container"}';
export const snippetCodes = () => expected(SNIPPET_INPUT).diagnostics.map((d) => d.code);

/** A snippet of the npm README (`<!-- snippet: NAME -->`), rewritten to the entry under test. */
export function snippet(name) {
  const readme = readFileSync(join(ROOT, "pkg-template", "README.md"), "utf8");
  const match = readme.match(new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  if (!match) throw new Error(`no snippet ${name} in pkg-template/README.md`);
  return retarget(match[1]);
}

/** Code or config written for `batchlint` and batchlint_bg.wasm, for the entry under test. */
export function retarget(text) {
  return text.replaceAll('"batchlint"', JSON.stringify(ENTRY)).replaceAll("batchlint_bg.wasm", WASM);
}

/** The package's folder inside a project (where `npm install` put it), and its .wasm's path from the project. */
export const installedWasm = `node_modules/batchlint/${WASM}`;

const timings = [];
/** Records a measured step (printed at the end of each file; never asserted). */
export function timed(what, fn) {
  const start = performance.now();
  const done = () => timings.push([what, performance.now() - start]);
  const result = fn();
  if (result && typeof result.then === "function") return result.finally(done);
  done();
  return result;
}
process.once("exit", () => {
  for (const [what, ms] of timings) console.log(`# time: ${what}: ${(ms / 1000).toFixed(1)} s`);
});

/**
 * A fresh project NAME beside the tools of TOOLSET: `files` (path -> text) written, then the
 * tarball installed with npm. Returns its folder.
 */
export function project(toolset, name, files, { type = "module" } = {}) {
  const base = join(TOOLS, toolset);
  if (!existsSync(join(base, "node_modules"))) throw new Error(`${base} has no node_modules: run scripts/test-ecosystem.sh`);
  const dir = join(base, "rows", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = { name: `row-${name}`, private: true, ...(type ? { type } : {}) };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  timed(`${name}: npm install of the tarball`, () =>
    run("npm", ["install", "--offline", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", tarball()], { cwd: dir }),
  );
  return dir;
}

/** The path of a tool's bin in TOOLSET. */
export const bin = (toolset, name) => join(TOOLS, toolset, "node_modules", ".bin", name);

/** Runs a command to completion; throws with its output when it fails. Returns stdout. */
export function run(command, args, { cwd, env, timeout = 300_000, input } = {}) {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      encoding: "utf8",
      timeout,
      input,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (err) {
    const out = `${err.stdout ?? ""}\n${err.stderr ?? ""}`.trim();
    throw new Error(`${command} ${args.join(" ")} failed (${err.status ?? err.signal ?? err.code}) in ${cwd}:\n${out.slice(-6000)}`);
  }
}

/** A free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const children = new Set();
process.once("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/**
 * Starts a long-running command (a server) in its own process group; resolves once `url`
 * answers (any status), with { stop, output }. Every wait is bounded.
 */
export async function start(command, args, { cwd, env, url, timeout = 120_000 } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.add(child);
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited (${child.exitCode}) before answering:\n${output.slice(-6000)}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return { stop, output: () => output };
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not answer at ${url} within ${timeout} ms:\n${output.slice(-6000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * What a server build must answer: POST the example and a broken job definition, and compare
 * the status and the JSON report with the package's own (the README's Workers snippet: 422
 * when a finding is an error).
 */
export async function postChecks(url, options = { region: "eu-west-1" }) {
  const broken = '{\n  "jobDefinitionName": "nightly",\n  "type": "container",\n  "type": "container"\n}';
  const results = [];
  for (const body of [EXAMPLE, broken]) {
    const response = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    let report;
    try {
      report = JSON.parse(text);
    } catch {
      throw new Error(`${url} answered ${response.status} with no JSON: ${text.slice(0, 2000)}`);
    }
    const want = expected(body, options);
    results.push({ status: response.status, report, want, wantStatus: want.diagnostics.some((d) => d.severity === "error") ? 422 : 200 });
  }
  return results;
}

const MIME = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves a folder on 127.0.0.1 (a static host for browser builds); resolves with { url, requests, stop }. */
export function serveStatic(dir) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": MIME[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, requests, stop: () => server.close() })),
  );
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
let browser;

/** Debian's Chromium through playwright-core (from the tools), one browser per test file. */
async function chromium() {
  if (browser) return browser;
  const require = (await import("node:module")).createRequire(join(TOOLS, "tools", "node_modules", "x.js"));
  const { chromium } = require("playwright-core");
  const executablePath = process.env.CHROMIUM_PATH || execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  process.once("beforeExit", () => browser?.close());
  return browser;
}

export async function closeBrowser() {
  if (browser) await browser.close();
  browser = undefined;
}

/**
 * Loads `url` in a new Chromium page and waits until it has logged `count` console messages
 * (or `until(page)` is true); returns { logs (each message's arguments as JSON values),
 * errors (console errors and uncaught exceptions), page, close }.
 */
export async function openPage(url, { count = 1, until, timeout = 30_000 } = {}) {
  const b = await chromium();
  const context = await b.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  // Chromium asks every host for one; dev servers answer 404.
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  const logs = [];
  const errors = [];
  page.on("console", async (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
    else if (msg.type() === "log") logs.push(await Promise.all(msg.args().map((a) => a.jsonValue())));
  });
  page.on("pageerror", (err) => errors.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  const deadline = Date.now() + timeout;
  while (until ? !(await until(page)) : logs.length < count) {
    if (errors.length > 0 && !until) break;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { logs, errors, page, close: () => context.close() };
}
