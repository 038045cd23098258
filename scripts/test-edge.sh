#!/usr/bin/env bash
# Edge-runtime tests of the built package (expects pkg/ from scripts/build-pkg.sh):
#   - workerd (Cloudflare's runtime, from npm): a worker that is the README's Workers snippet,
#     with `batchlint` resolved through the package's `workerd` export condition and the
#     .wasm given to it as a compiled module; job definitions POSTed on 127.0.0.1.
#   - Deno (from npm): the README's browser and Deno snippets against the web entry
#     (`await init()` fetching the .wasm next to the module), `initSync` from bytes, and
#     `deno check` of the shipped types.
# workerd and deno are installed into .tools/test/ when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/batchlint_bg.wasm ] || { echo "test-edge.sh: pkg/ is not built; run scripts/build-pkg.sh first" >&2; exit 2; }

WORKERD_VERSION=1.20261117.1
DENO_VERSION=2.9.6
bin=.tools/test/node_modules/.bin
if ! "$bin/workerd" --version >/dev/null 2>&1 || ! "$bin/deno" --version 2>/dev/null | grep -q "^deno $DENO_VERSION "; then
  mkdir -p .tools/test
  npm install --prefix .tools/test --no-audit --no-fund --loglevel=error "workerd@$WORKERD_VERSION" "deno@$DENO_VERSION"
fi
root=$(pwd)
workerd="$root/$bin/workerd"
deno="$root/$bin/deno"

work=$(mktemp -d)
workerd_pid=
cleanup() {
  if [ -n "$workerd_pid" ]; then kill "$workerd_pid" 2>/dev/null || true; wait "$workerd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() { # NAME COMMAND...
  local name=$1; shift
  if "$@"; then echo "ok - $name"; passed=$((passed + 1)); else echo "not ok - $name"; failed=$((failed + 1)); fi
}

# --- Deno ------------------------------------------------------------------------------------
export DENO_DIR="$work/deno-dir" DENO_NO_UPDATE_CHECK=1 NO_COLOR=1
mkdir -p "$work/deno"
printf '{ "imports": { "batchlint": "%s/pkg/batchlint.js" } }\n' "$root" > "$work/deno/deno.json"
node js-tests/edge/snippet.mjs browser > "$work/deno/browser.mjs"
node js-tests/edge/snippet.mjs deno > "$work/deno/deno.mjs"
cp js-tests/edge/check-types.ts js-tests/edge/deno-initsync.mjs "$work/deno/"
deno_run() { (cd "$work/deno" && timeout 60 "$deno" run --quiet --no-prompt --allow-read="$root/pkg" "$@"); }
check "deno: README browser snippet (await init() fetches the .wasm)" \
  bash -c "out=\$(cd '$work/deno' && timeout 60 '$deno' run --quiet --no-prompt --allow-read='$root/pkg' browser.mjs) && echo \"  \$out\" && [ -n \"\$out\" ]"
check "deno: README Deno snippet" deno_run deno.mjs
check "deno: web entry with initSync from bytes" deno_run deno-initsync.mjs "$root/pkg"
check "deno check: the shipped types" bash -c "cd '$work/deno' && timeout 120 '$deno' check --quiet check-types.ts"

# --- workerd ---------------------------------------------------------------------------------
entry=$(node -e 'const e = require("./pkg/package.json").exports["."].workerd; console.log(e.default)')
mkdir -p "$work/worker"
node js-tests/edge/snippet.mjs workerd > "$work/worker/worker.js"
cp "pkg/$entry" "$work/worker/entry.js"
cp pkg/core.js pkg/rules.js pkg/batchlint_bg.wasm "$work/worker/"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
cat > "$work/worker/config.capnp" <<CAPNP
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:$port", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    # What the \`workerd\` export condition of package.json resolves \`batchlint\` to.
    (name = "batchlint", esModule = embed "entry.js"),
    (name = "core.js", esModule = embed "core.js"),
    (name = "rules.js", esModule = embed "rules.js"),
    (name = "batchlint_bg.wasm", wasm = embed "batchlint_bg.wasm"),
  ],
  compatibilityDate = "2025-01-01",
);
CAPNP
"$workerd" serve "$work/worker/config.capnp" > "$work/workerd.log" 2>&1 &
workerd_pid=$!
if timeout 60 node js-tests/edge/post.mjs "http://127.0.0.1:$port/" examples/fargate-secrets.json; then
  echo "ok - workerd: the worker answers with the report"; passed=$((passed + 1))
else
  echo "not ok - workerd: the worker answers with the report"; failed=$((failed + 1))
  sed 's/^/  workerd: /' "$work/workerd.log" | head -40
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
