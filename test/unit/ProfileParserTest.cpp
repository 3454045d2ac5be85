//===--- ProfileParserTest.cpp - parseProfile and ProfileError ------------===//
//
// The YAML schema of docs/profiles.md: what a valid profile turns into, and
// where (line:column) and how each kind of mistake is reported.
//
//===----------------------------------------------------------------------===//
#include "lib/Profile.h"

#include "gtest/gtest.h"

#include <string>
#include <utility>

using namespace dbtidy;

namespace {

/// 1-based line and column of the first occurrence of Needle in Text.
std::pair<unsigned, unsigned> positionOf(const std::string &Text,
                                         const std::string &Needle) {
  size_t Offset = Text.find(Needle);
  EXPECT_NE(Offset, std::string::npos) << "marker '" << Needle << "' missing";
  unsigned Line = 1, Column = 1;
  for (size_t I = 0; I < Offset && I < Text.size(); ++I) {
    if (Text[I] == '\n') {
      ++Line;
      Column = 1;
    } else {
      ++Column;
    }
  }
  return {Line, Column};
}

/// Parses Text, expecting failure; returns the error.
ProfileError parseError(const std::string &Text,
                        const std::string &File = "p.yaml") {
  ProfileError Error;
  std::optional<Profile> P = parseProfile(Text, File, Error);
  EXPECT_FALSE(P.has_value()) << "expected a parse error for:\n" << Text;
  return Error;
}

Profile parseOk(const std::string &Text, const std::string &File = "p.yaml") {
  ProfileError Error;
  std::optional<Profile> P = parseProfile(Text, File, Error);
  EXPECT_TRUE(P.has_value()) << Error.format();
  return P ? std::move(*P) : Profile();
}

#define EXPECT_ERROR_AT(Err, Text, Marker)                                     \
  do {                                                                         \
    auto Pos_ = positionOf(Text, Marker);                                      \
    EXPECT_EQ((Err).Line, Pos_.first) << (Err).format();                       \
    EXPECT_EQ((Err).Column, Pos_.second) << (Err).format();                    \
  } while (0)

const char *const FullProfile = R"(version: 1
name: shop
description: Shop repositories
calls:
  - function: shop::Repo::findById
    kind: fetch-by-id
    entity: Order
  - constructor: shop::Stmt
    params: [shop::Db, QString]
    min-args: 2
    kind: prepare
    sql-arg: 1
    round-trip-at: construction
  - function: QSqlQuery::exec
    params: []
    kind: execute-prepared
  - function: mtx_lock
    kind: lock
    mutex-arg: 0
    shared: true
  - function: soci::session::operator<<
    kind: execute
    sql-arg: 0
    round-trip-at: full-expression-end
  - function: pqxx::transaction_base::exec*
    kind: execute
types:
  - name: shop::UnitOfWork
    role: transaction
  - name: std::shared_lock
    role: lock-guard
    mutex-arg: 0
    shared: yes
include: [db/a.yaml, "b.yaml"]
disable-builtin: [wtdbo, odb]
)";

TEST(ProfileParserTest, ValidProfileTopLevel) {
  Profile P = parseOk(FullProfile, "dir/shop.yaml");
  EXPECT_EQ(P.Name, "shop");
  EXPECT_EQ(P.Description, "Shop repositories");
  EXPECT_EQ(P.SourceFile, "dir/shop.yaml");
  ASSERT_EQ(P.Calls.size(), 6u);
  ASSERT_EQ(P.Types.size(), 2u);
  EXPECT_EQ(P.Includes, (std::vector<std::string>{"db/a.yaml", "b.yaml"}));
  EXPECT_EQ(P.DisabledBuiltins, (std::vector<std::string>{"wtdbo", "odb"}));
}

