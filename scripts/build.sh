#!/usr/bin/env bash
# Configures and builds dbtidy into build/ (the fixed layout other tooling
# relies on: build/bin/dbtidy, build/lib/DbTidyModule.so): clang-19 at -O2.
# Compile time is nearly all template instantiation and optimisation of the
# AST matchers; -O2 takes two thirds of -O3's time (LockSets.cpp: 22 s vs
# 31 s) for the same speed of the analysis, which runs mostly inside
# Debian's libclang-cpp anyway.
#
# With DBTIDY_SANITIZE set (e.g. address,undefined) it builds a sanitized
# copy into build-sanitize/ instead: clang-19 at -O0, dbtidy's own code
# instrumented (CMake option DBTIDY_SANITIZE), and the libFuzzer targets
# built, so the suite also fuzzes each target for a few seconds (ctest -L
# fuzz; DBTIDY_FUZZ needs address,undefined). -O0 finds the same bugs;
# instrumenting optimised code costs more than the tests gain from it
# (LockSets.cpp: 23 s at -O0, 55 s at -O1). Only the fuzz targets' own
# sources carry coverage instrumentation there: these are smoke runs, and
# scripts/fuzz.sh builds the fully instrumented fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${DBTIDY_SANITIZE:-}" ]; then
  dir=build-sanitize
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER=clang++-19 "-DCMAKE_CXX_FLAGS_RELEASE=-O0 -DNDEBUG" \
      "-DDBTIDY_SANITIZE=$DBTIDY_SANITIZE" -DDBTIDY_FUZZ=ON \
      -DDBTIDY_FUZZ_COVERAGE=targets
  fi
  cmake --build "$dir"
  exit 0
fi
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=clang++-19 "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
fi
cmake --build build
