//===--- ProfileLoaderTest.cpp - built-ins, .dbtidy.yaml, includes --------===//
#include "lib/CallClassifier.h"
#include "lib/ProfileLoader.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

using namespace dbtidy;
using namespace clang;
using namespace clang::ast_matchers;

namespace {

/// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
  TempDir() {
    llvm::SmallString<256> Dir;
    std::error_code EC =
        llvm::sys::fs::createUniqueDirectory("dbtidy-loader-test", Dir);
    EXPECT_FALSE(EC) << EC.message();
    // Make it absolute and canonical so comparisons with loader output work.
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Dir, Real))
      Dir = Real;
    Root = std::string(Dir);
  }
  ~TempDir() { llvm::sys::fs::remove_directories(Root); }

  /// Path of Rel (with '/' separators) inside the directory.
  std::string path(llvm::StringRef Rel) const {
    llvm::SmallString<256> P(Root);
    llvm::sys::path::append(P, Rel);
    return std::string(P);
  }

  /// Writes Text to Rel, creating parent directories.
  std::string write(llvm::StringRef Rel, llvm::StringRef Text) const {
    std::string P = path(Rel);
    EXPECT_FALSE(
        llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P)));
    std::ofstream Out(P, std::ios::binary);
    Out << Text.str();
    EXPECT_TRUE(Out.good()) << P;
    return P;
  }

  /// Creates directory Rel (and parents).
  std::string mkdir(llvm::StringRef Rel) const {
    std::string P = path(Rel);
    EXPECT_FALSE(llvm::sys::fs::create_directories(P));
    return P;
  }

  std::string Root;
};

std::vector<std::string> profileNames(const ProfileContext &Ctx) {
  std::vector<std::string> Names;
  for (const auto &P : Ctx.Profiles->profiles())
    Names.push_back(P->Name);
  return Names;
}

bool hasProfile(const ProfileContext &Ctx, llvm::StringRef Name) {
  for (const auto &P : Ctx.Profiles->profiles())
    if (P->Name == Name)
      return true;
  return false;
}

std::string joinErrors(const std::vector<ProfileError> &Errors) {
  std::string Out;
  for (const ProfileError &E : Errors)
    Out += E.format() + "\n";
  return Out;
}

std::string simpleProfile(llvm::StringRef Name, llvm::StringRef Extra = "") {
  return ("version: 1\nname: " + Name + "\n" + Extra).str();
}

//===--- built-ins ---------------------------------------------------------===//

TEST(ProfileLoaderTest, BuiltinProfilesAllParse) {
  std::vector<ProfileError> Errors = ProfileLoader::instance().validate({});
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
}

