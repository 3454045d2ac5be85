//===--- ReplayMain.cpp - Runs a fuzz target over files, without libFuzzer ===//
//
// libFuzzer's replay pattern: the same LLVMFuzzerTestOneInput, driven by a
// plain main() over the files (or directories of files) on the command line.
// Builds with any compiler, so every CI run replays the seed corpora and the
// reproducers of past crashes through the uninstrumented code.
//
//===----------------------------------------------------------------------===//
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

// libFuzzer fixes the name of the entry point.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);

namespace {

void collect(const std::string &Path, std::vector<std::string> &Files) {
  if (!llvm::sys::fs::is_directory(Path)) {
    Files.push_back(Path);
    return;
  }
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC;
       It.increment(EC))
    collect(It->path(), Files);
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Files;
  for (int I = 1; I < Argc; ++I)
    collect(Argv[I], Files);
  // A stable order makes a failure reproducible from the log alone.
  std::sort(Files.begin(), Files.end());
  unsigned Replayed = 0;
  for (const std::string &File : Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      llvm::errs() << "replay: cannot read " << File << ": "
                   << Buffer.getError().message() << "\n";
      return 1;
    }
    // A copy of exactly Size bytes, as libFuzzer passes it, so reads past
    // the end are caught by ASan builds.
    std::vector<uint8_t> Data((*Buffer)->getBufferStart(),
                              (*Buffer)->getBufferEnd());
    llvm::outs() << "replay: " << File << "\n";
    llvm::outs().flush();
    LLVMFuzzerTestOneInput(Data.empty() ? nullptr : Data.data(), Data.size());
    ++Replayed;
  }
  llvm::outs() << "replay: " << Replayed << " input(s), no crash\n";
  // An empty or missing corpus would make this test pass vacuously.
  return Replayed ? 0 : 1;
}
