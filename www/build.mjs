// Assembles the playground into www/dist/: the page's own files, the package's browser entry and
// .wasm (pkg/batchlint.js and pkg/batchlint_bg.wasm, as scripts/build-pkg.sh lays them out),
// a `_headers` file for static hosts, and a service worker that knows every file to cache.
//
//   node www/build.mjs [--pkg DIR] [--out DIR]
//
// No dependencies: Node's standard library only.
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { META_CSP, headersFile } from './headers.mjs';

const www = dirname(fileURLToPath(import.meta.url));
const root = resolve(www, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const pkg = resolve(arg('--pkg', join(root, 'pkg')));
const out = resolve(arg('--out', join(www, 'dist')));
// What the page takes from the package: the browser entry, the modules it imports, and the
// .wasm it compiles.
const PKG_FILES = ['batchlint.js', 'web.js', 'core.js', 'rules.js', 'batchlint_bg.wasm'];

function fail(message) {
  console.error(`build-playground: ${message}`);
  process.exit(1);
}

for (const f of PKG_FILES) {
  if (!existsSync(join(pkg, f))) fail(`no ${f} in ${relative(process.cwd(), pkg) || pkg}: run \`make pkg\` (scripts/build-pkg.sh) first`);
}
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(readFileSync(join(www, 'index.html'), 'utf8'));
if (!meta || meta[1] !== META_CSP) fail("index.html's CSP <meta> differs from www/headers.mjs (less frame-ancestors): keep them equal");

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
const skip = new Set(['dist', 'node_modules', 'build.mjs', 'serve.mjs', 'headers.mjs', 'README.md', 'sw.js']);
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
// The README's examples are also the playground's: one copy, in examples/.
const SHARED_EXAMPLES = { 'cloudformation-nightly.yaml': 'nightly-report.yaml', 'terraform-nightly.tf': 'nightly-report.tf' };
for (const [name, source] of Object.entries(SHARED_EXAMPLES)) put(`examples/${name}`, readFileSync(join(www, '..', 'examples', source)));
for (const f of PKG_FILES) put(`pkg/${f}`, readFileSync(join(pkg, f)));

// The service worker caches every file above; its cache name changes with their content.
const hash = createHash('sha256');
for (const rel of [...written].sort()) hash.update(rel).update(readFileSync(join(out, ...rel.split('/'))));
const files = ['./', ...written.filter((f) => f !== 'index.html').sort().map((f) => `./${f}`)];
const sw = readFileSync(join(www, 'sw.js'), 'utf8')
  .replace('__CACHE_VERSION__', hash.digest('hex').slice(0, 16))
  .replace("['__FILES__']", JSON.stringify(files));
put('sw.js', sw);
// Read by static hosts, never served: not in the service worker's list.
writeFileSync(join(out, '_headers'), headersFile());

const wasmBytes = statSync(join(out, 'pkg', 'batchlint_bg.wasm')).size;
console.log(`build-playground: ${relative(process.cwd(), out) || out}: ${written.length} files from ${relative(process.cwd(), pkg) || pkg} (wasm ${(wasmBytes / 1024).toFixed(0)} KiB)`);
