// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 -I/usr/include/postgresql
// REQUIRES: libpq
// libpq code that does NOT issue a round trip per data item: no finding.
#include <libpq-fe.h>
#include <atomic>
#include <cstdio>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

struct Price {
  std::string sku;
  std::string price;
};

std::atomic<bool> running{true};
void handle(const char *jobId, const char *payload);

// The query hoisted before the loop.
void printOrdersHoisted(PGconn *conn) {
  std::map<std::string, std::string> names;
  PGresult *customers = PQexec(conn, "SELECT id, name FROM customers");
  for (int i = 0; i < PQntuples(customers); ++i)
    names[PQgetvalue(customers, i, 0)] = PQgetvalue(customers, i, 1);
  PQclear(customers);

  PGresult *orders = PQexec(conn, "SELECT id, customer_id FROM orders WHERE status = 'open'");
  for (int i = 0; i < PQntuples(orders); ++i)
    std::printf("%s %s\n", PQgetvalue(orders, i, 0), names[PQgetvalue(orders, i, 1)].c_str());
  PQclear(orders);
}

// A JOIN replaces the per-row query.
void printOrdersJoined(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT o.id, c.name FROM orders o "
                               "JOIN customers c ON c.id = o.customer_id "
                               "WHERE o.status = 'open'");
  if (PQresultStatus(res) == PGRES_TUPLES_OK) {
    const int rows = PQntuples(res);
    for (int i = 0; i < rows; ++i)
      std::printf("%s %s\n", PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));
  }
  PQclear(res);
}

// = ANY($1) replaces one query per id.
std::vector<std::string> loadEmails(PGconn *conn, const std::vector<long> &userIds) {
  std::string array = "{";
  for (size_t i = 0; i < userIds.size(); ++i)
    array += (i ? "," : "") + std::to_string(userIds[i]);
  array += "}";
  const char *params[] = {array.c_str()};
  PGresult *res = PQexecParams(conn, "SELECT email FROM users WHERE id = ANY($1::bigint[])", 1, nullptr,
                               params, nullptr, nullptr, 0);
  std::vector<std::string> emails;
  for (int i = 0; i < PQntuples(res); ++i)
    emails.emplace_back(PQgetvalue(res, i, 0));
  PQclear(res);
  return emails;
}

// Bulk insert: BEGIN, PQprepare once, PQexecPrepared per row, COMMIT.
bool importPrices(PGconn *conn, const std::vector<Price> &prices) {
  PGresult *res = PQexec(conn, "BEGIN");
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    std::fprintf(stderr, "BEGIN failed: %s", PQerrorMessage(conn));
    PQclear(res);
    return false;
  }
  PQclear(res);
  res = PQprepare(conn, "insert_price", "INSERT INTO price_history (sku, price) VALUES ($1, $2::numeric)", 2,
                  nullptr);
  PQclear(res);
  for (const Price &p : prices) {
    const char *values[2] = {p.sku.c_str(), p.price.c_str()};
    res = PQexecPrepared(conn, "insert_price", 2, values, nullptr, nullptr, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
      std::fprintf(stderr, "insert failed: %s", PQerrorMessage(conn));
    PQclear(res);
  }
  res = PQexec(conn, "COMMIT");
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  return ok;
}

// The same with START TRANSACTION and an index loop.
void markShipped(PGconn *conn, const std::vector<std::string> &orderIds) {
  PQclear(PQexec(conn, "START TRANSACTION"));
  PQclear(PQprepare(conn, "ship", "UPDATE orders SET status = 'shipped' WHERE id = $1", 1, nullptr));
  for (size_t i = 0; i < orderIds.size(); ++i) {
    const char *values[1] = {orderIds[i].c_str()};
    PQclear(PQexecPrepared(conn, "ship", 1, values, nullptr, nullptr, 0));
  }
  PQclear(PQexec(conn, "COMMIT"));
}

// A constant-bounded retry loop (serialization failures).
bool bumpCounter(PGconn *conn) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    PGresult *res = PQexec(conn, "UPDATE counters SET value = value + 1 WHERE name = 'visits'");
    ExecStatusType status = PQresultStatus(res);
    PQclear(res);
    if (status == PGRES_COMMAND_OK)
      return true;
  }
  return false;
}

// A worker loop: one job per iteration until told to stop.
void worker(PGconn *conn) {
  while (running) {
    PGresult *job = PQexec(conn, "DELETE FROM jobs WHERE id = (SELECT id FROM jobs ORDER BY id "
                                 "FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, payload");
    if (PQntuples(job) == 1)
      handle(PQgetvalue(job, 0, 0), PQgetvalue(job, 0, 1));
    else
      sleep(1);
    PQclear(job);
  }
}

// Polling with for (;;): LISTEN, then wait for notifications.
void listenForJobs(PGconn *conn) {
  PQclear(PQexec(conn, "LISTEN jobs_changed"));
  for (;;) {
    PQconsumeInput(conn);
    while (PGnotify *notify = PQnotifies(conn)) {
      std::printf("notified on %s\n", notify->relname);
      PQfreemem(notify);
    }
    PGresult *pending = PQexec(conn, "SELECT count(*) FROM jobs");
    std::printf("%s pending\n", PQgetvalue(pending, 0, 0));
    PQclear(pending);
    sleep(1);
  }
}

// A loop over a small constant array of table names.
static const char *const kTables[] = {"orders", "customers", "items"};

void vacuumAll(PGconn *conn) {
  for (const char *table : kTables) {
    std::string sql = std::string("VACUUM ANALYZE ") + table;
    PQclear(PQexec(conn, sql.c_str()));
  }
}

// The round trip is on a path that leaves the loop right after it.
bool validateIds(PGconn *conn, const std::vector<std::string> &ids) {
  for (const std::string &id : ids) {
    if (id.empty()) {
      PQclear(PQexec(conn, "INSERT INTO audit (message) VALUES ('empty id in import')"));
      return false;
    }
  }
  return true;
}

void reportFirstNull(PGconn *conn, PGresult *rows) {
  for (int i = 0; i < PQntuples(rows); ++i) {
    if (PQgetisnull(rows, i, 0)) {
      const char *params[1] = {PQgetvalue(rows, i, 1)};
      PQclear(PQexecParams(conn, "INSERT INTO audit (message) VALUES ($1)", 1, nullptr, params, nullptr,
                           nullptr, 0));
      break;
    }
  }
}

// Collecting the results of one asynchronous query is not a round trip per row.
void asyncQuery(PGconn *conn) {
  if (!PQsendQuery(conn, "SELECT id FROM orders"))
    return;
  PQsetSingleRowMode(conn);
  while (PGresult *res = PQgetResult(conn)) {
    if (PQresultStatus(res) == PGRES_SINGLE_TUPLE)
      std::printf("%s\n", PQgetvalue(res, 0, 0));
    PQclear(res);
  }
}
