#include "lib/ValueFlow.h"

#include "lib/QualifiedName.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace dbtidy {

using namespace clang;

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

bool Origin::operator<(const Origin &O) const {
  return std::tie(K, Op, ColumnIndex, ColumnName, Entity, Field, At) <
         std::tie(O.K, O.Op, O.ColumnIndex, O.ColumnName, O.Entity, O.Field,
                  O.At);
}

std::string fieldKey(llvm::StringRef Name) {
  if (Name.starts_with("m_"))
    Name = Name.drop_front(2);
  Name = Name.trim('_');
  return Name.lower();
}

static const Expr *stripImplicit(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// Strips implicit nodes, copies/moves and conversion constructors with one
/// argument, functional casts and std::move.
static const Expr *stripValueWrappers(const Expr *E) {
  for (unsigned I = 0; E && I < 16; ++I) {
    E = stripImplicit(E);
    if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      if (C->getNumArgs() >= 1 && !isa<CXXDefaultArgExpr>(C->getArg(0)) &&
          (C->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(C->getArg(1)))) {
        E = C->getArg(0);
        continue;
      }
      return E;
    }
    if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = F->getSubExpr();
      continue;
    }
    if (const auto *SC = dyn_cast<CXXNamedCastExpr>(E)) {
      E = SC->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      if (const FunctionDecl *FD = CE->getDirectCallee())
        if (CE->getNumArgs() == 1 && FD->isInStdNamespace() &&
            FD->getIdentifier() &&
            (FD->getName() == "move" || FD->getName() == "forward")) {
          E = CE->getArg(0);
          continue;
        }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
        if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl())) {
          // A conversion operator is a call the profiles may classify
          // (Wt::Dbo::Query -> ptr<T>); keep it.
          return E;
        }
    }
    return E;
  }
  return E;
}

static const VarDecl *varOf(const Expr *E) {
  E = stripImplicit(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

std::string sourceText(const ASTContext &Ctx, SourceRange R) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return "";
  CharSourceRange CR = CharSourceRange::getTokenRange(R);
  bool Invalid = false;
  llvm::StringRef Text =
      Lexer::getSourceText(CR, SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return "";
  return Text.str();
}

ArgKey argKeyOf(const Expr *E, const ASTContext &Ctx) {
  ArgKey K;
  if (!E)
    return K;
  const Expr *S = E->IgnoreParenImpCasts();
  // QString/std::string built from a literal.
  for (unsigned I = 0; I < 6; ++I) {
    S = stripImplicit(S);
    if (const auto *C = dyn_cast<CXXConstructExpr>(S)) {
      if (C->getNumArgs() >= 1) {
        S = C->getArg(0);
        continue;
      }
    }
    if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(S)) {
      S = F->getSubExpr();
      continue;
    }
    break;
  }
  if (const auto *SL = dyn_cast<StringLiteral>(S)) {
    if (SL->getCharByteWidth() == 1) {
      llvm::StringRef Name = SL->getString();
      if (!Name.empty() && (Name[0] == ':' || Name[0] == '@' || Name[0] == '$'))
        Name = Name.drop_front();
      K.Name = Name.str();
    }
    return K;
  }
  if (E->isValueDependent() || E->isTypeDependent())
    return K;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx))
    K.Index = R.Val.getInt().getExtValue();
  return K;
}

unsigned writtenArgs(const CallExpr *E) {
  unsigned N = 0;
  for (const Expr *Arg : E->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      break;
    ++N;
  }
  return N;
}

bool isSimpleRepeatable(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (!E)
    return false;
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr, StringLiteral,
          CharacterLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl, EnumConstantDecl>(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(ME->getMemberDecl()) &&
           (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) ||
            isSimpleRepeatable(ME->getBase()));
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return (U->getOpcode() == UO_Minus || U->getOpcode() == UO_Plus) &&
           isSimpleRepeatable(U->getSubExpr());
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return B->isAdditiveOp() || B->isMultiplicativeOp()
               ? isSimpleRepeatable(B->getLHS()) &&
                     isSimpleRepeatable(B->getRHS())
               : false;
  return false;
}

const clang::Stmt *enclosingFunctionBody(ASTContext &Ctx, const Stmt *S,
                                         const Decl **Owner) {
  DynTypedNode Node = DynTypedNode::create(*S);
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *L = Node.get<LambdaExpr>()) {
      if (Owner)
        *Owner = L->getCallOperator();
      return L->getBody();
    }
    if (const auto *FD = Node.get<FunctionDecl>()) {
      if (Owner)
        *Owner = FD;
      return FD->getBody();
    }
    if (Node.get<ObjCMethodDecl>() || Node.get<BlockDecl>())
      return nullptr;
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// DbOp
//===----------------------------------------------------------------------===//

const FlowBinding *DbOp::bindingFor(const SqlParam &P) const {
  if (!P.Name.empty()) {
    for (auto It = Bindings.rbegin(); It != Bindings.rend(); ++It)
      if (It->Name == P.Name)
        return &*It;
  }
  unsigned Number = P.Number ? P.Number : P.Ordinal;
  if (!P.Name.empty())
    Number = P.Ordinal;
  for (auto It = Bindings.rbegin(); It != Bindings.rend(); ++It)
    if (It->Name.empty() && It->Position == Number)
      return &*It;
  return nullptr;
}

const Expr *DbOp::valueFor(const SqlParam &P) const {
  if (P.isHole()) {
    if (Template && static_cast<size_t>(P.Hole) < Template->Holes.size())
      return Template->Holes[P.Hole];
    return nullptr;
  }
  const FlowBinding *B = bindingFor(P);
  return B ? B->Value : nullptr;
}

//===----------------------------------------------------------------------===//
// FlowContext
//===----------------------------------------------------------------------===//

FlowContext::FlowContext(ASTContext &AST, const CallClassifier &Classifier)
    : AST(AST), Classifier(Classifier) {}

FlowContext::~FlowContext() = default;

const std::optional<Classification> &FlowContext::classify(const Expr *E) {
  auto It = Classes.find(E);
  if (It != Classes.end())
    return It->second;
  std::optional<Classification> C;
  if (E && !E->isTypeDependent() && !E->isValueDependent())
    C = Classifier.classify(E, AST);
  return Classes.try_emplace(E, std::move(C)).first->second;
}

FunctionFlow &FlowContext::flowFor(const Stmt *Body, const Decl *Owner) {
  auto It = Flows.find(Body);
  if (It != Flows.end())
    return *It->second;
  auto Flow = std::make_unique<FunctionFlow>(*this, Body, Owner);
  FunctionFlow &Ref = *Flow;
  Flows.emplace(Body, std::move(Flow));
  return Ref;
}

FunctionFlow *FlowContext::flowContaining(const Stmt *S) {
  const Decl *Owner = nullptr;
  const Stmt *Body = enclosingFunctionBody(AST, S, &Owner);
  if (!Body)
    return nullptr;
  return &flowFor(Body, Owner);
}

