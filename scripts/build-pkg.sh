#!/usr/bin/env bash
# Builds the npm package in pkg/: batchlint_bg.wasm (the Rust core with its C ABI,
# src/wasm.rs), the JS layer and entries from pkg-template/ (core.js, one entry per runtime),
# batchlint.cjs (node.mjs bundled into CommonJS by esbuild), the types and the CLI.
#
#   scripts/build-pkg.sh         release build (size-first, wasm-opt -Oz --converge)
#   scripts/build-pkg.sh --dev   debug build, no wasm-opt
#
# Installs what is missing: the wasm32 target, and binaryen (wasm-opt) and esbuild from npm
# into .tools/build/ (versions pinned here).
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-pkg.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

BINARYEN_VERSION=132.0.0
ESBUILD_VERSION=0.28.2

# --- tools -------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
TOOLS=.tools/build/node_modules
have() { node -p "try { require('./$TOOLS/$1/package.json').version } catch { '' }"; }
if [ "$(have binaryen)" != "$BINARYEN_VERSION" ] || [ "$(have esbuild)" != "$ESBUILD_VERSION" ]; then
  mkdir -p .tools/build
  npm install --prefix .tools/build --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION" "esbuild@$ESBUILD_VERSION"
fi

# --- build ---------------------------------------------------------------------------------
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
# Two modules: batchlint_bg.wasm reads every form (the default entries, the CLI);
# batchlint_json_bg.wasm only the Batch API's JSON (the `batchlint/json` entry, for consoles
# that must not pay for the YAML and HCL readers). Without the `docs` feature the rules' text
# stays out of both: pkg-template/rules.js has it. Only the cdylib: Cargo does not apply the
# profile's `lto` to a library that is also an rlib (Cargo.toml's crate-type, for tests and
# examples), and without LTO the .wasm is 10 KB larger gzipped.
FULL_FEATURES=cloudformation,terraform
profile=release
[ "$dev" = 1 ] && profile=debug
build_wasm() { # build_wasm OUT [FEATURES]
  local flags=(--lib --target wasm32-unknown-unknown --crate-type cdylib --no-default-features)
  [ "$dev" = 1 ] || flags+=(--release)
  [ -n "${2:-}" ] && flags+=(--features "$2")
  cargo rustc "${flags[@]}"
  cp "$target_dir/wasm32-unknown-unknown/$profile/batchlint.wasm" "$1"
}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
build_wasm "$stage/full.wasm" "$FULL_FEATURES"
build_wasm "$stage/json.wasm"

# --- assemble pkg/ ---------------------------------------------------------------------------
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
rm -rf pkg
mkdir -p pkg
cp -R pkg-template/. pkg/
sed -i "s/\"version\": \"0.0.0-template\"/\"version\": \"$version\"/" pkg/package.json
for pair in "full.wasm batchlint_bg.wasm" "json.wasm batchlint_json_bg.wasm"; do
  set -- $pair
  if [ "$dev" = 1 ]; then
    cp "$stage/$1" "pkg/$2"
  else
    # The release profile keeps the `target_features` section for wasm-opt; it strips it.
    "$TOOLS/.bin/wasm-opt" "$stage/$1" -o "pkg/$2" -Oz --converge \
      --enable-bulk-memory --enable-nontrapping-float-to-int \
      --strip-debug --strip-producers --strip-target-features
  fi
done
# CommonJS: node.mjs and core.js in one file, with `import.meta.url` from the file's own path.
"$TOOLS/.bin/esbuild" pkg/node.mjs --bundle --format=cjs --platform=node --log-level=warning \
  --define:import.meta.url=import_meta_url --inject:scripts/cjs-shim.js --outfile=pkg/batchlint.cjs
# One declaration file for every entry: batchlint.d.cts for `require`, node.d.mts for code
# that imports node.mjs by path (the CLI).
cp pkg/batchlint.d.ts pkg/batchlint.d.cts
cp pkg/batchlint.d.ts pkg/node.d.mts
cp pkg/batchlint.d.ts pkg/json.d.ts
chmod +x pkg/bin/batchlint.js

for file in batchlint_bg.wasm batchlint_json_bg.wasm; do
  echo "pkg/$file: $(wc -c < "pkg/$file") bytes, $(gzip -9 -c "pkg/$file" | wc -c) bytes gzipped ($profile)"
done
