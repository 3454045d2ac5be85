#include "lib/Facts.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

namespace dbtidy {

void FactsIndex::add(RoundTripFact Fact) {
  std::string Key = Fact.USR;
  RoundTrips.try_emplace(Key, std::move(Fact));
}

void FactsIndex::merge(const FactsIndex &Other) {
  for (const auto &Entry : Other.RoundTrips)
    RoundTrips.try_emplace(Entry.first(), Entry.second);
  for (const LockEdge &E : Other.LockEdges)
    addLockEdge(E);
  for (const auto &Entry : Other.LockSummaries)
    LockSummaries.emplace(Entry.first, Entry.second);
  for (const HeldCall &C : Other.HeldCalls)
    addHeldCall(C);
}

void FactsIndex::addLockEdge(LockEdge Edge) {
  if (!LockEdgeKeys.insert(Edge.key()).second)
    return;
  LockEdges.push_back(std::move(Edge));
}

void FactsIndex::addLockSummary(LockSummaryFact Summary) {
  std::string Key = Summary.USR;
  LockSummaries.emplace(std::move(Key), std::move(Summary));
}

void FactsIndex::addHeldCall(HeldCall Call) {
  for (const HeldCall &Known : HeldCalls)
    if (Known.From == Call.From && Known.Held == Call.Held &&
        Known.At == Call.At && Known.CalleeUSR == Call.CalleeUSR)
      return;
  HeldCalls.push_back(std::move(Call));
}

const LockSummaryFact *FactsIndex::lockSummaryOf(llvm::StringRef USR) const {
  auto It = LockSummaries.find(USR.str());
  return It == LockSummaries.end() ? nullptr : &It->second;
}

std::vector<LockAcquire>
FactsIndex::acquiresOfUnrecorded(llvm::StringRef USR) const {
  std::vector<LockAcquire> Out;
  std::set<std::string> Locks;
  std::set<std::string> Visited;
  // Breadth first, so the shortest chain to each lock is kept.
  std::vector<std::pair<std::string, std::vector<CallStep>>> Queue;
  Queue.push_back({USR.str(), {}});
  Visited.insert(USR.str());
  for (size_t Next = 0; Next < Queue.size() && Next < 256; ++Next) {
    const LockSummaryFact *S = lockSummaryOf(Queue[Next].first);
    if (!S)
      continue;
    const std::vector<CallStep> Prefix = Queue[Next].second;
    for (const LockAcquire &A : S->Acquires) {
      if (!Locks.insert(A.Lock + (A.Shared ? "/s" : "/x")).second)
        continue;
      LockAcquire Copy = A;
      Copy.Via.insert(Copy.Via.begin(), Prefix.begin(), Prefix.end());
      Out.push_back(std::move(Copy));
    }
    for (const ExternalCall &C : S->Calls) {
      if (!Visited.insert(C.USR).second)
        continue;
      std::vector<CallStep> Path = Prefix;
      Path.insert(Path.end(), C.Via.begin(), C.Via.end());
      Queue.push_back({C.USR, std::move(Path)});
    }
  }
  return Out;
}

std::vector<LockEdge> FactsIndex::resolvedLockEdges() const {
  std::vector<LockEdge> Out = LockEdges;
  for (const HeldCall &C : HeldCalls) {
    for (const LockAcquire &A : acquiresOfUnrecorded(C.CalleeUSR)) {
      if (A.Lock == C.From)
        continue;
      LockEdge E;
      E.From = C.From;
      E.FromShared = C.FromShared;
      E.To = A.Lock;
      E.ToShared = A.Shared;
      E.Function = C.Function;
      E.Held = C.Held;
      E.Acquired = C.At;
      E.Via.push_back({C.Callee, C.At});
      E.Via.insert(E.Via.end(), A.Via.begin(), A.Via.end());
      E.LockedAt = A.Site;
      E.TU = C.TU;
      E.CrossTU = true;
      Out.push_back(std::move(E));
    }
  }
  return Out;
}

namespace {
llvm::json::Object posJSON(const SourcePos &P) {
  return llvm::json::Object{
      {"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

SourcePos posFrom(const llvm::json::Object *O) {
  SourcePos P;
  if (!O)
    return P;
  P.File = O->getString("file").value_or("").str();
  P.Line = O->getInteger("line").value_or(0);
  P.Column = O->getInteger("column").value_or(0);
  return P;
}

llvm::json::Array viaJSON(const std::vector<CallStep> &Via) {
  llvm::json::Array Out;
  for (const CallStep &S : Via) {
    llvm::json::Object O = posJSON(S.At);
    O["callee"] = S.Callee;
    Out.push_back(std::move(O));
  }
  return Out;
}

llvm::json::Object roundTripJSON(const RoundTripFact &F) {
  llvm::json::Array Via;
  for (const std::string &V : F.Via)
    Via.push_back(V);
  return llvm::json::Object{
      {"usr", F.USR},
      {"function", F.Function},
      {"roundTrip", llvm::json::Object{{"file", F.File},
                                       {"line", F.Line},
                                       {"column", F.Column},
                                       {"callee", F.Callee},
                                       {"kind", callKindName(F.Kind)},
                                       {"write", F.Write}}},
      {"via", std::move(Via)},
  };
}

llvm::json::Object acquireJSON(const LockAcquire &A) {
  return llvm::json::Object{{"lock", A.Lock},
                            {"shared", A.Shared},
                            {"site", posJSON(A.Site)},
                            {"via", viaJSON(A.Via)}};
}

llvm::json::Object edgeJSON(const LockEdge &E) {
  return llvm::json::Object{{"from", E.From},
                            {"to", E.To},
                            {"fromShared", E.FromShared},
                            {"toShared", E.ToShared},
                            {"function", E.Function},
                            {"tu", E.TU},
                            {"held", posJSON(E.Held)},
                            {"acquired", posJSON(E.Acquired)},
                            {"via", viaJSON(E.Via)},
                            {"lockedAt", posJSON(E.LockedAt)},
                            {"instances", E.Instances},
                            {"fixable", E.Fixable}};
}

/// A short stable digest of a JSON value (llvm::json prints objects with
/// sorted keys).
std::string digest(const llvm::json::Value &V) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << V;
  OS.flush();
  return llvm::utohexstr(llvm::xxh3_64bits(Text));
}

std::string roundTripDigest(const RoundTripFact *F) {
  return digest(F ? llvm::json::Value(roundTripJSON(*F))
                  : llvm::json::Value(nullptr));
}

std::string acquiresDigest(const std::vector<LockAcquire> &Acquires) {
  llvm::json::Array Out;
  for (const LockAcquire &A : Acquires)
    Out.push_back(acquireJSON(A));
  return digest(llvm::json::Value(std::move(Out)));
}

std::string edgeDigest(const LockEdge &E) {
  return digest(llvm::json::Value(edgeJSON(E)));
}

/// Cycles as sets of edge digests, so the order the edges were found in
/// does not matter.
std::string cyclesDigest(const std::set<std::string> &Cycles) {
  llvm::json::Array Out;
  for (const std::string &C : Cycles)
    Out.push_back(C);
  return digest(llvm::json::Value(std::move(Out)));
}

using LockEdgeKey = std::tuple<std::string, std::string, SourcePos, SourcePos,
                               SourcePos>;

std::vector<CallStep> viaFrom(const llvm::json::Array *A) {
  std::vector<CallStep> Out;
  if (!A)
    return Out;
  for (const llvm::json::Value &V : *A)
    if (const llvm::json::Object *O = V.getAsObject())
      Out.push_back({O->getString("callee").value_or("").str(), posFrom(O)});
  return Out;
}
} // namespace

const RoundTripFact *FactsIndex::roundTripOf(llvm::StringRef USR) const {
  auto It = RoundTrips.find(USR);
  const RoundTripFact *Found = It == RoundTrips.end() ? nullptr : &It->second;
  if (FactsQueryLog *Log = FactsQueryLog::current())
    Log->record("round-trip:" + USR.str(), roundTripDigest(Found));
  return Found;
}

std::vector<LockAcquire> FactsIndex::acquiresOf(llvm::StringRef USR) const {
  std::vector<LockAcquire> Out = acquiresOfUnrecorded(USR);
  if (FactsQueryLog *Log = FactsQueryLog::current())
    Log->record("acquires:" + USR.str(), acquiresDigest(Out));
  return Out;
}

llvm::json::Value FactsIndex::toJSON() const {
  // Sorted by USR so the file is stable across runs.
  std::map<std::string, const RoundTripFact *> Sorted;
  for (const auto &Entry : RoundTrips)
    Sorted.emplace(Entry.first().str(), &Entry.second);
  llvm::json::Array Functions;
  for (const auto &Entry : Sorted)
    Functions.push_back(roundTripJSON(*Entry.second));
  llvm::json::Array Summaries;
  for (const auto &Entry : LockSummaries) {
    const LockSummaryFact &S = Entry.second;
    llvm::json::Array Acquires, Calls;
    for (const LockAcquire &A : S.Acquires)
      Acquires.push_back(acquireJSON(A));
    for (const ExternalCall &C : S.Calls)
      Calls.push_back(llvm::json::Object{
          {"usr", C.USR}, {"callee", C.Callee}, {"via", viaJSON(C.Via)}});
    Summaries.push_back(llvm::json::Object{{"usr", S.USR},
                                           {"function", S.Function},
                                           {"tu", S.TU},
                                           {"acquires", std::move(Acquires)},
                                           {"calls", std::move(Calls)}});
  }
  std::vector<const LockEdge *> SortedEdges;
  for (const LockEdge &E : LockEdges)
    SortedEdges.push_back(&E);
  std::sort(SortedEdges.begin(), SortedEdges.end(),
            [](const LockEdge *A, const LockEdge *B) {
              return A->key() < B->key();
            });
  llvm::json::Array Edges;
  for (const LockEdge *E : SortedEdges)
    Edges.push_back(edgeJSON(*E));
  llvm::json::Array Held;
  for (const HeldCall &C : HeldCalls)
    Held.push_back(llvm::json::Object{{"from", C.From},
                                      {"fromShared", C.FromShared},
                                      {"function", C.Function},
                                      {"tu", C.TU},
                                      {"held", posJSON(C.Held)},
                                      {"site", posJSON(C.At)},
                                      {"usr", C.CalleeUSR},
                                      {"callee", C.Callee}});
  return llvm::json::Object{{"format", FormatName},
                            {"version", FormatVersion},
                            {"roundTrips", std::move(Functions)},
                            {"lockSummaries", std::move(Summaries)},
                            {"lockEdges", std::move(Edges)},
                            {"heldCalls", std::move(Held)}};
}

std::unique_ptr<FactsIndex> FactsIndex::fromJSON(const llvm::json::Value &V,
                                                 std::string &Error) {
  const llvm::json::Object *Root = V.getAsObject();
  if (!Root || Root->getString("format") != llvm::StringRef(FormatName)) {
    Error = "not a dbtidy facts file (no \"format\": \"dbtidy-facts\")";
    return nullptr;
  }
  std::optional<int64_t> Version = Root->getInteger("version");
  if (!Version || *Version < 1 || *Version > FormatVersion) {
    Error = "unsupported facts version (this dbtidy reads versions 1 to " +
            std::to_string(FormatVersion) + ")";
    return nullptr;
  }
  auto Index = std::make_unique<FactsIndex>();
  const llvm::json::Array *Functions = Root->getArray("roundTrips");
  if (!Functions) {
    Error = "facts file has no \"roundTrips\" array";
    return nullptr;
  }
  for (const llvm::json::Value &Item : *Functions) {
    const llvm::json::Object *O = Item.getAsObject();
    const llvm::json::Object *RT = O ? O->getObject("roundTrip") : nullptr;
    if (!O || !RT || !O->getString("usr")) {
      Error = "malformed entry in \"roundTrips\"";
      return nullptr;
    }
    RoundTripFact F;
    F.USR = O->getString("usr")->str();
    F.Function = O->getString("function").value_or("").str();
    F.File = RT->getString("file").value_or("").str();
    F.Line = RT->getInteger("line").value_or(0);
    F.Column = RT->getInteger("column").value_or(0);
    F.Callee = RT->getString("callee").value_or("").str();
    F.Kind = parseCallKind(RT->getString("kind").value_or("query"))
                 .value_or(CallKind::Query);
    F.Write = RT->getBoolean("write").value_or(false);
    if (const llvm::json::Array *Via = O->getArray("via"))
      for (const llvm::json::Value &Name : *Via)
        if (auto S = Name.getAsString())
          F.Via.push_back(S->str());
    Index->add(std::move(F));
  }
  // Version 2: lock facts.
  if (const llvm::json::Array *Summaries = Root->getArray("lockSummaries"))
    for (const llvm::json::Value &Item : *Summaries) {
      const llvm::json::Object *O = Item.getAsObject();
      if (!O || !O->getString("usr")) {
        Error = "malformed entry in \"lockSummaries\"";
        return nullptr;
      }
      LockSummaryFact S;
      S.USR = O->getString("usr")->str();
      S.Function = O->getString("function").value_or("").str();
      S.TU = O->getString("tu").value_or("").str();
      if (const llvm::json::Array *Acquires = O->getArray("acquires"))
        for (const llvm::json::Value &AV : *Acquires)
          if (const llvm::json::Object *A = AV.getAsObject()) {
            if (!A->getString("lock"))
              continue;
            S.Acquires.push_back({A->getString("lock")->str(),
                                  A->getBoolean("shared").value_or(false),
                                  posFrom(A->getObject("site")),
                                  viaFrom(A->getArray("via"))});
          }
      if (const llvm::json::Array *Calls = O->getArray("calls"))
        for (const llvm::json::Value &CV : *Calls)
          if (const llvm::json::Object *C = CV.getAsObject()) {
            if (!C->getString("usr"))
              continue;
            S.Calls.push_back({C->getString("usr")->str(),
                               C->getString("callee").value_or("").str(),
                               viaFrom(C->getArray("via"))});
          }
      Index->addLockSummary(std::move(S));
    }
  if (const llvm::json::Array *Edges = Root->getArray("lockEdges"))
    for (const llvm::json::Value &Item : *Edges) {
      const llvm::json::Object *O = Item.getAsObject();
      if (!O || !O->getString("from") || !O->getString("to")) {
        Error = "malformed entry in \"lockEdges\"";
        return nullptr;
      }
      LockEdge E;
      E.From = O->getString("from")->str();
      E.To = O->getString("to")->str();
      E.FromShared = O->getBoolean("fromShared").value_or(false);
      E.ToShared = O->getBoolean("toShared").value_or(false);
      E.Function = O->getString("function").value_or("").str();
      E.TU = O->getString("tu").value_or("").str();
      E.Held = posFrom(O->getObject("held"));
      E.Acquired = posFrom(O->getObject("acquired"));
      E.Via = viaFrom(O->getArray("via"));
      E.LockedAt = posFrom(O->getObject("lockedAt"));
      E.Instances = O->getBoolean("instances").value_or(false);
      E.Fixable = O->getBoolean("fixable").value_or(false);
      Index->addLockEdge(std::move(E));
    }
  if (const llvm::json::Array *Held = Root->getArray("heldCalls"))
    for (const llvm::json::Value &Item : *Held) {
      const llvm::json::Object *O = Item.getAsObject();
      if (!O || !O->getString("from") || !O->getString("usr")) {
        Error = "malformed entry in \"heldCalls\"";
        return nullptr;
      }
      HeldCall C;
      C.From = O->getString("from")->str();
      C.FromShared = O->getBoolean("fromShared").value_or(false);
      C.Function = O->getString("function").value_or("").str();
      C.TU = O->getString("tu").value_or("").str();
      C.Held = posFrom(O->getObject("held"));
      C.At = posFrom(O->getObject("site"));
      C.CalleeUSR = O->getString("usr")->str();
      C.Callee = O->getString("callee").value_or("").str();
      Index->addHeldCall(std::move(C));
    }
  return Index;
}

static std::unique_ptr<FactsIndex> loadFile(llvm::StringRef Path,
                                            std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Path.str() + ": " + Buffer.getError().message();
    return nullptr;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    Error = Path.str() + ": " + llvm::toString(Parsed.takeError());
    return nullptr;
  }
  auto Index = FactsIndex::fromJSON(*Parsed, Error);
  if (!Index)
    Error = Path.str() + ": " + Error;
  return Index;
}

std::unique_ptr<FactsIndex> FactsIndex::load(llvm::StringRef Path,
                                             std::string &Error) {
  if (!llvm::sys::fs::is_directory(Path))
    return loadFile(Path, Error);
  auto Merged = std::make_unique<FactsIndex>();
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) != ".json")
      continue;
    auto One = loadFile(It->path(), Error);
    if (!One)
      return nullptr;
    Merged->merge(*One);
  }
  if (EC) {
    Error = Path.str() + ": " + EC.message();
    return nullptr;
  }
  return Merged;
}