const SqlTemplate *FlowContext::namedStatement(llvm::StringRef Name) {
  if (!NamedIndexed) {
    NamedIndexed = true;
    struct Indexer : RecursiveASTVisitor<Indexer> {
      FlowContext &C;
      explicit Indexer(FlowContext &C) : C(C) {}
      bool shouldVisitTemplateInstantiations() const { return true; }
      bool VisitCallExpr(CallExpr *E) {
        const auto &Class = C.classify(E);
        if (!Class || Class->Kind != CallKind::Prepare || !Class->SqlArg)
          return true;
        auto Site = CallSite::from(E);
        if (!Site)
          return true;
        for (const Expr *Arg : Site->Args) {
          if (Arg == Class->SqlArg)
            break;
          if (const auto *SL =
                  dyn_cast<StringLiteral>(stripValueWrappers(Arg))) {
            if (auto T = sqlTemplateOf(Class->SqlArg, C.ast()))
              C.Named.try_emplace(SL->getString(), std::move(*T));
            break;
          }
        }
        return true;
      }
    };
    Indexer I(*this);
    I.TraverseDecl(AST.getTranslationUnitDecl());
  }
  auto It = Named.find(Name);
  return It == Named.end() ? nullptr : &It->second;
}

/// The class inside T: through references, pointers and class templates
/// (std::unique_ptr<T>, std::optional<T>, std::vector<T>, dbo::ptr<T>,
/// odb::result<T>, Query<ptr<T>>).
static QualType innermostClass(QualType T) {
  for (unsigned Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    T = T.getNonReferenceType();
    if (const auto *PT = T->getAs<PointerType>()) {
      T = PT->getPointeeType();
      continue;
    }
    const auto *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return QualType();
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
    if (!Spec)
      return T.getUnqualifiedType();
    QualType Inner;
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type) {
        Inner = A.getAsType();
        break;
      }
    if (Inner.isNull())
      return T.getUnqualifiedType();
    T = Inner;
  }
  return QualType();
}

/// Classes that are library machinery rather than mapped entities.
static bool looksLikeLibraryType(QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return true;
  std::string Name = profileName(RD);
  return llvm::StringRef(Name).starts_with("std::") ||
         llvm::StringRef(Name).starts_with("sqlite_orm::") ||
         llvm::StringRef(Name).starts_with("odb::") ||
         llvm::StringRef(Name).starts_with("Wt::") ||
         llvm::StringRef(Name).starts_with("Orm::") ||
         llvm::StringRef(Name).starts_with("Q");
}

QualType FlowContext::entityTypeOf(const CallSite &Site) const {
  auto FromArgs = [&](llvm::ArrayRef<TemplateArgument> Args) -> QualType {
    for (const TemplateArgument &A : Args) {
      if (A.getKind() != TemplateArgument::Type)
        continue;
      QualType T = innermostClass(A.getAsType());
      if (!T.isNull() && !looksLikeLibraryType(T))
        return T;
    }
    return QualType();
  };
  if (!Site.Callee)
    return QualType();
  if (const TemplateArgumentList *Args =
          Site.Callee->getTemplateSpecializationArgs()) {
    QualType T = FromArgs(Args->asArray());
    if (!T.isNull())
      return T;
  }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Site.Callee))
    if (const auto *Spec =
            dyn_cast<ClassTemplateSpecializationDecl>(Method->getParent())) {
      QualType T = FromArgs(Spec->getTemplateArgs().asArray());
      if (!T.isNull())
        return T;
    }
  QualType R = innermostClass(Site.Callee->getReturnType());
  if (!R.isNull() && !looksLikeLibraryType(R))
    return R;
  // A conversion to the entity (Wt::Dbo::Query<ptr<T>>::operator ptr<T>).
  if (Site.Object) {
    QualType O = innermostClass(Site.Object->getType());
    if (!O.isNull() && !looksLikeLibraryType(O))
      return O;
  }
  return QualType();
}

//===----------------------------------------------------------------------===//
// Building the analysis of one function
//===----------------------------------------------------------------------===//

