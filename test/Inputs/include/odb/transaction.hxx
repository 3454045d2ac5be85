// Test stand-in for libodb's <odb/transaction.hxx>.
//
//   odb::transaction t (db.begin ());   // BEGIN is sent by database::begin()
//   ...
//   t.commit ();
#pragma once

#include <odb/forward.hxx>

namespace odb {

class transaction_impl {
  public:
    virtual ~transaction_impl() {}
    odb::database& database() { return *db_; }
    odb::connection& connection() { return *conn_; }

  protected:
    odb::database* db_ = nullptr;
    odb::connection* conn_ = nullptr;
};

class transaction {
  public:
    typedef odb::database database_type;
    typedef odb::connection connection_type;

    explicit transaction(transaction_impl* impl, bool make_current = true) : impl_(impl) { (void)make_current; }
    transaction() {}
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    ~transaction() {}

    void reset(transaction_impl* impl, bool make_current = true) {
        impl_ = impl;
        (void)make_current;
    }
    void commit() { finalized_ = true; }
    void rollback() { finalized_ = true; }
    bool finalized() const { return finalized_; }

    database_type& database() { return impl_->database(); }
    connection_type& connection() { return impl_->connection(); }
    transaction_impl& implementation() { return *impl_; }

    static bool has_current() { return false; }
    static transaction& current();
    static void current(transaction&) {}
    static bool reset_current() { return false; }

    void tracer(odb::tracer&) {}
    void callback_register(void (*)(unsigned short, void*, unsigned long long), void*, unsigned short = 0x03,
                           unsigned long long = 0, transaction** = nullptr) {}

  private:
    transaction_impl* impl_ = nullptr;
    bool finalized_ = false;
};

inline transaction& transaction::current() {
    static transaction t;
    return t;
}

}  // namespace odb
