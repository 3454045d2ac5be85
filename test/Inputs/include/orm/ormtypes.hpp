// Test stand-in for TinyORM (https://github.com/silverqx/TinyORM): common types
// (<orm/ormtypes.hpp>), plus minimal stand-ins for the Qt types TinyORM's API
// uses (QString, QVariant, QList, QStringList, QHash, QMap, QSqlQuery).
//
// The Qt stand-ins are only defined when real Qt headers were not included
// first (QT_VERSION undefined); they cover what typical user code does with
// the values TinyORM returns. Only standard headers are used. Unlike the real
// library (C++20) this stand-in compiles as C++17.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#ifndef QT_VERSION
#define TINYORM_STANDIN_QT 1

using qint64 = long long;
using quint64 = unsigned long long;
using qsizetype = std::ptrdiff_t;
using quint8 = unsigned char;

class QString {
  public:
    QString() = default;
    QString(const char* s) : s_(s ? s : "") {}
    QString(const QString&) = default;
    QString(QString&&) noexcept = default;
    QString& operator=(const QString&) = default;
    QString& operator=(QString&&) noexcept = default;

    static QString fromStdString(const std::string& s) { return QString(s.c_str()); }
    static QString fromUtf8(const char* s) { return QString(s); }
    template <typename N> static QString number(N n) { return fromStdString(std::to_string(n)); }
    std::string toStdString() const { return s_; }
    bool isEmpty() const { return s_.empty(); }
    bool isNull() const { return s_.empty(); }
    qsizetype size() const { return static_cast<qsizetype>(s_.size()); }
    qsizetype length() const { return size(); }
    bool contains(const QString& s) const { return s_.find(s.s_) != std::string::npos; }
    bool startsWith(const QString& s) const { return s_.rfind(s.s_, 0) == 0; }
    template <typename... Args> QString arg(const Args&...) const { return *this; }
    QString toLower() const { return *this; }
    QString toUpper() const { return *this; }
    QString trimmed() const { return *this; }

    QString& operator+=(const QString& o) {
        s_ += o.s_;
        return *this;
    }
    friend QString operator+(QString a, const QString& b) { return a += b; }
    friend bool operator==(const QString& a, const QString& b) { return a.s_ == b.s_; }
    friend bool operator!=(const QString& a, const QString& b) { return a.s_ != b.s_; }
    friend bool operator<(const QString& a, const QString& b) { return a.s_ < b.s_; }

  private:
    std::string s_;
};

#define QStringLiteral(str) QString(str)

namespace std {
template <> struct hash<QString> {
    std::size_t operator()(const QString& s) const noexcept { return std::hash<std::string>()(s.toStdString()); }
};
}  // namespace std
inline std::size_t qHash(const QString& s, std::size_t seed = 0) noexcept { return std::hash<QString>()(s) ^ seed; }

template <typename T> class QList : public std::vector<T> {
  public:
    using std::vector<T>::vector;
    QList() = default;
    QList(std::vector<T> v) : std::vector<T>(std::move(v)) {}

    qsizetype size() const noexcept { return static_cast<qsizetype>(std::vector<T>::size()); }
    qsizetype count() const noexcept { return size(); }
    bool isEmpty() const noexcept { return std::vector<T>::empty(); }
    const T& at(qsizetype i) const { return (*this)[static_cast<std::size_t>(i)]; }
    T value(qsizetype i) const { return i < size() ? at(i) : T(); }
    T& first() { return std::vector<T>::front(); }
    const T& first() const { return std::vector<T>::front(); }
    T& last() { return std::vector<T>::back(); }
    const T& last() const { return std::vector<T>::back(); }
    void append(const T& t) { std::vector<T>::push_back(t); }
    void prepend(const T& t) { std::vector<T>::insert(std::vector<T>::begin(), t); }
    bool contains(const T& t) const {
        for (const auto& x : *this)
            if (x == t) return true;
        return false;
    }
    typename std::vector<T>::const_iterator constBegin() const { return std::vector<T>::cbegin(); }
    typename std::vector<T>::const_iterator constEnd() const { return std::vector<T>::cend(); }
    QList& operator<<(const T& t) {
        append(t);
        return *this;
    }
};
template <typename T> using QVector = QList<T>;

class QStringList : public QList<QString> {
  public:
    using QList<QString>::QList;
    QStringList() = default;
    QString join(const QString&) const { return QString(); }
};

class QVariant {
  public:
    QVariant() = default;
    QVariant(bool v) : v_(v) {}
    QVariant(int v) : v_(static_cast<long long>(v)) {}
    QVariant(unsigned int v) : v_(static_cast<unsigned long long>(v)) {}
    QVariant(long v) : v_(static_cast<long long>(v)) {}
    QVariant(unsigned long v) : v_(static_cast<unsigned long long>(v)) {}
    QVariant(long long v) : v_(v) {}
    QVariant(unsigned long long v) : v_(v) {}
    QVariant(double v) : v_(v) {}
    QVariant(const char* v) : v_(QString(v)) {}
    QVariant(const QString& v) : v_(v) {}

