// RUN: %check_dbtidy %s db-lock-order %t -- -- -std=c++17
// REQUIRES: soci
// SOCI: row locks taken with `sql << "SELECT ... FOR UPDATE"` are held
// until the transaction commits.
#include <soci/soci.h>

void reserve(soci::session &sql, int seat, int booking) {
  soci::transaction tr(sql);
  int free = 0, state = 0;
  sql << "SELECT free FROM seats WHERE id = :id FOR UPDATE", soci::into(free), soci::use(seat);
  sql << "SELECT state FROM bookings WHERE id = :id FOR UPDATE", soci::into(state), soci::use(booking);
  tr.commit();
}

void cancel(soci::session &sql, int seat, int booking) {
  soci::transaction tr(sql);
  int free = 0, state = 0;
  sql << "SELECT state FROM bookings WHERE id = :id FOR UPDATE", soci::into(state), soci::use(booking);
  sql << "SELECT free FROM seats WHERE id = :id FOR UPDATE", soci::into(free), soci::use(seat);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: row-lock order inversion: a row lock on 'seats' is acquired while a ro{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: a row lock on 'bookings' is acquired here in 'cancel'
// CHECK-MESSAGES: :[[@LINE-12]]:3: note: a row lock on 'seats' is acquired here in 'reserve'
// CHECK-MESSAGES: :[[@LINE-12]]:3: note: a row lock on 'bookings' is acquired here while a row lock on 'seats' is held in 'reserve'
  tr.commit();
}

// Each lock in its own transaction: silent.
void audit(soci::session &sql, int seat, int booking) {
  int free = 0, state = 0;
  {
    soci::transaction tr(sql);
    sql << "SELECT state FROM tickets WHERE id = :id FOR UPDATE", soci::into(state), soci::use(booking);
    tr.commit();
  }
  soci::transaction tr(sql);
  sql << "SELECT free FROM rooms WHERE id = :id FOR UPDATE", soci::into(free), soci::use(seat);
  tr.commit();
}
void rooms(soci::session &sql, int seat, int booking) {
  soci::transaction tr(sql);
  int free = 0, state = 0;
  sql << "SELECT free FROM rooms WHERE id = :id FOR UPDATE", soci::into(free), soci::use(seat);
  sql << "SELECT state FROM tickets WHERE id = :id FOR UPDATE", soci::into(state), soci::use(booking);
  tr.commit();
}
