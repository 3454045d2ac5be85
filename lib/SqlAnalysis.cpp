#include "lib/SqlAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>

namespace dbtidy {

using namespace clang;

//===----------------------------------------------------------------------===//
// Lexer
//===----------------------------------------------------------------------===//

namespace {

enum class TK { Word, QIdent, String, Number, Param, Punct, End };

struct Tok {
  TK K = TK::End;
  /// Word: upper case; QIdent/String: the contents; Punct/Number: as written.
  std::string Text;
  /// Word/QIdent: the identifier as the database sees it (lower case for
  /// unquoted words).
  std::string Ident;
  unsigned Off = 0;
  unsigned Len = 0;
  SqlParam P;
};

bool isWordStart(char C) { return llvm::isAlpha(C) || C == '_'; }
bool isWordChar(char C) { return llvm::isAlnum(C) || C == '_' || C == '$'; }

/// Splits Text into tokens. Returns false on text that cannot be SQL
/// (unterminated strings, quoted names or comments).
bool lex(llvm::StringRef Text, std::vector<Tok> &Out) {
  unsigned Ordinal = 0;
  size_t I = 0, N = Text.size();
  auto Add = [&](TK K, size_t Start, size_t End, std::string Value) {
    Tok T;
    T.K = K;
    T.Off = Start;
    T.Len = End - Start;
    T.Text = std::move(Value);
    Out.push_back(std::move(T));
  };
  while (I < N) {
    char C = Text[I];
    if (llvm::isSpace(C)) {
      ++I;
      continue;
    }
    if (C == '-' && I + 1 < N && Text[I + 1] == '-') {
      size_t End = Text.find('\n', I);
      I = End == llvm::StringRef::npos ? N : End + 1;
      continue;
    }
    if (C == '/' && I + 1 < N && Text[I + 1] == '*') {
      size_t End = Text.find("*/", I + 2);
      if (End == llvm::StringRef::npos)
        return false;
      I = End + 2;
      continue;
    }
    size_t Start = I;
    if (C == '\x01') {
      // A hole: \x01<digits>\x01.
      size_t End = Text.find('\x01', I + 1);
      if (End == llvm::StringRef::npos)
        return false;
      unsigned Index = 0;
      if (Text.substr(I + 1, End - I - 1).getAsInteger(10, Index))
        return false;
      Add(TK::Param, Start, End + 1, "?");
      Out.back().P.Ordinal = ++Ordinal;
      Out.back().P.Hole = static_cast<int>(Index);
      I = End + 1;
      continue;
    }
    if (isWordStart(C)) {
      while (I < N && isWordChar(Text[I]))
        ++I;
      llvm::StringRef W = Text.slice(Start, I);
      // E'...', B'...', X'...', N'...' string prefixes.
      if (I < N && Text[I] == '\'' && W.size() == 1 &&
          llvm::StringRef("EeBbXxNn").contains(W[0])) {
        I = Start + 1;
        C = '\'';
        Start = I;
      } else {
        Add(TK::Word, Start, I, W.upper());
        Out.back().Ident = W.lower();
        continue;
      }
    }
    if (llvm::isDigit(C) ||
        (C == '.' && I + 1 < N && llvm::isDigit(Text[I + 1]))) {
      while (I < N && (llvm::isAlnum(Text[I]) || Text[I] == '.'))
        ++I;
      Add(TK::Number, Start, I, Text.slice(Start, I).str());
      continue;
    }
    if (C == '\'') {
      std::string Value;
      ++I;
      for (;;) {
        if (I >= N)
          return false;
        if (Text[I] == '\'') {
          if (I + 1 < N && Text[I + 1] == '\'') {
            Value += '\'';
            I += 2;
            continue;
          }
          ++I;
          break;
        }
        Value += Text[I++];
      }
      // '<hole>': a value concatenated into a quoted literal, as a
      // parameter (`"WHERE name = '" + name + "'"`).
      llvm::StringRef Trimmed = llvm::StringRef(Value).trim(' ');
      unsigned HoleIndex = 0;
      if (Trimmed.size() > 2 && Trimmed.front() == '\x01' &&
          Trimmed.back() == '\x01' &&
          !Trimmed.drop_front().drop_back().getAsInteger(10, HoleIndex)) {
        Add(TK::Param, Start, I, "?");
        Out.back().P.Ordinal = ++Ordinal;
        Out.back().P.Hole = static_cast<int>(HoleIndex);
        continue;
      }
      Add(TK::String, Start, I, Value);
      continue;
    }
    if (C == '"' || C == '`' || C == '[') {
      char Close = C == '[' ? ']' : C;
      size_t End = Text.find(Close, I + 1);
      if (End == llvm::StringRef::npos)
        return false;
      std::string Name = Text.slice(I + 1, End).str();
      I = End + 1;
      Add(TK::QIdent, Start, I, Name);
      Out.back().Ident = llvm::StringRef(Name).lower();
      continue;
    }
    if (C == '$') {
      // $1, $name, or a dollar-quoted string $tag$...$tag$.
      size_t J = I + 1;
      if (J < N && llvm::isDigit(Text[J])) {
        while (J < N && llvm::isDigit(Text[J]))
          ++J;
        Add(TK::Param, Start, J, Text.slice(Start, J).str());
        Text.slice(Start + 1, J).getAsInteger(10, Out.back().P.Number);
        Out.back().P.Ordinal = ++Ordinal;
        I = J;
        continue;
      }
      while (J < N && isWordChar(Text[J]) && Text[J] != '$')
        ++J;
      if (J < N && Text[J] == '$') {
        llvm::StringRef Tag = Text.slice(I, J + 1);
        size_t End = Text.find(Tag, J + 1);
        if (End == llvm::StringRef::npos)
          return false;
        Add(TK::String, Start, End + Tag.size(), Text.slice(J + 1, End).str());
        I = End + Tag.size();
        continue;
      }
      if (J > I + 1) {
        Add(TK::Param, Start, J, Text.slice(Start, J).str());
        Out.back().P.Name = Text.slice(Start + 1, J).str();
        Out.back().P.Ordinal = ++Ordinal;
        I = J;
        continue;
      }
      Add(TK::Punct, Start, I + 1, "$");
      ++I;
      continue;
    }
    if (C == '?') {
      size_t J = I + 1;
      while (J < N && llvm::isDigit(Text[J]))
        ++J;
      Add(TK::Param, Start, J, Text.slice(Start, J).str());
      if (J > I + 1)
        Text.slice(I + 1, J).getAsInteger(10, Out.back().P.Number);
      Out.back().P.Ordinal = ++Ordinal;
      I = J;
      continue;
    }
    if ((C == ':' || C == '@') && I + 1 < N && isWordStart(Text[I + 1]) &&
        !(C == ':' && I > 0 && Text[I - 1] == ':')) {
      size_t J = I + 1;
      while (J < N && isWordChar(Text[J]))
        ++J;
      Add(TK::Param, Start, J, Text.slice(Start, J).str());
      Out.back().P.Name = Text.slice(Start + 1, J).str();
      Out.back().P.Ordinal = ++Ordinal;
      I = J;
      continue;
    }
    // Operators: the two-character ones first.
    static const char *const TwoChar[] = {
        "<=", ">=", "<>", "!=", "||", "::", "->", "=="};
    bool Matched = false;
    for (const char *Op : TwoChar)
      if (Text.substr(I).starts_with(Op)) {
        Add(TK::Punct, Start, I + 2, Op);
        I += 2;
        Matched = true;
        break;
      }
    if (Matched)
      continue;
    Add(TK::Punct, Start, I + 1, std::string(1, C));
    ++I;
  }
  Tok End;
  End.K = TK::End;
  End.Off = N;
  Out.push_back(End);
  for (Tok &T : Out)
    if (T.K == TK::Param) {
      T.P.Offset = T.Off;
      T.P.Length = T.Len;
    }
  return true;
}

//===----------------------------------------------------------------------===//
// Parser helpers
//===----------------------------------------------------------------------===//

const llvm::StringSet<> &reservedWords() {
  static const llvm::StringSet<> Words = {
      "SELECT",    "FROM",      "WHERE",    "GROUP",  "ORDER",    "BY",
      "HAVING",    "LIMIT",     "OFFSET",   "FOR",    "UNION",    "EXCEPT",
      "INTERSECT", "JOIN",      "LEFT",     "RIGHT",  "INNER",    "OUTER",
      "FULL",      "CROSS",     "NATURAL",  "ON",     "USING",    "SET",
      "VALUES",    "RETURNING", "AND",      "OR",     "NOT",      "AS",
      "INTO",      "UPDATE",    "DELETE",   "INSERT", "WINDOW",   "FETCH",
      "LOCK",      "DEFAULT",   "LATERAL",  "IS",     "IN",       "LIKE",
      "BETWEEN",   "CASE",      "WHEN",     "THEN",   "ELSE",     "END",
      "NULL",      "EXISTS",    "DISTINCT", "ALL",    "CONFLICT", "DO",
      "NOTHING",   "DUPLICATE", "KEY",      "IGNORE", "REPLACE",  "WITH",
      "TRUE",      "FALSE",     "ESCAPE",   "ILIKE",  "COLLATE",
  };
  return Words;
}

bool isReserved(const Tok &T) {
  return T.K == TK::Word && reservedWords().contains(T.Text);
}

bool isAggregateName(llvm::StringRef Upper) {
  return Upper == "COUNT" || Upper == "SUM" || Upper == "MIN" ||
         Upper == "MAX" || Upper == "AVG" || Upper == "TOTAL" ||
         Upper == "GROUP_CONCAT" || Upper == "STRING_AGG" ||
         Upper == "ARRAY_AGG" || Upper == "BOOL_AND" || Upper == "BOOL_OR" ||
         Upper == "EVERY" || Upper == "JSON_AGG" || Upper == "JSONB_AGG";
}

/// Token range [Begin, End).
struct Span {
  size_t Begin = 0;
  size_t End = 0;
  bool empty() const { return Begin >= End; }
  size_t size() const { return End > Begin ? End - Begin : 0; }
};

class Parser {
public:
  Parser(const std::vector<Tok> &Toks, SqlStatement &S) : T(Toks), S(S) {}

