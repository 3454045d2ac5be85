#include "lib/RaceAnalysis.h"

#include "lib/QualifiedName.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <mutex>

namespace dbtidy {

using namespace clang;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static const Expr *strip(const Expr *E) {
  for (unsigned I = 0; E && I < 16; ++I) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(Next)) {
      if (C->getNumArgs() >= 1 && !isa<CXXDefaultArgExpr>(C->getArg(0)) &&
          (C->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(C->getArg(1))))
        Next = C->getArg(0);
    } else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = F->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

static const VarDecl *varOf(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

static bool isVersionName(llvm::StringRef Name, const RaceOptions &O) {
  std::string Key = fieldKey(Name);
  for (const std::string &V : O.VersionColumns)
    if (Key == fieldKey(V))
      return true;
  return false;
}

static bool sameOrigin(const Origin &A, const Origin &B) {
  if (A.K != B.K)
    return false;
  switch (A.K) {
  case Origin::Kind::Result:
    return A.Op == B.Op;
  case Origin::Kind::Column:
    return A.Op == B.Op && A.ColumnIndex == B.ColumnIndex &&
           A.ColumnName == B.ColumnName;
  case Origin::Kind::Field:
    return A.Entity == B.Entity && A.Field == B.Field;
  }
  return false;
}

/// `std::to_string(x)`, `QString::number(x)`: x, as text in SQL.
static const Expr *unwrapToText(const Expr *E) {
  E = strip(E);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (FD->getIdentifier() && writtenArgs(Call) == 1 &&
          (FD->getName() == "to_string" || FD->getName() == "number"))
        return strip(Call->getArg(0));
  return E;
}

bool sameKeyValue(const ASTContext &Ctx, const Expr *A, const Expr *B) {
  if (!A || !B)
    return false;
  A = unwrapToText(A);
  B = unwrapToText(B);
  const VarDecl *VA = varOf(A), *VB = varOf(B);
  if (VA && VB)
    return VA == VB;
  if (const auto *IA = dyn_cast<IntegerLiteral>(A))
    if (const auto *IB = dyn_cast<IntegerLiteral>(B))
      return IA->getValue() == IB->getValue();
  if (const auto *SA = dyn_cast<StringLiteral>(A))
    if (const auto *SB = dyn_cast<StringLiteral>(B))
      return SA->getBytes() == SB->getBytes();
  std::string TA = sourceText(Ctx, A->getSourceRange());
  return !TA.empty() && TA == sourceText(Ctx, B->getSourceRange());
}

bool isCountQuery(const DbOp &Op) {
  if (Op.HasSql)
    return Op.Sql.Parsed && Op.Sql.Columns.size() == 1 &&
           Op.Sql.Columns[0].IsCount;
  if (!Op.isOrmRead() || !Op.Site.Callee)
    return false;
  QualType R = Op.Site.Callee->getReturnType().getNonReferenceType();
  if (R->isIntegerType() && !R->isBooleanType())
    return true;
  // A conversion to a number (Wt::Dbo::Query<int> converted to int).
  if (const auto *Conv = dyn_cast<CXXConversionDecl>(Op.Site.Callee))
    return Conv->getConversionType()->isIntegerType() &&
           !Conv->getConversionType()->isBooleanType();
  return false;
}

/// The SELECT column an origin reads.
static std::optional<SqlResultColumn> columnOf(const DbOp &R, const Origin &O) {
  if (O.K != Origin::Kind::Column || !R.HasSql || !R.Sql.Parsed)
    return std::nullopt;
  if (O.ColumnIndex != ~0u) {
    if (const SqlResultColumn *C = R.Sql.column(O.ColumnIndex))
      return *C;
    return std::nullopt;
  }
  if (O.ColumnName.empty() || O.ColumnName[0] == '\x01')
    return std::nullopt;
  if (const SqlResultColumn *C = R.Sql.column(O.ColumnName))
    return *C;
  // SELECT * FROM t: a named column is t's.
  bool Star = false;
  for (const SqlResultColumn &C : R.Sql.Columns)
    Star |= C.IsStar;
  if (Star && !R.Sql.Table.empty()) {
    SqlResultColumn C;
    C.Table = R.Sql.Table;
    C.Column = llvm::StringRef(O.ColumnName).lower();
    C.Name = C.Column;
    return C;
  }
  return std::nullopt;
}

/// Whether the two statements address the same row.
static bool sameRow(FunctionFlow &F, const DbOp &R, const DbOp &W) {
  if (!R.Sql.HasWhere && !W.Sql.HasWhere)
    return true;
  if (W.Sql.WhereHasOr || W.Sql.WhereEq.empty() || R.Sql.WhereHasOr)
    return false;
  const ASTContext &Ctx = F.context().ast();
  for (const SqlCondition &CW : W.Sql.WhereEq) {
    // The key was read from R itself: SELECT id, stock ... WHERE sku = ?
    // then UPDATE ... WHERE id = ?.
    if (CW.Value.K == SqlValue::Kind::Param)
      if (const Expr *EW = W.valueFor(CW.Value.Param))
        for (const Origin &O : F.origins(EW))
          if (O.K == Origin::Kind::Column && O.Op == R.Index)
            if (auto Col = columnOf(R, O))
              if (Col->Column == CW.Column)
                return true;
    const SqlCondition *CR = R.Sql.whereEq(CW.Column);
    if (!CR)
      continue;
    if (CR->Value.K == SqlValue::Kind::Literal &&
        CW.Value.K == SqlValue::Kind::Literal &&
        CR->Value.Literal == CW.Value.Literal)
      return true;
    if (CR->Value.K == SqlValue::Kind::Param &&
        CW.Value.K == SqlValue::Kind::Param &&
        sameKeyValue(Ctx, R.valueFor(CR->Value.Param),
                     W.valueFor(CW.Value.Param)))
      return true;
  }
  return false;
}

/// `UPDATE ... WHERE id = ? AND version = ?` or a compare-and-set on the
/// column itself.
static bool optimisticWhere(const DbOp &W, llvm::StringRef Column,
                            const RaceOptions &O) {
  if (W.Sql.whereEq(Column))
    return true;
  for (const std::string &C : W.Sql.WhereColumns)
    if (isVersionName(C, O))
      return true;
  return false;
}

static bool takesLock(const DbOp &X, llvm::StringRef Table) {
  if (X.Kind == CallKind::RowLock || X.LocksRows)
    return true;
  if (!X.HasSql || !X.Sql.Parsed)
    return false;
  if (X.Sql.TakesLock)
    return true;
  return (X.Sql.ForUpdate || X.Sql.ForShare) &&
         (Table.empty() || X.Sql.mentionsTable(Table));
}

/// A lock taken by another operation before Write, still held at Write.
static bool otherLockHeld(FunctionFlow &F, const DbOp &Read, const DbOp &Write,
                          llvm::StringRef Table) {
  for (const DbOp &X : F.ops()) {
    if (X.Index == Read.Index || !F.before(X.Call, Write.Call))
      continue;
    if (takesLock(X, Table) &&
        !F.transactionBoundaryBetween(X.Call, Write.Call) && !F.isAutocommit(X))
      return true;
  }
  return false;
}

static bool serializableTransaction(FunctionFlow &F, const DbOp &A,
                                    const DbOp &B) {
  return (F.isSerializable(A) || F.isSerializable(B)) && A.InTransaction &&
         !F.transactionBoundaryBetween(A.Call, B.Call);
}

/// Whether S is part of a decision: the condition of an if, loop, switch
/// or ?:, or an operand of && / ||.
static bool inCondition(ASTContext &Ctx, const Stmt *S) {
  DynTypedNode Node = DynTypedNode::create(*S);
  const Stmt *Child = S;
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    const Stmt *P = Node.get<Stmt>();
    if (!P)
      return false;
    if (const auto *If = dyn_cast<IfStmt>(P))
      return Child == If->getCond();
    if (const auto *W = dyn_cast<WhileStmt>(P))
      return Child == W->getCond();
    if (const auto *D = dyn_cast<DoStmt>(P))
      return Child == D->getCond();
    if (const auto *For = dyn_cast<ForStmt>(P))
      return Child == For->getCond();
    if (const auto *Sw = dyn_cast<SwitchStmt>(P))
      return Child == Sw->getCond();
    if (const auto *CO = dyn_cast<ConditionalOperator>(P))
      if (Child == CO->getCond())
        return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      if (BO->isLogicalOp())
        return true;
    if (isa<CompoundStmt, LambdaExpr>(P))
      return false;
    Child = P;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Increments
//===----------------------------------------------------------------------===//

/// A plain read of a value: a variable holding one, a field, a column
/// accessor, possibly through conversions (`.as<int>()`, `.toInt()`,
/// `atoi(...)`), with no arithmetic.
static bool isPlainRead(FunctionFlow &F, const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > 12)
    return false;
  E = strip(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || isa<ParmVarDecl>(VD))
      return false;
    auto Defs = F.definitionsOf(VD, E);
    if (Defs.empty())
      return false;
    bool Any = false;
    for (const auto &D : Defs) {
      if (D.IntoOp >= 0) {
        Any = true;
        continue;
      }
      // A default before into(x) fills it: `int stock = 0;`.
      const Expr *V = D.Value ? strip(D.Value) : nullptr;
      if (V && (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr,
                    CXXNullPtrLiteralExpr, StringLiteral>(V) ||
                (isa<CXXConstructExpr>(V) &&
                 cast<CXXConstructExpr>(V)->getNumArgs() == 0)))
        continue;
      if (!V || !isPlainRead(F, V, Depth + 1))
        return false;
      Any = true;
    }
    return Any;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(ME->getMemberDecl());
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const auto &C = F.context().classify(Call);
    if (C && C->Kind == CallKind::Column)
      return true;
    if (const DbOp *Op = F.opAt(Call))
      return Op->Class.Rule && Op->Class.Rule->ReturnsColumn;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (!M)
        return false;
      // A conversion of the value (as<int>(), toInt(), getInt()) ...
      if (writtenArgs(MC) == 0 &&
          isPlainRead(F, MC->getImplicitObjectArgument(), Depth + 1))
        return true;
      // ... or a getter of a loaded object.
      const VarDecl *Obj = F.entityVar(MC->getImplicitObjectArgument());
      if (Obj && !F.loadsOf(Obj, nullptr).empty() &&
          (writtenArgs(MC) == 0 ||
           (writtenArgs(MC) == 1 &&
            !argKeyOf(MC->getArg(0), F.context().ast()).Name.empty())))
        return true;
      return false;
    }
    const FunctionDecl *FD = Call->getDirectCallee();
    if (FD && FD->getIdentifier() && Call->getNumArgs() >= 1) {
      llvm::StringRef N = FD->getName();
      bool Conversion = N == "atoi" || N == "atol" || N == "atoll" ||
                        N == "stoi" || N == "stol" || N == "stoll" ||
                        N == "stoul" || N == "stoull" || N == "strtol" ||
                        N == "strtoll" || N == "stod" || N == "atof";
      if (Conversion)
        return isPlainRead(F, Call->getArg(0), Depth + 1);
    }
    return false;
  }
  return false;
}