bool FactsIndex::write(llvm::StringRef Path, std::string &Error) const {
  // Written to a temporary file and renamed, so a reader never sees half.
  llvm::SmallString<256> Temp(Path);
  Temp += ".tmp";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      Error = Temp.str().str() + ": " + EC.message();
      return false;
    }
    llvm::json::OStream JSON(OS, /*IndentSize=*/2);
    JSON.value(toJSON());
    OS << "\n";
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    Error = Path.str() + ": " + EC.message();
    return false;
  }
  return true;
}

namespace {
std::mutex ActiveMutex;
std::shared_ptr<const FactsIndex> Active;
std::map<std::string, std::shared_ptr<const FactsIndex>> LoadedByPath;
thread_local std::shared_ptr<const FactsIndex> ThreadActive;
thread_local FactsQueryLog *ThreadLog = nullptr;
} // namespace

void FactsQueryLog::record(std::string Query, std::string Answer) {
  Recorded[std::move(Query)] = std::move(Answer);
}

FactsQueryLog *FactsQueryLog::current() { return ThreadLog; }

FactsQueryLog::Scope::Scope(FactsQueryLog *Log) : Previous(ThreadLog) {
  ThreadLog = Log;
}

FactsQueryLog::Scope::~Scope() { ThreadLog = Previous; }

