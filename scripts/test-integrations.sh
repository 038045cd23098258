#!/usr/bin/env bash
# Where batchlint plugs into other tools, each tested the way its host runs it (expects pkg/
# from scripts/build-pkg.sh; `act` is not needed):
#   - the GitHub Action (action.yml): js-tests/integrations/action.mjs runs its `run:` steps as
#     the runner runs a composite action, against the packed tarball;
#   - the pre-commit hook (.pre-commit-hooks.yaml): js-tests/integrations/pre-commit.mjs runs
#     `pre-commit try-repo` on a temporary git repository.
# Installs what is missing, idempotently: pre-commit (scripts/pre-commit-requirements.txt) into
# .tools/venv/, the JS tools into .tools/js/ (scripts/js-tools.sh); prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/batchlint_bg.wasm ] || { echo "test-integrations.sh: pkg/ is not built; run scripts/build-pkg.sh first" >&2; exit 2; }
bash scripts/js-tools.sh

requirements=scripts/pre-commit-requirements.txt
venv=.tools/venv
if ! cmp -s "$requirements" "$venv/requirements.txt" || ! "$venv/bin/pre-commit" --version >/dev/null 2>&1; then
  start=$(date +%s.%N)
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
  end=$(date +%s.%N)
  echo "test-integrations: $("$venv/bin/pre-commit" --version) installed into $venv in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
fi

mkdir -p js-tests/node_modules
ln -sfn ../../pkg js-tests/node_modules/batchlint
node --test --test-concurrency=1 js-tests/integrations/action.mjs js-tests/integrations/pre-commit.mjs
