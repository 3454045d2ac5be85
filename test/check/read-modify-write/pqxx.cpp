// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17
// REQUIRES: pqxx
// libpqxx: a column read with SELECT flows into the parameter of an UPDATE
// of the same column and row.
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

// The classic: read, compute in C++, write back. The fix-it moves the
// arithmetic into the UPDATE.
void reserve(pqxx::connection &c, long id, int qty) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT stock FROM products WHERE id = $1", id);
  int stock = r[0][0].as<int>();
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock - qty, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'products.stock' is written back with a value computed in C++ from the value read by the SELECT above, with no row lock in between (lost update): two concurrent requests read the same old value and one of the updates is silently lost; let the database compute it in the UPDATE: 'SET stock = stock - ...' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-4]]:24: note: 'stock' is read here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-3]]:67: note: the new value is computed from it here
  // CHECK-FIXES: txn.exec_params("UPDATE products SET stock = stock - $1 WHERE id = $2", qty, id);
  txn.commit();
}

// The value also guards a decision: an atomic UPDATE alone would not keep
// the check atomic, so no fix-it; the message says what to do instead.
void reserveChecked(pqxx::connection &c, long id, int qty) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT stock FROM products WHERE id = $1", id);
  int stock = r[0]["stock"].as<int>();
  if (stock < qty)
    throw std::runtime_error("out of stock");
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock - qty, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'products.stock' is written back {{.*}}let the database compute it and keep the check atomic: 'SET stock = stock - ... WHERE ... AND <the check>', then test the number of updated rows; or read the row with SELECT ... FOR UPDATE in the same transaction [db-read-modify-write]
  // CHECK-FIXES: txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock - qty, id);
  txn.commit();
}

// x = g(x): not an increment, still a lost update.
long rescale(long v);
void rescaleScore(pqxx::connection &c, long id) {
  pqxx::work txn(c);
  pqxx::row row = txn.exec1("SELECT score FROM players WHERE id = " + std::to_string(id));
  txn.exec_params("UPDATE players SET score = $1 WHERE id = $2", rescale(row[0].as<long>()), id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'players.score' is written back {{.*}}compute the new value in the UPDATE itself, or read the row with SELECT ... FOR UPDATE in the same transaction, or add a version check to the UPDATE's WHERE clause [db-read-modify-write]
  txn.commit();
}

// The key of the UPDATE comes from the row the SELECT read.
void bumpBySku(pqxx::connection &c, const std::string &sku) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT id, views FROM products WHERE sku = $1", sku);
  long id = r[0][0].as<long>();
  int views = r[0][1].as<int>();
  txn.exec_params("UPDATE products SET views = $1 WHERE id = $2", views + 1, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'products.views' is written back {{.*}} [db-read-modify-write]
  // CHECK-FIXES: txn.exec_params("UPDATE products SET views = views + $1 WHERE id = $2", 1, id);
  txn.commit();
}

// SQL built by concatenation: the value is a piece of the text.
void bumpConcatenated(pqxx::connection &c, long id) {
  pqxx::work txn(c);
  int n = txn.exec("SELECT hits FROM pages WHERE id = " + std::to_string(id))[0][0].as<int>();
  txn.exec("UPDATE pages SET hits = " + std::to_string(n + 1) + " WHERE id = " + std::to_string(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pages.hits' is written back {{.*}} [db-read-modify-write]
  txn.commit();
}

// FOR UPDATE, but the transaction commits between the read and the write.
void lockReleased(pqxx::connection &c, long id) {
  pqxx::work t1(c);
  pqxx::result r = t1.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id);
  long balance = r[0][0].as<long>();
  t1.commit();
  pqxx::work t2(c);
  t2.exec_params("UPDATE accounts SET balance = $1 WHERE id = $2", balance + 10, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'accounts.balance' is written back with a value computed in C++ from the value read by SELECT ... FOR UPDATE, but the row lock is gone before the write (lost update): {{.*}}keep the SELECT ... FOR UPDATE and the UPDATE in one transaction, or let the database compute the value [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-6]]:23: note: 'balance' is read here with FOR UPDATE
  // CHECK-MESSAGES: :[[@LINE-5]]:6: note: the transaction ends here, releasing the row lock before the UPDATE
  t2.commit();
}

// FOR UPDATE on a nontransaction: each statement commits by itself.
void lockAutocommit(pqxx::connection &c, long id) {
  pqxx::nontransaction ntx(c);
  pqxx::result r = ntx.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id);
  long balance = r[0][0].as<long>();
  ntx.exec_params("UPDATE accounts SET balance = $1 WHERE id = $2", balance - 5, id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'accounts.balance' is written back {{.*}}the row lock is gone before the write{{.*}} [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-4]]:24: note: 'balance' is read here with FOR UPDATE, but this connection commits every statement by itself, so the lock ends with the SELECT
}

//===--- silent ---------------------------------------------------------------===//

// The database computes the new value.
void atomic(pqxx::connection &c, long id, int qty) {
  pqxx::work txn(c);
  txn.exec_params("UPDATE products SET stock = stock - $1 WHERE id = $2 AND stock >= $1", qty, id);
  txn.commit();
}

// FOR UPDATE on that row in the same transaction.
void locked(pqxx::connection &c, long id, int qty) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT stock FROM products WHERE id = $1 FOR UPDATE", id);
  int stock = r[0][0].as<int>();
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock - qty, id);
  txn.commit();
}

