#!/bin/sh
# dbtidy pre-commit hook: refuses a commit that adds dbtidy findings on the
# lines it changes. Install from the repository's top directory:
#   cp docs/integrations/pre-commit-hook.sh .git/hooks/pre-commit
#   chmod +x .git/hooks/pre-commit
# Settings (environment): DBTIDY (the driver, default: dbtidy on PATH),
# DBTIDY_BUILD_DIR (the directory with compile_commands.json, default build).
# Bypass once with `git commit --no-verify`.
DBTIDY="${DBTIDY:-dbtidy}"
BUILD_DIR="${DBTIDY_BUILD_DIR:-build}"

changed=$(git diff --cached --name-only --diff-filter=ACMR -- \
  '*.c' '*.cc' '*.cpp' '*.cxx' '*.h' '*.hh' '*.hpp' '*.hxx')
[ -n "$changed" ] || exit 0
if ! git rev-parse --verify --quiet HEAD >/dev/null; then
  exit 0 # the first commit: nothing to compare with
fi

# Diff mode: only the TUs the change touches are re-analysed, only findings
# on changed lines (staged or not) are reported.
"$DBTIDY" -p "$BUILD_DIR" --since=HEAD --header-filter='.*' \
  --warnings-as-errors='db-*'
status=$?
case $status in
  0) exit 0 ;;
  1) echo "pre-commit: dbtidy found problems on the lines you changed" \
       "(fix them, or commit with --no-verify)" >&2 ;;
  *) echo "pre-commit: dbtidy could not check the change (status $status)" >&2 ;;
esac
exit 1
