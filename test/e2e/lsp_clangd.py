"""End-to-end test of dbtidy-clangd as an editor runs it (see clangd-lsp.test).

Builds a temporary workspace (sources, compile_commands.json, a .clang-tidy
enabling db-* and two of clang-tidy's own checks and naming the facts of a
dbtidy --export-facts run, a .dbtidy.yaml describing the sources' data
layer), starts dbtidy-clangd in it and speaks LSP over stdio: initialize,
didOpen, publishDiagnostics, didChange, codeAction, completion, definition,
shutdown, exit. Then runs the same binary from an install-like prefix.
Prints the time from didOpen to the first db-* diagnostic.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import LSPClient, LSPError, is_db, path_uri  # noqa: E402

SOURCE = """\
// The shop's repository layer, described by the workspace's .dbtidy.yaml.
#include <cstddef>
#include <vector>

namespace shop {
struct Order { int id; int customerId; };
struct Customer { int id; };
class OrderRepository {
public:
  std::vector<Order> findAll();
  Customer findCustomer(int id); // DECL
};
} // namespace shop

namespace legacy { int oldHelper(); }
using legacy::oldHelper; // UNUSED-USING
std::size_t countCustomers(shop::OrderRepository &repo) {
  std::size_t n = 0;
  for (const shop::Order &o : repo.findAll()) { // LOOP
    repo.findCustomer(o.customerId); // FIND
    ++n;
  }
  return n;
}

int constCandidate() {
  int value = 42; // CONST
  return value;
}

int missingReturn(int x) {
  if (x > 0)
    return 1;
} // NORETURN
"""

# Appended by the edit: a second N+1 loop.
EDIT = """
int countAgain(shop::OrderRepository &repo) {
  int n = 0;
  for (const shop::Order &o : repo.findAll())
    n += repo.findCustomer(o.customerId).id; // FIND2
  return n;
}
"""

# A second part of the workspace: a loop in report.cpp calling a function
# that lookup.cpp defines, known in the editor only from dbtidy's facts.
SHOP_H = """\
#pragma once
#include <vector>
namespace shop {
struct Order { int id; int customerId; };
struct Customer { int id; };
class OrderRepository {
public:
  std::vector<Order> findAll();
  Customer findCustomer(int id);
};
Customer customerOf(OrderRepository &repo, const Order &o); // in lookup.cpp
} // namespace shop
"""

LOOKUP = """\
#include "shop.h"
namespace shop {
Customer customerOf(OrderRepository &repo, const Order &o) {
  return repo.findCustomer(o.customerId); // FETCH
}
} // namespace shop
"""

REPORT = """\
#include "shop.h"
int countViaHelper(shop::OrderRepository &repo) {
  int n = 0;
  for (const shop::Order &o : repo.findAll()) // LOOP
    n += shop::customerOf(repo, o).id; // CROSS
  return n;
}
"""

# A third: TinyORM models (the fake headers of test/Inputs/include), a
# relation read once per row, which db-lazy-load-in-loop fixes by eager
# loading.
POSTS = """\
#include <orm/tiny/model.hpp>

class User;

class Post final : public Orm::Tiny::Model<Post, User> {
  friend Model;
  using Model::Model;
};

class User final : public Orm::Tiny::Model<User> {
  friend Model;
  using Model::Model;
};

int authoredPosts() {
  int n = 0;
  for (auto &post : Post::all()) // POSTS
    if (post.getRelationValue<User, Orm::One>("author")) // AUTHOR
      ++n;
  return n;
}
"""

CLANG_TIDY = """\
# db-* as for the plugin; misc-unused-using-decls is one of clangd's fast
# checks (it has a fix-it), misc-const-correctness one of its slow ones, which
# clangd's default FastCheckFilter drops. DbTidyFacts: the facts of a dbtidy
# run, as for the plugin.
Checks: '-*,db-*,misc-unused-using-decls,misc-const-correctness'
CheckOptions:
  DbTidyFacts: '%s'
