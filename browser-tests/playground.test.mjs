// The playground in a real browser (BATCHLINT_ENGINE): findings and markers, fixes, context,
// XSS, requests, share links, keyboard, offline, small screens and dark mode.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { session, example, root, ruleCodes, engine, skip, Unsupported } from './harness.mjs';

const T = { timeout: 60_000 };
const artifacts = join(root, 'test-artifacts');
const s = session();
let rules;
before(async () => {
  rules = await ruleCodes();
});
const open = (url) => s.open(url);

async function setText(page, text) {
  await page.fill('#source', text);
  await page.settled();
}

async function loadExample(page, file) {
  await page.select('#example', file);
  await page.waitFor(() => document.getElementById('example').value === '' && document.documentElement.dataset.pending === 'false');
}

const codesShown = (page) => page.evaluate(() => [...document.querySelectorAll('#findings li')].map((li) => li.dataset.code));
const policyText = (page) => page.evaluate(() => [...document.querySelectorAll('.policy-text')].map((p) => p.textContent).join('\n'));
/** The first marker that carries a code: {start, end, title, text}, or null. */
const markFor = (page, code) => page.evaluate((c) => {
  const m = document.querySelector(`#mirror mark[data-codes~="${c}"]`);
  return m && { start: Number(m.dataset.start), end: Number(m.dataset.end), title: m.title, text: m.textContent };
}, code);
const selection = (page) => page.evaluate(() => {
  const ta = document.getElementById('source');
  return { focused: document.activeElement === ta, start: ta.selectionStart, end: ta.selectionEnd, text: ta.value };
});

function lineOf(text, offset) {
  return text.slice(0, offset).split('\n').length;
}

test('the broken example shows its findings, with markers on the right lines', T, async () => {
  const page = await open();
  await loadExample(page, 'broken.json');
  const text = await page.value('#source');
  assert.equal(text, example('broken.json'));
  const codes = await codesShown(page);
  // Each mistake of the example: the rule, and text on the line its marker must be on.
  const expected = [
    ['secrets-without-execution-role', '"containerProperties"'],
    ['fargate-unsupported-size', '"value": "1024"'],
    ['reserved-environment-prefix', '"AWS_BATCH_REPORT_DATE"'],
    ['secret-shadows-environment', '{ "name": "DB_PASSWORD", "valueFrom"'],
    ['ssm-arn-colon-separator', 'parameter:/'],
    ['secret-selector-field-count', 'api-AbCdEf:token"'],
  ];
  for (const [name, needle] of expected) {
    const code = rules.get(name);
    assert.ok(code, `the core has a rule named ${name}`);
    assert.ok(codes.includes(code), `${code} (${name}) in ${codes.join(', ')}`);
    const mark = await markFor(page, code);
    assert.ok(mark, `a marker for ${code}`);
    const line = lineOf(text, text.indexOf(needle));
    assert.equal(lineOf(text, mark.start), line, `${code} is marked on line ${line}`);
    assert.equal(await page.evaluate((n) => document.querySelector(`#gutter div:nth-child(${n})`).className, line), 'sev-error');
    assert.match(mark.title, new RegExp(code));
  }
  // The counts agree with the list.
  const errors = Number(await page.text('#count-error'));
  assert.equal(errors, await page.evaluate(() => document.querySelectorAll('#findings li.sev-error').length));
  assert.ok(errors >= 2);
});

test('clicking a finding selects its span; Alt+F8 walks the findings', T, async () => {
  const page = await open();
  await loadExample(page, 'broken.json');
  const code = rules.get('ssm-arn-colon-separator');
  await page.click(`#findings li[data-code="${code}"] button`);
  const { focused, start, end, text } = await selection(page);
  assert.ok(focused, 'the editor has the focus');
  const value = text.indexOf('arn:aws:ssm:eu-west-1:123456789012:parameter:/');
  assert.ok(end > start && start >= value && end <= text.indexOf('"', value), `the selection ${start}-${end} is in the valueFrom`);
  assert.match(text.slice(start, end), /:/);
  assert.match(await page.text('#cursor-info'), new RegExp(code));
  // Alt+F8 selects the next finding's span.
  const index = await page.evaluate((c) => [...document.querySelectorAll('#findings li')].findIndex((li) => li.dataset.code === c), code);
  await page.press('Alt+F8');
  const next = await page.evaluate((n) => document.querySelector(`#findings li:nth-child(${n})`).dataset.code, index + 2);
  assert.equal((await selection(page)).start, (await markFor(page, next)).start, `Alt+F8 went to ${next}`);
  // Tab indents in the editor; Escape then Tab moves the focus on.
  await page.press('Escape');
  await page.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'source');
});

