#include "lib/LockSets.h"

#include "lib/QualifiedName.h"
#include "lib/SqlAnalysis.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <set>

namespace dbtidy {

using namespace clang;

namespace {
/// Stands for `this` as the instance of a member mutex.
const char ThisInstance = 0;
/// Summaries list each lock (and mode) once, and at most this many.
constexpr size_t MaxAcquires = 64;
constexpr size_t MaxCalls = 64;

enum class GuardMode { Lock, Defer, Adopt, Try };

/// std::defer_lock_t and friends (std and boost spell them alike).
std::optional<GuardMode> lockTag(const Expr *Arg) {
  const auto *RD = Arg->getType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return std::nullopt;
  StringRef Name = RD->getName();
  if (Name == "defer_lock_t")
    return GuardMode::Defer;
  if (Name == "adopt_lock_t")
    return GuardMode::Adopt;
  if (Name == "try_to_lock_t")
    return GuardMode::Try;
  return std::nullopt;
}

void addAcquire(LockSummaryFact &S, LockAcquire A) {
  if (S.Acquires.size() >= MaxAcquires)
    return;
  for (LockAcquire &Known : S.Acquires)
    if (Known.Lock == A.Lock && Known.Shared == A.Shared) {
      // Keep the shortest call chain: the clearest note.
      if (A.Via.size() < Known.Via.size())
        Known = std::move(A);
      return;
    }
  S.Acquires.push_back(std::move(A));
}

void addCall(LockSummaryFact &S, ExternalCall C) {
  if (S.Calls.size() >= MaxCalls)
    return;
  for (const ExternalCall &Known : S.Calls)
    if (Known.USR == C.USR)
      return;
  S.Calls.push_back(std::move(C));
}

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(D, USR))
    return "";
  return USR.str().str();
}
} // namespace

std::optional<SqlStatement> lockingSelect(const CallSite &Site,
                                          const Classification &C,
                                          const CallClassifier &Classifier,
                                          ASTContext &Ctx) {
  if (!C.SqlArg)
    return std::nullopt;
  if (C.Kind == CallKind::Prepare &&
      (!Site.Object ||
       !Classifier.roleOf(Site.Object->getType(), TypeRole::Statement)))
    return std::nullopt;
  auto Template = sqlTemplateOf(C.SqlArg, Ctx);
  if (!Template)
    return std::nullopt;
  SqlStatement S = parseSqlStatement(Template->Text);
  if (!S.Parsed || S.Kind != SqlStatementKind::Select ||
      !(S.ForUpdate || S.ForShare))
    return std::nullopt;
  return S;
}

/// Shared helpers of the summary visitor and the CFG walk.
struct LockAnalysis::Impl {
  LockAnalysis &A;
  explicit Impl(LockAnalysis &A) : A(A) {}

  bool isGuardType(QualType T) const {
    return A.Classifier.roleOf(T.getNonReferenceType(), TypeRole::LockGuard);
  }

  /// The guard variable E names, if any.
  const VarDecl *guardVar(const Expr *E) const {
    if (!E)
      return nullptr;
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
        E = U->getSubExpr()->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && isGuardType(VD->getType()) ? VD : nullptr;
  }

  struct GuardInfo {
    GuardMode Mode = GuardMode::Lock;
    bool Shared = false;
    std::vector<LockRef> Locks;
    /// Written as Guard(mutex) with one mutex and no tag.
    bool Simple = false;
  };

  /// What constructing a guard does; nullopt when E is not a guard
  /// construction with an identified mutex.
  std::optional<GuardInfo> guardConstruction(const CXXConstructExpr *E) const {
    const TypeRule *Rule = A.Classifier.roleOf(E->getType(), TypeRole::LockGuard);
    if (!Rule || E->getNumArgs() == 0)
      return std::nullopt;
    GuardInfo G;
    G.Shared = Rule->Shared;
    std::vector<const Expr *> Mutexes;
    for (unsigned I = 0; I < E->getNumArgs(); ++I) {
      const Expr *Arg = E->getArg(I);
      if (isa<CXXDefaultArgExpr>(Arg))
        continue;
      if (auto Tag = lockTag(Arg)) {
        G.Mode = *Tag;
        continue;
      }
      if (isGuardType(Arg->getType()))
        return std::nullopt; // moved or copied from another guard
      if (Rule->AllMutexArgs || I == Rule->MutexArg.value_or(0))
        Mutexes.push_back(Arg);
    }
    // unique_lock(m, duration) and friends try with a timeout.
    if (!Rule->AllMutexArgs && E->getNumArgs() > 1 && G.Mode == GuardMode::Lock)
      for (unsigned I = 1; I < E->getNumArgs(); ++I)
        if (!isa<CXXDefaultArgExpr>(E->getArg(I)) &&
            !E->getArg(I)->getType()->isPointerType() &&
            !E->getArg(I)->getType()->isBooleanType())
          G.Mode = GuardMode::Try;
    for (const Expr *M : Mutexes)
      if (auto L = A.lockOf(M))
        G.Locks.push_back(*L);
    if (G.Locks.empty())
      return std::nullopt;
    G.Simple = Mutexes.size() == 1 && E->getNumArgs() == 1 && !G.Shared;
    return G;
  }

