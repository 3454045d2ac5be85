"""check_sarif.py FILE.sarif [--rules N] [--results N] [--fixes] [--related]
[--uri-prefix P] : validates a SARIF log against what GitHub code scanning
requires and prints one line per result: "<ruleId> <uri>:<line> <fingerprint>".
Exits 1 with a message on the first violation."""
import argparse
import json
import sys


def fail(message):
    sys.stderr.write("check_sarif.py: FAIL: %s\n" % message)
    sys.exit(1)


def need(obj, key, where):
    if not isinstance(obj, dict) or key not in obj:
        fail("%s has no '%s'" % (where, key))
    return obj[key]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sarif")
    parser.add_argument("--enabled", type=int, default=None,
                        help="number of db-* rules expected")
    parser.add_argument("--results", type=int, default=None)
    parser.add_argument("--fixes", action="store_true")
    parser.add_argument("--related", action="store_true")
    args = parser.parse_args()
    with open(args.sarif) as f:
        log = json.load(f)
    if need(log, "version", "log") != "2.1.0":
        fail("version is not 2.1.0")
    if "sarif" not in need(log, "$schema", "log"):
        fail("$schema does not name the SARIF schema")
    runs = need(log, "runs", "log")
    if len(runs) != 1:
        fail("expected one run")
    run = runs[0]
    driver = need(need(run, "tool", "run"), "driver", "tool")
    if need(driver, "name", "driver") != "dbtidy":
        fail("driver.name is not dbtidy")
    rules = need(driver, "rules", "driver")
    ids = []
    for rule in rules:
        rid = need(rule, "id", "rule")
        ids.append(rid)
        for key in ("shortDescription", "fullDescription", "help"):
            if not need(need(rule, key, rid), "text", rid + "." + key):
                fail("%s.%s.text is empty" % (rid, key))
        if rid.startswith("db-"):
            uri = need(rule, "helpUri", rid)
            if not uri.endswith("docs/checks/%s.md" % rid):
                fail("%s.helpUri %s does not point at docs/checks/%s.md" % (rid, uri, rid))
    if len(set(ids)) != len(ids):
        fail("duplicate rule ids")
    db_rules = [i for i in ids if i.startswith("db-")]
    if args.enabled is not None and len(db_rules) != args.enabled:
        fail("expected %d db-* rules, got %d" % (args.enabled, len(db_rules)))
    results = need(run, "results", "run")
    if args.results is not None and len(results) != args.results:
        fail("expected %d results, got %d" % (args.results, len(results)))
    base = need(run, "originalUriBaseIds", "run")
    if not need(need(base, "%SRCROOT%", "originalUriBaseIds"), "uri", "%SRCROOT%").endswith("/"):
        fail("%SRCROOT% uri must end with /")
    fingerprints = set()
    saw_fix = saw_related = False
    for r in results:
        rid = need(r, "ruleId", "result")
        if rid not in ids:
            fail("result ruleId %s is not a rule" % rid)
        if ids[need(r, "ruleIndex", "result")] != rid:
            fail("ruleIndex does not match ruleId")
        if r.get("level") not in ("warning", "error", "note"):
            fail("bad level %r" % r.get("level"))
        if not need(need(r, "message", "result"), "text", "message"):
            fail("empty message")
        locations = need(r, "locations", "result")
        if not locations:
            # A diagnostic without a place (clang's "too many errors
            # emitted"): no location and no fingerprint, but a message.
            if "partialFingerprints" in r:
                fail("a result without a location has a fingerprint")
            print("%s (no location) %s" % (rid, r["message"]["text"]))
            continue
        loc = need(locations[0], "physicalLocation", "location")
        uri = need(need(loc, "artifactLocation", "physicalLocation"), "uri", "artifactLocation")
        if uri in ("", "file://") or uri.endswith("/"):
            fail("result artifact URI %r names no file" % uri)
        region = need(loc, "region", "physicalLocation")
        line = need(region, "startLine", "region")
        if not isinstance(line, int) or line < 1:
            fail("startLine must be a positive integer")
        if not rid.startswith("db-") and "partialFingerprints" not in r:
            # Compiler diagnostics carry no fingerprint of ours.
            print("%s %s:%d" % (rid, uri, line))
            continue
        fp = need(need(r, "partialFingerprints", "result"), "dbtidyFingerprint/v1", "partialFingerprints")
        if fp in fingerprints:
            fail("duplicate fingerprint " + fp)
        fingerprints.add(fp)
        for rel in r.get("relatedLocations", []):
            saw_related = True
            need(rel, "message", "relatedLocation")
            need(need(rel, "physicalLocation", "relatedLocation"), "region", "relatedLocation")
        for fix in r.get("fixes", []):
            saw_fix = True
            for change in need(fix, "artifactChanges", "fix"):
                need(need(change, "artifactLocation", "artifactChange"), "uri", "artifactLocation")
                for rep in need(change, "replacements", "artifactChange"):
                    need(rep, "deletedRegion", "replacement")
                    need(need(rep, "insertedContent", "replacement"), "text", "insertedContent")
        print("%s %s:%d %s" % (rid, uri, line, fp))
    if args.fixes and not saw_fix:
        fail("no result has fixes")
    if args.related and not saw_related:
        fail("no result has relatedLocations")
    print("sarif ok: %d rules, %d results" % (len(rules), len(results)))


if __name__ == "__main__":
    main()
