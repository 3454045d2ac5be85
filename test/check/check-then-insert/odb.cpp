// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17 %fake_headers
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
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'persist' inserts a new 'Customer' only when the query above found none{{.*}} [db-check-then-insert]
    // CHECK-MESSAGES: :[[@LINE-6]]:34: note: the existence check runs here
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: the insert runs when this finds no row
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
    // CHECK-MESSAGES: :[[@LINE-1]]:8: remark: 'persist' inserts into 'Customer' after an existence check; the primary key makes a concurrent duplicate fail with a unique violation {{.*}} [db-check-then-insert]
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
