#include "checks/SaveInHookCheck.h"

#include "lib/QualifiedName.h"
#include "lib/FixItSafety.h"
#include "lib/RaceFixes.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace dbtidy {

struct SaveInHookCheck::TUState {
  ASTContext *Ctx = nullptr;
  std::unique_ptr<FlowContext> Flow;
  OrmSchema Orm;
  std::set<const Stmt *> Analyzed;
  std::set<unsigned> Reported;
};

SaveInHookCheck::SaveInHookCheck(StringRef Name,
                                 clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context), Tidy(Context) {}

SaveInHookCheck::~SaveInHookCheck() = default;

void SaveInHookCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     this);
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
}

SaveInHookCheck::TUState &SaveInHookCheck::state(ASTContext &Ctx) {
  if (!State || State->Ctx != &Ctx) {
    State = std::make_unique<TUState>();
    State->Ctx = &Ctx;
    State->Flow = std::make_unique<FlowContext>(Ctx, *profiles().Classifier);
  }
  return *State;
}

void SaveInHookCheck::onEndOfTranslationUnit() { State.reset(); }

void SaveInHookCheck::check(const MatchFinder::MatchResult &Result) {
  TUState &S = state(*Result.Context);
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn")) {
    if (FD->isDependentContext() || !FD->hasBody())
      return;
    if (auto H = hookByProfile(FD, *profiles().Profiles, *Result.Context))
      analyze(*H);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call || Call->isTypeDependent() || Call->isValueDependent())
    return;
  const auto &C = S.Flow->classify(Call);
  if (!C || C->Kind != CallKind::HookRegister)
    return;
  for (const HookFunction &H : hooksRegisteredBy(Call, *C, *Result.Context))
    analyze(H);
}

void SaveInHookCheck::analyze(const HookFunction &H) {
  TUState &S = *State;
  if (!H.Body || !S.Analyzed.insert(H.Body).second)
    return;
  FunctionFlow &F = S.Flow->flowFor(H.Body, H.Owner);
  if (F.ops().empty())
    return;
  for (const HookWrite &W : analyzeHook(F, H, Race))
    report(F, H, W);
}

static std::string className(QualType T) {
  const CXXRecordDecl *RD = classInside(T);
  return RD ? RD->getNameAsString() : "";
}

/// "every time a 'Comment' is inserted", from the hook's event.
static std::string eventPhrase(const HookFunction &H) {
  std::string Class = className(H.Entity);
  bool Vowel =
      !Class.empty() && llvm::StringRef("AEIOUaeiou").contains(Class.front());
  std::string Object = Class.empty() ? "an object"
                       : Vowel       ? "an '" + Class + "'"
                                     : "a '" + Class + "'";
  llvm::StringRef E = H.Event;
  std::string What = E.ends_with("insert")   ? "inserted"
                     : E.ends_with("update") ? "updated"
                     : E.ends_with("delete") ? "deleted"
                                             : "written";
  return "every time " + Object + " is " + What;
}

static SourceLocation opLoc(const DbOp &Op) {
  return (Op.Site.Call ? Op.Site.Call : Op.Call)->getExprLoc();
}

static std::string callName(const DbOp &Op) {
  if (Op.HasSql && Op.Sql.Parsed)
    return "this " + sqlKindName(Op.Sql.Kind).str();
  if (Op.Site.Callee && Op.Site.Callee->getIdentifier())
    return "'" + Op.Site.Callee->getNameAsString() + "'";
  return "this call";
}

