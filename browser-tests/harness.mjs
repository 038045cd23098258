// The browser tests' harness: the playground server (www/serve.mjs on a free loopback port)
// and one browser tab behind a small driver interface, so that every test file runs in each
// engine (BATCHLINT_ENGINE):
//   chromium  Debian's Chromium, through playwright-core
//   firefox   Debian's firefox-esr, through puppeteer-core over WebDriver BiDi
//   webkit    Debian's WebKitWebDriver (WebKitGTK's MiniBrowser), through selenium-webdriver;
//             needs an X display (scripts/test-browser.sh runs it under xvfb-run)
// Every wait is bounded. What an engine's driver cannot do throws Unsupported, and the test
// skips that one assertion, saying why (`skip`).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync, cpSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { before, after } from 'node:test';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dist = join(root, 'www', 'dist');
export const engine = process.env.BATCHLINT_ENGINE || 'chromium';
const pkg = resolve(root, process.env.BATCHLINT_PKG || 'pkg');

export class Unsupported extends Error {}

/** Prints, in the test's output, an assertion that this engine cannot make. */
export function skip(t, what, err) {
  if (!(err instanceof Unsupported)) throw err;
  const line = `not checked in ${engine}: ${what} (${err.message})`;
  t.diagnostic(line);
  console.log(`# ${line}`);
}

