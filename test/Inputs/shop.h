// The in-house repository layer the test profile Inputs/profiles/shop.yaml
// describes.
#ifndef DBTIDY_TEST_SHOP_H
#define DBTIDY_TEST_SHOP_H
#include <vector>
namespace shop {
struct Order { int id; int customerId; };
struct Customer { int id; };
class OrderRepository {
public:
  std::vector<Order> findAll();
  Customer findCustomer(int id);
  void save(const Order &o);
};
} // namespace shop
#endif
