#!/usr/bin/env python3
"""run.py -p BUILD_DIR [--runs N] [--limit N] [--per-tu] [--dbtidy-build DIR]

Times, on the same translation units of a compilation database:

  floor     clang-19 -fsyntax-only with the TU's own flags
  tidy1     clang-tidy-19 with one cheap built-in check
  plugin    clang-tidy-19 --load=DbTidyModule.so with every db-* check
  dbtidy    the dbtidy driver with every db-* check (per TU, no cross-TU
            facts, no result cache)

Each command runs --runs times per TU; the median wall time is kept and the
peak resident memory (the largest of the runs) recorded. It prints the per-TU
figures with --per-tu, then the totals and each tool's ratio to the floor.
Then the whole-project runs of the driver (cross-TU facts included, a fresh
result cache each time) with -j1 and -j<cores>, against the sum of the
floors, and a re-run with nothing changed against the cold -j1 run.

Runs on an idle machine give the only numbers worth quoting; the script does
not try to be clever about noise beyond taking medians.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CHEAP_CHECK = "readability-else-after-return"
HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, cwd):
    """Runs cmd; returns (seconds, peak RSS in MiB, exit status)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, code


def syntax_only_command(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    # C files as C, whatever driver name the database records.
    out, skip = ["clang-19" if entry["file"].endswith(".c") else "clang++-19"], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-c",):
            continue
        if a == "-o":
            skip = True
            continue
        if a.startswith("-o") and len(a) > 2:
            continue
        out.append(a)
    return out + ["-fsyntax-only"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", dest="build_dir", required=True,
                        help="directory with compile_commands.json")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="time only the first N TUs")
    parser.add_argument("--per-tu", action="store_true")
    parser.add_argument("--dbtidy-build", default=os.path.join(HERE, "..", "build"),
                        help="dbtidy's build directory (bin/dbtidy, lib/DbTidyModule.so)")
    parser.add_argument("--no-project", action="store_true",
                        help="skip the whole-project runs")
    args = parser.parse_args()

    build = os.path.abspath(args.dbtidy_build)
    dbtidy = os.path.join(build, "bin", "dbtidy")
    module = os.path.join(build, "lib", "DbTidyModule.so")
    for needed in (dbtidy, module):
        if not os.path.exists(needed):
            sys.exit("run.py: %s not found; build dbtidy first (scripts/build.sh)" % needed)
    db_path = os.path.join(args.build_dir, "compile_commands.json")
    try:
        with open(db_path) as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("run.py: cannot read %s: %s" % (db_path, e))
    if args.limit:
        entries = entries[:args.limit]
    p = os.path.abspath(args.build_dir)
    sources_root = os.path.commonpath([os.path.dirname(e["file"]) for e in entries]) if entries else p

    tools = {
        "floor": lambda e: syntax_only_command(e),
        "tidy1": lambda e: ["clang-tidy-19", "--checks=-*," + CHEAP_CHECK, "-p", p, e["file"]],
        "plugin": lambda e: ["clang-tidy-19", "--load=" + module, "--checks=-*,db-*",
                             "-p", p, e["file"]],
        "dbtidy": lambda e: [dbtidy, "--checks=-*,db-*", "--no-cross-tu", "--no-cache",
                             "--quiet", "-p", p, e["file"]],
    }
    order = ["floor", "tidy1", "plugin", "dbtidy"]
    totals = {t: 0.0 for t in order}
    peaks = {t: 0.0 for t in order}
    failures = []
    if args.per_tu:
        print("%-48s %9s %9s %9s %9s   %s" % ("TU", *order, "dbtidy/floor"))
    for e in entries:
        medians = {}
        for t in order:
            times = []
            for _ in range(args.runs):
                secs, rss, code = timed(tools[t](e), e["directory"])
                times.append(secs)
                peaks[t] = max(peaks[t], rss)
                # dbtidy and clang-tidy exit 1 for findings promoted to errors
                # only; the floor must compile.
                if (t == "floor" and code != 0) or code not in (0, 1):
                    failures.append("%s exited %d on %s" % (t, code, e["file"]))
            medians[t] = statistics.median(times)
            totals[t] += medians[t]
        if args.per_tu:
            name = os.path.relpath(e["file"], sources_root)
            print("%-48s %8.3fs %8.3fs %8.3fs %8.3fs   %.3f" % (
                name[-48:], *(medians[t] for t in order), medians["dbtidy"] / medians["floor"]))

    print()
    print("%d translation units from %s, median of %d runs each" % (len(entries), db_path, args.runs))
    print("%-8s %10s %8s %12s" % ("tool", "total", "ratio", "peak RSS"))
    for t in order:
        print("%-8s %9.2fs %7.3fx %9.0f MiB" % (t, totals[t], totals[t] / totals["floor"], peaks[t]))

    if not args.no_project and not args.limit:
        cache = tempfile.mkdtemp(prefix="dbtidy-bench-cache.")
        base = [dbtidy, "--checks=-*,db-*", "--quiet", "-p", p, "--cache-dir=" + cache]
        print()
        print("whole project (dbtidy -p, cross-TU facts included), sum of floors %.2fs" % totals["floor"])
        print("%-26s %9s %10s %10s" % ("run", "wall", "ratio", "peak RSS"))
        cold = {}
        for j in sorted({1, os.cpu_count() or 1}):
            times, peak = [], 0.0
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                secs, rss, code = timed(base + ["-j%d" % j], p)
                times.append(secs)
                peak = max(peak, rss)
                if code not in (0, 1):
                    failures.append("whole-project run -j%d exited %d" % (j, code))
            cold[j] = statistics.median(times)
            print("%-26s %8.2fs %8.3fx  %6.0f MiB   (x the floor)" % (
                "cold -j%d" % j, cold[j], cold[j] / totals["floor"], peak))
        if len(cold) > 1:
            print("%-26s %8.2fx" % ("speed-up -j%d over -j1" % max(cold), cold[1] / cold[max(cold)]))
        # The cache is warm from the last cold run.
        times, peak = [], 0.0
        for _ in range(args.runs):
            secs, rss, code = timed(base + ["-j1"], p)
            times.append(secs)
            peak = max(peak, rss)
            if code not in (0, 1):
                failures.append("warm re-run exited %d" % code)
        warm = statistics.median(times)
        print("%-26s %8.2fs %8.3fx  %6.0f MiB   (x the cold -j1 run)" % (
            "re-run, nothing changed", warm, warm / cold[1], peak))
        shutil.rmtree(cache, ignore_errors=True)
    if failures:
        print()
        print("failures:")
        for f in failures:
            print("  " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
