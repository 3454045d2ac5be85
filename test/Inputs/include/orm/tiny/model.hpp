// Test stand-in for TinyORM's model, <orm/tiny/model.hpp>
// (https://github.com/silverqx/TinyORM).
//
// Declares Orm::Tiny::Model<Derived, AllRelations...> with the classes it is
// built from as in the real library - Concerns::HasAttributes,
// Concerns::HasRelationships, ModelProxies (the static Post::find(1) style
// calls) - the TinyBuilder (Orm::Tiny::Builder, BuilderProxies,
// Concerns::BuildsQueries), ModelsCollection and the relation classes, with
// trivial bodies. Nothing here talks to a database. Compiles as C++17 (the
// real library needs C++20 and Qt); see <orm/ormtypes.hpp> for the Qt types.
#pragma once

#include <orm/db.hpp>
#include <orm/ormtypes.hpp>
#include <orm/query/querybuilder.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace Orm {
namespace Tiny {

// ---- types (orm/tiny/tinytypes.hpp) ---------------------------------------------------------
struct AttributeItem {
    QString key;
    QVariant value;
    explicit operator UpdateItem() const { return {key, value}; }
};

struct WithItem {
    QString name;
    std::function<void(QueryBuilder&)> constraints = nullptr;
};

// Tag for getRelation()/getRelationValue() of one-type relations (HasOne, BelongsTo).
struct One {};
struct Many {};

struct SaveOptions {
    bool touch = true;
};

class IsModel {};

namespace Types {
template <typename Model> class ModelsCollection : public QList<Model> {
  public:
    using QList<Model>::QList;
    ModelsCollection() = default;
    QList<QVariant> modelKeys() const { return {}; }
    ModelsCollection& load(const QString&) { return *this; }
    bool contains(const QVariant&) const { return false; }
};
}  // namespace Types
template <typename Model> using ModelsCollection = Types::ModelsCollection<Model>;

template <typename Model> class Builder;
template <typename Model> using TinyBuilder = Builder<Model>;

// ---- the TinyBuilder (orm/tiny/tinybuilder.hpp) ------------------------------------------------
namespace Concerns {
template <typename Model> class BuildsQueries {
  public:
    bool chunk(qint64 count, const std::function<bool(ModelsCollection<Model>&& models, qint64 page)>& callback) {
        (void)count, (void)callback;
        return true;
    }
    bool each(const std::function<bool(Model&& model, qint64 index)>& callback, qint64 count = 1000) {
        (void)callback, (void)count;
        return true;
    }
    bool chunkById(qint64 count, const std::function<bool(ModelsCollection<Model>&& models, qint64 page)>& callback,
                   const QString& column = "", const QString& alias = "") {
        (void)count, (void)callback, (void)column, (void)alias;
        return true;
    }
    bool eachById(const std::function<bool(Model&& model, qint64 index)>& callback, qint64 count = 1000,
                  const QString& column = "", const QString& alias = "") {
        (void)callback, (void)count, (void)column, (void)alias;
        return true;
    }
    Model sole(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Model();
    }
};
}  // namespace Concerns

// Proxies to the underlying Orm::Query::Builder.
template <typename Model> class BuilderProxies {
  public:
    Builder<Model>& self() { return static_cast<Builder<Model>&>(*this); }

    // ---- building (no round trip) ----
    template <typename T>
    Builder<Model>& where(const Column&, const QString&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return self();
    }
    template <typename T> Builder<Model>& orWhere(const Column&, const QString&, T&&) { return self(); }
    template <typename T>
    Builder<Model>& whereEq(const Column&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return self();
    }
    Builder<Model>& whereIn(const Column&, const QList<QVariant>&) { return self(); }
    Builder<Model>& whereNull(const Column&) { return self(); }
    Builder<Model>& whereNotNull(const Column&) { return self(); }
    Builder<Model>& whereKey(const QVariant&) { return self(); }
    Builder<Model>& orderBy(const Column&, const QString& direction = Constants::ASC) {
        (void)direction;
        return self();
    }
    Builder<Model>& orderByDesc(const Column&) { return self(); }
    Builder<Model>& latest(const Column& column = "") { (void)column; return self(); }
    Builder<Model>& oldest(const Column& column = "") { (void)column; return self(); }
    Builder<Model>& limit(qint64) { return self(); }
    Builder<Model>& take(qint64) { return self(); }
    Builder<Model>& offset(qint64) { return self(); }
    Builder<Model>& skip(qint64) { return self(); }
    Builder<Model>& lockForUpdate() { return self(); }
    Builder<Model>& sharedLock() { return self(); }

    // ---- results ----
    QString implode(const QString&, const QString& glue = "") { (void)glue; return QString(); }
    quint64 count(const QList<Column>& columns = {Constants::ASTERISK}) { (void)columns; return 0; }
    quint64 count(const Column&) { return 0; }
    QVariant min(const Column&) { return QVariant(); }
    QVariant max(const Column&) { return QVariant(); }
    QVariant sum(const Column&) { return QVariant(); }
    QVariant avg(const Column&) { return QVariant(); }
    QVariant average(const Column&) { return QVariant(); }
    QVariant aggregate(const QString&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return QVariant();
    }
    bool exists() { return false; }
    bool doesntExist() { return true; }

    // ---- writing ----
    std::optional<SqlQuery> insert(const QList<AttributeItem>&) const { return std::nullopt; }
    std::optional<SqlQuery> insert(const QList<QList<AttributeItem>>&) const { return std::nullopt; }
    std::tuple<int, std::optional<TSqlQuery>> insertOrIgnore(const QList<AttributeItem>&) const {
        return {0, std::nullopt};
    }
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
    std::tuple<int, TSqlQuery> forceDelete() const { return {0, TSqlQuery()}; }
    void truncate() const {}
};

template <typename Model>
class Builder : public Concerns::BuildsQueries<Model>, public BuilderProxies<Model> {
  public:
    Builder() = default;

