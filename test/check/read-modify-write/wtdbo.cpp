// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17 %fake_headers
// Wt::Dbo: ptr.modify()->f = ptr->f + 1. Wt::Dbo keeps a version column
// for every mapped class unless dbo_traits<C>::versionField() returns null,
// and its flush then fails with StaleObjectException instead of losing the
// update: classes without that version check get a warning, the others a
// remark (nothing is lost, but concurrent requests fail).
#include <Wt/Dbo/Dbo.h>
#include <string>

namespace dbo = Wt::Dbo;

struct Counter {
  std::string name;
  int value = 0;
  template <class Action> void persist(Action &a) {
    dbo::field(a, name, "name");
    dbo::field(a, value, "value");
  }
};

struct Post {
  std::string title;
  int views = 0;
  template <class Action> void persist(Action &a) {
    dbo::field(a, title, "title");
    dbo::field(a, views, "views");
  }
};

namespace Wt {
namespace Dbo {
// Mapped onto an existing table without a version column.
template <> struct dbo_traits<Counter> : public dbo_default_traits {
  static const char *versionField() { return nullptr; }
};
} // namespace Dbo
} // namespace Wt

void hit(dbo::Session &session, long long id) {
  dbo::Transaction t(session);
  dbo::ptr<Counter> c = session.load<Counter>(id);
  c.modify()->value = c->value + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Counter.value' is loaded, changed in C++ and saved back with no row lock or version check (lost update): two concurrent requests load the same old value and one of the changes is silently lost; increment it in the database with one statement ('UPDATE ... SET <column> = <column> + ... WHERE id = ...'), or lock the row when loading it [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'c' is loaded here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'value' is changed here from its loaded value
}

void hitByName(dbo::Session &session, const std::string &name) {
  dbo::Transaction t(session);
  dbo::ptr<Counter> c = session.find<Counter>().where("name = ?").bind(name);
  c.modify()->value += 10;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Counter.value' is loaded, changed in C++ {{.*}} [db-read-modify-write]
}

// Post has Wt::Dbo's version column: the flush throws StaleObjectException,
// so nothing is lost, but concurrent requests fail: a remark, not a warning.
void view(dbo::Session &session, long long id) {
  dbo::Transaction t(session);
  dbo::ptr<Post> p = session.load<Post>(id);
  p.modify()->views = p->views + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: remark: 'Post.views' is loaded, changed in C++ and saved back; the version check makes a concurrent change fail (Wt::Dbo's StaleObjectException, ODB's object_changed) instead of being lost, so under load one of two concurrent requests gets that error: retry the transaction when it happens, or increment it in the database with one statement [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: 'p' is loaded here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'views' is changed here from its loaded value
}

//===--- silent ---------------------------------------------------------------===//

void reset(dbo::Session &session, long long id) {
  dbo::Transaction t(session);
  dbo::ptr<Counter> c = session.load<Counter>(id);
  c.modify()->value = 0;
}

void atomic(dbo::Session &session, long long id) {
  dbo::Transaction t(session);
  session.execute("UPDATE counter SET value = value + 1 WHERE id = ?").bind(id);
}

void otherField(dbo::Session &session, long long id) {
  dbo::Transaction t(session);
  dbo::ptr<Counter> c = session.load<Counter>(id);
  c.modify()->value = static_cast<int>(c->name.size());
}
