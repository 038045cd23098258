// The playground: wires the editor, the context fields, the worker that runs batchlint,
// and the panels that show its report. All user data reaches the page as text nodes.
import { Editor, inlineCode } from './editor.js';
import { encodeState, decodeState } from './share.js';
import { views } from './snippets.js';
import partitions from './regions.js';

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'batchlint.playground.v1';
const DEBOUNCE_MS = 120;
const SEVERITIES = ['error', 'warning', 'info'];
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' };
// Findings about the context, not the document: clicking one goes to its field.
const CONTEXT_FIELD = { BL801: 'region', BL802: 'region', BL803: 'region', BL804: 'account', BL805: 'kms', BL806: 'kms', BL809: 'kms' };

// Trusted Types (enforced by the CSP): the only script URLs this page creates are its own.
const trusted = window.trustedTypes
  ? window.trustedTypes.createPolicy('batchlint', {
      createScriptURL(url) {
        const resolved = new URL(url, location.href);
        if (resolved.origin !== location.origin) throw new TypeError(`refusing script URL ${resolved.href}`);
        return resolved.href;
      },
    })
  : { createScriptURL: (url) => url };

const ui = {
  source: $('source'),
  region: $('region'),
  account: $('account'),
  kms: $('kms'),
  example: $('example'),
  status: $('status'),
};

const state = {
  report: null,
  requested: null, // {id, text, options} in flight
  queued: false,
  nextId: 1,
  timer: 0,
  ready: false,
  policyTab: 'policy',
  rules: new Map(),
  cursor: -1,
  watchdog: 0,
  stuck: null, // {text, options} of an analysis that hung or failed the worker
  restarts: 0,
  notice: '', // what the status line says after the next result (a restart)
};

const editor = new Editor({
  textarea: ui.source,
  mirror: $('mirror'),
  gutter: $('gutter'),
  tooltip: $('tooltip'),
  cursorInfo: $('cursor-info'),
  onChange: () => schedule(),
});

// ---- Context ---------------------------------------------------------------------------
function fillRegions() {
  const fragment = document.createDocumentFragment();
  for (const partition of partitions) {
    const group = document.createElement('optgroup');
    group.label = partition.id;
    for (const r of partition.regions) {
      const option = document.createElement('option');
      option.value = r.code;
      option.textContent = `${r.code} — ${r.name}${r.batch ? '' : ' (no Batch yet)'}`;
      group.append(option);
    }
    fragment.append(group);
  }
  ui.region.append(fragment);
}

function context() {
  return { region: ui.region.value, accountId: ui.account.value.trim(), kmsKeys: ui.kms.value };
}

function setContext({ region = '', accountId = '', kmsKeys = '' }) {
  if (region && ![...ui.region.options].some((o) => o.value === region)) {
    const option = document.createElement('option');
    option.value = region;
    option.textContent = `${region} (not in the table)`;
    ui.region.append(option);
  }
  ui.region.value = region;
  ui.account.value = accountId;
  ui.kms.value = kmsKeys;
}

function analyzeOptions() {
  const c = context();
  const options = {};
  if (c.region) options.region = c.region;
  if (c.accountId) options.accountId = c.accountId;
  const keys = c.kmsKeys.split('\n').map((k) => k.trim()).filter(Boolean);
  if (keys.length) options.kmsKeys = keys;
  return options;
}

function save() {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...context(), text: editor.value }));
  } catch {
    // Storage full or disabled: the page works without it.
  }
}

function loadSaved() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return saved && typeof saved === 'object' ? saved : null;
  } catch {
    return null;
  }
}

// ---- The worker ------------------------------------------------------------------------
// An analysis that does not answer within WATCHDOG_MS (a pathological input, or a wasm trap
// that left the worker stuck) gets the worker terminated and a fresh one started; the
// playground then goes on with the latest text. A text that timed out is not sent again
// until it changes, so that one bad input cannot restart the worker forever.
const WATCHDOG_MS = 6000;
let worker = null;

function startWorker() {
  const w = new Worker(trusted.createScriptURL('./worker.js'), { type: 'module', name: 'batchlint' });
  w.onmessage = ({ data }) => {
    if (w === worker) onWorkerMessage(data);
  };
  w.onerror = (event) => {
    if (w !== worker) return;
    if (!state.ready) {
      setStatus(`The checker could not load (${event.message || 'worker error'}).`, 'error');
    } else {
      restartWorker(`the checker failed (${event.message || 'worker error'})`);
    }
  };
  worker = w;
}

