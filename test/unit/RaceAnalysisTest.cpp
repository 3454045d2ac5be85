//===--- RaceAnalysisTest.cpp - ValueFlow and the race analyses -----------===//
//
// A miniature database library described by a profile, so the tests exercise
// the data flow (origins, bindings, definitions) and the analyses behind
// db-read-modify-write, db-check-then-insert and db-save-in-hook without any
// real library's headers.
//
//===----------------------------------------------------------------------===//
#include "lib/RaceAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

using namespace dbtidy;
using namespace clang;
using namespace clang::ast_matchers;

namespace {

const char *const MiniProfile = R"(version: 1
name: mini
calls:
  - function: db::Tx::exec
    kind: execute
    sql-arg: 0
    params-from-arg: 1
  - function: db::Tx::commit
    kind: transaction-commit
  - function: db::Row::operator[]
    kind: column
    column-arg: 0
  - function: db::Stmt::bind
    kind: prepare
    param-arg: 0
    value-arg: 1
  - function: db::Stmt::run
    kind: execute-prepared
  - constructor: db::Stmt
    params: [db::Tx]
    kind: prepare
    sql-arg: 1
  - function: orm::Store::get
    kind: fetch-by-id
  - function: orm::Store::all
    kind: query
  - function: orm::Store::update
    kind: update
  - function: orm::Store::insert
    kind: insert
  - function: orm::Store::replace
    kind: insert
    upsert: true
  - function: orm::Store::remove
    kind: delete
  - function: orm::Store::count
    kind: query
  - function: app::on_saved
    kind: hook-register
    callback-arg: 0
    event: after-insert
types:
  - name: db::Tx
    role: transaction
  - name: db::Stmt
    role: statement
hooks:
  - method: 'after*'
    params: [orm::Store]
    event: after-save
)";

const char *const MiniLibrary = R"cpp(
namespace db {
struct Value { int asInt() const; };
struct Row { Value operator[](int) const; Value operator[](const char *) const; };
struct Result { Row operator[](int) const; bool empty() const; int size() const; };
struct Tx {
  template <class... A> Result exec(const char *sql, A... args);
  void commit();
};
struct Stmt {
  Stmt(Tx &tx, const char *sql);
  void bind(int index, int value);
  void run();
};
}
namespace orm {
struct Store {
  template <class T> T get(int id);
  template <class T> int count(int key);
  template <class T> T *all();
  template <class T> void update(const T &);
  template <class T> void insert(const T &);
  template <class T> void replace(const T &);
  template <class T> void remove(int id);
};
}
namespace app {
template <class T> void on_saved(void (*callback)(const T &));
}
struct User { int id; int visits; int karma; };
struct Post { int id; int comments; };
struct Comment { int id; int post; };
)cpp";

class Fixture {
public:
  explicit Fixture(const std::string &Body) {
    ProfileError Error;
    std::optional<Profile> P = parseProfile(MiniProfile, "mini.yaml", Error);
    EXPECT_TRUE(P.has_value()) << Error.format();
    auto Set = std::make_shared<ProfileSet>();
    if (P)
      Set->add(std::make_shared<const Profile>(std::move(*P)));
    Profiles = Set;
    Classifier = std::make_unique<CallClassifier>(Set);
    AST = tooling::buildASTFromCodeWithArgs(std::string(MiniLibrary) + Body,
                                            {"-std=c++17"});
    EXPECT_TRUE(AST);
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred()) << Body;
    Flow = std::make_unique<FlowContext>(AST->getASTContext(), *Classifier);
  }

  FunctionFlow &flow(const char *Function) {
    auto Matches =
        match(functionDecl(hasName(Function), isDefinition()).bind("f"),
              AST->getASTContext());
    EXPECT_EQ(Matches.size(), 1u) << Function;
    const auto *FD = Matches[0].getNodeAs<FunctionDecl>("f");
    return Flow->flowFor(FD->getBody(), FD);
  }

  const FunctionDecl *function(const char *Name) {
    auto Matches = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                         AST->getASTContext());
    return Matches.empty() ? nullptr : Matches[0].getNodeAs<FunctionDecl>("f");
  }

  std::shared_ptr<const ProfileSet> Profiles;
  std::unique_ptr<CallClassifier> Classifier;
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<FlowContext> Flow;
};

