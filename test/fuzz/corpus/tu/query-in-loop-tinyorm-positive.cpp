// TinyORM: one round trip per row or per id, as people write it.
#include <orm/db.hpp>
#include <orm/tiny/model.hpp>
#include <algorithm>
#include <vector>

using Orm::DB;
using Orm::Tiny::Model;

class User final : public Model<User> {
  friend Model;
  using Model::Model;

  QString u_table{"users"};
};

class Post final : public Model<Post, User> {
  friend Model;
  using Model::Model;

public:
  std::unique_ptr<BelongsTo<Post, User>> user() { return belongsTo<User>(); }

private:
  QString u_table{"posts"};
  QHash<QString, RelationVisitor> u_relations{{"user", [](auto &v) { v(&Post::user); }}};
};

static QString authorName(const QVariant &userId) {
  auto user = User::find(userId);
  return user ? user->getAttribute("name").toString() : QString();
}

// N+1: the published posts with one query, then one fetch by key per post.
void printPosts(const QString &status) {
  for (auto &post : Post::where("status", "=", status)->get()) {
    auto author = User::find(post.getAttribute("user_id"));
    (void)author;
  }
}

// The belongsTo relation, not eager loaded, queried once per post.
void printAuthors() {
  for (auto &post : Post::all()) {
    User *author = post.getRelationValue<User, Orm::One>("user");
    // Lazy relation loads are db-lazy-load-in-loop's to report:
    (void)author;
  }
}

// A raw count query per row of a raw SELECT.
void printCommentCounts() {
  auto posts = DB::select("SELECT id FROM posts WHERE status = ?", {"published"});
  while (posts.next()) {
    auto count = DB::scalar("SELECT count(*) FROM comments WHERE post_id = ?", {posts.value("id")});
    (void)count;
  }
}

// One fetch by key per id of a vector.
QList<Post> loadPosts(const QList<QVariant> &ids) {
  QList<Post> posts;
  for (const QVariant &id : ids) {
    if (auto post = Post::find(id))
      posts.append(*post);
  }
  return posts;
}

// A single-row UPDATE per model outside any transaction: one commit per row.
void archive(std::vector<Post> &posts) {
  for (Post &post : posts) {
    post.setAttribute("status", "archived");
    post.save();
  }
}

// A single-row raw UPDATE per id outside any transaction.
void unpublish(const QList<QVariant> &postIds) {
  for (qsizetype i = 0; i < postIds.size(); ++i)
    DB::update("UPDATE posts SET status = 'draft' WHERE id = ?", {postIds.at(i)});
}

// A helper of this file that queries, called once per post.
QStringList authorNames(const QList<Post> &posts) {
  QStringList names;
  for (const Post &post : posts)
    names.append(authorName(post.getAttribute("user_id")));
  return names;
}

// A lambda run by std::for_each once per element.
void touchAuthors(const std::vector<QVariant> &userIds) {
  std::for_each(userIds.begin(), userIds.end(), [](const QVariant &id) {
    auto user = User::findOrFail(id);
    (void)user;
  });
}
