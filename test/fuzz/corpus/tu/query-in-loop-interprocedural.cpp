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
    twoLevelsDown(repo, id);
    CustomerView view(repo, id);
    recursive(repo, id);
    noQuery(id);
  }
}
