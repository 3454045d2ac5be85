// Test stand-in for the SQLite3 connector of sqlpp11
// (https://github.com/rbock/sqlpp11, include/sqlpp11/sqlite3/sqlite3.h).
//
// Mirrors sqlpp11 0.64 and later: the connection class is
// sqlpp::sqlite3::connection_base and `sqlpp::sqlite3::connection` is
// sqlpp::normal_connection<connection_base>. Nothing here talks to a
// database. Only standard headers are used.
#pragma once

#include <sqlpp11/sqlpp11.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

// Flags users pass in connection_config::flags; the real connector gets them
// from <sqlite3.h>.
#ifndef SQLITE_OPEN_READONLY
#define SQLITE_OPEN_READONLY 0x00000001
#define SQLITE_OPEN_READWRITE 0x00000002
#define SQLITE_OPEN_CREATE 0x00000004
#define SQLITE_OPEN_URI 0x00000040
#define SQLITE_OPEN_MEMORY 0x00000080
#define SQLITE_OPEN_NOMUTEX 0x00008000
#define SQLITE_OPEN_FULLMUTEX 0x00010000
#endif

struct sqlite3;

namespace sqlpp {
namespace sqlite3 {

struct connection_config {
    connection_config() = default;
    connection_config(std::string path, int fl = 0, std::string vfs_ = "", bool dbg = false,
                      std::string pw = "")
        : path_to_database(std::move(path)), flags(fl), vfs(std::move(vfs_)), debug(dbg),
          password(std::move(pw)) {}

    std::string path_to_database;
    int flags = 0;
    std::string vfs;
    bool debug = false;
    std::string password;
};

class connection_base : public sqlpp::connection {
  public:
    using _config_t = connection_config;
    using _config_ptr_t = std::shared_ptr<const _config_t>;

    // db(statement) / db(prepared): runs a statement; select statements return
    // a result_t whose rows are iterated, the others the affected row count.
    template <typename T> typename T::_result_type operator()(const T&) {
        return typename T::_result_type();
    }

    // db.prepare(statement): compiles a statement once for repeated db(prepared).
    template <typename T> typename T::template _prepared_t<connection_base> prepare(const T&) {
        return {};
    }

    // db.execute("CREATE TABLE ..."): runs SQL text.
    std::size_t execute(const std::string&) { return 0; }
    template <typename Execute,
              typename std::enable_if<!std::is_convertible<Execute, std::string>::value, int>::type = 0>
    std::size_t execute(const Execute&) {
        return 0;
    }

    void start_transaction() {}
    void commit_transaction() {}
    void rollback_transaction(bool report) { (void)report; }
    void report_rollback_failure(const std::string&) noexcept {}

    int64_t last_insert_id() noexcept { return 0; }
    std::string escape(const std::string& s) const { return s; }
    ::sqlite3* native_handle() { return nullptr; }
    const _config_ptr_t& get_config() { return _config; }
    bool is_transaction_active() const { return false; }
    void set_default_isolation_level(isolation_level) {}
    isolation_level get_default_isolation_level() { return isolation_level::undefined; }

  protected:
    _config_ptr_t _config;
};

using connection = sqlpp::normal_connection<connection_base>;
using pooled_connection = sqlpp::pooled_connection<connection_base>;

}  // namespace sqlite3
}  // namespace sqlpp
