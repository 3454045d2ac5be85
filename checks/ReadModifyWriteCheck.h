//===--- ReadModifyWriteCheck.h - db-read-modify-write ----------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_READMODIFYWRITECHECK_H
#define DBTIDY_CHECKS_READMODIFYWRITECHECK_H

#include "checks/CheckBase.h"
#include "lib/RaceAnalysis.h"

#include <memory>
#include <set>

namespace dbtidy {

/// Flags a lost update: a row field or ORM object field written back with a
/// value computed in C++ from the value read earlier in the same function,
/// without a row lock, an optimistic version check or an atomic UPDATE.
///
/// For the user-facing documentation see docs/checks/db-read-modify-write.md.
class ReadModifyWriteCheck : public CheckBase {
public:
  ReadModifyWriteCheck(llvm::StringRef Name,
                       clang::tidy::ClangTidyContext *Context);
  ~ReadModifyWriteCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct TUState;
  TUState &state(clang::ASTContext &Ctx);
  void report(FunctionFlow &F, const LostUpdate &LU);
  /// The notes of an ORM finding: where the object is loaded and where the
  /// field is changed from the loaded value.
  void noteOrmLoadAndChange(const LostUpdate &LU);

  std::string RawVersionColumns;
  RaceOptions Race;
  std::unique_ptr<TUState> State;
};

} // namespace dbtidy

#endif
