#include "checks/UnorderedRowLocksCheck.h"

#include "lib/CallClassifier.h"
#include "lib/LockSets.h"
#include "lib/QualifiedName.h"
#include "lib/SqlAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace dbtidy {

UnorderedRowLocksCheck::UnorderedRowLocksCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context),
      RawKeyColumns(Options.get("KeyColumns", "id")) {
  for (const std::string &Column :
       ProfileLoader::splitProfileList(RawKeyColumns))
    KeyColumns.push_back(normalizeSqlName(Column));
}

void UnorderedRowLocksCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "KeyColumns", RawKeyColumns);
}

void UnorderedRowLocksCheck::registerMatchers(MatchFinder *Finder) {
  // Two matchers, not expr(anyOf(...)): the match finder then tries them
  // only on calls and constructions, not on every expression of the TU.
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader())).bind("call"),
      this);
}

bool UnorderedRowLocksCheck::isKey(StringRef Column) const {
  for (const std::string &Key : KeyColumns)
    if (normalizeSqlName(Column) == Key)
      return true;
  return false;
}

namespace {
/// Whether E mentions the variable VD.
bool mentions(const Stmt *S, const ValueDecl *VD) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == VD)
      return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, VD))
      return true;
  return false;
}

/// The innermost range-for whose body contains E, within its function.
const CXXForRangeStmt *enclosingRangeFor(const Expr *E, ASTContext &Ctx,
                                         const FunctionDecl *&Function) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>()) {
      Function = FD;
      return nullptr;
    }
    if (Node.get<LambdaExpr>())
      return nullptr;
    if (const auto *Loop = Node.get<CXXForRangeStmt>())
      return Loop;
  }
  return nullptr;
}

/// Finds a sort of Var before Loop: std::sort(v.begin(), v.end()),
/// std::ranges::sort(v), std::stable_sort(...).
class SortFinder : public RecursiveASTVisitor<SortFinder> {
public:
  SortFinder(const VarDecl *Var, const Stmt *Loop, const SourceManager &SM)
      : Var(Var), Loop(Loop), SM(SM) {}
  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || Found)
      return true;
    std::string Name = profileName(Callee);
    if (Name != "std::sort" && Name != "std::stable_sort" &&
        Name != "std::ranges::sort" && Name != "std::ranges::stable_sort" &&
        !StringRef(Name).ends_with("__sort_fn::operator()") &&
        !StringRef(Name).ends_with("__stable_sort_fn::operator()") &&
        Name != "boost::sort")
      return true;
    if (!SM.isBeforeInTranslationUnit(E->getBeginLoc(), Loop->getBeginLoc()))
      return true;
    for (const Expr *Arg : E->arguments())
      if (mentions(Arg, Var))
        Found = true;
    return true;
  }
  bool Found = false;

private:
  const VarDecl *Var;
  const Stmt *Loop;
  const SourceManager &SM;
};

bool isOrderedContainer(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string Name = profileName(RD);
  return Name == "std::set" || Name == "std::map" || Name == "std::multiset" ||
         Name == "std::multimap" || Name == "QMap" || Name == "QSet" ||
         Name == "boost::container::flat_set" ||
         Name == "boost::container::flat_map";
}
} // namespace

void UnorderedRowLocksCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<Expr>("call");
  ASTContext &Ctx = *Result.Context;
  auto Site = CallSite::from(E);
  if (!Site || !Site->Callee)
    return;
  const CallClassifier &Classifier = *profiles().Classifier;
  auto C = Classifier.classify(*Site, Ctx);
  if (!C)
    return;
  std::optional<SqlStatement> S = lockingSelect(*Site, *C, Classifier, Ctx);
  const bool OrmLock = !S && (C->Kind == CallKind::RowLock ||
                              (C->Rule && C->Rule->LocksRows));
  if (!S && !OrmLock)
    return;
  if (S && (!S->ForUpdate || S->SkipLocked || S->NoWait))
    return; // shared locks do not conflict; work queues do not wait
  bool SingleRow = OrmLock;
  if (S) {
    SingleRow = S->LimitOne;
    if (!S->WhereHasOr)
      for (const SqlCondition &Cond : S->WhereEq)
        if (isKey(Cond.Column) && Cond.Value.K != SqlValue::Kind::Column &&
            Cond.Value.K != SqlValue::Kind::Other)
          SingleRow = true;
  }
  if (!SingleRow) {
    bool Ordered = false;
    if (S->HasOrderBy && !S->OrderByOther)
      for (const std::string &Column : S->OrderByColumns)
        Ordered |= isKey(Column);
    if (Ordered)
      return;
    std::string Table = S->Table.empty() && !S->FromTables.empty()
                            ? S->FromTables.front().first
                            : S->Table;
    std::string Key = KeyColumns.empty() ? "id" : KeyColumns.front();
    if (S->HasOrderBy)
      diag(E->getExprLoc(),
           "'SELECT ... FOR UPDATE' on '%0' is ordered by columns that are "
           "not a key, so rows with equal values are locked in whatever "
           "order the query plan yields; two transactions locking "
           "overlapping rows in different orders deadlock and the database "
           "aborts one of them; order by the key as well ('ORDER BY ..., "
           "%1')")
          << Table << Key;
    else
      diag(E->getExprLoc(),
           "'SELECT ... FOR UPDATE' can lock several rows of '%0' with no "
           "ORDER BY, so they are locked in whatever order the query plan "
           "yields; two transactions locking overlapping rows in different "
           "orders deadlock and the database aborts one of them; add "
           "'ORDER BY %1' so every transaction locks rows in key order (or "
           "'SKIP LOCKED' for a work queue)")
          << Table << Key;
    return;
  }
  // One row per call: a loop over unsorted ids locks them in input order.
  const FunctionDecl *Function = nullptr;
  const CXXForRangeStmt *Loop = enclosingRangeFor(E, Ctx, Function);
  // The loop goes over ids: its variable is used in the body.
  if (!Loop || !Loop->getLoopVariable() ||
      !mentions(Loop->getBody(), Loop->getLoopVariable()))
    return;
  const auto *Range =
      dyn_cast<DeclRefExpr>(Loop->getRangeInit()->IgnoreParenImpCasts());
  const auto *Var = Range ? dyn_cast<VarDecl>(Range->getDecl()) : nullptr;
  if (!Var || isOrderedContainer(Var->getType()))
    return;
  // Sorted before the loop, in the function declaring or receiving it.
  const DeclContext *DC = Var->getDeclContext();
  const auto *Owner = dyn_cast<FunctionDecl>(DC);
  if (!Owner || !Owner->getBody())
    return;
  SortFinder Sorted(Var, Loop, Ctx.getSourceManager());
  Sorted.TraverseStmt(Owner->getBody());
  if (Sorted.Found)
    return;
  diag(E->getExprLoc(),
       "row lock taken once per element of '%0', which is not sorted "
       "first: two transactions locking overlapping ids in different orders "
       "deadlock and the database aborts one of them; sort '%0' before the "
       "loop, or lock all rows with one 'SELECT ... WHERE id IN (...) ORDER "
       "BY id FOR UPDATE'")
      << Var->getName();
  diag(Loop->getBeginLoc(), "the loop locks rows in the order of '%0'",
       DiagnosticIDs::Note)
      << Var->getName();
}

} // namespace dbtidy
