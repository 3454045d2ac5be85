// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17
// REQUIRES: sqlitecpp
// SQLiteCpp: the first executeStep() answers "is there a row". Inside a
// transaction SQLite serializes the writers, so only autocommit code races.
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>

void signUp(SQLite::Database &db, const std::string &email) {
  SQLite::Statement q(db, "SELECT id FROM customers WHERE email = ?");
  q.bind(1, email);
  if (!q.executeStep()) {
    SQLite::Statement ins(db, "INSERT INTO customers (email) VALUES (?)");
    ins.bind(1, email);
    ins.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'customers' runs only when the SELECT above found no row{{.*}} [db-check-then-insert]
    // CHECK-MESSAGES: :[[@LINE-5]]:10: note: the existence check runs here
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: the insert runs when this finds no row
  }
}

void count(SQLite::Database &db, const std::string &tag) {
  int n = db.execAndGet("SELECT count(*) FROM tags WHERE name = '" + tag + "'").getInt();
  if (n == 0)
    db.exec("INSERT INTO tags (name) VALUES ('" + tag + "')");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: INSERT into 'tags' {{.*}} [db-check-then-insert]
}

//===--- silent ---------------------------------------------------------------===//

void inTransaction(SQLite::Database &db, const std::string &email) {
  SQLite::Transaction tx(db);
  SQLite::Statement q(db, "SELECT id FROM customers WHERE email = ?");
  q.bind(1, email);
  if (!q.executeStep()) {
    SQLite::Statement ins(db, "INSERT INTO customers (email) VALUES (?)");
    ins.bind(1, email);
    ins.exec();
  }
  tx.commit();
}

void orIgnore(SQLite::Database &db, const std::string &email) {
  SQLite::Statement q(db, "SELECT id FROM customers WHERE email = ?");
  q.bind(1, email);
  if (!q.executeStep()) {
    SQLite::Statement ins(db, "INSERT OR IGNORE INTO customers (email) VALUES (?)");
    ins.bind(1, email);
    ins.exec();
  }
}
