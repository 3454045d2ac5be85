//===--- TransactionScope.h - Transactions and prepared statements -*- C++
//-*-===//
#ifndef DBTIDY_LIB_TRANSACTIONSCOPE_H
#define DBTIDY_LIB_TRANSACTIONSCOPE_H

#include "lib/CallClassifier.h"
#include "lib/LoopAnalysis.h"

#include "llvm/ADT/StringMap.h"

namespace dbtidy {

/// Answers two questions about a call inside a loop: does it run inside a
/// transaction opened around the loop, and does it re-execute a statement
/// prepared before the loop.
class TransactionScope {
public:
  TransactionScope(clang::ASTContext &Ctx, const CallClassifier &Classifier,
                   LoopAnalysis &Loops);

  /// Whether Site, inside Loop, runs in a transaction: the call goes through
  /// a transaction object, the function receives one, an RAII transaction
  /// is alive in a scope around the loop, or a begin precedes the loop with
  /// no commit in between.
  bool inTransaction(const CallSite &Site, const clang::Stmt *Loop);

  /// Whether Site executes a statement prepared before Loop (a statement
  /// object declared outside it, or a server-side named statement).
  bool reusesPreparedStatement(const CallSite &Site, const Classification &C,
                               const clang::Stmt *Loop);

  /// The SQL of the statement Site executes, when Site runs a statement
  /// prepared elsewhere and that preparation can be found.
  std::optional<SqlInfo> preparedSql(const CallSite &Site,
                                     const Classification &C);

private:
  /// The prepared statement a call runs: its object, or for
  /// `db(prepared)` and C APIs its first argument.
  const clang::VarDecl *statementHandle(const CallSite &Site);
  /// A connection, transaction or autocommit handle.
  bool isSessionHandle(clang::QualType T) const;
  /// Whether Handle is (re-)prepared somewhere inside Loop.
  bool preparedWithin(const clang::VarDecl *Handle, const clang::Stmt *Loop);
  void indexNamedStatements();
  bool isTransactionType(clang::QualType T) const;

  clang::ASTContext &Ctx;
  const CallClassifier &Classifier;
  LoopAnalysis &Loops;
  bool NamedIndexed = false;
  llvm::StringMap<SqlInfo> NamedStatements;
};

} // namespace dbtidy

#endif
