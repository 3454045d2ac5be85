// Test stand-in for sqlpp11 (https://github.com/rbock/sqlpp11), core header.
//
// Declares the public names of the real <sqlpp11/sqlpp11.h> - value types,
// table_t/column_t, select/insert_into/update/remove_from, parameters,
// prepared_*_t, result_t, transaction_t/start_transaction - with just enough
// type machinery for typical user code (ddl2cpp-style table definitions,
// `for (const auto& row : db(select(...).from(t).where(...)))`, `row.id`,
// `prep.params.id = 1`) to compile. Nothing here talks to a database. Only
// standard headers are used.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace sqlpp {

// ---- value types (sqlpp11/data_types) ----------------------------------------------
struct no_value_t { using _cpp_value_type = void; };
struct boolean { using _cpp_value_type = bool; };
struct integer { using _cpp_value_type = int64_t; };
using tinyint = integer;
using smallint = integer;
using bigint = integer;
struct unsigned_integer { using _cpp_value_type = uint64_t; };
using tinyint_unsigned = unsigned_integer;
using smallint_unsigned = unsigned_integer;
using integer_unsigned = unsigned_integer;
using bigint_unsigned = unsigned_integer;
struct floating_point { using _cpp_value_type = double; };
using real = floating_point;
using double_precision = floating_point;
struct text { using _cpp_value_type = std::string; };
using char_ = text;
using varchar = text;
using tinytext = text;
using mediumtext = text;
using longtext = text;
struct blob { using _cpp_value_type = std::vector<uint8_t>; };
using varbinary = blob;
using mediumblob = blob;
using chrono_day = std::chrono::duration<int, std::ratio<86400>>;
struct day_point {
    using _cpp_value_type = std::chrono::time_point<std::chrono::system_clock, chrono_day>;
};
using date = day_point;
struct time_point {
    using _cpp_value_type = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;
};
using datetime = time_point;
struct time_of_day { using _cpp_value_type = std::chrono::microseconds; };

namespace tag {
struct must_not_insert {};
struct must_not_update {};
struct can_be_null {};
struct require_insert {};
struct is_column {};
}  // namespace tag

template <typename ValueType, typename... Tags> struct make_traits {
    using _value_type = ValueType;
    using _tags = std::tuple<Tags...>;
};

template <std::size_t N, const char* s> struct char_sequence_of {};
template <std::size_t N, const char* s> using make_char_sequence = char_sequence_of<N, s>;

struct null_t {};
static constexpr null_t null = {};
struct default_value_t {};
static constexpr default_value_t default_value = {};

// ---- expressions ------------------------------------------------------------------
struct expression_tag {};
template <typename T> struct is_expression : std::is_base_of<expression_tag, std::decay_t<T>> {};

template <typename T, typename = void> struct parameters_of { using type = std::tuple<>; };
template <typename T> struct parameters_of<T, std::void_t<typename T::_parameters>> {
    using type = typename T::_parameters;
};
template <typename... Ts> using parameters_cat_t =
    decltype(std::tuple_cat(std::declval<typename parameters_of<Ts>::type>()...));

template <typename T, typename = void> struct value_type_of { using type = no_value_t; };
template <typename T> struct value_type_of<T, std::void_t<typename T::_value_type>> {
    using type = typename T::_value_type;
};

template <typename Expr, typename AliasProvider> struct expression_alias_t;
template <typename L, typename Op, typename R> struct binary_expression_t;
template <typename Expr> struct sort_order_t;
template <typename Expr, typename... Args> struct in_t;
template <typename Expr, typename Pattern> struct like_t;
template <typename Expr, bool Null> struct is_null_t;

// Member functions every expression has (sqlpp11/expression_operators.h).
template <typename Expr> struct expression_operators {
    const Expr& _self() const { return static_cast<const Expr&>(*this); }
    template <typename AliasProvider> expression_alias_t<Expr, AliasProvider> as(const AliasProvider&) const {
        return {_self()};
    }
    sort_order_t<Expr> asc() const { return {_self()}; }
    sort_order_t<Expr> desc() const { return {_self()}; }
    template <typename... Args> in_t<Expr, Args...> in(Args... args) const { return {_self(), {args...}}; }
    template <typename... Args> in_t<Expr, Args...> not_in(Args... args) const { return {_self(), {args...}}; }
    template <typename P> like_t<Expr, P> like(P pattern) const { return {_self(), pattern}; }
    is_null_t<Expr, true> is_null() const { return {_self()}; }
    is_null_t<Expr, false> is_not_null() const { return {_self()}; }
};

