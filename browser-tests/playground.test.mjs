// The playground in a real Chromium: findings and markers, fixes, context, XSS, requests,
// share links, keyboard, offline, small screens and dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startBrowser, example, root, ruleCodes } from './harness.mjs';

const T = { timeout: 60_000 };
const artifacts = join(root, 'test-artifacts');
let server;
let browser;
let origin;
const requests = [];
const problems = [];

before(async () => {
  server = await startServer();
  origin = new URL(server.url).origin;
  browser = await startBrowser();
  browser.context.on('request', (r) => requests.push(r.url()));
  browser.context.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (server) server.stop();
  }
});

async function open(hash = '') {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + hash);
  await settled(page);
  return page;
}

/** Waits until the panels show the analysis of exactly the current text and context. */
async function settled(page) {
  await page.waitForSelector('html[data-pending="false"]', { timeout: 15_000 });
}

async function setText(page, text) {
  await page.fill('#source', text);
  await settled(page);
}

async function loadExample(page, file) {
  await page.selectOption('#example', file);
  await page.waitForFunction((f) => document.getElementById('example').value === '' && document.documentElement.dataset.pending === 'false', file);
  await settled(page);
}

const codesShown = (page) => page.$$eval('#findings li', (items) => items.map((li) => li.dataset.code));
const policyText = (page) => page.$$eval('.policy-text', (pres) => pres.map((p) => p.textContent).join('\n'));

function lineOf(text, offset) {
  return text.slice(0, offset).split('\n').length;
}

test('the broken example shows its findings, with markers on the right lines', T, async () => {
  const page = await open();
  await loadExample(page, 'broken.json');
  const text = await page.inputValue('#source');
  assert.equal(text, example('broken.json'));
  const codes = await codesShown(page);
  const rules = ruleCodes();
  // `parameter:/` typo, and a Secrets Manager selector with one field instead of three.
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
    const mark = await page.$(`#mirror mark[data-codes~="${code}"]`);
    assert.ok(mark, `a marker for ${code}`);
    const start = Number(await mark.getAttribute('data-start'));
    const line = lineOf(text, text.indexOf(needle));
    assert.equal(lineOf(text, start), line, `${code} is marked on line ${line}`);
    const gutter = await page.$eval(`#gutter div:nth-child(${line})`, (d) => d.className);
    assert.equal(gutter, 'sev-error');
    assert.match(await mark.getAttribute('title'), new RegExp(code));
  }
  // The counts agree with the list.
  const errors = Number(await page.textContent('#count-error'));
  assert.equal(errors, await page.$$eval('#findings li.sev-error', (l) => l.length));
  assert.ok(errors >= 2);
  await page.close();
});

test('clicking a finding selects its span; Alt+F8 walks the findings', T, async () => {
  const page = await open();
  await loadExample(page, 'broken.json');
  const code = ruleCodes().get('ssm-arn-colon-separator');
  await page.click(`#findings li[data-code="${code}"] button`);
  const { focused, start, end, text } = await page.evaluate(() => {
    const ta = document.getElementById('source');
    return { focused: document.activeElement === ta, start: ta.selectionStart, end: ta.selectionEnd, text: ta.value };
  });
  assert.ok(focused, 'the editor has the focus');
  const value = text.indexOf('arn:aws:ssm:eu-west-1:123456789012:parameter:/');
  assert.ok(end > start && start >= value && end <= text.indexOf('"', value), `the selection ${start}-${end} is in the valueFrom`);
  assert.match(text.slice(start, end), /:/);
  assert.match(await page.textContent('#cursor-info'), new RegExp(code));
  // Alt+F8 selects the next finding's span.
  const index = await page.$$eval('#findings li', (items, c) => items.findIndex((li) => li.dataset.code === c), code);
  await page.keyboard.press('Alt+F8');
  const next = await page.$eval(`#findings li:nth-child(${index + 2})`, (li) => li.dataset.code);
  const mark = await page.$(`#mirror mark[data-codes~="${next}"]`);
  const selection = await page.evaluate(() => document.getElementById('source').selectionStart);
  assert.equal(selection, Number(await mark.getAttribute('data-start')), `Alt+F8 went to ${next}`);
  // Tab indents in the editor; Escape then Tab moves the focus on.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'source');
  await page.close();
});

