// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %fake_headers
// TinyORM: loops that do not issue a round trip per data item. No findings.
#include <orm/db.hpp>
#include <orm/tiny/model.hpp>
#include <atomic>
#include <exception>
#include <iostream>
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

class Job final : public Model<Job> {
  friend Model;
  using Model::Model;

  QString u_table{"jobs"};
};

std::atomic<bool> running{true};
void process(const Job &job);

// The query hoisted before the loop; the loop looks names up in a map.
void printPosts() {
  QHash<QString, QString> names;
  for (auto &user : User::all())
    names.insert(user.getKey().toString(), user.getAttribute("name").toString());
  for (auto &post : Post::all())
    std::cout << names.value(post.getAttribute("user_id").toString()).toStdString() << '\n';
}

// Eager loading: with("user") loads all authors with one more query, and
// getRelation() only reads what was loaded.
void printAuthors() {
  for (auto &post : Post::with("user")->get()) {
    User *author = post.getRelation<User, Orm::One>("user");
    if (author)
      std::cout << author->getAttribute("name").toString().toStdString() << '\n';
  }
}

// A JOIN in the loop's own raw query.
void printPostsWithAuthor() {
  auto rows = DB::select("SELECT p.title, u.name FROM posts p JOIN users u ON u.id = p.user_id");
  while (rows.next())
    std::cout << rows.value("title").toString().toStdString() << '\n';
}

// IN (...) replaces one fetch per id.
void printUsers(const QList<QVariant> &ids) {
  for (auto &user : User::whereIn("id", ids)->get())
    std::cout << user.getKey().toString().toStdString() << '\n';
  for (auto &user : User::findMany(ids))
    std::cout << user.getKey().toString().toStdString() << '\n';
}

// Bulk insert: the rows are collected in the loop and written with one
// multi-row INSERT in one transaction.
void importPosts(const std::vector<QString> &titles) {
  QList<QList<Orm::Tiny::AttributeItem>> rows;
  for (const QString &title : titles)
    rows.append({{"title", title}, {"status", "draft"}});
  DB::beginTransaction();
  Post::insert(rows);
  DB::commit();
}

// A constant-bounded retry loop.
bool publish(Post &post) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      post.setAttribute("status", "published");
      return post.save();
    } catch (const std::exception &) {
    }
  }
  return false;
}

// A worker loop taking one job per iteration.
void worker() {
  while (running) {
    auto job = Job::where("state", "=", "queued")->orderBy("id").first();
    if (!job)
      continue;
    job->setAttribute("state", "running");
    job->save();
    process(*job);
  }
}

// A loop over a small constant list of table names.
void printTableSizes() {
  for (const char *table : {"users", "posts", "jobs"})
    std::cout << table << ": " << DB::table(table)->count() << '\n';
}

// The write is on a path that leaves the loop right after it.
bool checkTitles(std::vector<Post> &posts) {
  for (Post &post : posts) {
    if (post.getAttribute("title").toString().isEmpty()) {
      post.remove();
      return false;
    }
  }
  return true;
}

std::optional<User> firstAuthor(const QList<QVariant> &userIds) {
  for (const QVariant &id : userIds) {
    if (id.isValid())
      return User::find(id);
  }
  return std::nullopt;
}
