//===--- LockSets.h - Which locks a function holds, and acquires -*- C++ -*-===//
//
// The lock analysis of one translation unit, for db-lock-order:
//
//  * lock identity: a mutex expression names a global or static by its
//    qualified name and a member by Class::member; a SELECT ... FOR UPDATE
//    (any SQL profile) names the row locks of its table ("rows:<table>");
//    anything else (a reference parameter, a local mutex, a pointer) has no
//    identity and is ignored;
//  * per-function summaries: every lock a call of the function acquires,
//    through the functions it calls (computed once per function, recursion
//    handled like RoundTripSummaries);
//  * per-function lock sets from the CFG (only for functions that take a
//    lock themselves): RAII guards and their scope ends, unlock()/lock() on
//    guards and mutexes, deferred/adopted guards, std::lock/scoped_lock,
//    row locks held until commit/rollback; the edges "L1 held while L2 is
//    acquired", directly or through a call.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_LOCKSETS_H
#define DBTIDY_LIB_LOCKSETS_H

#include "lib/CallClassifier.h"
#include "lib/Facts.h"
#include "lib/LockGraph.h"
#include "lib/SqlAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceLocation.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbtidy {

/// A lock named by an expression: its name, and which object it belongs to
/// (for members: the base variable, `this`, or null when unknown).
struct LockRef {
  std::string Name;
  const void *Instance = nullptr;
};

/// The SELECT a call runs when it is a locking read (FOR UPDATE / FOR
/// SHARE, with or without SKIP LOCKED / NOWAIT) whose text is known. A
/// statement object's prepare() counts; a connection's named prepared
/// statement (run elsewhere) does not.
std::optional<SqlStatement> lockingSelect(const CallSite &Site,
                                          const Classification &C,
                                          const CallClassifier &Classifier,
                                          clang::ASTContext &Ctx);

class LockAnalysis {
public:
  /// Facts, when given, answer for functions of other translation units.
  LockAnalysis(clang::ASTContext &Ctx, const CallClassifier &Classifier,
               std::shared_ptr<const FactsIndex> Facts = nullptr);
  ~LockAnalysis();

  /// What calling FD acquires, transitively; null when nothing.
  const LockSummaryFact *summaryOf(const clang::FunctionDecl *FD);

  /// Analyses every function defined in this translation unit's user code
  /// (not system headers): edges, held calls, declared orders.
  void analyzeTranslationUnit();

  const std::vector<LockEdge> &edges() const { return Edges; }
  const std::vector<HeldCall> &heldCalls() const { return Held; }
  /// Orders declared with ACQUIRED_BEFORE / ACQUIRED_AFTER.
  const std::vector<DeclaredOrder> &declaredOrders() const { return Orders; }

  /// The std::scoped_lock replacement of a fixable edge found here.
  struct GuardFix {
    clang::CharSourceRange Range;
    std::string Text;
  };
  const GuardFix *fixFor(const LockEdge &E) const;

  /// Adds this TU's lock facts to Out: summaries of the functions other
  /// TUs can call, edges, calls made with a lock held.
  void exportFacts(FactsIndex &Out);

  /// The name of a lock expression, or nullopt when it has no identity.
  std::optional<LockRef> lockOf(const clang::Expr *E) const;

  SourcePos position(clang::SourceLocation Loc) const;
  const std::string &translationUnit() const { return TU; }
  clang::ASTContext &translationUnitContext() const { return Ctx; }
  const CallClassifier &classifier() const { return Classifier; }

  struct Impl;

private:
  void analyzeFunction(const clang::FunctionDecl *FD);
  void collectDeclaredOrder(const clang::Decl *D);

  clang::ASTContext &Ctx;
  const CallClassifier &Classifier;
  std::shared_ptr<const FactsIndex> Facts;
  std::string TU;

  struct Entry {
    bool Done = false;
    unsigned Depth = 0;
    /// The function takes or releases a lock itself.
    bool Direct = false;
    std::optional<LockSummaryFact> Summary;
  };
  std::map<const clang::FunctionDecl *, Entry> Memo;
  std::vector<unsigned> LowestReached;

  std::vector<LockEdge> Edges;
  std::vector<HeldCall> Held;
  std::vector<DeclaredOrder> Orders;
  std::map<std::pair<SourcePos, SourcePos>, GuardFix> Fixes;
  std::vector<const clang::FunctionDecl *> Analyzed;
};

} // namespace dbtidy

#endif
