// Test stand-in for ODB (https://codesynthesis.com/products/odb/), libodb's
// <odb/forward.hxx>: forward declarations, the odb::core / odb::common
// namespaces, odb::access and the object traits.
//
// The real traits are specialized by the ODB compiler's generated
// *-odb.hxx files; here the primary templates give every class an
// `unsigned long long` id and a raw `T*` object pointer (ODB's defaults), and
// tests may specialize odb::access::object_traits<T> the same way generated
// code does. Only standard headers are used.
#pragma once

#include <cstddef>
#include <memory>

namespace odb {

namespace common {}
namespace core {
using namespace common;
}

typedef unsigned long long schema_version;

class database;
class connection;
typedef std::shared_ptr<connection> connection_ptr;
class transaction;
class transaction_impl;
class statement;
class session;
class section;
class tracer;
template <typename T> class result;
template <typename T> class query;
template <typename T> struct prepared_query;

enum database_id { id_mysql, id_sqlite, id_pgsql, id_oracle, id_mssql, id_common };

// Persistent classes befriend odb::access so that generated code can reach
// their private members.
class access {
  public:
    template <typename T> class object_traits {
      public:
        typedef T object_type;
        typedef T* pointer_type;
        typedef const T* const_pointer_type;
        typedef unsigned long long id_type;
    };
    template <typename T> class view_traits {
      public:
        typedef T view_type;
        typedef T* pointer_type;
    };
};

template <typename T> struct object_traits : access::object_traits<T> {};
template <typename T> struct view_traits : access::view_traits<T> {};

namespace common {
using odb::schema_version;
using odb::section;
using odb::session;
using odb::result;
using odb::query;
using odb::prepared_query;
}  // namespace common

namespace core {
using odb::connection;
using odb::connection_ptr;
using odb::database;
using odb::statement;
using odb::transaction;
}  // namespace core

}  // namespace odb