void SaveInHookCheck::report(FunctionFlow &F, const HookFunction &H,
                             const HookWrite &W) {
  TUState &S = *State;
  const DbOp &Op = *W.Op;
  SourceLocation Loc = opLoc(Op);
  if (!S.Reported.insert(Loc.getRawEncoding()).second)
    return;
  std::string Target = Op.HasSql ? Op.Sql.Table : "";
  if (Target.empty() && W.Target)
    Target = className(W.Target->getType());
  if (Target.empty() && !Op.Entity.isNull())
    Target = className(Op.Entity);
  if (Target.empty())
    Target = "object";
  const std::string Event = eventPhrase(H);
  const bool Sql = Op.HasSql;
  char AtomicOp = H.Event == "after-delete" ? '-' : '+';
  bool Counting = H.Event == "after-insert" || H.Event == "after-delete";

  std::vector<FixItHint> Fixes;
  bool FixInMacro = false;
  std::string Atomic;
  std::string Field = W.Field    ? W.Field->Spelling
                      : W.Assign ? W.Assign->Column
                                 : std::string();
  if (!Sql &&
      (W.K == HookWrite::Kind::Recount || W.K == HookWrite::Kind::Increment)) {
    if (!S.Orm.built())
      S.Orm.build(*S.Flow);
    Atomic = atomicFormHint(F, S.Orm, Op, Target, Field);
  }
  if (Atomic.empty() && !Field.empty()) {
    // A member name is no column name unless the schema maps it.
    std::string Column = Sql ? Field : "<column>";
    if (!Sql && W.Field && W.Field->Member) {
      if (!S.Orm.built())
        S.Orm.build(*S.Flow);
      std::string Mapped = S.Orm.columnOf(W.Field->Member);
      if (!Mapped.empty())
        Column = Mapped;
    }
    Atomic = "UPDATE " + (Sql ? Op.Sql.Table : std::string("...")) + " SET " +
             Column + " = " + Column + " + 1 WHERE ...";
  }

  switch (W.K) {
  case HookWrite::Kind::SaveOther:
    diag(Loc, "%0 saves the whole '%1' object inside %2, "
              "so %3 another row is rewritten and row-locked in the middle "
              "of the ORM's flush and more hooks may fire: under load one "
              "write becomes several, each holding its locks longer; do this "
              "write in the service code, in the same transaction, as one "
              "targeted UPDATE of the columns that change")
        << callName(Op) << Target << H.Description << Event;
    break;
  case HookWrite::Kind::Delete:
    diag(Loc, "%0 deletes %1 inside %2: a hook that deletes "
              "rows as a side effect of a write destroys data whenever it "
              "fires in a case its author did not foresee (a status change, "
              "a retry, a bulk update), and under load it locks other rows "
              "in the middle of the flush; delete explicitly in the service "
              "code, where the intent is visible")
        << callName(Op)
        << (Target == "object" ? std::string("an object")
                               : "'" + Target + "' rows")
        << H.Description;
    break;
  case HookWrite::Kind::Recount: {
    if (Counting && W.Count) {
      if (!Sql && W.Load && W.Field) {
        if (!S.Orm.built())
          S.Orm.build(*S.Flow);
        Fixes = ormRecountFix(F, S.Orm, H.Entity, *W.Load, Op, *W.Field,
                              *W.Count, AtomicOp, &FixInMacro);
      } else if (Sql && W.Assign && W.Binding) {
        // The count must be keyed like the UPDATE.
        bool SameKey = false;
        if (W.Count->HasSql && W.Count->Sql.WhereEq.size() == 1 &&
            Op.Sql.WhereEq.size() == 1 &&
            W.Count->Sql.WhereEq[0].Value.K == SqlValue::Kind::Param &&
            Op.Sql.WhereEq[0].Value.K == SqlValue::Kind::Param)
          SameKey = sameKeyValue(
              S.Flow->ast(),
              W.Count->valueFor(W.Count->Sql.WhereEq[0].Value.Param),
              Op.valueFor(Op.Sql.WhereEq[0].Value.Param));
        if (SameKey)
          Fixes = sqlRecountFix(F, Op, *W.Assign, W.Param, *W.Binding, *W.Count,
                                AtomicOp, &FixInMacro);
      }
    }
    auto D = diag(Loc, "%0 stores '%1.%2' recounted by a query inside "
                       "%3: %4 a count runs and the '%1' row "
                       "is rewritten under an exclusive lock, and two "
                       "concurrent writes each count without the other's row "
                       "and store a stale number; maintain the counter "
                       "atomically in the database instead ('%5')")
             << callName(Op) << Target << Field << H.Description << Event
             << Atomic;
    attachFixes(D, Fixes, FixInMacro);
    break;
  }
  case HookWrite::Kind::Increment: {
    // db-read-modify-write reports the same lost update at the same call
    // with the same fix; two identical fix-its overlap, and clang-tidy then
    // drops both, so with both checks on only that one carries it.
    if (W.Inc && !W.Inc->ThroughVariable &&
        !Tidy->isCheckEnabled("db-read-modify-write")) {
      if (!Sql && W.Load && W.Field) {
        if (!S.Orm.built())
          S.Orm.build(*S.Flow);
        std::string Amount =
            W.Inc->Amount ? exprText(F, W.Inc->Amount) : std::string("1");
        Fixes = ormIncrementFix(F, S.Orm, *W.Load, Op, *W.Field, W.Inc->Op,
                                Amount, &FixInMacro);
      } else if (Sql && W.Assign && W.Inc->Amount) {
        Fixes = sqlIncrementFix(F, Op, *W.Assign, W.Param, Op.valueFor(W.Param),
                                *W.Inc, &FixInMacro);
      }
    }
    auto D = diag(Loc, "%0 stores '%1.%2' changed in C++ from its loaded "
                       "value inside %3: two concurrent "
                       "writes both load the old value and one change is "
                       "lost, and %4 the whole '%1' row is rewritten under an "
                       "exclusive lock; increment it atomically in the "
                       "database instead ('%5')")
             << callName(Op) << Target << Field << H.Description << Event
             << Atomic;
    attachFixes(D, Fixes, FixInMacro);
    break;
  }
  }

  if (FixInMacro)
    diag(Loc, MacroFixNote, DiagnosticIDs::Note);
  // Notes: where the counter comes from, then the hook itself.
  if (W.K == HookWrite::Kind::Recount && W.Count)
    diag(opLoc(*W.Count), "the count runs here", DiagnosticIDs::Note);
  else if (W.Load)
    diag(opLoc(*W.Load), "'%0' is loaded here", DiagnosticIDs::Note)
        << W.Target->getName();
  else if (W.K == HookWrite::Kind::Increment && W.Count)
    diag(opLoc(*W.Count), "the old value is read here", DiagnosticIDs::Note);
  if (W.Field)
    diag(W.Field->Write->getBeginLoc(), "'%0' is set here", DiagnosticIDs::Note)
        << W.Field->Spelling;
  if (H.Registration)
    diag(H.Registration->getExprLoc(), "the hook is registered here, to run %0",
         DiagnosticIDs::Note)
        << Event;
  else if (H.Owner)
    diag(H.Owner->getLocation(), "this is %0: it runs %1", DiagnosticIDs::Note)
        << H.Description << Event;
}

} // namespace dbtidy
