#include "locks.h"

std::mutex gAccounts;

void touchAccounts() { std::lock_guard<std::mutex> g(gAccounts); }

void settle() {
  std::lock_guard<std::mutex> a(gAccounts);
  appendAudit();
}
