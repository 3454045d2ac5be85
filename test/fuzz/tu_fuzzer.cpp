//===--- tu_fuzzer.cpp - Fuzzes whole-TU analysis by every db-* check ------===//
//
// The input is a C++ source file, compiled against the fake ORM headers of
// test/Inputs/include. Like the driver, it first collects the file's
// cross-TU facts, then runs every db-* check through clang-tidy's own
// runClangTidy, and applies every fix-it. Half-typed code is what editors
// (dbtidy-clangd) analyse all day, so code that does not compile must be as
// safe as code that does. Clang itself is not instrumented: only our checks
// guide the fuzzer.
//
//===----------------------------------------------------------------------===//
#include "lib/Facts.h"
#include "lib/FactsCollector.h"
#include "lib/ProfileLoader.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

// The file exists only in memory, but its directory must be real: ClangTool
// changes into the compilation directory.
constexpr const char *InputDir = "/tmp";
constexpr const char *InputFile = "/tmp/dbtidy-fuzz-input.cpp";

[[noreturn]] void violated(const char *What) {
  fprintf(stderr, "invariant violated: %s\n", What);
  abort();
}

class FactsConsumer : public clang::ASTConsumer {
public:
  explicit FactsConsumer(dbtidy::FactsIndex &Out) : Out(Out) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    std::vector<dbtidy::ProfileError> Errors;
    dbtidy::ProfileContext P =
        dbtidy::ProfileLoader::instance().forFile(InputFile, {}, Errors);
    dbtidy::collectFacts(Ctx, *P.Classifier, Out);
  }

private:
  dbtidy::FactsIndex &Out;
};

class FactsAction : public clang::ASTFrontendAction {
public:
  explicit FactsAction(dbtidy::FactsIndex &Out) : Out(Out) {}
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<FactsConsumer>(Out);
  }

private:
  dbtidy::FactsIndex &Out;
};

class FactsActionFactory : public clang::tooling::FrontendActionFactory {
public:
  explicit FactsActionFactory(dbtidy::FactsIndex &Out) : Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<FactsAction>(Out);
  }

private:
  dbtidy::FactsIndex &Out;
};

} // namespace

// libFuzzer fixes the name of the entry point.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Code(reinterpret_cast<const char *>(Data), Size);

  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(InputFile, 0, llvm::MemoryBuffer::getMemBufferCopy(Code));
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  Overlay->pushOverlay(Memory);

  clang::tooling::FixedCompilationDatabase Db(
      InputDir,
      {"-fsyntax-only", "-std=c++17", "-I" DBTIDY_FUZZ_INCLUDE,
       "-I" DBTIDY_FUZZ_INPUTS,
       "-resource-dir=" DBTIDY_FUZZ_RESOURCE_DIR,
       // Mutations easily produce thousands of errors; clang gives up after
       // the first few anyway, and so does the analysis of a broken TU.
       "-ferror-limit=20", "-ftemplate-depth=64", "-fconstexpr-depth=64"});

  // Phase one, as the driver runs it on a compilation database.
  auto Facts = std::make_shared<dbtidy::FactsIndex>();
  {
    clang::tooling::ClangTool Tool(
        Db, {InputFile}, std::make_shared<clang::PCHContainerOperations>(),
        Overlay);
    clang::IgnoringDiagConsumer Silent;
    Tool.setDiagnosticConsumer(&Silent);
    Tool.setPrintErrorMessage(false);
    FactsActionFactory Factory(*Facts);
    Tool.run(&Factory);
  }
  dbtidy::ActiveFacts::set(Facts);

  // Phase two: the checks.
  clang::tidy::ClangTidyOptions Options =
      clang::tidy::ClangTidyOptions::getDefaults();
  Options.Checks = "-*,db-*";
  clang::tidy::ClangTidyContext Context(
      std::make_unique<clang::tidy::DefaultOptionsProvider>(
          clang::tidy::ClangTidyGlobalOptions(), Options));
  std::vector<clang::tidy::ClangTidyError> Errors = clang::tidy::runClangTidy(
      Context, Db, {InputFile}, Overlay, /*ApplyAnyFix=*/true);
  dbtidy::ActiveFacts::set(nullptr);

  // To see that a seed is analysed at all (a harness that silently analyses
  // nothing finds nothing): DBTIDY_FUZZ_VERBOSE=1.
  if (getenv("DBTIDY_FUZZ_VERBOSE")) {
    unsigned Findings = 0;
    for (const clang::tidy::ClangTidyError &E : Errors)
      Findings += llvm::StringRef(E.DiagnosticName).starts_with("db-");
    fprintf(stderr, "dbtidy-fuzz-tu: %zu fact(s), %u db-* finding(s)\n",
            Facts->size(), Findings);
  }

  // Every fix-it must apply to the file it was computed for.
  for (const clang::tidy::ClangTidyError &E : Errors) {
    for (const auto &Entry : E.Message.Fix) {
      if (Entry.first() != InputFile)
        continue;
      llvm::Expected<std::string> Fixed =
          clang::tooling::applyAllReplacements(Code, Entry.second);
      if (!Fixed) {
        llvm::consumeError(Fixed.takeError());
        violated("a fix-it does not apply to its own file");
      }
      for (const clang::tooling::Replacement &R : Entry.second)
        if (R.getOffset() > Code.size() ||
            R.getLength() > Code.size() - R.getOffset())
          violated("a fix-it replaces text outside its file");
    }
  }
  return 0;
}
