#include "checks/LockOrderCheck.h"

#include "lib/CallClassifier.h"
#include "lib/FactsCollector.h"
#include "lib/FixItSafety.h"
#include "lib/LockSets.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <map>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace dbtidy {

LockOrderCheck::LockOrderCheck(StringRef Name,
                               clang::tidy::ClangTidyContext *Context)
    : CheckBase(Name, Context),
      FactsOutput(Options.getLocalOrGlobal("DbTidyFactsOutput", "")) {}

void LockOrderCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  // DbTidyFactsOutput is global, like DbTidyFacts; not stored per check.
}

void LockOrderCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void LockOrderCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
}

std::vector<DeclaredOrder> LockOrderCheck::configuredOrders() {
  std::vector<DeclaredOrder> Out;
  for (const auto &P : profiles().Profiles->profiles())
    for (size_t C = 0; C < P->LockOrders.size(); ++C) {
      const std::vector<std::string> &Chain = P->LockOrders[C];
      SourcePos Where;
      Where.File = P->SourceFile;
      if (C < P->LockOrderPositions.size()) {
        Where.Line = P->LockOrderPositions[C].Line;
        Where.Column = P->LockOrderPositions[C].Column;
      }
      const std::string Origin =
          "lock-order in " + llvm::sys::path::filename(P->SourceFile).str();
      for (size_t I = 0; I < Chain.size(); ++I)
        for (size_t J = I + 1; J < Chain.size(); ++J)
          Out.push_back({Chain[I], Chain[J], Where, Origin});
    }
  return Out;
}

void LockOrderCheck::emit(const LockReport &R, const LockAnalysis &Analysis) {
  SourceManager &SM = Ctx->getSourceManager();
  SourceLocation At = locationIn(SM, R.At.File, R.At.Line, R.At.Column);
  if (At.isInvalid())
    return;
  bool FixInMacro = false;
  {
    auto D = diag(At, "%0") << R.Message;
    if (R.Edge)
      if (const LockAnalysis::GuardFix *Fix = Analysis.fixFor(*R.Edge))
        attachFixes(D, FixItHint::CreateReplacement(Fix->Range, Fix->Text),
                    FixInMacro);
  }
  if (FixInMacro)
    diag(At, MacroFixNote, DiagnosticIDs::Note);
  for (const auto &Note : R.Notes) {
    SourceLocation Where = locationIn(SM, Note.first.File, Note.first.Line,
                                      Note.first.Column);
    if (Where.isValid())
      diag(Where, "%0", DiagnosticIDs::Note) << Note.second;
    else if (Note.first.valid())
      diag(At, "%0 (at %1:%2)", DiagnosticIDs::Note)
          << Note.second << Note.first.File << Note.first.Line;
  }
}

void LockOrderCheck::writeFacts(const LockAnalysis &Analysis) {
  std::string Error;
  if (std::error_code EC = llvm::sys::fs::create_directories(FactsOutput)) {
    configurationDiag("cannot write dbtidy facts to '%0': %1",
                      DiagnosticIDs::Error)
        << FactsOutput << EC.message();
    return;
  }
  FactsIndex Facts;
  collectFacts(*Ctx, *profiles().Classifier, Facts);
  const std::string &TU = Analysis.translationUnit();
  llvm::SmallString<256> Path(FactsOutput);
  llvm::sys::path::append(
      Path, llvm::sys::path::filename(TU) + "-" +
                llvm::utohexstr(llvm::xxh3_64bits(TU)) + ".json");
  if (!Facts.write(Path, Error))
    configurationDiag("cannot write dbtidy facts: %0", DiagnosticIDs::Error)
        << Error;
}

void LockOrderCheck::onEndOfTranslationUnit() {
  if (!Ctx)
    return;
  LockAnalysis Analysis(*Ctx, *profiles().Classifier, facts());
  Analysis.analyzeTranslationUnit();
  LockGraph Graph;
  for (const LockEdge &E : Analysis.edges())
    Graph.add(E);
  if (std::shared_ptr<const FactsIndex> Facts = facts()) {
    for (LockEdge &E : Facts->resolvedLockEdges())
      Graph.add(std::move(E));
    // The findings below depend on the other TUs' edges only through the
    // cycles that pass through this TU's own edges.
    if (FactsQueryLog *Log = FactsQueryLog::current())
      Log->record("lock-cycles",
                  lockCyclesAnswer(Graph, [](const LockEdge &E) {
                    return E.Local;
                  }));
  }

  std::vector<DeclaredOrder> Orders = Analysis.declaredOrders();
  for (DeclaredOrder &O : configuredOrders())
    Orders.push_back(std::move(O));
  std::map<size_t, const DeclaredOrder *> Violations;
  if (!Orders.empty())
    for (const auto &V : Graph.violations(Orders))
      Violations.emplace(V.first, V.second);

  std::set<SourcePos> Reported;
  for (LockGraph::Cycle &C : Graph.cycles()) {
    // A cycle that also breaks a declared order is reported at the
    // acquisition against the order.
    const DeclaredOrder *Order = nullptr;
    for (size_t E : C.Edges) {
      auto V = Violations.find(E);
      if (V != Violations.end()) {
        Graph.reportAt(C, E);
        Order = V->second;
        break;
      }
    }
    const LockEdge &At = Graph.edges()[C.Reporting];
    // Each TU reports the cycles whose reporting edge it found itself, so
    // a cycle spanning TUs is reported once.
    if (!At.Local || !Reported.insert(At.Acquired).second)
      continue;
    emit(Graph.report(C, Order), Analysis);
  }
  for (const auto &V : Violations) {
    const LockEdge &E = Graph.edges()[V.first];
    if (!E.Local || !Reported.insert(E.Acquired).second)
      continue;
    emit(Graph.report(V.first, *V.second), Analysis);
  }
  if (!FactsOutput.empty())
    writeFacts(Analysis);
  Ctx = nullptr;
}

} // namespace dbtidy
