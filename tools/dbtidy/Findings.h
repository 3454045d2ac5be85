//===--- Findings.h - The driver's model of a reported finding -*- C++ -*-===//
//
// What the CI outputs (text summary, SARIF, baselines, diff mode, the HTML
// report) know about a finding: plain data, independent of clang-tidy, with
// positions resolved to lines and columns and a fingerprint that survives
// unrelated edits.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_FINDINGS_H
#define DBTIDY_TOOLS_DBTIDY_FINDINGS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace dbtidy {

/// A point in a source file. File is absolute; Line and Column are 1-based
/// (Column counts bytes, as clang's diagnostics do); 0 when unknown.
struct SourcePoint {
  std::string File;
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

struct FindingNote {
  SourcePoint Where;
  std::string Message;
};

/// One replacement of a fix-it: Length bytes at Offset become Text.
struct FindingEdit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

struct Finding {
  std::string Check;
  std::string Message;
  /// Promoted by --warnings-as-errors, or a compiler error.
  bool IsError = false;
  /// A remark: information, never a gate failure (SARIF level "note").
  bool IsRemark = false;
  SourcePoint Where;
  /// End of the first highlighted range in Where.File, when there is one.
  unsigned EndLine = 0;
  unsigned EndColumn = 0;
  std::vector<FindingNote> Notes;
  /// The fix-it group of the warning (applied all or nothing).
  std::vector<FindingEdit> Fix;
  /// Qualified name of the innermost function around Where ("" if none).
  std::string Function;
  /// Stable identity: see assignFingerprints.
  std::string Fingerprint;
};

/// Reads source files once and maps byte offsets to lines and columns.
class SourceCache {
public:
  /// The file's contents, or null when it cannot be read.
  const std::string *text(llvm::StringRef File);
  /// Fills Line and Column of P from P.File and P.Offset.
  void resolve(SourcePoint &P);
  /// The line's text without its end of line ("" when out of range).
  std::string lineText(llvm::StringRef File, unsigned Line);
  /// 1-based line and column of Offset; false when the file is unreadable.
  bool position(llvm::StringRef File, unsigned Offset, unsigned &Line,
                unsigned &Column);

private:
  struct Entry {
    bool Ok = false;
    std::string Text;
    std::vector<unsigned> LineStarts;
  };
  const Entry &load(llvm::StringRef File);
  llvm::StringMap<std::unique_ptr<Entry>> Files;
};

/// File relative to Root with '/' separators when it is below Root,
/// otherwise File unchanged.
std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root);

/// The line's text without any blanks, so reindenting or reformatting the
/// flagged line keeps its fingerprint.
std::string normalizeLineText(llvm::StringRef Line);

/// Sets Finding::Fingerprint of every finding: a hash of the check name,
/// the file (relative to Root), the normalized text of the flagged line, the
/// enclosing function and the finding's index among the findings that share
/// all of these. Line numbers are not part of it, so a finding keeps its
/// fingerprint when lines are added or removed elsewhere in the file.
/// Findings must be in their reporting order.
void assignFingerprints(std::vector<Finding> &Findings, SourceCache &Sources,
                        llvm::StringRef Root);

} // namespace dbtidy

#endif
