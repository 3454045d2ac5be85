#include "lib/RaceFixes.h"

#include "lib/QualifiedName.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace dbtidy {

using namespace clang;

std::string exprText(FunctionFlow &F, const Expr *E) {
  if (!E)
    return "";
  return sourceText(F.context().ast(), E->getSourceRange());
}

/// The statement of a compound statement that is exactly E (an expression
/// statement), or null.
static const Stmt *fullStatement(ASTContext &Ctx, const Expr *E) {
  const Stmt *Cur = E;
  for (unsigned I = 0; I < 4; ++I) {
    auto Parents = Ctx.getParents(*Cur);
    if (Parents.empty())
      return nullptr;
    if (Parents[0].get<CompoundStmt>())
      return Cur;
    const auto *P = Parents[0].get<Stmt>();
    if (!P || !isa<ExprWithCleanups, ImplicitCastExpr>(P))
      return nullptr;
    Cur = P;
  }
  return nullptr;
}

/// Records that a fix is not given because it would touch a macro
/// expansion; returns true so callers can `return` on it.
static bool touchesMacro(bool *TouchesMacro) {
  if (TouchesMacro)
    *TouchesMacro = true;
  return true;
}

/// A removal of statement S with its semicolon, and of its whole line when
/// nothing else is on it.
static std::optional<FixItHint> removeStatement(ASTContext &Ctx, const Stmt *S,
                                                bool *TouchesMacro) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation B = S->getBeginLoc(), E = S->getEndLoc();
  if ((B.isMacroID() || E.isMacroID()) && touchesMacro(TouchesMacro))
    return std::nullopt;
  SourceLocation After =
      Lexer::getLocForEndOfToken(E, 0, SM, Ctx.getLangOpts());
  if (After.isInvalid())
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(B), &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned BO = SM.getFileOffset(B), AO = SM.getFileOffset(After);
  if (!isa<DeclStmt>(S) || (AO > 0 && Buffer[AO - 1] != ';')) {
    unsigned Semi = AO;
    while (Semi < Buffer.size() && llvm::isSpace(Buffer[Semi]))
      ++Semi;
    if (Semi >= Buffer.size() || Buffer[Semi] != ';')
      return std::nullopt;
    After = After.getLocWithOffset(int(Semi + 1 - AO));
    AO = Semi + 1;
  }
  unsigned LineStart = BO;
  while (LineStart > 0 &&
         (Buffer[LineStart - 1] == ' ' || Buffer[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = AO;
  while (LineEnd < Buffer.size() &&
         (Buffer[LineEnd] == ' ' || Buffer[LineEnd] == '\t'))
    ++LineEnd;
  bool WholeLine = (LineStart == 0 || Buffer[LineStart - 1] == '\n') &&
                   (LineEnd >= Buffer.size() || Buffer[LineEnd] == '\n');
  if (WholeLine && LineStart > 0) {
    // Remove from the end of the previous line, so no blank line stays and
    // no whitespace of the next line is touched (clang's fix-it merging
    // eats a space next to a removal that leaves two blanks).
    SourceLocation From = B.getLocWithOffset(-int(BO - LineStart + 1));
    SourceLocation To = After.getLocWithOffset(int(LineEnd - AO));
    return FixItHint::CreateRemoval(CharSourceRange::getCharRange(From, To));
  }
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(B, After));
}

/// The column of an assignment as written in the SQL text, found by
/// scanning back from its value: `"Stock" = $1` gives "\"Stock\"".
static std::string assignedColumnText(llvm::StringRef Text, unsigned Value) {
  size_t I = Value;
  while (I > 0 && llvm::isSpace(Text[I - 1]))
    --I;
  if (I == 0 || Text[I - 1] != '=')
    return "";
  --I;
  while (I > 0 && llvm::isSpace(Text[I - 1]))
    --I;
  size_t End = I;
  while (I > 0 &&
         (llvm::isAlnum(Text[I - 1]) || Text[I - 1] == '_' ||
          Text[I - 1] == '"' || Text[I - 1] == '`' || Text[I - 1] == '.' ||
          Text[I - 1] == '[' || Text[I - 1] == ']'))
    --I;
  return Text.slice(I, End).str();
}

static unsigned occurrences(const SqlStatement &S, const SqlParam &P) {
  unsigned N = 0;
  for (const SqlParam &X : S.Params) {
    if (!P.Name.empty())
      N += X.Name == P.Name;
    else if (P.Number)
      N += X.Number == P.Number;
    else
      N += X.Ordinal == P.Ordinal;
  }
  return N;
}

/// Whether W's SQL text is one string literal, written at the call or in a
/// macro (see literalInMacro).
static bool literalSql(const DbOp &W) {
  return W.Template && (W.Template->LiteralInMacro ||
                        (W.Template->Literal &&
                         W.Template->Literal->isOrdinary()));
}

/// Whether W's SQL literal is written in a macro (or a macro's argument).
static bool literalInMacro(const DbOp &W) {
  return W.Template->LiteralInMacro;
}

std::vector<FixItHint> sqlIncrementFix(FunctionFlow &F, const DbOp &W,
                                       const SqlAssignment &A,
                                       const SqlParam &P, const Expr *Value,
                                       const Increment &Inc,
                                       bool *TouchesMacro) {
  std::vector<FixItHint> Out;
  if (!literalSql(W) || A.F != SqlAssignment::Form::Param ||
      A.Params.size() != 1 || P.isHole() || occurrences(W.Sql, P) != 1 ||
      !Inc.Amount || Inc.ThroughVariable || (Inc.Op != '+' && Inc.Op != '-'))
    return Out;
  if ((literalInMacro(W) || Value->getBeginLoc().isMacroID() ||
       Value->getEndLoc().isMacroID()) &&
      touchesMacro(TouchesMacro))
    return Out;
  std::string Amount = exprText(F, Inc.Amount);
  if (Amount.empty())
    return Out;
  const std::string &Text = W.Template->Text;
  std::string Column = assignedColumnText(Text, A.ValueOffset);
  if (Column.empty())
    return Out;
  std::string ParamText = Text.substr(A.ValueOffset, A.ValueLength);
  std::string NewSql = Text.substr(0, A.ValueOffset) + Column + " " +
                       std::string(1, Inc.Op) + " " + ParamText +
                       Text.substr(A.ValueOffset + A.ValueLength);
  Out.push_back(FixItHint::CreateReplacement(
      W.Template->Literal->getSourceRange(), quoteCxxString(NewSql)));
  Out.push_back(FixItHint::CreateReplacement(Value->getSourceRange(), Amount));
  return Out;
}

namespace {
struct Rendered {
  std::string Text;
  bool Complete = true;
};
} // namespace

static Rendered render(llvm::StringRef Template,
                       const std::map<std::string, std::string> &Values) {
  Rendered R;
  size_t I = 0;
  while (I < Template.size()) {
    if (Template[I] == '{') {
      size_t End = Template.find('}', I);
      if (End != llvm::StringRef::npos) {
        std::string Key = Template.slice(I + 1, End).str();
        auto It = Values.find(Key);
        if (It == Values.end() || It->second.empty()) {
          R.Complete = false;
          R.Text += "...";
        } else {
          R.Text += It->second;
        }
        I = End + 1;
        continue;
      }
    }
    R.Text += Template[I++];
  }
  return R;
}

/// `storage.` / `post->`: the store call up to its method name.
static std::string receiverOf(FunctionFlow &F, const DbOp &Store,
                              bool *TouchesMacro) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(Store.Call);
  if (!MC)
    return "";
  const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  if (!ME || ME->isImplicitAccess())
    return "";
  ASTContext &Ctx = F.context().ast();
  SourceLocation B = MC->getBeginLoc(), M = ME->getMemberLoc();
  if ((B.isMacroID() || M.isMacroID()) && touchesMacro(TouchesMacro))
    return "";
  bool Invalid = false;
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getCharRange(B, M),
                           Ctx.getSourceManager(), Ctx.getLangOpts(), &Invalid);
  return Invalid ? "" : Text.str();
}

