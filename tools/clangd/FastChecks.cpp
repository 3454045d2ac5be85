//===--- FastChecks.cpp - The db-* checks in clangd's fast-check table ----===//
//
// clangd >= 18 builds ASTs with only the clang-tidy checks it knows to be
// fast: ParsedAST.cpp filters the check factories through
// clang::clangd::isFastTidyCheck(), which looks the check up in a table
// compiled from TidyFastChecks.inc and answers "unknown" for everything else,
// and unknown checks are dropped under the default FastCheckFilter (Strict).
// The same function decides ConfigCompile.cpp's warning about checks of
// unknown cost. The db-* checks are not in that table.
//
// The link routes every call of isFastTidyCheck() made from clangd's objects
// to dbtidyIsFastTidyCheck() below (ld --wrap, see CMakeLists.txt): it
// answers from DbTidyFastChecks.inc for the db-* checks and asks clangd's own
// table for every other check, so clangd's behaviour for its checks and the
// FastCheckFilter setting are unchanged.
//
//===----------------------------------------------------------------------===//
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

// clangd's function, under the name --wrap gives it.
std::optional<bool> clangdIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
// What clangd's callers reach instead.
std::optional<bool> dbtidyIsFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> dbtidyIsFastTidyCheck(llvm::StringRef Check) {
  static const auto &Ours = *new llvm::StringMap<bool>{
#define FAST(CHECK, DELTA) {#CHECK, true},
#define SLOW(CHECK, DELTA) {#CHECK, false},
#include "tools/clangd/DbTidyFastChecks.inc"
  };
  if (auto It = Ours.find(Check); It != Ours.end())
    return It->second;
  // A db-* check added since the table was measured: it was written for the
  // editor as much as for the driver, so it runs until measured otherwise.
  if (Check.starts_with("db-"))
    return true;
  return clangdIsFastTidyCheck(Check);
}