static bool dependsOn(FunctionFlow &F, const Expr *E, const Origin &Old) {
  for (const Origin &O : F.origins(E)) {
    if (sameOrigin(O, Old))
      return true;
    if (O.K == Origin::Kind::Column && Old.K == Origin::Kind::Column &&
        O.Op == Old.Op)
      return true;
  }
  return false;
}

std::optional<Increment> incrementOf(FunctionFlow &F, const Expr *Value,
                                     const Origin &Old) {
  if (!Value)
    return std::nullopt;
  const Expr *V = strip(Value);
  // `int left = stock - qty; ... use(left)`.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(V))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!isa<ParmVarDecl>(VD) && VD->getInit()) {
        auto Defs = F.definitionsOf(VD, DRE);
        if (Defs.size() == 1 && Defs[0].Value == VD->getInit() &&
            strip(VD->getInit()) != V) {
          std::optional<Increment> Inc = incrementOf(F, VD->getInit(), Old);
          if (Inc)
            Inc->ThroughVariable = true;
          return Inc;
        }
      }
  const Expr *L = nullptr, *R = nullptr;
  char Op = 0;
  if (const auto *BO = dyn_cast<BinaryOperator>(V)) {
    if (BO->getOpcode() == BO_Add)
      Op = '+';
    else if (BO->getOpcode() == BO_Sub)
      Op = '-';
    L = BO->getLHS();
    R = BO->getRHS();
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(V)) {
    if (OC->getNumArgs() == 2 && OC->getOperator() == OO_Plus)
      Op = '+';
    else if (OC->getNumArgs() == 2 && OC->getOperator() == OO_Minus)
      Op = '-';
    if (Op) {
      L = OC->getArg(0);
      R = OC->getArg(1);
    }
  }
  if (!Op)
    return std::nullopt;
  auto IsOld = [&](const Expr *E) {
    if (!isPlainRead(F, E))
      return false;
    bool Found = false;
    for (const Origin &O : F.origins(E)) {
      if (sameOrigin(O, Old))
        Found = true;
      else if (O.K != Origin::Kind::Result)
        return false;
    }
    return Found;
  };
  if (IsOld(L) && !dependsOn(F, R, Old))
    return Increment{Op, R, L};
  if (Op == '+' && IsOld(R) && !dependsOn(F, L, Old))
    return Increment{'+', L, R};
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// ORM stores
//===----------------------------------------------------------------------===//