// A function handed the transaction: the caller's FOR UPDATE lock holds.
void lockedByCaller(pqxx::work &txn, long id) {
  pqxx::result r = txn.exec_params("SELECT stock FROM products WHERE id = $1 FOR NO KEY UPDATE", id);
  int stock = r[0][0].as<int>();
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock + 1, id);
}

// The new value does not depend on the old one.
void rename(pqxx::connection &c, long id, const std::string &name) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT name FROM products WHERE id = $1", id);
  if (r[0][0].as<std::string>() != name)
    txn.exec_params("UPDATE products SET name = $1 WHERE id = $2", name, id);
  txn.commit();
}

// A read of another column.
void otherColumn(pqxx::connection &c, long id) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT price, stock FROM products WHERE id = $1", id);
  int price = r[0][0].as<int>();
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", price * 2, id);
  txn.commit();
}

// Another row.
void otherRow(pqxx::connection &c, long from, long to) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT stock FROM products WHERE id = $1", from);
  int stock = r[0][0].as<int>();
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock, to);
  txn.commit();
}

// An optimistic version check in the UPDATE.
bool optimistic(pqxx::connection &c, long id) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT balance, version FROM accounts WHERE id = $1", id);
  long balance = r[0][0].as<long>();
  long version = r[0][1].as<long>();
  pqxx::result u = txn.exec_params(
      "UPDATE accounts SET balance = $1, version = version + 1 WHERE id = $2 AND version = $3",
      balance + 10, id, version);
  txn.commit();
  return u.affected_rows() == 1;
}

// A serializable transaction: the conflicting writer fails instead.
void serializable(pqxx::connection &c, long id) {
  pqxx::work txn(c);
  txn.exec("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  pqxx::result r = txn.exec_params("SELECT stock FROM products WHERE id = $1", id);
  int stock = r[0][0].as<int>();
  txn.exec_params("UPDATE products SET stock = $1 WHERE id = $2", stock + 1, id);
  txn.commit();
}

// The row saved back as it was read, only the name changed: no value is
// computed from the old one.
void saveForm(pqxx::connection &c, long id, const std::string &name) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec_params("SELECT name, stock FROM products WHERE id = $1", id);
  int stock = r[0][1].as<int>();
  txn.exec_params("UPDATE products SET name = $1, stock = $2 WHERE id = $3", name, stock, id);
  txn.commit();
}

// SQL that cannot be read is never guessed at.
void unknownSql(pqxx::connection &c, const std::string &table, long id) {
  pqxx::work txn(c);
  pqxx::result r = txn.exec("SELECT n FROM " + table + " WHERE id = " + std::to_string(id));
  int n = r[0][0].as<int>();
  txn.exec("UPDATE " + table + " SET n = " + std::to_string(n + 1) + " WHERE id = " + std::to_string(id));
  txn.commit();
}