class FlowBuilder : public RecursiveASTVisitor<FlowBuilder> {
public:
  FlowBuilder(FunctionFlow &F) : F(F), C(F.Ctx), AST(F.Ctx.ast()) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  // Lambdas are functions of their own.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *VD = dyn_cast<VarDecl>(E->getDecl()))
      F.Uses[VD].push_back(E);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getInit() && !isa<ParmVarDecl>(VD)) {
      addDef(VD, VD->getInit(), VD->getEndLoc(), nullptr, VD, true);
      InitToVar[stripImplicit(VD->getInit())] = VD;
    }
    QualType T = VD->getType();
    if (!T->isReferenceType() && !T->isPointerType()) {
      if (C.classifier().roleOf(T, TypeRole::Transaction))
        F.TxEvents.push_back({VD->getBeginLoc(), true, nullptr});
      if (C.classifier().roleOf(T, TypeRole::LockGuard))
        F.Mutexes.push_back({enclosingCompound(VD), VD->getBeginLoc(), true});
    }
    return true;
  }

  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable() && S->getRangeInit())
      addDef(S->getLoopVariable(), S->getRangeInit(),
             S->getLoopVariable()->getEndLoc());
    // Visit the loop variable's own initialiser (it reads the implicit
    // iterator variables) only as uses; the def above replaces it.
    if (S->getInit())
      TraverseStmt(S->getInit());
    TraverseStmt(S->getRangeInit());
    if (VarDecl *LV = S->getLoopVariable())
      Skip.insert(LV);
    TraverseStmt(S->getBody());
    return true;
  }

  bool TraverseVarDecl(VarDecl *VD) {
    if (Skip.count(VD))
      return true;
    return RecursiveASTVisitor::TraverseVarDecl(VD);
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    const Expr *LHS = BO->getLHS()->IgnoreParens();
    if (const VarDecl *VD = varOf(LHS))
      addDef(VD, BO->isCompoundAssignmentOp() ? BO : BO->getRHS(),
             BO->getEndLoc(), BO, nullptr, !BO->isCompoundAssignmentOp());
    if (const auto *ME = dyn_cast<MemberExpr>(LHS)) {
      char Op = 0;
      switch (BO->getOpcode()) {
      case BO_AddAssign:
        Op = '+';
        break;
      case BO_SubAssign:
        Op = '-';
        break;
      case BO_MulAssign:
        Op = '*';
        break;
      case BO_DivAssign:
        Op = '/';
        break;
      default:
        break;
      }
      addFieldWrite(ME, BO, BO->getRHS(),
                    BO->isCompoundAssignmentOp() ? FieldWrite::Form::Compound
                                                 : FieldWrite::Form::Assign,
                    Op);
    }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (!U->isIncrementDecrementOp())
      return true;
    const Expr *Sub = U->getSubExpr()->IgnoreParens();
    if (const VarDecl *VD = varOf(Sub))
      addDef(VD, U, U->getEndLoc());
    if (const auto *ME = dyn_cast<MemberExpr>(Sub))
      addFieldWrite(ME, U, nullptr, FieldWrite::Form::Increment,
                    U->isIncrementOp() ? '+' : '-');
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *E) {
    if (E->isAssignmentOp() && E->getNumArgs() == 2) {
      const Expr *LHS = E->getArg(0)->IgnoreParens();
      bool Compound = E->getOperator() != OO_Equal;
      if (const VarDecl *VD = varOf(LHS))
        addDef(VD, Compound ? E : E->getArg(1), E->getEndLoc(), E, nullptr,
               !Compound);
      if (const auto *ME = dyn_cast<MemberExpr>(LHS)) {
        char Op = E->getOperator() == OO_PlusEqual    ? '+'
                  : E->getOperator() == OO_MinusEqual ? '-'
                                                      : 0;
        addFieldWrite(ME, E, E->getArg(1),
                      Compound ? FieldWrite::Form::Compound
                               : FieldWrite::Form::Assign,
                      Op);
      }
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *E) {
    // Setters on local objects: u.setCount(v), m.setAttribute("n", v).
    const CXXMethodDecl *M = E->getMethodDecl();
    if (!M || !M->getIdentifier() || writtenArgs(E) == 0)
      return true;
    llvm::StringRef Name = M->getName();
    if (Name.size() <= 3 || !Name.starts_with("set") ||
        !(llvm::isUpper(Name[3]) || Name[3] == '_'))
      return true;
    const VarDecl *VD = F.entityVar(E->getImplicitObjectArgument());
    if (!VD)
      return true;
    FieldWrite W;
    W.Entity = VD;
    W.Write = E;
    W.F = FieldWrite::Form::Setter;
    W.Value = E->getArg(writtenArgs(E) - 1);
    std::string Stem = fieldKey(Name.drop_front(3));
    W.Spelling = Name.drop_front(3).str();
    if (writtenArgs(E) >= 2) {
      ArgKey K = argKeyOf(E->getArg(0), AST);
      if (K.Name.empty())
        return true;
      Stem += ":" + K.Name;
      W.Spelling = K.Name;
    }
    W.Field = Stem;
    // The member the setter stands for, when the class has one by that name.
    if (writtenArgs(E) == 1)
      if (const CXXRecordDecl *RD = M->getParent())
        for (const FieldDecl *FD : RD->fields())
          if (FD->getIdentifier() && fieldKey(FD->getName()) == Stem) {
            W.Member = FD;
            W.Spelling = FD->getName().str();
          }
    F.Writes.push_back(W);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    visitCall(E);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    visitCall(E);
    return true;
  }

  void finish() {
    // Ops in source order.
    std::stable_sort(
        F.Ops.begin(), F.Ops.end(), [&](const DbOp &A, const DbOp &B) {
          return F.before(A.Call->getBeginLoc(), B.Call->getBeginLoc());
        });
    for (unsigned I = 0; I < F.Ops.size(); ++I) {
      F.Ops[I].Index = I;
      F.OpByCall[F.Ops[I].Call] = I;
    }
    // Into targets and out-parameter loads refer to ops by index.
    for (auto &[Call, Targets] : PendingInto) {
      auto It = F.OpByCall.find(Call);
      if (It == F.OpByCall.end())
        continue;
      for (unsigned K = 0; K < Targets.size(); ++K) {
        if (!Targets[K].first)
          continue;
        FunctionFlow::Def D;
        D.Var = Targets[K].first;
        D.Pos = Targets[K].second;
        D.IntoOp = static_cast<int>(It->second);
        D.IntoColumn = K;
        D.NodeStmt = Call;
        D.Kills = true;
        F.Defs.push_back(D);
      }
    }
    for (auto &[Call, Target] : PendingLoads) {
      auto It = F.OpByCall.find(Call);
      if (It == F.OpByCall.end())
        continue;
      FunctionFlow::Def D;
      D.Var = Target.first;
      D.Pos = Target.second;
      D.LoadOp = static_cast<int>(It->second);
      D.NodeStmt = Call;
      D.Kills = true;
      F.Defs.push_back(D);
    }
    std::sort(
        F.TxEvents.begin(), F.TxEvents.end(),
        [&](const auto &A, const auto &B) { return F.before(A.Pos, B.Pos); });
    for (DbOp &Op : F.Ops)
      resolve(Op);
  }

private:
  const CompoundStmt *enclosingCompound(const Decl *D) {
    DynTypedNode Node = DynTypedNode::create(*D);
    for (unsigned I = 0; I < 8; ++I) {
      auto Parents = AST.getParents(Node);
      if (Parents.empty())
        return nullptr;
      Node = Parents[0];
      if (const auto *CS = Node.get<CompoundStmt>())
        return CS;
    }
    return nullptr;
  }

  void addDef(const VarDecl *VD, const Expr *Value, SourceLocation Pos,
              const Stmt *NodeStmt = nullptr, const Decl *NodeDecl = nullptr,
              bool Kills = false) {
    FunctionFlow::Def D;
    D.Var = VD;
    D.Value = Value;
    D.Pos = Pos;
    D.NodeStmt = NodeStmt;
    D.NodeDecl = NodeDecl;
    D.Kills = Kills;
    F.Defs.push_back(D);
  }

  void addFieldWrite(const MemberExpr *ME, const Expr *Write, const Expr *Value,
                     FieldWrite::Form Form, char Op) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD)
      return;
    const VarDecl *VD = F.entityVar(ME->getBase());
    if (!VD)
      return;
    FieldWrite W;
    W.Entity = VD;
    W.Field = fieldKey(FD->getName());
    W.Spelling = FD->getName().str();
    W.Member = FD;
    W.Write = Write;
    W.Value = Value;
    W.F = Form;
    W.Op = Op;
    F.Writes.push_back(W);
  }

  /// The statement variable a call works on: the object, or a first
  /// argument of a statement type (sqlite3_step(stmt)).
  const VarDecl *handleOf(const CallSite &Site) {
    const CallClassifier &Cl = C.classifier();
    auto IsHandleType = [&](QualType T) {
      return Cl.roleOf(T, TypeRole::Statement) ||
             Cl.roleOf(T, TypeRole::ResultSet);
    };
    if (Site.Object) {
      const VarDecl *VD = varOf(Site.Object);
      if (VD && IsHandleType(VD->getType()))
        return VD;
      return nullptr;
    }
    if (Site.IsConstruction) {
      auto It = InitToVar.find(stripImplicit(Site.Call));
      if (It != InitToVar.end())
        return It->second;
      return nullptr;
    }
    if (!Site.Args.empty()) {
      const VarDecl *VD = varOf(Site.Args[0]);
      if (VD && IsHandleType(VD->getType()))
        return VD;
    }
    return nullptr;
  }

  /// For prepare calls: the statement being prepared (object, constructed
  /// variable, or an `&stmt` argument of a statement type).
  const VarDecl *preparedHandle(const CallSite &Site) {
    if (Site.Object)
      return varOf(Site.Object);
    if (Site.IsConstruction) {
      auto It = InitToVar.find(stripImplicit(Site.Call));
      return It == InitToVar.end() ? nullptr : It->second;
    }
    for (const Expr *Arg : Site.Args) {
      const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
      if (!U || U->getOpcode() != UO_AddrOf)
        continue;
      const VarDecl *VD = varOf(U->getSubExpr());
      if (VD && C.classifier().roleOf(VD->getType(), TypeRole::Statement))
        return VD;
    }
    return nullptr;
  }

  static bool isOpKind(CallKind K) {
    switch (K) {
    case CallKind::Query:
    case CallKind::FetchById:
    case CallKind::Insert:
    case CallKind::Update:
    case CallKind::Delete:
    case CallKind::Save:
    case CallKind::Execute:
    case CallKind::ExecutePrepared:
    case CallKind::Step:
    case CallKind::RowLock:
    case CallKind::TransactionBegin:
    case CallKind::TransactionCommit:
    case CallKind::TransactionRollback:
      return true;
    default:
      return false;
    }
  }

  /// Parent of E skipping implicit nodes.
  const Expr *parentExpr(const Expr *E, const Expr **Child = nullptr) {
    const Expr *Cur = E;
    for (unsigned I = 0; I < 16; ++I) {
      auto Parents = AST.getParents(*Cur);
      if (Parents.empty())
        return nullptr;
      const auto *P = Parents[0].get<Expr>();
      if (!P)
        return nullptr;
      if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
              ParenExpr, ExprWithCleanups, CXXFunctionalCastExpr>(P) ||
          (isa<CXXConstructExpr>(P) &&
           cast<CXXConstructExpr>(P)->getNumArgs() == 1)) {
        Cur = P;
        continue;
      }
      if (Child)
        *Child = Cur;
      return P;
    }
    return nullptr;
  }

  /// `session << "SQL" << more, into(x), use(y), now`: extends the SQL with
  /// streamed pieces and collects the comma operands. Returns the root.
  const Expr *chainOf(const Expr *SqlCall, SqlTemplate &T,
                      std::vector<const Expr *> &CommaArgs) {
    const Expr *Root = SqlCall;
    bool InCommas = false;
    for (unsigned I = 0; I < 64; ++I) {
      const Expr *Child = nullptr;
      const Expr *P = parentExpr(Root, &Child);
      const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P);
      if (!Op || Op->getNumArgs() != 2 || Op->getArg(0) != Child)
        break;
      if (Op->getOperator() == OO_LessLess && !InCommas) {
        const Expr *Piece = Op->getArg(1);
        std::optional<SqlTemplate> PT = sqlTemplateOf(Piece, AST);
        if (PT && PT->Holes.empty()) {
          T.Text += PT->Text;
        } else {
          T.Text += " " + sqlHoleMarker(T.Holes.size()) + " ";
          T.Holes.push_back(Piece);
        }
        T.Literal = nullptr;
        T.LiteralInMacro = false;
        Root = Op;
        continue;
      }
      if (Op->getOperator() == OO_Comma) {
        InCommas = true;
        CommaArgs.push_back(Op->getArg(1));
        Root = Op;
        continue;
      }
      break;
    }
    return Root;
  }

  void visitCall(const Expr *E) {
    if (E->isTypeDependent() || E->isValueDependent())
      return;
    const auto &Class = C.classify(E);
    if (!Class)
      return;
    std::optional<CallSite> Site = CallSite::from(E);
    if (!Site)
      return;
    const CallRule *Rule = Class->Rule;
    CallKind Kind = Class->Kind;

    if (Kind == CallKind::Lock || Kind == CallKind::Unlock) {
      F.Mutexes.push_back({nullptr, E->getBeginLoc(), Kind == CallKind::Lock});
      return;
    }
    // Comma operators of a `<<` chain are handled with the chain.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      if (Op->getOperator() == OO_Comma)
        return;

    // `session << "SQL", ...` (SOCI, Poco): the chain is the operation.
    if (Class->SqlArg && isa<CXXOperatorCallExpr>(E) &&
        cast<CXXOperatorCallExpr>(E)->getOperator() == OO_LessLess &&
        (Kind == CallKind::Execute || Kind == CallKind::Prepare)) {
      std::optional<SqlTemplate> T = sqlTemplateOf(Class->SqlArg, AST);
      if (!T)
        return;
      std::vector<const Expr *> CommaArgs;
      const Expr *Root = chainOf(E, *T, CommaArgs);
      bool Executes = Kind == CallKind::Execute;
      DbOp Op;
      unsigned Positional = 0;
      std::vector<std::pair<const VarDecl *, SourceLocation>> Into;
      for (const Expr *Arg : CommaArgs) {
        const auto &AC = C.classify(stripImplicit(Arg));
        const Expr *ArgCall = stripImplicit(Arg);
        if (!AC) {
          // Poco's `now` is a function passed as a manipulator.
          continue;
        }
        if (AC->Kind == CallKind::ExecutePrepared)
          Executes = true;
        std::optional<CallSite> AS = CallSite::from(ArgCall);
        if (!AS || !AC->Rule)
          continue;
        if (AC->Rule->IntoArg && *AC->Rule->IntoArg < AS->Args.size()) {
          if (const VarDecl *VD = varOf(AS->Args[*AC->Rule->IntoArg]))
            Into.push_back({VD, Root->getEndLoc()});
          else
            Into.push_back({nullptr, Root->getEndLoc()});
        }
        if (AC->Rule->ValueArg && *AC->Rule->ValueArg < AS->Args.size()) {
          FlowBinding B;
          B.Value = AS->Args[*AC->Rule->ValueArg];
          if (AC->Rule->ParamArg && *AC->Rule->ParamArg < AS->Args.size()) {
            ArgKey K = argKeyOf(AS->Args[*AC->Rule->ParamArg], AST);
            B.Name = K.Name;
          }
          if (B.Name.empty())
            B.Position = ++Positional;
          Op.Bindings.push_back(B);
        }
      }
      // A trailing `, now` manipulator passed by name is classified on the
      // comma operator itself.
      if (!Executes) {
        const Expr *P = Root;
        if (const auto *RootOp = dyn_cast<CXXOperatorCallExpr>(P))
          if (RootOp->getOperator() == OO_Comma) {
            const auto &RC = C.classify(RootOp);
            if (RC && RC->Kind == CallKind::ExecutePrepared)
              Executes = true;
          }
      }
      if (!Executes)
        return;
      Op.Call = Root;
      Op.Site = *Site;
      Op.Class = *Class;
      Op.Kind = CallKind::Execute;
      Op.SqlCall = E;
      Op.SqlArg = Class->SqlArg;
      Op.Template = std::move(T);
      Op.Object = Site->Object;
      F.Ops.push_back(std::move(Op));
      std::vector<std::pair<const VarDecl *, SourceLocation>> Targets;
      for (auto &I : Into)
        Targets.push_back(I);
      PendingInto.push_back({Root, std::move(Targets)});
      return;
    }

    // Preparing a statement with SQL text.
    if (Kind == CallKind::Prepare) {
      if (Class->SqlArg) {
        if (const VarDecl *H = preparedHandle(*Site)) {
          FunctionFlow::PrepareEvent P;
          P.Handle = H;
          P.Call = E;
          P.SqlArg = Class->SqlArg;
          P.Template = sqlTemplateOf(Class->SqlArg, AST);
          P.Pos = E->getBeginLoc();
          F.Prepares.push_back(std::move(P));
        }
      }
      if (Rule && (Rule->ValueArg || Rule->ParamsFromArg)) {
        // A bind call on a statement: object, or the first argument.
        const VarDecl *H = nullptr;
        unsigned First = 0;
        if (Site->Object)
          H = varOf(Site->Object);
        else if (!Site->Args.empty()) {
          H = varOf(Site->Args[0]);
          First = 1;
        }
        if (!H || !C.classifier().roleOf(H->getType(), TypeRole::Statement))
          return;
        if (Rule->ParamsFromArg) {
          unsigned Pos = 0;
          for (unsigned I = *Rule->ParamsFromArg; I < Site->Args.size(); ++I) {
            FunctionFlow::BindEvent B;
            B.Handle = H;
            B.B.Position = ++Pos;
            B.B.Value = Site->Args[I];
            B.Pos = E->getBeginLoc();
            F.Binds.push_back(B);
          }
          return;
        }
        (void)First;
        if (*Rule->ValueArg >= Site->Args.size())
          return;
        FunctionFlow::BindEvent B;
        B.Handle = H;
        B.B.Value = Site->Args[*Rule->ValueArg];
        B.Pos = E->getBeginLoc();
        if (Rule->ParamArg && *Rule->ParamArg < Site->Args.size()) {
          ArgKey K = argKeyOf(Site->Args[*Rule->ParamArg], AST);
          if (!K.Name.empty())
            B.B.Name = K.Name;
          else if (K.Index && *K.Index + (1 - int64_t(Rule->ParamBase)) > 0)
            B.B.Position =
                static_cast<unsigned>(*K.Index + 1 - Rule->ParamBase);
          else
            return;
        } else {
          B.Positional = true;
        }
        F.Binds.push_back(B);
      }
      return;
    }

    if (Kind == CallKind::TransactionScope)
      return;
    if (!isOpKind(Kind))
      return;

    DbOp Op;
    Op.Call = E;
    Op.Site = *Site;
    Op.Class = *Class;
    Op.Kind = Kind;
    Op.Object = Site->Object;
    if (!Op.Object && !Site->IsConstruction && !Site->Args.empty())
      Op.Object = Site->Args[0];
    if (Class->SqlArg) {
      Op.SqlCall = E;
      Op.SqlArg = Class->SqlArg;
      Op.Template = sqlTemplateOf(Class->SqlArg, AST);
    }
    Op.Handle = handleOf(*Site);
    if (Op.Template && Op.Handle) {
      // An execution with its own text also (re)prepares its handle.
      FunctionFlow::PrepareEvent P;
      P.Handle = Op.Handle;
      P.Call = E;
      P.SqlArg = Class->SqlArg;
      P.Template = Op.Template;
      P.Pos = E->getBeginLoc();
      F.Prepares.push_back(std::move(P));
    }
    if (Rule) {
      if (Rule->ParamsFromArg)
        for (unsigned I = *Rule->ParamsFromArg; I < Site->Args.size(); ++I) {
          FlowBinding B;
          B.Position = I - *Rule->ParamsFromArg + 1;
          B.Value = Site->Args[I];
          B.IsCallArgument = true;
          B.ArgIndex = I;
          Op.Bindings.push_back(B);
        }
      if (Rule->ParamsArrayArg && *Rule->ParamsArrayArg < Site->Args.size())
        if (const VarDecl *Arr = varOf(Site->Args[*Rule->ParamsArrayArg]))
          if (const auto *IL = dyn_cast_or_null<InitListExpr>(
                  Arr->getInit() ? Arr->getInit()->IgnoreImplicit() : nullptr))
            for (unsigned I = 0; I < IL->getNumInits(); ++I) {
              FlowBinding B;
              B.Position = I + 1;
              B.Value = IL->getInit(I);
              Op.Bindings.push_back(B);
            }
    }
    if (!Op.Template)
      Op.Entity = C.entityTypeOf(*Site);
    // Loads into an argument: db.load(id, obj), qx::dao::fetch_by_id(obj).
    if (Kind == CallKind::FetchById || Kind == CallKind::Query) {
      for (unsigned I = 0; I < Site->Args.size(); ++I) {
        const VarDecl *VD = varOf(Site->Args[I]);
        if (!VD || I >= Site->Callee->getNumParams())
          continue;
        QualType PT = Site->Callee->getParamDecl(I)->getType();
        if (PT->isLValueReferenceType() &&
            !PT.getNonReferenceType().isConstQualified() &&
            PT.getNonReferenceType()->isRecordType() &&
            !C.classifier().roleOf(PT, TypeRole::Connection))
          PendingLoads.push_back({E, {VD, E->getEndLoc()}});
      }
    }
    Op.LocksRows = chainLocksRows(*Site);
    F.Ops.push_back(std::move(Op));
  }

  /// Whether the builder chain a call runs on locks rows (lockForUpdate(),
  /// or SQL text with FOR UPDATE).
  bool chainLocksRows(const CallSite &Site) {
    const Expr *Cur = Site.Object;
    for (unsigned Depth = 0; Cur && Depth < 16; ++Depth) {
      Cur = stripImplicit(Cur);
      if (const VarDecl *VD = varOf(Cur)) {
        // One step through a builder kept in a variable.
        Cur = VD->getInit();
        if (!Cur)
          return false;
        continue;
      }
      const auto *Call = dyn_cast<CallExpr>(Cur);
      if (!Call)
        return false;
      if (const auto &CC = C.classify(Call)) {
        if (CC->Rule && CC->Rule->LocksRows)
          return true;
        if (CC->SqlArg)
          if (auto T = sqlTemplateOf(CC->SqlArg, AST)) {
            SqlStatement S = parseSqlStatement(T->Text);
            if (S.ForUpdate || S.ForShare)
              return true;
          }
      }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        Cur = MC->getImplicitObjectArgument();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
        Cur = OC->getNumArgs() ? OC->getArg(0) : nullptr;
      else
        Cur = nullptr;
    }
    return false;
  }

  void resolve(DbOp &Op) {
    // SQL of an execution without text: its handle's last preparation, or
    // a named server-side statement.
    if (!Op.Template && Op.Handle) {
      const FunctionFlow::PrepareEvent *Best = nullptr;
      for (const auto &P : F.Prepares)
        if (P.Handle == Op.Handle && !F.before(Op.Call->getBeginLoc(), P.Pos) &&
            P.Call != Op.Call)
          if (!Best || F.before(Best->Pos, P.Pos))
            Best = &P;
      if (Best && Best->Template) {
        Op.Template = Best->Template;
        Op.SqlCall = Best->Call;
        Op.SqlArg = Best->SqlArg;
      }
      // Bindings made on the handle since that preparation.
      std::map<std::string, FlowBinding> Named;
      std::map<unsigned, FlowBinding> Numbered;
      unsigned Positional = 0;
      for (const auto &B : F.Binds) {
        if (B.Handle != Op.Handle || !F.before(B.Pos, Op.Call->getBeginLoc()))
          continue;
        if (Best && F.before(B.Pos, Best->Pos))
          continue;
        FlowBinding X = B.B;
        if (B.Positional)
          X.Position = ++Positional;
        if (!X.Name.empty())
          Named[X.Name] = X;
        else
          Numbered[X.Position] = X;
      }
      for (auto &[N, B] : Named)
        Op.Bindings.push_back(B);
      for (auto &[N, B] : Numbered)
        Op.Bindings.push_back(B);
    }
    if (!Op.Template && Op.Kind == CallKind::ExecutePrepared)
      for (const Expr *Arg : Op.Site.Args)
        if (const auto *SL = dyn_cast<StringLiteral>(stripValueWrappers(Arg))) {
          if (const SqlTemplate *T = C.namedStatement(SL->getString()))
            Op.Template = *T;
          break;
        }
    if (Op.Template) {
      Op.HasSql = true;
      Op.Sql = parseSqlStatement(Op.Template->Text);
      if (Op.Sql.RaisesIsolation)
        F.IsolationRaised.push_back(Op.Call->getBeginLoc());
      if (Op.Sql.Kind == SqlStatementKind::Begin)
        F.TxEvents.push_back({Op.Call->getBeginLoc(), true, Op.Call});
      else if (Op.Sql.Kind == SqlStatementKind::Commit ||
               Op.Sql.Kind == SqlStatementKind::Rollback)
        F.TxEvents.push_back({Op.Call->getBeginLoc(), false, Op.Call});
    }
    if (Op.Kind == CallKind::TransactionBegin)
      F.TxEvents.push_back({Op.Call->getBeginLoc(), true, Op.Call});
    else if (Op.Kind == CallKind::TransactionCommit ||
             Op.Kind == CallKind::TransactionRollback)
      F.TxEvents.push_back({Op.Call->getBeginLoc(), false, Op.Call});
  }

  FunctionFlow &F;
  FlowContext &C;
  ASTContext &AST;
  llvm::DenseMap<const Expr *, const VarDecl *> InitToVar;
  llvm::SmallPtrSet<const VarDecl *, 4> Skip;
  std::vector<std::pair<
      const Expr *, std::vector<std::pair<const VarDecl *, SourceLocation>>>>
      PendingInto;
  std::vector<
      std::pair<const Expr *, std::pair<const VarDecl *, SourceLocation>>>
      PendingLoads;
};

