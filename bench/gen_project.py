#!/usr/bin/env python3
"""gen_project.py OUT_DIR [--tus N] [--seed S]

Writes a synthetic but realistic data-access code base for benchmarking:
N translation units spread over the database libraries Debian packages
(libpqxx, SQLiteCpp, Qt SQL, Poco::Data, SOCI), each including a deep graph
of project headers plus heavy library headers (Qt, Boost, Poco, the C++
standard library), with a mix of clean code and the bug classes dbtidy
reports. Writes OUT_DIR/compile_commands.json; nothing has to be built.
"""
import argparse
import json
import os
import random
import subprocess

LIBRARIES = {
    "pqxx": {
        "includes": ["<pqxx/pqxx>"],
        "flags": [],
        "body": """
long {fn}_total(pqxx::work &tx) {{
  long total = 0;
  for (auto row : tx.exec("SELECT id, customer_id FROM orders_{k} WHERE open"))
    total += tx.exec_params("SELECT count(*) FROM lines_{k} WHERE order_id = $1",
                            row[0].as<long>())[0][0].as<long>();
  return total;
}}

void {fn}_reserve(pqxx::work &tx, long id, int n) {{
  auto r = tx.exec_params("SELECT stock FROM products_{k} WHERE id = $1", id);
  int stock = r[0][0].as<int>();
  tx.exec_params("UPDATE products_{k} SET stock = $1 WHERE id = $2", stock - n, id);
}}

std::vector<std::string> {fn}_names(pqxx::work &tx) {{
  std::vector<std::string> out;
  for (auto row : tx.exec("SELECT name FROM customers_{k} ORDER BY id"))
    out.push_back(row[0].as<std::string>());
  boost::algorithm::to_upper(out.front());
  return out;
}}
""",
    },
    "sqlitecpp": {
        "includes": ["<SQLiteCpp/SQLiteCpp.h>"],
        "flags": [],
        "body": """
int {fn}_low(SQLite::Database &db) {{
  SQLite::Statement items(db, "SELECT id, supplier FROM items_{k} WHERE qty < 5");
  int n = 0;
  while (items.executeStep()) {{
    SQLite::Statement s(db, "SELECT name FROM suppliers WHERE id = ?");
    s.bind(1, items.getColumn(1).getInt());
    if (s.executeStep())
      ++n;
  }}
  return n;
}}

void {fn}_moves(SQLite::Database &db, const std::vector<int> &ids) {{
  SQLite::Transaction tx(db);
  SQLite::Statement ins(db, "INSERT INTO moves_{k}(item) VALUES (?)");
  for (int id : ids) {{
    ins.bind(1, id);
    ins.exec();
    ins.reset();
  }}
  tx.commit();
}}
""",
    },
    "qtsql": {
        "includes": ["<QtSql/QSqlQuery>", "<QtSql/QSqlDatabase>", "<QtCore/QVariant>",
                     "<QtCore/QString>", "<QtCore/QHash>"],
        "flags": ["QT"],
        "body": """
int {fn}_orders(QSqlDatabase &db) {{
  QSqlQuery q(db);
  q.exec("SELECT id FROM orders_{k}");
  int n = 0;
  while (q.next()) {{
    QSqlQuery lines(db);
    lines.prepare("SELECT count(*) FROM lines WHERE order_id = ?");
    lines.addBindValue(q.value(0));
    lines.exec();
    n += lines.next() ? lines.value(0).toInt() : 0;
  }}
  return n;
}}

QHash<int, QString> {fn}_names(QSqlDatabase &db) {{
  QHash<int, QString> out;
  QSqlQuery q(db);
  q.exec("SELECT id, name FROM customers_{k}");
  while (q.next())
    out.insert(q.value(0).toInt(), q.value(1).toString());
  return out;
}}
""",
    },
    "poco": {
        "includes": ["<Poco/Data/Session.h>", "<Poco/Data/Statement.h>"],
        "flags": [],
        "body": """
int {fn}_count(Poco::Data::Session &session, const std::vector<int> &ids) {{
  using namespace Poco::Data::Keywords;
  int total = 0;
  for (int id : ids) {{
    int n = 0;
    int key = id;
    session << "SELECT count(*) FROM lines_{k} WHERE order_id = ?", into(n), use(key), now;
    total += n;
  }}
  return total;
}}
""",
    },
    "soci": {
        "includes": ["<soci/soci.h>"],
        "flags": [],
        "body": """
int {fn}_sum(soci::session &sql, const std::vector<int> &ids) {{
  int total = 0;
  for (int id : ids) {{
    int n = 0;
    sql << "SELECT qty FROM stock_{k} WHERE id = :id", soci::into(n), soci::use(id);
    total += n;
  }}
  return total;
}}
""",
    },
}

COMMON_INCLUDES = ["<algorithm>", "<map>", "<memory>", "<string>", "<vector>",
                   "<boost/algorithm/string.hpp>", "<boost/optional.hpp>"]


def qt_flags():
    try:
        out = subprocess.run(["pkg-config", "--cflags", "Qt5Sql"], capture_output=True,
                             text=True, check=True).stdout.split()
        return out + ["-fPIC"]
    except (OSError, subprocess.CalledProcessError):
        return ["-I/usr/include/x86_64-linux-gnu/qt5",
                "-I/usr/include/x86_64-linux-gnu/qt5/QtCore",
                "-I/usr/include/x86_64-linux-gnu/qt5/QtSql", "-fPIC"]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--tus", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = os.path.abspath(args.out)

    # A deep include graph of project headers: model_i includes model_{i-1}
    # and a few random earlier ones, as domain models tend to.
    depth = 40
    for i in range(depth):
        deps = {i - 1} if i else set()
        deps |= {rng.randrange(i) for _ in range(min(i, 3))} if i else set()
        lines = ["#pragma once"] + ['#include "app/model_%d.h"' % d for d in sorted(deps)]
        lines += ["#include <string>", "#include <vector>", "#include <optional>",
                  "namespace app {",
                  "struct Model%d {" % i,
                  "  long id = 0;",
                  "  std::string name;",
                  "  std::vector<long> children;",
                  "  std::optional<long> parent;",
                  "  long weight() const { return id * %d + (long)children.size(); }" % (i + 1),
                  "};",
                  "} // namespace app", ""]
        write(os.path.join(out, "include", "app", "model_%d.h" % i), "\n".join(lines))

    qt = qt_flags()
    names = sorted(LIBRARIES)
    commands = []
    for t in range(args.tus):
        lib = names[t % len(names)]
        spec = LIBRARIES[lib]
        top = rng.randrange(depth // 2, depth)
        includes = COMMON_INCLUDES + spec["includes"]
        text = ["// Generated by bench/gen_project.py: benchmark input, not real code."]
        text += ["#include %s" % h for h in includes]
        text += ['#include "app/model_%d.h"' % top, ""]
        for f in range(3):
            text.append(spec["body"].format(fn="tu%d_f%d" % (t, f), k=t % 17))
        path = os.path.join(out, "src", lib, "tu_%03d.cpp" % t)
        write(path, "\n".join(text))
        cmd = ["/usr/bin/clang++-19", "-std=c++17", "-I" + os.path.join(out, "include")]
        if spec["flags"]:
            cmd += qt
        cmd += ["-c", path, "-o", path + ".o"]
        commands.append({"directory": out, "file": path, "arguments": cmd})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)
    print("wrote %d translation units to %s" % (len(commands), out))


if __name__ == "__main__":
    main()
