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

#include "llvm/ADT/STLFunctionalExtras.h"
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
  /// The round trip a call of USR makes. Recorded in the calling thread's
  /// FactsQueryLog, as acquiresOf is.
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
  std::vector<LockAcquire> acquiresOfUnrecorded(llvm::StringRef USR) const;

  llvm::StringMap<RoundTripFact> RoundTrips;
  std::vector<LockEdge> LockEdges;
  std::set<std::tuple<std::string, std::string, SourcePos, SourcePos,
                      SourcePos>>
      LockEdgeKeys;
  std::map<std::string, LockSummaryFact> LockSummaries;
  std::vector<HeldCall> HeldCalls;
};

/// What the checks of one translation unit asked the facts, with a digest of
/// each answer. The driver analyses a TU once, with only the TU's own facts;
/// when the facts of every TU are merged, the TU is analysed again only if
/// some answer would now differ (and a cached result is reused only if none
/// does). So the log must see every question whose answer can change a
/// finding: the FactsIndex queries record themselves, and db-lock-order
/// records the lock cycles it saw (lockCyclesAnswer).
class FactsQueryLog {
public:
  /// Query -> digest of the answer ("round-trip:<USR>", "acquires:<USR>",
  /// "lock-cycles").
  using Answers = std::map<std::string, std::string>;

  void record(std::string Query, std::string Answer);
  const Answers &answers() const { return Recorded; }

  /// The log of the calling thread, or null.
  static FactsQueryLog *current();
  /// Makes Log the calling thread's log while in scope.
  class Scope {
  public:
    explicit Scope(FactsQueryLog *Log);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    FactsQueryLog *Previous;
  };

private:
  Answers Recorded;
};

/// The answers a set of facts gives now, to compare with a TU's log. The
/// lock graph and its cycles are computed once, however many TUs ask.
class FactsAnswers {
public:
  explicit FactsAnswers(const FactsIndex &Facts);
  ~FactsAnswers();
  /// The digest of Query's answer; OwnEdges are the lock edges of the TU
  /// that asked (for "lock-cycles").
  std::string answer(llvm::StringRef Query,
                     const std::vector<LockEdge> &OwnEdges);
  /// Every answer in Log is still the one these facts give.
  bool allHold(const FactsQueryLog::Answers &Log,
               const std::vector<LockEdge> &OwnEdges);

private:
  struct CycleSet;
  const FactsIndex &Facts;
  std::unique_ptr<CycleSet> Cycles;
};

/// The digest of the lock-order cycles of Graph that go through an edge for
/// which IsOwn holds: what a TU's db-lock-order findings depend on.
std::string lockCyclesAnswer(const LockGraph &Graph,
                             llvm::function_ref<bool(const LockEdge &)> IsOwn);

/// The facts visible to the checks of this process: set by the driver after
/// it collected them, or loaded from the DbTidyFacts option's file by the
/// plugin.
class ActiveFacts {
public:
  static void set(std::shared_ptr<const FactsIndex> Facts);
  /// The calling thread's facts when set (forThisThread), else the
  /// process's.
  static std::shared_ptr<const FactsIndex> get();
  /// Gives the calling thread its own facts, until the enclosing
  /// ThreadScope ends: the driver analyses each TU with that TU's facts
  /// first.
  static void setForThisThread(std::shared_ptr<const FactsIndex> Facts);
  /// Restores the calling thread's facts when it ends.
  class ThreadScope {
  public:
    explicit ThreadScope(std::shared_ptr<const FactsIndex> Facts);
    ~ThreadScope();
    ThreadScope(const ThreadScope &) = delete;
    ThreadScope &operator=(const ThreadScope &) = delete;

  private:
    std::shared_ptr<const FactsIndex> Previous;
  };
  /// Loads Path once per process (cached by path). Null when Path is empty
  /// or cannot be read (then Error says why).
  static std::shared_ptr<const FactsIndex> fromOption(llvm::StringRef Path,
                                                      std::string &Error);
};

} // namespace dbtidy

#endif
