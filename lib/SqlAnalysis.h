//===--- SqlAnalysis.h - A small SQL analyzer ------------------*- C++ -*-===//
//
// Reads the parts of a SQL statement the race checks need: the statement
// kind, the tables, the columns a SELECT returns, the assignments of an
// UPDATE (`c = ?` versus the atomic `c = c + ?`), the equality conditions of
// the WHERE clause (the row key), FOR UPDATE, ON CONFLICT and friends, and
// the placeholders. It also reads UNIQUE and PRIMARY KEY constraints out of
// schema and migration files.
//
// The analyzer is deliberately partial: whatever it does not understand
// (CTEs, several statements, malformed text, a piece of text computed at run
// time in an identifier position) makes the statement unparsed, and the
// checks report nothing for it. Unknown SQL means no finding, never a guess.
//
// SQL recovered from C++ may contain *holes*: pieces of a concatenation that
// are not literals (`"... WHERE id = " + std::to_string(id)`). A hole is
// encoded in the text as "\x01<n>\x01" and behaves like a placeholder whose
// value is the n-th hole expression.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_SQLANALYSIS_H
#define DBTIDY_LIB_SQLANALYSIS_H

#include "lib/SqlText.h"

#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace dbtidy {

/// A placeholder or hole in SQL text.
struct SqlParam {
  /// 1-based position among the statement's placeholders, in text order.
  unsigned Ordinal = 0;
  /// `$3` or `?3`: the explicit number; 0 when not numbered.
  unsigned Number = 0;
  /// `:name`, `@name`, `$name`: the name without its sigil; empty otherwise.
  std::string Name;
  /// For holes: the index of the hole expression; -1 for placeholders.
  int Hole = -1;
  /// Byte range of the placeholder in the statement text.
  unsigned Offset = 0;
  unsigned Length = 0;

  bool isHole() const { return Hole >= 0; }
};

/// A value in a WHERE equality or a VALUES list.
struct SqlValue {
  enum class Kind { Param, Literal, Column, Other };
  Kind K = Kind::Other;
  SqlParam Param;      // Kind::Param (placeholders and holes)
  std::string Literal; // Kind::Literal, as written (quotes removed)
  std::string Table;   // Kind::Column: resolved table, or "" if unknown
  std::string Column;  // Kind::Column
};

/// `col = value` in the AND-chain of a WHERE clause.
struct SqlCondition {
  std::string Table; ///< resolved table of the column ("" if ambiguous)
  std::string Column;
  SqlValue Value;
};

/// One item of a SELECT list.
struct SqlResultColumn {
  /// A plain column reference: its resolved table and name.
  std::string Table;
  std::string Column;
  /// The name the result column has (alias, or the column name).
  std::string Name;
  bool IsStar = false;
  bool IsCount = false;     ///< count(*), count(x)
  bool IsAggregate = false; ///< any aggregate (count, sum, min, max, avg)
  bool IsExists = false;    ///< EXISTS (subquery)
  bool isPlainColumn() const { return !Column.empty() && !IsAggregate; }
};

/// `col = expr` in an UPDATE's SET list.
struct SqlAssignment {
  std::string Column;
  enum class Form {
    Param,        ///< `c = ?`: the new value comes from the application
    Literal,      ///< `c = 0`, `c = 'x'`, `c = now()`-like constants
    SelfRelative, ///< the value refers to c itself (`c = c + ?`): atomic
    Subquery,     ///< computed by a subquery in the database
    Expression,   ///< another expression (may contain placeholders)
  };
  Form F = Form::Expression;
  /// Placeholders and holes in the value.
  std::vector<SqlParam> Params;
  /// Byte range of the value expression in the statement text.
  unsigned ValueOffset = 0;
  unsigned ValueLength = 0;
};

struct SqlStatement {
  SqlStatementKind Kind = SqlStatementKind::Unknown;
  /// Whether the statement was understood. When false, nothing below is
  /// meaningful and the checks stay silent.
  bool Parsed = false;
  std::string Text;

  /// UPDATE/INSERT/DELETE: the target table; SELECT: the table when there is
  /// exactly one in FROM (no join, no subquery).
  std::string Table;
  /// SELECT: every table in FROM/JOIN with its alias (alias may be empty).
  std::vector<std::pair<std::string, std::string>> FromTables;
  bool HasJoin = false;

  /// SELECT.
  std::vector<SqlResultColumn> Columns;
  /// FOR UPDATE / FOR NO KEY UPDATE (write lock) and FOR SHARE / FOR KEY
  /// SHARE / LOCK IN SHARE MODE (read lock); both hold the row until commit.
  bool ForUpdate = false;
  bool ForShare = false;
  /// The statement calls an explicit lock function (pg_advisory_xact_lock,
  /// GET_LOCK, ...) or is LOCK TABLE.
  bool TakesLock = false;
  /// SELECT: ORDER BY is present; its items that are plain column
  /// references (lower case, without table qualifier), and whether some item
  /// is anything else (an expression, random(), a position).
  bool HasOrderBy = false;
  std::vector<std::string> OrderByColumns;
  bool OrderByOther = false;
  /// SELECT: LIMIT 1 / FETCH FIRST 1 ROW ONLY: at most one row.
  bool LimitOne = false;
  /// Locking clause options: FOR UPDATE SKIP LOCKED / NOWAIT.
  bool SkipLocked = false;
  bool NoWait = false;

