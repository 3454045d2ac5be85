//===--- SqlTextTest.cpp - analyzeSql and sqlTextOf ------------------------===//
#include "lib/SqlText.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

namespace dbtidy {
// Readable gtest output (internal linkage: other test files may define their
// own printers).
static void PrintTo(SqlStatementKind K, std::ostream *OS) {
  *OS << sqlKindName(K).str();
}
} // namespace dbtidy

using namespace dbtidy;
using namespace clang;
using namespace clang::ast_matchers;

namespace {

//===--- analyzeSql --------------------------------------------------------===//

SqlStatementKind kindOf(llvm::StringRef Text) { return analyzeSql(Text).Kind; }

TEST(SqlTextTest, LeadingKeywordDecidesKind) {
  EXPECT_EQ(kindOf("SELECT * FROM t"), SqlStatementKind::Select);
  EXPECT_EQ(kindOf("insert into t values (1)"), SqlStatementKind::Insert);
  EXPECT_EQ(kindOf("UPDATE t SET a = 1"), SqlStatementKind::Update);
  EXPECT_EQ(kindOf("DELETE FROM t WHERE id = ?"), SqlStatementKind::Delete);
  EXPECT_EQ(kindOf("BEGIN"), SqlStatementKind::Begin);
  EXPECT_EQ(kindOf("BEGIN TRANSACTION"), SqlStatementKind::Begin);
  EXPECT_EQ(kindOf("START TRANSACTION"), SqlStatementKind::Begin);
  EXPECT_EQ(kindOf("COMMIT"), SqlStatementKind::Commit);
  EXPECT_EQ(kindOf("ROLLBACK"), SqlStatementKind::Rollback);
  EXPECT_EQ(kindOf("CREATE TABLE t (id INT)"), SqlStatementKind::Other);
}

TEST(SqlTextTest, SchemaStatements) {
  EXPECT_TRUE(analyzeSql("CREATE TABLE t (id INT)").Schema);
  EXPECT_TRUE(analyzeSql("drop index ?").Schema);
  EXPECT_TRUE(analyzeSql("ALTER TABLE t ADD c INT").Schema);
  EXPECT_TRUE(analyzeSql("PRAGMA foreign_keys = ON").Schema);
  EXPECT_TRUE(analyzeSql("ATTACH DATABASE 'x' AS y").Schema);
  // Data access and other statements are not.
  EXPECT_FALSE(analyzeSql("SELECT * FROM t").Schema);
  EXPECT_FALSE(analyzeSql("DELETE FROM t WHERE id = ?").Schema);
  EXPECT_FALSE(analyzeSql("CALL recount(?)").Schema);
  EXPECT_FALSE(analyzeSql("ROLLBACK TO SAVEPOINT a").Schema);
  EXPECT_FALSE(analyzeSql("? WHERE id = 1").Schema);
}

TEST(SqlTextTest, CaseInsensitive) {
  EXPECT_EQ(kindOf("select 1"), SqlStatementKind::Select);
  EXPECT_EQ(kindOf("Update t set a = 1"), SqlStatementKind::Update);
  EXPECT_EQ(kindOf("delete from t"), SqlStatementKind::Delete);
  EXPECT_EQ(kindOf("commit"), SqlStatementKind::Commit);
  EXPECT_EQ(kindOf("rollback"), SqlStatementKind::Rollback);
  EXPECT_EQ(kindOf("start transaction"), SqlStatementKind::Begin);
}

TEST(SqlTextTest, LeadingWhitespaceAndComments) {
  EXPECT_EQ(kindOf("   \n\t  INSERT INTO t VALUES (1)"), SqlStatementKind::Insert);
  EXPECT_EQ(kindOf("-- fetch the order\nSELECT * FROM orders"),
            SqlStatementKind::Select);
  EXPECT_EQ(kindOf("/* audit */ DELETE FROM log"), SqlStatementKind::Delete);
  EXPECT_EQ(kindOf("  /* a */ -- b\n  /* c */\n update t set x = 1"),
            SqlStatementKind::Update);
  EXPECT_EQ(kindOf("(SELECT 1) UNION (SELECT 2)"), SqlStatementKind::Select);
}

TEST(SqlTextTest, KeywordMustBeAWholeWord) {
  // "SELECTED" / "UPDATES" are not SELECT / UPDATE.
  EXPECT_EQ(kindOf("SELECTED"), SqlStatementKind::Other);
  EXPECT_EQ(kindOf("updates_log"), SqlStatementKind::Other);
  EXPECT_FALSE(isSqlWrite(kindOf("updates_log")));
}

TEST(SqlTextTest, WithClauseTakesKindOfMainStatement) {
  EXPECT_EQ(kindOf("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"),
            SqlStatementKind::Insert);
  EXPECT_EQ(kindOf("with ids as (select id from t) delete from u where id in "
                   "(select id from ids)"),
            SqlStatementKind::Delete);
  EXPECT_EQ(kindOf("WITH x AS (SELECT 1) UPDATE t SET a = 1"),
            SqlStatementKind::Update);
  EXPECT_EQ(kindOf("WITH x AS (SELECT 1) SELECT * FROM x"),
            SqlStatementKind::Select);
}

// BUG (lib/SqlText.cpp, analyzeSql): the statement after a CTE is found by
// searching for ") INSERT" / ") UPDATE" / ") DELETE" with exactly one space,
// so a CTE written over several lines (a raw string literal, or any
// formatting with a newline/tab or two spaces after the closing parenthesis)
// is classified as a SELECT: a write is reported as a read.
TEST(SqlTextTest, WithClauseMainStatementOnNextLine) {
  EXPECT_EQ(kindOf("WITH x AS (SELECT 1)\nINSERT INTO t SELECT * FROM x"),
            SqlStatementKind::Insert);
  EXPECT_EQ(kindOf("WITH x AS (SELECT 1)\n\tDELETE FROM t"),
            SqlStatementKind::Delete);
  EXPECT_EQ(kindOf("WITH x AS (SELECT 1)  UPDATE t SET a = 1"),
            SqlStatementKind::Update);
}

TEST(SqlTextTest, SelectForUpdate) {
  SqlInfo Locking = analyzeSql("SELECT * FROM t WHERE id = 1 FOR UPDATE");
  EXPECT_EQ(Locking.Kind, SqlStatementKind::Select);
  EXPECT_TRUE(Locking.ForUpdate);
  EXPECT_TRUE(analyzeSql("select * from t for share").ForUpdate);
  EXPECT_TRUE(analyzeSql("select * from t for no key update").ForUpdate);
  SqlInfo Plain = analyzeSql("SELECT * FROM t WHERE id = 1");
  EXPECT_FALSE(Plain.ForUpdate);
  EXPECT_FALSE(isSqlWrite(Locking.Kind));
  // ForUpdate is only for SELECTs.
  EXPECT_FALSE(analyzeSql("UPDATE t SET a = 1").ForUpdate);
}

TEST(SqlTextTest, UnknownGarbageAndEmptyAreNeverWrites) {
  EXPECT_EQ(kindOf(""), SqlStatementKind::Unknown);
  EXPECT_EQ(kindOf("   \n "), SqlStatementKind::Unknown);
  EXPECT_EQ(kindOf("-- only a comment"), SqlStatementKind::Unknown);
  EXPECT_EQ(kindOf("?"), SqlStatementKind::Unknown);
  EXPECT_EQ(kindOf("? WHERE id = 1"), SqlStatementKind::Unknown);
  EXPECT_EQ(kindOf("!!!"), SqlStatementKind::Unknown);
  for (const char *Text :
       {"", "?", "!!!", "hello world", "PRAGMA foreign_keys = ON", "VACUUM",
        "/* unterminated", "12345", "?UPDATE t"}) {
    SqlInfo Info = analyzeSql(Text);
    EXPECT_TRUE(Info.Kind == SqlStatementKind::Unknown ||
                Info.Kind == SqlStatementKind::Other)
        << "'" << Text << "' got " << sqlKindName(Info.Kind).str();
    EXPECT_FALSE(isSqlWrite(Info.Kind)) << Text;
  }
}

TEST(SqlTextTest, TextIsKept) {
  EXPECT_EQ(analyzeSql("select ? from t").Text, "select ? from t");
}

TEST(SqlTextTest, WritesAndNames) {
  EXPECT_TRUE(isSqlWrite(SqlStatementKind::Insert));
  EXPECT_TRUE(isSqlWrite(SqlStatementKind::Update));
  EXPECT_TRUE(isSqlWrite(SqlStatementKind::Delete));
  EXPECT_FALSE(isSqlWrite(SqlStatementKind::Select));
  EXPECT_FALSE(isSqlWrite(SqlStatementKind::Begin));
  EXPECT_FALSE(isSqlWrite(SqlStatementKind::Other));
  EXPECT_FALSE(isSqlWrite(SqlStatementKind::Unknown));
  EXPECT_EQ(sqlKindName(SqlStatementKind::Select), "SELECT");
  EXPECT_EQ(sqlKindName(SqlStatementKind::Delete), "DELETE");
  EXPECT_EQ(sqlKindName(SqlStatementKind::Unknown), "unknown SQL");
}

//===--- sqlTextOf ---------------------------------------------------------===//

/// Minimal std::string / QString stand-ins: no standard headers needed.
const char *const Prelude = R"cpp(
namespace std {
template <class C> struct basic_string {
  basic_string();
  basic_string(const C *);
  basic_string(const basic_string &);
  ~basic_string();
  const C *c_str() const;
  const C *data() const;
};
typedef basic_string<char> string;
string operator+(const string &, const string &);
string operator+(const char *, const string &);
string operator+(const string &, const char *);
}
struct QString {
  QString(const char *);
  QString(const QString &);
  ~QString();
  std::string toStdString() const;
};
QString operator+(const QString &, const QString &);
QString operator+(const char *, const QString &);

void exec(const char *);
void exec(const std::string &);
void qexec(const QString &);
)cpp";

