// In-memory view of recent orders and stock levels shared by request threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

namespace shop {

class ShopCache {
public:
  /// Records an order and the stock it took.
  void recordOrder(int64_t orderId, int64_t productId, int quantity);
  /// Applies a delivery and re-opens orders waiting for that product.
  void applyRestock(int64_t productId, int quantity);
  /// A consistent copy of the stock levels and the number of pending orders.
  std::map<int64_t, int> snapshot(std::size_t &pendingOrders);

private:
  std::mutex ordersMu_; // guards pendingOrders_
  std::mutex stockMu_;  // guards stock_
  std::vector<int64_t> pendingOrders_;
  std::map<int64_t, int> stock_;
  std::map<int64_t, std::vector<int64_t>> waitingFor_; // guarded by ordersMu_
};

} // namespace shop
