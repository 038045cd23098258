// Assembles the playground into www/dist/: the page's own files, the package's web entry
// (and the relative modules it imports), batchlint_bg.wasm, a region list generated from
// src/aws/data.rs, and a service worker that knows every file to cache.
//
//   node www/build.mjs [--pkg DIR] [--entry PATH-IN-PKG] [--out DIR]
//
// No dependencies: Node's standard library only.
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const www = dirname(fileURLToPath(import.meta.url));
const root = resolve(www, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const pkg = resolve(arg('--pkg', join(root, 'pkg')));
const out = resolve(arg('--out', join(www, 'dist')));

function fail(message) {
  console.error(`build-playground: ${message}`);
  process.exit(1);
}

// ---- 1. The package's web entry -------------------------------------------------------
if (!existsSync(pkg)) fail(`no package at ${relative(process.cwd(), pkg) || pkg}: run \`make pkg\` (scripts/build-pkg.sh) first`);

/** Resolves a package.json `exports` value to a file for a browser that imports ESM. */
function pickExport(value) {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return null;
  for (const key of ['browser', 'import', 'module', 'default']) {
    if (key in value) {
      const found = pickExport(value[key]);
      if (found) return found;
    }
  }
  return null;
}

function findEntry() {
  const given = arg('--entry', null);
  if (given) return given;
  const candidates = [];
  const manifest = join(pkg, 'package.json');
  if (existsSync(manifest)) {
    const json = JSON.parse(readFileSync(manifest, 'utf8'));
    const exp = json.exports && (typeof json.exports === 'string' ? json.exports : json.exports['./web'] ?? json.exports['.']);
    const picked = pickExport(exp);
    if (json.exports && json.exports['./web']) candidates.push(pickExport(json.exports['./web']));
    if (picked) candidates.push(picked);
    if (typeof json.browser === 'string') candidates.push(json.browser);
    if (json.module) candidates.push(json.module);
  }
  candidates.push('web/batchlint.js', 'batchlint.js', 'web.js', 'index.web.js', 'index.js');
  for (const c of candidates) {
    if (!c) continue;
    const file = join(pkg, c);
    if (existsSync(file) && /initSync|export\s+default/.test(readFileSync(file, 'utf8'))) return posix.normalize(c.replace(/^\.\//, ''));
  }
  fail(`cannot find the web entry in ${pkg} (tried ${candidates.filter(Boolean).join(', ')}); pass --entry`);
}

/** The entry and every module it imports by relative path, as pkg-relative paths. */
function moduleClosure(entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(pkg, file), 'utf8');
    const specifiers = text.matchAll(/(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g);
    for (const m of specifiers) {
      const target = posix.normalize(posix.join(posix.dirname(file), m[1] ?? m[2]));
      if (target.startsWith('..')) fail(`${file} imports ${target}, outside the package`);
      if (existsSync(join(pkg, target))) queue.push(target);
    }
  }
  return [...seen];
}

function findWasm(entry) {
  const beside = posix.join(posix.dirname(entry), 'batchlint_bg.wasm');
  if (existsSync(join(pkg, beside))) return beside;
  const walk = (dir) => {
    for (const name of readdirSync(join(pkg, dir)).sort()) {
      const rel = dir ? posix.join(dir, name) : name;
      if (name === 'node_modules') continue;
      if (statSync(join(pkg, rel)).isDirectory()) {
        const found = walk(rel);
        if (found) return found;
      } else if (name === 'batchlint_bg.wasm') return rel;
    }
    return null;
  };
  return walk('') ?? fail(`no batchlint_bg.wasm in ${pkg}`);
}

// ---- 2. Regions from src/aws/data.rs ---------------------------------------------------
function regions() {
  const source = readFileSync(join(root, 'src', 'aws', 'data.rs'), 'utf8');
  const partitions = [];
  for (const block of source.split(/Partition\s*\{/).slice(1)) {
    const id = /id:\s*"([^"]+)"/.exec(block);
    if (!id) continue;
    const list = [...block.matchAll(/\(\s*"([^"]+)"\s*,\s*"([^"]*)"\s*,\s*(true|false)\s*\)/g)]
      .map(([, code, name, batch]) => ({ code, name, batch: batch === 'true' }));
    partitions.push({ id: id[1], regions: list });
  }
  if (partitions.length === 0 || !partitions.some((p) => p.id === 'aws' && p.regions.length)) fail('could not read the partitions from src/aws/data.rs');
  return partitions;
}

// ---- 3. Assemble -----------------------------------------------------------------------
const entry = findEntry();
const modules = moduleClosure(entry);
const wasm = findWasm(entry);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const written = [];
const put = (rel, data) => {
  const file = join(out, ...rel.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  written.push(rel);
};

// The page's own files: everything in www/ but the build tooling, docs and dist.
const skip = new Set(['dist', 'node_modules', 'build.mjs', 'serve.mjs', 'README.md', 'sw.js']);
const copyTree = (dir) => {
  for (const name of readdirSync(join(www, dir)).sort()) {
    const rel = dir ? `${dir}/${name}` : name;
    if (!dir && skip.has(name)) continue;
    if (name.startsWith('.')) continue;
    const from = join(www, ...rel.split('/'));
    if (statSync(from).isDirectory()) copyTree(rel);
    else put(rel, readFileSync(from));
  }
};
copyTree('');

for (const m of [...modules, wasm]) put(`pkg/${m}`, readFileSync(join(pkg, m)));
put('pkg-entry.js', [
  '// Generated by www/build.mjs: the package web entry and its wasm, wherever the package keeps them.',
  `export { default, initSync } from './pkg/${entry}';`,
  `export * from './pkg/${entry}';`,
  `export const wasmUrl = new URL('./pkg/${wasm}', import.meta.url);`,
  '',
].join('\n'));
put('regions.js', `// Generated by www/build.mjs from src/aws/data.rs.\nexport default ${JSON.stringify(regions())};\n`);

// The service worker caches every file above; its cache name changes with their content.
const hash = createHash('sha256');
for (const rel of [...written].sort()) hash.update(rel).update(readFileSync(join(out, ...rel.split('/'))));
const files = ['./', ...written.filter((f) => f !== 'index.html').sort().map((f) => `./${f}`)];
const sw = readFileSync(join(www, 'sw.js'), 'utf8')
  .replace('__CACHE_VERSION__', hash.digest('hex').slice(0, 16))
  .replace("['__FILES__']", JSON.stringify(files));
put('sw.js', sw);

const wasmBytes = statSync(join(out, 'pkg', ...wasm.split('/'))).size;
console.log(`build-playground: ${relative(process.cwd(), out) || out}: ${written.length} files (entry pkg/${entry}, wasm ${(wasmBytes / 1024).toFixed(0)} KiB)`);
