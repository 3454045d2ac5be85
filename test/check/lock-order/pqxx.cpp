// RUN: %check_dbtidy %s db-lock-order %t -- -- -std=c++17
// REQUIRES: pqxx
// Row locks (SELECT ... FOR UPDATE) are held until the transaction ends:
// two transactions locking the same tables in opposite orders deadlock.
// A mutex held across a row lock, and a row lock's transaction taking that
// mutex, is a deadlock no database detector sees.
#include <pqxx/pqxx>
#include <mutex>

void debit(pqxx::connection &c, int account, int order) {
  pqxx::work t(c);
  t.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", account);
  t.exec_params("SELECT status FROM orders WHERE id = $1 FOR UPDATE", order);
  t.commit();
}

void ship(pqxx::connection &c, int account, int order) {
  pqxx::work t(c);
  t.exec_params("SELECT status FROM orders WHERE id = $1 FOR UPDATE", order);
  t.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", account);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: row-lock order inversion: a row lock on 'accounts' is acquired while a{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: a row lock on 'orders' is acquired here in 'ship'
// CHECK-MESSAGES: :[[@LINE-11]]:3: note: a row lock on 'accounts' is acquired here in 'debit'
// CHECK-MESSAGES: :[[@LINE-11]]:3: note: a row lock on 'orders' is acquired here while a row lock on 'accounts' is held in 'debit'
  t.commit();
}

// Mixed: the mutex is held while the row is locked ...
std::mutex gPriceCache;
void refreshPrices(pqxx::connection &c) {
  std::lock_guard<std::mutex> cache(gPriceCache);
  pqxx::work t(c);
  t.exec("SELECT price FROM prices WHERE id = 1 FOR UPDATE");
  t.commit();
}
// ... and the row lock is held while the mutex is taken.
void reprice(pqxx::connection &c) {
  pqxx::work t(c);
  t.exec("SELECT price FROM prices WHERE id = 1 FOR UPDATE");
  {
    std::lock_guard<std::mutex> cache(gPriceCache);
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: lock-order inversion between a mutex and database row locks: 'gPriceCa{{.*}}
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: a row lock on 'prices' is acquired here in 'reprice'
// CHECK-MESSAGES: :[[@LINE-13]]:31: note: 'gPriceCache' is acquired here in 'refreshPrices'
// CHECK-MESSAGES: :[[@LINE-12]]:3: note: a row lock on 'prices' is acquired here while 'gPriceCache' is held in 'refreshPrices'
  }
  t.commit();
}

//===--- Silent ------------------------------------------------------------===//

// Committed between the two row locks.
void stockThenItems(pqxx::connection &c) {
  pqxx::work t1(c);
  t1.exec("SELECT * FROM stock WHERE id = 1 FOR UPDATE");
  t1.commit();
  pqxx::work t2(c);
  t2.exec("SELECT * FROM items WHERE id = 1 FOR UPDATE");
  t2.commit();
}
void itemsThenStock(pqxx::connection &c) {
  pqxx::work t(c);
  t.exec("SELECT * FROM items WHERE id = 1 FOR UPDATE");
  t.exec("SELECT * FROM stock WHERE id = 1 FOR UPDATE");
  t.commit();
}

// SKIP LOCKED / NOWAIT never wait; shared locks do not block each other.
void jobsThenWorkers(pqxx::connection &c) {
  pqxx::work t(c);
  t.exec("SELECT * FROM jobs WHERE id = 1 FOR UPDATE SKIP LOCKED");
  t.exec("SELECT * FROM workers WHERE id = 1 FOR SHARE");
  t.commit();
}
void workersThenJobs(pqxx::connection &c) {
  pqxx::work t(c);
  t.exec("SELECT * FROM workers WHERE id = 1 FOR SHARE");
  t.exec("SELECT * FROM jobs WHERE id = 1 FOR UPDATE NOWAIT");
  t.commit();
}
