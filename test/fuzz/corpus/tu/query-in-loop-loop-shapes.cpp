// Which loops run a query once per data item, on an in-house repository
// described by a user profile.
#include "shop.h"
#include <algorithm>
#include <atomic>
#include <map>
#include <vector>

using shop::Order;
using shop::OrderRepository;

void indexLoop(OrderRepository &repo, const std::vector<int> &ids) {
  for (size_t i = 0; i < ids.size(); ++i)
    repo.findCustomer(ids[i]);
}

void iteratorLoop(OrderRepository &repo, const std::map<int, int> &m) {
  for (auto it = m.begin(); it != m.end(); ++it)
    repo.findCustomer(it->first);
}

void whileOverContainer(OrderRepository &repo, std::vector<int> pending) {
  while (!pending.empty()) {
    repo.findCustomer(pending.back());
    pending.pop_back();
  }
}

void doWhile(OrderRepository &repo, std::vector<int> &pending) {
  do {
    repo.findCustomer(pending.back());
    pending.pop_back();
  } while (pending.size() > 1);
}

void algorithm(OrderRepository &repo, const std::vector<Order> &orders) {
  std::for_each(orders.begin(), orders.end(), [&](const Order &o) {
    repo.findCustomer(o.customerId);
  });
}

void immediatelyInvokedLambda(OrderRepository &repo, const std::vector<int> &ids) {
  for (int id : ids) {
    [&] { repo.findCustomer(id); }();
  }
}

void nestedBreak(OrderRepository &repo, const std::vector<std::vector<int>> &groups) {
  // The inner loop leaves right after the query, but the outer loop repeats it.
  for (const auto &group : groups) {
    for (int id : group) {
      repo.findCustomer(id);
      break;
    }
  }
}

void conditionalBreak(OrderRepository &repo, const std::vector<int> &ids) {
  for (int id : ids) {
    repo.findCustomer(id);
    if (id > 10)
      break;
  }
}

// Silent: nothing below runs a query once per data item.
std::atomic<bool> running{true};
int takeJob();

void silent(OrderRepository &repo, const std::vector<int> &ids, int n) {
  repo.findCustomer(1);                      // not in a loop
  for (int i = 0; i < 5; ++i)                // constant bound
    repo.findCustomer(i);
  for (int attempt = 0; attempt < n; ++attempt) // a retry loop
    if (repo.findCustomer(1).id)
      break;
  while (running)                            // a worker loop: one job per iteration
    repo.findCustomer(takeJob());
  for (;;) {                                 // polling
    repo.findCustomer(takeJob());
    if (!running)
      break;
  }
  for (int id : {1, 2, 3})                   // a small constant list
    repo.findCustomer(id);
  const std::vector<int> fixedIds = {4, 5};
  for (int id : fixedIds)                    // a const container of constants
    repo.findCustomer(id);
  do {
    repo.findCustomer(7);                    // runs once
  } while (false);
  for (int id : ids) {                       // leaves the loop right after
    if (id == 42) {
      repo.findCustomer(id);
      return;
    }
  }
  for (const Order &o : repo.findAll())      // the loop's own query runs once
    (void)o;
  auto deferred = [&] { repo.findCustomer(1); }; // stored, not run per element
  for (int id : ids)
    (void)id;
  deferred();
}
