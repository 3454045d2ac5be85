// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: soci
// SOCI: one round trip per row or per id, as people write it.
#include <soci/soci.h>
#include <algorithm>
#include <string>
#include <vector>

struct Order {
  int id;
  int customerId;
};

static std::string customerName(soci::session &sql, int customerId) {
  std::string name;
  sql << "SELECT name FROM customers WHERE id = :id", soci::into(name), soci::use(customerId);
  return name;
}

// N+1: the orders come from one query, then one more query per order.
void printOpenOrders(soci::session &sql) {
  soci::rowset<soci::row> orders =
      (sql.prepare << "SELECT id, customer_id FROM orders WHERE status = 'open'");
  for (const soci::row &order : orders) {
    int customerId = order.get<int>(1);
    std::string name;
    sql << "SELECT name FROM customers WHERE id = :id", soci::into(name), soci::use(customerId);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'soci::session::operator<<' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per row of 'orders'
  }
}

// The same with the explicit iterator loop of SOCI's documentation.
void totalsPerCustomer(soci::session &sql) {
  soci::rowset<int> customerIds = (sql.prepare << "SELECT id FROM customers");
  for (soci::rowset<int>::const_iterator it = customerIds.begin(); it != customerIds.end(); ++it) {
    double total = 0;
    sql.once << "SELECT SUM(total) FROM orders WHERE customer_id = :id", soci::into(total), soci::use(*it);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'soci::details::once_type::operator<<' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'it != customerIds.end()'
  }
}

// A statement fetched row by row, and a query per fetched row.
void ordersWithItemCount(soci::session &sql) {
  int orderId = 0;
  soci::statement st = (sql.prepare << "SELECT id FROM orders", soci::into(orderId));
  st.execute();
  while (st.fetch()) {
    int items = 0;
    sql << "SELECT count(*) FROM order_items WHERE order_id = :id", soci::into(items), soci::use(orderId);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'soci::session::operator<<' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per row fetched by 'fetch'
  }
}

// One SELECT per id of a vector.
std::vector<std::string> loadNames(soci::session &sql, const std::vector<int> &ids) {
  std::vector<std::string> names;
  for (int id : ids) {
    std::string name;
    sql << "SELECT name FROM customers WHERE id = :id", soci::into(name), soci::use(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'soci::session::operator<<' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'ids'
    names.push_back(name);
  }
  return names;
}

// A single-row UPDATE per id outside any transaction: one commit per row.
void markShipped(soci::session &sql, const std::vector<int> &orderIds) {
  for (int id : orderIds)
    sql << "UPDATE orders SET status = 'shipped' WHERE id = :id", soci::use(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'soci::session::operator<<' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orderIds'
}

// A single-row INSERT per element outside any transaction.
void logOrders(soci::session &sql, const std::vector<Order> &orders) {
  for (const Order &o : orders) {
    sql << "INSERT INTO order_log(order_id, customer_id) VALUES(:o, :c)", soci::use(o.id),
        soci::use(o.customerId);
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'soci::session::operator<<' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'orders'
  }
}

// A statement prepared before the loop but no transaction around it: every
// execute() is a single-row INSERT that commits by itself.
void importSkus(soci::session &sql, const std::vector<std::string> &skus) {
  std::string sku;
  soci::statement st = (sql.prepare << "INSERT INTO products(sku) VALUES(:sku)", soci::use(sku));
  for (const std::string &s : skus) {
    sku = s;
    st.execute(true);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'execute' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'skus'
  }
}

// A helper of this file that queries, called once per order.
std::vector<std::string> customerNames(soci::session &sql, const std::vector<Order> &orders) {
  std::vector<std::string> names;
  for (const Order &o : orders)
    names.push_back(customerName(sql, o.customerId));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'customerName' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
  // CHECK-MESSAGES: :16:7: note: 'soci::session::operator<<' talks to the database here
  return names;
}

// A lambda run by std::for_each once per element.
void printTotals(soci::session &sql, const std::vector<Order> &orders) {
  std::for_each(orders.begin(), orders.end(), [&](const Order &o) {
    double paid = 0;
    sql << "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = :id", soci::into(paid),
        soci::use(o.id);
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'soci::session::operator<<' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'std::for_each' calls this lambda once per element
  });
}
