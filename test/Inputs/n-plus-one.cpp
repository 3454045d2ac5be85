// A minimal in-house data layer, described by Inputs/profiles/shop.yaml.
#include <vector>
namespace shop {
struct Order { int id; int customerId; };
struct Customer { int id; };
class OrderRepository {
public:
  std::vector<Order> findAll();
  Customer findCustomer(int id);
};
} // namespace shop

int countCustomers(shop::OrderRepository &repo) {
  int n = 0;
  for (const shop::Order &o : repo.findAll()) {
    repo.findCustomer(o.customerId);
    ++n;
  }
  return n;
}