FunctionFlow::FunctionFlow(FlowContext &Ctx, const Stmt *Body,
                           const Decl *Owner)
    : Ctx(Ctx), Body(Body), Owner(Owner) {
  if (!Body)
    return;
  FlowBuilder B(*this);
  B.TraverseStmt(const_cast<Stmt *>(Body));
  B.finish();
  finish();
}

void FunctionFlow::finish() {
  const CallClassifier &Cl = Ctx.classifier();
  // A function that receives a transaction runs inside it.
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Owner))
    for (const ParmVarDecl *P : FD->parameters())
      if (Cl.roleOf(P->getType(), TypeRole::Transaction))
        FunctionInTransaction = true;
  // A lambda handed to storage.transaction(...) runs inside it.
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Owner))
    if (MD->getParent()->isLambda()) {
      ASTContext &AST = Ctx.ast();
      // Find the LambdaExpr whose call operator is Owner: walk up from the
      // body.
      DynTypedNode Node = DynTypedNode::create(*Body);
      for (unsigned I = 0; I < 32; ++I) {
        auto Parents = AST.getParents(Node);
        if (Parents.empty())
          break;
        Node = Parents[0];
        const auto *E = Node.get<Expr>();
        if (!E)
          continue;
        if (isa<LambdaExpr>(E))
          continue;
        if (isa<ImplicitCastExpr, MaterializeTemporaryExpr,
                CXXBindTemporaryExpr, CXXConstructExpr, ExprWithCleanups,
                ParenExpr, CXXFunctionalCastExpr>(E))
          continue;
        if (isa<CallExpr>(E)) {
          const auto &C = Ctx.classify(E);
          if (C && C->Kind == CallKind::TransactionScope)
            FunctionInTransaction = true;
        }
        break;
      }
    }
  for (DbOp &Op : Ops) {
    unsigned Epoch = 0;
    for (const TxEvent &T : TxEvents)
      if (before(T.Pos, Op.Call->getBeginLoc()))
        ++Epoch;
    Op.Epoch = Epoch;
    Op.InTransaction = inTransaction(Op.Call);
    if (!Op.InTransaction && Op.Object &&
        Cl.roleOf(Op.Object->getType(), TypeRole::Transaction) &&
        !isAutocommit(Op))
      Op.InTransaction = true;
  }
}

