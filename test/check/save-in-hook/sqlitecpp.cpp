// RUN: %check_dbtidy %s db-save-in-hook %t -- --profile=%S/Inputs/app-hooks.yaml -- -std=c++17 -I%S/Inputs
// REQUIRES: sqlitecpp
// SQLiteCpp statements inside callbacks of the application's event hub.
#include "app-events.h"
#include <SQLiteCpp/SQLiteCpp.h>

struct Vote {
  int postId = 0;
};

void wire(app::Events &events, SQLite::Database &db) {
  events.onCreated<Vote>([&](const Vote &v) {
    SQLite::Statement q(db, "SELECT score FROM posts WHERE id = ?");
    q.bind(1, v.postId);
    q.executeStep();
    int score = q.getColumn(0);
    SQLite::Statement u(db, "UPDATE posts SET score = ? WHERE id = ?");
    u.bind(1, score + 1);
    u.bind(2, v.postId);
    u.exec();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: this UPDATE stores 'posts.score' changed in C++ from its loaded value inside the persistence callback registered with 'onCreated': {{.*}} [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-7]]:7: note: the old value is read here
    // CHECK-FIXES: SQLite::Statement u(db, "UPDATE posts SET score = score + ? WHERE id = ?");
    // CHECK-FIXES-NEXT: u.bind(1, 1);
  });
}

//===--- silent ---------------------------------------------------------------===//

void quiet(app::Events &events, SQLite::Database &db) {
  events.onCreated<Vote>([&](const Vote &v) {
    SQLite::Statement u(db, "UPDATE posts SET score = score + 1 WHERE id = ?");
    u.bind(1, v.postId);
    u.exec();
  });
}
