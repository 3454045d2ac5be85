#include "checks/QueryInLoopCheck.h"

#include "lib/QualifiedName.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;
using clang::tidy::ClangTidyOptions;

namespace dbtidy {

struct QueryInLoopCheck::TUState {
  ASTContext *Ctx = nullptr;
  std::unique_ptr<LoopAnalysis> Loops;
  std::unique_ptr<RoundTripSummaries> Summaries;
  std::unique_ptr<TransactionScope> Transactions;
  std::set<unsigned> Reported;
};

QueryInLoopCheck::QueryInLoopCheck(StringRef Name,
                                   clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context) {}

QueryInLoopCheck::~QueryInLoopCheck() = default;

void QueryInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeLoopOptions(Opts);
}

void QueryInLoopCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      cxxForRangeStmt(unless(isExpansionInSystemHeader())).bind("range"), this);
  // Two matchers, not expr(anyOf(...)): the match finder then tries them
  // only on calls and constructions, not on every expression of the TU.
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader())).bind("call"),
      this);
}

QueryInLoopCheck::TUState &QueryInLoopCheck::state(ASTContext &Ctx) {
  if (!State || State->Ctx != &Ctx) {
    State = std::make_unique<TUState>();
    State->Ctx = &Ctx;
    const CallClassifier &Classifier = *profiles().Classifier;
    State->Loops =
        std::make_unique<LoopAnalysis>(Ctx, Classifier, loopOptions());
    State->Summaries =
        std::make_unique<RoundTripSummaries>(Ctx, Classifier, facts());
    State->Transactions =
        std::make_unique<TransactionScope>(Ctx, Classifier, *State->Loops);
  }
  return *State;
}

void QueryInLoopCheck::onEndOfTranslationUnit() { State.reset(); }

/// How a call is named in messages: 'exec_params', 'soci::session::operator<<',
/// constructing 'QSqlQuery'.
// The expression giving the statement its SQL: the call's own SQL argument,
// or that of the call the statement comes from within the same expression
// (Poco's `session << sql, now`, where `, now` runs what `<<` prepared).
static const Expr *sqlArgumentOf(const CallSite &Site, const Classification &C,
                                 const CallClassifier &Classifier,
                                 ASTContext &Ctx) {
  if (C.SqlArg)
    return C.SqlArg;
  std::optional<CallSite> Current = Site;
  for (int Depth = 0; Depth < 4; ++Depth) {
    const Expr *Inner = Current->Object ? Current->Object
                        : Current->Args.empty() ? nullptr
                                                : Current->Args[0];
    if (!Inner)
      return nullptr;
    Current = CallSite::from(Inner->IgnoreImplicit()->IgnoreParens());
    if (!Current)
      return nullptr;
    if (std::optional<Classification> Inside =
            Classifier.classify(*Current, Ctx);
        Inside && Inside->SqlArg)
      return Inside->SqlArg;
  }
  return nullptr;
}

static std::string describeCall(const CallSite &Site) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Site.Callee))
    if (Method->getParent()->isLambda())
      return "the lambda";
  if (Site.IsConstruction)
    return "constructing '" +
           profileName(cast<CXXConstructorDecl>(Site.Callee)->getParent()) +
           "'";
  if (Site.Callee->isOverloadedOperator())
    return "'" + profileName(Site.Callee) + "'";
  return "'" + Site.Callee->getNameAsString() + "'";
}

