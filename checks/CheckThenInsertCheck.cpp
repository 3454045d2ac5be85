#include "checks/CheckThenInsertCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::ast_matchers;
using clang::tidy::ClangTidyOptions;

namespace dbtidy {

struct CheckThenInsertCheck::TUState {
  ASTContext *Ctx = nullptr;
  std::unique_ptr<FlowContext> Flow;
  std::shared_ptr<const SqlSchema> Schema;
  OrmSchema Orm;
  std::set<unsigned> Reported;
  bool SourceDdlRead = false;
};

CheckThenInsertCheck::CheckThenInsertCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context),
      RawSchemaFiles(Options.get("SchemaFiles", "")) {}

CheckThenInsertCheck::~CheckThenInsertCheck() = default;

void CheckThenInsertCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  CheckBase::storeOptions(Opts);
  Options.store(Opts, "SchemaFiles", RawSchemaFiles);
}

void CheckThenInsertCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

CheckThenInsertCheck::TUState &CheckThenInsertCheck::state(ASTContext &Ctx) {
  if (!State || State->Ctx != &Ctx) {
    State = std::make_unique<TUState>();
    State->Ctx = &Ctx;
    const ProfileContext &P = profiles();
    State->Flow = std::make_unique<FlowContext>(Ctx, *P.Classifier);
    std::vector<std::string> Missing;
    State->Schema = loadSchemas(
        *P.Profiles, ProfileLoader::splitProfileList(RawSchemaFiles), Missing);
    for (const std::string &File : Missing)
      configurationDiag("cannot read schema file '%0' (db-check-then-insert "
                        "reads UNIQUE constraints from it)",
                        DiagnosticIDs::Error)
          << File;
  }
  return *State;
}

void CheckThenInsertCheck::onEndOfTranslationUnit() { State.reset(); }

// `CREATE TABLE` and `ALTER TABLE` statements the project's own code runs
// (a schema set up at start-up) declare keys just as a schema file does.
static std::shared_ptr<const SqlSchema>
withSourceDdl(std::shared_ptr<const SqlSchema> Schema, ASTContext &Ctx) {
  struct DdlFinder : RecursiveASTVisitor<DdlFinder> {
    const SourceManager &SM;
    std::vector<const StringLiteral *> Found;
    explicit DdlFinder(const SourceManager &SM) : SM(SM) {}
    bool VisitStringLiteral(const StringLiteral *S) {
      if (!S->isOrdinary() && !S->isUTF8())
        return true;
      if (SM.isInSystemHeader(SM.getExpansionLoc(S->getBeginLoc())))
        return true;
      llvm::StringRef Text = S->getString().ltrim();
      if (Text.starts_with_insensitive("CREATE ") ||
          Text.starts_with_insensitive("ALTER TABLE"))
        Found.push_back(S);
      return true;
    }
  };
  DdlFinder Finder(Ctx.getSourceManager());
  Finder.TraverseAST(Ctx);
  if (Finder.Found.empty())
    return Schema;
  auto Own = std::make_shared<SqlSchema>(*Schema);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const StringLiteral *S : Finder.Found) {
    PresumedLoc Where = SM.getPresumedLoc(SM.getExpansionLoc(S->getBeginLoc()));
    if (Where.isValid())
      Own->addDdl(S->getString(), Where.getFilename(), Where.getLine());
  }
  return Own;
}

void CheckThenInsertCheck::check(const MatchFinder::MatchResult &Result) {
  const Stmt *Body = nullptr;
  const Decl *Owner = nullptr;
  if (!matchedBody(Result, Body, Owner))
    return;
  TUState &S = state(*Result.Context);
  FunctionFlow &F = S.Flow->flowFor(Body, Owner);
  if (F.ops().size() < 2)
    return;
  if (!S.Orm.built())
    S.Orm.build(*S.Flow);
  if (!S.SourceDdlRead) {
    S.SourceDdlRead = true;
    S.Schema = withSourceDdl(S.Schema, *Result.Context);
  }
  for (const CheckThenInsert &C : findCheckThenInserts(F, *S.Schema, S.Orm))
    report(F, C);
}

static SourceLocation opLoc(const DbOp &Op) {
  return (Op.Site.Call ? Op.Site.Call : Op.Call)->getExprLoc();
}

static std::string columnList(const std::vector<std::string> &Columns) {
  std::string Out;
  for (const std::string &C : Columns)
    Out += (Out.empty() ? "" : ", ") + C;
  return Out.empty() ? std::string("the checked columns") : Out;
}

static std::string callName(const DbOp &Op) {
  if (Op.Site.Callee && Op.Site.Callee->getIdentifier())
    return "'" + Op.Site.Callee->getNameAsString() + "'";
  return "the call";
}

void CheckThenInsertCheck::report(FunctionFlow &F, const CheckThenInsert &C) {
  TUState &S = *State;
  SourceLocation Loc = opLoc(*C.Insert);
  if (!S.Reported.insert(Loc.getRawEncoding()).second)
    return;
  const bool Orm = !C.Insert->HasSql;

  // Backed by a unique constraint: the duplicate raises; say so once.
  if (C.Key || C.BackedByOrmKey || C.BackedByPrimaryKey) {
    std::string Backing =
        C.Key ? "the unique constraint " + C.Key->Table + "(" +
                    columnList(C.Key->Columns) + ") at " +
                    llvm::sys::path::filename(C.Key->File).str() + ":" +
                    std::to_string(C.Key->Line)
        : C.BackedByPrimaryKey ? std::string("the primary key")
                               : std::string("the unique constraint declared "
                                             "for (" +
                                             columnList(C.Columns) + ")");
    diag(Loc,
         "%0 inserts into '%1' after an existence check; %2 makes a "
         "concurrent duplicate fail with a unique violation instead of "
         "creating a second row, so under load one of two racing requests "
         "gets that error: handle it as 'already exists', or let one "
         "statement decide (INSERT ... ON CONFLICT DO NOTHING / DO UPDATE)",
         DiagnosticIDs::Remark)
        << callName(*C.Insert) << C.Table << Backing;
    return;
  }

  if (Orm)
    diag(Loc, "%0 inserts a new '%1' only when the query above found none, "
              "but nothing stops a concurrent request from inserting the same "
              "object in between (check-then-insert race): under load this "
              "creates duplicates; put a unique constraint on (%2) and insert "
              "in one statement that handles the conflict (the ORM's upsert "
              "or replace), or insert first and treat the unique violation "
              "as 'already exists'")
        << callName(*C.Insert) << C.Table << columnList(C.Columns);
  else
    diag(Loc, "INSERT into '%0' runs only when the SELECT above found no "
              "row, but nothing stops a concurrent request from inserting "
              "the same row in between (check-then-insert race): under load "
              "this creates duplicate rows; let one statement decide with a "
              "unique constraint on (%1) and INSERT ... ON CONFLICT DO "
              "NOTHING / DO UPDATE (INSERT OR IGNORE in SQLite), or insert "
              "first and treat the unique violation as 'already exists'")
        << C.Table << columnList(C.Columns);
  diag(opLoc(*C.Check), "the existence check runs here", DiagnosticIDs::Note);
  diag(C.Condition->getBeginLoc(), "the insert runs when this finds no row",
       DiagnosticIDs::Note);
}

} // namespace dbtidy
