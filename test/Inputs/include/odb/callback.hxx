// Test stand-in for libodb's <odb/callback.hxx>.
#pragma once

#include <odb/forward.hxx>

namespace odb {

// Passed to the callback function of a `#pragma db object callback(f)` class.
struct callback_event {
    enum value { pre_persist, post_persist, pre_load, post_load, pre_update, post_update, pre_erase, post_erase };

    callback_event(value v) : v_(v) {}
    operator value() const { return v_; }

  private:
    value v_;
};

namespace common {
using odb::callback_event;
}

}  // namespace odb