  /// UPDATE.
  std::vector<SqlAssignment> Sets;

  /// WHERE: the equality conditions of its top-level AND-chain. When the
  /// clause has a top-level OR, WhereEq is empty and WhereHasOr is set.
  bool HasWhere = false;
  bool WhereHasOr = false;
  std::vector<SqlCondition> WhereEq;
  /// Columns the WHERE clause mentions anywhere (also in non-equality
  /// conditions), lower case.
  std::vector<std::string> WhereColumns;

  /// INSERT.
  std::vector<std::string> InsertColumns;
  std::vector<SqlValue> InsertValues; ///< of the first VALUES row
  bool InsertFromSelect = false;
  /// ON CONFLICT, INSERT OR IGNORE/REPLACE, INSERT IGNORE, ON DUPLICATE KEY
  /// UPDATE, REPLACE INTO, UPSERT, MERGE.
  bool HandlesConflict = false;

  /// Every placeholder and hole, in text order.
  std::vector<SqlParam> Params;

  /// SET TRANSACTION ISOLATION LEVEL SERIALIZABLE / REPEATABLE READ, or a
  /// BEGIN with such an isolation level, or BEGIN IMMEDIATE/EXCLUSIVE.
  bool RaisesIsolation = false;

  /// The SELECT column at Index (0-based), or null.
  const SqlResultColumn *column(unsigned Index) const;
  /// The SELECT column named Name (alias or column name), or null.
  const SqlResultColumn *column(llvm::StringRef Name) const;
  /// The equality condition on Column in WHERE, or null.
  const SqlCondition *whereEq(llvm::StringRef Column) const;
  /// The placeholder a binding at position Ordinal / with Name refers to.
  bool mentionsTable(llvm::StringRef Table) const;
};

/// Parses one SQL statement. Never fails: unknown text gives Parsed=false.
SqlStatement parseSqlStatement(llvm::StringRef Text);

/// Lower-cased identifier without quotes and without a schema prefix.
std::string normalizeSqlName(llvm::StringRef Name);

/// Whether two table names denote the same table (schema prefixes and case
/// ignored).
bool sameSqlTable(llvm::StringRef A, llvm::StringRef B);

//===--- SQL recovered from C++
//--------------------------------------------===//

/// SQL text recovered from a C++ expression: string literals, std::string /
/// QString built from them, `+` concatenations, and variables initialised
/// with such and never modified. Non-literal pieces become holes.
struct SqlTemplate {
  std::string Text;
  std::vector<const clang::Expr *> Holes;
  /// Set when the whole text is one string literal written at the call (not
  /// in a macro): fix-its may replace it.
  const clang::StringLiteral *Literal = nullptr;
  /// The whole text is one string literal, but written in a macro (or a
  /// macro's argument): a fix-it there is withheld with a note.
  bool LiteralInMacro = false;
};

/// The SQL E evaluates to, or nullopt when it has no literal part at all.
std::optional<SqlTemplate> sqlTemplateOf(const clang::Expr *E,
                                         clang::ASTContext &Ctx);

/// The text of a hole marker for hole Index.
std::string sqlHoleMarker(unsigned Index);

/// Re-quotes SQL text as a C++ string literal.
std::string quoteCxxString(llvm::StringRef Text);

//===--- Schemas
//------------------------------------------------------------===//

/// A UNIQUE constraint, unique index or primary key.
struct SqlUniqueKey {
  std::string Table;
  std::vector<std::string> Columns; ///< lower case
  bool Primary = false;
  std::string File;
  unsigned Line = 0;
};

class SqlSchema {
public:
  /// Reads the constraints out of DDL text (CREATE TABLE, CREATE UNIQUE
  /// INDEX, ALTER TABLE ... ADD UNIQUE/PRIMARY KEY). Statements it does not
  /// understand are skipped. Partial and expression indexes are ignored.
  /// FirstLine: the line of File that Text starts on (DDL in a string
  /// literal of a source file).
  void addDdl(llvm::StringRef Text, llvm::StringRef File,
              unsigned FirstLine = 1);

  /// A key of Table all of whose columns are among Columns: rows that agree
  /// on Columns agree on the key, so a second insert of the same values
  /// violates it. Null when there is none.
  const SqlUniqueKey *keyWithin(llvm::StringRef Table,
                                llvm::ArrayRef<std::string> Columns) const;

  const std::vector<SqlUniqueKey> &keys() const { return Keys; }
  bool empty() const { return Keys.empty(); }

private:
  std::vector<SqlUniqueKey> Keys;
};

} // namespace dbtidy

#endif