const VarDecl *storeTarget(FunctionFlow &F, const DbOp &Store) {
  if (!Store.Site.Args.empty()) {
    const Expr *Arg = Store.Site.Args[0];
    if (const VarDecl *VD = F.entityVar(Arg))
      if (classInside(VD->getType()))
        return VD;
    if (isa<CXXThisExpr>(strip(Arg)))
      return nullptr;
    if (const auto *U = dyn_cast<UnaryOperator>(strip(Arg)))
      if (isa<CXXThisExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
        return nullptr;
  }
  if (Store.Site.Object)
    if (const VarDecl *VD = F.entityVar(Store.Site.Object))
      if (!F.context().classifier().roleOf(VD->getType(), TypeRole::Connection))
        return VD;
  return nullptr;
}

/// Whether the class template specialisation Trait<RD> declares Method
/// returning a null pointer.
static bool traitSwitchesVersionOff(ASTContext &Ctx, llvm::StringRef Trait,
                                    const CXXRecordDecl *RD) {
  size_t Pos = Trait.rfind("::");
  if (Pos == llvm::StringRef::npos)
    return false;
  llvm::StringRef Template = Trait.substr(0, Pos);
  llvm::StringRef Method = Trait.substr(Pos + 2);
  // Look the template up by its qualified name, namespace by namespace.
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  const ClassTemplateDecl *Found = nullptr;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Template.split(Parts, "::");
  for (size_t I = 0; I < Parts.size() && DC; ++I) {
    auto Result = DC->lookup(&Ctx.Idents.get(Parts[I]));
    const DeclContext *Next = nullptr;
    for (const NamedDecl *ND : Result) {
      if (I + 1 == Parts.size()) {
        if (const auto *CTD = dyn_cast<ClassTemplateDecl>(ND))
          Found = CTD;
      } else if (const auto *NS = dyn_cast<NamespaceDecl>(ND)) {
        Next = NS;
      }
    }
    DC = Next;
  }
  if (!Found)
    return false;
  Found = Found->getCanonicalDecl();
  for (const ClassTemplateSpecializationDecl *Spec : Found->specializations()) {
    const auto &Args = Spec->getTemplateArgs();
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      continue;
    const CXXRecordDecl *Arg = Args[0].getAsType()->getAsCXXRecordDecl();
    if (!Arg || Arg->getCanonicalDecl() != RD->getCanonicalDecl())
      continue;
    for (const CXXMethodDecl *M : Spec->methods()) {
      if (!M->getIdentifier() || M->getName() != Method || !M->hasBody())
        continue;
      const auto *Body = dyn_cast<CompoundStmt>(M->getBody());
      if (!Body || Body->size() != 1)
        return false;
      const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
      if (!Ret || !Ret->getRetValue())
        return false;
      return Ret->getRetValue()->isNullPointerConstant(
                 Ctx, Expr::NPC_ValueDependentIsNull) != Expr::NPCK_NotNull;
    }
  }
  return false;
}

bool isVersioned(FunctionFlow &F, const DbOp &Store, const VarDecl *Entity,
                 const RaceOptions &Options) {
  const CXXRecordDecl *RD = Entity ? classInside(Entity->getType()) : nullptr;
  if (!RD && !Store.Entity.isNull())
    RD = Store.Entity->getAsCXXRecordDecl();
  if (RD && RD->hasDefinition()) {
    bool Found = false;
    auto Scan = [&](const CXXRecordDecl *C) {
      for (const FieldDecl *FD : C->fields())
        if (FD->getIdentifier() && isVersionName(FD->getName(), Options))
          Found = true;
      return true;
    };
    Scan(RD);
    RD->forallBases([&](const CXXRecordDecl *B) { return Scan(B); });
    if (Found)
      return true;
  }
  const CallClassifier &Cl = F.context().classifier();
  const TypeRule *Rule = nullptr;
  if (Entity)
    Rule = Cl.roleOf(Entity->getType(), TypeRole::Versioned);
  if (!Rule && Store.Site.Object)
    Rule = Cl.roleOf(Store.Site.Object->getType(), TypeRole::Versioned);
  if (!Rule)
    return false;
  if (Rule->VersionTrait.empty() || !RD)
    return true;
  return !traitSwitchesVersionOff(F.context().ast(), Rule->VersionTrait, RD);
}

/// Whether a field of Entity is read outside the write W (a guard).
static bool fieldReadElsewhere(FunctionFlow &F, const VarDecl *Entity,
                               const std::string &Field, const Expr *W,
                               const Expr *Store) {
  ASTContext &Ctx = F.context().ast();
  const SourceManager &SM = Ctx.getSourceManager();
  auto Inside = [&](const Stmt *S, const Stmt *Range) {
    SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
    SourceRange R = Range->getSourceRange();
    return !SM.isBeforeInTranslationUnit(L, SM.getExpansionLoc(R.getBegin())) &&
           !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(R.getEnd()), L);
  };
  for (const DeclRefExpr *Use : F.uses(Entity)) {
    if (Inside(Use, W) || (Store && Inside(Use, Store)) ||
        !inCondition(Ctx, Use))
      continue;
    // Walk up to the member access or getter this use is the base of.
    const Expr *Cur = Use;
    for (unsigned I = 0; I < 6; ++I) {
      auto Parents = Ctx.getParents(*Cur);
      if (Parents.empty())
        break;
      const auto *P = Parents[0].get<Expr>();
      if (!P)
        break;
      if (const auto *ME = dyn_cast<MemberExpr>(P)) {
        if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          if (fieldKey(FD->getName()) == Field)
            return true;
        if (const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
          if (M->getIdentifier()) {
            llvm::StringRef N = M->getName();
            if (N.starts_with("get") && N.size() > 3)
              N = N.drop_front(3);
            if (fieldKey(N) == Field ||
                llvm::StringRef(Field).starts_with(fieldKey(N) + ":"))
              return true;
          }
      }
      if (isa<ImplicitCastExpr, CXXOperatorCallExpr, CXXMemberCallExpr,
              ParenExpr, UnaryOperator, MemberExpr>(P)) {
        Cur = P;
        continue;
      }
      break;
    }
  }
  return false;
}

//===----------------------------------------------------------------------===//
// db-read-modify-write
//===----------------------------------------------------------------------===//

static void findSqlLostUpdates(FunctionFlow &F, const RaceOptions &Options,
                               std::vector<LostUpdate> &Out) {
  const auto &Ops = F.ops();
  for (const DbOp &W : Ops) {
    if (!W.isSqlKind(SqlStatementKind::Update) || !W.Sql.Parsed)
      continue;
    for (const SqlAssignment &A : W.Sql.Sets) {
      if (A.Column.empty() || (A.F != SqlAssignment::Form::Param &&
                               A.F != SqlAssignment::Form::Expression))
        continue;
      bool Reported = false;
      for (const SqlParam &P : A.Params) {
        if (Reported)
          break;
        const Expr *V = W.valueFor(P);
        // The old value written back unchanged (a full-row save of what
        // was read) is no computation: not this check's finding.
        if (!V || isPlainRead(F, V))
          continue;
        for (const Origin &O : F.origins(V)) {
          if (O.K != Origin::Kind::Column || O.Op >= Ops.size())
            continue;
          const DbOp &R = Ops[O.Op];
          if (!R.isSqlRead() || !R.Sql.Parsed || !F.before(R.Call, W.Call))
            continue;
          std::optional<SqlResultColumn> Col = columnOf(R, O);
          if (!Col || !Col->isPlainColumn())
            continue;
          std::string Table = Col->Table.empty() ? R.Sql.Table : Col->Table;
          if (!sameSqlTable(Table, W.Sql.Table) || Col->Column != A.Column)
            continue;
          if (!sameRow(F, R, W) || optimisticWhere(W, A.Column, Options))
            continue;
          LostUpdate LU;
          if (R.Sql.ForUpdate || R.Sql.ForShare) {
            LU.LockReleasedBy = F.commitBetween(R.Call, W.Call);
            LU.LockInAutocommit = F.isAutocommit(R);
            // Under a row lock, unless it is visibly gone by the write.
            if (!LU.LockReleasedBy && !LU.LockInAutocommit)
              continue;
          } else if (otherLockHeld(F, R, W, W.Sql.Table)) {
            continue;
          }
          if (serializableTransaction(F, R, W) ||
              F.isolationRaisedBefore(W.Call) ||
              (F.mutexHeldAt(R.Call) && F.mutexHeldAt(W.Call)))
            continue;
          LU.Read = &R;
          LU.Write = &W;
          LU.Table = W.Sql.Table;
          LU.Column = A.Column;
          LU.ReadAt = O.At;
          LU.ComputedAt = V;
          LU.Assign = &A;
          LU.Param = P;
          LU.Binding = P.isHole() ? nullptr : W.bindingFor(P);
          if (A.F == SqlAssignment::Form::Param) {
            LU.Inc = incrementOf(F, V, O);
            // The old value also decides something: `if (stock < qty)`.
            if (LU.Inc)
              if (const VarDecl *OldVar = varOf(LU.Inc->Old))
                for (const DeclRefExpr *Use : F.uses(OldVar))
                  if (inCondition(F.context().ast(), Use))
                    LU.OldValueGuards = true;
          }
          Out.push_back(LU);
          Reported = true;
          break;
        }
      }
    }
  }
}

/// The latest ORM load of VD before S.
static const DbOp *latestLoad(FunctionFlow &F, const VarDecl *VD,
                              const Stmt *S) {
  const DbOp *Best = nullptr;
  for (unsigned Index : F.loadsOf(VD, S)) {
    const DbOp &L = F.ops()[Index];
    if (!F.before(L.Call, S) && L.Call != S)
      continue;
    if (!Best || L.Index > Best->Index)
      Best = &L;
  }
  return Best;
}

/// Field writes of Entity between Load and Store (for Wt::Dbo, the write
/// that contains the store `ptr.modify()->f = ...`).
static std::vector<const FieldWrite *> writesBetween(FunctionFlow &F,
                                                     const VarDecl *Entity,
                                                     const DbOp &Load,
                                                     const DbOp &Store) {
  std::vector<const FieldWrite *> Out;
  for (const FieldWrite &W : F.fieldWrites())
    if (W.Entity == Entity && F.before(Load.Call, W.Write) &&
        !F.before(Store.Call, W.Write))
      Out.push_back(&W);
  return Out;
}

/// Whether a field write computes the new value from the loaded old one;
/// returns the origin of the old value read.
static std::optional<Origin> readsOld(FunctionFlow &F, const FieldWrite &W,
                                      const DbOp &Load) {
  Origin Old;
  Old.K = Origin::Kind::Field;
  Old.Entity = W.Entity;
  Old.Field = W.Field;
  if (W.F == FieldWrite::Form::Compound) {
    if (W.Op == '+' || W.Op == '-' || W.Op == '*' || W.Op == '/') {
      Old.At = W.Write;
      return Old;
    }
    return std::nullopt;
  }
  if (W.F == FieldWrite::Form::Increment) {
    Old.At = W.Write;
    return Old;
  }
  for (const Origin &O : F.origins(W.Value))
    if (sameOrigin(O, Old) && O.At && F.before(Load.Call, O.At))
      return O;
  return std::nullopt;
}

static std::optional<Increment>
ormIncrement(FunctionFlow &F, const FieldWrite &W, const Origin &Old) {
  if (W.F == FieldWrite::Form::Compound && (W.Op == '+' || W.Op == '-'))
    return Increment{W.Op, W.Value, nullptr};
  if (W.F == FieldWrite::Form::Increment)
    return Increment{W.Op, nullptr, nullptr};
  if (W.F == FieldWrite::Form::Assign || W.F == FieldWrite::Form::Setter)
    return incrementOf(F, W.Value, Old);
  return std::nullopt;
}

static void findOrmLostUpdates(FunctionFlow &F, const RaceOptions &Options,
                               std::vector<LostUpdate> &Out) {
  for (const DbOp &S : F.ops()) {
    if (S.HasSql || (S.Kind != CallKind::Update && S.Kind != CallKind::Save))
      continue;
    const VarDecl *E = storeTarget(F, S);
    if (!E)
      continue;
    const DbOp *L = latestLoad(F, E, S.Call);
    if (!L)
      continue;
    for (const FieldWrite *W : writesBetween(F, E, *L, S)) {
      std::optional<Origin> Old = readsOld(F, *W, *L);
      if (!Old)
        continue;
      const bool Versioned = isVersioned(F, S, E, Options);
      if (L->LocksRows && !F.transactionBoundaryBetween(L->Call, S.Call))
        break;
      if (otherLockHeld(F, *L, S, "") || serializableTransaction(F, *L, S) ||
          F.isolationRaisedBefore(S.Call) ||
          (F.mutexHeldAt(L->Call) && F.mutexHeldAt(S.Call)))
        break;
      LostUpdate LU;
      LU.Orm = true;
      LU.Versioned = Versioned;
      LU.Read = L;
      LU.Write = &S;
      const CXXRecordDecl *RD = classInside(E->getType());
      if (!RD && !S.Entity.isNull())
        RD = S.Entity->getAsCXXRecordDecl();
      LU.Table = RD ? RD->getNameAsString() : std::string("object");
      LU.Column = W->Spelling;
      LU.ReadAt = Old->At;
      LU.ComputedAt = W->Write;
      LU.Field = W;
      LU.Entity = E;
      LU.Inc = ormIncrement(F, *W, *Old);
      if (LU.Inc)
        LU.OldValueGuards =
            fieldReadElsewhere(F, E, W->Field, W->Write, S.Call);
      Out.push_back(LU);
      break;
    }
  }
}

std::vector<LostUpdate> findLostUpdates(FunctionFlow &F,
                                        const RaceOptions &Options) {
  std::vector<LostUpdate> Out;
  findSqlLostUpdates(F, Options, Out);
  findOrmLostUpdates(F, Options, Out);
  return Out;
}

//===----------------------------------------------------------------------===//
// ORM schema
//===----------------------------------------------------------------------===//

static const FieldDecl *memberPointerField(const Expr *E) {
  E = strip(E);
  const auto *U = dyn_cast_or_null<UnaryOperator>(E);
  if (!U || U->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
  return DRE ? dyn_cast<FieldDecl>(DRE->getDecl()) : nullptr;
}

void OrmSchema::build(FlowContext &C) {
  if (Built)
    return;
  Built = true;
  struct Visitor : RecursiveASTVisitor<Visitor> {
    FlowContext &C;
    OrmSchema &S;
    Visitor(FlowContext &C, OrmSchema &S) : C(C), S(S) {}
    bool shouldVisitTemplateInstantiations() const { return true; }

    /// The schema constraint rule a (possibly chained: primary_key()
    /// .autoincrement()) argument is, or null.
    const CallRule *constraintOf(const Expr *E) {
      for (unsigned I = 0; E && I < 6; ++I) {
        E = strip(E);
        const auto *Call = dyn_cast<CallExpr>(E);
        if (!Call)
          return nullptr;
        const auto &Class = C.classify(Call);
        if (Class && Class->Kind == CallKind::Schema && Class->Rule &&
            !Class->Rule->Constraint.empty())
          return Class->Rule;
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
          E = MC->getImplicitObjectArgument();
        else
          return nullptr;
      }
      return nullptr;
    }

    bool VisitCallExpr(CallExpr *E) {
      const auto &Class = C.classify(E);
      if (!Class || Class->Kind != CallKind::Schema || !Class->Rule)
        return true;
      const CallRule &R = *Class->Rule;
      auto Site = CallSite::from(E);
      if (!Site)
        return true;
      if (R.ColumnArg && R.ValueArg && *R.ColumnArg < Site->Args.size() &&
          *R.ValueArg < Site->Args.size()) {
        const FieldDecl *FD = memberPointerField(Site->Args[*R.ValueArg]);
        ArgKey Name = argKeyOf(Site->Args[*R.ColumnArg], C.ast());
        if (!FD || Name.Name.empty())
          return true;
        S.Columns[FD->getCanonicalDecl()] = llvm::StringRef(Name.Name).lower();
        for (unsigned I = 0; I < Site->Args.size(); ++I) {
          if (I == *R.ColumnArg || I == *R.ValueArg)
            continue;
          if (const CallRule *Con = constraintOf(Site->Args[I])) {
            Key K;
            K.Class = dyn_cast<CXXRecordDecl>(FD->getParent());
            K.Members.insert(FD->getCanonicalDecl());
            K.Primary = Con->Constraint == "primary-key";
            S.Keys.push_back(K);
          }
        }
        return true;
      }
      if (!R.Constraint.empty()) {
        Key K;
        for (const Expr *Arg : Site->Args)
          if (const FieldDecl *FD = memberPointerField(Arg)) {
            K.Members.insert(FD->getCanonicalDecl());
            K.Class = dyn_cast<CXXRecordDecl>(FD->getParent());
          }
        K.Primary = R.Constraint == "primary-key";
        if (!K.Members.empty())
          S.Keys.push_back(K);
      }
      return true;
    }
  };
  Visitor V(C, *this);
  V.TraverseDecl(C.ast().getTranslationUnitDecl());
}

std::string OrmSchema::columnOf(const FieldDecl *FD) const {
  auto It = Columns.find(FD->getCanonicalDecl());
  return It == Columns.end() ? std::string() : It->second;
}

const FieldDecl *OrmSchema::primaryKeyOf(const CXXRecordDecl *RD) const {
  for (const Key &K : Keys)
    if (K.Primary && K.Members.size() == 1 && K.Class &&
        K.Class->getCanonicalDecl() == RD->getCanonicalDecl())
      return *K.Members.begin();
  return nullptr;
}

bool OrmSchema::hasKeyWithin(const CXXRecordDecl *RD,
                             const std::set<const FieldDecl *> &Members,
                             bool *Primary) const {
  for (const Key &K : Keys) {
    if (!K.Class || K.Class->getCanonicalDecl() != RD->getCanonicalDecl())
      continue;
    bool All = !K.Members.empty();
    for (const FieldDecl *M : K.Members)
      All &= Members.count(M) > 0;
    if (All) {
      if (Primary)
        *Primary = K.Primary;
      return true;
    }
  }
  return false;
}

//===----------------------------------------------------------------------===//
// db-check-then-insert
//===----------------------------------------------------------------------===//

namespace {

/// Which branch of a condition means "the check found no row".
enum class Polarity { Unknown, NotFoundIfTrue, NotFoundIfFalse };

Polarity flip(Polarity P) {
  if (P == Polarity::NotFoundIfTrue)
    return Polarity::NotFoundIfFalse;
  if (P == Polarity::NotFoundIfFalse)
    return Polarity::NotFoundIfTrue;
  return P;
}

class PolarityFinder {
public:
  PolarityFinder(FunctionFlow &F, const DbOp &Q) : F(F), Q(Q) {}

  Polarity of(const Expr *C, unsigned Depth = 0) {
    if (!C || Depth > 10)
      return Polarity::Unknown;
    C = C->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(C)) {
      if (ICE->getCastKind() == CK_PointerToBoolean ||
          ICE->getCastKind() == CK_IntegralToBoolean ||
          ICE->getCastKind() == CK_MemberPointerToBoolean)
        return truth(ICE->getSubExpr(), Depth);
      return of(ICE->getSubExpr(), Depth);
    }
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(C))
      return of(EWC->getSubExpr(), Depth);
    if (const auto *U = dyn_cast<UnaryOperator>(C)) {
      if (U->getOpcode() == UO_LNot)
        return flip(of(U->getSubExpr(), Depth + 1));
      return Polarity::Unknown;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
      if (BO->getOpcode() == BO_LAnd) {
        Polarity A = of(BO->getLHS(), Depth + 1),
                 B = of(BO->getRHS(), Depth + 1);
        return A == Polarity::NotFoundIfTrue || B == Polarity::NotFoundIfTrue
                   ? Polarity::NotFoundIfTrue
                   : Polarity::Unknown;
      }
      if (BO->getOpcode() == BO_LOr) {
        Polarity A = of(BO->getLHS(), Depth + 1),
                 B = of(BO->getRHS(), Depth + 1);
        return A == Polarity::NotFoundIfFalse || B == Polarity::NotFoundIfFalse
                   ? Polarity::NotFoundIfFalse
                   : Polarity::Unknown;
      }
      if (BO->isComparisonOp())
        return compare(BO->getOpcode(), BO->getLHS(), BO->getRHS());
      return Polarity::Unknown;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C)) {
      if (OC->getOperator() == OO_Exclaim && OC->getNumArgs() == 1)
        return flip(truth(OC->getArg(0), Depth + 1));
      if (OC->getNumArgs() == 2) {
        BinaryOperatorKind K;
        switch (OC->getOperator()) {
        case OO_EqualEqual:
          K = BO_EQ;
          break;
        case OO_ExclaimEqual:
          K = BO_NE;
          break;
        case OO_Less:
          K = BO_LT;
          break;
        case OO_LessEqual:
          K = BO_LE;
          break;
        case OO_Greater:
          K = BO_GT;
          break;
        case OO_GreaterEqual:
          K = BO_GE;
          break;
        default:
          return Polarity::Unknown;
        }
        return compare(K, OC->getArg(0), OC->getArg(1));
      }
    }
    return truth(C, Depth);
  }

private:
  bool touchesQ(const Expr *E, bool CountOnly) {
    for (const Origin &O : F.origins(E)) {
      if (O.Op != Q.Index || O.K == Origin::Kind::Field)
        continue;
      if (O.K == Origin::Kind::Result) {
        if (!CountOnly)
          return true;
        // A size or count computed from the result: an integral value.
        QualType T = E->IgnoreParenImpCasts()->getType();
        if (T->isIntegerType() && !T->isBooleanType())
          return true;
        continue;
      }
      // A column: only a count says whether rows exist.
      if (isCountQuery(Q))
        return true;
    }
    return false;
  }

  /// `sql.got_data()`: asked of the object that ran Q, with nothing run
  /// through it in between.
  bool askedOfConnection(const CXXMemberCallExpr *MC) {
    const auto *Obj = dyn_cast<DeclRefExpr>(
        MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *QObj =
        Q.Object ? dyn_cast<DeclRefExpr>(Q.Object->IgnoreParenImpCasts())
                 : nullptr;
    if (!Obj || !QObj || Obj->getDecl() != QObj->getDecl())
      return false;
    for (const DbOp &X : F.ops())
      if (X.Index > Q.Index && F.before(X.Call, MC) && X.Object) {
        const auto *XObj =
            dyn_cast<DeclRefExpr>(X.Object->IgnoreParenImpCasts());
        if (XObj && XObj->getDecl() == Obj->getDecl())
          return false;
      }
    return F.before(Q.Call, MC);
  }

  /// Truthiness of E: a found object, a non-zero count, a stepped row.
  Polarity truth(const Expr *E, unsigned Depth) {
    const Expr *X = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(X))
      X = EWC->getSubExpr()->IgnoreParenImpCasts();
    // A bool variable: its definition.
    if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->getType()->isBooleanType()) {
          auto Defs = F.definitionsOf(VD, X);
          if (Defs.size() == 1 && Defs[0].Value)
            return of(Defs[0].Value, Depth + 1);
          return Polarity::Unknown;
        }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(X)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (!M)
        return Polarity::Unknown;
      // operator bool of an optional / smart pointer / ORM pointer.
      if (isa<CXXConversionDecl>(M))
        return touchesQ(MC->getImplicitObjectArgument(), false)
                   ? Polarity::NotFoundIfFalse
                   : Polarity::Unknown;
      if (writtenArgs(MC) != 0 || !M->getIdentifier())
        return Polarity::Unknown;
      llvm::StringRef N = M->getName();
      bool IsQ = F.opAt(MC) == &Q;
      if (!IsQ && !touchesQ(MC->getImplicitObjectArgument(), false) &&
          !askedOfConnection(MC))
        return Polarity::Unknown;
      if (N == "empty" || N == "isEmpty" || N == "isNull" || N == "doesntExist")
        return Polarity::NotFoundIfTrue;
      if (N == "next" || N == "executeStep" || N == "tryExecuteStep" ||
          N == "first" || N == "has_value" || N == "exists" || N == "isValid" ||
          N == "moveFirst" || N == "got_data")
        return Polarity::NotFoundIfFalse;
      return Polarity::Unknown;
    }
    QualType T = X->getType();
    if (T->isPointerType() && touchesQ(X, false))
      return Polarity::NotFoundIfFalse;
    if (T->isIntegerType() && !T->isBooleanType() && touchesQ(X, true))
      return Polarity::NotFoundIfFalse;
    if (T->isBooleanType())
      if (const DbOp *Op = F.opAt(X))
        if (Op == &Q)
          return Polarity::NotFoundIfFalse;
    return Polarity::Unknown;
  }

  Polarity compare(BinaryOperatorKind K, const Expr *L, const Expr *R) {
    auto Constant = [&](const Expr *E, int64_t &V, bool &Null) {
      E = E->IgnoreParenImpCasts();
      Null = isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E);
      if (Null)
        return true;
      Expr::EvalResult Res;
      if (E->isValueDependent() || !E->EvaluateAsInt(Res, F.context().ast()))
        return false;
      V = Res.Val.getInt().getExtValue();
      return true;
    };
    int64_t V = 0;
    bool Null = false;
    const Expr *X = nullptr;
    bool Swapped = false;
    if (Constant(R, V, Null))
      X = L;
    else if (Constant(L, V, Null)) {
      X = R;
      Swapped = true;
    } else
      return Polarity::Unknown;
    if (Swapped) {
      // Normalise `c OP x` to `x OP' c`.
      switch (K) {
      case BO_LT:
        K = BO_GT;
        break;
      case BO_GT:
        K = BO_LT;
        break;
      case BO_LE:
        K = BO_GE;
        break;
      case BO_GE:
        K = BO_LE;
        break;
      default:
        break;
      }
    }
    bool Relevant = Null ? touchesQ(X, false) : touchesQ(X, true);
    if (!Relevant)
      return Polarity::Unknown;
    if (Null)
      return K == BO_EQ   ? Polarity::NotFoundIfTrue
             : K == BO_NE ? Polarity::NotFoundIfFalse
                          : Polarity::Unknown;
    // x is a count: x == 0, x < 1, x <= 0 mean "none".
    if ((K == BO_EQ && V == 0) || (K == BO_LT && V == 1) ||
        (K == BO_LE && V == 0))
      return Polarity::NotFoundIfTrue;
    if ((K == BO_NE && V == 0) || (K == BO_GT && V == 0) ||
        (K == BO_GE && V == 1))
      return Polarity::NotFoundIfFalse;
    return Polarity::Unknown;
  }

  FunctionFlow &F;
  const DbOp &Q;
};

