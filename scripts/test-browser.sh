#!/usr/bin/env bash
# Real-browser tests of the playground: builds www/dist from pkg/, serves it on loopback and
# drives Debian's Chromium with playwright-core (node --test). Installs what it needs,
# idempotently. Screenshots go to test-artifacts/.
#
#   scripts/test-browser.sh            (after `make pkg`)
#   BATCHLINT_PKG=DIR scripts/test-browser.sh   (test against another package folder)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "test-browser: node is required" >&2; exit 1; }
# The playground's modules without a browser (a fake Worker, Node's CompressionStream).
node --test --test-reporter=spec browser-tests/unit/
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

want=$(node -p "require('./browser-tests/package.json').dependencies['playwright-core']")
have=$(node -p "try { require('./browser-tests/node_modules/playwright-core/package.json').version } catch { '' }")
if [ "$want" != "$have" ]; then
  (cd browser-tests && npm ci --no-audit --no-fund --loglevel=error)
fi

build_args=(--build-only)
[ -n "${BATCHLINT_PKG:-}" ] && build_args+=(--pkg "$BATCHLINT_PKG")
bash scripts/serve-playground.sh "${build_args[@]}"

mkdir -p test-artifacts
# Each test file starts its own server and browser and stops them in its `after` hook.
exec node --test --test-reporter=spec --test-concurrency=1 browser-tests/*.test.mjs
