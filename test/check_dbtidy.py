#!/usr/bin/env python3
"""Runs one check test through BOTH front ends and verifies it with FileCheck.

Usage (from a lit RUN line):
  %check_dbtidy [--frontend=plugin|driver] <source> <check> <temp-prefix> \
      [-- <extra dbtidy/clang-tidy args> [-- <compiler args>]]

For each front end (the clang-tidy-19 plugin and the dbtidy driver):
  1. copy <source> to <temp-prefix>.<frontend>.<ext> with CHECK lines blanked,
  2. run the check (with --fix when the test has CHECK-FIXES lines),
  3. FileCheck the diagnostics against CHECK-MESSAGES (no other warning or
     error may appear; a test without CHECK-MESSAGES must produce none),
  4. FileCheck the fixed file against CHECK-FIXES and compile it,
and finally require both front ends to report the same diagnostics.
"""
import argparse
import os
import re
import subprocess
import sys

CHECK_LINE = re.compile(r"//\s*CHECK-[A-Z0-9-]*:[^\r\n]*")
DIAG_LINE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error|note): (?P<msg>.*)$")


def run(cmd, stdin=None):
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def fail(message, details=""):
    sys.stderr.write("check_dbtidy.py: FAIL: " + message + "\n")
    if details:
        sys.stderr.write(details if details.endswith("\n") else details + "\n")
    sys.exit(1)


def split_args(rest):
    extra, compiler = [], []
    if rest and rest[0] == "--":
        rest = rest[1:]
    if "--" in rest:
        i = rest.index("--")
        extra, compiler = rest[:i], rest[i + 1:]
    else:
        extra = rest
    return extra, compiler


def diagnostics(output, path):
    """Normalised (line, col, level, message) tuples of diagnostics in path."""
    out = []
    for line in output.splitlines():
        m = DIAG_LINE.match(line)
        if m and os.path.basename(m.group("file")) == os.path.basename(path):
            out.append((int(m.group("line")), int(m.group("col")), m.group("level"), m.group("msg")))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbtidy", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--clang", required=True)
    # NAME=VALUE set for the plugin's clang-tidy only (the ASan runtime of a
    # sanitizer build, see test/lit.cfg.py).
    parser.add_argument("--clang-tidy-env", action="append", default=[])
    parser.add_argument("--frontend", choices=["plugin", "driver", "both"], default="both")
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("source")
    parser.add_argument("check")
    parser.add_argument("temp")
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        i = argv.index("--")
        argv, rest = argv[:i], argv[i:]
    args = parser.parse_args(argv)

    extra, compiler = split_args(rest)
    with open(args.source) as f:
        text = f.read()
    suffix = ("-" + args.check_suffix.upper()) if args.check_suffix else ""
    msg_prefix = "CHECK-MESSAGES" + suffix
    fix_prefix = "CHECK-FIXES" + suffix
    has_messages = re.search(r"//\s*" + re.escape(msg_prefix) + r"(-NOT)?:", text) is not None
    has_fixes = re.search(r"//\s*" + re.escape(fix_prefix) + r"(-NOT)?:", text) is not None
    cleaned = CHECK_LINE.sub("//", text)
    ext = os.path.splitext(args.source)[1]
    if not compiler:
        compiler = ["-std=c++17"] if ext != ".c" else []

    frontends = ["plugin", "driver"] if args.frontend == "both" else [args.frontend]
    results = {}
    for frontend in frontends:
        copy = "%s.%s%s" % (args.temp, frontend, ext)
        os.makedirs(os.path.dirname(os.path.abspath(copy)), exist_ok=True)
        with open(copy, "w") as f:
            f.write(cleaned)
        checks = "-*," + args.check
        if frontend == "plugin":
            host = ["env"] + args.clang_tidy_env if args.clang_tidy_env else []
            cmd = host + [args.clang_tidy, "--load=" + args.module, "--checks=" + checks, "--header-filter=.*"]
            cmd += [a for a in extra if not a.startswith("--profile=")]
            profiles = [a[len("--profile="):] for a in extra if a.startswith("--profile=")]
            # An explicit configuration keeps any .clang-tidy around the test
            # files out of the test.
            if profiles:
                cmd.append("--config={CheckOptions: {DbTidyProfiles: '%s'}}" % ";".join(os.path.abspath(p) for p in profiles))
            else:
                cmd.append("--config={}")
        else:
            isolated = args.temp + ".clang-tidy-config"
            with open(isolated, "w") as f:
                f.write("{}\n")
            cmd = [args.dbtidy, "--checks=" + checks, "--quiet", "--header-filter=.*",
                   "--config-file=" + isolated] + extra
        if has_fixes:
            cmd.append("--fix")
        cmd += [copy, "--"] + compiler
        code, out, err = run(cmd)
        combined = out + err
        errors = [l for l in combined.splitlines() if DIAG_LINE.match(l) and DIAG_LINE.match(l).group("level") == "error"]
        if errors:
            fail("%s reported errors" % frontend, " ".join(cmd) + "\n" + combined)
        expect_failure = any(a.startswith("--warnings-as-errors") for a in extra)
        if code != 0 and not expect_failure:
            fail("%s exited with %d" % (frontend, code), " ".join(cmd) + "\n" + combined)
        diags = diagnostics(out, copy)
        results[frontend] = diags
        if has_messages:
            fc = [args.filecheck, args.source, "--check-prefix=" + msg_prefix,
                  "--implicit-check-not={{warning|error}}:"]
            code, fo, fe = run(fc, stdin=out)
            if code != 0:
                fail("%s: FileCheck %s failed" % (frontend, msg_prefix), " ".join(cmd) + "\n" + out + fe)
        else:
            warnings = [d for d in diags if d[2] in ("warning", "error")]
            if warnings:
                fail("%s: expected no findings, got:" % frontend, out)
        if has_fixes:
            fc = [args.filecheck, args.source, "--check-prefix=" + fix_prefix, "--strict-whitespace", "--input-file=" + copy]
            code, fo, fe = run(fc)
            if code != 0:
                fail("%s: FileCheck %s failed" % (frontend, fix_prefix), fe)
            # clang++ would read a .c file as C++: name the language.
            language = ["-x", "c"] if ext == ".c" else []
            code, co, ce = run([args.clang, "-fsyntax-only"] + language + [copy] + compiler)
            if code != 0:
                fail("%s: the fixed file does not compile" % frontend, ce)

    if len(results) == 2 and results["plugin"] != results["driver"]:
        fail("the plugin and the driver disagree",
             "plugin:\n  %s\ndriver:\n  %s" % ("\n  ".join(map(str, results["plugin"])),
                                               "\n  ".join(map(str, results["driver"]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