"""

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def line_of(text, marker):
    for i, line in enumerate(text.splitlines()):
        if marker in line:
            return i
    raise AssertionError("marker %s not in source" % marker)


def position(text, marker, needle, offset=0):
    line = line_of(text, marker)
    col = text.splitlines()[line].index(needle) + offset
    return {"line": line, "character": col}


def offset_to_position(text, offset):
    before = text.encode("utf-8")[:offset].decode("utf-8")
    line = before.count("\n")
    return {"line": line, "character": len(before) - (before.rfind("\n") + 1)}


def apply_edits(text, edits):
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def index(pos):
        return starts[pos["line"]] + pos["character"]
    for e in sorted(edits, key=lambda e: index(e["range"]["start"]), reverse=True):
        text = text[:index(e["range"]["start"])] + e["newText"] + text[index(e["range"]["end"]):]
    return text


def driver_fixes(dbtidy, workspace, source, text):
    """The fix-its the dbtidy driver exports for the db-* findings of source."""
    fixes_file = os.path.join(workspace, os.path.basename(source) + ".fixes.yaml")
    if os.path.exists(fixes_file):
        os.remove(fixes_file)
    subprocess.run([dbtidy, "-p", workspace, "--checks=-*,db-*", "--quiet",
                    "--export-fixes=" + fixes_file, source],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.exists(fixes_file):
        return {}
    with open(fixes_file, encoding="utf-8") as f:
        return parse_exported_fixes(f.read(), text, "db-")


def parse_exported_fixes(doc, text, prefix):
    """{(line, col) of a finding: [(start pos, end pos, new text), ...]} from
    clang-tidy's --export-fixes YAML: the replacements of the finding and of
    its notes (clangd offers both as quick fixes)."""
    result = {}
    for entry in re.split(r"\n  - DiagnosticName:\s*", doc)[1:]:
        name = entry.split("\n", 1)[0].strip().strip("'")
        if not name.startswith(prefix):
            continue
        offset = int(re.search(r"FileOffset:\s*(\d+)", entry).group(1))
        replacements = []
        for m in re.finditer(r"\bOffset:\s*(\d+)\s*\n\s*Length:\s*(\d+)\s*\n\s*"
                             r"ReplacementText:\s*'((?:[^']|'')*)'", entry):
            start, length = int(m.group(1)), int(m.group(2))
            replacements.append((offset_to_position(text, start),
                                 offset_to_position(text, start + length),
                                 m.group(3).replace("''", "'")))
        pos = offset_to_position(text, offset)
        result[(pos["line"], pos["character"])] = replacements
    return result


def check_quick_fixes(client, dbtidy, workspace, path, text, findings):
    """Asks for the code actions of each db-* finding and checks that its quick
    fixes carry exactly the fix-its the dbtidy driver exports for it. Returns
    the quick fixes with edits that were checked."""
    expected = driver_fixes(dbtidy, workspace, path, text)
    checked = []
    for finding in findings:
        name = "%s at line %d" % (finding["code"], finding["range"]["start"]["line"] + 1)
        start = finding["range"]["start"]
        wanted = expected.get((start["line"], start["character"]))
        check(wanted is not None, "the driver reports the same finding (%s)" % name)
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": path_uri(path)}, "range": finding["range"],
            "context": {"diagnostics": [finding]}})
        check(isinstance(actions, list), "codeAction on %s answers a list" % name)
        quickfixes = [a for a in actions or [] if a.get("kind") == "quickfix"]
        if wanted:
            got = sorted((e["range"]["start"]["line"], e["range"]["start"]["character"],
                          e["range"]["end"]["line"], e["range"]["end"]["character"], e["newText"])
                         for a in quickfixes
                         for e in a.get("edit", {}).get("changes", {}).get(path_uri(path), []))
            want = sorted((s["line"], s["character"], e["line"], e["character"], t)
                          for s, e, t in wanted)
            if check(got == want and quickfixes,
                     "quick fix for %s carries the check's fix-it as an edit: %s"
                     % (name, [q.get("title") for q in quickfixes])):
                checked += quickfixes
        else:
            print("     %s: its check made no fix-it, so no quick fix is expected" % name)
            check(quickfixes == [], "no quick fix invented for %s" % name)
    return checked


def check_doc_link(diag, expected_doc):
    href = diag.get("codeDescription", {}).get("href", "")
    check("clang.llvm.org" not in href and href.endswith("/db-query-in-loop.md"),
          "the finding links to docs/checks/db-query-in-loop.md, not clang.llvm.org: %s" % href)
    if href.startswith("file://"):
        check(href == path_uri(expected_doc), "the link is %s" % path_uri(expected_doc))


def make_workspace(root, inputs, dbtidy):
    src = os.path.join(root, "src")
    os.makedirs(src)
    files = {"orders.cpp": SOURCE, "shop.h": SHOP_H, "lookup.cpp": LOOKUP, "report.cpp": REPORT,
             "posts.cpp": POSTS}
    for name, text in files.items():
        with open(os.path.join(src, name), "w", encoding="utf-8") as f:
            f.write(text)
    shutil.copy(os.path.join(inputs, "profiles", "shop.yaml"), os.path.join(root, ".dbtidy.yaml"))
    units = [os.path.join(src, name) for name in files if name.endswith(".cpp")]
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump([{"directory": root, "file": unit,
                    "arguments": ["clang++", "-std=c++17", "-I" + os.path.join(inputs, "include"),
                                  "-c", unit]} for unit in units], f)
    # The facts of a dbtidy run over the whole compilation database.
    facts = os.path.join(root, "build", "dbtidy-facts.json")
    os.makedirs(os.path.dirname(facts))
    subprocess.run([dbtidy, "-p", root, "--checks=-*,db-*", "--quiet", "--export-facts=" + facts],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    check(os.path.exists(facts), "dbtidy --export-facts wrote the workspace's facts")
    with open(os.path.join(root, ".clang-tidy"), "w") as f:
        f.write(CLANG_TIDY % facts)
    return os.path.join(src, "orders.cpp")


def session_env(workdir):
    env = dict(os.environ)
    # No user configuration (~/.config/clangd/config.yaml) and no extra flags.
    env["XDG_CONFIG_HOME"] = os.path.join(workdir, "xdg")
    env.pop("CLANGD_FLAGS", None)
    return env


def main_session(clangd, dbtidy, workspace, source, src_root, workdir):
    client = LSPClient([clangd], cwd=workspace, env=session_env(workdir),
                       stderr_path=os.path.join(workdir, "clangd.log"))
    db_quick_fixes = []
    try:
        client.initialize(workspace)
        opened = client.open(source, SOURCE)
        found = client.wait_diagnostics(source, lambda d: any(map(is_db, d)), timeout=180)
        if not check(found is not None, "db-* diagnostics published after didOpen"):
            return
        index, when, msg = found
        print("time from didOpen to the first db-* diagnostic: %.2fs" % (when - opened))
        diags = msg["params"]["diagnostics"]
        for d in diags:
            print("     diagnostic %s:%d: %s [%s]" % (d.get("source"), d["range"]["start"]["line"] + 1,
                                                     d["message"], d.get("code")))

        # The db-* finding, on open.
        db = [d for d in diags if is_db(d)]
        check(len(db) == 1, "exactly one db-* diagnostic on open")
        finding = db[0]
        find_line = line_of(SOURCE, "// FIND")
        check(finding["code"] == "db-query-in-loop" and finding.get("source") == "clang-tidy"
              and finding["range"]["start"]["line"] == find_line and finding.get("severity") == 2,
              "db-query-in-loop warning at the call in the loop (line %d)" % (find_line + 1))
        check("findCustomer" in finding["message"], "the message names the call")
        related = finding.get("relatedInformation", [])
        check(any(r["location"]["uri"] == path_uri(source)
                  and r["location"]["range"]["start"]["line"] == line_of(SOURCE, "// LOOP")
                  for r in related),
              "the note about the loop is related information at the loop")
        check_doc_link(finding, os.path.join(src_root, "docs", "checks", "db-query-in-loop.md"))

        # clangd's own diagnostics and built-in checks are still there.
        check(not any(d.get("severity") == 1 for d in diags),
              "no errors: built-in headers (<cstddef>) found without --resource-dir")
        check(any(d.get("source") == "clang" and d["range"]["start"]["line"] ==
                  line_of(SOURCE, "// NORETURN") for d in diags),
              "clang's own warning (-Wreturn-type)")
        unused = [d for d in diags if d.get("code") == "misc-unused-using-decls"]
        check(len(unused) == 1, "clang-tidy's misc-unused-using-decls (a fast built-in check)")
        check(not any(d.get("code") == "misc-const-correctness" for d in diags),
              "clangd's fast-check filter still drops its slow misc-const-correctness")

        # Quick fixes: a db-* finding offers exactly the fix-its its check
        # makes (the driver's --export-fixes says which).
        db_quick_fixes += check_quick_fixes(client, dbtidy, workspace, source, SOURCE, db)

        # A clang-tidy finding with a fix-it becomes a quick fix with the edit.
        if unused:
            actions = client.request("textDocument/codeAction", {
                "textDocument": {"uri": path_uri(source)}, "range": unused[0]["range"],
                "context": {"diagnostics": [unused[0]]}})
            fixes = [a for a in actions or [] if a.get("kind") == "quickfix"
                     and path_uri(source) in a.get("edit", {}).get("changes", {})]
            if check(len(fixes) >= 1, "quick fix with an edit for the clang-tidy finding"):
                fixed = apply_edits(SOURCE, fixes[0]["edit"]["changes"][path_uri(source)])
                check("using legacy::oldHelper;" not in fixed and "countCustomers" in fixed,
                      "its edit removes the unused using-declaration")

        # Refactorings (clangd's tweaks, linked whole) on a selection.
        sel_start = position(SOURCE, "// FIND", "o.customerId")
        sel_end = dict(sel_start, character=sel_start["character"] + len("o.customerId"))
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": path_uri(source)},
            "range": {"start": sel_start, "end": sel_end}, "context": {"diagnostics": []}})
        check(any(str(a.get("kind", "")).startswith("refactor") for a in actions or []),
              "refactorings offered on a selection (%s)" %
              ", ".join(a.get("title", "") for a in actions or []))

        # Completion and go-to-definition.
        items = client.request("textDocument/completion", {
            "textDocument": {"uri": path_uri(source)},
            "position": position(SOURCE, "// FIND", "findCustomer")})
        items = items.get("items", []) if isinstance(items, dict) else (items or [])
        labels = [i.get("filterText") or i.get("label", "") for i in items]
        check(any("findCustomer" in label for label in labels)
              and any("findAll" in label for label in labels), "member completion after 'repo.'")
        locations = client.request("textDocument/definition", {
            "textDocument": {"uri": path_uri(source)},
            "position": position(SOURCE, "// FIND", "findCustomer", 2)})
        locations = locations if isinstance(locations, list) else [locations]
        check(any(l and l["uri"] == path_uri(source)
                  and l["range"]["start"]["line"] == line_of(SOURCE, "// DECL")
                  for l in locations), "go-to-definition of findCustomer")

        # On edit: the new loop is reported too.
        edited = SOURCE + EDIT
        client.change(source, edited, 2)
        found = client.wait_diagnostics(
            source, lambda d: sum(map(is_db, d)) == 2, timeout=180, since=index + 1)
        if check(found is not None, "db-* diagnostics updated after didChange"):
            lines = sorted(d["range"]["start"]["line"] for d in found[2]["params"]["diagnostics"]
                           if is_db(d))
            check(lines == [line_of(edited, "// FIND"), line_of(edited, "// FIND2")],
                  "both loops reported after the edit")
            check(found[2]["params"].get("version") in (None, 2), "for version 2 of the file")

        # Cross-TU: the loop's callee is defined in another file; the facts
        # of the dbtidy run (DbTidyFacts) say that it queries.
        report = os.path.join(workspace, "src", "report.cpp")
        lookup = os.path.join(workspace, "src", "lookup.cpp")
        client.open(report, REPORT)
        found = client.wait_diagnostics(report, lambda d: any(map(is_db, d)), timeout=180)
        if check(found is not None, "cross-TU: db-* diagnostic in report.cpp from the facts"):
            cross = [d for d in found[2]["params"]["diagnostics"] if is_db(d)][0]
            check(cross["range"]["start"]["line"] == line_of(REPORT, "// CROSS"),
                  "cross-TU: at the call of customerOf in the loop")
            check(any(r["location"]["uri"] == path_uri(lookup)
                      and r["location"]["range"]["start"]["line"] == line_of(LOOKUP, "// FETCH")
                      and "another translation unit" in r["message"]
                      for r in cross.get("relatedInformation", [])),
                  "cross-TU: related information at the query in lookup.cpp")

        # A db-* check with a fix-it: its quick fix carries the edit.
        posts = os.path.join(workspace, "src", "posts.cpp")
        client.open(posts, POSTS)
        found = client.wait_diagnostics(posts, timeout=180)
        if check(found is not None, "diagnostics published for posts.cpp"):
            diags = found[2]["params"]["diagnostics"]
            check(not any(d.get("severity") == 1 for d in diags), "posts.cpp: no errors")
            fixes = check_quick_fixes(client, dbtidy, workspace, posts, POSTS,
                                      [d for d in diags if is_db(d)])
            db_quick_fixes += fixes
            if fixes:
                # Applying it, as the editor does, leaves nothing to report.
                fixed = apply_edits(POSTS, fixes[0]["edit"]["changes"][path_uri(posts)])
                client.change(posts, fixed, 2)
                after = client.wait_diagnostics(
                    posts, lambda d: not any(map(is_db, d)), timeout=180, since=found[0] + 1)
                check(after is not None, "the applied db-* quick fix resolves the finding")
        if db_quick_fixes:
            print("     %d db-* quick fix(es) checked against the checks' fix-its"
                  % len(db_quick_fixes))
        else:
            print("     no db-* check made a fix-it on these inputs: the db-* quick-fix "
                  "assertion waits on a check with fix-its")

        status = client.shutdown()
        check(status == 0, "shutdown and exit: status 0")
    except LSPError as e:
        check(False, "LSP session: %s" % e)
    finally:
        client.kill()


def prefix_session(clangd, workspace, source, src_root, workdir):
    """The binary in <prefix>/bin with the docs in <prefix>/share/doc/dbtidy,
    and no lib/clang next to it: no flags needed either."""
    prefix = os.path.join(workdir, "prefix")
    os.makedirs(os.path.join(prefix, "bin"))
    binary = os.path.join(prefix, "bin", "dbtidy-clangd")
    shutil.copy2(clangd, binary)
    docs = os.path.join(prefix, "share", "doc", "dbtidy", "checks")
    os.makedirs(docs)
    shutil.copy(os.path.join(src_root, "docs", "checks", "db-query-in-loop.md"), docs)
    client = LSPClient([binary], cwd=workspace, env=session_env(workdir),
                       stderr_path=os.path.join(workdir, "clangd-prefix.log"))
    try:
        client.initialize(workspace)
        client.open(source, SOURCE)
        found = client.wait_diagnostics(source, lambda d: any(map(is_db, d)), timeout=180)
        if check(found is not None, "installed: db-* diagnostics published"):
            diags = found[2]["params"]["diagnostics"]
            check(not any(d.get("severity") == 1 for d in diags), "installed: no errors")
            check_doc_link([d for d in diags if is_db(d)][0],
                           os.path.join(docs, "db-query-in-loop.md"))
        check(client.shutdown() == 0, "installed: shutdown and exit: status 0")
    except LSPError as e:
        check(False, "installed LSP session: %s" % e)
    finally:
        client.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dbtidy", required=True, help="build/bin/dbtidy")
    parser.add_argument("--clangd", help="dbtidy-clangd (default: next to --dbtidy)")
    parser.add_argument("--inputs", required=True, help="test/Inputs")
    parser.add_argument("--src-root", required=True)
    parser.add_argument("--workdir", required=True, help="an empty directory")
    args = parser.parse_args()
    args.inputs, args.src_root = os.path.abspath(args.inputs), os.path.abspath(args.src_root)
    clangd = os.path.abspath(args.clangd or os.path.join(os.path.dirname(args.dbtidy), "dbtidy-clangd"))
    if not os.path.exists(clangd):
        print("FAIL %s was not built (cmake --build build --target dbtidy-clangd)" % clangd)
        return 1
    workspace = os.path.join(args.workdir, "ws")
    source = make_workspace(workspace, args.inputs, args.dbtidy)
    started = time.monotonic()
    main_session(clangd, args.dbtidy, workspace, source, args.src_root, args.workdir)
    prefix_session(clangd, workspace, source, args.src_root, args.workdir)
    print("total %.1fs" % (time.monotonic() - started))
    if failures:
        print("%d check(s) failed; server logs in %s" % (len(failures), args.workdir))
        for name in ("clangd.log", "clangd-prefix.log"):
            log = os.path.join(args.workdir, name)
            if os.path.exists(log):
                print("--- last lines of %s" % log)
                with open(log, errors="replace") as f:
                    print("".join(f.readlines()[-30:]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