template <typename L, typename Op, typename R>
struct binary_expression_t : expression_tag, expression_operators<binary_expression_t<L, Op, R>> {
    using _value_type = typename Op::template value_type<typename value_type_of<L>::type>;
    using _parameters = parameters_cat_t<L, R>;
    L lhs;
    R rhs;
    binary_expression_t(L l, R r) : lhs(std::move(l)), rhs(std::move(r)) {}
};

template <typename Expr> struct unary_not_t : expression_tag, expression_operators<unary_not_t<Expr>> {
    using _value_type = boolean;
    using _parameters = typename parameters_of<Expr>::type;
    Expr expr;
    unary_not_t(Expr e) : expr(std::move(e)) {}
};

template <typename Expr> struct sort_order_t {
    using _parameters = typename parameters_of<Expr>::type;
    Expr expr;
    sort_order_t(Expr e) : expr(std::move(e)) {}
};
template <typename Expr, typename... Args> struct in_t : expression_tag, expression_operators<in_t<Expr, Args...>> {
    using _value_type = boolean;
    using _parameters = parameters_cat_t<Expr, Args...>;
    Expr expr;
    std::tuple<Args...> args;
    in_t(Expr e, std::tuple<Args...> a) : expr(std::move(e)), args(std::move(a)) {}
};
template <typename Expr, typename Pattern> struct like_t : expression_tag, expression_operators<like_t<Expr, Pattern>> {
    using _value_type = boolean;
    using _parameters = parameters_cat_t<Expr, Pattern>;
    Expr expr;
    Pattern pattern;
    like_t(Expr e, Pattern p) : expr(std::move(e)), pattern(std::move(p)) {}
};
template <typename Expr, bool Null> struct is_null_t : expression_tag, expression_operators<is_null_t<Expr, Null>> {
    using _value_type = boolean;
    using _parameters = typename parameters_of<Expr>::type;
    Expr expr;
    is_null_t(Expr e) : expr(std::move(e)) {}
};

struct op_bool { template <typename> using value_type = boolean; };
struct op_same { template <typename V> using value_type = V; };

#define SQLPP_STANDIN_BINARY_OPERATOR(op, kind)                                                   \
    template <typename L, typename R,                                                             \
              std::enable_if_t<is_expression<L>::value || is_expression<R>::value, bool> = true>  \
    binary_expression_t<L, kind, R> operator op(L l, R r) {                                       \
        return {std::move(l), std::move(r)};                                                      \
    }
