// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: pqxx
// libpqxx 6: loops that do not issue a round trip per data item. No findings.
#include <pqxx/pqxx>
#include <array>
#include <atomic>
#include <iostream>
#include <map>
#include <string>
#include <vector>

struct Price {
  std::string sku;
  double price;
};

std::atomic<bool> running{true};
void process(int jobId);

// The query hoisted before the loop; the loop only looks rows up in a map.
void printOrders(pqxx::work &tx) {
  std::map<int, std::string> names;
  for (const auto &row : tx.exec("SELECT id, name FROM customers"))
    names[row[0].as<int>()] = row[1].as<std::string>();
  pqxx::result orders = tx.exec("SELECT id, customer_id FROM orders");
  for (const auto &row : orders)
    std::cout << row[0].as<int>() << ' ' << names[row[1].as<int>()] << '\n';
}

// A JOIN replaces the per-row query.
void printOpenOrders(pqxx::connection &c) {
  pqxx::work tx(c);
  for (const auto &row : tx.exec("SELECT o.id, c.name FROM orders o "
                                 "JOIN customers c ON c.id = o.customer_id "
                                 "WHERE o.status = 'open'"))
    std::cout << row[0].as<int>() << ' ' << row[1].as<std::string>() << '\n';
}

// IN (...) replaces one query per id; the loop only builds the list.
pqxx::result loadCustomers(pqxx::work &tx, const std::vector<int> &ids) {
  std::string list;
  for (int id : ids) {
    if (!list.empty())
      list += ",";
    list += tx.quote(id);
  }
  return tx.exec("SELECT id, name FROM customers WHERE id IN (" + list + ")");
}

// The loop's own query, with a parameter.
// (Adding the rows up would be an aggregation finding: see
// pqxx-aggregation.cpp.)
double largestLine(pqxx::work &tx, int orderId) {
  double largest = 0;
  for (const auto &row : tx.exec_params("SELECT qty * price FROM order_items WHERE order_id = $1", orderId))
    if (row[0].as<double>() > largest)
      largest = row[0].as<double>();
  return largest;
}

// Bulk insert: a statement prepared before the loop, re-executed per row
// inside one pqxx::work.
void importPrices(pqxx::connection &c, const std::vector<Price> &prices) {
  c.prepare("insert_price", "INSERT INTO prices(sku, price) VALUES($1, $2)");
  pqxx::work tx(c);
  for (const Price &p : prices)
    tx.exec_prepared("insert_price", p.sku, p.price);
  tx.commit();
}

// The same through a reference to the transaction.
void importPricesInto(pqxx::work &tx, const std::vector<Price> &prices) {
  for (const Price &p : prices)
    tx.exec_prepared0("insert_price", p.sku, p.price);
}

// A constant-bounded retry loop around a serializable transaction.
bool transfer(pqxx::connection &c, int from, int to, double amount) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      pqxx::work tx(c);
      tx.exec_params0("UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from);
      tx.exec_params0("UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to);
      tx.commit();
      return true;
    } catch (const pqxx::serialization_failure &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker(pqxx::connection &c) {
  while (running) {
    pqxx::work tx(c);
    pqxx::result job = tx.exec("SELECT id FROM jobs WHERE state = 'queued' "
                               "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
    if (job.empty())
      continue;
    int id = job[0][0].as<int>();
    tx.exec_params0("UPDATE jobs SET state = 'running' WHERE id = $1", id);
    tx.commit();
    process(id);
  }
}

// A loop over a small constant array of table names.
void vacuumTables(pqxx::connection &c) {
  static const std::array<const char *, 3> kTables = {"orders", "customers", "payments"};
  pqxx::nontransaction ntx(c);
  for (const char *table : kTables)
    ntx.exec(std::string("VACUUM ANALYZE ") + table);
}

void printTableSizes(pqxx::work &tx) {
  for (const char *table : {"orders", "customers", "payments"})
    std::cout << table << ": " << tx.exec1(std::string("SELECT count(*) FROM ") + table)[0].as<long>() << '\n';
}

// The write is on a path that leaves the loop right after it.
bool checkRows(pqxx::nontransaction &ntx, const pqxx::result &rows) {
  for (const auto &row : rows) {
    if (row[0].is_null()) {
      ntx.exec0("INSERT INTO import_errors(message) VALUES('null id')");
      return false;
    }
  }
  return true;
}

int firstUnknownCustomer(pqxx::work &tx, const std::vector<int> &ids) {
  for (int id : ids) {
    if (id < 0) {
      pqxx::result r = tx.exec_params("SELECT 1 FROM customers WHERE id = $1", -id);
      if (r.empty())
        return id;
      break;
    }
  }
  return 0;
}
