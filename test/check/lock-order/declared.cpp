// RUN: %check_dbtidy %s db-lock-order %t -- --profile=%S/Inputs/lock-order.yaml -- -std=c++17 -Wno-thread-safety-attributes
// A declared order (Clang's ACQUIRED_BEFORE/ACQUIRED_AFTER, or lock-order
// in .dbtidy.yaml) turns any acquisition against it into a finding, even
// without a cycle.
#include <mutex>

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRED_BEFORE(...) __attribute__((acquired_before(__VA_ARGS__)))
#define ACQUIRED_AFTER(...) __attribute__((acquired_after(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void lock();
  void unlock();
  bool try_lock();
};

Mutex gFirst;
Mutex gSecond ACQUIRED_AFTER(gFirst);

void secondThenFirst() {
  std::lock_guard<Mutex> s(gSecond);
  std::lock_guard<Mutex> f(gFirst);
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'gFirst' is acquired while 'gSecond' is held, against the declared loc{{.*}}
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: the order is declared here (ACQUIRED_AFTER)
// CHECK-MESSAGES: :[[@LINE-4]]:26: note: 'gSecond' is acquired here in 'secondThenFirst'
}

class Ledger {
public:
  void post() {
    std::lock_guard<Mutex> j(journalMu);
    std::lock_guard<Mutex> a(accountsMu);
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: lock-order inversion: 'Ledger::accountsMu' is acquired while 'Ledger::{{.*}}
// CHECK-MESSAGES: :[[@LINE+11]]:20: note: the order is declared here (ACQUIRED_BEFORE)
// CHECK-MESSAGES: :[[@LINE-4]]:28: note: 'Ledger::journalMu' is acquired here in 'Ledger::post'
// CHECK-MESSAGES: :[[@LINE+4]]:28: note: 'Ledger::accountsMu' is acquired here in 'Ledger::close'
// CHECK-MESSAGES: :[[@LINE+4]]:28: note: 'Ledger::journalMu' is acquired here while 'Ledger::accountsMu' is held in 'Ledger::close'
  }
  void close() {
    std::lock_guard<Mutex> a(accountsMu);
    std::lock_guard<Mutex> j(journalMu);
  }

private:
  Mutex accountsMu ACQUIRED_BEFORE(journalMu);
  Mutex journalMu;
};

// From the profile's lock-order: Registry::mu_ before gJournal; there is no
// cycle, the order alone makes addLater() a finding.
std::mutex gJournal;
class Registry {
public:
  void add() {
    std::lock_guard<std::mutex> j(gJournal);
    registered_ = true;
  }
  void addLater() {
    std::lock_guard<std::mutex> j(gJournal);
    std::unique_lock<std::mutex> r(mu_, std::defer_lock);
    r.lock();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Registry::mu_' is acquired while 'gJournal' is held, against the decl{{.*}}
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'gJournal' is acquired here in 'Registry::addLater'
  }
  void remove() { std::lock_guard<std::mutex> r(mu_); }

private:
  std::mutex mu_;
  bool registered_ = false;
};
