//===--- SqlAnalysisTest.cpp - parseSqlStatement, schemas, templates ------===//
#include "lib/SqlAnalysis.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

using namespace dbtidy;
using namespace clang;
using namespace clang::ast_matchers;

namespace {

using Form = SqlAssignment::Form;

SqlStatement parse(llvm::StringRef Text) { return parseSqlStatement(Text); }

//===--- SELECT
//------------------------------------------------------------===//

TEST(SqlAnalysisTest, SelectColumnsTableAndKey) {
  SqlStatement S = parse("SELECT stock, price FROM products WHERE id = $1");
  ASSERT_TRUE(S.Parsed);
  EXPECT_EQ(S.Kind, SqlStatementKind::Select);
  EXPECT_EQ(S.Table, "products");
  ASSERT_EQ(S.Columns.size(), 2u);
  EXPECT_EQ(S.Columns[0].Column, "stock");
  EXPECT_EQ(S.Columns[0].Table, "products");
  EXPECT_EQ(S.Columns[1].Name, "price");
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Column, "id");
  EXPECT_EQ(S.WhereEq[0].Value.K, SqlValue::Kind::Param);
  EXPECT_EQ(S.WhereEq[0].Value.Param.Number, 1u);
  EXPECT_FALSE(S.ForUpdate);
}

TEST(SqlAnalysisTest, SelectAliasesQualifiersAndCasts) {
  SqlStatement S =
      parse("select p.stock as s, p.price::int, \"Name\" "
            "from public.products p where p.id = ? and p.sku = 'x'");
  ASSERT_TRUE(S.Parsed);
  EXPECT_EQ(S.Table, "products");
  ASSERT_EQ(S.Columns.size(), 3u);
  EXPECT_EQ(S.Columns[0].Column, "stock");
  EXPECT_EQ(S.Columns[0].Name, "s");
  EXPECT_EQ(S.Columns[0].Table, "products");
  EXPECT_EQ(S.Columns[1].Column, "price");
  EXPECT_EQ(S.Columns[2].Column, "name");
  ASSERT_EQ(S.WhereEq.size(), 2u);
  EXPECT_EQ(S.WhereEq[1].Value.K, SqlValue::Kind::Literal);
  EXPECT_EQ(S.WhereEq[1].Value.Literal, "x");
}

TEST(SqlAnalysisTest, SelectAggregatesAndExists) {
  SqlStatement S = parse("SELECT count(*) FROM comments WHERE post_id = :id");
  ASSERT_TRUE(S.Parsed);
  ASSERT_EQ(S.Columns.size(), 1u);
  EXPECT_TRUE(S.Columns[0].IsCount);
  EXPECT_TRUE(S.Columns[0].IsAggregate);
  EXPECT_FALSE(S.Columns[0].isPlainColumn());
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Value.Param.Name, "id");

  SqlStatement E = parse("SELECT EXISTS (SELECT 1 FROM users WHERE email = ?)");
  ASSERT_TRUE(E.Parsed);
  ASSERT_EQ(E.Columns.size(), 1u);
  EXPECT_TRUE(E.Columns[0].IsExists);
}

TEST(SqlAnalysisTest, ForUpdateAndShare) {
  EXPECT_TRUE(
      parse("SELECT stock FROM products WHERE id = $1 FOR UPDATE").ForUpdate);
  EXPECT_TRUE(
      parse("SELECT stock FROM products WHERE id = $1 FOR NO KEY UPDATE NOWAIT")
          .ForUpdate);
  EXPECT_TRUE(
      parse("SELECT stock FROM products WHERE id = $1 FOR SHARE").ForShare);
  EXPECT_TRUE(
      parse("SELECT stock FROM products WHERE id = ? LOCK IN SHARE MODE")
          .ForShare);
  EXPECT_FALSE(parse("SELECT stock FROM products WHERE id = $1").ForShare);
  // The words inside a string are no locking clause.
  EXPECT_FALSE(parse("SELECT 'for update' FROM t").ForUpdate);
}

TEST(SqlAnalysisTest, JoinsHaveNoSingleTable) {
  SqlStatement S = parse("SELECT o.id, c.name FROM orders o JOIN customers c "
                         "ON c.id = o.customer_id WHERE o.id = $1");
  ASSERT_TRUE(S.Parsed);
  EXPECT_TRUE(S.HasJoin);
  EXPECT_EQ(S.Table, "");
  ASSERT_EQ(S.Columns.size(), 2u);
  EXPECT_EQ(S.Columns[0].Table, "orders");
  EXPECT_EQ(S.Columns[1].Table, "customers");
  // The join condition is no key condition; o.id = $1 is.
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Table, "orders");
}

