// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: sqlitecpp
// Loops that execute a list of statements (a migration, a DDL log) or one
// schema statement per object are not N+1: each statement is a different
// one, and there is no set-based form. Per-row data access in the same
// shapes still is. (Found in Poco::Data's MemoryDB and Transaction.)
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>
#include <vector>

void migrate(SQLite::Database &db, const std::vector<std::string> &migrations) {
  for (const std::string &sql : migrations)
    db.exec(sql);
}

void migrateCStrings(SQLite::Database &db, const std::vector<std::string> &migrations) {
  for (const auto &sql : migrations)
    db.exec(sql.c_str());
}

void runScript(SQLite::Database &db, const std::vector<std::string> &script) {
  for (std::vector<std::string>::const_iterator it = script.begin(); it != script.end(); ++it)
    db.exec(*it);
  for (size_t i = 0; i < script.size(); ++i)
    db.exec(script[i]);
}

void dropIndexes(SQLite::Database &db, const std::vector<std::string> &indexes) {
  for (const std::string &name : indexes)
    db.exec("DROP INDEX IF EXISTS " + name);
  for (const std::string &table : indexes)
    db.exec("CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER PRIMARY KEY)");
}

struct Migration {
  int version;
  std::string sql;
};

void upgrade(SQLite::Database &db, const std::vector<Migration> &steps) {
  for (const Migration &step : steps)
    db.exec(step.sql);
  for (auto it = steps.begin(); it != steps.end(); ++it) {
    const std::string sql = it->sql;
    db.exec(sql);
  }
}

// Per-row data access in the same shapes: still one round trip per element.
void deleteEach(SQLite::Database &db, const std::vector<std::string> &names) {
  for (const std::string &name : names)
    db.exec("DELETE FROM customers WHERE name = '" + name + "'");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'exec' writes to the database once per loop iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'names'
}

void countEach(SQLite::Database &db, const std::vector<std::string> &tables) {
  for (const std::string &table : tables) {
    SQLite::Statement count(db, "SELECT COUNT(*) FROM orders WHERE region = ?");
    count.bind(1, table);
    count.executeStep();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'executeStep' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'tables'
  }
}
