#!/usr/bin/env bash
# Configures and builds dbtidy into build/ (the fixed layout other tooling
# relies on: build/bin/dbtidy, build/lib/DbTidyModule.so).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build
