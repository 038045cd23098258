// Runs batchlint off the main thread so typing never waits for an analysis.
// Messages in:  {id, text, options}
// Messages out: {type: 'ready', version, rules} | {type: 'result', id, report, ms} | {type: 'error', id?, message}
import init, * as batchlint from './pkg-entry.js';

const ready = (async () => {
  await init({ module_or_path: batchlint.wasmUrl });
  const version = typeof batchlint.version === 'function' ? batchlint.version() : '';
  let rules = [];
  try {
    if (typeof batchlint.rules === 'function') rules = batchlint.rules();
  } catch {
    rules = [];
  }
  return { version, rules };
})();

ready.then(
  (info) => postMessage({ type: 'ready', ...info }),
  (err) => postMessage({ type: 'error', message: `the checker could not start: ${err && err.message ? err.message : err}` }),
);

self.onmessage = async (event) => {
  const { id, text, options } = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const report = plain(batchlint.analyze(text, options));
    postMessage({ type: 'result', id, report, ms: performance.now() - t0 });
  } catch (err) {
    postMessage({ type: 'error', id, message: String(err && err.message ? err.message : err) });
  }
};

/** serde-wasm-bindgen may give maps (an IAM `Condition`) as `Map`: make them plain objects. */
function plain(value) {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
