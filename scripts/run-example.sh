#!/usr/bin/env bash
# Builds dbtidy, generates the example project's compile_commands.json and
# runs dbtidy over every translation unit of it, printing the findings.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cmake -S examples/shop -B build/examples/shop -G Ninja \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
set +e
build/bin/dbtidy -p build/examples/shop "$@"
status=$?
set -e
echo "dbtidy exited with status $status (see README: 0 = no failing findings)"
exit $status
