// Orders and customers in PostgreSQL, through libpqxx 6.
//
// Markers (see README.md): a line with an intended finding ends in a BUG
// marker naming the check, a call that must stay silent ends in an OK marker,
// and a NOTE marker shows where a finding's note points.
#include "shop/orders_repo.h"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace shop {

std::vector<OrderSummary> OrdersRepo::openOrdersSlow() {
  pqxx::read_transaction txn(conn_);
  std::vector<OrderSummary> out;
  for (auto row : txn.exec("SELECT id, customer_id, total_cents FROM orders "
                           "WHERE status = 'open' ORDER BY id")) {
    const auto customerId = row["customer_id"].as<int64_t>();
    const pqxx::result customer = txn.exec_params( // BUG(db-query-in-loop): one SELECT per open order (N+1)
        "SELECT name FROM customers WHERE id = $1", customerId);
    out.push_back({row["id"].as<int64_t>(),
                   customer.empty() ? std::string() : customer[0][0].as<std::string>(),
                   row["total_cents"].as<int64_t>()});
  }
  return out;
}

std::vector<OrderSummary> OrdersRepo::openOrders() {
  pqxx::read_transaction txn(conn_);
  std::vector<OrderSummary> out;
  const pqxx::result rows = txn.exec( // OK: one JOIN replaces the N+1 of openOrdersSlow (db-query-in-loop)
      "SELECT o.id, c.name, o.total_cents FROM orders o "
      "JOIN customers c ON c.id = o.customer_id "
      "WHERE o.status = 'open' ORDER BY o.id");
  for (const auto &row : rows)
    out.push_back({row[0].as<int64_t>(), row[1].as<std::string>(), row[2].as<int64_t>()});
  return out;
}

void OrdersRepo::reserveStock(int64_t productId, int quantity) {
  pqxx::work txn(conn_);
  const pqxx::result r =
      txn.exec_params("SELECT stock FROM products WHERE id = $1", productId);
  if (r.empty())
    throw std::runtime_error("no such product");
  const int stock = r[0][0].as<int>();
  if (stock < quantity)
    throw std::runtime_error("out of stock");
  // The new value is computed in C++ from a value read without FOR UPDATE.
  txn.exec_params( // BUG(db-read-modify-write): a concurrent reservation between SELECT and UPDATE is lost
      "UPDATE products SET stock = $1 WHERE id = $2", stock - quantity, productId);
  txn.commit();
}

bool OrdersRepo::reserveStockAtomic(int64_t productId, int quantity) {
  pqxx::work txn(conn_);
  const pqxx::result r = txn.exec_params( // OK: the database computes the new value atomically (db-read-modify-write)
      "UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1", quantity,
      productId);
  txn.commit();
  return r.affected_rows() == 1;
}

int64_t OrdersRepo::ensureCustomer(const std::string &email, const std::string &name) {
  pqxx::work txn(conn_);
  const pqxx::result existing =
      txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (!existing.empty())
    return existing[0][0].as<int64_t>();
  const pqxx::result created = txn.exec_params( // BUG(db-check-then-insert): two requests can both miss the row and both insert
      "INSERT INTO customers (email, name) VALUES ($1, $2) RETURNING id", email, name);
  txn.commit();
  return created[0][0].as<int64_t>();
}

int64_t OrdersRepo::upsertCustomer(const std::string &email, const std::string &name) {
  pqxx::work txn(conn_);
  const pqxx::result r = txn.exec_params( // OK: one statement, the unique index arbitrates (db-check-then-insert)
      "INSERT INTO customers (email, name) VALUES ($1, $2) "
      "ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id",
      email, name);
  txn.commit();
  return r[0][0].as<int64_t>();
}

bool OrdersRepo::validateLines(int64_t orderId, const std::vector<OrderLine> &lines) {
  pqxx::work txn(conn_);
  for (const OrderLine &line : lines) {
    if (line.quantity <= 0) {
      txn.exec_params( // OK: the loop is always left right after this write (db-query-in-loop)
          "INSERT INTO order_audit (order_id, message) VALUES ($1, $2)", orderId,
          "non-positive quantity");
      txn.commit();
      return false;
    }
  }
  return true;
}

int64_t OrdersRepo::countOpenOrders() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      pqxx::read_transaction txn(conn_);
      const pqxx::result r = txn.exec( // OK: retry loop with a constant bound of 3 (db-query-in-loop)
          "SELECT count(*) FROM orders WHERE status = 'open'");
      return r[0][0].as<int64_t>();
    } catch (const pqxx::broken_connection &) {
      if (attempt == 2)
        throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
    }
  }
  throw std::logic_error("unreachable");
}

void OrdersRepo::markShipped(const std::vector<int64_t> &orderIds) {
  pqxx::nontransaction ntx(conn_); // autocommit: every statement commits on its own
  for (const int64_t id : orderIds) {
    ntx.exec_params( // BUG(db-query-in-loop): one UPDATE and one commit per order, outside any transaction
        "UPDATE orders SET status = 'shipped' WHERE id = $1", id);
  }
}

} // namespace shop
