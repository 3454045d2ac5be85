// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17
// REQUIRES: soci
// Found on SOCI's own tests (tests/common/test-common.cpp): a loop before the
// loop that writes made the transaction analysis recurse without end and
// crash. The write loop is still judged.
#include <soci/soci.h>

void fill(soci::session &sql) {
  for (int i = 0; i < 2; ++i) {
  }
  while (false) {
  }
  switch (0) {
  default:
    break;
  }
  for (short sh = 0; sh != 100; ++sh)
    sql << "insert into soci_test(sh) values(:sh)", soci::use(sh);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'soci::session::operator<<' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs while 'sh != 100'
}