  bool parse();

private:
  const Tok &at(size_t I) const { return I < T.size() ? T[I] : T.back(); }
  bool kw(size_t I, llvm::StringRef Upper) const {
    return at(I).K == TK::Word && at(I).Text == Upper;
  }
  bool punct(size_t I, llvm::StringRef P) const {
    return at(I).K == TK::Punct && at(I).Text == P;
  }
  /// The index after the parenthesised group starting at I (which must be
  /// '('), or npos when unbalanced.
  size_t skipGroup(size_t I) const {
    int Depth = 0;
    for (size_t J = I; J < T.size(); ++J) {
      if (punct(J, "("))
        ++Depth;
      else if (punct(J, ")")) {
        if (--Depth == 0)
          return J + 1;
      }
    }
    return std::string::npos;
  }
  /// First index in [I, Limit) at depth 0 where Pred holds, or Limit.
  template <typename Pred>
  size_t findTop(size_t I, size_t Limit, Pred P) const {
    int Depth = 0;
    for (size_t J = I; J < Limit; ++J) {
      if (punct(J, "(")) {
        ++Depth;
        continue;
      }
      if (punct(J, ")")) {
        --Depth;
        continue;
      }
      if (Depth == 0 && P(J))
        return J;
    }
    return Limit;
  }
  bool balanced(Span Sp) const {
    int Depth = 0;
    for (size_t J = Sp.Begin; J < Sp.End; ++J) {
      if (punct(J, "("))
        ++Depth;
      else if (punct(J, ")") && --Depth < 0)
        return false;
    }
    return Depth == 0;
  }
  std::vector<Span> splitTop(Span Sp, llvm::StringRef Sep) const {
    std::vector<Span> Out;
    size_t Start = Sp.Begin;
    for (;;) {
      size_t J =
          findTop(Start, Sp.End, [&](size_t K) { return punct(K, Sep); });
      Out.push_back({Start, J});
      if (J >= Sp.End)
        break;
      Start = J + 1;
    }
    return Out;
  }

  /// A possibly schema-qualified name at I; sets Name (normalised last
  /// component) and returns the index after it, or npos.
  size_t name(size_t I, std::string &Name) const {
    if (at(I).K != TK::Word && at(I).K != TK::QIdent)
      return std::string::npos;
    if (at(I).K == TK::Word && isReserved(at(I)))
      return std::string::npos;
    Name = at(I).Ident;
    ++I;
    while (punct(I, ".") &&
           (at(I + 1).K == TK::Word || at(I + 1).K == TK::QIdent)) {
      Name = at(I + 1).Ident;
      I += 2;
    }
    return I;
  }
  /// An optional alias at I.
  size_t alias(size_t I, std::string &Alias) const {
    if (kw(I, "AS")) {
      if (at(I + 1).K == TK::Word || at(I + 1).K == TK::QIdent) {
        Alias = at(I + 1).Ident;
        return I + 2;
      }
      return I;
    }
    if ((at(I).K == TK::Word && !isReserved(at(I))) || at(I).K == TK::QIdent) {
      Alias = at(I).Ident;
      return I + 1;
    }
    return I;
  }

  /// The table a qualifier (alias or table name) stands for, or "".
  std::string resolveQualifier(llvm::StringRef Q) const {
    for (const auto &[Table, Alias] : Scope)
      if (Alias == Q)
        return Table;
    for (const auto &[Table, Alias] : Scope)
      if (Alias.empty() && Table == Q)
        return Table;
    for (const auto &[Table, Alias] : Scope)
      if (Table == Q)
        return Table;
    return "";
  }
  std::string defaultTable() const {
    return Scope.size() == 1 ? Scope.front().first : std::string();
  }

  /// A column reference spanning the whole of Sp: `c`, `t.c`, `"c"`,
  /// optionally followed by a `::type` cast.
  bool columnRef(Span Sp, std::string &Table, std::string &Column) const {
    size_t I = Sp.Begin;
    size_t End = Sp.End;
    // Drop a trailing ::type cast.
    size_t Cast =
        findTop(Sp.Begin, Sp.End, [&](size_t K) { return punct(K, "::"); });
    if (Cast < End)
      End = Cast;
    auto IsName = [&](size_t K) {
      return (at(K).K == TK::Word && !isReserved(at(K))) ||
             at(K).K == TK::QIdent;
    };
    if (End == I + 1 && IsName(I)) {
      Column = at(I).Ident;
      Table = defaultTable();
      return true;
    }
    if (End == I + 3 && IsName(I) && punct(I + 1, ".") && IsName(I + 2)) {
      Column = at(I + 2).Ident;
      Table = resolveQualifier(at(I).Ident);
      return true;
    }
    if (End == I + 5 && IsName(I) && punct(I + 1, ".") && IsName(I + 2) &&
        punct(I + 3, ".") && IsName(I + 4)) {
      Column = at(I + 4).Ident;
      Table = resolveQualifier(at(I + 2).Ident);
      return true;
    }
    // CAST(x AS type)
    if (kw(I, "CAST") && punct(I + 1, "(") && punct(End - 1, ")")) {
      size_t As =
          findTop(I + 2, End - 1, [&](size_t K) { return kw(K, "AS"); });
      if (As < End - 1)
        return columnRef({I + 2, As}, Table, Column);
    }
    return false;
  }

