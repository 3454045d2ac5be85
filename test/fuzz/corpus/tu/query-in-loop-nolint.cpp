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
  }
}
