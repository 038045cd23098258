#!/usr/bin/env bash
# JavaScript lint, part of `make lint` (expects pkg/ from scripts/build-pkg.sh):
#   1. Biome, formatter and linter, over what biome.json includes (pkg-template/, js-tests/);
#   2. tsc --checkJs over the CLI (bin/ and cli/, all `// @ts-check`) against the package's
#      own batchlint.d.ts, with @types/node and @types/sarif (scripts/tsconfig.cli.json);
#   3. the packed tarball (`npm pack pkg/`), as npm would publish it, through
#      @arethetypeswrong/cli (types and JavaScript for every entry under node10, node16 from
#      CommonJS and from ESM, and bundler resolution) and publint --strict (package.json
#      against the files).
# The tools come from scripts/js-tools.sh (.tools/js/).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/batchlint.d.ts ] || { echo "lint-js.sh: pkg/ is not built; run scripts/build-pkg.sh first" >&2; exit 2; }
bash scripts/js-tools.sh
bin=.tools/js/node_modules/.bin

"$bin/biome" ci .
# tsc reads the CLI next to the built package, where its imports resolve; the copies in pkg/
# are refreshed from pkg-template/ first, so that what is checked is what is in the tree.
for f in pkg-template/bin/batchlint.js pkg-template/cli/*.js pkg-template/core.js; do
  mkdir -p "pkg/$(dirname "${f#pkg-template/}")"
  cp "$f" "pkg/${f#pkg-template/}"
done
"$bin/tsc" -p scripts/tsconfig.cli.json

packed=$(mktemp -d)
trap 'rm -rf "$packed"' EXIT
tgz=$(npm pack ./pkg --pack-destination "$packed" --silent | tail -n 1)
# The .wasm subpath is not JavaScript; batchlint/codemirror and batchlint/monaco are ES modules
# for browser code only (Node 20.19+ `require`s them too), so that CommonJS resolves them to
# ESM is expected.
"$bin/attw" "$packed/$tgz" --exclude-entrypoints ./batchlint_bg.wasm ./batchlint_json_bg.wasm --ignore-rules cjs-resolves-to-esm
"$bin/publint" "$packed/$tgz" --strict
echo "lint-js: biome, tsc, attw and publint found nothing"
