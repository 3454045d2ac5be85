#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang-19 with ASan+UBSan) and
# runs each for a while. See docs/reliability.md.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]
#   targets: profile sql facts tu (default: all)
# Environment: FUZZ_BUILD (build dir, default build-fuzz), FUZZ_JOBS (build
#   parallelism, default 1), FUZZ_OUT (where new inputs and crashes go,
#   default a new temp dir; the seed corpora in test/fuzz/corpus are only
#   read).
# Exit status: 1 when any target crashed, hung or ran out of memory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(profile sql facts tu)
build="${FUZZ_BUILD:-$root/build-fuzz}"
out="${FUZZ_OUT:-$(mktemp -d /tmp/dbtidy-fuzz.XXXXXX)}"

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_CXX_FLAGS=-gline-tables-only \
    -DDBTIDY_FUZZ=ON
fi
cmake --build "$build" -j "${FUZZ_JOBS:-1}" \
  --target "${targets[@]/#/dbtidy-fuzz-}"

failed=0
summary=""
for t in "${targets[@]}"; do
  mkdir -p "$out/$t/corpus" "$out/$t/artifacts"
  log="$out/$t/fuzz.log"
  echo "fuzz: $t for ${seconds}s (log: $log)"
  status=0
  # -timeout: one input taking longer is a hang; the whole-TU target parses
  # C++ and gets more. Leaks are reported but are not what we promise.
  per_input=10
  [ "$t" = tu ] && per_input=30
  "$build/bin/dbtidy-fuzz-$t" -max_total_time="$seconds" \
    -timeout="$per_input" -rss_limit_mb=4096 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$out/$t/artifacts/" \
    "$out/$t/corpus" "$root/test/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" |
    grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo "?")
  crashes=$(find "$out/$t/artifacts" -type f | wc -l)
  line="$t: ${seconds}s, $execs execs, cov $cov, $crashes crash/hang/oom input(s), exit $status"
  summary+="$line"$'\n'
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    find "$out/$t/artifacts" -type f | sed 's/^/  reproducer: /'
    summary+="$(find "$out/$t/artifacts" -type f | sed 's/^/  reproducer: /')"$'\n'
  fi
done
echo "---- fuzz summary (output in $out)"
printf '%s' "$summary"
exit "$failed"
