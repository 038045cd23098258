// What the playground must survive: share links against saved work, a link that inflates to
// 100 MiB, a document too large for a link, being framed, a damaged saved state, and HCL
// template sequences in what the Terraform view writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { session, makeRoot, linkFor, example } from './harness.mjs';

const T = { timeout: 60_000 };
const KEY = 'batchlint.playground.v1';
const s = session();
const tab = () => s.tab;
const open = (url) => s.open(url);
const saved = () => tab().evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
const banner = () => tab().evaluate(() => {
  const shown = (id) => !document.getElementById(id).hidden;
  return { shown: shown('link-banner'), text: document.getElementById('link-banner-text').textContent, open: shown('link-open'), keep: shown('link-keep'), close: shown('link-close') };
});
const OFFER = 'This link holds another job definition. Opening it replaces your saved work.';
const mine = '{"jobDefinitionName": "mine"}\n';

/** Types a document and picks a region, as a user does: this is the saved work. */
async function myWork() {
  await open();
  await tab().fill('#source', mine);
  await tab().select('#region', 'eu-west-1');
  await tab().fill('#account', '');
  await tab().fill('#kms', '');
  await tab().settled();
  assert.deepEqual(await saved(), { text: mine, region: 'eu-west-1', accountId: '', kmsKeys: '' });
}

test('a share link keeps the saved work until the user chooses to open it', T, async () => {
  await myWork();
  const theirs = { text: '{"jobDefinitionName": "theirs"}\n', region: 'us-east-1', accountId: '111122223333', kmsKeys: 'alias/k' };
  const link = s.server.url + (await linkFor(theirs));

  // Opening the link shows the saved work and offers the link's.
  await open(link);
  assert.deepEqual(await saved(), { text: mine, region: 'eu-west-1', accountId: '', kmsKeys: '' }, 'the saved work is untouched');
  assert.equal(await tab().value('#source'), mine);
  assert.equal(await tab().value('#region'), 'eu-west-1');
  assert.deepEqual(await banner(), { shown: true, text: OFFER, open: true, keep: true, close: false });

  // Keep mine: the link is dropped from the address bar.
  await tab().click('#link-keep');
  assert.equal((await banner()).shown, false);
  assert.equal(await tab().evaluate(() => location.hash), '');
  await tab().settled();
  assert.equal(await tab().value('#source'), mine);
  assert.deepEqual(await saved(), { text: mine, region: 'eu-west-1', accountId: '', kmsKeys: '' });

  // Open it: the link's state is shown, and is now the saved one.
  await open(link);
  await tab().click('#link-open');
  await tab().settled();
  assert.equal((await banner()).shown, false);
  assert.equal(await tab().value('#source'), theirs.text);
  assert.equal(await tab().value('#region'), 'us-east-1');
  assert.equal(await tab().value('#account'), '111122223333');
  assert.equal(await tab().value('#kms'), 'alias/k');
  assert.deepEqual(await saved(), theirs);

  // A link that arrives while the page is open (hashchange) asks too.
  const third = await linkFor({ text: '{"jobDefinitionName": "third"}\n' });
  await tab().evaluate((hash) => {
    location.hash = hash;
  }, third);
  await tab().waitFor(() => !document.getElementById('link-banner').hidden, [], { what: 'the banner' });
  assert.deepEqual(await banner(), { shown: true, text: OFFER, open: true, keep: true, close: false });
  assert.equal(await tab().value('#source'), theirs.text);
  await tab().click('#link-keep');
  assert.equal(await tab().value('#source'), theirs.text);
  assert.equal(await tab().evaluate(() => location.hash), '');
  assert.deepEqual(await saved(), theirs);
});

test('a link holding what is saved opens without asking', T, async () => {
  await myWork();
  await open(s.server.url + (await linkFor({ text: mine, region: 'eu-west-1' })));
  assert.equal((await banner()).shown, false);
  assert.equal(await tab().value('#source'), mine);
});

test('a link that inflates to 100 MiB is refused and the saved work is shown', T, async () => {
  await myWork();
  const bomb = deflateRawSync(Buffer.concat([Buffer.from('{"v":1,"t":"'), Buffer.alloc(100 * 1024 * 1024, 0x20), Buffer.from('"}')]), { level: 9 });
  const link = `${s.server.url}#z=${bomb.toString('base64url')}`;
  assert.ok(link.length > 130_000, `a link of ${link.length} characters`);
  await open(link);
  assert.deepEqual(await banner(), { shown: true, text: 'This link is too large to open: its document unpacks to more than 1 MiB.', open: false, keep: false, close: true });
  assert.equal(await tab().value('#source'), mine);
  assert.equal(await tab().evaluate(() => location.hash), '');
  await tab().click('#link-close');
  assert.equal((await banner()).shown, false);
  assert.deepEqual(await saved(), { text: mine, region: 'eu-west-1', accountId: '', kmsKeys: '' });
});

test('a damaged link is reported', T, async () => {
  await myWork();
  await open(`${s.server.url}#z=AAAA`);
  assert.deepEqual(await banner(), { shown: true, text: 'This link is damaged and cannot be opened.', open: false, keep: false, close: true });
  assert.equal(await tab().value('#source'), mine);
});

