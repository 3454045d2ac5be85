//===--- LockGraphView.cpp - Which lock is taken while holding which ----------===//
#include "lib/LockGraphView.h"

#include "lib/LockGraph.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace dbtidy {

void LockGraphView::addNode(llvm::StringRef Name) {
  if (std::find(Nodes.begin(), Nodes.end(), Name) == Nodes.end())
    Nodes.push_back(Name.str());
}

void LockGraphView::addEdge(Edge E) {
  addNode(E.From);
  addNode(E.To);
  Edges.push_back(std::move(E));
}

void LockGraphView::computeCycles() {
  Cycles.clear();
  std::map<std::string, std::set<std::string>> Next;
  for (const Edge &E : Edges)
    Next[E.From].insert(E.To);
  // Tarjan's strongly connected components.
  std::map<std::string, unsigned> Index, Low;
  std::set<std::string> OnStack;
  std::vector<std::string> Stack;
  std::vector<std::vector<std::string>> Components;
  unsigned Counter = 0;
  std::function<void(const std::string &)> Visit = [&](const std::string &N) {
    Index[N] = Low[N] = Counter++;
    Stack.push_back(N);
    OnStack.insert(N);
    for (const std::string &M : Next[N]) {
      if (!Index.count(M)) {
        Visit(M);
        Low[N] = std::min(Low[N], Low[M]);
      } else if (OnStack.count(M)) {
        Low[N] = std::min(Low[N], Index[M]);
      }
    }
    if (Low[N] == Index[N]) {
      std::vector<std::string> Component;
      std::string M;
      do {
        M = Stack.back();
        Stack.pop_back();
        OnStack.erase(M);
        Component.push_back(M);
      } while (M != N);
      Components.push_back(std::move(Component));
    }
  };
  std::vector<std::string> Sorted = Nodes;
  std::sort(Sorted.begin(), Sorted.end());
  for (const std::string &N : Sorted)
    if (!Index.count(N))
      Visit(N);
  for (std::vector<std::string> &Component : Components) {
    std::set<std::string> In(Component.begin(), Component.end());
    std::string Start = *In.begin();
    if (Component.size() == 1) {
      if (Next[Start].count(Start))
        Cycles.push_back({Start});
      continue;
    }
    // A shortest path back to Start inside the component (BFS).
    std::map<std::string, std::string> Parent;
    std::vector<std::string> Queue{Start};
    std::string Last;
    for (size_t I = 0; I < Queue.size() && Last.empty(); ++I)
      for (const std::string &M : Next[Queue[I]]) {
        if (!In.count(M))
          continue;
        if (M == Start) {
          Last = Queue[I];
          break;
        }
        if (!Parent.count(M)) {
          Parent[M] = Queue[I];
          Queue.push_back(M);
        }
      }
    std::vector<std::string> Cycle;
    for (std::string N = Last; !N.empty() && N != Start; N = Parent[N])
      Cycle.push_back(N);
    Cycle.push_back(Start);
    std::reverse(Cycle.begin(), Cycle.end());
    Cycles.push_back(std::move(Cycle));
  }
  std::sort(Cycles.begin(), Cycles.end());
}

bool LockGraphView::onCycle(llvm::StringRef From, llvm::StringRef To) const {
  for (const std::vector<std::string> &C : Cycles)
    for (size_t I = 0; I < C.size(); ++I)
      if (C[I] == From && C[(I + 1) % C.size()] == To)
        return true;
  return false;
}

bool LockGraphView::nodeOnCycle(llvm::StringRef Name) const {
  for (const std::vector<std::string> &C : Cycles)
    if (std::find(C.begin(), C.end(), Name) != C.end())
      return true;
  return false;
}

llvm::json::Value LockGraphView::toJSON() const {
  llvm::json::Array JNodes, JEdges, JCycles;
  for (const std::string &N : Nodes)
    JNodes.push_back(N);
  for (const Edge &E : Edges)
    JEdges.push_back(llvm::json::Object{{"from", E.From},
                                        {"to", E.To},
                                        {"file", E.File},
                                        {"line", E.Line},
                                        {"function", E.Function}});
  for (const std::vector<std::string> &C : Cycles) {
    llvm::json::Array JC;
    for (const std::string &N : C)
      JC.push_back(N);
    JCycles.push_back(std::move(JC));
  }
  return llvm::json::Object{{"format", "dbtidy-lock-graph"},
                            {"version", 1},
                            {"nodes", std::move(JNodes)},
                            {"edges", std::move(JEdges)},
                            {"cycles", std::move(JCycles)}};
}

