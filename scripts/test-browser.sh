#!/usr/bin/env bash
# Tests of the playground: its modules under node --test (no browser), then the browser suite
# (browser-tests/*.test.mjs) in each engine, against www/dist built from pkg/:
#   chromium  Debian's chromium, through playwright-core
#   firefox   Debian's firefox-esr, through puppeteer-core over WebDriver BiDi
#   webkit    Debian's webkit2gtk-driver (WebKitWebDriver + MiniBrowser) under xvfb-run,
#             through selenium-webdriver
# Installs what is missing, idempotently: the Debian packages (apt-get, as root or with sudo)
# and the npm packages of browser-tests/package-lock.json. Screenshots go to test-artifacts/.
# Prints the time each engine's suite took.
#
#   scripts/test-browser.sh                          (after `make pkg`): every engine
#   BATCHLINT_ENGINES="chromium" scripts/test-browser.sh   some of them
#   BATCHLINT_PKG=DIR scripts/test-browser.sh       test against another package folder
set -euo pipefail
cd "$(dirname "$0")/.."

engines=(${BATCHLINT_ENGINES:-chromium firefox webkit})
command -v node >/dev/null || { echo "test-browser: node is required" >&2; exit 1; }

# --- Debian packages: only the missing ones, in one apt-get run --------------------------
# Chromium as before, with its recommended packages (fonts); the others without theirs
# (firefox-esr and WebKitGTK would bring GStreamer, ImageMagick and ~170 more packages).
recommended=()
missing=()
for engine in "${engines[@]}"; do
  case "$engine" in
    chromium) command -v chromium >/dev/null || recommended+=(chromium) ;;
    firefox) command -v firefox-esr >/dev/null || missing+=(firefox-esr) ;;
    webkit)
      command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
      command -v xvfb-run >/dev/null || missing+=(xvfb)
      command -v xauth >/dev/null || missing+=(xauth) ;;
    *) echo "test-browser: unknown engine $engine (chromium, firefox, webkit)" >&2; exit 2 ;;
  esac
done
if [ $((${#recommended[@]} + ${#missing[@]})) -gt 0 ]; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "test-browser: installing ${recommended[*]} ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq)
  [ ${#recommended[@]} -eq 0 ] || "${install[@]}" "${recommended[@]}" >/dev/null
  [ ${#missing[@]} -eq 0 ] || "${install[@]}" --no-install-recommends "${missing[@]}" >/dev/null
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || true)}"

# --- npm packages: npm ci when an installed version differs from the lockfile's ------------
stale=$(node -e '
  const lock = require("./browser-tests/package-lock.json").packages;
  const stale = Object.entries(lock).filter(([path, p]) => path && !p.dev && (() => {
    try { return require(`./browser-tests/${path}/package.json`).version !== p.version; } catch { return true; }
  })());
  console.log(stale.length);')
if [ "$stale" != 0 ]; then
  (cd browser-tests && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- the modules, without a browser -------------------------------------------------------
node --test --test-reporter=spec browser-tests/unit/

build_args=(--build-only)
[ -n "${BATCHLINT_PKG:-}" ] && build_args+=(--pkg "$BATCHLINT_PKG")
bash scripts/serve-playground.sh "${build_args[@]}"

# --- the browser suite, once per engine ----------------------------------------------------
mkdir -p test-artifacts
failed=()
times=()
for engine in "${engines[@]}"; do
  echo "== browser tests in $engine"
  run=(node --test --test-reporter=spec --test-concurrency=1 browser-tests/*.test.mjs)
  [ "$engine" = webkit ] && run=(xvfb-run -a -s "-screen 0 1600x1200x24" "${run[@]}")
  start=$SECONDS
  # Each test file starts its own server and browser and stops them in its `after` hook.
  BATCHLINT_ENGINE=$engine "${run[@]}" || failed+=("$engine")
  times+=("$engine $((SECONDS - start)) s")
done
printf 'test-browser: %s\n' "${times[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-browser: failed in ${failed[*]}" >&2
  exit 1
fi