test('typing a fix removes the finding and updates the policy', T, async () => {
  const page = await open();
  await loadExample(page, 'broken.json');
  await page.selectOption('#region', 'eu-west-1');
  await page.fill('#account', '123456789012');
  await settled(page);
  const code = ruleCodes().get('ssm-arn-colon-separator');
  assert.ok((await codesShown(page)).includes(code));
  const before = await policyText(page);
  // Select `:/` in `parameter:/` and type `/` over it, as a person would.
  await page.evaluate(() => {
    const ta = document.getElementById('source');
    const at = ta.value.indexOf('parameter:/') + 'parameter'.length;
    ta.focus();
    ta.setSelectionRange(at, at + 2);
  });
  await page.keyboard.type('/');
  await settled(page);
  assert.ok(!(await codesShown(page)).includes(code), `${code} is gone`);
  assert.equal(await page.$(`#mirror mark[data-codes~="${code}"]`), null);
  const afterText = await policyText(page);
  assert.notEqual(afterText, before, 'the policy changed');
  assert.match(afterText, /arn:aws:ssm:eu-west-1:123456789012:parameter\/prod\/report\/db-password/);
  await page.close();
});

test('region and account resolve names to ARNs in the policy', T, async () => {
  const page = await open();
  await loadExample(page, 'fargate-secrets.json');
  const groups = await page.$$eval('#region optgroup', (g) => g.map((x) => x.label));
  for (const p of ['aws', 'aws-cn', 'aws-us-gov']) assert.ok(groups.includes(p), `optgroup ${p}`);
  await page.selectOption('#region', 'ap-southeast-2');
  await page.fill('#account', '210987654321');
  await settled(page);
  assert.match(await policyText(page), /arn:aws:ssm:ap-southeast-2:210987654321:parameter\/prod\/report\/db-password/);
  assert.match(await page.textContent('#refs-body'), /arn:aws:ssm:ap-southeast-2:210987654321:parameter\/prod\/report\/db-password/);
  await page.selectOption('#region', 'cn-north-1');
  await settled(page);
  assert.match(await policyText(page), /arn:aws-cn:ssm:cn-north-1:210987654321:parameter\/prod\/report\/db-password/);
  // The trust policy tab and the other views.
  await page.click('.policy-card .tab[data-view="trust"]');
  assert.match(await page.textContent('.policy-card .policy-text'), /ecs-tasks\.amazonaws\.com/);
  await page.click('.policy-card .tab[data-view="terraform"]');
  assert.match(await page.textContent('.policy-card .policy-text'), /resource "aws_iam_role_policy"/);
  await page.click('.policy-card .tab[data-view="policy"]');
  // Settings survive a reload (localStorage).
  await page.reload();
  await settled(page);
  assert.equal(await page.inputValue('#region'), 'cn-north-1');
  assert.equal(await page.inputValue('#account'), '210987654321');
  await page.close();
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
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0, 'no <img> element was created');
  assert.ok((await page.textContent('#mirror')).includes(payload), 'the editor mirror shows the text');
  const shown = `${await page.textContent('#refs-body')}${await page.textContent('#findings')}${await policyText(page)}`;
  assert.ok(shown.includes(payload) || shown.includes('img src=x'), 'the panels show the text');
  assert.ok(!requests.some((u) => new URL(u).pathname.endsWith('/x')), 'no request for the image');
  await page.close();
});

