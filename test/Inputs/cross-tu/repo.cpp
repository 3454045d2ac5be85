#include "repo.h"

Customer CustomerRepo::byId(int id) {
  pqxx::row r = tx_.exec_params1("SELECT id, name FROM customers WHERE id = $1", id);
  return Customer{r[0].as<int>(), r[1].as<std::string>()};
}

std::vector<int> CustomerRepo::allIds() {
  std::vector<int> ids;
  for (auto row : tx_.exec("SELECT id FROM customers"))
    ids.push_back(row[0].as<int>());
  return ids;
}

std::string describe(CustomerRepo &repo, int id) { return repo.byId(id).name; }

int doubled(int x) { return 2 * x; }