static std::string signedAmount(char Op, const std::string &Amount) {
  if (Op == '+')
    return Amount;
  bool Simple = std::all_of(Amount.begin(), Amount.end(), [](char C) {
    return llvm::isAlnum(C) || C == '_' || C == '.';
  });
  return Simple ? "-" + Amount : "-(" + Amount + ")";
}

static std::map<std::string, std::string>
placeholders(FunctionFlow &F, const OrmSchema &Schema, const DbOp &Store,
             const CXXRecordDecl *RD, const std::string &Field,
             bool *TouchesMacro = nullptr) {
  std::map<std::string, std::string> V;
  V["receiver"] = receiverOf(F, Store, TouchesMacro);
  if (RD) {
    V["class"] = RD->getQualifiedNameAsString();
    if (const FieldDecl *Key = Schema.primaryKeyOf(RD))
      V["key"] = Key->getNameAsString();
  }
  V["field"] = Field;
  return V;
}

std::string atomicFormHint(FunctionFlow &F, const OrmSchema &Schema,
                           const DbOp &Store, const std::string &Class,
                           const std::string &Field) {
  const CallRule *Rule = Store.Class.Rule;
  if (!Rule || Rule->AtomicRewrite.empty())
    return "";
  const CXXRecordDecl *RD =
      Store.Entity.isNull() ? nullptr : Store.Entity->getAsCXXRecordDecl();
  auto V = placeholders(F, Schema, Store, RD, Field);
  if (!RD)
    V["class"] = Class;
  V["op"] = "+";
  V["amount"] = "1";
  V["signed-amount"] = "1";
  return render(Rule->AtomicRewrite, V).Text;
}

