#!/usr/bin/env bash
# Builds dbtidy and runs the whole test suite: unit tests (GoogleTest), the
# check tests through the clang-tidy-19 plugin and the driver (lit +
# FileCheck), and the end-to-end tests of the driver and the example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