bool alwaysExits(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr()->IgnoreParenImpCasts();
    if (isa<CXXThrowExpr>(E))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        return FD->isNoReturn();
    return false;
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && alwaysExits(CS->body_back());
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getElse() && alwaysExits(If->getThen()) &&
           alwaysExits(If->getElse());
  return false;
}

} // namespace

/// The if statement under which Insert runs only when Check found nothing.
static const IfStmt *decisionFor(FunctionFlow &F, const DbOp &Check,
                                 const DbOp &Insert) {
  ASTContext &Ctx = F.context().ast();
  PolarityFinder P(F, Check);
  DynTypedNode Node = DynTypedNode::create(*Insert.Call);
  const Stmt *Child = Insert.Call;
  for (unsigned Depth = 0; Depth < 128; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    const Stmt *S = Node.get<Stmt>();
    if (!S) {
      // The initialiser of a variable: continue with its declaration.
      if (Node.get<VarDecl>())
        continue;
      return nullptr;
    }
    if (S == F.body() && !isa<CompoundStmt>(S))
      return nullptr;
    if (isa<LambdaExpr>(S))
      return nullptr;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (Child == If->getThen() || Child == If->getElse()) {
        // The check must run before the decision (or inside it).
        if (!F.before(If->getCond()->getEndLoc(), Check.Call->getBeginLoc())) {
          Polarity Pol = P.of(If->getCond());
          if ((Child == If->getThen() && Pol == Polarity::NotFoundIfTrue) ||
              (Child == If->getElse() && Pol == Polarity::NotFoundIfFalse))
            return If;
        }
      }
    }
    if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
      // An earlier `if (found) return ...;` in the same block.
      for (const Stmt *B : CS->body()) {
        if (B == Child)
          break;
        const auto *If = dyn_cast<IfStmt>(B);
        if (!If ||
            F.before(If->getCond()->getEndLoc(), Check.Call->getBeginLoc()))
          continue;
        Polarity Pol = P.of(If->getCond());
        if (Pol == Polarity::NotFoundIfFalse && alwaysExits(If->getThen()) &&
            !If->getElse())
          return If;
        if (Pol == Polarity::NotFoundIfTrue && If->getElse() &&
            alwaysExits(If->getElse()))
          return If;
      }
    }
    Child = S;
    if (S == F.body())
      return nullptr;
  }
  return nullptr;
}

