// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17 %fake_headers
// Wt::Dbo: find<T>().where(...) converted to a ptr, then session.add().
#include <Wt/Dbo/Dbo.h>
#include <memory>
#include <string>

namespace dbo = Wt::Dbo;

struct Tag {
  std::string name;
  template <class Action> void persist(Action &a) { dbo::field(a, name, "name"); }
};

dbo::ptr<Tag> tagNamed(dbo::Session &session, const std::string &name) {
  dbo::Transaction t(session);
  dbo::ptr<Tag> tag = session.find<Tag>().where("name = ?").bind(name);
  if (!tag) {
    auto fresh = std::make_unique<Tag>();
    fresh->name = name;
    tag = session.add(std::move(fresh));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'add' inserts a new 'Tag' only when the query above found none, {{.*}}put a unique constraint on (name){{.*}} [db-check-then-insert]
    // CHECK-MESSAGES: :[[@LINE-6]]:23: note: the existence check runs here
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: the insert runs when this finds no row
  }
  return tag;
}

void addNew(dbo::Session &session, const std::string &name) {
  dbo::Transaction t(session);
  dbo::collection<dbo::ptr<Tag>> tags = session.find<Tag>().where("name = ?").bind(name);
  if (tags.size() == 0)
    session.addNew<Tag>();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'addNew' inserts a new 'Tag' {{.*}} [db-check-then-insert]
}

//===--- silent ---------------------------------------------------------------===//

void always(dbo::Session &session, const std::string &name) {
  dbo::Transaction t(session);
  dbo::ptr<Tag> tag = session.find<Tag>().where("name = ?").bind(name);
  session.add(std::make_unique<Tag>());
}
