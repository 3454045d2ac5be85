#!/usr/bin/env bash
# Runs dbtidy with every check on over a real project's compilation database
# and prints the figures docs/real-code.md records: translation units, the TUs
# that could not be analysed (and why), the TUs that had compiler errors but
# were analysed as far as they parsed, wall time, exit status, whether dbtidy
# crashed or hung, and the findings per check (from its SARIF output).
#
# Usage:
#   scripts/run-real-code.sh <source-dir> <build-dir> [jobs] [tu-timeout-seconds]
#
#   <source-dir>  the project's checkout: SARIF paths are made relative to it
#                 (--project-root) and dbtidy runs from it.
#   <build-dir>   holds compile_commands.json (CMake's
#                 -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or hand-written).
#   jobs          dbtidy -j (default 1: these runs share the machine).
#   tu-timeout    seconds one TU may take (default 300). With a dbtidy that
#                 has --tu-timeout (each TU in a worker process), a TU that
#                 takes longer is reported as not analysed and the run goes on;
#                 with one that has not, it only scales the whole run's limit.
#
# Environment:
#   DBTIDY       the binary (default build/bin/dbtidy of this checkout)
#   DBTIDY_ARGS  more options, e.g. --config-file=f.yaml whose ExtraArgs turn
#                off a GCC-only project's -Werror for clang
#   CHECKS       the --checks value (default '-*,db-*': every dbtidy check and
#                nothing else; with plain 'db-*' the checks the project's own
#                .clang-tidy enables run too, as in clang-tidy, e.g. libpqxx's
#                clang-analyzer-*)
#   RUN_LIMIT    hard limit in seconds for the whole run (default: TUs x
#                tu-timeout x 4); exceeding it is reported as a HANG
#   SUMMARY_ONLY set: do not run dbtidy, print the summary of the last run's
#                outputs in <build-dir> again
#
# Outputs, in <build-dir>: dbtidy.sarif (the findings), dbtidy.txt (one line
# per db-* finding, made from the SARIF), dbtidy.err (dbtidy's standard error:
# compiler diagnostics, the not-analysed list, any crash trace),
# dbtidy.status (exit status and wall time).
#
# It downloads nothing: fetch the project and make its compilation database
# by hand; docs/real-code.md lists the projects and how each was configured.
# Exit status: 0 when dbtidy exited 0, 1 or 3 (clean, gate, some TU not
# analysed) and nothing crashed; 1 on a crash or hang; 2 on bad usage.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="usage: $0 <source-dir> <build-dir> [jobs] [tu-timeout-seconds]"
src="${1:?$usage}"
build="${2:?$usage}"
jobs="${3:-1}"
tu_timeout="${4:-300}"
dbtidy="${DBTIDY:-$root/build/bin/dbtidy}"
db="$build/compile_commands.json"
[ -d "$src" ] || { echo "run-real-code: no source directory $src" >&2; exit 2; }
[ -f "$db" ] || { echo "run-real-code: no $db" >&2; exit 2; }
[ -x "$dbtidy" ] || { echo "run-real-code: no $dbtidy; build first (scripts/build.sh) or set DBTIDY" >&2; exit 2; }
src="$(cd "$src" && pwd)"
build="$(cd "$build" && pwd)"

tus=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$db")
checks="${CHECKS:--*,db-*}"
limit="${RUN_LIMIT:-$(( tus * tu_timeout * 4 ))}"

extra=()
# Options newer builds have; older ones (e.g. a snapshot) run without them.
hidden="$("$dbtidy" --help-hidden 2>/dev/null)"
if grep -q -- '--tu-timeout' <<<"$hidden"; then extra+=("--tu-timeout=$tu_timeout"); fi
if grep -q -- '--analysis-stats' <<<"$hidden"; then extra+=("--analysis-stats"); fi
if [ -z "${SUMMARY_ONLY:-}" ]; then
  # No result cache from an earlier run: every TU is analysed again.
  rm -rf "$build/.dbtidy-cache"
  rm -f "$build/dbtidy.sarif"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$src" && timeout --kill-after=30 "$limit" "$dbtidy" -p "$build" --checks="$checks" \
    -j "$jobs" --project-root="$src" ${DBTIDY_ARGS:-} "${extra[@]}" \
    --format=sarif --output="$build/dbtidy.sarif") > "$build/dbtidy.out" 2> "$build/dbtidy.err"
  status=$?
  end=$(date +%s.%N)
  wall=$(python3 -c "print('%.1f s' % ($end - $start))")
  printf '%s\n%s\n' "$status" "$wall" > "$build/dbtidy.status"