  SqlValue value(Span Sp) const {
    SqlValue V;
    // Strip redundant parentheses.
    while (Sp.size() >= 2 && punct(Sp.Begin, "(") &&
           skipGroup(Sp.Begin) == Sp.End) {
      ++Sp.Begin;
      --Sp.End;
    }
    if (Sp.size() == 1) {
      const Tok &X = at(Sp.Begin);
      if (X.K == TK::Param) {
        V.K = SqlValue::Kind::Param;
        V.Param = X.P;
        return V;
      }
      if (X.K == TK::Number || X.K == TK::String) {
        V.K = SqlValue::Kind::Literal;
        V.Literal = X.Text;
        return V;
      }
      if (X.K == TK::Word &&
          (X.Text == "TRUE" || X.Text == "FALSE" || X.Text == "NULL")) {
        V.K = SqlValue::Kind::Literal;
        V.Literal = X.Text;
        return V;
      }
    }
    // A placeholder with a cast: $1::int, CAST(? AS INTEGER).
    if (Sp.size() == 3 && at(Sp.Begin).K == TK::Param &&
        punct(Sp.Begin + 1, "::")) {
      V.K = SqlValue::Kind::Param;
      V.Param = at(Sp.Begin).P;
      return V;
    }
    std::string Table, Column;
    if (columnRef(Sp, Table, Column)) {
      V.K = SqlValue::Kind::Column;
      V.Table = Table;
      V.Column = Column;
      return V;
    }
    V.K = SqlValue::Kind::Other;
    return V;
  }

  /// Every column reference in Sp (not function names, not after a '.'
  /// qualifier of another column): (table, column).
  std::vector<std::pair<std::string, std::string>> columnsIn(Span Sp) const {
    std::vector<std::pair<std::string, std::string>> Out;
    for (size_t I = Sp.Begin; I < Sp.End; ++I) {
      const Tok &X = at(I);
      bool Name = (X.K == TK::Word && !isReserved(X)) || X.K == TK::QIdent;
      if (!Name)
        continue;
      if (I > Sp.Begin && punct(I - 1, "::"))
        continue; // a type name
      if (punct(I + 1, "("))
        continue; // a function
      if (punct(I + 1, ".") && I + 2 < Sp.End) {
        const Tok &C = at(I + 2);
        if (C.K == TK::Word || C.K == TK::QIdent) {
          Out.push_back({resolveQualifier(X.Ident), C.Ident});
          I += 2;
        }
        continue;
      }
      if (X.K == TK::Word &&
          (X.Text == "CURRENT_TIMESTAMP" || X.Text == "CURRENT_DATE" ||
           X.Text == "CURRENT_TIME" || X.Text == "LOCALTIMESTAMP"))
        continue;
      Out.push_back({defaultTable(), X.Ident});
    }
    return Out;
  }

  void paramsIn(Span Sp, std::vector<SqlParam> &Out) const {
    for (size_t I = Sp.Begin; I < Sp.End; ++I)
      if (at(I).K == TK::Param)
        Out.push_back(at(I).P);
  }

  bool parseWhere(Span Sp);
  bool parseConjuncts(Span Sp);
  bool parseSelect(size_t I, size_t Limit);
  bool parseUpdate(size_t I, size_t Limit);
  bool parseInsert(size_t I, size_t Limit);
  bool parseDelete(size_t I, size_t Limit);
  SqlResultColumn resultColumn(Span Sp) const;
  size_t parseFrom(size_t I, size_t Limit);

