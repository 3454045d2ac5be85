// TinyORM: Model::where(...)->first() or exists(), then create()/save().
#include <orm/tiny/model.hpp>

using Orm::Tiny::Model;

class Tag final : public Model<Tag> {
  friend Model;
  using Model::Model;
};

void addTag(const QString &name) {
  if (!Tag::whereEq("name", name)->exists())
    Tag::create({{"name", name}});
}

//===--- silent ---------------------------------------------------------------===//

void addTagOnce(const QString &name) {
  Tag::firstOrCreate({{"name", name}});
}
