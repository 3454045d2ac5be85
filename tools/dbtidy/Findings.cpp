//===--- Findings.cpp - The driver's model of a reported finding ----------===//
#include "tools/dbtidy/Findings.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MD5.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace dbtidy {

const SourceCache::Entry &SourceCache::load(llvm::StringRef File) {
  auto It = Files.find(File);
  if (It != Files.end())
    return *It->second;
  auto E = std::make_unique<Entry>();
  if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false)) {
    E->Ok = true;
    E->Text = (*Buffer)->getBuffer().str();
    E->LineStarts.push_back(0);
    for (size_t I = 0; I < E->Text.size(); ++I)
      if (E->Text[I] == '\n')
        E->LineStarts.push_back(static_cast<unsigned>(I + 1));
  }
  return *Files.insert({File, std::move(E)}).first->second;
}

const std::string *SourceCache::text(llvm::StringRef File) {
  const Entry &E = load(File);
  return E.Ok ? &E.Text : nullptr;
}

bool SourceCache::position(llvm::StringRef File, unsigned Offset,
                           unsigned &Line, unsigned &Column) {
  const Entry &E = load(File);
  if (!E.Ok || Offset > E.Text.size())
    return false;
  auto It = std::upper_bound(E.LineStarts.begin(), E.LineStarts.end(), Offset);
  unsigned Index = static_cast<unsigned>(It - E.LineStarts.begin()) - 1;
  Line = Index + 1;
  Column = Offset - E.LineStarts[Index] + 1;
  return true;
}

void SourceCache::resolve(SourcePoint &P) {
  if (P.File.empty() || !position(P.File, P.Offset, P.Line, P.Column)) {
    P.Line = 0;
    P.Column = 0;
  }
}

std::string SourceCache::lineText(llvm::StringRef File, unsigned Line) {
  const Entry &E = load(File);
  if (!E.Ok || Line == 0 || Line > E.LineStarts.size())
    return "";
  unsigned Begin = E.LineStarts[Line - 1];
  size_t End = Line < E.LineStarts.size() ? E.LineStarts[Line] : E.Text.size();
  llvm::StringRef Text = llvm::StringRef(E.Text).slice(Begin, End);
  return Text.rtrim("\r\n").str();
}

std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root) {
  if (Root.empty())
    return File.str();
  llvm::SmallString<256> Prefix(Root);
  llvm::sys::path::remove_dots(Prefix, /*remove_dot_dot=*/true);
  if (!llvm::sys::path::is_separator(Prefix.back()))
    Prefix += llvm::sys::path::get_separator();
  if (!File.starts_with(Prefix))
    return File.str();
  return llvm::sys::path::convert_to_slash(File.drop_front(Prefix.size()));
}

std::string normalizeLineText(llvm::StringRef Line) {
  std::string Out;
  for (char C : Line)
    if (!llvm::isSpace(C))
      Out += C;
  return Out;
}

void assignFingerprints(std::vector<Finding> &Findings, SourceCache &Sources,
                        llvm::StringRef Root) {
  std::map<std::string, unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Key;
    Key += F.Check;
    Key += '\0';
    Key += relativeToRoot(F.Where.File, Root);
    Key += '\0';
    Key += normalizeLineText(Sources.lineText(F.Where.File, F.Where.Line));
    Key += '\0';
    Key += F.Function;
    unsigned Index = Seen[Key]++;
    Key += '\0';
    Key += std::to_string(Index);
    llvm::MD5 Hash;
    Hash.update(Key);
    llvm::MD5::MD5Result Result;
    Hash.final(Result);
    F.Fingerprint = Result.digest().str().substr(0, 32);
  }
}

} // namespace dbtidy
