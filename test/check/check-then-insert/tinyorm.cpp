// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17 %fake_headers
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
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'create' inserts a new 'Tag' only when the query above found none{{.*}}put a unique constraint on (name){{.*}} [db-check-then-insert]
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: the existence check runs here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: the insert runs when this finds no row
}

//===--- silent ---------------------------------------------------------------===//

void addTagOnce(const QString &name) {
  Tag::firstOrCreate({{"name", name}});
}
