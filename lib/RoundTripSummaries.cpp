#include "lib/RoundTripSummaries.h"

#include "lib/LazyRelations.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Basic/SourceManager.h"

namespace dbtidy {

using namespace clang;

bool isPerIterationWork(CallKind Kind) {
  switch (Kind) {
  case CallKind::Query:
  case CallKind::FetchById:
  case CallKind::Insert:
  case CallKind::Update:
  case CallKind::Delete:
  case CallKind::Save:
  case CallKind::Execute:
  case CallKind::ExecutePrepared:
  case CallKind::Step:
  case CallKind::LazyLoad:
  case CallKind::RowLock:
    return true;
  default:
    return false;
  }
}

RoundTripSummaries::RoundTripSummaries(ASTContext &Ctx,
                                       const CallClassifier &Classifier,
                                       std::shared_ptr<const FactsIndex> Facts)
    : Ctx(Ctx), Classifier(Classifier), Facts(std::move(Facts)) {}

const RoundTripFact *
RoundTripSummaries::externalFact(const FunctionDecl *FD) const {
  if (!Facts || !FD || FD->hasBody())
    return nullptr;
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(FD, USR))
    return nullptr;
  return Facts->roundTripOf(USR);
}

bool RoundTripSummaries::hasUserBody(const FunctionDecl *FD) const {
  if (!FD)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return false;
  return !Ctx.getSourceManager().isInSystemHeader(Def->getLocation());
}

namespace {
/// Finds the first round trip in a body, in source order. Lambda bodies are
/// skipped: a lambda may be stored and run later, or never.
class FirstRoundTrip : public RecursiveASTVisitor<FirstRoundTrip> {
public:
  FirstRoundTrip(RoundTripSummaries &Summaries, const CallClassifier &C,
                 ASTContext &Ctx, const FunctionDecl *Self)
      : Summaries(Summaries), C(C), Ctx(Ctx), Self(Self) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *E) { return visit(E); }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) { return visit(E); }

  std::optional<RoundTripSummary> Found;

private:
  bool visit(Expr *E) {
    auto Site = CallSite::from(E);
    if (!Site)
      return true;
    if (auto Class = C.classify(*Site, Ctx)) {
      // Dereferencing a lazy pointer loads only when it is a relation
      // member; `p->title` on a loaded object sends nothing.
      if (Class->Kind == CallKind::LazyLoad && !relationLoadedBy(*Site, *Class))
        return true;
      if (isPerIterationWork(Class->Kind)) {
        Found = RoundTripSummary{E, *Class, {}};
        return false;
      }
      return true;
    }
    if (Site->Callee == Self)
      return true;
    if (!Summaries.hasUserBody(Site->Callee)) {
      if (const RoundTripFact *Fact = Summaries.externalFact(Site->Callee)) {
        RoundTripSummary S;
        S.External = Fact;
        S.Via.push_back(E);
        Found = std::move(S);
        return false;
      }
      return true;
    }
    if (const RoundTripSummary *Inner = Summaries.summaryOf(Site->Callee)) {
      RoundTripSummary S = *Inner;
      S.Via.insert(S.Via.begin(), E);
      Found = std::move(S);
      return false;
    }
    return true;
  }
  RoundTripSummaries &Summaries;
  const CallClassifier &C;
  ASTContext &Ctx;
  const FunctionDecl *Self;
};
} // namespace

const RoundTripSummary *RoundTripSummaries::summaryOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD)
    return nullptr;
  if (!FD->hasBody(Def) || !Def) {
    // Defined in another translation unit: the facts know.
    const FunctionDecl *Canonical = FD->getCanonicalDecl();
    auto It = Memo.find(Canonical);
    if (It != Memo.end())
      return It->second.Summary ? &*It->second.Summary : nullptr;
    Entry &E = Memo[Canonical];
    E.S = State::Done;
    if (const RoundTripFact *Fact = externalFact(FD)) {
      RoundTripSummary S;
      S.External = Fact;
      E.Summary = std::move(S);
    }
    return E.Summary ? &*E.Summary : nullptr;
  }
  auto It = Memo.find(Def);
  if (It != Memo.end()) {
    if (It->second.S == State::InProgress) {
      // A recursive call: "no round trip" is only provisional for every
      // function above Def on the stack.
      if (!LowestReached.empty())
        LowestReached.back() = std::min(LowestReached.back(), It->second.Depth);
      return nullptr;
    }
    const std::optional<RoundTripSummary> &Known = It->second.Summary;
    return Known ? &*Known : nullptr;
  }
  const unsigned Depth = LowestReached.size();
  Memo[Def].Depth = Depth;
  LowestReached.push_back(Depth);
  FirstRoundTrip Finder(*this, Classifier, Ctx, Def);
  // Member initialisers run before a constructor's body.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (!Finder.Found && Init->getInit() && Init->isWritten())
        Finder.TraverseStmt(Init->getInit());
  if (!Finder.Found)
    Finder.TraverseStmt(Def->getBody());
  const unsigned Lowest = LowestReached.back();
  LowestReached.pop_back();
  if (!Finder.Found && Lowest < Depth) {
    // Depends on a function still being summarised: forget the answer so a
    // later question recomputes it once that function is done.
    Memo.erase(Def);
    if (!LowestReached.empty())
      LowestReached.back() = std::min(LowestReached.back(), Lowest);
    return nullptr;
  }
  Entry &E = Memo[Def];
  E.S = State::Done;
  E.Summary = std::move(Finder.Found);
  return E.Summary ? &*E.Summary : nullptr;
}

} // namespace dbtidy