TEST(ProfileParserTest, ValidProfileFunctionRule) {
  std::string Text = FullProfile;
  Profile P = parseOk(Text, "dir/shop.yaml");
  ASSERT_GE(P.Calls.size(), 1u);
  const CallRule &R = P.Calls[0];
  EXPECT_EQ(R.Pattern, "shop::Repo::findById");
  EXPECT_FALSE(R.IsConstructor);
  EXPECT_EQ(R.Kind, CallKind::FetchById);
  EXPECT_EQ(R.Entity, "Order");
  EXPECT_FALSE(R.Params.has_value()) << "no 'params' means any signature";
  EXPECT_EQ(R.MinArgs, 0u);
  EXPECT_FALSE(R.SqlArg.has_value());
  EXPECT_EQ(R.At, RoundTripAt::Call);
  EXPECT_EQ(R.ProfileName, "shop");
  EXPECT_EQ(R.Origin.File, "dir/shop.yaml");
  auto Pos = positionOf(Text, "function: shop::Repo::findById");
  EXPECT_EQ(R.Origin.Line, Pos.first);
  EXPECT_EQ(R.Origin.Column, Pos.second);
}

TEST(ProfileParserTest, ValidProfileConstructorRuleWithParamsMinArgsSqlArg) {
  Profile P = parseOk(FullProfile);
  ASSERT_GE(P.Calls.size(), 2u);
  const CallRule &R = P.Calls[1];
  EXPECT_EQ(R.Pattern, "shop::Stmt");
  EXPECT_TRUE(R.IsConstructor);
  ASSERT_TRUE(R.Params.has_value());
  EXPECT_EQ(*R.Params, (std::vector<std::string>{"shop::Db", "QString"}));
  EXPECT_EQ(R.MinArgs, 2u);
  EXPECT_EQ(R.Kind, CallKind::Prepare);
  ASSERT_TRUE(R.SqlArg.has_value());
  EXPECT_EQ(*R.SqlArg, 1u);
  EXPECT_EQ(R.At, RoundTripAt::Construction);
}

TEST(ProfileParserTest, EmptyParamsListMeansNoParameters) {
  Profile P = parseOk(FullProfile);
  ASSERT_GE(P.Calls.size(), 3u);
  const CallRule &R = P.Calls[2];
  EXPECT_EQ(R.Pattern, "QSqlQuery::exec");
  ASSERT_TRUE(R.Params.has_value()) << "'params: []' must differ from absent";
  EXPECT_TRUE(R.Params->empty());
  EXPECT_EQ(R.Kind, CallKind::ExecutePrepared);
}

TEST(ProfileParserTest, LockRuleMutexArgAndShared) {
  Profile P = parseOk(FullProfile);
  ASSERT_GE(P.Calls.size(), 4u);
  const CallRule &R = P.Calls[3];
  EXPECT_EQ(R.Kind, CallKind::Lock);
  ASSERT_TRUE(R.MutexArg.has_value());
  EXPECT_EQ(*R.MutexArg, 0u);
  EXPECT_TRUE(R.Shared);
  EXPECT_FALSE(P.Calls[0].Shared);
}

TEST(ProfileParserTest, OperatorNamesAndWildcardsAreAccepted) {
  Profile P = parseOk(FullProfile);
  ASSERT_EQ(P.Calls.size(), 6u);
  EXPECT_EQ(P.Calls[5].Pattern, "pqxx::transaction_base::exec*");
  EXPECT_EQ(P.Calls[5].Kind, CallKind::Execute);
  EXPECT_FALSE(P.Calls[5].SqlArg.has_value());
  // The operator rule, with '<' in its name, is not a template-args error.
  bool SawOperator = false;
  for (const CallRule &R : P.Calls)
    if (R.Pattern == "soci::session::operator<<") {
      SawOperator = true;
      EXPECT_EQ(R.At, RoundTripAt::FullExpressionEnd);
      EXPECT_EQ(R.SqlArg, std::optional<unsigned>(0));
    }
  EXPECT_TRUE(SawOperator);
}