/** `reason` is a lower-case clause: "the check took too long". */
function restartWorker(reason) {
  const message = `${reason.charAt(0).toUpperCase()}${reason.slice(1)}; restarted.`;
  clearTimeout(state.watchdog);
  if (state.requested) state.stuck = { text: state.requested.text, options: JSON.stringify(state.requested.options), message };
  state.requested = null;
  state.ready = false;
  state.queued = true;
  state.restarts += 1;
  document.documentElement.dataset.restarts = String(state.restarts);
  if (worker) worker.terminate();
  startWorker();
  state.notice = `Earlier: ${reason}; restarted.`;
  setStatus(message, 'error');
}

function onWorkerMessage(data) {
  if (data.type === 'ready') {
    state.ready = true;
    state.rules = new Map((Array.isArray(data.rules) ? data.rules : []).map((r) => [r.code, r]));
    $('version').textContent = `batchlint ${data.version}`;
    document.documentElement.dataset.ready = 'true';
    send();
  } else if (data.type === 'result') {
    clearTimeout(state.watchdog);
    const request = state.requested;
    state.requested = null;
    if (request && request.id === data.id && request.text === editor.value && JSON.stringify(request.options) === JSON.stringify(analyzeOptions())) {
      show(data.report, data.ms);
      if (!state.queued) setPending(false);
    }
    if (state.queued) send();
  } else if (data.type === 'error') {
    if (data.id === undefined) {
      // The checker could not start: restarting would fail the same way.
      setStatus(`batchlint failed: ${data.message}`, 'error');
      return;
    }
    // A failed analysis (a Rust panic is a wasm trap) may leave the module unusable.
    restartWorker(`the check failed (${data.message})`);
  }
}
startWorker();

// `data-pending` on <html> says whether the panels lag behind the text (tests wait on it).
function setPending(pending) {
  document.documentElement.dataset.pending = String(pending);
}

function schedule() {
  setPending(true);
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    save();
    send();
  }, DEBOUNCE_MS);
}

function send() {
  state.queued = true;
  if (!state.ready || state.requested) return;
  state.queued = false;
  const options = analyzeOptions();
  if (state.stuck && state.stuck.text === editor.value && state.stuck.options === JSON.stringify(options)) {
    // This text already hung the checker: wait for an edit (the status line says why).
    setStatus(`${state.stuck.message} Edit the text to check it again.`, 'error');
    setPending(false);
    return;
  }
  state.stuck = null;
  state.requested = { id: state.nextId++, text: editor.value, options };
  worker.postMessage(state.requested);
  clearTimeout(state.watchdog);
  state.watchdog = setTimeout(() => restartWorker('the check took too long'), WATCHDOG_MS);
}

function setStatus(text, kind = '') {
  ui.status.textContent = text;
  ui.status.className = `status ${kind}`;
}