  /// The expressions a lock/unlock call operates on.
  std::vector<const Expr *> targets(const CallSite &Site,
                                    const Classification &C) const {
    std::vector<const Expr *> Out;
    if (C.Rule && C.Rule->AllMutexArgs) {
      for (const Expr *Arg : Site.Args)
        Out.push_back(Arg);
    } else if (C.Rule && C.Rule->MutexArg) {
      if (*C.Rule->MutexArg < Site.Args.size())
        Out.push_back(Site.Args[*C.Rule->MutexArg]);
    } else if (Site.Object) {
      Out.push_back(Site.Object);
    }
    return Out;
  }

  /// The row locks a call takes: SELECT ... FOR UPDATE/SHARE (not SKIP
  /// LOCKED/NOWAIT, which never wait), one lock name per table.
  std::vector<std::string> rowLocks(const CallSite &Site,
                                    const Classification &C,
                                    bool &Shared) const {
    std::vector<std::string> Out;
    std::optional<SqlStatement> Select =
        lockingSelect(Site, C, A.Classifier, A.Ctx);
    if (!Select || Select->SkipLocked || Select->NoWait)
      return Out;
    const SqlStatement &S = *Select;
    Shared = !S.ForUpdate;
    if (!S.Table.empty())
      Out.push_back("rows:" + normalizeSqlName(S.Table));
    else
      for (const auto &T : S.FromTables)
        Out.push_back("rows:" + normalizeSqlName(T.first));
    return Out;
  }

  bool endsTransaction(const Classification &C) const {
    if (C.Kind == CallKind::TransactionCommit ||
        C.Kind == CallKind::TransactionRollback)
      return true;
    return C.Sql && (C.Sql->Kind == SqlStatementKind::Commit ||
                     C.Sql->Kind == SqlStatementKind::Rollback);
  }

  /// Whether a call to FD is followed into: it has a body in user code.
  bool hasUserBody(const FunctionDecl *FD) const {
    const FunctionDecl *Def = nullptr;
    if (!FD || !FD->hasBody(Def) || !Def)
      return false;
    return !A.Ctx.getSourceManager().isInSystemHeader(Def->getLocation());
  }

  /// A function of another translation unit: declared in user code, no
  /// body here.
  bool isExternal(const FunctionDecl *FD) const {
    const FunctionDecl *Def = nullptr;
    if (!FD || FD->hasBody(Def) || FD->getBuiltinID())
      return false;
    if (A.Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
      return false;
    return FD->isExternallyVisible();
  }
};

LockAnalysis::LockAnalysis(ASTContext &Ctx, const CallClassifier &Classifier,
                           std::shared_ptr<const FactsIndex> Facts)
    : Ctx(Ctx), Classifier(Classifier), Facts(std::move(Facts)) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
    StringRef Real = Main->getFileEntry().tryGetRealPathName();
    TU = Real.empty() ? Main->getName().str() : Real.str();
  }
}

LockAnalysis::~LockAnalysis() = default;

SourcePos LockAnalysis::position(SourceLocation Loc) const {
  SourcePos P;
  if (Loc.isInvalid())
    return P;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation File = SM.getFileLoc(Loc);
  FileID ID = SM.getFileID(File);
  if (auto Entry = SM.getFileEntryRefForID(ID)) {
    StringRef Real = Entry->getFileEntry().tryGetRealPathName();
    P.File = Real.empty() ? Entry->getName().str() : Real.str();
  } else {
    return P;
  }
  P.Line = SM.getSpellingLineNumber(File);
  P.Column = SM.getSpellingColumnNumber(File);
  return P;
}

