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
    : DbTidyCheck(Name, Context) {}

QueryInLoopCheck::~QueryInLoopCheck() = default;

void QueryInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeLoopOptions(Opts);
}

void QueryInLoopCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      cxxForRangeStmt(unless(isExpansionInSystemHeader())).bind("range"), this);
  Finder->addMatcher(expr(anyOf(callExpr(), cxxConstructExpr()),
                          unless(isExpansionInSystemHeader()))
                         .bind("call"),
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

/// Whether S only accumulates into variables declared before Loop:
/// `total += row[0].as<long>();`, `++count;`, `sum = sum + x;`.
static bool isAccumulation(const Stmt *S, const Stmt *Loop,
                           const SourceManager &SM) {
  auto OuterVar = [&](const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return Var && Var->getType().getNonReferenceType()->isArithmeticType() &&
           SM.isBeforeInTranslationUnit(Var->getLocation(),
                                        Loop->getBeginLoc());
  };
  S = S->IgnoreContainers();
  if (const auto *E = dyn_cast<Expr>(S))
    S = E->IgnoreImplicit(); // temporaries of the row accessors
  if (const auto *Compound = dyn_cast<CompoundAssignOperator>(S))
    return (Compound->getOpcode() == BO_AddAssign ||
            Compound->getOpcode() == BO_SubAssign) &&
           OuterVar(Compound->getLHS());
  if (const auto *Unary = dyn_cast<UnaryOperator>(S))
    return Unary->isIncrementOp() && OuterVar(Unary->getSubExpr());
  if (const auto *Assign = dyn_cast<BinaryOperator>(S))
    if (Assign->getOpcode() == BO_Assign && OuterVar(Assign->getLHS()))
      if (const auto *Sum =
              dyn_cast<BinaryOperator>(Assign->getRHS()->IgnoreParenImpCasts()))
        return Sum->getOpcode() == BO_Add &&
               (OuterVar(Sum->getLHS()) || OuterVar(Sum->getRHS()));
  return false;
}

void QueryInLoopCheck::checkAggregation(const CXXForRangeStmt *Loop,
                                        ASTContext &Ctx) {
  // Clear-cut only: the loop iterates the rows of a SELECT run for it, and
  // its whole body adds them up. Then SUM/COUNT in SQL returns one row
  // instead of all of them.
  const Expr *Range = Loop->getRangeInit();
  if (!Range || !Loop->getBody())
    return;
  std::optional<Classification> C =
      profiles().Classifier->classify(Range->IgnoreImplicit(), Ctx);
  if (!C || !C->Sql || C->Sql->Kind != SqlStatementKind::Select ||
      C->Sql->ForUpdate)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Body = Loop->getBody();
  unsigned Statements = 0;
  if (const auto *Block = dyn_cast<CompoundStmt>(Body)) {
    for (const Stmt *S : Block->body()) {
      if (!isAccumulation(S, Loop, SM))
        return;
      ++Statements;
    }
  } else {
    if (!isAccumulation(Body, Loop, SM))
      return;
    Statements = 1;
  }
  if (!Statements)
    return;
  auto Site = CallSite::from(Range->IgnoreImplicit());
  diag(Loop->getBeginLoc(),
       "this loop adds up every row of %0 in C++: all rows cross the network "
       "only to be summed, which grows with the table; compute it in SQL with "
       "SUM(...) or COUNT(*) and fetch one row")
      << (Site ? describeCall(*Site) : std::string("the query"));
  diag(Range->IgnoreImplicit()->getExprLoc(), "the rows come from this query",
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
