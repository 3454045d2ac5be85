//===--- Report.h - The static HTML report ---------------------*- C++ -*-===//
//
// --report=<dir> writes <dir>/index.html: the findings grouped by check and
// file with code excerpts and notes, and the lock-order graph (when there
// is one) drawn as SVG by Graphviz's `dot`, cycles in red; without `dot` the
// graph is listed as text. The page needs no network and no other file.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_REPORT_H
#define DBTIDY_TOOLS_DBTIDY_REPORT_H

#include "lib/LockGraphView.h"
#include "tools/dbtidy/Findings.h"

#include <string>
#include <vector>

namespace dbtidy {

struct ReportOptions {
  std::string Root;
  std::string DocsBaseUrl;
  std::vector<std::string> EnabledChecks;
  /// Translation units analysed, and those that could not be.
  unsigned TranslationUnits = 0;
  std::vector<std::string> FailedUnits;
  /// Findings not shown because the baseline or diff mode hid them.
  unsigned Hidden = 0;
  /// Optional; drawn when not empty.
  const LockGraphView *Locks = nullptr;
  /// Path of Graphviz's dot; empty = look it up on PATH.
  std::string DotProgram;
};

/// Renders Graph to SVG with dot. Empty on failure (dot missing or failed).
std::string renderLockGraphSvg(const LockGraphView &Graph,
                               llvm::StringRef DotProgram);

/// The report's HTML.
std::string renderReport(const std::vector<Finding> &Findings,
                         const ReportOptions &Options, SourceCache &Sources);

/// Writes <Dir>/index.html (creating Dir). False with Error on failure.
bool writeReport(llvm::StringRef Dir, const std::vector<Finding> &Findings,
                 const ReportOptions &Options, SourceCache &Sources,
                 std::string &Error);

} // namespace dbtidy

#endif
