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
#include "tools/dbtidy/ResultCache.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
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
  /// The checks ran (else only the facts were collected).
  bool Checked = false;
  /// The TU's own facts (cross-TU runs), and what its checks asked of the
  /// facts they were given, with the answers' digests.
  std::shared_ptr<FactsIndex> Facts;
  FactsQueryLog::Answers Queries;
  /// The user files it includes (diff mode), and every file it read.
  std::vector<std::string> Includes;
  std::vector<FileDigest> Inputs;
  /// Why the TU could not be analysed, when it is not the compiler's
  /// errors (a time-out or crash of its worker process).
  std::string FailureReason;
  /// Read from the result cache, not analysed in this run.
  bool FromCache = false;
  unsigned Parses = 0;
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

/// What one parse of a TU does.
enum class UnitWork {
  Facts,          ///< only its facts (a TU of the database not reported on)
  FactsAndChecks, ///< its facts, and the checks given only those facts
  Checks,         ///< the checks, with the facts ActiveFacts gives
};

struct AnalysisSettings {
  OptionsProviderFactory MakeOptions;
  std::vector<std::string> Profiles;
  bool ApplyAnyFix = false;
  unsigned Jobs = 1;
  std::string Root;
  /// Part of every cached result's configuration: which binary produced
  /// it, and how the facts were obtained ("cross-tu", "no-cross-tu",
  /// "facts-file").
  std::string ToolStamp;
  std::string Mode;
  /// --tu-timeout: each parse runs in a worker process (this program with
  /// WorkerArguments, the run's own command line) killed after this many
  /// seconds.
  unsigned TimeoutSeconds = 0;
  std::vector<std::string> WorkerArguments;
};

/// Parses File once and does Work. With FactsAndChecks, the checks see the
/// TU's own facts plus OtherFacts.
TUResult analyseUnit(const clang::tooling::CompilationDatabase &Database,
                     llvm::StringRef File, UnitWork Work,
                     const AnalysisSettings &Settings, FileDigests &Digests,
                     std::shared_ptr<const FactsIndex> OtherFacts);

/// The worker process of --tu-timeout: analyses Unit (Work: "facts",
/// "facts-and-checks" or "checks"; FactsFile: the other TUs' facts, or the
/// facts for the checks) and writes the result to ResultFile. Returns the
/// exit status.
int runWorker(const clang::tooling::CompilationDatabase &Compilations,
              const AnalysisSettings &Settings, llvm::StringRef Unit,
              llvm::StringRef Work, llvm::StringRef FactsFile,
              llvm::StringRef ResultFile);

/// A run over many TUs that parses each TU once where it can.
///
/// Cross-TU runs: collect() parses every TU of the database once, collecting
/// its facts and, for the TUs reported on, running the checks in the same
/// parse with only the TU's own facts, logging what they ask. check() then
/// merges nothing itself: given the merged facts, it keeps each TU's
/// findings when every logged question gets the same answer from the merged
/// facts, and analyses the others again. Results come from the cache when
/// the TU's configuration and every file it read are unchanged.
class AnalysisSession {
public:
  AnalysisSession(const clang::tooling::CompilationDatabase &Compilations,
                  AnalysisSettings Settings, ResultCache *Cache);
  ~AnalysisSession();

  /// Phase one: every unit's facts (those in CheckNow also checked);
  /// returns the merged facts.
  std::shared_ptr<FactsIndex> collect(const std::vector<std::string> &Units,
                                      const llvm::StringSet<> &CheckNow);
  /// The phase-one result of File, if any.
  const TUResult *known(llvm::StringRef File) const;
  /// Phase two: the checked results of Files, in order.
  std::vector<TUResult> check(const std::vector<std::string> &Files,
                              std::shared_ptr<const FactsIndex> Facts);

  struct Counts {
    size_t Parsed = 0;     ///< parses this run
    size_t Reanalysed = 0; ///< TUs checked again with the merged facts
  };
  const Counts &counts() const { return Counts; }

private:
  std::string configurationOf(llvm::StringRef File);
  /// analyseUnit, in a worker process when Settings.TimeoutSeconds is set.
  TUResult analyse(const clang::tooling::CompilationDatabase &Database,
                   llvm::StringRef File, UnitWork Work,
                   std::shared_ptr<const FactsIndex> OtherFacts,
                   llvm::StringRef FactsFile);
  /// For workers: Facts written to a temporary file (empty when null).
  std::string writeFactsForWorkers(const FactsIndex *Facts);
  std::vector<TUResult> analyseAll(const std::vector<std::string> &Files,
                                   const std::vector<UnitWork> &Work,
                                   const std::vector<std::string> &Configs,
                                   std::shared_ptr<const FactsIndex> OtherFacts,
                                   llvm::StringRef Phase);

  const clang::tooling::CompilationDatabase &Compilations;
  AnalysisSettings Settings;
  ResultCache *Cache;
  FileDigests Digests;
  llvm::StringMap<TUResult> Known;
  struct Counts Counts;
};

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