std::unique_ptr<LockGraphView> LockGraphView::fromJSON(const llvm::json::Value &V,
                                               std::string &Error) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O || O->getString("format") !=
                std::optional<llvm::StringRef>("dbtidy-lock-graph")) {
    Error = "not a dbtidy lock graph (no \"format\": \"dbtidy-lock-graph\")";
    return nullptr;
  }
  auto G = std::make_unique<LockGraphView>();
  if (const llvm::json::Array *Nodes = O->getArray("nodes"))
    for (const llvm::json::Value &N : *Nodes)
      if (std::optional<llvm::StringRef> S = N.getAsString())
        G->addNode(*S);
  if (const llvm::json::Array *Edges = O->getArray("edges"))
    for (const llvm::json::Value &EV : *Edges) {
      const llvm::json::Object *E = EV.getAsObject();
      std::optional<llvm::StringRef> From = E ? E->getString("from") : std::nullopt;
      std::optional<llvm::StringRef> To = E ? E->getString("to") : std::nullopt;
      if (!From || !To) {
        Error = "an edge without \"from\" and \"to\"";
        return nullptr;
      }
      Edge Ed;
      Ed.From = From->str();
      Ed.To = To->str();
      Ed.File = E->getString("file").value_or("").str();
      Ed.Line = static_cast<unsigned>(E->getInteger("line").value_or(0));
      Ed.Function = E->getString("function").value_or("").str();
      G->addEdge(std::move(Ed));
    }
  const llvm::json::Array *Cycles = O->getArray("cycles");
  if (Cycles && !Cycles->empty()) {
    for (const llvm::json::Value &CV : *Cycles) {
      std::vector<std::string> Cycle;
      if (const llvm::json::Array *C = CV.getAsArray())
        for (const llvm::json::Value &N : *C)
          if (std::optional<llvm::StringRef> S = N.getAsString())
            Cycle.push_back(S->str());
      if (!Cycle.empty())
        G->Cycles.push_back(std::move(Cycle));
    }
  } else {
    G->computeCycles();
  }
  return G;
}

static std::string dotQuote(llvm::StringRef S) {
  std::string Out = "\"";
  for (char C : S) {
    if (C == '\n') {
      Out += "\\n";
      continue;
    }
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + "\"";
}

std::string LockGraphView::toDot() const {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "digraph locks {\n  rankdir=LR;\n"
     << "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f4f4\", "
        "fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", "
        "fontsize=10];\n";
  for (size_t I = 0; I < Nodes.size(); ++I) {
    OS << "  n" << I << " [label=" << dotQuote(Nodes[I]);
    if (nodeOnCycle(Nodes[I]))
      OS << ", color=\"#c62828\", fillcolor=\"#ffebee\", penwidth=2, "
            "class=\"cycle\"";
    OS << "];\n";
  }
  auto Id = [&](llvm::StringRef Name) {
    return std::find(Nodes.begin(), Nodes.end(), Name) - Nodes.begin();
  };
  for (const Edge &E : Edges) {
    std::string Label = E.Function;
    if (!E.File.empty())
      Label += (Label.empty() ? "" : "\n") + E.File + ":" + std::to_string(E.Line);
    OS << "  n" << Id(E.From) << " -> n" << Id(E.To) << " [label="
       << dotQuote(Label) << ", tooltip=" << dotQuote(E.From + " -> " + E.To);
    if (onCycle(E.From, E.To))
      OS << ", color=\"#c62828\", fontcolor=\"#c62828\", penwidth=2.5, "
            "class=\"cycle\"";
    OS << "];\n";
  }
  OS << "}\n";
  return Out;
}

std::unique_ptr<LockGraphView>
LockGraphView::fromAnalysis(const LockGraph &Graph) {
  auto View = std::make_unique<LockGraphView>();
  std::set<std::pair<std::string, std::string>> Drawn;
  for (const LockEdge &E : Graph.edges()) {
    if (!Drawn.insert({E.From, E.To}).second)
      continue;
    Edge V;
    V.From = E.From;
    V.To = E.To;
    V.File = E.Acquired.File;
    V.Line = E.Acquired.Line;
    V.Function = E.Function;
    View->addEdge(std::move(V));
  }
  for (const LockGraph::Cycle &C : Graph.cycles()) {
    std::vector<std::string> Locks;
    for (size_t I : C.Edges)
      Locks.push_back(Graph.edges()[I].From);
    View->Cycles.push_back(std::move(Locks));
  }
  return View;
}

} // namespace dbtidy
