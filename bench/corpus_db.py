#!/usr/bin/env python3
"""corpus_db.py OUT_DIR

Writes OUT_DIR/compile_commands.json for the check-test corpus
(test/check/**/*.cpp and *.c), with the compiler flags of each test's first
%check_dbtidy RUN line, so bench/run.py can time the tools on it. Tests
that need a library this machine lacks, or that do not compile on purpose,
are left out (each is tried once with clang-19 -fsyntax-only). A test's
--profile options are not carried over: all tools see the same flags and
the built-in profiles.
"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, ".."))
INPUTS = os.path.join(SRC, "test", "Inputs")
QT = "/usr/include/x86_64-linux-gnu/qt5"
SUBSTITUTIONS = {
    "%fake_headers": "-I" + os.path.join(INPUTS, "include"),
    "%qt_flags": " ".join(["-fPIC", "-I" + QT, "-I" + QT + "/QtCore", "-I" + QT + "/QtSql"]),
    "%inputs": INPUTS,
}


def flags_of(path):
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"\s*//\s*RUN:\s*%check_dbtidy\s+(.*)", line)
            if not m:
                continue
            text = m.group(1).replace("%S", os.path.dirname(path))
            for key, value in SUBSTITUTIONS.items():
                text = text.replace(key, value)
            words = shlex.split(text)
            separators = [i for i, w in enumerate(words) if w == "--"]
            if len(separators) < 2:
                return None
            return words[separators[1] + 1:]
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[0])
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    entries, skipped = [], 0
    files = sorted(glob.glob(os.path.join(SRC, "test", "check", "**", "*.c"), recursive=True) +
                   glob.glob(os.path.join(SRC, "test", "check", "**", "*.cpp"), recursive=True))
    for path in files:
        if os.sep + "Inputs" + os.sep in path:
            continue
        flags = flags_of(path)
        if flags is None:
            skipped += 1
            continue
        compiler = "clang-19" if path.endswith(".c") else "clang++-19"
        args = [compiler] + flags + ["-c", path]
        probe = [compiler] + flags + ["-fsyntax-only", path]
        if subprocess.run(probe, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
            skipped += 1
            continue
        entries.append({"directory": os.path.dirname(path), "file": path, "arguments": args})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    print("%d translation units (%d left out) in %s" % (len(entries), skipped, out))


if __name__ == "__main__":
    main()
