#include "lib/LoopAnalysis.h"

#include "lib/QualifiedName.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <deque>
#include <set>

namespace dbtidy {

using namespace clang;

std::vector<std::string> defaultIterationFunctions() {
  return {"std::for_each",
          "std::for_each_n",
          "std::transform",
          "std::all_of",
          "std::any_of",
          "std::none_of",
          "std::count_if",
          "std::find_if",
          "std::find_if_not",
          "std::remove_if",
          "std::copy_if",
          "std::generate",
          "std::generate_n",
          "std::accumulate",
          "std::transform_reduce",
          "std::partition",
          "std::stable_partition",
          "std::ranges::for_each",
          "std::ranges::transform",
          "std::ranges::all_of",
          "std::ranges::any_of",
          "std::ranges::none_of",
          "std::ranges::count_if",
          "std::ranges::find_if",
          "std::ranges::copy_if",
          "QtConcurrent::map",
          "QtConcurrent::mapped",
          "QtConcurrent::blockingMap",
          "QtConcurrent::blockingMapped",
          "boost::range::for_each"};
}

struct LoopAnalysis::FunctionCFG {
  std::unique_ptr<ParentMap> Parents;
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<CFGStmtMap> StmtMap;
};

LoopAnalysis::LoopAnalysis(ASTContext &Ctx, const CallClassifier &Classifier,
                           LoopOptions Options)
    : Ctx(Ctx), Classifier(Classifier), Options(std::move(Options)) {}

LoopAnalysis::~LoopAnalysis() = default;

static const Stmt *parentStmt(ASTContext &Ctx, const DynTypedNode &Node,
                              DynTypedNode &ParentNode) {
  auto Parents = Ctx.getParents(Node);
  if (Parents.empty())
    return nullptr;
  for (const DynTypedNode &Candidate : Parents)
    if (const Stmt *S = Candidate.get<Stmt>()) {
      ParentNode = Candidate;
      return S;
    }
  ParentNode = Parents[0];
  // The parent map hangs a lambda's body under its call operator; the
  // LambdaExpr, which says where the code runs, is found above the closure
  // class.
  if (const auto *Method = ParentNode.get<CXXMethodDecl>())
    if (Method->getParent()->isLambda()) {
      DynTypedNode Up = ParentNode;
      for (int Step = 0; Step < 4; ++Step) {
        auto Next = Ctx.getParents(Up);
        if (Next.empty())
          break;
        Up = Next[0];
        if (const auto *Lambda = Up.get<LambdaExpr>()) {
          ParentNode = Up;
          return Lambda;
        }
      }
    }
  return nullptr;
}

std::string LoopAnalysis::sourceText(const Stmt *S, size_t Limit) const {
  CharSourceRange Range = CharSourceRange::getTokenRange(S->getSourceRange());
  return oneLine(
      Lexer::getSourceText(Range, Ctx.getSourceManager(), Ctx.getLangOpts()),
      Limit);
}

std::string LoopAnalysis::whileText(const Stmt *Loop, const Expr *Cond) const {
  std::string Text = sourceText(Cond);
  if (!Text.empty())
    return "this loop runs while '" + Text + "'";
  if (!Loop->getBeginLoc().isMacroID())
    return "this loop repeats with the data";
  // A loop written through a macro (Qt's foreach, BOOST_FOREACH): its
  // condition has no text of its own; name the macro invocation instead.
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Invocation = SM.getExpansionRange(Loop->getBeginLoc());
  Text = oneLine(Lexer::getSourceText(Invocation, SM, Ctx.getLangOpts()), 48);
  return Text.empty() ? std::string("this loop repeats with the data")
                      : "this loop runs for each item of '" + Text + "'";
}

std::string LoopAnalysis::oneLine(StringRef Text, size_t Limit) {
  std::string Out;
  bool Space = false;
  for (char C : Text) {
    if (C == '\n' || C == '\t' || C == ' ') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  if (Out.size() > Limit)
    Out = Out.substr(0, Limit - 3) + "...";
  return Out;
}

bool LoopAnalysis::isIterationFunction(const FunctionDecl *FD) const {
  if (!FD)
    return false;
  std::string Name = profileName(FD);
  for (const std::string &Pattern : Options.IterationFunctions)
    if (matchesGlob(StringRef(Pattern).ltrim(':'), Name))
      return true;
  return false;
}

/// The call an immediately-invoked or algorithm-passed lambda is an argument
/// of, looking through the conversions that wrap lambdas.
static const Expr *outermostWrapper(ASTContext &Ctx, const Expr *E,
                                    DynTypedNode &Parent) {
  const Expr *Current = E;
  for (;;) {
    DynTypedNode P;
    const Stmt *S = parentStmt(Ctx, DynTypedNode::create(*Current), P);
    const auto *PE = dyn_cast_or_null<Expr>(S);
    if (PE && (isa<ImplicitCastExpr>(PE) || isa<MaterializeTemporaryExpr>(PE) ||
               isa<CXXBindTemporaryExpr>(PE) || isa<ParenExpr>(PE) ||
               isa<CXXFunctionalCastExpr>(PE) ||
               (isa<CXXConstructExpr>(PE) &&
                cast<CXXConstructExpr>(PE)->getNumArgs() == 1))) {
      Current = PE;
      continue;
    }
    Parent = P;
    return Current;
  }
}

const CallExpr *LoopAnalysis::iterationCallFor(const LambdaExpr *Lambda) {
  DynTypedNode Parent;
  const Expr *Wrapped = outermostWrapper(Ctx, Lambda, Parent);
  const auto *Call = Parent.get<CallExpr>();
  if (!Call || Call->getCallee()->IgnoreParenImpCasts() == Wrapped)
    return nullptr;
  if (!isIterationFunction(Call->getDirectCallee()))
    return nullptr;
  for (const Expr *Arg : Call->arguments())
    if (Arg == Wrapped)
      return Call;
  return nullptr;
}

static bool isImmediatelyInvoked(ASTContext &Ctx, const LambdaExpr *Lambda,
                                 const Expr *&CallOut) {
  DynTypedNode Parent;
  const Expr *Wrapped = outermostWrapper(Ctx, Lambda, Parent);
  const auto *Op = Parent.get<CXXOperatorCallExpr>();
  if (Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0 &&
      Op->getArg(0)->IgnoreParenImpCasts() == Wrapped->IgnoreParenImpCasts()) {
    CallOut = Op;
    return true;
  }
  return false;
}

std::optional<LoopFacts> LoopAnalysis::repeatingLoopAround(const Stmt *S) {
  // Anchor: the statement whose repetition is in question, in the function
  // currently being walked (an immediately invoked lambda's call stands in
  // for the statements of its body).
  const Stmt *Anchor = S;
  DynTypedNode Node = DynTypedNode::create(*S);
  const Stmt *Child = S;
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    DynTypedNode ParentNode;
    const Stmt *Parent = parentStmt(Ctx, Node, ParentNode);
    if (!Parent) {
      // Declarations between statements (a VarDecl's initializer) are
      // transparent; functions end the walk.
      const Decl *D = ParentNode.get<Decl>();
      if (!D || isa<FunctionDecl>(D) || isa<BlockDecl>(D) ||
          isa<ObjCMethodDecl>(D) || isa<CapturedDecl>(D))
        return std::nullopt;
      Node = ParentNode;
      continue;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent)) {
      if (Child != Lambda->getBody()) {
        // Captures' initialisers run where the lambda is created.
        Node = ParentNode;
        Child = Parent;
        continue;
      }
      if (const CallExpr *Algorithm = iterationCallFor(Lambda)) {
        LoopFacts Facts;
        Facts.Loop = Algorithm;
        Facts.Lambda = Lambda;
        Facts.Trip = TripCount::DataDriven;
        Facts.Description = "'" + profileName(Algorithm->getDirectCallee()) +
                            "' calls this lambda once per element";
        return Facts;
      }
      const Expr *Invocation = nullptr;
      if (!isImmediatelyInvoked(Ctx, Lambda, Invocation))
        return std::nullopt;
      Anchor = Invocation;
      Node = DynTypedNode::create(*Invocation);
      Child = Invocation;
      continue;
    }

    bool InBody = false;
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      InBody = Child == For->getBody();
    else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
      InBody = Child == Range->getBody();
    else if (const auto *While = dyn_cast<WhileStmt>(Parent))
      InBody = Child == While->getBody();
    else if (const auto *Do = dyn_cast<DoStmt>(Parent))
      InBody = Child == Do->getBody();

    if (InBody) {
      std::string Description;
      TripCount Trip = classify(Parent, &Description);
      if (Trip == TripCount::DataDriven &&
          canReachNextIteration(Anchor, Parent)) {
        LoopFacts Facts;
        Facts.Loop = Parent;
        Facts.Trip = Trip;
        Facts.Description = std::move(Description);
        return Facts;
      }
    }
    Node = ParentNode;
    Child = Parent;
  }
  return std::nullopt;
}