test('a share link reproduces the text and the context', T, async () => {
  const page = await open();
  await loadExample(page, 'multinode.json');
  const text = `${await page.inputValue('#source')}\n`.replace('"numNodes": 4', '"numNodes": 6');
  await setText(page, text);
  await page.selectOption('#region', 'us-gov-west-1');
  await page.fill('#account', '111122223333');
  await page.fill('#kms', 'alias/app-secrets\narn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
  await settled(page);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.length > 3);
  const link = page.url();
  assert.match(link, /#[zj]=/);
  const policy = await policyText(page);
  // A fresh start: nothing saved, then the link.
  await page.evaluate(() => localStorage.clear());
  await page.close();
  const again = await open(new URL(link).hash);
  assert.equal(await again.inputValue('#source'), text);
  assert.equal(await again.inputValue('#region'), 'us-gov-west-1');
  assert.equal(await again.inputValue('#account'), '111122223333');
  assert.match(await again.inputValue('#kms'), /alias\/app-secrets\narn:aws-us-gov:kms/);
  assert.equal(await policyText(again), policy);
  await again.close();
});

test('Format pretty-prints and can be undone', T, async () => {
  const page = await open();
  const compact = JSON.stringify(JSON.parse(example('fargate-secrets.json')));
  await setText(page, compact);
  await page.click('#format');
  await settled(page);
  assert.equal(await page.inputValue('#source'), `${JSON.stringify(JSON.parse(compact), null, 2)}\n`);
  await page.focus('#source');
  await page.keyboard.press('Control+z');
  await settled(page);
  assert.equal(await page.inputValue('#source'), compact);
  await page.close();
});

test('markers land on the right characters after non-ASCII text (UTF-16 offsets)', T, async () => {
  const page = await open();
  await page.selectOption('#region', 'eu-west-1');
  await page.fill('#account', '123456789012');
  await page.fill('#kms', '');
  const text = '{\n  "jobDefinitionName": "nächtlich-😀",\n  "type": "container",\n  "containerProperties": {\n    "image": "busybox",\n    "executionRoleArn": "arn:aws:iam::123456789012:role/exec",\n    "secrets": [{ "name": "😀_É", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter:/x/𝒳" }]\n  }\n}\n';
  await setText(page, text);
  const code = ruleCodes().get('ssm-arn-colon-separator');
  const mark = await page.$(`#mirror mark[data-codes~="${code}"]`);
  assert.ok(mark, `a marker for ${code}`);
  const start = Number(await mark.getAttribute('data-start'));
  const end = Number(await mark.getAttribute('data-end'));
  const value = text.indexOf('arn:aws:ssm:eu-west-1:123456789012:parameter:/x/𝒳');
  assert.ok(start >= value && end <= value + 'arn:aws:ssm:eu-west-1:123456789012:parameter:/x/𝒳'.length, `${start}-${end} is inside the valueFrom`);
  assert.equal(await mark.textContent(), text.slice(start, end));
  assert.match(text.slice(start, end), /:/);
  await page.close();
});

test('a syntax error is marked where it is', T, async () => {
  const page = await open();
  await setText(page, '{\n  "jobDefinitionName": "x",\n  "type": "container",,\n}\n');
  const codes = await codesShown(page);
  const code = ruleCodes().get('invalid-json');
  assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
  const start = Number(await page.getAttribute(`#mirror mark[data-codes~="${code}"]`, 'data-start'));
  assert.equal(lineOf(await page.inputValue('#source'), start), 3);
  await page.close();
});

test('screenshots: desktop, and a phone in dark mode without sideways scrolling', T, async () => {
  mkdirSync(artifacts, { recursive: true });
  const page = await open();
  await loadExample(page, 'broken.json');
  await page.selectOption('#region', 'eu-west-1');
  await page.fill('#account', '123456789012');
  await page.fill('#kms', '');
  await settled(page);
  // Hover the first marker, so that the picture shows its tooltip.
  await page.evaluate(() => window.scrollTo(0, 0));
  const mark = await page.$('#mirror mark:not(.point)');
  const box = mark && (await mark.boundingBox());
  if (box) await page.mouse.move(box.x + 3, box.y + box.height / 2);
  await page.waitForSelector('#tooltip:not([hidden])');
  await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
  await page.mouse.move(0, 0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
  await page.screenshot({ path: join(artifacts, 'playground-phone-dark.png'), fullPage: true });
  await page.close();
});

test('works offline once loaded (service worker)', T, async () => {
  const page = await open();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await settled(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await browser.context.setOffline(true);
  try {
    await page.reload();
    await settled(page);
    await setText(page, '{"jobDefinitionName": "offline",,}');
    assert.ok((await codesShown(page)).includes(ruleCodes().get('invalid-json')), 'the checker still runs');
  } finally {
    await browser.context.setOffline(false);
  }
  await page.close();
});

test('nothing was requested from another origin, and nothing went wrong', T, async () => {
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(p)), []);
});
