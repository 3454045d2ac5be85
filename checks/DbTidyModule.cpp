//===--- DbTidyModule.cpp - The db-* checks as a clang-tidy module --------===//
#include "checks/CheckThenInsertCheck.h"
#include "checks/LazyLoadInLoopCheck.h"
#include "checks/LockOrderCheck.h"
#include "checks/QueryInLoopCheck.h"
#include "checks/ReadModifyWriteCheck.h"
#include "checks/SaveInHookCheck.h"
#include "checks/UnorderedRowLocksCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace dbtidy {

class DbTidyModule : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<QueryInLoopCheck>("db-query-in-loop");
    Factories.registerCheck<LazyLoadInLoopCheck>("db-lazy-load-in-loop");
    Factories.registerCheck<ReadModifyWriteCheck>("db-read-modify-write");
    Factories.registerCheck<CheckThenInsertCheck>("db-check-then-insert");
    Factories.registerCheck<SaveInHookCheck>("db-save-in-hook");
    Factories.registerCheck<LockOrderCheck>("db-lock-order");
    Factories.registerCheck<UnorderedRowLocksCheck>("db-unordered-row-locks");
  }
};

} // namespace dbtidy

static clang::tidy::ClangTidyModuleRegistry::Add<dbtidy::DbTidyModule>
    DbTidyModuleRegistration("dbtidy-module",
                             "dbtidy: database access checks (db-*).");

// Referenced by the driver so the linker keeps this object and its
// registration.
volatile int DbTidyModuleAnchorSource = 0;
