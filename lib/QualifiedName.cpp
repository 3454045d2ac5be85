#include "lib/QualifiedName.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/PrettyPrinter.h"

namespace dbtidy {

using namespace clang;

std::string profileName(const NamedDecl *D) {
  llvm::SmallVector<std::string, 6> Parts;
  Parts.push_back(D->getNameAsString());
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getNameAsString());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Parts.push_back(RD->getNameAsString());
    } else if (isa<TranslationUnitDecl>(DC) || isa<LinkageSpecDecl>(DC)) {
      continue;
    } else if (isa<FunctionDecl>(DC)) {
      // Local classes: the function's own scope is not part of the name a
      // profile can spell, so stop here.
      break;
    }
  }
  std::string Out;
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    if (!Out.empty())
      Out += "::";
    Out += *It;
  }
  return Out;
}

bool matchesGlob(llvm::StringRef Pattern, llvm::StringRef Name) {
  size_t Star = Pattern.find('*');
  if (Star == llvm::StringRef::npos)
    return Pattern == Name;
  llvm::StringRef Head = Pattern.substr(0, Star);
  if (!Name.starts_with(Head))
    return false;
  llvm::StringRef RestPattern = Pattern.substr(Star + 1);
  llvm::StringRef RestName = Name.substr(Head.size());
  for (size_t I = 0; I <= RestName.size(); ++I)
    if (matchesGlob(RestPattern, RestName.substr(I)))
      return true;
  return false;
}

static std::string withoutSpaces(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    if (C != ' ')
      Out += C;
  return Out;
}

static std::string canonicalSpelling(QualType T) {
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (const auto *PT = T->getAs<PointerType>())
    return canonicalSpelling(PT->getPointeeType()) + "*";
  if (const auto *RD = T->getAsRecordDecl())
    return profileName(RD);
  PrintingPolicy Policy{LangOptions()};
  return withoutSpaces(T.getAsString(Policy));
}

static std::string sugaredSpelling(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType();
  T = T.getLocalUnqualifiedType();
  if (const auto *PT = dyn_cast<PointerType>(T.getTypePtr()))
    return sugaredSpelling(PT->getPointeeType(), Ctx) + "*";
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.SuppressScope = false;
  std::string S = T.getAsString(Policy);
  // Drop leading qualifiers that getLocalUnqualifiedType keeps in sugar.
  for (llvm::StringRef Q : {"const ", "volatile "})
    while (llvm::StringRef(S).starts_with(Q))
      S = S.substr(Q.size());
  return withoutSpaces(S);
}

bool typeMatches(llvm::StringRef Pattern, QualType Type,
                 const ASTContext &Ctx) {
  std::string Want = withoutSpaces(Pattern);
  if (Want == "*")
    return true;
  if (Want.rfind("const", 0) == 0)
    Want = Want.substr(5);
  return Want == sugaredSpelling(Type, Ctx) || Want == canonicalSpelling(Type);
}

bool anyClassInHierarchy(QualType Type,
                         llvm::function_ref<bool(const CXXRecordDecl *)> F) {
  Type = Type.getNonReferenceType();
  if (const auto *PT = Type->getAs<PointerType>())
    Type = PT->getPointeeType();
  const CXXRecordDecl *RD = Type->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (F(RD))
    return true;
  if (!RD->hasDefinition())
    return false;
  bool Found = false;
  RD->forallBases([&](const CXXRecordDecl *Base) {
    if (!Found && F(Base))
      Found = true;
    return !Found;
  });
  return Found;
}

} // namespace dbtidy
