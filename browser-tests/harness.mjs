// Starts the playground server (www/serve.mjs on a free loopback port) and Debian's Chromium
// through playwright-core, with every wait bounded.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dist = join(root, 'www', 'dist');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs the static server; resolves with {url, stop}. */
export function startServer(timeoutMs = 10_000) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('www/dist is not built: run scripts/serve-playground.sh --build-only');
  const child = spawn(process.execPath, [join(root, 'www', 'serve.mjs'), '--root', dist, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => {
    if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
  };
  process.once('exit', stop);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the playground server did not start in time'));
    }, timeoutMs);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the playground server exited (${code}) before listening`));
    });
  });
}

/** A fresh Chromium profile in a temp dir; resolves with {context, close}. */
export async function startBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'batchlint-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim(),
    headless: true,
    args: ARGS,
    timeout: 30_000,
    viewport: { width: 1400, height: 1000 },
    ...options,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const close = async () => {
    try {
      await context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  return { context, close };
}

export const example = (name) => readFileSync(join(root, 'www', 'examples', name), 'utf8');

/** Codes of the core's rules, from the generated catalogue (docs/rules.md). */
export function ruleCodes() {
  const file = join(root, 'docs', 'rules.md');
  if (!existsSync(file)) return new Map();
  const codes = new Map();
  for (const m of readFileSync(file, 'utf8').matchAll(/^## (BL\d{3}) `([a-z0-9-]+)`/gm)) codes.set(m[2], m[1]);
  return codes;
}
