//===--- LazyRelations.h - Lazily loaded ORM relations ---------*- C++ -*-===//
//
// Which calls load an ORM relation on first access, which relation, through
// which object, and whether the query that produced that object already
// loaded it eagerly.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_LAZYRELATIONS_H
#define DBTIDY_LIB_LAZYRELATIONS_H

#include "lib/CallClassifier.h"

#include "clang/AST/ASTContext.h"

#include <optional>
#include <string>

namespace dbtidy {

struct RelationAccess {
  /// The relation's name: the member's name, or the name passed to a
  /// getRelationValue("author")-style call.
  std::string Name;
  /// The object the relation belongs to (`post` in `post->author->name`).
  const clang::Expr *Owner = nullptr;
  /// Where to point: the relation member's name, or the loading call.
  clang::SourceLocation Where;
};

/// The relation a lazy-load call loads. Dereferencing a lazy pointer counts
/// only when the pointer is a member of a mapped object (a relation): a
/// pointer handed out by a query or an iteration is already loaded.
std::optional<RelationAccess> relationLoadedBy(const CallSite &Site,
                                               const Classification &C);

/// The variable an object expression is reached from, through member
/// accesses, dereferences and smart-pointer operators.
const clang::VarDecl *rootVariable(const clang::Expr *E);

/// Whether Producer (the expression a loop iterates, or the initialiser of
/// the variable it names) eager-loads Relation with a profiled eager-load
/// call such as with("author").
bool eagerLoads(const clang::Expr *Producer, llvm::StringRef Relation,
                const CallClassifier &Classifier, clang::ASTContext &Ctx);

/// The string literals an argument spells: "a", QString("a"), {"a", "b"}.
void literalStrings(const clang::Expr *E,
                    llvm::SmallVectorImpl<std::string> &Out);

} // namespace dbtidy

#endif
