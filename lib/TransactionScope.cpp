#include "lib/TransactionScope.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace dbtidy {

using namespace clang;

TransactionScope::TransactionScope(ASTContext &Ctx,
                                   const CallClassifier &Classifier,
                                   LoopAnalysis &Loops)
    : Ctx(Ctx), Classifier(Classifier), Loops(Loops) {}

bool TransactionScope::isTransactionType(QualType T) const {
  return Classifier.roleOf(T, TypeRole::Transaction) != nullptr;
}

namespace {
/// Transaction begins and ends in source order, not looking into lambdas.
class TransactionEventFinder
    : public RecursiveASTVisitor<TransactionEventFinder> {
public:
  TransactionEventFinder(const CallClassifier &C, ASTContext &Ctx,
                         int &OpenState)
      : C(C), Ctx(Ctx), OpenState(OpenState) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitVarDecl(VarDecl *VD) {
    if (!VD->getType()->isReferenceType() && !VD->getType()->isPointerType() &&
        C.roleOf(VD->getType(), TypeRole::Transaction))
      OpenState = 1;
    return true;
  }
  bool VisitCallExpr(CallExpr *E) { return visit(E); }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) { return visit(E); }

private:
  bool visit(Expr *E) {
    if (auto Class = C.classify(E, Ctx)) {
      if (Class->Kind == CallKind::TransactionBegin)
        OpenState = 1;
      else if (Class->Kind == CallKind::TransactionCommit ||
               Class->Kind == CallKind::TransactionRollback)
        OpenState = 0;
      else if (Class->Sql) {
        if (Class->Sql->Kind == SqlStatementKind::Begin)
          OpenState = 1;
        else if (Class->Sql->Kind == SqlStatementKind::Commit ||
                 Class->Sql->Kind == SqlStatementKind::Rollback)
          OpenState = 0;
      }
    }
    return true;
  }
  const CallClassifier &C;
  ASTContext &Ctx;
  int &OpenState;
};
} // namespace

bool TransactionScope::inTransaction(const CallSite &Site, const Stmt *Loop) {
  if (Site.Object && isTransactionType(Site.Object->getType()))
    return true;
  for (const Expr *Arg : Site.Args)
    if (isTransactionType(Arg->getType()))
      return true;

  const Decl *Owner = nullptr;
  const Stmt *Body = Loops.enclosingBody(Loop, &Owner);
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Owner))
    for (const ParmVarDecl *Param : FD->parameters())
      if (isTransactionType(Param->getType()))
        return true;
  if (!Body)
    return false;

  // Walk out from the loop; in each enclosing block replay the statements
  // before it. The innermost evidence wins: an RAII transaction or a begin
  // not yet committed.
  DynTypedNode Node = DynTypedNode::create(*Loop);
  const Stmt *Child = Loop;
  for (unsigned Depth = 0; Depth < 256 && Child != Body; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    const Stmt *Parent = Parents[0].get<Stmt>();
    if (Parent) {
      if (const auto *Block = dyn_cast<CompoundStmt>(Parent)) {
        int OpenState = -1;
        for (const Stmt *Before : Block->body()) {
          if (Before == Child)
            break;
          TransactionEventFinder Finder(Classifier, Ctx, OpenState);
          Finder.TraverseStmt(const_cast<Stmt *>(Before));
        }
        if (OpenState == 1)
          return true;
        if (OpenState == 0)
          return false;
      }
      Child = Parent;
    }
    Node = Parents[0];
  }
  return false;
}

const VarDecl *TransactionScope::statementHandle(const CallSite &Site) {
  auto VarOf = [](const Expr *E) -> const VarDecl * {
    if (!E)
      return nullptr;
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
        E = U->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    return nullptr;
  };
  if (Site.Object)
    return VarOf(Site.Object);
  if (!Site.Args.empty())
    return VarOf(Site.Args[0]);
  return nullptr;
}

static bool isMember(const Expr *E) {
  return E && isa<MemberExpr>(E->IgnoreParenImpCasts());
}

