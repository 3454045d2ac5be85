//===--- Baseline.cpp - Accepted findings, by fingerprint -----------------===//
#include "tools/dbtidy/Baseline.h"

#include "tools/dbtidy/FixApply.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dbtidy {

static constexpr const char *BaselineFormat = "dbtidy-baseline";

bool Baseline::write(llvm::StringRef Path, const std::vector<Finding> &Findings,
                     llvm::StringRef Root, std::string &Error) {
  llvm::json::Array Entries;
  for (const Finding &F : Findings)
    Entries.push_back(llvm::json::Object{
        {"fingerprint", F.Fingerprint},
        {"check", F.Check},
        {"file", relativeToRoot(F.Where.File, Root)},
        {"line", F.Where.Line},
        {"message", F.Message}});
  llvm::json::Object Doc{{"format", BaselineFormat},
                         {"version", 1},
                         {"findings", std::move(Entries)}};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))) << "\n";
  OS.flush();
  if (!writeFileAtomically(Path, Text, Error)) {
    Error = Path.str() + ": " + Error;
    return false;
  }
  return true;
}

bool Baseline::read(llvm::StringRef Path, std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Path.str() + ": " + Buffer.getError().message();
    return false;
  }
  llvm::Expected<llvm::json::Value> Doc =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc) {
    Error = Path.str() + ": invalid JSON: " + llvm::toString(Doc.takeError());
    return false;
  }
  const llvm::json::Object *Root = Doc->getAsObject();
  if (!Root || Root->getString("format") != std::optional<llvm::StringRef>(
                                                 BaselineFormat)) {
    Error = Path.str() + ": not a dbtidy baseline (no \"format\": \"" +
            BaselineFormat + "\")";
    return false;
  }
  if (Root->getInteger("version") != std::optional<int64_t>(1)) {
    Error = Path.str() + ": unsupported baseline version (this dbtidy reads 1)";
    return false;
  }
  const llvm::json::Array *Entries = Root->getArray("findings");
  if (!Entries) {
    Error = Path.str() + ": no \"findings\" array";
    return false;
  }
  Counts.clear();
  for (const llvm::json::Value &Entry : *Entries) {
    const llvm::json::Object *E = Entry.getAsObject();
    std::optional<llvm::StringRef> Fingerprint =
        E ? E->getString("fingerprint") : std::nullopt;
    if (!Fingerprint || Fingerprint->empty()) {
      Error = Path.str() + ": a finding without \"fingerprint\"";
      return false;
    }
    ++Counts[Fingerprint->str()];
  }
  return true;
}

bool Baseline::consume(const std::string &Fingerprint) {
  auto It = Counts.find(Fingerprint);
  if (It == Counts.end() || It->second == 0)
    return false;
  --It->second;
  return true;
}

unsigned Baseline::filter(std::vector<Finding> &Findings) const {
  std::map<std::string, unsigned> Left = Counts;
  unsigned Removed = 0;
  std::vector<Finding> Kept;
  for (Finding &F : Findings) {
    auto It = Left.find(F.Fingerprint);
    if (It != Left.end() && It->second > 0) {
      --It->second;
      ++Removed;
      continue;
    }
    Kept.push_back(std::move(F));
  }
  Findings = std::move(Kept);
  return Removed;
}

} // namespace dbtidy
