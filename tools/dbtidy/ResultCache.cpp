//===--- ResultCache.cpp - Per-TU results kept between runs ---------------===//
#include "tools/dbtidy/ResultCache.h"

#include "tools/dbtidy/Analysis.h"
#include "tools/dbtidy/FixApply.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

using clang::tidy::ClangTidyError;

namespace dbtidy {

namespace {

constexpr const char *EntryFormat = "dbtidy-result";
constexpr int EntryVersion = 1;

std::string digestOf(llvm::StringRef Bytes) {
  return llvm::utohexstr(llvm::xxh3_64bits(Bytes), /*LowerCase=*/true);
}

llvm::json::Value messageJSON(const clang::tooling::DiagnosticMessage &M) {
  llvm::json::Object Fix;
  for (const auto &FileAndReplacements : M.Fix) {
    llvm::json::Array Edits;
    for (const clang::tooling::Replacement &R : FileAndReplacements.second)
      Edits.push_back(llvm::json::Array{R.getFilePath(), R.getOffset(),
                                        R.getLength(),
                                        R.getReplacementText()});
    Fix[FileAndReplacements.first()] = std::move(Edits);
  }
  llvm::json::Array Ranges;
  for (const clang::tooling::FileByteRange &R : M.Ranges)
    Ranges.push_back(llvm::json::Array{R.FilePath, R.FileOffset, R.Length});
  return llvm::json::Object{{"text", M.Message},
                            {"file", M.FilePath},
                            {"offset", M.FileOffset},
                            {"fix", std::move(Fix)},
                            {"ranges", std::move(Ranges)}};
}

bool messageFrom(const llvm::json::Value *V,
                 clang::tooling::DiagnosticMessage &M) {
  const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return false;
  std::optional<llvm::StringRef> Text = O->getString("text");
  std::optional<llvm::StringRef> File = O->getString("file");
  std::optional<int64_t> Offset = O->getInteger("offset");
  if (!Text || !File || !Offset)
    return false;
  M.Message = Text->str();
  M.FilePath = File->str();
  M.FileOffset = static_cast<unsigned>(*Offset);
  if (const llvm::json::Object *Fix = O->getObject("fix"))
    for (const auto &Entry : *Fix) {
      const llvm::json::Array *Edits = Entry.second.getAsArray();
      if (!Edits)
        return false;
      clang::tooling::Replacements &Out = M.Fix[Entry.first.str()];
      for (const llvm::json::Value &E : *Edits) {
        const llvm::json::Array *A = E.getAsArray();
        if (!A || A->size() != 4 || !(*A)[0].getAsString() ||
            !(*A)[1].getAsInteger() || !(*A)[2].getAsInteger() ||
            !(*A)[3].getAsString())
          return false;
        clang::tooling::Replacement R(
            *(*A)[0].getAsString(),
            static_cast<unsigned>(*(*A)[1].getAsInteger()),
            static_cast<unsigned>(*(*A)[2].getAsInteger()),
            *(*A)[3].getAsString());
        if (llvm::Error Err = Out.add(R)) {
          llvm::consumeError(std::move(Err));
          return false;
        }
      }
    }
  if (const llvm::json::Array *Ranges = O->getArray("ranges"))
    for (const llvm::json::Value &R : *Ranges) {
      const llvm::json::Array *A = R.getAsArray();
      if (!A || A->size() != 3 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsInteger() || !(*A)[2].getAsInteger())
        return false;
      clang::tooling::FileByteRange Range;
      Range.FilePath = (*A)[0].getAsString()->str();
      Range.FileOffset = static_cast<unsigned>(*(*A)[1].getAsInteger());
      Range.Length = static_cast<unsigned>(*(*A)[2].getAsInteger());
      M.Ranges.push_back(std::move(Range));
    }
  return true;
}

llvm::json::Value errorJSON(const ClangTidyError &E) {
  llvm::json::Array Notes;
  for (const clang::tooling::DiagnosticMessage &N : E.Notes)
    Notes.push_back(messageJSON(N));
  llvm::json::Array Aliases;
  for (const std::string &A : E.EnabledDiagnosticAliases)
    Aliases.push_back(A);
  return llvm::json::Object{{"check", E.DiagnosticName},
                            {"level", static_cast<int>(E.DiagLevel)},
                            {"buildDirectory", E.BuildDirectory},
                            {"warningAsError", E.IsWarningAsError},
                            {"message", messageJSON(E.Message)},
                            {"notes", std::move(Notes)},
                            {"aliases", std::move(Aliases)}};
}

std::optional<ClangTidyError> errorFrom(const llvm::json::Value &V) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  std::optional<llvm::StringRef> Check = O->getString("check");
  std::optional<int64_t> Level = O->getInteger("level");
  std::optional<llvm::StringRef> BuildDirectory =
      O->getString("buildDirectory");
  if (!Check || !Level || !BuildDirectory ||
      (*Level != ClangTidyError::Remark && *Level != ClangTidyError::Warning &&
       *Level != ClangTidyError::Error))
    return std::nullopt;
  ClangTidyError E(*Check, static_cast<ClangTidyError::Level>(*Level),
                   *BuildDirectory,
                   O->getBoolean("warningAsError").value_or(false));
  if (!messageFrom(O->get("message"), E.Message))
    return std::nullopt;
  if (const llvm::json::Array *Notes = O->getArray("notes"))
    for (const llvm::json::Value &N : *Notes) {
      clang::tooling::DiagnosticMessage M;
      if (!messageFrom(&N, M))
        return std::nullopt;
      E.Notes.push_back(std::move(M));
    }
  if (const llvm::json::Array *Aliases = O->getArray("aliases"))
    for (const llvm::json::Value &A : *Aliases)
      if (std::optional<llvm::StringRef> S = A.getAsString())
        E.EnabledDiagnosticAliases.push_back(S->str());
  return E;
}

llvm::json::Value resultJSON(const TUResult &R, llvm::StringRef Config) {
  llvm::json::Array Inputs;
  for (const FileDigest &D : R.Inputs)
    Inputs.push_back(llvm::json::Array{D.Path, D.Digest});
  llvm::json::Array Includes;
  for (const std::string &I : R.Includes)
    Includes.push_back(I);
  llvm::json::Array Functions;
  for (const FunctionExtent &F : R.Functions)
    Functions.push_back(llvm::json::Array{F.File, F.Begin, F.End, F.Name});
  llvm::json::Object Queries;
  for (const auto &Q : R.Queries)
    Queries[Q.first] = Q.second;
  llvm::json::Array Errors;
  for (const ClangTidyError &E : R.Errors)
    Errors.push_back(errorJSON(E));
  return llvm::json::Object{
      {"format", EntryFormat},
      {"version", EntryVersion},
      {"file", R.File},
      {"config", Config},
      {"checked", R.Checked},
      {"failed", R.Failed},
      {"inputs", std::move(Inputs)},
      {"includes", std::move(Includes)},
      {"functions", std::move(Functions)},
      {"queries", std::move(Queries)},
      {"facts", R.Facts ? R.Facts->toJSON() : llvm::json::Value(nullptr)},
      {"errors", std::move(Errors)}};
}

/// Parses an entry; on failure says why in Error.
std::optional<TUResult> resultFrom(const llvm::json::Value &V,
                                   std::string &Config, std::string &Error) {
  const llvm::json::Object *O = V.getAsObject();
  if (!O || O->getString("format") != EntryFormat) {
    Error = "not a dbtidy result";
    return std::nullopt;
  }
  if (O->getInteger("version") != EntryVersion) {
    Error = "written by another version of dbtidy";
    return std::nullopt;
  }
  TUResult R;
  std::optional<llvm::StringRef> File = O->getString("file");
  std::optional<llvm::StringRef> Conf = O->getString("config");
  const llvm::json::Array *Inputs = O->getArray("inputs");
  const llvm::json::Array *Errors = O->getArray("errors");
  if (!File || !Conf || !Inputs || !Errors) {
    Error = "fields missing";
    return std::nullopt;
  }
  R.File = File->str();
  Config = Conf->str();
  R.Checked = O->getBoolean("checked").value_or(false);
  R.Failed = O->getBoolean("failed").value_or(false);
  for (const llvm::json::Value &I : *Inputs) {
    const llvm::json::Array *A = I.getAsArray();
    if (!A || A->size() != 2 || !(*A)[0].getAsString() ||
        !(*A)[1].getAsString()) {
      Error = "malformed input";
      return std::nullopt;
    }
    R.Inputs.push_back(
        {(*A)[0].getAsString()->str(), (*A)[1].getAsString()->str()});
  }
  if (const llvm::json::Array *Includes = O->getArray("includes"))
    for (const llvm::json::Value &I : *Includes)
      if (std::optional<llvm::StringRef> S = I.getAsString())
        R.Includes.push_back(S->str());
  if (const llvm::json::Array *Functions = O->getArray("functions"))
    for (const llvm::json::Value &F : *Functions) {
      const llvm::json::Array *A = F.getAsArray();
      if (!A || A->size() != 4 || !(*A)[0].getAsString() ||
          !(*A)[1].getAsInteger() || !(*A)[2].getAsInteger() ||
          !(*A)[3].getAsString()) {
        Error = "malformed function extent";
        return std::nullopt;
      }
      R.Functions.push_back({(*A)[0].getAsString()->str(),
                             static_cast<unsigned>(*(*A)[1].getAsInteger()),
                             static_cast<unsigned>(*(*A)[2].getAsInteger()),
                             (*A)[3].getAsString()->str()});
    }
  if (const llvm::json::Object *Queries = O->getObject("queries"))
    for (const auto &Q : *Queries)
      if (std::optional<llvm::StringRef> S = Q.second.getAsString())
        R.Queries[Q.first.str()] = S->str();
  if (const llvm::json::Value *Facts = O->get("facts"))
    if (Facts->kind() != llvm::json::Value::Null) {
      std::string FactsError;
      std::unique_ptr<FactsIndex> Parsed =
          FactsIndex::fromJSON(*Facts, FactsError);
      if (!Parsed) {
        Error = "facts: " + FactsError;
        return std::nullopt;
      }
      R.Facts = std::move(Parsed);
    }
  for (const llvm::json::Value &E : *Errors) {
    std::optional<ClangTidyError> Parsed = errorFrom(E);
    if (!Parsed) {
      Error = "malformed finding";
      return std::nullopt;
    }
    R.Errors.push_back(std::move(*Parsed));
  }
  return R;
}

} // namespace

