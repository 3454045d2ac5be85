#include "checks/LazyLoadInLoopCheck.h"

#include "lib/FixItSafety.h"
#include "lib/LazyRelations.h"
#include "lib/QualifiedName.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;
using clang::tidy::ClangTidyOptions;

namespace dbtidy {

LazyLoadInLoopCheck::LazyLoadInLoopCheck(StringRef Name,
                                         clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context) {}

LazyLoadInLoopCheck::~LazyLoadInLoopCheck() = default;

void LazyLoadInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeLoopOptions(Opts);
}

void LazyLoadInLoopCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
  Finder->addMatcher(
      cxxForRangeStmt(unless(isExpansionInSystemHeader())).bind("range"), this);
}

void LazyLoadInLoopCheck::onEndOfTranslationUnit() {
  Loops.reset();
  Reported.clear();
  Ctx = nullptr;
}

void LazyLoadInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  if (Ctx != Result.Context) {
    Ctx = Result.Context;
    Loops = std::make_unique<LoopAnalysis>(*Ctx, *profiles().Classifier,
                                           loopOptions());
    Reported.clear();
  }
  if (const auto *Call = Result.Nodes.getNodeAs<Expr>("call"))
    checkLoad(Call, *Ctx);
  if (const auto *Range = Result.Nodes.getNodeAs<CXXForRangeStmt>("range"))
    checkRelationLoop(Range, *Ctx);
}

bool LazyLoadInLoopCheck::perIteration(const VarDecl *V, const Stmt *Loop,
                                       ASTContext &Ctx) const {
  if (!V || !V->isLocalVarDeclOrParm() || isa<ParmVarDecl>(V))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Range = Loop->getSourceRange();
  SourceLocation L = SM.getExpansionLoc(V->getLocation());
  return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Range.getBegin()),
                                      L) &&
         SM.isBeforeInTranslationUnit(L, SM.getExpansionLoc(Range.getEnd()));
}

const Expr *LazyLoadInLoopCheck::producerOf(const Stmt *Loop) {
  if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return Range->getRangeInit();
  return nullptr;
}

static std::string substitute(std::string Template, StringRef Key,
                              StringRef Value) {
  for (size_t Pos = Template.find(Key.str()); Pos != std::string::npos;
       Pos = Template.find(Key.str(), Pos + Value.size()))
    Template.replace(Pos, Key.size(), Value.str());
  return Template;
}

bool LazyLoadInLoopCheck::addEagerFix(DiagnosticBuilder &Diag,
                                      const LoopFacts &Loop, StringRef Relation,
                                      ASTContext &Ctx) {
  const Expr *Producer = producerOf(Loop.Loop);
  if (!Producer)
    return false;
  const auto *Call = dyn_cast<CallExpr>(Producer->IgnoreImplicit());
  if (!Call || !Call->getDirectCallee())
    return false;
  // Only a call that passes no arguments of its own: `Post::all()`.
  for (const Expr *Arg : Call->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      return false;
  const auto *Callee = Call->getDirectCallee();
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreImplicit());
  if (!Ref || !Ref->getQualifier())
    return false;
  const CXXRecordDecl *Class = Ref->getQualifier()->getAsRecordDecl();
  if (!Class)
    return false;
  for (const auto &P : profiles().Profiles->profiles())
    for (const CallRule &Rule : P->Calls) {
      if (Rule.Kind != CallKind::EagerLoad || Rule.Replaces.empty() ||
          !matchesNamePattern(Rule.Replaces, profileName(Callee)))
        continue;
      const SourceManager &SM = Ctx.getSourceManager();
      CharSourceRange Range =
          CharSourceRange::getTokenRange(Call->getSourceRange());
      if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
        return true;
      StringRef ClassText =
          Lexer::getSourceText(CharSourceRange::getTokenRange(
                                   Ref->getQualifierLoc().getSourceRange()),
                               SM, Ctx.getLangOpts());
      ClassText.consume_back("::");
      std::string Text = substitute(Rule.Rewrite, "{class}", ClassText);
      Text = substitute(Text, "{relation}", Relation);
      bool TouchesMacro = false;
      attachFixes(Diag, FixItHint::CreateReplacement(Range, Text),
                  TouchesMacro);
      return TouchesMacro;
    }
  return false;
}

void LazyLoadInLoopCheck::checkLoad(const Expr *E, ASTContext &Ctx) {
  std::optional<CallSite> Site = CallSite::from(E);
  if (!Site)
    return;
  std::optional<Classification> C = profiles().Classifier->classify(*Site, Ctx);
  if (!C || (C->Kind != CallKind::LazyLoad && C->Kind != CallKind::EagerRead))
    return;
  std::optional<RelationAccess> Access = relationLoadedBy(*Site, *C);
  if (!Access)
    return;
  std::optional<LoopFacts> Loop = Loops->repeatingLoopAround(E);
  if (!Loop)
    return;
  // Per row only when the owner changes with the iteration; a relation of
  // an object loaded before the loop is loaded once.
  const VarDecl *Root = rootVariable(Access->Owner);
  const Stmt *Scope = Loop->Lambda ? Loop->Lambda->getBody() : Loop->Loop;
  if (!perIteration(Root, Scope, Ctx))
    return;
  if (eagerLoads(producerOf(Loop->Loop), Access->Name, *profiles().Classifier,
                 Ctx))
    return;
  if (C->Kind == CallKind::EagerRead) {
    checkEagerRead(*Access, *C, *Loop, Root, Ctx);
    return;
  }
  if (!Reported.insert(Access->Where.getRawEncoding()).second)
    return;
  std::string Hint =
      C->Rule && !C->Rule->EagerHint.empty()
          ? substitute(C->Rule->EagerHint, "{relation}", Access->Name)
          : "load it with the query that produces the rows (a JOIN or the "
            "library's eager-loading form)";
  bool FixInMacro = false;
  {
    DiagnosticBuilder Diag =
        diag(Access->Where,
             "relation '%0' is loaded lazily once per loop iteration (N+1 "
             "queries): every row sends its own SELECT, so round trips grow "
             "with the number of rows; %1")
        << Access->Name << Hint;
    FixInMacro = addEagerFix(Diag, *Loop, Access->Name, Ctx);
  }
  if (FixInMacro)
    diag(Access->Where, MacroFixNote, DiagnosticIDs::Note);
  noteLoop(*Loop, "the loop runs once per row");
}