std::optional<LockRef> LockAnalysis::lockOf(const Expr *E) const {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
      return lockOf(U->getSubExpr());
    return std::nullopt;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return std::nullopt;
    QualType T = VD->getType();
    if (T->isReferenceType() || T->isPointerType()) {
      // A local alias initialised once: `std::mutex &m = gMu;`.
      if (VD->isLocalVarDecl() && !VD->hasGlobalStorage() &&
          T.getNonReferenceType().isConstQualified() == false &&
          T->isReferenceType() && VD->getInit())
        return lockOf(VD->getInit());
      return std::nullopt; // a parameter or pointer: could be anything
    }
    if (!VD->hasGlobalStorage())
      return std::nullopt; // a local mutex protects nothing shared
    return LockRef{profileName(VD), nullptr};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return LockRef{profileName(VD), nullptr};
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || FD->getType()->isReferenceType() ||
        FD->getType()->isPointerType())
      return std::nullopt;
    LockRef R{profileName(FD), nullptr};
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Base))
      if (U->getOpcode() == UO_Deref)
        Base = U->getSubExpr()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      R.Instance = &ThisInstance;
    else if (const auto *BaseRef = dyn_cast<DeclRefExpr>(Base))
      R.Instance = BaseRef->getDecl();
    return R;
  }
  return std::nullopt;
}

//===--- Summaries --------------------------------------------------------===//

namespace {
class SummaryVisitor : public RecursiveASTVisitor<SummaryVisitor> {
public:
  SummaryVisitor(LockAnalysis &A, LockAnalysis::Impl &I,
                 const FunctionDecl *Self, std::shared_ptr<const FactsIndex> F)
      : A(A), I(I), Self(Self), Facts(std::move(F)) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (auto G = I.guardConstruction(E)) {
      Direct = true;
      if (G->Mode == GuardMode::Lock)
        for (const LockRef &L : G->Locks)
          addAcquire(Summary, {L.Name, G->Shared, A.position(E->getBeginLoc()),
                               {}});
      return true;
    }
    return visitCall(E);
  }
  bool VisitCallExpr(CallExpr *E) { return visitCall(E); }

  LockSummaryFact Summary;
  bool Direct = false;

private:
  bool visitCall(Expr *E) {
    auto Site = CallSite::from(E);
    if (!Site || !Site->Callee)
      return true;
    if (auto Class = classify(*Site)) {
      switch (Class->Kind) {
      case CallKind::Lock:
        Direct = true;
        for (const Expr *T : I.targets(*Site, *Class)) {
          if (I.guardVar(T))
            continue; // re-locking a guard: its construction counted
          if (auto L = A.lockOf(T))
            addAcquire(Summary, {L->Name, Class->Rule && Class->Rule->Shared,
                                 A.position(E->getExprLoc()), {}});
        }
        return true;
      case CallKind::Unlock:
      case CallKind::TryLock:
        Direct = true;
        return true;
      default:
        break;
      }
      bool Shared = false;
      for (const std::string &Rows : I.rowLocks(*Site, *Class, Shared)) {
        Direct = true;
        addAcquire(Summary, {Rows, Shared, A.position(E->getExprLoc()), {}});
      }
      if (I.endsTransaction(*Class))
        Direct = true;
      return true;
    }
    const FunctionDecl *Callee = Site->Callee;
    if (Callee == Self)
      return true;
    const CallStep Step{profileName(Callee), A.position(E->getExprLoc())};
    if (I.hasUserBody(Callee)) {
      if (const LockSummaryFact *Inner = A.summaryOf(Callee)) {
        for (const LockAcquire &Acq : Inner->Acquires) {
          LockAcquire Copy = Acq;
          Copy.Via.insert(Copy.Via.begin(), Step);
          addAcquire(Summary, std::move(Copy));
        }
        for (const ExternalCall &Ext : Inner->Calls) {
          ExternalCall Copy = Ext;
          Copy.Via.insert(Copy.Via.begin(), Step);
          addCall(Summary, std::move(Copy));
        }
      }
      return true;
    }
    if (!I.isExternal(Callee))
      return true;
    std::string USR = usrOf(Callee);
    if (USR.empty())
      return true;
    addCall(Summary, {USR, Step.Callee, {Step}});
    if (Facts)
      for (const LockAcquire &Acq : Facts->acquiresOf(USR)) {
        LockAcquire Copy = Acq;
        Copy.Via.insert(Copy.Via.begin(), Step);
        addAcquire(Summary, std::move(Copy));
      }
    return true;
  }