TEST(ProfileParserTest, ValidProfileTypes) {
  std::string Text = FullProfile;
  Profile P = parseOk(Text, "t.yaml");
  ASSERT_EQ(P.Types.size(), 2u);
  EXPECT_EQ(P.Types[0].Name, "shop::UnitOfWork");
  EXPECT_EQ(P.Types[0].Role, TypeRole::Transaction);
  EXPECT_FALSE(P.Types[0].Shared);
  EXPECT_EQ(P.Types[0].ProfileName, "shop");
  auto Pos = positionOf(Text, "name: shop::UnitOfWork");
  EXPECT_EQ(P.Types[0].Origin.Line, Pos.first);
  EXPECT_EQ(P.Types[0].Origin.Column, Pos.second);
  EXPECT_EQ(P.Types[1].Role, TypeRole::LockGuard);
  EXPECT_TRUE(P.Types[1].Shared) << "'yes' is a YAML boolean";
  EXPECT_EQ(P.Types[1].MutexArg, std::optional<unsigned>(0));
}

TEST(ProfileParserTest, IncludePositionsPointAtEachEntry) {
  std::string Text = FullProfile;
  Profile P = parseOk(Text, "cfg.yaml");
  ASSERT_EQ(P.IncludePositions.size(), 2u);
  auto A = positionOf(Text, "db/a.yaml");
  auto B = positionOf(Text, "\"b.yaml\"");
  EXPECT_EQ(P.IncludePositions[0].File, "cfg.yaml");
  EXPECT_EQ(P.IncludePositions[0].Line, A.first);
  EXPECT_EQ(P.IncludePositions[0].Column, A.second);
  EXPECT_EQ(P.IncludePositions[1].Line, B.first);
  EXPECT_EQ(P.IncludePositions[1].Column, B.second);
}

TEST(ProfileParserTest, MinimalProfileHasNoRules) {
  Profile P = parseOk("version: 1\nname: bare\n");
  EXPECT_EQ(P.Name, "bare");
  EXPECT_TRUE(P.Calls.empty());
  EXPECT_TRUE(P.Types.empty());
  EXPECT_TRUE(P.Includes.empty());
  EXPECT_TRUE(P.DisabledBuiltins.empty());
}

TEST(ProfileParserTest, EveryDocumentedKindAndRoleParses) {
  const char *Kinds[] = {
      "query", "fetch-by-id", "insert", "update", "delete", "save",
      "execute", "execute-prepared", "step", "prepare", "cursor-next",
      "lazy-load", "transaction-begin", "transaction-commit",
      "transaction-rollback", "row-lock", "lock", "unlock", "try-lock",
      "hook-register"};
  for (const char *Kind : Kinds) {
    std::optional<CallKind> K = parseCallKind(Kind);
    ASSERT_TRUE(K.has_value()) << Kind;
    EXPECT_EQ(callKindName(*K), Kind);
  }
  const char *Roles[] = {"transaction", "statement",    "result-set",
                         "connection",  "lock-guard",   "lazy-pointer",
                         "entity-base"};
  for (const char *Role : Roles) {
    std::optional<TypeRole> R = parseTypeRole(Role);
    ASSERT_TRUE(R.has_value()) << Role;
    EXPECT_EQ(typeRoleName(*R), Role);
  }
  EXPECT_FALSE(parseCallKind("Query").has_value()) << "kinds are lowercase";
  EXPECT_FALSE(parseTypeRole("resultset").has_value());
}

