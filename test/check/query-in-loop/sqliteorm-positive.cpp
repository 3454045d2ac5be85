// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// sqlite_orm: one round trip per row or per id, as people write it.
#include <sqlite_orm/sqlite_orm.h>
#include <algorithm>
#include <string>
#include <vector>

struct User {
  int id = 0;
  std::string name;
  bool active = true;
};
struct Order {
  int id = 0;
  int userId = 0;
  std::string status;
  double total = 0;
};
struct AuditEntry {
  int id = 0;
  int userId = 0;
  std::string message;
};

inline auto initStorage(const std::string &path) {
  using namespace sqlite_orm;
  return make_storage(path,
                      make_table("users", make_column("id", &User::id, primary_key().autoincrement()),
                                 make_column("name", &User::name), make_column("active", &User::active)),
                      make_table("orders", make_column("id", &Order::id, primary_key().autoincrement()),
                                 make_column("user_id", &Order::userId), make_column("status", &Order::status),
                                 make_column("total", &Order::total)),
                      make_table("audit", make_column("id", &AuditEntry::id, primary_key().autoincrement()),
                                 make_column("user_id", &AuditEntry::userId),
                                 make_column("message", &AuditEntry::message)));
}
using Storage = decltype(initStorage(""));

static std::string userName(Storage &storage, int userId) {
  return storage.get<User>(userId).name;
}

// N+1: the open orders with one query, then one fetch by key per order.
void printOpenOrders(Storage &storage) {
  using namespace sqlite_orm;
  for (const Order &order : storage.get_all<Order>(where(c(&Order::status) == "open"))) {
    User user = storage.get<User>(order.userId);
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'get' fetches one row by key once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'storage.get_all<Order>(
    (void)user;
  }
}

// A count query per row stepped by iterate<T>().
void printOrderCounts(Storage &storage) {
  using namespace sqlite_orm;
  for (const User &user : storage.iterate<User>()) {
    int n = storage.count<Order>(where(c(&Order::userId) == user.id));
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'count' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row of 'storage.iterate<User>()'
    (void)n;
  }
}

// One fetch by key per id of a vector.
std::vector<User> loadUsers(Storage &storage, const std::vector<int> &ids) {
  std::vector<User> users;
  for (int id : ids) {
    if (auto user = storage.get_pointer<User>(id))
      // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'get_pointer' fetches one row by key once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
      users.push_back(*user);
  }
  return users;
}

// A single-row UPDATE per element outside any transaction: one commit per row.
void deactivate(Storage &storage, std::vector<User> &users) {
  for (User &user : users) {
    user.active = false;
    storage.update(user);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'update' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'users'
  }
}

// A single-row INSERT per element outside any transaction.
void audit(Storage &storage, const std::vector<Order> &orders) {
  for (std::size_t i = 0; i < orders.size(); ++i)
    storage.insert(AuditEntry{0, orders[i].userId, "order " + std::to_string(orders[i].id) + " closed"});
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'insert' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs while 'i < orders.size()'
}

// A helper of this file that queries, called once per order.
std::vector<std::string> customerNames(Storage &storage, const std::vector<Order> &orders) {
  std::vector<std::string> names;
  for (const Order &o : orders)
    names.push_back(userName(storage, o.userId));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: call to 'userName' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orders'
  // CHECK-MESSAGES: :40:18: note: 'get' talks to the database here
  return names;
}

// A lambda run by std::for_each once per element.
void printBuyers(Storage &storage, const std::vector<Order> &orders) {
  std::for_each(orders.begin(), orders.end(), [&](const Order &o) {
    auto user = storage.get_optional<User>(o.userId);
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'get_optional' fetches one row by key once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'std::for_each' calls this lambda once per element
    (void)user;
  });
}
