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
  }
  return tag;
}

void addNew(dbo::Session &session, const std::string &name) {
  dbo::Transaction t(session);
  dbo::collection<dbo::ptr<Tag>> tags = session.find<Tag>().where("name = ?").bind(name);
  if (tags.size() == 0)
    session.addNew<Tag>();
}

//===--- silent ---------------------------------------------------------------===//

void always(dbo::Session &session, const std::string &name) {
  dbo::Transaction t(session);
  dbo::ptr<Tag> tag = session.find<Tag>().where("name = ?").bind(name);
  session.add(std::make_unique<Tag>());
}
