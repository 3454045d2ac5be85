#include "lib/SqlText.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

namespace dbtidy {

using namespace clang;

static const Expr *skipWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      // QString("..."), std::string("..."), copies and conversions.
      if (C->getNumArgs() == 0)
        return E;
      E = C->getArg(0);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      // Implicit conversion operators and .c_str()/.data()/.toStdString().
      const auto *Method = MC->getMethodDecl();
      if (Method &&
          (isa<CXXConversionDecl>(Method) || Method->getName() == "c_str" ||
           // QString("... %1").arg(x): the text is the format string's.
           Method->getName() == "arg" ||
           Method->getName() == "data" || Method->getName() == "toStdString" ||
           Method->getName() == "toUtf8"))
        E = MC->getImplicitObjectArgument();
      else
        return E;
    } else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else
      return E;
  }
  return E;
}

/// Whether a local variable keeps its initial value: nothing assigns to it,
/// appends to it or takes its address in its function.
static bool neverModified(const VarDecl *VD) {
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return false;
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *VD;
    bool Modified = false;
    explicit Finder(const VarDecl *VD) : VD(VD) {}
    bool refersToVar(const Expr *E) const {
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
      return DRE && DRE->getDecl() == VD;
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isAssignmentOp() && refersToVar(B->getLHS()))
        Modified = true;
      return !Modified;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if ((U->getOpcode() == UO_AddrOf || U->isIncrementDecrementOp()) &&
          refersToVar(U->getSubExpr()))
        Modified = true;
      return !Modified;
    }
    bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
      if (Op->isAssignmentOp() && Op->getNumArgs() > 0 &&
          refersToVar(Op->getArg(0)))
        Modified = true;
      return !Modified;
    }
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      // s.append(...), s.clear(): a non-const method may change the text.
      const auto *Method = Call->getMethodDecl();
      if (Method && !Method->isConst() &&
          refersToVar(Call->getImplicitObjectArgument()))
        Modified = true;
      return !Modified;
    }
  };
  Finder F(VD);
  F.TraverseStmt(Function->getBody());
  return !F.Modified;
}

static std::optional<std::string> textOf(const Expr *E, unsigned Depth) {
  if (!E || Depth > 8)
    return std::nullopt;
  E = skipWrappers(E);
  if (const auto *SL = dyn_cast<StringLiteral>(E)) {
    if (SL->getCharByteWidth() != 1)
      return std::nullopt;
    return SL->getString().str();
  }
  // "a" + b + "c"  (std::string / QString operator+).
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() == OO_Plus && Op->getNumArgs() == 2) {
      std::optional<std::string> L = textOf(Op->getArg(0), Depth + 1);
      std::optional<std::string> R = textOf(Op->getArg(1), Depth + 1);
      if (!L && !R)
        return std::nullopt;
      return L.value_or("?") + R.value_or("?");
    }
    return std::nullopt;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    // A parameter's initialiser is its default argument; callers may pass
    // anything.
    if (isa_and_nonnull<ParmVarDecl>(VD))
      return std::nullopt;
    if (VD && VD->getInit() && !VD->getType().isConstQualified() &&
        VD->hasLocalStorage() && neverModified(VD))
      return textOf(VD->getInit(), Depth + 1);
    if (VD && VD->getType().isConstQualified() && VD->getInit())
      return textOf(VD->getInit(), Depth + 1);
    if (VD && VD->getType()->isArrayType() && VD->getInit() &&
        VD->getType().isConstQualified())
      return textOf(VD->getInit(), Depth + 1);
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> sqlTextOf(const Expr *E) { return textOf(E, 0); }

static llvm::StringRef nextWord(llvm::StringRef &Text) {
  // Skip whitespace and SQL comments.
  for (;;) {
    Text = Text.ltrim();
    if (Text.starts_with("--")) {
      size_t End = Text.find('\n');
      Text = End == llvm::StringRef::npos ? "" : Text.substr(End + 1);
      continue;
    }
    if (Text.starts_with("/*")) {
      size_t End = Text.find("*/");
      Text = End == llvm::StringRef::npos ? "" : Text.substr(End + 2);
      continue;
    }
    if (Text.starts_with("(")) {
      Text = Text.substr(1);
      continue;
    }
    break;
  }
  size_t Len = 0;
  while (Len < Text.size() && (llvm::isAlnum(Text[Len]) || Text[Len] == '_'))
    ++Len;
  llvm::StringRef Word = Text.take_front(Len);
  Text = Text.drop_front(Len);
  return Word;
}

