// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// sqlpp11 (SQLite3 connector): one round trip per row or per id, as people
// write it. The tables are what sqlpp11-ddl2cpp generates.
#include <sqlpp11/sqlite3/sqlite3.h>
#include <sqlpp11/sqlpp11.h>
#include <algorithm>
#include <cstdint>
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

static std::string customerName(sql::connection &db, int64_t customerId) {
  const model::Customers customers{};
  auto result = db(sqlpp::select(customers.name).from(customers).where(customers.id == customerId));
  return result.empty() ? std::string() : std::string(result.front().name);
}

// N+1: the open orders with one query, then one query per order.
void printOpenOrders(sql::connection &db) {
  const model::Orders orders{};
  const model::Customers customers{};
  for (const auto &order :
       db(sqlpp::select(orders.id, orders.customerId).from(orders).where(orders.status == "open"))) {
    auto customer = db(sqlpp::select(customers.name).from(customers).where(customers.id == order.customerId));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'sqlpp::sqlite3::connection_base::operator()' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per row of 'db(sqlpp::select(orders.id, orders.customerId
    (void)customer;
  }
}

// One SELECT per id of a vector.
std::vector<std::string> loadNames(sql::connection &db, const std::vector<int64_t> &ids) {
  const model::Customers customers{};
  std::vector<std::string> names;
  for (int64_t id : ids) {
    for (const auto &row : db(sqlpp::select(customers.name).from(customers).where(customers.id == id)))
      // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'sqlpp::sqlite3::connection_base::operator()' runs a database query once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
      names.push_back(row.name);
  }
  return names;
}

// A single-row UPDATE per id outside any transaction: one commit per row.
void markShipped(sql::connection &db, const std::vector<int64_t> &orderIds) {
  const model::Orders orders{};
  for (int64_t id : orderIds)
    db(sqlpp::update(orders).set(orders.status = "shipped").where(orders.id == id));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlpp::sqlite3::connection_base::operator()' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orderIds'
}

// A single-row INSERT per element outside any transaction.
void copyOrders(sql::connection &db, const std::vector<Order> &toCopy) {
  const model::Orders orders{};
  for (const Order &o : toCopy)
    db(sqlpp::insert_into(orders).set(orders.customerId = o.customerId, orders.status = "copied"));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlpp::sqlite3::connection_base::operator()' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'toCopy'
}

// A helper of this file that queries, called once per order.
std::vector<std::string> customerNames(sql::connection &db, const std::vector<Order> &orders) {
  std::vector<std::string> names;
  for (const Order &o : orders)
    names.push_back(customerName(db, o.customerId));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'customerName' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
  // CHECK-MESSAGES: :112:17: note: 'sqlpp::sqlite3::connection_base::operator()' talks to the database here
  return names;
}

// A lambda run by std::for_each once per element.
void printCustomers(sql::connection &db, const std::vector<Order> &orders) {
  const model::Customers customers{};
  std::for_each(orders.begin(), orders.end(), [&](const Order &o) {
    auto rows = db(sqlpp::select(customers.name).from(customers).where(customers.id == o.customerId));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'sqlpp::sqlite3::connection_base::operator()' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'std::for_each' calls this lambda once per element
    (void)rows;
  });
}
