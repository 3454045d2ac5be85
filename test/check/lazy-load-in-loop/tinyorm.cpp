// RUN: %check_dbtidy %s db-lazy-load-in-loop %t -- -- -std=c++17 %fake_headers
// TinyORM: getRelationValue on models fetched without with() for that
// relation queries once per model. The fix-it eager-loads it.
#include <orm/tiny/model.hpp>

class User;

class Post final : public Orm::Tiny::Model<Post, User> {
  friend Model;
  using Model::Model;
};

class User final : public Orm::Tiny::Model<User> {
  friend Model;
  using Model::Model;
};

int titles() {
  int n = 0;
  for (auto &post : Post::all()) {
    // CHECK-FIXES: for (auto &post : Post::with("author")->get()) {
    if (post.getRelationValue<User, Orm::One>("author"))
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: relation 'author' is loaded lazily once per loop iteration (N+1 queries){{.*}}eager-load it with the query: Model::with("author")->get()
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per row of 'Post::all()'
      ++n;
  }
  return n;
}

int silent() {
  int n = 0;
  // Eager-loaded by the query that produces the loop.
  for (auto &post : Post::with("author")->get())
    if (post.getRelationValue<User, Orm::One>("author"))
      ++n;
  auto posts = Post::with(QList<QString>{"author", "comments"})->get();
  for (auto &post : posts)
    if (post.getRelationValue<User, Orm::One>("author"))
      ++n;
  return n;
}

// getRelation only reads a relation eager-loaded by the query; without
// with("author") it throws RelationNotLoadedError on the first row.
int eagerReads() {
  int n = 0;
  for (auto &post : Post::all()) {
    // CHECK-FIXES: for (auto &post : Post::with("author")->get()) {
    if (post.getRelation<User, Orm::One>("author"))
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: relation 'author' is read with 'getRelation', which only returns relations the query eager-loaded, but the query that produces the loop does not load 'author': the call fails on the first row; eager-load it with the query: Model::with("author")->get() [db-lazy-load-in-loop]
      // CHECK-MESSAGES: :[[@LINE-4]]:21: note: the rows come from this query, which does not eager-load 'author'
      ++n;
  }
  auto drafts = Post::where("draft", "=", true)->get();
  for (auto &post : drafts)
    n += post.getRelation<User>("comments").size();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: relation 'comments' is read with 'getRelation'
  // CHECK-MESSAGES: :[[@LINE-4]]:50: note: the rows come from this query
  return n;
}

int eagerReadsSilent(Orm::Tiny::ModelsCollection<Post> &given) {
  int n = 0;
  // Eager-loaded by the query.
  for (auto &post : Post::with("author")->get())
    if (post.getRelation<User, Orm::One>("author"))
      ++n;
  // Loaded for the whole collection between the query and the loop.
  auto posts = Post::all();
  posts.load("author");
  for (auto &post : posts)
    if (post.getRelation<User, Orm::One>("author"))
      ++n;
  // Where the models come from is not visible here.
  for (auto &post : given)
    if (post.getRelation<User, Orm::One>("author"))
      ++n;
  return n;
}
