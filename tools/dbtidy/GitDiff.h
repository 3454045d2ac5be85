//===--- GitDiff.h - Lines changed since a git revision --------*- C++ -*-===//
#ifndef DBTIDY_TOOLS_DBTIDY_GITDIFF_H
#define DBTIDY_TOOLS_DBTIDY_GITDIFF_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <utility>
#include <vector>

namespace dbtidy {

/// The lines of the working tree that differ from a revision: added or
/// modified lines of tracked files, and every line of untracked files.
class ChangedLines {
public:
  /// Adds the hunks of `git diff -U0` output; paths are made absolute
  /// against Root.
  void addUnifiedDiff(llvm::StringRef Diff, llvm::StringRef Root);
  void addWholeFile(llvm::StringRef AbsolutePath);
  bool contains(llvm::StringRef File, unsigned Line) const;
  /// Whether File has any changed line.
  bool touches(llvm::StringRef File) const;
  /// The files with changes (absolute).
  std::vector<std::string> files() const;

private:
  struct FileChanges {
    bool Whole = false;
    std::vector<std::pair<unsigned, unsigned>> Ranges; // [first, last]
  };
  llvm::StringMap<FileChanges> Files;
};

/// Fills Out with the changes of Root's work tree since Ref. False, with
/// Error set, when git is missing, Ref names no commit or git fails.
bool changedSince(llvm::StringRef Ref, llvm::StringRef Root, ChangedLines &Out,
                  std::string &Error);

} // namespace dbtidy

#endif
