//===--- LockOrderCheck.h - db-lock-order -----------------------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_LOCKORDERCHECK_H
#define DBTIDY_CHECKS_LOCKORDERCHECK_H

#include "checks/CheckBase.h"
#include "lib/LockGraph.h"

namespace dbtidy {

/// Flags lock-order inversions among mutexes and database row locks: cycles
/// in the graph of "L2 acquired while L1 is held" edges, within the
/// translation unit and, with facts, across translation units; and
/// acquisitions against a declared order.
///
/// For the user-facing documentation see docs/checks/db-lock-order.md.
class LockOrderCheck : public CheckBase {
public:
  LockOrderCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void emit(const LockReport &R, const class LockAnalysis &Analysis);
  void writeFacts(const class LockAnalysis &Analysis);
  std::vector<DeclaredOrder> configuredOrders();

  clang::ASTContext *Ctx = nullptr;
  /// DbTidyFactsOutput: a directory to write this TU's facts into.
  std::string FactsOutput;
};

} // namespace dbtidy

#endif
