#include "checks/ReadModifyWriteCheck.h"

#include "lib/FixItSafety.h"
#include "lib/RaceFixes.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;
using clang::tidy::ClangTidyOptions;

namespace dbtidy {

struct ReadModifyWriteCheck::TUState {
  ASTContext *Ctx = nullptr;
  std::unique_ptr<FlowContext> Flow;
  OrmSchema Orm;
  std::set<std::pair<unsigned, std::string>> Reported;
};

static std::string joinList(const std::vector<std::string> &Items) {
  std::string Out;
  for (const std::string &Item : Items)
    Out += (Out.empty() ? "" : ";") + Item;
  return Out;
}

ReadModifyWriteCheck::ReadModifyWriteCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context),
      RawVersionColumns(Options.get("VersionColumns",
                                    joinList(RaceOptions().VersionColumns))) {
  Race.VersionColumns = ProfileLoader::splitProfileList(RawVersionColumns);
}

ReadModifyWriteCheck::~ReadModifyWriteCheck() = default;

void ReadModifyWriteCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CheckBase::storeOptions(Opts);
  Options.store(Opts, "VersionColumns", RawVersionColumns);
}

void ReadModifyWriteCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

ReadModifyWriteCheck::TUState &ReadModifyWriteCheck::state(ASTContext &Ctx) {
  if (!State || State->Ctx != &Ctx) {
    State = std::make_unique<TUState>();
    State->Ctx = &Ctx;
    State->Flow = std::make_unique<FlowContext>(Ctx, *profiles().Classifier);
  }
  return *State;
}

void ReadModifyWriteCheck::onEndOfTranslationUnit() { State.reset(); }

void ReadModifyWriteCheck::check(const MatchFinder::MatchResult &Result) {
  const Stmt *Body = nullptr;
  const Decl *Owner = nullptr;
  if (!matchedBody(Result, Body, Owner))
    return;
  TUState &S = state(*Result.Context);
  FunctionFlow &F = S.Flow->flowFor(Body, Owner);
  if (F.ops().size() < 2)
    return;
  for (const LostUpdate &LU : findLostUpdates(F, Race))
    report(F, LU);
}

/// Where an operation is named in notes: the call (for `sql << "...", ...`
/// chains, the `<<` carrying the SQL).
static SourceLocation readLoc(const DbOp &Op) {
  return (Op.Site.Call ? Op.Site.Call : Op.Call)->getExprLoc();
}

static std::string suggestionFor(const LostUpdate &LU) {
  std::string Col = LU.Column;
  if (LU.Inc && !LU.OldValueGuards)
    return "let the database compute it in the UPDATE: 'SET " + Col + " = " +
           Col + " " + std::string(1, LU.Inc->Op) + " ...'";
  if (LU.Inc)
    return "let the database compute it and keep the check atomic: 'SET " +
           Col + " = " + Col + " " + std::string(1, LU.Inc->Op) +
           " ... WHERE ... AND <the check>', then test the number of "
           "updated rows; or read the row with SELECT ... FOR UPDATE in the "
           "same transaction";
  return "compute the new value in the UPDATE itself, or read the row with "
         "SELECT ... FOR UPDATE in the same transaction, or add a version "
         "check to the UPDATE's WHERE clause";
}