/// The lock-order cycles of the merged graph, each with its digest and the
/// keys of its edges.
struct FactsAnswers::CycleSet {
  struct Entry {
    std::string Digest;
    std::set<LockEdgeKey> Edges;
  };
  std::vector<Entry> Cycles;
};

FactsAnswers::FactsAnswers(const FactsIndex &Facts) : Facts(Facts) {}
FactsAnswers::~FactsAnswers() = default;

std::string FactsAnswers::answer(llvm::StringRef Query,
                                 const std::vector<LockEdge> &OwnEdges) {
  // Answering is not asking: the log of this thread stays as it is.
  FactsQueryLog::Scope Quiet(nullptr);
  if (Query.consume_front("round-trip:"))
    return roundTripDigest(Facts.roundTripOf(Query));
  if (Query.consume_front("acquires:"))
    return acquiresDigest(Facts.acquiresOf(Query));
  if (Query == "lock-cycles") {
    if (!Cycles) {
      Cycles = std::make_unique<CycleSet>();
      LockGraph Graph;
      for (LockEdge &E : Facts.resolvedLockEdges())
        Graph.add(std::move(E));
      for (const LockGraph::Cycle &C : Graph.cycles()) {
        CycleSet::Entry Entry;
        std::set<std::string> Digests;
        for (size_t E : C.Edges) {
          Entry.Edges.insert(Graph.edges()[E].key());
          Digests.insert(edgeDigest(Graph.edges()[E]));
        }
        for (const std::string &D : Digests)
          Entry.Digest += D + ",";
        Cycles->Cycles.push_back(std::move(Entry));
      }
    }
    std::set<LockEdgeKey> Own;
    for (const LockEdge &E : OwnEdges)
      Own.insert(E.key());
    std::set<std::string> Through;
    for (const CycleSet::Entry &C : Cycles->Cycles)
      if (llvm::any_of(Own, [&](const LockEdgeKey &K) {
            return C.Edges.count(K) != 0;
          }))
        Through.insert(C.Digest);
    return cyclesDigest(Through);
  }
  // A question this build does not know: never equal, so never reused.
  return "unknown:" + Query.str();
}

