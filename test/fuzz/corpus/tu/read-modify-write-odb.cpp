// ODB: load -> modify -> update. A class with an optimistic version member
// (#pragma db object optimistic / #pragma db version) makes update() throw
// odb::object_changed instead: a remark, not a warning.
#include <odb/core.hxx>
#include <odb/database.hxx>
#include <memory>
#include <string>

#pragma db object
class Account {
public:
  unsigned long id_ = 0;
  long balance_ = 0;
  std::string owner_;
};

#pragma db object optimistic
class Wallet {
public:
  unsigned long id_ = 0;
  long balance_ = 0;
#pragma db version
  unsigned long version_ = 0;
};

void deposit(odb::database &db, unsigned long id, long amount) {
  odb::transaction t(db.begin());
  std::unique_ptr<Account> a(db.load<Account>(id));
  a->balance_ += amount;
  db.update(*a);
  t.commit();
}

// load(id, object) fills an object.
void depositInto(odb::database &db, unsigned long id, long amount) {
  odb::transaction t(db.begin());
  Account a;
  db.load(id, a);
  a.balance_ = a.balance_ + amount;
  db.update(a);
  t.commit();
}

// Optimistic: update() throws odb::object_changed instead of losing the
// change, but concurrent requests fail: a remark, not a warning.
void wallet(odb::database &db, unsigned long id, long amount) {
  odb::transaction t(db.begin());
  std::unique_ptr<Wallet> w(db.load<Wallet>(id));
  w->balance_ += amount;
  db.update(*w);
  t.commit();
}

//===--- silent ---------------------------------------------------------------===//

void rename(odb::database &db, unsigned long id, const std::string &owner) {
  odb::transaction t(db.begin());
  std::unique_ptr<Account> a(db.load<Account>(id));
  a->owner_ = owner;
  db.update(*a);
  t.commit();
}

void otherField(odb::database &db, unsigned long id) {
  odb::transaction t(db.begin());
  std::unique_ptr<Account> a(db.load<Account>(id));
  a->balance_ = static_cast<long>(a->owner_.size());
  db.update(*a);
  t.commit();
}

void atomic(odb::database &db, unsigned long id) {
  odb::transaction t(db.begin());
  db.execute("UPDATE account SET balance = balance + 10 WHERE id = " + std::to_string(id));
  t.commit();
}
