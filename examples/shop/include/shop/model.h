// Plain data types shared by the shop service.
#pragma once

#include <cstdint>
#include <string>

namespace shop {

struct Customer {
  int64_t id = 0;
  std::string name;
  std::string email;
};

struct OrderLine {
  int64_t productId = 0;
  int quantity = 0;
};

struct OrderSummary {
  int64_t orderId = 0;
  std::string customerName;
  int64_t totalCents = 0;
};

struct LowStockItem {
  std::string sku;
  int onHand = 0;
  std::string supplier;
};

struct StockMove {
  std::string sku;
  int delta = 0;
  std::string reason;
};

struct PriceChange {
  std::string sku;
  int64_t priceCents = 0;
};

struct TableCount {
  std::string table;
  int64_t rows = 0;
};

} // namespace shop
