// RUN: %check_dbtidy %s db-read-modify-write %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// Qt SQL: prepare()/bindValue()/exec() and value(i) on the current row.
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

void view(int id) {
  QSqlQuery q;
  q.prepare("SELECT views FROM posts WHERE id = :id");
  q.bindValue(":id", id);
  q.exec();
  if (!q.next())
    return;
  int views = q.value(0).toInt();
  QSqlQuery u;
  u.prepare("UPDATE posts SET views = :views WHERE id = :id");
  u.bindValue(":views", views + 1);
  u.bindValue(":id", id);
  u.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'posts.views' is written back with a value computed in C++ from the value read by the SELECT above, with no row lock in between (lost update): two concurrent requests read the same old value and one of the updates is silently lost; let the database compute it in the UPDATE: 'SET views = views + ...' [db-read-modify-write]
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'views' is read here, without a row lock
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: the new value is computed from it here
  // CHECK-FIXES: u.prepare("UPDATE posts SET views = views + :views WHERE id = :id");
  // CHECK-FIXES-NEXT: u.bindValue(":views", 1);
}

// Positional placeholders, a column by name, a record.
void positional(int id, int amount) {
  QSqlQuery q;
  q.prepare("SELECT balance FROM accounts WHERE id = ?");
  q.addBindValue(id);
  q.exec();
  q.next();
  int balance = q.record().value("balance").toInt();
  QSqlQuery u;
  u.prepare("UPDATE accounts SET balance = ? WHERE id = ?");
  u.addBindValue(balance - amount);
  u.addBindValue(id);
  u.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'accounts.balance' is written back {{.*}}'SET balance = balance - ...' [db-read-modify-write]
}

// SQL run directly by the constructor and exec(sql).
void direct(int id) {
  QSqlQuery q(QString("SELECT hits FROM pages WHERE id = %1").arg(id));
  QSqlQuery r("SELECT hits FROM pages WHERE id = 7");
  r.next();
  int hits = r.value(0).toInt();
  QSqlQuery u;
  u.prepare("UPDATE pages SET hits = ? WHERE id = 7");
  u.bindValue(0, hits + 1);
  u.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pages.hits' is written back {{.*}} [db-read-modify-write]
}

//===--- silent ---------------------------------------------------------------===//

void atomic(int id) {
  QSqlQuery u;
  u.prepare("UPDATE posts SET views = views + 1 WHERE id = ?");
  u.addBindValue(id);
  u.exec();
}

void locked(int id) {
  QSqlDatabase db = QSqlDatabase::database();
  db.transaction();
  QSqlQuery q;
  q.prepare("SELECT views FROM posts WHERE id = ? FOR UPDATE");
  q.addBindValue(id);
  q.exec();
  q.next();
  int views = q.value(0).toInt();
  QSqlQuery u;
  u.prepare("UPDATE posts SET views = ? WHERE id = ?");
  u.addBindValue(views + 1);
  u.addBindValue(id);
  u.exec();
  db.commit();
}

void otherColumn(int id) {
  QSqlQuery q;
  q.prepare("SELECT likes, views FROM posts WHERE id = ?");
  q.addBindValue(id);
  q.exec();
  q.next();
  int likes = q.value(0).toInt();
  QSqlQuery u;
  u.prepare("UPDATE posts SET views = ? WHERE id = ?");
  u.addBindValue(likes);
  u.addBindValue(id);
  u.exec();
}

void rename(int id, const QString &title) {
  QSqlQuery q;
  q.prepare("SELECT title FROM posts WHERE id = ?");
  q.addBindValue(id);
  q.exec();
  q.next();
  QSqlQuery u;
  u.prepare("UPDATE posts SET title = ? WHERE id = ?");
  u.addBindValue(title);
  u.addBindValue(id);
  u.exec();
}
