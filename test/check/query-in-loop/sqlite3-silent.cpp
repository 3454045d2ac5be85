// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: sqlite3
// SQLite 3 C API code, from C++, that does NOT issue a round trip per data
// item: no finding.
#include <sqlite3.h>
#include <atomic>
#include <cstdio>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

struct Item {
  std::string sku;
  double price;
};

std::atomic<bool> running{true};
void handle(sqlite3_int64 jobId, const unsigned char *payload);

// The query hoisted before the loop: all names loaded once into a map.
void printOrdersHoisted(sqlite3 *db) {
  std::map<sqlite3_int64, std::string> names;
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, name FROM customers", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    names[sqlite3_column_int64(stmt, 0)] = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1));
  sqlite3_finalize(stmt);

  sqlite3_prepare_v2(db, "SELECT id, customer_id FROM orders WHERE status = 'open'", -1, &stmt, nullptr);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    std::printf("%lld %s\n", sqlite3_column_int64(stmt, 0), names[sqlite3_column_int64(stmt, 1)].c_str());
  sqlite3_finalize(stmt);
}

// A JOIN replaces the per-row query.
void printOrdersJoined(sqlite3 *db) {
  sqlite3_stmt *stmt = nullptr;
  int rc = sqlite3_prepare_v2(db,
                              "SELECT o.id, c.name FROM orders o "
                              "JOIN customers c ON c.id = o.customer_id "
                              "WHERE o.status = 'open'",
                              -1, &stmt, nullptr);
  if (rc != SQLITE_OK)
    return;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    std::printf("%lld %s\n", sqlite3_column_int64(stmt, 0), sqlite3_column_text(stmt, 1));
  if (rc != SQLITE_DONE)
    std::fprintf(stderr, "%s\n", sqlite3_errmsg(db));
  sqlite3_finalize(stmt);
}

// WHERE id IN (...) with one bind per id: binding is no round trip.
std::vector<double> loadBalances(sqlite3 *db, const std::vector<sqlite3_int64> &ids) {
  std::string sql = "SELECT balance FROM accounts WHERE id IN (";
  for (size_t i = 0; i < ids.size(); ++i)
    sql += i ? ",?" : "?";
  sql += ")";
  sqlite3_stmt *stmt = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  for (size_t i = 0; i < ids.size(); ++i)
    sqlite3_bind_int64(stmt, static_cast<int>(i + 1), ids[i]);
  std::vector<double> out;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    out.push_back(sqlite3_column_double(stmt, 0));
  sqlite3_finalize(stmt);
  return out;
}

// Bulk insert: BEGIN, one statement prepared before the loop, COMMIT.
bool importItems(sqlite3 *db, const std::vector<Item> &items) {
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt *insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO items (sku, price) VALUES (?1, ?2)", -1, &insert, nullptr);
  for (const Item &item : items) {
    sqlite3_bind_text(insert, 1, item.sku.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_double(insert, 2, item.price);
    if (sqlite3_step(insert) != SQLITE_DONE)
      std::fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db));
    sqlite3_reset(insert);
    sqlite3_clear_bindings(insert);
  }
  sqlite3_finalize(insert);
  return sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
}

// The same with BEGIN IMMEDIATE, an index loop and sqlite3_prepare_v3.
void importItemsImmediate(sqlite3 *db, const std::vector<Item> &items) {
  char *err = nullptr;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE TRANSACTION", nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "%s\n", err);
    sqlite3_free(err);
    return;
  }
  sqlite3_stmt *upsert;
  sqlite3_prepare_v3(db, "INSERT OR REPLACE INTO items (sku, price) VALUES (?, ?)", -1,
                     SQLITE_PREPARE_PERSISTENT, &upsert, nullptr);
  for (size_t i = 0; i < items.size(); ++i) {
    sqlite3_bind_text(upsert, 1, items[i].sku.data(), static_cast<int>(items[i].sku.size()), SQLITE_TRANSIENT);
    sqlite3_bind_double(upsert, 2, items[i].price);
    sqlite3_step(upsert);
    sqlite3_reset(upsert);
  }
  sqlite3_finalize(upsert);
  sqlite3_exec(db, "END TRANSACTION", nullptr, nullptr, nullptr);
}