  std::optional<Classification> classify(const CallSite &Site) {
    return A.classifier().classify(Site, A.translationUnitContext());
  }

  LockAnalysis &A;
  LockAnalysis::Impl &I;
  const FunctionDecl *Self;
  std::shared_ptr<const FactsIndex> Facts;
};
} // namespace

const LockSummaryFact *LockAnalysis::summaryOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isDependentContext())
    return nullptr;
  auto It = Memo.find(Def);
  if (It != Memo.end()) {
    if (!It->second.Done) {
      if (!LowestReached.empty())
        LowestReached.back() = std::min(LowestReached.back(), It->second.Depth);
      return nullptr;
    }
    const std::optional<LockSummaryFact> &Known = It->second.Summary;
    return Known ? &*Known : nullptr;
  }
  const unsigned Depth = LowestReached.size();
  Memo[Def].Depth = Depth;
  LowestReached.push_back(Depth);
  Impl I(*this);
  SummaryVisitor V(*this, I, Def, Facts);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit() && Init->isWritten())
        V.TraverseStmt(Init->getInit());
  V.TraverseStmt(Def->getBody());
  const unsigned Lowest = LowestReached.back();
  LowestReached.pop_back();
  if (Lowest < Depth) {
    // Depends on a function still being summarised: provisional, so not
    // kept; a later question recomputes it.
    Memo.erase(Def);
    if (!LowestReached.empty())
      LowestReached.back() = std::min(LowestReached.back(), Lowest);
    static thread_local std::optional<LockSummaryFact> Provisional;
    Provisional = std::move(V.Summary);
    return Provisional->Acquires.empty() && Provisional->Calls.empty()
               ? nullptr
               : &*Provisional;
  }
  Entry &E = Memo[Def];
  E.Done = true;
  E.Direct = V.Direct;
  if (!V.Summary.Acquires.empty() || !V.Summary.Calls.empty()) {
    V.Summary.Function = profileName(Def);
    V.Summary.TU = TU;
    E.Summary = std::move(V.Summary);
  }
  return E.Summary ? &*E.Summary : nullptr;
}

//===--- Lock sets over the CFG -------------------------------------------===//

namespace {
struct HeldLock {
  std::string Lock;
  const void *Instance = nullptr;
  bool Shared = false;
  const Expr *Site = nullptr;
  const VarDecl *Guard = nullptr;
  bool same(const HeldLock &O) const {
    return Lock == O.Lock && Instance == O.Instance && Guard == O.Guard;
  }
};
using LockState = std::vector<HeldLock>;

bool sameState(const LockState &A, const LockState &B) {
  if (A.size() != B.size())
    return false;
  for (size_t I = 0; I < A.size(); ++I)
    if (!A[I].same(B[I]) || A[I].Shared != B[I].Shared)
      return false;
  return true;
}

/// What a function body looks like around its guards: which construction
/// initialises which variable, which declaration follows which in a block,
/// and how often each variable is named.
class BodyIndex : public RecursiveASTVisitor<BodyIndex> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitDeclStmt(DeclStmt *DS) {
    if (!DS->isSingleDecl())
      return true;
    const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (!VD || !VD->getInit())
      return true;
    DeclOf[VD] = DS;
    const Expr *Init = VD->getInit()->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init))
      Init = Cast->getSubExpr()->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
      VarOf[Construct] = VD;
    return true;
  }
  bool VisitCompoundStmt(CompoundStmt *CS) {
    const Stmt *Prev = nullptr;
    for (const Stmt *S : CS->body()) {
      if (Prev)
        Next[Prev] = S;
      Prev = S;
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    ++Uses[E->getDecl()];
    return true;
  }
  std::map<const CXXConstructExpr *, const VarDecl *> VarOf;
  std::map<const VarDecl *, const DeclStmt *> DeclOf;
  std::map<const Stmt *, const Stmt *> Next;
  std::map<const Decl *, unsigned> Uses;
};

class FunctionLocks {
public:
  FunctionLocks(LockAnalysis &A, LockAnalysis::Impl &I, const FunctionDecl *FD,
                const BodyIndex &Index, std::vector<LockEdge> &Edges,
                std::vector<HeldCall> &Held,
                std::map<std::pair<SourcePos, SourcePos>,
                         LockAnalysis::GuardFix> &Fixes,
                std::shared_ptr<const FactsIndex> Facts)
      : A(A), I(I), FD(FD), Index(Index), Edges(Edges), Held(Held),
        Fixes(Fixes), Facts(std::move(Facts)), Function(profileName(FD)) {}