void ReadModifyWriteCheck::report(FunctionFlow &F, const LostUpdate &LU) {
  TUState &S = *State;
  const Expr *At = LU.Write->Site.Call ? LU.Write->Site.Call : LU.Write->Call;
  SourceLocation Loc = At->getExprLoc();
  if (!S.Reported.insert({Loc.getRawEncoding(), LU.Column}).second)
    return;

  bool FixInMacro = false;
  if (!LU.Orm) {
    std::vector<FixItHint> Fixes;
    if (LU.Inc && !LU.OldValueGuards && LU.Assign && !LU.LockReleasedBy &&
        !LU.LockInAutocommit)
      Fixes = sqlIncrementFix(F, *LU.Write, *LU.Assign, LU.Param, LU.ComputedAt,
                              *LU.Inc, &FixInMacro);
    bool LockGone = LU.LockReleasedBy || LU.LockInAutocommit;
    {
      auto D = diag(Loc, "'%0.%1' is written back with a value computed in C++ "
                         "from the value %2 (lost update): two concurrent "
                         "requests read the same old value and one of the "
                         "updates is silently lost; %3")
               << LU.Table << LU.Column
               << (LockGone ? "read by SELECT ... FOR UPDATE, but the row lock "
                              "is gone before the write"
                            : "read by the SELECT above, with no row lock in "
                              "between")
               << (LockGone ? std::string("keep the SELECT ... FOR UPDATE and "
                                          "the UPDATE in one transaction, or "
                                          "let the database compute the value")
                            : suggestionFor(LU));
      attachFixes(D, Fixes, FixInMacro);
    }
    if (FixInMacro)
      diag(Loc, MacroFixNote, DiagnosticIDs::Note);
    if (LU.LockInAutocommit)
      diag(readLoc(*LU.Read),
           "'%0' is read here with FOR UPDATE, but this connection commits "
           "every statement by itself, so the lock ends with the SELECT",
           DiagnosticIDs::Note)
          << LU.Column;
    else if (LU.LockReleasedBy)
      diag(readLoc(*LU.Read), "'%0' is read here with FOR UPDATE",
           DiagnosticIDs::Note)
          << LU.Column;
    else
      diag(readLoc(*LU.Read), "'%0' is read here, without a row lock",
           DiagnosticIDs::Note)
          << LU.Column;
    if (LU.LockReleasedBy)
      diag(LU.LockReleasedBy->getExprLoc(),
           "the transaction ends here, releasing the row lock before the "
           "UPDATE",
           DiagnosticIDs::Note);
    diag(LU.ComputedAt->getBeginLoc(), "the new value is computed from it here",
         DiagnosticIDs::Note);
    return;
  }

  // ORM objects.
  if (LU.Versioned) {
    // Not lost: the version check turns the race into an error the caller
    // must handle, which under load is a steady rate of failed requests.
    diag(Loc,
         "'%0.%1' is loaded, changed in C++ and saved back; the version check "
         "makes a concurrent change fail (Wt::Dbo's StaleObjectException, ODB's "
         "object_changed) instead of being lost, so under load one of two "
         "concurrent requests gets that error: retry the transaction when it "
         "happens, or increment it in the database with one statement",
         DiagnosticIDs::Remark)
        << LU.Table << LU.Column;
    noteOrmLoadAndChange(LU);
    return;
  }
  std::vector<FixItHint> Fixes;
  if (LU.Inc && !LU.OldValueGuards && !LU.Inc->ThroughVariable) {
    if (!S.Orm.built())
      S.Orm.build(*S.Flow);
    std::string Amount =
        LU.Inc->Amount ? exprText(F, LU.Inc->Amount) : std::string("1");
    Fixes = ormIncrementFix(F, S.Orm, *LU.Read, *LU.Write, *LU.Field,
                            LU.Inc->Op, Amount, &FixInMacro);
  }
  std::string Hint;
  if (LU.Inc && !LU.OldValueGuards) {
    if (!S.Orm.built())
      S.Orm.build(*S.Flow);
    Hint = atomicFormHint(F, S.Orm, *LU.Write, LU.Table, LU.Column);
  }
  // The column as the database knows it, when the schema is declared in
  // C++ (sqlite_orm); a member name is no column name.
  std::string Column = "<column>";
  if (LU.Field && LU.Field->Member) {
    if (!S.Orm.built())
      S.Orm.build(*S.Flow);
    std::string Mapped = S.Orm.columnOf(LU.Field->Member);
    if (!Mapped.empty())
      Column = Mapped;
  }
  std::string Suggestion =
      !Hint.empty() ? "increment it in the database instead: '" + Hint + "'"
      : LU.Inc && !LU.OldValueGuards
          ? "increment it in the database with one statement ('UPDATE ... "
            "SET " +
                Column + " = " + Column + " " + std::string(1, LU.Inc->Op) +
                " ... WHERE id = ...'), or lock the row when loading it"
          : "lock the row when loading it (SELECT ... FOR UPDATE in the same "
            "transaction), add a version column, or compute the new value in "
            "one UPDATE";
  {
    auto D = diag(Loc, "'%0.%1' is loaded, changed in C++ and saved back "
                       "with no row lock or version check (lost update): "
                       "two concurrent requests load the same old value and "
                       "one of the changes is silently lost; %2")
             << LU.Table << LU.Column << Suggestion;
    attachFixes(D, Fixes, FixInMacro);
  }
  if (FixInMacro)
    diag(Loc, MacroFixNote, DiagnosticIDs::Note);
  noteOrmLoadAndChange(LU);
}

void ReadModifyWriteCheck::noteOrmLoadAndChange(const LostUpdate &LU) {
  diag(readLoc(*LU.Read), "'%0' is loaded here, without a row lock",
       DiagnosticIDs::Note)
      << LU.Entity->getName();
  diag(LU.ComputedAt->getExprLoc(),
       "'%0' is changed here from its loaded value", DiagnosticIDs::Note)
      << LU.Column;
}

} // namespace dbtidy
