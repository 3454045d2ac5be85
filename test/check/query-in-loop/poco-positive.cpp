// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: poco
// Poco::Data: one round trip per row or per id, as people write it.
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <algorithm>
#include <string>
#include <vector>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;

struct Order {
  int id;
  int customerId;
  double total;
};

static std::string customerName(Session &session, int customerId) {
  std::string name;
  session << "SELECT name FROM customers WHERE id = ?", into(name), use(customerId), now;
  return name;
}

// N+1: one query for the orders, then one more per row of the RecordSet.
void printOpenOrders(Session &session) {
  RecordSet orders(session, "SELECT id, customer_id FROM orders WHERE status = 'open'");
  for (auto &row : orders) {
    int customerId = row.get(1).convert<int>();
    std::string name;
    session << "SELECT name FROM customers WHERE id = ?", into(name), use(customerId), now;
    // CHECK-MESSAGES: :[[@LINE-1]]:86: warning: 'Poco::Data::Statement::operator,' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per row of 'orders'
  }
}

// The moveFirst()/moveNext() idiom of the Poco documentation.
void printCustomersWithOrderCount(Session &session) {
  RecordSet customers(session, "SELECT id, name FROM customers");
  bool more = customers.moveFirst();
  while (more) {
    int id = customers["id"].convert<int>();
    int orders = 0;
    session << "SELECT count(*) FROM orders WHERE customer_id = ?", into(orders), use(id), now;
    // CHECK-MESSAGES: :[[@LINE-1]]:90: warning: 'Poco::Data::Statement::operator,' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs
    more = customers.moveNext();
  }
}

// Indexing the rows of a RecordSet.
double sumPaid(Session &session) {
  RecordSet invoices(session, "SELECT id FROM invoices WHERE paid");
  double sum = 0;
  for (std::size_t row = 0; row < invoices.rowCount(); ++row) {
    int invoiceId = invoices.value(0, row).convert<int>();
    double amount = 0;
    session << "SELECT SUM(amount) FROM payments WHERE invoice_id = ?", into(amount), use(invoiceId), now;
    // CHECK-MESSAGES: :[[@LINE-1]]:101: warning: 'Poco::Data::Statement::operator,' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs while 'row < invoices.rowCount()'
    sum += amount;
  }
  return sum;
}

// One SELECT per id of a vector.
std::vector<std::string> loadNames(Session &session, std::vector<int> ids) {
  std::vector<std::string> names;
  for (int &id : ids) {
    std::string name;
    session << "SELECT name FROM customers WHERE id = ?", into(name), use(id), now;
    // CHECK-MESSAGES: :[[@LINE-1]]:78: warning: 'Poco::Data::Statement::operator,' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'ids'
    names.push_back(name);
  }
  return names;
}

// A single-row UPDATE per id outside any transaction: one commit per row.
void markShipped(Session &session, const std::vector<int> &orderIds) {
  for (int id : orderIds)
    session << "UPDATE orders SET status = 'shipped' WHERE id = ?", bind(id), now;
  // CHECK-MESSAGES: :[[@LINE-1]]:77: warning: 'Poco::Data::Statement::operator,' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orderIds'
}

// A Statement built and executed per element, no transaction.
void logOrders(Session &session, const std::vector<Order> &orders) {
  for (const Order &o : orders) {
    Statement insert(session);
    insert << "INSERT INTO order_log(order_id, total) VALUES(?, ?)", bind(o.id), bind(o.total);
    insert.execute();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'execute' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'orders'
  }
}

// A helper of this file that queries, called once per order.
std::vector<std::string> customerNames(Session &session, const std::vector<Order> &orders) {
  std::vector<std::string> names;
  for (const Order &o : orders)
    names.push_back(customerName(session, o.customerId));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'customerName' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
  // CHECK-MESSAGES: :24:84: note: 'Poco::Data::Statement::operator,' talks to the database here
  return names;
}

// A lambda run by std::for_each once per element.
void printPaid(Session &session, std::vector<Order> &orders) {
  std::for_each(orders.begin(), orders.end(), [&](Order &o) {
    double paid = 0;
    session << "SELECT SUM(amount) FROM payments WHERE order_id = ?", into(paid), use(o.id), now;
    // CHECK-MESSAGES: :[[@LINE-1]]:92: warning: 'Poco::Data::Statement::operator,' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'std::for_each' calls this lambda once per element
  });
}

// The loop pages through one statement, but queries with another one per
// item of each page: that inner query is N+1.
void printCustomersOfOrdersPaged(Session &session) {
  std::vector<int> customerIds;
  Statement orders = (session << "SELECT customer_id FROM orders", into(customerIds), limit(100));
  while (!orders.done()) {
    orders.execute();
    for (int id : customerIds) {
      std::string name;
      session << "SELECT name FROM customers WHERE id = ?", into(name), use(id), now;
      // CHECK-MESSAGES: :[[@LINE-1]]:80: warning: 'Poco::Data::Statement::operator,' runs a database query once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-4]]:5: note: this loop runs once per element of 'customerIds'
    }
  }
}

// A page loop whose condition asks another object: every execute of
// 'insert' is a round trip per queued item.
void drainQueue(Session &session, std::vector<int> &queue) {
  int id = 0;
  Statement insert = (session << "INSERT INTO audit(order_id) VALUES (?)", use(id));
  while (!queue.empty()) {
    id = queue.back();
    queue.pop_back();
    insert.execute();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'execute' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs
  }
}