struct ParsedArg {
  std::unique_ptr<ASTUnit> AST;
  const Expr *Arg = nullptr;
};

/// Builds Prelude + Code and returns the first argument of the (only) call to
/// Callee inside function `test`.
ParsedArg argOf(const std::string &Code, const std::string &Callee = "exec") {
  ParsedArg R;
  R.AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++17"});
  EXPECT_TRUE(R.AST);
  if (!R.AST)
    return R;
  EXPECT_FALSE(R.AST->getDiagnostics().hasErrorOccurred()) << Code;
  auto Matches = match(
      callExpr(callee(functionDecl(hasName(Callee))),
               hasAncestor(functionDecl(hasName("test"))),
               hasArgument(0, expr().bind("arg"))),
      R.AST->getASTContext());
  R.Arg = selectFirst<Expr>("arg", Matches);
  EXPECT_TRUE(R.Arg) << "no call to " << Callee << " in:\n" << Code;
  return R;
}

std::optional<std::string> textOf(const std::string &Code,
                                  const std::string &Callee = "exec") {
  ParsedArg R = argOf(Code, Callee);
  if (!R.Arg)
    return std::string("<no call>");
  return sqlTextOf(R.Arg);
}

TEST(SqlTextTest, StringLiteral) {
  EXPECT_EQ(textOf(R"(void test() { exec("SELECT * FROM t"); })"),
            std::optional<std::string>("SELECT * FROM t"));
}