bool writeResultFile(const TUResult &Result, llvm::StringRef Path,
                     std::string &Error) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << resultJSON(Result, "");
  OS.flush();
  return writeFileAtomically(Path, Text, Error);
}

std::optional<TUResult> readResultFile(llvm::StringRef Path,
                                       std::string &Error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Buffer.getError().message();
    return std::nullopt;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    Error = llvm::toString(Parsed.takeError());
    return std::nullopt;
  }
  std::string Config;
  return resultFrom(*Parsed, Config, Error);
}

std::string FileDigests::of(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  std::string Digest =
      Buffer ? digestOf((*Buffer)->getBuffer()) : std::string("missing");
  std::lock_guard<std::mutex> Lock(Mutex);
  return Known.try_emplace(Path, std::move(Digest)).first->second;
}

std::string toolStamp() {
  // Any address in this binary finds it.
  static int Anchor;
  std::string Self = llvm::sys::fs::getMainExecutable(nullptr, &Anchor);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Self, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  return Buffer ? digestOf((*Buffer)->getBuffer()) : std::string("unknown");
}

std::unique_ptr<ResultCache> ResultCache::open(llvm::StringRef Directory,
                                               llvm::raw_ostream &Log) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory)) {
    Log << "dbtidy: warning: cannot use the cache directory '" << Directory
        << "': " << EC.message() << "; analysing without a cache\n";
    return nullptr;
  }
  llvm::SmallString<256> Absolute(Directory);
  if (std::error_code EC = llvm::sys::fs::make_absolute(Absolute)) {
    Log << "dbtidy: warning: cannot use the cache directory '" << Directory
        << "': " << EC.message() << "; analysing without a cache\n";
    return nullptr;
  }
  return std::unique_ptr<ResultCache>(
      new ResultCache(std::string(Absolute), Log));
}

