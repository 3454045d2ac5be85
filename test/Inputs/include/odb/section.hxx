// Test stand-in for libodb's <odb/section.hxx>: a lazily loaded part of an
// object, loaded with database::load(obj, obj.section_) and written with
// database::update(obj, obj.section_).
#pragma once

#include <odb/forward.hxx>

namespace odb {

class section {
  public:
    bool loaded() const { return loaded_; }
    void unload() { loaded_ = false; }
    void load() { loaded_ = true; }
    void change() { changed_ = true; }
    bool changed() const { return changed_; }
    void reset(bool l = false, bool c = false) {
        loaded_ = l;
        changed_ = c;
    }

  private:
    bool loaded_ = false;
    bool changed_ = false;
};

}  // namespace odb
