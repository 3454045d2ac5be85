#include "locks.h"

std::mutex gAudit;

void appendAudit() { std::lock_guard<std::mutex> g(gAudit); }

void rotate() {
  std::lock_guard<std::mutex> g(gAudit);
  touchAccounts();
}
