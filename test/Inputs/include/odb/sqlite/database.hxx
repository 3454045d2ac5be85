// Test stand-in for ODB's SQLite runtime, <odb/sqlite/database.hxx> (libodb-sqlite).
#pragma once

#include <odb/database.hxx>

#include <string>

#ifndef SQLITE_OPEN_READONLY
#define SQLITE_OPEN_READONLY 0x00000001
#define SQLITE_OPEN_READWRITE 0x00000002
#define SQLITE_OPEN_CREATE 0x00000004
#endif

namespace odb {
namespace sqlite {

class database : public odb::database {
  public:
    database(const std::string& name, int flags = SQLITE_OPEN_READWRITE, bool foreign_keys = true,
             const std::string& vfs = "")
        : odb::database(id_sqlite), name_(name) {
        (void)flags, (void)foreign_keys, (void)vfs;
    }
    const std::string& name() const { return name_; }

  private:
    std::string name_;
};

}  // namespace sqlite
}  // namespace odb
