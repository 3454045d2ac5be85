//===--- CallClassifier.h - What a call does to the database ---*- C++ -*-===//
#ifndef DBTIDY_LIB_CALLCLASSIFIER_H
#define DBTIDY_LIB_CALLCLASSIFIER_H

#include "lib/Profile.h"
#include "lib/SqlText.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <memory>
#include <optional>

namespace dbtidy {

/// The callee, object and arguments of a call or construction, uniformly.
struct CallSite {
  const clang::Expr *Call = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  /// The object of a member call (also of a member operator call), if any.
  const clang::Expr *Object = nullptr;
  llvm::SmallVector<const clang::Expr *, 4> Args;
  bool IsConstruction = false;

  static std::optional<CallSite> from(const clang::Expr *E);
};

struct Classification {
  const CallRule *Rule = nullptr;
  CallKind Kind = CallKind::Query;
  /// Set when the rule has a sql-arg and its text could be recovered.
  std::optional<SqlInfo> Sql;
  const clang::Expr *SqlArg = nullptr;

  bool isRoundTrip() const { return dbtidy::isRoundTrip(Kind); }
  /// Whether this call writes rows: a write kind, or SQL text that writes.
  bool isWrite() const;
};

/// Matches calls against the rules of a ProfileSet.
class CallClassifier {
public:
  explicit CallClassifier(std::shared_ptr<const ProfileSet> Profiles);

  std::optional<Classification> classify(const CallSite &Site,
                                         const clang::ASTContext &Ctx) const;
  std::optional<Classification> classify(const clang::Expr *E,
                                         const clang::ASTContext &Ctx) const;

  /// The rule giving Type (a class, or a pointer/reference to one, or one of
  /// its bases) the role Role.
  const TypeRule *roleOf(clang::QualType Type, TypeRole Role) const;

  const ProfileSet &profiles() const { return *Profiles; }

private:
  bool ruleMatches(const CallRule &Rule, const CallSite &Site,
                   const clang::ASTContext &Ctx) const;
  std::shared_ptr<const ProfileSet> Profiles;
};

} // namespace dbtidy

#endif
