//===--- RaceAnalysis.h - Lost updates, check-then-insert, hooks -*- C++
//-*-===//
//
// The analyses behind db-read-modify-write, db-check-then-insert and
// db-save-in-hook, on top of ValueFlow: what was read, what is written back,
// what decides an INSERT, and which functions are persistence hooks. The
// checks only turn the results into diagnostics and fix-its.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_RACEANALYSIS_H
#define DBTIDY_LIB_RACEANALYSIS_H

#include "lib/ValueFlow.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dbtidy {

struct RaceOptions {
  /// Column / member names that hold an optimistic-locking version.
  std::vector<std::string> VersionColumns = {"version",      "row_version",
                                             "lock_version", "revision",
                                             "rowversion",   "xmin"};
};

/// `new = old + Amount` (Op '+') or `old - Amount` (Op '-'); Amount null
/// means 1 (`++x`).
struct Increment {
  char Op = '+';
  const clang::Expr *Amount = nullptr;
  /// The expression that reads the old value inside the new one.
  const clang::Expr *Old = nullptr;
  /// Found through a local variable holding `old + k`: good for messages,
  /// not for fix-its.
  bool ThroughVariable = false;
};

/// Member-to-column mappings and keys declared in C++ (profile `schema`
/// calls: sqlite_orm's make_column(..., unique()), primary_key(...)).
class OrmSchema {
public:
  void build(FlowContext &C);
  bool built() const { return Built; }
  /// The column name mapped to a member, or "".
  std::string columnOf(const clang::FieldDecl *FD) const;
  /// The single-member primary key of a class, or null.
  const clang::FieldDecl *primaryKeyOf(const clang::CXXRecordDecl *RD) const;
  /// A unique or primary key of RD made of members among Members.
  bool hasKeyWithin(const clang::CXXRecordDecl *RD,
                    const std::set<const clang::FieldDecl *> &Members,
                    bool *Primary = nullptr) const;

private:
  struct Key {
    const clang::CXXRecordDecl *Class = nullptr;
    std::set<const clang::FieldDecl *> Members;
    bool Primary = false;
  };
  bool Built = false;
  std::map<const clang::FieldDecl *, std::string> Columns;
  std::vector<Key> Keys;
};

//===--- db-read-modify-write
//------------------------------------------------===//

struct LostUpdate {
  bool Orm = false;
  /// The SELECT or ORM load, and the UPDATE or ORM store.
  const DbOp *Read = nullptr;
  const DbOp *Write = nullptr;
  /// SQL: table and column; ORM: class and field as written.
  std::string Table;
  std::string Column;
  /// Where the old value is read, and where the new value is computed (the
  /// bound argument, the field write).
  const clang::Expr *ReadAt = nullptr;
  const clang::Expr *ComputedAt = nullptr;
  /// SQL: the assignment `c = ?`, its placeholder and binding.
  const SqlAssignment *Assign = nullptr;
  SqlParam Param;
  const FlowBinding *Binding = nullptr;
  /// ORM: the field write and the object.
  const FieldWrite *Field = nullptr;
  const clang::VarDecl *Entity = nullptr;
  /// A row lock that does not protect: released by this commit before the
  /// write, or taken in autocommit mode.
  const clang::Expr *LockReleasedBy = nullptr;
  bool LockInAutocommit = false;
  /// Set when the new value is provably old +/- an amount that does not
  /// depend on the old value.
  std::optional<Increment> Inc;
  /// The old value also decides something else (a guard `if (stock < n)`):
  /// an atomic UPDATE alone would not keep that decision atomic.
  bool OldValueGuards = false;
  /// ORM: the store checks a version column (Wt::Dbo by default), so a
  /// concurrent change makes it fail instead of being lost.
  bool Versioned = false;
};

std::vector<LostUpdate> findLostUpdates(FunctionFlow &F,
                                        const RaceOptions &Options);

/// The object variable an ORM store writes (its argument or its object).
const clang::VarDecl *storeTarget(FunctionFlow &F, const DbOp &Store);

