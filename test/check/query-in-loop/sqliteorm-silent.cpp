// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// sqlite_orm: loops that do not issue a round trip per data item. No findings.
#include <sqlite_orm/sqlite_orm.h>
#include <atomic>
#include <iostream>
#include <map>
#include <string>
#include <system_error>
#include <tuple>
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
struct Job {
  int id = 0;
  std::string state;
};

inline auto initStorage(const std::string &path) {
  using namespace sqlite_orm;
  return make_storage(path,
                      make_table("users", make_column("id", &User::id, primary_key().autoincrement()),
                                 make_column("name", &User::name), make_column("active", &User::active)),
                      make_table("orders", make_column("id", &Order::id, primary_key().autoincrement()),
                                 make_column("user_id", &Order::userId), make_column("status", &Order::status),
                                 make_column("total", &Order::total)),
                      make_table("jobs", make_column("id", &Job::id, primary_key().autoincrement()),
                                 make_column("state", &Job::state)));
}
using Storage = decltype(initStorage(""));

std::atomic<bool> running{true};
void process(const Job &job);

// The query hoisted before the loop; the loop looks users up in a map.
void printOrders(Storage &storage) {
  std::map<int, std::string> names;
  for (const User &u : storage.get_all<User>())
    names[u.id] = u.name;
  for (const Order &o : storage.get_all<Order>())
    std::cout << o.id << ' ' << names[o.userId] << '\n';
}

// A JOIN replaces the per-row fetch.
void printOpenOrders(Storage &storage) {
  using namespace sqlite_orm;
  auto rows = storage.select(columns(&Order::id, &User::name),
                             inner_join<User>(on(c(&Order::userId) == &User::id)),
                             where(c(&Order::status) == "open"));
  for (const auto &row : rows)
    std::cout << std::get<0>(row) << ' ' << std::get<1>(row) << '\n';
}

// IN (...) replaces one fetch per id.
std::vector<User> loadUsers(Storage &storage, const std::vector<int> &ids) {
  using namespace sqlite_orm;
  return storage.get_all<User>(where(in(&User::id, ids)));
}

// The loop's own query: iterate<T>() steps one SELECT.
int countActive(Storage &storage) {
  int n = 0;
  for (const User &u : storage.iterate<User>())
    n += u.active ? 1 : 0;
  return n;
}

// Bulk insert: all rows in one statement, in one transaction.
void importUsers(Storage &storage, const std::vector<User> &users) {
  storage.transaction([&] {
    storage.insert_range(users.begin(), users.end());
    return true;
  });
}

// A constant-bounded retry loop (SQLITE_BUSY).
bool rename(Storage &storage, User user, const std::string &name) {
  user.name = name;
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      storage.update(user);
      return true;
    } catch (const std::system_error &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker(Storage &storage) {
  using namespace sqlite_orm;
  while (running) {
    auto jobs = storage.get_all<Job>(where(c(&Job::state) == "queued"), order_by(&Job::id), limit(1));
    if (jobs.empty())
      continue;
    Job job = jobs.front();
    job.state = "running";
    storage.update(job);
    process(job);
  }
}

// A loop over a small constant array of table names.
bool schemaPresent(Storage &storage) {
  static const std::string kTables[] = {"users", "orders", "jobs"};
  for (const std::string &table : kTables)
    if (!storage.table_exists(table))
      return false;
  return true;
}

// The write is on a path that leaves the loop right after it.
bool checkNames(Storage &storage, const std::vector<User> &users) {
  for (const User &u : users) {
    if (u.name.empty()) {
      storage.insert(Job{0, "fix-user-" + std::to_string(u.id)});
      return false;
    }
  }
  return true;
}

void removeFirstInactive(Storage &storage, const std::vector<User> &users) {
  for (const User &u : users) {
    if (!u.active) {
      storage.remove<User>(u.id);
      break;
    }
  }
}
