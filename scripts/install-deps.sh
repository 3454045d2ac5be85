#!/usr/bin/env bash
# Installs everything dbtidy needs to build, test and run its example on
# Debian bookworm. Safe to run again: apt-get skips what is installed.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ python3
  clang-19 clang-tidy-19 libclang-19-dev llvm-19-dev llvm-19-tools
  libyaml-cpp-dev libgtest-dev
  # clang's sanitizer and libFuzzer runtimes (DBTIDY_SANITIZE, scripts/fuzz.sh)
  libclang-rt-19-dev
  # real library headers the tests and the example compile against
  libsqlitecpp-dev libsqlite3-dev libpqxx-dev libpq-dev
  libsoci-dev libboost-dev qtbase5-dev libpoco-dev
  pkg-config
  # CI gate tests: the HTML report's lock graph (dot) and its check in a
  # headless browser; the pre-commit and --since tests use git
  graphviz chromium git
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "install-deps: need root or sudo to apt-get install" >&2; exit 2
  fi
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
