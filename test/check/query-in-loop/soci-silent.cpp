// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: soci
// SOCI: loops that do not issue a round trip per data item. No findings.
#include <soci/soci.h>
#include <atomic>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

struct Price {
  std::string sku;
  double price;
};

std::atomic<bool> running{true};
void process(int jobId);

// The query hoisted before the loop: one bulk SELECT into vectors.
std::map<int, std::string> customerNamesById(soci::session &sql) {
  std::vector<int> ids(1000);
  std::vector<std::string> names(1000);
  sql << "SELECT id, name FROM customers", soci::into(ids), soci::into(names);
  std::map<int, std::string> byId;
  for (std::size_t i = 0; i < ids.size(); ++i)
    byId[ids[i]] = names[i];
  return byId;
}

// A JOIN replaces the per-row query; the loop's own query runs once.
void printOpenOrders(soci::session &sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
                      "WHERE o.status = 'open'");
  for (const soci::row &r : rows)
    std::cout << r.get<int>(0) << ' ' << r.get<std::string>(1) << '\n';
}

// IN (...) replaces one query per id.
std::vector<std::string> loadNames(soci::session &sql, const std::vector<int> &ids) {
  std::ostringstream in;
  for (std::size_t i = 0; i < ids.size(); ++i)
    in << (i ? "," : "") << ids[i];
  std::vector<std::string> names(ids.size());
  sql << "SELECT name FROM customers WHERE id IN (" + in.str() + ")", soci::into(names);
  return names;
}

// The loop's own query, written inline in the range-for.
void listCustomers(soci::session &sql) {
  for (const std::string &name : soci::rowset<std::string>(sql.prepare << "SELECT name FROM customers"))
    std::cout << name << '\n';
}

// Iterating a rowset with iterators: the rowset ran its query before the loop.
int countVip(soci::session &sql) {
  soci::rowset<int> levels = (sql.prepare << "SELECT level FROM customers");
  int vip = 0;
  for (auto it = levels.begin(); it != levels.end(); ++it)
    if (*it > 3)
      ++vip;
  return vip;
}

// Bulk insert: one statement prepared before the loop with use() bound
// variables, re-executed per row inside one soci::transaction.
void importPrices(soci::session &sql, const std::vector<Price> &prices) {
  soci::transaction tr(sql);
  std::string sku;
  double price = 0;
  soci::statement st = (sql.prepare << "INSERT INTO prices(sku, price) VALUES(:sku, :price)",
                        soci::use(sku), soci::use(price));
  for (const Price &p : prices) {
    sku = p.sku;
    price = p.price;
    st.execute(true);
  }
  tr.commit();
}

// A constant-bounded retry loop.
bool reserveStock(soci::session &sql, int itemId) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      sql << "UPDATE stock SET reserved = reserved + 1 WHERE item_id = :id", soci::use(itemId);
      return true;
    } catch (const soci::soci_error &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker(soci::session &sql) {
  while (running) {
    int jobId = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1", soci::into(jobId, ind);
    if (ind != soci::i_ok)
      continue;
    sql << "UPDATE jobs SET state = 'running' WHERE id = :id", soci::use(jobId);
    process(jobId);
  }
}

// A loop over a small constant array of table names.
void printTableSizes(soci::session &sql) {
  static constexpr const char *kTables[] = {"orders", "customers", "payments"};
  for (const char *table : kTables) {
    long n = 0;
    sql << "SELECT count(*) FROM " + std::string(table), soci::into(n);
    std::cout << table << ": " << n << '\n';
  }
}

// The query is on a path that leaves the loop right after it.
bool validateIds(soci::session &sql, const std::vector<int> &ids) {
  for (int id : ids) {
    if (id <= 0) {
      sql << "INSERT INTO audit_log(message) VALUES('invalid id in batch')";
      return false;
    }
  }
  return true;
}

int firstMissing(soci::session &sql, const std::vector<int> &ids) {
  int missing = -1;
  for (int id : ids) {
    if (id < 0) {
      int exists = 0;
      sql << "SELECT count(*) FROM customers WHERE id = :id", soci::into(exists), soci::use(id);
      missing = exists ? -1 : id;
      break;
    }
  }
  return missing;
}
