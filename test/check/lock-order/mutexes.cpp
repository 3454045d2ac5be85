// RUN: %check_dbtidy %s db-lock-order %t
// Lock-order inversions among std mutexes: globals, members, two instances
// of one class, through calls; and the patterns that must stay silent.
#include <mutex>
#include <pthread.h>
#include <shared_mutex>

std::mutex gA, gB;

void globalAB() {
  std::lock_guard<std::mutex> a(gA);
  int work = 0;
  (void)work;
  std::lock_guard<std::mutex> b(gB);
}

void globalBA() {
  std::unique_lock<std::mutex> b(gB);
  gA.lock();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock-order inversion: 'gA' is acquired while 'gB' is held, and elsewhe{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:32: note: 'gB' is acquired here in 'globalBA'
// CHECK-MESSAGES: :[[@LINE-11]]:31: note: 'gA' is acquired here in 'globalAB'
// CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'gB' is acquired here while 'gA' is held in 'globalAB'
  gA.unlock();
}

// Members: every instance of the class shares the lock's name.
class Cache {
public:
  void put() {
    std::lock_guard<std::mutex> i(indexMu_);
    ++size_;
    std::lock_guard<std::mutex> d(dataMu_);
  }
  void evict() {
    std::lock_guard<std::mutex> d(dataMu_);
    --size_;
    std::lock_guard<std::mutex> i(indexMu_);
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: lock-order inversion: 'Cache::indexMu_' is acquired while 'Cache::data{{.*}}
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: 'Cache::dataMu_' is acquired here in 'Cache::evict'
// CHECK-MESSAGES: :[[@LINE-10]]:33: note: 'Cache::indexMu_' is acquired here in 'Cache::put'
// CHECK-MESSAGES: :[[@LINE-9]]:33: note: 'Cache::dataMu_' is acquired here while 'Cache::indexMu_' is held in 'Cache::put'
  }

private:
  std::mutex indexMu_, dataMu_;
  int size_ = 0;
};

// Two instances of one class, locked in argument order.
struct Account {
  std::mutex mu;
  long balance = 0;
};

void transfer(Account &from, Account &to, long amount) {
  std::lock_guard<std::mutex> f(from.mu);
  from.balance -= amount;
  std::lock_guard<std::mutex> t(to.mu);
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: two different objects' 'Account::mu' are locked one after the other, i{{.*}}
// CHECK-MESSAGES: :[[@LINE-4]]:31: note: 'Account::mu' of the first object is acquired here in 'transfer'
  to.balance += amount;
}

// Through one and two levels of calls.
std::mutex gLog, gConfig;
void writeLog() { std::lock_guard<std::mutex> l(gLog); }
void audit() { writeLog(); }
void reloadConfig() {
  std::lock_guard<std::mutex> c(gConfig);
  audit();
}
void logConfig() {
  std::lock_guard<std::mutex> l(gLog);
  std::lock_guard<std::mutex> c(gConfig);
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lock-order inversion: 'gConfig' is acquired while 'gLog' is held, and {{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'gLog' is acquired here in 'logConfig'
// CHECK-MESSAGES: :[[@LINE-8]]:31: note: 'gConfig' is acquired here in 'reloadConfig'
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'gLog' is acquired while 'gConfig' is held in 'reloadConfig', through this call to 'audit'
// CHECK-MESSAGES: :[[@LINE-12]]:16: note: which calls 'writeLog'
// CHECK-MESSAGES: :[[@LINE-14]]:47: note: 'gLog' is acquired here, in 'writeLog'
}

std::mutex gStats, gNet;
void readStats() { std::lock_guard<std::mutex> s(gStats); }
void sendStats() {
  std::lock_guard<std::mutex> n(gNet);
  readStats();
}
void statsThenNet() {
  pthread_mutex_t *unused = nullptr;
  (void)unused;
  std::lock_guard<std::mutex> s(gStats);
  std::lock_guard<std::mutex> n(gNet);
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lock-order inversion: 'gNet' is acquired while 'gStats' is held, and e{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'gStats' is acquired here in 'statsThenNet'
// CHECK-MESSAGES: :[[@LINE-10]]:31: note: 'gNet' is acquired here in 'sendStats'
// CHECK-MESSAGES: :[[@LINE-10]]:3: note: 'gStats' is acquired while 'gNet' is held in 'sendStats', through this call to 'readStats'
// CHECK-MESSAGES: :[[@LINE-14]]:48: note: 'gStats' is acquired here, in 'readStats'
}

//===--- Silent ------------------------------------------------------------===//

std::mutex gC, gD;
// Unlocked before the second lock.
void cdUnlocked() {
  gC.lock();
  gC.unlock();
  gD.lock();
  gD.unlock();
}
// Scope end releases the guard.
void dcScoped() {
  {
    std::lock_guard<std::mutex> d(gD);
  }
  std::lock_guard<std::mutex> c(gC);
}
// unique_lock::unlock() before the second lock.
void cdGuardUnlocked() {
  std::unique_lock<std::mutex> c(gC);
  c.unlock();
  std::lock_guard<std::mutex> d(gD);
}
void dcConsistent() {
  std::lock_guard<std::mutex> d(gD);
  std::lock_guard<std::mutex> c(gC);
}

std::mutex gE, gF;
// std::scoped_lock and std::lock take both deadlock-free.
void efScoped() { std::scoped_lock both(gE, gF); }
void feLocked() {
  std::lock(gF, gE);
  std::lock_guard<std::mutex> f(gF, std::adopt_lock);
  std::lock_guard<std::mutex> e(gE, std::adopt_lock);
}
void feScoped() { std::scoped_lock both(gF, gE); }

// Deferred guards do not lock; try_lock never waits.
std::mutex gG, gH;
void ghDeferred() {
  std::unique_lock<std::mutex> g(gG, std::defer_lock);
  std::lock_guard<std::mutex> h(gH);
}
void hgTry() {
  std::lock_guard<std::mutex> h(gH);
  if (gG.try_lock())
    gG.unlock();
  std::unique_lock<std::mutex> g(gG, std::try_to_lock);
}

// Readers on both sides: no deadlock.
std::shared_mutex gR1, gR2;
void readers12() {
  std::shared_lock<std::shared_mutex> a(gR1);
  std::shared_lock<std::shared_mutex> b(gR2);
}
void readers21() {
  std::shared_lock<std::shared_mutex> b(gR2);
  std::shared_lock<std::shared_mutex> a(gR1);
}

// pthread mutexes released before the next one.
pthread_mutex_t gP = PTHREAD_MUTEX_INITIALIZER, gQ = PTHREAD_MUTEX_INITIALIZER;
void pq() {
  pthread_mutex_lock(&gP);
  pthread_mutex_lock(&gQ);
  pthread_mutex_unlock(&gQ);
  pthread_mutex_unlock(&gP);
}
void qpSeparately() {
  pthread_mutex_lock(&gQ);
  pthread_mutex_unlock(&gQ);
  pthread_mutex_lock(&gP);
  pthread_mutex_unlock(&gP);
}

// A mutex passed by reference has no identity: not reported.
void byRef(std::mutex &x, std::mutex &y) {
  std::lock_guard<std::mutex> a(x);
  std::lock_guard<std::mutex> b(y);
}

// Template instantiations are analysed.
std::mutex gT1, gT2;
template <class T> void withBoth(T value) {
  std::lock_guard<std::mutex> one(gT1);
  std::lock_guard<std::mutex> two(gT2);
  (void)value;
}
void useBoth() { withBoth(1); }
void twoThenOne() {
  std::lock_guard<std::mutex> two(gT2);
  int pause = 0;
  (void)pause;
  std::lock_guard<std::mutex> one(gT1);
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lock-order inversion: 'gT1' is acquired while 'gT2' is held, and elsewhere 'gT2' is acquired while 'gT1' is held in 'withBoth'{{.*}}
// CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'gT2' is acquired here in 'twoThenOne'
// CHECK-MESSAGES: :[[@LINE-12]]:31: note: 'gT1' is acquired here in 'withBoth'
// CHECK-MESSAGES: :[[@LINE-12]]:31: note: 'gT2' is acquired here while 'gT1' is held in 'withBoth'
}

// unique_lock::lock() re-takes the mutex; release() leaves it locked.
std::mutex gJ, gK;
void jkRelocked() {
  std::unique_lock<std::mutex> j(gJ);
  j.unlock();
  j.lock();
  std::lock_guard<std::mutex> k(gK);
}
void kjReleased() {
  std::unique_lock<std::mutex> k(gK);
  std::mutex *raw = k.release();
  std::lock_guard<std::mutex> j(gJ);
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lock-order inversion: 'gJ' is acquired while 'gK' is held, and elsewhere 'gK' is acquired while 'gJ' is held in 'jkRelocked'{{.*}}
// CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'gK' is acquired here in 'kjReleased'
// CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'gJ' is acquired here in 'jkRelocked'
// CHECK-MESSAGES: :[[@LINE-9]]:31: note: 'gK' is acquired here while 'gJ' is held in 'jkRelocked'
  raw->unlock();
}
