// The warehouse's stock ledger in SQLite, through SQLiteCpp.
//
// Markers (see README.md): a line with an intended finding ends in a BUG
// marker naming the check, a call that must stay silent ends in an OK marker,
// and a NOTE marker shows where a finding's note points.
#include "shop/inventory.h"

namespace shop {

void Inventory::createSchema() {
  db_.exec("CREATE TABLE IF NOT EXISTS suppliers ("
           "  id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
           "CREATE TABLE IF NOT EXISTS items ("
           "  sku TEXT PRIMARY KEY, on_hand INTEGER NOT NULL DEFAULT 0,"
           "  price_cents INTEGER NOT NULL DEFAULT 0,"
           "  supplier_id INTEGER REFERENCES suppliers(id));"
           "CREATE TABLE IF NOT EXISTS stock_moves ("
           "  id INTEGER PRIMARY KEY, sku TEXT NOT NULL, delta INTEGER NOT NULL,"
           "  reason TEXT NOT NULL, at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);");
}

std::vector<LowStockItem> Inventory::lowStockSlow(int threshold) {
  std::vector<LowStockItem> out;
  SQLite::Statement items(db_, "SELECT sku, on_hand, supplier_id FROM items "
                               "WHERE on_hand <= ? ORDER BY sku");
  items.bind(1, threshold);
  while (items.executeStep()) {
    LowStockItem item{items.getColumn(0).getString(), items.getColumn(1).getInt(), {}};
    SQLite::Statement supplier(db_, "SELECT name FROM suppliers WHERE id = ?");
    supplier.bind(1, items.getColumn(2).getInt64());
    if (supplier.executeStep()) // BUG(db-query-in-loop): one supplier look-up per low-stock item (N+1)
      item.supplier = supplier.getColumn(0).getString();
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<LowStockItem> Inventory::lowStock(int threshold) {
  std::vector<LowStockItem> out;
  SQLite::Statement rows(db_, "SELECT i.sku, i.on_hand, coalesce(s.name, '') FROM items i "
                              "LEFT JOIN suppliers s ON s.id = i.supplier_id "
                              "WHERE i.on_hand <= ? ORDER BY i.sku");
  rows.bind(1, threshold);
  while (rows.executeStep()) // OK: one JOIN replaces the N+1 of lowStockSlow (db-query-in-loop)
    out.push_back({rows.getColumn(0).getString(), rows.getColumn(1).getInt(),
                   rows.getColumn(2).getString()});
  return out;
}

void Inventory::recordMoves(const std::vector<StockMove> &moves) {
  SQLite::Transaction tx(db_);
  SQLite::Statement insert(db_, "INSERT INTO stock_moves (sku, delta, reason) VALUES (?, ?, ?)");
  for (const StockMove &move : moves) {
    insert.bind(1, move.sku);
    insert.bind(2, move.delta);
    insert.bind(3, move.reason);
    insert.exec(); // OK: statement prepared before the loop, re-executed inside one transaction (db-query-in-loop)
    insert.reset();
  }
  tx.commit();
}

void Inventory::applyPrices(const std::vector<PriceChange> &prices) {
  // No SQLite::Transaction: every exec() below is its own autocommit
  // transaction with its own journal write and sync.
  SQLite::Statement update(db_, "UPDATE items SET price_cents = ? WHERE sku = ?");
  for (const PriceChange &change : prices) {
    update.bind(1, change.priceCents);
    update.bind(2, change.sku);
    update.exec(); // BUG(db-query-in-loop): one single-row UPDATE and commit per item, not inside a transaction
    update.reset();
  }
}

} // namespace shop