bool TransactionScope::reusesPreparedStatement(const CallSite &Site,
                                               const Classification &C,
                                               const Stmt *Loop) {
  if (C.Kind != CallKind::ExecutePrepared && C.Kind != CallKind::Step)
    return false;
  // A statement held in a member was prepared when the object was built.
  if (isMember(Site.Object))
    return true;
  const VarDecl *Handle = statementHandle(Site);
  if (!Handle)
    return false;
  if (C.Kind == CallKind::ExecutePrepared &&
      (Classifier.roleOf(Handle->getType(), TypeRole::Transaction) ||
       Classifier.roleOf(Handle->getType(), TypeRole::Connection)))
    return true; // a server-side statement prepared by name
  if (isa<ParmVarDecl>(Handle) || !Handle->isLocalVarDecl())
    return true;
  const SourceManager &SM = Ctx.getSourceManager();
  return SM.isBeforeInTranslationUnit(Handle->getLocation(),
                                      Loop->getBeginLoc());
}

void TransactionScope::indexNamedStatements() {
  if (NamedIndexed)
    return;
  NamedIndexed = true;
  // Named server-side statements: conn.prepare("name", "SQL"),
  // PQprepare(conn, "name", "SQL", ...).
  struct Indexer : RecursiveASTVisitor<Indexer> {
    const CallClassifier &C;
    ASTContext &Ctx;
    llvm::StringMap<SqlInfo> &Out;
    Indexer(const CallClassifier &C, ASTContext &Ctx,
            llvm::StringMap<SqlInfo> &Out)
        : C(C), Ctx(Ctx), Out(Out) {}
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitCallExpr(CallExpr *E) {
      auto Site = CallSite::from(E);
      if (!Site)
        return true;
      auto Class = C.classify(*Site, Ctx);
      if (!Class || Class->Kind != CallKind::Prepare || !Class->Sql)
        return true;
      for (const Expr *Arg : Site->Args) {
        if (Arg == Class->SqlArg)
          break;
        if (auto Name = sqlTextOf(Arg)) {
          Out.try_emplace(*Name, *Class->Sql);
          break;
        }
      }
      return true;
    }
  };
  Indexer I(Classifier, Ctx, NamedStatements);
  I.TraverseDecl(Ctx.getTranslationUnitDecl());
}

std::optional<SqlInfo> TransactionScope::preparedSql(const CallSite &Site,
                                                     const Classification &C) {
  if (C.Sql)
    return C.Sql;
  const VarDecl *Handle = statementHandle(Site);
  if (C.Kind == CallKind::ExecutePrepared && Handle &&
      (Classifier.roleOf(Handle->getType(), TypeRole::Transaction) ||
       Classifier.roleOf(Handle->getType(), TypeRole::Connection))) {
    // The statement name is the first string argument.
    for (const Expr *Arg : Site.Args)
      if (auto Name = sqlTextOf(Arg)) {
        indexNamedStatements();
        auto It = NamedStatements.find(*Name);
        if (It != NamedStatements.end())
          return It->second;
        return std::nullopt;
      }
    return std::nullopt;
  }
  if (!Handle)
    return std::nullopt;
  // The statement object's own construction: SQLite::Statement q(db, "...").
  if (const Expr *Init = Handle->getInit())
    if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()))
      if (auto Class = Classifier.classify(Ctor, Ctx))
        if (Class->Sql)
          return Class->Sql;
  // A prepare call on it: q.prepare("..."), sqlite3_prepare_v2(db, "...",
  // -1, &stmt, nullptr).
  const Stmt *Body = Loops.enclosingBody(Site.Call);
  if (!Body)
    return std::nullopt;
  struct Finder : RecursiveASTVisitor<Finder> {
    const CallClassifier &C;
    ASTContext &Ctx;
    const VarDecl *Handle;
    std::optional<SqlInfo> Found;
    Finder(const CallClassifier &C, ASTContext &Ctx, const VarDecl *Handle)
        : C(C), Ctx(Ctx), Handle(Handle) {}
    static bool refersTo(const Expr *E, const VarDecl *VD) {
      if (!E)
        return false;
      E = E->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(E))
        E = U->getSubExpr()->IgnoreParenImpCasts();
      const auto *DRE = dyn_cast<DeclRefExpr>(E);
      return DRE && DRE->getDecl() == VD;
    }
    bool VisitCallExpr(CallExpr *E) {
      auto Site = CallSite::from(E);
      if (!Site)
        return true;
      auto Class = C.classify(*Site, Ctx);
      if (!Class || Class->Kind != CallKind::Prepare || !Class->Sql)
        return true;
      bool Mentions = refersTo(Site->Object, Handle);
      for (const Expr *Arg : Site->Args)
        Mentions |= refersTo(Arg, Handle);
      if (Mentions)
        Found = Class->Sql;
      return true;
    }
  };
  Finder F(Classifier, Ctx, Handle);
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

} // namespace dbtidy
