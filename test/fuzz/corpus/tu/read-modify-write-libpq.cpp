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
}

void atomic(PGconn *c, const char *id) {
  const char *update[1] = {id};
  PQclear(PQexecParams(c, "UPDATE posts SET views = views + 1 WHERE id = $1", 1, nullptr, update, nullptr, nullptr, 0));
}
