// Test stand-in for libodb's <odb/exceptions.hxx>.
#pragma once

#include <exception>

namespace odb {

struct exception : std::exception {
    const char* what() const noexcept override { return "odb::exception"; }
};
struct null_pointer : exception {};
struct already_in_transaction : exception {};
struct not_in_transaction : exception {};
struct transaction_already_finalized : exception {};
struct already_in_session : exception {};
struct not_in_session : exception {};
struct session_required : exception {};
struct database_exception : exception {};
struct connection_lost : exception {};
struct timeout : exception {};
struct deadlock : exception {};
struct object_not_persistent : exception {};
struct object_already_persistent : exception {};
struct object_changed : exception {};
struct result_not_cached : exception {};
struct abstract_class : exception {};
struct no_type_info : exception {};
struct prepared_already_cached : exception {};
struct prepared_type_mismatch : exception {};
struct unknown_schema : exception {};
struct section_not_loaded : exception {};
struct section_not_in_object : exception {};

namespace common {
using odb::exception;
using odb::object_already_persistent;
using odb::object_not_persistent;
}  // namespace common

}  // namespace odb
