//===--- Driver.cpp - The standalone dbtidy driver
//--------------------------===//
//
// Runs the db-* checks over a compilation database. The analysis itself is
// clang-tidy's machinery (context, NOLINT handling, diagnostics printing,
// fix application and export) with only our module linked in, so a finding
// is identical to what `clang-tidy-19 --load=DbTidyModule.so` reports.
//
// Translation units are analysed in parallel (-j), each with its own
// clang-tidy context (tools/dbtidy/Analysis); the findings are merged,
// deduplicated and then filtered, printed, fixed and exported by the CI
// outputs (tools/dbtidy/Gate). docs/ci.md describes the CI use.
//
// Exit status: 0 no failing findings, 1 findings promoted by
// --warnings-as-errors, 2 usage or configuration error, 3 some translation
// unit could not be analysed.
//
//===----------------------------------------------------------------------===//
#include "lib/Facts.h"
#include "lib/LockGraph.h"
#include "lib/Paths.h"
#include "lib/ProfileLoader.h"
#include "tools/dbtidy/Analysis.h"
#include "tools/dbtidy/Gate.h"
#include "tools/dbtidy/GitDiff.h"
#include "tools/dbtidy/ResultCache.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

extern volatile int DbTidyModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED DbTidyModuleAnchorDestination =
    DbTidyModuleAnchorSource;

namespace {

enum ExitCode {
  ExitOk = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitUnanalysed = 3,
};

cl::OptionCategory DbTidyCategory("dbtidy options");

const char Overview[] =
    "dbtidy finds data-access bugs that take database-backed services down\n"
    "under load: N+1 queries, lost updates and lock-order inversions.\n"
    "\n"
    "  dbtidy -p <build-dir> [options] [<source>...]\n"
    "  dbtidy [options] <source>... -- <compiler flags>\n"
    "  dbtidy merge <facts-dir>   (lock-order cycles across TUs, from the\n"
    "                              plugin's DbTidyFactsOutput directory)\n"
    "\n"
    "With no <source>, every translation unit of the compilation database is\n"
    "analysed. Exit status: 0 no failing findings; 1 findings promoted by\n"
    "--warnings-as-errors; 2 usage or configuration error; 3 some\n"
    "translation unit could not be analysed.\n";

cl::opt<std::string> BuildPath("p",
                               cl::desc("Build directory containing "
                                        "compile_commands.json"),
                               cl::value_desc("build-dir"),
                               cl::cat(DbTidyCategory));
cl::list<std::string> SourcePaths(cl::Positional, cl::desc("[<source> ...]"),
                                  cl::cat(DbTidyCategory));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Comma-separated list of globs of checks to run, with '-' to\n"
             "disable, as in clang-tidy (default: the .clang-tidy\n"
             "configuration, else 'db-*')"),
    cl::init(""), cl::cat(DbTidyCategory));
cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read clang-tidy style configuration (Checks, CheckOptions,\n"
             "WarningsAsErrors, HeaderFilterRegex) from this file instead\n"
             "of the nearest .clang-tidy"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::list<std::string> ProfileFiles(
    "profile",
    cl::desc("Read an extra API profile (YAML, see docs/profiles.md);\n"
             "may be repeated"),
    cl::value_desc("file.yaml"), cl::cat(DbTidyCategory));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the suggested fixes, in clang-tidy's YAML format (for\n"
             "clang-apply-replacements), to this file"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes"), cl::init(false),
                  cl::cat(DbTidyCategory));
cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Globs of checks whose findings fail the run (exit status 1)"),
    cl::init(""), cl::cat(DbTidyCategory));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression of headers to report findings in (as in\n"
             "clang-tidy; by default only main files are reported)"),
    cl::init(""), cl::cat(DbTidyCategory));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks and exit"),
                         cl::init(false), cl::cat(DbTidyCategory));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line"),
                    cl::init(false), cl::cat(DbTidyCategory));
cl::opt<std::string> FactsInput(
    "facts",
    cl::desc("Use the cross-TU facts in this file or directory (written by\n"
             "--export-facts) instead of collecting them"),
    cl::value_desc("file-or-dir"), cl::cat(DbTidyCategory));
