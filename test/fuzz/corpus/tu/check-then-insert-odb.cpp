// ODB: query_one / find, then persist().
#include <odb/core.hxx>
#include <odb/database.hxx>
#include <memory>
#include <string>

#pragma db object
class Customer {
public:
  unsigned long id_ = 0;
  std::string email_;
};

void signUp(odb::database &db, const std::string &email) {
  odb::transaction t(db.begin());
  std::unique_ptr<Customer> c(db.query_one<Customer>("email = '" + email + "'"));
  if (!c) {
    Customer fresh;
    fresh.email_ = email;
    db.persist(fresh);
  }
  t.commit();
}

// find() by id: the primary key makes the second persist fail.
void ensure(odb::database &db, unsigned long id) {
  odb::transaction t(db.begin());
  if (db.find<Customer>(id) == nullptr) {
    Customer fresh;
    fresh.id_ = id;
    db.persist(fresh);
  }
  t.commit();
}

//===--- silent ---------------------------------------------------------------===//

void update(odb::database &db, const std::string &email) {
  odb::transaction t(db.begin());
  std::unique_ptr<Customer> c(db.query_one<Customer>("email = '" + email + "'"));
  if (c) {
    c->email_ = email;
    db.update(*c);
  }
  t.commit();
}