/// Columns an ORM query is filtered by: member pointers (&User::email) in
/// its arguments and builder chain, and the column names given to
/// `where*` builder calls.
static void ormCheckedColumns(FunctionFlow &F, const DbOp &Q,
                              std::set<const FieldDecl *> &Members,
                              std::vector<std::string> &Names) {
  struct Collector : RecursiveASTVisitor<Collector> {
    std::set<const FieldDecl *> &Members;
    explicit Collector(std::set<const FieldDecl *> &M) : Members(M) {}
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (const FieldDecl *FD = memberPointerField(U))
        Members.insert(FD->getCanonicalDecl());
      return true;
    }
  };
  Collector C(Members);
  for (const Expr *Arg : Q.Site.Args)
    C.TraverseStmt(const_cast<Expr *>(Arg));
  // Builder chain: Model::where("email", "=", e)->first().
  const Expr *Cur = Q.Site.Object;
  for (unsigned I = 0; Cur && I < 12; ++I) {
    Cur = strip(Cur);
    const auto *Call = dyn_cast<CallExpr>(Cur);
    if (!Call)
      break;
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (FD->getIdentifier() && FD->getName().starts_with("where") &&
          Call->getNumArgs() >= 1) {
        unsigned First = isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
        if (First < Call->getNumArgs()) {
          ArgKey K = argKeyOf(Call->getArg(First), F.context().ast());
          if (!K.Name.empty()) {
            llvm::StringRef Name = K.Name;
            // Wt::Dbo: where("email = ?").
            Name = Name.take_until([](char Ch) {
              return Ch == ' ' || Ch == '=' || Ch == '<' || Ch == '>';
            });
            Names.push_back(Name.lower());
          }
        }
        for (const Expr *Arg : Call->arguments())
          C.TraverseStmt(const_cast<Expr *>(Arg));
      }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Cur = MC->getImplicitObjectArgument();
    else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
      Cur = OC->getNumArgs() ? OC->getArg(0) : nullptr;
    else
      Cur = nullptr;
  }
}

