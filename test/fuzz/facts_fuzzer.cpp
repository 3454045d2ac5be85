//===--- facts_fuzzer.cpp - Fuzzes the cross-TU facts reader ---------------===//
//
// Facts files come from --facts, the DbTidyFacts option or a cache directory
// and may be stale, truncated or written by another version: reading one
// must fail cleanly or give an index that survives a write/read round trip.
//
//===----------------------------------------------------------------------===//
#include "lib/Facts.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// libFuzzer fixes the name of the entry point.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return 0;
  }
  std::string Error;
  std::unique_ptr<dbtidy::FactsIndex> Index =
      dbtidy::FactsIndex::fromJSON(*Parsed, Error);
  if (!Index) {
    if (Error.empty()) {
      fprintf(stderr, "facts rejected without a message\n");
      abort();
    }
    return 0;
  }
  std::string Printed;
  llvm::raw_string_ostream OS(Printed);
  OS << Index->toJSON();
  OS.flush();
  llvm::Expected<llvm::json::Value> Reparsed = llvm::json::parse(Printed);
  if (!Reparsed) {
    fprintf(stderr, "facts written as invalid JSON\n");
    abort();
  }
  std::unique_ptr<dbtidy::FactsIndex> Again =
      dbtidy::FactsIndex::fromJSON(*Reparsed, Error);
  if (!Again || Again->size() != Index->size()) {
    fprintf(stderr, "facts do not survive a write/read round trip\n");
    abort();
  }
  dbtidy::FactsIndex Merged;
  Merged.merge(*Index);
  Merged.merge(*Again);
  if (Merged.size() != Index->size()) {
    fprintf(stderr, "merging an index with its copy changed its size\n");
    abort();
  }
  return 0;
}
