// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// Wt::Dbo: loops that do not issue a round trip per data item. No findings.
#include <Wt/Dbo/Dbo.h>
#include <atomic>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
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

class Job {
public:
  std::string state;
  template <class Action> void persist(Action &a) { dbo::field(a, state, "state"); }
};

std::atomic<bool> running{true};
void process(const dbo::ptr<Job> &job);

// The query hoisted before the loop; the loop looks names up in a map.
void printOrders(dbo::Session &session) {
  dbo::Transaction t(session);
  std::map<long long, std::string> names;
  dbo::collection<dbo::ptr<Customer>> customers = session.find<Customer>();
  for (const dbo::ptr<Customer> &c : customers)
    names[c.id()] = c->name;
  typedef std::tuple<long long, long long> OrderCustomer;
  dbo::collection<OrderCustomer> rows = session.query<OrderCustomer>("SELECT id, customer_id FROM \"order\"");
  for (const OrderCustomer &row : rows)
    std::cout << std::get<0>(row) << ' ' << names[std::get<1>(row)] << '\n';
}

// A JOIN fetches each order with its customer in the loop's own query.
void printOpenOrders(dbo::Session &session) {
  typedef std::tuple<dbo::ptr<Order>, dbo::ptr<Customer>> OrderWithCustomer;
  dbo::Transaction t(session);
  dbo::collection<OrderWithCustomer> rows =
      session.query<OrderWithCustomer>("SELECT o, c FROM \"order\" o JOIN customer c ON c.id = o.customer_id")
          .where("o.status = ?")
          .bind("open");
  for (const OrderWithCustomer &row : rows)
    std::cout << std::get<0>(row).id() << ' ' << std::get<1>(row).id() << '\n';
}

// IN (...) replaces one load per id.
dbo::collection<dbo::ptr<Customer>> loadCustomers(dbo::Session &session, const std::vector<long long> &ids) {
  std::string list;
  for (long long id : ids)
    list += (list.empty() ? "" : ",") + std::to_string(id);
  return session.find<Customer>().where("id IN (" + list + ")").resultList();
}

// The loop's own query, written inline in the range-for.
double totalOpen(dbo::Session &session) {
  dbo::Transaction t(session);
  double total = 0;
  for (const dbo::ptr<Order> &o : session.find<Order>().where("status = ?").bind("open").resultList())
    total += o->total;
  return total;
}

// A constant-bounded retry loop.
bool closeOrder(dbo::Session &session, long long id) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      dbo::Transaction t(session);
      session.execute("UPDATE \"order\" SET status = 'closed' WHERE id = ?").bind(id);
      t.commit();
      return true;
    } catch (const std::exception &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker(dbo::Session &session) {
  while (running) {
    dbo::Transaction t(session);
    dbo::ptr<Job> job = session.find<Job>().where("state = ?").bind("queued").limit(1);
    if (!job)
      continue;
    job.modify()->state = "running";
    t.commit();
    process(job);
  }
}

// A loop over a small constant array of table names.
void clearTables(dbo::Session &session) {
  static constexpr const char *kTables[] = {"\"order\"", "customer", "job"};
  dbo::Transaction t(session);
  for (const char *table : kTables)
    session.execute(std::string("DELETE FROM ") + table);
}

// The query is on a path that leaves the loop right after it.
dbo::ptr<Customer> firstKnown(dbo::Session &session, const std::vector<long long> &ids) {
  dbo::Transaction t(session);
  for (long long id : ids) {
    if (id > 0)
      return session.load<Customer>(id);
  }
  return dbo::ptr<Customer>();
}

void removeFirstCancelled(dbo::Session &session, const std::vector<dbo::ptr<Order>> &orders) {
  dbo::Transaction t(session);
  for (const dbo::ptr<Order> &o : orders) {
    if (o->status == "cancelled") {
      session.execute("DELETE FROM \"order\" WHERE id = ?").bind(o.id());
      break;
    }
  }
}
