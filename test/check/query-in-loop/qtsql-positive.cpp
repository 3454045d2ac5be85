// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// N+1 round trips written against the real Qt 5 QtSql headers.
#include <QtCore/QDebug>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariant>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtSql/QSqlTableModel>
#include <algorithm>
#include <vector>

struct Price {
  QString sku;
  double price;
};

static QString customerName(const QSqlDatabase &db, int customerId) {
  QSqlQuery query(db);
  query.prepare("SELECT name FROM customers WHERE id = ?");
  query.addBindValue(customerId);
  if (query.exec() && query.next())
    return query.value(0).toString();
  return QString();
}

// A query per row of another query's results.
void printOpenOrders(QSqlDatabase db) {
  QSqlQuery orders(db);
  orders.exec("SELECT id, customer_id FROM orders WHERE status = 'open'");
  while (orders.next()) {
    QSqlQuery customer(db);
    customer.prepare("SELECT name, email FROM customers WHERE id = :id");
    customer.bindValue(":id", orders.value(1));
    customer.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'exec' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: this loop runs once per row fetched by 'next'
    if (customer.next())
      qDebug() << orders.value(0).toInt() << customer.value(0).toString();
  }
}

// QSqlQuery(QString, QSqlDatabase) executes in its constructor.
void printOrderTotals(QSqlDatabase db) {
  QSqlQuery orders("SELECT id FROM orders", db);
  while (orders.next()) {
    QSqlQuery total("SELECT sum(qty * price) FROM order_lines WHERE order_id = " + orders.value(0).toString(), db);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: constructing 'QSqlQuery' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row fetched by 'next'
    if (total.next())
      qDebug() << total.value(0).toDouble();
  }
}

// A fetch per element of a vector of ids, with exec(QString).
QHash<int, QString> loadEmails(QSqlDatabase db, const std::vector<int> &userIds) {
  QHash<int, QString> emails;
  QSqlQuery query(db);
  for (int id : userIds) {
    query.exec("SELECT email FROM users WHERE id = " + QString::number(id));
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'exec' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'userIds'
    if (query.next())
      emails.insert(id, query.value(0).toString());
  }
  return emails;
}

// A statement prepared once and re-executed per row is still a query per row.
QList<double> loadBalances(QSqlDatabase db, const QList<int> &accountIds) {
  QList<double> balances;
  QSqlQuery query(db);
  query.prepare("SELECT balance FROM accounts WHERE id = ?");
  for (int i = 0; i < accountIds.size(); ++i) {
    query.bindValue(0, accountIds.at(i));
    if (query.exec() && query.next())
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'exec' runs a database query once per loop iteration (N+1 queries)
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs while 'i < accountIds.size()'
      balances.append(query.value(0).toDouble());
  }
  return balances;
}

// Single-row UPDATE per element outside a transaction, prepared in the loop.
void updatePrices(QSqlDatabase db, const QList<Price> &prices) {
  for (const Price &p : prices) {
    QSqlQuery update(db);
    update.prepare("UPDATE items SET price = :price WHERE sku = :sku");
    update.bindValue(":price", p.price);
    update.bindValue(":sku", p.sku);
    if (!update.exec())
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'exec' writes to the database once per loop iteration outside a transaction, so every row is its own round trip and its own commit
      // CHECK-MESSAGES: :[[@LINE-7]]:3: note: this loop runs once per element of 'prices'
      qWarning() << update.lastError().text();
  }
}

// exec(QString) with an INSERT per element.
void logVisits(QSqlDatabase db, const std::vector<int> &pageIds) {
  QSqlQuery query(db);
  for (auto it = pageIds.begin(); it != pageIds.end(); ++it)
    query.exec("INSERT INTO visits (page_id) VALUES (" + QString::number(*it) + ")");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'exec' writes to the database once per loop iteration outside a transaction
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs while 'it != pageIds.end()'
}

// Inside a transaction, but the query object and its statement are created per row.
bool importPrices(QSqlDatabase db, const QList<Price> &prices) {
  if (!db.transaction())
    return false;
  for (const Price &p : prices) {
    QSqlQuery insert(db);
    insert.prepare("INSERT INTO price_history (sku, price) VALUES (?, ?)");
    insert.addBindValue(p.sku);
    insert.addBindValue(p.price);
    insert.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'exec' writes to the database once per loop iteration, one round trip per row; prepare the statement once before the loop
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: this loop runs once per element of 'prices'
  }
  return db.commit();
}

// A helper of this file queries; called once per row.
void printCustomers(QSqlDatabase db) {
  QSqlQuery orders("SELECT customer_id FROM orders", db);
  while (orders.next())
    qDebug() << customerName(db, orders.value(0).toInt());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to 'customerName' runs a database query once per loop iteration (N+1 queries)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per row fetched by 'next'
  // CHECK-MESSAGES: :26:13: note: 'exec' talks to the database here
}

// A lambda run by std::for_each once per element.
void deleteSessions(QSqlDatabase db, const std::vector<QString> &tokens) {
  std::for_each(tokens.begin(), tokens.end(), [&db](const QString &token) {
    QSqlQuery del(db);
    del.prepare("DELETE FROM sessions WHERE token = ?");
    del.addBindValue(token);
    del.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'exec' writes to the database once per loop iteration outside a transaction
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'std::for_each' calls this lambda once per element
  });
}

// Qt's foreach macro (as in Quassel's storage code): the note names the
// macro invocation, since the loop's condition has no text of its own.
void printNames(QSqlDatabase db, const QList<int> &ids) {
  foreach (int id, ids) {
    QSqlQuery q(db);
    q.prepare("SELECT name FROM customers WHERE id = ?");
    q.addBindValue(id);
    q.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'exec' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: this loop runs for each item of 'foreach (int id, ids)'
  }
}

// A table model re-selected for every id.
void refreshCustomers(QSqlTableModel &model, const QList<int> &ids) {
  for (int id : ids) {
    model.setFilter(QString("id = %1").arg(id));
    model.select();
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'select' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: this loop runs once per element of 'ids'
  }
}

// The default connection, SQL built with QString::arg, executed on construction.
QStringList productTitles(const QList<int> &productIds) {
  QStringList titles;
  for (int id : productIds) {
    QSqlQuery q(QString("SELECT title FROM products WHERE id = %1").arg(id));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: constructing 'QSqlQuery' runs a database query once per loop iteration (N+1 queries)
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop runs once per element of 'productIds'
    if (q.next())
      titles << q.value(0).toString();
  }
  return titles;
}
