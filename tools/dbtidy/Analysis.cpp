//===--- Analysis.cpp - Running the checks over many TUs in parallel ------===//
#include "tools/dbtidy/Analysis.h"

#include "lib/FactsCollector.h"
#include "lib/ProfileLoader.h"

#include "tools/dbtidy/FixApply.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>
#include <tuple>

using namespace clang;
using namespace clang::tidy;

namespace dbtidy {

namespace {

/// The compile commands of one file, looked up once in the main thread so
/// the workers never share the project's database.
class OneFileDatabase : public tooling::CompilationDatabase {
public:
  OneFileDatabase(std::string File,
                  std::vector<tooling::CompileCommand> Commands)
      : File(std::move(File)), Commands(std::move(Commands)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override {
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override { return {File}; }

private:
  std::string File;
  std::vector<tooling::CompileCommand> Commands;
};

std::vector<OneFileDatabase>
splitDatabase(const tooling::CompilationDatabase &Compilations,
              const std::vector<std::string> &Files) {
  std::vector<OneFileDatabase> Out;
  Out.reserve(Files.size());
  for (const std::string &File : Files)
    Out.emplace_back(File, Compilations.getCompileCommands(File));
  return Out;
}

/// A file system of its own: ClangTool sets the working directory of its
/// file system to each compile command's directory, and the real file
/// system's working directory is the process's.
llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> privateFileSystem() {
  return llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
}

std::string absoluteName(const SourceManager &SM, FileID FID) {
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
  if (!Entry)
    return "";
  llvm::SmallString<256> Path(Entry->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// Records the function definitions of the user's files.
class ExtentVisitor : public RecursiveASTVisitor<ExtentVisitor> {
public:
  ExtentVisitor(const SourceManager &SM, std::vector<FunctionExtent> &Out)
      : SM(SM), Out(Out) {}
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody())
      return true;
    SourceLocation Begin = SM.getFileLoc(FD->getBeginLoc());
    SourceLocation End = SM.getFileLoc(FD->getEndLoc());
    if (Begin.isInvalid() || End.isInvalid() || SM.isInSystemHeader(Begin))
      return true;
    FileID FID = SM.getFileID(Begin);
    if (FID != SM.getFileID(End))
      return true;
    auto &Name = Names[FID];
    if (Name.empty())
      Name = absoluteName(SM, FID);
    if (Name.empty())
      return true;
    Out.push_back({Name, SM.getFileOffset(Begin), SM.getFileOffset(End),
                   FD->getQualifiedNameAsString()});
    return true;
  }

private:
  const SourceManager &SM;
  std::vector<FunctionExtent> &Out;
  llvm::DenseMap<FileID, std::string> Names;
};

class ExtentConsumer : public ASTConsumer {
public:
  explicit ExtentConsumer(std::vector<FunctionExtent> &Out) : Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    ExtentVisitor(Ctx.getSourceManager(), Out).TraverseAST(Ctx);
  }

private:
  std::vector<FunctionExtent> &Out;
};

/// Records every user (non-system) file the preprocessor enters.
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM, std::vector<std::string> &Out)
      : SM(SM), Out(Out) {}
  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind FileType,
                   FileID PrevFID) override {
    if (Reason != EnterFile || SrcMgr::isSystem(FileType))
      return;
    FileID FID = SM.getFileID(SM.getExpansionLoc(Loc));
    std::string Name = absoluteName(SM, FID);
    if (!Name.empty() && Seen.insert(Name).second)
      Out.push_back(std::move(Name));
  }

private:
  const SourceManager &SM;
  std::vector<std::string> &Out;
  llvm::StringSet<> Seen;
};

void recordIncludes(CompilerInstance &CI, std::vector<std::string> *Out) {
  if (Out)
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<IncludeRecorder>(CI.getSourceManager(), *Out));
}

/// Restricts the matchers and visitors to the user's own declarations, as
/// clangd does: the checks never report in library code, and traversing it
/// (the bulk of a TU that includes Qt, Boost or Poco) is most of the cost of
/// a whole-AST traversal. Library code is what is in a system header, and
/// also a header under one of the system include directories reached
/// through -I (pkg-config gives -I/usr/include/x86_64-linux-gnu/qt5).
/// Must be the first consumer, so the scope is set before the others see
/// the translation unit.
class TraversalScopeConsumer : public ASTConsumer {
public:
  explicit TraversalScopeConsumer(CompilerInstance &CI) : CI(CI) {}
  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (Decl *D : Group)
      if (isUserDecl(D))
        Scope.push_back(D);
    return true;
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    Ctx.setTraversalScope(Scope);
  }