    QString toSql() { return QString(); }
    QueryBuilder& getQuery() { return query_; }
    QueryBuilder& toBase() { return query_; }

    // Eager loading: the relations are loaded with one extra query each.
    Builder& with(const QList<WithItem>&) { return *this; }
    Builder& with(QString) { return *this; }
    Builder& with(const QList<QString>&) { return *this; }
    Builder& without(const QString&) { return *this; }

    ModelsCollection<Model> get(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return {};
    }
    QVariant value(const Column&) { return QVariant(); }
    QVariant soleValue(const Column&) { return QVariant(); }
    QList<QVariant> pluck(const Column&) { return {}; }
    template <typename T> std::map<T, QVariant> pluck(const Column&, const Column&) { return {}; }

    std::optional<Model> find(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return std::nullopt;
    }
    Model findOrNew(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Model();
    }
    Model findOrFail(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Model();
    }
    ModelsCollection<Model> findMany(const QList<QVariant>&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return {};
    }
    std::optional<Model> findOr(const QVariant&, const std::function<void()>& callback = nullptr) {
        (void)callback;
        return std::nullopt;
    }
    std::optional<Model> first(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return std::nullopt;
    }
    Model firstOrNew(const QList<WhereItem>& attributes = {}, const QList<AttributeItem>& values = {}) {
        (void)attributes, (void)values;
        return Model();
    }
    Model firstOrCreate(const QList<WhereItem>& attributes = {}, const QList<AttributeItem>& values = {}) {
        (void)attributes, (void)values;
        return Model();
    }
    Model firstOrFail(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Model();
    }
    std::optional<Model> firstOr(const std::function<void()>& callback = nullptr) {
        (void)callback;
        return std::nullopt;
    }
    template <typename T>
    std::optional<Model> firstWhere(const Column&, const QString&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return std::nullopt;
    }

    Model create(const QList<AttributeItem>& attributes = {}) {
        (void)attributes;
        return Model();
    }
    Model updateOrCreate(const QList<WhereItem>&, const QList<AttributeItem>& values = {}) {
        (void)values;
        return Model();
    }
    std::tuple<int, std::optional<TSqlQuery>> upsert(const QList<QVariantMap>&, const QStringList&,
                                                     const QStringList& = {}) {
        return {0, std::nullopt};
    }
    std::tuple<int, TSqlQuery> update(const QList<UpdateItem>&) { return {0, TSqlQuery()}; }
    std::tuple<int, TSqlQuery> remove() { return {0, TSqlQuery()}; }
    std::tuple<int, TSqlQuery> deleteModels() { return remove(); }