static std::optional<uint64_t> constantValue(const Expr *E,
                                             const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (E->EvaluateAsInt(Result, Ctx) && Result.Val.isInt()) {
    const llvm::APSInt &V = Result.Val.getInt();
    if (V.isNegative())
      return 0;
    return V.getLimitedValue();
  }
  return std::nullopt;
}

static std::optional<bool> constantCondition(const Expr *Cond,
                                             const ASTContext &Ctx) {
  if (!Cond || Cond->isValueDependent())
    return std::nullopt;
  bool Value = false;
  if (Cond->EvaluateAsBooleanCondition(Value, Ctx))
    return Value;
  return std::nullopt;
}

/// The number of elements of a range known at compile time, if it is.
static std::optional<uint64_t> constantRangeSize(const Expr *Range,
                                                 const ASTContext &Ctx) {
  Range = Range->IgnoreParenImpCasts();
  if (const auto *ILE = dyn_cast<CXXStdInitializerListExpr>(Range))
    Range = ILE->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Range))
    Range = M->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Init = dyn_cast<InitListExpr>(Range))
    return Init->getNumInits();
  QualType T = Range->getType().getNonReferenceType();
  if (const auto *CAT = Ctx.getAsConstantArrayType(T))
    return CAT->getSize().getLimitedValue();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl())) {
    if (profileName(Spec) == "std::array" &&
        Spec->getTemplateArgs().size() == 2 &&
        Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
      return Spec->getTemplateArgs()[1].getAsIntegral().getLimitedValue();
    if (profileName(Spec) == "std::initializer_list")
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Range))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (VD->getInit())
            return constantRangeSize(VD->getInit(), Ctx);
  }
  // A const container initialised from a braced list: `const std::vector<
  // std::string> kTables = {"a", "b"};`.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Range)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && VD->getType().isConstQualified() && VD->getInit()) {
      const Expr *Init = VD->getInit()->IgnoreImplicit();
      if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Init))
        if (Ctor->getNumArgs() >= 1)
          Init = Ctor->getArg(0)->IgnoreImplicit();
      if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Init))
        Init = List->getSubExpr()->IgnoreImplicit();
      if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Init))
        Init = M->getSubExpr()->IgnoreImplicit();
      if (const auto *List = dyn_cast<InitListExpr>(Init))
        return List->getNumInits();
    }
  }
  return std::nullopt;
}

