//===--- CheckThenInsertCheck.h - db-check-then-insert ----------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_CHECKTHENINSERTCHECK_H
#define DBTIDY_CHECKS_CHECKTHENINSERTCHECK_H

#include "checks/CheckBase.h"
#include "lib/RaceAnalysis.h"

#include <memory>
#include <set>

namespace dbtidy {

/// Flags an existence query followed, on its "not found" path, by an INSERT
/// of the same table or entity, with no lock, no conflict handling and no
/// unique constraint known to back it. Backed by a unique constraint (read
/// from schema files), the finding is a remark: the INSERT raises on
/// conflict and the code must handle that.
///
/// For the user-facing documentation see docs/checks/db-check-then-insert.md.
class CheckThenInsertCheck : public CheckBase {
public:
  CheckThenInsertCheck(llvm::StringRef Name,
                       clang::tidy::ClangTidyContext *Context);
  ~CheckThenInsertCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct TUState;
  TUState &state(clang::ASTContext &Ctx);
  void report(FunctionFlow &F, const CheckThenInsert &C);

  std::string RawSchemaFiles;
  std::unique_ptr<TUState> State;
};

} // namespace dbtidy

#endif
