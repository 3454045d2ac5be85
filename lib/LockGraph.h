//===--- LockGraph.h - Lock-order graph and cycle finding -------*- C++ -*-===//
//
// One graph for mutexes and database row locks: an edge "L1 -> L2" says some
// code acquires L2 while it holds L1. A cycle means threads (or transactions)
// can each hold one lock of the cycle and wait for the next: a deadlock.
//
// Everything here is positional (file, line, column) and free of Clang
// types, so the same graph is built from one translation unit's analysis
// (lib/LockSets.h), from the facts of many (lib/Facts.h), and by
// `dbtidy merge`.
//
// Lock names: a mutex is named by its qualified name ("gLogMu",
// "ns::Registry::mu_" for a member: every instance of the class shares the
// name); the row locks of a table are "rows:<table>".
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_LOCKGRAPH_H
#define DBTIDY_LIB_LOCKGRAPH_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace dbtidy {

struct SourcePos {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool valid() const { return !File.empty() && Line; }
  bool operator<(const SourcePos &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  bool operator==(const SourcePos &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
  bool operator!=(const SourcePos &O) const { return !(*this == O); }
};

/// One call of a call chain: the call at At, to Callee.
struct CallStep {
  std::string Callee;
  SourcePos At;
};

/// A lock a function acquires, maybe in a function it calls.
struct LockAcquire {
  std::string Lock;
  bool Shared = false;
  /// Where the lock is taken (at the end of Via).
  SourcePos Site;
  /// The calls from the summarised function to the function taking it.
  std::vector<CallStep> Via;
};

/// "To is acquired while From is held".
struct LockEdge {
  std::string From;
  std::string To;
  bool FromShared = false;
  bool ToShared = false;
  /// The function holding From (qualified name).
  std::string Function;
  /// Where From was acquired.
  SourcePos Held;
  /// Where To is acquired in Function: the lock call itself, or the call
  /// that leads to it (then Via is not empty).
  SourcePos Acquired;
  /// The calls from Acquired to the function taking To (Via[0].At is
  /// Acquired), and where To is finally taken.
  std::vector<CallStep> Via;
  SourcePos LockedAt;
  /// The main file of the translation unit the edge was found in.
  std::string TU;
  /// From == To: two instances of the same class member (a.mu_, b.mu_).
  bool Instances = false;
  /// Held and Acquired are adjacent lock guards of one scope: the two
  /// can become one std::scoped_lock.
  bool Fixable = false;
  /// Reached through a function defined in another translation unit.
  bool CrossTU = false;
  /// Found by this run's own analysis of the current translation unit (not
  /// read from facts); not serialised.
  bool Local = false;

  /// Identity of the edge, for de-duplication across sources.
  std::tuple<std::string, std::string, SourcePos, SourcePos, SourcePos>
  key() const {
    return {From, To, Held, Acquired, LockedAt};
  }
};

/// "Function calls Callee (defined elsewhere) while holding From": resolved
/// into edges once Callee's lock summary is known.
struct HeldCall {
  std::string From;
  bool FromShared = false;
  std::string Function;
  SourcePos Held;
  SourcePos At;
  std::string CalleeUSR;
  std::string Callee;
  std::string TU;
};

/// A call to a function without a body in the translation unit, reached
/// from a summarised function (possibly through others: Via).
struct ExternalCall {
  std::string USR;
  std::string Callee;
  std::vector<CallStep> Via; ///< ends with the call of Callee
};

/// What calling a function acquires, transitively.
struct LockSummaryFact {
  std::string USR;
  std::string Function;
  std::string TU;
  std::vector<LockAcquire> Acquires;
  std::vector<ExternalCall> Calls;
};

/// A declared acquisition order: Before must be taken before After.
struct DeclaredOrder {
  std::string Before;
  std::string After;
  /// Where it is declared (the attribute, or the profile's lock-order).
  SourcePos Where;
  std::string Origin; ///< "ACQUIRED_BEFORE", ".dbtidy.yaml", ...
};

/// A finding, positional: the warning and its notes in order.
struct LockReport {
  SourcePos At;
  std::string Message;
  std::vector<std::pair<SourcePos, std::string>> Notes;
  /// For fix-its: the edge the warning is at.
  const LockEdge *Edge = nullptr;
};

/// How a lock is named in messages: 'Cache::mu_', row locks on 'accounts'.
std::string describeLock(llvm::StringRef Lock);
bool isRowLock(llvm::StringRef Lock);

class LockGraph {
public:
  /// Adds an edge unless one with the same key is there; a local edge
  /// replaces a non-local duplicate.
  void add(LockEdge E);
  const std::vector<LockEdge> &edges() const { return Edges; }

  struct Cycle {
    /// Edge indices, each edge's To being the next edge's From.
    std::vector<size_t> Edges;
    /// The edge the cycle is reported at: the acquisition latest in
    /// source order, so the order established first is the expected one.
    size_t Reporting = 0;
  };

  /// Every elementary deadlock cycle, each once (at most MaxLength locks).
  /// A cycle is left out when some lock in it is only ever held and
  /// awaited in shared mode (readers do not block readers).
  std::vector<Cycle> cycles(unsigned MaxLength = 6) const;

  /// Moves the report of C to its edge Edge (which must be in C): a cycle
  /// that also violates a declared order is reported at the violation.
  void reportAt(Cycle &C, size_t Edge) const;

  /// The warning and notes for a cycle; Order, when given, is the declared
  /// order its reporting edge violates.
  LockReport report(const Cycle &C, const DeclaredOrder *Order = nullptr) const;

  /// Edges that acquire against a declared order (even without a cycle).
  std::vector<std::pair<size_t, const DeclaredOrder *>>
  violations(const std::vector<DeclaredOrder> &Orders) const;
  LockReport report(size_t Edge, const DeclaredOrder &Order) const;

private:
  std::vector<LockEdge> Edges;
  std::map<std::tuple<std::string, std::string, SourcePos, SourcePos,
                      SourcePos>,
           size_t>
      ByKey;
};

/// Prints a report as compilers do ("file:line:col: warning: ... [check]").
void printReport(const LockReport &R, llvm::StringRef Check,
                 llvm::raw_ostream &OS);

/// `dbtidy merge <dir>`: reads every facts file of Dir, builds one lock
/// graph, and prints the lock-order cycles whose halves live in different
/// translation units (the plugin reports same-TU cycles itself). Returns
/// the exit status: 0 (with or without findings), 2 on unreadable facts.
int mergeLockFacts(llvm::StringRef Dir, llvm::raw_ostream &Out,
                   llvm::raw_ostream &Err);

} // namespace dbtidy

#endif
