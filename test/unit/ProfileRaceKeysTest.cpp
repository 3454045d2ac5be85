//===--- ProfileRaceKeysTest.cpp - profile keys of the race checks
//---------===//
//
// The `calls` keys, kinds, roles and sections that db-read-modify-write,
// db-check-then-insert and db-save-in-hook read, and the errors for their
// misuse.
//
//===----------------------------------------------------------------------===//
#include "lib/Profile.h"

#include "gtest/gtest.h"

using namespace dbtidy;

namespace {

std::optional<Profile> parse(const std::string &Text, ProfileError &Error) {
  return parseProfile(Text, "p.yaml", Error);
}

TEST(ProfileRaceKeysTest, ValueFlowKeys) {
  ProfileError E;
  auto P = parse(R"yaml(version: 1
name: p
calls:
  - function: lib::Row::get
    kind: column
    column-arg: 0
    row-arg: 1
  - function: lib::Stmt::bind
    kind: prepare
    param-arg: 0
    param-base: 0
    value-arg: 1
  - function: lib::into
    kind: prepare
    into-arg: 0
  - function: lib::Tx::exec
    kind: execute
    sql-arg: 0
    params-from-arg: 1
  - function: lib::exec_array
    kind: execute
    params-array-arg: 3
  - function: lib::Db::scalar
    kind: query
    returns-column: 0
  - function: lib::Store::replace
    kind: insert
    upsert: true
  - function: lib::Builder::lockForUpdate
    kind: prepare
    locks-rows: true
  - function: lib::Store::update
    kind: update
    atomic-rewrite: "{receiver}inc({field}, {amount})"
  - function: lib::Events::on
    kind: hook-register
    callback-arg: 1
    event: after-insert
  - function: lib::Store::transaction
    kind: transaction-scope
    callback-arg: 0
  - function: lib::column
    kind: schema
    column-arg: 0
    value-arg: 1
  - function: lib::unique
    kind: schema
    constraint: unique
types:
  - name: lib::Db
    role: serializable
  - name: lib::Ptr
    role: versioned
    version-trait: lib::traits::version
hooks:
  - method: 'on*'
    params: [lib::Helper*]
    event: after-update
  - function: app::Base::afterSave
schema-files: [schema.sql, migrations/0002.sql]
)yaml",
                 E);
  ASSERT_TRUE(P.has_value()) << E.format();
  ASSERT_EQ(P->Calls.size(), 13u);
  EXPECT_EQ(P->Calls[0].Kind, CallKind::Column);
  EXPECT_EQ(P->Calls[0].ColumnArg, 0u);
  EXPECT_EQ(P->Calls[0].RowArg, 1u);
  EXPECT_EQ(P->Calls[1].ParamArg, 0u);
  EXPECT_EQ(P->Calls[1].ParamBase, 0u);
  EXPECT_EQ(P->Calls[1].ValueArg, 1u);
  EXPECT_EQ(P->Calls[2].IntoArg, 0u);
  EXPECT_EQ(P->Calls[3].ParamsFromArg, 1u);
  EXPECT_EQ(P->Calls[4].ParamsArrayArg, 3u);
  EXPECT_EQ(P->Calls[5].ReturnsColumn, 0u);
  EXPECT_TRUE(P->Calls[6].Upsert);
  EXPECT_TRUE(P->Calls[7].LocksRows);
  EXPECT_EQ(P->Calls[8].AtomicRewrite, "{receiver}inc({field}, {amount})");
  EXPECT_EQ(P->Calls[9].CallbackArg, 1u);
  EXPECT_EQ(P->Calls[9].Event, "after-insert");
  EXPECT_EQ(P->Calls[10].Kind, CallKind::TransactionScope);
  EXPECT_EQ(P->Calls[11].Kind, CallKind::Schema);
  EXPECT_EQ(P->Calls[12].Constraint, "unique");
  ASSERT_EQ(P->Types.size(), 2u);
  EXPECT_EQ(P->Types[0].Role, TypeRole::Serializable);
  EXPECT_EQ(P->Types[1].Role, TypeRole::Versioned);
  EXPECT_EQ(P->Types[1].VersionTrait, "lib::traits::version");
  ASSERT_EQ(P->Hooks.size(), 2u);
  EXPECT_EQ(P->Hooks[0].Method, "on*");
  ASSERT_TRUE(P->Hooks[0].Params.has_value());
  EXPECT_EQ(P->Hooks[0].Event, "after-update");
  EXPECT_EQ(P->Hooks[1].Function, "app::Base::afterSave");
  EXPECT_EQ(P->Hooks[1].Event, "any");
  EXPECT_EQ(P->SchemaFiles,
            (std::vector<std::string>{"schema.sql", "migrations/0002.sql"}));
  ASSERT_EQ(P->SchemaFilePositions.size(), 2u);
  EXPECT_GT(P->SchemaFilePositions[0].Line, 0u);
}

