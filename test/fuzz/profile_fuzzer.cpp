//===--- profile_fuzzer.cpp - Fuzzes the YAML profile reader ---------------===//
//
// Users write profiles by hand and the plugin reads them inside clang-tidy:
// a malformed one must give a positioned error, never a crash. A profile
// that is accepted is also indexed the way the checks index it.
//
//===----------------------------------------------------------------------===//
#include "lib/CallClassifier.h"
#include "lib/Profile.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// libFuzzer fixes the name of the entry point.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  dbtidy::ProfileError Error;
  std::optional<dbtidy::Profile> P =
      dbtidy::parseProfile(Text, "fuzz.yaml", Error);
  if (!P) {
    // Every rejection must say why: an empty message is an unhelpful error.
    if (Error.Message.empty()) {
      fprintf(stderr, "profile rejected without a message\n");
      abort();
    }
    (void)Error.format();
    return 0;
  }
  auto Set = std::make_shared<dbtidy::ProfileSet>();
  Set->add(std::make_shared<const dbtidy::Profile>(std::move(*P)));
  dbtidy::CallClassifier Classifier(Set);
  const dbtidy::Profile &Read = *Set->profiles().front();
  for (const dbtidy::CallRule &Rule : Read.Calls) {
    llvm::SmallVector<const dbtidy::CallRule *, 4> Rules;
    Set->candidateRules(dbtidy::lastNameComponent(Rule.Pattern),
                        Rule.IsConstructor, Rules);
  }
  for (const dbtidy::TypeRule &Rule : Read.Types)
    (void)Set->findType(Rule.Name, Rule.Role);
  return 0;
}
