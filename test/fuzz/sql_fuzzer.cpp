//===--- sql_fuzzer.cpp - Fuzzes the SQL analyzer --------------------------===//
//
// The SQL analyzer reads whatever text the analysed program passes to its
// database library, and schema files named by profiles. It must never crash,
// and the byte ranges it reports (used for fix-its) must lie in the text.
//
//===----------------------------------------------------------------------===//
#include "lib/SqlAnalysis.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool Condition, const char *What) {
  if (!Condition) {
    fprintf(stderr, "invariant violated: %s\n", What);
    abort();
  }
}

void checkParam(const dbtidy::SqlParam &P, size_t TextSize) {
  require(P.Offset <= TextSize && P.Length <= TextSize - P.Offset,
          "placeholder range outside the statement text");
}

} // namespace

// libFuzzer fixes the name of the entry point.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);

  (void)dbtidy::analyzeSql(Text);
  (void)dbtidy::normalizeSqlName(Text);
  (void)dbtidy::quoteCxxString(Text);

  dbtidy::SqlStatement S = dbtidy::parseSqlStatement(Text);
  size_t N = S.Text.size();
  for (const dbtidy::SqlParam &P : S.Params)
    checkParam(P, N);
  for (const dbtidy::SqlAssignment &A : S.Sets) {
    require(A.ValueOffset <= N && A.ValueLength <= N - A.ValueOffset,
            "assignment value range outside the statement text");
    for (const dbtidy::SqlParam &P : A.Params)
      checkParam(P, N);
  }
  for (const dbtidy::SqlCondition &C : S.WhereEq) {
    if (C.Value.K == dbtidy::SqlValue::Kind::Param)
      checkParam(C.Value.Param, N);
    (void)S.whereEq(C.Column);
  }
  for (const dbtidy::SqlValue &V : S.InsertValues)
    if (V.K == dbtidy::SqlValue::Kind::Param)
      checkParam(V.Param, N);
  for (unsigned I = 0; I <= S.Columns.size(); ++I)
    (void)S.column(I);
  for (const dbtidy::SqlResultColumn &C : S.Columns)
    (void)S.column(C.Name);
  (void)S.mentionsTable(S.Table);

  dbtidy::SqlSchema Schema;
  Schema.addDdl(Text, "fuzz.sql");
  // A key is always found among its own columns.
  for (const dbtidy::SqlUniqueKey &Key : Schema.keys()) {
    if (Schema.keyWithin(Key.Table, Key.Columns))
      continue;
    fprintf(stderr, "key of table '%s':", Key.Table.c_str());
    for (const std::string &C : Key.Columns)
      fprintf(stderr, " '%s'", C.c_str());
    fprintf(stderr, "\n");
    require(false, "a unique key is not within its own columns");
  }
  return 0;
}
