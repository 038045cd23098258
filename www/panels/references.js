// The references panel: every `valueFrom` and `credentialsParameter`, what it sets, the ARN
// it resolves to and the actions it needs.
import { $, el } from '../dom.js';

export function renderReferences(references) {
  const rows = references.map((r) => {
    const tr = el('tr');
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
    for (const action of new Set(r.grants.map((g) => g.action))) actions.append(el('code', 'action', action), ' ');
    tr.append(sets, target, actions);
    return tr;
  });
  $('refs-body').replaceChildren(...rows);
  $('refs').hidden = references.length === 0;
  $('no-refs').hidden = references.length > 0;
}
