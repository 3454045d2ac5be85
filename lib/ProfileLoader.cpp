#include "lib/ProfileLoader.h"

#include "lib/BuiltinProfiles.h"
#include "lib/CallClassifier.h"
#include "lib/Paths.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <future>
#include <map>
#include <mutex>

namespace dbtidy {

namespace {
struct LoadedFile {
  std::shared_ptr<const Profile> Parsed;
  ProfileError Error; // meaningful when Parsed is null
};
} // namespace

struct ProfileLoader::Impl {
  std::mutex Mutex;
  std::map<std::string, LoadedFile> Files;
  // Parsed when first needed, or on a thread of their own from
  // parseBuiltinsInBackground(). Read only after waitForBuiltins().
  std::vector<std::shared_ptr<const Profile>> Builtins;
  std::vector<ProfileError> BuiltinErrors;
  std::once_flag BuiltinsStarted;
  std::shared_future<void> BuiltinsParsed;

  void parseBuiltins();
  void waitForBuiltins();
  std::map<std::string, std::string> ConfigForDirectory;
  std::map<std::string, ProfileContext> Contexts;

  const LoadedFile &load(const std::string &Path) {
    auto It = Files.find(Path);
    if (It != Files.end())
      return It->second;
    LoadedFile Result;
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer) {
      Result.Error.File = Path;
      Result.Error.Message =
          "cannot read profile: " + Buffer.getError().message();
    } else if (std::optional<Profile> Parsed =
                   parseProfile((*Buffer)->getBuffer(), Path, Result.Error)) {
      Result.Parsed = std::make_shared<const Profile>(std::move(*Parsed));
    }
    return Files.emplace(Path, std::move(Result)).first->second;
  }

  /// Appends Path's profile and then, depth first, its includes.
  void collect(const std::string &Path, llvm::StringSet<> &Seen,
               std::vector<std::shared_ptr<const Profile>> &Out,
               std::vector<ProfileError> &Errors) {
    if (!Seen.insert(Path).second)
      return;
    const LoadedFile &File = load(Path);
    if (!File.Parsed) {
      Errors.push_back(File.Error);
      return;
    }
    Out.push_back(File.Parsed);
    llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
    // Paths in a profile are relative to the profile's own directory.
    auto Resolve = [&](llvm::StringRef Named) {
      llvm::SmallString<256> Resolved(Named);
      if (llvm::sys::path::is_relative(Resolved)) {
        Resolved = Dir;
        llvm::sys::path::append(Resolved, Named);
      }
      llvm::sys::path::remove_dots(Resolved, /*remove_dot_dot=*/true);
      return Resolved;
    };
    for (size_t I = 0; I < File.Parsed->Includes.size(); ++I) {
      llvm::SmallString<256> Included = Resolve(File.Parsed->Includes[I]);
      if (!llvm::sys::fs::exists(Included)) {
        const SourcePosition &Pos = File.Parsed->IncludePositions[I];
        Errors.push_back({Pos.File, Pos.Line, Pos.Column,
                          "included profile '" + File.Parsed->Includes[I] +
                              "' does not exist"});
        continue;
      }
      collect(std::string(Included), Seen, Out, Errors);
    }
    // A schema file that cannot be read would silently turn every backed
    // check-then-insert into a race report.
    for (size_t I = 0; I < File.Parsed->SchemaFiles.size(); ++I) {
      llvm::SmallString<256> Schema = Resolve(File.Parsed->SchemaFiles[I]);
      if (llvm::sys::fs::is_directory(Schema) ||
          !llvm::MemoryBuffer::getFile(Schema, /*IsText=*/true)) {
        const SourcePosition &Pos = File.Parsed->SchemaFilePositions[I];
        Errors.push_back({Pos.File, Pos.Line, Pos.Column,
                          "schema file '" + File.Parsed->SchemaFiles[I] +
                              "' cannot be read"});
      }
    }
  }
};

ProfileLoader::ProfileLoader() : P(std::make_unique<Impl>()) {}

void ProfileLoader::Impl::parseBuiltins() {
  for (const BuiltinProfileText &Text : builtinProfileTexts()) {
    ProfileError Error;
    std::string Name = ("<builtin>/" + Text.FileName).str();
    if (std::optional<Profile> Parsed = parseProfile(Text.Text, Name, Error))
      Builtins.push_back(std::make_shared<const Profile>(std::move(*Parsed)));
    else
      BuiltinErrors.push_back(Error);
  }
}

void ProfileLoader::Impl::waitForBuiltins() {
  std::call_once(BuiltinsStarted, [this] {
    BuiltinsParsed = std::async(std::launch::deferred,
                                [this] { parseBuiltins(); })
                         .share();
  });
  BuiltinsParsed.wait();
}

