// RUN: %check_dbtidy %s db-query-in-loop %t -- --profile=%inputs/profiles/shop.yaml -- -std=c++17 -I%inputs
// A call in a loop to a function of this translation unit that queries is
// flagged at the call, with notes down to the query.
#include "shop.h"
#include <vector>

using shop::OrderRepository;

static int customerIdOf(OrderRepository &repo, int id) {
  return repo.findCustomer(id).id;
}

static int twoLevelsDown(OrderRepository &repo, int id) {
  return customerIdOf(repo, id) + 1;
}

static int recursive(OrderRepository &repo, int id) {
  return id <= 0 ? 0 : recursive(repo, id - 1);
}

static int noQuery(int id) { return id * 2; }

struct CustomerView {
  CustomerView(OrderRepository &repo, int id) : id(repo.findCustomer(id).id) {}
  int id;
};

void viaHelpers(OrderRepository &repo, const std::vector<int> &ids) {
  for (int id : ids) {
    customerIdOf(repo, id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'customerIdOf' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'ids'
    // CHECK-MESSAGES: :10:15: note: 'findCustomer' talks to the database here
    twoLevelsDown(repo, id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'twoLevelsDown' runs a database query once per loop iteration
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: this loop runs once per element of 'ids'
    // CHECK-MESSAGES: :14:10: note: which calls 'customerIdOf'
    // CHECK-MESSAGES: :10:15: note: 'findCustomer' talks to the database here
    CustomerView view(repo, id);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: constructing 'CustomerView' runs a database query once per loop iteration
    // CHECK-MESSAGES: :[[@LINE-12]]:3: note: this loop runs once per element of 'ids'
    // CHECK-MESSAGES: :24:57: note: 'findCustomer' talks to the database here
    recursive(repo, id);
    noQuery(id);
  }
}
