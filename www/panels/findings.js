// The findings panel: one entry per finding (severity, code, rule name, where, message, help
// and the rule's reason), and the counts per severity.
import { $, el, inlineCode } from '../dom.js';
import { optionOf } from '../context.js';

const SEVERITIES = ['error', 'warning', 'info'];
const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Note' };
const WORDS = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['note', 'notes'] };

/**
 * @param {object[]} diagnostics
 * @param {Map<string, {name: string, why: string}>} rules by code
 * @param {(index: number) => void} onChoose called with the index of a clicked finding
 */
export function renderFindings(diagnostics, rules, onChoose) {
  const counts = { error: 0, warning: 0, info: 0 };
  const items = diagnostics.map((d, i) => {
    counts[d.severity] = (counts[d.severity] ?? 0) + 1;
    const li = el('li', `finding sev-${d.severity}`);
    li.dataset.code = d.code;
    const button = el('button', 'finding-button');
    button.type = 'button';
    button.dataset.index = String(i);
    const head = el('span', 'finding-head');
    const rule = rules.get(d.code);
    head.append(el('span', 'icon'), el('span', 'visually-hidden', `${SEVERITY_LABEL[d.severity] ?? d.severity}: `), el('span', 'code', d.code));
    if (rule) head.append(el('span', 'rule-name', rule.name));
    head.append(el('span', 'where', optionOf(d) ? 'context' : `Ln ${d.range.start.line}, Col ${d.range.start.column}`));
    const message = el('span', 'message');
    message.append(inlineCode(d.message));
    button.append(head, message);
    if (d.help) {
      const help = el('span', 'help');
      help.append(inlineCode(d.help));
      button.append(help);
    }
    button.addEventListener('click', () => onChoose(i));
    li.append(button);
    if (rule) {
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
  for (const s of SEVERITIES) {
    $(`count-${s}`).textContent = String(counts[s]);
    $(`count-${s}`).nextElementSibling.textContent = WORDS[s][counts[s] === 1 ? 0 : 1];
  }
}