TEST(SqlTextTest, AdjacentLiteralsAreOneString) {
  EXPECT_EQ(textOf(R"(void test() { exec("SELECT a " "FROM t"); })"),
            std::optional<std::string>("SELECT a FROM t"));
}

TEST(SqlTextTest, StdStringFromLiteral) {
  // Both pieces of a concatenation are literals: no placeholder.
  {
    ParsedArg R = argOf(R"(void test() { exec(std::string("x") + "y"); })");
    ASSERT_TRUE(R.Arg);
    EXPECT_EQ(sqlTextOf(R.Arg), std::optional<std::string>("xy"));
  }
  EXPECT_EQ(textOf(R"(void test() { exec(std::string("DELETE FROM t")); })"),
            std::optional<std::string>("DELETE FROM t"));
  // Through .c_str() of a temporary.
  EXPECT_EQ(textOf(R"(void test() { exec(std::string("UPDATE t SET a=1").c_str()); })"),
            std::optional<std::string>("UPDATE t SET a=1"));
}

TEST(SqlTextTest, QStringFromLiteralAndToStdString) {
  EXPECT_EQ(textOf(R"(void test() { qexec("SELECT 1"); })", "qexec"),
            std::optional<std::string>("SELECT 1"));
  EXPECT_EQ(textOf(R"(void test() { exec(QString("INSERT INTO t").toStdString()); })"),
            std::optional<std::string>("INSERT INTO t"));
}

