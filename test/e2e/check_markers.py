#!/usr/bin/env python3
"""check_markers.py SRC_DIR OUTPUT CHECK...

Compares dbtidy's output against the markers in the example sources:
  // BUG(check): ...    a warning of `check` must be reported on this line
  // NOTE(check): ...   a note must point at this line
  // OK: ... (check)    no warning of `check` may be reported on this line
and no warning of the listed checks may appear on any unmarked line.
"""
import os
import re
import sys

DIAG = re.compile(r"^(?P<file>/[^:]+):(?P<line>\d+):\d+: (?P<level>warning|error|note): .*?(\[(?P<check>[a-z0-9-]+)[,\]])?$")
BUG = re.compile(r"//\s*BUG\((?P<check>[a-z0-9-]+)\)")
NOTE = re.compile(r"//\s*NOTE\((?P<check>[a-z0-9-]+)\)")
OK = re.compile(r"//\s*OK:.*\((?P<check>[a-z0-9-]+)\)\s*$")


def main():
    src_dir, output, checks = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    warnings, notes = set(), set()
    with open(output) as f:
        for line in f:
            m = DIAG.match(line.rstrip("\n"))
            if not m:
                continue
            key = (os.path.realpath(m.group("file")), int(m.group("line")))
            if m.group("level") == "note":
                notes.add(key)
            elif m.group("check") in checks:
                warnings.add(key)
    problems = []
    expected = set()
    for root, _, files in os.walk(src_dir):
        for name in sorted(files):
            if not name.endswith((".cpp", ".h")):
                continue
            path = os.path.realpath(os.path.join(root, name))
            with open(path) as f:
                for number, text in enumerate(f, 1):
                    key = (path, number)
                    bug, note, ok = BUG.search(text), NOTE.search(text), OK.search(text)
                    if bug and bug.group("check") in checks:
                        expected.add(key)
                        if key not in warnings:
                            problems.append("%s:%d: expected a %s warning" % (name, number, bug.group("check")))
                    if note and note.group("check") in checks and key not in notes:
                        problems.append("%s:%d: expected a note" % (name, number))
                    if ok and ok.group("check") in checks and key in warnings:
                        problems.append("%s:%d: false positive on an OK line" % (name, number))
    for key in sorted(warnings - expected):
        problems.append("%s:%d: warning on a line with no BUG marker" % (os.path.basename(key[0]), key[1]))
    if problems:
        print("\n".join(problems))
        return 1
    print("markers ok: %d expected findings, %d reported" % (len(expected), len(warnings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
