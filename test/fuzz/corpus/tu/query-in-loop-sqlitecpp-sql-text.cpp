// REQUIRES: sqlitecpp
// SQL text held in a local std::string: the statement kind must still be
// read from it (or, when it cannot be, an unknown statement re-executed
// inside a transaction must not be reported as a per-row read).
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>
#include <vector>

struct Item {
  std::string sku;
  double price;
};

// Flagged as a write: a DELETE per element, outside a transaction.
void deleteSessions(SQLite::Database &db, const std::vector<int> &sessionIds) {
  for (int id : sessionIds) {
    std::string sql = "DELETE FROM sessions WHERE id = " + std::to_string(id);
    db.exec(sql);
  }
}

// Silent: the recommended bulk form; the table name is a parameter, so the
// INSERT text is built at run time.
void importItems(SQLite::Database &db, const std::string &table, const std::vector<Item> &items) {
  std::string sql = "INSERT INTO " + table + " (sku, price) VALUES (?, ?)";
  SQLite::Transaction transaction(db);
  SQLite::Statement insert(db, sql);
  for (const Item &item : items) {
    insert.bind(1, item.sku);
    insert.bind(2, item.price);
    insert.exec();
    insert.reset();
  }
  transaction.commit();
}
