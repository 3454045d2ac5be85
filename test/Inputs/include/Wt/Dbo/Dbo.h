// Test stand-in for Wt::Dbo, the ORM of the Wt toolkit
// (https://github.com/emweb/wt, src/Wt/Dbo).
//
// Declares the public API of <Wt/Dbo/Dbo.h> (Session, Transaction, ptr<C>,
// weak_ptr<C>, collection<C>, Query<Result, BindStrategy>, Call, Dbo<C>,
// dbo_traits, field/id/belongsTo/hasOne/hasMany, RelationType and the
// foreign-key constraints) with trivial bodies, so that dbtidy's tests can
// compile typical user code. Nothing here talks to a database. Only standard
// headers are used.
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

namespace Wt {
namespace Dbo {

class Session;
class SqlConnection;
class SqlConnectionPool;
template <class C> class ptr;
template <class C> class weak_ptr;
template <class C> class collection;
template <class C> class Dbo;

// ---- traits ---------------------------------------------------------------------
struct dbo_default_traits {
    typedef long long IdType;
    static IdType invalidId() { return -1; }
    static const char* surrogateIdField() { return "id"; }
    static const char* versionField() { return "version"; }
};

template <class C> struct dbo_traits : public dbo_default_traits {};
template <class C> struct dbo_traits<const C> : public dbo_traits<C> {};

// ---- relations and fields (Wt/Dbo/Field.h) -------------------------------------------
enum RelationType {
    ManyToOne,  //!< Many-to-One relationship
    ManyToMany  //!< Many-to-Many relationship
};

class ForeignKeyConstraint {
  public:
    explicit ForeignKeyConstraint(int value) : value_(value) {}
    ForeignKeyConstraint operator|(ForeignKeyConstraint other) const {
        return ForeignKeyConstraint(value_ | other.value_);
    }
    int value() const { return value_; }

