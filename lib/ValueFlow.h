//===--- ValueFlow.h - Database values through one function ----*- C++ -*-===//
//
// The database operations of one function body and the way values move
// between them: which SELECT a C++ value was read from (and which column),
// which field of a loaded ORM object it is, which placeholder of a later
// statement it is bound to. Library knowledge comes from the profiles:
// `column` calls read a field of a fetched row, `value-arg`/`param-arg`
// bind parameters, `into-arg` receives a column, `params-from-arg` passes
// parameters as call arguments (see docs/profiles.md).
//
// The analysis is intraprocedural and follows source order; it answers "may
// this value come from that read" (a may-analysis over assignments), which
// the checks then narrow with their own conditions.
//
//===----------------------------------------------------------------------===//
#ifndef DBTIDY_LIB_VALUEFLOW_H
#define DBTIDY_LIB_VALUEFLOW_H

#include "lib/CallClassifier.h"
#include "lib/SqlAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

namespace dbtidy {

/// Where a C++ value may come from.
struct Origin {
  enum class Kind {
    /// The result of database operation Op (a result set, a loaded object,
    /// a count): not a column value by itself.
    Result,
    /// Column Column (index or name) of the rows read by operation Op.
    Column,
    /// Field Field of the object in local variable Entity.
    Field,
  };
  Kind K = Kind::Result;
  unsigned Op = 0;
  /// Column: the index, or ~0u when the column is named.
  unsigned ColumnIndex = ~0u;
  std::string ColumnName;
  /// Field.
  const clang::VarDecl *Entity = nullptr;
  std::string Field;
  /// The expression that read the column or field.
  const clang::Expr *At = nullptr;

  bool operator<(const Origin &O) const;
};

using OriginSet = std::set<Origin>;

/// A value bound to a placeholder of a statement.
struct FlowBinding {
  /// 1-based placeholder position; 0 when bound by name.
  unsigned Position = 0;
  /// Placeholder name without its sigil.
  std::string Name;
  const clang::Expr *Value = nullptr;
  /// Set when Value is argument ArgIndex of the executing call itself
  /// (params-from-arg): fix-its may then edit the argument list.
  bool IsCallArgument = false;
  unsigned ArgIndex = 0;
};

/// A database operation of the function.
struct DbOp {
  unsigned Index = 0;
  /// The call that runs it (for `session << "...", use(x)` chains, the
  /// outermost comma expression).
  const clang::Expr *Call = nullptr;
  CallSite Site;
  Classification Class;
  CallKind Kind = CallKind::Query;
  /// The call whose argument holds the SQL text (the call itself, a
  /// prepare() before it, a statement's constructor), and that argument.
  const clang::Expr *SqlCall = nullptr;
  const clang::Expr *SqlArg = nullptr;
  std::optional<SqlTemplate> Template;
  SqlStatement Sql;
  bool HasSql = false;
  std::vector<FlowBinding> Bindings;
  /// The statement or result variable later column reads go through.
  const clang::VarDecl *Handle = nullptr;
  /// The object of the call (transaction, session, storage), if any.
  const clang::Expr *Object = nullptr;
  /// Built with a `locks-rows` call (an ORM's lockForUpdate()).
  bool LocksRows = false;
  /// ORM operations: the mapped class they work on.
  clang::QualType Entity;
  /// The transaction bookkeeping at this operation.
  bool InTransaction = false;
  unsigned Epoch = 0;

  bool isSqlRead() const {
    return HasSql && Sql.Kind == SqlStatementKind::Select;
  }
  bool isSqlKind(SqlStatementKind K) const { return HasSql && Sql.Kind == K; }
  /// A read of the ORM world: fetch-by-id, or a query without SQL text.
  bool isOrmRead() const {
    return !HasSql && (Kind == CallKind::FetchById || Kind == CallKind::Query);
  }
  /// The C++ expression bound to a placeholder (or the hole expression).
  const FlowBinding *bindingFor(const SqlParam &P) const;
  const clang::Expr *valueFor(const SqlParam &P) const;
};

/// A write to a field of a local object: `u.count += 1`, `++u.count`,
/// `u.count = e`, `u.setCount(e)`, `u.setAttribute("count", e)`.
struct FieldWrite {
  const clang::VarDecl *Entity = nullptr;
  std::string Field;    ///< normalised key (see fieldKey)
  std::string Spelling; ///< the member or attribute name as written
  const clang::FieldDecl *Member = nullptr;
  const clang::Expr *Write = nullptr;
  /// The new value (assignment right-hand side, setter argument); for
  /// compound assignments the right operand; null for ++/--.
  const clang::Expr *Value = nullptr;
  enum class Form { Assign, Compound, Increment, Setter } F = Form::Assign;
  /// '+', '-', '*', ... for compound assignments and increments.
  char Op = 0;
};

/// Normalised field key: lower case, `m_` and surrounding '_' removed.
std::string fieldKey(llvm::StringRef Name);

class FlowContext;

/// The analysis of one function or lambda body.
class FunctionFlow {
public:
  FunctionFlow(FlowContext &Ctx, const clang::Stmt *Body,
               const clang::Decl *Owner);