/// Whether an identifier names a retry counter: one of its words (split at
/// '_' and camelCase humps) is retry/retries/attempt(s)/tries/try.
// The value E converts or copies: `std::string(e)`, `e.c_str()`,
// `QString(e)`, parentheses and implicit conversions removed.
static const Expr *convertedValue(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      if (C->getNumArgs() == 0)
        return E;
      E = C->getArg(0);
    } else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
    } else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
    } else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = F->getSubExpr();
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (!MD || MC->getNumArgs() != 0 || !MD->getIdentifier() ||
          !llvm::is_contained(std::initializer_list<StringRef>{"c_str", "data"},
                              MD->getName()))
        return E;
      E = MC->getImplicitObjectArgument();
    } else {
      return E;
    }
  }
  return E;
}

static bool refersTo(const Stmt *S, const ValueDecl *D) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl() == D;
  for (const Stmt *Child : S->children())
    if (refersTo(Child, D))
      return true;
  return false;
}

// The variable an iterator or index expression names: `it`, `c.i` (the
// cursor Qt's foreach keeps in a struct).
static const ValueDecl *cursorDecl(const Expr *Cursor) {
  Cursor = Cursor->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cursor))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(Cursor))
    return cursorDecl(ME->getBase());
  return nullptr;
}

static bool declaresWithin(const Stmt *S, const VarDecl *VD) {
  if (!S)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    return llvm::is_contained(DS->decls(), VD);
  for (const Stmt *Child : S->children())
    if (declaresWithin(Child, VD))
      return true;
  return false;
}