test('typing a fix removes the finding and updates the policy', T, async () => {
  const page = await open();
  await loadExample(page, 'broken.json');
  await page.select('#region', 'eu-west-1');
  await page.fill('#account', '123456789012');
  await page.settled();
  const code = rules.get('ssm-arn-colon-separator');
  assert.ok((await codesShown(page)).includes(code));
  const before = await policyText(page);
  // Select `:/` in `parameter:/` and type `/` over it, as a person would.
  await page.evaluate(() => {
    const ta = document.getElementById('source');
    const at = ta.value.indexOf('parameter:/') + 'parameter'.length;
    ta.focus();
    ta.setSelectionRange(at, at + 2);
  });
  await page.type('/');
  await page.settled();
  assert.ok(!(await codesShown(page)).includes(code), `${code} is gone`);
  assert.equal(await markFor(page, code), null);
  const afterText = await policyText(page);
  assert.notEqual(afterText, before, 'the policy changed');
  assert.match(afterText, /arn:aws:ssm:eu-west-1:123456789012:parameter\/prod\/report\/db-password/);
});

test('region and account resolve names to ARNs in the policy', T, async () => {
  const page = await open();
  await loadExample(page, 'fargate-secrets.json');
  const groups = await page.evaluate(() => [...document.querySelectorAll('#region optgroup')].map((g) => g.label));
  for (const p of ['aws', 'aws-cn', 'aws-us-gov']) assert.ok(groups.includes(p), `optgroup ${p}`);
  await page.select('#region', 'ap-southeast-2');
  await page.fill('#account', '210987654321');
  await page.settled();
  assert.match(await policyText(page), /arn:aws:ssm:ap-southeast-2:210987654321:parameter\/prod\/report\/db-password/);
  assert.match(await page.text('#refs-body'), /arn:aws:ssm:ap-southeast-2:210987654321:parameter\/prod\/report\/db-password/);
  await page.select('#region', 'cn-north-1');
  await page.settled();
  assert.match(await policyText(page), /arn:aws-cn:ssm:cn-north-1:210987654321:parameter\/prod\/report\/db-password/);
  // The trust policy tab and the other views.
  await page.click('.policy-card .tab[data-view="trust"]');
  assert.match(await page.text('.policy-card .policy-text'), /ecs-tasks\.amazonaws\.com/);
  await page.click('.policy-card .tab[data-view="terraform"]');
  assert.match(await page.text('.policy-card .policy-text'), /resource "aws_iam_role_policy"/);
  await page.click('.policy-card .tab[data-view="policy"]');
  // Settings survive a reload (localStorage).
  await page.reload();
  await page.settled();
  assert.equal(await page.value('#region'), 'cn-north-1');
  assert.equal(await page.value('#account'), '210987654321');
});