  void run() {
    CFG::BuildOptions BO;
    BO.AddImplicitDtors = true;
    BO.AddInitializers = true;
    std::unique_ptr<CFG> G =
        CFG::buildCFG(FD, FD->getBody(), &A.translationUnitContext(), BO);
    if (!G)
      return;
    const unsigned N = G->getNumBlockIDs();
    std::vector<std::optional<LockState>> Out(N);
    const unsigned Entry = G->getEntry().getBlockID();
    // Forward "must hold" analysis: a lock is held after a join only when
    // it is held on every incoming path.
    bool Changed = true;
    for (unsigned Pass = 0; Changed && Pass < 8; ++Pass) {
      Changed = false;
      for (unsigned ID = N; ID-- > 0;) {
        const CFGBlock *B = blockById(*G, ID);
        if (!B)
          continue;
        std::optional<LockState> In = inState(*B, Out, Entry);
        if (!In)
          continue;
        Record = false;
        transfer(*B, *In);
        if (!Out[ID] || !sameState(*Out[ID], *In)) {
          Out[ID] = std::move(*In);
          Changed = true;
        }
      }
    }
    for (unsigned ID = N; ID-- > 0;) {
      const CFGBlock *B = blockById(*G, ID);
      if (!B)
        continue;
      std::optional<LockState> In = inState(*B, Out, Entry);
      if (!In)
        continue;
      Record = true;
      transfer(*B, *In);
    }
  }

private:
  static const CFGBlock *blockById(const CFG &G, unsigned ID) {
    for (const CFGBlock *B : G)
      if (B && B->getBlockID() == ID)
        return B;
    return nullptr;
  }

  std::optional<LockState>
  inState(const CFGBlock &B, const std::vector<std::optional<LockState>> &Out,
          unsigned Entry) {
    if (B.getBlockID() == Entry)
      return LockState{};
    std::optional<LockState> In;
    for (const CFGBlock::AdjacentBlock &Pred : B.preds()) {
      const CFGBlock *P = Pred.getReachableBlock();
      if (!P || !Out[P->getBlockID()])
        continue;
      const LockState &PS = *Out[P->getBlockID()];
      if (!In) {
        In = PS;
        continue;
      }
      LockState Kept;
      for (const HeldLock &H : *In)
        for (const HeldLock &O : PS)
          if (H.same(O)) {
            Kept.push_back(H);
            break;
          }
      In = std::move(Kept);
    }
    return In;
  }