// A constant-bounded retry loop around a busy database.
bool bumpCounter(sqlite3 *db) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    int rc = sqlite3_exec(db, "UPDATE counters SET value = value + 1 WHERE name = 'visits'",
                          nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK)
      return true;
    if (rc != SQLITE_BUSY)
      break;
    usleep(1000);
  }
  return false;
}

// A worker loop: one job per iteration until told to stop.
void worker(sqlite3 *db) {
  sqlite3_stmt *next = nullptr, *done = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, payload FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1", -1, &next, nullptr);
  sqlite3_prepare_v2(db, "UPDATE jobs SET state = 'done' WHERE id = ?", -1, &done, nullptr);
  while (running) {
    if (sqlite3_step(next) != SQLITE_ROW) {
      sqlite3_reset(next);
      usleep(100000);
      continue;
    }
    sqlite3_int64 id = sqlite3_column_int64(next, 0);
    handle(id, sqlite3_column_text(next, 1));
    sqlite3_reset(next);
    sqlite3_bind_int64(done, 1, id);
    sqlite3_step(done);
    sqlite3_reset(done);
  }
  sqlite3_finalize(next);
  sqlite3_finalize(done);
}

// Polling with for (;;).
void drainQueue(sqlite3 *db) {
  for (;;) {
    sqlite3_stmt *next;
    sqlite3_prepare_v2(db, "DELETE FROM jobs WHERE id = (SELECT min(id) FROM jobs) RETURNING id, payload", -1, &next, nullptr);
    int rc = sqlite3_step(next);
    if (rc == SQLITE_ROW)
      handle(sqlite3_column_int64(next, 0), sqlite3_column_text(next, 1));
    sqlite3_finalize(next);
    if (rc != SQLITE_ROW)
      break;
  }
}

// A loop over a small constant array of table names.
static const char *const kTables[] = {"orders", "customers", "items"};

static int printCount(void *table, int, char **argv, char **) {
  std::printf("%s: %s\n", static_cast<const char *>(table), argv[0]);
  return 0;
}

void printRowCounts(sqlite3 *db) {
  for (const char *table : kTables) {
    std::string sql = std::string("SELECT count(*) FROM ") + table;
    sqlite3_exec(db, sql.c_str(), printCount, const_cast<char *>(table), nullptr);
  }
}

// The round trip is on a path that leaves the loop right after it.
bool validateIds(sqlite3 *db, const std::vector<int> &ids) {
  for (int id : ids) {
    if (id <= 0) {
      sqlite3_exec(db, "INSERT INTO audit (message) VALUES ('invalid id in import')", nullptr, nullptr, nullptr);
      return false;
    }
  }
  return true;
}

void logFirstFailure(sqlite3 *db, const std::vector<Item> &items) {
  for (const Item &item : items) {
    if (item.price < 0) {
      sqlite3_stmt *log;
      sqlite3_prepare_v2(db, "INSERT INTO audit (message) VALUES (?)", -1, &log, nullptr);
      sqlite3_bind_text(log, 1, item.sku.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(log);
      sqlite3_finalize(log);
      break;
    }
  }
}

// The loop's own fetch: one query, stepped row by row.
sqlite3_int64 sumTotals(sqlite3 *db) {
  sqlite3_int64 sum = 0;
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT total FROM orders", -1, &stmt, nullptr) != SQLITE_OK)
    return 0;
  while (sqlite3_step(stmt) == SQLITE_ROW)
    sum += sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return sum;
}

// do/while over the steps of one statement.
int countRows(sqlite3 *db) {
  sqlite3_stmt *stmt;
  sqlite3_prepare_v2(db, "SELECT id FROM orders", -1, &stmt, nullptr);
  int rows = 0, rc;
  do {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
      ++rows;
  } while (rc == SQLITE_ROW);
  sqlite3_finalize(stmt);
  return rows;
}
