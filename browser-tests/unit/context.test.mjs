// www/context.js without a page: the saved state's validation and optionOf().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanState, loadSaved, save, optionOf, STORAGE_KEY } from '../../www/context.js';

const storage = (value) => {
  const items = new Map(value === undefined ? [] : [[STORAGE_KEY, value]]);
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)), items };
};

test('saved state: fields that are not strings are dropped, the rest is kept', () => {
  assert.deepEqual(cleanState({ text: 42, region: {}, accountId: '123456789012', kmsKeys: ['a'], extra: 'x' }), { accountId: '123456789012' });
  assert.deepEqual(cleanState({ text: 'x', region: { toString: 1 } }), { text: 'x' });
  for (const bad of [null, 42, 'text', [], true]) assert.deepEqual(cleanState(bad), {});
  assert.deepEqual(loadSaved(storage('{"text": 42, "region": {}}')), null);
  assert.deepEqual(loadSaved(storage('{"text": "t", "region": "eu-west-1", "kmsKeys": null}')), { text: 't', region: 'eu-west-1' });
  assert.equal(loadSaved(storage('not json')), null);
  assert.equal(loadSaved(storage()), null);
  assert.equal(loadSaved({ getItem: () => { throw new Error('disabled'); } }), null);
  const s = storage();
  save({ text: 'x', region: '', accountId: '', kmsKeys: '' }, s);
  assert.deepEqual(loadSaved(s), { text: 'x', region: '', accountId: '', kmsKeys: '' });
  save({ text: 'x' }, { setItem: () => { throw new Error('full'); } });
});

test('optionOf: the `option` field when reports have it, else the empty pointer at 0..0', () => {
  const at = (start, end) => ({ start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } });
  assert.equal(optionOf({ code: 'BL801', path: '', range: at(0, 0), option: 'region' }), 'region');
  assert.equal(optionOf({ code: 'BL807', path: '/x', range: at(3, 9), option: 'accountId' }), 'accountId');
  assert.equal(optionOf({ code: 'BL101', path: '', range: at(0, 0), option: null }), null);
  // Reports without `option`:
  assert.equal(optionOf({ code: 'BL801', path: '', range: at(0, 0) }), 'region');
  assert.equal(optionOf({ code: 'BL803', path: '', range: at(0, 0) }), 'partition');
  assert.equal(optionOf({ code: 'BL804', path: '', range: at(0, 0) }), 'accountId');
  assert.equal(optionOf({ code: 'BL805', path: '', range: at(0, 0) }), 'kmsKeys');
  assert.equal(optionOf({ code: 'BL101', path: '', range: at(0, 0) }), null, 'invalid JSON in an empty text is about the document');
  assert.equal(optionOf({ code: 'BL801', path: '/a', range: at(0, 0) }), null);
  assert.equal(optionOf({ code: 'BL801', path: '', range: at(0, 4) }), null);
});
