#!/usr/bin/env python3
"""Applies every fix-it of all db-* checks to the whole test corpus.

For each check test (test/check/**/*.cpp and *.c) and each source of the
example project (examples/shop, when CMake can configure it), in a copy in a
temporary directory:

  1. `dbtidy --checks=-*,db-* --fix` with the compiler flags of the test's
     RUN line (the example's from its compile database),
  2. the fixed file must compile (clang++-19 / clang-19 -fsyntax-only) if the
     original did,
  3. a second `dbtidy --fix` must apply nothing and leave the file
     byte-identical: no finding has a fix-it left,
  4. a file whose run had no fix-it to apply must be byte-identical.

Prints one line per file and the totals (files, fix-its applied, skipped as
conflicting, skipped as touching macros, compile failures, second-run
leftovers); exits 1 on any failure. See docs/fix-safety.md.

  scripts/fix-corpus.py --dbtidy build/bin/dbtidy [-j N] [--keep DIR] [FILE...]
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "test"))
from check_dbtidy import split_args  # noqa: E402  (the RUN line's "-- extra -- compiler")

INPUTS = os.path.join(ROOT, "test", "Inputs")
QT_ROOT = "/usr/include/x86_64-linux-gnu/qt5"
# The substitutions of test/lit.cfg.py that RUN lines of check tests use.
SUBSTITUTIONS = [
    ("%fake_headers", "-I" + os.path.join(INPUTS, "include")),
    ("%qt_flags", " ".join(["-fPIC", "-I" + QT_ROOT, "-I" + QT_ROOT + "/QtCore",
                            "-I" + QT_ROOT + "/QtSql"])),
    ("%inputs", INPUTS),
]
# lit's REQUIRES features (test/lit.cfg.py): a header that must exist.
FEATURES = {
    "sqlitecpp": "/usr/include/SQLiteCpp/SQLiteCpp.h",
    "pqxx": "/usr/include/pqxx/pqxx",
    "soci": "/usr/include/soci/soci.h",
    "qt5": QT_ROOT + "/QtSql/QSqlQuery",
    "poco": "/usr/include/Poco/Data/Session.h",
    "sqlite3": "/usr/include/sqlite3.h",
    "libpq": "/usr/include/postgresql/libpq-fe.h",
}

APPLIED = re.compile(r"^dbtidy: applied (\d+) of (\d+) suggested fix", re.M)
# clang-tidy drops the fix of one of two overlapping findings of a TU with
# this note; the driver's own check (fixes of different TUs) says "overlaps
# another fix".
CONFLICT_NOTE = re.compile(r"note: (this fix will not be applied because it "
                           r"overlaps with another fix|the fix of \[.*\] is not "
                           r"applied: it overlaps another fix)")
MACRO_NOTE = re.compile(r"note: fix-it not applied: it touches a macro expansion")


class Case:
    def __init__(self, source, name, extra, compiler, language):
        self.source = source      # absolute path of the original
        self.name = name          # shown in the results
        self.extra = extra        # dbtidy options (--profile=...)
        self.compiler = compiler  # compiler arguments
        self.language = language  # "c" or "c++"


def substitute(line, source):
    for key, value in SUBSTITUTIONS:
        line = line.replace(key, value)
    return line.replace("%S", os.path.dirname(source)).replace("%s", source)


def cases_of_test(path):
    """The distinct configurations of the %check_dbtidy RUN lines of path;
    [] when a REQUIRES feature is missing (the string says which)."""
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    for m in re.finditer(r"//\s*REQUIRES:(.*)", text):
        for feature in m.group(1).replace(",", " ").split():
            if feature in FEATURES and not os.path.exists(FEATURES[feature]):
                return "requires " + feature
    seen, out = set(), []
    for m in re.finditer(r"//\s*RUN:\s*%check_dbtidy(.*)", text):
        words = shlex.split(substitute(m.group(1), path))
        if "--" in words:
            rest = words[words.index("--"):]
        else:
            rest = []
        extra, compiler = split_args(rest)
        language = "c" if path.endswith(".c") else "c++"
        if not compiler:
            compiler = ["-std=c++17"] if language == "c++" else []
        # The copy lives elsewhere: its quoted includes are found here.
        compiler = compiler + ["-I" + os.path.dirname(path)]
        key = (tuple(extra), tuple(compiler))
        if key in seen:
            continue
        seen.add(key)
        out.append(Case(path, os.path.relpath(path, ROOT), extra, compiler, language))
    return out or "no %check_dbtidy RUN line"


def example_cases(workdir):
    """The example project's sources with their flags from its compile
    database; a string saying why not when CMake cannot configure it."""
    build = os.path.join(workdir, "examples-build")
    try:
        proc = subprocess.run(["cmake", "-S", os.path.join(ROOT, "examples", "shop"), "-B", build,
                               "-G", "Ninja", "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except OSError as e:
        return "cannot run cmake: %s" % e
    db = os.path.join(build, "compile_commands.json")
    if proc.returncode != 0 or not os.path.exists(db):
        last = proc.stdout.strip().splitlines()[-1:]
        return "cannot configure examples/shop" + (": " + last[0] if last else "")
    with open(db) as f:
        entries = json.load(f)
    out = []
    for e in entries:
        args = e.get("arguments") or shlex.split(e["command"])
        source = os.path.normpath(os.path.join(e["directory"], e["file"]))
        flags = []
        skip = False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-c", "-MF", "-MT", "-MQ"):
                skip = a != "-c"
                continue
            if a == e["file"] or os.path.normpath(os.path.join(e["directory"], a)) == source:
                continue
            if a.startswith("-I") and len(a) > 2 and not os.path.isabs(a[2:]):
                a = "-I" + os.path.normpath(os.path.join(e["directory"], a[2:]))
            if a in ("-MD", "-MMD"):
                continue
            flags.append(a)
        flags.append("-I" + os.path.dirname(source))
        out.append(Case(source, os.path.relpath(source, ROOT), [], flags, "c++"))
    return out


def tree_snapshot():
    """Size and modification time of every file under test/ and examples/:
    the fixes must only ever touch the copies."""
    out = {}
    for top in ("test", "examples"):
        for dirpath, dirs, names in os.walk(os.path.join(ROOT, top)):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for n in names:
                path = os.path.join(dirpath, n)
                st = os.lstat(path)
                out[path] = (st.st_size, st.st_mtime_ns)
    return out


def run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, errors="replace")
    return proc.returncode, proc.stdout, proc.stderr


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def process(case, index, args, workdir):
    """Runs one case; returns a dict of figures and failures."""
    r = {"name": case.name, "applied": 0, "groups": 0, "conflicting": 0,
         "macro": 0, "compile_failure": False, "leftover": False,
         "changed_untouched": False, "errors": [], "status": "ok"}
    d = os.path.join(workdir, "%03d" % index)
    os.makedirs(d)
    copy = os.path.join(d, os.path.basename(case.source))
    shutil.copyfile(case.source, copy)
    config = os.path.join(d, "config.yaml")
    with open(config, "w") as f:
        f.write("{}\n")
    original = read_bytes(copy)
    tidy = [args.dbtidy, "--checks=-*,db-*", "--config-file=" + config,
            "--fix"] + case.extra + [copy, "--"] + case.compiler
    language = ["-x", "c"] if case.language == "c" else []
    compile_cmd = [args.clang, "-fsyntax-only"] + language + [copy] + case.compiler

    code, out, err = run(tidy)
    log = out + err
    m = APPLIED.search(err)
    if m:
        r["applied"], r["groups"] = int(m.group(1)), int(m.group(2))
    r["conflicting"] = len(CONFLICT_NOTE.findall(log))
    r["macro"] = len(MACRO_NOTE.findall(log))
    if code not in (0, 1) or re.search(r"^(%s:\d+:\d+: |dbtidy: )error: " % re.escape(copy),
                                       log, re.M):
        r["errors"].append("the first dbtidy run failed (exit %d):\n%s" % (code, log))
    fixed = read_bytes(copy)
    if fixed != original:
        ccode, _, cerr = run(compile_cmd)
        if ccode != 0:
            # A failure only when the original compiled.
            with open(copy, "wb") as f:
                f.write(original)
            ocode, _, _ = run(compile_cmd)
            with open(copy, "wb") as f:
                f.write(fixed)
            if ocode == 0:
                r["compile_failure"] = True
                r["errors"].append("the fixed file does not compile:\n" + cerr)
    elif r["applied"]:
        r["errors"].append("%d fixes reported applied, but the file is unchanged" % r["applied"])
    if r["applied"] == 0 and fixed != original:
        r["changed_untouched"] = True
        r["errors"].append("no fix was applied, but the file changed")
    if fixed != original or r["groups"]:
        code2, out2, err2 = run(tidy)
        m2 = APPLIED.search(err2)
        again = int(m2.group(1)) if m2 else 0
        if again or read_bytes(copy) != fixed:
            r["leftover"] = True
            r["errors"].append("the second run applied %d more fixes:\n%s" % (again, out2 + err2))
    if r["errors"]:
        r["status"] = "FAIL"
        if args.keep:
            shutil.copyfile(case.source, copy + ".orig")
    return r


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dbtidy", default=os.path.join(ROOT, "build", "bin", "dbtidy"))
    parser.add_argument("--clang", default=shutil.which("clang++-19") or "clang++",
                        help="compiler for -fsyntax-only (C files get -x c)")
    parser.add_argument("-j", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-examples", action="store_true",
                        help="only the check tests")
    parser.add_argument("--keep", metavar="DIR",
                        help="work in DIR and keep it (default: a temporary directory)")
    parser.add_argument("files", nargs="*", help="check tests to run (default: all)")
    args = parser.parse_args()
    args.dbtidy = os.path.abspath(args.dbtidy)
    start = time.time()

    workdir = args.keep or tempfile.mkdtemp(prefix="dbtidy-fix-corpus-")
    if args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
    try:
        tests = [os.path.abspath(f) for f in args.files] or sorted(
            glob.glob(os.path.join(ROOT, "test", "check", "**", "*.cpp"), recursive=True) +
            glob.glob(os.path.join(ROOT, "test", "check", "**", "*.c"), recursive=True))
        tests = [t for t in tests if "/Inputs/" not in t]
        cases, skipped = [], []
        for t in tests:
            c = cases_of_test(t)
            if isinstance(c, str):
                skipped.append((os.path.relpath(t, ROOT), c))
            else:
                cases.extend(c)
        if not args.files and not args.no_examples:
            c = example_cases(workdir)
            if isinstance(c, str):
                skipped.append(("examples/shop", c))
            else:
                cases.extend(c)

        before = tree_snapshot()
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
            results = list(pool.map(lambda ic: process(ic[1], ic[0], args, workdir),
                                    enumerate(cases)))
        after = tree_snapshot()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    for r in results:
        notes = []
        if r["groups"]:
            notes.append("%d of %d fixes applied" % (r["applied"], r["groups"]))
        if r["conflicting"]:
            notes.append("%d conflicting" % r["conflicting"])
        if r["macro"]:
            notes.append("%d touching macros" % r["macro"])
        print("%-4s %s%s" % (r["status"], r["name"], (": " + ", ".join(notes)) if notes else ""))
        for e in r["errors"]:
            print("     " + e.rstrip().replace("\n", "\n     "))
    for name, why in skipped:
        print("SKIP %s: %s" % (name, why))
    touched = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    for p in touched:
        print("FAIL %s: changed in the source tree, not in a copy" % os.path.relpath(p, ROOT))
    total = lambda k: sum(int(r[k]) for r in results)
    failures = [r for r in results if r["errors"]]
    print("fix-corpus: %d files (%d skipped), %d fix-its applied in %d files, "
          "%d skipped as conflicting, %d skipped as touching macros, "
          "%d compile failures, %d second-run leftovers, %d other failures; %.1f s with -j%d"
          % (len(results), len(skipped), total("applied"),
             sum(1 for r in results if r["applied"]), total("conflicting"), total("macro"),
             total("compile_failure"), total("leftover"),
             sum(1 for r in failures if not r["compile_failure"] and not r["leftover"]),
             time.time() - start, args.j))
    return 1 if failures or touched else 0


if __name__ == "__main__":
    sys.exit(main())
