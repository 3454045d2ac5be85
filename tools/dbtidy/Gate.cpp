//===--- Gate.cpp - What the driver does with the merged findings ---------===//
#include "tools/dbtidy/Gate.h"

#include "tools/dbtidy/FixApply.h"
#include "tools/dbtidy/Report.h"
#include "tools/dbtidy/Sarif.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tidy;

namespace dbtidy {

enum { ExitOk = 0, ExitFindings = 1, ExitUsage = 2, ExitUnanalysed = 3 };

std::unique_ptr<LockGraphView> readLockGraph(llvm::StringRef Path,
                                         std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Path.str() + ": " + Buffer.getError().message();
    return nullptr;
  }
  llvm::Expected<llvm::json::Value> Doc =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc) {
    Error = Path.str() + ": invalid JSON: " + llvm::toString(Doc.takeError());
    return nullptr;
  }
  std::unique_ptr<LockGraphView> Graph = LockGraphView::fromJSON(*Doc, Error);
  if (!Graph)
    Error = Path.str() + ": " + Error;
  return Graph;
}

std::vector<std::string> selectChangedUnits(
    const std::vector<std::string> &Files, const ChangedLines &Changed,
    const std::vector<std::string> &KnownFiles,
    const std::vector<std::vector<std::string>> &Known,
    const std::function<std::vector<std::vector<std::string>>(
        const std::vector<std::string> &)> &Scan) {
  llvm::StringMap<const std::vector<std::string> *> IncludesOf;
  for (size_t I = 0; I < KnownFiles.size() && I < Known.size(); ++I)
    IncludesOf[KnownFiles[I]] = &Known[I];
  auto IncludesChange = [&](const std::vector<std::string> &Includes) {
    for (const std::string &F : Includes)
      if (Changed.touches(F))
        return true;
    return false;
  };
  llvm::StringSet<> TUs, Selected;
  for (const std::string &F : Files)
    TUs.insert(F);
  std::vector<std::string> Unknown;
  for (const std::string &F : Files) {
    auto It = IncludesOf.find(F);
    if (Changed.touches(F) || (It != IncludesOf.end() && IncludesChange(*It->second)))
      Selected.insert(F);
    else if (It == IncludesOf.end())
      Unknown.push_back(F);
  }
  bool HeaderChanged = false;
  for (const std::string &F : Changed.files())
    HeaderChanged |= !TUs.contains(F);
  if (!Unknown.empty() && HeaderChanged) {
    std::vector<std::vector<std::string>> Scanned = Scan(Unknown);
    for (size_t I = 0; I < Unknown.size() && I < Scanned.size(); ++I)
      if (IncludesChange(Scanned[I]))
        Selected.insert(Unknown[I]);
  }
  std::vector<std::string> Out;
  for (const std::string &F : Files)
    if (Selected.contains(F))
      Out.push_back(F);
  return Out;
}

