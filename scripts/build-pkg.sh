#!/usr/bin/env bash
# Builds the npm package in pkg/: one batchlint_bg.wasm, wasm-bindgen's `web` glue (ESM, for
# browsers, bundlers, workerd, edge and Deno) and `nodejs` glue (CJS), the entries and the CLI
# from pkg-template/.
#
#   scripts/build-pkg.sh         release build (size-first, wasm-opt -Oz --converge)
#   scripts/build-pkg.sh --dev   debug build with the panic hook, no wasm-opt
#
# Installs what is missing: the wasm32 target, the exact wasm-bindgen CLI, and binaryen
# (wasm-opt) from npm into .tools/build/.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-pkg.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

BINARYEN_VERSION=132.0.0
# The CLI must match the wasm-bindgen crate exactly (pinned with `=` in Cargo.toml).
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WB_VERSION" ] || { echo "build-pkg.sh: cannot find the pinned wasm-bindgen version in Cargo.toml" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
WASM_OPT=.tools/build/node_modules/.bin/wasm-opt
if [ "$dev" = 0 ] && ! "$WASM_OPT" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  mkdir -p .tools/build
  npm install --prefix .tools/build --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi

# --- build ---------------------------------------------------------------------------------
target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
if [ "$dev" = 1 ]; then
  cargo build --lib --target wasm32-unknown-unknown --no-default-features --features debug-panic-hook
  wasm="$target_dir/wasm32-unknown-unknown/debug/batchlint.wasm"
else
  # The release profile keeps the `target_features` section for wasm-bindgen and wasm-opt;
  # wasm-opt strips everything at the end.
  # Only the cdylib: Cargo does not apply the profile's `lto` to a library that is also an
  # rlib (Cargo.toml's crate-type, for tests and examples), and without LTO the .wasm is
  # 10 KB larger gzipped.
  cargo rustc --lib --release --target wasm32-unknown-unknown --crate-type cdylib --no-default-features
  wasm="$target_dir/wasm32-unknown-unknown/release/batchlint.wasm"
fi

out="$target_dir/pkg-build"
rm -rf "$out"
# Both targets produce the same .wasm (checked below); only the glue differs.
wasm-bindgen "$wasm" --out-dir "$out/web" --target web
wasm-bindgen "$wasm" --out-dir "$out/node" --target nodejs
cmp -s "$out/web/batchlint_bg.wasm" "$out/node/batchlint_bg.wasm" || {
  echo "build-pkg.sh: the web and nodejs targets produced different .wasm files" >&2; exit 1; }

if [ "$dev" = 1 ]; then
  cp "$out/web/batchlint_bg.wasm" "$out/batchlint_bg.wasm"
else
  "$WASM_OPT" "$out/web/batchlint_bg.wasm" -o "$out/batchlint_bg.wasm" -Oz --converge \
    --enable-bulk-memory --enable-nontrapping-float-to-int \
    --strip-debug --strip-producers --strip-target-features
fi

# --- assemble pkg/ ---------------------------------------------------------------------------
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
rm -rf pkg
mkdir -p pkg
cp -R pkg-template/. pkg/
sed -i "s/\"version\": \"0.0.0-template\"/\"version\": \"$version\"/" pkg/package.json
cp "$out/batchlint_bg.wasm" pkg/batchlint_bg.wasm
cp "$out/web/batchlint.js" pkg/batchlint.js
cp "$out/node/batchlint.js" pkg/batchlint.cjs
sed -i 's|@ts-self-types="./batchlint.d.ts"|@ts-self-types="./batchlint.d.cts"|' pkg/batchlint.cjs
# InitOutput lists the raw wasm exports; an externref parameter there is typed `any`.
sed 's/: any\b/: unknown/g' "$out/web/batchlint.d.ts" > pkg/batchlint.d.ts
sed 's/: any\b/: unknown/g' "$out/node/batchlint.d.ts" > pkg/batchlint.d.cts
chmod +x pkg/bin/batchlint.js

raw=$(wc -c < pkg/batchlint_bg.wasm)
gz=$(gzip -9 -c pkg/batchlint_bg.wasm | wc -c)
echo "pkg/batchlint_bg.wasm: $raw bytes, $gz bytes gzipped ($([ "$dev" = 1 ] && echo debug || echo release))"