  private:
    QueryBuilder query_;
};

// ---- relations (orm/tiny/relations/*.hpp) ---------------------------------------------------------
namespace Relations {

class Pivot {};

template <class Model, class Related> class Relation;

// Proxies to the related model's TinyBuilder, constrained to the relation.
template <class Model, class Related> class RelationProxies {
  public:
    const Relation<Model, Related>& self() const { return static_cast<const Relation<Model, Related>&>(*this); }

    template <typename T>
    const Relation<Model, Related>& where(const Column&, const QString&, T&&,
                                          const QString& condition = Constants::AND) const {
        (void)condition;
        return self();
    }
    template <typename T> const Relation<Model, Related>& whereEq(const Column&, T&&) const { return self(); }
    const Relation<Model, Related>& orderBy(const Column&, const QString& direction = Constants::ASC) const {
        (void)direction;
        return self();
    }
    const Relation<Model, Related>& latest(const Column& column = "") const { (void)column; return self(); }
    const Relation<Model, Related>& limit(qint64) const { return self(); }

    QVariant value(const Column&) const { return QVariant(); }
    QList<QVariant> pluck(const Column&) const { return {}; }
    std::optional<Related> find(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return std::nullopt;
    }
    Related findOrNew(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return Related();
    }
    Related findOrFail(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return Related();
    }
    std::optional<Related> first(const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return std::nullopt;
    }
    Related firstOrFail(const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return Related();
    }
    template <typename T>
    std::optional<Related> firstWhere(const Column&, const QString&, T&&,
                                      const QString& condition = Constants::AND) const {
        (void)condition;
        return std::nullopt;
    }
    Related firstOrCreate(const QList<WhereItem>& attributes = {}, const QList<AttributeItem>& values = {}) const {
        (void)attributes, (void)values;
        return Related();
    }
    Related updateOrCreate(const QList<WhereItem>&, const QList<AttributeItem>& values = {}) const {
        (void)values;
        return Related();
    }
    Related sole(const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return Related();
    }
    bool exists() const { return false; }
    quint64 count(const QList<Column>& columns = {Constants::ASTERISK}) const { (void)columns; return 0; }

    std::optional<SqlQuery> insert(const QList<AttributeItem>&) const { return std::nullopt; }
    std::tuple<int, std::optional<TSqlQuery>> upsert(const QList<QVariantMap>&, const QStringList&,
                                                     const QStringList& = {}) const {
        return {0, std::nullopt};
    }
    std::tuple<int, TSqlQuery> update(const QList<UpdateItem>&) const { return {0, TSqlQuery()}; }
    template <typename T = std::size_t>
    std::tuple<int, TSqlQuery> increment(const QString&, T amount = 1, const QList<UpdateItem>& extra = {}) const {
        (void)amount, (void)extra;
        return {0, TSqlQuery()};
    }
    template <typename T = std::size_t>
    std::tuple<int, TSqlQuery> decrement(const QString&, T amount = 1, const QList<UpdateItem>& extra = {}) const {
        (void)amount, (void)extra;
        return {0, TSqlQuery()};
    }
    std::tuple<int, TSqlQuery> remove() const { return {0, TSqlQuery()}; }
    std::tuple<int, TSqlQuery> forceDelete() const { return {0, TSqlQuery()}; }
    void truncate() const {}
};

template <class Model, class Related> class Relation : public RelationProxies<Model, Related> {
  public:
    virtual ~Relation() = default;

    // The results of the relation for its parent model (runs the query).
    virtual std::variant<ModelsCollection<Related>, std::optional<Related>> getResults() const {
        return ModelsCollection<Related>();
    }
    ModelsCollection<Related> get(const QList<Column>& columns = {Constants::ASTERISK}) const {
        (void)columns;
        return {};
    }
    Builder<Related>& getQuery() const { return query_; }
    const Model& getParent() const { return *parent_; }

  private:
    mutable Builder<Related> query_;
    const Model* parent_ = nullptr;
};

template <class Model, class Related> class HasOneOrMany : public Relation<Model, Related> {
  public:
    std::tuple<bool, Related&> save(Related& model) const { return {true, model}; }
    std::tuple<bool, Related> save(Related&& model) const { return {true, std::move(model)}; }
    ModelsCollection<Related>& saveMany(ModelsCollection<Related>& models) const { return models; }
    Related create(const QList<AttributeItem>& attributes = {}) const {
        (void)attributes;
        return Related();
    }
    ModelsCollection<Related> createMany(const QList<QList<AttributeItem>>&) const { return {}; }
};

template <class Model, class Related> class HasOne : public HasOneOrMany<Model, Related> {};
template <class Model, class Related> class HasMany : public HasOneOrMany<Model, Related> {};

template <class Model, class Related> class BelongsTo : public Relation<Model, Related> {
  public:
    Model& associate(const Related&) const { return *model_; }
    Model& associate(const QVariant&) const { return *model_; }
    Model& dissociate() const { return *model_; }

  private:
    Model* model_ = nullptr;
};

template <class Model, class Related, class PivotType = Pivot>
class BelongsToMany : public Relation<Model, Related> {
  public:
    const BelongsToMany& as(const QString&) const { return *this; }
    const BelongsToMany& withPivot(const QString&) const { return *this; }
    const BelongsToMany& withTimestamps() const { return *this; }
    void attach(const QList<QVariant>&, const QList<AttributeItem>& attributes = {}, bool touch = true) const {
        (void)attributes, (void)touch;
    }
    int detach(const QList<QVariant>& ids = {}, bool touch = true) const {
        (void)ids, (void)touch;
        return 0;
    }
    std::map<QString, QList<QVariant>> sync(const QList<QVariant>&, bool detaching = true) const {
        (void)detaching;
        return {};
    }
};

}  // namespace Relations

namespace Support {
namespace Stores {
// What the u_relations visitors receive: `[](auto& v) { v(&User::phone); }`.
template <typename Derived, typename... AllRelations> class BaseRelationStore {
  public:
    template <typename Method> void operator()(const Method&) {}
};
}  // namespace Stores
}  // namespace Support

// ---- model concerns (orm/tiny/concerns/*.hpp) ---------------------------------------------------
namespace Concerns {

template <typename Derived, typename... AllRelations> class HasAttributes {
  public:
    Derived& setAttribute(const QString&, QVariant) { return static_cast<Derived&>(*this); }
    QVariant getAttribute(const QString&) const { return QVariant(); }
    template <typename T> T getAttribute(const QString&) const { return T(); }
    QList<AttributeItem> getAttributes() const { return {}; }
    Derived& setRawAttributes(const QList<AttributeItem>&, bool sync = false) {
        (void)sync;
        return static_cast<Derived&>(*this);
    }
    QVariant getOriginal(const QString&) const { return QVariant(); }
    bool isDirty(const QString& attribute = "") const { (void)attribute; return false; }
    bool isClean(const QString& attribute = "") const { (void)attribute; return true; }
    bool wasChanged(const QString& attribute = "") const { (void)attribute; return false; }
    Derived& syncOriginal() { return static_cast<Derived&>(*this); }
};

template <typename Derived, typename... AllRelations> class HasRelationships {
  public:
    // What u_relations maps relation names to.
    using RelationVisitor = std::function<void(Support::Stores::BaseRelationStore<Derived, AllRelations...>&)>;

    // Get a relation of a Many type; loads it lazily if it was not eager
    // loaded with with()/load().
    template <typename Related, template <typename> typename Container = ModelsCollection>
    const Container<Related*> getRelationValue(const QString&) {
        return Container<Related*>();
    }
    // Get a relation of a One type (tag Orm::One); loads it lazily if needed.
    template <typename Related, typename Tag>
    std::enable_if_t<std::is_same_v<Tag, One>, Related*> getRelationValue(const QString&) {
        return nullptr;
    }

    // Get an already loaded relation (throws RelationNotLoadedError otherwise).
    template <typename Related, template <typename> typename Container = ModelsCollection>
    const Container<Related*> getRelation(const QString&) {
        return Container<Related*>();
    }
    template <typename Related, typename Tag>
    std::enable_if_t<std::is_same_v<Tag, One>, Related*> getRelation(const QString&) {
        return nullptr;
    }

    bool relationLoaded(const QString&) const { return false; }
    template <typename Related> Derived& setRelation(const QString&, const ModelsCollection<Related>&) {
        return static_cast<Derived&>(*this);
    }
    Derived& unsetRelations() { return static_cast<Derived&>(*this); }

    // Relationship factories used in the relation methods of a model.
    template <typename Related>
    std::unique_ptr<Relations::HasOne<Derived, Related>> hasOne(QString foreignKey = "", QString localKey = "") {
        (void)foreignKey, (void)localKey;
        return std::make_unique<Relations::HasOne<Derived, Related>>();
    }
    template <typename Related>
    std::unique_ptr<Relations::BelongsTo<Derived, Related>> belongsTo(QString foreignKey = "", QString ownerKey = "",
                                                                      QString relation = "") {
        (void)foreignKey, (void)ownerKey, (void)relation;
        return std::make_unique<Relations::BelongsTo<Derived, Related>>();
    }
    template <typename Related>
    std::unique_ptr<Relations::HasMany<Derived, Related>> hasMany(QString foreignKey = "", QString localKey = "") {
        (void)foreignKey, (void)localKey;
        return std::make_unique<Relations::HasMany<Derived, Related>>();
    }
    template <typename Related, typename PivotType = Relations::Pivot>
    std::unique_ptr<Relations::BelongsToMany<Derived, Related, PivotType>>
    belongsToMany(QString table = "", QString foreignPivotKey = "", QString relatedPivotKey = "",
                  QString parentKey = "", QString relatedKey = "", QString relation = "") {
        (void)table, (void)foreignPivotKey, (void)relatedPivotKey, (void)parentKey, (void)relatedKey,
            (void)relation;
        return std::make_unique<Relations::BelongsToMany<Derived, Related, PivotType>>();
    }

    void touchOwners() const {}
};

}  // namespace Concerns

// ---- static proxies on the model class (orm/tiny/modelproxies.hpp) ---------------------------------
template <typename Derived, typename... AllRelations> class ModelProxies {
  public:
    static std::unique_ptr<TinyBuilder<Derived>> builder() { return std::make_unique<TinyBuilder<Derived>>(); }

    // ---- building: return a TinyBuilder (no round trip) ----
    template <typename T>
    static std::unique_ptr<TinyBuilder<Derived>> where(const Column& column, const QString& comparison, T&& value,
                                                       const QString& condition = Constants::AND) {
        auto b = builder();
        b->where(column, comparison, std::forward<T>(value), condition);
        return b;
    }
    template <typename T>
    static std::unique_ptr<TinyBuilder<Derived>> orWhere(const Column& column, const QString& comparison, T&& value) {
        auto b = builder();
        b->orWhere(column, comparison, std::forward<T>(value));
        return b;
    }
    template <typename T>
    static std::unique_ptr<TinyBuilder<Derived>> whereEq(const Column&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return builder();
    }
    static std::unique_ptr<TinyBuilder<Derived>> whereIn(const Column&, const QList<QVariant>&) { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> whereKey(const QVariant&) { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> orderBy(const Column&, const QString& direction = Constants::ASC) {
        (void)direction;
        return builder();
    }
    static std::unique_ptr<TinyBuilder<Derived>> latest(const Column& column = "") {
        (void)column;
        return builder();
    }
    static std::unique_ptr<TinyBuilder<Derived>> oldest(const Column& column = "") {
        (void)column;
        return builder();
    }
    static std::unique_ptr<TinyBuilder<Derived>> limit(qint64) { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> take(qint64) { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> lockForUpdate() { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> with(const QList<WithItem>&) { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> with(QString) { return builder(); }
    static std::unique_ptr<TinyBuilder<Derived>> with(const QList<QString>&) { return builder(); }

    // ---- retrieving results ----
    static QVariant value(const Column&) { return QVariant(); }
    static QVariant soleValue(const Column&) { return QVariant(); }
    static QList<QVariant> pluck(const Column&) { return {}; }
    static QString implode(const QString&, const QString& glue = "") { (void)glue; return QString(); }

    static std::optional<Derived> find(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return std::nullopt;
    }
    static Derived findOrNew(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Derived();
    }
    static Derived findOrFail(const QVariant&, const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Derived();
    }
    static ModelsCollection<Derived> findMany(const QList<QVariant>&,
                                              const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return {};
    }
    static std::optional<Derived> findOr(const QVariant&, const std::function<void()>& callback = nullptr) {
        (void)callback;
        return std::nullopt;
    }
    static std::optional<Derived> first(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return std::nullopt;
    }
    static Derived firstOrNew(const QList<WhereItem>& attributes = {}, const QList<AttributeItem>& values = {}) {
        (void)attributes, (void)values;
        return Derived();
    }
    static Derived firstOrCreate(const QList<WhereItem>& attributes = {}, const QList<AttributeItem>& values = {}) {
        (void)attributes, (void)values;
        return Derived();
    }
    static Derived firstOrFail(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Derived();
    }
    static std::optional<Derived> firstOr(const std::function<void()>& callback = nullptr) {
        (void)callback;
        return std::nullopt;
    }
    template <typename T>
    static std::optional<Derived> firstWhere(const Column&, const QString&, T&&,
                                             const QString& condition = Constants::AND) {
        (void)condition;
        return std::nullopt;
    }
    template <typename T>
    static std::optional<Derived> firstWhereEq(const Column&, T&&, const QString& condition = Constants::AND) {
        (void)condition;
        return std::nullopt;
    }
    static Derived sole(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return Derived();
    }
    static bool chunk(qint64 count, const std::function<bool(ModelsCollection<Derived>&&, qint64)>& callback) {
        (void)count, (void)callback;
        return true;
    }
    static bool each(const std::function<bool(Derived&&, qint64)>& callback, qint64 count = 1000) {
        (void)callback, (void)count;
        return true;
    }
    static bool chunkById(qint64 count, const std::function<bool(ModelsCollection<Derived>&&, qint64)>& callback) {
        (void)count, (void)callback;
        return true;
    }
    static bool eachById(const std::function<bool(Derived&&, qint64)>& callback, qint64 count = 1000) {
        (void)callback, (void)count;
        return true;
    }

    // ---- aggregates ----
    static quint64 count(const QList<Column>& columns = {Constants::ASTERISK}) { (void)columns; return 0; }
    static quint64 count(const Column&) { return 0; }
    static QVariant min(const Column&) { return QVariant(); }
    static QVariant max(const Column&) { return QVariant(); }
    static QVariant sum(const Column&) { return QVariant(); }
    static QVariant avg(const Column&) { return QVariant(); }
    static QVariant average(const Column&) { return QVariant(); }
    static bool exists() { return false; }
    static bool doesntExist() { return true; }

    // ---- writing ----
    static Derived create(const QList<AttributeItem>& attributes = {}) {
        (void)attributes;
        return Derived();
    }
    static std::optional<SqlQuery> insert(const QList<AttributeItem>&) { return std::nullopt; }
    static std::optional<SqlQuery> insert(const QList<QList<AttributeItem>>&) { return std::nullopt; }
    static std::tuple<int, std::optional<TSqlQuery>> insertOrIgnore(const QList<AttributeItem>&) {
        return {0, std::nullopt};
    }
    static Derived updateOrCreate(const QList<WhereItem>&, const QList<AttributeItem>& values = {}) {
        (void)values;
        return Derived();
    }
    static std::tuple<int, std::optional<TSqlQuery>> upsert(const QList<QVariantMap>&, const QStringList&,
                                                            const QStringList& = {}) {
        return {0, std::nullopt};
    }
    static void truncate() {}
};

// ---- the model (orm/tiny/model.hpp) -------------------------------------------------------------------
template <typename Derived, typename... AllRelations>
class Model : public Concerns::HasAttributes<Derived, AllRelations...>,
              public Concerns::HasRelationships<Derived, AllRelations...>,
              public ModelProxies<Derived, AllRelations...>,
              public IsModel {
  public:
    // Aliases used in the relation methods of user models.
    template <class ModelT, class Related> using BelongsTo = Relations::BelongsTo<ModelT, Related>;
    template <class ModelT, class Related, class PivotType = Relations::Pivot>
    using BelongsToMany = Relations::BelongsToMany<ModelT, Related, PivotType>;
    template <class ModelT, class Related> using HasOne = Relations::HasOne<ModelT, Related>;
    template <class ModelT, class Related> using HasMany = Relations::HasMany<ModelT, Related>;

    Model() = default;
    explicit Model(const QList<AttributeItem>& attributes) { (void)attributes; }
    Model(std::initializer_list<AttributeItem> attributes) { (void)attributes; }

    // ---- static entry points ----
    static std::unique_ptr<TinyBuilder<Derived>> query() { return std::make_unique<TinyBuilder<Derived>>(); }
    static std::unique_ptr<TinyBuilder<Derived>> on(const QString& connection = "") {
        (void)connection;
        return query();
    }
    static ModelsCollection<Derived> all(const QList<Column>& columns = {Constants::ASTERISK}) {
        (void)columns;
        return {};
    }
    static std::size_t destroy(const QList<QVariant>& ids) {
        (void)ids;
        return 0;
    }
    static std::size_t destroy(const QVariant& id) {
        (void)id;
        return 0;
    }

    // ---- operations on this model ----
    bool save(SaveOptions options = {}) {
        (void)options;
        return true;
    }
    bool push() { return true; }
    bool update(const QList<AttributeItem>& attributes, SaveOptions options = {}) {
        (void)attributes, (void)options;
        return true;
    }
    template <typename T = std::size_t>
    std::tuple<int, std::optional<TSqlQuery>> increment(const QString&, T amount = 1,
                                                        const QList<AttributeItem>& extra = {}, bool all = false) {
        (void)amount, (void)extra, (void)all;
        return {0, std::nullopt};
    }
    template <typename T = std::size_t>
    std::tuple<int, std::optional<TSqlQuery>> decrement(const QString&, T amount = 1,
                                                        const QList<AttributeItem>& extra = {}, bool all = false) {
        (void)amount, (void)extra, (void)all;
        return {0, std::nullopt};
    }
    bool remove() { return true; }
    bool deleteModel() { return remove(); }
    std::optional<Derived> fresh(const QList<WithItem>& relations = {}) const {
        (void)relations;
        return std::nullopt;
    }
    std::optional<Derived> fresh(const QString& relation) const {
        (void)relation;
        return std::nullopt;
    }
    Derived& refresh() { return static_cast<Derived&>(*this); }
    Derived& load(const QList<WithItem>& relations) {
        (void)relations;
        return static_cast<Derived&>(*this);
    }
    Derived& load(QString relation) {
        (void)relation;
        return static_cast<Derived&>(*this);
    }
    Derived& fill(const QList<AttributeItem>& attributes) {
        (void)attributes;
        return static_cast<Derived&>(*this);
    }
    Derived replicate() const { return Derived(); }
    bool is(const std::optional<Derived>&) const { return false; }

    // ---- keys and table ----
    QVariant getKey() const { return QVariant(); }
    const QString& getKeyName() const { return keyName_; }
    const QString& getTable() const { return table_; }
    Derived& setTable(const QString& table) {
        table_ = table;
        return static_cast<Derived&>(*this);
    }
    const QString& getConnectionName() const { return connection_; }
    DatabaseConnection& getConnection() const { return DB::connection(connection_); }

    // Whether the model exists in the database.
    bool exists = false;

  private:
    QString keyName_ = Constants::ID;
    QString table_;
    QString connection_;
};

}  // namespace Tiny

using Tiny::One;

}  // namespace Orm