  const std::vector<Tok> &T;
  SqlStatement &S;
  /// Tables in scope for resolving column references: (table, alias).
  std::vector<std::pair<std::string, std::string>> Scope;
};

bool isClauseKeyword(const Tok &X) {
  if (X.K != TK::Word)
    return false;
  static const llvm::StringSet<> Clause = {
      "WHERE",  "GROUP",  "ORDER",   "LIMIT",  "OFFSET",    "FOR",
      "HAVING", "WINDOW", "UNION",   "EXCEPT", "INTERSECT", "RETURNING",
      "FETCH",  "LOCK",   "ON",      "JOIN",   "LEFT",      "RIGHT",
      "INNER",  "OUTER",  "FULL",    "CROSS",  "NATURAL",   "USING",
      "SET",    "VALUES", "DEFAULT", "SELECT"};
  return Clause.contains(X.Text);
}

bool Parser::parseConjuncts(Span Sp) {
  // Split on top-level AND, keeping BETWEEN x AND y together.
  std::vector<Span> Parts;
  size_t Start = Sp.Begin;
  int Depth = 0;
  bool InBetween = false;
  for (size_t J = Sp.Begin; J < Sp.End; ++J) {
    if (punct(J, "("))
      ++Depth;
    else if (punct(J, ")"))
      --Depth;
    else if (Depth == 0 && kw(J, "BETWEEN"))
      InBetween = true;
    else if (Depth == 0 && kw(J, "AND")) {
      if (InBetween) {
        InBetween = false;
        continue;
      }
      Parts.push_back({Start, J});
      Start = J + 1;
    } else if (Depth == 0 && kw(J, "OR")) {
      S.WhereHasOr = true;
      return true;
    }
  }
  Parts.push_back({Start, Sp.End});
  for (Span P : Parts) {
    if (P.empty())
      return false;
    if (punct(P.Begin, "(") && skipGroup(P.Begin) == P.End) {
      if (!parseConjuncts({P.Begin + 1, P.End - 1}))
        return false;
      if (S.WhereHasOr)
        return true;
      continue;
    }
    size_t Eq = findTop(P.Begin, P.End, [&](size_t K) {
      return punct(K, "=") || punct(K, "==");
    });
    if (Eq >= P.End)
      continue;
    SqlValue L = value({P.Begin, Eq});
    SqlValue R = value({Eq + 1, P.End});
    if (L.K == SqlValue::Kind::Column && R.K != SqlValue::Kind::Column &&
        R.K != SqlValue::Kind::Other)
      S.WhereEq.push_back({L.Table, L.Column, R});
    else if (R.K == SqlValue::Kind::Column && L.K != SqlValue::Kind::Column &&
             L.K != SqlValue::Kind::Other)
      S.WhereEq.push_back({R.Table, R.Column, L});
  }
  return true;
}

bool Parser::parseWhere(Span Sp) {
  S.HasWhere = true;
  if (Sp.empty() || !balanced(Sp))
    return false;
  for (const auto &[Table, Column] : columnsIn(Sp))
    S.WhereColumns.push_back(Column);
  if (!parseConjuncts(Sp))
    return false;
  if (S.WhereHasOr)
    S.WhereEq.clear();
  return true;
}

SqlResultColumn Parser::resultColumn(Span Sp) const {
  SqlResultColumn C;
  if (Sp.size() == 1 && punct(Sp.Begin, "*")) {
    C.IsStar = true;
    return C;
  }
  if (Sp.size() == 3 && punct(Sp.End - 1, "*") && punct(Sp.Begin + 1, ".")) {
    C.IsStar = true;
    C.Table = resolveQualifier(at(Sp.Begin).Ident);
    return C;
  }
  // A trailing alias: `expr AS name` or `expr name`.
  if (Sp.size() >= 3 && kw(Sp.End - 2, "AS") &&
      (at(Sp.End - 1).K == TK::Word || at(Sp.End - 1).K == TK::QIdent)) {
    C.Name = at(Sp.End - 1).Ident;
    Sp.End -= 2;
  } else if (Sp.size() >= 2 &&
             ((at(Sp.End - 1).K == TK::Word && !isReserved(at(Sp.End - 1))) ||
              at(Sp.End - 1).K == TK::QIdent)) {
    const Tok &Prev = at(Sp.End - 2);
    if (Prev.K == TK::Word || Prev.K == TK::QIdent || Prev.K == TK::Number ||
        Prev.K == TK::String || Prev.K == TK::Param ||
        (Prev.K == TK::Punct && Prev.Text == ")")) {
      C.Name = at(Sp.End - 1).Ident;
      --Sp.End;
    }
  }
  std::string Table, Column;
  if (columnRef(Sp, Table, Column)) {
    C.Table = Table;
    C.Column = Column;
    if (C.Name.empty())
      C.Name = Column;
    return C;
  }
  if (Sp.size() >= 3 && at(Sp.Begin).K == TK::Word &&
      punct(Sp.Begin + 1, "(") && skipGroup(Sp.Begin + 1) == Sp.End) {
    llvm::StringRef Fn = at(Sp.Begin).Text;
    if (isAggregateName(Fn)) {
      C.IsAggregate = true;
      C.IsCount = Fn == "COUNT";
    } else if (Fn == "EXISTS") {
      C.IsExists = true;
    }
  }
  return C;
}

size_t Parser::parseFrom(size_t I, size_t Limit) {
  bool First = true;
  while (I < Limit) {
    if (!First) {
      if (punct(I, ",")) {
        S.HasJoin = true;
        ++I;
      } else {
        size_t J = I;
        while (J < Limit &&
               (kw(J, "NATURAL") || kw(J, "LEFT") || kw(J, "RIGHT") ||
                kw(J, "FULL") || kw(J, "OUTER") || kw(J, "INNER") ||
                kw(J, "CROSS")))
          ++J;
        if (!kw(J, "JOIN"))
          return I;
        S.HasJoin = true;
        I = J + 1;
        if (kw(I, "LATERAL"))
          ++I;
      }
    }
    First = false;
    std::string Table, Alias;
    if (punct(I, "(")) {
      size_t After = skipGroup(I);
      if (After == std::string::npos)
        return std::string::npos;
      I = alias(After, Alias);
      S.FromTables.push_back({"", Alias});
      Scope.push_back({"", Alias});
    } else {
      if (kw(I, "ONLY"))
        ++I;
      size_t After = name(I, Table);
      if (After == std::string::npos)
        return std::string::npos;
      I = alias(After, Alias);
      S.FromTables.push_back({Table, Alias});
      Scope.push_back({Table, Alias});
    }
    // ON condition / USING (cols).
    if (kw(I, "ON")) {
      I = findTop(I + 1, Limit, [&](size_t K) {
        return punct(K, ",") || kw(K, "JOIN") || kw(K, "LEFT") ||
               kw(K, "RIGHT") || kw(K, "INNER") || kw(K, "FULL") ||
               kw(K, "CROSS") || kw(K, "NATURAL") ||
               (isClauseKeyword(at(K)) && !kw(K, "ON") && !kw(K, "SELECT"));
      });
    } else if (kw(I, "USING") && punct(I + 1, "(")) {
      I = skipGroup(I + 1);
      if (I == std::string::npos)
        return I;
    }
  }
  return I;
}

bool Parser::parseSelect(size_t I, size_t Limit) {
  if (kw(I, "DISTINCT")) {
    ++I;
    if (kw(I, "ON") && punct(I + 1, "(")) {
      I = skipGroup(I + 1);
      if (I == std::string::npos)
        return false;
    }
  } else if (kw(I, "ALL")) {
    ++I;
  }
  size_t From = findTop(I, Limit, [&](size_t K) {
    return kw(K, "FROM") || kw(K, "WHERE") || kw(K, "UNION") ||
           kw(K, "EXCEPT") || kw(K, "INTERSECT") || kw(K, "INTO");
  });
  Span List{I, From};
  if (List.empty() || !balanced(List))
    return false;
  I = From;
  if (kw(I, "INTO"))
    return false; // SELECT ... INTO: not a plain query
  if (kw(I, "FROM")) {
    I = parseFrom(I + 1, Limit);
    if (I == std::string::npos || S.FromTables.empty())
      return false;
  }
  // Resolve the select list now that the tables are known.
  for (Span Item : splitTop(List, ",")) {
    if (Item.empty())
      return false;
    S.Columns.push_back(resultColumn(Item));
  }
  if (S.FromTables.size() == 1 && !S.HasJoin)
    S.Table = S.FromTables.front().first;
  if (kw(I, "WHERE")) {
    size_t End = findTop(I + 1, Limit, [&](size_t K) {
      return kw(K, "GROUP") || kw(K, "ORDER") || kw(K, "LIMIT") ||
             kw(K, "OFFSET") || kw(K, "FOR") || kw(K, "HAVING") ||
             kw(K, "WINDOW") || kw(K, "UNION") || kw(K, "EXCEPT") ||
             kw(K, "INTERSECT") || kw(K, "FETCH") || kw(K, "LOCK");
    });
    if (!parseWhere({I + 1, End}))
      return false;
    I = End;
  }
  // The tail: GROUP BY, ORDER BY, LIMIT, locking clauses; set operations
  // make the result columns ambiguous.
  for (size_t J = I; J < Limit; ++J) {
    if (kw(J, "UNION") || kw(J, "EXCEPT") || kw(J, "INTERSECT"))
      return false;
    if (kw(J, "FOR")) {
      if (kw(J + 1, "UPDATE") ||
          (kw(J + 1, "NO") && kw(J + 2, "KEY") && kw(J + 3, "UPDATE")))
        S.ForUpdate = true;
      else if (kw(J + 1, "SHARE") || (kw(J + 1, "KEY") && kw(J + 2, "SHARE")))
        S.ForShare = true;
    }
    if (kw(J, "LOCK") && kw(J + 1, "IN") && kw(J + 2, "SHARE"))
      S.ForShare = true;
    if (kw(J, "SKIP") && kw(J + 1, "LOCKED"))
      S.SkipLocked = true;
    if (kw(J, "NOWAIT"))
      S.NoWait = true;
    if ((kw(J, "LIMIT") && at(J + 1).K == TK::Number &&
         at(J + 1).Text == "1") ||
        (kw(J, "FETCH") && (kw(J + 1, "FIRST") || kw(J + 1, "NEXT")) &&
         ((at(J + 2).K == TK::Number && at(J + 2).Text == "1") ||
          kw(J + 2, "ROW"))))
      S.LimitOne = true;
    if (kw(J, "ORDER") && kw(J + 1, "BY")) {
      S.HasOrderBy = true;
      size_t End = findTop(J + 2, Limit, [&](size_t K) {
        return kw(K, "LIMIT") || kw(K, "OFFSET") || kw(K, "FOR") ||
               kw(K, "FETCH") || kw(K, "LOCK");
      });
      for (Span Item : splitTop({J + 2, End}, ",")) {
        // Drop ASC/DESC/NULLS FIRST/LAST.
        while (!Item.empty() &&
               (kw(Item.End - 1, "ASC") || kw(Item.End - 1, "DESC") ||
                kw(Item.End - 1, "FIRST") || kw(Item.End - 1, "LAST") ||
                kw(Item.End - 1, "NULLS")))
          --Item.End;
        std::string Table, Column;
        if (!Item.empty() && columnRef(Item, Table, Column))
          S.OrderByColumns.push_back(Column);
        else
          S.OrderByOther = true;
      }
      J = End - 1;
    }
  }
  if (!balanced({I, Limit}))
    return false;
  return true;
}

bool Parser::parseUpdate(size_t I, size_t Limit) {
  if (kw(I, "OR") && at(I + 1).K == TK::Word)
    I += 2;
  if (kw(I, "ONLY"))
    ++I;
  std::string Table, Alias;
  I = name(I, Table);
  if (I == std::string::npos)
    return false;
  I = alias(I, Alias);
  S.Table = Table;
  Scope.push_back({Table, Alias});
  if (!kw(I, "SET"))
    return false;
  size_t SetEnd = findTop(I + 1, Limit, [&](size_t K) {
    return kw(K, "FROM") || kw(K, "WHERE") || kw(K, "RETURNING") ||
           kw(K, "ORDER") || kw(K, "LIMIT");
  });
  Span Sets{I + 1, SetEnd};
  if (Sets.empty() || !balanced(Sets))
    return false;
  I = SetEnd;
  if (kw(I, "FROM")) {
    size_t After = parseFrom(I + 1, Limit);
    if (After == std::string::npos)
      return false;
    I = After;
  }
  for (Span Item : splitTop(Sets, ",")) {
    size_t Eq =
        findTop(Item.Begin, Item.End, [&](size_t K) { return punct(K, "="); });
    if (Eq >= Item.End || Eq == Item.Begin)
      return false;
    SqlAssignment A;
    std::string ColTable, Column;
    if (!columnRef({Item.Begin, Eq}, ColTable, Column)) {
      // (a, b) = (...): not understood; keep it so nothing is inferred.
      A.Column = "";
      A.F = SqlAssignment::Form::Expression;
      S.Sets.push_back(A);
      continue;
    }
    A.Column = Column;
    Span V{Eq + 1, Item.End};
    if (V.empty())
      return false;
    A.ValueOffset = at(V.Begin).Off;
    A.ValueLength = at(V.End - 1).Off + at(V.End - 1).Len - A.ValueOffset;
    paramsIn(V, A.Params);
    bool HasSelect = false;
    for (size_t J = V.Begin; J < V.End; ++J)
      HasSelect |= kw(J, "SELECT");
    bool SelfRef = false;
    bool OtherColumns = false;
    for (const auto &[RefTable, RefColumn] : columnsIn(V)) {
      if (RefColumn == Column &&
          (RefTable.empty() || sameSqlTable(RefTable, Table)))
        SelfRef = true;
      else
        OtherColumns = true;
    }
    SqlValue Simple = value(V);
    if (HasSelect)
      A.F = SqlAssignment::Form::Subquery;
    else if (SelfRef)
      A.F = SqlAssignment::Form::SelfRelative;
    else if (Simple.K == SqlValue::Kind::Param)
      A.F = SqlAssignment::Form::Param;
    else if (A.Params.empty() && !OtherColumns)
      A.F = SqlAssignment::Form::Literal;
    else
      A.F = SqlAssignment::Form::Expression;
    S.Sets.push_back(A);
  }
  if (kw(I, "WHERE")) {
    size_t End = findTop(I + 1, Limit, [&](size_t K) {
      return kw(K, "RETURNING") || kw(K, "ORDER") || kw(K, "LIMIT");
    });
    if (!parseWhere({I + 1, End}))
      return false;
    I = End;
  }
  return balanced({I, Limit});
}

bool Parser::parseInsert(size_t I, size_t Limit) {
  if (kw(I, "OR") && at(I + 1).K == TK::Word) {
    if (kw(I + 1, "IGNORE") || kw(I + 1, "REPLACE"))
      S.HandlesConflict = true;
    I += 2;
  }
  if (kw(I, "IGNORE")) {
    S.HandlesConflict = true;
    ++I;
  }
  if (!kw(I, "INTO"))
    return false;
  std::string Table, Alias;
  I = name(I + 1, Table);
  if (I == std::string::npos)
    return false;
  S.Table = Table;
  if (kw(I, "AS"))
    I = alias(I, Alias);
  Scope.push_back({Table, Alias});
  if (punct(I, "(")) {
    size_t After = skipGroup(I);
    if (After == std::string::npos)
      return false;
    for (Span Item : splitTop({I + 1, After - 1}, ",")) {
      std::string ColTable, Column;
      if (!columnRef(Item, ColTable, Column))
        return false;
      S.InsertColumns.push_back(Column);
    }
    I = After;
  }
  if (kw(I, "VALUES") || kw(I, "VALUE")) {
    if (!punct(I + 1, "("))
      return false;
    size_t After = skipGroup(I + 1);
    if (After == std::string::npos)
      return false;
    for (Span Item : splitTop({I + 2, After - 1}, ","))
      S.InsertValues.push_back(value(Item));
    I = After;
  } else if (kw(I, "SELECT") || kw(I, "WITH") || punct(I, "(")) {
    S.InsertFromSelect = true;
  } else if (kw(I, "DEFAULT") && kw(I + 1, "VALUES")) {
    I += 2;
  } else if (kw(I, "SET")) {
    // MySQL: INSERT INTO t SET a = 1, b = 2.
  } else {
    return false;
  }
  for (size_t J = I; J < Limit; ++J) {
    if (kw(J, "ON") && (kw(J + 1, "CONFLICT") || kw(J + 1, "DUPLICATE")))
      S.HandlesConflict = true;
  }
  return balanced({I, Limit});
}

bool Parser::parseDelete(size_t I, size_t Limit) {
  if (!kw(I, "FROM"))
    return false;
  ++I;
  if (kw(I, "ONLY"))
    ++I;
  std::string Table, Alias;
  I = name(I, Table);
  if (I == std::string::npos)
    return false;
  I = alias(I, Alias);
  S.Table = Table;
  Scope.push_back({Table, Alias});
  if (kw(I, "USING")) {
    size_t After = parseFrom(I + 1, Limit);
    if (After == std::string::npos)
      return false;
    I = After;
  }
  if (kw(I, "WHERE")) {
    size_t End = findTop(I + 1, Limit, [&](size_t K) {
      return kw(K, "RETURNING") || kw(K, "ORDER") || kw(K, "LIMIT");
    });
    if (!parseWhere({I + 1, End}))
      return false;
    I = End;
  }
  return balanced({I, Limit});
}

bool Parser::parse() {
  size_t Limit = T.size() - 1; // before End
  // Trailing semicolons are fine; more than one statement is not
  // understood.
  while (Limit > 0 && punct(Limit - 1, ";"))
    --Limit;
  if (findTop(0, Limit, [&](size_t K) { return punct(K, ";"); }) < Limit)
    return false;
  if (Limit == 0)
    return false;
  for (size_t J = 0; J < Limit; ++J)
    if (at(J).K == TK::Param)
      S.Params.push_back(at(J).P);
  // Explicit locks: LOCK TABLE, pg_advisory_xact_lock(...), GET_LOCK(...).
  if (kw(0, "LOCK"))
    S.TakesLock = true;
  for (size_t J = 0; J + 1 < Limit; ++J)
    if (at(J).K == TK::Word && punct(J + 1, "(") &&
        llvm::StringRef(at(J).Text).contains("LOCK"))
      S.TakesLock = true;
  for (size_t J = 0; J + 2 < Limit; ++J)
    if (kw(J, "ISOLATION") && kw(J + 1, "LEVEL") &&
        (kw(J + 2, "SERIALIZABLE") ||
         (kw(J + 2, "REPEATABLE") && kw(J + 3, "READ"))))
      S.RaisesIsolation = true;
  if (kw(0, "BEGIN") && (kw(1, "IMMEDIATE") || kw(1, "EXCLUSIVE")))
    S.RaisesIsolation = true;
  switch (S.Kind) {
  case SqlStatementKind::Select:
    if (!kw(0, "SELECT"))
      return false;
    return parseSelect(1, Limit);
  case SqlStatementKind::Update:
    return parseUpdate(1, Limit);
  case SqlStatementKind::Insert:
    if (kw(0, "REPLACE") || kw(0, "UPSERT")) {
      S.HandlesConflict = true;
      return parseInsert(1, Limit);
    }
    return parseInsert(1, Limit);
  case SqlStatementKind::Delete:
    return parseDelete(1, Limit);
  case SqlStatementKind::Begin:
  case SqlStatementKind::Commit:
  case SqlStatementKind::Rollback:
  case SqlStatementKind::Other:
    return true;
  case SqlStatementKind::Unknown:
    return false;
  }
  return false;
}

} // namespace

//===----------------------------------------------------------------------===//
// SqlStatement
//===----------------------------------------------------------------------===//

std::string normalizeSqlName(llvm::StringRef Name) {
  Name = Name.trim();
  // The qualifier ends at the last dot outside quotes: "User.Email" is one
  // quoted column, s."t" a qualified one.
  size_t Dot = llvm::StringRef::npos;
  char Closing = 0;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (Closing) {
      if (C == Closing)
        Closing = 0;
    } else if (C == '"' || C == '`') {
      Closing = C;
    } else if (C == '[') {
      Closing = ']';
    } else if (C == '.') {
      Dot = I;
    }
  }
  if (Dot != llvm::StringRef::npos)
    Name = Name.substr(Dot + 1);
  if (Name.size() >= 2 && ((Name.front() == '"' && Name.back() == '"') ||
                           (Name.front() == '`' && Name.back() == '`') ||
                           (Name.front() == '[' && Name.back() == ']')))
    Name = Name.drop_front().drop_back();
  return Name.lower();
}