TEST(ProfileParserTest, RoundTripAndWriteKinds) {
  EXPECT_TRUE(isRoundTrip(CallKind::Query));
  EXPECT_TRUE(isRoundTrip(CallKind::Step));
  EXPECT_TRUE(isRoundTrip(CallKind::TransactionBegin));
  EXPECT_FALSE(isRoundTrip(CallKind::Prepare));
  EXPECT_FALSE(isRoundTrip(CallKind::CursorNext));
  EXPECT_FALSE(isRoundTrip(CallKind::Lock));
  EXPECT_FALSE(isRoundTrip(CallKind::HookRegister));
  EXPECT_TRUE(isWrite(CallKind::Save));
  EXPECT_TRUE(isWrite(CallKind::Delete));
  EXPECT_FALSE(isWrite(CallKind::Execute)) << "depends on the SQL text";
  EXPECT_FALSE(isWrite(CallKind::Query));
}

//===--- errors ------------------------------------------------------------===//

TEST(ProfileParserTest, FormatIsFileLineColErrorMessage) {
  ProfileError E;
  E.File = "x/p.yaml";
  E.Line = 3;
  E.Column = 7;
  E.Message = "boom";
  EXPECT_EQ(E.format(), "x/p.yaml:3:7: error: boom");
  E.Column = 0;
  EXPECT_EQ(E.format(), "x/p.yaml:3: error: boom");
  E.Line = 0;
  EXPECT_EQ(E.format(), "x/p.yaml: error: boom");
}

TEST(ProfileParserTest, ErrorFormatFromParser) {
  std::string Text = "version: 1\nname: x\nbogus: 1\n";
  ProfileError E = parseError(Text, "conf/p.yaml");
  EXPECT_EQ(E.File, "conf/p.yaml");
  EXPECT_EQ(E.format(),
            "conf/p.yaml:3:1: error: unknown key 'bogus' in a profile "
            "(expected one of: version, name, description, calls, types, "
            "hooks, include, disable-builtin, schema-files, lock-order)");
}

TEST(ProfileParserTest, MalformedYamlUnclosedBracket) {
  std::string Text = "version: 1\nname: x\ncalls: [a, b\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(llvm::StringRef(E.Message).starts_with("malformed YAML: "), true)
      << E.Message;
  EXPECT_GT(E.Message.size(), std::string("malformed YAML: ").size());
  // yaml-cpp notices the missing ']' where the input ends (line 4); the
  // position is never unknown.
  EXPECT_NE(E.Message.find("end of sequence flow not found"), std::string::npos)
      << E.Message;
  EXPECT_GE(E.Line, 3u) << E.format();
  EXPECT_LE(E.Line, 4u) << E.format();
  EXPECT_GE(E.Column, 1u) << E.format();
  EXPECT_EQ(llvm::StringRef(E.format()).starts_with("p.yaml:"), true);
}

TEST(ProfileParserTest, MalformedYamlBadIndentation) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "   kind: query\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(llvm::StringRef(E.Message).starts_with("malformed YAML: "), true)
      << E.Message;
  // Reported at the under-indented key.
  EXPECT_ERROR_AT(E, Text, "kind: query");
  EXPECT_EQ(E.format(), "p.yaml:5:4: error: " + E.Message);
}

TEST(ProfileParserTest, MalformedYamlTabIndentedMapping) {
  std::string Text = "version: 1\nname: x\ncalls:\n\t- function: a\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(llvm::StringRef(E.Message).starts_with("malformed YAML"), true)
      << E.Message;
  EXPECT_EQ(E.Line, 4u) << E.format();
  EXPECT_EQ(E.Column, 2u) << E.format();
}

TEST(ProfileParserTest, MalformedYamlOverIndentedKey) {
  std::string Text = "version: 1\nname: x\n  bad: 2\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(E.format(), "p.yaml:3:6: error: malformed YAML: illegal map value");
}

TEST(ProfileParserTest, UnknownTopLevelKey) {
  std::string Text = "version: 1\nname: x\ncalsl: []\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "calsl");
  EXPECT_NE(E.Message.find("unknown key 'calsl'"), std::string::npos)
      << E.Message;
  EXPECT_NE(E.Message.find("calls"), std::string::npos)
      << "the message lists the allowed keys: " << E.Message;
}

