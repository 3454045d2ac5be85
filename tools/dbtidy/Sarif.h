//===--- Sarif.h - Findings as SARIF 2.1.0 ---------------------*- C++ -*-===//
//
// The SARIF log GitHub code scanning accepts: one run, tool.driver with a
// rule per enabled check, results with ruleId, level, physical locations
// (relative to %SRCROOT%, the project root), related locations for notes,
// fixes for fix-its and partialFingerprints["dbtidyFingerprint/v1"].
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_DBTIDY_SARIF_H
#define DBTIDY_TOOLS_DBTIDY_SARIF_H

#include "tools/dbtidy/Findings.h"

#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace dbtidy {

struct SarifOptions {
  /// Project root: artifact URIs are relative to it (uriBaseId %SRCROOT%).
  std::string Root;
  /// The checks that ran (one rule each, even without results).
  std::vector<std::string> EnabledChecks;
  std::string DocsBaseUrl;
  std::string ToolVersion;
};

llvm::json::Value toSarif(const std::vector<Finding> &Findings,
                          const SarifOptions &Options, SourceCache &Sources);

/// A path as a URI reference: relative to Root when below it, else file://.
std::string artifactUri(llvm::StringRef File, llvm::StringRef Root,
                        bool &RelativeToRoot);

} // namespace dbtidy

#endif