  void transfer(const CFGBlock &B, LockState &S) {
    for (const CFGElement &E : B) {
      if (auto Stmt = E.getAs<CFGStmt>()) {
        if (const auto *Ex = dyn_cast<Expr>(Stmt->getStmt()))
          expr(Ex, S);
      } else if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
        const VarDecl *VD = Dtor->getVarDecl();
        if (I.isGuardType(VD->getType()))
          releaseGuard(VD, S);
        else if (A.classifier().roleOf(VD->getType(), TypeRole::Transaction))
          releaseRows(S); // the transaction object rolls back
      }
    }
  }

  void releaseGuard(const VarDecl *G, LockState &S) {
    S.erase(std::remove_if(S.begin(), S.end(),
                           [&](const HeldLock &H) { return H.Guard == G; }),
            S.end());
  }
  void releaseRows(LockState &S) {
    S.erase(std::remove_if(
                S.begin(), S.end(),
                [&](const HeldLock &H) { return isRowLock(H.Lock); }),
            S.end());
  }
  void release(const LockRef &L, LockState &S) {
    for (size_t K = S.size(); K-- > 0;)
      if (S[K].Lock == L.Name && S[K].Instance == L.Instance) {
        S.erase(S.begin() + K);
        return;
      }
  }

  /// Takes Locks at Site (together: no order among them).
  void acquire(const std::vector<LockRef> &Locks, bool Shared, const Expr *Site,
               const VarDecl *Guard, bool Simple, LockState &S) {
    if (Record)
      for (const LockRef &L : Locks)
        for (const HeldLock &H : S)
          edge(H, L, Shared, Site, Guard, Simple);
    for (const LockRef &L : Locks)
      S.push_back({L.Name, L.Instance, Shared, Site, Guard});
  }

  void edge(const HeldLock &H, const LockRef &L, bool Shared, const Expr *Site,
            const VarDecl *Guard, bool Simple) {
    LockEdge E;
    if (H.Lock == L.Name) {
      // The same lock again: re-entry, unless two different objects'
      // members.
      if (isRowLock(L.Name) || !H.Instance || !L.Instance ||
          H.Instance == L.Instance)
        return;
      E.Instances = true;
    }
    E.From = H.Lock;
    E.To = L.Name;
    E.FromShared = H.Shared;
    E.ToShared = Shared;
    E.Function = Function;
    E.Held = A.position(H.Site->getBeginLoc());
    E.Acquired = A.position(Site->getBeginLoc());
    E.LockedAt = E.Acquired;
    E.TU = A.translationUnit();
    E.Local = true;
    if (H.Guard && Guard && Simple)
      fixIt(H, Guard, E);
    Edges.push_back(std::move(E));
  }

  /// Two adjacent simple guards of one block, neither named again: they
  /// can become one std::scoped_lock.
  void fixIt(const HeldLock &H, const VarDecl *Second, LockEdge &E) {
    const VarDecl *First = H.Guard;
    auto D1 = Index.DeclOf.find(First), D2 = Index.DeclOf.find(Second);
    if (D1 == Index.DeclOf.end() || D2 == Index.DeclOf.end())
      return;
    auto Next = Index.Next.find(D1->second);
    if (Next == Index.Next.end() || Next->second != D2->second)
      return;
    for (const VarDecl *G : {First, Second}) {
      auto Uses = Index.Uses.find(G);
      if (Uses != Index.Uses.end() && Uses->second)
        return;
      const auto *RD = G->getType()->getAsCXXRecordDecl();
      std::string Name = RD ? profileName(RD) : "";
      if (Name != "std::lock_guard" && Name != "std::unique_lock" &&
          Name != "std::scoped_lock")
        return;
    }
    const auto *C1 = dyn_cast_or_null<CXXConstructExpr>(
        H.Site ? H.Site->IgnoreImplicit() : nullptr);
    const Expr *Init2 = Second->getInit();
    const auto *C2 =
        dyn_cast_or_null<CXXConstructExpr>(Init2 ? Init2->IgnoreImplicit() : nullptr);
    if (!C1 || !C2 || C1->getNumArgs() != 1 || C2->getNumArgs() != 1)
      return;
    const SourceManager &SM = A.translationUnitContext().getSourceManager();
    const LangOptions &LO = A.translationUnitContext().getLangOpts();
    if (!LO.CPlusPlus17)
      return;
    SourceLocation Begin = D1->second->getBeginLoc();
    SourceLocation End = D2->second->getEndLoc();
    if (Begin.isMacroID() || End.isMacroID() ||
        C1->getArg(0)->getBeginLoc().isMacroID() ||
        C2->getArg(0)->getBeginLoc().isMacroID())
      return;
    // Nothing but white space between the two declarations.
    StringRef Between = Lexer::getSourceText(
        CharSourceRange::getCharRange(
            Lexer::getLocForEndOfToken(D1->second->getEndLoc(), 0, SM, LO),
            D2->second->getBeginLoc()),
        SM, LO);
    if (!Between.trim().empty())
      return;
    auto Text = [&](const Expr *Arg) {
      return Lexer::getSourceText(
                 CharSourceRange::getTokenRange(Arg->getSourceRange()), SM, LO)
          .str();
    };
    std::string M1 = Text(C1->getArg(0)), M2 = Text(C2->getArg(0));
    if (M1.empty() || M2.empty())
      return;
    LockAnalysis::GuardFix Fix;
    Fix.Range = CharSourceRange::getTokenRange(Begin, End);
    Fix.Text = "std::scoped_lock " + First->getNameAsString() + "(" + M1 +
               ", " + M2 + ");";
    E.Fixable = true;
    Fixes[{E.Held, E.Acquired}] = std::move(Fix);
  }

  void expr(const Expr *E, LockState &S) {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (auto G = I.guardConstruction(Construct)) {
        auto Var = Index.VarOf.find(Construct);
        if (Var == Index.VarOf.end())
          return; // a temporary guard unlocks at once
        const VarDecl *VD = Var->second;
        GuardLocks[VD] = *G;
        switch (G->Mode) {
        case GuardMode::Lock:
          acquire(G->Locks, G->Shared, Construct, VD, G->Simple, S);
          break;
        case GuardMode::Adopt:
          for (const LockRef &L : G->Locks) {
            bool Found = false;
            for (HeldLock &H : S)
              if (H.Lock == L.Name && H.Instance == L.Instance && !H.Guard) {
                H.Guard = VD;
                Found = true;
                break;
              }
            if (!Found) // taken where we cannot see: held from here on
              S.push_back({L.Name, L.Instance, G->Shared, Construct, VD});
          }
          break;
        case GuardMode::Defer:
        case GuardMode::Try:
          break;
        }
        return;
      }
    }
    auto Site = CallSite::from(E);
    if (!Site || !Site->Callee)
      return;
    if (auto C = A.classifier().classify(*Site, A.translationUnitContext())) {
      classified(*Site, *C, S);
      return;
    }
    // unique_lock::release(): the mutex stays locked, the guard forgets it.
    if (Site->Object && Site->Callee->getIdentifier() &&
        Site->Callee->getName() == "release")
      if (const VarDecl *G = I.guardVar(Site->Object)) {
        for (HeldLock &H : S)
          if (H.Guard == G)
            H.Guard = nullptr;
        return;
      }
    call(*Site, S);
  }

  void classified(const CallSite &Site, const Classification &C,
                  LockState &S) {
    if (C.Kind == CallKind::Lock || C.Kind == CallKind::Unlock) {
      std::vector<LockRef> Locks;
      bool Shared = C.Rule && C.Rule->Shared;
      for (const Expr *T : I.targets(Site, C)) {
        if (const VarDecl *G = I.guardVar(T)) {
          if (C.Kind == CallKind::Unlock) {
            releaseGuard(G, S);
            continue;
          }
          auto Known = GuardLocks.find(G);
          if (Known == GuardLocks.end())
            continue;
          // Re-locking a guard: its mutexes, owned by it again.
          acquire(Known->second.Locks, Known->second.Shared, Site.Call, G,
                  false, S);
          continue;
        }
        if (auto L = A.lockOf(T)) {
          if (C.Kind == CallKind::Unlock)
            release(*L, S);
          else
            Locks.push_back(*L);
        }
      }
      if (!Locks.empty())
        acquire(Locks, Shared, Site.Call, nullptr, false, S);
      return;
    }
    if (C.Kind == CallKind::TryLock)
      return; // a try never waits, so it cannot close a cycle
    if (I.endsTransaction(C)) {
      releaseRows(S);
      return;
    }
    bool Shared = false;
    std::vector<LockRef> Rows;
    for (std::string &Name : I.rowLocks(Site, C, Shared))
      Rows.push_back({std::move(Name), nullptr});
    if (!Rows.empty())
      acquire(Rows, Shared, Site.Call, nullptr, false, S);
  }

  /// A call of a user function: what it acquires, it acquires while S is
  /// held.
  void call(const CallSite &Site, const LockState &S) {
    if (!Record || S.empty() || Site.Callee == FD)
      return;
    const CallStep Step{profileName(Site.Callee),
                        A.position(Site.Call->getExprLoc())};
    auto Emit = [&](const LockAcquire &Acq, bool CrossTU) {
      for (const HeldLock &H : S) {
        if (H.Lock == Acq.Lock)
          continue;
        LockEdge E;
        E.From = H.Lock;
        E.To = Acq.Lock;
        E.FromShared = H.Shared;
        E.ToShared = Acq.Shared;
        E.Function = Function;
        E.Held = A.position(H.Site->getBeginLoc());
        E.Acquired = Step.At;
        E.Via.push_back(Step);
        E.Via.insert(E.Via.end(), Acq.Via.begin(), Acq.Via.end());
        E.LockedAt = Acq.Site;
        E.TU = A.translationUnit();
        E.CrossTU = CrossTU;
        E.Local = true;
        Edges.push_back(std::move(E));
      }
    };
    auto Pending = [&](const std::string &USR, const std::string &Callee) {
      for (const HeldLock &H : S)
        Held.push_back({H.Lock, H.Shared, Function,
                        A.position(H.Site->getBeginLoc()), Step.At, USR,
                        Callee, A.translationUnit()});
    };
    if (I.hasUserBody(Site.Callee)) {
      if (const LockSummaryFact *Sum = A.summaryOf(Site.Callee)) {
        for (const LockAcquire &Acq : Sum->Acquires)
          Emit(Acq, false);
        for (const ExternalCall &Ext : Sum->Calls)
          Pending(Ext.USR, Step.Callee);
      }
      return;
    }
    if (!I.isExternal(Site.Callee))
      return;
    std::string USR = usrOf(Site.Callee);
    if (USR.empty())
      return;
    Pending(USR, Step.Callee);
    if (Facts)
      for (const LockAcquire &Acq : Facts->acquiresOf(USR))
        Emit(Acq, true);
  }

  LockAnalysis &A;
  LockAnalysis::Impl &I;
  const FunctionDecl *FD;
  const BodyIndex &Index;
  std::vector<LockEdge> &Edges;
  std::vector<HeldCall> &Held;
  std::map<std::pair<SourcePos, SourcePos>, LockAnalysis::GuardFix> &Fixes;
  std::shared_ptr<const FactsIndex> Facts;
  std::string Function;
  std::map<const VarDecl *, LockAnalysis::Impl::GuardInfo> GuardLocks;
  bool Record = false;
};

