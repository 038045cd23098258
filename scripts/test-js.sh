#!/usr/bin/env bash
# JavaScript-side tests of the built package (expects pkg/ from scripts/build-pkg.sh):
#   1. the wasm layer in Node through wasm-bindgen-test (tests/wasm.rs);
#   2. node --test js-tests/*.test.mjs: the API (ESM and CJS), the CLI, and the packed
#      tarball installed into a temporary project, with the tools of scripts/js-tools.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/batchlint_bg.wasm ] || { echo "test-js.sh: pkg/ is not built; run scripts/build-pkg.sh first" >&2; exit 2; }

# wasm-bindgen-test-runner comes with the wasm-bindgen CLI that build-pkg.sh installs.
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WB_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test wasm

# ajv, the SARIF schema, github-slugger, yaml: into .tools/js/ when missing.
bash scripts/js-tools.sh

# The tests import `batchlint` by name, as users do: resolve it to pkg/.
mkdir -p js-tests/node_modules
ln -sfn ../../pkg js-tests/node_modules/batchlint
node --test js-tests/
