// RUN: %check_dbtidy %s db-save-in-hook %t -- --profile=%S/Inputs/app-hooks.yaml -- -std=c++17 %fake_headers -I%S/Inputs
// TinyORM has no model events; this application calls afterSave() of its
// models after each save (app::Persistent, declared in app-hooks.yaml), and
// an override of it is a hook.
#include "app-events.h"
#include <orm/tiny/model.hpp>

using Orm::Tiny::Model;

class Post final : public Model<Post> {
  friend Model;
  using Model::Model;
};

class Comment final : public Model<Comment>, public app::Persistent {
  friend Model;
  using Model::Model;

public:
  void afterSave() override {
    auto post = Post::find(getAttribute("post_id"));
    post->setAttribute("comments", post->getAttribute("comments").toInt() + 1);
    post->save();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'save' stores 'Post.comments' changed in C++ from its loaded value inside persistence hook 'afterSave': two concurrent writes both load the old value and one change is lost, and every time a 'Comment' is written the whole 'Post' row is rewritten under an exclusive lock; increment it atomically in the database instead ('post->increment("comments", 1)') [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'post' is loaded here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'comments' is set here
    // CHECK-MESSAGES: :[[@LINE-7]]:8: note: this is persistence hook 'afterSave': it runs every time a 'Comment' is written
    // CHECK-FIXES: {{^}}    auto post = Post::find(getAttribute("post_id"));
    // CHECK-FIXES-NEXT: {{^}}    post->increment("comments", 1);
  }
};

//===--- silent ---------------------------------------------------------------===//

class Tag final : public Model<Tag>, public app::Persistent {
  friend Model;
  using Model::Model;

public:
  // Touching its own attributes only.
  void afterSave() override { setAttribute("normalized", true); }
};