TEST(SqlTextTest, ConcatenationWithVariableGivesPlaceholder) {
  EXPECT_EQ(textOf(R"(void test(const std::string &id) {
                        exec("SELECT * FROM t WHERE id = " + id); })"),
            std::optional<std::string>("SELECT * FROM t WHERE id = ?"));
  EXPECT_EQ(textOf(R"(void test(const std::string &table) {
                        exec("DELETE FROM " + table + " WHERE x = 1"); })"),
            std::optional<std::string>("DELETE FROM ? WHERE x = 1"));
  EXPECT_EQ(textOf(R"(void test(const QString &id) {
                        qexec("UPDATE t SET a = " + id); })",
                   "qexec"),
            std::optional<std::string>("UPDATE t SET a = ?"));
}

TEST(SqlTextTest, ConcatenationOfOnlyVariablesIsUnknown) {
  EXPECT_EQ(textOf(R"(void test(const std::string &a, const std::string &b) {
                        exec(a + b); })"),
            std::nullopt);
}

TEST(SqlTextTest, ConstCharPointerConstVariable) {
  EXPECT_EQ(textOf(R"(void test() {
                        const char *const kSql = "SELECT name FROM users";
                        exec(kSql); })"),
            std::optional<std::string>("SELECT name FROM users"));
  EXPECT_EQ(textOf(R"(static constexpr const char *kGlobal = "COMMIT";
                      void test() { exec(kGlobal); })"),
            std::optional<std::string>("COMMIT"));
}

TEST(SqlTextTest, ConstStdStringVariable) {
  EXPECT_EQ(textOf(R"(void test(const std::string &id) {
                        const std::string q = "SELECT * FROM t WHERE id = " + id;
                        exec(q); })"),
            std::optional<std::string>("SELECT * FROM t WHERE id = ?"));
}

TEST(SqlTextTest, ModifiedVariablesAreUnknown) {
  // The pointer itself is re-assigned: its value is not known.
  EXPECT_EQ(textOf(R"(void test() {
                        const char *sql = "SELECT 1";
                        sql = "DELETE FROM t";
                        exec(sql); })"),
            std::nullopt);
  // Its address escapes: anything may change it.
  EXPECT_EQ(textOf(R"(void set(const char **);
                      void test() {
                        const char *sql = "SELECT 1";
                        set(&sql);
                        exec(sql); })"),
            std::nullopt);
}

TEST(SqlTextTest, UnmodifiedLocalVariablesAreRead) {
  // A local that keeps its initial value holds that text, const or not.
  EXPECT_EQ(textOf(R"(void test() {
                        std::string sql = "SELECT 1";
                        exec(sql); })"),
            std::optional<std::string>("SELECT 1"));
  EXPECT_EQ(textOf(R"(void test() {
                        const char *sql = "DELETE FROM t";
                        exec(sql); })"),
            std::optional<std::string>("DELETE FROM t"));
}

TEST(SqlTextTest, ParametersAndCallResultsAreUnknown) {
  EXPECT_EQ(textOf(R"(void test(const char *sql) { exec(sql); })"),
            std::nullopt);
  EXPECT_EQ(textOf(R"(void test(const std::string &sql) { exec(sql); })"),
            std::nullopt);
  EXPECT_EQ(textOf(R"(std::string build();
                      void test() { exec(build()); })"),
            std::nullopt);
}

// BUG (lib/SqlText.cpp, textOf): for a DeclRefExpr to a `const` parameter,
// VarDecl::getInit() returns the parameter's *default argument*, so the
// default is reported as the SQL the call runs, although every caller may
// pass something else. The header promises "Unknown text is reported as
// unknown, never guessed". Here a caller passing "DELETE FROM t" would run a
// write, but the call is classified from the default as a SELECT.
TEST(SqlTextTest, ConstParameterWithDefaultArgumentIsUnknown) {
  EXPECT_EQ(textOf(R"(void test(const char *const sql = "SELECT 1") {
                        exec(sql); })"),
            std::nullopt);
}

TEST(SqlTextTest, WideLiteralIsUnknown) {
  EXPECT_EQ(textOf(R"(void wexec(const wchar_t *);
                      void test() { wexec(L"SELECT 1"); })",
                   "wexec"),
            std::nullopt);
}

} // namespace
