// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17
// REQUIRES: pqxx
// libpqxx: SELECT, then INSERT on the "not found" path.
#include <pqxx/pqxx>
#include <string>

// The shop's sign-up: an early return when found, else insert.
long ensureCustomer(pqxx::connection &c, const std::string &email, const std::string &name) {
  pqxx::work txn(c);
  const pqxx::result existing = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (!existing.empty())
    return existing[0][0].as<long>();
  const pqxx::result created =
      txn.exec_params("INSERT INTO customers (email, name) VALUES ($1, $2) RETURNING id", email, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: INSERT into 'customers' runs only when the SELECT above found no row, but nothing stops a concurrent request from inserting the same row in between (check-then-insert race): under load this creates duplicate rows; let one statement decide with a unique constraint on (email) and INSERT ... ON CONFLICT DO NOTHING / DO UPDATE (INSERT OR IGNORE in SQLite), or insert first and treat the unique violation as 'already exists' [db-check-then-insert]
  // CHECK-MESSAGES: :[[@LINE-6]]:37: note: the existence check runs here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: the insert runs when this finds no row
  txn.commit();
  return created[0][0].as<long>();
}

// A count, compared with zero, in the function's transaction.
void tag(pqxx::work &txn, long post, const std::string &name) {
  pqxx::result r = txn.exec_params("SELECT count(*) FROM tags WHERE post_id = $1 AND name = $2", post, name);
  if (r[0][0].as<int>() == 0)
    txn.exec_params("INSERT INTO tags (post_id, name) VALUES ($1, $2)", post, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'tags' runs only when the SELECT above found no row{{.*}}a unique constraint on (post_id, name){{.*}} [db-check-then-insert]
}

// The result kept in a flag.
void subscribe(pqxx::work &txn, const std::string &email) {
  bool known = !txn.exec_params("SELECT 1 FROM subscribers WHERE email = $1", email).empty();
  if (!known) {
    txn.exec_params("INSERT INTO subscribers (email) VALUES ($1)", email);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'subscribers' {{.*}} [db-check-then-insert]
  }
}

//===--- silent ---------------------------------------------------------------===//

// One statement decides.
void upsert(pqxx::work &txn, const std::string &email) {
  txn.exec_params("INSERT INTO customers (email) VALUES ($1) ON CONFLICT (email) DO NOTHING", email);
}

void checkThenUpsert(pqxx::work &txn, const std::string &email) {
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (r.empty())
    txn.exec_params("INSERT INTO customers (email) VALUES ($1) ON CONFLICT DO NOTHING", email);
}

// The parent row is locked first: concurrent inserts queue behind it.
void addLine(pqxx::work &txn, long order, long product) {
  txn.exec_params("SELECT id FROM orders WHERE id = $1 FOR UPDATE", order);
  pqxx::result r = txn.exec_params("SELECT 1 FROM order_lines WHERE order_id = $1 AND product_id = $2", order, product);
  if (r.empty())
    txn.exec_params("INSERT INTO order_lines (order_id, product_id) VALUES ($1, $2)", order, product);
}

// An advisory lock serializes the check and the insert.
void withAdvisoryLock(pqxx::work &txn, const std::string &email) {
  txn.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", email);
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (r.empty())
    txn.exec_params("INSERT INTO customers (email) VALUES ($1)", email);
}

// Inserting when the row exists is not a check-then-insert.
void onFound(pqxx::work &txn, const std::string &email) {
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (!r.empty())
    txn.exec_params("INSERT INTO logins (email) VALUES ($1)", email);
}

// Another table.
void audit(pqxx::work &txn, const std::string &email) {
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (r.empty())
    txn.exec_params("INSERT INTO audit (message) VALUES ($1)", "unknown " + email);
}

// The insert writes another key than the one checked: a fresh token.
void session(pqxx::work &txn, const std::string &token, const std::string &fresh) {
  pqxx::result r = txn.exec_params("SELECT id FROM sessions WHERE token = $1", token);
  if (r.empty())
    txn.exec_params("INSERT INTO sessions (token) VALUES ($1)", fresh);
}

// Not decided by the check.
void always(pqxx::work &txn, const std::string &email) {
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  txn.exec_params("INSERT INTO customers (email) VALUES ($1)", email);
}
