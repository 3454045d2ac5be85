//===--- GitDiff.cpp - Lines changed since a git revision -----------------===//
#include "tools/dbtidy/GitDiff.h"

#include "tools/dbtidy/FixApply.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

#include <algorithm>
#include <optional>

namespace dbtidy {

static std::string underRoot(llvm::StringRef Relative, llvm::StringRef Root) {
  llvm::SmallString<256> Path(Root);
  llvm::sys::path::append(Path, Relative);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

void ChangedLines::addUnifiedDiff(llvm::StringRef Diff, llvm::StringRef Root) {
  FileChanges *Current = nullptr;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      Line = Line.rtrim("\r\t");
      if (Line == "/dev/null") {
        Current = nullptr;
        continue;
      }
      if (Line.size() >= 2 && Line.front() == '"' && Line.back() == '"')
        Line = Line.drop_front().drop_back();
      Line.consume_front("b/");
      Current = &Files[underRoot(Line, Root)];
      continue;
    }
    if (!Current || !Line.starts_with("@@ "))
      continue;
    // @@ -a[,b] +c[,d] @@
    size_t Plus = Line.find(" +");
    if (Plus == llvm::StringRef::npos)
      continue;
    llvm::StringRef New = Line.drop_front(Plus + 2);
    New = New.take_until([](char C) { return C == ' '; });
    llvm::StringRef Start = New, Count = "1";
    if (New.contains(','))
      std::tie(Start, Count) = New.split(',');
    unsigned First = 0, N = 0;
    if (Start.getAsInteger(10, First) || Count.getAsInteger(10, N) || N == 0)
      continue;
    Current->Ranges.push_back({First, First + N - 1});
  }
}

void ChangedLines::addWholeFile(llvm::StringRef AbsolutePath) {
  Files[AbsolutePath].Whole = true;
}

bool ChangedLines::contains(llvm::StringRef File, unsigned Line) const {
  auto It = Files.find(File);
  if (It == Files.end())
    return false;
  if (It->second.Whole)
    return true;
  for (const auto &Range : It->second.Ranges)
    if (Range.first <= Line && Line <= Range.second)
      return true;
  return false;
}

std::vector<std::string> ChangedLines::files() const {
  std::vector<std::string> Out;
  for (const auto &Entry : Files)
    if (Entry.second.Whole || !Entry.second.Ranges.empty())
      Out.push_back(Entry.first().str());
  std::sort(Out.begin(), Out.end());
  return Out;
}

bool ChangedLines::touches(llvm::StringRef File) const {
  auto It = Files.find(File);
  return It != Files.end() && (It->second.Whole || !It->second.Ranges.empty());
}

namespace {

/// Runs git with Args in Dir; Output gets its stdout, Error its stderr.
bool runGit(llvm::ArrayRef<std::string> Args, llvm::StringRef Dir,
            std::string &Output, std::string &Error) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Error = "git is not installed (needed by --since)";
    return false;
  }
  llvm::SmallString<128> Out, Err;
  int OutFD = -1, ErrFD = -1;
  if (llvm::sys::fs::createTemporaryFile("dbtidy-git", "out", OutFD, Out) ||
      llvm::sys::fs::createTemporaryFile("dbtidy-git", "err", ErrFD, Err)) {
    Error = "cannot create a temporary file for git's output";
    return false;
  }
  if (llvm::sys::Process::SafelyCloseFileDescriptor(OutFD) ||
      llvm::sys::Process::SafelyCloseFileDescriptor(ErrFD)) {
    Error = "cannot close a temporary file for git's output";
    return false;
  }
  std::vector<llvm::StringRef> Argv{*Git, "-C", Dir};
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(Out),
                                                llvm::StringRef(Err)};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects,
                                         /*SecondsToWait=*/0, /*MemoryLimit=*/0,
                                         &ExecError);
  auto Slurp = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  Output = Slurp(Out);
  std::string Stderr = Slurp(Err);
  removeTemporaryFile(Out);
  removeTemporaryFile(Err);
  if (Status != 0) {
    Error = !ExecError.empty() ? ExecError : llvm::StringRef(Stderr).trim().str();
    if (Error.empty())
      Error = "git exited with status " + std::to_string(Status);
    return false;
  }
  return true;
}

} // namespace

bool changedSince(llvm::StringRef Ref, llvm::StringRef Root, ChangedLines &Out,
                  std::string &Error) {
  std::string Output;
  if (Ref.empty() || Ref.starts_with("-")) {
    Error = "'" + Ref.str() + "' is not a git revision";
    return false;
  }
  if (!runGit({"rev-parse", "--verify", "--quiet", (Ref + "^{commit}").str()},
              Root, Output, Error)) {
    Error = "'" + Ref.str() + "' names no commit in " + Root.str() +
            (Error.empty() ? "" : ": " + Error);
    return false;
  }
  std::string Commit = llvm::StringRef(Output).trim().str();
  if (!runGit({"-c", "core.quotePath=false", "diff", "--no-color",
               "--no-ext-diff", "--no-renames", "-U0", Commit, "--"},
              Root, Output, Error))
    return false;
  Out.addUnifiedDiff(Output, Root);
  if (!runGit({"ls-files", "--others", "--exclude-standard", "-z"}, Root,
              Output, Error))
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Untracked;
  llvm::StringRef(Output).split(Untracked, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef File : Untracked)
    Out.addWholeFile(underRoot(File, Root));
  return true;
}

} // namespace dbtidy
