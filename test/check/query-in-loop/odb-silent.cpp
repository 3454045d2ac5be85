// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// ODB: loops that do not issue a round trip per data item. No findings.
#include <odb/core.hxx>
#include <odb/database.hxx>
#include <odb/exceptions.hxx>
#include <odb/transaction.hxx>
#include <atomic>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

class customer {
public:
  unsigned long id() const { return id_; }
  const std::string &name() const { return name_; }

private:
  friend class odb::access;
  unsigned long id_ = 0;
  std::string name_;
};

class order {
public:
  unsigned long id() const { return id_; }
  unsigned long customer_id() const { return customer_id_; }
  void status(const std::string &s) { status_ = s; }

private:
  friend class odb::access;
  unsigned long id_ = 0;
  unsigned long customer_id_ = 0;
  std::string status_;
};

// A view joining orders with their customers (#pragma db view object(order)
// object(customer: order::customer_id_ == customer::id_)).
struct order_customer {
  unsigned long order_id;
  std::string customer_name;
};

class job {
public:
  void state(const std::string &s) { state_ = s; }

private:
  friend class odb::access;
  unsigned long id_ = 0;
  std::string state_;
};

namespace odb {
template <> struct query_columns<order> {
  static constexpr query_column<std::string> status{};
};
template <> struct query_columns<customer> {
  static constexpr query_column<unsigned long> id{};
};
template <> struct query_columns<job> {
  static constexpr query_column<std::string> state{};
};
} // namespace odb

typedef odb::query<order> order_query;
typedef odb::query<customer> customer_query;
typedef odb::query<job> job_query;

std::atomic<bool> running{true};
void process(const job &j);

// The query hoisted before the loop; the loop looks names up in a map.
void printOrders(odb::database &db) {
  odb::transaction t(db.begin());
  std::map<unsigned long, std::string> names;
  for (customer &c : db.query<customer>())
    names[c.id()] = c.name();
  odb::result<order> orders(db.query<order>());
  for (order &o : orders)
    std::cout << o.id() << ' ' << names[o.customer_id()] << '\n';
  t.commit();
}

// A view (JOIN) replaces the per-row load.
void printOpenOrders(odb::database &db) {
  odb::transaction t(db.begin());
  odb::result<order_customer> r(db.query<order_customer>("status = 'open'"));
  for (odb::result<order_customer>::iterator i(r.begin()); i != r.end(); ++i)
    std::cout << i->order_id << ' ' << i->customer_name << '\n';
  t.commit();
}

// IN (...) replaces one load per id.
std::vector<std::string> customerNames(odb::database &db, const std::vector<unsigned long> &ids) {
  std::vector<std::string> names;
  odb::transaction t(db.begin());
  for (customer &c : db.query<customer>(customer_query::id.in_range(ids.begin(), ids.end())))
    names.push_back(c.name());
  t.commit();
  return names;
}

// The retry loop of the ODB manual.
void closeOrder(odb::database &db, unsigned long id) {
  const unsigned short max_retries = 5;
  for (unsigned short retry_count(0);; retry_count++) {
    try {
      odb::transaction t(db.begin());
      std::unique_ptr<order> o(db.load<order>(id));
      o->status("closed");
      db.update(*o);
      t.commit();
      break;
    } catch (const odb::deadlock &) {
      if (retry_count > max_retries)
        throw;
      continue;
    }
  }
}

// A constant-bounded retry loop.
bool cancelOrder(odb::database &db, order &o) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      odb::transaction t(db.begin());
      o.status("cancelled");
      db.update(o);
      t.commit();
      return true;
    } catch (const odb::timeout &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker(odb::database &db) {
  while (running) {
    odb::transaction t(db.begin());
    std::unique_ptr<job> j(db.query_one<job>(job_query::state == "queued"));
    if (!j)
      continue;
    j->state("running");
    db.update(*j);
    t.commit();
    process(*j);
  }
}

// A loop over a small constant array of table names.
void clearTables(odb::database &db) {
  static constexpr const char *kTables[] = {"order", "customer", "job"};
  odb::transaction t(db.begin());
  for (const char *table : kTables)
    db.execute(std::string("DELETE FROM \"") + table + "\"");
  t.commit();
}

// The query is on a path that leaves the loop right after it.
std::unique_ptr<customer> firstKnown(odb::database &db, const std::vector<unsigned long> &ids) {
  odb::transaction t(db.begin());
  for (unsigned long id : ids) {
    if (id != 0)
      return std::unique_ptr<customer>(db.load<customer>(id));
  }
  return nullptr;
}

void removeFirstInvalid(odb::database &db, const std::vector<order> &orders) {
  odb::transaction t(db.begin());
  for (const order &o : orders) {
    if (o.customer_id() == 0) {
      db.erase<order>(o.id());
      break;
    }
  }
  t.commit();
}
