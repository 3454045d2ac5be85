#include "repo.h"

std::vector<std::string> names(CustomerRepo &repo) {
  std::vector<std::string> out;
  for (int id : repo.allIds()) {
    out.push_back(repo.byId(id).name);
    out.push_back(describe(repo, id));
    doubled(id);
  }
  return out;
}
