// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17 %fake_headers
// sqlite_orm: get<T>() -> change a member -> update(). The fix-it uses the
// profile's atomic form (update_all with set(c(...) = c(...) + k)); the
// primary key comes from make_column(..., primary_key()).
#include <sqlite_orm/sqlite_orm.h>
#include <string>

struct User {
  int id = 0;
  std::string name;
  int visits = 0;
  int karma = 0;
  int getKarma() const { return karma; }
  void setKarma(int k) { karma = k; }
};

inline auto initStorage(const std::string &path) {
  using namespace sqlite_orm;
  return make_storage(path, make_table("users", make_column("id", &User::id, primary_key().autoincrement()),
                                       make_column("name", &User::name), make_column("visits", &User::visits),
                                       make_column("karma", &User::karma)));
}
using Storage = decltype(initStorage(""));

void visit(Storage &storage, int id) {
  auto user = storage.get<User>(id);
  user.visits += 1;
  storage.update(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'User.visits' is loaded, changed in C++ and saved back with no row lock or version check (lost update): two concurrent requests load the same old value and one of the changes is silently lost; increment it in the database instead: 'storage.update_all(sqlite_orm::set(sqlite_orm::c(&User::visits) = sqlite_orm::c(&User::visits) + 1), sqlite_orm::where(sqlite_orm::c(&User::id) == ...))' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'user' is loaded here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'visits' is changed here from its loaded value
  // CHECK-FIXES: {{^}}  auto user = storage.get<User>(id);
  // CHECK-FIXES-NEXT: {{^}}  storage.update_all(sqlite_orm::set(sqlite_orm::c(&User::visits) = sqlite_orm::c(&User::visits) + 1), sqlite_orm::where(sqlite_orm::c(&User::id) == id));
}

void visitTwice(Storage &storage, int id) {
  User user = storage.get<User>(id);
  user.visits = user.visits + 2;
  storage.update(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'User.visits' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  // CHECK-FIXES: storage.update_all(sqlite_orm::set(sqlite_orm::c(&User::visits) = sqlite_orm::c(&User::visits) + 2), sqlite_orm::where(sqlite_orm::c(&User::id) == id));
}

void penalize(Storage &storage, int id) {
  auto user = storage.get_pointer<User>(id);
  if (!user)
    return;
  --user->karma;
  storage.update(*user);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'User.karma' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  // CHECK-FIXES: storage.update_all(sqlite_orm::set(sqlite_orm::c(&User::karma) = sqlite_orm::c(&User::karma) - 1), sqlite_orm::where(sqlite_orm::c(&User::id) == id));
}

// setter(getter() + k)
void reward(Storage &storage, int id, int points) {
  auto user = storage.get<User>(id);
  user.setKarma(user.getKarma() + points);
  storage.update(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'User.karma' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  // CHECK-FIXES: storage.update_all(sqlite_orm::set(sqlite_orm::c(&User::karma) = sqlite_orm::c(&User::karma) + points), sqlite_orm::where(sqlite_orm::c(&User::id) == id));
}

// x = g(x): reported, no atomic form.
int decay(int karma);
void decayKarma(Storage &storage, int id) {
  auto user = storage.get<User>(id);
  user.karma = decay(user.karma);
  storage.update(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'User.karma' is loaded, changed in C++ and saved back with no row lock or version check (lost update): {{.*}}; lock the row when loading it (SELECT ... FOR UPDATE in the same transaction), add a version column, or compute the new value in one UPDATE [db-read-modify-write]
}

// The value also decides something: reported, no fix-it.
bool spend(Storage &storage, int id, int cost) {
  auto user = storage.get<User>(id);
  if (user.karma < cost)
    return false;
  user.karma -= cost;
  storage.update(user);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'User.karma' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  // CHECK-FIXES: user.karma -= cost;
  // CHECK-FIXES-NEXT: storage.update(user);
  return true;
}

// Once per row of a query.
void visitAll(Storage &storage) {
  for (auto &user : storage.get_all<User>()) {
    user.visits++;
    storage.update(user);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'User.visits' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  }
}

//===--- silent ---------------------------------------------------------------===//

// SQLite serializes transactions: inside one the second writer fails.
void inTransaction(Storage &storage, int id) {
  storage.transaction([&] {
    auto user = storage.get<User>(id);
    user.visits += 1;
    storage.update(user);
    return true;
  });
}

void withGuard(Storage &storage, int id) {
  auto guard = storage.transaction_guard();
  auto user = storage.get<User>(id);
  user.visits += 1;
  storage.update(user);
  guard.commit();
}

void rename(Storage &storage, int id, const std::string &name) {
  auto user = storage.get<User>(id);
  user.name = name;
  storage.update(user);
}

void atomic(Storage &storage, int id) {
  using namespace sqlite_orm;
  storage.update_all(set(c(&User::visits) = c(&User::visits) + 1), where(c(&User::id) == id));
}

// An object that was not loaded here.
void fromCaller(Storage &storage, User &user) {
  user.visits += 1;
  storage.update(user);
}

// Another field of the object.
void otherField(Storage &storage, int id) {
  auto user = storage.get<User>(id);
  user.visits = user.karma + 1;
  storage.update(user);
}
