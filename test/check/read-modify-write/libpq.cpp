// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17 -I/usr/include/postgresql
// REQUIRES: libpq
// libpq: PQgetvalue() on the SELECT's result, the UPDATE's parameters in the
// paramValues array of PQexecParams.
#include <libpq-fe.h>
#include <cstdlib>
#include <string>

void view(PGconn *c, const char *id) {
  const char *select[1] = {id};
  PGresult *r = PQexecParams(c, "SELECT views FROM posts WHERE id = $1", 1, nullptr, select, nullptr, nullptr, 0);
  int views = atoi(PQgetvalue(r, 0, 0));
  PQclear(r);
  std::string next = std::to_string(views + 1);
  const char *update[2] = {next.c_str(), id};
  PQclear(PQexecParams(c, "UPDATE posts SET views = $1 WHERE id = $2", 2, nullptr, update, nullptr, nullptr, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'posts.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-7]]:17: note: 'views' is read here, without a row lock
}

void atomic(PGconn *c, const char *id) {
  const char *update[1] = {id};
  PQclear(PQexecParams(c, "UPDATE posts SET views = views + 1 WHERE id = $1", 1, nullptr, update, nullptr, nullptr, 0));
}
