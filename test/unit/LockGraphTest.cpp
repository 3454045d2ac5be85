//===--- LockGraphTest.cpp - Lock graph, cycles, lock facts ---------------===//
#include "lib/Facts.h"
#include "lib/LockGraph.h"
#include "lib/Profile.h"
#include "lib/SqlAnalysis.h"

#include "gtest/gtest.h"

using namespace dbtidy;

namespace {

SourcePos at(const char *File, unsigned Line) { return {File, Line, 3}; }

LockEdge edge(const char *From, const char *To, unsigned Line,
              const char *File = "/a.cpp") {
  LockEdge E;
  E.From = From;
  E.To = To;
  E.Function = "f" + std::to_string(Line);
  E.Held = at(File, Line - 1);
  E.Acquired = at(File, Line);
  E.LockedAt = E.Acquired;
  E.TU = File;
  E.Local = true;
  return E;
}

TEST(LockGraphTest, TwoCycleReportedOnceAtLatestAcquisition) {
  LockGraph G;
  G.add(edge("a", "b", 10));
  G.add(edge("b", "a", 20));
  G.add(edge("b", "a", 20)); // duplicate
  ASSERT_EQ(G.edges().size(), 2u);
  auto Cycles = G.cycles();
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(G.edges()[Cycles[0].Reporting].Acquired.Line, 20u);
  LockReport R = G.report(Cycles[0]);
  EXPECT_EQ(R.At.Line, 20u);
  EXPECT_NE(R.Message.find("lock-order inversion: 'a' is acquired while 'b'"),
            std::string::npos);
  ASSERT_EQ(R.Notes.size(), 3u);
  EXPECT_EQ(R.Notes[0].first.Line, 19u); // 'b' acquired
  EXPECT_EQ(R.Notes[1].first.Line, 9u);  // 'a' acquired in the other
  EXPECT_EQ(R.Notes[2].first.Line, 10u); // 'b' acquired while 'a' held
}

TEST(LockGraphTest, ConsistentOrderHasNoCycle) {
  LockGraph G;
  G.add(edge("a", "b", 10));
  G.add(edge("b", "c", 20));
  G.add(edge("a", "c", 30));
  EXPECT_TRUE(G.cycles().empty());
}

TEST(LockGraphTest, ThreeCycle) {
  LockGraph G;
  G.add(edge("a", "b", 10));
  G.add(edge("b", "c", 20));
  G.add(edge("c", "a", 30));
  auto Cycles = G.cycles();
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Edges.size(), 3u);
  EXPECT_NE(G.report(Cycles[0]).Message.find("close the cycle"),
            std::string::npos);
}

TEST(LockGraphTest, SharedOnlyCycleIsNoDeadlock) {
  LockGraph G;
  LockEdge AB = edge("a", "b", 10), BA = edge("b", "a", 20);
  AB.FromShared = AB.ToShared = BA.FromShared = BA.ToShared = true;
  G.add(AB);
  G.add(BA);
  EXPECT_TRUE(G.cycles().empty());
  // Holding 'b' as a reader while a writer waits for 'a' does not block
  // the reader waiting for 'b'.
  LockEdge Writer = edge("b", "a", 30);
  Writer.FromShared = true;
  G.add(Writer);
  EXPECT_TRUE(G.cycles().empty());
  // An exclusive holder of 'b' waiting for 'a' exclusively does.
  G.add(edge("b", "a", 40));
  EXPECT_EQ(G.cycles().size(), 1u);
}

TEST(LockGraphTest, InstanceSelfEdge) {
  LockGraph G;
  LockEdge E = edge("Account::mu", "Account::mu", 10);
  E.Instances = true;
  G.add(E);
  G.add(edge("x", "x", 20)); // a plain re-entry is not a cycle
  auto Cycles = G.cycles();
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_NE(G.report(Cycles[0]).Message.find("two different objects"),
            std::string::npos);
}

TEST(LockGraphTest, MixedAndRowMessages) {
  LockGraph G;
  G.add(edge("gCache", "rows:prices", 10));
  G.add(edge("rows:prices", "gCache", 20));
  auto Cycles = G.cycles();
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_NE(G.report(Cycles[0]).Message.find("deadlock detector"),
            std::string::npos);
  EXPECT_EQ(describeLock("rows:prices"), "a row lock on 'prices'");
}

TEST(LockGraphTest, DeclaredOrderViolation) {
  LockGraph G;
  G.add(edge("b", "a", 10));
  std::vector<DeclaredOrder> Orders{{"a", "b", at("/x.yaml", 3), "lock-order"}};
  auto V = G.violations(Orders);
  ASSERT_EQ(V.size(), 1u);
  LockReport R = G.report(V[0].first, *V[0].second);
  EXPECT_NE(R.Message.find("against the declared lock order"),
            std::string::npos);
  EXPECT_EQ(R.Notes[0].first.File, "/x.yaml");
}