TEST(SqlAnalysisTest, WhereWithOrHasNoKey) {
  SqlStatement S = parse("SELECT a FROM t WHERE id = ? OR email = ?");
  ASSERT_TRUE(S.Parsed);
  EXPECT_TRUE(S.WhereHasOr);
  EXPECT_TRUE(S.WhereEq.empty());
  SqlStatement B = parse("SELECT a FROM t WHERE x BETWEEN 1 AND 2 AND id = ?");
  ASSERT_TRUE(B.Parsed);
  ASSERT_EQ(B.WhereEq.size(), 1u);
  EXPECT_EQ(B.WhereEq[0].Column, "id");
}

TEST(SqlAnalysisTest, SetOperationsAreNotUnderstood) {
  EXPECT_FALSE(parse("SELECT a FROM t UNION SELECT b FROM u").Parsed);
}

//===--- UPDATE
//------------------------------------------------------------===//

TEST(SqlAnalysisTest, UpdateAssignmentForms) {
  SqlStatement S = parse("UPDATE products SET stock = $1, name = 'x', "
                         "views = views + 1, updated_at = now(), "
                         "score = ? * 2, total = (SELECT sum(q) FROM lines) "
                         "WHERE id = $2");
  ASSERT_TRUE(S.Parsed);
  EXPECT_EQ(S.Table, "products");
  ASSERT_EQ(S.Sets.size(), 6u);
  EXPECT_EQ(S.Sets[0].Column, "stock");
  EXPECT_EQ(S.Sets[0].F, Form::Param);
  ASSERT_EQ(S.Sets[0].Params.size(), 1u);
  EXPECT_EQ(S.Sets[0].Params[0].Number, 1u);
  EXPECT_EQ(S.Sets[1].F, Form::Literal);
  EXPECT_EQ(S.Sets[2].F, Form::SelfRelative);
  EXPECT_EQ(S.Sets[3].F, Form::Literal);
  EXPECT_EQ(S.Sets[4].F, Form::Expression);
  EXPECT_EQ(S.Sets[5].F, Form::Subquery);
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Column, "id");
  EXPECT_EQ(S.Params.size(), 3u);
}

TEST(SqlAnalysisTest, AtomicUpdatesAreSelfRelative) {
  for (const char *Text :
       {"UPDATE products SET stock = stock - $1 WHERE id = $2",
        "UPDATE products p SET stock = p.stock + ? WHERE p.id = ?",
        "update counters set n = coalesce(n, 0) + :k where name = :name",
        "UPDATE t SET c = greatest(c - ?, 0) WHERE id = ?"}) {
    SqlStatement S = parse(Text);
    ASSERT_TRUE(S.Parsed) << Text;
    ASSERT_EQ(S.Sets.size(), 1u) << Text;
    EXPECT_EQ(S.Sets[0].F, Form::SelfRelative) << Text;
  }
}

TEST(SqlAnalysisTest, AssignmentValueRange) {
  std::string Text = "UPDATE t SET c = $1 WHERE id = $2";
  SqlStatement S = parse(Text);
  ASSERT_TRUE(S.Parsed);
  ASSERT_EQ(S.Sets.size(), 1u);
  EXPECT_EQ(Text.substr(S.Sets[0].ValueOffset, S.Sets[0].ValueLength), "$1");
}

TEST(SqlAnalysisTest, OptimisticWhere) {
  SqlStatement S =
      parse("UPDATE accounts SET balance = ?, version = version + 1 "
            "WHERE id = ? AND version = ?");
  ASSERT_TRUE(S.Parsed);
  EXPECT_NE(S.whereEq("version"), nullptr);
  EXPECT_NE(S.whereEq("id"), nullptr);
  EXPECT_EQ(S.whereEq("balance"), nullptr);
}

//===--- INSERT / DELETE
//----------------------------------------------------===//

