//===--- CiGateTest.cpp - Fingerprints, baselines, diffs, fixes, graphs ---===//
#include "lib/LockGraphView.h"
#include "tools/dbtidy/Baseline.h"
#include "tools/dbtidy/FixApply.h"
#include "tools/dbtidy/GitDiff.h"
#include "tools/dbtidy/Report.h"
#include "tools/dbtidy/Sarif.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

namespace dbtidy {
namespace {

class TempDir {
public:
  TempDir() { llvm::sys::fs::createUniqueDirectory("dbtidy-gate-test", Path); }
  ~TempDir() { llvm::sys::fs::remove_directories(Path); }
  std::string file(llvm::StringRef Name, llvm::StringRef Text) const {
    llvm::SmallString<128> P(Path);
    llvm::sys::path::append(P, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    OS << Text;
    return std::string(P);
  }
  llvm::SmallString<128> Path;
};

std::string read(llvm::StringRef Path) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  return B ? (*B)->getBuffer().str() : "<unreadable>";
}

Finding finding(llvm::StringRef File, unsigned Offset, llvm::StringRef Check) {
  Finding F;
  F.Check = Check.str();
  F.Where.File = File.str();
  F.Where.Offset = Offset;
  return F;
}

TEST(Fingerprints, IgnoreLineShiftsAndBlanksButNotTheFlaggedCode) {
  TempDir D;
  std::string Before = D.file("a.cpp", "int f() {\n  query(1);\n  query(1);\n}\n");
  std::vector<Finding> A{finding(Before, 12, "db-x"), finding(Before, 24, "db-x")};
  SourceCache SA;
  for (Finding &F : A)
    SA.resolve(F.Where);
  assignFingerprints(A, SA, D.Path);
  // Same line text twice: told apart by their index.
  EXPECT_NE(A[0].Fingerprint, A[1].Fingerprint);

  std::string After =
      D.file("a.cpp", "// new\n\nint f() {\n    query( 1 );\n  query(1);\n}\n");
  std::vector<Finding> B{finding(After, 22, "db-x"), finding(After, 38, "db-x")};
  SourceCache SB;
  for (Finding &F : B)
    SB.resolve(F.Where);
  EXPECT_EQ(B[0].Where.Line, 4u);
  assignFingerprints(B, SB, D.Path);
  EXPECT_EQ(A[0].Fingerprint, B[0].Fingerprint);
  EXPECT_EQ(A[1].Fingerprint, B[1].Fingerprint);

  // Another check, or another enclosing function: another fingerprint.
  std::vector<Finding> C{finding(After, 22, "db-y"), finding(After, 38, "db-x")};
  C[1].Function = "g";
  SourceCache SC;
  for (Finding &F : C)
    SC.resolve(F.Where);
  assignFingerprints(C, SC, D.Path);
  EXPECT_NE(C[0].Fingerprint, B[0].Fingerprint);
  EXPECT_NE(C[1].Fingerprint, B[1].Fingerprint);
}

TEST(Baseline, RoundTripAndCounts) {
  TempDir D;
  std::vector<Finding> Fs{finding("/x/a.cpp", 0, "db-x"), finding("/x/a.cpp", 0, "db-x")};
  Fs[0].Fingerprint = "aa";
  Fs[1].Fingerprint = "bb";
  std::string Path = D.file("baseline.json", "");
  std::string Error;
  ASSERT_TRUE(Baseline::write(Path, Fs, "/x", Error)) << Error;
  Baseline B;
  ASSERT_TRUE(B.read(Path, Error)) << Error;
  std::vector<Finding> Now{Fs[0], Fs[0], Fs[1]};
  EXPECT_EQ(B.filter(Now), 2u);
  ASSERT_EQ(Now.size(), 1u); // "aa" was recorded once: its second copy is new
  EXPECT_EQ(Now[0].Fingerprint, "aa");

  EXPECT_FALSE(B.read(D.file("bad.json", "[1, 2]"), Error));
  EXPECT_NE(Error.find("not a dbtidy baseline"), std::string::npos);
  EXPECT_FALSE(B.read(D.file("bad2.json", "{\"format\": \"dbtidy-baseline\", "
                                         "\"version\": 7, \"findings\": []}"),
                      Error));
  EXPECT_NE(Error.find("version"), std::string::npos);
}

TEST(GitDiff, UnifiedDiffHunks) {
  ChangedLines C;
  C.addUnifiedDiff("diff --git a/src/a.cpp b/src/a.cpp\n"
                   "--- a/src/a.cpp\n+++ b/src/a.cpp\n"
                   "@@ -3 +3 @@\n-x\n+y\n"
                   "@@ -10,0 +11,3 @@\n+a\n+b\n+c\n"
                   "@@ -20,2 +23,0 @@\n-gone\n-gone\n"
                   "--- a/old.h\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n"
                   "+++ \"b/sp ace.h\"\n@@ -1 +1 @@\n+q\n",
                   "/repo");
  EXPECT_TRUE(C.contains("/repo/src/a.cpp", 3));
  EXPECT_FALSE(C.contains("/repo/src/a.cpp", 4));
  EXPECT_TRUE(C.contains("/repo/src/a.cpp", 11));
  EXPECT_TRUE(C.contains("/repo/src/a.cpp", 13));
  EXPECT_FALSE(C.contains("/repo/src/a.cpp", 14));
  EXPECT_FALSE(C.contains("/repo/src/a.cpp", 23)); // pure deletion
  EXPECT_FALSE(C.touches("/repo/old.h"));
  EXPECT_TRUE(C.contains("/repo/sp ace.h", 1));
  C.addWholeFile("/repo/new.cpp");
  EXPECT_TRUE(C.contains("/repo/new.cpp", 999));
  EXPECT_EQ(C.files().size(), 3u);
}

TEST(FixApply, ConflictingGroupsAreSkippedWhole) {
  TempDir D;
  std::string File = D.file("f.cpp", "0123456789\n");
  Finding A = finding(File, 0, "db-a");
  A.Fix = {{File, 1, 2, "AB"}, {File, 6, 1, "X"}};
  Finding B = finding(File, 0, "db-b"); // overlaps A's second edit
  B.Fix = {{File, 3, 1, "C"}, {File, 6, 2, "YY"}};
  Finding C = finding(File, 0, "db-c");
  C.Fix = {{File, 9, 1, "Z"}};
  std::string Log;
  llvm::raw_string_ostream OS(Log);
  FixSummary S = applyFixes({A, B, C}, OS);
  EXPECT_EQ(S.Groups, 3u);
  EXPECT_EQ(S.Applied, 2u);
  EXPECT_EQ(S.Conflicting, 1u);
  EXPECT_EQ(S.FilesWritten, 1u);
  // B's first edit (offset 3) is not applied although it fits alone.
  EXPECT_EQ(read(File), "0AB345X78Z\n");
  EXPECT_NE(OS.str().find("[db-b] is not applied"), std::string::npos);
}

TEST(FixApply, AtomicWriteKeepsPermissionsAndFailsCleanly) {
  TempDir D;
  std::string File = D.file("g.cpp", "old\n");
  llvm::sys::fs::setPermissions(File, llvm::sys::fs::perms(0640));
  std::string Error;
  ASSERT_TRUE(writeFileAtomically(File, "new\n", Error)) << Error;
  EXPECT_EQ(read(File), "new\n");
  auto Perms = llvm::sys::fs::getPermissions(File);
  ASSERT_TRUE(bool(Perms));
  EXPECT_EQ(*Perms, llvm::sys::fs::perms(0640));
  std::error_code EC;
  unsigned Entries = 0;
  for (llvm::sys::fs::directory_iterator I(D.Path, EC), E; I != E && !EC;
       I.increment(EC))
    ++Entries;
  EXPECT_EQ(Entries, 1u); // no temporary file left

  // A directory that cannot hold the temporary file: the original is kept.
  llvm::SmallString<128> Missing(D.Path);
  llvm::sys::path::append(Missing, "no-such-dir", "h.cpp");
  EXPECT_FALSE(writeFileAtomically(Missing, "x", Error));
  EXPECT_FALSE(Error.empty());
}

unsigned entriesIn(llvm::StringRef Dir) {
  std::error_code EC;
  unsigned Entries = 0;
  for (llvm::sys::fs::directory_iterator I(Dir, EC), E; I != E && !EC;
       I.increment(EC))
    ++Entries;
  return Entries;
}

TEST(FixApply, FixesDroppedBeforePlanningAreCounted) {
  Finding Overlapping = finding("/x.cpp", 0, "db-a");
  Overlapping.Notes.push_back(
      {{}, "this fix will not be applied because it overlaps with another fix"});
  Finding InMacro = finding("/x.cpp", 4, "db-b");
  InMacro.Notes.push_back({{}, "fix-it not applied: it touches a macro expansion"});
  std::string Log;
  llvm::raw_string_ostream OS(Log);
  FixPlan Plan = planFixes({Overlapping, InMacro, finding("/x.cpp", 8, "db-c")}, OS);
  EXPECT_EQ(Plan.Summary.Groups, 1u);
  EXPECT_EQ(Plan.Summary.Conflicting, 1u);
  EXPECT_EQ(Plan.Summary.InMacros, 1u);
  EXPECT_EQ(Plan.Summary.Applied, 0u);
  printFixSummary(Plan.Summary, OS);
  EXPECT_EQ(OS.str(), "dbtidy: applied 0 of 1 suggested fix (1 skipped: they "
                      "overlap other fixes).\n"
                      "dbtidy: 1 finding has no fix-it applied: it would touch "
                      "a macro expansion.\n");
}

TEST(FixApply, AtomicWriteThroughASymlinkReplacesItsTarget) {
  TempDir D;
  std::string Target = D.file("real.cpp", "old\n");
  llvm::SmallString<128> Link(D.Path);
  llvm::sys::path::append(Link, "link.cpp");
  ASSERT_FALSE(llvm::sys::fs::create_link("real.cpp", Link));
  std::string Error;
  ASSERT_TRUE(writeFileAtomically(Link, "new\n", Error)) << Error;
  EXPECT_EQ(read(Target), "new\n");
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(Link, Status, /*follow=*/false));
  EXPECT_EQ(Status.type(), llvm::sys::fs::file_type::symlink_file);
  EXPECT_EQ(entriesIn(D.Path), 2u);
}

TEST(FixApply, AFailedRenameLeavesTheTargetAndNoTemporary) {
  TempDir D;
  // The rename of the temporary file onto a directory fails (also for root,
  // whom permissions do not stop): the target is untouched, the temporary
  // file removed.
  llvm::SmallString<128> Dir(D.Path);
  llvm::sys::path::append(Dir, "sub.cpp");
  ASSERT_FALSE(llvm::sys::fs::create_directory(Dir));
  std::string Error;
  EXPECT_FALSE(writeFileAtomically(Dir, "new\n", Error));
  EXPECT_NE(Error.find("rename"), std::string::npos) << Error;
  EXPECT_TRUE(llvm::sys::fs::is_directory(Dir));
  EXPECT_EQ(entriesIn(D.Path), 1u);
}

TEST(FixApply, AFileThatCannotBeWrittenLeavesTheOthersWhole) {
  TempDir D;
  std::string A = D.file("a.cpp", "aaaa\n");
  std::string B = D.file("b.cpp", "bbbb\n");
  std::string C = D.file("c.cpp", "cccc\n");
  Finding FA = finding(A, 0, "db-a");
  FA.Fix = {{A, 0, 2, "AA"}, {A, 3, 1, "A"}};
  Finding FB = finding(B, 0, "db-b");
  FB.Fix = {{B, 0, 4, "BBBB"}};
  Finding FC = finding(C, 0, "db-c");
  FC.Fix = {{C, 1, 1, "C"}};
  std::string Log;
  llvm::raw_string_ostream OS(Log);
  FixPlan Plan = planFixes({FA, FB, FC}, OS);
  EXPECT_EQ(Plan.Summary.Applied, 3u);
  // b.cpp goes away between the analysis and the write.
  ASSERT_FALSE(llvm::sys::fs::remove(B));
  writeFixes(Plan, OS);
  EXPECT_EQ(Plan.Summary.FilesWritten, 2u);
  EXPECT_EQ(Plan.Summary.WriteErrors, 1u);
  EXPECT_EQ(read(A), "AAaA\n");
  EXPECT_FALSE(llvm::sys::fs::exists(B)); // not created half-way
  EXPECT_EQ(read(C), "cCcc\n");
  EXPECT_NE(OS.str().find("cannot apply fixes to '" + B + "'"),
            std::string::npos);
  EXPECT_EQ(entriesIn(D.Path), 2u); // no temporary file left
}

TEST(LockGraphView, CyclesAndDot) {
  LockGraphView G;
  G.addEdge({"a", "b", "f.cpp", 1, "f"});
  G.addEdge({"b", "c", "f.cpp", 2, "g"});
  G.addEdge({"c", "a", "f.cpp", 3, "h"});
  G.addEdge({"c", "d", "f.cpp", 4, "k"});
  G.addEdge({"e", "e", "f.cpp", 5, "self"});
  G.computeCycles();
  ASSERT_EQ(G.Cycles.size(), 2u);
  EXPECT_EQ(G.Cycles[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(G.Cycles[1], (std::vector<std::string>{"e"}));
  EXPECT_TRUE(G.onCycle("c", "a"));
  EXPECT_FALSE(G.onCycle("c", "d"));
  EXPECT_FALSE(G.nodeOnCycle("d"));
  std::string Dot = G.toDot();
  EXPECT_NE(Dot.find("n2 -> n0 [label=\"h\\nf.cpp:3\""), std::string::npos) << Dot;
  EXPECT_NE(Dot.find("class=\"cycle\""), std::string::npos);

  std::string Error;
  std::unique_ptr<LockGraphView> Back = LockGraphView::fromJSON(G.toJSON(), Error);
  ASSERT_TRUE(Back) << Error;
  EXPECT_EQ(Back->Edges.size(), 5u);
  EXPECT_EQ(Back->Cycles, G.Cycles);
}

TEST(Report, LockGraphWithoutGraphvizIsAList) {
  LockGraphView G;
  G.addEdge({"ordersMu_", "stockMu_", "/p/c.cpp", 3, "record"});
  G.addEdge({"stockMu_", "ordersMu_", "/p/c.cpp", 9, "restock"});
  G.computeCycles();
  ReportOptions O;
  O.Root = "/p";
  O.Locks = &G;
  O.DotProgram = "/nonexistent/dot";
  SourceCache S;
  std::string Html = renderReport({}, O, S);
  EXPECT_NE(Html.find("No findings."), std::string::npos);
  EXPECT_NE(Html.find("<li class=\"cycle\">ordersMu_ &rarr; stockMu_"),
            std::string::npos);
  EXPECT_NE(Html.find("c.cpp:3"), std::string::npos);
  EXPECT_EQ(Html.find("<svg"), std::string::npos);
}

TEST(Sarif, UrisAreRelativeToTheRootAndEscaped) {
  bool Relative = false;
  EXPECT_EQ(artifactUri("/p/src/a b.cpp", "/p", Relative), "src/a%20b.cpp");
  EXPECT_TRUE(Relative);
  EXPECT_EQ(artifactUri("/elsewhere/x.h", "/p", Relative), "file:///elsewhere/x.h");
  EXPECT_FALSE(Relative);
  EXPECT_EQ(artifactUri("/pp/x.h", "/p", Relative), "file:///pp/x.h");
}

} // namespace
} // namespace dbtidy
