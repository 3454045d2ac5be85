//===--- LazyLoadInLoopCheck.h - db-lazy-load-in-loop -----------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_LAZYLOADINLOOPCHECK_H
#define DBTIDY_CHECKS_LAZYLOADINLOOPCHECK_H

#include "checks/CheckBase.h"
#include "lib/LazyRelations.h"
#include "lib/LoopAnalysis.h"

#include <memory>
#include <set>

namespace dbtidy {

/// Flags an ORM relation loaded lazily once per iteration of a loop over a
/// result: each row issues its own SELECT for the related row(s).
///
/// For the user-facing documentation see docs/checks/db-lazy-load-in-loop.md.
class LazyLoadInLoopCheck : public CheckBase {
public:
  LazyLoadInLoopCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);
  ~LazyLoadInLoopCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkLoad(const clang::Expr *Call, clang::ASTContext &Ctx);
  void checkRelationLoop(const clang::CXXForRangeStmt *Inner,
                         clang::ASTContext &Ctx);
  /// A read of a relation that must have been eager-loaded (TinyORM
  /// getRelation) on rows of a query that does not load it.
  void checkEagerRead(const RelationAccess &Access, const Classification &C,
                      const LoopFacts &Loop, const clang::VarDecl *Root,
                      clang::ASTContext &Ctx);
  /// Whether V is declared inside Loop: it holds a different object on each
  /// iteration (the loop variable or something derived from it).
  bool perIteration(const clang::VarDecl *V, const clang::Stmt *Loop,
                    clang::ASTContext &Ctx) const;
  /// The expression whose rows Loop iterates, when it is a range-for.
  static const clang::Expr *producerOf(const clang::Stmt *Loop);
  /// Attaches the eager-loading fix; true when there is one but it would
  /// touch a macro expansion (then nothing is attached).
  bool addEagerFix(clang::DiagnosticBuilder &Diag, const LoopFacts &Loop,
                   llvm::StringRef Relation, clang::ASTContext &Ctx);

  std::string RawIterationFunctions;
  LoopOptions LoopOpts;
  clang::ASTContext *Ctx = nullptr;
  std::unique_ptr<LoopAnalysis> Loops;
  std::set<unsigned> Reported;
};

} // namespace dbtidy

#endif