/// Whether a lazy load inside Loop goes through Root: `post.load("author")`
/// before `post.getRelation(...)` loads what the read needs.
static bool loadsThroughInLoop(const Stmt *Loop, const VarDecl *Root,
                               const CallClassifier &Classifier,
                               ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 32> Work{Loop};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (std::optional<CallSite> Site = CallSite::from(Call))
        if (std::optional<Classification> C = Classifier.classify(*Site, Ctx))
          if (C->Kind == CallKind::LazyLoad && Site->Object &&
              rootVariable(Site->Object) == Root)
            return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

void LazyLoadInLoopCheck::checkEagerRead(const RelationAccess &Access,
                                         const Classification &C,
                                         const LoopFacts &Loop,
                                         const VarDecl *Root,
                                         ASTContext &Ctx) {
  // Certain only when the rows come straight from a query this loop sees
  // whole: the loop variable of a range-for over a query call, or over a
  // local result nothing else touches (a collection load("rel") between
  // the query and the loop would have loaded the relation).
  const auto *Range = dyn_cast<CXXForRangeStmt>(Loop.Loop);
  if (!Range || Loop.Lambda || Range->getLoopVariable() != Root)
    return;
  const Expr *Producer = Range->getRangeInit();
  if (const VarDecl *Result = resultIteratedOnlyHere(Producer))
    Producer = Result->getInit();
  else if (isa<DeclRefExpr>(Producer->IgnoreParenImpCasts()))
    return;
  std::optional<CallSite> Query = CallSite::from(Producer->IgnoreImplicit());
  if (!Query)
    return;
  std::optional<Classification> Fetch =
      profiles().Classifier->classify(*Query, Ctx);
  if (!Fetch || !isRoundTrip(Fetch->Kind) || Fetch->isWrite())
    return;
  if (loadsThroughInLoop(Range->getBody(), Root, *profiles().Classifier, Ctx))
    return;
  if (!Reported.insert(Access.Where.getRawEncoding()).second)
    return;
  std::string Hint =
      C.Rule && !C.Rule->EagerHint.empty()
          ? substitute(C.Rule->EagerHint, "{relation}", Access.Name)
          : "eager-load it with the query that produces the rows";
  bool FixInMacro = false;
  {
    DiagnosticBuilder Diag =
        diag(Access.Where,
             "relation '%0' is read with '%1', which only returns relations "
             "the query eager-loaded, but the query that produces the loop "
             "does not load '%0': the call fails on the first row; %2")
        << Access.Name << lastNameComponent(C.Rule->Pattern) << Hint;
    FixInMacro = addEagerFix(Diag, Loop, Access.Name, Ctx);
  }
  if (FixInMacro)
    diag(Access.Where, MacroFixNote, DiagnosticIDs::Note);
  diag(Producer->IgnoreImplicit()->getExprLoc(),
       "the rows come from this query, which does not eager-load '%0'",
       DiagnosticIDs::Note)
      << Access.Name;
}

void LazyLoadInLoopCheck::checkRelationLoop(const CXXForRangeStmt *Inner,
                                            ASTContext &Ctx) {
  // `for (auto &c : post->comments)` inside a loop over posts: a hasMany
  // collection member is fetched when iterated, once per outer row.
  const Expr *Range = Inner->getRangeInit();
  if (!Range)
    return;
  const Expr *Stripped = Range->IgnoreImplicit();
  const auto *Member = dyn_cast<MemberExpr>(Stripped);
  if (!Member || !isa<FieldDecl>(Member->getMemberDecl()) ||
      !profiles().Classifier->roleOf(Member->getType(), TypeRole::ResultSet))
    return;
  std::optional<LoopFacts> Outer = Loops->repeatingLoopAround(Inner);
  if (!Outer)
    return;
  const Stmt *Scope = Outer->Lambda ? Outer->Lambda->getBody() : Outer->Loop;
  if (!perIteration(rootVariable(Member->getBase()), Scope, Ctx))
    return;
  std::string Relation = Member->getMemberDecl()->getNameAsString();
  if (eagerLoads(producerOf(Outer->Loop), Relation, *profiles().Classifier,
                 Ctx))
    return;
  if (!Reported.insert(Range->getExprLoc().getRawEncoding()).second)
    return;
  diag(Member->getMemberLoc(),
       "relation '%0' is fetched each time the outer loop iterates it (N+1 "
       "queries): every outer row sends its own SELECT for its '%0'; fetch "
       "the related rows for all outer rows in one query (a JOIN, or "
       "'WHERE parent_id IN (...)') before the loop")
      << Relation;
  noteLoop(*Outer, "the outer loop");
}

} // namespace dbtidy
