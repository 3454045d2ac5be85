// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: poco
// Poco::Data: loops that do not issue a round trip per data item. No findings.
#include <Poco/Data/DataException.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Data/Transaction.h>
#include <atomic>
#include <iostream>
#include <map>
#include <string>
#include <vector>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;

struct Price {
  std::string sku;
  double price;
};

std::atomic<bool> running{true};
void process(int jobId);

// The query hoisted before the loop: one bulk SELECT into vectors.
std::map<int, std::string> customerNamesById(Session &session) {
  std::vector<int> ids;
  std::vector<std::string> names;
  session << "SELECT id, name FROM customers", into(ids), into(names), now;
  std::map<int, std::string> byId;
  for (std::size_t i = 0; i < ids.size(); ++i)
    byId[ids[i]] = names[i];
  return byId;
}

// A JOIN replaces the per-row query; the RecordSet ran its query before the loop.
void printOpenOrders(Session &session) {
  RecordSet rs(session, "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
                        "WHERE o.status = 'open'");
  for (auto &row : rs)
    std::cout << row.get(0).convert<int>() << ' ' << row.get(1).convert<std::string>() << '\n';
  bool more = rs.moveFirst();
  while (more) {
    std::cout << rs["name"].convert<std::string>() << '\n';
    more = rs.moveNext();
  }
}

// IN (...) replaces one query per id.
std::vector<std::string> loadNames(Session &session, const std::vector<int> &ids) {
  std::string list;
  for (int id : ids)
    list += (list.empty() ? "" : ",") + std::to_string(id);
  std::vector<std::string> names;
  session << "SELECT name FROM customers WHERE id IN (" + list + ")", into(names), now;
  return names;
}

// The loop's own query, written inline in the range-for.
void listCustomers(Session &session) {
  for (auto &row : RecordSet(session, "SELECT name FROM customers"))
    std::cout << row.get(0).convert<std::string>() << '\n';
}

// Bulk insert: one Statement prepared before the loop, re-executed per row
// between session.begin() and session.commit().
void importPrices(Session &session, const std::vector<Price> &prices) {
  session.begin();
  std::string sku;
  double price = 0;
  Statement insert(session);
  insert << "INSERT INTO prices(sku, price) VALUES(?, ?)", use(sku), use(price);
  for (const Price &p : prices) {
    sku = p.sku;
    price = p.price;
    insert.execute();
  }
  session.commit();
}

// The same inside a Poco::Data::Transaction.
void importPricesTx(Session &session, const std::vector<Price> &prices) {
  Poco::Data::Transaction tx(session);
  std::string sku;
  double price = 0;
  Statement update(session);
  update << "UPDATE prices SET price = ? WHERE sku = ?", use(price), use(sku);
  for (const Price &p : prices) {
    sku = p.sku;
    price = p.price;
    update.execute();
  }
  tx.commit();
}

// A constant-bounded retry loop.
bool reserveStock(Session &session, int itemId) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      session << "UPDATE stock SET reserved = reserved + 1 WHERE item_id = ?", use(itemId), now;
      return true;
    } catch (const Poco::Data::DataException &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker(Session &session) {
  while (running) {
    std::vector<int> job;
    session << "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1", into(job), now;
    if (job.empty())
      continue;
    session << "UPDATE jobs SET state = 'running' WHERE id = ?", use(job[0]), now;
    process(job[0]);
  }
}

// A loop over a small constant list of table names.
void printTableSizes(Session &session) {
  for (const char *table : {"orders", "customers", "payments"}) {
    long n = 0;
    session << "SELECT count(*) FROM " + std::string(table), into(n), now;
    std::cout << table << ": " << n << '\n';
  }
}

// The query is on a path that leaves the loop right after it.
bool validateIds(Session &session, const std::vector<int> &ids) {
  for (int id : ids) {
    if (id <= 0) {
      session << "INSERT INTO audit_log(message) VALUES('invalid id in batch')", now;
      return false;
    }
  }
  return true;
}

int firstMissing(Session &session, std::vector<int> &ids) {
  int missing = -1;
  for (int &id : ids) {
    if (id < 0) {
      int exists = 0;
      session << "SELECT count(*) FROM customers WHERE id = ?", into(exists), use(id), now;
      missing = exists ? -1 : id;
      break;
    }
  }
  return missing;
}

// A DDL log replayed, indexes dropped one by one, a list of statements run
// in order (Poco's own MemoryDB and Data::Transaction): one statement per
// item by nature, not N+1.
void replaySchemaLog(Session &session, const std::vector<std::string> &log) {
  for (const auto &ddl : log)
    session << ddl, now;
}

void dropIndexes(Session &session, const std::vector<std::string> &names) {
  for (const auto &name : names)
    session << ("DROP INDEX " + name), now;
}

void runStatements(Session &session, const std::vector<std::string> &sql) {
  for (std::vector<std::string>::const_iterator it = sql.begin(); it != sql.end(); ++it)
    session << *it, now;
}

// Paging through one statement's result (Poco's documented idiom: a
// `limit` fetches the next page on each execute): the loop is the cursor,
// one round trip per page of one query, not a query per item.
void printAllNamesPaged(Session &session) {
  std::vector<std::string> names;
  Statement select = (session << "SELECT name FROM customers", into(names), limit(100));
  while (!select.done()) {
    select.execute();
    for (const std::string &name : names)
      std::cout << name << '\n';
  }
}

// The same with a counter of rows read so far (Poco's own tests).
std::size_t countStringsPaged(Session &session, int step) {
  std::vector<std::string> data;
  Statement stmt = (session << "SELECT * FROM Strings", into(data), async, limit(step));
  std::size_t rows = 0;
  for (int i = 0; !stmt.done(); i += step) {
    stmt.execute();
    rows += stmt.wait();
  }
  return rows;
}

struct PagedExport {
  Statement stmt;
  std::vector<int> ids;
  explicit PagedExport(Session &session)
      : stmt((session << "SELECT id FROM orders", into(ids), limit(500))) {}
  void run() {
    do {
      stmt.execute();
    } while (!stmt.done());
  }
};
