//===--- Analysis.h - Running the checks over many TUs in parallel -*- C++ -*-===//
//
// clang-tidy's context and diagnostic consumer are not thread-safe, so every
// translation unit gets its own ClangTidyContext, options provider and file
// system (clang's tooling changes the file system's working directory per
// compile command). Workers of an llvm::DefaultThreadPool analyse the TUs;
// the main thread merges the results, deduplicates findings reported by many
// TUs (a header's) and orders them deterministically.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_ANALYSIS_H
#define DBTIDY_TOOLS_DBTIDY_ANALYSIS_H

#include "lib/Facts.h"
#include "tools/dbtidy/Findings.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace dbtidy {

/// A function definition's extent, to name the function around a finding.
struct FunctionExtent {
  std::string File;
  unsigned Begin = 0;
  unsigned End = 0;
  std::string Name;
};

/// What analysing one translation unit produced.
struct TUResult {
  std::string File;
  std::vector<clang::tidy::ClangTidyError> Errors;
  std::vector<FunctionExtent> Functions;
  /// The tool could not run on the file (no compile command, crash of the
  /// front end, or compiler errors).
  bool Failed = false;
};

/// A progress line "[37/120] src/orders.cpp" on stderr, only when stderr is
/// a terminal. Thread-safe.
class Progress {
public:
  Progress(std::string Phase, size_t Total, std::string Root);
  ~Progress();
  void done(llvm::StringRef File);

private:
  std::mutex Mutex;
  std::string Phase;
  size_t Total;
  size_t Done = 0;
  std::string Root;
  bool Enabled;
};

using OptionsProviderFactory =
    std::function<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>(
        llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>)>;

/// The number of worker threads for -j N (0 = one per core).
unsigned effectiveJobs(unsigned Requested);

/// Runs the enabled checks on every file, Jobs at a time. Results are in the
/// order of Files.
std::vector<TUResult>
runChecksInParallel(const clang::tooling::CompilationDatabase &Compilations,
                    const std::vector<std::string> &Files,
                    const OptionsProviderFactory &MakeOptions,
                    bool ApplyAnyFix, unsigned Jobs, llvm::StringRef Root);

/// Phase one of a cross-TU run: the facts of every file, Jobs at a time.
/// IncludedFiles receives, per file, the user (non-system) files the TU
/// read, for diff mode.
std::shared_ptr<FactsIndex>
collectFactsInParallel(const clang::tooling::CompilationDatabase &Compilations,
                       const std::vector<std::string> &Files,
                       const std::vector<std::string> &Profiles, unsigned Jobs,
                       llvm::StringRef Root,
                       std::vector<std::vector<std::string>> &IncludedFiles);

/// The user files each TU includes, by running only the preprocessor.
std::vector<std::vector<std::string>>
scanIncludesInParallel(const clang::tooling::CompilationDatabase &Compilations,
                       const std::vector<std::string> &Files, unsigned Jobs,
                       llvm::StringRef Root);

/// Merges the TUs' errors: one copy of each finding (same check, file,
/// offset and message) in the order clang-tidy sorts them (file, offset,
/// check, message), with relative file paths made absolute.
std::vector<clang::tidy::ClangTidyError>
mergeErrors(std::vector<TUResult> &Results);

/// The function definitions of every analysed TU, by file.
class FunctionIndex {
public:
  explicit FunctionIndex(const std::vector<TUResult> &Results);
  /// The innermost function around Offset in File, or "".
  std::string enclosing(llvm::StringRef File, unsigned Offset) const;

private:
  llvm::StringMap<std::vector<FunctionExtent>> ByFile;
};

/// The plain model of a merged error, positions resolved and the enclosing
/// function named.
Finding toFinding(const clang::tidy::ClangTidyError &Error,
                  const FunctionIndex &Functions, SourceCache &Sources);

} // namespace dbtidy

#endif