/// Whether VD keeps its value from its definition on: a parameter never
/// assigned, or a local with only its initialiser.
static bool stableValue(FunctionFlow &F, const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, StringLiteral, CXXBoolLiteralExpr>(E))
    return true;
  // A member of a parameter that is not changed here: `comment.postId`.
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl>(ME->getMemberDecl()))
      return false;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return false;
    const auto *DRE = dyn_cast<DeclRefExpr>(Base);
    const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PVD || !F.definitionsOf(PVD, nullptr).empty())
      return false;
    for (const FieldWrite &W : F.fieldWrites())
      if (W.Entity == PVD)
        return false;
    return true;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE)
    return false;
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD)
    return false;
  auto Defs = F.definitionsOf(VD, nullptr);
  if (isa<ParmVarDecl>(VD))
    return Defs.empty();
  return Defs.size() == 1 && VD->getInit();
}

std::vector<FixItHint> ormIncrementFix(FunctionFlow &F, const OrmSchema &Schema,
                                       const DbOp &Load, const DbOp &Store,
                                       const FieldWrite &W, char Op,
                                       const std::string &Amount,
                                       bool *TouchesMacro) {
  std::vector<FixItHint> Out;
  const CallRule *Rule = Store.Class.Rule;
  if (!Rule || Rule->AtomicRewrite.empty() || (Op != '+' && Op != '-') ||
      Amount.empty())
    return Out;
  ASTContext &Ctx = F.context().ast();
  const Stmt *WriteStmt = fullStatement(Ctx, W.Write);
  const Stmt *StoreStmt = fullStatement(Ctx, Store.Call);
  if (!WriteStmt || !StoreStmt || WriteStmt == StoreStmt)
    return Out;
  // Exactly this one change between the load and the store, and the object
  // is not used after the store (its in-memory copy is not updated).
  unsigned Writes = 0;
  for (const FieldWrite &X : F.fieldWrites())
    if (X.Entity == W.Entity && F.before(Load.Call, X.Write) &&
        F.before(X.Write, Store.Call))
      ++Writes;
  if (Writes != 1)
    return Out;
  for (const DeclRefExpr *Use : F.uses(W.Entity))
    if (F.before(Store.Call->getEndLoc(), Use->getBeginLoc()))
      return Out;
  // `&{class}::{field}` names a data member: the field must be one.
  if (llvm::StringRef(Rule->AtomicRewrite).contains("{class}::{field}") &&
      !W.Member)
    return Out;
  const CXXRecordDecl *RD = classInside(W.Entity->getType());
  // Macro trouble counts only once the rewrite is otherwise possible.
  bool InMacro = false;
  auto V = placeholders(F, Schema, Store, RD, W.Spelling, &InMacro);
  V["op"] = std::string(1, Op);
  V["amount"] = Amount;
  V["signed-amount"] = signedAmount(Op, Amount);
  if (llvm::StringRef(Rule->AtomicRewrite).contains("{id}")) {
    if (Load.Site.Args.empty() || !stableValue(F, Load.Site.Args[0]))
      return Out;
    V["id"] = exprText(F, Load.Site.Args[0]);
  }
  Rendered R = render(Rule->AtomicRewrite, V);
  InMacro |= Store.Call->getBeginLoc().isMacroID() ||
             Store.Call->getEndLoc().isMacroID();
  if (InMacro && touchesMacro(TouchesMacro))
    return Out;
  if (!R.Complete)
    return Out;
  std::optional<FixItHint> Remove =
      removeStatement(Ctx, WriteStmt, TouchesMacro);
  if (!Remove)
    return Out;
  Out.push_back(*Remove);
  Out.push_back(
      FixItHint::CreateReplacement(Store.Call->getSourceRange(), R.Text));
  return Out;
}

