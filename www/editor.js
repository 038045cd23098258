// The editor: a plain <textarea> over a <pre> that mirrors its text with <mark> elements
// where the findings are. The mirror is built with DOM APIs only (text nodes and elements),
// never from HTML strings, so whatever the user types stays text.
import { inlineCode } from './dom.js';
import { optionOf } from './context.js';

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
const MAX_MARKS = 500;

export class Editor {
  /** @param {{textarea: HTMLTextAreaElement, mirror: HTMLElement, gutter: HTMLElement, tooltip: HTMLElement, cursorInfo: HTMLElement, onChange: (text: string) => void}} parts */
  constructor(parts) {
    Object.assign(this, parts);
    this.marks = []; // {start, end, diagnostic}
    this.lastText = this.textarea.value;
    this.lineCount = 0;
    this.hoverFrame = 0;
    this.textarea.addEventListener('input', () => this.handleInput());
    this.textarea.addEventListener('scroll', () => this.syncScroll());
    this.textarea.addEventListener('mousemove', (e) => this.queueHover(e));
    this.textarea.addEventListener('mouseleave', () => this.hideTooltip());
    for (const type of ['keyup', 'click', 'focus', 'select']) this.textarea.addEventListener(type, () => this.updateCursorInfo());
    this.textarea.addEventListener('keydown', (e) => this.handleKey(e));
    this.render();
  }

  get value() {
    return this.textarea.value;
  }

  /** Replaces the whole text (an example, a share link, Format). */
  setValue(text) {
    this.textarea.value = text;
    this.marks = [];
    this.lastText = text;
    this.render();
    this.syncScroll();
    this.onChange(text);
  }

  /** Replaces the whole text as an edit, so that Undo brings the old text back. */
  replaceAll(text) {
    this.textarea.focus();
    this.textarea.select();
    // execCommand keeps the browser's undo stack; where it is gone, fall back to a plain set.
    if (!document.execCommand || !document.execCommand('insertText', false, text) || this.textarea.value !== text) this.setValue(text);
  }

  /** Shows the findings of an analysis of exactly the current text. */
  setDiagnostics(diagnostics) {
    this.marks = diagnostics
      .filter((d) => d.range && optionOf(d) === null)
      .slice(0, MAX_MARKS)
      .map((d) => ({ start: d.range.start.offset, end: d.range.end.offset, diagnostic: d }));
    this.render();
    this.updateCursorInfo();
  }

  /** Focuses the editor, selects the range and scrolls it into the middle of the view. */
  select(diagnostic) {
    const text = this.textarea.value;
    const start = Math.min(diagnostic.range.start.offset, text.length);
    const end = Math.min(Math.max(diagnostic.range.end.offset, start), text.length);
    this.textarea.focus({ preventScroll: true });
    this.textarea.setSelectionRange(start, end);
    const line = lineOf(text, start);
    const style = getComputedStyle(this.textarea);
    const lineHeight = parseFloat(style.lineHeight) || 20;
    const padTop = parseFloat(style.paddingTop) || 0;
    const top = padTop + (line - 1) * lineHeight;
    this.textarea.scrollTop = Math.max(0, top - this.textarea.clientHeight / 3);
    const mark = this.mirror.querySelector(`mark[data-start="${start}"]`);
    const left = mark ? mark.offsetLeft : 0;
    this.textarea.scrollLeft = left < this.textarea.clientWidth * 0.7 ? 0 : left - this.textarea.clientWidth / 3;
    this.syncScroll();
    this.updateCursorInfo();
  }

  handleInput() {
    const text = this.textarea.value;
    this.marks = shiftMarks(this.marks, this.lastText, text);
    this.lastText = text;
    this.render();
    this.updateCursorInfo();
    this.onChange(text);
  }

