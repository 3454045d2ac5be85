// In-memory cache shared by request threads.
//
// Markers (see README.md): a line with an intended finding ends in a BUG
// marker naming the check, a call that must stay silent ends in an OK marker,
// and a NOTE marker shows where a finding's note points.
#include "shop/cache.h"

#include <algorithm>

namespace shop {

void ShopCache::recordOrder(int64_t orderId, int64_t productId, int quantity) {
  std::lock_guard<std::mutex> orders(ordersMu_);
  std::lock_guard<std::mutex> stock(stockMu_); // NOTE(db-lock-order): here ordersMu_ is held while stockMu_ is taken
  pendingOrders_.push_back(orderId);
  int &onHand = stock_[productId];
  if (onHand < quantity)
    waitingFor_[productId].push_back(orderId);
  onHand -= std::min(onHand, quantity);
}

void ShopCache::applyRestock(int64_t productId, int quantity) {
  std::lock_guard<std::mutex> stock(stockMu_);
  stock_[productId] += quantity;
  std::lock_guard<std::mutex> orders(ordersMu_); // BUG(db-lock-order): stockMu_ then ordersMu_, recordOrder takes them the other way round: deadlock
  waitingFor_.erase(productId);
}

std::map<int64_t, int> ShopCache::snapshot(std::size_t &pendingOrders) {
  std::scoped_lock both(ordersMu_, stockMu_); // OK: std::scoped_lock takes both mutexes deadlock-free (db-lock-order)
  pendingOrders = pendingOrders_.size();
  return stock_;
}

} // namespace shop
