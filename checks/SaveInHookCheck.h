//===--- SaveInHookCheck.h - db-save-in-hook --------------------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_SAVEINHOOKCHECK_H
#define DBTIDY_CHECKS_SAVEINHOOKCHECK_H

#include "checks/CheckBase.h"
#include "lib/RaceAnalysis.h"

#include <memory>
#include <set>

namespace dbtidy {

/// Flags, inside a persistence hook (from the profiles' `hooks:` entries and
/// `hook-register` calls), a full save or update of another object, a
/// recount-and-save or increment-and-save of a denormalised counter, and a
/// delete of a related object.
///
/// For the user-facing documentation see docs/checks/db-save-in-hook.md.
class SaveInHookCheck : public CheckBase {
public:
  SaveInHookCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  ~SaveInHookCheck() override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct TUState;
  TUState &state(clang::ASTContext &Ctx);
  void analyze(const HookFunction &H);
  void report(FunctionFlow &F, const HookFunction &H, const HookWrite &W);

  clang::tidy::ClangTidyContext *Tidy;
  RaceOptions Race;
  std::unique_ptr<TUState> State;
};

} // namespace dbtidy

#endif