cl::opt<std::string> ExportFacts(
    "export-facts",
    cl::desc("Write the cross-TU facts collected from the compilation\n"
             "database to this file (docs/facts.md)"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::opt<bool> NoCrossTU(
    "no-cross-tu",
    cl::desc("Do not collect facts from the other translation units first:\n"
             "only what each TU defines itself is known"),
    cl::init(false), cl::cat(DbTidyCategory));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Analyse this many translation units at once "
                                "(default: one per core)"),
                       cl::value_desc("N"), cl::init(0), cl::Prefix,
                       cl::cat(DbTidyCategory));
cl::opt<std::string> Exclude(
    "exclude",
    cl::desc("Regular expression of files not to analyse or report on\n"
             "(translation units and headers)"),
    cl::value_desc("regex"), cl::init(""), cl::cat(DbTidyCategory));
cl::opt<std::string> Format("format",
                            cl::desc("Output format: text (default) or sarif"),
                            cl::value_desc("text|sarif"), cl::init("text"),
                            cl::cat(DbTidyCategory));
cl::opt<std::string> OutputFile(
    "output",
    cl::desc("Write the findings (in --format) to this file instead of\n"
             "standard output"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::opt<std::string> BaselineFile(
    "baseline",
    cl::desc("Report only findings not recorded in this baseline file"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record the current findings in this baseline file"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::opt<std::string> Since(
    "since",
    cl::desc("Report only findings on lines changed since this git\n"
             "revision (and analyse only the TUs those changes touch)"),
    cl::value_desc("git-ref"), cl::cat(DbTidyCategory));
cl::opt<std::string> ReportDir(
    "report",
    cl::desc("Write a static HTML report (index.html) to this directory"),
    cl::value_desc("dir"), cl::cat(DbTidyCategory));
cl::opt<std::string> LockGraphFile(
    "lock-graph",
    cl::desc("Draw this lock-order graph (dbtidy-lock-graph JSON) in the\n"
             "--report"),
    cl::value_desc("file"), cl::cat(DbTidyCategory));
cl::opt<std::string> ProjectRoot(
    "project-root",
    cl::desc("Directory that SARIF, baseline and report paths are relative\n"
             "to, and where --since runs git (default: the git work tree\n"
             "around the current directory, else the current directory)"),
    cl::value_desc("dir"), cl::cat(DbTidyCategory));
cl::opt<std::string> DocsUrl(
    "docs-url",
    cl::desc("Base address of the check pages linked from SARIF and the\n"
             "report (<base><check>.md)"),
    cl::value_desc("url"), cl::cat(DbTidyCategory));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep each translation unit's results here and reuse them\n"
             "while its sources, compile command and configuration are\n"
             "unchanged (default: <build-dir>/.dbtidy-cache with -p)"),
    cl::value_desc("dir"), cl::cat(DbTidyCategory));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Neither read nor write cached results"),
                      cl::init(false), cl::cat(DbTidyCategory));
cl::opt<unsigned> TUTimeout(
    "tu-timeout",
    cl::desc("Analyse each translation unit in a process of its own and\n"
             "give it at most this many seconds; one that takes longer (or\n"
             "crashes) is reported as not analysed, and the run goes on"),
    cl::value_desc("seconds"), cl::init(0), cl::cat(DbTidyCategory));
// The worker side of --tu-timeout: not for users.
cl::opt<std::string> WorkerUnit("internal-worker-unit", cl::Hidden);
cl::opt<std::string> WorkerWork("internal-worker-work", cl::Hidden);
cl::opt<std::string> WorkerFacts("internal-worker-facts", cl::Hidden);
cl::opt<std::string> WorkerResult("internal-worker-result", cl::Hidden);
cl::opt<bool> ShowStats(
    "analysis-stats",
    cl::desc("Print how many translation units were parsed, checked again\n"
             "with the other TUs' facts, and taken from the cache"),
    cl::init(false), cl::cat(DbTidyCategory));

void printVersion(raw_ostream &OS) {
  OS << "dbtidy " << DBTIDY_VERSION << "\n"
     << "  built with " << clang::getClangFullVersion() << "\n";
}