void ProfileLoader::parseBuiltinsInBackground() {
  Impl *I = P.get();
  std::call_once(I->BuiltinsStarted, [I] {
    I->BuiltinsParsed =
        std::async(std::launch::async, [I] { I->parseBuiltins(); }).share();
  });
}

void ProfileLoader::finishBackgroundWork() {
  std::call_once(P->BuiltinsStarted, [] {});
  if (P->BuiltinsParsed.valid())
    P->BuiltinsParsed.wait();
}

ProfileLoader &ProfileLoader::instance() {
  static ProfileLoader Loader;
  return Loader;
}

std::string ProfileLoader::findConfigFile(llvm::StringRef SourceFile) {
  llvm::SmallString<256> Dir(absolutePath(SourceFile));
  llvm::sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ".dbtidy.yaml");
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return "";
}

std::vector<std::string>
ProfileLoader::splitProfileList(llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Value.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (llvm::StringRef Part : Parts)
    if (!Part.trim().empty())
      Out.push_back(Part.trim().str());
  return Out;
}

ProfileContext ProfileLoader::forFile(llvm::StringRef SourceFile,
                                      llvm::ArrayRef<std::string> ExplicitFiles,
                                      std::vector<ProfileError> &Errors) {
  std::lock_guard<std::mutex> Lock(P->Mutex);
  llvm::SmallString<256> Dir(absolutePath(SourceFile));
  llvm::sys::path::remove_filename(Dir);
  std::string DirKey(Dir);
  auto ConfigIt = P->ConfigForDirectory.find(DirKey);
  if (ConfigIt == P->ConfigForDirectory.end())
    ConfigIt =
        P->ConfigForDirectory.emplace(DirKey, findConfigFile(SourceFile)).first;
  const std::string &ConfigFile = ConfigIt->second;

  std::vector<std::string> Explicit;
  for (const std::string &File : ExplicitFiles)
    Explicit.push_back(absolutePath(File));
  std::string Key = ConfigFile;
  for (const std::string &File : Explicit)
    Key += "\n" + File;

  // Errors are reported for every translation unit that uses a broken
  // profile, so they are recomputed even when the set is cached.
  std::vector<std::shared_ptr<const Profile>> Ordered;
  llvm::StringSet<> Seen;
  P->waitForBuiltins();
  std::vector<ProfileError> NewErrors = P->BuiltinErrors;
  for (const std::string &File : Explicit)
    P->collect(File, Seen, Ordered, NewErrors);
  if (!ConfigFile.empty())
    P->collect(ConfigFile, Seen, Ordered, NewErrors);
  Errors.insert(Errors.end(), NewErrors.begin(), NewErrors.end());

  auto Cached = P->Contexts.find(Key);
  if (Cached != P->Contexts.end())
    return Cached->second;

  llvm::StringSet<> Disabled;
  for (const auto &Prof : Ordered)
    for (const std::string &Name : Prof->DisabledBuiltins)
      Disabled.insert(Name);
  auto Set = std::make_shared<ProfileSet>();
  for (const auto &Prof : Ordered)
    Set->add(Prof);
  for (const auto &Builtin : P->Builtins)
    if (!Disabled.contains(Builtin->Name))
      Set->add(Builtin);
  ProfileContext Context;
  Context.Profiles = Set;
  Context.Classifier = std::make_shared<const CallClassifier>(Set);
  P->Contexts.emplace(Key, Context);
  return Context;
}

std::vector<std::shared_ptr<const Profile>>
ProfileLoader::userProfilesFor(llvm::StringRef SourceFile,
                               llvm::ArrayRef<std::string> ExplicitFiles) {
  std::lock_guard<std::mutex> Lock(P->Mutex);
  std::vector<std::shared_ptr<const Profile>> Out;
  std::vector<ProfileError> Ignored;
  llvm::StringSet<> Seen;
  for (const std::string &File : ExplicitFiles)
    P->collect(absolutePath(File), Seen, Out, Ignored);
  std::string ConfigFile = findConfigFile(SourceFile);
  if (!ConfigFile.empty())
    P->collect(ConfigFile, Seen, Out, Ignored);
  return Out;
}

std::vector<ProfileError>
ProfileLoader::validate(llvm::ArrayRef<std::string> Files) {
  std::lock_guard<std::mutex> Lock(P->Mutex);
  // Only the given files: the built-ins are compiled in and checked by the
  // unit tests (ProfileLoaderTest), and forFile still reports them; waiting
  // for them here would keep their parse from overlapping the first TU's.
  std::vector<ProfileError> Errors;
  std::vector<std::shared_ptr<const Profile>> Ignored;
  llvm::StringSet<> Seen;
  for (const std::string &File : Files)
    P->collect(absolutePath(File), Seen, Ignored, Errors);
  return Errors;
}

} // namespace dbtidy