namespace {

bool isCompilerDiagnostic(const ClangTidyError &E) {
  return llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

bool writeOutput(llvm::StringRef Path, llvm::StringRef Text,
                 std::string &Error) {
  if (Path.empty() || Path == "-") {
    llvm::outs() << Text;
    llvm::outs().flush();
    return true;
  }
  return writeFileAtomically(Path, Text, Error);
}

} // namespace

int runGate(std::vector<TUResult> &Results, GateOptions &Options,
            ClangTidyContext &Context,
            llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  std::vector<ClangTidyError> Merged = mergeErrors(Results);
  FunctionIndex Functions(Results);
  SourceCache Sources;
  std::optional<llvm::Regex> Exclude;
  if (!Options.ExcludeRegex.empty())
    Exclude.emplace(Options.ExcludeRegex);

  // The findings (db-* checks) and everything else (compiler errors, bad
  // configuration), in the merged order.
  std::vector<size_t> FindingIndex;
  std::vector<Finding> Findings;
  std::vector<bool> Keep(Merged.size(), true);
  for (size_t I = 0; I < Merged.size(); ++I) {
    const ClangTidyError &E = Merged[I];
    if (!llvm::StringRef(E.DiagnosticName).starts_with("db-"))
      continue;
    if (Exclude && !E.Message.FilePath.empty() &&
        Exclude->match(E.Message.FilePath)) {
      Keep[I] = false;
      continue;
    }
    FindingIndex.push_back(I);
    Findings.push_back(toFinding(E, Functions, Sources));
  }
  assignFingerprints(Findings, Sources, Options.Root);

  int Status = ExitOk;
  std::string Error;
  if (!Options.WriteBaseline.empty() &&
      !Baseline::write(Options.WriteBaseline, Findings, Options.Root, Error)) {
    llvm::errs() << "dbtidy: error: cannot write --write-baseline: " << Error
                 << "\n";
    Status = ExitUsage;
  }

  // Diff mode and baseline: which findings are reported.
  unsigned OffChangedLines = 0, InBaseline = 0;
  std::vector<Finding> Reported;
  for (size_t K = 0; K < Findings.size(); ++K) {
    Finding &F = Findings[K];
    bool Show = true;
    if (Options.Changed && !Options.Changed->contains(F.Where.File, F.Where.Line)) {
      Show = false;
      ++OffChangedLines;
    } else if (Options.UseBaseline && Options.Accepted.consume(F.Fingerprint)) {
      Show = false;
      ++InBaseline;
    }
    Keep[FindingIndex[K]] = Show;
    if (Show)
      Reported.push_back(F);
  }

  std::vector<ClangTidyError> Shown;
  std::vector<Finding> ShownAsFindings; // Reported plus compiler errors
  unsigned CompilerErrors = 0, WarningsAsErrors = 0, ConfigurationErrors = 0;
  size_t NextFinding = 0;
  for (size_t I = 0; I < Merged.size(); ++I) {
    bool IsFinding = NextFinding < FindingIndex.size() &&
                     FindingIndex[NextFinding] == I;
    if (IsFinding)
      ++NextFinding;
    if (!Keep[I])
      continue;
    const ClangTidyError &E = Merged[I];
    Shown.push_back(E);
    if (E.IsWarningAsError)
      ++WarningsAsErrors;
    if (isCompilerDiagnostic(E) && E.DiagLevel == ClangTidyError::Error)
      ++CompilerErrors;
    // A check option naming a file that cannot be read (SchemaFiles), or
    // with a value of the wrong type (clang-tidy only warns, and uses the
    // default: a check silently misconfigured).
    if (E.DiagnosticName == "clang-tidy-config")
      ++ConfigurationErrors;
    if (IsFinding)
      ShownAsFindings.push_back(Findings[NextFinding - 1]);
    else
      ShownAsFindings.push_back(toFinding(E, Functions, Sources));
  }

  // Fixes are chosen before printing (the text output notes the applied
  // ones, as clang-tidy does) and written after.
  std::optional<FixPlan> Plan;
  if (Options.Fix) {
    Plan = planFixes(Reported, llvm::errs());
    size_t K = 0;
    for (size_t I = 0; I < Shown.size(); ++I) {
      if (!llvm::StringRef(Shown[I].DiagnosticName).starts_with("db-"))
        continue;
      if (!Plan->Applied[K++])
        continue;
      std::vector<tooling::DiagnosticMessage> FixNotes;
      for (const auto &FileAndReplacements : Shown[I].Message.Fix)
        for (const tooling::Replacement &R : FileAndReplacements.second) {
          tooling::DiagnosticMessage Note;
          Note.Message = "FIX-IT applied suggested code changes";
          Note.FilePath = R.getFilePath().str();
          Note.FileOffset = R.getOffset();
          FixNotes.push_back(std::move(Note));
        }
      Shown[I].Notes.insert(Shown[I].Notes.begin(), FixNotes.begin(),
                            FixNotes.end());
    }
  }

  if (Options.Sarif) {
    SarifOptions SO;
    SO.Root = Options.Root;
    SO.EnabledChecks = Options.EnabledChecks;
    SO.DocsBaseUrl = Options.DocsBaseUrl;
    SO.ToolVersion = Options.Version;
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << llvm::formatv("{0:2}", toSarif(ShownAsFindings, SO, Sources)) << "\n";
    OS.flush();
    if (!writeOutput(Options.OutputFile, Text, Error)) {
      llvm::errs() << "dbtidy: error: cannot write --output '"
                   << Options.OutputFile << "': " << Error << "\n";
      Status = ExitUsage;
    }
  } else {
    unsigned Ignored = 0;
    handleErrors(Shown, Context, FB_NoFix, Ignored, FS);
  }

  if (Plan) {
    writeFixes(*Plan, llvm::errs());
    const FixSummary &S = Plan->Summary;
    printFixSummary(S, llvm::errs());
    if (S.WriteErrors)
      Status = ExitUsage;
  }

  if (!Options.ExportFixes.empty()) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    std::vector<ClangTidyError> WithFixes;
    for (const ClangTidyError &E : Shown)
      if (!isCompilerDiagnostic(E))
        WithFixes.push_back(E);
    exportReplacements(Results.empty() ? "" : Results.front().File, WithFixes,
                       OS);
    OS.flush();
    if (!writeFileAtomically(Options.ExportFixes, Text, Error)) {
      llvm::errs() << "dbtidy: error: cannot write --export-fixes '"
                   << Options.ExportFixes << "': " << Error << "\n";
      Status = ExitUsage;
    }
  }

