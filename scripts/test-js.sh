#!/usr/bin/env bash
# JavaScript-side tests of the built package (expects pkg/ from scripts/build-pkg.sh):
# node --test js-tests/*.test.mjs: the API (ESM and CJS) against the Rust snapshots, the
# module's imports and exports, hostile input, the CLI, and the packed tarball installed into
# a temporary project, with the tools of scripts/js-tools.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/batchlint_bg.wasm ] || { echo "test-js.sh: pkg/ is not built; run scripts/build-pkg.sh first" >&2; exit 2; }

# ajv, the SARIF schema, github-slugger, yaml: into .tools/js/ when missing.
bash scripts/js-tools.sh

# The tests import `batchlint` by name, as users do: resolve it to pkg/.
mkdir -p js-tests/node_modules
ln -sfn ../../pkg js-tests/node_modules/batchlint
node --test js-tests/