static bool isLoopElementImpl(const Expr *E, const Stmt *Loop, int Depth) {
  E = convertedValue(E);
  if (!E || !Loop || Depth > 2)
    return false;
  // A field of the element: `migration.sql`, `it->sql`.
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (isa<FieldDecl>(ME->getMemberDecl()))
      return isLoopElementImpl(ME->getBase(), Loop, Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
      if (DRE->getDecl() == Range->getLoopVariable())
        return true;
    // A local copy of the element declared in the loop: `auto sql = *it;`,
    // and the variable Qt's foreach declares.
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->isLocalVarDecl() || !VD->getInit() ||
        !declaresWithin(Loop, VD))
      return false;
    return isLoopElementImpl(VD->getInit(), Loop, Depth + 1);
  }
  const auto *For = dyn_cast<ForStmt>(Loop);
  if (!For || !For->getInc())
    return false;
  // *it, it->..., v[i]: the iterator or index must be what the loop advances.
  const Expr *Cursor = nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_Deref)
      Cursor = U->getSubExpr();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if ((Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      Cursor = Op->getArg(0);
    else if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      Cursor = Op->getArg(1);
  } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    Cursor = A->getIdx();
  }
  const ValueDecl *D = Cursor ? cursorDecl(Cursor) : nullptr;
  return D && refersTo(For->getInc(), D);
}

bool isLoopElement(const Expr *E, const Stmt *Loop) {
  return isLoopElementImpl(E, Loop, 0);
}

/// The variable, or the field of `*this`, an object expression names.
static const ValueDecl *objectIdentity(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (isa<FieldDecl>(ME->getMemberDecl()) &&
        isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return ME->getMemberDecl();
  return nullptr;
}

static bool callsMethodOf(const Stmt *S, const ValueDecl *Object) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const Expr *Receiver = Call->getImplicitObjectArgument())
      if (objectIdentity(Receiver) == Object)
        return true;
  for (const Stmt *Child : S->children())
    if (callsMethodOf(Child, Object))
      return true;
  return false;
}

bool isPagedByLoop(const Expr *Object, const Stmt *Loop) {
  const ValueDecl *D = Object ? objectIdentity(Object) : nullptr;
  if (!D || !Loop)
    return false;
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return callsMethodOf(While->getCond(), D);
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return callsMethodOf(Do->getCond(), D);
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return callsMethodOf(For->getCond(), D) || callsMethodOf(For->getInc(), D);
  return false;
}

static bool mentionsRetry(StringRef Name) {
  llvm::SmallVector<std::string, 4> Words;
  std::string Word;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary =
        C == '_' || (llvm::isUpper(C) && I > 0 && !llvm::isUpper(Name[I - 1]));
    if (Boundary && !Word.empty()) {
      Words.push_back(Word);
      Word.clear();
    }
    if (C != '_')
      Word += llvm::toLower(C);
  }
  if (!Word.empty())
    Words.push_back(Word);
  for (const std::string &W : Words)
    for (const char *Retry :
         {"retry", "retries", "attempt", "attempts", "tries", "try"})
      if (W == Retry)
        return true;
  return false;
}