/// Whether a store of Entity's class carries an optimistic version check
/// (a version member, or a `versioned` pointer type not switched off).
bool isVersioned(FunctionFlow &F, const DbOp &Store,
                 const clang::VarDecl *Entity, const RaceOptions &Options);

/// Whether the value written by W (an expression) is old +/- amount where
/// old has the origin Old; fills Inc.
std::optional<Increment> incrementOf(FunctionFlow &F, const clang::Expr *Value,
                                     const Origin &Old);

//===--- db-check-then-insert
//--------------------------------------------------===//

struct CheckThenInsert {
  const DbOp *Check = nullptr;
  const DbOp *Insert = nullptr;
  /// The if statement whose "not found" branch holds the insert, and its
  /// condition.
  const clang::Stmt *Decision = nullptr;
  const clang::Expr *Condition = nullptr;
  /// Table (SQL) or class name (ORM).
  std::string Table;
  std::vector<std::string> Columns;
  /// A unique constraint covering the checked columns: a concurrent
  /// duplicate fails with a unique violation instead of being inserted.
  const SqlUniqueKey *Key = nullptr;
  bool BackedByOrmKey = false;
  bool BackedByPrimaryKey = false;
};

/// The unique keys of the schema files named by the profiles
/// (`schema-files:`, relative to each profile) and by Extra (relative to the
/// working directory). Files are read once per process. Unreadable files
/// are appended to Errors.
std::shared_ptr<const SqlSchema> loadSchemas(const ProfileSet &Profiles,
                                             llvm::ArrayRef<std::string> Extra,
                                             std::vector<std::string> &Errors);

std::vector<CheckThenInsert> findCheckThenInserts(FunctionFlow &F,
                                                  const SqlSchema &Schema,
                                                  const OrmSchema &Orm);

//===--- db-save-in-hook
//---------------------------------------------------------===//

struct HookFunction {
  const clang::Stmt *Body = nullptr;
  const clang::Decl *Owner = nullptr;
  /// after-insert, after-update, ..., any.
  std::string Event;
  /// How the hook is known, for messages: "ODB callback 'touch'".
  std::string Description;
  /// The class the hook runs for.
  clang::QualType Entity;
  /// For registered callbacks: the registration call.
  const clang::Expr *Registration = nullptr;
};

/// Whether FD is a hook by a `hooks:` profile entry.
std::optional<HookFunction> hookByProfile(const clang::FunctionDecl *FD,
                                          const ProfileSet &Profiles,
                                          const clang::ASTContext &Ctx);

/// The callbacks a `hook-register` call registers (lambdas, functions).
std::vector<HookFunction> hooksRegisteredBy(const clang::Expr *Call,
                                            const Classification &C,
                                            clang::ASTContext &Ctx);

struct HookWrite {
  enum class Kind {
    SaveOther, ///< a full save/update of another object
    Delete,    ///< a delete of a (related) object
    Recount,   ///< a counter recomputed with a count query and saved
    Increment, ///< a counter loaded, changed in C++ and saved
  };
  Kind K = Kind::SaveOther;
  const DbOp *Op = nullptr;
  /// ORM: the object written, its load, and the counter field write.
  const clang::VarDecl *Target = nullptr;
  const DbOp *Load = nullptr;
  const FieldWrite *Field = nullptr;
  /// Recount: the count query.
  const DbOp *Count = nullptr;
  /// SQL: the assignment and its binding.
  const SqlAssignment *Assign = nullptr;
  SqlParam Param;
  const FlowBinding *Binding = nullptr;
  std::optional<Increment> Inc;
};

std::vector<HookWrite> analyzeHook(FunctionFlow &F, const HookFunction &H,
                                   const RaceOptions &Options);

/// Whether Op is a count query (SELECT count(*), or an ORM read returning a
/// number).
bool isCountQuery(const DbOp &Op);

/// Two values that denote the same row key: equal literals, the same
/// variable, or the same source text.
bool sameKeyValue(const clang::ASTContext &Ctx, const clang::Expr *A,
                  const clang::Expr *B);

} // namespace dbtidy

#endif
