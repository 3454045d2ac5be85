//===--- CheckBase.h - Common base of the db-* checks -----------*- C++ -*-===//
#ifndef DBTIDY_CHECKS_CHECKBASE_H
#define DBTIDY_CHECKS_CHECKBASE_H

#include "lib/Facts.h"
#include "lib/LoopAnalysis.h"
#include "lib/ProfileLoader.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace dbtidy {

/// Loads the API profiles that apply to the current translation unit (the
/// DbTidyProfiles option, the nearest .dbtidy.yaml, the built-ins) and
/// reports broken profiles once per translation unit as errors, so both the
/// plugin and the driver exit non-zero on them.
class CheckBase : public clang::tidy::ClangTidyCheck {
public:
  CheckBase(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  /// The profiles of the current main file; loaded on first use.
  const ProfileContext &profiles();

  /// Facts about functions of other translation units: those the driver
  /// collected, else the file named by the DbTidyFacts option, else none.
  std::shared_ptr<const FactsIndex> facts();

  /// Which loops count as iterating over data: the IterationFunctions and
  /// MaxConstantTripCount options of the checks that look at loops.
  const LoopOptions &loopOptions() const { return Loops; }
  void storeLoopOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts);

  /// The note that points at the loop a finding repeats in.
  void noteLoop(const LoopFacts &Loop, llvm::StringRef Fallback);

  /// The body and owning declaration of a function or lambda matched as
  /// "fn" or "lambda"; false for templates' dependent bodies.
  static bool
  matchedBody(const clang::ast_matchers::MatchFinder::MatchResult &Result,
              const clang::Stmt *&Body, const clang::Decl *&Owner);

  /// A location in a file that may belong to another translation unit,
  /// loaded into this one's source manager so a note can point there;
  /// invalid when the file cannot be read.
  static clang::SourceLocation locationIn(clang::SourceManager &SM,
                                          llvm::StringRef File, unsigned Line,
                                          unsigned Column);

private:
  /// A configuration problem, reported once per main file by whichever
  /// db-* check meets it first (they share profiles and facts).
  void reportConfigurationOnce(
      llvm::StringRef Message, llvm::StringRef Detail,
      clang::DiagnosticIDs::Level Level = clang::DiagnosticIDs::Error);

  std::string ProfileList;
  std::string RawIterationFunctions;
  LoopOptions Loops;
  std::string FactsPath;
  std::optional<ProfileContext> Loaded;
};

} // namespace dbtidy

#endif