/// The constant a for-loop's counter starts from, when the init statement
/// is `int i = K` or `i = K`.
static std::optional<uint64_t> constantStart(const Stmt *Init,
                                             const ASTContext &Ctx) {
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Init)) {
    if (!DS->isSingleDecl())
      return std::nullopt;
    if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
      return constantValue(VD->getInit(), Ctx);
    return std::nullopt;
  }
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Init))
    if (Assign->getOpcode() == BO_Assign)
      return constantValue(Assign->getRHS(), Ctx);
  return std::nullopt;
}

static bool hasSizeOrEndCall(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if (FD->getIdentifier()) {
        StringRef Name = FD->getName();
        if (Name == "end" || Name == "cend" || Name == "rend" ||
            Name == "size" || Name == "length" || Name == "count" ||
            Name == "empty" || Name == "isEmpty" || Name == "atEnd")
          return true;
      }
  for (const Stmt *Child : S->children())
    if (hasSizeOrEndCall(Child))
      return true;
  return false;
}

static bool hasRowIterationCall(const Stmt *S, const CallClassifier &C,
                                const ASTContext &Ctx, std::string &Callee) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    if (isa<CallExpr>(E) || isa<CXXConstructExpr>(E))
      if (auto Class = C.classify(E, Ctx))
        if (Class->Kind == CallKind::CursorNext ||
            Class->Kind == CallKind::Step) {
          if (auto Site = CallSite::from(E))
            Callee = Site->Callee->getNameAsString();
          return true;
        }
  for (const Stmt *Child : S->children())
    if (hasRowIterationCall(Child, C, Ctx, Callee))
      return true;
  return false;
}

/// The variable whose result cursor the call E advances (`q` in
/// `q.next()`), if it is one.
static const VarDecl *cursorVariable(const Stmt *S, const CallClassifier &C,
                                     const ASTContext &Ctx) {
  if (!S)
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S))
    if (auto Class = C.classify(Member, Ctx))
      if (Class->Kind == CallKind::CursorNext ||
          Class->Kind == CallKind::Step) {
        const Expr *Object = Member->getImplicitObjectArgument();
        if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
                Object ? Object->IgnoreParenImpCasts() : nullptr))
          return dyn_cast<VarDecl>(Ref->getDecl());
        return nullptr;
      }
  for (const Stmt *Child : S->children())
    if (const VarDecl *Var = cursorVariable(Child, C, Ctx))
      return Var;
  return nullptr;
}

/// Whether S runs a statement on Var again (`q.exec()`): then a loop on
/// `q.next()` does not walk one result set but re-queries each time, as a
/// probe for a free name does.
static bool reExecutes(const Stmt *S, const VarDecl *Var,
                       const CallClassifier &C, const ASTContext &Ctx) {
  if (!S)
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
        Object ? Object->IgnoreParenImpCasts() : nullptr);
    if (Ref && Ref->getDecl() == Var)
      if (auto Class = C.classify(Member, Ctx))
        if (Class->Kind == CallKind::Query ||
            Class->Kind == CallKind::Execute ||
            Class->Kind == CallKind::ExecutePrepared)
          return true;
  }
  for (const Stmt *Child : S->children())
    if (reExecutes(Child, Var, C, Ctx))
      return true;
  return false;
}

