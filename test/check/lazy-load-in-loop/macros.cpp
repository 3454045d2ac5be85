// RUN: %check_dbtidy %s db-lazy-load-in-loop %t -- -- -std=c++17 %fake_headers
// The eager-loading fix-it is never applied into a macro expansion: when
// the query that produces the loop comes from a macro, the finding has a
// note instead of a fix (docs/fix-safety.md).
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

#define ALL_POSTS Post::all()
#define FOR_EACH_POST(p) for (auto &p : Post::all())

int queryInMacro() {
  int n = 0;
  for (auto &post : ALL_POSTS) {
    // CHECK-FIXES: for (auto &post : ALL_POSTS) {
    if (post.getRelationValue<User, Orm::One>("author"))
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: relation 'author' is loaded lazily once per loop iteration (N+1 queries){{.*}}
      // CHECK-MESSAGES: :[[@LINE-2]]:14: note: fix-it not applied: it touches a macro expansion
      // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per row of 'ALL_POSTS'
      ++n;
  }
  return n;
}

// A loop written by a macro is not reported at all (loops in macro
// expansions are skipped), so there is nothing to fix either.
int loopInMacro() {
  int n = 0;
  FOR_EACH_POST(post) {
    // CHECK-FIXES: FOR_EACH_POST(post) {
    if (post.getRelationValue<User, Orm::One>("author"))
      ++n;
  }
  return n;
}

// Without macros: fixed.
int plain() {
  int n = 0;
  for (auto &post : Post::all()) {
    // CHECK-FIXES: for (auto &post : Post::with("author")->get()) {
    if (post.getRelationValue<User, Orm::One>("author"))
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: relation 'author' is loaded lazily once per loop iteration (N+1 queries){{.*}}
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per row of 'Post::all()'
      ++n;
  }
  return n;
}
