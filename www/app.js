// The playground: wires the editor, the context form, the checker (the worker that runs
// batchlint), the share links and the panels that show the report.
import { $, el } from './dom.js';
import { Editor } from './editor.js';
import { Checker } from './checker.js';
import { ContextForm, loadSaved, save, optionOf } from './context.js';
import { Links, sameState, dropLink } from './links.js';
import { renderFindings } from './panels/findings.js';
import { renderPolicies } from './panels/policies.js';
import { renderReferences } from './panels/references.js';

const DEBOUNCE_MS = 120;

// A page that any site can frame can be driven by that site through the fragment. Where the
// server sends `frame-ancestors 'none'` the browser refuses the frame; a static host without
// headers cannot, so the page itself refuses to run inside one, before doing anything else.
if (window.top !== window.self) refuseFramed();
else main();

function refuseFramed() {
  const box = el('main', 'framed');
  const link = el('a', '', 'Open the playground in its own tab');
  link.href = `${location.origin}${location.pathname}`;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  box.append(el('h1', '', 'batchlint playground'), el('p', '', 'The playground does not run inside a frame.'), el('p'));
  box.lastChild.append(link);
  document.body.replaceChildren(box);
}

function main() {
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

  const root = document.documentElement.dataset;
  const page = { report: null, rules: new Map(), cursor: -1, timer: 0, dirty: false, loading: false };
  const setStatus = (text, kind = '') => {
    $('status').textContent = text;
    $('status').className = `status ${kind}`;
  };
  // `data-pending` on <html> says whether the panels lag behind the text (tests wait on it).
  const setPending = (pending) => {
    root.pending = String(pending);
  };

  const form = new ContextForm({ region: $('region'), account: $('account'), kms: $('kms'), box: $('context-box') });
  const editor = new Editor({
    textarea: $('source'),
    mirror: $('mirror'),
    gutter: $('gutter'),
    tooltip: $('tooltip'),
    cursorInfo: $('cursor-info'),
    onChange: () => schedule(),
  });
  const checker = new Checker({ createWorker: () => new Worker(trusted.createScriptURL('./worker.js'), { type: 'module', name: 'batchlint' }) });
  const current = () => ({ text: editor.value, ...form.value });

  /** Shows a state without saving it: saved work is replaced only by an edit or a choice. */
  function load(state) {
    page.loading = true;
    form.value = state;
    editor.setValue(state.text);
    page.loading = false;
  }

  // Every change is checked after a pause; a change the user made is also saved.
  function schedule() {
    if (!page.loading) page.dirty = true;
    setPending(true);
    clearTimeout(page.timer);
    page.timer = setTimeout(() => {
      page.timer = 0;
      if (page.dirty) save(current());
      page.dirty = false;
      checker.check(editor.value, form.options());
    }, DEBOUNCE_MS);
  }

  const links = new Links({
    current,
    open(state) {
      load(state);
      save(state);
    },
    status: setStatus,
  });

  checker.addEventListener('ready', ({ detail }) => {
    page.rules = new Map(detail.rules.map((r) => [r.code, r]));
    $('version').textContent = `batchlint ${detail.version}`;
    root.ready = 'true';
  });
  checker.addEventListener('result', ({ detail }) => {
    if (detail.text !== editor.value || JSON.stringify(detail.options) !== JSON.stringify(form.options())) return;
    show(detail.report, detail.ms, detail.notice);
    if (!page.timer) setPending(false);
  });
  checker.addEventListener('stuck', ({ detail }) => {
    setStatus(detail.message, 'error');
    if (!page.timer) setPending(false);
  });
  checker.addEventListener('restart', ({ detail }) => {
    root.restarts = String(detail.count);
    setStatus(detail.message, 'error');
  });
  checker.addEventListener('failure', ({ detail }) => setStatus(detail.message, 'error'));
  checker.start();

  function show(report, ms, notice) {
    page.report = report;
    page.cursor = -1;
    editor.setDiagnostics(report.diagnostics);
    renderFindings(report.diagnostics, page.rules, jumpTo);
    renderPolicies(report.policies, report.references, report.form);
    renderReferences(report.references);
    const n = report.diagnostics.length;
    const checked = `Checked in ${ms < 1 ? ms.toFixed(2) : ms.toFixed(0)} ms: ${n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'}`}.`;
    // After a restart, say once, next to this result, that an earlier text hung or failed.
    setStatus(notice ? `${checked} ${notice}` : checked, 'ok');
  }

  /** Selects a finding's span, or focuses the field of the option it is about. */
  function jumpTo(index) {
    const d = page.report && page.report.diagnostics[index];
    if (!d) return;
    page.cursor = index;
    if (!form.focus(optionOf(d))) editor.select(d);
  }

  // ---- Examples, share, format -------------------------------------------------------
  const getText = async (path) => {
    const response = await fetch(path);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.text();
  };
  const loadExample = async (file) => editor.setValue(await getText(`examples/${encodeURIComponent(file)}`));

  async function listExamples() {
    const list = JSON.parse(await getText('examples/index.json'));
    $('example').append(...list.map((ex) => Object.assign(el('option', '', ex.title), { value: ex.file })));
    return list;
  }

  $('example').addEventListener('change', async () => {
    const select = $('example');
    if (!select.value) return;
    try {
      await loadExample(select.value);
      setStatus(`Loaded the example “${select.selectedOptions[0].textContent}”.`);
    } catch (err) {
      setStatus(`Could not load the example: ${err.message}`, 'error');
    }
    select.value = '';
  });

  $('share').addEventListener('click', () => links.share());

  $('format').addEventListener('click', () => {
    let formatted;
    try {
      formatted = `${JSON.stringify(JSON.parse(editor.value), null, 2)}\n`;
    } catch {
      setStatus('Cannot format: the text is not valid JSON (see the findings).', 'error');
      return;
    }
    // JSON.parse keeps only the last of duplicate members: formatting would hide that finding.
    if (page.report && page.report.diagnostics.some((d) => d.code === 'BL102')) {
      setStatus('Cannot format: an object has the same member twice, and formatting would drop one of them.', 'error');
      return;
    }
    editor.replaceAll(formatted);
  });

  for (const input of form.inputs) input.addEventListener('input', schedule);

  // A share link's state is loaded once: after the first edit the link no longer describes
  // the page, so drop it from the address bar (a reload then restores the saved work).
  for (const input of [$('source'), ...form.inputs]) input.addEventListener('input', dropLink);

  // Alt+F8 / Shift+Alt+F8: next / previous finding, as in VS Code.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'F8' || !e.altKey || !page.report || !page.report.diagnostics.length) return;
    e.preventDefault();
    const n = page.report.diagnostics.length;
    jumpTo((page.cursor + (e.shiftKey ? -1 : 1) + n) % n);
  });

  // ---- Start -------------------------------------------------------------------------
  (async () => {
    const examples = listExamples().catch(() => []);
    const regions = await getText('regions.json').then((t) => JSON.parse(t).regions, () => []);
    form.fillRegions(regions);
    const link = await links.read();
    const saved = loadSaved();
    if (link && link.state && saved && !sameState(saved, link.state)) {
      // The user's own work stays until they choose.
      links.offer(link.state);
      load({ ...saved, text: saved.text ?? '' });
    } else if (link && link.state) load(link.state);
    else if (saved && saved.text !== undefined) load({ ...saved, text: saved.text });
    else {
      const list = await examples;
      const text = list.length ? await getText(`examples/${encodeURIComponent(list[0].file)}`).catch(() => '') : '';
      load({ ...saved, text });
    }
    if ('serviceWorker' in navigator && location.protocol !== 'file:') {
      navigator.serviceWorker.register(trusted.createScriptURL('./sw.js')).catch(() => {});
    }
  })();
}
