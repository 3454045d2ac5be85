#include "lib/FactsCollector.h"

#include "lib/LockSets.h"
#include "lib/QualifiedName.h"
#include "lib/RoundTripSummaries.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

namespace dbtidy {

using namespace clang;

namespace {
class DefinitionVisitor : public RecursiveASTVisitor<DefinitionVisitor> {
public:
  DefinitionVisitor(ASTContext &Ctx, RoundTripSummaries &Summaries,
                    FactsIndex &Out)
      : Ctx(Ctx), Summaries(Summaries), Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
      return true;
    // Only functions another TU can call by name.
    const auto *Method = dyn_cast<CXXMethodDecl>(FD);
    if (!FD->isExternallyVisible() ||
        (Method && Method->getParent()->isLambda()))
      return true;
    const RoundTripSummary *Summary = Summaries.summaryOf(FD);
    if (!Summary || Summary->External)
      return true;
    llvm::SmallString<128> USR;
    if (index::generateUSRForDecl(FD, USR))
      return true;
    RoundTripFact Fact;
    Fact.USR = USR.str().str();
    Fact.Function = profileName(FD);
    const SourceManager &SM = Ctx.getSourceManager();
    PresumedLoc Loc =
        SM.getPresumedLoc(SM.getFileLoc(Summary->RoundTrip->getExprLoc()));
    if (Loc.isValid()) {
      Fact.File = Loc.getFilename();
      Fact.Line = Loc.getLine();
      Fact.Column = Loc.getColumn();
    }
    if (auto Site = CallSite::from(Summary->RoundTrip))
      Fact.Callee = Site->Callee->getNameAsString();
    Fact.Kind = Summary->Class.Kind;
    Fact.Write = Summary->Class.isWrite();
    for (const Expr *Via : Summary->Via)
      if (auto Site = CallSite::from(Via))
        Fact.Via.push_back(profileName(Site->Callee));
    Out.add(std::move(Fact));
    return true;
  }

private:
  ASTContext &Ctx;
  RoundTripSummaries &Summaries;
  FactsIndex &Out;
};
} // namespace

void collectFacts(ASTContext &Ctx, const CallClassifier &Classifier,
                  FactsIndex &Out) {
  RoundTripSummaries Summaries(Ctx, Classifier);
  DefinitionVisitor Visitor(Ctx, Summaries, Out);
  Visitor.TraverseDecl(Ctx.getTranslationUnitDecl());
  LockAnalysis Locks(Ctx, Classifier);
  Locks.exportFacts(Out);
}

} // namespace dbtidy
