// RUN: %check_dbtidy %s db-save-in-hook %t -- --profile=%S/Inputs/app-hooks.yaml -- -std=c++17 -I%S/Inputs
// REQUIRES: pqxx
// Raw SQL inside callbacks of the application's event hub (declared in
// Inputs/app-hooks.yaml).
#include "app-events.h"
#include <pqxx/pqxx>
#include <string>

struct Comment {
  long id = 0;
  long postId = 0;
};

void wire(app::Events &events, pqxx::connection &conn) {
  // Recount after an insert: the fix-it increments in the UPDATE.
  events.onCreated<Comment>([&](const Comment &comment) {
    pqxx::work txn(conn);
    int n = txn.exec_params("SELECT count(*) FROM comments WHERE post_id = $1", comment.postId)[0][0].as<int>();
    txn.exec_params("UPDATE posts SET comment_count = $1 WHERE id = $2", n, comment.postId);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: this UPDATE stores 'posts.comment_count' recounted by a query inside the persistence callback registered with 'onCreated': every time a 'Comment' is inserted a count runs and the 'posts' row is rewritten under an exclusive lock, and two concurrent writes each count without the other's row and store a stale number; maintain the counter atomically in the database instead ('UPDATE posts SET comment_count = comment_count + 1 WHERE ...') [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: the count runs here
    // CHECK-FIXES: {{^}}    pqxx::work txn(conn);
    // CHECK-FIXES-NEXT: {{^}}    txn.exec_params("UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1", comment.postId);
    txn.commit();
  });

  // A row deleted as a side effect.
  events.onSaved<Comment>([&](const Comment &comment) {
    pqxx::work txn(conn);
    txn.exec_params("DELETE FROM drafts WHERE post_id = $1", comment.postId);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: this DELETE deletes 'drafts' rows inside the persistence callback registered with 'onSaved': {{.*}} [db-save-in-hook]
    txn.commit();
  });
}

//===--- silent ---------------------------------------------------------------===//

void quiet(app::Events &events, pqxx::connection &conn) {
  events.onCreated<Comment>([&](const Comment &comment) {
    pqxx::work txn(conn);
    txn.exec_params("UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1", comment.postId);
    txn.exec_params("INSERT INTO activity (post_id) VALUES ($1)", comment.postId);
    txn.commit();
  });
}