bool sameSqlTable(llvm::StringRef A, llvm::StringRef B) {
  if (A.empty() || B.empty())
    return false;
  return normalizeSqlName(A) == normalizeSqlName(B);
}

const SqlResultColumn *SqlStatement::column(unsigned Index) const {
  if (Index >= Columns.size())
    return nullptr;
  // With a star before Index the positions are unknown.
  for (unsigned I = 0; I <= Index; ++I)
    if (Columns[I].IsStar)
      return nullptr;
  return &Columns[Index];
}

const SqlResultColumn *SqlStatement::column(llvm::StringRef Name) const {
  std::string Lower = Name.lower();
  for (const SqlResultColumn &C : Columns)
    if (C.Name == Lower)
      return &C;
  return nullptr;
}

const SqlCondition *SqlStatement::whereEq(llvm::StringRef Column) const {
  std::string Lower = Column.lower();
  for (const SqlCondition &C : WhereEq)
    if (C.Column == Lower)
      return &C;
  return nullptr;
}

bool SqlStatement::mentionsTable(llvm::StringRef Name) const {
  if (sameSqlTable(Table, Name))
    return true;
  for (const auto &[T, Alias] : FromTables)
    if (sameSqlTable(T, Name))
      return true;
  return false;
}

SqlStatement parseSqlStatement(llvm::StringRef Text) {
  SqlStatement S;
  S.Text = Text.str();
  // Hole markers must not decide the leading keyword.
  S.Kind = analyzeSql(Text).Kind;
  if (llvm::StringRef(Text).ltrim().starts_with("\x01"))
    S.Kind = SqlStatementKind::Unknown;
  // WITH ... is classified by its main statement elsewhere, but its tables
  // and columns are not analysed here.
  std::vector<Tok> Toks;
  if (!lex(Text, Toks)) {
    S.Parsed = false;
    return S;
  }
  if (!Toks.empty() && Toks.front().K == TK::Word &&
      Toks.front().Text == "WITH") {
    S.Parsed = false;
    return S;
  }
  Parser P(Toks, S);
  bool OK = P.parse();
  if (!OK) {
    SqlStatement Failed;
    Failed.Text = S.Text;
    Failed.Kind = S.Kind;
    Failed.Parsed = false;
    Failed.RaisesIsolation = S.RaisesIsolation;
    return Failed;
  }
  S.Parsed = true;
  return S;
}

