// RUN: %check_dbtidy %s db-query-in-loop %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// QtSql code that does NOT issue a round trip per data item: no finding.
#include <QtCore/QDebug>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QThread>
#include <QtCore/QVariant>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <atomic>
#include <vector>

struct Price {
  QString sku;
  double price;
};

std::atomic<bool> running{true};
void handle(qlonglong jobId, const QString &payload);

// The query hoisted before the loop: every name loaded once into a hash.
void printOrdersHoisted(QSqlDatabase db) {
  QHash<int, QString> names;
  QSqlQuery customers("SELECT id, name FROM customers", db);
  while (customers.next())
    names.insert(customers.value(0).toInt(), customers.value(1).toString());

  QSqlQuery orders("SELECT id, customer_id FROM orders WHERE status = 'open'", db);
  while (orders.next())
    qDebug() << orders.value(0).toInt() << names.value(orders.value(1).toInt());
}

// A JOIN replaces the per-row query.
void printOrdersJoined(QSqlDatabase db) {
  QSqlQuery query(db);
  if (!query.exec("SELECT o.id, c.name FROM orders o "
                  "JOIN customers c ON c.id = o.customer_id "
                  "WHERE o.status = 'open'")) {
    qWarning() << query.lastError().text();
    return;
  }
  while (query.next())
    qDebug() << query.value(0).toInt() << query.value(1).toString();
}

// WHERE id IN (...): prepare and addBindValue in loops are no round trips.
QHash<int, QString> loadEmails(QSqlDatabase db, const std::vector<int> &userIds) {
  QStringList placeholders;
  for (size_t i = 0; i < userIds.size(); ++i)
    placeholders << "?";
  QSqlQuery query(db);
  query.prepare("SELECT id, email FROM users WHERE id IN (" + placeholders.join(", ") + ")");
  for (int id : userIds)
    query.addBindValue(id);
  QHash<int, QString> emails;
  if (query.exec())
    while (query.next())
      emails.insert(query.value(0).toInt(), query.value(1).toString());
  return emails;
}

// Bulk insert: db.transaction(), one query prepared before the loop, commit.
bool importPrices(QSqlDatabase db, const QList<Price> &prices) {
  db.transaction();
  QSqlQuery insert(db);
  insert.prepare("INSERT INTO price_history (sku, price) VALUES (:sku, :price)");
  for (const Price &p : prices) {
    insert.bindValue(":sku", p.sku);
    insert.bindValue(":price", p.price);
    if (!insert.exec()) {
      qWarning() << insert.lastError().text();
      db.rollback();
      return false;
    }
  }
  return db.commit();
}

// The same with an index loop, positional binds and the default connection.
void markShipped(const QList<int> &orderIds) {
  QSqlDatabase db = QSqlDatabase::database();
  if (!db.transaction())
    return;
  QSqlQuery update;
  update.prepare("UPDATE orders SET status = 'shipped' WHERE id = ?");
  for (int i = 0; i < orderIds.size(); ++i) {
    update.bindValue(0, orderIds[i]);
    update.exec();
  }
  db.commit();
}

// A constant-bounded retry loop.
bool bumpCounter(QSqlDatabase db) {
  QSqlQuery query(db);
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (query.exec("UPDATE counters SET value = value + 1 WHERE name = 'visits'"))
      return true;
    QThread::msleep(50);
  }
  return false;
}

// A worker loop: one job per iteration until told to stop.
void worker(QSqlDatabase db) {
  while (running) {
    QSqlQuery job("SELECT id, payload FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1", db);
    if (!job.next()) {
      QThread::sleep(1);
      continue;
    }
    handle(job.value(0).toLongLong(), job.value(1).toString());
    QSqlQuery done(db);
    done.prepare("UPDATE jobs SET state = 'done' WHERE id = ?");
    done.addBindValue(job.value(0));
    done.exec();
  }
}

// Polling with for (;;).
void drainQueue(QSqlDatabase db) {
  QSqlQuery query(db);
  for (;;) {
    if (!query.exec("SELECT id, payload FROM jobs ORDER BY id LIMIT 1") || !query.next())
      break;
    handle(query.value(0).toLongLong(), query.value(1).toString());
    query.exec("DELETE FROM jobs WHERE id = " + query.value(0).toString());
  }
}

// A loop over a small constant list of table names.
void printRowCounts(QSqlDatabase db) {
  const QStringList tables = {"orders", "customers", "items"};
  for (const QString &table : tables) {
    QSqlQuery count("SELECT count(*) FROM " + table, db);
    if (count.next())
      qDebug() << table << count.value(0).toInt();
  }
}

// The round trip is on a path that leaves the loop right after it.
bool validateIds(QSqlDatabase db, const QList<int> &ids) {
  for (int id : ids) {
    if (id <= 0) {
      QSqlQuery audit(db);
      audit.exec("INSERT INTO audit (message) VALUES ('invalid id in import')");
      return false;
    }
  }
  return true;
}

int firstUnknownCustomer(QSqlDatabase db, const QList<int> &ids) {
  for (int id : ids) {
    if (id < 0) {
      QSqlQuery fallback("SELECT min(id) FROM customers", db);
      return fallback.next() ? fallback.value(0).toInt() : -1;
    }
  }
  return 0;
}

// The loop's own fetch: one query, then next() row by row.
double sumTotals(QSqlDatabase db) {
  double sum = 0;
  QSqlQuery query(db);
  query.setForwardOnly(true);
  query.exec("SELECT total FROM orders");
  while (query.next())
    sum += query.value(0).toDouble();
  return sum;
}

// prepare() alone in a loop: no round trip.
bool checkSyntax(QSqlDatabase db, const QStringList &statements) {
  QSqlQuery query(db);
  for (const QString &sql : statements)
    if (!query.prepare(sql))
      return false;
  return true;
}

// A probe for a free name: the loop re-runs its own query until it finds no
// row, so it does not walk a result set (found in a real Qt server).
QString freeName(const QString &base) {
  QSqlQuery q;
  QString name = base;
  int n = 0;
  do {
    name = n++ ? base + QString::number(n) : base;
    q.prepare("SELECT 1 FROM files WHERE name = :name");
    q.bindValue(":name", name);
    q.exec();
  } while (q.next());
  return name;
}

// Quassel's schema set-up: Qt's foreach over the statements of a resource
// file, each executed once. A list of statements, not N+1.
struct SqlResource {
  QString queryString;
  QString queryFilename;
};
void setupSchema(QSqlDatabase db, const QList<SqlResource> &setupQueries) {
  db.transaction();
  foreach (auto queryResource, setupQueries) {
    QSqlQuery query = db.exec(queryResource.queryString);
    if (query.lastError().isValid())
      break;
  }
  db.commit();
}