/// Whether the INSERT sets a column the SELECT checked to the value it
/// checked (`WHERE email = $1` ... `INSERT (email) VALUES ($1)` with the
/// same C++ value). Without a column list nothing can be said: true.
static bool insertsCheckedKey(FunctionFlow &F, const DbOp &Q, const DbOp &I) {
  if (I.Sql.InsertColumns.empty())
    return true;
  const ASTContext &Ctx = F.context().ast();
  for (const SqlCondition &C : Q.Sql.WhereEq) {
    for (size_t K = 0; K < I.Sql.InsertColumns.size(); ++K) {
      if (I.Sql.InsertColumns[K] != C.Column || K >= I.Sql.InsertValues.size())
        continue;
      const SqlValue &V = I.Sql.InsertValues[K];
      if (C.Value.K == SqlValue::Kind::Literal &&
          V.K == SqlValue::Kind::Literal && C.Value.Literal == V.Literal)
        return true;
      if (C.Value.K == SqlValue::Kind::Param && V.K == SqlValue::Kind::Param &&
          sameKeyValue(Ctx, Q.valueFor(C.Value.Param), I.valueFor(V.Param)))
        return true;
    }
  }
  return false;
}

std::shared_ptr<const SqlSchema> loadSchemas(const ProfileSet &Profiles,
                                             llvm::ArrayRef<std::string> Extra,
                                             std::vector<std::string> &Errors) {
  std::vector<std::string> Files;
  for (const auto &P : Profiles.profiles())
    for (const std::string &F : P->SchemaFiles) {
      llvm::SmallString<256> Path(F);
      if (llvm::sys::path::is_relative(Path)) {
        Path = llvm::sys::path::parent_path(P->SourceFile);
        llvm::sys::path::append(Path, F);
      }
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Files.push_back(std::string(Path));
    }
  for (const std::string &F : Extra) {
    llvm::SmallString<256> Path(F);
    if (llvm::sys::fs::make_absolute(Path))
      Path = F;
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Files.push_back(std::string(Path));
  }
  static std::mutex Mutex;
  static std::map<std::string, std::shared_ptr<const SqlSchema>> Combined;
  static std::map<std::string, std::optional<std::string>> Texts;
  std::string Key;
  for (const std::string &F : Files)
    Key += F + "\n";
  std::lock_guard<std::mutex> Lock(Mutex);
  for (const std::string &F : Files) {
    auto It = Texts.find(F);
    if (It == Texts.end()) {
      auto Buffer = llvm::MemoryBuffer::getFile(F, /*IsText=*/true);
      It = Texts
               .emplace(F, Buffer ? std::optional<std::string>(
                                        (*Buffer)->getBuffer().str())
                                  : std::nullopt)
               .first;
    }
    if (!It->second)
      Errors.push_back(F);
  }
  auto Found = Combined.find(Key);
  if (Found != Combined.end())
    return Found->second;
  auto Schema = std::make_shared<SqlSchema>();
  for (const std::string &F : Files)
    if (const auto &Text = Texts[F])
      Schema->addDdl(*Text, F);
  Combined.emplace(Key, Schema);
  return Schema;
}