  const std::vector<DbOp> &ops() const { return Ops; }
  const std::vector<FieldWrite> &fieldWrites() const { return Writes; }
  const clang::Stmt *body() const { return Body; }
  const clang::Decl *owner() const { return Owner; }

  /// Where the value of E may come from.
  OriginSet origins(const clang::Expr *E);

  /// The op whose call is E, or null.
  const DbOp *opAt(const clang::Expr *E) const;

  /// Source order (expansion locations).
  bool before(const clang::Stmt *A, const clang::Stmt *B) const;
  bool before(clang::SourceLocation A, clang::SourceLocation B) const;

  /// The local variable an object expression denotes, through `*p`, `p->`,
  /// `p.get()`, `o.value()` and calls the profiles classify on it
  /// (`ptr.modify()`).
  const clang::VarDecl *entityVar(const clang::Expr *E) const;

  /// The operations whose result a variable holds (its definitions'
  /// origins), for loaded objects: `auto u = storage.get<User>(id)`.
  std::vector<unsigned> loadsOf(const clang::VarDecl *VD,
                                const clang::Stmt *Before);

  /// Whether a transaction ends (commit/rollback) or begins anew between
  /// A and B.
  bool transactionBoundaryBetween(const clang::Stmt *A,
                                  const clang::Stmt *B) const;
  /// The first commit/rollback between A and B, or null.
  const clang::Expr *commitBetween(const clang::Stmt *A,
                                   const clang::Stmt *B) const;
  /// Whether the statement at S runs inside a transaction as far as this
  /// function shows.
  bool inTransaction(const clang::Stmt *S) const;
  /// A raised isolation level (SET TRANSACTION ISOLATION LEVEL
  /// SERIALIZABLE, BEGIN IMMEDIATE) before S.
  bool isolationRaisedBefore(const clang::Stmt *S) const;
  /// A mutex or lock guard held at S (acquired before it in the same or an
  /// enclosing block, not released before it).
  bool mutexHeldAt(const clang::Stmt *S) const;

  /// The values assigned to VD before Before (initialiser, assignments).
  /// IntoColumn is set when a definition is an into()/out-parameter of a
  /// database operation (Op, Column).
  struct VarDefinition {
    const clang::Expr *Value = nullptr;
    int IntoOp = -1;
    unsigned IntoColumn = 0;
    int LoadOp = -1;
  };
  std::vector<VarDefinition> definitionsOf(const clang::VarDecl *VD,
                                           const clang::Stmt *Before) const;

  /// The references to VD in the body.
  std::vector<const clang::DeclRefExpr *> uses(const clang::VarDecl *VD) const;

  /// Whether the executing object of Op has the autocommit role.
  bool isAutocommit(const DbOp &Op) const;
  /// Whether Op goes through a handle/connection of a serializable type.
  bool isSerializable(const DbOp &Op) const;

