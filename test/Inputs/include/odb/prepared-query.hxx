// Test stand-in for libodb's <odb/prepared-query.hxx>.
#pragma once

#include <odb/forward.hxx>
#include <odb/result.hxx>

namespace odb {

// Returned by database::prepare_query / connection::prepare_query; each
// execute*() runs the prepared statement.
template <typename T> struct prepared_query {
    typedef typename object_traits<T>::pointer_type pointer_type;

    prepared_query() {}
    result<T> execute(bool cache = true) {
        (void)cache;
        return result<T>();
    }
    pointer_type execute_one() { return pointer_type(); }
    bool execute_one(T&) { return false; }
    T execute_value() { return T(); }
    const char* name() const { return ""; }
    explicit operator bool() const { return true; }
};

}  // namespace odb