TEST(SqlAnalysisTest, InsertColumnsValuesAndConflicts) {
  SqlStatement S =
      parse("INSERT INTO customers (email, name) VALUES ($1, $2) RETURNING id");
  ASSERT_TRUE(S.Parsed);
  EXPECT_EQ(S.Table, "customers");
  ASSERT_EQ(S.InsertColumns.size(), 2u);
  EXPECT_EQ(S.InsertColumns[0], "email");
  ASSERT_EQ(S.InsertValues.size(), 2u);
  EXPECT_EQ(S.InsertValues[1].K, SqlValue::Kind::Param);
  EXPECT_FALSE(S.HandlesConflict);

  for (const char *Text :
       {"INSERT INTO c (email) VALUES ($1) ON CONFLICT (email) DO NOTHING",
        "INSERT OR IGNORE INTO c (email) VALUES (?)",
        "insert or replace into c (email) values (?)",
        "INSERT IGNORE INTO c (email) VALUES (?)",
        "INSERT INTO c (email) VALUES (?) ON DUPLICATE KEY UPDATE email = "
        "email",
        "REPLACE INTO c (email) VALUES (?)"}) {
    SqlStatement C = parse(Text);
    EXPECT_TRUE(C.Parsed) << Text;
    EXPECT_EQ(C.Kind, SqlStatementKind::Insert) << Text;
    EXPECT_TRUE(C.HandlesConflict) << Text;
  }
  SqlStatement Sel = parse("INSERT INTO c (email) SELECT $1 WHERE NOT EXISTS "
                           "(SELECT 1 FROM c WHERE email = $1)");
  ASSERT_TRUE(Sel.Parsed);
  EXPECT_TRUE(Sel.InsertFromSelect);
}

TEST(SqlAnalysisTest, Delete) {
  SqlStatement S = parse("DELETE FROM posts WHERE id = @id");
  ASSERT_TRUE(S.Parsed);
  EXPECT_EQ(S.Kind, SqlStatementKind::Delete);
  EXPECT_EQ(S.Table, "posts");
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Value.Param.Name, "id");
}

//===--- placeholders, holes, isolation, locks
//-------------------------------===//

TEST(SqlAnalysisTest, PlaceholderStyles) {
  SqlStatement S = parse("UPDATE t SET a = ?, b = ?2, c = :c, d = @d, e = $5 "
                         "WHERE id = ? AND x::int = 1");
  ASSERT_TRUE(S.Parsed);
  ASSERT_EQ(S.Params.size(), 6u);
  EXPECT_EQ(S.Params[0].Ordinal, 1u);
  EXPECT_EQ(S.Params[1].Number, 2u);
  EXPECT_EQ(S.Params[2].Name, "c");
  EXPECT_EQ(S.Params[3].Name, "d");
  EXPECT_EQ(S.Params[4].Number, 5u);
  EXPECT_EQ(S.Params[5].Ordinal, 6u);
}

TEST(SqlAnalysisTest, HolesAreParameters) {
  std::string Text = "UPDATE t SET c = " + sqlHoleMarker(0) +
                     " WHERE id = " + sqlHoleMarker(1);
  SqlStatement S = parse(Text);
  ASSERT_TRUE(S.Parsed);
  ASSERT_EQ(S.Sets.size(), 1u);
  EXPECT_EQ(S.Sets[0].F, Form::Param);
  ASSERT_EQ(S.Sets[0].Params.size(), 1u);
  EXPECT_EQ(S.Sets[0].Params[0].Hole, 0);
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Value.Param.Hole, 1);
  // A hole inside quotes is a value too.
  SqlStatement Q = parse("SELECT id FROM t WHERE name = '" + sqlHoleMarker(3) + "'");
  ASSERT_TRUE(Q.Parsed);
  ASSERT_EQ(Q.WhereEq.size(), 1u);
  EXPECT_EQ(Q.WhereEq[0].Value.K, SqlValue::Kind::Param);
  EXPECT_EQ(Q.WhereEq[0].Value.Param.Hole, 3);
  // A hole where a table name belongs: not understood.
  EXPECT_FALSE(parse("UPDATE " + sqlHoleMarker(0) + " SET c = 1").Parsed);
  EXPECT_FALSE(parse("SELECT c FROM " + sqlHoleMarker(0)).Parsed);
  // A hole as the whole SET list: not understood.
  EXPECT_FALSE(
      parse("UPDATE t SET " + sqlHoleMarker(0) + " WHERE id = 1").Parsed);
}

