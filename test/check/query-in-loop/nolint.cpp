// RUN: %check_dbtidy %s db-query-in-loop %t -- --profile=%inputs/profiles/shop.yaml -- -std=c++17 -I%inputs
// The NOLINT comment family silences the check as in clang-tidy.
#include "shop.h"

void perOrder(shop::OrderRepository &repo) {
  for (const shop::Order &o : repo.findAll()) {
    repo.findCustomer(o.customerId); // NOLINT(db-query-in-loop)
    // NOLINTNEXTLINE(db-query-in-loop)
    repo.findCustomer(o.customerId);
    // NOLINTBEGIN(db-query-in-loop)
    repo.findCustomer(o.customerId);
    repo.findCustomer(o.customerId + 1);
    // NOLINTEND(db-query-in-loop)
    repo.findCustomer(o.customerId); // NOLINT(some-other-check)
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'findCustomer' fetches one row by key once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-10]]:3: note: this loop runs once per element of 'repo.findAll()'
  }
}
