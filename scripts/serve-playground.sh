#!/usr/bin/env bash
# Builds the playground into www/dist/ (the page + the package's web entry and wasm) and
# serves it on 127.0.0.1. What `make demo` runs after `make pkg`.
#
#   scripts/serve-playground.sh [--build-only] [--port N] [--pkg DIR]
#
# PORT (or --port) picks the port: 8080 by default (a free one if it is taken); 0 for any free one.
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=0
port="${PORT:-8080}"
build_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) build_only=1 ;;
    --port) port="$2"; shift ;;
    --pkg) build_args+=(--pkg "$2"); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "serve-playground: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

command -v node >/dev/null || { echo "serve-playground: node is required" >&2; exit 1; }
node www/build.mjs "${build_args[@]}"
[ "$build_only" = 1 ] && exit 0
exec node www/serve.mjs --root www/dist --port "$port"
