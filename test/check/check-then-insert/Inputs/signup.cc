// Input of schema-option.test: a sign-up that checks, then inserts.
#include <SQLiteCpp/SQLiteCpp.h>
#include <string>

void signUp(SQLite::Database &db, const std::string &email) {
  SQLite::Statement q(db, "SELECT id FROM customers WHERE email = ?");
  q.bind(1, email);
  if (q.executeStep())
    return;
  SQLite::Statement ins(db, "INSERT INTO customers (email, name) VALUES (?, '')");
  ins.bind(1, email);
  ins.exec();
}