SQLPP_STANDIN_BINARY_OPERATOR(==, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(!=, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(<, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(<=, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(>, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(>=, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(&&, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(||, op_bool)
SQLPP_STANDIN_BINARY_OPERATOR(+, op_same)
SQLPP_STANDIN_BINARY_OPERATOR(-, op_same)
SQLPP_STANDIN_BINARY_OPERATOR(*, op_same)
SQLPP_STANDIN_BINARY_OPERATOR(/, op_same)
#undef SQLPP_STANDIN_BINARY_OPERATOR

template <typename Expr, std::enable_if_t<is_expression<Expr>::value, bool> = true>
unary_not_t<Expr> operator!(Expr e) { return {std::move(e)}; }

template <typename Expr, typename AliasProvider>
struct expression_alias_t : expression_tag {
    using _alias_t = typename AliasProvider::_alias_t;
    using _value_type = typename value_type_of<Expr>::type;
    using _parameters = typename parameters_of<Expr>::type;
    Expr expr;
    expression_alias_t(Expr e) : expr(std::move(e)) {}
};

// Aggregates and functions.
template <typename Expr, typename ValueType>
struct function_t : expression_tag, expression_operators<function_t<Expr, ValueType>> {
    using _value_type = ValueType;
    using _parameters = typename parameters_of<Expr>::type;
    Expr expr;
    function_t(Expr e) : expr(std::move(e)) {}
};
template <typename Expr> function_t<Expr, integer> count(Expr e) { return {std::move(e)}; }
template <typename Expr> function_t<Expr, typename value_type_of<Expr>::type> max(Expr e) { return {std::move(e)}; }
template <typename Expr> function_t<Expr, typename value_type_of<Expr>::type> min(Expr e) { return {std::move(e)}; }
template <typename Expr> function_t<Expr, typename value_type_of<Expr>::type> sum(Expr e) { return {std::move(e)}; }
template <typename Expr> function_t<Expr, floating_point> avg(Expr e) { return {std::move(e)}; }
template <typename T> function_t<T, typename value_type_of<T>::type> value(T t) { return {std::move(t)}; }
template <typename ValueType> function_t<std::string, ValueType> verbatim(std::string s) { return {std::move(s)}; }

// ---- parameters -------------------------------------------------------------------
template <typename ValueType, typename NameType>
struct parameter_t : expression_tag, expression_operators<parameter_t<ValueType, NameType>> {
    using _value_type = ValueType;
    using _alias_t = typename NameType::_alias_t;
    using _parameters = std::tuple<parameter_t>;
};

template <typename NamedExpr>
parameter_t<typename NamedExpr::_value_type, NamedExpr> parameter(const NamedExpr&) { return {}; }
template <typename ValueType, typename AliasProvider>
parameter_t<ValueType, AliasProvider> parameter(const ValueType&, const AliasProvider&) { return {}; }

template <typename ValueType> struct parameter_value_t {
    using _cpp_value_type = typename ValueType::_cpp_value_type;
    _cpp_value_type _value{};
    bool _is_null = true;
    template <typename T> parameter_value_t& operator=(const T& v) {
        _value = static_cast<_cpp_value_type>(v);
        _is_null = false;
        return *this;
    }
    parameter_value_t& operator=(const null_t&) {
        _is_null = true;
        return *this;
    }
    void set_null() { _is_null = true; }
    bool is_null() const { return _is_null; }
    const _cpp_value_type& value() const { return _value; }
};

template <typename Params> struct parameter_list_t;
template <typename... Ps>
struct parameter_list_t<std::tuple<Ps...>>
    : Ps::_alias_t::template _member_t<parameter_value_t<typename Ps::_value_type>>... {};

// ---- results ----------------------------------------------------------------------
template <typename ValueType> struct result_field_t {
    using _cpp_value_type = typename ValueType::_cpp_value_type;
    _cpp_value_type _value{};
    bool _is_null = false;
    bool is_null() const { return _is_null; }
    const _cpp_value_type& value() const { return _value; }
    operator _cpp_value_type() const { return _value; }
};
template <typename ValueType>
std::ostream& operator<<(std::ostream& os, const result_field_t<ValueType>& f) {
    if constexpr (std::is_same_v<ValueType, blob>)
        return os << "<blob>";
    else if constexpr (std::is_same_v<ValueType, day_point> || std::is_same_v<ValueType, time_point> ||
                       std::is_same_v<ValueType, time_of_day>)
        return os << "<time>";
    else
        return os << f.value();
}

template <typename Fields> struct result_row_t;
template <typename... Fs>
struct result_row_t<std::tuple<Fs...>>
    : Fs::_alias_t::template _member_t<result_field_t<typename Fs::_value_type>>... {
    bool _is_valid = true;
    explicit operator bool() const { return _is_valid; }
};

template <typename Row> class result_t {
  public:
    using row_type = Row;
    class iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = const Row*;
        using reference = const Row&;
        const Row& operator*() const { return _row; }
        const Row* operator->() const { return &_row; }
        iterator& operator++() { return *this; }
        iterator operator++(int) { return *this; }
        bool operator==(const iterator&) const { return true; }
        bool operator!=(const iterator&) const { return false; }

      private:
        Row _row{};
    };
    iterator begin() { return {}; }
    iterator end() { return {}; }
    const Row& front() const { return _row; }
    bool empty() const { return true; }
    void pop_front() {}
    std::size_t size() const { return 0; }

  private:
    Row _row{};
};

// ---- tables and columns -----------------------------------------------------------
struct assign_op { template <typename V> using value_type = no_value_t; };

template <typename Table, typename ColumnSpec>
struct column_t : expression_tag, expression_operators<column_t<Table, ColumnSpec>> {
    using _spec_t = ColumnSpec;
    using _table = Table;
    using _alias_t = typename ColumnSpec::_alias_t;
    using _value_type = typename ColumnSpec::_traits::_value_type;
    using _parameters = std::tuple<>;

    column_t() = default;
    column_t(const column_t&) = default;
    column_t(column_t&&) = default;
    column_t& operator=(const column_t&) = default;
    column_t& operator=(column_t&&) = default;

    // tab.name = "x" inside set(...) is an assignment expression.
    template <typename T> binary_expression_t<column_t, assign_op, T> operator=(T t) const {
        return {*this, std::move(t)};
    }
};
template <typename Table, typename... ColumnSpec>
struct table_t : ColumnSpec::_alias_t::template _member_t<column_t<Table, ColumnSpec>>... {
    using _table_t = Table;
    using _columns = std::tuple<column_t<Table, ColumnSpec>...>;
    template <typename AliasProvider> Table as(const AliasProvider&) const { return Table{}; }
};

template <typename Table> struct all_of_t { using _columns = typename Table::_columns; };
template <typename Table> all_of_t<Table> all_of(const Table&) { return {}; }

// Fields that select(...) produces for each of its arguments.
template <typename T> struct fields_of { using type = std::tuple<T>; };
template <typename Table> struct fields_of<all_of_t<Table>> { using type = typename Table::_columns; };
template <typename... Cols> using fields_cat_t =
    decltype(std::tuple_cat(std::declval<typename fields_of<Cols>::type>()...));

// ---- statements ---------------------------------------------------------------------
// Statement policies, named as in sqlpp11 (statement_t<..., update_t, ...>).
struct select_t {};
struct insert_t {};
struct update_t {};
struct remove_t {};

template <typename Db, typename Statement> struct prepared_select_t;
template <typename Db, typename Statement> struct prepared_insert_t;
template <typename Db, typename Statement> struct prepared_update_t;
template <typename Db, typename Statement> struct prepared_remove_t;
template <typename Db, typename Statement> struct prepared_execute_t;

template <typename Kind, typename Row, typename Params> struct statement_t;

template <typename Kind, typename Row, typename Params> struct statement_result {
    using type = std::size_t;
};
template <typename Row, typename Params> struct statement_result<select_t, Row, Params> {
    using type = result_t<Row>;
};

template <typename Kind> struct prepared_of;
template <> struct prepared_of<select_t> { template <typename Db, typename S> using type = prepared_select_t<Db, S>; };
template <> struct prepared_of<insert_t> { template <typename Db, typename S> using type = prepared_insert_t<Db, S>; };
template <> struct prepared_of<update_t> { template <typename Db, typename S> using type = prepared_update_t<Db, S>; };
template <> struct prepared_of<remove_t> { template <typename Db, typename S> using type = prepared_remove_t<Db, S>; };

template <typename Kind, typename Row, typename Params> struct statement_t {
    using _result_row_t = Row;
    using _parameters = Params;
    using _result_type = typename statement_result<Kind, Row, Params>::type;
    template <typename Db> using _prepared_t = typename prepared_of<Kind>::template type<Db, statement_t>;
    template <typename E> using _with = statement_t<Kind, Row, decltype(std::tuple_cat(
                                                                  std::declval<Params>(),
                                                                  std::declval<typename parameters_of<E>::type>()))>;

    template <typename... Tables> statement_t from(Tables...) const { return *this; }
    template <typename E> _with<E> where(E) const { return {}; }
    statement_t unconditionally() const { return *this; }
    template <typename E> _with<E> having(E) const { return {}; }
    template <typename... Args> statement_t group_by(Args...) const { return *this; }
    template <typename... Args> statement_t order_by(Args...) const { return *this; }
    statement_t limit(std::size_t) const { return *this; }
    statement_t offset(std::size_t) const { return *this; }
    template <typename... Args> statement_t flags(Args...) const { return *this; }
    template <typename... Assignments>
    statement_t<Kind, Row, decltype(std::tuple_cat(std::declval<Params>(),
                                                   std::declval<parameters_cat_t<Assignments...>>()))>
    set(Assignments...) const {
        return {};
    }
    statement_t default_values() const { return *this; }
    template <typename... Cols> statement_t columns(Cols...) const { return *this; }
    template <typename Tab> statement_t using_(Tab) const { return *this; }
};

template <typename Db, typename Statement> struct prepared_select_t {
    using _result_type = result_t<typename Statement::_result_row_t>;
    parameter_list_t<typename Statement::_parameters> params;
};
template <typename Db, typename Statement> struct prepared_insert_t {
    using _result_type = std::size_t;
    parameter_list_t<typename Statement::_parameters> params;
};
template <typename Db, typename Statement> struct prepared_update_t {
    using _result_type = std::size_t;
    parameter_list_t<typename Statement::_parameters> params;
};
template <typename Db, typename Statement> struct prepared_remove_t {
    using _result_type = std::size_t;
    parameter_list_t<typename Statement::_parameters> params;
};
template <typename Db, typename Statement> struct prepared_execute_t {
    using _result_type = std::size_t;
    parameter_list_t<typename Statement::_parameters> params;
};

struct no_row_t {};
using empty_params_t = std::tuple<>;

template <typename... Columns>
statement_t<select_t, result_row_t<fields_cat_t<Columns...>>, parameters_cat_t<Columns...>> select(Columns...) {
    return {};
}
inline statement_t<select_t, result_row_t<std::tuple<>>, empty_params_t> select() { return {}; }
template <typename Table> statement_t<insert_t, no_row_t, empty_params_t> insert_into(Table) { return {}; }
template <typename Table> statement_t<insert_t, no_row_t, empty_params_t> insert() { return {}; }
template <typename Table> statement_t<update_t, no_row_t, empty_params_t> update(Table) { return {}; }
template <typename Table> statement_t<remove_t, no_row_t, empty_params_t> remove_from(Table) { return {}; }

// ---- connections and transactions ---------------------------------------------------------
// Base class of every connector's connection class.
class connection {};

// sqlpp::normal_connection<connection_base> is what `sqlpp::sqlite3::connection`
// and friends are (sqlpp11 0.64 and later).
template <typename ConnectionBase> class common_connection : public ConnectionBase {
  public:
    using ConnectionBase::ConnectionBase;
    bool is_connected() const { return true; }
    void ping_server() const {}
};

template <typename ConnectionBase> class normal_connection : public common_connection<ConnectionBase> {
  public:
    using _config_t = typename ConnectionBase::_config_t;
    using _config_ptr_t = std::shared_ptr<const _config_t>;

    normal_connection() = default;
    normal_connection(const _config_t& config) { this->_config = std::make_shared<_config_t>(config); }
    normal_connection(const _config_ptr_t& config) { this->_config = config; }
    normal_connection(const normal_connection&) = delete;
    normal_connection(normal_connection&&) = default;
    normal_connection& operator=(const normal_connection&) = delete;
    normal_connection& operator=(normal_connection&&) = default;

    void connect_using(const _config_ptr_t& config) { this->_config = config; }
};

template <typename ConnectionBase> class pooled_connection : public common_connection<ConnectionBase> {};

enum class isolation_level { undefined, serializable, repeatable_read, read_committed, read_uncommitted };

static constexpr bool report_auto_rollback = true;

template <typename Db> class transaction_t {
  public:
    transaction_t(Db& db, bool report_unfinished_transaction)
        : _db(db), _report_unfinished_transaction(report_unfinished_transaction) {
        _db.start_transaction();
    }
    transaction_t(const transaction_t&) = delete;
    transaction_t(transaction_t&&) = default;
    transaction_t& operator=(const transaction_t&) = delete;
    transaction_t& operator=(transaction_t&&) = delete;
    ~transaction_t() {
        if (!_finished) _db.rollback_transaction(_report_unfinished_transaction);
    }

    void commit() {
        _finished = true;
        _db.commit_transaction();
    }
    void rollback() {
        _finished = true;
        _db.rollback_transaction(false);
    }

  private:
    Db& _db;
    bool _finished = false;
    bool _report_unfinished_transaction;
};

template <typename Db>
transaction_t<Db> start_transaction(Db& db, bool report_unfinished_transaction = report_auto_rollback) {
    return {db, report_unfinished_transaction};
}

}  // namespace sqlpp

// ddl2cpp and user code name columns/aliases with this macro.
#define SQLPP_ALIAS_PROVIDER(name)                                                          \
    struct name##_t {                                                                       \
        struct _alias_t {                                                                   \
            static constexpr const char _literal[] = #name;                                 \
            using _name_t = sqlpp::make_char_sequence<sizeof(_literal), _literal>;          \
            template <typename T> struct _member_t {                                        \
                T name;                                                                     \
                T& operator()() { return name; }                                            \
                const T& operator()() const { return name; }                                \
            };                                                                              \
        };                                                                                  \
    };                                                                                      \
    constexpr name##_t name = {};
