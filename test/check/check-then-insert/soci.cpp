// RUN: %check_dbtidy %s db-check-then-insert %t -- -- -std=c++17
// REQUIRES: soci
// SOCI: a count into a variable, or a row found through got_data().
#include <soci/soci.h>
#include <string>

void subscribe(soci::session &sql, const std::string &email) {
  int n = 0;
  sql << "SELECT count(*) FROM subscribers WHERE email = :e", soci::into(n), soci::use(email);
  if (n == 0)
    sql << "INSERT INTO subscribers (email) VALUES (:e)", soci::use(email);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'subscribers' runs only when the SELECT above found no row, but nothing stops a concurrent request from inserting the same row in between (check-then-insert race){{.*}}a unique constraint on (email){{.*}} [db-check-then-insert]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: the existence check runs here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: the insert runs when this finds no row
}

void follow(soci::session &sql, long from, long to) {
  long id = 0;
  sql << "SELECT id FROM follows WHERE follower = :f AND followee = :t", soci::into(id), soci::use(from), soci::use(to);
  if (sql.got_data())
    return;
  sql << "INSERT INTO follows (follower, followee) VALUES (:f, :t)", soci::use(from), soci::use(to);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: INSERT into 'follows' {{.*}}a unique constraint on (follower, followee){{.*}} [db-check-then-insert]
}

//===--- silent ---------------------------------------------------------------===//

void upsert(soci::session &sql, const std::string &email) {
  int n = 0;
  sql << "SELECT count(*) FROM subscribers WHERE email = :e", soci::into(n), soci::use(email);
  if (n == 0)
    sql << "INSERT INTO subscribers (email) VALUES (:e) ON CONFLICT (email) DO NOTHING", soci::use(email);
}

void whenFound(soci::session &sql, const std::string &email) {
  int n = 0;
  sql << "SELECT count(*) FROM subscribers WHERE email = :e", soci::into(n), soci::use(email);
  if (n > 0)
    sql << "INSERT INTO mails (email) VALUES (:e)", soci::use(email);
}
