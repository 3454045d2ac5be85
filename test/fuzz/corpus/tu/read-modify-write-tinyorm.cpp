// TinyORM: setAttribute(getAttribute() + k) then save(). The fix-it uses
// the profile's atomic form, Model::increment(); lockForUpdate() on the
// query that loads the model is a row lock.
#include <orm/tiny/model.hpp>

using Orm::Tiny::Model;

class Post final : public Model<Post> {
  friend Model;
  using Model::Model;
};

void view(quint64 id) {
  auto post = Post::find(id);
  post->setAttribute("views", post->getAttribute("views").toInt() + 1);
  post->save();
}

void unlike(quint64 id) {
  auto post = Post::find(id);
  post->setAttribute("likes", post->getAttribute("likes").toInt() - 1);
  post->save();
}

//===--- silent ---------------------------------------------------------------===//

void locked(quint64 id) {
  auto post = Post::lockForUpdate()->find(id);
  post->setAttribute("views", post->getAttribute("views").toInt() + 1);
  post->save();
}

void atomic(quint64 id) {
  auto post = Post::find(id);
  post->increment("views");
}

void retitle(quint64 id, const QString &title) {
  auto post = Post::find(id);
  post->setAttribute("title", title);
  post->save();
}
