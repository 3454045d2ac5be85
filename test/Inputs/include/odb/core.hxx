// Test stand-in for libodb's <odb/core.hxx>, included by persistent classes.
#pragma once

#define PRAGMA_DB(x)

#include <odb/callback.hxx>
#include <odb/forward.hxx>
