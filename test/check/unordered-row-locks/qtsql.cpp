// RUN: %check_dbtidy %s db-unordered-row-locks %t -- -- -std=c++17 %qt_flags
// REQUIRES: qt5
#include <QList>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

void lockShelves(QSqlQuery &q, QList<int> ids) {
  q.exec("SELECT qty FROM shelves WHERE aisle = 4 FOR UPDATE");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'SELECT ... FOR UPDATE' can lock several rows of 'shelves' with no ORD{{.*}}
  for (int id : ids) {
    q.prepare("SELECT qty FROM shelves WHERE id = ? FOR UPDATE");
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: row lock taken once per element of 'ids', which is not sorted first: t{{.*}}
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop locks rows in the order of 'ids'
    q.addBindValue(id);
    q.exec();
  }
  std::sort(ids.begin(), ids.end());
  for (int id : ids) {
    q.prepare("SELECT qty FROM shelves WHERE id = ? FOR UPDATE");
    q.addBindValue(id);
    q.exec();
  }
}
