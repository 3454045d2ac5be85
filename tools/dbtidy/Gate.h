//===--- Gate.h - What the driver does with the merged findings -*- C++ -*-===//
//
// After the analysis: split compiler errors from findings, fingerprint the
// findings, keep those on changed lines (--since) and not in the baseline
// (--baseline), then print them (text or SARIF), apply their fixes, export
// them, write the baseline and the HTML report, and compute the exit status.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_GATE_H
#define DBTIDY_TOOLS_DBTIDY_GATE_H

#include "lib/LockGraphView.h"
#include "tools/dbtidy/Analysis.h"
#include "tools/dbtidy/Baseline.h"
#include "tools/dbtidy/CheckDocs.h"
#include "tools/dbtidy/GitDiff.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dbtidy {

struct GateOptions {
  std::string Root;
  std::vector<std::string> EnabledChecks;
  std::string DocsBaseUrl;
  std::string Version;
  bool Sarif = false;
  std::string OutputFile;
  bool UseBaseline = false;
  Baseline Accepted;
  std::string WriteBaseline;
  /// Diff mode: the lines that count (null = all).
  const ChangedLines *Changed = nullptr;
  std::string ReportDir;
  std::unique_ptr<LockGraphView> Locks;
  std::string ExportFixes;
  bool Fix = false;
  bool Quiet = false;
  std::string ExcludeRegex;
  unsigned TranslationUnits = 0;
  /// TUs diff mode did not re-analyse.
  unsigned SkippedUnits = 0;
};

/// Reads a dbtidy-lock-graph JSON file (null with Error on failure).
std::unique_ptr<LockGraphView> readLockGraph(llvm::StringRef Path,
                                         std::string &Error);

/// Diff mode: of Files, the TUs whose own file changed or which include a
/// changed file. Known[i] lists the files KnownFiles[i] includes (from the
/// facts phase); the includes of the other TUs are found with Scan (the
/// preprocessor only), and only when some changed file is not a TU.
std::vector<std::string> selectChangedUnits(
    const std::vector<std::string> &Files, const ChangedLines &Changed,
    const std::vector<std::string> &KnownFiles,
    const std::vector<std::vector<std::string>> &Known,
    const std::function<std::vector<std::vector<std::string>>(
        const std::vector<std::string> &)> &Scan);

/// Produces the outputs and returns the exit status (0, 1, 2 or 3).
int runGate(std::vector<TUResult> &Results, GateOptions &Options,
            clang::tidy::ClangTidyContext &Context,
            llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

} // namespace dbtidy

#endif
