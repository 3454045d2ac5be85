// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c11
// REQUIRES: sqlite3
// C code declares its sqlite3_stmt handles at the top of the function and
// re-uses one handle for several statements. What matters is where the
// statement is PREPARED (and what it was prepared with at the call), not
// where the handle variable is declared.
#include <sqlite3.h>
#include <stdio.h>
#include <stddef.h>

// Flagged: inside a transaction, but prepared anew in every iteration (the
// handle is merely declared before the loop).
void import_prepared_per_row(sqlite3 *db, const sqlite3_int64 *ids, size_t count) {
  sqlite3_stmt *stmt;
  size_t i;
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  for (i = 0; i < count; i++) {
    sqlite3_prepare_v2(db, "INSERT INTO seen (id) VALUES (?)", -1, &stmt, NULL);
    sqlite3_bind_int64(stmt, 1, ids[i]);
    sqlite3_step(stmt);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_step' writes to the database once per loop iteration, one round trip per row; prepare the statement once before the loop
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs while 'i < count'
    sqlite3_finalize(stmt);
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

// Silent: the bulk insert re-uses the INSERT prepared before the loop inside
// BEGIN/COMMIT; the same handle is re-prepared with a SELECT afterwards.
int import_and_count(sqlite3 *db, const sqlite3_int64 *ids, size_t count) {
  sqlite3_stmt *stmt;
  size_t i;
  int n = 0;
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2(db, "INSERT INTO seen (id) VALUES (?)", -1, &stmt, NULL);
  for (i = 0; i < count; i++) {
    sqlite3_bind_int64(stmt, 1, ids[i]);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);

  sqlite3_prepare_v2(db, "SELECT count(*) FROM seen", -1, &stmt, NULL);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    n = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return n;
}

// Silent: the ROLLBACK before the loop is on an error path that returns; on
// the path that reaches the loop the transaction is open.
int import_checked(sqlite3 *db, const sqlite3_int64 *ids, size_t count) {
  sqlite3_stmt *stmt = NULL;
  size_t i;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_prepare_v2(db, "INSERT INTO seen (id) VALUES (?)", -1, &stmt, NULL) != SQLITE_OK) {
    fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  for (i = 0; i < count; i++) {
    sqlite3_bind_int64(stmt, 1, ids[i]);
    if (sqlite3_step(stmt) != SQLITE_DONE)
      fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
