#!/usr/bin/env bash
# Runs one fuzz target for SECONDS with the limits used in RELIABILITY.md; logs to fuzz/target/logs/.
# usage: fuzz/run-one.sh TARGET SECONDS   (exit status: libFuzzer's; non-zero on a crash)
set -uo pipefail
cd "$(dirname "$0")"
target=$1 secs=$2
mkdir -p target/logs "corpus/$target"
log="target/logs/$target-$(date +%Y%m%d-%H%M%S).log"
cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
  -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1
status=$?
grep -E '^#[0-9]+[[:space:]]*DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|panicked|SUMMARY|ERROR: ' "$log" || true
cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
echo "$target: ${secs}s, exit $status, final $cov, log $log"
exit $status
