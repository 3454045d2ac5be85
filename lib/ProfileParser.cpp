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

bool isHookEvent(llvm::StringRef Event) {
  for (const char *E : {"any", "before-insert", "after-insert",
                        "before-update", "after-update", "before-delete",
                        "after-delete", "before-save", "after-save"})
    if (Event == E)
      return true;
  return false;
}

/// The data-flow and hook keys of a 'calls' entry (db-read-modify-write,
/// db-check-then-insert, db-save-in-hook).
void parseValueFlowKeys(const YAML::Node &Node, CallRule &Rule) {
  auto Index = [&](const char *Key, std::optional<unsigned> &Out) {
    if (Node[Key])
      Out = unsignedValue(Node[Key], std::string("'") + Key + "'");
  };
  Index("column-arg", Rule.ColumnArg);
  Index("row-arg", Rule.RowArg);
  Index("returns-column", Rule.ReturnsColumn);
  Index("value-arg", Rule.ValueArg);
  Index("param-arg", Rule.ParamArg);
  Index("into-arg", Rule.IntoArg);
  Index("params-from-arg", Rule.ParamsFromArg);
  Index("params-array-arg", Rule.ParamsArrayArg);
  Index("callback-arg", Rule.CallbackArg);
  if (Node["param-base"]) {
    Rule.ParamBase = unsignedValue(Node["param-base"], "'param-base'");
    if (Rule.ParamBase > 1)
      fail(Node["param-base"], "'param-base' must be 0 or 1");
  }
  if (Rule.ParamArg && !Rule.ValueArg)
    fail(Node, "'param-arg' needs a 'value-arg'");
  if (Rule.Kind == CallKind::Column && !Rule.ColumnArg)
    fail(Node, "a 'column' entry needs a 'column-arg'");
  if (Node["event"]) {
    Rule.Event = scalar(Node["event"], "'event'");
    if (!isHookEvent(Rule.Event))
      fail(Node["event"], "unknown event '" + Rule.Event +
                              "' (expected any, before-insert, "
                              "after-insert, before-update, after-update, "
                              "before-delete, after-delete, before-save or "
                              "after-save)");
  }
  if (Node["upsert"])
    Rule.Upsert = boolValue(Node["upsert"], "'upsert'");
  if (Node["locks-rows"])
    Rule.LocksRows = boolValue(Node["locks-rows"], "'locks-rows'");
  if (Node["constraint"]) {
    Rule.Constraint = scalar(Node["constraint"], "'constraint'");
    if (Rule.Constraint != "primary-key" && Rule.Constraint != "unique")
      fail(Node["constraint"], "'constraint' must be primary-key or unique");
  }
  if (Node["atomic-rewrite"])
    Rule.AtomicRewrite = scalar(Node["atomic-rewrite"], "'atomic-rewrite'");
}

