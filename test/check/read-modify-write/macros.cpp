// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17 %fake_headers
// REQUIRES: sqlite3
// A fix-it that would edit inside a macro expansion is never applied, not
// even in part: the finding stays, with a note saying why there is no fix
// (docs/fix-safety.md). The same code without macros is fixed.
#include <sqlite3.h>
#include <sqlite_orm/sqlite_orm.h>

#include <string>

#define UPDATE_VIEWS "UPDATE posts SET views = ? WHERE id = ?"
#define PREPARE(db, sql, st) sqlite3_prepare_v2(db, sql, -1, st, 0)
#define PLUS_ONE(v) ((v) + 1)

// The SQL text comes from a macro.
int sqlInMacro(sqlite3 *db, int id) {
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  sqlite3_step(q);
  int views = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  sqlite3_prepare_v2(db, UPDATE_VIEWS, -1, &u, 0);
  sqlite3_bind_int(u, 1, views + 1);
  sqlite3_bind_int(u, 2, id);
  sqlite3_step(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: fix-it not applied: it touches a macro expansion
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'views' is read here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: the new value is computed from it here
  // CHECK-FIXES: sqlite3_prepare_v2(db, UPDATE_VIEWS, -1, &u, 0);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 1, views + 1);
  return sqlite3_finalize(u);
}

// The call is written through a macro: the literal is a macro argument.
int callThroughMacro(sqlite3 *db, int id) {
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  sqlite3_step(q);
  int views = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  PREPARE(db, "UPDATE posts SET views = ? WHERE id = ?", &u);
  sqlite3_bind_int(u, 1, views + 1);
  sqlite3_bind_int(u, 2, id);
  sqlite3_step(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: fix-it not applied: it touches a macro expansion
  // CHECK-FIXES: PREPARE(db, "UPDATE posts SET views = ? WHERE id = ?", &u);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 1, views + 1);
  return sqlite3_finalize(u);
}

// The new value is computed by a macro.
int valueInMacro(sqlite3 *db, int id) {
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  sqlite3_step(q);
  int views = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  sqlite3_prepare_v2(db, "UPDATE posts SET views = ? WHERE id = ?", -1, &u, 0);
  sqlite3_bind_int(u, 1, PLUS_ONE(views));
  sqlite3_bind_int(u, 2, id);
  sqlite3_step(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: fix-it not applied: it touches a macro expansion
  // CHECK-FIXES: sqlite3_prepare_v2(db, "UPDATE posts SET views = ? WHERE id = ?", -1, &u, 0);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 1, PLUS_ONE(views));
  return sqlite3_finalize(u);
}

// Without macros: fixed.
int plain(sqlite3 *db, int id) {
  sqlite3_stmt *q = 0;
  sqlite3_prepare_v2(db, "SELECT views FROM posts WHERE id = ?", -1, &q, 0);
  sqlite3_bind_int(q, 1, id);
  sqlite3_step(q);
  int views = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  sqlite3_stmt *u = 0;
  sqlite3_prepare_v2(db, "UPDATE posts SET views = ? WHERE id = ?", -1, &u, 0);
  sqlite3_bind_int(u, 1, views + 2);
  sqlite3_bind_int(u, 2, id);
  sqlite3_step(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES-NOT: fix-it not applied
  // CHECK-FIXES: sqlite3_prepare_v2(db, "UPDATE posts SET views = views + ? WHERE id = ?", -1, &u, 0);
  // CHECK-FIXES-NEXT: sqlite3_bind_int(u, 1, 2);
  return sqlite3_finalize(u);
}

// sqlite_orm: the store is written through a macro.
struct User {
  int id = 0;
  int visits = 0;
};

inline auto initStorage(const std::string &path) {
  using namespace sqlite_orm;
  return make_storage(path, make_table("users", make_column("id", &User::id, primary_key().autoincrement()),
                                       make_column("visits", &User::visits)));
}
using Storage = decltype(initStorage(""));

#define SAVE(storage, object) storage.update(object)

void visit(Storage &storage, int id) {
  auto user = storage.get<User>(id);
  user.visits += 1;
  SAVE(storage, user);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'User.visits' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: fix-it not applied: it touches a macro expansion
  // CHECK-FIXES: {{^}}  user.visits += 1;
  // CHECK-FIXES-NEXT: {{^}}  SAVE(storage, user);
}
