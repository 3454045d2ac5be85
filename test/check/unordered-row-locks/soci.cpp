// RUN: %check_dbtidy %s db-unordered-row-locks %t -- -- -std=c++17
// REQUIRES: soci
#include <soci/soci.h>
#include <vector>

void lockSeats(soci::session &sql, const std::vector<int> &seats) {
  int free = 0;
  for (int seat : seats)
    sql << "SELECT free FROM seats WHERE id = :id FOR UPDATE", soci::into(free), soci::use(seat);
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: row lock taken once per element of 'seats', which is not sorted first:{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop locks rows in the order of 'seats'
  std::vector<int> rows(10);
  sql << "SELECT free FROM seats WHERE hall = 2 FOR UPDATE", soci::into(rows);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'SELECT ... FOR UPDATE' can lock several rows of 'seats' with no ORDER{{.*}}
  sql << "SELECT free FROM seats WHERE hall = 2 ORDER BY id FOR UPDATE", soci::into(rows);
}