//===----------------------------------------------------------------------===//
// SQL recovered from C++
//===----------------------------------------------------------------------===//

std::string sqlHoleMarker(unsigned Index) {
  return "\x01" + std::to_string(Index) + "\x01";
}

std::string quoteCxxString(llvm::StringRef Text) {
  std::string Out = "\"";
  for (char C : Text) {
    switch (C) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\t':
      Out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(C) < 0x20) {
        char Buf[8];
        snprintf(Buf, sizeof(Buf), "\\%03o", static_cast<unsigned char>(C));
        Out += Buf;
      } else {
        Out += C;
      }
    }
  }
  Out += "\"";
  return Out;
}

namespace {

/// Whether a local variable is written after its initialisation anywhere in
/// its function (assigned, passed by non-const reference, address taken,
/// non-const member call).
bool isModifiedAfterInit(const VarDecl *VD, ASTContext &Ctx) {
  const DeclContext *DC = VD->getParentFunctionOrMethod();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(DC);
  if (!FD || !FD->hasBody())
    return true;
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *VD;
    ASTContext &Ctx;
    bool Modified = false;
    Finder(const VarDecl *VD, ASTContext &Ctx) : VD(VD), Ctx(Ctx) {}
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      if (E->getDecl() != VD)
        return true;
      const Expr *Cur = E;
      for (;;) {
        auto Parents = Ctx.getParents(*Cur);
        if (Parents.empty())
          return true;
        const auto *P = Parents[0].get<Expr>();
        if (!P)
          return true;
        if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
          if (ICE->getCastKind() == CK_LValueToRValue ||
              ICE->getCastKind() == CK_NoOp)
            return true;
          Cur = P;
          continue;
        }
        if (isa<ParenExpr>(P)) {
          Cur = P;
          continue;
        }
        if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
          if (BO->isAssignmentOp() && BO->getLHS()->IgnoreParens() == Cur)
            Modified = true;
          return true;
        }
        if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
          if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
            Modified = true;
          return true;
        }
        if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
          if (Op->getNumArgs() > 0 && Op->getArg(0)->IgnoreParens() == Cur &&
              (Op->isAssignmentOp() || Op->getOperator() == OO_PlusEqual)) {
            Modified = true;
            return true;
          }
        }
        if (const auto *MC = dyn_cast<MemberExpr>(P)) {
          if (const auto *M = dyn_cast<CXXMethodDecl>(MC->getMemberDecl()))
            if (!M->isConst())
              Modified = true;
          return true;
        }
        if (const auto *Call = dyn_cast<CallExpr>(P)) {
          const FunctionDecl *Callee = Call->getDirectCallee();
          for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
            if (Call->getArg(I)->IgnoreParens() != Cur)
              continue;
            unsigned Param = I;
            if (isa<CXXOperatorCallExpr>(Call) &&
                isa_and_nonnull<CXXMethodDecl>(Callee)) {
              if (I == 0) {
                if (!cast<CXXMethodDecl>(Callee)->isConst())
                  Modified = true;
                return true;
              }
              Param = I - 1;
            }
            if (!Callee || Param >= Callee->getNumParams()) {
              if (!Callee)
                Modified = true;
              return true;
            }
            QualType PT = Callee->getParamDecl(Param)->getType();
            if (PT->isReferenceType() &&
                !PT.getNonReferenceType().isConstQualified())
              Modified = true;
          }
          return true;
        }
        return true;
      }
    }
  };
  Finder F(VD, Ctx);
  F.TraverseStmt(FD->getBody());
  return F.Modified;
}

