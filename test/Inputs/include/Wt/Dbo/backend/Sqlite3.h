// Test stand-in for Wt::Dbo's SQLite3 backend
// (https://github.com/emweb/wt, src/Wt/Dbo/backend/Sqlite3.h).
#pragma once

#include <Wt/Dbo/Dbo.h>

#include <memory>
#include <string>

namespace Wt {
namespace Dbo {

enum class SqlDateTimeType { Date, DateTime, Time };

enum class DateTimeStorage { ISO8601AsText, JulianDaysAsReal, UnixTimeAsInteger, PseudoISO8601AsText };

namespace backend {

class Sqlite3 : public SqlConnection {
  public:
    Sqlite3(const std::string& db) : db_(db) {}
    Sqlite3(const Sqlite3& other) : SqlConnection(), db_(other.db_) {}
    ~Sqlite3() {}

    std::unique_ptr<SqlConnection> clone() const { return std::unique_ptr<SqlConnection>(new Sqlite3(*this)); }
    void setDateTimeStorage(SqlDateTimeType, DateTimeStorage) {}
    DateTimeStorage dateTimeStorage(SqlDateTimeType) const { return DateTimeStorage::ISO8601AsText; }

  private:
    std::string db_;
};

}  // namespace backend
}  // namespace Dbo
}  // namespace Wt
