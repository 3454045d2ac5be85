// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17 %fake_headers
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
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'Post.views' is loaded, changed in C++ and saved back with no row lock or version check (lost update): two concurrent requests load the same old value and one of the changes is silently lost; increment it in the database instead: 'post->increment("views", 1)' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'post' is loaded here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: 'views' is changed here from its loaded value
  // CHECK-FIXES: {{^}}  auto post = Post::find(id);
  // CHECK-FIXES-NEXT: {{^}}  post->increment("views", 1);
}

void unlike(quint64 id) {
  auto post = Post::find(id);
  post->setAttribute("likes", post->getAttribute("likes").toInt() - 1);
  post->save();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'Post.likes' is loaded, changed in C++ {{.*}} [db-read-modify-write]
  // CHECK-FIXES: post->increment("likes", -1);
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
