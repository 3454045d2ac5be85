// Test stand-in for libodb's <odb/result.hxx>: the result of database::query.
// Iterating it fetches rows of one SELECT (and loads each object).
#pragma once

#include <odb/forward.hxx>

#include <cstddef>
#include <iterator>

namespace odb {

template <typename T> class result_iterator {
  public:
    typedef typename object_traits<T>::pointer_type pointer_type;
    typedef typename object_traits<T>::id_type id_type;
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = T*;
    using reference = T&;

    result_iterator() {}
    T& operator*() const { return *obj_; }
    T* operator->() const { return obj_; }
    result_iterator& operator++() { return *this; }
    result_iterator operator++(int) { return *this; }
    pointer_type load() { return pointer_type(); }
    void load(T&) {}
    id_type id() { return id_type(); }
    bool equal(result_iterator) const { return true; }

  private:
    T* obj_ = nullptr;
};

template <typename T> bool operator==(result_iterator<T> i, result_iterator<T> j) { return i.equal(j); }
template <typename T> bool operator!=(result_iterator<T> i, result_iterator<T> j) { return !i.equal(j); }

template <typename T> class result {
  public:
    typedef T value_type;
    typedef typename object_traits<T>::pointer_type pointer_type;
    typedef result_iterator<T> iterator;
    typedef std::size_t size_type;
    typedef std::ptrdiff_t difference_type;

    result() {}
    result(const result&) {}
    result& operator=(const result&) { return *this; }

    iterator begin() { return iterator(); }
    iterator end() { return iterator(); }
    // Only for cached results.
    bool empty() const { return true; }
    size_type size() const { return 0; }
    void cache() {}
    void swap(result&) {}

    pointer_type one() { return pointer_type(); }
    bool one(T&) { return false; }
    void value(T&) {}
};

namespace common {
using odb::result_iterator;
}

}  // namespace odb