std::vector<FixItHint> sqlRecountFix(FunctionFlow &F, const DbOp &W,
                                     const SqlAssignment &A, const SqlParam &P,
                                     const FlowBinding &B, const DbOp &Count,
                                     char Op, bool *TouchesMacro) {
  std::vector<FixItHint> Out;
  if (!literalSql(W) || A.F != SqlAssignment::Form::Param ||
      A.Params.size() != 1 || P.isHole() || !P.Name.empty() ||
      occurrences(W.Sql, P) != 1 || !B.IsCallArgument || B.ArgIndex == 0 ||
      B.ArgIndex >= W.Site.Args.size())
    return Out;
  ASTContext &Ctx = F.context().ast();
  const SourceManager &SM = Ctx.getSourceManager();
  const std::string &Text = W.Template->Text;
  std::string Column = assignedColumnText(Text, A.ValueOffset);
  if (Column.empty())
    return Out;
  // Rewrite the value and renumber the later $n placeholders.
  std::vector<std::pair<unsigned, std::pair<unsigned, std::string>>> Edits;
  Edits.push_back({A.ValueOffset,
                   {A.ValueLength, Column + " " + std::string(1, Op) + " 1"}});
  if (P.Number)
    for (const SqlParam &X : W.Sql.Params)
      if (X.Number > P.Number)
        Edits.push_back(
            {X.Offset, {X.Length, "$" + std::to_string(X.Number - 1)}});
  std::sort(Edits.begin(), Edits.end(),
            [](const auto &L, const auto &R) { return L.first > R.first; });
  std::string NewSql = Text;
  for (const auto &[Off, Rep] : Edits)
    NewSql.replace(Off, Rep.first, Rep.second);
  // Remove the argument with the comma before it.
  const Expr *Prev = W.Site.Args[B.ArgIndex - 1];
  const Expr *Arg = W.Site.Args[B.ArgIndex];
  if ((literalInMacro(W) || Prev->getEndLoc().isMacroID() ||
       Arg->getEndLoc().isMacroID()) &&
      touchesMacro(TouchesMacro))
    return Out;
  SourceLocation From =
      Lexer::getLocForEndOfToken(Prev->getEndLoc(), 0, SM, Ctx.getLangOpts());
  SourceLocation To =
      Lexer::getLocForEndOfToken(Arg->getEndLoc(), 0, SM, Ctx.getLangOpts());
  if (From.isInvalid() || To.isInvalid())
    return Out;
  Out.push_back(FixItHint::CreateReplacement(
      W.Template->Literal->getSourceRange(), quoteCxxString(NewSql)));
  Out.push_back(
      FixItHint::CreateRemoval(CharSourceRange::getCharRange(From, To)));
  // The count query kept in a variable used only here goes too.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(B.Value->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (F.uses(VD).size() == 1 && VD->getInit()) {
        auto Parents = Ctx.getParents(*VD);
        if (!Parents.empty())
          if (const auto *DS = Parents[0].get<DeclStmt>())
            if (DS->isSingleDecl()) {
              (void)Count;
              if (auto Remove = removeStatement(Ctx, DS, nullptr))
                Out.push_back(*Remove);
            }
      }
  return Out;
}

