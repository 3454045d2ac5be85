// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: pqxx
#include <pqxx/pqxx>
#include <string>
#include <vector>

std::string customerName(pqxx::work &tx, int id) {
  return tx.exec_params("SELECT name FROM customers WHERE id = $1", id)[0][0].as<std::string>();
}

void perRow(pqxx::connection &c) {
  pqxx::work tx(c);
  pqxx::result orders = tx.exec("SELECT id, customer_id FROM orders");
  for (auto row : orders) {
    auto r = tx.exec_params("SELECT name FROM customers WHERE id = $1", row[1].as<int>());
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'exec_params' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row of 'orders'
  }
}

void viaHelper(pqxx::work &tx, const std::vector<int> &ids) {
  for (int id : ids)
    customerName(tx, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'customerName' runs a database query once per loop iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
  // CHECK-MESSAGES: :8:13: note: 'exec_params' talks to the database here
}

void silent(pqxx::work &tx, const std::vector<int> &ids) {
  // A JOIN replaces the per-row query.
  for (auto row : tx.exec("SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id"))
    (void)row;
  // A constant-bounded retry loop.
  for (int i = 0; i < 3; ++i)
    tx.exec("SELECT 1");
  // A loop over a small constant array.
  const char *tables[] = {"orders", "customers"};
  for (const char *t : tables)
    tx.exec(std::string("SELECT count(*) FROM ") + t);
  // The query is on a path that leaves the loop.
  for (int id : ids) {
    if (id == 42) {
      tx.exec_params("DELETE FROM orders WHERE id = $1", id);
      break;
    }
  }
}
