// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
// The schema created by the code itself (start-up DDL in string literals)
// declares keys as a schema file does: an insert backed by the primary key
// is a remark, one with no key on the checked columns stays a warning.
// (Reduced from a Qt SQL document server that seeds its tables at start-up.)
#include <QSqlQuery>
#include <QString>
#include <QVariant>

void createTables() {
  QSqlQuery q;
  q.exec("CREATE TABLE IF NOT EXISTS rights (id serial primary key, name text)");
  q.exec("CREATE TABLE IF NOT EXISTS holidays (id_user int, day date)");
}

void seedRights() {
  QSqlQuery q;
  q.exec("SELECT * FROM rights WHERE id = 0");
  if (!q.next())
    q.exec("INSERT INTO rights (id, name) VALUES (0, 'supervisor')");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: remark: 'exec' inserts into 'rights' after an existence check; the unique constraint rights(id) at {{.*}}qtsql-source-ddl{{.*}}:13 makes a concurrent duplicate fail {{.*}} [db-check-then-insert]
}

void addHoliday(int user, const QString &day) {
  QSqlQuery q;
  q.prepare("SELECT 1 FROM holidays WHERE id_user = :u AND day = :d");
  q.bindValue(":u", user);
  q.bindValue(":d", day);
  q.exec();
  if (!q.next()) {
    QSqlQuery ins;
    ins.prepare("INSERT INTO holidays (id_user, day) VALUES (:u, :d)");
    ins.bindValue(":u", user);
    ins.bindValue(":d", day);
    ins.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'holidays' runs only when the SELECT above found no row, {{.*}} [db-check-then-insert]
  }
}
