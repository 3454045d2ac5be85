// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: sqlitecpp
// SQLiteCpp code that does NOT issue a round trip per data item: no finding.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sqlite3.h>
#include <atomic>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Item {
  std::string sku;
  double price;
};

std::atomic<bool> running{true};
void handle(int64_t jobId, const std::string &payload);

// The query hoisted before the loop: every customer loaded once into a map.
void printOrdersHoisted(SQLite::Database &db) {
  std::map<int, std::string> names;
  SQLite::Statement customers(db, "SELECT id, name FROM customers");
  while (customers.executeStep())
    names[customers.getColumn(0).getInt()] = customers.getColumn(1).getString();

  SQLite::Statement orders(db, "SELECT id, customer_id FROM orders WHERE status = 'open'");
  while (orders.executeStep()) {
    const std::string &name = names[orders.getColumn(1).getInt()];
    (void)name;
  }
}

// A JOIN replaces the per-row query.
void printOrdersJoined(SQLite::Database &db) {
  SQLite::Statement q(db, "SELECT o.id, c.name FROM orders o "
                          "JOIN customers c ON c.id = o.customer_id "
                          "WHERE o.status = 'open'");
  while (q.executeStep()) {
    int orderId = q.getColumn(0);
    std::string name = q.getColumn(1).getString();
    (void)orderId;
    (void)name;
  }
}

// WHERE id IN (...) replaces one query per id; bind() in a loop is no round trip.
std::map<int64_t, std::string> loadNames(SQLite::Database &db, const std::vector<int64_t> &ids) {
  std::ostringstream sql;
  sql << "SELECT id, name FROM customers WHERE id IN (";
  for (size_t i = 0; i < ids.size(); ++i)
    sql << (i ? ", ?" : "?");
  sql << ")";
  SQLite::Statement q(db, sql.str());
  for (size_t i = 0; i < ids.size(); ++i)
    q.bind(static_cast<int>(i + 1), ids[i]);
  std::map<int64_t, std::string> out;
  while (q.executeStep())
    out[q.getColumn(0).getInt64()] = q.getColumn(1).getString();
  return out;
}

// Bulk insert: one statement prepared before the loop, inside a transaction.
void importItems(SQLite::Database &db, const std::vector<Item> &items) {
  SQLite::Transaction transaction(db);
  SQLite::Statement insert(db, "INSERT INTO items (sku, price) VALUES (?, ?)");
  for (const Item &item : items) {
    insert.bind(1, item.sku);
    insert.bind(2, item.price);
    insert.exec();
    insert.reset();
  }
  transaction.commit();
}

// The same with executeStep() and the variadic SQLite::bind helper.
void importItemsStep(SQLite::Database &db, const std::vector<Item> &items) {
  SQLite::Transaction transaction(db);
  SQLite::Statement upsert(db, "INSERT OR REPLACE INTO items (sku, price) VALUES (?, ?)");
  for (size_t i = 0; i < items.size(); ++i) {
    SQLite::bind(upsert, items[i].sku, items[i].price);
    upsert.executeStep();
    upsert.reset();
    upsert.clearBindings();
  }
  transaction.commit();
}

// A constant-bounded retry loop.
bool bumpCounter(SQLite::Database &db) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      db.exec("UPDATE counters SET value = value + 1 WHERE name = 'visits'");
      return true;
    } catch (const SQLite::Exception &e) {
      if (e.getErrorCode() != SQLITE_BUSY)
        throw;
    }
  }
  return false;
}

// A worker loop: one job per iteration until told to stop.
void worker(SQLite::Database &db) {
  while (running) {
    SQLite::Statement next(db, "SELECT id, payload FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1");
    if (!next.executeStep())
      continue;
    int64_t id = next.getColumn(0).getInt64();
    handle(id, next.getColumn(1).getString());
    SQLite::Statement done(db, "UPDATE jobs SET state = 'done' WHERE id = ?");
    done.bind(1, id);
    done.exec();
  }
}

// Polling with for (;;).
void drainQueue(SQLite::Database &db) {
  for (;;) {
    SQLite::Statement next(db, "SELECT id, payload FROM jobs ORDER BY id LIMIT 1");
    if (!next.executeStep())
      break;
    int64_t id = next.getColumn(0).getInt64();
    handle(id, next.getColumn(1).getString());
    SQLite::Statement del(db, "DELETE FROM jobs WHERE id = ?");
    del.bind(1, id);
    del.exec();
  }
}

// A loop over a small constant array of table names.
static const char *const kTables[] = {"orders", "customers", "items"};

void printRowCounts(SQLite::Database &db) {
  for (const char *table : kTables) {
    if (!db.tableExists(table))
      continue;
    int rows = db.execAndGet(std::string("SELECT count(*) FROM ") + table);
    (void)rows;
  }
}

// The round trip is on a path that leaves the loop right after it.
bool validateIds(SQLite::Database &db, const std::vector<int> &ids) {
  for (int id : ids) {
    if (id <= 0) {
      db.exec("INSERT INTO audit (message) VALUES ('invalid id in import')");
      return false;
    }
  }
  return true;
}

int firstKnownCustomer(SQLite::Database &db, const std::vector<int> &ids) {
  int found = -1;
  for (int id : ids) {
    if (id == 0) {
      SQLite::Statement q(db, "SELECT id FROM customers ORDER BY id LIMIT 1");
      if (q.executeStep())
        found = q.getColumn(0);
      break;
    }
  }
  return found;
}

// The loop's own fetch: one query, stepped row by row.
int64_t sumTotals(SQLite::Database &db) {
  int64_t sum = 0;
  SQLite::Statement q(db, "SELECT total FROM orders");
  while (q.executeStep())
    sum += q.getColumn(0).getInt64();
  return sum;
}
