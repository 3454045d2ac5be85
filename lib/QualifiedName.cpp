#include "lib/QualifiedName.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
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

/// Splits "a::b<c::d>::e" at the "::" that separate scopes.
static llvm::SmallVector<llvm::StringRef, 6>
nameComponents(llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 6> Out;
  size_t Start = 0;
  int AngleDepth = 0;
  for (size_t I = 0; I + 1 < Name.size(); ++I) {
    if (Name[I] == '<')
      ++AngleDepth;
    else if (Name[I] == '>' && AngleDepth > 0)
      --AngleDepth;
    else if (AngleDepth == 0 && Name[I] == ':' && Name[I + 1] == ':') {
      Out.push_back(Name.slice(Start, I));
      Start = I + 2;
      ++I;
    }
  }
  Out.push_back(Name.substr(Start));
  return Out;
}

bool matchesNamePattern(llvm::StringRef Pattern, llvm::StringRef Name) {
  if (!Pattern.contains('*') || Pattern.ends_with("::operator*"))
    return Pattern == Name;
  auto Want = nameComponents(Pattern);
  auto Have = nameComponents(Name);
  if (Want.size() != Have.size())
    return false;
  for (size_t I = 0; I < Want.size(); ++I) {
    // The dereference and multiply operators are names, not wildcards.
    if (Want[I] == "operator*" || Want[I] == "operator*=") {
      if (Want[I] != Have[I])
        return false;
      continue;
    }
    if (!matchesGlob(Want[I], Have[I]))
      return false;
  }
  return true;
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

/// The qualified names of the typedefs and aliases Type is spelled through,
/// outermost first: `string` written inside namespace std is std::string.
static void aliasSpellings(QualType Type, const ASTContext &Ctx,
                           llvm::SmallVectorImpl<std::string> &Out) {
  Type = Type.getNonReferenceType();
  std::string PointerSuffix;
  if (const auto *PT = dyn_cast<PointerType>(Type.getTypePtr())) {
    Type = PT->getPointeeType();
    PointerSuffix = "*";
  }
  for (unsigned Depth = 0; Depth < 16; ++Depth) {
    const clang::Type *T = Type.getTypePtr();
    if (const auto *TT = dyn_cast<TypedefType>(T))
      Out.push_back(profileName(TT->getDecl()) + PointerSuffix);
    else if (!isa<ElaboratedType>(T) && !isa<UsingType>(T))
      return;
    QualType Next = Type.getSingleStepDesugaredType(Ctx);
    if (Next == Type)
      return;
    Type = Next;
  }
}

bool typeMatches(llvm::StringRef Pattern, QualType Type,
                 const ASTContext &Ctx) {
  std::string Want = withoutSpaces(Pattern);
  if (Want == "*")
    return true;
  if (Want.rfind("const", 0) == 0)
    Want = Want.substr(5);
  if (Want == sugaredSpelling(Type, Ctx) || Want == canonicalSpelling(Type))
    return true;
  llvm::SmallVector<std::string, 4> Aliases;
  aliasSpellings(Type, Ctx, Aliases);
  return llvm::is_contained(Aliases, Want);
}

const CXXRecordDecl *classInside(QualType T) {
  for (unsigned Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    T = T.getNonReferenceType();
    if (const auto *PT = T->getAs<PointerType>()) {
      T = PT->getPointeeType();
      continue;
    }
    const auto *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return nullptr;
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (!Spec)
      return RD;
    QualType Inner;
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type) {
        Inner = A.getAsType();
        break;
      }
    if (Inner.isNull())
      return RD;
    T = Inner;
  }
  return nullptr;
}

bool anyClassInHierarchy(QualType Type,
                         llvm::function_ref<bool(const RecordDecl *)> F) {
  Type = Type.getNonReferenceType();
  if (const auto *PT = Type->getAs<PointerType>())
    Type = PT->getPointeeType();
  // C structs too: sqlite3_stmt, PGconn.
  const RecordDecl *Record = Type->getAsRecordDecl();
  if (!Record)
    return false;
  if (F(Record))
    return true;
  const auto *RD = dyn_cast<CXXRecordDecl>(Record);
  if (!RD || !RD->hasDefinition())
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
