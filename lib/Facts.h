//===--- Facts.h - Per-function facts shared across translation units -*- C++ -*-===//
//
// What one translation unit learns about its functions that another needs:
// "calling this function talks to the database, here". The driver collects
// facts from every TU of the compilation database before the checks run, so
// a loop calling a function defined elsewhere is judged by that function's
// body. The format is documented in docs/facts.md.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_FACTS_H
#define DBTIDY_LIB_FACTS_H

#include "lib/LockGraph.h"
#include "lib/Profile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace dbtidy {

/// A function whose call issues a database round trip.
struct RoundTripFact {
  std::string USR;
  /// Qualified name of the function, for messages.
  std::string Function;
  /// Where the round trip is (possibly in a function it calls).
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// The profiled call there ("exec_params") and its kind.
  std::string Callee;
  CallKind Kind = CallKind::Query;
  bool Write = false;
  /// Qualified names of the functions between Function and the round trip.
  std::vector<std::string> Via;
};

class FactsIndex {
public:
  static constexpr const char *FormatName = "dbtidy-facts";
  /// Version 2 added the lock facts; version 1 files are still read.
  static constexpr int FormatVersion = 2;

  void add(RoundTripFact Fact);
  void merge(const FactsIndex &Other);
  const RoundTripFact *roundTripOf(llvm::StringRef USR) const;
  size_t size() const { return RoundTrips.size(); }

  /// Lock facts (db-lock-order): edges found in a TU, what its externally
  /// visible functions acquire, and calls made with a lock held to
  /// functions the TU does not define.
  void addLockEdge(LockEdge Edge);
  void addLockSummary(LockSummaryFact Summary);
  void addHeldCall(HeldCall Call);
  const LockSummaryFact *lockSummaryOf(llvm::StringRef USR) const;
  /// Everything a call of USR acquires, through the other TUs' functions it
  /// calls too (each lock once, the first path found).
  std::vector<LockAcquire> acquiresOf(llvm::StringRef USR) const;
  /// The edges, plus the held calls resolved through the summaries.
  std::vector<LockEdge> resolvedLockEdges() const;
  const std::vector<LockEdge> &lockEdges() const { return LockEdges; }

  llvm::json::Value toJSON() const;
  /// Parses a facts document; on failure returns null and sets Error.
  static std::unique_ptr<FactsIndex> fromJSON(const llvm::json::Value &V,
                                              std::string &Error);
  /// Reads a facts file, or every *.json file of a directory.
  static std::unique_ptr<FactsIndex> load(llvm::StringRef Path,
                                          std::string &Error);
  bool write(llvm::StringRef Path, std::string &Error) const;

private:
  llvm::StringMap<RoundTripFact> RoundTrips;
  std::vector<LockEdge> LockEdges;
  std::set<std::tuple<std::string, std::string, SourcePos, SourcePos,
                      SourcePos>>
      LockEdgeKeys;
  std::map<std::string, LockSummaryFact> LockSummaries;
  std::vector<HeldCall> HeldCalls;
};

/// The facts visible to the checks of this process: set by the driver after
/// it collected them, or loaded from the DbTidyFacts option's file by the
/// plugin.
class ActiveFacts {
public:
  static void set(std::shared_ptr<const FactsIndex> Facts);
  static std::shared_ptr<const FactsIndex> get();
  /// Loads Path once per process (cached by path). Null when Path is empty
  /// or cannot be read (then Error says why).
  static std::shared_ptr<const FactsIndex> fromOption(llvm::StringRef Path,
                                                      std::string &Error);
};

} // namespace dbtidy

#endif
