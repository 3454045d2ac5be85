// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: sqlitecpp
// N+1 round trips written against the real SQLiteCpp headers.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

struct Price {
  std::string sku;
  double price;
};

static std::string customerName(SQLite::Database &db, int customerId) {
  SQLite::Statement query(db, "SELECT name FROM customers WHERE id = ?");
  query.bind(1, customerId);
  if (query.executeStep())
    return query.getColumn(0).getString();
  return std::string();
}

// One query for the orders, then one more per order row.
void printOpenOrders(SQLite::Database &db) {
  SQLite::Statement orders(db, "SELECT id, customer_id FROM orders WHERE status = 'open'");
  while (orders.executeStep()) {
    SQLite::Statement customer(db, "SELECT name, email FROM customers WHERE id = ?");
    customer.bind(1, orders.getColumn(1).getInt());
    if (customer.executeStep()) {
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'executeStep' runs a database query once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per row fetched by 'executeStep'
      std::string name = customer.getColumn(0).getString();
      (void)name;
    }
  }
}

// The per-row statement is prepared once, but every row still costs a query.
void printOpenOrdersReusingStatement(SQLite::Database &db) {
  SQLite::Statement orders(db, "SELECT id, customer_id FROM orders WHERE status = 'open'");
  SQLite::Statement customer(db, "SELECT name FROM customers WHERE id = ?");
  while (orders.executeStep()) {
    customer.bind(1, orders.getColumn(1).getInt());
    customer.executeStep();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'executeStep' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per row fetched by 'executeStep'
    customer.reset();
  }
}

// A fetch per element of a vector of ids.
std::vector<std::string> loadNames(SQLite::Database &db, const std::vector<int64_t> &ids) {
  std::vector<std::string> names;
  for (int64_t id : ids) {
    std::string name = db.execAndGet("SELECT name FROM customers WHERE id = " + std::to_string(id));
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'execAndGet' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
    names.push_back(name);
  }
  return names;
}

// Index loop over the ids, statement built per iteration.
int countOrders(SQLite::Database &db, const std::vector<int> &customerIds) {
  int total = 0;
  for (size_t i = 0; i < customerIds.size(); ++i) {
    SQLite::Statement count(db, "SELECT count(*) FROM orders WHERE customer_id = ?");
    count.bind(1, customerIds[i]);
    if (count.executeStep())
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'executeStep' runs a database query once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs while 'i < customerIds.size()'
      total += count.getColumn(0).getInt();
  }
  return total;
}

// Single-row UPDATE per element without a transaction: one commit per row.
void updatePrices(SQLite::Database &db, const std::vector<Price> &prices) {
  for (const Price &p : prices) {
    SQLite::Statement update(db, "UPDATE items SET price = ? WHERE sku = ?");
    update.bind(1, p.price);
    update.bind(2, p.sku);
    update.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration outside a transaction, so every row is its own round trip and its own commit
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: this loop runs once per element of 'prices'
  }
}

// Prepared before the loop, but no transaction: still one commit per row.
void insertPricesWithoutTransaction(SQLite::Database &db, const std::vector<Price> &prices) {
  SQLite::Statement insert(db, "INSERT INTO price_history (sku, price) VALUES (?, ?)");
  for (const Price &p : prices) {
    insert.bind(1, p.sku);
    insert.bind(2, p.price);
    insert.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'prices'
    insert.reset();
  }
}

// SQL text executed directly, per row.
void markShipped(SQLite::Database &db, const std::vector<int> &orderIds) {
  for (int id : orderIds)
    db.exec("UPDATE orders SET status = 'shipped' WHERE id = " + std::to_string(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'exec' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orderIds'
}

// A helper of this file queries; it is called once per id.
std::map<int, std::string> namesById(SQLite::Database &db, const std::vector<int> &ids) {
  std::map<int, std::string> out;
  for (int id : ids) {
    out[id] = customerName(db, id);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'customerName' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
    // CHECK-MESSAGES: :20:13: note: 'executeStep' talks to the database here
  }
  return out;
}

// The helper, called per row of another query.
void printOrderCustomers(SQLite::Database &db) {
  SQLite::Statement orders(db, "SELECT customer_id FROM orders");
  while (orders.executeStep())
    customerName(db, orders.getColumn(0).getInt());
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'customerName' runs a database query once per loop iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row fetched by 'executeStep'
  // CHECK-MESSAGES: :20:13: note: 'executeStep' talks to the database here
}

// A lambda run by std::for_each once per element.
void deleteStale(SQLite::Database &db, const std::vector<int> &sessionIds) {
  std::for_each(sessionIds.begin(), sessionIds.end(), [&db](int id) {
    SQLite::Statement del(db, "DELETE FROM sessions WHERE id = ?");
    del.bind(1, id);
    del.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'exec' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'std::for_each' calls this lambda once per element
  });
}

void lookupAll(SQLite::Database &db, const std::vector<int> &ids) {
  std::for_each(ids.begin(), ids.end(), [&](int id) {
    SQLite::Statement q(db, "SELECT name FROM customers WHERE id = ?");
    q.bind(1, id);
    while (q.executeStep())
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'executeStep' runs a database query once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'std::for_each' calls this lambda once per element
      (void)q.getColumn(0).getText();
  });
}

// Inside a transaction, but the statement is prepared anew in every iteration.
void importPricesPreparedPerRow(SQLite::Database &db, const std::vector<Price> &prices) {
  SQLite::Transaction transaction(db);
  for (const Price &p : prices) {
    SQLite::Statement insert(db, "INSERT INTO price_history (sku, price) VALUES (?, ?)");
    insert.bind(1, p.sku);
    insert.bind(2, p.price);
    insert.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration, one round trip per row; prepare the statement once before the loop and re-execute it, or write all rows in one statement
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: this loop runs once per element of 'prices'
  }
  transaction.commit();
}

// The transaction was committed before the loop started.
void importPricesAfterCommit(SQLite::Database &db, const std::vector<Price> &prices) {
  SQLite::Transaction transaction(db);
  db.exec("DELETE FROM price_history");
  transaction.commit();
  SQLite::Statement insert(db, "INSERT INTO price_history (sku, price) VALUES (?, ?)");
  for (const Price &p : prices) {
    SQLite::bind(insert, p.sku, p.price);
    insert.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'prices'
    insert.reset();
  }
}

// One transaction (and one commit) per row.
void importPricesTransactionPerRow(SQLite::Database &db, const std::vector<Price> &prices) {
  SQLite::Statement insert(db, "INSERT INTO price_history (sku, price) VALUES (?, ?)");
  for (const Price &p : prices) {
    SQLite::Transaction transaction(db);
    SQLite::bind(insert, p.sku, p.price);
    insert.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'prices'
    insert.reset();
    transaction.commit();
  }
}
