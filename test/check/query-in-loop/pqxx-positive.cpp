// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: pqxx
// libpqxx 6: one round trip per row or per id, as people write it.
#include <pqxx/pqxx>
#include <algorithm>
#include <string>
#include <vector>

struct Order {
  int id;
  int customerId;
  double total;
};

static std::string customerEmail(pqxx::transaction_base &tx, int customerId) {
  pqxx::row r = tx.exec_params1("SELECT email FROM customers WHERE id = $1", customerId);
  return r[0].as<std::string>();
}

// N+1: one query for the orders, one more per order.
void printOpenOrders(pqxx::connection &c) {
  pqxx::work tx(c);
  for (const auto &row : tx.exec("SELECT id, customer_id FROM orders WHERE status = 'open'")) {
    pqxx::row customer = tx.exec_params1("SELECT name FROM customers WHERE id = $1", row[1].as<int>());
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'exec_params1' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row of 'tx.exec("SELECT id, customer_id FROM orders
    (void)customer;
  }
  tx.commit();
}

// A prepared SELECT re-executed per row is still one round trip per row.
void itemsPerOrder(pqxx::connection &c) {
  c.prepare("items_of_order", "SELECT sku, qty FROM order_items WHERE order_id = $1");
  pqxx::work tx(c);
  pqxx::result orders = tx.exec("SELECT id FROM orders WHERE created_at > now() - interval '1 day'");
  for (pqxx::result::size_type i = 0; i < orders.size(); ++i) {
    pqxx::result items = tx.exec_prepared("items_of_order", orders[i][0].as<int>());
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'exec_prepared' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs while 'i < orders.size()'
    (void)items;
  }
}

// One SELECT per id of a vector.
std::vector<double> balances(pqxx::work &tx, const std::vector<int> &accountIds) {
  std::vector<double> out;
  for (int id : accountIds) {
    pqxx::result r = tx.exec_params("SELECT balance FROM accounts WHERE id = $1", id);
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'exec_params' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'accountIds'
    out.push_back(r[0][0].as<double>());
  }
  return out;
}

// A nontransaction commits every statement by itself: a single-row UPDATE
// per id is one round trip and one commit per row.
void markShipped(pqxx::connection &c, const std::vector<int> &orderIds) {
  pqxx::nontransaction ntx(c);
  for (int id : orderIds)
    ntx.exec_params("UPDATE orders SET status = 'shipped' WHERE id = $1", id);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'exec_params' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orderIds'
}

// Through a reference parameter the nontransaction is still autocommit.
void logOrders(pqxx::nontransaction &ntx, const std::vector<Order> &orders) {
  for (const Order &o : orders)
    ntx.exec_params0("INSERT INTO order_log(order_id, total) VALUES($1, $2)", o.id, o.total);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'exec_params0' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
}

// Even a statement prepared before the loop commits once per row in a
// nontransaction.
void importPrices(pqxx::connection &c, const std::vector<Order> &orders) {
  c.prepare("insert_total", "INSERT INTO order_totals(order_id, total) VALUES($1, $2)");
  pqxx::nontransaction ntx(c);
  for (const Order &o : orders)
    ntx.exec_prepared("insert_total", o.id, o.total);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'exec_prepared' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
}

// Inside a pqxx::work, but a new single-row UPDATE text per row: still one
// round trip per row.
void applyDiscounts(pqxx::connection &c, const std::vector<Order> &orders) {
  pqxx::work tx(c);
  for (const Order &o : orders)
    tx.exec_params("UPDATE orders SET total = $1 WHERE id = $2", o.total * 0.9, o.id);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'exec_params' writes to the database once per loop iteration, one round trip per row
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
  tx.commit();
}

// A helper of this file that queries, called once per order.
std::vector<std::string> emails(pqxx::work &tx, const std::vector<Order> &orders) {
  std::vector<std::string> out;
  for (const Order &o : orders)
    out.push_back(customerEmail(tx, o.customerId));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'customerEmail' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
  // CHECK-MESSAGES: :16:20: note: 'exec_params1' talks to the database here
  return out;
}

// A lambda run by std::for_each once per element.
void printPaid(pqxx::work &tx, const std::vector<Order> &orders) {
  std::for_each(orders.begin(), orders.end(), [&](const Order &o) {
    auto paid = tx.exec_params("SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = $1", o.id);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'exec_params' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'std::for_each' calls this lambda once per element
    (void)paid;
  });
}
