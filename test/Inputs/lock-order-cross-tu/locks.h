#pragma once
#include <mutex>

extern std::mutex gAccounts;
extern std::mutex gAudit;

void touchAccounts();
void appendAudit();
