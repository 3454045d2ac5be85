//===--- ProfileParser.cpp - YAML profile reader
//---------------------------===//
//
// The only file that includes yaml-cpp. yaml-cpp reports errors with C++
// exceptions while LLVM is built without them, so this file is compiled with
// -fexceptions and no exception ever leaves it.
//
//===----------------------------------------------------------------------===//
#include "lib/Profile.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace dbtidy {
namespace {

/// Thrown only inside this file, caught in parseProfile.
struct SchemaError {
  YAML::Mark Mark;
  std::string Message;
};

[[noreturn]] void fail(const YAML::Node &Node, std::string Message) {
  throw SchemaError{Node.Mark(), std::move(Message)};
}

SourcePosition positionOf(const YAML::Node &Node, llvm::StringRef File) {
  SourcePosition P;
  P.File = File.str();
  if (Node.Mark().line >= 0) {
    P.Line = Node.Mark().line + 1;
    P.Column = Node.Mark().column + 1;
  }
  return P;
}

void requireMap(const YAML::Node &Node, llvm::StringRef What) {
  if (!Node.IsMap())
    fail(Node, (What.str() + " must be a mapping"));
}

void rejectUnknownKeys(const YAML::Node &Map,
                       std::initializer_list<const char *> Allowed,
                       llvm::StringRef Where) {
  for (const auto &Entry : Map) {
    std::string Key = Entry.first.as<std::string>();
    bool Known = false;
    for (const char *A : Allowed)
      Known |= Key == A;
    if (!Known) {
      std::string List;
      for (const char *A : Allowed) {
        if (!List.empty())
          List += ", ";
        List += A;
      }
      fail(Entry.first, "unknown key '" + Key + "' in " + Where.str() +
                            " (expected one of: " + List + ")");
    }
  }
}

std::string scalar(const YAML::Node &Node, llvm::StringRef What) {
  if (!Node.IsScalar())
    fail(Node, (What.str() + " must be a string"));
  return Node.as<std::string>();
}

unsigned unsignedValue(const YAML::Node &Node, llvm::StringRef What) {
  if (!Node.IsScalar())
    fail(Node, (What.str() + " must be a non-negative integer"));
  const std::string Text = Node.as<std::string>();
  unsigned Value = 0;
  if (llvm::StringRef(Text).getAsInteger(10, Value))
    fail(Node,
         (What.str() + " must be a non-negative integer, got '" + Text + "'"));
  return Value;
}

bool boolValue(const YAML::Node &Node, llvm::StringRef What) {
  bool Value = false;
  if (!Node.IsScalar() || !YAML::convert<bool>::decode(Node, Value))
    fail(Node, (What.str() + " must be true or false"));
  return Value;
}

std::vector<std::string> stringList(const YAML::Node &Node,
                                    llvm::StringRef What) {
  if (!Node.IsSequence())
    fail(Node, (What.str() + " must be a list"));
  std::vector<std::string> Out;
  for (const auto &Item : Node)
    Out.push_back(scalar(Item, What.str() + " entries"));
  return Out;
}

void checkPattern(const YAML::Node &Node, const std::string &Pattern) {
  if (Pattern.empty())
    fail(Node, "the name must not be empty");
  if (llvm::StringRef(Pattern).starts_with("::"))
    fail(Node, "write names without a leading '::'");
  if (llvm::StringRef(Pattern).contains('<'))
    if (!llvm::StringRef(Pattern).contains("operator"))
      fail(Node, "write names without template arguments: '" + Pattern + "'");
}

CallRule parseCallRule(const YAML::Node &Node, llvm::StringRef File,
                       llvm::StringRef ProfileName) {
  requireMap(Node, "a 'calls' entry");
  rejectUnknownKeys(Node,
                    {"function", "constructor", "params", "min-args", "kind",
                     "sql-arg", "entity", "round-trip-at", "mutex-arg",
                     "shared"},
                    "a 'calls' entry");
  CallRule Rule;
  Rule.ProfileName = ProfileName.str();
  Rule.Origin = positionOf(Node, File);
  const bool HasFunction = bool(Node["function"]);
  const bool HasCtor = bool(Node["constructor"]);
  if (HasFunction == HasCtor)
    fail(Node, "a 'calls' entry needs exactly one of 'function' or "
               "'constructor'");
  if (HasFunction) {
    Rule.Pattern = scalar(Node["function"], "'function'");
    checkPattern(Node["function"], Rule.Pattern);
  } else {
    Rule.IsConstructor = true;
    Rule.Pattern = scalar(Node["constructor"], "'constructor'");
    checkPattern(Node["constructor"], Rule.Pattern);
  }
  if (!Node["kind"])
    fail(Node, "a 'calls' entry needs a 'kind'");
  std::string Kind = scalar(Node["kind"], "'kind'");
  std::optional<CallKind> Parsed = parseCallKind(Kind);
  if (!Parsed)
    fail(Node["kind"], "unknown call kind '" + Kind +
                           "' (see docs/profiles.md for the list)");
  Rule.Kind = *Parsed;
  if (Node["params"])
    Rule.Params = stringList(Node["params"], "'params'");
  if (Node["min-args"])
    Rule.MinArgs = unsignedValue(Node["min-args"], "'min-args'");
  if (Node["sql-arg"])
    Rule.SqlArg = unsignedValue(Node["sql-arg"], "'sql-arg'");
  if (Node["entity"])
    Rule.Entity = scalar(Node["entity"], "'entity'");
  if (Node["mutex-arg"])
    Rule.MutexArg = unsignedValue(Node["mutex-arg"], "'mutex-arg'");
  if (Node["shared"])
    Rule.Shared = boolValue(Node["shared"], "'shared'");
  if (Node["round-trip-at"]) {
    std::string At = scalar(Node["round-trip-at"], "'round-trip-at'");
    if (At == "call")
      Rule.At = RoundTripAt::Call;
    else if (At == "full-expression-end")
      Rule.At = RoundTripAt::FullExpressionEnd;
    else if (At == "construction")
      Rule.At = RoundTripAt::Construction;
    else
      fail(Node["round-trip-at"],
           "'round-trip-at' must be call, full-expression-end or "
           "construction, got '" +
               At + "'");
  }
  return Rule;
}

TypeRule parseTypeRule(const YAML::Node &Node, llvm::StringRef File,
                       llvm::StringRef ProfileName) {
  requireMap(Node, "a 'types' entry");
  rejectUnknownKeys(Node, {"name", "role", "mutex-arg", "shared"},
                    "a 'types' entry");
  TypeRule Rule;
  Rule.ProfileName = ProfileName.str();
  Rule.Origin = positionOf(Node, File);
  if (!Node["name"])
    fail(Node, "a 'types' entry needs a 'name'");
  Rule.Name = scalar(Node["name"], "'name'");
  checkPattern(Node["name"], Rule.Name);
  if (!Node["role"])
    fail(Node, "a 'types' entry needs a 'role'");
  std::string Role = scalar(Node["role"], "'role'");
  std::optional<TypeRole> Parsed = parseTypeRole(Role);
  if (!Parsed)
    fail(Node["role"], "unknown type role '" + Role +
                           "' (see docs/profiles.md for the list)");
  Rule.Role = *Parsed;
  if (Node["mutex-arg"])
    Rule.MutexArg = unsignedValue(Node["mutex-arg"], "'mutex-arg'");
  if (Node["shared"])
    Rule.Shared = boolValue(Node["shared"], "'shared'");
  return Rule;
}

Profile parseDocument(const YAML::Node &Root, llvm::StringRef File) {
  if (!Root || Root.IsNull())
    fail(Root, "the profile is empty");
  requireMap(Root, "a profile");
  rejectUnknownKeys(Root,
                    {"version", "name", "description", "calls", "types",
                     "include", "disable-builtin"},
                    "a profile");
  if (!Root["version"])
    fail(Root, "a profile needs 'version: 1'");
  unsigned Version = unsignedValue(Root["version"], "'version'");
  if (Version != 1)
    fail(Root["version"], "unsupported profile version " +
                              std::to_string(Version) +
                              " (this dbtidy reads version 1)");
  if (!Root["name"])
    fail(Root, "a profile needs a 'name'");
  Profile P;
  P.SourceFile = File.str();
  P.Name = scalar(Root["name"], "'name'");
  if (Root["description"])
    P.Description = scalar(Root["description"], "'description'");
  if (const YAML::Node Calls = Root["calls"]) {
    if (!Calls.IsSequence())
      fail(Calls, "'calls' must be a list");
    for (const auto &Entry : Calls)
      P.Calls.push_back(parseCallRule(Entry, File, P.Name));
  }
  if (const YAML::Node Types = Root["types"]) {
    if (!Types.IsSequence())
      fail(Types, "'types' must be a list");
    for (const auto &Entry : Types)
      P.Types.push_back(parseTypeRule(Entry, File, P.Name));
  }
  if (const YAML::Node Includes = Root["include"]) {
    if (!Includes.IsSequence())
      fail(Includes, "'include' must be a list");
    for (const auto &Item : Includes) {
      P.Includes.push_back(scalar(Item, "'include' entries"));
      P.IncludePositions.push_back(positionOf(Item, File));
    }
  }
  if (Root["disable-builtin"])
    P.DisabledBuiltins =
        stringList(Root["disable-builtin"], "'disable-builtin'");
  return P;
}

} // namespace

std::optional<Profile> parseProfile(llvm::StringRef Text,
                                    llvm::StringRef FileName,
                                    ProfileError &Error) {
  Error = ProfileError();
  Error.File = FileName.str();
  try {
    YAML::Node Root = YAML::Load(Text.str());
    return parseDocument(Root, FileName);
  } catch (const SchemaError &E) {
    if (E.Mark.line >= 0) {
      Error.Line = E.Mark.line + 1;
      Error.Column = E.Mark.column + 1;
    }
    Error.Message = E.Message;
  } catch (const YAML::Exception &E) {
    if (E.mark.line >= 0) {
      Error.Line = E.mark.line + 1;
      Error.Column = E.mark.column + 1;
    }
    Error.Message = "malformed YAML: " + E.msg;
  } catch (const std::exception &E) {
    Error.Message = std::string("cannot read profile: ") + E.what();
  }
  return std::nullopt;
}

} // namespace dbtidy
