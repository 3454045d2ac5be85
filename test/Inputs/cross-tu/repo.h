#pragma once
#include <pqxx/pqxx>
#include <string>
#include <vector>

struct Customer {
  int id;
  std::string name;
};

class CustomerRepo {
public:
  explicit CustomerRepo(pqxx::work &tx) : tx_(tx) {}
  Customer byId(int id);
  std::vector<int> allIds();

private:
  pqxx::work &tx_;
};

std::string describe(CustomerRepo &repo, int id);
int doubled(int x);
