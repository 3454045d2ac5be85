// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// Qt SQL: `if (!query.next())` after exec() means "no row".
#include <QSqlQuery>
#include <QString>
#include <QVariant>

void signUp(const QString &email) {
  QSqlQuery q;
  q.prepare("SELECT id FROM customers WHERE email = :email");
  q.bindValue(":email", email);
  q.exec();
  if (!q.next()) {
    QSqlQuery ins;
    ins.prepare("INSERT INTO customers (email) VALUES (:email)");
    ins.bindValue(":email", email);
    ins.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'customers' runs only when the SELECT above found no row{{.*}} [db-check-then-insert]
    // CHECK-MESSAGES: :[[@LINE-7]]:5: note: the existence check runs here
    // CHECK-MESSAGES: :[[@LINE-7]]:7: note: the insert runs when this finds no row
  }
}

void count(const QString &tag) {
  QSqlQuery q("SELECT count(*) FROM tags WHERE name = 'x'");
  q.next();
  if (q.value(0).toInt() == 0)
    QSqlQuery("INSERT INTO tags (name) VALUES ('x')");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: INSERT into 'tags' {{.*}} [db-check-then-insert]
}

//===--- silent ---------------------------------------------------------------===//

void orIgnore(const QString &email) {
  QSqlQuery q;
  q.prepare("SELECT id FROM customers WHERE email = ?");
  q.addBindValue(email);
  q.exec();
  if (!q.next()) {
    QSqlQuery ins;
    ins.prepare("INSERT OR IGNORE INTO customers (email) VALUES (?)");
    ins.addBindValue(email);
    ins.exec();
  }
}
