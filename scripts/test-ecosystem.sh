#!/usr/bin/env bash
# Builds the packed package with the tools people use and runs what they build
# (ecosystem/*.test.mjs; ecosystem/harness.mjs says how a row is a fresh user project).
#
#   scripts/test-ecosystem.sh                 every row (make test-ecosystem, and make test)
#   scripts/test-ecosystem.sh vite tsc        the rows of ecosystem/vite.test.mjs and tsc.test.mjs
#   BATCHLINT_ENTRY=batchlint/json BATCHLINT_WASM=batchlint_json_bg.wasm scripts/test-ecosystem.sh
#                                             the same rows against another entry of the package
#
# Expects pkg/ (scripts/build-pkg.sh). Installs what is missing, idempotently: each tool set of
# ecosystem/*/package-lock.json into .tools/ecosystem/SET/ with `npm ci` (skipped when that
# exact lock file is already installed), and Debian's Chromium. Prints the install times (cold
# when it installed, warm when it only checked) and each row's times.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "test-ecosystem.sh: unknown option $arg" >&2; exit 2 ;;
    *) [ -f "ecosystem/$arg.test.mjs" ] || { echo "test-ecosystem.sh: no ecosystem/$arg.test.mjs" >&2; exit 2; }; rows+=("$arg") ;;
  esac
done
if [ ${#rows[@]} -eq 0 ]; then
  for f in ecosystem/*.test.mjs; do rows+=("$(basename "$f" .test.mjs)"); done
fi

pkg=${BATCHLINT_PKG:-pkg}
[ -f "$pkg/package.json" ] || { echo "test-ecosystem.sh: $pkg/ is not built; run scripts/build-pkg.sh first" >&2; exit 2; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- tool sets: npm ci when the installed lock file differs from the committed one ----------
sets=(tools)
for row in "${rows[@]}"; do [ "$row" = vite ] && sets+=(vite7); done
for set in "${sets[@]}"; do
  dest=.tools/ecosystem/$set
  start=$(now)
  if ! cmp -s "ecosystem/$set/package-lock.json" "$dest/package-lock.json" || [ ! -f "$dest/node_modules/.package-lock.json" ]; then
    rm -rf "$dest/node_modules"
    mkdir -p "$dest"
    cp "ecosystem/$set/package.json" "ecosystem/$set/package-lock.json" "$dest/"
    npm ci --prefix "$dest" --no-audit --no-fund --loglevel=error
    echo "test-ecosystem: installed tool set $set (cold) in $(since "$start") s"
  else
    echo "test-ecosystem: tool set $set already installed (warm check) in $(since "$start") s"
  fi
done

# --- Chromium (Debian's), for the browser rows ------------------------------------------------
if ! command -v chromium >/dev/null; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "test-ecosystem: installing chromium"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

# --- the tarball, as `npm publish` would upload it -------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tgz=$(npm pack "./$pkg" --pack-destination "$work" --silent | tail -n 1)
export BATCHLINT_TARBALL="$work/$tgz" BATCHLINT_PKG="$(cd "$pkg" && pwd)"
export NEXT_TELEMETRY_DISABLED=1 WRANGLER_SEND_METRICS=false DO_NOT_TRACK=1 PARCEL_WORKERS=1

files=()
for row in "${rows[@]}"; do files+=("ecosystem/$row.test.mjs"); done
start=$(now)
node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
echo "test-ecosystem: ${rows[*]} in $(since "$start") s"
