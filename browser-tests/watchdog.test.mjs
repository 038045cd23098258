// The playground's watchdog: a worker that hangs or fails is terminated and started anew,
// and the playground goes on with the latest text. The worker script is served with a test
// hook appended (through Playwright's routing, service workers blocked so that none serves
// it from a cache): a text containing "HANG" spins forever, one containing "TRAP" answers
// as a wasm trap does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, ruleCodes } from './harness.mjs';

const T = { timeout: 90_000 };
const HOOK = `
;{
  const real = self.onmessage;
  self.onmessage = (event) => {
    const text = String(event.data && event.data.text);
    if (text.includes('HANG')) for (;;) {}
    if (text.includes('TRAP')) return postMessage({ type: 'error', id: event.data.id, message: 'RuntimeError: unreachable' });
    return real(event);
  };
}
`;
const GOOD = '{"jobDefinitionName": "after", "type": "container", "containerProperties": {"image": "a", "secrets": [{"name": "A", "valueFrom": "/a"}]}}';

let server;
let browser;
const problems = [];

before(async () => {
  server = await startServer();
  browser = await startBrowser({ serviceWorkers: 'block' });
  await browser.context.route('**/worker.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()) + HOOK });
  });
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (server) server.stop();
  }
});

const settled = (page, timeout = 20_000) => page.waitForSelector('html[data-pending="false"]', { timeout });
const restarts = (page, n) => page.waitForSelector(`html[data-restarts="${n}"]`, { timeout: 20_000 });
const status = (page) => page.textContent('#status');
const codesShown = (page) => page.$$eval('#findings li', (items) => items.map((li) => li.dataset.code));

test('a hung or failed check restarts the worker, and later edits are checked', T, async () => {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url);
  await settled(page);
  const bl501 = ruleCodes().get('secrets-without-execution-role') ?? 'BL501';

  // A text that hangs the worker, then an edit while it is stuck: the edit is checked
  // once the worker has been replaced.
  await page.fill('#source', '{"jobDefinitionName": "HANG"}');
  await page.waitForTimeout(400);
  await page.fill('#source', GOOD);
  await restarts(page, 1);
  await settled(page);
  assert.ok((await codesShown(page)).includes(bl501));
  assert.match(await status(page), /^Checked in .* Earlier: the check took too long; restarted\.$/);

  // The latest text is the one that hangs: the worker is restarted once, not again and
  // again, and the status line says so.
  await page.fill('#source', '{"jobDefinitionName": "HANG", "again": true}');
  await restarts(page, 2);
  await settled(page);
  assert.equal(await status(page), 'The check took too long; restarted. Edit the text to check it again.');
  await page.waitForTimeout(7_000);
  assert.equal(await page.getAttribute('html', 'data-restarts'), '2');

  await page.fill('#source', GOOD.replace('after', 'after-2'));
  await settled(page);
  assert.ok((await codesShown(page)).includes(bl501));

  // A failed analysis (a wasm trap) also gets a fresh worker.
  await page.fill('#source', '{"jobDefinitionName": "TRAP"}');
  await restarts(page, 3);
  await settled(page);
  assert.match(await status(page), /^The check failed \(RuntimeError: unreachable\); restarted\./);
  await page.fill('#source', GOOD.replace('after', 'after-3'));
  await settled(page);
  assert.ok((await codesShown(page)).includes(bl501));
  await page.close();
  assert.deepEqual(problems, []);
});
