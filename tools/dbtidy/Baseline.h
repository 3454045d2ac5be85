//===--- Baseline.h - Accepted findings, by fingerprint --------*- C++ -*-===//
//
// --write-baseline=F records the current findings; --baseline=F then
// reports only findings whose fingerprint is not recorded (as many times as
// it is recorded: two identical findings in the baseline hide two).
// Format (JSON): {"format": "dbtidy-baseline", "version": 1,
//   "findings": [{"fingerprint", "check", "file", "line", "message"}...]};
// only "fingerprint" is used for matching, the rest is for people.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_BASELINE_H
#define DBTIDY_TOOLS_DBTIDY_BASELINE_H

#include "tools/dbtidy/Findings.h"

#include <map>
#include <string>
#include <vector>

namespace dbtidy {

class Baseline {
public:
  static bool write(llvm::StringRef Path, const std::vector<Finding> &Findings,
                    llvm::StringRef Root, std::string &Error);
  /// False, with Error set, when Path cannot be read or is not a baseline.
  bool read(llvm::StringRef Path, std::string &Error);
  /// Removes from Findings those the baseline accepts; returns how many.
  unsigned filter(std::vector<Finding> &Findings) const;
  /// Whether the baseline accepts one (more) finding with Fingerprint; each
  /// recorded copy accepts one finding.
  bool consume(const std::string &Fingerprint);

private:
  std::map<std::string, unsigned> Counts;
};

} // namespace dbtidy

#endif
