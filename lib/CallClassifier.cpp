#include "lib/CallClassifier.h"

#include "lib/QualifiedName.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

namespace dbtidy {

using namespace clang;

std::optional<CallSite> CallSite::from(const Expr *E) {
  CallSite Site;
  Site.Call = E;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    Site.Callee = Construct->getConstructor();
    Site.IsConstruction = true;
    for (const Expr *Arg : Construct->arguments()) {
      // Default arguments were not written by the caller: `QSqlQuery q;`
      // passes no SQL.
      if (isa<CXXDefaultArgExpr>(Arg))
        break;
      Site.Args.push_back(Arg);
    }
    return Site;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  Site.Callee = Call->getDirectCallee();
  if (!Site.Callee)
    return std::nullopt;
  unsigned FirstArg = 0;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    // Through derived-to-base conversions: the object's own type says what
    // it is (a pqxx::nontransaction, not its transaction_base).
    Site.Object = Member->getImplicitObjectArgument()->IgnoreParenImpCasts();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (isa<CXXMethodDecl>(Site.Callee) && Op->getNumArgs() > 0) {
      Site.Object = Op->getArg(0)->IgnoreParenImpCasts();
      FirstArg = 1;
    }
  }
  for (unsigned I = FirstArg; I < Call->getNumArgs(); ++I) {
    if (isa<CXXDefaultArgExpr>(Call->getArg(I)))
      break;
    Site.Args.push_back(Call->getArg(I));
  }
  return Site;
}

bool Classification::isWrite() const {
  if (dbtidy::isWrite(Kind))
    return true;
  return Sql && isSqlWrite(Sql->Kind);
}

CallClassifier::CallClassifier(std::shared_ptr<const ProfileSet> Profiles)
    : Profiles(std::move(Profiles)) {}

static bool nameMatches(const CallRule &Rule, const FunctionDecl *Callee) {
  if (Rule.IsConstructor) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee);
    if (!Ctor)
      return false;
    return anyClassInHierarchy(QualType(Ctor->getParent()->getTypeForDecl(), 0),
                               [&](const RecordDecl *RD) {
                                 return matchesNamePattern(Rule.Pattern,
                                                           profileName(RD));
                               });
  }
  if (matchesNamePattern(Rule.Pattern, profileName(Callee)))
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
    for (const CXXMethodDecl *Overridden : Method->overridden_methods())
      if (nameMatches(Rule, Overridden))
        return true;
  }
  return false;
}

bool CallClassifier::ruleMatches(const CallRule &Rule, const CallSite &Site,
                                 const ASTContext &Ctx) const {
  if (Site.Args.size() < Rule.MinArgs)
    return false;
  if (Rule.Params) {
    const auto &Params = *Rule.Params;
    if (Params.empty()) {
      if (Site.Callee->getNumParams() != 0)
        return false;
    } else {
      if (Site.Callee->getNumParams() < Params.size())
        return false;
      for (size_t I = 0; I < Params.size(); ++I)
        if (!typeMatches(Params[I], Site.Callee->getParamDecl(I)->getType(),
                         Ctx))
          return false;
    }
  }
  return nameMatches(Rule, Site.Callee);
}

std::optional<Classification>
CallClassifier::classify(const CallSite &Site, const ASTContext &Ctx) const {
  if (!Site.Callee)
    return std::nullopt;
  llvm::SmallVector<const CallRule *, 8> Candidates;
  if (Site.IsConstruction) {
    // Constructor rules name a class, possibly a base of the constructed one.
    const auto *Ctor = cast<CXXConstructorDecl>(Site.Callee);
    anyClassInHierarchy(QualType(Ctor->getParent()->getTypeForDecl(), 0),
                        [&](const RecordDecl *RD) {
                          if (RD->getIdentifier())
                            Profiles->candidateRules(RD->getName(), true,
                                                     Candidates);
                          return false;
                        });
  } else {
    std::string Name = Site.Callee->getNameAsString();
    Profiles->candidateRules(Name, false, Candidates);
  }
  for (const CallRule *Rule : Candidates) {
    if (!ruleMatches(*Rule, Site, Ctx))
      continue;
    Classification C;
    C.Rule = Rule;
    C.Kind = Rule->Kind;
    if (Rule->SqlArg && *Rule->SqlArg < Site.Args.size()) {
      C.SqlArg = Site.Args[*Rule->SqlArg];
      if (std::optional<std::string> Text = sqlTextOf(C.SqlArg))
        C.Sql = analyzeSql(*Text);
    }
    return C;
  }
  return std::nullopt;
}

std::optional<Classification>
CallClassifier::classify(const Expr *E, const ASTContext &Ctx) const {
  std::optional<CallSite> Site = CallSite::from(E);
  if (!Site)
    return std::nullopt;
  return classify(*Site, Ctx);
}

const TypeRule *CallClassifier::roleOf(QualType Type, TypeRole Role) const {
  // A handle that commits statement by statement is no transaction, even
  // when it derives from the library's transaction base class.
  if (Role == TypeRole::Transaction && roleOf(Type, TypeRole::Autocommit))
    return nullptr;
  const TypeRule *Found = nullptr;
  // A statement template is a write when one of its policies is:
  // sqlpp::statement_t<void, sqlpp::update_t, ...>.
  if (Role == TypeRole::WriteStatement)
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Type.getNonReferenceType()->getAsCXXRecordDecl()))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type)
          if (const auto *ArgRecord = Arg.getAsType()->getAsRecordDecl())
            if (const TypeRule *Policy =
                    Profiles->findType(profileName(ArgRecord), Role))
              return Policy;
  anyClassInHierarchy(Type, [&](const RecordDecl *RD) {
    Found = Profiles->findType(profileName(RD), Role);
    return Found != nullptr;
  });
  return Found;
}

} // namespace dbtidy
