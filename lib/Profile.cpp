#include "lib/Profile.h"

#include <algorithm>

namespace dbtidy {

namespace {
struct KindName {
  CallKind Kind;
  const char *Name;
};
constexpr KindName KindNames[] = {
    {CallKind::Query, "query"},
    {CallKind::FetchById, "fetch-by-id"},
    {CallKind::Insert, "insert"},
    {CallKind::Update, "update"},
    {CallKind::Delete, "delete"},
    {CallKind::Save, "save"},
    {CallKind::Execute, "execute"},
    {CallKind::ExecutePrepared, "execute-prepared"},
    {CallKind::Step, "step"},
    {CallKind::Prepare, "prepare"},
    {CallKind::CursorNext, "cursor-next"},
    {CallKind::LazyLoad, "lazy-load"},
    {CallKind::TransactionBegin, "transaction-begin"},
    {CallKind::TransactionCommit, "transaction-commit"},
    {CallKind::TransactionRollback, "transaction-rollback"},
    {CallKind::RowLock, "row-lock"},
    {CallKind::Lock, "lock"},
    {CallKind::Unlock, "unlock"},
    {CallKind::TryLock, "try-lock"},
    {CallKind::HookRegister, "hook-register"},
    {CallKind::EagerLoad, "eager-load"},
    {CallKind::EagerRead, "eager-read"},
    {CallKind::Column, "column"},
    {CallKind::TransactionScope, "transaction-scope"},
    {CallKind::Schema, "schema"},
};

struct RoleName {
  TypeRole Role;
  const char *Name;
};
constexpr RoleName RoleNames[] = {
    {TypeRole::Transaction, "transaction"},
    {TypeRole::Statement, "statement"},
    {TypeRole::ResultSet, "result-set"},
    {TypeRole::Connection, "connection"},
    {TypeRole::LockGuard, "lock-guard"},
    {TypeRole::LazyPointer, "lazy-pointer"},
    {TypeRole::EntityBase, "entity-base"},
    {TypeRole::Autocommit, "autocommit"},
    {TypeRole::WriteStatement, "write-statement"},
    {TypeRole::Serializable, "serializable"},
    {TypeRole::Versioned, "versioned"},
};
} // namespace

llvm::StringRef callKindName(CallKind Kind) {
  for (const KindName &K : KindNames)
    if (K.Kind == Kind)
      return K.Name;
  return "unknown";
}

std::optional<CallKind> parseCallKind(llvm::StringRef Name) {
  for (const KindName &K : KindNames)
    if (Name == K.Name)
      return K.Kind;
  return std::nullopt;
}

llvm::StringRef typeRoleName(TypeRole Role) {
  for (const RoleName &R : RoleNames)
    if (R.Role == Role)
      return R.Name;
  return "unknown";
}

std::optional<TypeRole> parseTypeRole(llvm::StringRef Name) {
  for (const RoleName &R : RoleNames)
    if (Name == R.Name)
      return R.Role;
  return std::nullopt;
}

bool isRoundTrip(CallKind Kind) {
  switch (Kind) {
  case CallKind::Prepare:
  case CallKind::CursorNext:
  case CallKind::Lock:
  case CallKind::Unlock:
  case CallKind::TryLock:
  case CallKind::HookRegister:
  case CallKind::EagerLoad:
  case CallKind::EagerRead:
  case CallKind::Column:
  case CallKind::Schema:
    return false;
  default:
    return true;
  }
}

bool isWrite(CallKind Kind) {
  return Kind == CallKind::Insert || Kind == CallKind::Update ||
         Kind == CallKind::Delete || Kind == CallKind::Save;
}

std::string ProfileError::format() const {
  std::string Out = File;
  if (Line) {
    Out += ":" + std::to_string(Line);
    if (Column)
      Out += ":" + std::to_string(Column);
  }
  Out += ": error: " + Message;
  return Out;
}

llvm::StringRef lastNameComponent(llvm::StringRef QualifiedName) {
  // "operator<<" and friends contain no "::", so the last "::" always
  // separates scope from name.
  size_t Pos = QualifiedName.rfind("::");
  return Pos == llvm::StringRef::npos ? QualifiedName
                                      : QualifiedName.substr(Pos + 2);
}

void ProfileSet::add(std::shared_ptr<const Profile> P) {
  for (const CallRule &Rule : P->Calls) {
    llvm::StringRef Last = lastNameComponent(Rule.Pattern);
    if (Last.contains('*'))
      Wildcards.push_back(&Rule);
    else if (Rule.IsConstructor)
      CtorByLastName[Last].push_back(&Rule);
    else
      ByLastName[Last].push_back(&Rule);
  }
  for (const TypeRule &Rule : P->Types) {
    Types.push_back(&Rule);
    TypeByName[Rule.Name].push_back(&Rule);
  }
  Profiles.push_back(std::move(P));
}

void ProfileSet::candidateRules(
    llvm::StringRef LastName, bool Constructor,
    llvm::SmallVectorImpl<const CallRule *> &Out) const {
  const auto &Index = Constructor ? CtorByLastName : ByLastName;
  auto It = Index.find(LastName);
  if (It != Index.end())
    Out.append(It->second.begin(), It->second.end());
  for (const CallRule *Rule : Wildcards)
    if (Rule->IsConstructor == Constructor)
      Out.push_back(Rule);
  // Keep priority order: rules were added profile by profile, and the
  // pointers into each profile's vector are increasing within a profile,
  // but wildcard rules must interleave by profile order.
  if (!Wildcards.empty()) {
    auto Rank = [this](const CallRule *R) {
      for (size_t I = 0; I < Profiles.size(); ++I) {
        const auto &Calls = Profiles[I]->Calls;
        if (!Calls.empty() && R >= &Calls.front() && R <= &Calls.back())
          return std::make_pair(I, static_cast<size_t>(R - &Calls.front()));
      }
      return std::make_pair(Profiles.size(), size_t{0});
    };
    std::stable_sort(Out.begin(), Out.end(),
                     [&](const CallRule *A, const CallRule *B) {
                       return Rank(A) < Rank(B);
                     });
  }
}

const TypeRule *ProfileSet::findType(llvm::StringRef QualifiedName,
                                     TypeRole Role) const {
  auto It = TypeByName.find(QualifiedName);
  if (It == TypeByName.end())
    return nullptr;
  for (const TypeRule *Rule : It->second)
    if (Rule->Role == Role)
      return Rule;
  return nullptr;
}

} // namespace dbtidy