TEST(ProfileParserTest, UnknownKeyInCallsEntry) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    kind: query\n"
                     "    sqlarg: 0\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "sqlarg");
  EXPECT_NE(E.Message.find("unknown key 'sqlarg' in a 'calls' entry"),
            std::string::npos)
      << E.Message;
  EXPECT_NE(E.Message.find("sql-arg"), std::string::npos)
      << "the message lists the allowed keys: " << E.Message;
}

TEST(ProfileParserTest, UnknownKeyInTypesEntry) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "types:\n"
                     "  - name: a::T\n"
                     "    rol: transaction\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "rol:");
  EXPECT_NE(E.Message.find("unknown key 'rol' in a 'types' entry"),
            std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, BothFunctionAndConstructor) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    constructor: a::C\n"
                     "    kind: query\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "function: a::b");
  EXPECT_NE(E.Message.find("exactly one of 'function' or 'constructor'"),
            std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, NeitherFunctionNorConstructor) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: ok::f\n"
                     "    kind: query\n"
                     "  - kind: query\n"
                     "    entity: Order\n";
  ProfileError E = parseError(Text);
  // The second entry is the bad one.
  EXPECT_ERROR_AT(E, Text, "kind: query\n    entity");
  EXPECT_NE(E.Message.find("exactly one of 'function' or 'constructor'"),
            std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, MissingKind) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    sql-arg: 0\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "function: a::b");
  EXPECT_NE(E.Message.find("needs a 'kind'"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, UnknownKind) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    kind: qurey\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "qurey");
  EXPECT_NE(E.Message.find("unknown call kind 'qurey'"), std::string::npos)
      << E.Message;
  EXPECT_NE(E.Message.find("docs/profiles.md"), std::string::npos)
      << "points at the documentation: " << E.Message;
}