/// dbtidy runs inside projects whose .clang-tidy lists the clang-tidy checks
/// they use and says nothing about db-*. Unless some configuration names a
/// db- check, the db-* checks stay on: that is what running dbtidy asks for.
class DbChecksByDefault : public ClangTidyOptionsProvider {
public:
  explicit DbChecksByDefault(std::unique_ptr<ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}
  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(FileName);
    for (const OptionsSource &Source : Sources)
      if (Source.second != OptionsSourceTypeDefaultBinary &&
          Source.first.Checks &&
          StringRef(*Source.first.Checks).contains("db-"))
        return Sources;
    ClangTidyOptions Default;
    Default.Checks = "db-*";
    Sources.emplace_back(std::move(Default), "dbtidy default (db-*)");
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
};

int usageError(const Twine &Message) {
  errs() << "dbtidy: error: " << Message << "\n";
  return ExitUsage;
}

/// Reports every positive entry of a checks glob list that names no check.
bool validateCheckGlobs(StringRef Globs, const std::vector<std::string> &All,
                        StringRef Origin) {
  bool Ok = true;
  SmallVector<StringRef, 8> Items;
  Globs.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty() || Item.starts_with("-"))
      continue;
    GlobList One(Item);
    bool Matches = false;
    for (const std::string &Name : All)
      Matches |= One.contains(Name);
    if (!Matches) {
      errs() << "dbtidy: error: " << Origin << ": '" << Item
             << "' matches no check (run 'dbtidy --list-checks "
                "--checks=*' to see them)\n";
      Ok = false;
    }
  }
  return Ok;
}

/// Options of db-* checks that no check reads are misspellings: an option
/// silently ignored is a check silently misconfigured. (Options of other
/// checks, from a shared .clang-tidy, are not ours to judge.)
bool validateCheckOptions(const ClangTidyOptions &Options,
                          const std::vector<std::string> &All) {
  ClangTidyOptions Everything = Options;
  Everything.Checks = "db-*";
  ClangTidyOptions::OptionMap Known = getCheckOptions(Everything, false);
  static const char *const Global[] = {"DbTidyProfiles", "DbTidyFacts",
                                       "DbTidyFactsOutput"};
  bool Ok = true;
  for (const auto &Entry : Options.CheckOptions) {
    StringRef Key = Entry.getKey();
    if (!Key.starts_with("db-"))
      continue;
    auto [Check, Name] = Key.split('.');
    if (Name.empty())
      continue;
    if (llvm::find(All, Check) == All.end()) {
      errs() << "dbtidy: error: option '" << Key << "': there is no check '"
             << Check << "'\n";
      Ok = false;
      continue;
    }
    if (Known.count(Key) || llvm::is_contained(Global, Name))
      continue;
    std::string Names;
    for (const auto &K : Known)
      if (K.getKey().starts_with((Check + ".").str()))
        Names += (Names.empty() ? "" : ", ") +
                 K.getKey().drop_front(Check.size() + 1).str();
    errs() << "dbtidy: error: option '" << Key << "': " << Check
           << " has no option '" << Name << "'"
           << (Names.empty() ? std::string(" (it has none)")
                             : " (it has: " + Names + ")")
           << "\n";
    Ok = false;
  }
  return Ok;
}

/// The project root: the git work tree around the current directory, else
/// the current directory. Paths in SARIF, baselines and the report are
/// relative to it. Found by looking for .git (a directory, or the file of a
/// worktree or submodule) rather than by running git: every run needs it.
/// As git, it does not look in or above GIT_CEILING_DIRECTORIES.
std::string projectRoot() {
  SmallString<256> Cwd;
  if (sys::fs::current_path(Cwd))
    return "";
  SmallVector<StringRef, 4> Ceilings;
  std::optional<std::string> CeilingVar =
      sys::Process::GetEnv("GIT_CEILING_DIRECTORIES");
  if (CeilingVar)
    StringRef(*CeilingVar).split(Ceilings, ':', -1, /*KeepEmpty=*/false);
  for (SmallString<256> Dir = Cwd; !Dir.empty();) {
    if (llvm::is_contained(Ceilings, StringRef(Dir)))
      break;
    SmallString<256> Git(Dir);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return std::string(Dir);
    StringRef Parent = sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::string(Cwd);
}

} // namespace