CallRule parseCallRule(const YAML::Node &Node, llvm::StringRef File,
                       llvm::StringRef ProfileName) {
  requireMap(Node, "a 'calls' entry");
  rejectUnknownKeys(Node,
                    {"function", "constructor", "params", "min-args", "kind",
                     "sql-arg", "relation-arg", "eager-hint", "replaces",
                     "rewrite", "entity", "round-trip-at", "mutex-arg",
                     "shared", "column-arg", "row-arg", "returns-column",
                     "value-arg", "param-arg", "param-base", "into-arg",
                     "params-from-arg", "params-array-arg", "callback-arg",
                     "event", "upsert", "locks-rows", "atomic-rewrite",
                     "constraint"},
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
  if (Node["relation-arg"])
    Rule.RelationArg = unsignedValue(Node["relation-arg"], "'relation-arg'");
  if (Node["eager-hint"])
    Rule.EagerHint = scalar(Node["eager-hint"], "'eager-hint'");
  if (Node["replaces"])
    Rule.Replaces = scalar(Node["replaces"], "'replaces'");
  if (Node["rewrite"])
    Rule.Rewrite = scalar(Node["rewrite"], "'rewrite'");
  if (Rule.Replaces.empty() != Rule.Rewrite.empty())
    fail(Node, "'replaces' and 'rewrite' go together");
  if (Node["entity"])
    Rule.Entity = scalar(Node["entity"], "'entity'");
  if (Node["mutex-arg"]) {
    if (Node["mutex-arg"].IsScalar() && Node["mutex-arg"].Scalar() == "all")
      Rule.AllMutexArgs = true;
    else
      Rule.MutexArg = unsignedValue(Node["mutex-arg"], "'mutex-arg'");
  }
  if (Node["shared"])
    Rule.Shared = boolValue(Node["shared"], "'shared'");
  parseValueFlowKeys(Node, Rule);
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
  rejectUnknownKeys(Node,
                    {"name", "role", "mutex-arg", "shared", "version-trait"},
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
  if (Node["mutex-arg"]) {
    if (Node["mutex-arg"].IsScalar() && Node["mutex-arg"].Scalar() == "all")
      Rule.AllMutexArgs = true;
    else
      Rule.MutexArg = unsignedValue(Node["mutex-arg"], "'mutex-arg'");
  }
  if (Node["shared"])
    Rule.Shared = boolValue(Node["shared"], "'shared'");
  if (Node["version-trait"]) {
    Rule.VersionTrait = scalar(Node["version-trait"], "'version-trait'");
    checkPattern(Node["version-trait"], Rule.VersionTrait);
  }
  return Rule;
}

HookRule parseHookRule(const YAML::Node &Node, llvm::StringRef File,
                       llvm::StringRef ProfileName) {
  requireMap(Node, "a 'hooks' entry");
  rejectUnknownKeys(Node, {"method", "function", "params", "event"},
                    "a 'hooks' entry");
  HookRule Rule;
  Rule.ProfileName = ProfileName.str();
  Rule.Origin = positionOf(Node, File);
  if (bool(Node["method"]) == bool(Node["function"]))
    fail(Node, "a 'hooks' entry needs exactly one of 'method' or 'function'");
  if (Node["method"]) {
    Rule.Method = scalar(Node["method"], "'method'");
    if (Rule.Method.empty() || llvm::StringRef(Rule.Method).contains("::"))
      fail(Node["method"], "'method' is an unqualified method name (a '*' "
                           "matches any run of characters); use 'function' "
                           "for a qualified name");
  } else {
    Rule.Function = scalar(Node["function"], "'function'");
    checkPattern(Node["function"], Rule.Function);
  }
  if (Node["params"])
    Rule.Params = stringList(Node["params"], "'params'");
  Rule.Event = "any";
  if (Node["event"]) {
    Rule.Event = scalar(Node["event"], "'event'");
    if (!isHookEvent(Rule.Event))
      fail(Node["event"], "unknown event '" + Rule.Event + "'");
  }
  return Rule;
}

Profile parseDocument(const YAML::Node &Root, llvm::StringRef File) {
  if (!Root || Root.IsNull())
    fail(Root, "the profile is empty");
  requireMap(Root, "a profile");
  rejectUnknownKeys(Root,
                    {"version", "name", "description", "calls", "types",
                     "hooks", "include", "disable-builtin", "schema-files",
                     "lock-order"},
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
  if (const YAML::Node Hooks = Root["hooks"]) {
    if (!Hooks.IsSequence())
      fail(Hooks, "'hooks' must be a list");
    for (const auto &Entry : Hooks)
      P.Hooks.push_back(parseHookRule(Entry, File, P.Name));
  }
  if (const YAML::Node Schemas = Root["schema-files"]) {
    if (!Schemas.IsSequence())
      fail(Schemas, "'schema-files' must be a list");
    for (const auto &Item : Schemas) {
      P.SchemaFiles.push_back(scalar(Item, "'schema-files' entries"));
      P.SchemaFilePositions.push_back(positionOf(Item, File));
    }
  }
  if (const YAML::Node Orders = Root["lock-order"]) {
    // A list of chains, or one chain written as a plain list of names.
    if (!Orders.IsSequence())
      fail(Orders, "'lock-order' must be a list of lock names or of lists");
    bool Nested = Orders.size() > 0 && Orders[0].IsSequence();
    if (Nested) {
      for (const auto &Chain : Orders) {
        if (!Chain.IsSequence())
          fail(Chain, "'lock-order' entries must all be lists");
        P.LockOrders.push_back(stringList(Chain, "'lock-order' chains"));
        P.LockOrderPositions.push_back(positionOf(Chain, File));
      }
    } else {
      P.LockOrders.push_back(stringList(Orders, "'lock-order'"));
      P.LockOrderPositions.push_back(positionOf(Orders, File));
    }
    for (size_t I = 0; I < P.LockOrders.size(); ++I)
      if (P.LockOrders[I].size() < 2)
        fail(Nested ? Orders[I] : Orders,
             "a 'lock-order' chain needs at least two locks");
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
