#!/usr/bin/env bash
# Lints dbtidy's own sources with clang-tidy-19 and the root .clang-tidy.
# Usage: scripts/lint.sh [build-dir]   (needs the build's compile_commands.json)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
if [ ! -f "$build/compile_commands.json" ]; then
  echo "lint: no $build/compile_commands.json; build first" >&2
  exit 2
fi
cd "$root"
files=$(ls lib/*.cpp checks/*.cpp tools/dbtidy/*.cpp tools/plugin/*.cpp tools/clangd/*.cpp)
jobs=$(nproc)
echo "$files" | xargs -P "$jobs" -n 1 clang-tidy-19 -p "$build" --quiet \
  --warnings-as-errors='*' 2>/dev/null > "$build/lint.out" || status=$?
if grep -qE "(warning|error):" "$build/lint.out"; then
  cat "$build/lint.out"
  echo "lint: clang-tidy-19 found problems" >&2
  exit 1
fi
echo "lint: $(echo "$files" | wc -l) files clean"
