// RUN: %check_dbtidy %s db-save-in-hook %t -- --profile=%S/Inputs/app-hooks.yaml -- -std=c++17 %fake_headers -I%S/Inputs
// sqlite_orm has no hooks of its own: these callbacks are registered through
// the application's event hub, which Inputs/app-hooks.yaml declares.
#include "app-events.h"
#include <sqlite_orm/sqlite_orm.h>
#include <string>

struct Post {
  int id = 0;
  int authorId = 0;
  int commentCount = 0;
  int views = 0;
};
struct Comment {
  int id = 0;
  int postId = 0;
  std::string text;
};
struct User {
  int id = 0;
  long lastPostAt = 0;
};
struct AuditEntry {
  int id = 0;
  std::string message;
};

inline auto initStorage(const std::string &path) {
  using namespace sqlite_orm;
  return make_storage(
      path,
      make_table("posts", make_column("id", &Post::id, primary_key().autoincrement()),
                 make_column("author_id", &Post::authorId), make_column("comment_count", &Post::commentCount),
                 make_column("views", &Post::views)),
      make_table("comments", make_column("id", &Comment::id, primary_key().autoincrement()),
                 make_column("post_id", &Comment::postId), make_column("text", &Comment::text)),
      make_table("users", make_column("id", &User::id, primary_key()), make_column("last_post_at", &User::lastPostAt)),
      make_table("audit", make_column("id", &AuditEntry::id, primary_key().autoincrement()),
                 make_column("message", &AuditEntry::message)));
}
using Storage = decltype(initStorage(""));

void wire(app::Events &events, Storage &storage) {
  using namespace sqlite_orm;
  // Recount-and-save after an insert: provably +1.
  events.onCreated<Comment>([&](const Comment &comment) {
    auto post = storage.get<Post>(comment.postId);
    post.commentCount = storage.count<Comment>(where(c(&Comment::postId) == comment.postId));
    storage.update(post);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'update' stores 'Post.commentCount' recounted by a query inside the persistence callback registered with 'onCreated': every time a 'Comment' is inserted a count runs and the 'Post' row is rewritten under an exclusive lock, and two concurrent writes each count without the other's row and store a stale number; maintain the counter atomically in the database instead ('storage.update_all(sqlite_orm::set(sqlite_orm::c(&Post::commentCount) = sqlite_orm::c(&Post::commentCount) + 1), sqlite_orm::where(sqlite_orm::c(&Post::id) == ...))') [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: the count runs here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'commentCount' is set here
    // CHECK-MESSAGES: :[[@LINE-7]]:10: note: the hook is registered here, to run every time a 'Comment' is inserted
    // CHECK-FIXES: {{^}}    auto post = storage.get<Post>(comment.postId);
    // CHECK-FIXES-NEXT: {{^}}    storage.update_all(sqlite_orm::set(sqlite_orm::c(&Post::commentCount) = sqlite_orm::c(&Post::commentCount) + 1), sqlite_orm::where(sqlite_orm::c(&Post::id) == comment.postId));
  });

  // After a delete: provably -1.
  events.onRemoved<Comment>([&](const Comment &comment) {
    auto post = storage.get<Post>(comment.postId);
    post.commentCount = storage.count<Comment>(where(c(&Comment::postId) == comment.postId));
    storage.update(post);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'update' stores 'Post.commentCount' recounted {{.*}}every time a 'Comment' is deleted{{.*}} [db-save-in-hook]
    // CHECK-FIXES: {{^}}    storage.update_all(sqlite_orm::set(sqlite_orm::c(&Post::commentCount) = sqlite_orm::c(&Post::commentCount) - 1), sqlite_orm::where(sqlite_orm::c(&Post::id) == comment.postId));
  });

  // After any save the recount cannot become +1: reported, no fix-it.
  events.onSaved<Comment>([&](const Comment &comment) {
    auto post = storage.get<Post>(comment.postId);
    post.commentCount = storage.count<Comment>(where(c(&Comment::postId) == comment.postId));
    storage.update(post);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'update' stores 'Post.commentCount' recounted {{.*}}every time a 'Comment' is written{{.*}} [db-save-in-hook]
    // CHECK-FIXES: {{^}}    post.commentCount = storage.count<Comment>(where(c(&Comment::postId) == comment.postId));
    // CHECK-FIXES-NEXT: {{^}}    storage.update(post);
  });

  // A counter incremented in C++ and saved.
  events.onSaved<Post>([&](const Post &saved) {
    auto author = storage.get<User>(saved.authorId);
    author.lastPostAt = 1700000000;
    storage.update(author);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'update' saves the whole 'User' object inside the persistence callback registered with 'onSaved', so every time a 'Post' is written another row is rewritten and row-locked in the middle of the ORM's flush and more hooks may fire: under load one write becomes several, each holding its locks longer; do this write in the service code, in the same transaction, as one targeted UPDATE of the columns that change [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-4]]:27: note: 'author' is loaded here
  });
}

void wireMore(app::Events &events, Storage &storage) {
  using namespace sqlite_orm;
  events.onCreated<Comment>([&](const Comment &comment) {
    auto post = storage.get<Post>(comment.postId);
    post.views += 1;
    storage.update(post);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'update' stores 'Post.views' changed in C++ from its loaded value inside the persistence callback registered with 'onCreated': two concurrent writes both load the old value and one change is lost, {{.*}} [db-save-in-hook]
    // CHECK-FIXES: storage.update_all(sqlite_orm::set(sqlite_orm::c(&Post::views) = sqlite_orm::c(&Post::views) + 1), sqlite_orm::where(sqlite_orm::c(&Post::id) == comment.postId));
  });

  // A child changing state deletes its parent: data loss waiting to happen.
  events.onSaved<Comment>([&](const Comment &comment) {
    if (comment.text.empty())
      storage.remove<Post>(comment.postId);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'remove' deletes 'Post' rows inside the persistence callback registered with 'onSaved': a hook that deletes rows as a side effect of a write destroys data whenever it fires in a case its author did not foresee (a status change, a retry, a bulk update), and under load it locks other rows in the middle of the flush; delete explicitly in the service code, where the intent is visible [db-save-in-hook]
  });
}

//===--- silent ---------------------------------------------------------------===//

void quiet(app::Events &events, Storage &storage) {
  using namespace sqlite_orm;
  // An audit row: one insert, no other row touched.
  events.onSaved<Post>([&](const Post &saved) {
    storage.insert(AuditEntry{0, "post " + std::to_string(saved.id) + " saved"});
  });
  // The recommended form.
  events.onCreated<Comment>([&](const Comment &comment) {
    storage.update_all(set(c(&Post::commentCount) = c(&Post::commentCount) + 1), where(c(&Post::id) == comment.postId));
  });
  // Not a hook: the same code in a plain lambda.
  auto recount = [&](int postId) {
    auto post = storage.get<Post>(postId);
    post.commentCount = storage.count<Comment>(where(c(&Comment::postId) == postId));
    storage.update(post);
  };
  recount(1);
}