TEST(ProfileLoaderTest, EveryDocumentedBuiltinExists) {
  TempDir Dir;
  std::vector<ProfileError> Errors;
  ProfileContext Ctx = ProfileLoader::instance().forFile(
      Dir.path("src/main.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  ASSERT_TRUE(Ctx.Profiles);
  ASSERT_TRUE(Ctx.Classifier);
  for (const char *Name :
       {"sqlite3", "libpq", "libpqxx", "soci", "sqlitecpp", "qtsql",
        "poco-data", "sqlite-orm", "sqlpp11", "wtdbo", "odb", "tinyorm",
        "mutexes"})
    EXPECT_TRUE(hasProfile(Ctx, Name)) << "missing built-in profile " << Name;
  for (const auto &P : Ctx.Profiles->profiles()) {
    EXPECT_EQ(llvm::StringRef(P->SourceFile).starts_with("<builtin>/"), true)
        << P->Name << " from " << P->SourceFile;
    EXPECT_FALSE(P->Calls.empty() && P->Types.empty())
        << "built-in profile " << P->Name << " has no rules";
  }
  // Each built-in appears once.
  std::vector<std::string> Names = profileNames(Ctx);
  std::sort(Names.begin(), Names.end());
  EXPECT_EQ(std::adjacent_find(Names.begin(), Names.end()), Names.end());
}

TEST(ProfileLoaderTest, ValidateReportsBrokenFileWithPosition) {
  TempDir Dir;
  std::string Bad = Dir.write(
      "bad.yaml", "version: 1\nname: bad\ncalls:\n  - function: a::b\n"
                  "    kind: nope\n");
  std::vector<ProfileError> Errors = ProfileLoader::instance().validate({Bad});
  ASSERT_EQ(Errors.size(), 1u) << joinErrors(Errors);
  EXPECT_EQ(Errors[0].File, Bad);
  EXPECT_EQ(Errors[0].Line, 5u);
  EXPECT_EQ(Errors[0].Column, 11u);
  EXPECT_EQ(Errors[0].format().rfind(Bad + ":5:11: error: unknown call kind", 0),
            0u)
      << Errors[0].format();
}

TEST(ProfileLoaderTest, ValidateReportsMissingFile) {
  TempDir Dir;
  std::string Missing = Dir.path("nope.yaml");
  std::vector<ProfileError> Errors =
      ProfileLoader::instance().validate({Missing});
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_EQ(Errors[0].File, Missing);
  EXPECT_NE(Errors[0].Message.find("cannot read profile"), std::string::npos)
      << Errors[0].Message;
}

TEST(ProfileLoaderTest, ValidateFollowsIncludes) {
  TempDir Dir;
  std::string Top = Dir.write("top.yaml", simpleProfile("top", "include: [sub/inner.yaml]\n"));
  std::string Inner =
      Dir.write("sub/inner.yaml", "version: 1\nname: inner\nbogus: 1\n");
  std::vector<ProfileError> Errors = ProfileLoader::instance().validate({Top});
  ASSERT_EQ(Errors.size(), 1u) << joinErrors(Errors);
  EXPECT_EQ(Errors[0].File, Inner);
  EXPECT_EQ(Errors[0].Line, 3u);
}

//===--- .dbtidy.yaml discovery --------------------------------------------===//

TEST(ProfileLoaderTest, FindConfigFileWalksUp) {
  TempDir Dir;
  std::string Config = Dir.write(".dbtidy.yaml", simpleProfile("root"));
  Dir.mkdir("a/b/c");
  EXPECT_EQ(ProfileLoader::findConfigFile(Dir.path("a/b/c/x.cpp")), Config);
  EXPECT_EQ(ProfileLoader::findConfigFile(Dir.path("x.cpp")), Config);
}

TEST(ProfileLoaderTest, FindConfigFileNearestWins) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml", simpleProfile("outer"));
  std::string Inner = Dir.write("a/.dbtidy.yaml", simpleProfile("inner"));
  Dir.mkdir("a/b/c");
  EXPECT_EQ(ProfileLoader::findConfigFile(Dir.path("a/b/c/x.cpp")), Inner);
  EXPECT_EQ(ProfileLoader::findConfigFile(Dir.path("a/x.cpp")), Inner);
}

TEST(ProfileLoaderTest, FindConfigFileResolvesDotDot) {
  TempDir Dir;
  std::string Config = Dir.write("a/.dbtidy.yaml", simpleProfile("a"));
  Dir.mkdir("a/b");
  Dir.mkdir("other");
  // a/b/../../other/x.cpp is other/x.cpp: a/.dbtidy.yaml does not apply.
  std::string Found =
      ProfileLoader::findConfigFile(Dir.path("a/b/../../other/x.cpp"));
  EXPECT_NE(Found, Config);
  EXPECT_EQ(ProfileLoader::findConfigFile(Dir.path("other/../a/b/x.cpp")),
            Config);
}

TEST(ProfileLoaderTest, DirectoryNamedLikeConfigIsIgnored) {
  TempDir Dir;
  std::string Config = Dir.write(".dbtidy.yaml", simpleProfile("root"));
  Dir.mkdir("a/.dbtidy.yaml"); // a directory, not a config file
  EXPECT_EQ(ProfileLoader::findConfigFile(Dir.path("a/x.cpp")), Config);
}

TEST(ProfileLoaderTest, ForFileUsesNearestConfigBeforeBuiltins) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml", simpleProfile("outer-cfg"));
  Dir.write("proj/.dbtidy.yaml", simpleProfile("proj-cfg"));
  Dir.mkdir("proj/src/deep");
  std::vector<ProfileError> Errors;
  ProfileContext Ctx = ProfileLoader::instance().forFile(
      Dir.path("proj/src/deep/main.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  std::vector<std::string> Names = profileNames(Ctx);
  ASSERT_FALSE(Names.empty());
  EXPECT_EQ(Names.front(), "proj-cfg");
  EXPECT_FALSE(hasProfile(Ctx, "outer-cfg")) << "only the nearest applies";
  EXPECT_TRUE(hasProfile(Ctx, "sqlite3"));
}

TEST(ProfileLoaderTest, IncludeRelativeToConfig) {
  TempDir Dir;
  Dir.write("repo/.dbtidy.yaml",
            simpleProfile("cfg", "include: [tools/db/extra.yaml, ../shared.yaml]\n"));
  Dir.write("repo/tools/db/extra.yaml", simpleProfile("extra"));
  Dir.write("shared.yaml", simpleProfile("shared"));
  Dir.mkdir("repo/src");
  std::vector<ProfileError> Errors;
  ProfileContext Ctx = ProfileLoader::instance().forFile(
      Dir.path("repo/src/a.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  std::vector<std::string> Names = profileNames(Ctx);
  ASSERT_GE(Names.size(), 3u);
  // The config first, then its includes in order, then the built-ins.
  EXPECT_EQ(Names[0], "cfg");
  EXPECT_EQ(Names[1], "extra");
  EXPECT_EQ(Names[2], "shared");
}

TEST(ProfileLoaderTest, IncludeCycleTerminates) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml", simpleProfile("cfg", "include: [a.yaml]\n"));
  Dir.write("a.yaml", simpleProfile("a", "include: [b.yaml]\n"));
  Dir.write("b.yaml", simpleProfile("b", "include: [a.yaml, .dbtidy.yaml]\n"));
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  std::vector<std::string> Names = profileNames(Ctx);
  ASSERT_GE(Names.size(), 3u);
  EXPECT_EQ(Names[0], "cfg");
  EXPECT_EQ(Names[1], "a");
  EXPECT_EQ(Names[2], "b");
  EXPECT_EQ(std::count(Names.begin(), Names.end(), "a"), 1);
  EXPECT_EQ(std::count(Names.begin(), Names.end(), "cfg"), 1);
}

TEST(ProfileLoaderTest, MissingIncludeIsErrorAtIncludePosition) {
  TempDir Dir;
  std::string Config = Dir.write(
      ".dbtidy.yaml", "version: 1\n"
                      "name: cfg\n"
                      "include:\n"
                      "  - present.yaml\n"
                      "  - db/missing.yaml\n");
  Dir.write("present.yaml", simpleProfile("present"));
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  ASSERT_EQ(Errors.size(), 1u) << joinErrors(Errors);
  EXPECT_EQ(Errors[0].File, Config);
  EXPECT_EQ(Errors[0].Line, 5u);
  EXPECT_EQ(Errors[0].Column, 5u);
  EXPECT_NE(Errors[0].Message.find("'db/missing.yaml' does not exist"),
            std::string::npos)
      << Errors[0].Message;
  // Whatever could be read is still used.
  EXPECT_TRUE(hasProfile(Ctx, "cfg"));
  EXPECT_TRUE(hasProfile(Ctx, "present"));

  // Errors are reported again for the next file using the same config.
  std::vector<ProfileError> Again;
  ProfileLoader::instance().forFile(Dir.path("y.cpp"), {}, Again);
  EXPECT_EQ(Again.size(), 1u) << joinErrors(Again);
}

TEST(ProfileLoaderTest, BrokenConfigIsReportedAndBuiltinsStillLoad) {
  TempDir Dir;
  std::string Config =
      Dir.write(".dbtidy.yaml", "version: 1\nname: cfg\ncalsl: []\n");
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  ASSERT_EQ(Errors.size(), 1u) << joinErrors(Errors);
  EXPECT_EQ(Errors[0].format().rfind(Config + ":3:1: error: unknown key", 0),
            0u)
      << Errors[0].format();
  EXPECT_FALSE(hasProfile(Ctx, "cfg"));
  EXPECT_TRUE(hasProfile(Ctx, "libpq"));
}

TEST(ProfileLoaderTest, DisableBuiltinRemovesIt) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml",
            simpleProfile("cfg", "disable-builtin: [wtdbo, qtsql]\n"));
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  EXPECT_FALSE(hasProfile(Ctx, "wtdbo"));
  EXPECT_FALSE(hasProfile(Ctx, "qtsql"));
  EXPECT_TRUE(hasProfile(Ctx, "odb"));
  EXPECT_TRUE(hasProfile(Ctx, "cfg"));

  // No rule of a disabled profile is a candidate any more.
  llvm::SmallVector<const CallRule *, 8> Rules;
  Ctx.Profiles->candidateRules("exec", false, Rules);
  for (const CallRule *R : Rules)
    EXPECT_NE(R->ProfileName, "qtsql") << R->Pattern;
}

TEST(ProfileLoaderTest, DisableBuiltinFromIncludedFile) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml", simpleProfile("cfg", "include: [inc.yaml]\n"));
  Dir.write("inc.yaml", simpleProfile("inc", "disable-builtin: [soci]\n"));
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  EXPECT_FALSE(hasProfile(Ctx, "soci"));
  EXPECT_TRUE(hasProfile(Ctx, "libpqxx"));
}