void QueryInLoopCheck::reportDirect(const CallSite &Site,
                                    const Classification &C,
                                    const LoopFacts &Loop, bool IsWrite) {
  const std::string Call = describeCall(Site);
  if (IsWrite) {
    const bool InTx = State->Transactions->inTransaction(Site, Loop.Loop);
    if (InTx)
      diag(Site.Call->getExprLoc(),
           "%0 writes to the database once per loop iteration, one round "
           "trip per row; prepare the statement once before the loop and "
           "re-execute it, or write all rows in one statement")
          << Call;
    else
      diag(Site.Call->getExprLoc(),
           "%0 writes to the database once per loop iteration outside a "
           "transaction, so every row is its own round trip and its own "
           "commit; wrap the loop in one transaction with a prepared "
           "statement, or write all rows in one statement")
          << Call;
  } else if (C.Kind == CallKind::FetchById) {
    diag(Site.Call->getExprLoc(),
         "%0 fetches one row by key once per loop iteration (N+1 queries); "
         "round trips grow with the number of rows, so latency and database "
         "load grow with the data; load all keys before the loop with one "
         "'WHERE key IN (...)' query")
        << Call;
  } else if (C.Kind == CallKind::LazyLoad) {
    diag(Site.Call->getExprLoc(),
         "%0 lazily loads a relation once per loop iteration (N+1 queries); "
         "eager-load the relation with the query that produces the loop")
        << Call;
  } else {
    diag(Site.Call->getExprLoc(),
         "%0 runs a database query once per loop iteration (N+1 queries); "
         "round trips grow with the number of rows, so latency and database "
         "load grow with the data; fetch the rows once before the loop with "
         "a JOIN or 'WHERE key IN (...)'")
        << Call;
  }
  noteLoop(Loop, "the loop runs once per element");
}

void QueryInLoopCheck::reportViaCall(const CallSite &Site,
                                     const RoundTripSummary &Summary,
                                     const LoopFacts &Loop) {
  const bool Write = Summary.isWrite();
  diag(Site.Call->getExprLoc(),
       "%0 %1 once per loop iteration (N+1 queries); round trips "
       "grow with the number of rows; %2")
      << (Site.IsConstruction ? describeCall(Site)
                              : "call to " + describeCall(Site))
      << (Write ? "writes to the database" : "runs a database query")
      << (Write ? "write all rows with one statement, or re-use one "
                  "prepared statement inside a single transaction"
                : "fetch the rows once before the loop with a JOIN or "
                  "'WHERE key IN (...)', or give the callee a batch form");
  noteLoop(Loop, "the loop runs once per element");
  for (const Expr *Via : Summary.Via) {
    auto ViaSite = CallSite::from(Via);
    diag(Via->getExprLoc(), "which calls %0", DiagnosticIDs::Note)
        << (ViaSite ? describeCall(*ViaSite) : std::string("a function"));
  }
  if (const RoundTripFact *Fact = Summary.External) {
    std::string Path = Fact->Function;
    for (const std::string &Step : Fact->Via)
      Path += "' -> '" + Step;
    SourceLocation Where = locationIn(State->Ctx->getSourceManager(),
                                      Fact->File, Fact->Line, Fact->Column);
    std::string Elsewhere = Where.isValid() ? std::string()
                                            : " at " + Fact->File + ":" +
                                                  std::to_string(Fact->Line);
    diag(Where.isValid() ? Where : Site.Call->getExprLoc(),
         "'%0' talks to the database here, reached through '%1' (defined "
         "in another translation unit)%2",
         DiagnosticIDs::Note)
        << Fact->Callee << Path << Elsewhere;
    return;
  }
  auto Inner = CallSite::from(Summary.RoundTrip);
  diag(Summary.RoundTrip->getExprLoc(), "%0 talks to the database here",
       DiagnosticIDs::Note)
      << (Inner ? describeCall(*Inner) : std::string("this call"));
}

namespace {

/// How a loop over query rows uses them, for the aggregation diagnostics.
/// A loop whose every statement is an Accumulation is clear-cut; one that
/// also keeps a maximum, counts conditionally or names a row value first
/// ("Supporting") only computes aggregates too, but its SQL form needs
/// WHERE/FILTER/MAX and is offered as a remark.
enum class AggregateRole { Accumulation, Supporting, Other };

class AggregationShape {
public:
  AggregationShape(const CXXForRangeStmt *Loop, const SourceManager &SM)
      : Loop(Loop), SM(SM) {}