// ---- The report ------------------------------------------------------------------------
function show(report, ms) {
  state.report = report;
  state.cursor = -1;
  editor.setDiagnostics(report.diagnostics);
  renderFindings(report.diagnostics);
  renderPolicies(report.policies, report.references);
  renderReferences(report.references);
  const n = report.diagnostics.length;
  const checked = `Checked in ${ms < 1 ? ms.toFixed(2) : ms.toFixed(0)} ms: ${n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'}`}.`;
  // After a restart, say once, next to this result, that an earlier text hung or failed.
  setStatus(state.notice ? `${checked} ${state.notice}` : checked, 'ok');
  state.notice = '';
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderFindings(diagnostics) {
  const counts = { error: 0, warning: 0, info: 0 };
  const items = diagnostics.map((d, i) => {
    counts[d.severity] = (counts[d.severity] ?? 0) + 1;
    const li = el('li', `finding sev-${d.severity}`);
    li.dataset.code = d.code;
    const button = el('button', 'finding-button');
    button.type = 'button';
    button.dataset.index = String(i);
    const head = el('span', 'finding-head');
    const rule = state.rules.get(d.code);
    head.append(el('span', 'icon'), el('span', 'visually-hidden', `${SEVERITY_LABEL[d.severity] ?? d.severity}: `), el('span', 'code', d.code));
    if (rule && rule.name) head.append(el('span', 'rule-name', rule.name));
    const where = d.path === '' && d.range.start.offset === 0 && d.range.end.offset === 0 ? 'context' : `Ln ${d.range.start.line}, Col ${d.range.start.column}`;
    head.append(el('span', 'where', where));
    const message = el('span', 'message');
    message.append(inlineCode(d.message));
    button.append(head, message);
    if (d.help) {
      const help = el('span', 'help');
      help.append(inlineCode(d.help));
      button.append(help);
    }
    button.addEventListener('click', () => jumpTo(i));
    li.append(button);
    if (rule && rule.why) {
      const why = el('details', 'why');
      why.append(el('summary', '', 'Why it matters'));
      const body = el('p');
      body.append(inlineCode(rule.why));
      why.append(body);
      li.append(why);
    }
    return li;
  });
  $('findings').replaceChildren(...items);
  $('no-findings').hidden = diagnostics.length > 0;
  const words = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] };
  for (const s of SEVERITIES) {
    $(`count-${s}`).textContent = String(counts[s]);
    $(`count-${s}`).nextElementSibling.textContent = words[s][counts[s] === 1 ? 0 : 1];
  }
}

function jumpTo(index) {
  const d = state.report && state.report.diagnostics[index];
  if (!d) return;
  state.cursor = index;
  const field = d.path === '' && d.range.start.offset === 0 && d.range.end.offset === 0 ? CONTEXT_FIELD[d.code] : undefined;
  if (field) {
    $('context-box').open = true;
    $(field).focus();
  } else editor.select(d);
}

function renderPolicies(policies, references) {
  const container = $('policies');
  const cards = policies.map((policy, p) => {
    const card = el('article', 'policy-card');
    const title = el('h3', 'role');
    title.append(el('span', 'role-label', policy.roleArn ? 'Execution role ' : 'No execution role named'));
    if (policy.roleArn) title.append(el('code', 'role-arn', policy.roleArn));
    const tabs = el('div', 'tabs');
    tabs.setAttribute('role', 'tablist');
    tabs.setAttribute('aria-label', `Views of the policy for ${policy.roleArn ?? 'the containers without a role'}`);
    const panel = el('div', 'tab-panel');
    panel.setAttribute('role', 'tabpanel');
    panel.id = `policy-panel-${p}`;
    panel.tabIndex = 0;
    const pre = el('pre', 'policy-text');
    const actions = el('div', 'actions');
    const copy = el('button', 'copy', 'Copy');
    copy.type = 'button';
    const download = el('button', 'download', 'Download');
    download.type = 'button';
    actions.append(copy, download);
    panel.append(actions, pre);
    const list = views(policy);
    const buttons = list.map((view) => {
      const tab = el('button', 'tab', view.label);
      tab.type = 'button';
      tab.id = `policy-${p}-tab-${view.id}`;
      tab.dataset.view = view.id;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', panel.id);
      return tab;
    });
    let current = list[0];
    const select = (view, focus) => {
      current = view;
      state.policyTab = view.id;
      buttons.forEach((b, i) => {
        const on = list[i] === view;
        b.setAttribute('aria-selected', String(on));
        b.tabIndex = on ? 0 : -1;
        if (on && focus) b.focus();
      });
      panel.setAttribute('aria-labelledby', `policy-${p}-tab-${view.id}`);
      pre.textContent = view.text;
      pre.dataset.view = view.id;
    };
    buttons.forEach((b, i) => {
      b.addEventListener('click', () => select(list[i], false));
      b.addEventListener('keydown', (e) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
        const jump = { Home: 0, End: list.length - 1 }[e.key];
        if (step === undefined && jump === undefined) return;
        e.preventDefault();
        const next = jump ?? (list.indexOf(current) + step + list.length) % list.length;
        select(list[next], true);
      });
    });
    copy.addEventListener('click', () => copyText(current.text, copy));
    download.addEventListener('click', () => downloadText(current));
    tabs.append(...buttons);
    select(list.find((v) => v.id === state.policyTab) ?? list[0], false);
    card.append(title, tabs, panel);
    return card;
  });
  container.replaceChildren(...cards);
  const empty = $('no-policies');
  empty.hidden = policies.length > 0;
  empty.textContent = references.length === 0
    ? 'No secret references, so no policy is needed.'
    : 'No usable secret reference yet: fix the findings on the references, and the policy appears here.';
}

function renderReferences(references) {
  const rows = references.map((r) => {
    const tr = document.createElement('tr');
    const sets = el('td');
    const what = r.source === 'repositoryCredentials' ? 'registry credentials' : r.name ?? '';
    sets.append(el('code', 'ref-name', what));
    if (r.source === 'secretOptions') sets.append(el('span', 'hint', ' (log option)'));
    const where = r.containerName ? `container ${r.containerName}` : r.container;
    if (where) sets.append(el('div', 'hint', where));
    const target = el('td');
    target.append(el('code', 'value-from', r.valueFrom));
    if (r.resourceArn && r.resourceArn !== r.valueFrom) {
      const arn = el('div', 'resolved');
      arn.append(el('span', 'arrow', '→ '), el('code', 'arn', r.resourceArn));
      target.append(arn);
    } else if (!r.resourceArn || r.kind === 'invalid') target.append(el('div', 'hint', 'not a usable reference: see the findings'));
    const actions = el('td');
    for (const action of new Set((r.grants ?? []).map((g) => g.action))) actions.append(el('code', 'action', action), ' ');
    tr.append(sets, target, actions);
    return tr;
  });
  $('refs-body').replaceChildren(...rows);
  $('refs').hidden = references.length === 0;
  $('no-refs').hidden = references.length > 0;
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    flash(button, 'Copied');
  } catch {
    flash(button, 'Copy failed');
  }
}

function flash(button, text) {
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = label;
  }, 1500);
}

function downloadText(view) {
  const url = URL.createObjectURL(new Blob([view.text], { type: view.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = view.file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- Examples, share, format -----------------------------------------------------------
async function loadExamples() {
  const response = await fetch('examples/index.json');
  const list = await response.json();
  for (const ex of list) {
    const option = document.createElement('option');
    option.value = ex.file;
    option.textContent = ex.title;
    ui.example.append(option);
  }
  return list;
}

async function loadExample(file) {
  const response = await fetch(`examples/${encodeURIComponent(file)}`);
  if (!response.ok) throw new Error(`examples/${file}: ${response.status}`);
  editor.setValue(await response.text());
}

ui.example.addEventListener('change', async () => {
  const file = ui.example.value;
  if (!file) return;
  try {
    await loadExample(file);
    setStatus(`Loaded the example “${ui.example.selectedOptions[0].textContent}”.`);
  } catch (err) {
    setStatus(`Could not load the example: ${err.message}`, 'error');
  }
  ui.example.value = '';
});

$('share').addEventListener('click', async () => {
  const fragment = await encodeState({ text: editor.value, ...context() });
  history.replaceState(null, '', `#${fragment}`);
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus('Share link copied: it holds the document and context, and is never sent to a server.', 'ok');
  } catch {
    setStatus('Share link is in the address bar: it holds the document and context, and is never sent to a server.', 'ok');
  }
});