TEST(ProfileLoaderTest, WithoutConfigOnlyBuiltins) {
  TempDir Dir;
  Dir.mkdir("src");
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("src/x.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  ASSERT_TRUE(Ctx.Profiles);
  for (const auto &P : Ctx.Profiles->profiles())
    EXPECT_EQ(llvm::StringRef(P->SourceFile).starts_with("<builtin>/"), true)
        << P->SourceFile;
}

TEST(ProfileLoaderTest, ExplicitFilesComeFirst) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml", simpleProfile("cfg"));
  std::string E1 = Dir.write("e1.yaml", simpleProfile("explicit-1"));
  std::string E2 = Dir.write("e2.yaml", simpleProfile("explicit-2"));
  std::vector<ProfileError> Errors;
  ProfileContext Ctx =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {E1, E2}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  std::vector<std::string> Names = profileNames(Ctx);
  ASSERT_GE(Names.size(), 3u);
  EXPECT_EQ(Names[0], "explicit-1");
  EXPECT_EQ(Names[1], "explicit-2");
  EXPECT_EQ(Names[2], "cfg");
}

//===--- priority, checked on real calls -----------------------------------===//

const char *const SqliteCppCode = R"cpp(
namespace SQLite {
struct Database {
  int exec(const char *sql);
};
}
void use(SQLite::Database &db) { db.exec("SELECT 1"); }
)cpp";