//===--- value flow
//---------------------------------------------------------===//

TEST(RaceAnalysisTest, OperationsAndBindings) {
  Fixture X(R"cpp(
    void f(db::Tx &t, int id) {
      db::Result r = t.exec("SELECT n, m FROM c WHERE id = $1", id);
      int n = r[0][0].asInt();
      t.exec("UPDATE c SET n = $1 WHERE id = $2", n + 1, id);
    })cpp");
  FunctionFlow &F = X.flow("f");
  ASSERT_EQ(F.ops().size(), 2u);
  const DbOp &R = F.ops()[0];
  const DbOp &W = F.ops()[1];
  EXPECT_TRUE(R.isSqlRead());
  EXPECT_TRUE(W.isSqlKind(SqlStatementKind::Update));
  EXPECT_TRUE(R.InTransaction);
  ASSERT_EQ(W.Bindings.size(), 2u);
  ASSERT_EQ(W.Sql.Sets.size(), 1u);
  const Expr *V = W.valueFor(W.Sql.Sets[0].Params[0]);
  ASSERT_NE(V, nullptr);
  bool Column0 = false;
  for (const Origin &O : F.origins(V))
    Column0 |= O.K == Origin::Kind::Column && O.Op == 0 && O.ColumnIndex == 0;
  EXPECT_TRUE(Column0);
}

TEST(RaceAnalysisTest, StatementHandlesAndKilledDefinitions) {
  Fixture X(R"cpp(
    void f(db::Tx &t, int id) {
      db::Result r = t.exec("SELECT n FROM c WHERE id = $1", id);
      int n = r[0]["n"].asInt();
      n = 7;
      db::Stmt u(t, "UPDATE c SET n = ? WHERE id = ?");
      u.bind(1, n);
      u.bind(2, id);
      u.run();
    })cpp");
  FunctionFlow &F = X.flow("f");
  ASSERT_EQ(F.ops().size(), 2u);
  const DbOp &W = F.ops()[1];
  ASSERT_TRUE(W.HasSql);
  EXPECT_EQ(W.Sql.Kind, SqlStatementKind::Update);
  ASSERT_EQ(W.Bindings.size(), 2u);
  // `n = 7` replaces the column value on every path.
  for (const Origin &O : F.origins(W.valueFor(W.Sql.Sets[0].Params[0])))
    EXPECT_NE(O.K, Origin::Kind::Column);
  EXPECT_TRUE(findLostUpdates(F, RaceOptions()).empty());
}

//===--- lost updates
//----------------------------------------------------------===//

TEST(RaceAnalysisTest, SqlLostUpdateWithIncrement) {
  Fixture X(R"cpp(
    void f(db::Tx &t, int id, int k) {
      db::Result r = t.exec("SELECT n FROM c WHERE id = $1", id);
      int n = r[0][0].asInt();
      t.exec("UPDATE c SET n = $1 WHERE id = $2", n - k, id);
    })cpp");
  auto LU = findLostUpdates(X.flow("f"), RaceOptions());
  ASSERT_EQ(LU.size(), 1u);
  EXPECT_FALSE(LU[0].Orm);
  EXPECT_EQ(LU[0].Table, "c");
  EXPECT_EQ(LU[0].Column, "n");
  ASSERT_TRUE(LU[0].Inc.has_value());
  EXPECT_EQ(LU[0].Inc->Op, '-');
  EXPECT_FALSE(LU[0].OldValueGuards);
}