//===----------------------------------------------------------------------===//
// Queries on the analysis
//===----------------------------------------------------------------------===//

bool FunctionFlow::before(SourceLocation A, SourceLocation B) const {
  const SourceManager &SM = Ctx.ast().getSourceManager();
  A = SM.getExpansionLoc(A);
  B = SM.getExpansionLoc(B);
  if (A == B)
    return false;
  return SM.isBeforeInTranslationUnit(A, B);
}

bool FunctionFlow::before(const Stmt *A, const Stmt *B) const {
  return before(A->getBeginLoc(), B->getBeginLoc());
}

const DbOp *FunctionFlow::opAt(const Expr *E) const {
  auto It = OpByCall.find(E);
  return It == OpByCall.end() ? nullptr : &Ops[It->second];
}

const VarDecl *FunctionFlow::entityVar(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = stripImplicit(E);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasLocalStorage() ? VD : nullptr;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_Deref && U->getOpcode() != UO_AddrOf)
        return nullptr;
      E = U->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() == 1) {
        E = Op->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (!M || writtenArgs(MC) != 0)
        return nullptr;
      bool Accessor = M->getIdentifier() &&
                      (M->getName() == "get" || M->getName() == "value");
      if (!Accessor) {
        const auto &C = Ctx.classify(MC);
        Accessor =
            C && (C->Kind == CallKind::Update || C->Kind == CallKind::Save ||
                  C->Kind == CallKind::LazyLoad);
      }
      if (!Accessor)
        return nullptr;
      E = MC->getImplicitObjectArgument();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

OriginSet FunctionFlow::origins(const Expr *E) {
  Visiting.clear();
  return originsImpl(E, 0);
}

OriginSet FunctionFlow::originsOfVar(const VarDecl *VD, const Expr *Use,
                                     unsigned Depth) {
  OriginSet Out;
  // A statement handle: the rows of its last execution before the use.
  const DbOp *LastExec = nullptr;
  for (const DbOp &Op : Ops)
    if (Op.Handle == VD && before(Op.Call->getBeginLoc(), Use->getBeginLoc()))
      LastExec = &Op;
  if (LastExec) {
    Origin O;
    O.K = Origin::Kind::Result;
    O.Op = LastExec->Index;
    O.At = Use;
    Out.insert(O);
    return Out;
  }
  if (!Visiting.insert(VD).second)
    return Out;
  // The definitions that reach the use: from the latest back to one that
  // replaces the value on every path.
  std::vector<const Def *> Reaching;
  for (const Def &D : Defs)
    if (D.Var == VD && before(D.Pos, Use->getBeginLoc()))
      Reaching.push_back(&D);
  std::stable_sort(
      Reaching.begin(), Reaching.end(),
      [&](const Def *A, const Def *B) { return before(A->Pos, B->Pos); });
  for (size_t I = Reaching.size(); I-- > 0;)
    if (Reaching[I]->Kills && dominates(*Reaching[I], Use)) {
      Reaching.erase(Reaching.begin(), Reaching.begin() + I);
      break;
    }
  for (const Def *DP : Reaching) {
    const Def &D = *DP;
    if (D.IntoOp >= 0) {
      Origin O;
      O.K = Origin::Kind::Column;
      O.Op = static_cast<unsigned>(D.IntoOp);
      O.ColumnIndex = D.IntoColumn;
      O.At = Use;
      Out.insert(O);
      Origin R;
      R.K = Origin::Kind::Result;
      R.Op = O.Op;
      R.At = Use;
      Out.insert(R);
      continue;
    }
    if (D.LoadOp >= 0) {
      Origin R;
      R.K = Origin::Kind::Result;
      R.Op = static_cast<unsigned>(D.LoadOp);
      R.At = Use;
      Out.insert(R);
      continue;
    }
    if (D.Value) {
      OriginSet V = originsImpl(D.Value, Depth + 1);
      Out.insert(V.begin(), V.end());
    }
  }
  Visiting.erase(VD);
  return Out;
}

bool FunctionFlow::dominates(const Def &D, const Expr *Use) const {
  ASTContext &AST = Ctx.ast();
  // The statement of a block that makes the definition.
  DynTypedNode Node = D.NodeDecl   ? DynTypedNode::create(*D.NodeDecl)
                      : D.NodeStmt ? DynTypedNode::create(*D.NodeStmt)
                                   : DynTypedNode();
  if (!D.NodeDecl && !D.NodeStmt)
    return false;
  const CompoundStmt *Block = nullptr;
  for (unsigned I = 0; I < 32 && !Block; ++I) {
    auto Parents = AST.getParents(Node);
    if (Parents.empty())
      return false;
    if (const auto *CS = Parents[0].get<CompoundStmt>()) {
      Block = CS;
    } else if (const auto *P = Parents[0].get<Stmt>()) {
      // Only expressions and declarations on the way: a definition under
      // an if, a loop, `?:` or `&&` does not run on every path.
      if (isa<LambdaExpr, AbstractConditionalOperator>(P) ||
          (!isa<Expr>(P) && !isa<DeclStmt>(P)))
        return false;
      if (const auto *BO = dyn_cast<BinaryOperator>(P))
        if (BO->isLogicalOp())
          return false;
    } else if (!Parents[0].get<VarDecl>()) {
      return false;
    }
    Node = Parents[0];
  }
  if (!Block)
    return false;
  // The use is inside that block.
  DynTypedNode U = DynTypedNode::create(*Use);
  for (unsigned I = 0; I < 64; ++I) {
    auto Parents = AST.getParents(U);
    if (Parents.empty())
      return false;
    if (Parents[0].get<CompoundStmt>() == Block)
      return true;
    if (Parents[0].get<LambdaExpr>())
      return false;
    U = Parents[0];
  }
  return false;
}

static bool isComparison(BinaryOperatorKind K) {
  return BinaryOperator::isComparisonOp(K) || BinaryOperator::isLogicalOp(K);
}

OriginSet FunctionFlow::originsImpl(const Expr *E, unsigned Depth) {
  OriginSet Out;
  if (!E || Depth > 40)
    return Out;
  E = E->IgnoreParens();
  auto Merge = [&](const Expr *Sub) {
    OriginSet S = originsImpl(Sub, Depth + 1);
    Out.insert(S.begin(), S.end());
  };

  if (const auto *ICE = dyn_cast<CastExpr>(E)) {
    Merge(ICE->getSubExpr());
    return Out;
  }
  if (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups>(
          E)) {
    Merge(stripImplicit(E) == E ? nullptr : stripImplicit(E));
    return Out;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasLocalStorage() || VD->isStaticLocal())
        return originsOfVar(VD, E, Depth);
    return Out;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
      if (const VarDecl *VD = entityVar(ME->getBase())) {
        Origin O;
        O.K = Origin::Kind::Field;
        O.Entity = VD;
        O.Field = fieldKey(FD->getName());
        O.At = E;
        Out.insert(O);
        return Out;
      }
    }
    Merge(ME->getBase());
    return Out;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (isComparison(BO->getOpcode()))
      return Out;
    if (BO->getOpcode() == BO_Comma || BO->getOpcode() == BO_Assign) {
      Merge(BO->getRHS());
      return Out;
    }
    Merge(BO->getLHS());
    Merge(BO->getRHS());
    return Out;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_LNot)
      return Out;
    Merge(U->getSubExpr());
    return Out;
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    Merge(CO->getTrueExpr());
    Merge(CO->getFalseExpr());
    return Out;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    Merge(AS->getBase());
    return Out;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : IL->inits())
      Merge(Init);
    return Out;
  }
  if (isa<CallExpr>(E) || isa<CXXConstructExpr>(E)) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      switch (Op->getOperator()) {
      case OO_EqualEqual:
      case OO_ExclaimEqual:
      case OO_Less:
      case OO_LessEqual:
      case OO_Greater:
      case OO_GreaterEqual:
      case OO_AmpAmp:
      case OO_PipePipe:
      case OO_Exclaim:
        return Out;
      case OO_Equal:
        if (Op->getNumArgs() == 2)
          Merge(Op->getArg(1));
        return Out;
      default:
        break;
      }
    }
    // A database operation: its result.
    if (const DbOp *Op = opAt(E)) {
      Origin R;
      R.K = Origin::Kind::Result;
      R.Op = Op->Index;
      R.At = E;
      Out.insert(R);
      if (Op->Class.Rule && Op->Class.Rule->ReturnsColumn) {
        Origin Col;
        Col.K = Origin::Kind::Column;
        Col.Op = Op->Index;
        Col.ColumnIndex = *Op->Class.Rule->ReturnsColumn;
        Col.At = E;
        Out.insert(Col);
      }
      return Out;
    }
    std::optional<CallSite> Site = CallSite::from(E);
    if (!Site) {
      if (const auto *CE = dyn_cast<CallExpr>(E))
        for (const Expr *Arg : CE->arguments())
          Merge(Arg);
      return Out;
    }
    const auto &Class = Ctx.classify(E);
    if (Class && Class->Kind == CallKind::Column && Class->Rule) {
      const CallRule &R = *Class->Rule;
      const Expr *Row = Site->Object;
      if (R.RowArg)
        Row = *R.RowArg < Site->Args.size() ? Site->Args[*R.RowArg] : nullptr;
      if (!Row || !R.ColumnArg || *R.ColumnArg >= Site->Args.size())
        return Out;
      ArgKey Key = argKeyOf(Site->Args[*R.ColumnArg], Ctx.ast());
      OriginSet RowOrigins = originsImpl(Row, Depth + 1);
      for (const Origin &O : RowOrigins) {
        if (O.K != Origin::Kind::Result)
          continue;
        Origin Col;
        Col.K = Origin::Kind::Column;
        Col.Op = O.Op;
        if (Key.Index && *Key.Index >= 0)
          Col.ColumnIndex = static_cast<unsigned>(*Key.Index);
        Col.ColumnName = Key.Name;
        if (!Key.Index && Key.Name.empty())
          Col.ColumnName = "\x01unknown";
        Col.At = E;
        Out.insert(Col);
      }
      return Out;
    }
    // A getter of a local object: u.getCount(), u.count(),
    // m.getAttribute("count").
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (M && M->getIdentifier())
        if (const VarDecl *VD = entityVar(MC->getImplicitObjectArgument())) {
          llvm::StringRef Name = M->getName();
          std::string Stem;
          if (Name.size() > 3 && Name.starts_with("get") &&
              (llvm::isUpper(Name[3]) || Name[3] == '_'))
            Stem = fieldKey(Name.drop_front(3));
          else
            Stem = fieldKey(Name);
          bool Ok = writtenArgs(MC) == 0;
          if (writtenArgs(MC) == 1) {
            ArgKey K = argKeyOf(MC->getArg(0), Ctx.ast());
            if (!K.Name.empty()) {
              Stem += ":" + K.Name;
              Ok = true;
            }
          }
          if (Ok) {
            Origin O;
            O.K = Origin::Kind::Field;
            O.Entity = VD;
            O.Field = Stem;
            O.At = E;
            Out.insert(O);
          }
        }
    }
    if (Site->Object)
      Merge(Site->Object);
    for (const Expr *Arg : Site->Args)
      Merge(Arg);
    return Out;
  }
  return Out;
}

