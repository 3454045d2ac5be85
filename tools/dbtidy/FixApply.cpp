//===--- FixApply.cpp - Applying fix-its safely ---------------------------===//
#include "tools/dbtidy/FixApply.h"

#include "lib/FixItSafety.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

#include <map>

namespace dbtidy {

void removeTemporaryFile(llvm::StringRef Path) {
  if (std::error_code EC = llvm::sys::fs::remove(Path))
    llvm::errs() << "dbtidy: warning: cannot remove temporary file '" << Path
                 << "': " << EC.message() << "\n";
}

bool writeFileAtomically(llvm::StringRef Original, llvm::StringRef Contents,
                         std::string &Error) {
  // Through a symbolic link, the file it names is replaced (renaming over
  // the link would replace the link and leave the file as it was).
  llvm::SmallString<256> Path;
  if (llvm::sys::fs::real_path(Original, Path))
    Path = Original;
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path) +
                                     ".dbtidy-%%%%%%.tmp");
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp)) {
    Error = "cannot create a temporary file next to it: " + EC.message();
    return false;
  }
  // An interrupt from here on removes the temporary file, never the source.
  llvm::sys::RemoveFileOnSignal(Temp);
  auto Fail = [&](const std::string &Why) {
    removeTemporaryFile(Temp);
    llvm::sys::DontRemoveFileOnSignal(Temp);
    Error = Why;
    return false;
  };
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Contents;
    OS.close();
    if (OS.has_error()) {
      std::string Why = "cannot write: " + OS.error().message();
      OS.clear_error();
      return Fail(Why);
    }
  }
  llvm::ErrorOr<llvm::sys::fs::perms> Perms =
      llvm::sys::fs::getPermissions(Path);
  if (Perms)
    if (std::error_code EC = llvm::sys::fs::setPermissions(Temp, *Perms))
      return Fail("cannot give the temporary file the permissions of the "
                  "original: " + EC.message());
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path))
    return Fail("cannot rename the temporary file over it: " + EC.message());
  llvm::sys::DontRemoveFileOnSignal(Temp);
  return true;
}

/// clang-tidy's note on a finding whose fix it dropped because it overlaps
/// another finding's fix in the same translation unit.
static constexpr llvm::StringLiteral ClangTidyOverlapNote =
    "this fix will not be applied because it overlaps with another fix";

static bool hasNote(const Finding &F, llvm::StringRef Message) {
  for (const FindingNote &N : F.Notes)
    if (N.Message == Message)
      return true;
  return false;
}

FixPlan planFixes(const std::vector<Finding> &Findings, llvm::raw_ostream &Log) {
  FixPlan Plan;
  FixSummary &Summary = Plan.Summary;
  std::map<std::string, clang::tooling::Replacements> &Accepted = Plan.Edits;
  Plan.Applied.assign(Findings.size(), false);
  for (size_t Index = 0; Index < Findings.size(); ++Index) {
    const Finding &F = Findings[Index];
    if (F.Fix.empty()) {
      if (hasNote(F, ClangTidyOverlapNote)) {
        ++Summary.Groups;
        ++Summary.Conflicting;
      }
      if (hasNote(F, MacroFixNote))
        ++Summary.InMacros;
      continue;
    }
    ++Summary.Groups;
    // Try the whole group on copies; keep it only if every edit fits.
    std::map<std::string, clang::tooling::Replacements> Trial;
    bool Fits = true;
    for (const FindingEdit &E : F.Fix) {
      auto It = Trial.find(E.File);
      if (It == Trial.end())
        It = Trial.emplace(E.File, Accepted[E.File]).first;
      if (llvm::Error Err = It->second.add(clang::tooling::Replacement(
              E.File, E.Offset, E.Length, E.Text))) {
        llvm::consumeError(std::move(Err));
        Fits = false;
        break;
      }
    }
    if (!Fits) {
      ++Summary.Conflicting;
      Log << F.Where.File << ":" << F.Where.Line << ":" << F.Where.Column
          << ": note: the fix of [" << F.Check
          << "] is not applied: it overlaps another fix\n";
      continue;
    }
    for (auto &FileAndReplacements : Trial)
      Accepted[FileAndReplacements.first] =
          std::move(FileAndReplacements.second);
    ++Summary.Applied;
    Plan.Applied[Index] = true;
  }
  return Plan;
}

void printFixSummary(const FixSummary &S, llvm::raw_ostream &OS) {
  if (S.Groups)
    OS << "dbtidy: applied " << S.Applied << " of " << S.Groups
       << " suggested fix" << (S.Groups == 1 ? "" : "es")
       << (S.Conflicting ? " (" + std::to_string(S.Conflicting) +
                               " skipped: they overlap other fixes)"
                         : std::string())
       << ".\n";
  if (S.InMacros)
    OS << "dbtidy: " << S.InMacros << " finding"
       << (S.InMacros == 1 ? " has" : "s have")
       << " no fix-it applied: it would touch a macro expansion.\n";
}

FixSummary applyFixes(const std::vector<Finding> &Findings,
                      llvm::raw_ostream &Log) {
  FixPlan Plan = planFixes(Findings, Log);
  writeFixes(Plan, Log);
  return Plan.Summary;
}

void writeFixes(FixPlan &Plan, llvm::raw_ostream &Log) {
  FixSummary &Summary = Plan.Summary;
  for (auto &FileAndReplacements : Plan.Edits) {
    const std::string &File = FileAndReplacements.first;
    if (FileAndReplacements.second.empty())
      continue;
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      ++Summary.WriteErrors;
      Log << "dbtidy: error: cannot apply fixes to '" << File
          << "': " << Buffer.getError().message() << "\n";
      continue;
    }
    llvm::Expected<std::string> Changed = clang::tooling::applyAllReplacements(
        (*Buffer)->getBuffer(), FileAndReplacements.second);
    std::string Error;
    if (!Changed) {
      Error = llvm::toString(Changed.takeError());
    } else if (*Changed == (*Buffer)->getBuffer()) {
      continue;
    } else if (writeFileAtomically(File, *Changed, Error)) {
      ++Summary.FilesWritten;
      continue;
    }
    ++Summary.WriteErrors;
    Log << "dbtidy: error: cannot apply fixes to '" << File << "': " << Error
        << "\n";
  }
}

} // namespace dbtidy
