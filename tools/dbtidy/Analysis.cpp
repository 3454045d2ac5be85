//===--- Analysis.cpp - Running the checks over many TUs in parallel ------===//
#include "tools/dbtidy/Analysis.h"

#include "lib/FactsCollector.h"
#include "lib/ProfileLoader.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
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

/// The clang-tidy checks plus the function extents, as runClangTidy does
/// it but with one context per TU.
class ChecksActionFactory : public tooling::FrontendActionFactory {
public:
  ChecksActionFactory(ClangTidyContext &Context,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                      std::vector<FunctionExtent> &Extents)
      : ConsumerFactory(Context, std::move(FS)), Extents(Extents) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, Extents);
  }
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy: the code sees __clang_analyzer__.
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
    Action(ClangTidyASTConsumerFactory &Factory,
           std::vector<FunctionExtent> &Extents)
        : Factory(Factory), Extents(Extents) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   llvm::StringRef File) override {
      std::vector<std::unique_ptr<ASTConsumer>> Consumers;
      Consumers.push_back(Factory.createASTConsumer(CI, File));
      Consumers.push_back(std::make_unique<ExtentConsumer>(Extents));
      return std::make_unique<MultiplexConsumer>(std::move(Consumers));
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
    std::vector<FunctionExtent> &Extents;
  };

  ClangTidyASTConsumerFactory ConsumerFactory;
  std::vector<FunctionExtent> &Extents;
};

TUResult analyseOne(const OneFileDatabase &Database,
                    const OptionsProviderFactory &MakeOptions,
                    bool ApplyAnyFix) {
  TUResult Result;
  Result.File = Database.getAllFiles().front();
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS =
      privateFileSystem();
  ClangTidyContext Context(MakeOptions(FS));
  tooling::ClangTool Tool(Database, {Result.File},
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  tooling::ArgumentsAdjuster ExtraArgs =
      [&Context](const tooling::CommandLineArguments &Args,
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
  Tool.appendArgumentsAdjuster(ExtraArgs);
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  ClangTidyDiagnosticConsumer DiagConsumer(Context, nullptr,
                                           /*RemoveIncompatibleErrors=*/true,
                                           ApplyAnyFix);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(),
                       &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);
  ChecksActionFactory Factory(Context, FS, Result.Functions);
  int Status = Tool.run(&Factory);
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

/// Collects the facts of one TU after it is parsed.
class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(std::string File, const std::vector<std::string> &Profiles,
                FactsIndex &Out)
      : File(std::move(File)), Profiles(Profiles), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    std::vector<ProfileError> Ignored; // validated before the run
    ProfileContext P =
        ProfileLoader::instance().forFile(File, Profiles, Ignored);
    collectFacts(Ctx, *P.Classifier, Out);
  }

private:
  std::string File;
  const std::vector<std::string> &Profiles;
  FactsIndex &Out;
};

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(const std::vector<std::string> &Profiles, FactsIndex &Out,
              std::vector<std::string> *Includes)
      : Profiles(Profiles), Out(Out), Includes(Includes) {}
  bool BeginSourceFileAction(CompilerInstance &CI) override {
    recordIncludes(CI, Includes);
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef File) override {
    return std::make_unique<FactsConsumer>(File.str(), Profiles, Out);
  }

private:
  const std::vector<std::string> &Profiles;
  FactsIndex &Out;
  std::vector<std::string> *Includes;
};

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

std::vector<TUResult>
runChecksInParallel(const tooling::CompilationDatabase &Compilations,
                    const std::vector<std::string> &Files,
                    const OptionsProviderFactory &MakeOptions,
                    bool ApplyAnyFix, unsigned Jobs, llvm::StringRef Root) {
  std::vector<OneFileDatabase> Databases = splitDatabase(Compilations, Files);
  std::vector<TUResult> Results(Files.size());
  Progress Line("", Files.size(), Root.str());
  forEachIndex(Files.size(), Jobs, [&](size_t I) {
    Results[I] = analyseOne(Databases[I], MakeOptions, ApplyAnyFix);
    Line.done(Files[I]);
  });
  return Results;
}

std::shared_ptr<FactsIndex>
collectFactsInParallel(const tooling::CompilationDatabase &Compilations,
                       const std::vector<std::string> &Files,
                       const std::vector<std::string> &Profiles, unsigned Jobs,
                       llvm::StringRef Root,
                       std::vector<std::vector<std::string>> &IncludedFiles) {
  std::vector<OneFileDatabase> Databases = splitDatabase(Compilations, Files);
  std::vector<FactsIndex> PerFile(Files.size());
  IncludedFiles.assign(Files.size(), {});
  Progress Line("facts ", Files.size(), Root.str());
  forEachIndex(Files.size(), Jobs, [&](size_t I) {
    runQuietly(Databases[I], [&] {
      return std::make_unique<FactsAction>(Profiles, PerFile[I],
                                           &IncludedFiles[I]);
    });
    Line.done(Files[I]);
  });
  auto Facts = std::make_shared<FactsIndex>();
  for (const FactsIndex &One : PerFile)
    Facts->merge(One);
  return Facts;
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
