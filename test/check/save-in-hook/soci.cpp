// RUN: %check_dbtidy %s db-save-in-hook %t -- --profile=%S/Inputs/app-hooks.yaml -- -std=c++17 -I%S/Inputs
// REQUIRES: soci
// SOCI statements inside callbacks of the application's event hub.
#include "app-events.h"
#include <soci/soci.h>

struct Answer {
  long questionId = 0;
};

void wire(app::Events &events, soci::session &sql) {
  events.onCreated<Answer>([&](const Answer &a) {
    int n = 0;
    sql << "SELECT count(*) FROM answers WHERE question_id = :q", soci::into(n), soci::use(a.questionId);
    sql << "UPDATE questions SET answer_count = :n WHERE id = :q", soci::use(n), soci::use(a.questionId);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: this UPDATE stores 'questions.answer_count' recounted by a query inside the persistence callback registered with 'onCreated': {{.*}}('UPDATE questions SET answer_count = answer_count + 1 WHERE ...') [db-save-in-hook]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: the count runs here
  });
  events.onSaved<Answer>([&](const Answer &a) {
    sql << "DELETE FROM question_drafts WHERE question_id = :q", soci::use(a.questionId);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: this DELETE deletes 'question_drafts' rows inside {{.*}} [db-save-in-hook]
  });
}

//===--- silent ---------------------------------------------------------------===//

void quiet(app::Events &events, soci::session &sql) {
  events.onCreated<Answer>([&](const Answer &a) {
    sql << "UPDATE questions SET answer_count = answer_count + 1 WHERE id = :q", soci::use(a.questionId);
  });
}