std::optional<Classification> classifyExec(const ProfileContext &PC,
                                           ASTUnit &AST) {
  auto Calls = match(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("exec")))).bind("c"),
      AST.getASTContext());
  const auto *Call = selectFirst<CXXMemberCallExpr>("c", Calls);
  EXPECT_TRUE(Call);
  if (!Call)
    return std::nullopt;
  return PC.Classifier->classify(Call, AST.getASTContext());
}

TEST(ProfileLoaderTest, BuiltinClassifiesSqliteCppExec) {
  TempDir Dir;
  std::vector<ProfileError> Errors;
  ProfileContext PC =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  auto AST = tooling::buildASTFromCodeWithArgs(SqliteCppCode, {"-std=c++17"});
  ASSERT_TRUE(AST);
  std::optional<Classification> C = classifyExec(PC, *AST);
  ASSERT_TRUE(C.has_value());
  EXPECT_EQ(C->Kind, CallKind::Execute);
  ASSERT_TRUE(C->Rule);
  EXPECT_EQ(C->Rule->ProfileName, "sqlitecpp");
  ASSERT_TRUE(C->Sql.has_value());
  EXPECT_EQ(C->Sql->Kind, SqlStatementKind::Select);
}

TEST(ProfileLoaderTest, ConfigRuleOverridesBuiltin) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml",
            simpleProfile("cfg", "calls:\n"
                                 "  - function: SQLite::Database::exec\n"
                                 "    kind: update\n"));
  std::vector<ProfileError> Errors;
  ProfileContext PC =
      ProfileLoader::instance().forFile(Dir.path("x.cpp"), {}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  auto AST = tooling::buildASTFromCodeWithArgs(SqliteCppCode, {"-std=c++17"});
  ASSERT_TRUE(AST);
  std::optional<Classification> C = classifyExec(PC, *AST);
  ASSERT_TRUE(C.has_value());
  EXPECT_EQ(C->Kind, CallKind::Update);
  ASSERT_TRUE(C->Rule);
  EXPECT_EQ(C->Rule->ProfileName, "cfg");
}

