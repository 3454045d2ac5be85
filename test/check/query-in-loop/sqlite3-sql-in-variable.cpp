// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: sqlite3
// Per-row writes through sqlite3_exec whose SQL text is built in a local
// std::string (never modified after its initialisation), as most C++ code
// using the C API does. The statement kind is still readable: a DELETE is a
// write, so the message must be the "writes ... outside a transaction" one.
#include <sqlite3.h>
#include <cstdio>
#include <string>
#include <vector>

// SQL text per row through sqlite3_exec.
void deleteSessions(sqlite3 *db, const std::vector<int> &sessionIds) {
  char *err = nullptr;
  for (int id : sessionIds) {
    std::string sql = "DELETE FROM sessions WHERE id = " + std::to_string(id);
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'sqlite3_exec' writes to the database once per loop iteration outside a transaction
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'sessionIds'
      std::fprintf(stderr, "%s\n", err);
      sqlite3_free(err);
    }
  }
}


struct Item {
  std::string sku;
  double price;
};

// Silent: the recommended bulk form, with the INSERT text built at run time
// (the table name is a parameter). A statement of unknown kind re-executed
// inside a transaction must not be reported as a per-row read.
void importItems(sqlite3 *db, const std::string &table, const std::vector<Item> &items) {
  std::string sql = "INSERT INTO " + table + " (sku, price) VALUES (?, ?)";
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt *insert = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &insert, nullptr);
  for (const Item &item : items) {
    sqlite3_bind_text(insert, 1, item.sku.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_double(insert, 2, item.price);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}
