//===--- CheckDocs.h - What each check is, for SARIF and reports -*- C++ -*-===//
#ifndef DBTIDY_TOOLS_DBTIDY_CHECKDOCS_H
#define DBTIDY_TOOLS_DBTIDY_CHECKDOCS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <string>

namespace dbtidy {

/// A check's documentation: docs/checks/<Name>.md's first paragraph
/// (compiled in) and the address of the page.
struct CheckDoc {
  std::string Name;
  std::string ShortDescription;
  std::string FullDescription;
  std::string HelpUri;
};

/// The default base of the check pages' addresses (DBTIDY_DOCS_URL at
/// configure time); the page of check X is <base>X.md.
llvm::StringRef defaultDocsBaseUrl();

/// The documentation of Check. Checks without a page (clang's own
/// diagnostics) get a generic description and no address.
CheckDoc checkDoc(llvm::StringRef Check, llvm::StringRef DocsBaseUrl);

} // namespace dbtidy

#endif