private:
  bool isUserDecl(const Decl *D) {
    SourceLocation Loc = D->getLocation();
    if (Loc.isInvalid())
      return false;
    const SourceManager &SM = CI.getSourceManager();
    SourceLocation Expansion = SM.getExpansionLoc(Loc);
    if (SM.isInSystemHeader(Expansion))
      return false;
    FileID File = SM.getFileID(Expansion);
    auto Known = UserFiles.find(File);
    if (Known != UserFiles.end())
      return Known->second;
    bool User = true;
    if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File)) {
      llvm::StringRef Path = Entry->getFileEntry().tryGetRealPathName();
      for (const std::string &Dir : systemDirectories())
        if (Path.starts_with(Dir))
          User = false;
    }
    UserFiles[File] = User;
    return User;
  }

  /// The real paths of the system include directories, each ending in '/'.
  const std::vector<std::string> &systemDirectories() {
    if (SystemDirs)
      return *SystemDirs;
    SystemDirs.emplace();
    const HeaderSearch &HS = CI.getPreprocessor().getHeaderSearchInfo();
    for (auto It = HS.system_dir_begin(); It != HS.system_dir_end(); ++It) {
      OptionalDirectoryEntryRef Dir = It->getDirRef();
      if (!Dir)
        continue;
      llvm::SmallString<256> Real;
      if (llvm::sys::fs::real_path(Dir->getName(), Real))
        continue;
      if (!Real.ends_with("/"))
        Real += "/";
      SystemDirs->push_back(std::string(Real));
    }
    return *SystemDirs;
  }

  CompilerInstance &CI;
  std::vector<Decl *> Scope;
  llvm::DenseMap<FileID, bool> UserFiles;
  std::optional<std::vector<std::string>> SystemDirs;
};

/// Collects the facts of one TU after it is parsed. When the TU's checks
/// run in the same parse, they are then given these facts, plus Others
/// (the facts of the TUs not analysed in this run, from the cache).
class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(std::string File, const std::vector<std::string> &Profiles,
                std::shared_ptr<FactsIndex> Out,
                std::shared_ptr<const FactsIndex> Others, bool ForChecks)
      : File(std::move(File)), Profiles(Profiles), Out(std::move(Out)),
        Others(std::move(Others)), ForChecks(ForChecks) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    std::vector<ProfileError> Ignored; // validated before the run
    ProfileContext P =
        ProfileLoader::instance().forFile(File, Profiles, Ignored);
    collectFacts(Ctx, *P.Classifier, *Out);
    if (!ForChecks)
      return;
    if (!Others || Others->size() + Others->lockEdges().size() == 0) {
      ActiveFacts::setForThisThread(Out);
      return;
    }
    auto Combined = std::make_shared<FactsIndex>(*Out);
    Combined->merge(*Others);
    ActiveFacts::setForThisThread(std::move(Combined));
  }

private:
  std::string File;
  const std::vector<std::string> &Profiles;
  std::shared_ptr<FactsIndex> Out;
  std::shared_ptr<const FactsIndex> Others;
  bool ForChecks;
};

/// Every file the TU read, with a digest of its contents (the cache's
/// inputs). Digests of a file are computed once per run.
void recordInputs(const SourceManager &SM, FileDigests &Digests,
                  std::vector<FileDigest> &Out) {
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    // The name as opened: "../../include/c++/12/vector" relative to the
    // compiler's directory would resolve against the wrong directory.
    llvm::SmallString<256> Path(It->first.getFileEntry().tryGetRealPathName());
    if (Path.empty()) {
      Path = It->first.getName();
      SM.getFileManager().makeAbsolutePath(Path);
    }
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Out.push_back({std::string(Path), Digests.of(Path)});
  }
  std::sort(Out.begin(), Out.end(),
            [](const FileDigest &A, const FileDigest &B) {
              return A.Path < B.Path;
            });
  Out.erase(std::unique(Out.begin(), Out.end(),
                        [](const FileDigest &A, const FileDigest &B) {
                          return A.Path == B.Path;
                        }),
            Out.end());
}

