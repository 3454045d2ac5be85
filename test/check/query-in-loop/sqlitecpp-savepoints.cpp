// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: sqlitecpp
// Releasing or rolling back a SAVEPOINT nested in a transaction does not end
// the transaction: the bulk insert after it still runs inside it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>
#include <string>
#include <vector>

// Silent: one transaction around the loop, one statement prepared before it.
void replaceItems(SQLite::Database &db, const std::vector<std::string> &skus) {
  SQLite::Transaction transaction(db);
  {
    SQLite::Savepoint cleanup(db, "cleanup");
    db.exec("DELETE FROM items");
    cleanup.release();
  }
  SQLite::Statement insert(db, "INSERT INTO items (sku) VALUES (?)");
  for (const std::string &sku : skus) {
    insert.bind(1, sku);
    insert.exec();
    insert.reset();
  }
  transaction.commit();
}

// Silent: the savepoint is rolled back, the transaction goes on.
void replaceItemsTolerant(SQLite::Database &db, const std::vector<std::string> &skus) {
  SQLite::Transaction transaction(db);
  {
    SQLite::Savepoint cleanup(db, "cleanup");
    try {
      db.exec("DELETE FROM items WHERE archived = 0");
      cleanup.release();
    } catch (const SQLite::Exception &) {
      cleanup.rollback();
    }
  }
  SQLite::Statement insert(db, "INSERT INTO items (sku) VALUES (?)");
  for (const std::string &sku : skus) {
    insert.bind(1, sku);
    insert.exec();
    insert.reset();
  }
  transaction.commit();
}

// Flagged: a savepoint outside any transaction is its own transaction; once
// released, the loop runs in autocommit mode.
void replaceItemsAutocommit(SQLite::Database &db, const std::vector<std::string> &skus) {
  {
    SQLite::Savepoint cleanup(db, "cleanup");
    db.exec("DELETE FROM items");
    cleanup.release();
  }
  SQLite::Statement insert(db, "INSERT INTO items (sku) VALUES (?)");
  for (const std::string &sku : skus) {
    insert.bind(1, sku);
    insert.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'skus'
    insert.reset();
  }
}
