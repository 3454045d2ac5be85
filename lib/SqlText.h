//===--- SqlText.h - Reading SQL out of C++ expressions --------*- C++ -*-===//
//
// Recovers the SQL text a call passes (string literals, QString/std::string
// built from literals, simple concatenations, const variables initialised
// with such) and classifies it. Unknown text is reported as unknown, never
// guessed.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_SQLTEXT_H
#define DBTIDY_LIB_SQLTEXT_H

#include "clang/AST/Expr.h"
#include <optional>
#include <string>

namespace dbtidy {

enum class SqlStatementKind {
  Unknown,
  Select,
  Insert,
  Update,
  Delete,
  Begin,
  Commit,
  Rollback,
  Other,
};

struct SqlInfo {
  SqlStatementKind Kind = SqlStatementKind::Unknown;
  bool ForUpdate = false;
  /// A schema or maintenance statement (CREATE, DROP, ALTER, TRUNCATE,
  /// PRAGMA, ATTACH, VACUUM, GRANT ...): it acts on one named object, has no
  /// set-based form over many, and is not per-row data access.
  bool Schema = false;
  /// The text as recovered; non-literal pieces of a concatenation appear as
  /// '?'.
  std::string Text;
};

/// The SQL text E evaluates to, when it is built from literals.
std::optional<std::string> sqlTextOf(const clang::Expr *E);

/// Classifies SQL text by its leading keyword.
SqlInfo analyzeSql(llvm::StringRef Text);

bool isSqlWrite(SqlStatementKind Kind);
llvm::StringRef sqlKindName(SqlStatementKind Kind);

} // namespace dbtidy

#endif
