// ODB: the function named in `#pragma db object callback(f)` takes
// (odb::callback_event, odb::database&) and runs around every load,
// persist, update and erase of the object (the odb profile's hook rule).
#include <odb/core.hxx>
#include <odb/database.hxx>
#include <memory>
#include <string>

#pragma db object
class Customer {
public:
  unsigned long id_ = 0;
  long lastOrderAt_ = 0;
  int orderCount_ = 0;
};

#pragma db object callback(touchCustomer)
class Order {
public:
  unsigned long id_ = 0;
  unsigned long customerId_ = 0;
  std::string status_;

  void touchCustomer(odb::callback_event e, odb::database &db) const {
    if (e != odb::callback_event::post_update)
      return;
    std::unique_ptr<Customer> customer(db.load<Customer>(customerId_));
    customer->lastOrderAt_ = 1700000000;
    db.update(*customer);
  }
};

#pragma db object callback(countOrders)
class OrderLine {
public:
  unsigned long id_ = 0;
  unsigned long customerId_ = 0;

  void countOrders(odb::callback_event e, odb::database &db) const {
    if (e != odb::callback_event::post_persist)
      return;
    std::unique_ptr<Customer> c(db.load<Customer>(customerId_));
    c->orderCount_ += 1;
    db.update(*c);
  }
};

// A child whose state change deletes its parent.
#pragma db object callback(cleanup)
class Item {
public:
  unsigned long id_ = 0;
  unsigned long orderId_ = 0;
  std::string state_;

  void cleanup(odb::callback_event e, odb::database &db) {
    if (e == odb::callback_event::post_update && state_ == "cancelled")
      db.erase<Order>(orderId_);
  }
};

//===--- silent ---------------------------------------------------------------===//

#pragma db object callback(audit)
class Audited {
public:
  unsigned long id_ = 0;
  long updatedAt_ = 0;

  // Setting its own fields before the write, and one audit INSERT.
  void audit(odb::callback_event e, odb::database &db) {
    if (e == odb::callback_event::pre_update)
      updatedAt_ = 1700000000;
    if (e == odb::callback_event::post_update)
      db.execute("INSERT INTO audit_log (what) VALUES ('audited changed')");
  }
};

// Not a callback: a method of the same shape name but another signature.
class Service {
public:
  void touchCustomer(odb::database &db, unsigned long id) {
    std::unique_ptr<Customer> customer(db.load<Customer>(id));
    customer->lastOrderAt_ = 0;
    db.update(*customer);
  }
};
