// Test stand-in for libodb's <odb/connection.hxx>.
#pragma once

#include <odb/forward.hxx>
#include <odb/prepared-query.hxx>
#include <odb/query.hxx>

#include <cstddef>
#include <memory>
#include <string>

namespace odb {

class connection : public std::enable_shared_from_this<connection> {
  public:
    typedef odb::database database_type;

    virtual ~connection() {}

    database_type& database() { return *db_; }

    // Executes BEGIN; pass the result to odb::transaction.
    transaction_impl* begin() { return nullptr; }

    unsigned long long execute(const char* statement) { return execute(statement, 0); }
    unsigned long long execute(const std::string& statement) { return execute(statement.c_str(), statement.size()); }
    virtual unsigned long long execute(const char*, std::size_t) { return 0; }

    template <typename T> prepared_query<T> prepare_query(const char* name, const char*) {
        (void)name;
        return prepared_query<T>();
    }
    template <typename T> prepared_query<T> prepare_query(const char* name, const std::string&) {
        (void)name;
        return prepared_query<T>();
    }
    template <typename T> prepared_query<T> prepare_query(const char* name, const odb::query<T>&) {
        (void)name;
        return prepared_query<T>();
    }
    template <typename T> void cache_query(const prepared_query<T>&) {}
    template <typename T> prepared_query<T> lookup_query(const char*) { return prepared_query<T>(); }

    void tracer(odb::tracer&) {}

  protected:
    database_type* db_ = nullptr;
};

}  // namespace odb
