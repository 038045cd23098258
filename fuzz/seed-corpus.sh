#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from fuzz/seeds/ and every JSON file under tests/ and examples/.
# Idempotent: files are named by content hash. analyze_bytes takes them as they are; the
# structured target (mutate_jobdef) reads the same files itself, and gets a few byte seeds.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/analyze_bytes corpus/mutate_jobdef corpus/terraform_module corpus/terraform_plan corpus/cloudformation
n=0
while IFS= read -r -d '' f; do
  h=$(sha1sum "$f" | cut -c1-16)
  cp "$f" "corpus/analyze_bytes/seed-$h"
  n=$((n + 1))
done < <(find seeds ../tests ../examples -name '*.json' ! -name '*.snap.json' -print0 2>/dev/null)
# Short hand-written inputs for the classes in tests/it/bad_input.rs.
printf '' > corpus/analyze_bytes/empty
printf '{"a":1,}' > corpus/analyze_bytes/trailing-comma
printf '{"a":"\\ud800"}' > corpus/analyze_bytes/lone-surrogate
printf '\xef\xbb\xbf{"jobDefinitionName":"x","type":"container"}' > corpus/analyze_bytes/bom
printf '{"a":"\xff"}' > corpus/analyze_bytes/invalid-utf8
for i in 0 1 2 3 4 5 6 7; do head -c 64 /dev/urandom > "corpus/mutate_jobdef/rand-$i"; done
# Terraform: every .tf file (with the first JSON file after a NUL, for its file() calls), and
# the JSON files as the properties string of a plan (the plan target also reads them whole).
while IFS= read -r -d '' f; do
  h=$(sha1sum "$f" | cut -c1-16)
  { cat "$f"; printf '\0'; cat seeds/container.json; } > "corpus/terraform_module/seed-$h"
done < <(find seeds ../tests ../examples -name '*.tf' -print0 2>/dev/null)
while IFS= read -r -d '' f; do
  h=$(sha1sum "$f" | cut -c1-16)
  cp "$f" "corpus/terraform_plan/seed-$h"
done < <(find seeds ../tests ../examples -name '*.json' ! -name '*.snap.json' ! -name '*.options.json' -print0 2>/dev/null)
# CloudFormation templates (YAML, JSON, SAM, CDK output) for the template reader.
m=0
while IFS= read -r -d '' f; do
  h=$(sha1sum "$f" | cut -c1-16)
  cp "$f" "corpus/cloudformation/seed-$h"
  m=$((m + 1))
done < <(find seeds ../tests/fixtures ../examples \( -name '*.yaml' -o -name '*.template' -o -name '*.template.json' \) -print0 2>/dev/null)
echo "seeded $n JSON files into fuzz/corpus/analyze_bytes and $m templates into fuzz/corpus/cloudformation"
