// The checker: owns the Web Worker that runs batchlint, sends it the latest text, and
// replaces it when it hangs or fails. It knows nothing of the page: it takes a function
// that makes a worker, and tells what happens through events.
//
// Events (CustomEvent, data in `detail`):
//   ready    {version, rules}           the worker has loaded batchlint
//   result   {report, ms, text, options, notice}
//                                       the analysis of the latest text and options; `notice`
//                                       says once that an earlier text hung or failed the worker
//   stuck    {message}                  the latest text is the one that hung or failed the
//                                       worker: it is not sent again until it changes
//   restart  {count, message}           the worker was replaced
//   failure  {message}                  batchlint could not start: restarting would not help
//
// An analysis that does not answer within `watchdogMs` (a pathological input, or a wasm trap
// that left the worker stuck) gets the worker terminated and a fresh one started, which
// then checks the latest text. A text that timed out is not sent again until it changes,
// so that one bad input cannot restart the worker forever.

export const WATCHDOG_MS = 6000;

export class Checker extends EventTarget {
  /** @param {{createWorker: () => Worker, watchdogMs?: number, clock?: {setTimeout: Function, clearTimeout: Function}}} options */
  constructor({ createWorker, watchdogMs = WATCHDOG_MS, clock = globalThis }) {
    super();
    this.createWorker = createWorker;
    this.watchdogMs = watchdogMs;
    this.clock = clock;
    this.worker = null;
    this.ready = false;
    this.latest = null; // {text, options, key}
    this.requested = null; // {id, text, options, key} in flight
    this.stuck = null; // {text, key, message}
    this.nextId = 1;
    this.watchdog = 0;
    this.restarts = 0;
    this.notice = '';
  }

  start() {
    const w = this.createWorker();
    w.onmessage = ({ data }) => {
      if (w === this.worker) this.onMessage(data);
    };
    w.onerror = (event) => {
      if (w !== this.worker) return;
      const why = (event && event.message) || 'worker error';
      if (this.ready) this.restart(`the checker failed (${why})`);
      else this.emit('failure', { message: `The checker could not load (${why}).` });
    };
    this.worker = w;
  }

  /** Checks this text with these options as soon as the worker is free. */
  check(text, options) {
    this.latest = { text, options, key: JSON.stringify(options) };
    this.send();
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  isLatest(request) {
    return Boolean(this.latest && request && this.latest.text === request.text && this.latest.key === request.key);
  }

  send() {
    if (!this.ready || this.requested || !this.latest) return;
    if (this.isLatest(this.stuck)) {
      // This text already hung the checker: wait for an edit.
      this.emit('stuck', { message: `${this.stuck.message} Edit the text to check it again.` });
      return;
    }
    this.stuck = null;
    const { text, options, key } = this.latest;
    this.requested = { id: this.nextId++, text, options, key };
    this.worker.postMessage({ id: this.requested.id, text, options });
    this.clock.clearTimeout(this.watchdog);
    this.watchdog = this.clock.setTimeout(() => this.restart('the check took too long'), this.watchdogMs);
  }

  onMessage(data) {
    if (data.type === 'ready') {
      this.ready = true;
      this.emit('ready', { version: data.version, rules: data.rules });
      this.send();
    } else if (data.type === 'result') {
      const request = this.requested;
      if (!request || request.id !== data.id) return;
      this.clock.clearTimeout(this.watchdog);
      this.requested = null;
      if (this.isLatest(request)) {
        const notice = this.notice;
        this.notice = '';
        this.emit('result', { report: data.report, ms: data.ms, text: request.text, options: request.options, notice });
      } else this.send();
    } else if (data.type === 'error') {
      // Without an id, batchlint could not start: restarting would fail the same way.
      if (data.id === undefined) this.emit('failure', { message: `batchlint failed: ${data.message}` });
      // A failed analysis (a Rust panic is a wasm trap) may leave the module unusable.
      else this.restart(`the check failed (${data.message})`);
    }
  }

  /** `reason` is a lower-case clause: "the check took too long". */
  restart(reason) {
    const message = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}; restarted.`;
    this.clock.clearTimeout(this.watchdog);
    if (this.requested) this.stuck = { text: this.requested.text, key: this.requested.key, message };
    this.requested = null;
    this.ready = false;
    this.restarts += 1;
    if (this.worker) this.worker.terminate();
    this.start();
    this.notice = `Earlier: ${reason}; restarted.`;
    this.emit('restart', { count: this.restarts, message });
  }
}
