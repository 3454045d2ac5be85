// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c11
// REQUIRES: sqlite3
// The SQLite 3 C API from plain C: N+1 round trips are flagged, the bulk and
// loop-own-fetch forms are not.
#include <sqlite3.h>
#include <stdio.h>
#include <stddef.h>

static int order_count(sqlite3 *db, sqlite3_int64 customer_id) {
  sqlite3_stmt *stmt = NULL;
  int n = 0;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM orders WHERE customer_id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64(stmt, 1, customer_id);
  if (sqlite3_step(stmt) == SQLITE_ROW)
    n = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return n;
}

void print_customers(sqlite3 *db) {
  sqlite3_stmt *customers = NULL;
  sqlite3_prepare_v2(db, "SELECT id, name FROM customers", -1, &customers, NULL);
  while (sqlite3_step(customers) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(customers, 0);
    sqlite3_stmt *last = NULL;
    sqlite3_prepare_v2(db, "SELECT max(created_at) FROM orders WHERE customer_id = ?", -1, &last, NULL);
    sqlite3_bind_int64(last, 1, id);
    sqlite3_step(last);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_step' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: this loop runs once per row fetched by 'sqlite3_step'
    printf("%s %s %d\n", (const char *)sqlite3_column_text(customers, 1),
           (const char *)sqlite3_column_text(last, 0), order_count(db, id));
    // CHECK-MESSAGES: :[[@LINE-1]]:56: warning: call to 'order_count' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-11]]:3: note: this loop runs once per row fetched by 'sqlite3_step'
    // CHECK-MESSAGES: :14:7: note: 'sqlite3_step' talks to the database here
    sqlite3_finalize(last);
  }
  sqlite3_finalize(customers);
}

void mark_paid(sqlite3 *db, const sqlite3_int64 *invoice_ids, size_t count) {
  for (size_t i = 0; i < count; i++) {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2(db, "UPDATE invoices SET paid = 1 WHERE id = ?", -1, &stmt, NULL);
    sqlite3_bind_int64(stmt, 1, invoice_ids[i]);
    sqlite3_step(stmt);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'sqlite3_step' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: this loop runs while 'i < count'
    sqlite3_finalize(stmt);
  }
}

// Silent: bulk insert inside BEGIN/COMMIT with one prepared statement.
int import_invoices(sqlite3 *db, const sqlite3_int64 *ids, const double *amounts, size_t count) {
  sqlite3_stmt *insert = NULL;
  size_t i;
  int rc;
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return -1;
  rc = sqlite3_prepare_v2(db, "INSERT INTO invoices (id, amount) VALUES (?, ?)", -1, &insert, NULL);
  for (i = 0; i < count && rc == SQLITE_OK; i++) {
    sqlite3_bind_int64(insert, 1, ids[i]);
    sqlite3_bind_double(insert, 2, amounts[i]);
    if (sqlite3_step(insert) != SQLITE_DONE)
      rc = SQLITE_ERROR;
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

// Silent: the loop's own fetch, a retry loop and a small constant array.
double total_amount(sqlite3 *db) {
  static const char *const tables[] = {"invoices", "credit_notes"};
  double total = 0;
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
    char sql[128];
    sqlite3_stmt *stmt;
    snprintf(sql, sizeof sql, "SELECT amount FROM %s", tables[t]);
    sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    while (sqlite3_step(stmt) == SQLITE_ROW)
      total += sqlite3_column_double(stmt, 0);
    sqlite3_finalize(stmt);
  }
  for (int attempt = 0; attempt < 3; attempt++)
    if (sqlite3_exec(db, "DELETE FROM invoice_cache", NULL, NULL, NULL) != SQLITE_BUSY)
      break;
  return total;
}
