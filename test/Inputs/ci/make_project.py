"""make_project.py DIR [--units N] : generates a multi-TU project for the CI
gate tests, with its compile_commands.json.

DIR/include/common.h is included by every TU and has one N+1 finding
(reported once, however many TUs include it, with --header-filter).
DIR/src/unit_<i>.cpp, for i % 3:
  0: an N+1 query (db-query-in-loop) in function unit<i>_count
  1: a lost update with a fix-it (db-read-modify-write) in unit<i>_view
  2: no finding
Uses the SQLite C API (fast to parse)."""
import argparse
import json
import os

HEADER = """#pragma once
#include <sqlite3.h>

inline int common_total(sqlite3 *db) {
  sqlite3_stmt *ids = nullptr;
  sqlite3_prepare_v2(db, "SELECT id FROM customers", -1, &ids, nullptr);
  int total = 0;
  while (sqlite3_step(ids) == SQLITE_ROW) {
    sqlite3_stmt *one = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM orders WHERE customer_id = ?", -1, &one, nullptr);
    sqlite3_bind_int64(one, 1, sqlite3_column_int64(ids, 0));
    sqlite3_step(one); // FINDING common
    total += sqlite3_column_int(one, 0);
    sqlite3_finalize(one);
  }
  sqlite3_finalize(ids);
  return total;
}
"""

N_PLUS_ONE = """#include "common.h"

int unit{i}_count(sqlite3 *db) {{
  sqlite3_stmt *customers = nullptr;
  sqlite3_prepare_v2(db, "SELECT id FROM customers", -1, &customers, nullptr);
  int total = 0;
  while (sqlite3_step(customers) == SQLITE_ROW) {{
    sqlite3_int64 id = sqlite3_column_int64(customers, 0);
    sqlite3_stmt *last = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM orders WHERE customer_id = ?", -1, &last, nullptr);
    sqlite3_bind_int64(last, 1, id);
    sqlite3_step(last); // FINDING n+1
    total += sqlite3_column_int(last, 0);
    sqlite3_finalize(last);
  }}
  sqlite3_finalize(customers);
  return total + common_total(db);
}}
"""

LOST_UPDATE = """#include "common.h"

int unit{i}_view(sqlite3 *db, int id) {{
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  if (sqlite3_step(q) != SQLITE_ROW)
    return sqlite3_finalize(q);
  int views = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  sqlite3_prepare_v2(db, "UPDATE posts SET views = ? WHERE id = ?", -1, &u, 0);
  sqlite3_bind_int(u, 1, views + 1);
  sqlite3_bind_int(u, 2, id);
  sqlite3_step(u); // FINDING lost-update
  return sqlite3_finalize(u);
}}
"""

CLEAN = """#include "common.h"

int unit{i}_clean(sqlite3 *db) {{
  return sqlite3_exec(db, "DELETE FROM sessions WHERE expired", 0, 0, 0);
}}
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--units", type=int, default=6)
    args = parser.parse_args()
    root = os.path.abspath(args.dir)
    os.makedirs(os.path.join(root, "include"), exist_ok=True)
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    with open(os.path.join(root, "include", "common.h"), "w") as f:
        f.write(HEADER)
    entries = []
    for i in range(args.units):
        template = (N_PLUS_ONE, LOST_UPDATE, CLEAN)[i % 3]
        path = os.path.join(root, "src", "unit_%d.cpp" % i)
        with open(path, "w") as f:
            f.write(template.format(i=i))
        entries.append({"directory": os.path.join(root, "build"), "file": path,
                        "arguments": ["clang++", "-std=c++17", "-I", "../include",
                                      "-c", path, "-o", "unit_%d.o" % i]})
    with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)


if __name__ == "__main__":
    main()