TEST(LockFactsTest, RoundTripAndResolution) {
  FactsIndex F;
  F.addLockEdge(edge("a", "b", 10));
  LockSummaryFact S;
  S.USR = "c:@F@inner#";
  S.Function = "inner";
  S.Acquires.push_back({"c", false, at("/c.cpp", 4), {}});
  F.addLockSummary(S);
  LockSummaryFact Outer;
  Outer.USR = "c:@F@outer#";
  Outer.Function = "outer";
  Outer.Calls.push_back({"c:@F@inner#", "inner", {{"inner", at("/b.cpp", 7)}}});
  F.addLockSummary(Outer);
  F.addHeldCall({"b", false, "caller", at("/a.cpp", 1), at("/a.cpp", 2),
                 "c:@F@outer#", "outer", "/a.cpp"});

  std::string Error;
  auto Back = FactsIndex::fromJSON(F.toJSON(), Error);
  ASSERT_TRUE(Back) << Error;
  auto Acquires = Back->acquiresOf("c:@F@outer#");
  ASSERT_EQ(Acquires.size(), 1u);
  EXPECT_EQ(Acquires[0].Lock, "c");
  ASSERT_EQ(Acquires[0].Via.size(), 1u);
  auto Edges = Back->resolvedLockEdges();
  ASSERT_EQ(Edges.size(), 2u);
  const LockEdge &Resolved = Edges[1];
  EXPECT_EQ(Resolved.From, "b");
  EXPECT_EQ(Resolved.To, "c");
  EXPECT_TRUE(Resolved.CrossTU);
  ASSERT_EQ(Resolved.Via.size(), 2u);
  EXPECT_EQ(Resolved.Via[0].Callee, "outer");
  EXPECT_EQ(Resolved.LockedAt.File, "/c.cpp");
}

TEST(LockFactsTest, VersionOneStillReadAndUnknownRefused) {
  std::string Error;
  auto V1 = llvm::json::parse(
      R"({"format": "dbtidy-facts", "version": 1, "roundTrips": []})");
  ASSERT_TRUE(bool(V1));
  EXPECT_TRUE(FactsIndex::fromJSON(*V1, Error));
  auto V9 = llvm::json::parse(
      R"({"format": "dbtidy-facts", "version": 9, "roundTrips": []})");
  ASSERT_TRUE(bool(V9));
  EXPECT_FALSE(FactsIndex::fromJSON(*V9, Error));
  auto Bad = llvm::json::parse(
      R"({"format": "dbtidy-facts", "version": 2, "roundTrips": [],
          "lockEdges": [{"to": "x"}]})");
  ASSERT_TRUE(bool(Bad));
  EXPECT_FALSE(FactsIndex::fromJSON(*Bad, Error));
  EXPECT_NE(Error.find("lockEdges"), std::string::npos);
}

TEST(LockSqlTest, OrderLimitAndLockOptions) {
  SqlStatement S = parseSqlStatement(
      "SELECT * FROM t WHERE a = 1 ORDER BY created_at DESC, t.id FOR UPDATE");
  ASSERT_TRUE(S.Parsed);
  EXPECT_TRUE(S.HasOrderBy);
  EXPECT_FALSE(S.OrderByOther);
  ASSERT_EQ(S.OrderByColumns.size(), 2u);
  EXPECT_EQ(S.OrderByColumns[1], "id");
  EXPECT_TRUE(S.ForUpdate);
  S = parseSqlStatement("SELECT * FROM jobs ORDER BY random() LIMIT 1 "
                        "FOR UPDATE SKIP LOCKED");
  ASSERT_TRUE(S.Parsed);
  EXPECT_TRUE(S.OrderByOther);
  EXPECT_TRUE(S.LimitOne);
  EXPECT_TRUE(S.SkipLocked);
  S = parseSqlStatement("SELECT * FROM jobs FOR UPDATE NOWAIT");
  EXPECT_TRUE(S.NoWait);
  EXPECT_FALSE(S.HasOrderBy);
}

TEST(LockProfileTest, LockOrderAndAllMutexArgs) {
  ProfileError Error;
  auto P = parseProfile(R"(version: 1
name: t
lock-order:
  - [a, b, c]
  - [x, y]
calls:
  - function: my::lockAll
    kind: lock
    mutex-arg: all
types:
  - name: my::Guard
    role: lock-guard
    mutex-arg: all
)",
                        "t.yaml", Error);
  ASSERT_TRUE(P) << Error.format();
  ASSERT_EQ(P->LockOrders.size(), 2u);
  EXPECT_EQ(P->LockOrders[0][2], "c");
  EXPECT_TRUE(P->Calls[0].AllMutexArgs);
  EXPECT_TRUE(P->Types[0].AllMutexArgs);
  auto Flat = parseProfile("version: 1\nname: t\nlock-order: [a, b]\n",
                           "t.yaml", Error);
  ASSERT_TRUE(Flat) << Error.format();
  ASSERT_EQ(Flat->LockOrders.size(), 1u);
  EXPECT_FALSE(parseProfile("version: 1\nname: t\nlock-order: [a]\n", "t.yaml",
                            Error));
  EXPECT_NE(Error.Message.find("at least two"), std::string::npos);
}

} // namespace
