// www/checker.js with a fake Worker and a fake clock: no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Checker } from '../../www/checker.js';

class FakeWorker {
  constructor() {
    this.sent = [];
    this.terminated = false;
  }
  postMessage(message) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(data) {
    this.onmessage({ data });
  }
  fail(message) {
    this.onerror({ message });
  }
  get last() {
    return this.sent.at(-1);
  }
}

class FakeClock {
  constructor() {
    this.timers = new Map();
    this.next = 1;
  }
  setTimeout(fn, ms) {
    this.timers.set(this.next, { fn, ms });
    return this.next++;
  }
  clearTimeout(id) {
    this.timers.delete(id);
  }
  /** Runs every pending timer, as if their time had passed. */
  elapse() {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const t of due) t.fn();
  }
}

function setup() {
  const workers = [];
  const clock = new FakeClock();
  const checker = new Checker({ createWorker: () => workers[workers.push(new FakeWorker()) - 1], clock, watchdogMs: 6000 });
  const events = [];
  for (const type of ['ready', 'result', 'stuck', 'restart', 'failure']) checker.addEventListener(type, (e) => events.push([type, e.detail]));
  checker.start();
  const worker = () => workers.at(-1);
  const ready = () => worker().answer({ type: 'ready', version: '0.1.0', rules: [{ code: 'BL101' }] });
  const report = (name) => ({ diagnostics: [], name });
  return { checker, workers, worker, clock, events, ready, report };
}

test('waits for the worker, then sends only the latest text', () => {
  const { checker, worker, events, ready, report } = setup();
  checker.check('a', {});
  checker.check('b', { region: 'eu-west-1' });
  assert.deepEqual(worker().sent, [], 'nothing is sent before the worker is ready');
  ready();
  assert.deepEqual(events, [['ready', { version: '0.1.0', rules: [{ code: 'BL101' }] }]]);
  assert.deepEqual(worker().sent, [{ id: 1, text: 'b', options: { region: 'eu-west-1' } }]);
  worker().answer({ type: 'result', id: 1, report: report('b'), ms: 2 });
  assert.deepEqual(events[1], ['result', { report: report('b'), ms: 2, text: 'b', options: { region: 'eu-west-1' }, notice: '' }]);
});

test('a result for an older text is dropped and the latest text is sent', () => {
  const { checker, worker, events, ready, report } = setup();
  ready();
  checker.check('a', {});
  checker.check('b', {});
  assert.equal(worker().sent.length, 1, 'one analysis at a time');
  worker().answer({ type: 'result', id: 1, report: report('a'), ms: 1 });
  assert.deepEqual(events.filter(([t]) => t === 'result'), []);
  assert.deepEqual(worker().last, { id: 2, text: 'b', options: {} });
  worker().answer({ type: 'result', id: 2, report: report('b'), ms: 1 });
  assert.deepEqual(events.filter(([t]) => t === 'result').map(([, d]) => d.text), ['b']);
});

test('an analysis that takes too long gets a fresh worker, which checks the latest text', () => {
  const { checker, workers, worker, clock, events, ready, report } = setup();
  ready();
  checker.check('HANG', {});
  assert.equal([...clock.timers.values()][0].ms, 6000);
  checker.check('next', {});
  clock.elapse();
  assert.equal(workers[0].terminated, true);
  assert.equal(workers.length, 2);
  assert.deepEqual(events.at(-1), ['restart', { count: 1, message: 'The check took too long; restarted.' }]);
  ready();
  assert.deepEqual(worker().sent, [{ id: 2, text: 'next', options: {} }]);
  worker().answer({ type: 'result', id: 2, report: report('next'), ms: 1 });
  assert.equal(events.at(-1)[1].notice, 'Earlier: the check took too long; restarted.');
  checker.check('later', {});
  worker().answer({ type: 'result', id: 3, report: report('later'), ms: 1 });
  assert.equal(events.at(-1)[1].notice, '', 'the notice is given once');
});

test('the text that hung is not sent again until it changes', () => {
  const { checker, workers, worker, clock, events, ready } = setup();
  ready();
  checker.check('HANG', {});
  clock.elapse();
  ready();
  assert.deepEqual(worker().sent, []);
  assert.deepEqual(events.at(-1), ['stuck', { message: 'The check took too long; restarted. Edit the text to check it again.' }]);
  assert.equal(clock.timers.size, 0, 'no watchdog runs for a text that is not sent');
  checker.check('HANG', { region: 'eu-west-1' });
  assert.deepEqual(worker().sent, [{ id: 2, text: 'HANG', options: { region: 'eu-west-1' } }], 'other options make another check');
  assert.equal(workers.length, 2);
});

test('a failed analysis (a wasm trap) and a crashed worker restart it; a worker that cannot load does not', () => {
  const { checker, workers, worker, events, ready } = setup();
  worker().fail('SyntaxError: bad module');
  assert.deepEqual(events, [['failure', { message: 'The checker could not load (SyntaxError: bad module).' }]]);
  assert.equal(workers.length, 1);
  ready();
  checker.check('TRAP', {});
  worker().answer({ type: 'error', id: 1, message: 'RuntimeError: unreachable' });
  assert.deepEqual(events.at(-1), ['restart', { count: 1, message: 'The check failed (RuntimeError: unreachable); restarted.' }]);
  ready();
  checker.check('x', {});
  worker().fail('');
  assert.deepEqual(events.at(-1), ['restart', { count: 2, message: 'The checker failed (worker error); restarted.' }]);
  worker().answer({ type: 'error', message: 'the checker could not start: no wasm' });
  assert.deepEqual(events.at(-1), ['failure', { message: 'batchlint failed: the checker could not start: no wasm' }]);
  assert.equal(workers.length, 3);
});

test('messages from a replaced worker are ignored', () => {
  const { checker, workers, clock, events, ready } = setup();
  ready();
  checker.check('HANG', {});
  clock.elapse();
  const count = events.length;
  workers[0].answer({ type: 'result', id: 1, report: { diagnostics: [] }, ms: 1 });
  workers[0].fail('late');
  assert.equal(events.length, count);
});