TEST(ProfileParserTest, UnknownRole) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "types:\n"
                     "  - name: a::T\n"
                     "    role: trnsaction\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "trnsaction");
  EXPECT_NE(E.Message.find("unknown type role 'trnsaction'"),
            std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, MissingRole) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "types:\n"
                     "  - name: a::T\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "name: a::T");
  EXPECT_NE(E.Message.find("needs a 'role'"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, NonIntegerSqlArg) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    kind: execute\n"
                     "    sql-arg: first\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "first");
  EXPECT_NE(E.Message.find("'sql-arg' must be a non-negative integer"),
            std::string::npos)
      << E.Message;
  EXPECT_NE(E.Message.find("'first'"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, NegativeSqlArg) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    kind: execute\n"
                     "    sql-arg: -1\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "-1");
  EXPECT_NE(E.Message.find("non-negative integer"), std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, SqlArgAsListIsRejected) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    kind: execute\n"
                     "    sql-arg: [0]\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "[0]");
  EXPECT_NE(E.Message.find("'sql-arg'"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, BadRoundTripAt) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::b\n"
                     "    kind: execute\n"
                     "    round-trip-at: later\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "later");
  EXPECT_NE(E.Message.find("got 'later'"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, BadBoolean) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: a::lock\n"
                     "    kind: lock\n"
                     "    shared: sometimes\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "sometimes");
  EXPECT_NE(E.Message.find("'shared' must be true or false"),
            std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, UnsupportedVersion) {
  std::string Text = "version: 2\nname: x\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(E.Line, 1u);
  EXPECT_EQ(E.Column, 10u) << "points at the value";
  EXPECT_NE(E.Message.find("unsupported profile version 2"), std::string::npos)
      << E.Message;
  EXPECT_NE(E.Message.find("version 1"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, MissingVersion) {
  std::string Text = "name: x\ncalls: []\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(E.Line, 1u);
  EXPECT_EQ(E.Column, 1u);
  EXPECT_NE(E.Message.find("needs 'version: 1'"), std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, MissingName) {
  std::string Text = "version: 1\ncalls: []\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(E.Line, 1u);
  EXPECT_EQ(E.Column, 1u);
  EXPECT_NE(E.Message.find("needs a 'name'"), std::string::npos) << E.Message;
}

TEST(ProfileParserTest, EmptyDocument) {
  ProfileError E = parseError("", "empty.yaml");
  EXPECT_EQ(E.Message, "the profile is empty");
  EXPECT_EQ(E.format(), "empty.yaml: error: the profile is empty");

  ProfileError C = parseError("# only a comment\n\n", "c.yaml");
  EXPECT_EQ(C.Message, "the profile is empty");
  EXPECT_EQ(C.File, "c.yaml");
}

TEST(ProfileParserTest, DocumentNotAMapping) {
  std::string Text = "- version: 1\n- name: x\n";
  ProfileError E = parseError(Text);
  EXPECT_EQ(E.Line, 1u);
  EXPECT_EQ(E.Column, 1u);
  EXPECT_NE(E.Message.find("a profile must be a mapping"), std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, CallsMustBeAList) {
  std::string Text = "version: 1\nname: x\ncalls:\n  function: a::b\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "function: a::b");
  EXPECT_NE(E.Message.find("'calls' must be a list"), std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, CallsEntryMustBeAMapping) {
  std::string Text = "version: 1\nname: x\ncalls:\n  - a::b\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "a::b");
  EXPECT_NE(E.Message.find("a 'calls' entry must be a mapping"),
            std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, TemplateArgumentsInFunctionName) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "calls:\n"
                     "  - function: ns::Vec<int>::push\n"
                     "    kind: query\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "ns::Vec<int>");
  EXPECT_NE(E.Message.find("without template arguments"), std::string::npos)
      << E.Message;
  EXPECT_NE(E.Message.find("ns::Vec<int>::push"), std::string::npos)
      << "quotes the offending name: " << E.Message;
}

TEST(ProfileParserTest, TemplateArgumentsInTypeName) {
  std::string Text = "version: 1\n"
                     "name: x\n"
                     "types:\n"
                     "  - name: std::lock_guard<std::mutex>\n"
                     "    role: lock-guard\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "std::lock_guard<");
  EXPECT_NE(E.Message.find("without template arguments"), std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, LeadingColonsAndEmptyNames) {
  {
    std::string Text = "version: 1\nname: x\ncalls:\n"
                       "  - function: ::a::b\n    kind: query\n";
    ProfileError E = parseError(Text);
    EXPECT_ERROR_AT(E, Text, "::a::b");
    EXPECT_NE(E.Message.find("leading '::'"), std::string::npos) << E.Message;
  }
  {
    std::string Text = "version: 1\nname: x\ncalls:\n"
                       "  - constructor: \"\"\n    kind: prepare\n";
    ProfileError E = parseError(Text);
    EXPECT_ERROR_AT(E, Text, "\"\"");
    EXPECT_NE(E.Message.find("must not be empty"), std::string::npos)
        << E.Message;
  }
}

TEST(ProfileParserTest, ParamsMustBeAList) {
  std::string Text = "version: 1\nname: x\ncalls:\n"
                     "  - function: a::b\n    params: QString\n"
                     "    kind: query\n";
  ProfileError E = parseError(Text);
  EXPECT_ERROR_AT(E, Text, "QString");
  EXPECT_NE(E.Message.find("'params' must be a list"), std::string::npos)
      << E.Message;
}

TEST(ProfileParserTest, ErrorResetsPreviousError) {
  ProfileError E;
  E.Message = "stale";
  E.Line = 99;
  std::optional<Profile> P = parseProfile("version: 1\nname: ok\n", "f", E);
  ASSERT_TRUE(P.has_value());
  EXPECT_TRUE(E.Message.empty());
  EXPECT_EQ(E.Line, 0u);
}

} // namespace
