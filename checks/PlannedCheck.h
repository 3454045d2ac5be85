//===--- PlannedCheck.h - A registered check that reports nothing yet -*- C++
//-*-===//
#ifndef DBTIDY_CHECKS_PLANNEDCHECK_H
#define DBTIDY_CHECKS_PLANNEDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace dbtidy {

/// Stands in for a check of the product that is not implemented yet, so
/// configurations (`--checks`, `.clang-tidy`, NOLINT(...)) can already name
/// it. It registers no matchers and reports nothing; its docs page says so.
class PlannedCheck : public clang::tidy::ClangTidyCheck {
public:
  PlannedCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
};

} // namespace dbtidy

#endif
