//===--- ResultCache.h - Per-TU results kept between runs ------*- C++ -*-===//
//
// A re-run with nothing changed must cost almost nothing, so each TU's
// result (findings, function extents, own facts, what its checks asked of
// the other TUs' facts) is stored in the cache directory, one file per TU.
// It is reused when the TU's configuration (tool binary, compile command,
// clang-tidy options, profiles and schema files) and the contents of every
// file the TU read are unchanged; whether the other TUs' facts still give
// the same answers is decided by the caller (AnalysisSession). An entry
// that cannot be read is ignored with a warning and written again.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_RESULTCACHE_H
#define DBTIDY_TOOLS_DBTIDY_RESULTCACHE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace dbtidy {

struct TUResult;

/// A file a TU read, and the digest of its contents then.
struct FileDigest {
  std::string Path;
  std::string Digest;
};

/// Digests of file contents, each file read once per run. Thread-safe.
class FileDigests {
public:
  /// The digest of Path's contents now ("missing" if it cannot be read).
  std::string of(llvm::StringRef Path);

private:
  std::mutex Mutex;
  llvm::StringMap<std::string> Known;
};

/// A digest identifying the running binary (its contents), so a rebuilt
/// dbtidy never reuses an older build's results.
std::string toolStamp();

/// A result as one JSON file: how workers hand results to the driver.
bool writeResultFile(const TUResult &Result, llvm::StringRef Path,
                     std::string &Error);
std::optional<TUResult> readResultFile(llvm::StringRef Path,
                                       std::string &Error);

class ResultCache {
public:
  /// The cache in Directory (created if needed); null, after a warning on
  /// Log, when it cannot be used.
  static std::unique_ptr<ResultCache> open(llvm::StringRef Directory,
                                           llvm::raw_ostream &Log);

  /// File's stored result, when it was stored with Config and every input
  /// still has its digest. FromCache is set on it.
  std::optional<TUResult> lookup(llvm::StringRef File, llvm::StringRef Config,
                                 FileDigests &Digests);
  /// Stores Result under Config; failures are warnings.
  void store(const TUResult &Result, llvm::StringRef Config);

  llvm::StringRef directory() const { return Directory; }

private:
  ResultCache(std::string Directory, llvm::raw_ostream &Log)
      : Directory(std::move(Directory)), Log(Log) {}
  std::string entryPath(llvm::StringRef File) const;
  void warn(const llvm::Twine &Message);

  std::string Directory;
  llvm::raw_ostream &Log;
  std::mutex LogMutex;
};

} // namespace dbtidy

#endif
