// Wt::Dbo: a belongsTo relation (a dbo::ptr member) dereferenced per row
// loads the related row with its own SELECT; a hasMany collection member
// iterated per outer row does too.
#include <Wt/Dbo/Dbo.h>
#include <string>
#include <tuple>
#include <vector>

namespace dbo = Wt::Dbo;

class User;
class Comment;

class Post {
public:
  std::string title;
  dbo::ptr<User> author;
  dbo::collection<dbo::ptr<Comment>> comments;

  template <class Action> void persist(Action &a) {
    dbo::field(a, title, "title");
    dbo::belongsTo(a, author, "author");
    dbo::hasMany(a, comments, dbo::ManyToOne, "post");
  }
};

class User {
public:
  std::string name;
  template <class Action> void persist(Action &a) { dbo::field(a, name, "name"); }
};

class Comment {
public:
  std::string text;
  dbo::ptr<Post> post;
  template <class Action> void persist(Action &a) {
    dbo::field(a, text, "text");
    dbo::belongsTo(a, post, "post");
  }
};

std::vector<std::string> authorNames(dbo::Session &session) {
  dbo::Transaction t(session);
  std::vector<std::string> names;
  dbo::collection<dbo::ptr<Post>> posts = session.find<Post>();
  for (const dbo::ptr<Post> &p : posts) {
    names.push_back(p->author->name);
  }
  return names;
}

size_t commentCount(dbo::Session &session) {
  dbo::Transaction t(session);
  size_t n = 0;
  dbo::collection<dbo::ptr<Post>> posts = session.find<Post>();
  for (const dbo::ptr<Post> &p : posts)
    for (const dbo::ptr<Comment> &c : p->comments)
      n += c->text.size();
  return n;
}

// Silent below.
std::vector<std::string> silent(dbo::Session &session, dbo::ptr<Post> one) {
  dbo::Transaction t(session);
  std::vector<std::string> out;
  dbo::collection<dbo::ptr<Post>> posts = session.find<Post>();
  // Dereferencing the loop element itself: it was loaded by the iteration.
  for (const dbo::ptr<Post> &p : posts)
    out.push_back(p->title);
  // The author of one post, loaded once before the loop.
  dbo::ptr<User> author = one->author;
  for (const dbo::ptr<Post> &p : posts)
    out.push_back(author->name + p->title);
  // The joined tuple query selects post and author together.
  typedef std::tuple<dbo::ptr<Post>, dbo::ptr<User>> PostAndAuthor;
  dbo::collection<PostAndAuthor> rows =
      session.query<PostAndAuthor>("select p, u from post p join user u on p.author_id = u.id");
  for (const PostAndAuthor &row : rows)
    out.push_back(std::get<1>(row)->name);
  // Not in a loop.
  out.push_back(one->author->name);
  return out;
}