TEST(SqlAnalysisTest, IsolationAndLocks) {
  EXPECT_TRUE(
      parse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE").RaisesIsolation);
  EXPECT_TRUE(parse("BEGIN ISOLATION LEVEL REPEATABLE READ").RaisesIsolation);
  EXPECT_TRUE(parse("BEGIN IMMEDIATE").RaisesIsolation);
  EXPECT_FALSE(parse("BEGIN").RaisesIsolation);
  EXPECT_TRUE(parse("SELECT pg_advisory_xact_lock($1)").TakesLock);
  EXPECT_TRUE(parse("LOCK TABLE customers IN EXCLUSIVE MODE").TakesLock);
  EXPECT_FALSE(parse("SELECT id FROM customers WHERE email = $1").TakesLock);
}

//===--- malformed and unsupported SQL
//---------------------------------------===//

TEST(SqlAnalysisTest, MalformedSqlIsNotParsed) {
  for (const char *Text : {
           "",
           "   ",
           "SELECT",
           "SELECT FROM",
           "SELECT a FROM",
           "SELECT a FROM t WHERE",
           "SELECT a FROM t WHERE (id = 1",
           "SELECT 'unterminated FROM t",
           "SELECT \"unterminated FROM t",
           "SELECT a /* unterminated comment",
           "UPDATE",
           "UPDATE t",
           "UPDATE t SET",
           "UPDATE t SET = 1",
           "UPDATE t SET c 1 WHERE id = 1",
           "UPDATE SET c = 1",
           "INSERT t VALUES (1)",
           "INSERT INTO",
           "INSERT INTO t (a, b VALUES (1, 2)",
           "DELETE t",
           "DELETE FROM",
           "SELECT a FROM t; DELETE FROM t",
           "WITH x AS (SELECT 1) UPDATE t SET c = 1",
           "frobnicate the table",
           "\x01"
           "0\x01",
       }) {
    SqlStatement S = parse(Text);
    EXPECT_FALSE(S.Parsed && (S.Kind == SqlStatementKind::Select ||
                              S.Kind == SqlStatementKind::Update ||
                              S.Kind == SqlStatementKind::Insert ||
                              S.Kind == SqlStatementKind::Delete))
        << "'" << Text << "' was understood";
  }
  // A trailing semicolon is fine.
  EXPECT_TRUE(parse("DELETE FROM t WHERE id = 1;").Parsed);
}

TEST(SqlAnalysisTest, NormalizeNames) {
  EXPECT_EQ(normalizeSqlName("Products"), "products");
  EXPECT_EQ(normalizeSqlName("public.products"), "products");
  EXPECT_EQ(normalizeSqlName("\"Products\""), "products");
  EXPECT_TRUE(sameSqlTable("public.Products", "products"));
  EXPECT_FALSE(sameSqlTable("", ""));
}

//===--- schemas
//-------------------------------------------------------------===//

// Found by the SQL fuzzer: a key on a quoted column whose name contains a
// dot was stored normalized but compared after normalizing again, which cut
// the name at the dot, so the key was never found.
TEST(SqlAnalysisTest, SchemaKeyOnQuotedColumnWithDot) {
  SqlSchema Schema;
  Schema.addDdl(R"sql(CREATE TABLE t ("User.Email" text UNIQUE, x int);)sql",
                "schema.sql");
  ASSERT_EQ(Schema.keys().size(), 1u);
  const SqlUniqueKey &Key = Schema.keys().front();
  EXPECT_NE(Schema.keyWithin("t", Key.Columns), nullptr);
  EXPECT_NE(Schema.keyWithin("t", {"\"User.Email\""}), nullptr);
  SqlStatement Insert =
      parseSqlStatement(R"sql(INSERT INTO t ("User.Email", x) VALUES (?, ?))sql");
  ASSERT_TRUE(Insert.Parsed);
  EXPECT_NE(Schema.keyWithin("t", Insert.InsertColumns), nullptr);
  EXPECT_EQ(Schema.keyWithin("t", {"x"}), nullptr);
}

TEST(SqlAnalysisTest, SchemaConstraints) {
  SqlSchema Schema;
  Schema.addDdl(R"sql(
-- customers
CREATE TABLE customers (
  id    bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name  text NOT NULL CHECK (length(name) > 0)
);
CREATE TABLE IF NOT EXISTS order_lines (
  order_id   bigint NOT NULL REFERENCES orders(id),
  product_id bigint NOT NULL,
  CONSTRAINT pk_lines PRIMARY KEY (order_id, product_id)
);
CREATE TABLE tags (name text, tenant int, UNIQUE (tenant, name));
CREATE UNIQUE INDEX users_login ON users (login);
CREATE UNIQUE INDEX active_slug ON pages (slug) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX lower_email ON accounts (lower(email));
CREATE INDEX by_name ON users (name);
ALTER TABLE devices ADD CONSTRAINT devices_serial UNIQUE (serial);
CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
CREATE TABLE `mysql_t` (`id` int NOT NULL, `code` varchar(10), UNIQUE KEY `code_uq` (`code`));
)sql",
                "schema.sql");
  std::vector<std::string> Email = {"email"};
  const SqlUniqueKey *K = Schema.keyWithin("customers", Email);
  ASSERT_NE(K, nullptr);
  EXPECT_EQ(K->Line, 5u);
  EXPECT_EQ(K->File, "schema.sql");
  EXPECT_NE(Schema.keyWithin("customers", {"id"}), nullptr);
  EXPECT_EQ(Schema.keyWithin("customers", {"name"}), nullptr);
  EXPECT_EQ(Schema.keyWithin("order_lines", {"order_id"}), nullptr);
  EXPECT_NE(Schema.keyWithin("order_lines", {"product_id", "order_id"}),
            nullptr);
  EXPECT_EQ(Schema.keyWithin("tags", {"name"}), nullptr);
  EXPECT_NE(Schema.keyWithin("tags", {"name", "tenant", "color"}), nullptr);
  EXPECT_NE(Schema.keyWithin("users", {"login"}), nullptr);
  EXPECT_EQ(Schema.keyWithin("users", {"name"}), nullptr);
  EXPECT_EQ(Schema.keyWithin("pages", {"slug"}), nullptr);
  EXPECT_EQ(Schema.keyWithin("accounts", {"email"}), nullptr);
  EXPECT_NE(Schema.keyWithin("devices", {"serial"}), nullptr);
  EXPECT_NE(Schema.keyWithin("mysql_t", {"code"}), nullptr);
  EXPECT_EQ(Schema.keyWithin("missing", {"id"}), nullptr);
}

