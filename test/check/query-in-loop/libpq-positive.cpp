// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 -I/usr/include/postgresql
// REQUIRES: libpq
// N+1 round trips through the PostgreSQL C client library, from C++.
#include <libpq-fe.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

struct Price {
  std::string sku;
  std::string price;
};

static std::string customerName(PGconn *conn, const char *customerId) {
  const char *params[1] = {customerId};
  PGresult *res = PQexecParams(conn, "SELECT name FROM customers WHERE id = $1", 1, nullptr, params,
                               nullptr, nullptr, 0);
  std::string name;
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
    name = PQgetvalue(res, 0, 0);
  PQclear(res);
  return name;
}

// A query per row of another query's result.
void printOpenOrders(PGconn *conn) {
  PGresult *orders = PQexec(conn, "SELECT id, customer_id FROM orders WHERE status = 'open'");
  if (PQresultStatus(orders) != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "%s", PQerrorMessage(conn));
    PQclear(orders);
    return;
  }
  for (int i = 0; i < PQntuples(orders); i++) {
    const char *params[1] = {PQgetvalue(orders, i, 1)};
    PGresult *customer = PQexecParams(conn, "SELECT name, email FROM customers WHERE id = $1", 1,
                                      nullptr, params, nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: 'PQexecParams' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs while 'i < PQntuples(orders)'
    if (PQntuples(customer) > 0)
      std::printf("%s %s\n", PQgetvalue(orders, i, 0), PQgetvalue(customer, 0, 0));
    PQclear(customer);
  }
  PQclear(orders);
}

// The row count read once into a variable; the statement prepared once on
// the server and executed per row: still one round trip per row.
void printOrderLines(PGconn *conn) {
  PGresult *prep = PQprepare(conn, "order_lines", "SELECT sku, qty FROM order_lines WHERE order_id = $1", 1, nullptr);
  PQclear(prep);
  PGresult *orders = PQexec(conn, "SELECT id FROM orders");
  int rows = PQntuples(orders);
  for (int row = 0; row < rows; ++row) {
    const char *values[] = {PQgetvalue(orders, row, 0)};
    PGresult *lines = PQexecPrepared(conn, "order_lines", 1, values, nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'PQexecPrepared' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'row < rows'
    for (int l = 0; l < PQntuples(lines); ++l)
      std::printf("%s x%s\n", PQgetvalue(lines, l, 0), PQgetvalue(lines, l, 1));
    PQclear(lines);
  }
  PQclear(orders);
}

// A fetch per element of a vector of ids.
std::vector<std::string> loadEmails(PGconn *conn, const std::vector<long> &userIds) {
  std::vector<std::string> emails;
  for (long id : userIds) {
    std::string key = std::to_string(id);
    const char *params[] = {key.c_str()};
    PGresult *res = PQexecParams(conn, "SELECT email FROM users WHERE id = $1::bigint", 1, nullptr, params,
                                 nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'PQexecParams' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: this loop runs once per element of 'userIds'
    if (PQntuples(res) == 1)
      emails.emplace_back(PQgetvalue(res, 0, 0));
    PQclear(res);
  }
  return emails;
}

// Single-row UPDATE per element in autocommit mode.
void updatePrices(PGconn *conn, const std::vector<Price> &prices) {
  for (const Price &p : prices) {
    const char *params[2] = {p.price.c_str(), p.sku.c_str()};
    PGresult *res = PQexecParams(conn, "UPDATE items SET price = $1 WHERE sku = $2", 2, nullptr, params,
                                 nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'PQexecParams' writes to the database once per loop iteration outside a transaction, so every row is its own round trip and its own commit
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'prices'
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      std::fprintf(stderr, "update failed: %s", PQerrorMessage(conn));
    PQclear(res);
  }
}

// A named INSERT prepared before the loop, but no BEGIN: one commit per row.
void insertPricesAutocommit(PGconn *conn, const std::vector<Price> &prices) {
  PQclear(PQprepare(conn, "ins_price", "INSERT INTO price_history (sku, price) VALUES ($1, $2)", 2, nullptr));
  for (const Price &p : prices) {
    const char *params[2] = {p.sku.c_str(), p.price.c_str()};
    PQclear(PQexecPrepared(conn, "ins_price", 2, params, nullptr, nullptr, 0));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'PQexecPrepared' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'prices'
  }
}

// A helper of this file queries; called once per row.
void printCustomers(PGconn *conn) {
  PGresult *orders = PQexec(conn, "SELECT customer_id FROM orders");
  const int n = PQntuples(orders);
  for (int i = 0; i < n; ++i)
    std::puts(customerName(conn, PQgetvalue(orders, i, 0)).c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: call to 'customerName' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs while 'i < n'
  // CHECK-MESSAGES: :18:19: note: 'PQexecParams' talks to the database here
  PQclear(orders);
}

// A lambda run by std::for_each once per element.
void deleteSessions(PGconn *conn, const std::vector<std::string> &tokens) {
  std::for_each(tokens.begin(), tokens.end(), [conn](const std::string &token) {
    const char *params[] = {token.c_str()};
    PGresult *res = PQexecParams(conn, "DELETE FROM sessions WHERE token = $1", 1, nullptr, params,
                                 nullptr, nullptr, 0);
    // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'PQexecParams' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'std::for_each' calls this lambda once per element
    PQclear(res);
  });
}

// Inside BEGIN/COMMIT, but the SQL text is sent anew for every row.
void insertPricesInTransaction(PGconn *conn, const std::vector<Price> &prices) {
  PQclear(PQexec(conn, "BEGIN"));
  for (const Price &p : prices) {
    const char *params[2] = {p.sku.c_str(), p.price.c_str()};
    PQclear(PQexecParams(conn, "INSERT INTO price_history (sku, price) VALUES ($1, $2)", 2, nullptr, params,
                         nullptr, nullptr, 0));
    // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: 'PQexecParams' writes to the database once per loop iteration, one round trip per row; prepare the statement once before the loop
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'prices'
  }
  PQclear(PQexec(conn, "COMMIT"));
}
