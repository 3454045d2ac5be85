//===--- UnorderedRowLocksCheck.h - db-unordered-row-locks ------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_UNORDEREDROWLOCKSCHECK_H
#define DBTIDY_CHECKS_UNORDEREDROWLOCKSCHECK_H

#include "checks/CheckBase.h"

#include <string>
#include <vector>

namespace dbtidy {

/// Flags row locks taken in an order that depends on the data: a SELECT
/// ... FOR UPDATE that can lock several rows without ORDER BY on a key, and
/// single-row locks taken in a loop over ids that are not sorted first.
///
/// For the user-facing documentation see docs/checks/db-unordered-row-locks.md.
class UnorderedRowLocksCheck : public CheckBase {
public:
  UnorderedRowLocksCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  bool isKey(llvm::StringRef Column) const;

  std::string RawKeyColumns;
  std::vector<std::string> KeyColumns;
};

} // namespace dbtidy

#endif
