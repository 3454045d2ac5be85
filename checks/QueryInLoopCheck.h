//===--- QueryInLoopCheck.h - db-query-in-loop ------------------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_QUERYINLOOPCHECK_H
#define DBTIDY_CHECKS_QUERYINLOOPCHECK_H

#include "checks/CheckBase.h"
#include "lib/LoopAnalysis.h"
#include "lib/RoundTripSummaries.h"
#include "lib/TransactionScope.h"

#include <memory>
#include <set>

namespace dbtidy {

/// Flags a database round trip issued once per iteration of a loop whose
/// trip count depends on data (the N+1 query pattern).
///
/// For the user-facing documentation see docs/checks/db-query-in-loop.md.
class QueryInLoopCheck : public CheckBase {
public:
  QueryInLoopCheck(llvm::StringRef Name,
                   clang::tidy::ClangTidyContext *Context);
  ~QueryInLoopCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct TUState;
  TUState &state(clang::ASTContext &Ctx);
  void reportDirect(const CallSite &Site, const Classification &C,
                    const LoopFacts &Loop, bool IsWrite);
  void reportViaCall(const CallSite &Site, const RoundTripSummary &Summary,
                     const LoopFacts &Loop);
  void checkAggregation(const clang::CXXForRangeStmt *Loop,
                        clang::ASTContext &Ctx);

  std::unique_ptr<TUState> State;
};

} // namespace dbtidy

#endif
