#include "checks/CheckBase.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <mutex>
#include <set>

namespace dbtidy {

CheckBase::CheckBase(llvm::StringRef Name,
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

void CheckBase::storeLoopOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "IterationFunctions", RawIterationFunctions);
  Options.store(Opts, "MaxConstantTripCount", Loops.MaxConstantTripCount);
}

std::shared_ptr<const FactsIndex> CheckBase::facts() {
  if (std::shared_ptr<const FactsIndex> Collected = ActiveFacts::get())
    return Collected;
  std::string Error;
  std::shared_ptr<const FactsIndex> FromOption =
      ActiveFacts::fromOption(FactsPath, Error);
  // Facts are derived data: a stale or broken file costs the cross-TU
  // findings, not the run.
  if (!FromOption && !Error.empty())
    reportConfigurationOnce("ignoring dbtidy facts: %0; checking without the "
                            "other translation units' facts",
                            Error, clang::DiagnosticIDs::Warning);
  return FromOption;
}

void CheckBase::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  // DbTidyProfiles is a global option shared by every db-* check; it is not
  // written per check.
}

const ProfileContext &CheckBase::profiles() {
  if (Loaded)
    return *Loaded;
  std::vector<ProfileError> Errors;
  Loaded = ProfileLoader::instance().forFile(
      getCurrentMainFile(), ProfileLoader::splitProfileList(ProfileList),
      Errors);
  for (const ProfileError &Error : Errors)
    reportConfigurationOnce("invalid dbtidy profile: %0", Error.format());
  return *Loaded;
}

void CheckBase::reportConfigurationOnce(llvm::StringRef Message,
                                        llvm::StringRef Detail,
                                        clang::DiagnosticIDs::Level Level) {
  static std::mutex Mutex;
  static std::set<std::string> Reported;
  std::lock_guard<std::mutex> Lock(Mutex);
  std::string Key =
      (getCurrentMainFile() + "\n" + Message + "\n" + Detail).str();
  if (Reported.insert(Key).second)
    configurationDiag(Message, Level) << Detail;
}

void CheckBase::noteLoop(const LoopFacts &Loop, llvm::StringRef Fallback) {
  diag(Loop.Loop->getBeginLoc(), "%0", clang::DiagnosticIDs::Note)
      << (Loop.Description.empty() ? Fallback.str() : Loop.Description);
}

clang::SourceLocation CheckBase::locationIn(clang::SourceManager &SM,
                                            llvm::StringRef File, unsigned Line,
                                            unsigned Column) {
  if (File.empty() || !Line)
    return clang::SourceLocation();
  auto Entry = SM.getFileManager().getOptionalFileRef(File);
  if (!Entry)
    return clang::SourceLocation();
  clang::FileID ID = SM.getOrCreateFileID(*Entry, clang::SrcMgr::C_User);
  return SM.translateLineCol(ID, Line, Column ? Column : 1);
}

bool CheckBase::matchedBody(
    const clang::ast_matchers::MatchFinder::MatchResult &Result,
    const clang::Stmt *&Body, const clang::Decl *&Owner) {
  if (const auto *FD = Result.Nodes.getNodeAs<clang::FunctionDecl>("fn")) {
    if (FD->isDependentContext() || !FD->hasBody())
      return false;
    Body = FD->getBody();
    Owner = FD;
  } else if (const auto *L =
                 Result.Nodes.getNodeAs<clang::LambdaExpr>("lambda")) {
    if (L->getCallOperator()->isDependentContext())
      return false;
    Body = L->getBody();
    Owner = L->getCallOperator();
  }
  return Body != nullptr;
}

} // namespace dbtidy
