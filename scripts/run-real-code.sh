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
#   RUN_LIMIT    hard limit in seconds for the whole run (default: TUs x
#                tu-timeout x 4); exceeding it is reported as a HANG
#
# Outputs, in <build-dir>: dbtidy.sarif (the findings), dbtidy.txt (one line
# per finding, made from the SARIF), dbtidy.err (dbtidy's standard error:
# compiler diagnostics, the not-analysed list, any crash trace).
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
limit="${RUN_LIMIT:-$(( tus * tu_timeout * 4 ))}"

extra=()
# Options newer builds have; older ones (e.g. a snapshot) run without them.
hidden="$("$dbtidy" --help-hidden 2>/dev/null)"
if grep -q -- '--tu-timeout' <<<"$hidden"; then extra+=("--tu-timeout=$tu_timeout"); fi
if grep -q -- '--analysis-stats' <<<"$hidden"; then extra+=("--analysis-stats"); fi
# No result cache from an earlier run: every TU is analysed again.
rm -rf "$build/.dbtidy-cache"
rm -f "$build/dbtidy.sarif"

start=$(date +%s.%N)
# shellcheck disable=SC2086
(cd "$src" && timeout --kill-after=30 "$limit" "$dbtidy" -p "$build" --checks='db-*' \
  -j "$jobs" --project-root="$src" ${DBTIDY_ARGS:-} "${extra[@]}" \
  --format=sarif --output="$build/dbtidy.sarif") > "$build/dbtidy.out" 2> "$build/dbtidy.err"
status=$?
end=$(date +%s.%N)

crashed=no
grep -q -E 'Stack dump:|PLEASE submit a bug report|Segmentation fault|Aborted|LLVM ERROR|terminate called' \
  "$build/dbtidy.err" && crashed=yes

echo "project:           $src"
echo "dbtidy:            $dbtidy ${DBTIDY_ARGS:-} ${extra[*]} -j $jobs"
echo "translation units: $tus"
echo "wall time:         $(python3 -c "print('%.1f s' % ($end - $start))")"
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

# Files with compiler errors (the TU was analysed as far as it parsed).
errfiles = collections.Counter()
for line in err:
    m = re.match(r"(/[^:]+|[^/ :][^:]*):\d+:\d+: (?:fatal )?error: (.*)", line)
    if m:
        errfiles[m.group(1)] += 1
print("files with compiler errors: %d" % len(errfiles))
for f, n in sorted(errfiles.items()):
    first = next(l for l in err if l.startswith(f + ":") and " error: " in l)
    print("  %s (%d): %s" % (os.path.relpath(f, src) if f.startswith("/") else f, n,
                              first.split(" error: ", 1)[1][:100]))
for line in err:
    if "translation units checked" in line:
        print(line)

try:
    sarif = json.load(open(os.path.join(build, "dbtidy.sarif")))
except (OSError, ValueError) as e:
    sys.exit("no SARIF output: %s" % e)
counts = collections.Counter()
lines = []
for run in sarif.get("runs", []):
    for r in run.get("results", []):
        level = r.get("level", "warning")
        counts[(r.get("ruleId"), level)] += 1
        loc = (r.get("locations") or [{}])[0].get("physicalLocation", {})
        region = loc.get("region", {})
        lines.append("%s:%s:%s: %s: %s [%s]" % (
            loc.get("artifactLocation", {}).get("uri", "?"),
            region.get("startLine", 0), region.get("startColumn", 0), level,
            r.get("message", {}).get("text", "").splitlines()[0] if r.get("message", {}).get("text") else "",
            r.get("ruleId")))
with open(os.path.join(build, "dbtidy.txt"), "w") as out:
    out.write("\n".join(sorted(lines)) + ("\n" if lines else ""))
print("findings:          %d" % sum(counts.values()))
for (rule, level), n in sorted(counts.items()):
    print("  %-26s %-8s %d" % (rule, level, n))
EOF
exit $result