const temps = [];
const cleanup = [];
process.once('exit', () => {
  for (const stop of cleanup) stop();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

/** A copy of www/dist with files changed (`patch`: name -> text => text) or added (`add`: name -> text). */
export function makeRoot({ patch = {}, add = {} } = {}) {
  const dir = tempDir('batchlint-www-');
  cpSync(dist, dir, { recursive: true });
  for (const [name, change] of Object.entries(patch)) writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8')));
  for (const [name, text] of Object.entries(add)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the static server; resolves with {url, origin, paths, stop}: `paths` lists every request it answered. */
export function startServer({ dir = dist, bare = false } = {}, timeoutMs = 10_000) {
  if (!existsSync(join(dir, 'index.html'))) throw new Error('www/dist is not built: run scripts/serve-playground.sh --build-only');
  const args = [join(root, 'www', 'serve.mjs'), '--root', dir, '--port', '0', '--log', ...(bare ? ['--bare'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => {
    if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
  };
  cleanup.push(stop);
  const paths = [];
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the playground server did not start in time'));
    }, timeoutMs);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop();
      for (const line of lines) {
        const listening = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
        const request = /^GET (\S+)/.exec(line);
        if (request) paths.push(new URL(request[1], 'http://x').pathname);
        else if (listening) {
          clearTimeout(timer);
          resolvePromise({ url: listening[1], origin: new URL(listening[1]).origin, paths, stop });
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the playground server exited (${code}) before listening`));
    });
  });
}

/**
 * A test file's browser session: `before` starts a server (of `dir`) and a tab, `after` stops
 * them and every server started with `serve`. `open(url)` loads a page and waits for it to settle.
 */
export function session({ dir } = {}) {
  const s = { servers: [], server: null, tab: null };
  s.serve = async (options) => {
    const server = await startServer(options);
    s.servers.push(server);
    return server;
  };
  s.open = async (url = s.server.url) => {
    await s.tab.goto(url);
    await s.tab.settled();
    return s.tab;
  };
  before(async () => {
    s.server = await s.serve({ dir });
    s.tab = await launch();
  });
  after(async () => {
    try {
      if (s.tab) await s.tab.close();
    } finally {
      for (const server of s.servers) server.stop();
    }
  });
  return s;
}

// As the page serves it: www/build.mjs puts the examples the README shares into dist.
export const example = (name) => readFileSync(join(dist, 'examples', name), 'utf8');

/** Rule codes by rule name, from the built package's rules(). */
export async function ruleCodes() {
  const { rules } = await import(pathToFileURL(join(pkg, 'node.mjs')).href);
  return new Map(rules().map((r) => [r.name, r.code]));
}

/** A share-link fragment (`#z=…`) for a state, made by the page's own share.js. */
export async function linkFor(state) {
  const { encodeState } = await import(pathToFileURL(join(root, 'www', 'share.js')).href);
  return `#${await encodeState({ region: '', accountId: '', kmsKeys: '', ...state })}`;
}

const freePort = () => new Promise((res, rej) => {
  const s = createServer();
  s.once('error', rej);
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => res(port));
  });
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const which = (name) => execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
const VIEWPORT = { width: 1400, height: 1000 };

/**
 * One tab of a fresh browser profile. The tab is driven through these methods only:
 * goto, reload, evaluate, waitFor, fill, select, click, press, type, undo, mouseMove,
 * screenshot, setViewport, darkMode; `problems` collects console errors and uncaught exceptions (where
 * the driver reports them: `seesProblems`), `requests` every URL the browser requested
 * (where it reports them: `seesRequests`).
 */
export async function launch() {
  const drivers = { chromium: chromiumDriver, firefox: firefoxDriver, webkit: webkitDriver };
  if (!drivers[engine]) throw new Error(`unknown BATCHLINT_ENGINE ${engine} (chromium, firefox or webkit)`);
  const tab = new Tab();
  await drivers[engine](tab);
  return tab;
}

class Tab {
  constructor() {
    this.problems = [];
    this.requests = [];
    this.seesProblems = true;
    this.seesRequests = true;
  }

  /** Loads a URL afresh (through about:blank, so that a URL that differs only in its fragment is a new load). */
  async goto(url) {
    await this.navigate('about:blank');
    await this.navigate(url);
  }

  /** Runs `fn(...args)` in the page and resolves with its (JSON) result; a promise is awaited. */
  evaluate(fn, ...args) {
    return this.run(`(${fn})(...${JSON.stringify(args)})`);
  }

  /** Waits until `fn(...args)` is truthy in the page; resolves with that value. */
  async waitFor(fn, args = [], { timeout = 15_000, what = String(fn) } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      let value;
      try {
        value = await this.evaluate(fn, ...args);
      } catch (err) {
        // The page may be between two documents.
        if (Date.now() > end) throw err;
      }
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await sleep(50);
    }
  }

  /** Waits until the panels show the analysis of exactly the current text and context. */
  settled(timeout = 15_000) {
    return this.waitFor(() => document.documentElement.dataset.pending === 'false', [], { timeout, what: 'the panels to catch up' });
  }

  /** Sets a text field's value as one input event (as pasting does). */
  fill(selector, text) {
    return this.evaluate((s, v) => {
      const field = document.querySelector(s);
      field.focus();
      field.value = v;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }, selector, text);
  }

  /** Chooses an option of a <select>, as a person does (input and change events). */
  select(selector, value) {
    return this.evaluate((s, v) => {
      const field = document.querySelector(s);
      if (![...field.options].some((o) => o.value === v)) throw new Error(`no option ${v} in ${s}`);
      field.value = v;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    }, selector, value);
  }

  /** Undo in the focused field, with the keyboard. */
  undo() {
    return this.press('Control+z');
  }

  text(selector) {
    return this.evaluate((s) => document.querySelector(s).textContent, selector);
  }

  value(selector) {
    return this.evaluate((s) => document.querySelector(s).value, selector);
  }
}

// ---- Chromium: playwright-core -----------------------------------------------------------
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function chromiumDriver(tab) {
  const { chromium } = await import('playwright-core');
  const profile = tempDir('batchlint-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || which('chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
    viewport: VIEWPORT,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  context.on('request', (r) => tab.requests.push(r.url()));
  Object.assign(tab, pageMethods(tab, page), {
    press: (combo) => page.keyboard.press(combo),
    async setViewport(width, height) {
      await page.setViewportSize({ width, height });
      return page.evaluate(() => innerWidth);
    },
    darkMode: () => page.emulateMedia({ colorScheme: 'dark' }),
    close: () => context.close(),
  });
}

/** What playwright's and puppeteer's pages do alike, and their events. */
function pageMethods(tab, page) {
  page.on('console', (m) => m.type() === 'error' && tab.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => tab.problems.push(`pageerror: ${e.message}`));
  return {
    navigate: (url) => page.goto(url),
    reload: () => page.reload(),
    run: (expression) => page.evaluate(expression),
    click: (selector) => page.click(selector),
    type: (text) => page.keyboard.type(text),
    mouseMove: (x, y) => page.mouse.move(x, y),
    screenshot: (path, { fullPage = false } = {}) => page.screenshot({ path, fullPage }),
  };
}

// ---- Firefox: puppeteer-core over WebDriver BiDi ------------------------------------------
async function firefoxDriver(tab) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: tempDir('batchlint-firefox-'),
    defaultViewport: VIEWPORT,
    timeout: 30_000,
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  page.on('request', (r) => tab.requests.push(r.url()));
  Object.assign(tab, pageMethods(tab, page), {
    async press(combo) {
      const modifiers = combo.split('+');
      const key = modifiers.pop();
      for (const m of modifiers) await page.keyboard.down(m);
      await page.keyboard.press(key);
      for (const m of modifiers.reverse()) await page.keyboard.up(m);
    },
    async setViewport(width, height) {
      await page.setViewport({ width, height });
      return page.evaluate(() => innerWidth);
    },
    async darkMode() {
      throw new Unsupported("puppeteer's emulateMediaFeatures needs CDP, which Firefox does not speak");
    },
    close: () => browser.close(),
  });
}

// ---- WebKit: WebKitWebDriver and selenium-webdriver -----------------------------------------
/** MiniBrowser, which webkit2gtk-driver's WebKitWebDriver drives: in Debian's libwebkit2gtk-4.1-0, under the multiarch folder. */
function miniBrowser() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  const found = readdirSync('/usr/lib').map((d) => join('/usr/lib', d, 'webkit2gtk-4.1', 'MiniBrowser')).find((f) => existsSync(f));
  if (!found) throw new Error('no MiniBrowser in /usr/lib/*/webkit2gtk-4.1/ (apt-get install webkit2gtk-driver)');
  return found;
}

async function webkitDriver(tab) {
  const { Builder, By, Key, Origin } = await import('selenium-webdriver');
  const port = await freePort();
  const server = spawn(process.env.WEBKIT_DRIVER_PATH || which('WebKitWebDriver'), [`--port=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stopServer = () => server.exitCode === null && !server.killed && server.kill('SIGTERM');
  cleanup.push(stopServer);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch (err) {
      if (i > 100) throw new Error(`WebKitWebDriver did not start: ${err.message}`);
    }
    await sleep(100);
  }
  const driver = await new Builder()
    .usingServer(url)
    .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] } })
    .build();
  await driver.manage().setTimeouts({ script: 15_000, pageLoad: 15_000 });
  await driver.manage().window().setRect(VIEWPORT);
  tab.seesProblems = false; // WebKitWebDriver has no log or BiDi events
  tab.seesRequests = false;
  const KEYS = { Alt: Key.ALT, Control: Key.CONTROL, Shift: Key.SHIFT, Escape: Key.ESCAPE, Tab: Key.TAB, Enter: Key.ENTER, F8: Key.F8 };
  Object.assign(tab, {
    navigate: (to) => driver.get(to),
    reload: () => driver.navigate().refresh(),
    run: (expression) => driver.executeScript(`return ${expression};`),
    click: async (selector) => (await driver.findElement(By.css(selector))).click(),
    async press(combo) {
      const modifiers = combo.split('+');
      const key = modifiers.pop();
      let actions = driver.actions();
      for (const m of modifiers) actions = actions.keyDown(KEYS[m]);
      actions = actions.sendKeys(KEYS[key] ?? key);
      for (const m of modifiers.reverse()) actions = actions.keyUp(KEYS[m]);
      await actions.perform();
    },
    type: (text) => driver.actions().sendKeys(text).perform(),
    async undo() {
      throw new Unsupported("WebKitGTK's editor ignores a synthesized Control+Z; the browser's undo command (execCommand) is checked instead");
    },
    mouseMove: (x, y) => driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).perform(),
    async screenshot(path, { fullPage = false } = {}) {
      writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64'));
      if (fullPage) throw new Unsupported('WebDriver screenshots show the viewport only: saved that');
    },
    async setViewport(width, height) {
      // The window's outer size: MiniBrowser's window has no frame under Xvfb, but a minimum width.
      await driver.manage().window().setRect({ width, height });
      return driver.executeScript('return innerWidth;');
    },
    async darkMode() {
      throw new Unsupported('WebDriver has no way to emulate prefers-color-scheme');
    },
    async close() {
      try {
        await driver.quit();
      } finally {
        stopServer();
      }
    },
  });
}
