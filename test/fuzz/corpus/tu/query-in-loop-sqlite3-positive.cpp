// REQUIRES: sqlite3
// N+1 round trips through the SQLite 3 C API, from C++.
#include <sqlite3.h>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

struct Price {
  std::string sku;
  double price;
};

static std::string customerName(sqlite3 *db, int customerId) {
  sqlite3_stmt *stmt = nullptr;
  std::string name;
  if (sqlite3_prepare_v2(db, "SELECT name FROM customers WHERE id = ?", -1, &stmt, nullptr) != SQLITE_OK)
    return name;
  sqlite3_bind_int(stmt, 1, customerId);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    name = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  return name;
}

// A query per row of another query's results.
void printOpenOrders(sqlite3 *db) {
  sqlite3_stmt *orders = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, customer_id FROM orders WHERE status = 'open'", -1, &orders, nullptr);
  while (sqlite3_step(orders) == SQLITE_ROW) {
    sqlite3_stmt *customer = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM customers WHERE id = ?", -1, &customer, nullptr);
    sqlite3_bind_int64(customer, 1, sqlite3_column_int64(orders, 1));
    if (sqlite3_step(customer) == SQLITE_ROW)
      std::printf("%lld %s\n", sqlite3_column_int64(orders, 0), sqlite3_column_text(customer, 0));
    sqlite3_finalize(customer);
  }
  sqlite3_finalize(orders);
}

// The per-row statement is prepared once and reset, but each row is still a query.
void printOpenOrdersReused(sqlite3 *db) {
  sqlite3_stmt *orders = nullptr, *customer = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, customer_id FROM orders WHERE status = 'open'", -1, &orders, nullptr);
  sqlite3_prepare_v2(db, "SELECT name FROM customers WHERE id = ?", -1, &customer, nullptr);
  int rc;
  while ((rc = sqlite3_step(orders)) == SQLITE_ROW) {
    sqlite3_bind_int64(customer, 1, sqlite3_column_int64(orders, 1));
    while (sqlite3_step(customer) == SQLITE_ROW)
      std::printf("%s\n", sqlite3_column_text(customer, 0));
    sqlite3_reset(customer);
  }
  sqlite3_finalize(customer);
  sqlite3_finalize(orders);
}

// A fetch per element of a vector of ids.
std::vector<double> loadBalances(sqlite3 *db, const std::vector<sqlite3_int64> &accountIds) {
  std::vector<double> balances;
  for (sqlite3_int64 id : accountIds) {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(db, "SELECT balance FROM accounts WHERE id = ?1", -1, &stmt, nullptr);
    sqlite3_bind_int64(stmt, 1, id);
    if (sqlite3_step(stmt) == SQLITE_ROW)
      balances.push_back(sqlite3_column_double(stmt, 0));
    sqlite3_finalize(stmt);
  }
  return balances;
}

// sqlite3_exec with a SELECT per id.
static int printRow(void *, int argc, char **argv, char **) {
  for (int i = 0; i < argc; ++i)
    std::printf("%s ", argv[i] ? argv[i] : "NULL");
  return 0;
}

void dumpOrders(sqlite3 *db, const std::vector<int> &ids) {
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string sql = "SELECT * FROM orders WHERE id = " + std::to_string(ids[i]);
    sqlite3_exec(db, sql.c_str(), printRow, nullptr, nullptr);
  }
}

// Single-row UPDATE per element without a transaction.
void updatePrices(sqlite3 *db, const std::vector<Price> &prices) {
  for (const Price &p : prices) {
    sqlite3_stmt *update;
    sqlite3_prepare_v2(db, "UPDATE items SET price = ? WHERE sku = ?", -1, &update, nullptr);
    sqlite3_bind_double(update, 1, p.price);
    sqlite3_bind_text(update, 2, p.sku.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(update) != SQLITE_DONE)
      std::fprintf(stderr, "update failed: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(update);
  }
}

// Prepared once before the loop, but no transaction: one commit per row.
void insertPricesWithoutTransaction(sqlite3 *db, const std::vector<Price> &prices) {
  sqlite3_stmt *insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO price_history (sku, price) VALUES (?, ?)", -1, &insert, nullptr);
  for (const Price &p : prices) {
    sqlite3_bind_text(insert, 1, p.sku.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_double(insert, 2, p.price);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
}

// A helper of this file queries; called once per id.
std::vector<std::string> namesOf(sqlite3 *db, const std::vector<int> &ids) {
  std::vector<std::string> names;
  for (int id : ids)
    names.push_back(customerName(db, id));
  return names;
}

// A lambda run by std::for_each once per element.
void touchAll(sqlite3 *db, const std::vector<int> &ids) {
  std::for_each(ids.begin(), ids.end(), [db](int id) {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(db, "UPDATE items SET touched_at = CURRENT_TIMESTAMP WHERE id = ?", -1, &stmt, nullptr);
    sqlite3_bind_int(stmt, 1, id);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  });
}

// Inside a transaction, but the statement is prepared anew in every iteration.
void importPreparedPerRow(sqlite3 *db, const std::vector<Price> &prices) {
  sqlite3_exec(db, "BEGIN TRANSACTION", nullptr, nullptr, nullptr);
  for (const Price &p : prices) {
    sqlite3_stmt *insert;
    sqlite3_prepare_v2(db, "INSERT INTO price_history (sku, price) VALUES (?, ?)", -1, &insert, nullptr);
    sqlite3_bind_text(insert, 1, p.sku.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(insert, 2, p.price);
    sqlite3_step(insert);
    sqlite3_finalize(insert);
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
}
