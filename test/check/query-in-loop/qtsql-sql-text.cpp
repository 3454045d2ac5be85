// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// Qt code builds SQL with QString::arg() and in local QString variables. The
// statement kind is in the literal: these are writes, so the messages must be
// the "writes ... outside a transaction" ones, not "runs a database query".
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QVariant>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>

void shipOrders(QSqlDatabase db, const QList<int> &orderIds) {
  QSqlQuery query(db);
  for (int id : orderIds)
    query.exec(QString("UPDATE orders SET status = 'shipped' WHERE id = %1").arg(id));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'exec' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'orderIds'
}

void deleteSessions(QSqlDatabase db, const QList<int> &sessionIds) {
  QSqlQuery query(db);
  for (int id : sessionIds) {
    QString sql = "DELETE FROM sessions WHERE id = " + QString::number(id);
    query.exec(sql);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'exec' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'sessionIds'
  }
}

struct Price {
  QString sku;
  double price;
};

// Silent: the recommended bulk form, with the INSERT text built at run time
// (the table name is a parameter). A statement of unknown kind re-executed
// inside a transaction must not be reported as a per-row read.
bool importPrices(QSqlDatabase db, const QString &table, const QList<Price> &prices) {
  const QString sql = QString("INSERT INTO %1 (sku, price) VALUES (?, ?)").arg(table);
  db.transaction();
  QSqlQuery insert(db);
  insert.prepare(sql);
  for (const Price &p : prices) {
    insert.addBindValue(p.sku);
    insert.addBindValue(p.price);
    insert.exec();
  }
  return db.commit();
}