SqlInfo analyzeSql(llvm::StringRef Text) {
  SqlInfo Info;
  Info.Text = Text.str();
  llvm::StringRef Rest = Text;
  llvm::StringRef First = nextWord(Rest);
  std::string Upper = First.upper();
  if (Upper == "WITH") {
    // A CTE: the statement kind is that of the main statement after the
    // common table expressions; look for the first top-level keyword.
    // The main statement follows the last CTE's closing parenthesis; a write
    // keyword there makes the whole statement a write.
    static const llvm::Regex MainStatement(
        "\\)[[:space:]]*(INSERT|UPDATE|DELETE)", llvm::Regex::IgnoreCase);
    llvm::SmallVector<llvm::StringRef, 2> Match;
    Upper = MainStatement.match(Text, &Match) ? Match[1].upper() : "SELECT";
  }
  if (Upper == "SELECT" || Upper == "VALUES" || Upper == "SHOW" ||
      Upper == "TABLE")
    Info.Kind = SqlStatementKind::Select;
  else if (Upper == "INSERT" || Upper == "REPLACE" || Upper == "UPSERT")
    Info.Kind = SqlStatementKind::Insert;
  else if (Upper == "UPDATE")
    Info.Kind = SqlStatementKind::Update;
  else if (Upper == "DELETE")
    Info.Kind = SqlStatementKind::Delete;
  else if (Upper == "BEGIN" || Upper == "START" || Upper == "SAVEPOINT")
    Info.Kind = SqlStatementKind::Begin;
  else if (Upper == "COMMIT" || Upper == "END" || Upper == "RELEASE")
    Info.Kind = SqlStatementKind::Commit;
  else if (Upper == "ROLLBACK") {
    // ROLLBACK TO [SAVEPOINT] x undoes part of a transaction and keeps it.
    llvm::StringRef After = Rest;
    std::string Next = nextWord(After).upper();
    if (Next == "TRANSACTION" || Next == "WORK")
      Next = nextWord(After).upper();
    Info.Kind = Next == "TO" ? SqlStatementKind::Other
                             : SqlStatementKind::Rollback;
  }
  else if (Upper.empty() || First.contains('?'))
    Info.Kind = SqlStatementKind::Unknown;
  else
    Info.Kind = SqlStatementKind::Other;
  if (Info.Kind == SqlStatementKind::Other)
    Info.Schema = llvm::is_contained(
        std::initializer_list<llvm::StringRef>{
            "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "COMMENT",
            "PRAGMA", "ATTACH", "DETACH", "VACUUM", "ANALYZE", "REINDEX",
            "GRANT", "REVOKE"},
        Upper);
  if (Info.Kind == SqlStatementKind::Select) {
    std::string All = Text.upper();
    Info.ForUpdate = All.find("FOR UPDATE") != std::string::npos ||
                     All.find("FOR NO KEY UPDATE") != std::string::npos ||
                     All.find("FOR SHARE") != std::string::npos;
  }
  return Info;
}

bool isSqlWrite(SqlStatementKind Kind) {
  return Kind == SqlStatementKind::Insert || Kind == SqlStatementKind::Update ||
         Kind == SqlStatementKind::Delete;
}

llvm::StringRef sqlKindName(SqlStatementKind Kind) {
  switch (Kind) {
  case SqlStatementKind::Select:
    return "SELECT";
  case SqlStatementKind::Insert:
    return "INSERT";
  case SqlStatementKind::Update:
    return "UPDATE";
  case SqlStatementKind::Delete:
    return "DELETE";
  case SqlStatementKind::Begin:
    return "BEGIN";
  case SqlStatementKind::Commit:
    return "COMMIT";
  case SqlStatementKind::Rollback:
    return "ROLLBACK";
  case SqlStatementKind::Other:
    return "SQL";
  case SqlStatementKind::Unknown:
    break;
  }
  return "unknown SQL";
}

} // namespace dbtidy
