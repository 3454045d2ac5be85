// The warehouse's local stock ledger, stored in SQLite (SQLiteCpp).
#pragma once

#include "shop/model.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <vector>

namespace shop {

class Inventory {
public:
  explicit Inventory(SQLite::Database &db) : db_(db) {}

  /// Creates the tables if they do not exist.
  void createSchema();

  /// Items at or below `threshold` with their supplier: one query per item.
  std::vector<LowStockItem> lowStockSlow(int threshold);
  /// The same result with a single JOIN.
  std::vector<LowStockItem> lowStock(int threshold);

  /// Appends stock movements: one prepared INSERT, one transaction.
  void recordMoves(const std::vector<StockMove> &moves);

  /// Applies a price list: one UPDATE per item, each its own transaction.
  void applyPrices(const std::vector<PriceChange> &prices);

private:
  SQLite::Database &db_;
};

} // namespace shop
