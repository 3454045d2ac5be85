//===--- FixApply.h - Applying fix-its safely ------------------*- C++ -*-===//
//
// --fix: every finding's fix-it group is applied whole or not at all; a
// group that overlaps one already accepted is skipped with a message; each
// changed file is written to a temporary file in its own directory and
// renamed over the original, so an interrupted run never leaves a
// half-written source file.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_FIXAPPLY_H
#define DBTIDY_TOOLS_DBTIDY_FIXAPPLY_H

#include "tools/dbtidy/Findings.h"

#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

#include <string>
#include <vector>

namespace dbtidy {

struct FixSummary {
  unsigned Groups = 0;       ///< findings that had a fix-it
  unsigned Applied = 0;      ///< groups written
  /// Groups skipped: they overlap another (here, or already in clang-tidy,
  /// which drops both fixes of two overlapping findings of one TU).
  unsigned Conflicting = 0;
  /// Findings whose fix-it the check withheld: it touches a macro expansion.
  unsigned InMacros = 0;
  unsigned FilesWritten = 0;
  unsigned WriteErrors = 0;  ///< files that could not be written
};

/// Which fix-it groups fit together, and the edits per file.
struct FixPlan {
  /// Per finding: its group is applied.
  std::vector<bool> Applied;
  std::map<std::string, clang::tooling::Replacements> Edits;
  FixSummary Summary;
};

/// Chooses the fix-its of Findings to apply (in order; earlier ones win
/// conflicts). Messages about skipped groups go to Log.
FixPlan planFixes(const std::vector<Finding> &Findings, llvm::raw_ostream &Log);

/// Writes the planned edits, each file atomically; fills Plan.Summary's
/// FilesWritten and WriteErrors.
void writeFixes(FixPlan &Plan, llvm::raw_ostream &Log);

/// The summary line of --fix ("dbtidy: applied 2 of 3 suggested fixes
/// ..."), nothing when there was no fix to speak of.
void printFixSummary(const FixSummary &S, llvm::raw_ostream &OS);

/// planFixes then writeFixes.
FixSummary applyFixes(const std::vector<Finding> &Findings,
                      llvm::raw_ostream &Log);

/// Removes a temporary file of ours; a failure is only worth a warning.
void removeTemporaryFile(llvm::StringRef Path);

/// Replaces Original's contents with Contents through a temporary file in
/// the same directory and a rename, keeping Original's permissions. A
/// symbolic link stays a link: the file it names is replaced. On failure
/// Original is untouched and Error says why.
bool writeFileAtomically(llvm::StringRef Original, llvm::StringRef Contents,
                         std::string &Error);

} // namespace dbtidy

#endif
