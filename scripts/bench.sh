#!/usr/bin/env bash
# Runs the native core against serde_json (examples/core_ratio.rs), then the JS benchmark
# (bench/bench.mjs): analyze() from the built package against JSON.parse, JSON.parse + an ajv
# validator compiled from the CloudFormation schema and JSON.parse of the report's own JSON, plus
# package size, cold start, wasm memory and scaling; then issue 13's targets beside what was
# measured. Prints Markdown tables. `make bench` calls this.
#
#   scripts/bench.sh            the full run (several minutes on a busy machine)
#   scripts/bench.sh --smoke    `small` only, briefly; exits non-zero if anything breaks (CI)
#   scripts/bench.sh --native   also runs `cargo bench` (benches/analyze.rs)
#
# Installs the bench's dev dependency (ajv) into bench/node_modules when missing and builds
# pkg/ with scripts/build-pkg.sh when missing. Other arguments go to bench/bench.mjs
# (e.g. --only typical,huge, --json FILE, --pkg DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0 native=0 pass=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1; pass+=("$arg") ;;
    --native) native=1 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) pass+=("$arg") ;;
  esac
done

# ajv, pinned by bench/package-lock.json; reinstalled only when the lock file changed.
if [ ! -f bench/node_modules/.package-lock.json ] || ! cmp -s <(node -e 'const l=require("./bench/package-lock.json");console.log(JSON.stringify(l.packages["node_modules/ajv"]?.version))') <(node -e 'try{console.log(JSON.stringify(require("./bench/node_modules/ajv/package.json").version))}catch{console.log("none")}'); then
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
fi
[ -f pkg/node.mjs ] || bash scripts/build-pkg.sh
node bench/derive-schema.mjs --check

# The Rust core against serde_json, natively (issue 13's third target), handed to the JS bench.
core_json=$(mktemp)
trap 'rm -f "$core_json"' EXIT
core_args=(--json "$core_json")
[ "$smoke" = 1 ] && core_args+=(--smoke)
cargo run --quiet --profile bench --example core_ratio -- "${core_args[@]}"
echo

node bench/bench.mjs --core "$core_json" "${pass[@]+"${pass[@]}"}"

if [ "$native" = 1 ] && [ "$smoke" = 0 ]; then
  cargo bench --bench analyze
fi
