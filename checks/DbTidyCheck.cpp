#include "checks/DbTidyCheck.h"

#include <mutex>
#include <set>

namespace dbtidy {

DbTidyCheck::DbTidyCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ProfileList(Options.getLocalOrGlobal("DbTidyProfiles", "")),
      FactsPath(Options.getLocalOrGlobal("DbTidyFacts", "")) {
  std::string Defaults;
  for (const std::string &Name : defaultIterationFunctions())
    Defaults += (Defaults.empty() ? "" : ";") + Name;
  RawIterationFunctions = Options.get("IterationFunctions", Defaults);
  Loops.IterationFunctions =
      ProfileLoader::splitProfileList(RawIterationFunctions);
  Loops.MaxConstantTripCount = Options.get("MaxConstantTripCount", 64U);
}

void DbTidyCheck::storeLoopOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "IterationFunctions", RawIterationFunctions);
  Options.store(Opts, "MaxConstantTripCount", Loops.MaxConstantTripCount);
}

std::shared_ptr<const FactsIndex> DbTidyCheck::facts() {
  if (std::shared_ptr<const FactsIndex> Collected = ActiveFacts::get())
    return Collected;
  std::string Error;
  std::shared_ptr<const FactsIndex> FromOption =
      ActiveFacts::fromOption(FactsPath, Error);
  if (!FromOption && !Error.empty()) {
    static std::mutex Mutex;
    static std::set<std::string> Reported;
    std::lock_guard<std::mutex> Lock(Mutex);
    if (Reported.insert(getCurrentMainFile().str() + "\n" + Error).second)
      configurationDiag("cannot read dbtidy facts: %0",
                        clang::DiagnosticIDs::Error)
          << Error;
  }
  return FromOption;
}

void DbTidyCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  // DbTidyProfiles is a global option shared by every db-* check; it is not
  // written per check.
}

const ProfileContext &DbTidyCheck::profiles() {
  if (Loaded)
    return *Loaded;
  std::vector<ProfileError> Errors;
  Loaded = ProfileLoader::instance().forFile(
      getCurrentMainFile(), ProfileLoader::splitProfileList(ProfileList),
      Errors);
  // Several db-* checks share the profiles; the first one to load them for
  // a file reports their errors.
  static std::mutex Mutex;
  static std::set<std::string> Reported;
  std::lock_guard<std::mutex> Lock(Mutex);
  for (const ProfileError &Error : Errors) {
    std::string Key = getCurrentMainFile().str() + "\n" + Error.format();
    if (Reported.insert(Key).second)
      configurationDiag("invalid dbtidy profile: %0",
                        clang::DiagnosticIDs::Error)
          << Error.format();
  }
  return *Loaded;
}

} // namespace dbtidy