std::vector<unsigned> FunctionFlow::loadsOf(const VarDecl *VD,
                                            const Stmt *Before) {
  std::vector<unsigned> Out;
  for (const Def &D : Defs) {
    if (D.Var != VD || (Before && !before(D.Pos, Before->getBeginLoc())))
      continue;
    if (D.LoadOp >= 0) {
      Out.push_back(static_cast<unsigned>(D.LoadOp));
      continue;
    }
    if (!D.Value)
      continue;
    const Expr *V = D.Value;
    for (unsigned I = 0; I < 8 && V; ++I) {
      V = stripValueWrappers(V);
      if (const auto *U = dyn_cast<UnaryOperator>(V))
        if (U->getOpcode() == UO_Deref) {
          V = U->getSubExpr();
          continue;
        }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(V))
        if (Op->getOperator() == OO_Star && Op->getNumArgs() == 1) {
          V = Op->getArg(0);
          continue;
        }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(V))
        if (!opAt(MC) && MC->getMethodDecl() &&
            MC->getMethodDecl()->getIdentifier() && writtenArgs(MC) == 0 &&
            (MC->getMethodDecl()->getName() == "value" ||
             MC->getMethodDecl()->getName() == "front")) {
          V = MC->getImplicitObjectArgument();
          continue;
        }
      break;
    }
    if (const DbOp *Op = opAt(V))
      if (Op->isOrmRead())
        Out.push_back(Op->Index);
  }
  return Out;
}