else
  # Summarise the outputs of an earlier run again, without running dbtidy.
  { read -r status; read -r wall; } < "$build/dbtidy.status"
fi

crashed=no
grep -q -E 'Stack dump:|PLEASE submit a bug report|Segmentation fault|Aborted|LLVM ERROR|terminate called' \
  "$build/dbtidy.err" && crashed=yes

echo "project:           $src"
echo "dbtidy:            $dbtidy --checks=$checks ${DBTIDY_ARGS:-} ${extra[*]} -j $jobs"
echo "translation units: $tus"
echo "wall time:         $wall"
echo "exit status:       $status (0 clean, 1 gate, 3 some TU not analysed; anything else is a failure)"
result=0
case $status in
  0|1|3) if [ $crashed = yes ]; then
           echo "crash or hang:     CRASH trace in $build/dbtidy.err (exit status $status)"; result=1
         else
           echo "crash or hang:     none"
         fi ;;
  124|137) echo "crash or hang:     HANG (the whole run exceeded ${limit}s)"; result=1 ;;
  *)     echo "crash or hang:     CRASH or error (exit status $status); see $build/dbtidy.err"; result=1 ;;
esac

python3 - "$build" "$src" <<'EOF'
import collections, json, os, re, sys
build, src = sys.argv[1], sys.argv[2]
err = open(os.path.join(build, "dbtidy.err"), errors="replace").read().splitlines()

# The TUs dbtidy could not analyse: the indented lines after its
# "N translation unit(s) could not be analysed:" line.
failed, listing = [], False
for line in err:
    if re.match(r"dbtidy: error: \d+ translation units? could not be analysed", line):
        listing = True
        continue
    if listing:
        if line.startswith("  "):
            failed.append(line.strip())
        else:
            listing = False
print("not analysed:      %d" % len(failed))
for f in failed:
    print("  " + f)

# Compiler errors: dbtidy reports them as clang-diagnostic-error results
# (and, for TUs it could not analyse at all, in the list above); such a TU
# was still analysed as far as it parsed.
for line in err:
    if "translation units checked" in line:
        print(line)

try:
    sarif = json.load(open(os.path.join(build, "dbtidy.sarif")))
except (OSError, ValueError) as e:
    sys.exit("no SARIF output: %s" % e)
counts = collections.Counter()
compiler = collections.Counter()
lines = []
for run in sarif.get("runs", []):
    for r in run.get("results", []):
        level = r.get("level", "warning")
        rule = r.get("ruleId") or "?"
        loc = (r.get("locations") or [{}])[0].get("physicalLocation", {})
        uri = loc.get("artifactLocation", {}).get("uri", "?")
        region = loc.get("region", {})
        text = (r.get("message", {}).get("text") or "").splitlines()
        if rule.startswith("clang-diagnostic"):
            compiler[uri] += 1
            continue
        counts[(rule, level)] += 1
        lines.append("%s:%s:%s: %s: %s [%s]" % (
            uri, region.get("startLine", 0), region.get("startColumn", 0),
            level, text[0] if text else "", rule))
with open(os.path.join(build, "dbtidy.txt"), "w") as out:
    out.write("\n".join(sorted(lines)) + ("\n" if lines else ""))
print("compiler errors:   %d in %d files (analysed as far as they parsed)"
      % (sum(compiler.values()), len(compiler)))
for uri, n in sorted(compiler.items()):
    print("  %s: %d" % (uri, n))
print("findings:          %d" % sum(counts.values()))
for (rule, level), n in sorted(counts.items()):
    print("  %-26s %-8s %d" % (rule, level, n))
EOF
exit $result