  std::vector<std::string> Failed;
  for (const TUResult &R : Results)
    if (R.Failed)
      Failed.push_back(R.File);

  if (!Options.ReportDir.empty()) {
    ReportOptions RO;
    RO.Root = Options.Root;
    RO.DocsBaseUrl = Options.DocsBaseUrl;
    RO.EnabledChecks = Options.EnabledChecks;
    RO.TranslationUnits = Options.TranslationUnits;
    RO.FailedUnits = Failed;
    RO.Hidden = OffChangedLines + InBaseline;
    RO.Locks = Options.Locks.get();
    if (!writeReport(Options.ReportDir, ShownAsFindings, RO, Sources, Error)) {
      llvm::errs() << "dbtidy: error: cannot write --report: " << Error
                   << "\n";
      Status = ExitUsage;
    }
  }

  if (!Options.Quiet) {
    llvm::errs() << Reported.size()
                 << (Reported.size() == 1 ? " finding" : " findings") << " in "
                 << Options.TranslationUnits << " translation unit"
                 << (Options.TranslationUnits == 1 ? "" : "s") << ".";
    if (InBaseline)
      llvm::errs() << " " << InBaseline << " more in the baseline.";
    if (Options.Changed)
      llvm::errs() << " Diff mode: " << OffChangedLines
                   << " more on unchanged lines; " << Options.SkippedUnits
                   << " translation unit"
                   << (Options.SkippedUnits == 1 ? "" : "s")
                   << " untouched by the change not re-analysed.";
    llvm::errs() << "\n";
  }
  if (ConfigurationErrors) {
    llvm::errs() << "dbtidy: error: the configuration is invalid (see the "
                    "errors above)\n";
    Status = ExitUsage;
  }
  if (Status != ExitOk)
    return Status;
  if (!Failed.empty()) {
    if (CompilerErrors)
      llvm::errs() << "dbtidy: error: " << CompilerErrors
                   << " compiler error(s): some code could not be analysed; "
                      "the findings above cover what parsed\n";
    llvm::errs() << "dbtidy: error: " << Failed.size() << " translation unit"
                 << (Failed.size() == 1 ? "" : "s")
                 << " could not be analysed:\n";
    for (const TUResult &R : Results) {
      if (!R.Failed)
        continue;
      std::string Why = R.FailureReason.empty()
                            ? "no compile command, or the compiler could not run"
                            : R.FailureReason;
      for (const ClangTidyError &E : R.Errors)
        if (isCompilerDiagnostic(E) && E.DiagLevel == ClangTidyError::Error) {
          Why = E.Message.Message;
          break;
        }
      llvm::errs() << "  " << relativeToRoot(R.File, Options.Root) << ": "
                   << Why << "\n";
    }
    return ExitUnanalysed;
  }
  if (WarningsAsErrors) {
    llvm::errs() << "dbtidy: " << WarningsAsErrors
                 << " finding(s) treated as errors\n";
    return ExitFindings;
  }
  return ExitOk;
}

} // namespace dbtidy
