#include "lib/LazyRelations.h"

#include "clang/AST/RecursiveASTVisitor.h"

namespace dbtidy {

using namespace clang;

void literalStrings(const Expr *E, llvm::SmallVectorImpl<std::string> &Out) {
  if (!E)
    return;
  E = E->IgnoreImplicit();
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : List->inits())
      literalStrings(Init, Out);
    return;
  }
  if (const auto *Std = dyn_cast<CXXStdInitializerListExpr>(E)) {
    literalStrings(Std->getSubExpr(), Out);
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    // QList<QString>{"a", "b"}, QString("a"), WithItem{"a"}.
    for (const Expr *Arg : Construct->arguments())
      literalStrings(Arg, Out);
    return;
  }
  if (std::optional<std::string> Text = sqlTextOf(E))
    Out.push_back(*Text);
}

std::optional<RelationAccess> relationLoadedBy(const CallSite &Site,
                                               const Classification &C) {
  if ((C.Kind != CallKind::LazyLoad && C.Kind != CallKind::EagerRead) ||
      !C.Rule)
    return std::nullopt;
  RelationAccess Access;
  if (C.Rule->RelationArg) {
    if (*C.Rule->RelationArg >= Site.Args.size())
      return std::nullopt;
    llvm::SmallVector<std::string, 2> Names;
    literalStrings(Site.Args[*C.Rule->RelationArg], Names);
    if (Names.size() != 1)
      return std::nullopt;
    Access.Name = Names.front();
    Access.Owner = Site.Object;
    Access.Where = Site.Call->getExprLoc();
    return Access;
  }
  const Expr *Receiver = Site.Object ? Site.Object->IgnoreImplicit() : nullptr;
  const auto *Member = dyn_cast_or_null<MemberExpr>(Receiver);
  if (Member && isa<FieldDecl>(Member->getMemberDecl())) {
    Access.Name = Member->getMemberDecl()->getNameAsString();
    Access.Owner = Member->getBase();
    Access.Where = Member->getMemberLoc();
    return Access;
  }
  // An accessor returning the relation: `o.buyer().load()`.
  if (const auto *Accessor = dyn_cast_or_null<CXXMemberCallExpr>(Receiver))
    if (Accessor->getMethodDecl() && Accessor->getMethodDecl()->getIdentifier()) {
      Access.Name = Accessor->getMethodDecl()->getName().str();
      Access.Owner = Accessor->getImplicitObjectArgument();
      Access.Where = Accessor->getExprLoc();
      return Access;
    }
  // A named load call (ODB's lazy_ptr::load()) on a variable: it loads, but
  // whether per element depends on where the variable comes from.
  if (!Site.Callee->isOverloadedOperator() && Receiver) {
    if (const VarDecl *Var = rootVariable(Receiver)) {
      // `order.customer()` names the relation; `author.load()` (a lazy
      // pointer held in a variable) does not.
      llvm::StringRef Callee =
          Site.Callee->getIdentifier() ? Site.Callee->getName() : "";
      Access.Name = Callee.empty() || Callee == "load" || Callee == "get"
                        ? Var->getNameAsString()
                        : Callee.str();
      Access.Owner = Receiver;
      Access.Where = Site.Call->getExprLoc();
      return Access;
    }
  }
  return std::nullopt;
}

const VarDecl *rootVariable(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 32; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      E = Member->getBase();
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() > 0) {
        E = Op->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      // it->get(), opt.value(): the object still comes from the same root.
      E = Member->getImplicitObjectArgument();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool eagerLoads(const Expr *Producer, llvm::StringRef Relation,
                const CallClassifier &Classifier, ASTContext &Ctx) {
  if (!Producer)
    return false;
  struct Finder : RecursiveASTVisitor<Finder> {
    const CallClassifier &C;
    ASTContext &Ctx;
    llvm::StringRef Relation;
    bool Found = false;
    Finder(const CallClassifier &C, ASTContext &Ctx, llvm::StringRef R)
        : C(C), Ctx(Ctx), Relation(R) {}
    bool VisitCallExpr(CallExpr *E) {
      auto Site = CallSite::from(E);
      if (!Site)
        return true;
      auto Class = C.classify(*Site, Ctx);
      if (!Class || Class->Kind != CallKind::EagerLoad || !Class->Rule ||
          !Class->Rule->RelationArg ||
          *Class->Rule->RelationArg >= Site->Args.size())
        return true;
      llvm::SmallVector<std::string, 4> Names;
      literalStrings(Site->Args[*Class->Rule->RelationArg], Names);
      for (const std::string &Name : Names)
        // "author" is loaded by with("author") and with("author.country").
        if (Name == Relation ||
            llvm::StringRef(Name).starts_with((Relation + ".").str()) ||
            llvm::StringRef(Name).starts_with((Relation + ":").str()))
          Found = true;
      return !Found;
    }
  };
  Finder F(Classifier, Ctx, Relation);
  F.TraverseStmt(const_cast<Expr *>(Producer));
  if (F.Found)
    return true;
  // The loop iterates a variable: look at what initialised it.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Producer->IgnoreParenImpCasts()))
    if (const auto *Var = dyn_cast<VarDecl>(DRE->getDecl()))
      if (Var->getInit() && Var->getInit() != Producer)
        return eagerLoads(Var->getInit(), Relation, Classifier, Ctx);
  return false;
}

} // namespace dbtidy
