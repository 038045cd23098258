// www/share.js in Node (which has CompressionStream): round trips, damaged links, and a
// deflate bomb that must be cut at MAX_STATE_BYTES while it inflates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { encodeState, decodeState, MAX_STATE_BYTES } from '../../www/share.js';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

test('a state survives the round trip', async () => {
  const state = { text: '{"a": "😀 ${x}"}\n', region: 'eu-west-1', accountId: '123456789012', kmsKeys: 'alias/a\nalias/b' };
  const fragment = await encodeState(state);
  assert.match(fragment, /^z=[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeState(`#${fragment}`), { state });
  assert.deepEqual(await decodeState(`#j=${b64url(JSON.stringify({ v: 1, t: 'x' }))}`), { state: { text: 'x', region: '', accountId: '', kmsKeys: '' } });
});

test('what is no link, and what is a damaged one', async () => {
  for (const hash of ['', '#', '#findings', '#z', '#q=abc']) assert.equal(await decodeState(hash), null, hash);
  assert.deepEqual(await decodeState('#z=AAAA'), { error: 'damaged' });
  assert.deepEqual(await decodeState(`#j=${b64url('{"t": 42}')}`), { error: 'damaged' }, 'text must be a string');
  assert.deepEqual(await decodeState(`#j=${b64url('[1]')}`), { error: 'damaged' });
  assert.deepEqual(await decodeState(`#j=${b64url(JSON.stringify({ t: 'x', r: {}, a: 42 }))}`), { state: { text: 'x', region: '', accountId: '', kmsKeys: '' } }, 'other fields of the wrong type are dropped');
});

test('a link that inflates past 1 MiB is refused', async () => {
  // 100 MiB of spaces deflate to ~100 KB: a link of ~136,000 characters.
  const bomb = deflateRawSync(Buffer.concat([Buffer.from('{"v":1,"t":"'), Buffer.alloc(100 * 1024 * 1024, 0x20), Buffer.from('"}')]), { level: 9 });
  const fragment = `#z=${b64url(bomb)}`;
  assert.ok(fragment.length > 130_000 && fragment.length < 140_000, `${fragment.length} characters`);
  assert.deepEqual(await decodeState(fragment), { error: 'too-large' });
  const justOver = deflateRawSync(Buffer.from(JSON.stringify({ v: 1, t: ' '.repeat(MAX_STATE_BYTES) })));
  assert.deepEqual(await decodeState(`#z=${b64url(justOver)}`), { error: 'too-large' });
  const under = JSON.stringify({ v: 1, t: ' '.repeat(MAX_STATE_BYTES - 20) });
  assert.equal((await decodeState(`#z=${b64url(deflateRawSync(Buffer.from(under)))}`)).state.text.length, MAX_STATE_BYTES - 20);
  assert.deepEqual(await decodeState(`#j=${b64url(JSON.stringify({ v: 1, t: ' '.repeat(MAX_STATE_BYTES) }))}`), { error: 'too-large' });
});
