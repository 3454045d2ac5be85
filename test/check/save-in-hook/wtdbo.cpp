// RUN: %check_dbtidy %s db-save-in-hook %t -- --profile=%S/Inputs/app-hooks.yaml -- -std=c++17 %fake_headers -I%S/Inputs
// Wt::Dbo has no persistence hooks either; this application calls
// afterSave() (app::Persistent, declared in app-hooks.yaml) after a flush.
#include "app-events.h"
#include <Wt/Dbo/Dbo.h>
#include <string>

namespace dbo = Wt::Dbo;

struct Thread {
  int replies = 0;
  std::string title;
  template <class Action> void persist(Action &a) {
    dbo::field(a, replies, "replies");
    dbo::field(a, title, "title");
  }
};

struct Reply : public app::Persistent {
  long long threadId = 0;
  dbo::Session *session = nullptr;
  template <class Action> void persist(Action &a) {}

  void afterSave() override {
    dbo::ptr<Thread> thread = session->load<Thread>(threadId);
    thread.modify()->title = "active";
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'modify' saves the whole 'Thread' object inside persistence hook 'afterSave', so every time a 'Reply' is written another row is rewritten {{.*}} [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-3]]:40: note: 'thread' is loaded here
    if (thread->replies > 100)
      thread.remove();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'remove' deletes 'Thread' rows inside persistence hook 'afterSave': {{.*}} [db-save-in-hook]
  }
};

//===--- silent ---------------------------------------------------------------===//

struct Draft : public app::Persistent {
  std::string body;
  template <class Action> void persist(Action &a) {}
  void afterSave() override { body.clear(); }
};
