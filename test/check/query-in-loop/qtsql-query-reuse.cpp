// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// Qt code commonly creates ONE QSqlQuery per function and prepare()s it for
// several statements in turn. What matters is where the statement executed in
// the loop was PREPARED, and which prepare() was the last one before the
// call, not where the QSqlQuery object was declared.
#include <QtCore/QDebug>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QVariant>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

struct Price {
  QString sku;
  double price;
};

// Flagged: inside a transaction, but prepare() runs in every iteration.
bool shipOrders(QSqlDatabase db, const QList<int> &orderIds) {
  QSqlQuery query(db);
  db.transaction();
  for (int id : orderIds) {
    query.prepare("UPDATE orders SET status = 'shipped' WHERE id = ?");
    query.addBindValue(id);
    query.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'exec' writes to the database once per loop iteration, one round trip per row; prepare the statement once before the loop
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: this loop runs once per element of 'orderIds'
  }
  return db.commit();
}

// Silent: the INSERT is prepared before the loop inside a transaction; the
// same QSqlQuery is prepared again for a SELECT after the loop.
int importPrices(QSqlDatabase db, const QList<Price> &prices) {
  QSqlQuery query(db);
  db.transaction();
  query.prepare("INSERT INTO price_history (sku, price) VALUES (?, ?)");
  for (const Price &p : prices) {
    query.addBindValue(p.sku);
    query.addBindValue(p.price);
    query.exec();
  }
  db.commit();
  query.prepare("SELECT count(*) FROM price_history");
  query.exec();
  return query.next() ? query.value(0).toInt() : 0;
}

// Silent: rollback() on the error path that returns before the loop does not
// close the transaction the loop runs in.
bool importPricesChecked(QSqlDatabase db, const QList<Price> &prices) {
  if (!db.transaction()) {
    qWarning() << db.lastError().text();
    return false;
  }
  QSqlQuery insert(db);
  if (!insert.prepare("INSERT INTO price_history (sku, price) VALUES (:sku, :price)")) {
    qWarning() << insert.lastError().text();
    db.rollback();
    return false;
  }
  for (const Price &p : prices) {
    insert.bindValue(":sku", p.sku);
    insert.bindValue(":price", p.price);
    insert.exec();
  }
  return db.commit();
}
