// RUN: %check_dbtidy %s db-save-in-hook %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// QxOrm triggers (onAfterInsert(qx::dao::detail::IxDao_Helper*) and
// friends, the qxorm profile's hooks) with qx::dao calls and raw Qt SQL.
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

// The parts of QxOrm's API the test uses (QxDao/QxDao.h).
namespace qx {
class QxSqlQuery {
public:
  explicit QxSqlQuery(const QString &sql) : sql_(sql) {}
  QxSqlQuery &bind(const QString &key, const QVariant &value) { return *this; }

private:
  QString sql_;
};
namespace dao {
namespace detail {
class IxDao_Helper;
} // namespace detail
template <class T> long count(const qx::QxSqlQuery &query, QSqlDatabase *pDatabase = nullptr) { return 0; }
template <class T> QSqlError fetch_by_id(T &t, QSqlDatabase *pDatabase = nullptr) { return QSqlError(); }
template <class T> QSqlError update(T &t, QSqlDatabase *pDatabase = nullptr) { return QSqlError(); }
template <class T> QSqlError insert(T &t, QSqlDatabase *pDatabase = nullptr) { return QSqlError(); }
template <class T> QSqlError delete_by_id(T &t, QSqlDatabase *pDatabase = nullptr) { return QSqlError(); }
} // namespace dao
} // namespace qx

struct Post {
  long id = 0;
  long commentCount = 0;
};

struct Audit {
  long id = 0;
  QString what;
};

class Comment {
public:
  long id = 0;
  long postId = 0;
  QString state;
  void onAfterInsert(qx::dao::detail::IxDao_Helper *dao);
  void onAfterUpdate(qx::dao::detail::IxDao_Helper *dao);
  void onBeforeUpdate(qx::dao::detail::IxDao_Helper *dao);
};

void Comment::onAfterInsert(qx::dao::detail::IxDao_Helper *dao) {
  Post post;
  post.id = postId;
  qx::dao::fetch_by_id(post);
  post.commentCount = qx::dao::count<Comment>(qx::QxSqlQuery("WHERE post_id = :id").bind(":id", qlonglong(postId)));
  qx::dao::update(post);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'update' stores 'Post.commentCount' recounted by a query inside persistence hook 'onAfterInsert': every time a 'Comment' is inserted a count runs and the 'Post' row is rewritten under an exclusive lock, and two concurrent writes each count without the other's row and store a stale number; maintain the counter atomically in the database instead ('UPDATE ... SET <column> = <column> + 1 WHERE ...') [db-save-in-hook]
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: the count runs here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'commentCount' is set here
  // CHECK-MESSAGES: :[[@LINE-9]]:15: note: this is persistence hook 'onAfterInsert': it runs every time a 'Comment' is inserted
}

// A state change of the child deletes its parent row.
void Comment::onAfterUpdate(qx::dao::detail::IxDao_Helper *dao) {
  if (state != "rejected")
    return;
  QSqlQuery q;
  q.prepare("DELETE FROM posts WHERE id = :id");
  q.bindValue(":id", qlonglong(postId));
  q.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this DELETE deletes 'posts' rows inside persistence hook 'onAfterUpdate': {{.*}} [db-save-in-hook]
}

//===--- silent ---------------------------------------------------------------===//

// Its own fields before the write, an atomic counter, an audit row.
void Comment::onBeforeUpdate(qx::dao::detail::IxDao_Helper *dao) {
  state = state.trimmed();
  QSqlQuery q;
  q.prepare("UPDATE posts SET comment_count = comment_count + 1 WHERE id = :id");
  q.bindValue(":id", qlonglong(postId));
  q.exec();
  Audit a;
  a.what = "comment updated";
  qx::dao::insert(a);
}
