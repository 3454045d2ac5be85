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
  std::string Entity;
  RoundTripAt At = RoundTripAt::Call;
  std::optional<unsigned> MutexArg;
  bool Shared = false;
  std::string ProfileName;
  SourcePosition Origin;
};

struct TypeRule {
  std::string Name;
  TypeRole Role = TypeRole::Connection;
  std::optional<unsigned> MutexArg;
  bool Shared = false;
  std::string ProfileName;
  SourcePosition Origin;
};

struct Profile {
  std::string Name;
  std::string Description;
  std::string SourceFile;
  std::vector<CallRule> Calls;
  std::vector<TypeRule> Types;
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
