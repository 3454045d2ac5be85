//===--- RoundTripSummaries.h - Which functions talk to the database -*- C++
//-*-===//
//
// A per-function summary: "calling this function may issue a database round
// trip, here is the path to it". Computed once per function and memoised,
// so a loop calling a helper is answered without re-walking the helper for
// each call site.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_ROUNDTRIPSUMMARIES_H
#define DBTIDY_LIB_ROUNDTRIPSUMMARIES_H

#include "lib/CallClassifier.h"
#include "lib/Facts.h"

#include "clang/AST/ASTContext.h"

#include <map>
#include <vector>

namespace dbtidy {

struct RoundTripSummary {
  /// The profiled call that talks to the database.
  const clang::Expr *RoundTrip = nullptr;
  Classification Class;
  /// The calls leading from the summarised function to the function that
  /// contains RoundTrip (empty when the function issues it itself).
  std::vector<const clang::Expr *> Via;
  /// Set when the round trip is in a function defined in another
  /// translation unit (known from the facts); RoundTrip is then null and
  /// Via leads to the call of that function.
  const RoundTripFact *External = nullptr;

  bool isWrite() const { return External ? External->Write : Class.isWrite(); }
};

class RoundTripSummaries {
public:
  /// Facts, when given, answer for functions defined in other translation
  /// units.
  RoundTripSummaries(clang::ASTContext &Ctx, const CallClassifier &Classifier,
                     std::shared_ptr<const FactsIndex> Facts = nullptr);

  /// The summary of FD, or null when nothing in it (transitively, within
  /// this translation unit's user code) issues a round trip.
  const RoundTripSummary *summaryOf(const clang::FunctionDecl *FD);

  /// Whether a call to FD is worth summarising: it has a body in user code.
  bool hasUserBody(const clang::FunctionDecl *FD) const;

  /// The facts entry of a function without a body here, if any.
  const RoundTripFact *externalFact(const clang::FunctionDecl *FD) const;

private:
  enum class State { InProgress, Done };
  struct Entry {
    State S = State::InProgress;
    /// Position on the stack of functions being summarised.
    unsigned Depth = 0;
    std::optional<RoundTripSummary> Summary;
  };
  clang::ASTContext &Ctx;
  const CallClassifier &Classifier;
  std::shared_ptr<const FactsIndex> Facts;
  std::map<const clang::FunctionDecl *, Entry> Memo;
  /// For each function being summarised, the lowest stack position of an
  /// unfinished function its summary depended on.
  std::vector<unsigned> LowestReached;
};

/// Whether a round trip of this kind counts as "a query" for per-iteration
/// reports (transaction control does not).
bool isPerIterationWork(CallKind Kind);

} // namespace dbtidy

#endif