std::vector<CheckThenInsert> findCheckThenInserts(FunctionFlow &F,
                                                  const SqlSchema &Schema,
                                                  const OrmSchema &Orm) {
  std::vector<CheckThenInsert> Out;
  const auto &Ops = F.ops();
  for (const DbOp &I : Ops) {
    bool SqlInsert = I.isSqlKind(SqlStatementKind::Insert) && I.Sql.Parsed &&
                     !I.Sql.HandlesConflict && !I.Sql.InsertFromSelect &&
                     !I.Sql.Table.empty();
    bool Upsert = I.Class.Rule && I.Class.Rule->Upsert;
    bool OrmInsert = false;
    if (!I.HasSql && !Upsert && !I.Entity.isNull()) {
      if (I.Kind == CallKind::Insert)
        OrmInsert = true;
      else if (I.Kind == CallKind::Save) {
        // A save of an object that was not loaded: an insert.
        const VarDecl *T = storeTarget(F, I);
        OrmInsert = T ? !isa<ParmVarDecl>(T) && F.loadsOf(T, I.Call).empty()
                      : I.Site.Args.empty() || !F.entityVar(I.Site.Args[0]);
      }
    }
    if (!SqlInsert && !OrmInsert)
      continue;
    for (auto It = Ops.rbegin(); It != Ops.rend(); ++It) {
      const DbOp &Q = *It;
      if (Q.Index >= I.Index)
        continue;
      if (SqlInsert) {
        if (!Q.isSqlRead() || !Q.Sql.Parsed || Q.Sql.Table.empty() ||
            Q.Sql.HasJoin || Q.Sql.WhereEq.empty() ||
            !sameSqlTable(Q.Sql.Table, I.Sql.Table))
          continue;
      } else {
        if (!Q.isOrmRead() || Q.Entity.isNull() ||
            Q.Entity.getCanonicalType() != I.Entity.getCanonicalType())
          continue;
      }
      // The INSERT must write the row the check looked for: a checked
      // column inserted with the same value (when the column list says).
      if (SqlInsert && !insertsCheckedKey(F, Q, I))
        continue;
      const IfStmt *If = decisionFor(F, Q, I);
      if (!If)
        continue;
      // Protections: a lock, a serializable transaction, a raised
      // isolation level, a mutex around both.
      bool Locked = false;
      for (const DbOp &X : Ops)
        if (F.before(X.Call, I.Call) && takesLock(X, "") &&
            !F.transactionBoundaryBetween(X.Call, I.Call) && !F.isAutocommit(X))
          Locked = true;
      if (Locked || serializableTransaction(F, Q, I) ||
          F.isolationRaisedBefore(I.Call) ||
          (F.mutexHeldAt(Q.Call) && F.mutexHeldAt(I.Call)))
        break;
      CheckThenInsert CTI;
      CTI.Check = &Q;
      CTI.Insert = &I;
      CTI.Decision = If;
      CTI.Condition = If->getCond();
      if (SqlInsert) {
        CTI.Table = I.Sql.Table;
        for (const SqlCondition &C : Q.Sql.WhereEq)
          CTI.Columns.push_back(C.Column);
        CTI.Key = Schema.keyWithin(CTI.Table, CTI.Columns);
      } else {
        const CXXRecordDecl *RD = I.Entity->getAsCXXRecordDecl();
        CTI.Table = RD ? RD->getNameAsString() : "object";
        if (Q.Kind == CallKind::FetchById) {
          CTI.BackedByPrimaryKey = true;
        } else if (RD) {
          std::set<const FieldDecl *> Members;
          std::vector<std::string> Names;
          ormCheckedColumns(F, Q, Members, Names);
          for (const FieldDecl *M : Members) {
            std::string Col = Orm.columnOf(M);
            CTI.Columns.push_back(Col.empty() ? M->getNameAsString() : Col);
          }
          for (const std::string &N : Names)
            CTI.Columns.push_back(N);
          bool Primary = false;
          if (!Members.empty() && Orm.hasKeyWithin(RD, Members, &Primary)) {
            CTI.BackedByOrmKey = true;
            CTI.BackedByPrimaryKey = Primary;
          }
        }
      }
      Out.push_back(CTI);
      break;
    }
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// db-save-in-hook
//===----------------------------------------------------------------------===//

static bool paramsMatch(const std::optional<std::vector<std::string>> &Params,
                        const FunctionDecl *FD, const ASTContext &Ctx) {
  if (!Params)
    return true;
  if (Params->empty())
    return FD->getNumParams() == 0;
  if (FD->getNumParams() < Params->size())
    return false;
  for (size_t I = 0; I < Params->size(); ++I)
    if (!typeMatches((*Params)[I], FD->getParamDecl(I)->getType(), Ctx))
      return false;
  return true;
}

static bool functionMatches(llvm::StringRef Pattern, const FunctionDecl *FD) {
  if (matchesNamePattern(Pattern, profileName(FD)))
    return true;
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
    for (const CXXMethodDecl *O : M->overridden_methods())
      if (functionMatches(Pattern, O))
        return true;
  return false;
}

std::optional<HookFunction> hookByProfile(const FunctionDecl *FD,
                                          const ProfileSet &Profiles,
                                          const ASTContext &Ctx) {
  if (!FD || !FD->hasBody() || !FD->getIdentifier())
    return std::nullopt;
  for (const auto &P : Profiles.profiles())
    for (const HookRule &H : P->Hooks) {
      bool Match = false;
      if (!H.Method.empty())
        Match = isa<CXXMethodDecl>(FD) && matchesGlob(H.Method, FD->getName());
      else
        Match = functionMatches(H.Function, FD);
      if (!Match || !paramsMatch(H.Params, FD, Ctx))
        continue;
      HookFunction HF;
      HF.Body = FD->getBody();
      HF.Owner = FD;
      HF.Event = H.Event;
      HF.Description = "persistence hook '" + FD->getNameAsString() + "'";
      if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
        HF.Entity = QualType(M->getParent()->getTypeForDecl(), 0);
      return HF;
    }
  return std::nullopt;
}

std::vector<HookFunction>
hooksRegisteredBy(const Expr *Call, const Classification &C, ASTContext &Ctx) {
  std::vector<HookFunction> Out;
  auto Site = CallSite::from(Call);
  if (!Site || C.Kind != CallKind::HookRegister)
    return Out;
  std::vector<const Expr *> Candidates;
  if (C.Rule && C.Rule->CallbackArg) {
    if (*C.Rule->CallbackArg < Site->Args.size())
      Candidates.push_back(Site->Args[*C.Rule->CallbackArg]);
  } else {
    Candidates.assign(Site->Args.begin(), Site->Args.end());
  }
  QualType Registered;
  if (Site->Callee)
    if (const TemplateArgumentList *Args =
            Site->Callee->getTemplateSpecializationArgs())
      for (const TemplateArgument &A : Args->asArray())
        if (A.getKind() == TemplateArgument::Type) {
          Registered = A.getAsType();
          break;
        }
  std::string Name = Site->Callee && Site->Callee->getIdentifier()
                         ? Site->Callee->getNameAsString()
                         : std::string("a registration function");
  for (const Expr *Arg : Candidates) {
    const Expr *E = strip(Arg);
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf)
        E = U->getSubExpr()->IgnoreParenImpCasts();
    HookFunction H;
    H.Registration = Call;
    H.Event = C.Rule && !C.Rule->Event.empty() ? C.Rule->Event : "any";
    H.Entity = Registered;
    if (const auto *L = dyn_cast<LambdaExpr>(E)) {
      H.Body = L->getBody();
      H.Owner = L->getCallOperator();
      H.Description = "the persistence callback registered with '" + Name + "'";
      if (H.Entity.isNull() && L->getCallOperator()->getNumParams() > 0)
        H.Entity = L->getCallOperator()->getParamDecl(0)->getType();
      Out.push_back(H);
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
        const FunctionDecl *Def = FD->getDefinition();
        if (!Def || !Def->hasBody())
          continue;
        H.Body = Def->getBody();
        H.Owner = Def;
        H.Description = "persistence callback '" + Def->getNameAsString() +
                        "', registered with '" + Name + "'";
        if (H.Entity.isNull() && Def->getNumParams() > 0)
          H.Entity = Def->getParamDecl(0)->getType();
        Out.push_back(H);
      }
  }
  return Out;
}

/// Whether the object a store writes is the hooked object itself.
static bool writesOwnObject(FunctionFlow &F, const DbOp &Op,
                            const HookFunction &H) {
  const Expr *Target = !Op.Site.Args.empty() ? Op.Site.Args[0] : Op.Site.Object;
  if (!Target)
    return false;
  const Expr *E = strip(Target);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_Deref)
      E = strip(U->getSubExpr());
  if (isa<CXXThisExpr>(E))
    return true;
  if (const VarDecl *VD = F.entityVar(Target))
    if (isa<ParmVarDecl>(VD) && !H.Entity.isNull()) {
      const CXXRecordDecl *A = classInside(VD->getType());
      const CXXRecordDecl *B = classInside(H.Entity);
      return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
    }
  return false;
}

