// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// sqlpp11 (SQLite3 connector): loops that do not issue a round trip per data
// item. No findings. The tables are what sqlpp11-ddl2cpp generates.
#include <sqlpp11/sqlite3/sqlite3.h>
#include <sqlpp11/sqlpp11.h>
#include <atomic>
#include <cstdint>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace model {
namespace Orders_ {
struct Id {
  struct _alias_t {
    static constexpr const char _literal[] = "id";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T id;
      T &operator()() { return id; }
      const T &operator()() const { return id; }
    };
  };
  using _traits = sqlpp::make_traits<sqlpp::integer, sqlpp::tag::must_not_insert, sqlpp::tag::must_not_update>;
};
struct CustomerId {
  struct _alias_t {
    static constexpr const char _literal[] = "customer_id";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T customerId;
      T &operator()() { return customerId; }
      const T &operator()() const { return customerId; }
    };
  };
  using _traits = sqlpp::make_traits<sqlpp::integer, sqlpp::tag::require_insert>;
};
struct Status {
  struct _alias_t {
    static constexpr const char _literal[] = "status";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T status;
      T &operator()() { return status; }
      const T &operator()() const { return status; }
    };
  };
  using _traits = sqlpp::make_traits<sqlpp::text, sqlpp::tag::can_be_null>;
};
} // namespace Orders_

struct Orders : sqlpp::table_t<Orders, Orders_::Id, Orders_::CustomerId, Orders_::Status> {
  struct _alias_t {
    static constexpr const char _literal[] = "orders";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T orders;
      T &operator()() { return orders; }
      const T &operator()() const { return orders; }
    };
  };
};

namespace Customers_ {
struct Id {
  struct _alias_t {
    static constexpr const char _literal[] = "id";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T id;
      T &operator()() { return id; }
      const T &operator()() const { return id; }
    };
  };
  using _traits = sqlpp::make_traits<sqlpp::integer, sqlpp::tag::must_not_insert, sqlpp::tag::must_not_update>;
};
struct Name {
  struct _alias_t {
    static constexpr const char _literal[] = "name";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T name;
      T &operator()() { return name; }
      const T &operator()() const { return name; }
    };
  };
  using _traits = sqlpp::make_traits<sqlpp::text, sqlpp::tag::can_be_null>;
};
} // namespace Customers_

struct Customers : sqlpp::table_t<Customers, Customers_::Id, Customers_::Name> {
  struct _alias_t {
    static constexpr const char _literal[] = "customers";
    using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;
    template <typename T> struct _member_t {
      T customers;
      T &operator()() { return customers; }
      const T &operator()() const { return customers; }
    };
  };
};
} // namespace model

namespace sql = sqlpp::sqlite3;

struct Order {
  int64_t id;
  int64_t customerId;
};

std::atomic<bool> running{true};
void process(int64_t orderId);

// The query hoisted before the loop; the loop looks names up in a map.
void printOrders(sql::connection &db) {
  const model::Orders orders{};
  const model::Customers customers{};
  std::map<int64_t, std::string> names;
  for (const auto &row : db(sqlpp::select(customers.id, customers.name).from(customers).unconditionally()))
    names[row.id] = row.name;
  for (const auto &row : db(sqlpp::select(orders.id, orders.customerId).from(orders).unconditionally()))
    std::cout << row.id << ' ' << names[row.customerId] << '\n';
}

// IN (subquery) replaces one query per order.
void printCustomersWithOpenOrders(sql::connection &db) {
  const model::Orders orders{};
  const model::Customers customers{};
  for (const auto &row : db(sqlpp::select(customers.name)
                                .from(customers)
                                .where(customers.id.in(sqlpp::select(orders.customerId)
                                                           .from(orders)
                                                           .where(orders.status == "open")))))
    std::cout << row.name << '\n';
}

// Bulk insert: one statement prepared before the loop with a parameter,
// re-executed per row inside one transaction.
void importOrders(sql::connection &db, const std::vector<Order> &toImport) {
  const model::Orders orders{};
  auto insert = db.prepare(sqlpp::insert_into(orders).set(orders.customerId = sqlpp::parameter(orders.customerId),
                                                           orders.status = "imported"));
  auto tx = sqlpp::start_transaction(db);
  for (const Order &o : toImport) {
    insert.params.customerId = o.customerId;
    db(insert);
  }
  tx.commit();
}

// A constant-bounded retry loop (SQLITE_BUSY).
bool closeOrder(sql::connection &db, int64_t id) {
  const model::Orders orders{};
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      db(sqlpp::update(orders).set(orders.status = "closed").where(orders.id == id));
      return true;
    } catch (const std::exception &) {
    }
  }
  return false;
}

// A worker loop taking one order per iteration.
void worker(sql::connection &db) {
  const model::Orders orders{};
  while (running) {
    auto next = db(sqlpp::select(orders.id).from(orders).where(orders.status == "queued").limit(1u));
    if (next.empty())
      continue;
    int64_t id = next.front().id;
    db(sqlpp::update(orders).set(orders.status = "running").where(orders.id == id));
    process(id);
  }
}

// A loop over a small constant array of table names.
void clearTables(sql::connection &db) {
  static constexpr const char *kTables[] = {"orders", "customers"};
  for (const char *table : kTables)
    db.execute(std::string("DELETE FROM ") + table);
}

// The write is on a path that leaves the loop right after it.
bool checkOrders(sql::connection &db, const std::vector<Order> &toCheck) {
  const model::Orders orders{};
  for (const Order &o : toCheck) {
    if (o.customerId <= 0) {
      db(sqlpp::update(orders).set(orders.status = "invalid").where(orders.id == o.id));
      return false;
    }
  }
  return true;
}

// The loop's own query runs once.
int64_t countOpen(sql::connection &db) {
  const model::Orders orders{};
  int64_t n = 0;
  for (const auto &row : db(sqlpp::select(orders.id).from(orders).where(orders.status == "open")))
    n += row.id > 0 ? 1 : 0;
  return n;
}