bool FunctionFlow::transactionBoundaryBetween(const Stmt *A,
                                              const Stmt *B) const {
  for (const TxEvent &T : TxEvents)
    if (before(A->getBeginLoc(), T.Pos) && before(T.Pos, B->getBeginLoc()))
      return true;
  return false;
}

const Expr *FunctionFlow::commitBetween(const Stmt *A, const Stmt *B) const {
  for (const TxEvent &T : TxEvents)
    if (!T.Begin && T.Call && before(A->getBeginLoc(), T.Pos) &&
        before(T.Pos, B->getBeginLoc()))
      return T.Call;
  return nullptr;
}

bool FunctionFlow::inTransaction(const Stmt *S) const {
  const TxEvent *Last = nullptr;
  for (const TxEvent &T : TxEvents)
    if (before(T.Pos, S->getBeginLoc()))
      Last = &T;
  if (Last)
    return Last->Begin;
  return FunctionInTransaction;
}

bool FunctionFlow::isolationRaisedBefore(const Stmt *S) const {
  for (SourceLocation L : IsolationRaised)
    if (before(L, S->getBeginLoc()))
      return true;
  return false;
}

bool FunctionFlow::mutexHeldAt(const Stmt *S) const {
  const SourceManager &SM = Ctx.ast().getSourceManager();
  int Held = 0;
  for (const MutexEvent &M : Mutexes) {
    if (!before(M.Pos, S->getBeginLoc()))
      continue;
    if (M.Scope) {
      SourceRange R = M.Scope->getSourceRange();
      SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
      if (!SM.isBeforeInTranslationUnit(SM.getExpansionLoc(R.getEnd()), L) &&
          !SM.isBeforeInTranslationUnit(L, SM.getExpansionLoc(R.getBegin())))
        return true;
      continue;
    }
    Held += M.Acquire ? 1 : -1;
  }
  return Held > 0;
}