  /// Classifies one statement of the loop body.
  AggregateRole roleOf(const Stmt *S) const {
    S = S->IgnoreContainers();
    if (const auto *E = dyn_cast<Expr>(S))
      S = E->IgnoreImplicit(); // temporaries of the row accessors
    if (isa<NullStmt>(S))
      return AggregateRole::Supporting;
    if (const auto *Compound = dyn_cast<CompoundAssignOperator>(S))
      return (Compound->getOpcode() == BO_AddAssign ||
              Compound->getOpcode() == BO_SubAssign) &&
                     isOuterVariable(Compound->getLHS()) &&
                     isPure(Compound->getRHS())
                 ? AggregateRole::Accumulation
                 : AggregateRole::Other;
    if (const auto *Unary = dyn_cast<UnaryOperator>(S))
      return Unary->isIncrementOp() && isOuterVariable(Unary->getSubExpr())
                 ? AggregateRole::Accumulation
                 : AggregateRole::Other;
    if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      if (Assign->getOpcode() != BO_Assign ||
          !isOuterVariable(Assign->getLHS()) || !isPure(Assign->getRHS()))
        return AggregateRole::Other;
      if (const auto *Sum = dyn_cast<BinaryOperator>(
              Assign->getRHS()->IgnoreParenImpCasts()))
        if (Sum->getOpcode() == BO_Add &&
            (sameVariable(Sum->getLHS(), Assign->getLHS()) ||
             sameVariable(Sum->getRHS(), Assign->getLHS())))
          return AggregateRole::Accumulation;
      // best = v inside an if, best = std::max(best, v): MAX/MIN in SQL.
      return AggregateRole::Supporting;
    }
    if (const auto *Decl = dyn_cast<DeclStmt>(S)) {
      for (const clang::Decl *D : Decl->decls()) {
        const auto *Var = dyn_cast<VarDecl>(D);
        if (!Var || !Var->getType()->isArithmeticType() ||
            (Var->getInit() && !isPure(Var->getInit())))
          return AggregateRole::Other;
      }
      return AggregateRole::Supporting;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (If->getInit() || If->getConditionVariable() ||
          !isPure(If->getCond()))
        return AggregateRole::Other;
      for (const Stmt *Branch : {If->getThen(), If->getElse()})
        if (Branch && !onlyAggregates(Branch))
          return AggregateRole::Other;
      return AggregateRole::Supporting;
    }
    return AggregateRole::Other;
  }

  /// Whether every statement of S computes aggregates.
  bool onlyAggregates(const Stmt *S) const {
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : Block->body())
        if (!onlyAggregates(Child))
          return false;
      return true;
    }
    return roleOf(S) != AggregateRole::Other;
  }