  private:
    int value_;
};

const ForeignKeyConstraint NotNull(0x01);
const ForeignKeyConstraint OnUpdateCascade(0x02);
const ForeignKeyConstraint OnUpdateSetNull(0x04);
const ForeignKeyConstraint OnUpdateRestrict(0x08);
const ForeignKeyConstraint OnDeleteCascade(0x10);
const ForeignKeyConstraint OnDeleteSetNull(0x20);
const ForeignKeyConstraint OnDeleteRestrict(0x40);

const int GlobalField = 0x01;

template <class Action, typename V> void id(Action&, V&, const std::string& name = "id", int size = -1) {
    (void)name;
    (void)size;
}
template <class Action, class C>
void id(Action&, ptr<C>&, const std::string&, ForeignKeyConstraint constraints = NotNull,
        int fkFlags = 0) {
    (void)constraints;
    (void)fkFlags;
}
template <class Action, typename V> void field(Action&, V&, const std::string&, int size = -1) { (void)size; }
template <class Action, class C> void field(Action&, ptr<C>&, const std::string&, int size = -1) { (void)size; }
template <class Action, class C> void belongsTo(Action&, ptr<C>&, const std::string& name = std::string()) {
    (void)name;
}
template <class Action, class C>
void belongsTo(Action&, ptr<C>&, const std::string&, ForeignKeyConstraint) {}
template <class Action, class C> void belongsTo(Action&, ptr<C>&, ForeignKeyConstraint) {}
template <class Action, class C> void hasOne(Action&, weak_ptr<C>&, const std::string& name = std::string()) {
    (void)name;
}
template <class Action, class C>
void hasMany(Action&, collection<ptr<C>>&, RelationType, const std::string& name = std::string()) {
    (void)name;
}
template <class Action, class C>
void hasMany(Action&, collection<ptr<C>>&, RelationType, const std::string&, const std::string& joinId,
             ForeignKeyConstraint constraints = (NotNull | OnDeleteCascade)) {
    (void)joinId;
    (void)constraints;
}

// ---- database pointers (Wt/Dbo/ptr.h) ---------------------------------------------------
class ptr_base {
  public:
    ptr_base() {}
    virtual ~ptr_base() {}
};

// A pointer to a database object; the object is loaded from the database on
// first access when it is not in the session yet.
template <class C> class ptr : public ptr_base {
  private:
    typedef typename std::remove_const<C>::type MutC;

  public:
    typedef C pointed;

    // Returned by modify(): marks the object dirty when it goes away.
    class mutator {
      public:
        explicit mutator(C* obj) : obj_(obj) {}
        ~mutator() {}
        C* operator->() const { return obj_; }
        C& operator*() const { return *obj_; }
        operator C*() const { return obj_; }

      private:
        C* obj_;
    };

    ptr() {}
    ptr(std::nullptr_t) {}
    ptr(std::unique_ptr<C> obj) : obj_(std::move(obj)) {}
    ptr(const ptr<C>& other) : ptr_base() { (void)other; }
    template <class D, class = typename std::enable_if<std::is_same<MutC, D>::value>::type>
    ptr(const ptr<D>& other) {
        (void)other;
    }
    ptr(ptr<C>&& other) noexcept : obj_(std::move(other.obj_)) {}
    virtual ~ptr() {}

    void reset(std::unique_ptr<C> obj = nullptr) { obj_ = std::move(obj); }
    ptr<C>& operator=(const ptr<C>&) { return *this; }
    ptr<C>& operator=(ptr<C>&& other) noexcept {
        obj_ = std::move(other.obj_);
        return *this;
    }

    const C* operator->() const { return obj_.get(); }
    const C* get() const { return obj_.get(); }
    const C& operator*() const { return *obj_; }
    mutator modify() const { return mutator(obj_.get()); }

    bool operator==(const ptr<MutC>&) const { return true; }
    bool operator==(const ptr<const C>&) const { return true; }
    bool operator!=(const ptr<MutC>&) const { return false; }
    bool operator!=(const ptr<const C>&) const { return false; }
    bool operator<(const ptr<MutC>&) const { return false; }
    bool operator<(const ptr<const C>&) const { return false; }
    explicit operator bool() const { return obj_ != nullptr; }

    void flush() const {}
    void remove() {}
    void reread() {}
    void purge() {}
    typename dbo_traits<C>::IdType id() const { return dbo_traits<C>::invalidId(); }
    int version() const { return 0; }
    bool isTransient() const { return false; }
    bool isDirty() const { return false; }
    Session* session() const { return nullptr; }

  private:
    std::shared_ptr<C> obj_;
};

template <class C> std::ostream& operator<<(std::ostream& o, const ptr<C>& p) { return o << p.id(); }

template <class C, typename... Args> ptr<C> make_ptr(Args&&... args) {
    return ptr<C>(std::unique_ptr<C>(new C(std::forward<Args>(args)...)));
}

template <class C> class weak_ptr {
  public:
    weak_ptr() {}
    weak_ptr(const weak_ptr<C>&) {}
    weak_ptr<C>& operator=(const weak_ptr<C>&) { return *this; }
    weak_ptr<C>& operator=(const ptr<C>&) { return *this; }
    ptr<C> lock() const { return ptr<C>(); }
    operator ptr<C>() const { return ptr<C>(); }
    const C* operator->() const { return nullptr; }
    const C* get() const { return nullptr; }
    typename ptr<C>::mutator modify() const { return typename ptr<C>::mutator(nullptr); }
    explicit operator bool() const { return false; }
    typename dbo_traits<C>::IdType id() const { return dbo_traits<C>::invalidId(); }
};

// Optional base class of mapped classes: gives access to the object's own ptr.
template <class C> class Dbo {
  public:
    Dbo() {}
    Dbo(const Dbo<C>&) {}
    typename dbo_traits<C>::IdType id() const { return dbo_traits<C>::invalidId(); }
    Session* session() const { return nullptr; }
    void setDirty() {}
    bool isDirty() const { return false; }
    ptr<C> self() const { return ptr<C>(); }
};

// ---- collections (Wt/Dbo/collection.h) -------------------------------------------------
// Result of a query, or the many side of a relation; iterating it runs its SELECT.
template <class C> class collection {
  public:
    typedef C value_type;
    typedef std::size_t size_type;
    typedef std::ptrdiff_t difference_type;

    class iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = C;
        using difference_type = std::ptrdiff_t;
        using pointer = C*;
        using reference = C&;
        iterator() {}
        C& operator*() { return current_; }
        C* operator->() { return &current_; }
        bool operator==(const iterator&) const { return true; }
        bool operator!=(const iterator&) const { return false; }
        iterator& operator++() { return *this; }
        iterator operator++(int) { return *this; }

      private:
        C current_;
    };

    class const_iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = C;
        using difference_type = std::ptrdiff_t;
        using pointer = const C*;
        using reference = C;
        const_iterator() {}
        const_iterator(const iterator&) {}
        C operator*() { return current_; }
        const C* operator->() { return &current_; }
        bool operator==(const const_iterator&) const { return true; }
        bool operator!=(const const_iterator&) const { return false; }
        const_iterator& operator++() { return *this; }
        const_iterator operator++(int) { return *this; }

      private:
        C current_;
    };

    collection() {}
    collection(const collection<C>&) {}
    collection(collection<C>&&) noexcept {}
    collection<C>& operator=(const collection<C>&) { return *this; }
    collection<C>& operator=(collection<C>&&) noexcept { return *this; }

    iterator begin() { return iterator(); }
    iterator end() { return iterator(); }
    const_iterator begin() const { return const_iterator(); }
    const_iterator end() const { return const_iterator(); }
    C front() const { return C(); }
    size_type size() const { return 0; }
    bool empty() const { return true; }
    void insert(C) {}
    void erase(C) {}
    void clear() {}
    int count(C) const { return 0; }
    template <typename K> C find(const K&) const { return C(); }
    Session* session() const { return nullptr; }
};