test('a document too large for a share link is not shared', T, async () => {
  await open();
  // Random bytes do not deflate: ~40,000 characters of base64 make a link of over 32,000.
  const doc = `${JSON.stringify({ jobDefinitionName: 'big', type: 'container', parameters: { blob: randomBytes(30_000).toString('base64') } }, null, 2)}\n`;
  await tab().fill('#source', doc);
  await tab().settled();
  await tab().click('#share');
  const status = await tab().waitFor(() => /^(Too large|Share link)/.test(document.getElementById('status').textContent) && document.getElementById('status').textContent, [], { what: 'the status line' });
  const m = /^Too large for a share link: it would be ([\d,]+) characters, and links over 32,000 are cut short by browsers and apps\.$/.exec(status);
  assert.ok(m, status);
  assert.ok(Number(m[1].replace(/,/g, '')) > 32_000);
  assert.equal(await tab().evaluate(() => location.hash), '', 'no link in the address bar');
});

test('framed, the page refuses to run where no header forbids it, and the header forbids it where served', T, async () => {
  const dir = makeRoot({ add: { 'framer.html': '<!doctype html>\n<title>framer</title>\n<body></body>\n' } });
  const hash = await linkFor({ text: '{"jobDefinitionName": "from-the-framer"}\n' });
  /** Frames the playground with a share link and says what the frame holds once it has loaded. */
  const frame = (url) => tab().evaluate((src) => new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.onload = () => {
      let d = null;
      try {
        d = f.contentDocument;
      } catch {
        // no access: another origin, or the browser's error page
      }
      const q = (s) => d && d.querySelector(s);
      resolve({
        playground: Boolean(q('#source')),
        message: q('.framed p') && q('.framed p').textContent,
        link: q('.framed a') && { text: q('.framed a').textContent, href: q('.framed a').href, target: q('.framed a').target },
      });
    };
    f.src = src;
    document.body.append(f);
  }), url);
  const before = { text: mine, region: 'eu-west-1', accountId: '', kmsKeys: '' };

  const bare = await s.serve({ dir, bare: true });
  await tab().goto(`${bare.url}framer.html`);
  await tab().evaluate((k, v) => localStorage.setItem(k, v), KEY, JSON.stringify(before));
  assert.deepEqual(await frame(`${bare.url}${hash}`), {
    playground: false,
    message: 'The playground does not run inside a frame.',
    link: { text: 'Open the playground in its own tab', href: bare.url, target: '_blank' },
  });
  assert.deepEqual(await saved(), before, 'the framed page did not touch the saved work');

  const served = await s.serve({ dir });
  await tab().goto(`${served.url}framer.html`);
  await tab().evaluate((k, v) => localStorage.setItem(k, v), KEY, JSON.stringify(before));
  assert.deepEqual(await frame(`${served.url}${hash}`), { playground: false, message: null, link: null }, "frame-ancestors 'none': the browser shows no page in the frame");
  assert.deepEqual(await saved(), before);
});

test('a saved state with fields of the wrong type is cleaned, and the page starts', T, async () => {
  const first = example('fargate-secrets.json');
  const cases = [
    [{ text: 42, region: {} }, { text: first, region: '' }],
    [{ text: mine, region: { toString: 1 } }, { text: mine, region: '' }],
    [{ text: mine, region: 'eu-west-1', accountId: ['123456789012'], kmsKeys: { a: 1 } }, { text: mine, region: 'eu-west-1' }],
    [{ text: null, region: 'us-east-1', accountId: '123456789012' }, { text: first, region: 'us-east-1', accountId: '123456789012' }],
    [[mine], { text: first, region: '' }],
    ['a string', { text: first, region: '' }],
  ];
  for (const [state, want] of cases) {
    await tab().goto(`${s.server.url}favicon.svg`);
    await tab().evaluate((k, v) => localStorage.setItem(k, v), KEY, JSON.stringify(state));
    await open();
    const shown = await tab().evaluate(() => ({
      text: document.getElementById('source').value,
      region: document.getElementById('region').value,
      accountId: document.getElementById('account').value,
      kmsKeys: document.getElementById('kms').value,
      strange: [...document.querySelectorAll('#region option')].filter((o) => /object/.test(o.value)).length,
      status: document.getElementById('status').textContent,
    }));
    assert.deepEqual(shown, { accountId: '', kmsKeys: '', ...want, strange: 0, status: shown.status }, JSON.stringify(state));
    assert.match(shown.status, /^Checked in /, JSON.stringify(state));
  }
});

test('the Terraform view keeps ${ and %{ literal in the role name and in the heredoc', T, async () => {
  await open();
  await tab().select('#region', '');
  await tab().fill('#account', '');
  const role = 'arn:aws:iam::123456789012:role/run-${env}-%{x}"\\';
  await tab().fill('#source', `${JSON.stringify({ jobDefinitionName: 't', type: 'container', containerProperties: { image: 'a', executionRoleArn: role, secrets: [{ name: 'A', valueFrom: '/app/a' }] } }, null, 2)}\n`);
  await tab().settled();
  await tab().click('.policy-card .tab[data-view="terraform"]');
  const text = await tab().text('.policy-card .policy-text');
  const lines = text.split('\n');
  assert.equal(lines[0], 'resource "aws_iam_role_policy" "run_env_x__secrets" {');
  assert.equal(lines[2], '  role   = "run-$${env}-%%{x}\\"\\\\"');
  assert.ok(lines.includes('            "arn:aws:ssm:$${Region}:123456789012:parameter/app/a"'), text);
  assert.doesNotMatch(text, /(^|[^$])\$\{/, 'every ${ is doubled');
  assert.doesNotMatch(text, /(^|[^%])%\{/, 'every %{ is doubled');
  await tab().click('.policy-card .tab[data-view="policy"]');
});