/// Whether S assigns Var from an expression that advances a result cursor.
static bool assignsFromRowIteration(const Stmt *S, const VarDecl *Var,
                                    const CallClassifier &C,
                                    const ASTContext &Ctx,
                                    std::string &Callee) {
  if (!S)
    return false;
  if (const auto *Assign = dyn_cast<BinaryOperator>(S))
    if (Assign->getOpcode() == BO_Assign)
      if (const auto *Lhs =
              dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
        if (Lhs->getDecl() == Var &&
            hasRowIterationCall(Assign->getRHS(), C, Ctx, Callee))
          return true;
  for (const Stmt *Child : S->children())
    if (assignsFromRowIteration(Child, Var, C, Ctx, Callee))
      return true;
  return false;
}

TripCount LoopAnalysis::classify(const Stmt *Loop, std::string *Description) {
  std::string Ignored;
  std::string &Desc = Description ? *Description : Ignored;
  const unsigned Max = Options.MaxConstantTripCount;

  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Init = Range->getRangeInit();
    if (!Init)
      return TripCount::Unknown;
    if (std::optional<uint64_t> Size = constantRangeSize(Init, Ctx))
      if (*Size <= Max)
        return TripCount::ConstantBounded;
    bool Rows = Classifier.roleOf(Init->getType(), TypeRole::ResultSet);
    Desc = std::string("this loop runs once per ") +
           (Rows ? "row of '" : "element of '") + sourceText(Init) + "'";
    return TripCount::DataDriven;
  }

  const Expr *Cond = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(Loop)) {
    Cond = For->getCond();
    if (!Cond)
      return TripCount::Polling;
    if (std::optional<bool> Value = constantCondition(Cond, Ctx))
      return *Value ? TripCount::Polling : TripCount::Once;
    if (const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : Init->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (mentionsRetry(VD->getName()))
            return TripCount::Retry;
    // Both ends known: `for (int i = 0; i < 3; ++i)`. A constant on one
    // side only (`for (int i = n; i > 0; --i)`) says nothing.
    if (const auto *Bin = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts()))
      if (Bin->isComparisonOp()) {
        std::optional<uint64_t> L = constantValue(Bin->getLHS(), Ctx);
        std::optional<uint64_t> R = constantValue(Bin->getRHS(), Ctx);
        std::optional<uint64_t> Start = constantStart(For->getInit(), Ctx);
        std::optional<uint64_t> Bound = L ? L : R;
        if (Start && Bound && L.has_value() != R.has_value()) {
          uint64_t Trips = *Bound > *Start ? *Bound - *Start : *Start - *Bound;
          if (Trips <= Max)
            return TripCount::ConstantBounded;
        }
      }
    std::string Callee;
    if (hasRowIterationCall(Cond, Classifier, Ctx, Callee))
      Desc = "this loop runs once per row fetched by '" + Callee + "'";
    else
      Desc = whileText(Loop, Cond);
    return TripCount::DataDriven;
  }

  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    Cond = While->getCond();
  else if (const auto *Do = dyn_cast<DoStmt>(Loop))
    Cond = Do->getCond();
  if (!Cond)
    return TripCount::Unknown;
  if (std::optional<bool> Value = constantCondition(Cond, Ctx))
    return *Value ? TripCount::Polling : TripCount::Once;
  std::string Callee;
  if (hasRowIterationCall(Cond, Classifier, Ctx, Callee)) {
    const Stmt *Body = isa<WhileStmt>(Loop) ? cast<WhileStmt>(Loop)->getBody()
                                            : cast<DoStmt>(Loop)->getBody();
    // `do { q.exec("SELECT ... WHERE name = :candidate"); } while (q.next())`
    // repeats until a query finds nothing: a probe, like a retry loop.
    if (const VarDecl *Cursor = cursorVariable(Cond, Classifier, Ctx))
      if (reExecutes(Body, Cursor, Classifier, Ctx))
        return TripCount::Retry;
    Desc = "this loop runs once per row fetched by '" + Callee + "'";
    return TripCount::DataDriven;
  }
  // `bool more = rs.moveFirst(); while (more) { ...; more = rs.moveNext(); }`
  if (const auto *Flag = dyn_cast<DeclRefExpr>(Cond->IgnoreParenImpCasts()))
    if (const auto *Var = dyn_cast<VarDecl>(Flag->getDecl())) {
      const Stmt *Body = isa<WhileStmt>(Loop) ? cast<WhileStmt>(Loop)->getBody()
                                              : cast<DoStmt>(Loop)->getBody();
      if (assignsFromRowIteration(Body, Var, Classifier, Ctx, Callee)) {
        Desc = "this loop runs once per row fetched by '" + Callee + "'";
        return TripCount::DataDriven;
      }
    }
  if (hasSizeOrEndCall(Cond)) {
    Desc = whileText(Loop, Cond);
    return TripCount::DataDriven;
  }
  // `while (running_)`, `while (auto job = queue.pop())`: nothing says the
  // number of iterations is the number of rows of anything.
  return TripCount::Unknown;
}

