// Test stand-in for libodb's <odb/session.hxx>: the object cache.
#pragma once

#include <odb/forward.hxx>

namespace odb {

class session {
  public:
    explicit session(bool make_current = true) { (void)make_current; }
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session() {}

    static bool has_current() { return false; }
    static session& current();
    static void current(session&) {}
    static void reset_current() {}
};

inline session& session::current() {
    static session s(false);
    return s;
}

}  // namespace odb
