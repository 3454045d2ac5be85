//===--- LockGraphView.h - The lock graph as the report draws it -*- C++ -*-===//
//
// A flattened lock-order graph for people: a node per lock (a mutex member, a
// table's rows), an edge A -> B where some function takes B while holding A,
// and the cycles (potential deadlocks). The analysis's own graph
// (lib/LockGraph.h) is converted to this for the driver's HTML report. Serialized as {"format": "dbtidy-lock-graph",
// "version": 1, "nodes": [...], "edges": [{"from", "to", "file", "line",
// "function"}], "cycles": [[...]]} (cycles are recomputed when absent).
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_LOCKGRAPHVIEW_H
#define DBTIDY_LIB_LOCKGRAPHVIEW_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <memory>
#include <string>
#include <vector>

namespace dbtidy {

class LockGraph;

struct LockGraphView {
  struct Edge {
    std::string From;
    std::string To;
    /// Where To is taken while From is held.
    std::string File;
    unsigned Line = 0;
    std::string Function;
  };

  std::vector<std::string> Nodes;
  std::vector<Edge> Edges;
  /// Each cycle lists its locks in order: A, B means A -> B -> A.
  std::vector<std::vector<std::string>> Cycles;

  bool empty() const { return Nodes.empty() && Edges.empty(); }
  /// Adds a node once.
  void addNode(llvm::StringRef Name);
  /// Adds the edge (and its nodes).
  void addEdge(Edge E);
  /// Sets Cycles to one elementary cycle per strongly connected component
  /// with more than one lock (or a self edge), deterministically.
  void computeCycles();
  /// Whether the edge From -> To lies on one of Cycles.
  bool onCycle(llvm::StringRef From, llvm::StringRef To) const;
  bool nodeOnCycle(llvm::StringRef Name) const;

  llvm::json::Value toJSON() const;
  static std::unique_ptr<LockGraphView> fromJSON(const llvm::json::Value &V,
                                             std::string &Error);
  /// The view of the analysis's graph: one edge per pair of locks (its
  /// first site), and the deadlock cycles the analysis reports (shared-only
  /// cycles left out).
  static std::unique_ptr<LockGraphView> fromAnalysis(const LockGraph &Graph);

  /// Graphviz source: cycle edges and their locks in red.
  std::string toDot() const;
};

} // namespace dbtidy

#endif