/// One parse of a TU doing what Work asks: the facts, the clang-tidy
/// checks (with the function extents that name the function around a
/// finding), and always the included user files and the inputs.
class UnitActionFactory : public tooling::FrontendActionFactory {
public:
  UnitActionFactory(UnitWork Work, TUResult &Result,
                    const std::vector<std::string> &Profiles,
                    std::shared_ptr<const FactsIndex> OtherFacts,
                    ClangTidyContext *Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    FileDigests &Digests)
      : Work(Work), Result(Result), Profiles(Profiles),
        OtherFacts(std::move(OtherFacts)), Digests(Digests) {
    if (Context)
      TidyFactory.emplace(*Context, std::move(FS));
  }
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(*this);
  }
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy: the code sees __clang_analyzer__ (also when only the
    // facts are collected, so both parses see the same code).
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // No "N warnings generated." per TU: the workers would interleave them,
    // and the driver prints one summary. (Findings are printed later, from
    // the merged results, with their own options.)
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(UnitActionFactory &F) : F(F) {}
    bool BeginSourceFileAction(CompilerInstance &CI) override {
      recordIncludes(CI, &F.Result.Includes);
      return true;
    }
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   llvm::StringRef File) override {
      std::vector<std::unique_ptr<ASTConsumer>> Consumers;
      Consumers.push_back(std::make_unique<TraversalScopeConsumer>(CI));
      if (F.Work != UnitWork::Checks)
        Consumers.push_back(std::make_unique<FactsConsumer>(
            File.str(), F.Profiles, F.Result.Facts, F.OtherFacts,
            F.Work == UnitWork::FactsAndChecks));
      if (F.Work != UnitWork::Facts) {
        Consumers.push_back(F.TidyFactory->createASTConsumer(CI, File));
        Consumers.push_back(
            std::make_unique<ExtentConsumer>(F.Result.Functions));
      }
      return std::make_unique<MultiplexConsumer>(std::move(Consumers));
    }
    void EndSourceFileAction() override {
      recordInputs(getCompilerInstance().getSourceManager(), F.Digests,
                   F.Result.Inputs);
    }

  private:
    UnitActionFactory &F;
  };

  UnitWork Work;
  TUResult &Result;
  const std::vector<std::string> &Profiles;
  std::shared_ptr<const FactsIndex> OtherFacts;
  FileDigests &Digests;
  std::optional<ClangTidyASTConsumerFactory> TidyFactory;
};

/// clang-tidy's ExtraArgs/ExtraArgsBefore options, as clang-tidy adds them.
tooling::ArgumentsAdjuster extraArgsOf(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args,
                    llvm::StringRef Filename) {
    ClangTidyOptions Opts = Context.getOptionsForFile(Filename);
    tooling::CommandLineArguments Adjusted = Args;
    if (Opts.ExtraArgsBefore) {
      auto I = Adjusted.begin();
      if (I != Adjusted.end() && !llvm::StringRef(*I).starts_with("-"))
        ++I; // the compiler
      Adjusted.insert(I, Opts.ExtraArgsBefore->begin(),
                      Opts.ExtraArgsBefore->end());
    }
    if (Opts.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(),
                      Opts.ExtraArgs->end());
    return Adjusted;
  };
}

} // namespace

