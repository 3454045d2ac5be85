// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c11 -I/usr/include/postgresql
// REQUIRES: libpq
// libpq from plain C: N+1 round trips are flagged, the bulk form is not.
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static long stock_of(PGconn *conn, const char *sku) {
  const char *params[1] = {sku};
  PGresult *res = PQexecParams(conn, "SELECT qty FROM stock WHERE sku = $1", 1, NULL, params, NULL, NULL, 0);
  long qty = PQntuples(res) ? atol(PQgetvalue(res, 0, 0)) : 0;
  PQclear(res);
  return qty;
}

void print_order_lines(PGconn *conn, const char *order_id) {
  const char *params[1] = {order_id};
  PGresult *lines = PQexecParams(conn, "SELECT sku, qty FROM order_lines WHERE order_id = $1", 1, NULL, params,
                                 NULL, NULL, 0);
  int i, n = PQntuples(lines);
  for (i = 0; i < n; i++) {
    const char *sku[1] = {PQgetvalue(lines, i, 0)};
    PGresult *item = PQexecParams(conn, "SELECT title FROM items WHERE sku = $1", 1, NULL, sku, NULL, NULL, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'PQexecParams' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'i < n'
    printf("%s x%s (%ld in stock)\n", PQgetvalue(item, 0, 0), PQgetvalue(lines, i, 1), stock_of(conn, sku[0]));
    // CHECK-MESSAGES: :[[@LINE-1]]:88: warning: call to 'stock_of' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: this loop runs while 'i < n'
    // CHECK-MESSAGES: :10:19: note: 'PQexecParams' talks to the database here
    PQclear(item);
  }
  PQclear(lines);
}

void release_reservations(PGconn *conn, char **ids, int count) {
  for (int i = 0; i < count; i++) {
    const char *params[1] = {ids[i]};
    PGresult *res = PQexecParams(conn, "DELETE FROM reservations WHERE id = $1", 1, NULL, params, NULL, NULL, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'PQexecParams' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'i < count'
    PQclear(res);
  }
}

// Silent: BEGIN, one named statement prepared before the loop, COMMIT.
int import_stock(PGconn *conn, char **skus, char **qtys, int count) {
  PGresult *res;
  int i, ok = 1;
  res = PQexec(conn, "BEGIN");
  PQclear(res);
  res = PQprepare(conn, "upsert_stock",
                  "INSERT INTO stock (sku, qty) VALUES ($1, $2) "
                  "ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty",
                  2, NULL);
  PQclear(res);
  for (i = 0; i < count; i++) {
    const char *values[2];
    values[0] = skus[i];
    values[1] = qtys[i];
    res = PQexecPrepared(conn, "upsert_stock", 2, values, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      ok = 0;
    PQclear(res);
  }
  PQclear(PQexec(conn, ok ? "COMMIT" : "ROLLBACK"));
  return ok;
}

// Silent: iterating the rows of one result, and a retry loop.
long total_stock(PGconn *conn) {
  long total = 0;
  PGresult *res = NULL;
  for (int attempt = 0; attempt < 3 && !res; attempt++) {
    res = PQexec(conn, "SELECT qty FROM stock");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      PQclear(res);
      res = NULL;
      PQreset(conn);
    }
  }
  if (!res)
    return -1;
  for (int i = 0; i < PQntuples(res); i++)
    total += atol(PQgetvalue(res, i, 0));
  PQclear(res);
  return total;
}
