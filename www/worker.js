// Runs batchlint off the main thread so typing never waits for an analysis.
// Messages in:  {id, text, options}
// Messages out: {type: 'ready', version, rules} | {type: 'result', id, report, ms} | {type: 'error', id?, message}
import init, * as batchlint from './pkg/batchlint.js';

const message = (err) => String(err && err.message ? err.message : err);

const ready = init().then(() => ({ version: batchlint.version(), rules: batchlint.rules() }));

ready.then(
  (info) => postMessage({ type: 'ready', ...info }),
  (err) => postMessage({ type: 'error', message: `the checker could not start: ${message(err)}` }),
);

self.onmessage = async (event) => {
  const { id, text, options } = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const report = batchlint.analyze(text, options);
    postMessage({ type: 'result', id, report, ms: performance.now() - t0 });
  } catch (err) {
    postMessage({ type: 'error', id, message: message(err) });
  }
};
