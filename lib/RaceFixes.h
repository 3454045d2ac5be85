//===--- RaceFixes.h - Atomic-update fix-its --------------------*- C++ -*-===//
//
// Fix-its that replace a read-modify-write (or a recount) by an atomic
// increment in the database: `SET c = c + ?` in the SQL text, or the store
// rule's `atomic-rewrite` form from the profile for ORM objects. Each
// builder returns no hints unless the rewrite is provably equivalent apart
// from the race (the fixed file is compiled by the test runner). A builder
// that would have to edit inside a macro expansion returns no hints and sets
// *TouchesMacro (see lib/FixItSafety.h).
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_RACEFIXES_H
#define DBTIDY_LIB_RACEFIXES_H

#include "lib/RaceAnalysis.h"

#include "clang/Basic/Diagnostic.h"

#include <string>
#include <vector>

namespace dbtidy {

/// `UPDATE t SET c = $1` bound to `old + k` becomes `SET c = c + $1` bound
/// to `k`.
std::vector<clang::FixItHint> sqlIncrementFix(FunctionFlow &F, const DbOp &W,
                                              const SqlAssignment &A,
                                              const SqlParam &P,
                                              const clang::Expr *Value,
                                              const Increment &Inc,
                                              bool *TouchesMacro = nullptr);

/// `auto o = load(id); o.f += k; store(o);` becomes `store's atomic form`
/// (the profile's `atomic-rewrite`), the field write removed. Amount is the
/// amount's text ("1" for ++).
std::vector<clang::FixItHint>
ormIncrementFix(FunctionFlow &F, const OrmSchema &Schema, const DbOp &Load,
                const DbOp &Store, const FieldWrite &W, char Op,
                const std::string &Amount, bool *TouchesMacro = nullptr);

/// In a hook for an insert (+1) or delete (-1) of a child: `UPDATE parent
/// SET n = $1` bound to a `SELECT count(*)` becomes `SET n = n + 1`, the
/// parameter and, when it is only used there, the count query removed.
std::vector<clang::FixItHint> sqlRecountFix(FunctionFlow &F, const DbOp &W,
                                            const SqlAssignment &A,
                                            const SqlParam &P,
                                            const FlowBinding &B,
                                            const DbOp &Count, char Op,
                                            bool *TouchesMacro = nullptr);

/// In a hook for an insert (+1) or delete (-1) of a Child: `p = load(id);
/// p.n = count<Child>(where(c(&Child::parent) == id)); store(p);` becomes
/// the store's atomic form with amount 1 (ORM).
std::vector<clang::FixItHint>
ormRecountFix(FunctionFlow &F, const OrmSchema &Schema, clang::QualType Hooked,
              const DbOp &Load, const DbOp &Store, const FieldWrite &W,
              const DbOp &Count, char Op, bool *TouchesMacro = nullptr);

/// The profile's atomic form for a store, rendered for messages with
/// placeholders left generic ("storage.update_all(set(c(&Post::views) =
/// ...)"); empty when the store rule has none.
std::string atomicFormHint(FunctionFlow &F, const OrmSchema &Schema,
                           const DbOp &Store, const std::string &Class,
                           const std::string &Field);

/// The text of E as written, or "".
std::string exprText(FunctionFlow &F, const clang::Expr *E);

} // namespace dbtidy

#endif
