//===--- CheckDocs.cpp - What each check is, for SARIF and reports --------===//
#include "tools/dbtidy/CheckDocs.h"

namespace dbtidy {

namespace {
struct EmbeddedDoc {
  const char *Name;
  const char *Short;
  const char *Full;
};
const EmbeddedDoc Docs[] = {
#include "CheckDocs.inc"
};
} // namespace

llvm::StringRef defaultDocsBaseUrl() { return DBTIDY_DOCS_URL; }

CheckDoc checkDoc(llvm::StringRef Check, llvm::StringRef DocsBaseUrl) {
  CheckDoc Doc;
  Doc.Name = Check.str();
  for (const EmbeddedDoc &D : Docs)
    if (Check == D.Name) {
      Doc.ShortDescription = D.Short;
      Doc.FullDescription = D.Full;
      Doc.HelpUri = (llvm::Twine(DocsBaseUrl) + Check + ".md").str();
      return Doc;
    }
  if (Check.starts_with("clang-diagnostic-")) {
    Doc.ShortDescription = "The compiler could not process the code.";
    Doc.FullDescription =
        "A compiler diagnostic: code that does not compile is not analysed, "
        "so findings in it may be missing.";
  } else {
    Doc.ShortDescription = (llvm::Twine(Check) + ".").str();
    Doc.FullDescription = Doc.ShortDescription;
  }
  return Doc;
}

} // namespace dbtidy
