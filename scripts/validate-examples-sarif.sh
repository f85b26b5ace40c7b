#!/usr/bin/env bash
# Render jdlint's SARIF for every example posting in examples/ (one log per file, and one for
# the whole folder) and check each with shared/tools/validate-sarif.sh: Microsoft's SARIF
# Multitool with GitHub's ingestion rules. Fails on any validator error OR warning, so a
# regression in the SARIF output is caught before GitHub rejects or degrades an upload.
#
# Usage: scripts/validate-examples-sarif.sh [EXAMPLES_DIR]
# Env:   JDLINT          command to run jdlint (default: the repository's .venv, else jdlint on PATH)
#        VALIDATE_SARIF  validator script (default: ../shared/tools/validate-sarif.sh)
#        SARIF_OUT       where to keep the logs (default: a temporary folder, removed at exit)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"  # URIs in the logs are relative to the repository root, as in CI
examples=${1:-examples}
validator=${VALIDATE_SARIF:-$repo/../shared/tools/validate-sarif.sh}

if [ -n "${JDLINT:-}" ]; then
  read -r -a jdlint <<<"$JDLINT"
elif [ -x "$repo/.venv/bin/python" ]; then
  jdlint=("$repo/.venv/bin/python" -m jdlint)
elif command -v jdlint >/dev/null 2>&1; then
  jdlint=(jdlint)
else
  jdlint=(python3 -m jdlint)
fi
[ -x "$validator" ] || [ -f "$validator" ] || { echo "validate-examples-sarif: no validator at $validator" >&2; exit 2; }

if [ -n "${SARIF_OUT:-}" ]; then
  out=$SARIF_OUT; mkdir -p "$out"
else
  out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fi

# The postings: every file jdlint reads by extension (workflow and config examples are not postings).
mapfile -d '' postings < <(find "$examples" -type f \( -iname '*.md' -o -iname '*.markdown' -o -iname '*.mdx' \
  -o -iname '*.txt' -o -iname '*.text' -o -iname '*.html' -o -iname '*.htm' -o -iname '*.json' -o -iname '*.jsonl' \) \
  -print0 | sort -z)
if [ "${#postings[@]}" -eq 0 ]; then
  echo "validate-examples-sarif: no example postings in $examples/ — nothing validated" >&2
  exit 1
fi

# jdlint exits 1 when it reports findings: expected here. 2 (an input or usage error) is not.
render() {  # render OUTPUT PATH...
  local target=$1; shift
  local status=0
  "${jdlint[@]}" check --format sarif --sarif-category jdlint --output "$target" "$@" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "validate-examples-sarif: jdlint exited $status on $*" >&2
    exit 1
  fi
}

logs=()
for posting in "${postings[@]}"; do
  log="$out/$(echo "$posting" | tr '/ ' '__').sarif"
  render "$log" "$posting"
  logs+=("$log")
done
render "$out/all-examples.sarif" "$examples"
logs+=("$out/all-examples.sarif")

report=$(bash "$validator" "${logs[@]}" 2>&1) || true
echo "$report"
summaries=$(echo "$report" | grep -cE ': [0-9]+ errors, [0-9]+ warnings$' || true)
clean=$(echo "$report" | grep -cE ': 0 errors, 0 warnings$' || true)
if [ "$summaries" -ne "${#logs[@]}" ]; then
  echo "validate-examples-sarif: the validator did not report on every log (${summaries}/${#logs[@]})" >&2
  exit 1
fi
if [ "$clean" -ne "${#logs[@]}" ]; then
  echo "validate-examples-sarif: $((${#logs[@]} - clean)) of ${#logs[@]} SARIF logs have errors or warnings" >&2
  exit 1
fi
echo "validate-examples-sarif: ${#logs[@]} SARIF logs (${#postings[@]} postings + all of $examples/), 0 errors, 0 warnings"