const Stmt *LoopAnalysis::enclosingBody(const Stmt *S, const Decl **Owner) {
  DynTypedNode Node = DynTypedNode::create(*S);
  const Stmt *Child = S;
  for (unsigned Depth = 0; Depth < 1024; ++Depth) {
    DynTypedNode ParentNode;
    const Stmt *Parent = parentStmt(Ctx, Node, ParentNode);
    if (!Parent) {
      const Decl *D = ParentNode.get<Decl>();
      if (!D)
        return nullptr;
      if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
        if (Owner)
          *Owner = FD;
        return FD->getBody();
      }
      if (isa<BlockDecl>(D) || isa<CapturedDecl>(D) || isa<ObjCMethodDecl>(D))
        return nullptr;
      Node = ParentNode;
      continue;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent))
      if (Child == Lambda->getBody()) {
        if (Owner)
          *Owner = Lambda->getCallOperator();
        return Lambda->getBody();
      }
    Node = ParentNode;
    Child = Parent;
  }
  return nullptr;
}

LoopAnalysis::FunctionCFG *LoopAnalysis::cfgFor(const Stmt *Body,
                                                const Decl *Owner) {
  auto It = CFGs.find(Body);
  if (It != CFGs.end())
    return It->second.get();
  auto Result = std::make_unique<FunctionCFG>();
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = false;
  Options.AddTemporaryDtors = false;
  Options.AddInitializers = false;
  Result->Graph = CFG::buildCFG(Owner, const_cast<Stmt *>(Body), &Ctx, Options);
  if (Result->Graph) {
    Result->Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
    Result->StmtMap.reset(
        CFGStmtMap::Build(Result->Graph.get(), Result->Parents.get()));
  }
  return CFGs.emplace(Body, std::move(Result)).first->second.get();
}

bool LoopAnalysis::canReachNextIteration(const Stmt *S, const Stmt *Loop) {
  const Decl *Owner = nullptr;
  const Stmt *Body = enclosingBody(Loop, &Owner);
  if (!Body || !Owner)
    return true;
  FunctionCFG *F = cfgFor(Body, Owner);
  if (!F->Graph || !F->StmtMap)
    return true;
  const CFGBlock *Start = F->StmtMap->getBlock(const_cast<Stmt *>(S));
  if (!Start)
    return true;
  const ParentMap &PM = *F->Parents;
  auto Inside = [&](const Stmt *X) {
    for (const Stmt *P = X; P; P = PM.getParent(P))
      if (P == Loop)
        return true;
    return false;
  };
  auto BlockOutside = [&](const CFGBlock *B) {
    if (B->getTerminatorStmt() == Loop)
      return false;
    if (const Stmt *T = B->getTerminatorStmt())
      return !Inside(T);
    for (const CFGElement &E : *B)
      if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
        return !Inside(CS->getStmt());
    return false; // empty joint blocks are transparent
  };
  std::deque<const CFGBlock *> Work;
  std::set<const CFGBlock *> Seen;
  for (const CFGBlock *Succ : Start->succs())
    if (Succ)
      Work.push_back(Succ);
  while (!Work.empty()) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    if (!Seen.insert(B).second)
      continue;
    if (B->getTerminatorStmt() == Loop || B == Start)
      return true;
    if (BlockOutside(B))
      continue;
    for (const CFGBlock *Succ : B->succs())
      if (Succ)
        Work.push_back(Succ);
  }
  return false;
}

const VarDecl *resultIteratedOnlyHere(const Expr *RangeInit) {
  if (!RangeInit)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(RangeInit->IgnoreParenImpCasts());
  const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || !Var->getInit() ||
      Var->getType()->isReferenceType())
    return nullptr;
  const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Function || !Function->getBody())
    return nullptr;
  unsigned Uses = 0;
  llvm::SmallVector<const Stmt *, 32> Work{Function->getBody()};
  while (!Work.empty() && Uses < 2) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Uses += Ref->getDecl() == Var;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Uses == 1 ? Var : nullptr;
}

} // namespace dbtidy