class DefinitionVisitor : public RecursiveASTVisitor<DefinitionVisitor> {
public:
  explicit DefinitionVisitor(ASTContext &Ctx) : Ctx(Ctx) {}
  // Template definitions are dependent; their instantiations are analysed.
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
      Functions.push_back(FD);
    return true;
  }
  bool VisitFieldDecl(FieldDecl *D) { return attributed(D); }
  bool VisitVarDecl(VarDecl *D) { return attributed(D); }
  bool attributed(Decl *D) {
    if (D->hasAttr<AcquiredBeforeAttr>() || D->hasAttr<AcquiredAfterAttr>())
      if (!Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
        WithOrder.push_back(D);
    return true;
  }
  ASTContext &Ctx;
  std::vector<const FunctionDecl *> Functions;
  std::vector<const Decl *> WithOrder;
};
} // namespace

void LockAnalysis::analyzeFunction(const FunctionDecl *FD) {
  summaryOf(FD);
  auto It = Memo.find(FD);
  if (It == Memo.end() || !It->second.Direct || !FD->getBody())
    return;
  Impl I(*this);
  BodyIndex Index;
  Index.TraverseStmt(FD->getBody());
  FunctionLocks Locks(*this, I, FD, Index, Edges, Held, Fixes, Facts);
  Locks.run();
}

