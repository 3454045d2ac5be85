#include "lib/LockGraph.h"

#include "lib/Facts.h"

#include <algorithm>
#include <deque>
#include <set>

namespace dbtidy {

bool isRowLock(llvm::StringRef Lock) { return Lock.starts_with("rows:"); }

std::string describeLock(llvm::StringRef Lock) {
  if (isRowLock(Lock))
    return "a row lock on '" + Lock.drop_front(5).str() + "'";
  return "'" + Lock.str() + "'";
}

void LockGraph::add(LockEdge E) {
  auto Key = E.key();
  auto It = ByKey.find(Key);
  if (It != ByKey.end()) {
    LockEdge &Known = Edges[It->second];
    if (E.Local && !Known.Local)
      Known = std::move(E);
    return;
  }
  ByKey.emplace(std::move(Key), Edges.size());
  Edges.push_back(std::move(E));
}

namespace {
/// How much an edge blocks: exclusive ends count.
int strength(const LockEdge &E) { return !E.FromShared + !E.ToShared; }

bool better(const LockEdge &A, const LockEdge &B) {
  if (strength(A) != strength(B))
    return strength(A) > strength(B);
  return A.Acquired < B.Acquired;
}
} // namespace

std::vector<LockGraph::Cycle> LockGraph::cycles(unsigned MaxLength) const {
  std::vector<Cycle> Out;
  // From -> To -> edges, without self-edges.
  std::map<std::string, std::map<std::string, std::vector<size_t>>> Adj;
  for (size_t I = 0; I < Edges.size(); ++I) {
    const LockEdge &E = Edges[I];
    if (E.From == E.To) {
      if (E.Instances && !(E.FromShared && E.ToShared))
        Out.push_back(Cycle{{I}, I});
      continue;
    }
    Adj[E.From][E.To].push_back(I);
  }
  // Instance self-edges: one report per lock name, at the latest edge.
  {
    std::map<std::string, size_t> ByLock;
    std::vector<Cycle> Self;
    for (const Cycle &C : Out) {
      const LockEdge &E = Edges[C.Edges[0]];
      auto It = ByLock.find(E.From);
      if (It == ByLock.end())
        ByLock.emplace(E.From, Self.size()), Self.push_back(C);
      else if (Edges[Self[It->second].Reporting].Acquired < E.Acquired)
        Self[It->second] = C;
    }
    Out = std::move(Self);
  }

  std::set<std::vector<std::string>> Seen;
  for (const auto &FromEntry : Adj) {
    for (const auto &ToEntry : FromEntry.second) {
      const std::string &U = FromEntry.first;
      const std::string &V = ToEntry.first;
      // Shortest path V -> ... -> U.
      std::map<std::string, std::string> Parent;
      std::deque<std::pair<std::string, unsigned>> Queue;
      Queue.push_back({V, 1});
      Parent[V] = "";
      bool Found = (V == U);
      while (!Queue.empty() && !Found) {
        auto [Node, Len] = Queue.front();
        Queue.pop_front();
        if (Len >= MaxLength)
          continue;
        auto It = Adj.find(Node);
        if (It == Adj.end())
          continue;
        for (const auto &Next : It->second) {
          if (Parent.count(Next.first))
            continue;
          Parent[Next.first] = Node;
          if (Next.first == U) {
            Found = true;
            break;
          }
          Queue.push_back({Next.first, Len + 1});
        }
      }
      if (!Found)
        continue;
      std::vector<std::string> Nodes; // U, V, ..., (back to U)
      for (std::string N = U; N != V; N = Parent[N])
        Nodes.push_back(N);
      Nodes.push_back(V);
      std::reverse(Nodes.begin() + 1, Nodes.end());
      // Nodes is now U, V, ..., last before U.
      std::vector<std::string> Canonical = Nodes;
      std::rotate(Canonical.begin(),
                  std::min_element(Canonical.begin(), Canonical.end()),
                  Canonical.end());
      if (!Seen.insert(Canonical).second)
        continue;
      const size_t N = Nodes.size();
      Cycle C;
      bool Deadlock = true;
      for (size_t I = 0; I < N; ++I) {
        const std::vector<size_t> &Hop =
            Adj.at(Nodes[I]).at(Nodes[(I + 1) % N]);
        size_t Best = Hop.front();
        for (size_t E : Hop)
          if (better(Edges[E], Edges[Best]))
            Best = E;
        C.Edges.push_back(Best);
        // The lock Nodes[I+1] blocks only if its holder (next hop) or its
        // waiter (this hop) is exclusive.
        const std::vector<size_t> &NextHop =
            Adj.at(Nodes[(I + 1) % N]).at(Nodes[(I + 2) % N]);
        bool Conflict = false;
        for (size_t E : Hop)
          Conflict |= !Edges[E].ToShared;
        for (size_t E : NextHop)
          Conflict |= !Edges[E].FromShared;
        Deadlock &= Conflict;
      }
      if (!Deadlock)
        continue;
      C.Reporting = C.Edges.front();
      for (size_t E : C.Edges)
        if (Edges[C.Reporting].Acquired < Edges[E].Acquired)
          C.Reporting = E;
      // Start the cycle at the reporting edge.
      std::rotate(C.Edges.begin(),
                  std::find(C.Edges.begin(), C.Edges.end(), C.Reporting),
                  C.Edges.end());
      Out.push_back(std::move(C));
    }
  }
  return Out;
}

namespace {
std::string inFunction(const LockEdge &E) {
  return E.Function.empty() ? std::string() : " in '" + E.Function + "'";
}

/// Notes for the acquisition of E.To: the call chain and the lock site.
void chainNotes(const LockEdge &E, bool AtAcquired, LockReport &R) {
  const std::string To = describeLock(E.To);
  const std::string From = describeLock(E.From);
  if (E.Via.empty()) {
    if (AtAcquired)
      R.Notes.push_back({E.Acquired, To + " is acquired here while " + From +
                                         " is held" + inFunction(E)});
    return;
  }
  for (size_t I = 0; I < E.Via.size(); ++I) {
    const CallStep &Step = E.Via[I];
    if (I == 0) {
      if (AtAcquired)
        R.Notes.push_back({Step.At, To + " is acquired while " + From +
                                        " is held" + inFunction(E) +
                                        ", through this call to '" +
                                        Step.Callee + "'"});
      else
        R.Notes.push_back(
            {Step.At, "through this call to '" + Step.Callee + "'"});
    } else {
      R.Notes.push_back({Step.At, "which calls '" + Step.Callee + "'"});
    }
  }
  R.Notes.push_back({E.LockedAt, To + " is acquired here, in '" +
                                     E.Via.back().Callee + "'"});
}

std::string cycleText(const std::vector<const LockEdge *> &Edges) {
  std::string Text;
  for (const LockEdge *E : Edges)
    Text += describeLock(E->From) + " -> ";
  return Text + describeLock(Edges.front()->From);
}
} // namespace

void LockGraph::reportAt(Cycle &C, size_t Edge) const {
  auto It = std::find(C.Edges.begin(), C.Edges.end(), Edge);
  if (It == C.Edges.end())
    return;
  std::rotate(C.Edges.begin(), It, C.Edges.end());
  C.Reporting = Edge;
}

LockReport LockGraph::report(const Cycle &C,
                             const DeclaredOrder *Order) const {
  std::vector<const LockEdge *> Cyc;
  for (size_t I : C.Edges)
    Cyc.push_back(&Edges[I]);
  const LockEdge &R = *Cyc.front();
  LockReport Rep;
  Rep.At = R.Acquired;
  Rep.Edge = &R;
  const std::string A = describeLock(R.From), B = describeLock(R.To);
  if (R.Instances) {
    Rep.Message =
        "two different objects' " + A +
        " are locked one after the other, in the order the objects are "
        "passed in; when two threads pass the same two objects in opposite "
        "orders (transfer(a, b) and transfer(b, a)) each holds one mutex "
        "and waits forever for the other (deadlock); lock both at once "
        "with std::scoped_lock, or always in one order (by address or id)";
    Rep.Notes.push_back({R.Held, A + " of the first object is acquired here" +
                                     inFunction(R)});
    chainNotes(R, false, Rep);
    return Rep;
  }
  bool AnyRow = false, AnyMutex = false;
  for (const LockEdge *E : Cyc) {
    AnyRow |= isRowLock(E->From);
    AnyMutex |= !isRowLock(E->From);
  }
  std::string Elsewhere;
  if (Cyc.size() == 2)
    Elsewhere = "elsewhere " + A + " is acquired while " + B + " is held" +
                inFunction(*Cyc[1]);
  else
    Elsewhere = "other code paths close the cycle " + cycleText(Cyc);
  if (AnyRow && AnyMutex)
    Rep.Message =
        "lock-order inversion between a mutex and database row locks: " + B +
        " is acquired while " + A + " is held, and " + Elsewhere +
        "; a thread waiting for the mutex while its transaction holds the "
        "rows is invisible to the database's deadlock detector, so both "
        "requests hang; take them in one fixed order, or do not hold the "
        "mutex while the transaction is open";
  else if (AnyRow)
    Rep.Message =
        "row-lock order inversion: " + B + " is acquired while " + A +
        " is held, and " + Elsewhere +
        "; concurrent transactions deadlock and the database aborts one of "
        "them, a steady rate of failed requests under load; lock the tables "
        "in one fixed order in every transaction";
  else
    Rep.Message = "lock-order inversion: " + B + " is acquired while " + A +
                  " is held, and " + Elsewhere +
                  "; two threads doing both at once deadlock; take the "
                  "locks in one fixed order everywhere, or together with "
                  "std::scoped_lock";
  if (Order)
    Rep.Message += "; this acquisition is also against the declared lock "
                   "order (" +
                   describeLock(Order->Before) + " before " +
                   describeLock(Order->After) + ")";
  if (Order)
    Rep.Notes.push_back({Order->Where, "the order is declared here (" +
                                           Order->Origin + ")"});
  Rep.Notes.push_back({R.Held, A + " is acquired here" + inFunction(R)});
  chainNotes(R, false, Rep);
  for (size_t I = 1; I < Cyc.size(); ++I) {
    const LockEdge &E = *Cyc[I];
    Rep.Notes.push_back({E.Held, describeLock(E.From) + " is acquired here" +
                                     inFunction(E)});
    chainNotes(E, true, Rep);
  }
  return Rep;
}

std::vector<std::pair<size_t, const DeclaredOrder *>>
LockGraph::violations(const std::vector<DeclaredOrder> &Orders) const {
  std::vector<std::pair<size_t, const DeclaredOrder *>> Out;
  for (size_t I = 0; I < Edges.size(); ++I) {
    const LockEdge &E = Edges[I];
    if (E.From == E.To)
      continue;
    for (const DeclaredOrder &O : Orders)
      if (O.Before == E.To && O.After == E.From) {
        Out.push_back({I, &O});
        break;
      }
  }
  return Out;
}

LockReport LockGraph::report(size_t Index, const DeclaredOrder &Order) const {
  const LockEdge &E = Edges[Index];
  LockReport Rep;
  Rep.At = E.Acquired;
  Rep.Edge = &E;
  const std::string A = describeLock(E.From), B = describeLock(E.To);
  Rep.Message = B + " is acquired while " + A +
                " is held, against the declared lock order (" + B +
                " before " + A + "); a thread that follows the declared "
                                 "order deadlocks with this one; acquire " +
                B + " first";
  Rep.Notes.push_back({Order.Where, "the order is declared here (" +
                                        Order.Origin + ")"});
  Rep.Notes.push_back({E.Held, A + " is acquired here" + inFunction(E)});
  chainNotes(E, false, Rep);
  return Rep;
}

void printReport(const LockReport &R, llvm::StringRef Check,
                 llvm::raw_ostream &OS) {
  auto Pos = [&](const SourcePos &P) {
    OS << (P.File.empty() ? "<unknown>" : P.File) << ":" << P.Line << ":"
       << P.Column << ": ";
  };
  Pos(R.At);
  OS << "warning: " << R.Message << " [" << Check << "]\n";
  for (const auto &Note : R.Notes) {
    if (!Note.first.valid())
      continue;
    Pos(Note.first);
    OS << "note: " << Note.second << "\n";
  }
}

int mergeLockFacts(llvm::StringRef Dir, llvm::raw_ostream &Out,
                   llvm::raw_ostream &Err) {
  std::string Error;
  std::unique_ptr<FactsIndex> Facts = FactsIndex::load(Dir, Error);
  if (!Facts) {
    Err << "dbtidy: error: cannot read facts: " << Error << "\n";
    return 2;
  }
  LockGraph Graph;
  for (LockEdge &E : Facts->resolvedLockEdges())
    Graph.add(std::move(E));
  unsigned Reported = 0;
  for (const LockGraph::Cycle &C : Graph.cycles()) {
    std::set<std::string> TUs;
    bool CrossTU = false;
    for (size_t I : C.Edges) {
      TUs.insert(Graph.edges()[I].TU);
      CrossTU |= Graph.edges()[I].CrossTU;
    }
    // Same-TU cycles are the plugin's to report.
    if (TUs.size() < 2 && !CrossTU)
      continue;
    printReport(Graph.report(C), "db-lock-order", Out);
    ++Reported;
  }
  Err << Reported << " lock-order cycle" << (Reported == 1 ? "" : "s")
      << " across translation units.\n";
  return 0;
}

} // namespace dbtidy
