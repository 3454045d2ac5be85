#include "lib/Facts.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <mutex>

namespace dbtidy {

void FactsIndex::add(RoundTripFact Fact) {
  std::string Key = Fact.USR;
  RoundTrips.try_emplace(Key, std::move(Fact));
}

void FactsIndex::merge(const FactsIndex &Other) {
  for (const auto &Entry : Other.RoundTrips)
    RoundTrips.try_emplace(Entry.first(), Entry.second);
}

const RoundTripFact *FactsIndex::roundTripOf(llvm::StringRef USR) const {
  auto It = RoundTrips.find(USR);
  return It == RoundTrips.end() ? nullptr : &It->second;
}

llvm::json::Value FactsIndex::toJSON() const {
  // Sorted by USR so the file is stable across runs.
  std::map<std::string, const RoundTripFact *> Sorted;
  for (const auto &Entry : RoundTrips)
    Sorted.emplace(Entry.first().str(), &Entry.second);
  llvm::json::Array Functions;
  for (const auto &Entry : Sorted) {
    const RoundTripFact &F = *Entry.second;
    llvm::json::Array Via;
    for (const std::string &V : F.Via)
      Via.push_back(V);
    Functions.push_back(llvm::json::Object{
        {"usr", F.USR},
        {"function", F.Function},
        {"roundTrip",
         llvm::json::Object{{"file", F.File},
                            {"line", F.Line},
                            {"column", F.Column},
                            {"callee", F.Callee},
                            {"kind", callKindName(F.Kind)},
                            {"write", F.Write}}},
        {"via", std::move(Via)},
    });
  }
  return llvm::json::Object{{"format", FormatName},
                            {"version", FormatVersion},
                            {"roundTrips", std::move(Functions)}};
}

std::unique_ptr<FactsIndex> FactsIndex::fromJSON(const llvm::json::Value &V,
                                                 std::string &Error) {
  const llvm::json::Object *Root = V.getAsObject();
  if (!Root || Root->getString("format") != llvm::StringRef(FormatName)) {
    Error = "not a dbtidy facts file (no \"format\": \"dbtidy-facts\")";
    return nullptr;
  }
  std::optional<int64_t> Version = Root->getInteger("version");
  if (!Version || *Version != FormatVersion) {
    Error = "unsupported facts version (this dbtidy reads version " +
            std::to_string(FormatVersion) + ")";
    return nullptr;
  }
  auto Index = std::make_unique<FactsIndex>();
  const llvm::json::Array *Functions = Root->getArray("roundTrips");
  if (!Functions) {
    Error = "facts file has no \"roundTrips\" array";
    return nullptr;
  }
  for (const llvm::json::Value &Item : *Functions) {
    const llvm::json::Object *O = Item.getAsObject();
    const llvm::json::Object *RT = O ? O->getObject("roundTrip") : nullptr;
    if (!O || !RT || !O->getString("usr")) {
      Error = "malformed entry in \"roundTrips\"";
      return nullptr;
    }
    RoundTripFact F;
    F.USR = O->getString("usr")->str();
    F.Function = O->getString("function").value_or("").str();
    F.File = RT->getString("file").value_or("").str();
    F.Line = RT->getInteger("line").value_or(0);
    F.Column = RT->getInteger("column").value_or(0);
    F.Callee = RT->getString("callee").value_or("").str();
    F.Kind = parseCallKind(RT->getString("kind").value_or("query"))
                 .value_or(CallKind::Query);
    F.Write = RT->getBoolean("write").value_or(false);
    if (const llvm::json::Array *Via = O->getArray("via"))
      for (const llvm::json::Value &Name : *Via)
        if (auto S = Name.getAsString())
          F.Via.push_back(S->str());
    Index->add(std::move(F));
  }
  return Index;
}

static std::unique_ptr<FactsIndex> loadFile(llvm::StringRef Path,
                                            std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Path.str() + ": " + Buffer.getError().message();
    return nullptr;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    Error = Path.str() + ": " + llvm::toString(Parsed.takeError());
    return nullptr;
  }
  auto Index = FactsIndex::fromJSON(*Parsed, Error);
  if (!Index)
    Error = Path.str() + ": " + Error;
  return Index;
}

std::unique_ptr<FactsIndex> FactsIndex::load(llvm::StringRef Path,
                                             std::string &Error) {
  if (!llvm::sys::fs::is_directory(Path))
    return loadFile(Path, Error);
  auto Merged = std::make_unique<FactsIndex>();
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (llvm::sys::path::extension(It->path()) != ".json")
      continue;
    auto One = loadFile(It->path(), Error);
    if (!One)
      return nullptr;
    Merged->merge(*One);
  }
  if (EC) {
    Error = Path.str() + ": " + EC.message();
    return nullptr;
  }
  return Merged;
}

bool FactsIndex::write(llvm::StringRef Path, std::string &Error) const {
  // Written to a temporary file and renamed, so a reader never sees half.
  llvm::SmallString<256> Temp(Path);
  Temp += ".tmp";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC, llvm::sys::fs::OF_Text);
    if (EC) {
      Error = Temp.str().str() + ": " + EC.message();
      return false;
    }
    llvm::json::OStream JSON(OS, /*IndentSize=*/2);
    JSON.value(toJSON());
    OS << "\n";
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    Error = Path.str() + ": " + EC.message();
    return false;
  }
  return true;
}

namespace {
std::mutex ActiveMutex;
std::shared_ptr<const FactsIndex> Active;
std::map<std::string, std::shared_ptr<const FactsIndex>> LoadedByPath;
} // namespace

void ActiveFacts::set(std::shared_ptr<const FactsIndex> Facts) {
  std::lock_guard<std::mutex> Lock(ActiveMutex);
  Active = std::move(Facts);
}

std::shared_ptr<const FactsIndex> ActiveFacts::get() {
  std::lock_guard<std::mutex> Lock(ActiveMutex);
  return Active;
}

std::shared_ptr<const FactsIndex>
ActiveFacts::fromOption(llvm::StringRef Path, std::string &Error) {
  if (Path.empty())
    return nullptr;
  std::lock_guard<std::mutex> Lock(ActiveMutex);
  auto It = LoadedByPath.find(Path.str());
  if (It != LoadedByPath.end())
    return It->second;
  std::shared_ptr<const FactsIndex> Loaded = FactsIndex::load(Path, Error);
  LoadedByPath.emplace(Path.str(), Loaded);
  return Loaded;
}

} // namespace dbtidy