void LockAnalysis::collectDeclaredOrder(const Decl *D) {
  const auto *ND = dyn_cast<NamedDecl>(D);
  if (!ND)
    return;
  const std::string Self = profileName(ND);
  auto NameOf = [&](const Expr *E) -> std::string {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return profileName(DRE->getDecl());
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return profileName(ME->getMemberDecl());
    return "";
  };
  for (const auto *Attr : D->specific_attrs<AcquiredBeforeAttr>())
    for (const Expr *Arg : Attr->args()) {
      std::string Other = NameOf(Arg);
      if (!Other.empty() && Other != Self)
        Orders.push_back({Self, Other, position(Attr->getLocation()),
                          "ACQUIRED_BEFORE"});
    }
  for (const auto *Attr : D->specific_attrs<AcquiredAfterAttr>())
    for (const Expr *Arg : Attr->args()) {
      std::string Other = NameOf(Arg);
      if (!Other.empty() && Other != Self)
        Orders.push_back({Other, Self, position(Attr->getLocation()),
                          "ACQUIRED_AFTER"});
    }
}

void LockAnalysis::analyzeTranslationUnit() {
  DefinitionVisitor V(Ctx);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const Decl *D : V.WithOrder)
    collectDeclaredOrder(D);
  for (const FunctionDecl *FD : V.Functions) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
      if (M->getParent()->isLambda())
        continue;
    analyzeFunction(FD);
    Analyzed.push_back(FD);
  }
}

const LockAnalysis::GuardFix *LockAnalysis::fixFor(const LockEdge &E) const {
  auto It = Fixes.find({E.Held, E.Acquired});
  return It == Fixes.end() ? nullptr : &It->second;
}

void LockAnalysis::exportFacts(FactsIndex &Out) {
  if (Analyzed.empty())
    analyzeTranslationUnit();
  for (const FunctionDecl *FD : Analyzed) {
    if (!FD->isExternallyVisible())
      continue;
    const LockSummaryFact *S = summaryOf(FD);
    if (!S)
      continue;
    std::string USR = usrOf(FD);
    if (USR.empty())
      continue;
    LockSummaryFact Copy = *S;
    Copy.USR = USR;
    Out.addLockSummary(std::move(Copy));
  }
  for (const LockEdge &E : Edges) {
    LockEdge Copy = E;
    Copy.Local = false;
    Out.addLockEdge(std::move(Copy));
  }
  for (const HeldCall &C : Held)
    Out.addHeldCall(C);
}

} // namespace dbtidy
