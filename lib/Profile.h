//===--- Profile.h - API profile data model -------------------------------===//
//
// An API profile says, as data, which library calls talk to the database and
// what kind of objects transactions, statements, result sets and locks are.
// See docs/profiles.md for the YAML schema.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_PROFILE_H
#define DBTIDY_LIB_PROFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbtidy {

enum class CallKind {
  Query,
  FetchById,
  Insert,
  Update,
  Delete,
  Save,
  Execute,
  ExecutePrepared,
  Step,
  Prepare,
  CursorNext,
  LazyLoad,
  TransactionBegin,
  TransactionCommit,
  TransactionRollback,
  RowLock,
  Lock,
  Unlock,
  TryLock,
  HookRegister,
  EagerLoad,
  /// Reads a relation that the query producing the object must have
  /// eager-loaded (TinyORM getRelation); no round trip, but it fails when the
  /// relation was not loaded.
  EagerRead,
  /// Reads one column of a row already fetched (no round trip).
  Column,
  /// Runs its callable argument inside a transaction (begin, call, commit).
  TransactionScope,
  /// Declares the schema in C++ (an ORM's column mapping or constraint).
  Schema,
};

enum class TypeRole {
  Transaction,
  Statement,
  ResultSet,
  Connection,
  LockGuard,
  LazyPointer,
  EntityBase,
  Autocommit,
  /// A statement object that writes rows (sqlpp11's prepared_insert_t).
  WriteStatement,
  /// Transactions on this connection are serializable (SQLite): a
  /// read-modify-write inside one fails instead of losing an update.
  Serializable,
  /// Objects reached through this type are written with an optimistic
  /// version check (Wt::Dbo's version column).
  Versioned,
};

enum class RoundTripAt { Call, FullExpressionEnd, Construction };

llvm::StringRef callKindName(CallKind Kind);
std::optional<CallKind> parseCallKind(llvm::StringRef Name);
llvm::StringRef typeRoleName(TypeRole Role);
std::optional<TypeRole> parseTypeRole(llvm::StringRef Name);

/// Whether a call of this kind sends something to the database server.
bool isRoundTrip(CallKind Kind);
/// Whether a call of this kind writes rows.
bool isWrite(CallKind Kind);

