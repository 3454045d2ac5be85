// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// RUN: %check_dbtidy --check-suffix=LAZY %s db-lazy-load-in-loop %t.lazy -- -- -std=c++17 %fake_headers
// Wt::Dbo: one round trip per row or per id, as people write it.
#include <Wt/Dbo/Dbo.h>
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

namespace dbo = Wt::Dbo;

class Customer;

class Order {
public:
  std::string status;
  double total = 0;
  dbo::ptr<Customer> customer;

  template <class Action> void persist(Action &a) {
    dbo::field(a, status, "status");
    dbo::field(a, total, "total");
    dbo::belongsTo(a, customer, "customer");
  }
};

class Customer {
public:
  std::string name;
  dbo::collection<dbo::ptr<Order>> orders;

  template <class Action> void persist(Action &a) {
    dbo::field(a, name, "name");
    dbo::hasMany(a, orders, dbo::ManyToOne, "customer");
  }
};

static int itemCount(dbo::Session &session, long long orderId) {
  return session.query<int>("SELECT count(1) FROM order_item").where("order_id = ?").bind(orderId).resultValue();
}

// N+1: the open orders with one query, then one more query per order.
void printOpenOrders(dbo::Session &session) {
  dbo::Transaction t(session);
  dbo::collection<dbo::ptr<Order>> orders = session.find<Order>().where("status = ?").bind("open");
  for (const dbo::ptr<Order> &order : orders) {
    int items = session.query<int>("SELECT count(1) FROM order_item").where("order_id = ?").bind(order.id()).resultValue();
    // CHECK-MESSAGES: :[[@LINE-1]]:110: warning: 'resultValue' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row of 'orders'
    std::cout << order.id() << ": " << items << '\n';
  }
}

// A belongsTo relation dereferenced per row: Wt::Dbo loads each customer
// with its own SELECT.
void printBuyers(dbo::Session &session) {
  dbo::Transaction t(session);
  dbo::collection<dbo::ptr<Order>> orders = session.find<Order>().resultList();
  for (const dbo::ptr<Order> &order : orders)
    std::cout << order->customer->name << '\n';
  // Lazy relation loads are db-lazy-load-in-loop's to report:
  // CHECK-MESSAGES-LAZY: :[[@LINE-2]]:25: warning: relation 'customer' is loaded lazily once per loop iteration (N+1 queries)
  // CHECK-MESSAGES-LAZY: :[[@LINE-4]]:3: note: this loop runs once per row of 'orders'
}

// One load by id per element of a vector.
std::vector<std::string> customerNames(dbo::Session &session, const std::vector<long long> &ids) {
  dbo::Transaction t(session);
  std::vector<std::string> names;
  for (long long id : ids) {
    dbo::ptr<Customer> customer = session.load<Customer>(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'load' fetches one row by key once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
    names.push_back(customer->name);
  }
  return names;
}

// A query per name, run by converting the Query to its result.
std::vector<dbo::ptr<Customer>> findByNames(dbo::Session &session, const std::vector<std::string> &names) {
  dbo::Transaction t(session);
  std::vector<dbo::ptr<Customer>> found;
  for (const std::string &name : names) {
    dbo::ptr<Customer> customer = session.find<Customer>().where("name = ?").bind(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'operator ptr' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'names'
    found.push_back(customer);
  }
  return found;
}

// A transaction per row instead of one around the loop: a single-row UPDATE
// and its own commit per id.
void markShipped(dbo::Session &session, const std::vector<long long> &orderIds) {
  for (long long id : orderIds) {
    dbo::Transaction t(session);
    session.execute("UPDATE \"order\" SET status = 'shipped' WHERE id = ?").bind(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'execute' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'orderIds'
    t.commit();
  }
}

// A helper of this file that queries, called once per order.
int totalItems(dbo::Session &session, const dbo::collection<dbo::ptr<Order>> &orders) {
  int total = 0;
  for (const dbo::ptr<Order> &order : orders)
    total += itemCount(session, order.id());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: call to 'itemCount' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row of 'orders'
  // CHECK-MESSAGES: :39:100: note: 'resultValue' talks to the database here
  return total;
}

// A lambda run by std::for_each once per element.
void printCustomers(dbo::Session &session, const std::vector<long long> &ids) {
  dbo::Transaction t(session);
  std::for_each(ids.begin(), ids.end(), [&](long long id) {
    dbo::ptr<Customer> customer = session.load<Customer>(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'load' fetches one row by key once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'std::for_each' calls this lambda once per element
    std::cout << customer->name << '\n';
  });
}
