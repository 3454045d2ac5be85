// Reports over the PostgreSQL database, through libpqxx 6.
//
// Markers (see README.md): a line with an intended finding ends in a BUG
// marker naming the check, a call that must stay silent ends in an OK marker,
// and a NOTE marker shows where a finding's note points.
#include "shop/reports.h"

#include <chrono>
#include <string>

namespace shop {

namespace {

Customer loadCustomer(pqxx::transaction_base &txn, int64_t id) {
  const pqxx::result r = txn.exec_params( // NOTE(db-query-in-loop): the query reached from the loop in loadCustomers
      "SELECT id, name, email FROM customers WHERE id = $1", id);
  if (r.empty())
    return Customer{id, {}, {}};
  return Customer{r[0][0].as<int64_t>(), r[0][1].as<std::string>(), r[0][2].as<std::string>()};
}

} // namespace

std::vector<Customer> loadCustomers(pqxx::connection &conn, const std::vector<int64_t> &ids) {
  pqxx::read_transaction txn(conn);
  std::vector<Customer> out;
  out.reserve(ids.size());
  for (const int64_t id : ids)
    out.push_back(loadCustomer(txn, id)); // BUG(db-query-in-loop): loadCustomer runs one SELECT per id (N+1)
  return out;
}

std::vector<Customer> loadCustomersBatched(pqxx::connection &conn,
                                           const std::vector<int64_t> &ids) {
  if (ids.empty())
    return {};
  pqxx::read_transaction txn(conn);
  std::string list;
  for (const int64_t id : ids) {
    if (!list.empty())
      list += ", ";
    list += std::to_string(id); // integers: nothing to quote
  }
  std::vector<Customer> out;
  const pqxx::result rows = txn.exec( // OK: one IN (...) query replaces the N+1 of loadCustomers (db-query-in-loop)
      "SELECT id, name, email FROM customers WHERE id IN (" + list + ") ORDER BY id");
  for (const auto &row : rows)
    out.push_back({row[0].as<int64_t>(), row[1].as<std::string>(), row[2].as<std::string>()});
  return out;
}

std::vector<TableCount> tableCounts(pqxx::connection &conn) {
  static constexpr const char *kTables[] = {"customers", "orders", "order_lines", "products"};
  pqxx::read_transaction txn(conn);
  std::vector<TableCount> out;
  for (const char *table : kTables) {
    const pqxx::result r = txn.exec( // OK: the loop runs over a constant array of 4 table names (db-query-in-loop)
        std::string("SELECT count(*) FROM ") + table);
    out.push_back({table, r[0][0].as<int64_t>()});
  }
  return out;
}

void ReportWorker::submit(ReportJob job) {
  {
    std::lock_guard<std::mutex> lock(queueMu_);
    queue_.push_back(job);
  }
  queueCv_.notify_one();
}

void ReportWorker::stop() {
  running_ = false;
  queueCv_.notify_all();
}

std::optional<ReportJob> ReportWorker::takeJob() {
  std::unique_lock<std::mutex> lock(queueMu_);
  queueCv_.wait_for(lock, std::chrono::seconds(1),
                    [this] { return !queue_.empty() || !running_; });
  if (queue_.empty())
    return std::nullopt;
  ReportJob job = queue_.front();
  queue_.pop_front();
  return job;
}

void ReportWorker::run() {
  while (running_) {
    auto job = takeJob();
    if (!job)
      continue;
    pqxx::work txn(conn_);
    const pqxx::result revenue = txn.exec_params( // OK: worker loop, one job per iteration, not a loop over data (db-query-in-loop)
        "SELECT coalesce(sum(total_cents), 0) FROM orders WHERE customer_id = $1",
        job->customerId);
    txn.exec_params("INSERT INTO customer_reports (customer_id, revenue_cents) VALUES ($1, $2)",
                    job->customerId, revenue[0][0].as<int64_t>());
    txn.commit();
  }
}

} // namespace shop