const Expr *skipStringWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      if (C->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(C->getArg(0)))
        return E;
      // Only string-like conversions and copies: the first argument must
      // itself be text.
      E = C->getArg(0);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const auto *Method = MC->getMethodDecl();
      if (Method &&
          (isa<CXXConversionDecl>(Method) || Method->getName() == "c_str" ||
           Method->getName() == "data" || Method->getName() == "toStdString" ||
           Method->getName() == "toUtf8" || Method->getName() == "toLatin1"))
        E = MC->getImplicitObjectArgument();
      else
        return E;
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // QString::fromStdString / fromUtf8 / fromLatin1 (static members).
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && Call->getNumArgs() >= 1 && FD->getIdentifier() &&
          (FD->getName() == "fromStdString" || FD->getName() == "fromUtf8" ||
           FD->getName() == "fromLatin1"))
        E = Call->getArg(0);
      else
        return E;
    } else {
      return E;
    }
  }
  return E;
}

struct TemplateBuilder {
  ASTContext &Ctx;
  SqlTemplate Out;
  bool AnyText = false;

  void hole(const Expr *E) {
    Out.Text += " " + sqlHoleMarker(Out.Holes.size()) + " ";
    Out.Holes.push_back(E);
  }

  /// Appends E's text; returns false when E is no text at all (the caller
  /// then makes it a hole).
  bool append(const Expr *Orig, unsigned Depth) {
    if (Depth > 12)
      return false;
    const Expr *E = skipStringWrappers(Orig);
    if (!E)
      return false;
    if (const auto *SL = dyn_cast<StringLiteral>(E)) {
      if (SL->getCharByteWidth() != 1)
        return false;
      Out.Text += SL->getString().str();
      AnyText = true;
      return true;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() == OO_Plus && Op->getNumArgs() == 2) {
        for (unsigned I = 0; I < 2; ++I)
          if (!append(Op->getArg(I), Depth + 1))
            hole(Op->getArg(I));
        return true;
      }
      return false;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD || isa<ParmVarDecl>(VD) || !VD->getInit())
        return false;
      QualType T = VD->getType();
      bool Const =
          T.isConstQualified() ||
          (T->isPointerType() && T->getPointeeType().isConstQualified() &&
           VD->isLocalVarDecl() && !isModifiedAfterInit(VD, Ctx));
      if (!Const) {
        if (!VD->isLocalVarDecl() || VD->isStaticLocal() ||
            isModifiedAfterInit(VD, Ctx))
          return false;
      }
      size_t Before = Out.Text.size();
      size_t Holes = Out.Holes.size();
      if (append(VD->getInit(), Depth + 1))
        return true;
      Out.Text.resize(Before);
      Out.Holes.resize(Holes);
      return false;
    }
    return false;
  }
};

} // namespace

std::optional<SqlTemplate> sqlTemplateOf(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  TemplateBuilder B{Ctx, {}, false};
  if (!B.append(E, 0) || !B.AnyText)
    return std::nullopt;
  if (B.Out.Holes.empty())
    if (const auto *SL =
            dyn_cast_or_null<StringLiteral>(skipStringWrappers(E))) {
      if (SL->getBeginLoc().isMacroID() || SL->getEndLoc().isMacroID())
        B.Out.LiteralInMacro = true;
      else if (Ctx.getSourceManager().isWrittenInSameFile(SL->getBeginLoc(),
                                                          E->getExprLoc()))
        B.Out.Literal = SL;
    }
  return B.Out;
}

//===----------------------------------------------------------------------===//
// Schemas
//===----------------------------------------------------------------------===//

namespace {

unsigned lineOf(llvm::StringRef Text, unsigned Offset) {
  return 1 + static_cast<unsigned>(
                 std::count(Text.begin(), Text.begin() + Offset, '\n'));
}

struct DdlReader {
  const std::vector<Tok> &T;
  llvm::StringRef Text;
  llvm::StringRef File;
  std::vector<SqlUniqueKey> &Keys;

  const Tok &at(size_t I) const { return I < T.size() ? T[I] : T.back(); }
  bool kw(size_t I, llvm::StringRef U) const {
    return at(I).K == TK::Word && at(I).Text == U;
  }
  bool punct(size_t I, llvm::StringRef P) const {
    return at(I).K == TK::Punct && at(I).Text == P;
  }
  size_t skipGroup(size_t I, size_t Limit) const {
    int Depth = 0;
    for (size_t J = I; J < Limit; ++J) {
      if (punct(J, "("))
        ++Depth;
      else if (punct(J, ")") && --Depth == 0)
        return J + 1;
    }
    return std::string::npos;
  }
  size_t name(size_t I, std::string &Name) const {
    if (at(I).K != TK::Word && at(I).K != TK::QIdent)
      return std::string::npos;
    Name = at(I).Ident;
    ++I;
    while (punct(I, ".") &&
           (at(I + 1).K == TK::Word || at(I + 1).K == TK::QIdent)) {
      Name = at(I + 1).Ident;
      I += 2;
    }
    return I;
  }
  /// (a, b DESC, c) starting at '(' I: the plain column names, or false
  /// when an item is an expression.
  bool columnList(size_t I, size_t Limit, std::vector<std::string> &Cols,
                  size_t &After) const {
    if (!punct(I, "("))
      return false;
    After = skipGroup(I, Limit);
    if (After == std::string::npos)
      return false;
    size_t J = I + 1;
    while (J < After - 1) {
      if (at(J).K != TK::Word && at(J).K != TK::QIdent)
        return false;
      Cols.push_back(at(J).Ident);
      ++J;
      // ASC/DESC, COLLATE x, NULLS FIRST, an operator class, a length.
      while (J < After - 1 && !punct(J, ",")) {
        if (punct(J, "(")) {
          size_t G = skipGroup(J, After);
          if (G == std::string::npos)
            return false;
          J = G;
          continue;
        }
        if (at(J).K != TK::Word && at(J).K != TK::QIdent &&
            at(J).K != TK::Number)
          return false;
        ++J;
      }
      if (punct(J, ","))
        ++J;
    }
    return !Cols.empty();
  }
  void add(const std::string &Table, std::vector<std::string> Cols,
           bool Primary, unsigned Offset) {
    SqlUniqueKey K;
    K.Table = Table;
    K.Columns = std::move(Cols);
    K.Primary = Primary;
    K.File = File.str();
    K.Line = lineOf(Text, Offset);
    Keys.push_back(std::move(K));
  }