  FlowContext &context() { return Ctx; }

private:
  friend class FlowBuilder;
  struct Def {
    const clang::VarDecl *Var = nullptr;
    const clang::Expr *Value = nullptr; // may be null (into/out-param)
    clang::SourceLocation Pos;          // after this point the def holds
    int IntoOp = -1;                    // into(x): op index
    unsigned IntoColumn = 0;
    int LoadOp = -1; // out-parameter of a load
    /// The statement or declaration that makes the definition, and whether
    /// it replaces the previous value entirely (not `+=`, `++`).
    const clang::Stmt *NodeStmt = nullptr;
    const clang::Decl *NodeDecl = nullptr;
    bool Kills = false;
  };
  /// Whether a definition runs on every path to Use (it is a statement of
  /// a block that contains Use).
  bool dominates(const Def &D, const clang::Expr *Use) const;
  struct PrepareEvent {
    const clang::VarDecl *Handle = nullptr;
    const clang::Expr *Call = nullptr;
    const clang::Expr *SqlArg = nullptr;
    std::optional<SqlTemplate> Template;
    clang::SourceLocation Pos;
  };
  struct BindEvent {
    const clang::VarDecl *Handle = nullptr;
    FlowBinding B;
    bool Positional = false;
    clang::SourceLocation Pos;
  };
  struct TxEvent {
    clang::SourceLocation Pos;
    bool Begin = false;
    const clang::Expr *Call = nullptr;
  };
  struct MutexEvent {
    const clang::Stmt *Scope = nullptr; // enclosing compound statement
    clang::SourceLocation Pos;
    bool Acquire = true;
  };

  OriginSet originsImpl(const clang::Expr *E, unsigned Depth);
  OriginSet originsOfVar(const clang::VarDecl *VD, const clang::Expr *Use,
                         unsigned Depth);
  void finish();

  FlowContext &Ctx;
  const clang::Stmt *Body;
  const clang::Decl *Owner;
  std::vector<DbOp> Ops;
  std::vector<FieldWrite> Writes;
  std::vector<Def> Defs;
  std::vector<PrepareEvent> Prepares;
  std::vector<BindEvent> Binds;
  std::vector<TxEvent> TxEvents;
  std::vector<MutexEvent> Mutexes;
  std::vector<clang::SourceLocation> IsolationRaised;
  std::map<const clang::VarDecl *, std::vector<const clang::DeclRefExpr *>>
      Uses;
  llvm::DenseMap<const clang::Expr *, unsigned> OpByCall;
  llvm::SmallPtrSet<const clang::VarDecl *, 8> Visiting;
  bool FunctionInTransaction = false;
};

/// Per translation unit: the classifier, named prepared statements, and
/// the analyses of the functions seen so far.
class FlowContext {
public:
  FlowContext(clang::ASTContext &AST, const CallClassifier &Classifier);
  ~FlowContext();

  clang::ASTContext &ast() { return AST; }
  const CallClassifier &classifier() const { return Classifier; }

  /// The analysis of a function or lambda body (memoised).
  FunctionFlow &flowFor(const clang::Stmt *Body, const clang::Decl *Owner);
  /// The analysis of the function containing S.
  FunctionFlow *flowContaining(const clang::Stmt *S);

  /// SQL of a server-side statement prepared under Name
  /// (`conn.prepare("name", "SQL")`, `PQprepare(c, "name", "SQL", ...)`).
  const SqlTemplate *namedStatement(llvm::StringRef Name);

  /// The mapped class an ORM call works on: its explicit template argument,
  /// or the class inside its (smart pointer, optional, container) result.
  clang::QualType entityTypeOf(const CallSite &Site) const;

  /// The classification of E (memoised).
  const std::optional<Classification> &classify(const clang::Expr *E);

private:
  clang::ASTContext &AST;
  const CallClassifier &Classifier;
  std::map<const clang::Stmt *, std::unique_ptr<FunctionFlow>> Flows;
  bool NamedIndexed = false;
  llvm::StringMap<SqlTemplate> Named;
  /// Node-based: references handed out by classify() stay valid.
  std::unordered_map<const clang::Expr *, std::optional<Classification>>
      Classes;
};

/// The innermost function or lambda body containing S, and its owner.
const clang::Stmt *enclosingFunctionBody(clang::ASTContext &Ctx,
                                         const clang::Stmt *S,
                                         const clang::Decl **Owner);

/// The integer or string a column/parameter argument names.
struct ArgKey {
  std::optional<int64_t> Index;
  std::string Name;
};
ArgKey argKeyOf(const clang::Expr *E, const clang::ASTContext &Ctx);

/// The number of arguments the caller wrote (default arguments excluded).
unsigned writtenArgs(const clang::CallExpr *E);

/// Whether E has no side effects and can be repeated (a variable, a member
/// of one, a literal, a simple arithmetic of such).
bool isSimpleRepeatable(const clang::Expr *E);

/// The source text of a range, or "" (macros).
std::string sourceText(const clang::ASTContext &Ctx, clang::SourceRange R);

} // namespace dbtidy

#endif
