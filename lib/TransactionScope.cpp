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
/// Replays transaction begins and ends in source order, not looking into
/// lambdas, and keeps the nesting depth: a savepoint released inside a
/// transaction leaves the transaction open. A commit or rollback that runs
/// only on some path (`if (!ok) { db.rollback(); return; }`) does not count
/// as closing it: the path that reaches the loop did not take it.
class TransactionEventFinder
    : public RecursiveASTVisitor<TransactionEventFinder> {
public:
  TransactionEventFinder(const CallClassifier &C, ASTContext &Ctx, int &Depth)
      : C(C), Ctx(Ctx), Depth(Depth) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseIfStmt(IfStmt *S) {
    TraverseStmt(S->getInit());
    if (S->getConditionVariableDeclStmt())
      TraverseStmt(S->getConditionVariableDeclStmt());
    TraverseStmt(S->getCond());
    ++Conditional;
    TraverseStmt(S->getThen());
    TraverseStmt(S->getElse());
    --Conditional;
    return true;
  }
  // The base class's own traversal of the node: TraverseStmt(S) would
  // dispatch back here and recurse without end.
  bool TraverseSwitchStmt(SwitchStmt *S) {
    return conditionally([&] { RecursiveASTVisitor::TraverseSwitchStmt(S); });
  }
  bool TraverseForStmt(ForStmt *S) {
    return conditionally([&] { RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    return conditionally([&] { RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    return conditionally(
        [&] { RecursiveASTVisitor::TraverseCXXForRangeStmt(S); });
  }
  bool TraverseCXXTryStmt(CXXTryStmt *S) {
    TraverseStmt(S->getTryBlock());
    ++Conditional;
    for (unsigned I = 0; I < S->getNumHandlers(); ++I)
      TraverseStmt(S->getHandler(I));
    --Conditional;
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (!VD->getType()->isReferenceType() && !VD->getType()->isPointerType() &&
        C.roleOf(VD->getType(), TypeRole::Transaction) && !Conditional &&
        !hasTransactionBeginConstructor(VD))
      ++Depth;
    return true;
  }
  bool VisitCallExpr(CallExpr *E) { return visit(E); }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) { return visit(E); }

private:
  template <typename Traverse> bool conditionally(Traverse Children) {
    ++Conditional;
    Children();
    --Conditional;
    return true;
  }
  /// A transaction variable whose constructor is itself a profiled begin is
  /// counted once, by the constructor.
  bool hasTransactionBeginConstructor(const VarDecl *VD) {
    const Expr *Init = VD->getInit();
    if (!Init)
      return false;
    auto Class = C.classify(Init->IgnoreImplicit(), Ctx);
    return Class && Class->Kind == CallKind::TransactionBegin;
  }
  bool visit(Expr *E) {
    std::optional<Classification> Class = C.classify(E, Ctx);
    if (!Class)
      return true;
    bool Begin = Class->Kind == CallKind::TransactionBegin ||
                 (Class->Sql && Class->Sql->Kind == SqlStatementKind::Begin);
    bool End = Class->Kind == CallKind::TransactionCommit ||
               Class->Kind == CallKind::TransactionRollback ||
               (Class->Sql && (Class->Sql->Kind == SqlStatementKind::Commit ||
                               Class->Sql->Kind == SqlStatementKind::Rollback));
    if (Begin)
      ++Depth;
    else if (End && !Conditional && Depth > 0)
      --Depth;
    return true;
  }
  const CallClassifier &C;
  ASTContext &Ctx;
  int &Depth;
  int Conditional = 0;
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

  // The blocks around the loop, innermost first; then replay what runs
  // before the loop in each, outermost first.
  llvm::SmallVector<std::pair<const CompoundStmt *, const Stmt *>, 8> Blocks;
  DynTypedNode Node = DynTypedNode::create(*Loop);
  const Stmt *Child = Loop;
  for (unsigned Steps = 0; Steps < 256 && Child != Body; ++Steps) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    if (const Stmt *Parent = Parents[0].get<Stmt>()) {
      if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
        Blocks.emplace_back(Block, Child);
      Child = Parent;
    }
    Node = Parents[0];
  }
  int Depth = 0;
  for (auto It = Blocks.rbegin(); It != Blocks.rend(); ++It)
    for (const Stmt *Before : It->first->body()) {
      if (Before == It->second)
        break;
      TransactionEventFinder Finder(Classifier, Ctx, Depth);
      Finder.TraverseStmt(const_cast<Stmt *>(Before));
    }
  return Depth > 0;
}

bool TransactionScope::isSessionHandle(QualType T) const {
  return Classifier.roleOf(T, TypeRole::Transaction) ||
         Classifier.roleOf(T, TypeRole::Connection) ||
         Classifier.roleOf(T, TypeRole::Autocommit);
}

static const VarDecl *variableOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

static bool mentions(const Expr *E, const VarDecl *VD) {
  return VD && variableOf(E) == VD;
}

const VarDecl *TransactionScope::statementHandle(const CallSite &Site) {
  if (Site.Object) {
    const VarDecl *Object = variableOf(Site.Object);
    // db(prepared) / conn.execute(stmt): the statement is the argument.
    if (isSessionHandle(Site.Object->getType()) && !Site.Args.empty())
      if (const VarDecl *Arg = variableOf(Site.Args[0]))
        if (!isSessionHandle(Arg->getType()))
          return Arg;
    return Object;
  }
  if (!Site.Args.empty())
    return variableOf(Site.Args[0]);
  return nullptr;
}

static bool isMember(const Expr *E) {
  return E && isa<MemberExpr>(E->IgnoreParenImpCasts());
}

namespace {
/// Profiled calls with SQL text under a statement, in source order.
struct SqlCallFinder : RecursiveASTVisitor<SqlCallFinder> {
  const CallClassifier &C;
  ASTContext &Ctx;
  /// When set, only prepare-kind calls that mention this variable.
  const VarDecl *Handle = nullptr;
  /// When set, only calls that start before this location.
  SourceLocation Before;
  std::optional<SqlInfo> Last;
  bool FoundPrepare = false;
  SqlCallFinder(const CallClassifier &C, ASTContext &Ctx) : C(C), Ctx(Ctx) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *E) { return visit(E); }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) { return visit(E); }
  bool visit(Expr *E) {
    if (Before.isValid() && !Ctx.getSourceManager().isBeforeInTranslationUnit(
                                E->getBeginLoc(), Before))
      return true;
    auto Site = CallSite::from(E);
    if (!Site)
      return true;
    auto Class = C.classify(*Site, Ctx);
    if (!Class)
      return true;
    if (Handle) {
      // Preparing means giving the statement its SQL; binding values to it
      // (also a prepare-kind call) re-uses it.
      if (Class->Kind != CallKind::Prepare || !Class->Rule->SqlArg)
        return true;
      bool Mentions = mentions(Site->Object, Handle);
      for (const Expr *Arg : Site->Args)
        Mentions |= mentions(Arg, Handle);
      if (!Mentions)
        return true;
      FoundPrepare = true;
    }
    if (Class->Sql && Class->Sql->Kind != SqlStatementKind::Unknown)
      Last = Class->Sql;
    return true;
  }
};
} // namespace