struct SourcePosition {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

struct CallRule {
  /// Qualified function name, or class name for constructor rules; may hold
  /// '*' wildcards.
  std::string Pattern;
  bool IsConstructor = false;
  /// Leading parameter types; unset means "any signature".
  std::optional<std::vector<std::string>> Params;
  unsigned MinArgs = 0;
  CallKind Kind = CallKind::Query;
  std::optional<unsigned> SqlArg;
  /// For lazy-load and eager-load: the argument naming the relation.
  std::optional<unsigned> RelationArg;
  /// For lazy-load: how to load the relation with the query instead, shown
  /// in the note ("{relation}" is replaced by the relation's name).
  std::string EagerHint;
  /// For eager-load: a call of this function with no written arguments that
  /// produces the same rows can be rewritten as Rewrite, a template where
  /// {class} is the called class and {relation} the relation's name.
  std::string Replaces;
  std::string Rewrite;
  std::string Entity;
  RoundTripAt At = RoundTripAt::Call;
  std::optional<unsigned> MutexArg;
  /// `mutex-arg: all`: every argument is a mutex, acquired together
  /// deadlock-free (std::lock).
  bool AllMutexArgs = false;
  bool Shared = false;
  /// How values move between C++ and SQL (db-read-modify-write,
  /// db-check-then-insert, db-save-in-hook); see docs/profiles.md.
  std::optional<unsigned> ColumnArg;      ///< column: the column (index/name)
  std::optional<unsigned> RowArg;         ///< column: the row (default object)
  std::optional<unsigned> ReturnsColumn;  ///< returns this column of row 0
  std::optional<unsigned> ValueArg;       ///< binds this argument's value ...
  std::optional<unsigned> ParamArg;       ///< ... to this parameter (or next)
  unsigned ParamBase = 1;                 ///< numbering of param-arg indexes
  std::optional<unsigned> IntoArg;        ///< receives the next result column
  std::optional<unsigned> ParamsFromArg;  ///< args from here are $1, $2, ...
  std::optional<unsigned> ParamsArrayArg; ///< an array of parameter values
  std::optional<unsigned> CallbackArg;    ///< the callable argument
  std::string Event;                      ///< hook-register: the event
  bool Upsert = false;                    ///< insert that handles conflicts
  bool LocksRows = false;                 ///< the query it builds locks rows
  std::string Constraint;                 ///< schema: primary-key or unique
  std::string AtomicRewrite;              ///< update/save: atomic increment
  std::string ProfileName;
  SourcePosition Origin;
};

/// A persistence hook: functions the ORM calls around a save (`hooks:`).
struct HookRule {
  /// Exactly one is set: a method name (glob, any class) or a qualified
  /// function pattern (overrides included).
  std::string Method;
  std::string Function;
  std::optional<std::vector<std::string>> Params;
  /// after-insert, after-update, after-delete, before-..., or any.
  std::string Event;
  std::string ProfileName;
  SourcePosition Origin;
};

struct TypeRule {
  std::string Name;
  TypeRole Role = TypeRole::Connection;
  std::optional<unsigned> MutexArg;
  /// `mutex-arg: all`: the guard takes every constructor argument that is not
  /// a lock tag, deadlock-free (std::scoped_lock).
  bool AllMutexArgs = false;
  bool Shared = false;
  /// versioned: the traits function naming an entity's version column; a
  /// specialisation returning null switches the version check off.
  std::string VersionTrait;
  std::string ProfileName;
  SourcePosition Origin;
};

struct Profile {
  std::string Name;
  std::string Description;
  std::string SourceFile;
  std::vector<CallRule> Calls;
  std::vector<TypeRule> Types;
  std::vector<HookRule> Hooks;
  /// SQL schema/migration files whose UNIQUE constraints and primary keys
  /// db-check-then-insert knows (as written, relative to SourceFile).
  std::vector<std::string> SchemaFiles;
  std::vector<SourcePosition> SchemaFilePositions;
  /// Declared lock orders (`lock-order:`): each chain lists locks (mutexes
  /// by qualified name, `rows:<table>` for row locks) in the order they must
  /// be acquired. Used by db-lock-order.
  std::vector<std::vector<std::string>> LockOrders;
  std::vector<SourcePosition> LockOrderPositions;
  /// Only meaningful in a .dbtidy.yaml: other profile files to read (as
  /// written, relative to SourceFile) and built-in profiles to switch off.
  std::vector<std::string> Includes;
  std::vector<SourcePosition> IncludePositions;
  std::vector<std::string> DisabledBuiltins;
};

struct ProfileError {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
  /// "file:line:col: error: message", as compilers print it.
  std::string format() const;
};

/// Parses one YAML profile document. On failure returns std::nullopt and
/// fills Error with the position of the offending node.
std::optional<Profile> parseProfile(llvm::StringRef Text,
                                    llvm::StringRef FileName,
                                    ProfileError &Error);

/// The profiles that apply to one source file, in priority order, indexed for
/// fast lookup by the last component of a callee's name.
class ProfileSet {
public:
  void add(std::shared_ptr<const Profile> P);

  /// Rules whose pattern's last name component is Name or contains a
  /// wildcard, in priority order.
  void candidateRules(llvm::StringRef LastName, bool Constructor,
                      llvm::SmallVectorImpl<const CallRule *> &Out) const;
  llvm::ArrayRef<const TypeRule *> typeRules() const { return Types; }
  /// The highest-priority rule giving the class QualifiedName the role Role.
  const TypeRule *findType(llvm::StringRef QualifiedName, TypeRole Role) const;
  llvm::ArrayRef<std::shared_ptr<const Profile>> profiles() const {
    return Profiles;
  }

private:
  std::vector<std::shared_ptr<const Profile>> Profiles;
  llvm::StringMap<std::vector<const CallRule *>> ByLastName;
  llvm::StringMap<std::vector<const CallRule *>> CtorByLastName;
  std::vector<const CallRule *> Wildcards;
  std::vector<const TypeRule *> Types;
  llvm::StringMap<std::vector<const TypeRule *>> TypeByName;
};

/// The part of a qualified name after the last "::".
llvm::StringRef lastNameComponent(llvm::StringRef QualifiedName);

} // namespace dbtidy

#endif