TEST(SqlAnalysisTest, MalformedSchemaIsSkipped) {
  SqlSchema Schema;
  Schema.addDdl("CREATE TABLE broken (id int PRIMARY KEY", "a.sql");
  Schema.addDdl("CREATE TABLE 'oops", "b.sql");
  Schema.addDdl("garbage ; CREATE TABLE ok (id int PRIMARY KEY);", "c.sql");
  EXPECT_NE(Schema.keyWithin("ok", {"id"}), nullptr);
}

//===--- SQL from C++ expressions
//-----------------------------------------------===//

TEST(SqlAnalysisTest, TemplatesFromCxx) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"cpp(
    #include <string>
    void run(const std::string &);
    void literal() { run("UPDATE t SET c = 1"); }
    void concat(int id) { run("DELETE FROM t WHERE id = " + std::to_string(id)); }
    void viaConst() { const char *q = "SELECT a FROM t"; run(q); }
    void viaLocal() { std::string q = "SELECT b FROM t"; run(q); }
    void modified(bool x) { std::string q = "SELECT c FROM t"; if (x) q += " WHERE 1"; run(q); }
    void param(const std::string &q) { run(q); }
  )cpp",
                                               {"-std=c++17"});
  ASSERT_TRUE(AST);
  auto All = match(callExpr(callee(functionDecl(hasName("run"))),
                            hasAncestor(functionDecl().bind("fn")),
                            hasArgument(0, expr().bind("sql"))),
                   AST->getASTContext());
  std::map<std::string, std::optional<SqlTemplate>> ByFn;
  for (const auto &M : All)
    ByFn[M.getNodeAs<FunctionDecl>("fn")->getNameAsString()] =
        sqlTemplateOf(M.getNodeAs<Expr>("sql"), AST->getASTContext());
  ASSERT_TRUE(ByFn["literal"]);
  EXPECT_EQ(ByFn["literal"]->Text, "UPDATE t SET c = 1");
  EXPECT_NE(ByFn["literal"]->Literal, nullptr);
  ASSERT_TRUE(ByFn["concat"]);
  EXPECT_EQ(ByFn["concat"]->Holes.size(), 1u);
  EXPECT_EQ(ByFn["concat"]->Literal, nullptr);
  SqlStatement S = parseSqlStatement(ByFn["concat"]->Text);
  ASSERT_TRUE(S.Parsed);
  ASSERT_EQ(S.WhereEq.size(), 1u);
  EXPECT_EQ(S.WhereEq[0].Value.Param.Hole, 0);
  ASSERT_TRUE(ByFn["viaConst"]);
  EXPECT_EQ(ByFn["viaConst"]->Text, "SELECT a FROM t");
  ASSERT_TRUE(ByFn["viaLocal"]);
  EXPECT_EQ(ByFn["viaLocal"]->Text, "SELECT b FROM t");
  EXPECT_FALSE(ByFn["modified"]);
  EXPECT_FALSE(ByFn["param"]);
}

TEST(SqlAnalysisTest, QuoteCxxString) {
  EXPECT_EQ(quoteCxxString("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\n\"");
}

} // namespace
