// RUN: %check_dbtidy %s db-check-then-insert %t -- --profile=%S/Inputs/schema-profile.yaml -- -std=c++17
// REQUIRES: pqxx
// With the schema known (schema-files: in a profile), a check-then-insert
// backed by a unique constraint on the checked columns is a remark: the
// second insert raises a unique violation, which the code must handle.
#include <pqxx/pqxx>
#include <string>

void ensureCustomer(pqxx::work &txn, const std::string &email) {
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE email = $1", email);
  if (r.empty())
    txn.exec_params("INSERT INTO customers (email, name) VALUES ($1, '')", email);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: remark: 'exec_params' inserts into 'customers' after an existence check; the unique constraint customers(email) at schema.sql:5 makes a concurrent duplicate fail with a unique violation instead of creating a second row, so under load one of two racing requests gets that error: handle it as 'already exists', or let one statement decide (INSERT ... ON CONFLICT DO NOTHING / DO UPDATE) [db-check-then-insert]
}

// A composite unique index within the checked columns.
void tag(pqxx::work &txn, long post, const std::string &name) {
  pqxx::result r = txn.exec_params("SELECT 1 FROM tags WHERE post_id = $1 AND name = $2", post, name);
  if (r.empty())
    txn.exec_params("INSERT INTO tags (post_id, name) VALUES ($1, $2)", post, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: remark: 'exec_params' inserts into 'tags' after an existence check; the unique constraint tags(post_id, name) at schema.sql:13 {{.*}} [db-check-then-insert]
}

// The name alone is not unique: a race.
void customerByName(pqxx::work &txn, const std::string &name) {
  pqxx::result r = txn.exec_params("SELECT id FROM customers WHERE name = $1", name);
  if (r.empty())
    txn.exec_params("INSERT INTO customers (email, name) VALUES ('', $1)", name);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'customers' runs only when the SELECT above found no row{{.*}} [db-check-then-insert]
}

// A partial unique index does not make every row unique.
void slug(pqxx::work &txn, const std::string &slug) {
  pqxx::result r = txn.exec_params("SELECT 1 FROM slugs WHERE slug = $1", slug);
  if (r.empty())
    txn.exec_params("INSERT INTO slugs (slug, active) VALUES ($1, true)", slug);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: INSERT into 'slugs' {{.*}} [db-check-then-insert]
}
