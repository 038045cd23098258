// www/regions.json (written by scripts/gen-aws-tables.py) lists exactly the regions of
// src/aws/data.rs, the core's table, with the same names, partitions and service flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (rel) => readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8');

test('www/regions.json agrees with src/aws/data.rs', () => {
  const { regions } = JSON.parse(read('www/regions.json'));
  // The package reports no regions, so the Rust table is read here (and only here).
  const rust = [];
  for (const block of read('src/aws/data.rs').split('Partition {').slice(1)) {
    const partition = /id: "([^"]+)"/.exec(block)[1];
    for (const [, id, name, flag] of block.matchAll(/\("([^"]+)", "([^"]*)", (true|false)\)/g)) rust.push({ id, name, partition, allServices: flag === 'true' });
  }
  assert.ok(rust.length > 30, `${rust.length} regions in src/aws/data.rs`);
  assert.deepEqual(regions, rust);
});
