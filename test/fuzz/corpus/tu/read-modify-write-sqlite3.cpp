// REQUIRES: sqlite3
// The SQLite C API: sqlite3_column_int() on the stepped SELECT, then
// sqlite3_bind_int() on the UPDATE. In autocommit mode only; BEGIN ...
// COMMIT makes SQLite serialize the writers.
#include <sqlite3.h>

int view(sqlite3 *db, int id) {
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
  sqlite3_step(u);
  return sqlite3_finalize(u);
}

int inTransaction(sqlite3 *db, int id) {
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  sqlite3_step(q);
  int views = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  sqlite3_prepare_v2(db, "UPDATE posts SET views = ? WHERE id = ?", -1, &u, 0);
  sqlite3_bind_int(u, 1, views + 1);
  sqlite3_bind_int(u, 2, id);
  sqlite3_step(u);
  sqlite3_finalize(u);
  return sqlite3_exec(db, "COMMIT", 0, 0, 0);
}
