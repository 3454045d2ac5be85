// RUN: %check_dbtidy %s db-unordered-row-locks %t -- -- -std=c++17
// REQUIRES: pqxx
// SELECT ... FOR UPDATE over several rows needs a deterministic ORDER BY on
// the key; row locks in a loop need the ids sorted first.
#include <pqxx/pqxx>
#include <algorithm>
#include <set>
#include <vector>

void reserveAll(pqxx::work &t) {
  t.exec("SELECT qty FROM stock WHERE sku IN ('b', 'a') FOR UPDATE");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'SELECT ... FOR UPDATE' can lock several rows of 'stock' with no ORDER{{.*}}
  t.exec("SELECT qty FROM stock WHERE warehouse = 3 ORDER BY updated_at FOR UPDATE");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'SELECT ... FOR UPDATE' on 'stock' is ordered by columns that are not {{.*}}
}

void lockEach(pqxx::work &t, const std::vector<long> &ids) {
  for (long id : ids)
    t.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: row lock taken once per element of 'ids', which is not sorted first: t{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop locks rows in the order of 'ids'
}

//===--- Silent ------------------------------------------------------------===//

void ordered(pqxx::work &t) {
  t.exec("SELECT qty FROM stock WHERE sku IN ('b', 'a') ORDER BY id FOR UPDATE");
  t.exec("SELECT qty FROM stock WHERE warehouse = 3 ORDER BY updated_at, id FOR UPDATE");
}

void singleRow(pqxx::work &t, long id) {
  t.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id);
  t.exec("SELECT * FROM jobs WHERE state = 'new' LIMIT 1 FOR UPDATE");
}

void workQueue(pqxx::work &t) {
  t.exec("SELECT * FROM jobs WHERE state = 'new' FOR UPDATE SKIP LOCKED");
  t.exec("SELECT * FROM jobs WHERE state = 'new' FOR UPDATE NOWAIT");
}

void sharedLocks(pqxx::work &t) {
  t.exec("SELECT * FROM rates WHERE currency IN ('EUR', 'USD') FOR SHARE");
}

void lockSorted(pqxx::work &t, std::vector<long> ids) {
  std::sort(ids.begin(), ids.end());
  for (long id : ids)
    t.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id);
}

void lockOrderedSet(pqxx::work &t, const std::set<long> &ids) {
  for (long id : ids)
    t.exec_params("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id);
}

void noLock(pqxx::work &t, const std::vector<long> &ids) {
  for (long id : ids)
    t.exec_params("SELECT balance FROM accounts WHERE id = $1", id);
}
