//===--- DocLinks.cpp - Documentation links of db-* diagnostics -----------===//
#include "tools/clangd/DocLinks.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <unistd.h>

namespace dbtidy {

namespace {

/// The link clangd makes for a check of the "db" module.
constexpr llvm::StringLiteral ClangdTidyDocPrefix =
    "https://clang.llvm.org/extra/clang-tidy/checks/db/";

bool writeAll(int Fd, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(Fd, Data.data(), Data.size());
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    Data = Data.drop_front(N);
  }
  return true;
}

/// The check a clangd link names: .../checks/db/query-in-loop.html is
/// db-query-in-loop.
std::string checkOfLink(llvm::StringRef Href) {
  llvm::StringRef Rest = Href.drop_front(ClangdTidyDocPrefix.size());
  Rest.consume_back(".html");
  return ("db-" + Rest).str();
}

void rewrite(llvm::json::Value &V, DocLinkResolver &Links, bool &Changed) {
  if (llvm::json::Array *A = V.getAsArray()) {
    for (llvm::json::Value &E : *A)
      rewrite(E, Links, Changed);
    return;
  }
  llvm::json::Object *O = V.getAsObject();
  if (!O)
    return;
  if (llvm::json::Object *Desc = O->getObject("codeDescription")) {
    std::optional<llvm::StringRef> Href = Desc->getString("href");
    if (Href && Href->starts_with(ClangdTidyDocPrefix)) {
      std::optional<llvm::StringRef> Code = O->getString("code");
      std::string Check = (Code && Code->starts_with("db-"))
                              ? Code->str()
                              : checkOfLink(*Href);
      const std::string &Link = Links.linkFor(Check);
      if (Link.empty())
        O->erase("codeDescription"); // Better no link than a dead one.
      else
        (*Desc)["href"] = Link;
      Changed = true;
    }
  }
  for (auto &KV : *O)
    rewrite(KV.second, Links, Changed);
}

} // namespace

std::string fileURI(llvm::StringRef AbsPath) {
  std::string Out = "file://";
  for (unsigned char C : AbsPath) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Out += C;
    else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

DocLinkResolver::DocLinkResolver(std::string BaseURL,
                                 std::vector<std::string> DocDirs)
    : BaseURL(std::move(BaseURL)), DocDirs(std::move(DocDirs)) {
  while (!this->BaseURL.empty() && this->BaseURL.back() == '/')
    this->BaseURL.pop_back();
}

const std::string &DocLinkResolver::linkFor(llvm::StringRef Check) {
  auto It = Cache.find(Check);
  if (It != Cache.end())
    return It->second;
  std::string Link;
  if (!BaseURL.empty()) {
    Link = BaseURL + "/" + Check.str() + ".md";
  } else {
    for (const std::string &Dir : DocDirs) {
      llvm::SmallString<256> Page(Dir);
      llvm::sys::path::append(Page, Check + ".md");
      if (llvm::sys::fs::is_regular_file(Page)) {
        Link = fileURI(Page);
        break;
      }
    }
  }
  return Cache.try_emplace(Check, std::move(Link)).first->second;
}

std::optional<std::string> rewriteDocLinks(llvm::StringRef Body,
                                           DocLinkResolver &Links) {
  if (!Body.contains(ClangdTidyDocPrefix))
    return std::nullopt;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Body);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  bool Changed = false;
  rewrite(*V, Links, Changed);
  if (!Changed)
    return std::nullopt;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << *V;
  OS.flush();
  return Out;
}

void pumpLSPOutput(int InFd, int OutFd, DocLinkResolver &Links) {
  std::string Buf;
  bool Passthrough = false; // Not LSP framing: forward bytes as they come.
  bool OutputOpen = true;   // Once the reader is gone, keep draining.
  auto Emit = [&](llvm::StringRef Data) {
    if (OutputOpen && !writeAll(OutFd, Data))
      OutputOpen = false;
  };
  char Chunk[1 << 16];
  for (;;) {
    ssize_t N = ::read(InFd, Chunk, sizeof(Chunk));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Buf.append(Chunk, N);
    while (!Buf.empty()) {
      if (Passthrough) {
        Emit(Buf);
        Buf.clear();
        break;
      }
      size_t HeaderEnd = Buf.find("\r\n\r\n");
      if (HeaderEnd == std::string::npos) {
        if (Buf.size() > 4096 ||
            !llvm::StringRef("Content-Length:")
                 .starts_with_insensitive(llvm::StringRef(Buf).take_front(15)))
          Passthrough = true;
        if (!Passthrough)
          break; // Wait for the rest of the header.
        continue;
      }
      // Headers are "Name: value" lines; only Content-Length matters.
      std::optional<size_t> Length;
      llvm::SmallVector<llvm::StringRef, 4> Lines;
      llvm::StringRef(Buf).take_front(HeaderEnd).split(Lines, "\r\n");
      for (llvm::StringRef Line : Lines) {
        auto [Name, Value] = Line.split(':');
        size_t L;
        if (Name.trim().equals_insensitive("Content-Length") &&
            !Value.trim().getAsInteger(10, L))
          Length = L;
      }
      if (!Length) {
        Passthrough = true;
        continue;
      }
      size_t Total = HeaderEnd + 4 + *Length;
      if (Buf.size() < Total)
        break; // Wait for the rest of the body.
      llvm::StringRef Body = llvm::StringRef(Buf).slice(HeaderEnd + 4, Total);
      if (std::optional<std::string> New = rewriteDocLinks(Body, Links))
        Emit("Content-Length: " + std::to_string(New->size()) + "\r\n\r\n" +
             *New);
      else
        Emit(llvm::StringRef(Buf).take_front(Total));
      Buf.erase(0, Total);
    }
  }
  if (!Buf.empty())
    Emit(Buf);
}

} // namespace dbtidy
