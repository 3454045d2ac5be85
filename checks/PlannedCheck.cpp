#include "checks/PlannedCheck.h"

namespace dbtidy {

void PlannedCheck::registerMatchers(clang::ast_matchers::MatchFinder *) {
  // Deliberately empty until the check is implemented (see its docs page).
}

} // namespace dbtidy
