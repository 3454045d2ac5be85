// RUN: %check_dbtidy %s db-lock-order %t
// When the reported acquisition and the one it waits behind are adjacent
// guards of one scope, they become one std::scoped_lock (the fixed file is
// compiled). Elsewhere, notes only.
#include <mutex>

std::mutex gOrders, gStock;

void restock() {
  std::lock_guard<std::mutex> stock(gStock);
  int restocked = 1;
  (void)restocked;
  std::lock_guard<std::mutex> orders(gOrders);
}

void order() {
  std::lock_guard<std::mutex> orders(gOrders);
  std::lock_guard<std::mutex> stock(gStock);
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lock-order inversion: 'gStock' is acquired while 'gOrders' is held, an{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'gOrders' is acquired here in 'order'
// CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'gStock' is acquired here in 'restock'
// CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'gOrders' is acquired here while 'gStock' is held in 'restock'
}
// CHECK-FIXES: {{^}}  std::scoped_lock orders(gOrders, gStock);{{$}}
// CHECK-FIXES-NOT: std::lock_guard<std::mutex> stock(gStock);{{$}}

struct Account {
  std::mutex mu;
  long balance = 0;
};

void transfer(Account &from, Account &to, long amount) {
  std::unique_lock<std::mutex> f(from.mu);
  std::unique_lock<std::mutex> t(to.mu);
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: two different objects' 'Account::mu' are locked one after the other, i{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'Account::mu' of the first object is acquired here in 'transfer'
  from.balance -= amount;
  to.balance += amount;
}
// CHECK-FIXES: {{^}}  std::scoped_lock f(from.mu, to.mu);{{$}}

// The second guard is named again: no fix.
std::mutex gX, gY;
void xy() {
  std::lock_guard<std::mutex> x(gX);
  std::lock_guard<std::mutex> y(gY);
}
void yx() {
  std::lock_guard<std::mutex> y(gY);
  std::unique_lock<std::mutex> x(gX);
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: lock-order inversion: 'gX' is acquired while 'gY' is held, and elsewhe{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'gY' is acquired here in 'yx'
// CHECK-MESSAGES: :[[@LINE-8]]:31: note: 'gX' is acquired here in 'xy'
// CHECK-MESSAGES: :[[@LINE-8]]:31: note: 'gY' is acquired here while 'gX' is held in 'xy'
  x.unlock();
}
