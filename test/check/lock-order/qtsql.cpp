// RUN: %check_dbtidy %s db-lock-order %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// Qt SQL: a prepared QSqlQuery's FOR UPDATE, and QSqlQuery::exec(sql),
// lock rows until QSqlDatabase::commit(). A QMutexLocker held meanwhile
// joins the same graph.
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

void moveItem(QSqlDatabase &db, int from, int to) {
  db.transaction();
  QSqlQuery q(db);
  q.prepare("SELECT qty FROM shelves WHERE id = ? FOR UPDATE");
  q.addBindValue(from);
  q.exec();
  QSqlQuery w(db);
  w.exec("SELECT qty FROM warehouses WHERE id = 1 FOR UPDATE");
  db.commit();
  (void)to;
}

void restock(QSqlDatabase &db) {
  db.transaction();
  QSqlQuery w(db);
  w.exec("SELECT qty FROM warehouses WHERE id = 1 FOR UPDATE");
  QSqlQuery q(db);
  q.exec("SELECT qty FROM shelves WHERE id = 2 FOR UPDATE");
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: row-lock order inversion: a row lock on 'shelves' is acquired while a {{.*}}
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: a row lock on 'warehouses' is acquired here in 'restock'
// CHECK-MESSAGES: :[[@LINE-17]]:3: note: a row lock on 'shelves' is acquired here in 'moveItem'
// CHECK-MESSAGES: :[[@LINE-14]]:3: note: a row lock on 'warehouses' is acquired here while a row lock on 'shelves' is held in 'moveItem'
  db.commit();
}

// A mutex held across the transaction, and taken inside another one.
QMutex gIndexMu;
void reindex(QSqlDatabase &db) {
  QMutexLocker locker(&gIndexMu);
  db.transaction();
  QSqlQuery q(db);
  q.exec("SELECT * FROM documents WHERE id = 7 FOR UPDATE");
  db.commit();
}
void publish(QSqlDatabase &db) {
  db.transaction();
  QSqlQuery q(db);
  q.exec("SELECT * FROM documents WHERE id = 7 FOR UPDATE");
  gIndexMu.lock();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lock-order inversion between a mutex and database row locks: 'gIndexMu{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: a row lock on 'documents' is acquired here in 'publish'
// CHECK-MESSAGES: :[[@LINE-13]]:16: note: 'gIndexMu' is acquired here in 'reindex'
// CHECK-MESSAGES: :[[@LINE-11]]:3: note: a row lock on 'documents' is acquired here while 'gIndexMu' is held in 'reindex'
  gIndexMu.unlock();
  db.commit();
}

// Consistent order: silent.
void consistent(QSqlDatabase &db) {
  db.transaction();
  QSqlQuery q(db);
  q.exec("SELECT * FROM documents WHERE id = 7 FOR UPDATE");
  db.commit();
  QMutexLocker locker(&gIndexMu);
}