  void createTable(size_t I, size_t Limit) {
    if (kw(I, "IF") && kw(I + 1, "NOT") && kw(I + 2, "EXISTS"))
      I += 3;
    std::string Table;
    I = name(I, Table);
    if (I == std::string::npos || !punct(I, "("))
      return;
    size_t End = skipGroup(I, Limit);
    if (End == std::string::npos)
      return;
    // Elements separated by top-level commas.
    size_t Start = I + 1;
    int Depth = 0;
    for (size_t J = I + 1; J < End; ++J) {
      bool Last = J == End - 1;
      if (!Last && punct(J, "(")) {
        ++Depth;
        continue;
      }
      if (!Last && punct(J, ")")) {
        --Depth;
        continue;
      }
      if ((Depth == 0 && punct(J, ",")) || Last) {
        element(Table, Start, J);
        Start = J + 1;
      }
    }
  }

  void element(const std::string &Table, size_t B, size_t E) {
    if (B >= E)
      return;
    size_t I = B;
    if (kw(I, "CONSTRAINT"))
      I += 2;
    if (kw(I, "PRIMARY") && kw(I + 1, "KEY")) {
      std::vector<std::string> Cols;
      size_t After;
      if (columnList(I + 2, E, Cols, After))
        add(Table, Cols, true, at(I).Off);
      return;
    }
    if (kw(I, "UNIQUE")) {
      size_t J = I + 1;
      if (kw(J, "KEY") || kw(J, "INDEX"))
        ++J;
      if (!punct(J, "(") && (at(J).K == TK::Word || at(J).K == TK::QIdent))
        ++J; // MySQL: UNIQUE KEY name (cols)
      std::vector<std::string> Cols;
      size_t After;
      if (columnList(J, E, Cols, After))
        add(Table, Cols, false, at(I).Off);
      return;
    }
    if (kw(I, "CHECK") || kw(I, "FOREIGN") || kw(I, "KEY") || kw(I, "INDEX") ||
        kw(I, "EXCLUDE") || kw(I, "FULLTEXT") || kw(I, "SPATIAL") ||
        kw(I, "LIKE"))
      return;
    // A column definition: name type ... [PRIMARY KEY] [UNIQUE].
    if (at(I).K != TK::Word && at(I).K != TK::QIdent)
      return;
    std::string Column = at(I).Ident;
    int Depth = 0;
    for (size_t J = I + 1; J < E; ++J) {
      if (punct(J, "("))
        ++Depth;
      else if (punct(J, ")"))
        --Depth;
      else if (Depth == 0 && kw(J, "PRIMARY") && kw(J + 1, "KEY"))
        add(Table, {Column}, true, at(J).Off);
      else if (Depth == 0 && kw(J, "UNIQUE"))
        add(Table, {Column}, false, at(J).Off);
    }
  }

  void createIndex(size_t I, size_t Limit, unsigned Off) {
    // after UNIQUE INDEX
    if (kw(I, "CONCURRENTLY"))
      ++I;
    if (kw(I, "IF") && kw(I + 1, "NOT") && kw(I + 2, "EXISTS"))
      I += 3;
    if (!kw(I, "ON")) {
      std::string Ignored;
      I = name(I, Ignored);
      if (I == std::string::npos)
        return;
    }
    if (!kw(I, "ON"))
      return;
    ++I;
    if (kw(I, "ONLY"))
      ++I;
    std::string Table;
    I = name(I, Table);
    if (I == std::string::npos)
      return;
    if (kw(I, "USING"))
      I += 2;
    std::vector<std::string> Cols;
    size_t After;
    if (!columnList(I, Limit, Cols, After))
      return;
    for (size_t J = After; J < Limit; ++J)
      if (kw(J, "WHERE"))
        return; // a partial index does not make every row unique
    add(Table, Cols, false, Off);
  }

  void alterTable(size_t I, size_t Limit) {
    if (kw(I, "IF") && kw(I + 1, "EXISTS"))
      I += 2;
    if (kw(I, "ONLY"))
      ++I;
    std::string Table;
    I = name(I, Table);
    if (I == std::string::npos)
      return;
    for (size_t J = I; J < Limit; ++J) {
      if (!kw(J, "ADD"))
        continue;
      size_t K = J + 1;
      if (kw(K, "CONSTRAINT"))
        K += 2;
      bool Primary = kw(K, "PRIMARY") && kw(K + 1, "KEY");
      if (!Primary && !kw(K, "UNIQUE"))
        continue;
      size_t L = K + (Primary ? 2 : 1);
      if (kw(L, "KEY") || kw(L, "INDEX"))
        ++L;
      if (!punct(L, "(") && (at(L).K == TK::Word || at(L).K == TK::QIdent))
        ++L;
      std::vector<std::string> Cols;
      size_t After;
      if (columnList(L, Limit, Cols, After))
        add(Table, Cols, Primary, at(K).Off);
    }
  }

  void statement(size_t B, size_t E) {
    if (!kw(B, "CREATE") && !kw(B, "ALTER"))
      return;
    if (kw(B, "ALTER")) {
      if (kw(B + 1, "TABLE"))
        alterTable(B + 2, E);
      return;
    }
    size_t I = B + 1;
    if (kw(I, "OR") && kw(I + 1, "REPLACE"))
      I += 2;
    bool Unique = false;
    while (kw(I, "GLOBAL") || kw(I, "LOCAL") || kw(I, "TEMP") ||
           kw(I, "TEMPORARY") || kw(I, "UNLOGGED") || kw(I, "UNIQUE")) {
      Unique |= kw(I, "UNIQUE");
      ++I;
    }
    if (kw(I, "TABLE"))
      createTable(I + 1, E);
    else if (Unique && kw(I, "INDEX"))
      createIndex(I + 1, E, at(B).Off);
  }
};

} // namespace

void SqlSchema::addDdl(llvm::StringRef Text, llvm::StringRef File,
                       unsigned FirstLine) {
  std::vector<Tok> Toks;
  if (!lex(Text, Toks))
    return;
  const size_t Before = Keys.size();
  auto Shift = llvm::make_scope_exit([&] {
    for (size_t I = Before; I < Keys.size(); ++I)
      Keys[I].Line += FirstLine - 1;
  });
  DdlReader R{Toks, Text, File, Keys};
  size_t Start = 0;
  int Depth = 0;
  for (size_t I = 0; I < Toks.size(); ++I) {
    const Tok &X = Toks[I];
    if (X.K == TK::Punct && X.Text == "(")
      ++Depth;
    else if (X.K == TK::Punct && X.Text == ")")
      --Depth;
    bool End = X.K == TK::End;
    if (End || (X.K == TK::Punct && X.Text == ";" && Depth <= 0)) {
      R.statement(Start, I);
      Start = I + 1;
      Depth = 0;
    }
    if (End)
      break;
  }
}

const SqlUniqueKey *
SqlSchema::keyWithin(llvm::StringRef Table,
                     llvm::ArrayRef<std::string> Columns) const {
  for (const SqlUniqueKey &K : Keys) {
    if (!sameSqlTable(K.Table, Table))
      continue;
    bool All = !K.Columns.empty();
    for (const std::string &C : K.Columns)
      All &= std::find_if(Columns.begin(), Columns.end(),
                          [&](const std::string &X) {
                            // Key columns are stored normalized, and
                            // normalizing is not idempotent for quoted
                            // names with dots or blanks ("user.email").
                            return X == C || normalizeSqlName(X) == C;
                          }) != Columns.end();
    if (All)
      return &K;
  }
  return nullptr;
}

} // namespace dbtidy