    bool isNull() const { return v_.index() == 0; }
    bool isValid() const { return v_.index() != 0; }
    int toInt(bool* ok = nullptr) const { return static_cast<int>(toLongLong(ok)); }
    unsigned int toUInt(bool* ok = nullptr) const { return static_cast<unsigned int>(toULongLong(ok)); }
    qint64 toLongLong(bool* ok = nullptr) const {
        if (ok) *ok = true;
        return 0;
    }
    quint64 toULongLong(bool* ok = nullptr) const {
        if (ok) *ok = true;
        return 0;
    }
    double toDouble(bool* ok = nullptr) const {
        if (ok) *ok = true;
        return 0;
    }
    bool toBool() const { return false; }
    QString toString() const { return QString(); }
    template <typename T> T value() const { return T(); }
    template <typename T> bool canConvert() const { return true; }
    template <typename T> static QVariant fromValue(const T&) { return QVariant(); }
    const char* typeName() const { return ""; }

    friend bool operator==(const QVariant& a, const QVariant& b) { return a.v_ == b.v_; }
    friend bool operator!=(const QVariant& a, const QVariant& b) { return !(a == b); }

  private:
    std::variant<std::monostate, bool, long long, unsigned long long, double, QString> v_;
};

template <typename K, typename V> class QHash : public std::unordered_map<K, V> {
  public:
    using std::unordered_map<K, V>::unordered_map;
    bool contains(const K& k) const { return this->find(k) != this->end(); }
    V value(const K& k, const V& def = V()) const {
        auto it = this->find(k);
        return it == this->end() ? def : it->second;
    }
    void insert(const K& k, const V& v) { (*this)[k] = v; }
    qsizetype size() const noexcept { return static_cast<qsizetype>(std::unordered_map<K, V>::size()); }
    bool isEmpty() const noexcept { return this->empty(); }
};

template <typename K, typename V> class QMap : public std::map<K, V> {
  public:
    using std::map<K, V>::map;
    bool contains(const K& k) const { return this->find(k) != this->end(); }
    V value(const K& k, const V& def = V()) const {
        auto it = this->find(k);
        return it == this->end() ? def : it->second;
    }
    void insert(const K& k, const V& v) { (*this)[k] = v; }
    qsizetype size() const noexcept { return static_cast<qsizetype>(std::map<K, V>::size()); }
    bool isEmpty() const noexcept { return this->empty(); }
};

using QVariantList = QList<QVariant>;
using QVariantMap = QMap<QString, QVariant>;
using QVariantHash = QHash<QString, QVariant>;

// A query result already executed by TinyORM; next() moves to the next row.
class QSqlQuery {
  public:
    QSqlQuery() = default;
    bool next() { return false; }
    bool previous() { return false; }
    bool first() { return false; }
    bool last() { return false; }
    bool seek(int, bool = false) { return false; }
    bool isValid() const { return false; }
    bool isActive() const { return true; }
    bool isSelect() const { return true; }
    int size() const { return -1; }
    int numRowsAffected() const { return 0; }
    QVariant value(int) const { return QVariant(); }
    QVariant value(const QString&) const { return QVariant(); }
    QVariant lastInsertId() const { return QVariant(); }
    QString executedQuery() const { return QString(); }
};
#endif  // QT_VERSION


namespace Orm {

namespace Constants {
inline const QString ASTERISK = "*";
inline const QString AND = "and";
inline const QString OR = "or";
inline const QString EQ = "=";
inline const QString NE = "!=";
inline const QString LT = "<";
inline const QString GT = ">";
inline const QString ASC = "asc";
inline const QString DESC = "desc";
inline const QString ID = "id";
inline const QString NAME = "name";
inline const QString NOTE = "note";
inline const QString CREATED_AT = "created_at";
inline const QString UPDATED_AT = "updated_at";
}  // namespace Constants

namespace Query {
class Builder;
class JoinClause;

// A raw SQL fragment (DB::raw).
class Expression {
  public:
    explicit Expression(QString value) : value_(std::move(value)) {}
    const QString& getValue() const { return value_; }

  private:
    QString value_;
};
}  // namespace Query

using QueryBuilder = Query::Builder;
using Column = std::variant<QString, Query::Expression>;
using TSqlQuery = QSqlQuery;

namespace Types {
// What DB::select() and the query builder return: an executed QSqlQuery.
class SqlQuery : public TSqlQuery {
  public:
    SqlQuery() = default;
    SqlQuery(const TSqlQuery& q) : TSqlQuery(q) {}
    QVariant value(int i) const { return TSqlQuery::value(i); }
    QVariant value(const QString& c) const { return TSqlQuery::value(c); }
    template <typename T> T value(const QString&) const { return T(); }
};
}  // namespace Types
using SqlQuery = Types::SqlQuery;

struct UpdateItem {
    QString column;
    QVariant value;
};

struct WhereItem {
    Column column;
    QVariant value;
    QString comparison{Constants::EQ};
    QString condition{};
};

struct OrderByItem {
    Column column{};
    QString direction{Constants::ASC};
    QString sql{};
};

}  // namespace Orm
