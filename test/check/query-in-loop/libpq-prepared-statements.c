// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c11 -I/usr/include/postgresql
// REQUIRES: libpq
// Named server-side statements from plain C, as a sync job writes them: the
// statement PQexecPrepared runs is the one prepared under THAT name, and a
// ROLLBACK on an error path that returns does not close the transaction the
// loop runs in.
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The loop reads through "get_price" (one query per row: flagged) and writes
// through "set_price" (the bulk form inside BEGIN/COMMIT: silent).
void sync_prices(PGconn *conn, char **skus, char **prices, int n) {
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQprepare(conn, "set_price", "UPDATE items SET price = $2 WHERE sku = $1", 2, NULL));
  PQclear(PQprepare(conn, "get_price", "SELECT price FROM items WHERE sku = $1", 1, NULL));
  for (int i = 0; i < n; i++) {
    const char *values[2] = {skus[i], prices[i]};
    PGresult *old = PQexecPrepared(conn, "get_price", 1, values, NULL, NULL, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'PQexecPrepared' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'i < n'
    if (PQntuples(old) == 1 && strcmp(PQgetvalue(old, 0, 0), prices[i]) != 0)
      PQclear(PQexecPrepared(conn, "set_price", 2, values, NULL, NULL, 0));
    PQclear(old);
  }
  PQclear(PQexec(conn, "COMMIT"));
}

// Silent: two writes prepared before the loop inside a transaction; a report
// query prepared after the loop is not what the loop executes.
long archive_orders(PGconn *conn, char **order_ids, int n) {
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQprepare(conn, "copy_order", "INSERT INTO orders_archive SELECT * FROM orders WHERE id = $1", 1, NULL));
  PQclear(PQprepare(conn, "drop_order", "DELETE FROM orders WHERE id = $1", 1, NULL));
  for (int i = 0; i < n; i++) {
    const char *values[1] = {order_ids[i]};
    PQclear(PQexecPrepared(conn, "copy_order", 1, values, NULL, NULL, 0));
    PQclear(PQexecPrepared(conn, "drop_order", 1, values, NULL, NULL, 0));
  }
  PQclear(PQexec(conn, "COMMIT"));
  PQclear(PQprepare(conn, "archived", "SELECT count(*) FROM orders_archive", 0, NULL));
  PGresult *res = PQexecPrepared(conn, "archived", 0, NULL, NULL, NULL, 0);
  long count = PQntuples(res) ? strtol(PQgetvalue(res, 0, 0), NULL, 10) : 0;
  PQclear(res);
  return count;
}

// Silent: the usual error handling between BEGIN and the loop.
int import_prices(PGconn *conn, char **skus, char **prices, int n) {
  PGresult *res = PQexec(conn, "BEGIN");
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "BEGIN failed: %s", PQerrorMessage(conn));
    PQclear(res);
    return -1;
  }
  PQclear(res);
  res = PQprepare(conn, "ins_price", "INSERT INTO prices (sku, price) VALUES ($1, $2)", 2, NULL);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    fprintf(stderr, "PREPARE failed: %s", PQerrorMessage(conn));
    PQclear(res);
    PQclear(PQexec(conn, "ROLLBACK"));
    return -1;
  }
  PQclear(res);
  for (int i = 0; i < n; i++) {
    const char *values[2] = {skus[i], prices[i]};
    PQclear(PQexecPrepared(conn, "ins_price", 2, values, NULL, NULL, 0));
  }
  res = PQexec(conn, "COMMIT");
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok ? 0 : -1;
}
