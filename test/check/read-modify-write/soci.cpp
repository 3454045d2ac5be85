// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17
// REQUIRES: soci
// SOCI: into() receives the column, use() binds the placeholders in order
// (or by name), `<<` streams more SQL text.
#include <soci/soci.h>
#include <string>

void reserve(soci::session &sql, long id, int qty) {
  soci::transaction tr(sql);
  int stock = 0;
  sql << "SELECT stock FROM products WHERE id = :id", soci::into(stock), soci::use(id);
  sql << "UPDATE products SET stock = :s WHERE id = :id", soci::use(stock - qty), soci::use(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'products.stock' is written back with a value computed in C++ from the value read by the SELECT above, with no row lock in between (lost update): two concurrent requests read the same old value and one of the updates is silently lost; let the database compute it in the UPDATE: 'SET stock = stock - ...' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'stock' is read here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-3]]:69: note: the new value is computed from it here
  // CHECK-FIXES: sql << "UPDATE products SET stock = stock - :s WHERE id = :id", soci::use(qty), soci::use(id);
  tr.commit();
}

// Through a local variable, bound by name: reported, no fix-it.
void viaVariable(soci::session &sql, long id, int qty) {
  int stock = 0;
  sql << "SELECT stock FROM products WHERE id = :id", soci::into(stock), soci::use(id, "id");
  int left = stock + qty;
  sql << "UPDATE products SET stock = :s WHERE id = :id", soci::use(id, "id"), soci::use(left, "s");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'products.stock' is written back {{.*}}'SET stock = stock + ...' [db-read-modify-write]
  // CHECK-FIXES: sql << "UPDATE products SET stock = :s WHERE id = :id", soci::use(id, "id"), soci::use(left, "s");
}

// Streamed SQL text: the value is a piece of the statement.
void streamed(soci::session &sql, long id) {
  int hits = 0;
  sql << "SELECT hits FROM pages WHERE id = " << id, soci::into(hits);
  sql << "UPDATE pages SET hits = " << hits + 1 << " WHERE id = " << id;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'pages.hits' is written back {{.*}} [db-read-modify-write]
}

// A soci::row read with get<T>(column).
void viaRow(soci::session &sql, long id) {
  soci::row r;
  sql << "SELECT id, balance FROM accounts WHERE id = :id", soci::into(r), soci::use(id);
  long balance = r.get<long>(1);
  sql << "UPDATE accounts SET balance = :b WHERE id = :id", soci::use(balance * 2), soci::use(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'accounts.balance' is written back {{.*}}compute the new value in the UPDATE itself{{.*}} [db-read-modify-write]
}

//===--- silent ---------------------------------------------------------------===//

void atomic(soci::session &sql, long id, int qty) {
  sql << "UPDATE products SET stock = stock + :q WHERE id = :id", soci::use(qty), soci::use(id);
}

void locked(soci::session &sql, long id, int qty) {
  soci::transaction tr(sql);
  int stock = 0;
  sql << "SELECT stock FROM products WHERE id = :id FOR UPDATE", soci::into(stock), soci::use(id);
  sql << "UPDATE products SET stock = :s WHERE id = :id", soci::use(stock - qty), soci::use(id);
  tr.commit();
}

void rename(soci::session &sql, long id, const std::string &name) {
  std::string old;
  sql << "SELECT name FROM products WHERE id = :id", soci::into(old), soci::use(id);
  sql << "UPDATE products SET name = :n WHERE id = :id", soci::use(name), soci::use(id);
}

void otherColumn(soci::session &sql, long id) {
  int price = 0, stock = 0;
  sql << "SELECT price, stock FROM products WHERE id = :id", soci::into(price), soci::into(stock), soci::use(id);
  sql << "UPDATE products SET stock = :s WHERE id = :id", soci::use(price), soci::use(id);
}

// Two values read from the row: only the one written back matters.
void swapColumns(soci::session &sql, long id) {
  int a = 0, b = 0;
  sql << "SELECT a, b FROM pairs WHERE id = :id", soci::into(a), soci::into(b), soci::use(id);
  sql << "UPDATE pairs SET a = :v WHERE id = :id", soci::use(b), soci::use(id);
}