TEST(ProfileRaceKeysTest, NewKindsAreNoRoundTrips) {
  EXPECT_FALSE(isRoundTrip(CallKind::Column));
  EXPECT_FALSE(isRoundTrip(CallKind::Schema));
  EXPECT_TRUE(isRoundTrip(CallKind::TransactionScope));
  EXPECT_EQ(callKindName(CallKind::Column), "column");
  EXPECT_EQ(parseCallKind("transaction-scope"), CallKind::TransactionScope);
  EXPECT_EQ(typeRoleName(TypeRole::Serializable), "serializable");
  EXPECT_EQ(parseTypeRole("versioned"), TypeRole::Versioned);
}

TEST(ProfileRaceKeysTest, Errors) {
  struct Case {
    const char *Text;
    const char *Message;
  } Cases[] = {
      {"version: 1\nname: p\ncalls:\n  - function: f\n    kind: column\n",
       "a 'column' entry needs a 'column-arg'"},
      {"version: 1\nname: p\ncalls:\n  - function: f\n    kind: prepare\n"
       "    param-arg: 0\n",
       "'param-arg' needs a 'value-arg'"},
      {"version: 1\nname: p\ncalls:\n  - function: f\n    kind: prepare\n"
       "    value-arg: 1\n    param-base: 2\n",
       "'param-base' must be 0 or 1"},
      {"version: 1\nname: p\ncalls:\n  - function: f\n    kind: hook-register\n"
       "    event: after-lunch\n",
       "unknown event 'after-lunch'"},
      {"version: 1\nname: p\ncalls:\n  - function: f\n    kind: schema\n"
       "    constraint: check\n",
       "'constraint' must be primary-key or unique"},
      {"version: 1\nname: p\ncalls:\n  - function: f\n    kind: insert\n"
       "    upsert: maybe\n",
       "'upsert' must be true or false"},
      {"version: 1\nname: p\nhooks:\n  - method: a::b\n",
       "'method' is an unqualified method name"},
      {"version: 1\nname: p\nhooks:\n  - method: f\n    function: g\n",
       "exactly one of 'method' or 'function'"},
      {"version: 1\nname: p\nhooks:\n  - method: f\n    when: later\n",
       "unknown key 'when' in a 'hooks' entry"},
      {"version: 1\nname: p\nhooks: {method: f}\n", "'hooks' must be a list"},
      {"version: 1\nname: p\nschema-files: schema.sql\n",
       "'schema-files' must be a list"},
  };
  for (const Case &C : Cases) {
    ProfileError E;
    EXPECT_FALSE(parse(C.Text, E).has_value()) << C.Text;
    EXPECT_NE(E.Message.find(C.Message), std::string::npos)
        << "got: " << E.format() << "\nfor:\n"
        << C.Text;
    EXPECT_GT(E.Line, 0u) << C.Text;
  }
}

} // namespace
