//===--- FactsQueryLogTest.cpp - What checks ask of the facts -------------===//
//
// The driver reuses a TU's findings when every question its checks asked of
// the facts gets the same answer from the merged facts. These tests pin
// down that answers change exactly when a finding could.
//
//===----------------------------------------------------------------------===//
#include "lib/Facts.h"
#include "lib/LockGraph.h"

#include "gtest/gtest.h"

using namespace dbtidy;

namespace {

RoundTripFact roundTrip(const char *USR, unsigned Line) {
  RoundTripFact F;
  F.USR = USR;
  F.Function = "Repo::byId";
  F.File = "/repo.cpp";
  F.Line = Line;
  F.Column = 21;
  F.Callee = "exec_params1";
  return F;
}

LockEdge edge(const char *From, const char *To, unsigned Line,
              const char *TU) {
  LockEdge E;
  E.From = From;
  E.To = To;
  E.Function = "f" + std::to_string(Line);
  E.Held = {TU, Line - 1, 3};
  E.Acquired = {TU, Line, 3};
  E.LockedAt = E.Acquired;
  E.TU = TU;
  return E;
}

TEST(FactsQueryLogTest, QueriesAreLoggedOnlyInScope) {
  FactsIndex Facts;
  Facts.add(roundTrip("c:@F@byId", 4));
  FactsQueryLog Log;
  Facts.roundTripOf("c:@F@byId"); // no log in scope
  EXPECT_TRUE(Log.answers().empty());
  {
    FactsQueryLog::Scope InScope(&Log);
    EXPECT_NE(Facts.roundTripOf("c:@F@byId"), nullptr);
    EXPECT_EQ(Facts.roundTripOf("c:@F@other"), nullptr);
    Facts.acquiresOf("c:@F@byId");
  }
  Facts.roundTripOf("c:@F@late");
  ASSERT_EQ(Log.answers().size(), 3u);
  EXPECT_TRUE(Log.answers().count("round-trip:c:@F@byId"));
  EXPECT_TRUE(Log.answers().count("round-trip:c:@F@other"));
  EXPECT_TRUE(Log.answers().count("acquires:c:@F@byId"));
}

TEST(FactsQueryLogTest, AnswersHoldUntilAFactTheyReadChanges) {
  FactsIndex Own; // what the TU's first parse saw: nothing of byId
  FactsQueryLog Log;
  {
    FactsQueryLog::Scope InScope(&Log);
    Own.roundTripOf("c:@F@byId");
  }
  FactsIndex Merged;
  Merged.add(roundTrip("c:@F@byId", 4));
  EXPECT_FALSE(FactsAnswers(Merged).allHold(Log.answers(), {}));
  EXPECT_TRUE(FactsAnswers(Own).allHold(Log.answers(), {}));

  // Asked again of the merged facts: holds for them, and for an unrelated
  // addition, but not once the round trip moves (its note would move).
  FactsQueryLog Again;
  {
    FactsQueryLog::Scope InScope(&Again);
    Merged.roundTripOf("c:@F@byId");
  }
  EXPECT_TRUE(FactsAnswers(Merged).allHold(Again.answers(), {}));
  FactsIndex Grown = Merged;
  Grown.add(roundTrip("c:@F@unrelated", 9));
  EXPECT_TRUE(FactsAnswers(Grown).allHold(Again.answers(), {}));
  FactsIndex Moved;
  Moved.add(roundTrip("c:@F@byId", 5));
  EXPECT_FALSE(FactsAnswers(Moved).allHold(Again.answers(), {}));
}

TEST(FactsQueryLogTest, AnsweringDoesNotLog) {
  FactsIndex Facts;
  FactsQueryLog Log;
  FactsQueryLog::Scope InScope(&Log);
  FactsAnswers(Facts).answer("round-trip:c:@F@x", {});
  EXPECT_TRUE(Log.answers().empty());
}

TEST(FactsQueryLogTest, UnknownQuestionsNeverHold) {
  FactsIndex Facts;
  FactsQueryLog::Answers Log = {{"future-question:x", "0"}};
  EXPECT_FALSE(FactsAnswers(Facts).allHold(Log, {}));
}

TEST(FactsQueryLogTest, LockCyclesThroughOwnEdgesOnly) {
  // TU a.cpp takes m then n; b.cpp takes n then m: a cycle across TUs.
  LockEdge AB = edge("m", "n", 10, "/a.cpp");
  LockEdge BA = edge("n", "m", 20, "/b.cpp");
  LockEdge Other = edge("p", "q", 30, "/c.cpp");

  FactsIndex OwnA;
  OwnA.addLockEdge(AB);
  FactsIndex Merged;
  Merged.addLockEdge(AB);
  Merged.addLockEdge(BA);
  Merged.addLockEdge(Other);

  // What db-lock-order records with only a.cpp's own facts: no cycle.
  LockGraph Alone;
  LockEdge Local = AB;
  Local.Local = true;
  Alone.add(Local);
  std::string Recorded =
      lockCyclesAnswer(Alone, [](const LockEdge &E) { return E.Local; });
  FactsQueryLog::Answers Log = {{"lock-cycles", Recorded}};

  FactsAnswers WithOwn(OwnA);
  EXPECT_TRUE(WithOwn.allHold(Log, OwnA.lockEdges()));
  FactsAnswers WithAll(Merged);
  EXPECT_FALSE(WithAll.allHold(Log, OwnA.lockEdges()));

  // c.cpp's edge is in no cycle: its answer is the same with or without
  // the others.
  FactsIndex OwnC;
  OwnC.addLockEdge(Other);
  LockGraph CAlone;
  LockEdge LocalC = Other;
  LocalC.Local = true;
  CAlone.add(LocalC);
  FactsQueryLog::Answers LogC = {
      {"lock-cycles",
       lockCyclesAnswer(CAlone, [](const LockEdge &E) { return E.Local; })}};
  EXPECT_TRUE(WithAll.allHold(LogC, OwnC.lockEdges()));

  // After a.cpp's checks ran with the merged facts, the answer holds.
  LockGraph Full;
  Full.add(Local);
  Full.add(BA);
  Full.add(Other);
  FactsQueryLog::Answers Rerun = {
      {"lock-cycles",
       lockCyclesAnswer(Full, [](const LockEdge &E) { return E.Local; })}};
  EXPECT_TRUE(WithAll.allHold(Rerun, OwnA.lockEdges()));
}

TEST(FactsQueryLogTest, ThreadFactsOverrideTheProcessFacts) {
  auto Process = std::make_shared<FactsIndex>();
  auto Thread = std::make_shared<FactsIndex>();
  ActiveFacts::set(Process);
  EXPECT_EQ(ActiveFacts::get(), Process);
  {
    ActiveFacts::ThreadScope Scope(nullptr);
    ActiveFacts::setForThisThread(Thread);
    EXPECT_EQ(ActiveFacts::get(), Thread);
  }
  EXPECT_EQ(ActiveFacts::get(), Process);
  ActiveFacts::set(nullptr);
}

} // namespace