std::vector<FunctionFlow::VarDefinition>
FunctionFlow::definitionsOf(const VarDecl *VD, const Stmt *Before) const {
  std::vector<VarDefinition> Out;
  for (const Def &D : Defs) {
    if (D.Var != VD || (Before && !before(D.Pos, Before->getBeginLoc())))
      continue;
    VarDefinition V;
    V.Value = D.Value;
    V.IntoOp = D.IntoOp;
    V.IntoColumn = D.IntoColumn;
    V.LoadOp = D.LoadOp;
    Out.push_back(V);
  }
  return Out;
}

std::vector<const DeclRefExpr *> FunctionFlow::uses(const VarDecl *VD) const {
  auto It = Uses.find(VD);
  return It == Uses.end() ? std::vector<const DeclRefExpr *>() : It->second;
}

bool FunctionFlow::isAutocommit(const DbOp &Op) const {
  return Op.Object &&
         Ctx.classifier().roleOf(Op.Object->getType(), TypeRole::Autocommit);
}

bool FunctionFlow::isSerializable(const DbOp &Op) const {
  const CallClassifier &Cl = Ctx.classifier();
  if (Op.Object && Cl.roleOf(Op.Object->getType(), TypeRole::Serializable))
    return true;
  if (Op.Handle && Cl.roleOf(Op.Handle->getType(), TypeRole::Serializable))
    return true;
  for (const Expr *Arg : Op.Site.Args)
    if (Cl.roleOf(Arg->getType(), TypeRole::Serializable))
      return true;
  return false;
}

} // namespace dbtidy
