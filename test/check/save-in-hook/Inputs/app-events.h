// The application's event hub and hook base class used by the save-in-hook
// tests (declared in Inputs/app-hooks.yaml).
#pragma once
#include <functional>

namespace app {
class Events {
public:
  template <class T> void onSaved(std::function<void(const T &)> callback);
  template <class T> void onCreated(std::function<void(const T &)> callback);
  template <class T> void onRemoved(std::function<void(const T &)> callback);
};

class Persistent {
public:
  virtual ~Persistent() = default;
  virtual void afterSave() {}
};
} // namespace app
