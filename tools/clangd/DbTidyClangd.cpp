//===--- DbTidyClangd.cpp - clangd with the db-* checks compiled in -------===//
//
// Stock clangd cannot load clang-tidy plugins. dbtidy-clangd is clangd 19's
// own entry point, clang::clangd::clangdMain from Debian's libclangdMain.a,
// linked together with the db-* check objects, whose static
// ClangTidyModuleRegistry entry (checks/DbTidyModule.cpp) puts them next to
// clang-tidy's built-in modules. Before handing over to clangd it does three
// things a stock clangd binary gets from where it is installed:
//
//  - Built-in headers: clangd looks for them in <binary>/../lib/clang/19.
//    When that does not exist and the user gave no --resource-dir, pass the
//    resource directory of the Clang we were built against.
//  - Documentation links: clangd links every clang-tidy diagnostic to
//    clang.llvm.org; the db-* ones are pointed at docs/checks/<check>.md
//    (DocLinks.h).
//  - The fast-check filter is taken care of at link time (FastChecks.cpp).
//
// Everything else - flags, CLANGD_FLAGS, configuration, the protocol - is
// clangd's.
//
//===----------------------------------------------------------------------===//
#include "tools/clangd/DocLinks.h"

#include "clang/Driver/Driver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace clang {
namespace clangd {
// tool/ClangdMain.h, not installed by Debian.
int clangdMain(int Argc, char *Argv[]);
} // namespace clangd
} // namespace clang

// Referenced so the check module's object is linked; see checks/DbTidyModule.cpp.
extern volatile int DbTidyModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED DbTidyModuleAnchorDestination =
    DbTidyModuleAnchorSource;

namespace {

std::string mainExecutable(const char *Argv0) {
  static int Anchor;
  return llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
}

bool hasBuiltinHeaders(llvm::StringRef ResourceDir) {
  llvm::SmallString<256> Probe(ResourceDir);
  llvm::sys::path::append(Probe, "include", "stddef.h");
  return !ResourceDir.empty() && llvm::sys::fs::exists(Probe);
}

/// Whether the user chose the resource directory: -resource-dir or
/// --resource-dir, on the command line or in CLANGD_FLAGS.
bool userGaveResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    if (Arg.ltrim('-').starts_with("resource-dir"))
      return true;
  }
  const char *Env = std::getenv("CLANGD_FLAGS");
  return Env && llvm::StringRef(Env).contains("resource-dir");
}

/// The --resource-dir flag to add, or "" when clangd will find the built-in
/// headers itself or the user chose.
std::string resourceDirFlag(int Argc, char **Argv, llvm::StringRef Exe) {
  if (userGaveResourceDir(Argc, Argv))
    return "";
  // What clangd computes when given nothing (CommandMangler::detect()).
  if (hasBuiltinHeaders(clang::driver::Driver::GetResourcesPath(Exe)))
    return "";
  if (hasBuiltinHeaders(DBTIDY_CLANG_RESOURCE_DIR))
    return std::string("--resource-dir=") + DBTIDY_CLANG_RESOURCE_DIR;
  llvm::errs() << "dbtidy-clangd: warning: no clang resource directory with "
                  "built-in headers found (looked in "
               << clang::driver::Driver::GetResourcesPath(Exe) << " and "
               << DBTIDY_CLANG_RESOURCE_DIR
               << "); pass --resource-dir=<dir>\n";
  return "";
}

/// Where the db-* check pages are: installed next to the binary
/// (<prefix>/bin/dbtidy-clangd, <prefix>/share/doc/dbtidy/checks), else in
/// the source tree the binary was built from.
dbtidy::DocLinkResolver docLinks(llvm::StringRef Exe) {
  std::vector<std::string> Dirs;
  llvm::SmallString<256> Prefix(llvm::sys::path::parent_path(Exe));
  if (llvm::sys::path::filename(Prefix) ==
      llvm::sys::path::filename(DBTIDY_INSTALL_BINDIR)) {
    llvm::sys::path::remove_filename(Prefix);
    llvm::SmallString<256> Installed(Prefix);
    llvm::sys::path::append(Installed, DBTIDY_INSTALL_DOCS_DIR);
    Dirs.push_back(std::string(Installed));
  }
  Dirs.push_back(DBTIDY_SOURCE_DOCS_DIR);
  return dbtidy::DocLinkResolver(DBTIDY_DOCS_URL, std::move(Dirs));
}

/// Runs clangd's output through the documentation link filter: fd 1 becomes
/// a pipe read by a thread that writes to the real standard output.
class OutputFilter {
public:
  OutputFilter(dbtidy::DocLinkResolver Links) : Links(std::move(Links)) {}

  bool start() {
    int Pipe[2];
    if (::pipe2(Pipe, O_CLOEXEC) != 0)
      return false;
    RealStdout = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (RealStdout < 0 || ::dup2(Pipe[1], STDOUT_FILENO) < 0) {
      ::close(Pipe[0]);
      ::close(Pipe[1]);
      if (RealStdout >= 0)
        ::close(RealStdout);
      return false;
    }
    ::close(Pipe[1]);
    int ReadEnd = Pipe[0];
    std::thread([this, ReadEnd] {
      dbtidy::pumpLSPOutput(ReadEnd, RealStdout, Links);
      ::close(ReadEnd);
      std::lock_guard<std::mutex> Lock(Mu);
      Done = true;
      DoneCV.notify_all();
    }).detach();
    return true;
  }

  /// Called when clangd has finished, by returning or by exit(): hands the
  /// last output to the real standard output.
  void finish() {
    if (RealStdout < 0 || Finished)
      return;
    Finished = true;
    llvm::outs().flush();
    // Closing the pipe's last write end lets the pump see end of file. A
    // process clangd started and left running may still hold it; do not
    // wait for such a process forever.
    int Null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (Null >= 0) {
      ::dup2(Null, STDOUT_FILENO);
      ::close(Null);
    } else {
      ::close(STDOUT_FILENO);
    }
    std::unique_lock<std::mutex> Lock(Mu);
    DoneCV.wait_for(Lock, std::chrono::seconds(10), [this] { return Done; });
  }

private:
  dbtidy::DocLinkResolver Links;
  int RealStdout = -1;
  bool Finished = false;
  std::mutex Mu;
  std::condition_variable DoneCV;
  bool Done = false;
};

OutputFilter *ActiveFilter = nullptr;

} // namespace

int main(int argc, char **argv) {
  std::string Exe = mainExecutable(argv[0]);

  std::vector<char *> Args(argv, argv + argc);
  std::string ResourceDir = resourceDirFlag(argc, argv, Exe);
  if (!ResourceDir.empty())
    Args.push_back(ResourceDir.data());
  Args.push_back(nullptr);

  // An editor talks to clangd through a pipe; a terminal (a user trying
  // --help, --check, --version) needs no filter and keeps clangd's banner.
  // Never destroyed: its thread may outlive main() by a few instructions.
  auto *Filter = new OutputFilter(docLinks(Exe));
  if (!::isatty(STDOUT_FILENO) && Filter->start()) {
    llvm::outs(); // Constructed now, so destroyed after finish() runs at exit.
    ActiveFilter = Filter;
    std::atexit([] { ActiveFilter->finish(); });
  }

  int Status = clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                         Args.data());
  if (ActiveFilter)
    ActiveFilter->finish();
  return Status;
}