private:
  const VarDecl *variableOf(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }

  bool sameVariable(const Expr *A, const Expr *B) const {
    const VarDecl *Var = variableOf(A);
    return Var && Var == variableOf(B);
  }

  /// An arithmetic variable that lives on after the loop.
  bool isOuterVariable(const Expr *E) const {
    const VarDecl *Var = variableOf(E);
    return Var && Var->getType().getNonReferenceType()->isArithmeticType() &&
           SM.isBeforeInTranslationUnit(Var->getLocation(),
                                        Loop->getBeginLoc());
  }

  /// Reads only: the only calls are the row's accessors (member calls and
  /// operators on the loop variable and on what they return) and
  /// std::max/std::min/std::abs, so the statement has no effect but its
  /// assignment.
  bool isPure(const Stmt *S) const {
    if (!S)
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (!isRowAccessor(Call) && !isArithmeticHelper(Call))
        return false;
    } else if (isa<LambdaExpr>(S) || isa<CXXThrowExpr>(S)) {
      return false;
    } else if (const auto *Op = dyn_cast<UnaryOperator>(S)) {
      if (Op->isIncrementDecrementOp())
        return false;
    } else if (const auto *Op = dyn_cast<BinaryOperator>(S)) {
      if (Op->isAssignmentOp())
        return false;
    }
    for (const Stmt *Child : S->children())
      if (!isPure(Child))
        return false;
    return true;
  }

  bool isRowAccessor(const CallExpr *Call) const {
    const Expr *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Object = Member->getImplicitObjectArgument();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      Object = Op->getNumArgs() ? Op->getArg(0) : nullptr;
    while (Object) {
      Object = Object->IgnoreParenImpCasts();
      if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Object))
        Object = Temp->getSubExpr();
      else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Object))
        Object = Bind->getSubExpr();
      else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Object))
        Object = Member->getImplicitObjectArgument();
      else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Object))
        Object = Op->getNumArgs() ? Op->getArg(0) : nullptr;
      else if (const auto *Access = dyn_cast<MemberExpr>(Object))
        Object = Access->getBase();
      else
        break;
    }
    return Object && variableOf(Object) == Loop->getLoopVariable();
  }

  static bool isArithmeticHelper(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier())
      return false;
    return llvm::is_contained({"max", "min", "abs", "stoi", "stol", "stoll",
                               "stoul", "stoull", "stof", "stod"},
                              Callee->getName());
  }

  const CXXForRangeStmt *Loop;
  const SourceManager &SM;
};

} // namespace

void QueryInLoopCheck::checkAggregation(const CXXForRangeStmt *Loop,
                                        ASTContext &Ctx) {
  // The loop iterates the rows of a SELECT run for it and does nothing with
  // them but add them up: SUM/COUNT in SQL returns one row instead of all of
  // them. Clear-cut (a warning) when every statement accumulates and the
  // query is the loop's range; a remark when the totals are conditional,
  // keep a maximum, or the result sits in a variable first.
  const Expr *Range = Loop->getRangeInit();
  if (!Range || !Loop->getBody() || !Loop->getLoopVariable())
    return;
  const Expr *Query = Range->IgnoreImplicit();
  bool ClearCut = true;
  if (const VarDecl *Result = resultIteratedOnlyHere(Range)) {
    Query = Result->getInit()->IgnoreImplicit();
    ClearCut = false;
  }
  std::optional<Classification> C =
      profiles().Classifier->classify(Query, Ctx);
  if (!C || !C->Sql || C->Sql->Kind != SqlStatementKind::Select ||
      C->Sql->ForUpdate)
    return;
  AggregationShape Shape(Loop, Ctx.getSourceManager());
  llvm::SmallVector<const Stmt *, 8> Statements;
  if (const auto *Block = dyn_cast<CompoundStmt>(Loop->getBody()))
    Statements.append(Block->body_begin(), Block->body_end());
  else
    Statements.push_back(Loop->getBody());
  // Something must be totalled: a body of declarations alone is not an
  // aggregate.
  bool Totals = false;
  for (const Stmt *S : Statements) {
    switch (Shape.roleOf(S)) {
    case AggregateRole::Accumulation:
      Totals = true;
      break;
    case AggregateRole::Supporting:
      ClearCut = false;
      Totals |= !isa<DeclStmt>(S) && !isa<NullStmt>(S);
      break;
    case AggregateRole::Other:
      return;
    }
  }
  if (!Totals)
    return;
  auto Site = CallSite::from(Query);
  const std::string Call =
      Site ? describeCall(*Site) : std::string("the query");
  if (ClearCut)
    diag(Loop->getBeginLoc(),
         "this loop adds up every row of %0 in C++: all rows cross the "
         "network only to be summed, which grows with the table; compute it "
         "in SQL with SUM(...) or COUNT(*) and fetch one row")
        << Call;
  else
    diag(Loop->getBeginLoc(),
         "this loop only computes totals over the rows of %0 in C++: all rows "
         "cross the network for a few numbers; if nothing else needs the "
         "rows, compute them in SQL (SUM, COUNT, MAX, or an aggregate with "
         "FILTER (WHERE ...)) and fetch one row",
         DiagnosticIDs::Remark)
        << Call;
  diag(Query->getExprLoc(), "the rows come from this query",
       DiagnosticIDs::Note);
}

void QueryInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Range = Result.Nodes.getNodeAs<CXXForRangeStmt>("range")) {
    checkAggregation(Range, *Result.Context);
    return;
  }
  const auto *E = Result.Nodes.getNodeAs<Expr>("call");
  if (!E || E->getBeginLoc().isInvalid())
    return;
  std::optional<CallSite> Site = CallSite::from(E);
  if (!Site || !Site->Callee)
    return;
  ASTContext &Ctx = *Result.Context;
  TUState &S = state(Ctx);
  if (S.Reported.count(E->getBeginLoc().getRawEncoding()))
    return;

  std::optional<Classification> C = profiles().Classifier->classify(*Site, Ctx);
  if (C) {
    // Lazy relation loads are db-lazy-load-in-loop's to report.
    if (!isPerIterationWork(C->Kind) || C->Kind == CallKind::LazyLoad)
      return;
    std::optional<LoopFacts> Loop = S.Loops->repeatingLoopAround(E);
    if (!Loop)
      return;
    // Statements that are one per object by nature, not per-row data
    // access: schema changes (DROP INDEX per index), a list of statements
    // executed one by one (a migration, a DDL log), and one statement
    // fetched page by page.
    const Expr *SqlExpr =
        sqlArgumentOf(*Site, *C, *profiles().Classifier, Ctx);
    std::optional<SqlInfo> Sql = C->Sql;
    if (!Sql && SqlExpr)
      if (std::optional<std::string> Text = sqlTextOf(SqlExpr))
        Sql = analyzeSql(*Text);
    if ((Sql && Sql->Schema) || (SqlExpr && isLoopElement(SqlExpr, Loop->Loop)))
      return;
    // The loop pages through this statement's own result.
    if (isPagedByLoop(Site->Object, Loop->Loop))
      return;
    bool IsWrite = C->isWrite();
    // A statement object whose type says it writes: db(preparedInsert).
    for (const Expr *Arg : Site->Args)
      IsWrite |= profiles().Classifier->roleOf(
                     Arg->getType(), TypeRole::WriteStatement) != nullptr;
    if (!IsWrite &&
        (C->Kind == CallKind::ExecutePrepared || C->Kind == CallKind::Step)) {
      std::optional<SqlInfo> Prepared = S.Transactions->preparedSql(*Site, *C);
      IsWrite = Prepared && isSqlWrite(Prepared->Kind);
    }
    // Bulk writes through one prepared statement inside one transaction are
    // the recommended form, not a finding.
    if (IsWrite &&
        S.Transactions->reusesPreparedStatement(*Site, *C, Loop->Loop) &&
        S.Transactions->inTransaction(*Site, Loop->Loop))
      return;
    S.Reported.insert(E->getBeginLoc().getRawEncoding());
    reportDirect(*Site, *C, *Loop, IsWrite);
    return;
  }

  if (!S.Summaries->hasUserBody(Site->Callee) &&
      !S.Summaries->externalFact(Site->Callee))
    return;
  // An immediately invoked lambda's queries are reported where they are.
  if (Site->Object && isa<LambdaExpr>(Site->Object->IgnoreImplicit()))
    return;
  std::optional<LoopFacts> Loop = S.Loops->repeatingLoopAround(E);
  if (!Loop)
    return;
  const RoundTripSummary *Summary = S.Summaries->summaryOf(Site->Callee);
  if (!Summary)
    return;
  S.Reported.insert(E->getBeginLoc().getRawEncoding());
  reportViaCall(*Site, *Summary, *Loop);
}

} // namespace dbtidy
