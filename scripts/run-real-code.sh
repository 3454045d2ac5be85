#!/usr/bin/env bash
# Runs dbtidy with every check over a real project's compilation database and
# prints what docs/real-code.md records: TUs, TUs that could not be analysed,
# wall time, exit status, whether it crashed or hung, findings per check.
#
# Usage: scripts/run-real-code.sh <build-dir-with-compile_commands.json> [jobs] [timeout-seconds]
# Environment: DBTIDY (the binary, default build/bin/dbtidy), DBTIDY_ARGS
#   (more options, e.g. --config-file=f.yaml whose ExtraArgs turn off a
#   project's -Werror for clang).
#
# It downloads nothing: check the project out and generate its compilation
# database yourself (docs/real-code.md says how, per project). The findings
# go to <build-dir>/dbtidy.sarif and <build-dir>/dbtidy.txt. Each TU gets
# --tu-timeout (default 300 s) so one pathological TU shows up as a hang of
# that TU instead of stopping the run; the whole run gets 4x the number of
# TUs times that as a hard limit.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: $0 <build-dir> [jobs] [tu-timeout-seconds]}"
jobs="${2:-$(nproc)}"
tu_timeout="${3:-300}"
dbtidy="${DBTIDY:-$root/build/bin/dbtidy}"
db="$build/compile_commands.json"
[ -f "$db" ] || { echo "run-real-code: no $db" >&2; exit 2; }
[ -x "$dbtidy" ] || { echo "run-real-code: no $dbtidy; build first (scripts/build.sh)" >&2; exit 2; }

tus=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db")
limit=$(( tus * tu_timeout * 4 ))
rm -rf "$build/.dbtidy-cache"
start=$(date +%s.%N)
# shellcheck disable=SC2086
timeout "$limit" "$dbtidy" -p "$build" --checks='db-*' -j "$jobs" ${DBTIDY_ARGS:-} \
  --tu-timeout="$tu_timeout" --analysis-stats \
  --format=sarif --output="$build/dbtidy.sarif" 2> "$build/dbtidy.err"
status=$?
end=$(date +%s.%N)
# The text form from the result cache the first run left.
# shellcheck disable=SC2086
timeout "$limit" "$dbtidy" -p "$build" --checks='db-*' -j "$jobs" ${DBTIDY_ARGS:-} \
  --tu-timeout="$tu_timeout" --quiet > "$build/dbtidy.txt" 2>/dev/null

echo "translation units: $tus"
echo "wall time:         $(python3 -c "print('%.1f s' % ($end - $start))")"
echo "exit status:       $status (0 clean, 1 gate, 3 some TU not analysed; anything else is a failure)"
case $status in
  0|1|3) echo "crash or hang:     none" ;;
  124)   echo "crash or hang:     HANG (the whole run exceeded ${limit}s)" ;;
  *)     echo "crash or hang:     CRASH or error (status $status); see $build/dbtidy.err" ;;
esac
echo "not analysed:"
sed -n 's/^  \(.*\)$/  \1/p' "$build/dbtidy.err" | head -50
grep -E "^dbtidy: [0-9]+ translation units checked" "$build/dbtidy.err" || true
python3 - "$build/dbtidy.sarif" <<'EOF'
import collections, json, sys
try:
    sarif = json.load(open(sys.argv[1]))
except (OSError, ValueError) as e:
    sys.exit("no SARIF output: %s" % e)
counts = collections.Counter()
for run in sarif.get("runs", []):
    for result in run.get("results", []):
        counts[(result.get("ruleId"), result.get("level", "warning"))] += 1
print("findings:", sum(counts.values()))
for (rule, level), n in sorted(counts.items()):
    print("  %-28s %-8s %d" % (rule, level, n))
EOF