  handleKey(e) {
    // Tab indents (two spaces) unless a modifier is held; Escape then Tab leaves the editor.
    if (e.key === 'Escape') {
      this.escaped = true;
      return;
    }
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey && !this.escaped) {
      const { selectionStart: s, selectionEnd: t } = this.textarea;
      if (e.shiftKey || s !== t) return; // keep Shift+Tab and selections for focus moves
      e.preventDefault();
      this.textarea.setRangeText('  ', s, t, 'end');
      this.handleInput();
      return;
    }
    this.escaped = false;
  }

  syncScroll() {
    const { scrollTop, scrollLeft } = this.textarea;
    this.mirror.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.gutter.style.transform = `translateY(${-scrollTop}px)`;
    this.hideTooltip();
  }

  render() {
    const text = this.textarea.value;
    const code = this.mirror;
    const fragment = document.createDocumentFragment();
    const spans = [];
    const points = new Map(); // offset -> diagnostics shown as a caret mark
    for (const m of this.marks) {
      let { start, end } = m;
      if (start > text.length) continue;
      end = Math.min(end, text.length);
      if (end <= start) {
        const next = text[start];
        if (next !== undefined && next !== '\n' && next !== '\r') end = start + 1;
        else {
          if (!points.has(start)) points.set(start, []);
          points.get(start).push(m.diagnostic);
          continue;
        }
      }
      spans.push({ start, end, diagnostic: m.diagnostic });
    }
    const cuts = new Set([0, text.length, ...points.keys()]);
    for (const s of spans) cuts.add(s.start).add(s.end);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      if (points.has(a)) fragment.append(markFor(points.get(a), a, a, 'point'));
      const b = sorted[i + 1];
      if (b === undefined || b <= a) continue;
      const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.diagnostic);
      const piece = text.slice(a, b);
      fragment.append(covering.length ? markFor(covering, a, b, '', piece) : document.createTextNode(piece));
    }
    // A trailing newline needs one more line to stay in step with the textarea.
    fragment.append(document.createTextNode('\n'));
    code.replaceChildren(fragment);
    this.renderGutter(text, [...spans.map((s) => s.diagnostic), ...[...points.values()].flat()]);
  }

  renderGutter(text, diagnostics) {
    const lines = countLines(text);
    const worst = new Map();
    for (const d of diagnostics) {
      const line = d.range.start.line;
      if ((SEVERITY_RANK[d.severity] ?? 0) > (SEVERITY_RANK[worst.get(line)] ?? 0)) worst.set(line, d.severity);
    }
    const key = `${lines}|${[...worst].join(',')}`;
    if (key === this.gutterKey) return;
    this.gutterKey = key;
    const fragment = document.createDocumentFragment();
    for (let i = 1; i <= lines; i++) {
      const div = document.createElement('div');
      div.textContent = String(i);
      const severity = worst.get(i);
      if (severity) div.className = `sev-${severity}`;
      fragment.append(div);
    }
    this.gutter.replaceChildren(fragment);
  }

  queueHover(event) {
    const { clientX, clientY } = event;
    cancelAnimationFrame(this.hoverFrame);
    this.hoverFrame = requestAnimationFrame(() => this.hover(clientX, clientY));
  }

  /** The textarea sits above the marks, so find the mark under the pointer by geometry. */
  hover(x, y) {
    for (const mark of this.mirror.querySelectorAll('mark')) {
      for (const rect of mark.getClientRects()) {
        const pad = mark.classList.contains('point') ? 4 : 0;
        if (x >= rect.left - pad && x <= rect.right + pad && y >= rect.top && y <= rect.bottom) {
          this.showTooltip(mark.diagnostics, x, y);
          return;
        }
      }
    }
    this.hideTooltip();
  }

  showTooltip(diagnostics, x, y) {
    const tip = this.tooltip;
    tip.replaceChildren(...diagnostics.map(describe));
    tip.hidden = false;
    const box = tip.offsetParent ? tip.offsetParent.getBoundingClientRect() : { left: 0, top: 0, width: innerWidth };
    const left = Math.max(4, Math.min(x - box.left + 12, box.width - tip.offsetWidth - 4));
    tip.style.left = `${left}px`;
    tip.style.top = `${y - box.top + 18}px`;
  }

  hideTooltip() {
    if (!this.tooltip.hidden) this.tooltip.hidden = true;
  }

  /** Line and column of the caret, and the finding under it, for keyboard users. */
  updateCursorInfo() {
    const text = this.textarea.value;
    const at = this.textarea.selectionStart;
    const line = lineOf(text, at);
    const column = at - (text.lastIndexOf('\n', at - 1) + 1) + 1;
    const here = this.marks.filter((m) => m.start <= at && (at < m.end || (m.start === m.end && at === m.start)));
    const info = this.cursorInfo;
    const position = document.createElement('span');
    position.className = 'pos';
    position.textContent = `Ln ${line}, Col ${column}`;
    info.replaceChildren(position);
    if (here.length) {
      const d = here[0].diagnostic;
      const note = document.createElement('span');
      note.className = `sev-${d.severity}`;
      note.textContent = `${d.code}: ${d.message}`;
      info.append(' · ', note);
      if (here.length > 1) info.append(` (+${here.length - 1} more)`);
    }
  }
}

function markFor(diagnostics, start, end, extra, text) {
  const mark = document.createElement('mark');
  const worst = diagnostics.reduce((w, d) => ((SEVERITY_RANK[d.severity] ?? 0) > (SEVERITY_RANK[w] ?? 0) ? d.severity : w), 'info');
  mark.className = `sev-${worst}${extra ? ` ${extra}` : ''}`;
  mark.dataset.start = String(start);
  mark.dataset.end = String(end);
  mark.dataset.codes = [...new Set(diagnostics.map((d) => d.code))].join(' ');
  mark.title = diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
  mark.diagnostics = diagnostics;
  if (text) mark.textContent = text;
  return mark;
}

function describe(d) {
  const row = document.createElement('div');
  row.className = `tip-row sev-${d.severity}`;
  const code = document.createElement('strong');
  code.textContent = d.code;
  row.append(code, ' ', inlineCode(d.message));
  return row;
}

/** Keeps the marks that an edit did not touch, shifted by the edit's length change. */
export function shiftMarks(marks, before, after) {
  if (!marks.length || before === after) return marks;
  let prefix = 0;
  const min = Math.min(before.length, after.length);
  while (prefix < min && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < min - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const changedEnd = before.length - suffix;
  const delta = after.length - before.length;
  const kept = [];
  for (const m of marks) {
    if (m.end < prefix || (m.end === prefix && m.start < m.end)) kept.push(m);
    else if (m.start > changedEnd || (m.start === changedEnd && m.start > prefix)) kept.push({ ...m, start: m.start + delta, end: m.end + delta });
  }
  return kept;
}

export function lineOf(text, offset) {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function countLines(text) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