$('format').addEventListener('click', () => {
  let formatted;
  try {
    formatted = `${JSON.stringify(JSON.parse(editor.value), null, 2)}\n`;
  } catch {
    setStatus('Cannot format: the text is not valid JSON (see the findings).', 'error');
    return;
  }
  // JSON.parse keeps only the last of duplicate members: formatting would hide that finding.
  const duplicate = state.rules.get('BL102') ? 'BL102' : [...state.rules.values()].find((r) => r.name === 'duplicate-key')?.code ?? 'BL102';
  if (state.report && state.report.diagnostics.some((d) => d.code === duplicate)) {
    setStatus('Cannot format: an object has the same member twice, and formatting would drop one of them.', 'error');
    return;
  }
  editor.replaceAll(formatted);
});

for (const input of [ui.region, ui.account, ui.kms]) input.addEventListener('input', schedule);

// A share link's state is loaded once: after the first edit the link no longer describes the
// page, so drop it from the address bar (a reload then restores the saved work instead).
for (const input of [ui.source, ui.region, ui.account, ui.kms]) {
  input.addEventListener('input', () => {
    if (/^#[zj]=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  });
}

// Alt+F8 / Shift+Alt+F8: next / previous finding, as in VS Code.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'F8' || !e.altKey || !state.report || !state.report.diagnostics.length) return;
  e.preventDefault();
  const n = state.report.diagnostics.length;
  jumpTo((state.cursor + (e.shiftKey ? -1 : 1) + n) % n);
});

window.addEventListener('hashchange', async () => {
  const shared = await decodeState(location.hash);
  if (shared) {
    setContext(shared);
    editor.setValue(shared.text);
  }
});

// ---- Start -----------------------------------------------------------------------------
async function start() {
  fillRegions();
  const examples = loadExamples().catch(() => []);
  const shared = await decodeState(location.hash);
  const saved = loadSaved();
  if (shared) {
    setContext(shared);
    editor.setValue(shared.text);
  } else if (saved && typeof saved.text === 'string') {
    setContext(saved);
    editor.setValue(saved.text);
  } else {
    setContext({});
    const list = await examples;
    if (list.length) await loadExample(list[0].file).catch(() => {});
  }
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register(trusted.createScriptURL('./sw.js')).catch(() => {});
  }
}

start();