/// Whether E is `c(&Child::f) == X` (either way round) with X the same
/// value as Key.
static bool filtersOn(FunctionFlow &F, const Expr *E,
                      const CXXRecordDecl *Child, const Expr *Key) {
  struct Finder : RecursiveASTVisitor<Finder> {
    FunctionFlow &F;
    const CXXRecordDecl *Child;
    const Expr *Key;
    bool Found = false;
    Finder(FunctionFlow &F, const CXXRecordDecl *C, const Expr *K)
        : F(F), Child(C), Key(K) {}
    static bool hasMemberOf(const Expr *E, const CXXRecordDecl *RD) {
      struct M : RecursiveASTVisitor<M> {
        const CXXRecordDecl *RD;
        bool Found = false;
        bool VisitDeclRefExpr(DeclRefExpr *D) {
          if (const auto *FD = dyn_cast<FieldDecl>(D->getDecl()))
            if (FD->getParent()->getCanonicalDecl() == RD->getCanonicalDecl())
              Found = true;
          return true;
        }
      } V;
      V.RD = RD;
      V.TraverseStmt(const_cast<Expr *>(E));
      return V.Found;
    }
    void test(const Expr *L, const Expr *R) {
      if (hasMemberOf(L, Child) && sameKeyValue(F.context().ast(), R, Key))
        Found = true;
      if (hasMemberOf(R, Child) && sameKeyValue(F.context().ast(), L, Key))
        Found = true;
    }
    bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
      if (E->getOperator() == OO_EqualEqual && E->getNumArgs() == 2)
        test(E->getArg(0), E->getArg(1));
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *E) {
      if (E->getOpcode() == BO_EQ)
        test(E->getLHS(), E->getRHS());
      return true;
    }
  };
  Finder Fi(F, Child, Key);
  Fi.TraverseStmt(const_cast<Expr *>(E));
  return Fi.Found;
}

std::vector<FixItHint> ormRecountFix(FunctionFlow &F, const OrmSchema &Schema,
                                     QualType Hooked, const DbOp &Load,
                                     const DbOp &Store, const FieldWrite &W,
                                     const DbOp &Count, char Op,
                                     bool *TouchesMacro) {
  std::vector<FixItHint> Out;
  const CXXRecordDecl *Child = classInside(Hooked);
  const CXXRecordDecl *Counted =
      Count.Entity.isNull() ? nullptr : classInside(Count.Entity);
  if (!Child || !Counted ||
      Child->getCanonicalDecl() != Counted->getCanonicalDecl() ||
      Load.Site.Args.empty() || !W.Value)
    return Out;
  // The count is the whole new value, written inline.
  const Expr *V = W.Value->IgnoreParenImpCasts();
  for (unsigned I = 0; I < 4; ++I) {
    if (const auto *C = dyn_cast<CXXConstructExpr>(V))
      if (C->getNumArgs() == 1) {
        V = C->getArg(0)->IgnoreParenImpCasts();
        continue;
      }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(V)) {
      V = M->getSubExpr()->IgnoreParenImpCasts();
      continue;
    }
    break;
  }
  if (V != Count.Call)
    return Out;
  bool Filtered = false;
  for (const Expr *Arg : Count.Site.Args)
    Filtered |= filtersOn(F, Arg, Child, Load.Site.Args[0]);
  if (!Filtered)
    return Out;
  return ormIncrementFix(F, Schema, Load, Store, W, Op, "1", TouchesMacro);
}

} // namespace dbtidy
