#!/usr/bin/env bash
# Installs the JavaScript lint and test tools pinned by scripts/js-tools/package-lock.json
# (Biome, TypeScript, @types/node, @types/sarif, ajv with the SARIF 2.1.0 schema from
# @microsoft/jest-sarif, github-slugger, yaml) into .tools/js/, with `npm ci`. Does nothing
# when .tools/js/ already holds that exact lock file, so it is quick to call before every
# lint or test run. Prints how long a fresh install took.
#
#   scripts/js-tools.sh          install when missing or out of date
#   scripts/js-tools.sh --path   also print the node_modules folder
set -euo pipefail
cd "$(dirname "$0")/.."

want=scripts/js-tools/package-lock.json
dest=.tools/js
if ! cmp -s "$want" "$dest/package-lock.json" || [ ! -f "$dest/node_modules/.package-lock.json" ]; then
  start=$(date +%s.%N)
  rm -rf "$dest"
  mkdir -p "$dest"
  cp scripts/js-tools/package.json "$want" "$dest/"
  # No install scripts: every tool here is plain JS or a prebuilt binary in an optional dependency.
  npm ci --prefix "$dest" --ignore-scripts --no-audit --no-fund --loglevel=error
  end=$(date +%s.%N)
  echo "js-tools: installed into $dest in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
fi
if [ "${1:-}" = --path ]; then echo "$dest/node_modules"; fi