static int runDriver(int Argc, const char **Argv);

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  int Status = runDriver(argc, argv);
  dbtidy::ProfileLoader::instance().finishBackgroundWork();
  return Status;
}

static int runDriver(int Argc, const char **Argv) {
  // As given, for the worker processes of --tu-timeout (the compile flags
  // after -- are cut off Argv below).
  std::vector<std::string> Arguments(Argv + 1, Argv + Argc);
  // `dbtidy merge <facts-dir>`: the lock-order cycles across the TUs whose
  // facts the plugin wrote (DbTidyFactsOutput); see docs/facts.md.
  if (Argc >= 2 && StringRef(Argv[1]) == "merge") {
    if (Argc != 3 || StringRef(Argv[2]).starts_with("-"))
      return usageError("usage: dbtidy merge <facts-dir>");
    return dbtidy::mergeLockFacts(Argv[2], outs(), errs());
  }
  cl::HideUnrelatedOptions(DbTidyCategory);
  cl::SetVersionPrinter(printVersion);

  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Fixed =
      tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv,
                                                             FixedError);
  if (!FixedError.empty())
    return usageError(FixedError);
  if (!cl::ParseCommandLineOptions(Argc, Argv, Overview, &errs()))
    return ExitUsage;
  dbtidy::ProfileLoader::instance().parseBuiltinsInBackground();

  dbtidy::GateOptions Gate;
  if (Format == "sarif")
    Gate.Sarif = true;
  else if (Format != "text")
    return usageError("--format='" + Format + "': expected text or sarif");
  if (!OutputFile.empty() && !Gate.Sarif)
    return usageError("--output needs --format=sarif (text goes to standard "
                      "output)");
  std::optional<Regex> ExcludeRegex;
  if (!Exclude.empty()) {
    ExcludeRegex.emplace(Exclude);
    std::string Why;
    if (!ExcludeRegex->isValid(Why))
      return usageError("--exclude='" + Exclude + "': " + Why);
  }
  if (Jobs.getNumOccurrences() && Jobs == 0)
    return usageError("-j needs a number of jobs of at least 1");

  // Options: defaults, then the .clang-tidy (or --config-file), then the
  // command line. Every translation unit gets a provider of its own (they
  // are not thread-safe), made by MakeOptions.
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions = ClangTidyOptions::getDefaults();
  DefaultOptions.Checks = "db-*";
  ClangTidyOptions OverrideOptions;
  if (Checks.getNumOccurrences())
    OverrideOptions.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences())
    OverrideOptions.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences())
    OverrideOptions.HeaderFilterRegex = HeaderFilter;
  if (!Exclude.empty())
    OverrideOptions.ExcludeHeaderFilterRegex = Exclude;
  std::vector<std::string> Profiles;
  for (const std::string &Profile : ProfileFiles)
    Profiles.push_back(dbtidy::absolutePath(Profile));
  if (!Profiles.empty()) {
    std::string Joined;
    for (const std::string &Profile : Profiles)
      Joined += (Joined.empty() ? "" : ";") + Profile;
    OverrideOptions.CheckOptions["DbTidyProfiles"] = {Joined, 0};
  }

  std::optional<ClangTidyOptions> ConfigFileOptions;
  if (ConfigFile.getNumOccurrences()) {
    auto Text = MemoryBuffer::getFile(ConfigFile);
    if (!Text)
      return usageError("cannot read --config-file '" + ConfigFile +
                        "': " + Text.getError().message());
    auto Parsed = parseConfiguration((*Text)->getMemBufferRef());
    if (!Parsed)
      return usageError("invalid --config-file '" + ConfigFile +
                        "': " + Parsed.getError().message());
    ConfigFileOptions = std::move(*Parsed);
  }
  dbtidy::OptionsProviderFactory MakeOptions =
      [&](IntrusiveRefCntPtr<vfs::FileSystem> FS)
      -> std::unique_ptr<ClangTidyOptionsProvider> {
    std::unique_ptr<ClangTidyOptionsProvider> Provider;
    if (ConfigFileOptions)
      Provider = std::make_unique<ConfigOptionsProvider>(
          GlobalOptions, DefaultOptions, *ConfigFileOptions, OverrideOptions);
    else
      Provider = std::make_unique<FileOptionsProvider>(
          GlobalOptions, DefaultOptions, OverrideOptions, std::move(FS));
    if (!Checks.getNumOccurrences())
      Provider = std::make_unique<DbChecksByDefault>(std::move(Provider));
    return Provider;
  };
  IntrusiveRefCntPtr<vfs::OverlayFileSystem> BaseFS(
      new vfs::OverlayFileSystem(vfs::getRealFileSystem()));
  std::unique_ptr<ClangTidyOptionsProvider> OptionsProvider =
      MakeOptions(BaseFS);

  // The compilation database: -- flags, -p, or found above the first source.
  std::unique_ptr<tooling::CompilationDatabase> Compilations;
  std::string DbError;
  if (Fixed) {
    Compilations = std::move(Fixed);
  } else if (!BuildPath.empty()) {
    // Only the directory given: silently picking up a parent directory's
    // database would analyse a different project.
    Compilations =
        tooling::CompilationDatabase::loadFromDirectory(BuildPath, DbError);
    if (!Compilations) {
      SmallString<256> Json(BuildPath);
      sys::path::append(Json, "compile_commands.json");
      std::string JsonError;
      if (sys::fs::exists(Json) &&
          !tooling::JSONCompilationDatabase::loadFromFile(
              Json, JsonError, tooling::JSONCommandLineSyntax::AutoDetect))
        return usageError("cannot read the compilation database '" + Json +
                          "': " + StringRef(JsonError).trim());
      return usageError("no compilation database in '" + BuildPath +
                        "': it has no compile_commands.json (generate one "
                        "with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or pass "
                        "compiler flags after --)");
    }
  } else if (!SourcePaths.empty()) {
    Compilations = tooling::CompilationDatabase::autoDetectFromSource(
        SourcePaths.front(), DbError);
    if (!Compilations)
      return usageError("no compilation database found for '" +
                        SourcePaths.front() +
                        "': pass -p <build-dir> or compiler flags after --");
  } else {
    return usageError("nothing to analyse: pass -p <build-dir>, source files, "
                      "or both (see --help)");
  }

  dbtidy::AnalysisSettings Settings;
  Settings.MakeOptions = MakeOptions;
  Settings.Profiles = Profiles;
  Settings.ApplyAnyFix = Fix || !ExportFixes.empty();
  if (!WorkerUnit.empty())
    return dbtidy::runWorker(*Compilations, Settings, WorkerUnit, WorkerWork,
                             WorkerFacts, WorkerResult);

  std::vector<std::string> Files;
  if (SourcePaths.empty())
    Files = Compilations->getAllFiles();
  else
    for (const std::string &Path : SourcePaths)
      Files.push_back(dbtidy::absolutePath(Path));
  if (Files.empty())
    return usageError("the compilation database lists no files");
  if (ExcludeRegex) {
    std::vector<std::string> Kept;
    for (const std::string &File : Files)
      if (!ExcludeRegex->match(File))
        Kept.push_back(File);
    if (Kept.empty())
      return usageError("--exclude='" + Exclude +
                        "' excludes every translation unit");
    Files = std::move(Kept);
  }

  // Unknown check names are configuration errors, not silent no-ops.
  ClangTidyOptions AllOptions = DefaultOptions;
  AllOptions.Checks = "*";
  std::vector<std::string> AllChecks = getCheckNames(AllOptions, false);
  ClangTidyOptions FirstFileOptions =
      OptionsProvider->getOptions(Files.front());
  if (Checks.getNumOccurrences() &&
      !validateCheckGlobs(Checks, AllChecks, "--checks"))
    return ExitUsage;
  if (WarningsAsErrors.getNumOccurrences() &&
      !validateCheckGlobs(WarningsAsErrors, AllChecks, "--warnings-as-errors"))
    return ExitUsage;
  if (!validateCheckOptions(FirstFileOptions, AllChecks))
    return ExitUsage;
  std::vector<std::string> Enabled = getCheckNames(FirstFileOptions, false);
  if (ListChecks) {
    outs() << "Enabled checks:\n";
    for (const std::string &Name : Enabled)
      outs() << "    " << Name << "\n";
    return ExitOk;
  }
  if (Enabled.empty())
    return usageError("no checks enabled for '" + Files.front() +
                      "' (the configuration in effect disables every db-* "
                      "check; pass --checks=db-*)");

  // Broken profiles stop the run before any analysis.
  std::vector<std::string> ToValidate = Profiles;
  StringSet<> ConfigsSeen;
  for (const std::string &File : Files) {
    std::string Config = dbtidy::ProfileLoader::findConfigFile(File);
    if (!Config.empty() && ConfigsSeen.insert(Config).second)
      ToValidate.push_back(Config);
  }
  std::vector<dbtidy::ProfileError> ProfileErrors =
      dbtidy::ProfileLoader::instance().validate(ToValidate);
  if (!ProfileErrors.empty()) {
    for (const dbtidy::ProfileError &Error : ProfileErrors)
      errs() << Error.format() << "\n";
    return usageError("invalid API profile; nothing was analysed");
  }

  for (const std::string &File : Files)
    if (!sys::fs::exists(File))
      return usageError("no such file: '" + File + "'");

  // Everything the outputs read is checked before the (long) analysis.
  if (!ProjectRoot.empty()) {
    if (!sys::fs::is_directory(ProjectRoot))
      return usageError("--project-root: '" + ProjectRoot +
                        "' is not a directory");
    Gate.Root = dbtidy::absolutePath(ProjectRoot);
  } else {
    Gate.Root = projectRoot();
  }
  Gate.EnabledChecks = Enabled;
  Gate.DocsBaseUrl = DocsUrl.getNumOccurrences()
                         ? DocsUrl.getValue()
                         : dbtidy::defaultDocsBaseUrl().str();
  Gate.OutputFile = OutputFile;
  Gate.WriteBaseline = WriteBaseline;
  Gate.ReportDir = ReportDir;
  Gate.ExportFixes = ExportFixes;
  Gate.Fix = Fix;
  Gate.Quiet = Quiet;
  Gate.ExcludeRegex = Exclude;
  Gate.Version = DBTIDY_VERSION;
  if (!BaselineFile.empty()) {
    std::string Error;
    if (!Gate.Accepted.read(BaselineFile, Error))
      return usageError("cannot read --baseline: " + Error);
    Gate.UseBaseline = true;
  }
  if (!LockGraphFile.empty()) {
    std::string Error;
    Gate.Locks = dbtidy::readLockGraph(LockGraphFile, Error);
    if (!Gate.Locks)
      return usageError("cannot read --lock-graph: " + Error);
  }
  std::optional<dbtidy::ChangedLines> Changed;
  if (Since.getNumOccurrences()) {
    Changed.emplace();
    std::string Error;
    if (!dbtidy::changedSince(Since, Gate.Root, *Changed, Error))
      return usageError("--since: " + Error);
  }
  unsigned Workers = dbtidy::effectiveJobs(Jobs);

  // The result cache: --cache-dir, else under the -p build directory.
  std::unique_ptr<dbtidy::ResultCache> Cache;
  if (!NoCache) {
    std::string Directory = CacheDir;
    if (Directory.empty() && !BuildPath.empty() && !Fixed) {
      SmallString<256> Default(BuildPath);
      sys::path::append(Default, ".dbtidy-cache");
      Directory = std::string(Default);
    }
    if (!Directory.empty())
      Cache = dbtidy::ResultCache::open(Directory, errs());
  }

  // Cross-TU facts: read from --facts, or collected from every TU of the
  // compilation database (not only the ones being reported on), in the
  // same parse as the checks where the TU is reported on.
  std::shared_ptr<const dbtidy::FactsIndex> Facts;
  std::vector<std::string> FactsFiles;
  bool CollectFacts = false;
  if (!FactsInput.empty()) {
    std::string Error;
    std::shared_ptr<dbtidy::FactsIndex> Loaded =
        dbtidy::FactsIndex::load(FactsInput, Error);
    if (Loaded)
      Facts = std::move(Loaded);
    else if (!NoCrossTU) {
      // Facts are derived data: rebuilt from the sources, not a reason to
      // stop.
      errs() << "dbtidy: warning: ignoring --facts: " << Error
             << "; collecting the facts from the compilation database\n";
      CollectFacts = true;
    } else {
      errs() << "dbtidy: warning: ignoring --facts: " << Error << "\n";
    }
  } else if (!NoCrossTU || !ExportFacts.empty()) {
    CollectFacts = true;
  }
  if (CollectFacts) {
    FactsFiles = Compilations->getAllFiles();
    if (FactsFiles.empty())
      FactsFiles = Files;
    // The report draws the lock graph, which the facts carry.
    if (FactsFiles.size() <= 1 && ExportFacts.empty() && ReportDir.empty()) {
      FactsFiles.clear();
      CollectFacts = false;
    }
  }

  Settings.Jobs = Workers;
  Settings.Root = Gate.Root;
  Settings.ToolStamp = Cache ? dbtidy::toolStamp() : "";
  Settings.Mode =
      CollectFacts ? "cross-tu" : (Facts ? "facts-file" : "no-cross-tu");
  Settings.TimeoutSeconds = TUTimeout;
  Settings.WorkerArguments = Arguments;
  dbtidy::AnalysisSession Session(*Compilations, Settings, Cache.get());

  std::string FirstFile = Files.front();
  unsigned Skipped = 0;
  if (CollectFacts) {
    // Diff mode learns which TUs include a changed file from this phase,
    // so it checks nothing yet.
    StringSet<> CheckNow;
    if (!Changed)
      for (const std::string &File : Files)
        CheckNow.insert(File);
    std::shared_ptr<dbtidy::FactsIndex> Merged =
        Session.collect(FactsFiles, CheckNow);
    Facts = Merged;
    if (!ExportFacts.empty()) {
      std::string Error;
      if (!Merged->write(ExportFacts, Error))
        return usageError("cannot write --export-facts: " + Error);
    }
  }
  if (!ReportDir.empty() && !Gate.Locks && Facts) {
    dbtidy::LockGraph Graph;
    for (dbtidy::LockEdge &E : Facts->resolvedLockEdges())
      Graph.add(std::move(E));
    Gate.Locks = dbtidy::LockGraphView::fromAnalysis(Graph);
  }

  // Diff mode: only the TUs whose file or included files changed.
  if (Changed) {
    std::vector<std::vector<std::string>> Included;
    for (const std::string &File : FactsFiles) {
      const dbtidy::TUResult *Known = Session.known(File);
      Included.push_back(Known ? Known->Includes
                               : std::vector<std::string>());
    }
    std::vector<std::string> Selected = dbtidy::selectChangedUnits(
        Files, *Changed, FactsFiles, Included,
        [&](const std::vector<std::string> &Unknown) {
          return dbtidy::scanIncludesInParallel(*Compilations, Unknown,
                                                Workers, Gate.Root);
        });
    Skipped = static_cast<unsigned>(Files.size() - Selected.size());
    Files = std::move(Selected);
  }

  std::vector<dbtidy::TUResult> Results = Session.check(Files, Facts);
  if (ShowStats) {
    size_t Reused = 0;
    for (const dbtidy::TUResult &R : Results)
      Reused += R.FromCache;
    errs() << "dbtidy: " << Files.size() << " translation units checked, "
           << FactsFiles.size() << " read for facts; "
           << Session.counts().Parsed << " parses, "
           << Session.counts().Reanalysed
           << " checked again with the other TUs' facts, " << Reused
           << " results from the cache\n";
  }

  ClangTidyContext Context(std::move(OptionsProvider));
  Context.setCurrentFile(FirstFile);
  Gate.Changed = Changed ? &*Changed : nullptr;
  Gate.SkippedUnits = Skipped;
  Gate.TranslationUnits = static_cast<unsigned>(Files.size());
  return dbtidy::runGate(Results, Gate, Context, BaseFS);
}
