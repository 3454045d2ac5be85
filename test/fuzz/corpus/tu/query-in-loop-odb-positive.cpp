// ODB: one round trip per row or per id, as people write it.
#include <odb/core.hxx>
#include <odb/database.hxx>
#include <odb/lazy-ptr.hxx>
#include <odb/transaction.hxx>
#include <algorithm>
#include <iostream>
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
  const odb::lazy_shared_ptr<customer> &buyer() const { return buyer_; }
  void status(const std::string &s) { status_ = s; }

private:
  friend class odb::access;
  unsigned long id_ = 0;
  unsigned long customer_id_ = 0;
  std::string status_;
  odb::lazy_shared_ptr<customer> buyer_;
};

class order_item {
  friend class odb::access;
  unsigned long id_ = 0;
  unsigned long order_id_ = 0;
};

// What the ODB compiler generates for the query columns.
namespace odb {
template <> struct query_columns<order> {
  static constexpr query_column<std::string> status{};
  static constexpr query_column<unsigned long> customer_id{};
};
template <> struct query_columns<order_item> {
  static constexpr query_column<unsigned long> order_id{};
};
} // namespace odb

typedef odb::query<order> order_query;
typedef odb::result<order> order_result;
typedef odb::query<order_item> item_query;

static std::string customerName(odb::database &db, unsigned long customerId) {
  std::unique_ptr<customer> c(db.load<customer>(customerId));
  return c->name();
}

// N+1: the open orders with one query, then one load per order.
void printOpenOrders(odb::database &db) {
  odb::transaction t(db.begin());
  order_result r(db.query<order>(order_query::status == "open"));
  for (order_result::iterator i(r.begin()); i != r.end(); ++i) {
    std::unique_ptr<customer> c(db.load<customer>(i->customer_id()));
    std::cout << i->id() << ' ' << c->name() << '\n';
  }
  t.commit();
}

// A count query per row of another query.
void printItemCounts(odb::database &db) {
  odb::transaction t(db.begin());
  for (order &o : db.query<order>(order_query::status == "open")) {
    odb::result<order_item> items(db.query<order_item>(item_query::order_id == o.id()));
    std::size_t n = 0;
    for (auto it = items.begin(); it != items.end(); ++it)
      ++n;
    std::cout << o.id() << ": " << n << '\n';
  }
  t.commit();
}

// The lazily loaded buyer of each order, loaded one by one.
void printBuyers(odb::database &db) {
  odb::transaction t(db.begin());
  for (order &o : db.query<order>()) {
    std::shared_ptr<customer> c = o.buyer().load();
    // Lazy relation loads are db-lazy-load-in-loop's to report:
    std::cout << c->name() << '\n';
  }
  t.commit();
}

// One load/find by id per element of a vector.
std::vector<std::string> customerNames(odb::database &db, const std::vector<unsigned long> &ids) {
  std::vector<std::string> names;
  odb::transaction t(db.begin());
  for (unsigned long id : ids) {
    std::unique_ptr<customer> c(db.find<customer>(id));
    if (c)
      names.push_back(c->name());
  }
  t.commit();
  return names;
}

// A transaction per row instead of one around the loop: a single-row UPDATE
// and its own commit per order.
void markShipped(odb::database &db, std::vector<order> &orders) {
  for (order &o : orders) {
    odb::transaction t(db.begin());
    o.status("shipped");
    db.update(o);
    t.commit();
  }
}

// A helper of this file that queries, called once per order.
std::vector<std::string> buyerNames(odb::database &db, const std::vector<order> &orders) {
  std::vector<std::string> names;
  odb::transaction t(db.begin());
  for (const order &o : orders)
    names.push_back(customerName(db, o.customer_id()));
  t.commit();
  return names;
}

// A lambda run by std::for_each once per element.
void printCustomers(odb::database &db, const std::vector<unsigned long> &ids) {
  odb::transaction t(db.begin());
  std::for_each(ids.begin(), ids.end(), [&](unsigned long id) {
    std::unique_ptr<customer> c(db.load<customer>(id));
    std::cout << c->name() << '\n';
  });
  t.commit();
}
