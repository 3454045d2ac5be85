// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17
// REQUIRES: sqlitecpp
// SQLiteCpp: the SELECT's statement object is stepped and read with
// getColumn(); the UPDATE's values are bound with bind(). SQLite runs every
// transaction serializably, so inside BEGIN ... COMMIT the second writer
// fails with SQLITE_BUSY instead of losing an update: only autocommit
// read-modify-writes are reported.
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>

void view(SQLite::Database &db, int id) {
  SQLite::Statement q(db, "SELECT views FROM posts WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep())
    return;
  int views = q.getColumn(0).getInt();
  SQLite::Statement u(db, "UPDATE posts SET views = ? WHERE id = ?");
  u.bind(1, views + 1);
  u.bind(2, id);
  u.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'posts.views' is written back with a value computed in C++ from the value read by the SELECT above, with no row lock in between (lost update): two concurrent requests read the same old value and one of the updates is silently lost; let the database compute it in the UPDATE: 'SET views = views + ...' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-8]]:10: note: 'views' is read here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: the new value is computed from it here
  // CHECK-FIXES: SQLite::Statement u(db, "UPDATE posts SET views = views + ? WHERE id = ?");
  // CHECK-FIXES-NEXT: u.bind(1, 1);
}

// Named parameters and a named column.
void rescale(SQLite::Database &db, int id) {
  SQLite::Statement q(db, "SELECT score FROM players WHERE id = :id");
  q.bind(":id", id);
  q.executeStep();
  int score = q.getColumn("score");
  SQLite::Statement u(db, "UPDATE players SET score = :s WHERE id = :id");
  u.bind(":s", score * 2);
  u.bind(":id", id);
  u.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'players.score' is written back {{.*}} [db-read-modify-write]
}

// execAndGet returns the first column.
void hit(SQLite::Database &db) {
  int n = db.execAndGet("SELECT value FROM counters WHERE name = 'hits'").getInt();
  SQLite::Statement u(db, "UPDATE counters SET value = ? WHERE name = 'hits'");
  u.bind(1, n + 1);
  u.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'counters.value' is written back {{.*}} [db-read-modify-write]
}

//===--- silent ---------------------------------------------------------------===//

// Inside a transaction SQLite serializes the writers.
void inTransaction(SQLite::Database &db, int id) {
  SQLite::Transaction tx(db);
  SQLite::Statement q(db, "SELECT views FROM posts WHERE id = ?");
  q.bind(1, id);
  q.executeStep();
  int views = q.getColumn(0);
  SQLite::Statement u(db, "UPDATE posts SET views = ? WHERE id = ?");
  u.bind(1, views + 1);
  u.bind(2, id);
  u.exec();
  tx.commit();
}

void atomic(SQLite::Database &db, int id) {
  SQLite::Statement u(db, "UPDATE posts SET views = views + 1 WHERE id = ?");
  u.bind(1, id);
  u.exec();
}

void otherRow(SQLite::Database &db, int from, int to) {
  SQLite::Statement q(db, "SELECT views FROM posts WHERE id = ?");
  q.bind(1, from);
  q.executeStep();
  int views = q.getColumn(0);
  SQLite::Statement u(db, "UPDATE posts SET views = ? WHERE id = ?");
  u.bind(1, views);
  u.bind(2, to);
  u.exec();
}

void rename(SQLite::Database &db, int id, const std::string &title) {
  SQLite::Statement q(db, "SELECT title FROM posts WHERE id = ?");
  q.bind(1, id);
  q.executeStep();
  SQLite::Statement u(db, "UPDATE posts SET title = ? WHERE id = ?");
  u.bind(1, title);
  u.bind(2, id);
  u.exec();
}

void otherColumn(SQLite::Database &db, int id) {
  SQLite::Statement q(db, "SELECT likes, views FROM posts WHERE id = ?");
  q.bind(1, id);
  q.executeStep();
  int likes = q.getColumn(0);
  SQLite::Statement u(db, "UPDATE posts SET views = ? WHERE id = ?");
  u.bind(1, likes + 1);
  u.bind(2, id);
  u.exec();
}
