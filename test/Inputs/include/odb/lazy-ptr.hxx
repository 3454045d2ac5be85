// Test stand-in for libodb's <odb/lazy-ptr.hxx>.
//
// ODB's lazy pointers never load implicitly: an unloaded lazy pointer only
// knows the database and the id; load() fetches the object.
#pragma once

#include <odb/forward.hxx>

#include <memory>

namespace odb {

template <class T> class lazy_ptr {
  public:
    typedef T element_type;

    lazy_ptr() {}
    template <class Y> explicit lazy_ptr(Y* p) : p_(p) {}
    template <class DB, class ID> lazy_ptr(DB& db, const ID& id) : db_(&db) { (void)id; }
    template <class DB, class Y> lazy_ptr(DB& db, Y* p) : p_(p), db_(&db) {}

    T& operator*() const { return *p_; }
    T* operator->() const { return p_; }
    T* get() const { return p_; }
    explicit operator bool() const { return p_ != nullptr; }

    bool loaded() const { return p_ != nullptr; }
    T* load() const { return p_; }
    void unload() const {}
    T* get_eager() const { return p_; }
    template <class O = T> typename object_traits<O>::id_type object_id() const {
        return typename object_traits<O>::id_type();
    }
    odb::database& database() const { return *db_; }

  private:
    T* p_ = nullptr;
    odb::database* db_ = nullptr;
};

template <class T, class D = std::default_delete<T>> class lazy_unique_ptr {
  public:
    typedef T element_type;
    typedef D deleter_type;
    typedef T* pointer;

    lazy_unique_ptr() noexcept {}
    lazy_unique_ptr(std::nullptr_t) noexcept {}
    explicit lazy_unique_ptr(pointer p) noexcept : p_(p) {}
    lazy_unique_ptr(lazy_unique_ptr&&) noexcept = default;
    template <class T1, class D1> lazy_unique_ptr(std::unique_ptr<T1, D1>&& p) noexcept : p_(std::move(p)) {}
    template <class DB, class ID> lazy_unique_ptr(DB& db, const ID& id) : db_(&db) { (void)id; }
    lazy_unique_ptr& operator=(lazy_unique_ptr&&) noexcept = default;

    T& operator*() const { return *p_; }
    pointer operator->() const noexcept { return p_.get(); }
    pointer get() const noexcept { return p_.get(); }
    explicit operator bool() const noexcept { return static_cast<bool>(p_); }
    pointer release() noexcept { return p_.release(); }
    void reset(pointer p = pointer()) noexcept { p_.reset(p); }

    bool loaded() const { return static_cast<bool>(p_); }
    std::unique_ptr<T, D>& load() const { return p_; }
    void unload() const {}
    std::unique_ptr<T, D>& get_eager() const { return p_; }
    template <class O = T> typename object_traits<O>::id_type object_id() const {
        return typename object_traits<O>::id_type();
    }
    odb::database& database() const { return *db_; }

  private:
    mutable std::unique_ptr<T, D> p_;
    odb::database* db_ = nullptr;
};

template <class T> class lazy_weak_ptr;

template <class T> class lazy_shared_ptr {
  public:
    typedef T element_type;

    lazy_shared_ptr() noexcept {}
    lazy_shared_ptr(std::nullptr_t) noexcept {}
    template <class Y> explicit lazy_shared_ptr(Y* p) : p_(p) {}
    template <class Y> lazy_shared_ptr(const std::shared_ptr<Y>& r) : p_(r) {}
    template <class Y> lazy_shared_ptr(std::unique_ptr<Y>&& r) : p_(std::move(r)) {}
    lazy_shared_ptr(const lazy_shared_ptr&) = default;
    lazy_shared_ptr(lazy_shared_ptr&&) noexcept = default;
    template <class DB, class ID> lazy_shared_ptr(DB& db, const ID& id) : db_(&db) { (void)id; }
    template <class DB, class Y> lazy_shared_ptr(DB& db, const std::shared_ptr<Y>& r) : p_(r), db_(&db) {}
    lazy_shared_ptr& operator=(const lazy_shared_ptr&) = default;
    lazy_shared_ptr& operator=(lazy_shared_ptr&&) noexcept = default;

    T* get() const noexcept { return p_.get(); }
    T& operator*() const noexcept { return *p_; }
    T* operator->() const noexcept { return p_.get(); }
    long use_count() const noexcept { return p_.use_count(); }
    explicit operator bool() const noexcept { return static_cast<bool>(p_); }
    void reset() noexcept { p_.reset(); }

    bool loaded() const { return static_cast<bool>(p_); }
    std::shared_ptr<T> load() const { return p_; }
    void unload() const {}
    std::shared_ptr<T> get_eager() const { return p_; }
    template <class O = T> typename object_traits<O>::id_type object_id() const {
        return typename object_traits<O>::id_type();
    }
    odb::database& database() const { return *db_; }

  private:
    std::shared_ptr<T> p_;
    odb::database* db_ = nullptr;
};

template <class T> class lazy_weak_ptr {
  public:
    typedef T element_type;

    lazy_weak_ptr() noexcept {}
    template <class Y> lazy_weak_ptr(const lazy_shared_ptr<Y>&) noexcept {}
    template <class Y> lazy_weak_ptr(const std::shared_ptr<Y>& r) noexcept : p_(r) {}
    template <class DB, class ID> lazy_weak_ptr(DB& db, const ID& id) : db_(&db) { (void)id; }
    template <class Y> lazy_weak_ptr& operator=(const lazy_shared_ptr<Y>&) noexcept { return *this; }

    long use_count() const noexcept { return p_.use_count(); }
    bool expired() const noexcept { return p_.expired(); }
    lazy_shared_ptr<T> lock() const { return lazy_shared_ptr<T>(p_.lock()); }
    void reset() noexcept { p_.reset(); }

    bool loaded() const { return !p_.expired(); }
    std::shared_ptr<T> load() const { return p_.lock(); }
    void unload() const {}
    std::weak_ptr<T> get_eager() const { return p_; }
    template <class O = T> typename object_traits<O>::id_type object_id() const {
        return typename object_traits<O>::id_type();
    }
    odb::database& database() const { return *db_; }

  private:
    std::weak_ptr<T> p_;
    odb::database* db_ = nullptr;
};

namespace common {
using odb::lazy_ptr;
using odb::lazy_shared_ptr;
using odb::lazy_unique_ptr;
using odb::lazy_weak_ptr;
}  // namespace common

}  // namespace odb
