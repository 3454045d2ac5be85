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