bool TransactionScope::preparedWithin(const VarDecl *Handle, const Stmt *Loop) {
  SqlCallFinder Finder(Classifier, Ctx);
  Finder.Handle = Handle;
  Finder.TraverseStmt(const_cast<Stmt *>(Loop));
  return Finder.FoundPrepare;
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
  if (C.Kind == CallKind::ExecutePrepared && isSessionHandle(Handle->getType()))
    return true; // a server-side statement prepared by name
  // Prepared again inside the loop: nothing is re-used, wherever the handle
  // variable was declared.
  if (preparedWithin(Handle, Loop))
    return false;
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
  if (C.Sql && C.Sql->Kind != SqlStatementKind::Unknown)
    return C.Sql;
  const VarDecl *Handle = statementHandle(Site);
  if (C.Kind == CallKind::ExecutePrepared && Handle &&
      isSessionHandle(Handle->getType())) {
    // A server-side statement: its name is the first string argument.
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
  if (!Handle) {
    // A temporary statement: the SQL is earlier in the same expression
    // (`session << "UPDATE ...", use(id), now;`).
    const Expr *Full = Site.Call;
    for (unsigned Steps = 0; Steps < 64; ++Steps) {
      auto Parents = Ctx.getParents(*Full);
      if (Parents.empty() || !Parents[0].get<Expr>())
        break;
      Full = Parents[0].get<Expr>();
    }
    SqlCallFinder Finder(Classifier, Ctx);
    Finder.TraverseStmt(const_cast<Expr *>(Full));
    return Finder.Last;
  }
  // The statement object's own initialiser: SQLite::Statement q(db, "..."),
  // soci::statement st = (sql.prepare << "...", use(x)).
  if (const Expr *Init = Handle->getInit()) {
    SqlCallFinder Finder(Classifier, Ctx);
    Finder.TraverseStmt(const_cast<Expr *>(Init));
    if (Finder.Last)
      return Finder.Last;
  }
  // The last prepare on it before this call: q.prepare("..."),
  // sqlite3_prepare_v2(db, "...", -1, &stmt, nullptr).
  const Stmt *Body = Loops.enclosingBody(Site.Call);
  if (!Body)
    return std::nullopt;
  SqlCallFinder Finder(Classifier, Ctx);
  Finder.Handle = Handle;
  Finder.Before = Site.Call->getBeginLoc();
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  return Finder.Last;
}

} // namespace dbtidy