TEST(ProfileLoaderTest, ExplicitRuleOverridesConfigAndBuiltin) {
  TempDir Dir;
  Dir.write(".dbtidy.yaml",
            simpleProfile("cfg", "calls:\n"
                                 "  - function: SQLite::Database::exec\n"
                                 "    kind: update\n"));
  std::string Explicit =
      Dir.write("override.yaml",
                simpleProfile("override", "calls:\n"
                                          "  - function: SQLite::Database::exec\n"
                                          "    kind: query\n"));
  std::vector<ProfileError> Errors;
  ProfileContext PC = ProfileLoader::instance().forFile(Dir.path("x.cpp"),
                                                        {Explicit}, Errors);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  auto AST = tooling::buildASTFromCodeWithArgs(SqliteCppCode, {"-std=c++17"});
  ASSERT_TRUE(AST);
  std::optional<Classification> C = classifyExec(PC, *AST);
  ASSERT_TRUE(C.has_value());
  EXPECT_EQ(C->Kind, CallKind::Query);
  ASSERT_TRUE(C->Rule);
  EXPECT_EQ(C->Rule->ProfileName, "override");
  EXPECT_FALSE(C->Sql.has_value()) << "the winning rule has no sql-arg";
}

TEST(ProfileLoaderTest, RelativeExplicitPathIsMadeAbsolute) {
  TempDir Dir;
  std::string Explicit = Dir.write("rel.yaml", simpleProfile("rel"));
  llvm::SmallString<256> Cwd;
  ASSERT_FALSE(llvm::sys::fs::current_path(Cwd));
  ASSERT_FALSE(llvm::sys::fs::set_current_path(Dir.Root));
  std::vector<ProfileError> Errors;
  ProfileContext PC = ProfileLoader::instance().forFile(
      Dir.path("x.cpp"), {std::string("./sub/../rel.yaml")}, Errors);
  llvm::sys::fs::set_current_path(Cwd);
  EXPECT_TRUE(Errors.empty()) << joinErrors(Errors);
  ASSERT_FALSE(profileNames(PC).empty());
  EXPECT_EQ(profileNames(PC).front(), "rel");
  EXPECT_EQ(PC.Profiles->profiles().front()->SourceFile, Explicit);
}

//===--- splitProfileList --------------------------------------------------===//

TEST(ProfileLoaderTest, SplitProfileList) {
  using V = std::vector<std::string>;
  EXPECT_EQ(ProfileLoader::splitProfileList(""), V{});
  EXPECT_EQ(ProfileLoader::splitProfileList("a.yaml"), V{"a.yaml"});
  EXPECT_EQ(ProfileLoader::splitProfileList("a.yaml;b/c.yaml"),
            (V{"a.yaml", "b/c.yaml"}));
  EXPECT_EQ(ProfileLoader::splitProfileList(" a.yaml ; ;;b.yaml;  "),
            (V{"a.yaml", "b.yaml"}));
  EXPECT_EQ(ProfileLoader::splitProfileList("dir with space/p.yaml"),
            V{"dir with space/p.yaml"});
  EXPECT_EQ(ProfileLoader::splitProfileList(";;"), V{});
}

} // namespace
