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
  return out;
}

std::string silent(shop::OrderRepository &repo, const shop::Order &first) {
  std::string s = first.customer().name; // not in a loop
  const shop::Customer &c = first.customer();
  for (const shop::Order &o : repo.findAll())
    s += c.name + std::to_string(o.id); // loaded once, before the loop
  return s;
}
