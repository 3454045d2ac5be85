// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17
// REQUIRES: sqlite3
// Two lost updates in one UPDATE: each fix-it rewrites the same SQL
// literal, so the two overlap. Neither is applied, each finding says so,
// and the file is left as it was (and compiles); a second --fix finds the
// same overlap and changes nothing (scripts/fix-corpus.py runs it).
// docs/fix-safety.md.
#include <sqlite3.h>

int twoColumns(sqlite3 *db, int id) {
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views, score FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  sqlite3_step(q);
  int views = sqlite3_column_int(q, 0);
  int score = sqlite3_column_int(q, 1);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  sqlite3_prepare_v2(db, "UPDATE posts SET views = ?, score = ? WHERE id = ?", -1, &u, 0);
  sqlite3_bind_int(u, 1, views + 1);
  sqlite3_bind_int(u, 2, score + 5);
  sqlite3_bind_int(u, 3, id);
  sqlite3_step(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'posts.score' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: note: this fix will not be applied because it overlaps with another fix
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: note: this fix will not be applied because it overlaps with another fix
  // CHECK-FIXES: sqlite3_prepare_v2(db, "UPDATE posts SET views = ?, score = ? WHERE id = ?", -1, &u, 0);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 1, views + 1);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 2, score + 5);
  return sqlite3_finalize(u);
}

// Next to them, a fix that overlaps nothing is applied.
int oneColumn(sqlite3 *db, int id) {
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
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-FIXES: sqlite3_prepare_v2(db, "UPDATE posts SET views = views + ? WHERE id = ?", -1, &u, 0);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 1, 1);
  return sqlite3_finalize(u);
}