TUResult analyseUnit(const tooling::CompilationDatabase &Database,
                     llvm::StringRef File, UnitWork Work,
                     const AnalysisSettings &Settings, FileDigests &Digests,
                     std::shared_ptr<const FactsIndex> OtherFacts) {
  TUResult Result;
  Result.File = File.str();
  Result.Checked = Work != UnitWork::Checks ? false : true;
  if (Work != UnitWork::Checks)
    Result.Facts = std::make_shared<FactsIndex>();
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS =
      privateFileSystem();
  // Every TU is read with the options clang-tidy would give it, also when
  // only its facts are wanted, so the two kinds of parse see the same code.
  ClangTidyContext Context(Settings.MakeOptions(FS));
  tooling::ClangTool Tool(Database, {Result.File},
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(extraArgsOf(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  bool RunChecks = Work != UnitWork::Facts;
  ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr,
                                           /*RemoveIncompatibleErrors=*/true,
                                           Settings.ApplyAnyFix);
  IgnoringDiagConsumer Silent;
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(),
                       &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  if (RunChecks)
    Tool.setDiagnosticConsumer(&DiagConsumer);
  else
    Tool.setDiagnosticConsumer(&Silent);

  // The checks of a TU analysed together with its facts see only those
  // facts; what they ask of them is logged, and the driver analyses the TU
  // again if the merged facts answer differently.
  // FactsConsumer gives the thread its facts; this scope takes them back.
  ActiveFacts::ThreadScope OwnFacts(nullptr);
  FactsQueryLog Log;
  FactsQueryLog::Scope Logging(RunChecks ? &Log : nullptr);
  UnitActionFactory Factory(Work, Result, Settings.Profiles,
                            std::move(OtherFacts),
                            RunChecks ? &Context : nullptr, FS, Digests);
  int Status = Tool.run(&Factory);
  Result.Parses = 1;
  if (!RunChecks) {
    Result.Failed = Status != 0;
    return Result;
  }
  Result.Checked = true;
  Result.Queries = Log.answers();
  Result.Errors = DiagConsumer.take();
  // Status 1 also counts errors that are not the compiler's (a check's
  // configuration error goes through the same consumer); those do not make
  // the TU unanalysed. Status 2: the file was skipped (no compile command).
  bool AnyError = false;
  for (const ClangTidyError &E : Result.Errors) {
    if (E.DiagLevel != ClangTidyError::Error)
      continue;
    AnyError = true;
    if (llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-"))
      Result.Failed = true;
  }
  if (Status == 2 || (Status != 0 && !AnyError))
    Result.Failed = true;
  return Result;
}

namespace {

/// Runs Work(I) for I in [0, Count) on Jobs threads (inline for one).
template <typename Fn> void forEachIndex(size_t Count, unsigned Jobs, Fn Work) {
  if (Jobs <= 1 || Count <= 1) {
    for (size_t I = 0; I < Count; ++I)
      Work(I);
    return;
  }
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t I = 0; I < Count; ++I)
    Pool.async([&Work, I] { Work(I); });
  Pool.wait();
}

class IncludesAction : public PreprocessOnlyAction {
public:
  explicit IncludesAction(std::vector<std::string> *Includes)
      : Includes(Includes) {}
  bool BeginSourceFileAction(CompilerInstance &CI) override {
    recordIncludes(CI, Includes);
    return PreprocessOnlyAction::BeginSourceFileAction(CI);
  }

private:
  std::vector<std::string> *Includes;
};

template <typename MakeAction>
class SimpleFactory : public tooling::FrontendActionFactory {
public:
  explicit SimpleFactory(MakeAction Make) : Make(std::move(Make)) {}
  std::unique_ptr<FrontendAction> create() override { return Make(); }

private:
  MakeAction Make;
};

template <typename MakeAction>
void runQuietly(const OneFileDatabase &Database, MakeAction Make) {
  IgnoringDiagConsumer Silent;
  tooling::ClangTool Tool(Database, Database.getAllFiles(),
                          std::make_shared<PCHContainerOperations>(),
                          privateFileSystem());
  Tool.setDiagnosticConsumer(&Silent);
  Tool.setPrintErrorMessage(false);
  SimpleFactory<MakeAction> Factory(std::move(Make));
  Tool.run(&Factory);
}

} // namespace

Progress::Progress(std::string Phase, size_t Total, std::string Root)
    : Phase(std::move(Phase)), Total(Total), Root(std::move(Root)),
      Enabled(llvm::sys::Process::StandardErrIsDisplayed()) {}

Progress::~Progress() {
  if (Enabled && Done)
    llvm::errs() << "\r\x1b[K";
}

void Progress::done(llvm::StringRef File) {
  std::lock_guard<std::mutex> Lock(Mutex);
  ++Done;
  if (!Enabled)
    return;
  llvm::errs() << "\r\x1b[K" << Phase << "[" << Done << "/" << Total << "] "
               << relativeToRoot(File, Root);
  llvm::errs().flush();
}

unsigned effectiveJobs(unsigned Requested) {
  if (Requested)
    return Requested;
  unsigned Cores = llvm::hardware_concurrency().compute_thread_count();
  return Cores ? Cores : 1;
}

AnalysisSession::AnalysisSession(
    const tooling::CompilationDatabase &Compilations,
    AnalysisSettings Settings, ResultCache *Cache)
    : Compilations(Compilations), Settings(std::move(Settings)),
      Cache(Cache) {}

AnalysisSession::~AnalysisSession() = default;

std::string AnalysisSession::configurationOf(llvm::StringRef File) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS =
      privateFileSystem();
  std::unique_ptr<ClangTidyOptionsProvider> Options = Settings.MakeOptions(FS);
  std::string Text = "dbtidy " DBTIDY_VERSION " " + Settings.ToolStamp + "\n";
  Text += "mode " + Settings.Mode + "\n";
  Text += Settings.ApplyAnyFix ? "fixes\n" : "no-fixes\n";
  for (const tooling::CompileCommand &C :
       Compilations.getCompileCommands(File)) {
    Text += "command " + C.Directory + "\n";
    for (const std::string &Arg : C.CommandLine)
      Text += Arg + "\n";
  }
  Text += configurationAsText(Options->getOptions(File)) + "\n";
  // The profiles and schema files are inputs too: a changed profile can
  // change every finding.
  // (The built-in profiles are part of the binary, so of ToolStamp.)
  for (const std::shared_ptr<const Profile> &One :
       ProfileLoader::instance().userProfilesFor(File, Settings.Profiles)) {
    Text += "profile " + One->SourceFile + " " + Digests.of(One->SourceFile) +
            "\n";
    for (const std::string &Schema : One->SchemaFiles) {
      llvm::SmallString<256> Path(Schema);
      if (llvm::sys::path::is_relative(Path)) {
        Path = llvm::sys::path::parent_path(One->SourceFile);
        llvm::sys::path::append(Path, Schema);
      }
      Text += "schema " + std::string(Path) + " " + Digests.of(Path) + "\n";
    }
  }
  return llvm::utohexstr(llvm::xxh3_64bits(Text));
}

std::vector<TUResult>
AnalysisSession::analyseAll(const std::vector<std::string> &Files,
                            const std::vector<UnitWork> &Work,
                            const std::vector<std::string> &Configs,
                            std::shared_ptr<const FactsIndex> OtherFacts,
                            llvm::StringRef Phase) {
  std::vector<OneFileDatabase> Databases = splitDatabase(Compilations, Files);
  std::vector<TUResult> Results(Files.size());
  std::string FactsFile = writeFactsForWorkers(OtherFacts.get());
  Progress Line(Phase.str(), Files.size(), Settings.Root);
  forEachIndex(Files.size(), Settings.Jobs, [&](size_t I) {
    Results[I] = analyse(Databases[I], Files[I], Work[I], OtherFacts,
                         FactsFile);
    Line.done(Files[I]);
  });
  if (!FactsFile.empty())
    removeTemporaryFile(FactsFile);
  if (Cache)
    for (size_t I = 0; I < Files.size(); ++I)
      Cache->store(Results[I], Configs[I]);
  return Results;
}

namespace {
llvm::StringRef workName(UnitWork Work) {
  switch (Work) {
  case UnitWork::Facts:
    return "facts";
  case UnitWork::FactsAndChecks:
    return "facts-and-checks";
  case UnitWork::Checks:
    return "checks";
  }
  return "checks";
}

/// Runs Program and waits at most Seconds for it, then kills it. (LLVM's
/// ExecuteAndWait times out with alarm(), which is process-wide and may
/// wake another thread: unusable from a thread pool.) Returns the exit
/// status, -1 if it could not run, -2 if it crashed or was killed.
int runWithDeadline(llvm::StringRef Program, llvm::ArrayRef<llvm::StringRef> Args,
                    llvm::ArrayRef<std::optional<llvm::StringRef>> Redirects,
                    unsigned Seconds, std::string &Message, bool &TimedOut) {
  bool ExecutionFailed = false;
  llvm::sys::ProcessInfo Child = llvm::sys::ExecuteNoWait(
      Program, Args, std::nullopt, Redirects, 0, &Message, &ExecutionFailed);
  if (ExecutionFailed)
    return -1;
  auto Deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(Seconds);
  auto Pause = std::chrono::milliseconds(2);
  for (;;) {
    llvm::sys::ProcessInfo Done = llvm::sys::Wait(Child, 0, &Message);
    if (Done.Pid != 0)
      return Done.ReturnCode;
    if (std::chrono::steady_clock::now() >= Deadline) {
      TimedOut = true;
      ::kill(Child.Pid, SIGKILL);
      llvm::sys::Wait(Child, std::nullopt, &Message);
      return -2;
    }
    std::this_thread::sleep_for(Pause);
    Pause = std::min(Pause * 2, std::chrono::milliseconds(50));
  }
}

/// A temporary file name of ours (created, so it is not taken by another).
std::string temporaryFile(llvm::StringRef Suffix) {
  llvm::SmallString<128> Path;
  if (llvm::sys::fs::createTemporaryFile("dbtidy-worker", Suffix, Path))
    return "";
  return std::string(Path);
}
} // namespace

std::string AnalysisSession::writeFactsForWorkers(const FactsIndex *Facts) {
  if (!Settings.TimeoutSeconds || !Facts)
    return "";
  std::string Path = temporaryFile("json");
  std::string Error;
  if (Path.empty() || !Facts->write(Path, Error))
    llvm::errs() << "dbtidy: warning: cannot hand the facts to the worker "
                    "processes"
                 << (Error.empty() ? "" : ": " + Error) << "\n";
  return Path;
}

TUResult AnalysisSession::analyse(const tooling::CompilationDatabase &Database,
                                  llvm::StringRef File, UnitWork Work,
                                  std::shared_ptr<const FactsIndex> OtherFacts,
                                  llvm::StringRef FactsFile) {
  if (!Settings.TimeoutSeconds)
    return analyseUnit(Database, File, Work, Settings, Digests,
                       std::move(OtherFacts));
  // A worker process: a TU that hangs or crashes the front end costs that
  // TU, not the run.
  TUResult Failed;
  Failed.File = File.str();
  Failed.Failed = true;
  Failed.Checked = Work != UnitWork::Facts;
  Failed.Parses = 1;
  std::string ResultFile = temporaryFile("json");
  std::string ErrorFile = temporaryFile("txt");
  if (ResultFile.empty() || ErrorFile.empty()) {
    Failed.FailureReason = "cannot create a temporary file for its worker";
    return Failed;
  }
  std::string Self =
      llvm::sys::fs::getMainExecutable(nullptr, (void *)&runWorker);
  std::vector<std::string> Args = {Self,
                                   "--internal-worker-unit=" + File.str(),
                                   "--internal-worker-work=" +
                                       workName(Work).str(),
                                   "--internal-worker-result=" + ResultFile};
  if (!FactsFile.empty())
    Args.push_back("--internal-worker-facts=" + FactsFile.str());
  Args.insert(Args.end(), Settings.WorkerArguments.begin(),
              Settings.WorkerArguments.end());
  std::vector<llvm::StringRef> ArgRefs(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(""), llvm::StringRef(ErrorFile)};
  std::string Message;
  bool TimedOut = false;
  int Status = runWithDeadline(Self, ArgRefs, Redirects,
                               Settings.TimeoutSeconds, Message, TimedOut);
  std::string Error;
  std::optional<TUResult> Result;
  if (Status == 0)
    Result = readResultFile(ResultFile, Error);
  removeTemporaryFile(ResultFile);
  removeTemporaryFile(ErrorFile);
  if (Result) {
    Result->Parses = 1;
    return std::move(*Result);
  }
  if (TimedOut)
    Failed.FailureReason = "took longer than --tu-timeout=" +
                           std::to_string(Settings.TimeoutSeconds) +
                           "s, skipped";
  else if (Status == -2)
    Failed.FailureReason = "the analysis crashed (" + Message +
                           "); run dbtidy on this file alone to see where";
  else
    Failed.FailureReason = "its worker process failed" +
                           (Message.empty() ? Error.empty() ? "" : ": " + Error
                                            : ": " + Message);
  return Failed;
}

int runWorker(const tooling::CompilationDatabase &Compilations,
              const AnalysisSettings &Settings, llvm::StringRef Unit,
              llvm::StringRef Work, llvm::StringRef FactsFile,
              llvm::StringRef ResultFile) {
  std::shared_ptr<const FactsIndex> Facts;
  if (!FactsFile.empty()) {
    std::string Error;
    Facts = FactsIndex::load(FactsFile, Error);
    if (!Facts) {
      llvm::errs() << "dbtidy worker: " << Error << "\n";
      return 1;
    }
  }
  UnitWork W = Work == "facts"              ? UnitWork::Facts
               : Work == "facts-and-checks" ? UnitWork::FactsAndChecks
                                            : UnitWork::Checks;
  if (W == UnitWork::Checks)
    ActiveFacts::set(Facts);
  OneFileDatabase Database(Unit.str(), Compilations.getCompileCommands(Unit));
  FileDigests Digests;
  TUResult Result = analyseUnit(Database, Unit, W, Settings, Digests,
                                W == UnitWork::FactsAndChecks ? Facts
                                                              : nullptr);
  std::string Error;
  if (!writeResultFile(Result, ResultFile, Error)) {
    llvm::errs() << "dbtidy worker: " << Error << "\n";
    return 1;
  }
  return 0;
}

std::shared_ptr<FactsIndex>
AnalysisSession::collect(const std::vector<std::string> &Units,
                         const llvm::StringSet<> &CheckNow) {
  std::vector<std::string> ToParse, Configs;
  std::vector<UnitWork> Work;
  for (const std::string &File : Units) {
    bool WantChecks = CheckNow.contains(File);
    std::string Config = Cache ? configurationOf(File) : "";
    if (Cache)
      if (std::optional<TUResult> Cached =
              Cache->lookup(File, Config, Digests))
        if (Cached->Facts && (!WantChecks || Cached->Checked)) {
          Known.insert_or_assign(File, std::move(*Cached));
          continue;
        }
    ToParse.push_back(File);
    Configs.push_back(std::move(Config));
    Work.push_back(WantChecks ? UnitWork::FactsAndChecks : UnitWork::Facts);
  }
  // The TUs analysed now see the cached TUs' facts: after a change to one
  // file, its checks then usually get the merged answers the first time.
  auto Cached = std::make_shared<FactsIndex>();
  for (const std::string &File : Units) {
    auto It = Known.find(File);
    if (It != Known.end() && It->second.Facts)
      Cached->merge(*It->second.Facts);
  }
  std::vector<TUResult> Parsed =
      analyseAll(ToParse, Work, Configs, std::move(Cached), "");
  Counts.Parsed += Parsed.size();
  for (TUResult &R : Parsed) {
    std::string File = R.File;
    Known.insert_or_assign(File, std::move(R));
  }
  auto Merged = std::make_shared<FactsIndex>();
  for (const std::string &File : Units) {
    auto It = Known.find(File);
    if (It != Known.end() && It->second.Facts)
      Merged->merge(*It->second.Facts);
  }
  return Merged;
}

const TUResult *AnalysisSession::known(llvm::StringRef File) const {
  auto It = Known.find(File);
  return It == Known.end() ? nullptr : &It->second;
}

std::vector<TUResult>
AnalysisSession::check(const std::vector<std::string> &Files,
                       std::shared_ptr<const FactsIndex> Facts) {
  std::optional<FactsAnswers> Answers;
  if (Facts)
    Answers.emplace(*Facts);
  static const std::vector<LockEdge> NoEdges;
  auto StillHolds = [&](const TUResult &Prior) {
    if (!Prior.Checked)
      return false;
    if (!Answers)
      return Prior.Queries.empty();
    return Answers->allHold(Prior.Queries, Prior.Facts
                                               ? Prior.Facts->lockEdges()
                                               : NoEdges);
  };

  std::vector<TUResult> Results(Files.size());
  std::vector<size_t> ToParse;
  std::vector<std::string> ParseFiles, Configs;
  for (size_t I = 0; I < Files.size(); ++I) {
    const std::string &File = Files[I];
    std::optional<TUResult> Prior;
    if (const TUResult *K = known(File))
      Prior = *K;
    std::string Config;
    if (!Prior && Cache) {
      Config = configurationOf(File);
      Prior = Cache->lookup(File, Config, Digests);
    }
    if (Prior && StillHolds(*Prior)) {
      Results[I] = std::move(*Prior);
      continue;
    }
    if (Prior && Prior->Checked)
      ++Counts.Reanalysed;
    if (Config.empty() && Cache)
      Config = configurationOf(File);
    // What the TU tells the others stays; only its findings are redone.
    if (Prior)
      Results[I].Facts = Prior->Facts;
    ToParse.push_back(I);
    ParseFiles.push_back(File);
    Configs.push_back(std::move(Config));
  }
  std::vector<UnitWork> Work(ParseFiles.size(), UnitWork::Checks);
  std::vector<std::shared_ptr<FactsIndex>> OwnFacts;
  for (size_t I : ToParse)
    OwnFacts.push_back(Results[I].Facts);
  // Analysed again with the merged facts: stored with the TU's own facts,
  // which the next run merges.
  ActiveFacts::set(Facts);
  std::vector<OneFileDatabase> Databases =
      splitDatabase(Compilations, ParseFiles);
  std::vector<TUResult> Parsed(ParseFiles.size());
  std::string FactsFile =
      ParseFiles.empty() ? "" : writeFactsForWorkers(Facts.get());
  Progress Line("", ParseFiles.size(), Settings.Root);
  forEachIndex(ParseFiles.size(), Settings.Jobs, [&](size_t J) {
    Parsed[J] = analyse(Databases[J], ParseFiles[J], UnitWork::Checks,
                        nullptr, FactsFile);
    Parsed[J].Facts = OwnFacts[J];
    Line.done(ParseFiles[J]);
  });
  if (!FactsFile.empty())
    removeTemporaryFile(FactsFile);
  Counts.Parsed += Parsed.size();
  for (size_t J = 0; J < ToParse.size(); ++J) {
    if (Cache)
      Cache->store(Parsed[J], Configs[J]);
    Results[ToParse[J]] = std::move(Parsed[J]);
  }
  return Results;
}

std::vector<std::vector<std::string>>
scanIncludesInParallel(const tooling::CompilationDatabase &Compilations,
                       const std::vector<std::string> &Files, unsigned Jobs,
                       llvm::StringRef Root) {
  std::vector<OneFileDatabase> Databases = splitDatabase(Compilations, Files);
  std::vector<std::vector<std::string>> Included(Files.size());
  Progress Line("includes ", Files.size(), Root.str());
  forEachIndex(Files.size(), Jobs, [&](size_t I) {
    runQuietly(Databases[I], [&] {
      return std::make_unique<IncludesAction>(&Included[I]);
    });
    Line.done(Files[I]);
  });
  return Included;
}

static std::string absoluteIn(llvm::StringRef Path, llvm::StringRef Directory) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Out;
  if (llvm::sys::path::is_absolute(Path) || Directory.empty())
    Out = Path;
  else {
    Out = Directory;
    llvm::sys::path::append(Out, Path);
  }
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

std::vector<ClangTidyError> mergeErrors(std::vector<TUResult> &Results) {
  std::vector<ClangTidyError> All;
  for (TUResult &R : Results)
    for (ClangTidyError &E : R.Errors) {
      E.Message.FilePath = absoluteIn(E.Message.FilePath, E.BuildDirectory);
      for (auto &Note : E.Notes)
        Note.FilePath = absoluteIn(Note.FilePath, E.BuildDirectory);
      All.push_back(E);
    }
  auto Key = [](const ClangTidyError &E) {
    return std::tie(E.Message.FilePath, E.Message.FileOffset,
                    E.DiagnosticName, E.Message.Message);
  };
  // Stable: of equal findings the first TU's copy stays.
  std::stable_sort(All.begin(), All.end(),
                   [&](const ClangTidyError &A, const ClangTidyError &B) {
                     return Key(A) < Key(B);
                   });
  All.erase(std::unique(All.begin(), All.end(),
                        [&](const ClangTidyError &A, const ClangTidyError &B) {
                          return Key(A) == Key(B);
                        }),
            All.end());
  return All;
}

FunctionIndex::FunctionIndex(const std::vector<TUResult> &Results) {
  llvm::StringSet<> Seen;
  for (const TUResult &R : Results)
    for (const FunctionExtent &F : R.Functions) {
      std::string Key = F.File + ":" + std::to_string(F.Begin) + ":" +
                        std::to_string(F.End) + ":" + F.Name;
      if (Seen.insert(Key).second)
        ByFile[F.File].push_back(F);
    }
}

std::string FunctionIndex::enclosing(llvm::StringRef File,
                                     unsigned Offset) const {
  auto It = ByFile.find(File);
  if (It == ByFile.end())
    return "";
  const FunctionExtent *Best = nullptr;
  for (const FunctionExtent &F : It->second)
    if (F.Begin <= Offset && Offset <= F.End &&
        (!Best || F.End - F.Begin < Best->End - Best->Begin))
      Best = &F;
  return Best ? Best->Name : "";
}

Finding toFinding(const ClangTidyError &Error, const FunctionIndex &Functions,
                  SourceCache &Sources) {
  Finding F;
  F.Check = Error.DiagnosticName;
  F.Message = Error.Message.Message;
  F.IsError = Error.DiagLevel == ClangTidyError::Error;
  F.IsRemark = Error.DiagLevel == ClangTidyError::Remark;
  F.Where.File = Error.Message.FilePath;
  F.Where.Offset = Error.Message.FileOffset;
  Sources.resolve(F.Where);
  for (const auto &Range : Error.Message.Ranges) {
    if (absoluteIn(Range.FilePath, Error.BuildDirectory) != F.Where.File)
      continue;
    unsigned Line = 0, Column = 0;
    if (Sources.position(F.Where.File, Range.FileOffset + Range.Length, Line,
                         Column)) {
      F.EndLine = Line;
      F.EndColumn = Column;
    }
    break;
  }
  for (const auto &Note : Error.Notes) {
    FindingNote N;
    N.Message = Note.Message;
    N.Where.File = Note.FilePath;
    N.Where.Offset = Note.FileOffset;
    Sources.resolve(N.Where);
    F.Notes.push_back(std::move(N));
  }
  for (const auto &FileAndReplacements : Error.Message.Fix)
    for (const tooling::Replacement &R : FileAndReplacements.second)
      F.Fix.push_back({absoluteIn(R.getFilePath(), Error.BuildDirectory),
                       R.getOffset(), R.getLength(),
                       R.getReplacementText().str()});
  std::sort(F.Fix.begin(), F.Fix.end(),
            [](const FindingEdit &A, const FindingEdit &B) {
              return std::tie(A.File, A.Offset) < std::tie(B.File, B.Offset);
            });
  F.Function = Functions.enclosing(F.Where.File, F.Where.Offset);
  return F;
}

} // namespace dbtidy
