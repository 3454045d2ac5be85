// Orders and customers, stored in PostgreSQL (libpqxx).
#pragma once

#include "shop/model.h"

#include <pqxx/pqxx>

#include <cstdint>
#include <string>
#include <vector>

namespace shop {

class OrdersRepo {
public:
  explicit OrdersRepo(pqxx::connection &conn) : conn_(conn) {}

  /// Open orders with their customer's name: one query per order (N+1).
  std::vector<OrderSummary> openOrdersSlow();
  /// The same result with a single JOIN.
  std::vector<OrderSummary> openOrders();

  /// Takes `quantity` units of a product out of stock (lost update).
  void reserveStock(int64_t productId, int quantity);
  /// The same as one atomic, guarded UPDATE. Returns false when short.
  bool reserveStockAtomic(int64_t productId, int quantity);

  /// The id of the customer with this e-mail, created if missing (racy).
  int64_t ensureCustomer(const std::string &email, const std::string &name);
  /// The same as one INSERT ... ON CONFLICT statement.
  int64_t upsertCustomer(const std::string &email, const std::string &name);

  /// Rejects an order with a non-positive quantity, writing one audit row.
  bool validateLines(int64_t orderId, const std::vector<OrderLine> &lines);

  /// Number of open orders, retrying a dropped connection up to three times.
  int64_t countOpenOrders();

  /// Marks orders as shipped: one UPDATE per order, each its own transaction.
  void markShipped(const std::vector<int64_t> &orderIds);

private:
  pqxx::connection &conn_;
};

} // namespace shop
