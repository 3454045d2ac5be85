// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c11
// REQUIRES: sqlite3
// RELEASE and ROLLBACK TO of a SAVEPOINT nested in BEGIN ... COMMIT do not
// end the transaction: the bulk insert after them still runs inside it.
#include <sqlite3.h>
#include <stddef.h>

// Silent: BEGIN, a savepoint released (or rolled back to) before the loop,
// one statement prepared before the loop, COMMIT.
void replace_items(sqlite3 *db, const char **skus, int n) {
  sqlite3_stmt *insert;
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  sqlite3_exec(db, "SAVEPOINT cleanup", NULL, NULL, NULL);
  if (sqlite3_exec(db, "DELETE FROM items", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec(db, "ROLLBACK TO cleanup", NULL, NULL, NULL);
  sqlite3_exec(db, "RELEASE cleanup", NULL, NULL, NULL);
  sqlite3_prepare_v2(db, "INSERT INTO items (sku) VALUES (?)", -1, &insert, NULL);
  for (int i = 0; i < n; i++) {
    sqlite3_bind_text(insert, 1, skus[i], -1, SQLITE_STATIC);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

// Flagged: without BEGIN, RELEASE of the outermost savepoint commits; the
// loop then runs in autocommit mode.
void replace_items_autocommit(sqlite3 *db, const char **skus, int n) {
  sqlite3_stmt *insert;
  sqlite3_exec(db, "SAVEPOINT cleanup", NULL, NULL, NULL);
  sqlite3_exec(db, "DELETE FROM items", NULL, NULL, NULL);
  sqlite3_exec(db, "RELEASE SAVEPOINT cleanup", NULL, NULL, NULL);
  sqlite3_prepare_v2(db, "INSERT INTO items (sku) VALUES (?)", -1, &insert, NULL);
  for (int i = 0; i < n; i++) {
    sqlite3_bind_text(insert, 1, skus[i], -1, SQLITE_STATIC);
    sqlite3_step(insert);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_step' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'i < n'
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
}
