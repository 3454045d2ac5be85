// RUN: %check_dbtidy %s db-lazy-load-in-loop %t -- --profile=%inputs/profiles/lazy.yaml -- -std=c++17
// A relation the user's profile declares lazy.
#include <string>
#include <vector>

namespace shop {
struct Customer { std::string name; };
class Order {
public:
  const Customer &customer() const; // loads the customer on first use
  int id = 0;
};
class OrderRepository {
public:
  std::vector<Order> findAll();
};
} // namespace shop

std::vector<std::string> names(shop::OrderRepository &repo) {
  std::vector<std::string> out;
  for (const shop::Order &o : repo.findAll())
    out.push_back(o.customer().name);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: relation 'customer' is loaded lazily once per loop iteration (N+1 queries){{.*}}use OrderRepository::findAllWithCustomers(), which joins them
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'repo.findAll()'
  return out;
}

std::string silent(shop::OrderRepository &repo, const shop::Order &first) {
  std::string s = first.customer().name; // not in a loop
  const shop::Customer &c = first.customer();
  for (const shop::Order &o : repo.findAll())
    s += c.name + std::to_string(o.id); // loaded once, before the loop
  return s;
}