test('a CloudFormation template and a Terraform module: findings in their lines, the policy in their form first', T, async () => {
  const page = await open();
  // No context: a template deploys where its stack does (an earlier test saved one).
  await page.select('#region', '');
  await page.fill('#account', '');
  await page.settled();
  await loadExample(page, 'cloudformation-nightly.yaml');
  const template = example('cloudformation-nightly.yaml');
  const codes = await codesShown(page);
  for (const code of ['BL506', 'BL505', 'BL308']) assert.ok(codes.includes(code), `${code} in ${codes}`);
  // The colon of `parameter:` is marked where the template has it.
  const colon = await markFor(page, 'BL308');
  assert.equal(colon.text, ':');
  assert.equal(template.slice(colon.start, colon.end), ':');
  assert.equal(lineOf(template, colon.start), template.split('\n').findIndex((l) => l.includes('parameter:/legacy')) + 1);
  assert.equal(await page.text('.policy-card .tab[aria-selected="true"]'), 'CloudFormation');
  assert.match(await page.text('.policy-card .policy-text'), /^# In the `Properties` of Resources\.BatchExecutionRole, with its other policies:\nPolicies:\n/);
  assert.match(await page.text('.policy-card .policy-text'), /!Sub "arn:\$\{AWS::Partition\}:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter\/prod\/report\/db-password"/);
  await loadExample(page, 'terraform-nightly.tf');
  assert.ok((await codesShown(page)).includes('BL507'));
  assert.equal(await page.text('.policy-card .tab[aria-selected="true"]'), 'Terraform');
  assert.match(await page.text('.policy-card .policy-text'), /^resource "aws_iam_role_policy" "read_job_secrets" \{\n  name = "read-job-secrets"\n  role = aws_iam_role\.exec\.id\n/);
  // The IAM document stays one tab away.
  await page.click('.policy-card .tab[data-view="policy"]');
  assert.match(await page.text('.policy-card .policy-text'), /"Version": "2012-10-17"/);
});

test('markup in the document is shown as text and never runs', T, async () => {
  const page = await open();
  const payload = '<img src=x onerror=window.__pwned=1>';
  const doc = JSON.stringify({
    jobDefinitionName: payload,
    type: 'container',
    containerProperties: {
      image: payload,
      executionRoleArn: `arn:aws:iam::123456789012:role/${payload}`,
      secrets: [
        { name: payload, valueFrom: `/app/${payload}` },
        { name: 'X', valueFrom: `arn:aws:ssm:eu-west-1:123456789012:parameter:/${payload}` },
      ],
    },
    [payload]: payload,
  }, null, 2);
  await setText(page, doc);
  await setText(page, `${doc}\n${payload}`); // and as a syntax error
  await setText(page, doc);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> element was created');
  assert.ok((await page.text('#mirror')).includes(payload), 'the editor mirror shows the text');
  const shown = `${await page.text('#refs-body')}${await page.text('#findings')}${await policyText(page)}`;
  assert.ok(shown.includes(payload) || shown.includes('img src=x'), 'the panels show the text');
  assert.ok(!s.server.paths.includes('/x'), 'the server was not asked for the image');
  assert.ok(!page.requests.some((u) => new URL(u).pathname.endsWith('/x')), 'no request for the image');
});

test('a share link reproduces the text and the context', T, async () => {
  const page = await open();
  await loadExample(page, 'multinode.json');
  const text = `${await page.value('#source')}\n`.replace('"numNodes": 4', '"numNodes": 6');
  await setText(page, text);
  await page.select('#region', 'us-gov-west-1');
  await page.fill('#account', '111122223333');
  await page.fill('#kms', 'alias/app-secrets\narn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  await page.settled();
  await page.click('#share');
  const link = await page.waitFor(() => location.hash.length > 3 && location.href);
  assert.match(link, /#[zj]=/);
  assert.match(await page.text('#status'), /^Share link (copied|is in the address bar): it holds the document and context, and is never sent to a server\.$/);
  const policy = await policyText(page);
  // A fresh start: nothing saved, then the link.
  await page.evaluate(() => localStorage.clear());
  await open(link);
  assert.equal(await page.value('#source'), text);
  assert.equal(await page.value('#region'), 'us-gov-west-1');
  assert.equal(await page.value('#account'), '111122223333');
  assert.match(await page.value('#kms'), /alias\/app-secrets\narn:aws-us-gov:kms/);
  assert.equal(await policyText(page), policy);
  assert.equal(await page.evaluate(() => document.getElementById('link-banner').hidden), true, 'no banner: nothing was saved');
});

test('Format pretty-prints and can be undone', T, async (t) => {
  const page = await open();
  const compact = JSON.stringify(JSON.parse(example('fargate-secrets.json')));
  await setText(page, compact);
  await page.click('#format');
  await page.settled();
  assert.equal(await page.value('#source'), `${JSON.stringify(JSON.parse(compact), null, 2)}\n`);
  await page.evaluate(() => document.getElementById('source').focus());
  try {
    await page.undo();
  } catch (err) {
    skip(t, 'undo with Control+Z', err);
    await page.evaluate(() => document.execCommand('undo'));
  }
  await page.settled();
  assert.equal(await page.value('#source'), compact);
});

test('markers land on the right characters after non-ASCII text (UTF-16 offsets)', T, async () => {
  const page = await open();
  await page.select('#region', 'eu-west-1');
  await page.fill('#account', '123456789012');
  await page.fill('#kms', '');
  const text = '{\n  "jobDefinitionName": "nächtlich-😀",\n  "type": "container",\n  "containerProperties": {\n    "image": "busybox",\n    "executionRoleArn": "arn:aws:iam::123456789012:role/exec",\n    "secrets": [{ "name": "😀_É", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter:/x/𝒳" }]\n  }\n}\n';
  await setText(page, text);
  const code = rules.get('ssm-arn-colon-separator');
  const mark = await markFor(page, code);
  assert.ok(mark, `a marker for ${code}`);
  const value = text.indexOf('arn:aws:ssm:eu-west-1:123456789012:parameter:/x/𝒳');
  assert.ok(mark.start >= value && mark.end <= value + 'arn:aws:ssm:eu-west-1:123456789012:parameter:/x/𝒳'.length, `${mark.start}-${mark.end} is inside the valueFrom`);
  assert.equal(mark.text, text.slice(mark.start, mark.end));
  assert.match(text.slice(mark.start, mark.end), /:/);
});

test('a syntax error is marked where it is', T, async () => {
  const page = await open();
  await setText(page, '{\n  "jobDefinitionName": "x",\n  "type": "container",,\n}\n');
  const codes = await codesShown(page);
  const code = rules.get('invalid-json');
  assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
  assert.equal(lineOf(await page.value('#source'), (await markFor(page, code)).start), 3);
});

test('screenshots: desktop, and a phone in dark mode without sideways scrolling', T, async (t) => {
  mkdirSync(artifacts, { recursive: true });
  const page = await open();
  await loadExample(page, 'broken.json');
  await page.select('#region', 'eu-west-1');
  await page.fill('#account', '123456789012');
  await page.fill('#kms', '');
  await page.settled();
  // Hover the first marker, so that the picture shows its tooltip.
  const box = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const r = document.querySelector('#mirror mark:not(.point)').getBoundingClientRect();
    return { x: r.x, y: r.y, height: r.height };
  });
  await page.mouseMove(box.x + 3, box.y + box.height / 2);
  await page.waitFor(() => !document.getElementById('tooltip').hidden, [], { what: 'the tooltip' });
  try {
    await page.screenshot(join(artifacts, `playground-${engine}.png`), { fullPage: true });
  } catch (err) {
    skip(t, 'a full-page screenshot', err);
  }
  await page.mouseMove(0, 0);
  const width = await page.setViewport(390, 844);
  if (width !== 390) t.diagnostic(`${engine}: the narrowest window is ${width} px wide; checked there`);
  try {
    await page.darkMode();
    assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
  } catch (err) {
    skip(t, 'dark mode', err);
  }
  await page.waitFor((w) => innerWidth === w, [width], { what: 'the narrow window' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
  try {
    await page.screenshot(join(artifacts, `playground-phone-dark-${engine}.png`), { fullPage: true });
  } catch (err) {
    skip(t, 'a full-page screenshot', err);
  }
  await page.setViewport(1400, 1000);
});

test('works offline once loaded (service worker), with the server gone', T, async () => {
  const own = await s.serve();
  const page = await open(own.url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.settled();
  await page.waitFor(() => navigator.serviceWorker.controller !== null, [], { what: 'the service worker to control the page' });
  own.stop();
  await page.reload();
  await page.settled();
  await setText(page, '{"jobDefinitionName": "offline",,}');
  assert.ok((await codesShown(page)).includes(rules.get('invalid-json')), 'the checker still runs');
});

test('nothing was requested from another origin, and nothing went wrong', T, async (t) => {
  assert.ok(s.server.paths.length > 0);
  if (s.tab.seesRequests) {
    assert.ok(s.tab.requests.length > 0);
    const ours = s.servers.map((server) => `${server.origin}/`);
    const foreign = s.tab.requests.filter((u) => !ours.some((o) => u.startsWith(o)) && !/^(blob|data|about):/.test(u));
    assert.deepEqual(foreign, []);
  } else skip(t, 'requests to other origins', new Unsupported('the driver reports no requests; the CSP allows only this origin'));
  if (s.tab.seesProblems) {
    // The offline test stopped a server on purpose: its failed requests are expected.
    assert.deepEqual(s.tab.problems.filter((p) => !/Failed to load resource|NetworkError|ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED/.test(p)), []);
  } else skip(t, 'console errors and uncaught exceptions', new Unsupported('WebKitWebDriver reports no console or exceptions'));
});
