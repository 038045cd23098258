#!/usr/bin/env bash
# Fuzz smoke test for CI: builds the cargo-fuzz targets in fuzz/ and runs each for
# FUZZ_SECONDS (default 30; about a minute and a half in all). Fails on any crash, hang (>10 s per
# input) or memory blow-up (>2 GB); the failing input is left in fuzz/artifacts/<target>/
# and the log in fuzz/target/logs/. Installs cargo-fuzz (and a nightly toolchain) when missing.
# Longer runs: FUZZ_SECONDS=300 scripts/fuzz-smoke.sh, or fuzz/run-one.sh TARGET SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz-smoke: installing the nightly toolchain (cargo fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

fuzz/seed-corpus.sh
(cd fuzz && cargo +nightly fuzz build -O)

failed=0
for target in analyze_bytes mutate_jobdef cloudformation terraform_module terraform_plan; do
  echo "fuzz-smoke: $target for ${seconds}s"
  if ! fuzz/run-one.sh "$target" "$seconds"; then
    echo "fuzz-smoke: $target FAILED; input in fuzz/artifacts/$target/ (reproduce: cd fuzz && cargo +nightly fuzz run $target <file>)"
    failed=1
  fi
done
exit $failed
