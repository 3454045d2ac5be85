//===--- LoopAnalysis.h - Loops whose trip count depends on data -*- C++
//-*-===//
//
// Answers "does this statement run once per iteration of a loop over data?"
// for the checks that look for per-iteration database work. Loops are found
// by walking up the AST; whether the statement can come round again is
// answered on the CFG, so a query followed by `break` or `return` is not
// counted as per-iteration.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_LOOPANALYSIS_H
#define DBTIDY_LIB_LOOPANALYSIS_H

#include "lib/CallClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/CFGStmtMap.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbtidy {

enum class TripCount {
  /// Depends on data: the rows of a result, the elements of a container, a
  /// runtime bound.
  DataDriven,
  /// Known at compile time and small (a retry loop, a constant array).
  ConstantBounded,
  /// A retry loop (its counter is named for attempts/retries).
  Retry,
  /// Runs until told to stop (`while (true)`, `for (;;)`, `while (running_)`):
  /// a worker or polling loop.
  Polling,
  /// Runs at most once (`do { } while (0)`).
  Once,
  /// Nothing says the trip count depends on data.
  Unknown,
};

struct LoopFacts {
  /// A ForStmt, CXXForRangeStmt, WhileStmt or DoStmt, or for an iteration
  /// algorithm (std::for_each ...) the CallExpr passing the lambda.
  const clang::Stmt *Loop = nullptr;
  /// For iteration algorithms, the lambda that runs per element.
  const clang::LambdaExpr *Lambda = nullptr;
  TripCount Trip = TripCount::Unknown;
  /// "runs once per element of 'ids'" and the like, for notes.
  std::string Description;
};

struct LoopOptions {
  /// Qualified names of functions that call a callable once per element.
  std::vector<std::string> IterationFunctions;
  /// Loops over compile-time constant ranges up to this size are not
  /// reported.
  unsigned MaxConstantTripCount = 64;
};

std::vector<std::string> defaultIterationFunctions();

/// The local variable a range-for iterates when the loop is its only use
/// (`pqxx::result r = tx.exec(...); for (auto row : r)`): then the variable's
/// initialiser is all that produced the rows. Null otherwise.
const clang::VarDecl *resultIteratedOnlyHere(const clang::Expr *RangeInit);

/// Whether E is the element Loop hands each iteration: the range-for
/// variable, or `*it` / `v[i]` of an iterator or index the for statement
/// advances (through conversions such as `std::string(e)` or `e.c_str()`).
/// A loop whose SQL text is its element executes a list of statements (a
/// migration, a DDL log): one round trip each is inherent, not N+1.
bool isLoopElement(const clang::Expr *E, const clang::Stmt *Loop);

/// Whether Loop's condition (or a for statement's increment) calls a method
/// of Object, the statement a query call in the body executes: the loop then
/// pages through that statement's own result (Poco's `while (!stmt.done())
/// stmt.execute();` or `for (...; !stmt.done(); ...)` with a `limit`), one
/// round trip per page of one query, not one query per item.
bool isPagedByLoop(const clang::Expr *Object, const clang::Stmt *Loop);

class LoopAnalysis {
public:
  LoopAnalysis(clang::ASTContext &Ctx, const CallClassifier &Classifier,
               LoopOptions Options);
  ~LoopAnalysis();

  /// The innermost loop around S whose trip count depends on data and in
  /// which S can run again on a later iteration.
  std::optional<LoopFacts> repeatingLoopAround(const clang::Stmt *S);

  /// Classifies a loop statement's trip count.
  TripCount classify(const clang::Stmt *Loop, std::string *Description);

  /// Whether, after S runs inside Loop's body, control can reach Loop's next
  /// iteration (without leaving Loop). Both must be in the same function.
  bool canReachNextIteration(const clang::Stmt *S, const clang::Stmt *Loop);

  /// The function or lambda body whose code S is part of.
  const clang::Stmt *enclosingBody(const clang::Stmt *S,
                                   const clang::Decl **Owner = nullptr);

  clang::ASTContext &context() { return Ctx; }

private:
  struct FunctionCFG;
  FunctionCFG *cfgFor(const clang::Stmt *Body, const clang::Decl *Owner);
  const clang::CallExpr *iterationCallFor(const clang::LambdaExpr *Lambda);
  bool isIterationFunction(const clang::FunctionDecl *FD) const;
  std::string sourceText(const clang::Stmt *S, size_t Limit = 48) const;
  /// "this loop runs while '<condition>'", for a loop written through a
  /// macro the macro invocation.
  std::string whileText(const clang::Stmt *Loop, const clang::Expr *Cond) const;
  /// Text on one line, whitespace runs collapsed, cut at Limit.
  static std::string oneLine(llvm::StringRef Text, size_t Limit);

  clang::ASTContext &Ctx;
  const CallClassifier &Classifier;
  LoopOptions Options;
  std::map<const clang::Stmt *, std::unique_ptr<FunctionCFG>> CFGs;
};

} // namespace dbtidy

#endif
