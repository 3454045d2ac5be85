// Test stand-in for ODB's <odb/database.hxx> (libodb): the object persistence
// API of odb::database. Database-specific classes (odb::sqlite::database,
// odb::pgsql::database, ...) derive from it.
#pragma once

#include <odb/callback.hxx>
#include <odb/connection.hxx>
#include <odb/exceptions.hxx>
#include <odb/forward.hxx>
#include <odb/prepared-query.hxx>
#include <odb/query.hxx>
#include <odb/result.hxx>
#include <odb/section.hxx>
#include <odb/transaction.hxx>

#include <cstddef>
#include <memory>
#include <string>

namespace odb {

class database {
  public:
    virtual ~database() {}
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    // ---- persist (INSERT) ----
    template <typename T> typename object_traits<T>::id_type persist(T&) { return {}; }
    template <typename T> typename object_traits<T>::id_type persist(const T&) { return {}; }
    template <typename T> typename object_traits<T>::id_type persist(T*) { return {}; }
    template <typename T> typename object_traits<T>::id_type persist(const std::shared_ptr<T>&) { return {}; }
    template <typename T> typename object_traits<T>::id_type persist(const std::unique_ptr<T>&) { return {}; }
    template <typename I> void persist(I begin, I end, bool continue_failed = true) {
        (void)begin, (void)end, (void)continue_failed;
    }

    // ---- load (SELECT by id); throws object_not_persistent ----
    template <typename T> typename object_traits<T>::pointer_type load(const typename object_traits<T>::id_type&) {
        return typename object_traits<T>::pointer_type();
    }
    template <typename T> void load(const typename object_traits<T>::id_type&, T&) {}
    // Loads a lazily loaded section of an object.
    template <typename T> void load(T&, section&) {}

    // ---- reload ----
    template <typename T> void reload(T&) {}
    template <typename T> void reload(T*) {}
    template <typename T> void reload(const std::shared_ptr<T>&) {}

    // ---- find (SELECT by id); returns null if not found ----
    template <typename T> typename object_traits<T>::pointer_type find(const typename object_traits<T>::id_type&) {
        return typename object_traits<T>::pointer_type();
    }
    template <typename T> bool find(const typename object_traits<T>::id_type&, T&) { return false; }

    // ---- update ----
    template <typename T> void update(T&) {}
    template <typename T> void update(T*) {}
    template <typename T> void update(const std::shared_ptr<T>&) {}
    template <typename T> void update(const std::unique_ptr<T>&) {}
    template <typename T> void update(const T&, const section&) {}
    template <typename I> void update(I begin, I end, bool continue_failed = true) {
        (void)begin, (void)end, (void)continue_failed;
    }

    // ---- erase (DELETE) ----
    template <typename T> void erase(const typename object_traits<T>::id_type&) {}
    template <typename T> void erase(T&) {}
    template <typename T> void erase(T*) {}
    template <typename T> void erase(const std::shared_ptr<T>&) {}
    template <typename T> void erase(const std::unique_ptr<T>&) {}
    template <typename T> unsigned long long erase_query() { return 0; }
    template <typename T> unsigned long long erase_query(const char*) { return 0; }
    template <typename T> unsigned long long erase_query(const std::string&) { return 0; }
    template <typename T> unsigned long long erase_query(const odb::query<T>&) { return 0; }

    // ---- query ----
    template <typename T> result<T> query(bool cache = true) {
        (void)cache;
        return result<T>();
    }
    template <typename T> result<T> query(const char*, bool cache = true) {
        (void)cache;
        return result<T>();
    }
    template <typename T> result<T> query(const std::string&, bool cache = true) {
        (void)cache;
        return result<T>();
    }
    template <typename T> result<T> query(const odb::query<T>&, bool cache = true) {
        (void)cache;
        return result<T>();
    }
    template <typename T> typename object_traits<T>::pointer_type query_one() {
        return typename object_traits<T>::pointer_type();
    }
    template <typename T> bool query_one(T&) { return false; }
    template <typename T> T query_value() { return T(); }
    template <typename T> typename object_traits<T>::pointer_type query_one(const char*) {
        return typename object_traits<T>::pointer_type();
    }
    template <typename T> bool query_one(const char*, T&) { return false; }
    template <typename T> T query_value(const char*) { return T(); }
    template <typename T> typename object_traits<T>::pointer_type query_one(const std::string&) {
        return typename object_traits<T>::pointer_type();
    }
    template <typename T> bool query_one(const std::string&, T&) { return false; }
    template <typename T> T query_value(const std::string&) { return T(); }
    template <typename T> typename object_traits<T>::pointer_type query_one(const odb::query<T>&) {
        return typename object_traits<T>::pointer_type();
    }
    template <typename T> bool query_one(const odb::query<T>&, T&) { return false; }
    template <typename T> T query_value(const odb::query<T>&) { return T(); }

    // ---- prepared queries ----
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

    // ---- native SQL ----
    unsigned long long execute(const char* statement) { return execute(statement, 0); }
    unsigned long long execute(const std::string& statement) { return execute(statement.c_str(), statement.size()); }
    virtual unsigned long long execute(const char*, std::size_t) { return 0; }

    // ---- transactions and connections ----
    // Executes BEGIN; pass the result to odb::transaction.
    virtual transaction_impl* begin() { return nullptr; }
    connection_ptr connection() { return connection_ptr(); }

    // ---- schema ----
    schema_version schema_version(const std::string& schema_name = "") const {
        (void)schema_name;
        return 0;
    }

    void tracer(odb::tracer&) {}
    database_id id() const { return id_; }

  protected:
    explicit database(database_id id) : id_(id) {}

  private:
    database_id id_;
};

}  // namespace odb