std::vector<HookWrite> analyzeHook(FunctionFlow &F, const HookFunction &H,
                                   const RaceOptions &Options) {
  std::vector<HookWrite> Out;
  const auto &Ops = F.ops();
  for (const DbOp &Op : Ops) {
    if (!Op.HasSql) {
      if (Op.Kind == CallKind::Delete) {
        if (writesOwnObject(F, Op, H))
          continue;
        HookWrite W;
        W.K = HookWrite::Kind::Delete;
        W.Op = &Op;
        W.Target = storeTarget(F, Op);
        Out.push_back(W);
        continue;
      }
      if (Op.Kind != CallKind::Update && Op.Kind != CallKind::Save)
        continue;
      if (writesOwnObject(F, Op, H))
        continue;
      HookWrite W;
      W.Op = &Op;
      W.Target = storeTarget(F, Op);
      if (!W.Target)
        continue;
      W.Load = latestLoad(F, W.Target, Op.Call);
      // A local object that was never loaded is a new row: an insert.
      if (!W.Load && !isa<ParmVarDecl>(W.Target))
        continue;
      if (W.Load) {
        for (const FieldWrite *FW : writesBetween(F, W.Target, *W.Load, Op)) {
          // Recount: the field is set from a count query.
          const Expr *V = FW->Value;
          if (V && (FW->F == FieldWrite::Form::Assign ||
                    FW->F == FieldWrite::Form::Setter)) {
            for (const Origin &O : F.origins(V))
              if (O.K != Origin::Kind::Field && O.Op < Ops.size() &&
                  isCountQuery(Ops[O.Op])) {
                W.K = HookWrite::Kind::Recount;
                W.Field = FW;
                W.Count = &Ops[O.Op];
                break;
              }
          }
          if (W.K == HookWrite::Kind::Recount)
            break;
          if (std::optional<Origin> Old = readsOld(F, *FW, *W.Load)) {
            W.K = HookWrite::Kind::Increment;
            W.Field = FW;
            W.Inc = ormIncrement(F, *FW, *Old);
            if (W.Inc &&
                fieldReadElsewhere(F, W.Target, FW->Field, FW->Write, Op.Call))
              W.Inc.reset();
            break;
          }
        }
        if (W.K != HookWrite::Kind::SaveOther &&
            isVersioned(F, Op, W.Target, Options) &&
            W.K == HookWrite::Kind::Increment)
          W.Inc.reset();
      }
      Out.push_back(W);
      continue;
    }
    if (!Op.Sql.Parsed)
      continue;
    if (Op.Sql.Kind == SqlStatementKind::Delete) {
      HookWrite W;
      W.K = HookWrite::Kind::Delete;
      W.Op = &Op;
      Out.push_back(W);
      continue;
    }
    if (Op.Sql.Kind != SqlStatementKind::Update)
      continue;
    for (const SqlAssignment &A : Op.Sql.Sets) {
      if (A.Column.empty() || A.F != SqlAssignment::Form::Param)
        continue;
      const SqlParam &P = A.Params.front();
      const Expr *V = Op.valueFor(P);
      if (!V)
        continue;
      std::optional<HookWrite> Found;
      for (const Origin &O : F.origins(V)) {
        if (O.K == Origin::Kind::Field || O.Op >= Ops.size())
          continue;
        const DbOp &Src = Ops[O.Op];
        if (!F.before(Src.Call, Op.Call))
          continue;
        if (isCountQuery(Src)) {
          HookWrite W;
          W.K = HookWrite::Kind::Recount;
          W.Op = &Op;
          W.Count = &Src;
          W.Assign = &A;
          W.Param = P;
          W.Binding = P.isHole() ? nullptr : Op.bindingFor(P);
          Found = W;
          break;
        }
        std::optional<SqlResultColumn> Col = columnOf(Src, O);
        if (Col && Col->isPlainColumn() && Col->Column == A.Column &&
            sameSqlTable(Col->Table.empty() ? Src.Sql.Table : Col->Table,
                         Op.Sql.Table)) {
          HookWrite W;
          W.K = HookWrite::Kind::Increment;
          W.Op = &Op;
          W.Count = &Src;
          W.Assign = &A;
          W.Param = P;
          W.Binding = P.isHole() ? nullptr : Op.bindingFor(P);
          W.Inc = incrementOf(F, V, O);
          Found = W;
          break;
        }
      }
      if (Found) {
        Out.push_back(*Found);
        break;
      }
    }
  }
  return Out;
}

} // namespace dbtidy
