// The policy panel: one card per execution role, with tabs for the policy, the role's trust
// policy, and the policy in the input's own form (a template's Policies entry, a module's
// aws_iam_role_policy, as the library writes it) or, for the API's JSON, as Terraform and
// CloudFormation; and Copy and Download for the tab shown.
import { $, el } from '../dom.js';
import { views } from '../snippets.js';

let policyTab = null; // the tab the user last chose, kept across analyses (the first tab until then)

export function renderPolicies(policies, references, form = 'api') {
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
    const list = views(policy, form);
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
    const select = (view, focus, chosen = true) => {
      current = view;
      if (chosen) policyTab = view.id;
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
    select(list.find((v) => v.id === policyTab) ?? list[0], false, false);
    card.append(title, tabs, panel);
    return card;
  });
  $('policies').replaceChildren(...cards);
  const empty = $('no-policies');
  empty.hidden = policies.length > 0;
  empty.textContent = references.length === 0
    ? 'No secret references, so no policy is needed.'
    : 'No usable secret reference yet: fix the findings on the references, and the policy appears here.';
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
  const a = el('a');
  a.href = url;
  a.download = view.file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
