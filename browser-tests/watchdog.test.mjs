// The playground's watchdog: a worker that hangs or fails is terminated and started anew,
// and the playground goes on with the latest text. The page is served from a copy of
// www/dist whose worker.js has a test hook appended: a text containing "HANG" spins forever,
// one containing "TRAP" answers as a wasm trap does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { session, makeRoot, ruleCodes } from './harness.mjs';

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

const s = session({ dir: makeRoot({ patch: { 'worker.js': (text) => text + HOOK } }) });
const tab = () => s.tab;

const settled = () => tab().settled(20_000);
const restarts = (n) => tab().waitFor((c) => document.documentElement.dataset.restarts === c, [String(n)], { timeout: 20_000, what: `restart ${n}` });
const status = () => tab().text('#status');
const codesShown = () => tab().evaluate(() => [...document.querySelectorAll('#findings li')].map((li) => li.dataset.code));

test('a hung or failed check restarts the worker, and later edits are checked', T, async () => {
  await tab().goto(s.server.url);
  await settled();
  const bl501 = (await ruleCodes()).get('secrets-without-execution-role');

  // A text that hangs the worker, then an edit while it is stuck: the edit is checked
  // once the worker has been replaced.
  await tab().fill('#source', '{"jobDefinitionName": "HANG"}');
  await new Promise((r) => setTimeout(r, 400)); // past the 120 ms pause: the text is sent
  await tab().fill('#source', GOOD);
  await restarts(1);
  await settled();
  assert.ok((await codesShown()).includes(bl501));
  assert.match(await status(), /^Checked in .* Earlier: the check took too long; restarted\.$/);

  // The latest text is the one that hangs: the worker is restarted once, not again and
  // again, and the status line says so.
  await tab().fill('#source', '{"jobDefinitionName": "HANG", "again": true}');
  await restarts(2);
  await settled();
  assert.equal(await status(), 'The check took too long; restarted. Edit the text to check it again.');
  // Longer than the watchdog's 6 s: no third restart comes.
  await new Promise((r) => setTimeout(r, 7_000));
  assert.equal(await tab().evaluate(() => document.documentElement.dataset.restarts), '2');

  await tab().fill('#source', GOOD.replace('after', 'after-2'));
  await settled();
  assert.ok((await codesShown()).includes(bl501));

  // A failed analysis (a wasm trap) also gets a fresh worker.
  await tab().fill('#source', '{"jobDefinitionName": "TRAP"}');
  await restarts(3);
  await settled();
  assert.match(await status(), /^The check failed \(RuntimeError: unreachable\); restarted\./);
  await tab().fill('#source', GOOD.replace('after', 'after-3'));
  await settled();
  assert.ok((await codesShown()).includes(bl501));
  if (tab().seesProblems) assert.deepEqual(tab().problems, []);
});
