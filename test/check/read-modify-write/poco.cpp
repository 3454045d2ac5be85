// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17
// REQUIRES: poco
// Poco::Data: `session << "...", into(x), use(y), now`.
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

void view(Poco::Data::Session &session, int id) {
  int views = 0;
  session << "SELECT views FROM posts WHERE id = ?", into(views), use(id), now;
  int next = views + 1;
  session << "UPDATE posts SET views = ? WHERE id = ?", use(next), use(id), now;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'posts.views' is written back {{.*}}'SET views = views + ...' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-4]]:11: note: 'views' is read here, without a row lock
}

void atomic(Poco::Data::Session &session, int id) {
  session << "UPDATE posts SET views = views + 1 WHERE id = ?", use(id), now;
}

void rename(Poco::Data::Session &session, int id, std::string title) {
  std::string old;
  session << "SELECT title FROM posts WHERE id = ?", into(old), use(id), now;
  session << "UPDATE posts SET title = ? WHERE id = ?", use(title), use(id), now;
}
