// Test stand-in for TinyORM's DB facade, <orm/db.hpp> (Orm::DB), together with
// Orm::DatabaseConnection, Orm::Concerns::ManagesTransactions and
// Orm::DatabaseManager. Every call is a trivial stub.
#pragma once

#include <orm/ormtypes.hpp>
#include <orm/query/querybuilder.hpp>

#include <cstddef>
#include <memory>
#include <tuple>

namespace Orm {

namespace Concerns {
class ManagesTransactions {
  public:
    virtual ~ManagesTransactions() = default;
    bool beginTransaction() { return true; }
    bool commit() { return true; }
    bool rollBack() { return true; }
    bool savepoint(const QString&) { return true; }
    bool rollbackToSavepoint(const QString&) { return true; }
    std::size_t transactionLevel() const { return 0; }
};
}  // namespace Concerns

class DatabaseConnection : public Concerns::ManagesTransactions {
  public:
    std::shared_ptr<QueryBuilder> table(const QString&, const QString& as = "") {
        (void)as;
        return std::make_shared<QueryBuilder>();
    }
    std::shared_ptr<QueryBuilder> query() { return std::make_shared<QueryBuilder>(); }

    SqlQuery select(const QString&, QList<QVariant> bindings = {}) { (void)bindings; return SqlQuery(); }
    SqlQuery selectOne(const QString&, QList<QVariant> bindings = {}) { (void)bindings; return SqlQuery(); }
    QVariant scalar(const QString&, QList<QVariant> bindings = {}) { (void)bindings; return QVariant(); }
    SqlQuery insert(const QString&, QList<QVariant> bindings = {}) { (void)bindings; return SqlQuery(); }
    std::tuple<int, TSqlQuery> update(const QString&, QList<QVariant> bindings = {}) {
        (void)bindings;
        return {0, TSqlQuery()};
    }
    std::tuple<int, TSqlQuery> remove(const QString&, QList<QVariant> bindings = {}) {
        (void)bindings;
        return {0, TSqlQuery()};
    }
    SqlQuery statement(const QString&, QList<QVariant> bindings = {}) { (void)bindings; return SqlQuery(); }
    std::tuple<int, TSqlQuery> affectingStatement(const QString&, QList<QVariant> bindings = {}) {
        (void)bindings;
        return {0, TSqlQuery()};
    }
    SqlQuery unprepared(const QString&) { return SqlQuery(); }

    const QString& getName() const { return name_; }

  private:
    QString name_;
};

class DatabaseManager {
  public:
    DatabaseConnection& connection(const QString& name = "") {
        (void)name;
        static DatabaseConnection c;
        return c;
    }
    bool beginTransaction(const QString& connection = "") { (void)connection; return true; }
    bool commit(const QString& connection = "") { (void)connection; return true; }
    bool rollBack(const QString& connection = "") { (void)connection; return true; }
};

// Static facade over the DatabaseManager.
class DB final {
  public:
    DB() = delete;

    static std::shared_ptr<DatabaseManager> create(const QVariantHash& config, const QString& connection = "") {
        (void)config, (void)connection;
        return std::make_shared<DatabaseManager>();
    }

    static std::shared_ptr<QueryBuilder> table(const QString&, const QString& connection = "") {
        (void)connection;
        return std::make_shared<QueryBuilder>();
    }
    static std::shared_ptr<QueryBuilder> query(const QString& connection = "") {
        (void)connection;
        return std::make_shared<QueryBuilder>();
    }
    static Query::Expression raw(const QVariant&) { return Query::Expression(QString()); }

    static SqlQuery select(const QString&, QList<QVariant> bindings = {}, const QString& connection = "") {
        (void)bindings, (void)connection;
        return SqlQuery();
    }
    static SqlQuery selectFromWriteConnection(const QString&, QList<QVariant> bindings = {},
                                              const QString& connection = "") {
        (void)bindings, (void)connection;
        return SqlQuery();
    }
    static SqlQuery selectOne(const QString&, QList<QVariant> bindings = {}, const QString& connection = "") {
        (void)bindings, (void)connection;
        return SqlQuery();
    }
    static QVariant scalar(const QString&, QList<QVariant> bindings = {}, const QString& connection = "") {
        (void)bindings, (void)connection;
        return QVariant();
    }
    static SqlQuery insert(const QString&, QList<QVariant> bindings = {}, const QString& connection = "") {
        (void)bindings, (void)connection;
        return SqlQuery();
    }
    static std::tuple<int, TSqlQuery> update(const QString&, QList<QVariant> bindings = {},
                                             const QString& connection = "") {
        (void)bindings, (void)connection;
        return {0, TSqlQuery()};
    }
    static std::tuple<int, TSqlQuery> remove(const QString&, QList<QVariant> bindings = {},
                                             const QString& connection = "") {
        (void)bindings, (void)connection;
        return {0, TSqlQuery()};
    }
    static SqlQuery statement(const QString&, QList<QVariant> bindings = {}, const QString& connection = "") {
        (void)bindings, (void)connection;
        return SqlQuery();
    }
    static std::tuple<int, TSqlQuery> affectingStatement(const QString&, QList<QVariant> bindings = {},
                                                         const QString& connection = "") {
        (void)bindings, (void)connection;
        return {0, TSqlQuery()};
    }
    static SqlQuery unprepared(const QString&, const QString& connection = "") {
        (void)connection;
        return SqlQuery();
    }

    static bool beginTransaction(const QString& connection = "") { (void)connection; return true; }
    static bool commit(const QString& connection = "") { (void)connection; return true; }
    static bool rollBack(const QString& connection = "") { (void)connection; return true; }
    static bool savepoint(const QString&, const QString& connection = "") { (void)connection; return true; }
    static bool savepoint(std::size_t, const QString& connection = "") { (void)connection; return true; }
    static bool rollbackToSavepoint(const QString&, const QString& connection = "") {
        (void)connection;
        return true;
    }
    static bool rollbackToSavepoint(std::size_t, const QString& connection = "") {
        (void)connection;
        return true;
    }
    static std::size_t transactionLevel(const QString& connection = "") { (void)connection; return 0; }

    static DatabaseConnection& connection(const QString& name = "") {
        (void)name;
        static DatabaseConnection c;
        return c;
    }
    static DatabaseConnection& on(const QString& connection) { return DB::connection(connection); }
};

}  // namespace Orm