// ---- queries (Wt/Dbo/Query.h) ------------------------------------------------------------
struct DirectBinding {};
struct DynamicBinding {};

template <class Result, typename BindStrategy = DynamicBinding> class Query {
  public:
    Query() {}
    Query(const Query&) {}
    Query& operator=(const Query&) { return *this; }

    Query& where(const std::string&) { return *this; }
    Query& orWhere(const std::string&) { return *this; }
    template <typename T> Query& bind(const T&) { return *this; }
    template <typename C> Query& join(const std::string&) { return *this; }
    template <typename C> Query& join(const std::string&, const std::string&) { return *this; }
    template <typename C> Query& leftJoin(const std::string&, const std::string&) { return *this; }
    template <typename C> Query& rightJoin(const std::string&, const std::string&) { return *this; }
    Query& join(const std::string&) { return *this; }
    Query& leftJoin(const std::string&) { return *this; }
    Query& rightJoin(const std::string&) { return *this; }
    Query& orderBy(const std::string&) { return *this; }
    Query& groupBy(const std::string&) { return *this; }
    Query& having(const std::string&) { return *this; }
    Query& limit(int) { return *this; }
    Query& offset(int) { return *this; }
    void reset() {}
    Session& session() const;

    // Running the query.
    Result resultValue() const { return Result(); }
    collection<Result> resultList() const { return collection<Result>(); }
    operator Result() const { return Result(); }
    operator collection<Result>() const { return collection<Result>(); }
};

// Returned by Session::execute(): runs the statement when run() is called or
// when the Call is destroyed, whichever comes first.
class Call {
  public:
    Call(const Call&) {}
    ~Call() noexcept(false) {}
    template <typename T> Call& bind(const T&) { return *this; }
    void run() {}

  private:
    friend class Session;
    Call() {}
};

// ---- connections -----------------------------------------------------------------------
class SqlConnection {
  public:
    virtual ~SqlConnection() {}
    void setProperty(const std::string&, const std::string&) {}
    std::string property(const std::string&) const { return std::string(); }
    virtual void executeSql(const std::string&) {}
};

class SqlConnectionPool {
  public:
    virtual ~SqlConnectionPool() {}
};

class FixedSqlConnectionPool : public SqlConnectionPool {
  public:
    FixedSqlConnectionPool(std::unique_ptr<SqlConnection>, int) {}
};

// ---- the session (Wt/Dbo/Session.h) --------------------------------------------------------
class Session {
  public:
    Session() {}
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session() {}

    void setConnection(std::unique_ptr<SqlConnection>) {}
    void setConnectionPool(SqlConnectionPool&) {}
    template <class C> void mapClass(const char*) {}
    const char* tableName(const std::type_info&) const { return ""; }

    template <class C> ptr<C> add(ptr<C>& p) { return p; }
    template <class C> ptr<C> add(std::unique_ptr<C> obj) { return ptr<C>(std::move(obj)); }
    template <typename T, typename... Args> ptr<T> addNew(Args&&... args) {
        return add(std::unique_ptr<T>(new T(std::forward<Args>(args)...)));
    }

    template <class C> ptr<C> load(const typename dbo_traits<C>::IdType&, bool forceReread = false) {
        (void)forceReread;
        return ptr<C>();
    }
    template <class C> ptr<C> loadLazy(const typename dbo_traits<C>::IdType&) { return ptr<C>(); }

    template <class C, typename BindStrategy = DynamicBinding>
    Query<ptr<C>, BindStrategy> find(const std::string& condition = std::string()) {
        (void)condition;
        return Query<ptr<C>, BindStrategy>();
    }
    template <class Result, typename BindStrategy = DynamicBinding>
    Query<Result, BindStrategy> query(const std::string&) {
        return Query<Result, BindStrategy>();
    }
    Call execute(const std::string&) { return Call(); }

    void createTables() {}
    std::string tableCreationSql() { return std::string(); }
    void dropTables() {}
    void flush() {}
    void rereadAll(const char* tableName = nullptr) { (void)tableName; }
    void discardUnflushed() {}
};

template <class Result, typename BindStrategy>
Session& Query<Result, BindStrategy>::session() const {
    static Session* s = nullptr;
    return *s;
}

// ---- transactions (Wt/Dbo/Transaction.h) -------------------------------------------------------
class Transaction {
  public:
    explicit Transaction(Session& session) : session_(session) {}
    virtual ~Transaction() noexcept(false) {}
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction(Transaction&&) = delete;
    Transaction& operator=(Transaction&&) = delete;

    bool isActive() const { return true; }
    bool commit() { return true; }
    void rollback() {}
    Session& session() const { return session_; }

  private:
    Session& session_;
};

}  // namespace Dbo
}  // namespace Wt