std::string ResultCache::entryPath(llvm::StringRef File) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, llvm::sys::path::filename(File) + "-" +
                                    digestOf(File) + ".json");
  return std::string(Path);
}

void ResultCache::warn(const llvm::Twine &Message) {
  std::lock_guard<std::mutex> Lock(LogMutex);
  Log << "dbtidy: warning: " << Message << "\n";
}

std::optional<TUResult> ResultCache::lookup(llvm::StringRef File,
                                            llvm::StringRef Config,
                                            FileDigests &Digests) {
  std::string Path = entryPath(File);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    if (Buffer.getError() != std::errc::no_such_file_or_directory)
      warn("ignoring the cached result '" + Path +
           "': " + Buffer.getError().message() + "; analysing again");
    return std::nullopt;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  std::string Error, StoredConfig;
  std::optional<TUResult> Result;
  if (!Parsed)
    Error = llvm::toString(Parsed.takeError());
  else
    Result = resultFrom(*Parsed, StoredConfig, Error);
  if (!Result) {
    warn("ignoring the unreadable cached result '" + Path + "': " + Error +
         "; analysing again");
    return std::nullopt;
  }
  if (Result->File != File || StoredConfig != Config)
    return std::nullopt;
  for (const FileDigest &Input : Result->Inputs)
    if (Digests.of(Input.Path) != Input.Digest)
      return std::nullopt;
  Result->FromCache = true;
  Result->Parses = 0;
  return Result;
}

void ResultCache::store(const TUResult &Result, llvm::StringRef Config) {
  // A TU the front end could not read at all has no inputs to check.
  if (Result.Inputs.empty())
    return;
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << resultJSON(Result, Config);
  OS.flush();
  std::string Error;
  if (!writeFileAtomically(entryPath(Result.File), Text, Error))
    warn("cannot write the cached result: " + Error);
}

} // namespace dbtidy
