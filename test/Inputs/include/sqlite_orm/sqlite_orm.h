// Test stand-in for sqlite_orm (https://github.com/fnc12/sqlite_orm).
//
// Declares the public API names, namespaces and signatures of the real
// single-header library <sqlite_orm/sqlite_orm.h> with trivial bodies, so that
// dbtidy's tests can compile typical user code without the library.
// Nothing here talks to a database. Only standard headers are used.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace sqlite_orm {

namespace internal {

// A value of "some type": what the stand-in returns where the real library
// computes a result type from an expression it does not model here.
struct any_value {
    template <class T> operator T() const { return T{}; }
};

template <class T> struct member_traits;
template <class O, class F> struct member_traits<F O::*> {
    using object_type = O;
    using field_type = F;
};

// ---- column definitions -----------------------------------------------------
struct primary_key_t {
    primary_key_t autoincrement() const { return {}; }
    primary_key_t asc() const { return {}; }
    primary_key_t desc() const { return {}; }
};
struct autoincrement_t {};
struct unique_t {};
template <class T> struct default_t { T value; };
struct not_null_t {};
template <class... Cs> struct foreign_key_t {
    template <class... Rs> foreign_key_t references(Rs...) const { return *this; }
    foreign_key_t on_delete_cascade() const { return *this; }
    foreign_key_t on_update_cascade() const { return *this; }
};

template <class G, class... Cs> struct column_t {
    using member_pointer_type = G;
    using object_type = typename member_traits<G>::object_type;
    using field_type = typename member_traits<G>::field_type;
    std::string name;
    G member_pointer;
};

template <class O, class... Cs> struct table_t {
    using object_type = O;
    std::string name;
    table_t without_rowid() const { return *this; }
};

template <class C, class... Rest> struct first_object {
    using type = typename C::object_type;
};

// ---- expressions --------------------------------------------------------------
template <class L, class R> struct assign_t { L lhs; R rhs; };
template <class L, class R, class Op> struct binary_condition { L lhs; R rhs; };
template <class C> struct negated_condition_t { C c; };
struct and_op {};
struct or_op {};
struct eq_op {};
struct ne_op {};
struct lt_op {};
struct le_op {};
struct gt_op {};
struct ge_op {};
template <class L, class V> struct dynamic_in_t { L lhs; V values; bool negative = false; };
template <class L, class P> struct like_t { L lhs; P pattern; };
template <class L> struct is_null_t { L lhs; };
template <class L> struct is_not_null_t { L lhs; };

template <class C> struct condition_ops {};

template <class T> struct expression_t {
    T value;
    template <class R> assign_t<T, R> operator=(R rhs) const { return {value, std::move(rhs)}; }
    template <class E> dynamic_in_t<T, std::vector<E>> in(std::initializer_list<E> values) const {
        return {value, values};
    }
    template <class E> dynamic_in_t<T, std::vector<E>> in(std::vector<E> values) const {
        return {value, std::move(values)};
    }
    template <class E> dynamic_in_t<T, std::vector<E>> not_in(std::vector<E> values) const {
        return {value, std::move(values), true};
    }
    is_null_t<T> is_null() const { return {value}; }
    is_not_null_t<T> is_not_null() const { return {value}; }
};

template <class T> struct is_operand_wrapper : std::false_type {};
template <class T> struct is_operand_wrapper<expression_t<T>> : std::true_type {};
template <class L, class R, class Op>
struct is_operand_wrapper<binary_condition<L, R, Op>> : std::true_type {};
template <class C> struct is_operand_wrapper<negated_condition_t<C>> : std::true_type {};
template <class L, class V> struct is_operand_wrapper<dynamic_in_t<L, V>> : std::true_type {};
template <class L, class P> struct is_operand_wrapper<like_t<L, P>> : std::true_type {};
template <class L> struct is_operand_wrapper<is_null_t<L>> : std::true_type {};
template <class L> struct is_operand_wrapper<is_not_null_t<L>> : std::true_type {};

// Arithmetic on columns: c(&T::f) + 1 (binary_operator<L, R, add_string, ...>).
template <class L, class R, class... Ds> struct binary_operator { L lhs; R rhs; };
struct add_string {};
struct sub_string {};
struct arithmetic_t {};
template <class L, class R> using add_t = binary_operator<L, R, add_string, arithmetic_t>;
template <class L, class R> using sub_t = binary_operator<L, R, sub_string, arithmetic_t>;
template <class L, class R, class... Ds>
struct is_operand_wrapper<binary_operator<L, R, Ds...>> : std::true_type {};

template <class L, class R>
using enable_if_wrapped_t =
    std::enable_if_t<is_operand_wrapper<std::decay_t<L>>::value ||
                         is_operand_wrapper<std::decay_t<R>>::value,
                     bool>;

#define SQLITE_ORM_STANDIN_BINARY_OPERATOR(op, tag)                                   \
    template <class L, class R, enable_if_wrapped_t<L, R> = true>                     \
    binary_condition<L, R, tag> operator op(L l, R r) {                               \
        return {std::move(l), std::move(r)};                                          \
    }
SQLITE_ORM_STANDIN_BINARY_OPERATOR(==, eq_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(!=, ne_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(<, lt_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(<=, le_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(>, gt_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(>=, ge_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(&&, and_op)
SQLITE_ORM_STANDIN_BINARY_OPERATOR(||, or_op)
#undef SQLITE_ORM_STANDIN_BINARY_OPERATOR

template <class L, class R, enable_if_wrapped_t<L, R> = true> add_t<L, R> operator+(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R, enable_if_wrapped_t<L, R> = true> sub_t<L, R> operator-(L l, R r) {
    return {std::move(l), std::move(r)};
}

template <class C, std::enable_if_t<is_operand_wrapper<C>::value, bool> = true>
negated_condition_t<C> operator!(C c) { return {std::move(c)}; }

// ---- statement parts ----------------------------------------------------------
template <class C> struct where_t { C expression; };
template <class... Args> struct set_t { std::tuple<Args...> assigns; };
template <class O> struct order_by_t {
    O expression;
    order_by_t asc() const { return *this; }
    order_by_t desc() const { return *this; }
    order_by_t collate_nocase() const { return *this; }
};
template <class... Args> struct multi_order_by_t { std::tuple<Args...> args; };
template <class T> struct group_by_t { T expression; };
struct offset_t { int off; };
struct limit_t { int lim; int off = 0; };
template <class... Args> struct columns_t { std::tuple<Args...> columns; };
template <class T> struct distinct_t { T value; };
template <class... Args> struct join_t { std::tuple<Args...> args; };
template <class T> struct count_asterisk_t {};
template <class T> struct aggregate_t { T arg; };

// Result type of a column expression in select().
template <class T> struct column_result { using type = any_value; };
template <class O, class F> struct column_result<F O::*> { using type = F; };
template <class... Args> struct column_result<columns_t<Args...>> {
    using type = std::tuple<typename column_result<Args>::type...>;
};
template <class T> struct column_result<distinct_t<T>> { using type = typename column_result<T>::type; };

// ---- statement objects (for prepare()) ------------------------------------------
template <class T, class... Args> struct select_t {
    using return_type = std::vector<typename column_result<T>::type>;
    T col;
    std::tuple<Args...> conditions;
};
template <class O, class R, class... Args> struct get_all_t { using return_type = R; };
template <class O, class... Ids> struct get_t { using return_type = O; };
template <class O, class... Ids> struct get_pointer_t { using return_type = std::unique_ptr<O>; };
template <class O, class... Ids> struct get_optional_t { using return_type = std::optional<O>; };
template <class O> struct insert_t { using return_type = int; O object; };
template <class O> struct replace_t { using return_type = void; O object; };
template <class O> struct update_t { using return_type = void; O object; };
template <class O, class... Ids> struct remove_t { using return_type = void; };
template <class O, class... Args> struct remove_all_t { using return_type = void; };
template <class S, class... Wargs> struct update_all_t { using return_type = void; };

struct prepared_statement_base {
    sqlite3_stmt* stmt = nullptr;
    std::string sql() const { return {}; }
    std::string expanded_sql() const { return {}; }
    void reset() {}
};

template <class T> struct prepared_statement_t : prepared_statement_base {
    using expression_type = T;
    T expression;
};

// iterate<T>() returns a view that steps a SELECT while it is iterated.
template <class T, class S, class... Args> struct mapped_view {
    using mapped_type = T;
    struct iterator_t {
        T current{};
        const T& operator*() const { return current; }
        T& operator*() { return current; }
        const T* operator->() const { return &current; }
        iterator_t& operator++() { return *this; }
        bool operator==(const iterator_t&) const { return true; }
        bool operator!=(const iterator_t&) const { return false; }
    };
    iterator_t begin() { return {}; }
    iterator_t end() { return {}; }
};

// Guard returned by storage.transaction_guard(): rolls back in its destructor
// unless commit() was called (or commit_on_destroy is set).
struct transaction_guard_t {
    bool commit_on_destroy = false;
    bool gotta_fire = true;

    transaction_guard_t() = default;
    transaction_guard_t(transaction_guard_t&&) = default;
    transaction_guard_t& operator=(transaction_guard_t&&) = delete;
    ~transaction_guard_t() noexcept(false) {}

    void commit() { gotta_fire = false; }
    void rollback() { gotta_fire = false; }
};

enum class sync_schema_result {
    new_table_created,
    already_in_sync,
    old_columns_removed,
    new_columns_added,
    new_columns_added_and_old_columns_removed,
    dropped_and_recreated,
};

struct connection_ref {
    sqlite3* get() const { return nullptr; }
};

// Members shared by every storage: connection, pragmas, transactions.
struct storage_base {
    // Transactions.
    void begin_transaction() {}
    void begin_deferred_transaction() {}
    void begin_immediate_transaction() {}
    void begin_exclusive_transaction() {}
    void commit() {}
    void rollback() {}
    transaction_guard_t transaction_guard() { return {}; }
    transaction_guard_t deferred_transaction_guard() { return {}; }
    transaction_guard_t immediate_transaction_guard() { return {}; }
    transaction_guard_t exclusive_transaction_guard() { return {}; }
    bool transaction(const std::function<bool()>& f) { return f(); }

    // Schema and connection.
    void drop_table(const std::string&) {}
    void drop_table_if_exists(const std::string&) {}
    void drop_index(const std::string&) {}
    void rename_table(const std::string&, const std::string&) {}
    bool table_exists(const std::string&) { return false; }
    std::vector<std::string> table_names() { return {}; }
    void vacuum() {}
    int changes() { return 0; }
    int total_changes() { return 0; }
    int64_t last_insert_rowid() { return 0; }
    int busy_timeout(int ms) { return ms; }
    std::string libversion() { return {}; }
    void open_forever() {}
    connection_ref get_connection() { return {}; }
    const std::string& filename() const { return filename_; }
    bool is_opened() const { return true; }

    std::function<void(sqlite3*)> on_open;
    std::string filename_;
};

template <class... DBO> struct storage_t : storage_base {
    using self = storage_t<DBO...>;

    explicit storage_t(std::string filename, DBO... dbObjects)
        : dbObjects_(std::move(dbObjects)...) {
        filename_ = std::move(filename);
    }

    // Reads by primary key.
    template <class O, class... Ids> O get(Ids...) { return O{}; }
    template <class O, class... Ids> std::unique_ptr<O> get_pointer(Ids...) { return nullptr; }
    template <class O, class... Ids> std::optional<O> get_optional(Ids...) { return std::nullopt; }

    // Other reads.
    template <class O, class R = std::vector<O>, class... Args> R get_all(Args&&...) { return R{}; }
    template <class O, class R = std::vector<std::unique_ptr<O>>, class... Args>
    R get_all_pointer(Args&&...) { return R{}; }
    template <class O, class R = std::vector<std::optional<O>>, class... Args>
    R get_all_optional(Args&&...) { return R{}; }
    template <class T, class O = T, class... Args> mapped_view<O, self, Args...> iterate(Args&&...) {
        return {};
    }
    template <class T, class... Args>
    std::vector<typename column_result<T>::type> select(T, Args...) { return {}; }
    template <class O, class... Args> int count(Args&&...) { return 0; }
    template <class F, class O, class... Args> int count(F O::*, Args&&...) { return 0; }
    template <class F, class O, class... Args> double avg(F O::*, Args&&...) { return 0; }
    template <class F, class O, class... Args> std::unique_ptr<F> max(F O::*, Args&&...) { return nullptr; }
    template <class F, class O, class... Args> std::unique_ptr<F> min(F O::*, Args&&...) { return nullptr; }
    template <class F, class O, class... Args> std::unique_ptr<F> sum(F O::*, Args&&...) { return nullptr; }
    template <class F, class O, class... Args> double total(F O::*, Args&&...) { return 0; }
    template <class F, class O, class... Args> std::string group_concat(F O::*, Args&&...) { return {}; }

    // Writes.
    template <class O> int insert(const O&) { return 0; }
    template <class O, class... Cols> int insert(const O&, columns_t<Cols...>) { return 0; }
    template <class It> void insert_range(It, It) {}
    template <class O> void replace(const O&) {}
    template <class It> void replace_range(It, It) {}
    template <class O> void update(const O&) {}
    template <class S, class... Wargs> void update_all(S, Wargs...) {}
    template <class O, class... Ids> void remove(Ids...) {}
    template <class O, class... Args> void remove_all(Args&&...) {}

    // Prepared statements.
    template <class T> prepared_statement_t<T> prepare(T statement) { return {{}, std::move(statement)}; }
    template <class T> typename T::return_type execute(const prepared_statement_t<T>&) {
        return typename T::return_type();
    }
    template <class T> std::string dump(const T&, bool = true) const { return {}; }

    // Schema.
    std::map<std::string, sync_schema_result> sync_schema(bool preserve = false) {
        (void)preserve;
        return {};
    }
    std::map<std::string, sync_schema_result> sync_schema_simulate(bool preserve = false) {
        (void)preserve;
        return {};
    }
    template <class O> std::string tablename() const { return {}; }
    template <class F, class O> const std::string* column_name(F O::*) const { return nullptr; }

  private:
    std::tuple<DBO...> dbObjects_;
};

template <class S> struct storage_traits;

}  // namespace internal

// ---- public factory functions -------------------------------------------------------
template <class... DBO> internal::storage_t<DBO...> make_storage(std::string filename, DBO... dbObjects) {
    return internal::storage_t<DBO...>(std::move(filename), std::move(dbObjects)...);
}

template <class M, class... Op> internal::column_t<M, Op...> make_column(std::string name, M m, Op...) {
    return {std::move(name), m};
}

template <class... Cs>
internal::table_t<typename internal::first_object<Cs...>::type, Cs...> make_table(std::string name, Cs...) {
    return {std::move(name)};
}
template <class O, class... Cs> internal::table_t<O, Cs...> make_table(std::string name, Cs...) {
    return {std::move(name)};
}

inline internal::primary_key_t primary_key() { return {}; }
template <class... Cs> internal::primary_key_t primary_key(Cs...) { return {}; }
inline internal::autoincrement_t autoincrement() { return {}; }
inline internal::unique_t unique() { return {}; }
template <class... Cs> internal::unique_t unique(Cs...) { return {}; }
inline internal::not_null_t not_null() { return {}; }
template <class T> internal::default_t<T> default_value(T value) { return {std::move(value)}; }
template <class... Cs> internal::foreign_key_t<Cs...> foreign_key(Cs...) { return {}; }

// ---- expressions ------------------------------------------------------------------------
template <class T> internal::expression_t<T> c(T value) { return {std::move(value)}; }
template <class T> internal::where_t<T> where(T expression) { return {std::move(expression)}; }
template <class... Args> internal::set_t<Args...> set(Args... args) { return {{std::move(args)...}}; }
template <class L, class R> internal::assign_t<L, R> assign(L l, R r) { return {std::move(l), std::move(r)}; }
template <class L, class R> internal::binary_condition<L, R, internal::eq_op> is_equal(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::eq_op> eq(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::ne_op> is_not_equal(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::gt_op> greater_than(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::ge_op> greater_or_equal(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::lt_op> lesser_than(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::le_op> lesser_or_equal(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::and_op> and_(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class R> internal::binary_condition<L, R, internal::or_op> or_(L l, R r) {
    return {std::move(l), std::move(r)};
}
template <class L, class E> internal::dynamic_in_t<L, std::vector<E>> in(L l, std::vector<E> values) {
    return {std::move(l), std::move(values)};
}
template <class L, class E> internal::dynamic_in_t<L, std::vector<E>> in(L l, std::initializer_list<E> values) {
    return {std::move(l), values};
}
template <class L, class E> internal::dynamic_in_t<L, std::vector<E>> not_in(L l, std::vector<E> values) {
    return {std::move(l), std::move(values), true};
}
template <class L, class P> internal::like_t<L, P> like(L l, P pattern) { return {std::move(l), std::move(pattern)}; }
template <class L> internal::is_null_t<L> is_null(L l) { return {std::move(l)}; }
template <class L> internal::is_not_null_t<L> is_not_null(L l) { return {std::move(l)}; }

template <class O> internal::order_by_t<O> order_by(O o) { return {std::move(o)}; }
template <class... Args> internal::multi_order_by_t<Args...> multi_order_by(Args... args) {
    return {{std::move(args)...}};
}
template <class T> internal::group_by_t<T> group_by(T t) { return {std::move(t)}; }
inline internal::offset_t offset(int off) { return {off}; }
inline internal::limit_t limit(int lim) { return {lim}; }
inline internal::limit_t limit(int lim, internal::offset_t off) { return {lim, off.off}; }
template <class... Args> internal::columns_t<Args...> columns(Args... args) { return {{std::move(args)...}}; }
template <class T> internal::distinct_t<T> distinct(T t) { return {std::move(t)}; }
template <class T> internal::aggregate_t<T> max(T t) { return {std::move(t)}; }
template <class T> internal::aggregate_t<T> min(T t) { return {std::move(t)}; }
template <class T> internal::aggregate_t<T> sum(T t) { return {std::move(t)}; }
template <class T> internal::aggregate_t<T> avg(T t) { return {std::move(t)}; }
template <class T> internal::count_asterisk_t<T> count() { return {}; }
template <class T> internal::aggregate_t<T> count(T t) { return {std::move(t)}; }
template <class T, class O> internal::join_t<T, O> inner_join(O o) { return {{T{}, std::move(o)}}; }
template <class T, class O> internal::join_t<T, O> left_join(O o) { return {{T{}, std::move(o)}}; }
template <class T> internal::join_t<T> on(T t) { return {{std::move(t)}}; }

// ---- statement builders for storage.prepare(...) -----------------------------------
template <class T, class... Args> internal::select_t<T, Args...> select(T t, Args... args) {
    return {std::move(t), {std::move(args)...}};
}
template <class O, class R = std::vector<O>, class... Args> internal::get_all_t<O, R, Args...> get_all(Args...) {
    return {};
}
template <class O, class... Ids> internal::get_t<O, Ids...> get(Ids...) { return {}; }
template <class O, class... Ids> internal::get_pointer_t<O, Ids...> get_pointer(Ids...) { return {}; }
template <class O, class... Ids> internal::get_optional_t<O, Ids...> get_optional(Ids...) { return {}; }
template <class O> internal::insert_t<O> insert(O o) { return {std::move(o)}; }
template <class O> internal::replace_t<O> replace(O o) { return {std::move(o)}; }
template <class O> internal::update_t<O> update(O o) { return {std::move(o)}; }
template <class O, class... Ids> internal::remove_t<O, Ids...> remove(Ids...) { return {}; }
template <class O, class... Args> internal::remove_all_t<O, Args...> remove_all(Args...) { return {}; }
template <class S, class... Wargs> internal::update_all_t<S, Wargs...> update_all(S, Wargs...) { return {}; }

}  // namespace sqlite_orm
