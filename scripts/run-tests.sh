#!/usr/bin/env bash
# Builds dbtidy and runs the whole test suite: unit tests (GoogleTest), the
# check tests through the clang-tidy-19 plugin and the driver (lit +
# FileCheck), and the end-to-end tests of the driver and the example.
# Arguments go to ctest (e.g. -R query-in-loop).
#
# DBTIDY_SANITIZE=address,undefined runs the same suite on a build whose own
# code is compiled with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-sanitize/, see scripts/build.sh); any report fails the test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
dir=build
[ -z "${DBTIDY_SANITIZE:-}" ] || dir=build-sanitize
cd "$dir"
ctest --output-on-failure -j"$(nproc)" "$@"
