// Test stand-in for TinyORM's query builder, <orm/query/querybuilder.hpp>
// (Orm::Query::Builder, returned by DB::table(...) and DB::query()).
#pragma once

#include <orm/ormtypes.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

namespace Orm {
namespace Query {

namespace Concerns {
class BuildsQueries {
  public:
    virtual ~BuildsQueries() = default;
    bool chunk(qint64 count, const std::function<bool(SqlQuery& results, qint64 page)>& callback) {
        (void)count, (void)callback;
        return true;
    }
    bool each(const std::function<bool(SqlQuery& row, qint64 index)>& callback, qint64 count = 1000) {
        (void)callback, (void)count;
        return true;
    }
    bool chunkById(qint64 count, const std::function<bool(SqlQuery& results, qint64 page)>& callback,
                   const QString& column = "", const QString& alias = "") {
        (void)count, (void)callback, (void)column, (void)alias;
        return true;
    }
    bool eachById(const std::function<bool(SqlQuery& row, qint64 index)>& callback, qint64 count = 1000,
                  const QString& column = "", const QString& alias = "") {
        (void)callback, (void)count, (void)column, (void)alias;
        return true;
    }
    SqlQuery sole(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return SqlQuery();
    }
};
}  // namespace Concerns

class Builder : public Concerns::BuildsQueries {
  public:
    Builder() = default;

    // ---- building (no round trip) ----
    Builder& select(const QList<Column>& columns = {Constants::ASTERISK}) { (void)columns; return *this; }
    Builder& from(const QString&, const QString& as = "") { (void)as; return *this; }
    Builder& distinct() { return *this; }
    Builder& join(const QString&, const QString&, const QString&, const QString&) { return *this; }
    Builder& leftJoin(const QString&, const QString&, const QString&, const QString&) { return *this; }
    template <typename T>
    Builder& where(const Column&, const QString&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return *this;
    }
    template <typename T> Builder& orWhere(const Column&, const QString&, T&&) { return *this; }
    template <typename T> Builder& whereEq(const Column&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return *this;
    }
    Builder& whereIn(const Column&, const QList<QVariant>&) { return *this; }
    Builder& whereNull(const Column&) { return *this; }
    Builder& whereNotNull(const Column&) { return *this; }
    Builder& whereRaw(const QString&, const QList<QVariant>& bindings = {}) { (void)bindings; return *this; }
    Builder& groupBy(const QList<Column>&) { return *this; }
    Builder& orderBy(const Column&, const QString& direction = Constants::ASC) { (void)direction; return *this; }
    Builder& orderByDesc(const Column&) { return *this; }
    Builder& latest(const Column& column = "") { (void)column; return *this; }
    Builder& limit(qint64) { return *this; }
    Builder& take(qint64) { return *this; }
    Builder& offset(qint64) { return *this; }
    Builder& skip(qint64) { return *this; }
    Builder& lockForUpdate() { return *this; }
    Builder& sharedLock() { return *this; }
    QString toSql() { return QString(); }

    // ---- retrieving results ----
    SqlQuery get(const QList<Column>& columns = {Constants::ASTERISK}) { (void)columns; return SqlQuery(); }
    SqlQuery find(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return SqlQuery();
    }
    SqlQuery first(const QList<Column>& columns = {Constants::ASTERISK}) { (void)columns; return SqlQuery(); }
    QVariant value(const Column&) { return QVariant(); }
    QVariant soleValue(const Column&) { return QVariant(); }
    QList<QVariant> pluck(const Column&) { return {}; }
    template <typename T> std::map<T, QVariant> pluck(const Column&, const Column&) { return {}; }
    QString implode(const QString&, const QString& glue = "") { (void)glue; return QString(); }
    bool exists() { return false; }
    bool doesntExist() { return true; }
    quint64 count(const QList<Column>& columns = {Constants::ASTERISK}) const { (void)columns; return 0; }
    quint64 count(const Column&) { return 0; }
    QVariant min(const Column&) const { return QVariant(); }
    QVariant max(const Column&) const { return QVariant(); }
    QVariant sum(const Column&) const { return QVariant(); }
    QVariant avg(const Column&) const { return QVariant(); }
    QVariant average(const Column&) const { return QVariant(); }

    // ---- writing ----
    std::optional<SqlQuery> insert(const QList<QVariantMap>&) { return std::nullopt; }
    std::optional<SqlQuery> insert(const QVariantMap&) { return std::nullopt; }
    std::optional<SqlQuery> insert(const QList<QString>&, const QList<QList<QVariant>>&) { return std::nullopt; }
    quint64 insertGetId(const QVariantMap&, const QString& sequence = "") { (void)sequence; return 0; }
    std::tuple<int, std::optional<TSqlQuery>> insertOrIgnore(const QVariantMap&) { return {0, std::nullopt}; }
    std::tuple<int, TSqlQuery> update(const QList<UpdateItem>&) { return {0, TSqlQuery()}; }
    std::tuple<int, std::optional<TSqlQuery>> updateOrInsert(const QList<WhereItem>&, const QList<UpdateItem>& = {}) {
        return {0, std::nullopt};
    }
    std::tuple<int, std::optional<TSqlQuery>> upsert(const QList<QVariantMap>&, const QStringList&,
                                                     const QStringList& = {}) {
        return {0, std::nullopt};
    }
    std::tuple<int, TSqlQuery> deleteRow() { return {0, TSqlQuery()}; }
    std::tuple<int, TSqlQuery> remove() { return {0, TSqlQuery()}; }
    template <typename T> std::tuple<int, TSqlQuery> deleteRow(T&&) { return {0, TSqlQuery()}; }
    template <typename T> std::tuple<int, TSqlQuery> remove(T&&) { return {0, TSqlQuery()}; }
    void truncate() {}
    template <typename T = std::size_t>
    std::tuple<int, TSqlQuery> increment(const QString&, T amount = 1, const QList<UpdateItem>& extra = {}) {
        (void)amount, (void)extra;
        return {0, TSqlQuery()};
    }
    template <typename T = std::size_t>
    std::tuple<int, TSqlQuery> decrement(const QString&, T amount = 1, const QList<UpdateItem>& extra = {}) {
        (void)amount, (void)extra;
        return {0, TSqlQuery()};
    }
};

}  // namespace Query
}  // namespace Orm
