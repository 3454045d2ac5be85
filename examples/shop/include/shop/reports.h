// Reporting: customer look-ups, table statistics and a background worker.
#pragma once

#include "shop/model.h"

#include <pqxx/pqxx>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace shop {

/// Loads customers one by one (N+1 through a helper function).
std::vector<Customer> loadCustomers(pqxx::connection &conn,
                                    const std::vector<int64_t> &ids);
/// The same result with one `IN (...)` query.
std::vector<Customer> loadCustomersBatched(pqxx::connection &conn,
                                           const std::vector<int64_t> &ids);
/// Row counts of the shop's main tables.
std::vector<TableCount> tableCounts(pqxx::connection &conn);

struct ReportJob {
  int64_t customerId = 0;
};

/// Computes per-customer revenue reports for jobs queued by the web front end.
class ReportWorker {
public:
  explicit ReportWorker(pqxx::connection &conn) : conn_(conn) {}

  void submit(ReportJob job);
  /// Processes jobs until stop() is called.
  void run();
  void stop();

private:
  std::optional<ReportJob> takeJob();

  pqxx::connection &conn_;
  std::atomic<bool> running_{true};
  std::mutex queueMu_;
  std::condition_variable queueCv_;
  std::deque<ReportJob> queue_;
};

} // namespace shop