bool FactsAnswers::allHold(const FactsQueryLog::Answers &Log,
                           const std::vector<LockEdge> &OwnEdges) {
  for (const auto &Entry : Log)
    if (answer(Entry.first, OwnEdges) != Entry.second)
      return false;
  return true;
}

std::string lockCyclesAnswer(const LockGraph &Graph,
                             llvm::function_ref<bool(const LockEdge &)> IsOwn) {
  std::set<std::string> Through;
  for (const LockGraph::Cycle &C : Graph.cycles()) {
    bool Own = false;
    std::set<std::string> Digests;
    for (size_t E : C.Edges) {
      const LockEdge &Edge = Graph.edges()[E];
      Own |= IsOwn(Edge);
      Digests.insert(edgeDigest(Edge));
    }
    if (!Own)
      continue;
    std::string Joined;
    for (const std::string &D : Digests)
      Joined += D + ",";
    Through.insert(std::move(Joined));
  }
  return cyclesDigest(Through);
}

ActiveFacts::ThreadScope::ThreadScope(std::shared_ptr<const FactsIndex> Facts)
    : Previous(std::move(ThreadActive)) {
  ThreadActive = std::move(Facts);
}

ActiveFacts::ThreadScope::~ThreadScope() { ThreadActive = std::move(Previous); }

void ActiveFacts::setForThisThread(std::shared_ptr<const FactsIndex> Facts) {
  ThreadActive = std::move(Facts);
}

void ActiveFacts::set(std::shared_ptr<const FactsIndex> Facts) {
  std::lock_guard<std::mutex> Lock(ActiveMutex);
  Active = std::move(Facts);
}

std::shared_ptr<const FactsIndex> ActiveFacts::get() {
  if (ThreadActive)
    return ThreadActive;
  std::lock_guard<std::mutex> Lock(ActiveMutex);
  return Active;
}

std::shared_ptr<const FactsIndex>
ActiveFacts::fromOption(llvm::StringRef Path, std::string &Error) {
  if (Path.empty())
    return nullptr;
  std::lock_guard<std::mutex> Lock(ActiveMutex);
  auto It = LoadedByPath.find(Path.str());
  if (It != LoadedByPath.end())
    return It->second;
  std::shared_ptr<const FactsIndex> Loaded = FactsIndex::load(Path, Error);
  LoadedByPath.emplace(Path.str(), Loaded);
  return Loaded;
}

} // namespace dbtidy
