//===--- DocLinks.h - Documentation links of db-* diagnostics ---*- C++ -*-===//
//
// clangd gives every clang-tidy diagnostic a link built from a fixed pattern,
// https://clang.llvm.org/extra/clang-tidy/checks/<module>/<check>.html, in a
// function (getDiagnosticDocURI) that is internal to its Diagnostics.cpp. For
// the db-* checks that page does not exist; our pages are docs/checks/*.md.
// dbtidy-clangd therefore passes clangd's LSP output through a filter that
// replaces exactly those links (codeDescription.href of diagnostics whose
// code is db-*) and forwards every other byte unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_TOOLS_CLANGD_DOCLINKS_H
#define DBTIDY_TOOLS_CLANGD_DOCLINKS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <vector>
#include <string>

namespace dbtidy {

/// Where the page of a db-* check is.
class DocLinkResolver {
public:
  /// BaseURL, when not empty, wins: <BaseURL>/<check>.md. Otherwise the
  /// first of DocDirs holding <check>.md gives a file: URI.
  DocLinkResolver(std::string BaseURL, std::vector<std::string> DocDirs);
  /// The link for Check, or "" when there is no page for it.
  const std::string &linkFor(llvm::StringRef Check);

private:
  std::string BaseURL;
  std::vector<std::string> DocDirs;
  llvm::StringMap<std::string> Cache;
};

/// Rewrites the db-* documentation links in one LSP message body. Returns
/// the new body, or nothing when the message has no such link.
std::optional<std::string> rewriteDocLinks(llvm::StringRef Body,
                                           DocLinkResolver &Links);

/// Passes the LSP byte stream from InFd to OutFd until InFd reaches end of
/// file, rewriting the body of each Content-Length framed message with
/// rewriteDocLinks. Anything that is not a well-formed frame switches the
/// pump to forwarding bytes unchanged.
void pumpLSPOutput(int InFd, int OutFd, DocLinkResolver &Links);

/// A file: URI for an absolute path.
std::string fileURI(llvm::StringRef AbsPath);

} // namespace dbtidy

#endif