TEST(RaceAnalysisTest, SqlSilentCases) {
  Fixture X(R"cpp(
    void locked(db::Tx &t, int id) {
      db::Result r = t.exec("SELECT n FROM c WHERE id = $1 FOR UPDATE", id);
      t.exec("UPDATE c SET n = $1 WHERE id = $2", r[0][0].asInt() + 1, id);
    }
    void otherRow(db::Tx &t, int a, int b) {
      db::Result r = t.exec("SELECT n FROM c WHERE id = $1", a);
      t.exec("UPDATE c SET n = $1 WHERE id = $2", r[0][0].asInt() + 1, b);
    }
    void otherColumn(db::Tx &t, int id) {
      db::Result r = t.exec("SELECT m, n FROM c WHERE id = $1", id);
      t.exec("UPDATE c SET n = $1 WHERE id = $2", r[0][0].asInt() + 1, id);
    }
    void versioned(db::Tx &t, int id) {
      db::Result r = t.exec("SELECT n, version FROM c WHERE id = $1", id);
      t.exec("UPDATE c SET n = $1 WHERE id = $2 AND version = $3",
             r[0][0].asInt() + 1, id, r[0][1].asInt());
    }
    void atomic(db::Tx &t, int id) {
      t.exec("SELECT n FROM c WHERE id = $1", id);
      t.exec("UPDATE c SET n = n + 1 WHERE id = $1", id);
    }
    void isolated(db::Tx &t, int id) {
      t.exec("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
      db::Result r = t.exec("SELECT n FROM c WHERE id = $1", id);
      t.exec("UPDATE c SET n = $1 WHERE id = $2", r[0][0].asInt() + 1, id);
    })cpp");
  for (const char *Fn :
       {"locked", "otherRow", "otherColumn", "versioned", "atomic", "isolated"})
    EXPECT_TRUE(findLostUpdates(X.flow(Fn), RaceOptions()).empty()) << Fn;
}

TEST(RaceAnalysisTest, ForUpdateReleasedByCommit) {
  Fixture X(R"cpp(
    void f(db::Tx &t, db::Tx &t2, int id) {
      db::Result r = t.exec("SELECT n FROM c WHERE id = $1 FOR UPDATE", id);
      int n = r[0][0].asInt();
      t.commit();
      t2.exec("UPDATE c SET n = $1 WHERE id = $2", n + 1, id);
    })cpp");
  auto LU = findLostUpdates(X.flow("f"), RaceOptions());
  ASSERT_EQ(LU.size(), 1u);
  EXPECT_NE(LU[0].LockReleasedBy, nullptr);
}

TEST(RaceAnalysisTest, OrmLostUpdates) {
  Fixture X(R"cpp(
    void bump(orm::Store &s, int id) {
      User u = s.get<User>(id);
      u.visits += 2;
      s.update(u);
    }
    void guarded(orm::Store &s, int id) {
      User u = s.get<User>(id);
      if (u.karma > 0)
        u.karma = u.karma - 1;
      s.update(u);
    }
    void reset(orm::Store &s, int id) {
      User u = s.get<User>(id);
      u.visits = 0;
      s.update(u);
    }
    void notLoaded(orm::Store &s, User &u) {
      u.visits += 1;
      s.update(u);
    })cpp");
  auto Bump = findLostUpdates(X.flow("bump"), RaceOptions());
  ASSERT_EQ(Bump.size(), 1u);
  EXPECT_TRUE(Bump[0].Orm);
  EXPECT_EQ(Bump[0].Table, "User");
  EXPECT_EQ(Bump[0].Column, "visits");
  ASSERT_TRUE(Bump[0].Inc.has_value());
  EXPECT_EQ(Bump[0].Inc->Op, '+');
  auto Guarded = findLostUpdates(X.flow("guarded"), RaceOptions());
  ASSERT_EQ(Guarded.size(), 1u);
  EXPECT_TRUE(Guarded[0].OldValueGuards);
  EXPECT_TRUE(findLostUpdates(X.flow("reset"), RaceOptions()).empty());
  EXPECT_TRUE(findLostUpdates(X.flow("notLoaded"), RaceOptions()).empty());
}

//===--- check-then-insert
//----------------------------------------------------------===//

TEST(RaceAnalysisTest, CheckThenInsertPolarity) {
  Fixture X(R"cpp(
    void early(db::Tx &t, int k) {
      db::Result r = t.exec("SELECT id FROM c WHERE k = $1", k);
      if (!r.empty())
        return;
      t.exec("INSERT INTO c (k) VALUES ($1)", k);
    }
    void branch(db::Tx &t, int k) {
      db::Result r = t.exec("SELECT count(*) FROM c WHERE k = $1", k);
      if (r[0][0].asInt() > 0) {
      } else {
        t.exec("INSERT INTO c (k) VALUES ($1)", k);
      }
    }
    void flag(db::Tx &t, int k) {
      bool none = t.exec("SELECT id FROM c WHERE k = $1", k).size() == 0;
      if (none && k > 0)
        t.exec("INSERT INTO c (k) VALUES ($1)", k);
    }
    void found(db::Tx &t, int k) {
      db::Result r = t.exec("SELECT id FROM c WHERE k = $1", k);
      if (r.empty())
        return;
      t.exec("INSERT INTO c (k) VALUES ($1)", k);
    }
    void conflict(db::Tx &t, int k) {
      db::Result r = t.exec("SELECT id FROM c WHERE k = $1", k);
      if (r.empty())
        t.exec("INSERT INTO c (k) VALUES ($1) ON CONFLICT DO NOTHING", k);
    }
    void ormCount(orm::Store &s, int id) {
      if (s.count<Comment>(id) == 0)
        s.insert(Comment{0, id});
      if (s.count<Comment>(id) == 0)
        s.replace(Comment{0, id});
    })cpp");
  SqlSchema Empty;
  OrmSchema Orm;
  for (const char *Fn : {"early", "branch", "flag", "ormCount"}) {
    auto C = findCheckThenInserts(X.flow(Fn), Empty, Orm);
    ASSERT_EQ(C.size(), 1u) << Fn;
    EXPECT_NE(C[0].Decision, nullptr);
  }
  for (const char *Fn : {"found", "conflict"})
    EXPECT_TRUE(findCheckThenInserts(X.flow(Fn), Empty, Orm).empty()) << Fn;

  SqlSchema Schema;
  Schema.addDdl("CREATE TABLE c (id int PRIMARY KEY, k int UNIQUE);", "s.sql");
  auto Backed = findCheckThenInserts(X.flow("early"), Schema, Orm);
  ASSERT_EQ(Backed.size(), 1u);
  ASSERT_NE(Backed[0].Key, nullptr);
  EXPECT_EQ(Backed[0].Key->Columns, (std::vector<std::string>{"k"}));
}

//===--- hooks
//-------------------------------------------------------------------===//

TEST(RaceAnalysisTest, HooksFromProfilesAndRegistrations) {
  Fixture X(R"cpp(
    struct Listener {
      void afterCommentSaved(orm::Store &s, const Comment &c) {
        Post p = s.get<Post>(c.post);
        p.comments = s.count<Comment>(c.post);
        s.update(p);
      }
      void notAHook(int) {}
    };
    void onComment(const Comment &c);
    void wire() { app::on_saved<Comment>(&onComment); }
    void onComment(const Comment &c) {
      orm::Store s;
      s.remove<Post>(c.post);
    })cpp");
  const FunctionDecl *Hook = X.function("afterCommentSaved");
  ASSERT_NE(Hook, nullptr);
  auto H = hookByProfile(Hook, *X.Profiles, X.AST->getASTContext());
  ASSERT_TRUE(H.has_value());
  EXPECT_EQ(H->Event, "after-save");
  EXPECT_FALSE(
      hookByProfile(X.function("notAHook"), *X.Profiles, X.AST->getASTContext())
          .has_value());
  FunctionFlow &F = X.Flow->flowFor(H->Body, H->Owner);
  auto Writes = analyzeHook(F, *H, RaceOptions());
  ASSERT_EQ(Writes.size(), 1u);
  EXPECT_EQ(Writes[0].K, HookWrite::Kind::Recount);
  ASSERT_NE(Writes[0].Count, nullptr);
  EXPECT_TRUE(isCountQuery(*Writes[0].Count));

  auto Calls =
      match(callExpr(callee(functionDecl(hasName("on_saved")))).bind("c"),
            X.AST->getASTContext());
  ASSERT_EQ(Calls.size(), 1u);
  const auto *Call = Calls[0].getNodeAs<CallExpr>("c");
  auto C = X.Classifier->classify(Call, X.AST->getASTContext());
  ASSERT_TRUE(C.has_value());
  auto Registered = hooksRegisteredBy(Call, *C, X.AST->getASTContext());
  ASSERT_EQ(Registered.size(), 1u);
  EXPECT_EQ(Registered[0].Event, "after-insert");
  FunctionFlow &G = X.Flow->flowFor(Registered[0].Body, Registered[0].Owner);
  auto Deletes = analyzeHook(G, Registered[0], RaceOptions());
  ASSERT_EQ(Deletes.size(), 1u);
  EXPECT_EQ(Deletes[0].K, HookWrite::Kind::Delete);
}

} // namespace
