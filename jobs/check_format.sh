#!/usr/bin/env bash
# The format check of jobs/run_tests.sh: every C++ source of the tree must be
# exactly what clang-format-14 makes of it with the root .clang-format.
#   jobs/check_format.sh          list unformatted files, exit 1 if any
#   jobs/check_format.sh --fix    format them in place
set -euo pipefail
cd "$(dirname "$0")/.."
CF=${CLANG_FORMAT:-clang-format-14}
command -v "$CF" >/dev/null || { echo "check_format: $CF not found (jobs/setup.sh installs it)" >&2; exit 2; }
mapfile -t files < <(git ls-files -- '*.cpp' '*.h' '*.cpp.in' | grep -v '^tests/fixtures/')
if [ "${1:-}" = "--fix" ]; then
  "$CF" -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  "$CF" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "check_format: ${#bad[@]} of ${#files[@]} files are not clang-formatted (jobs/check_format.sh --fix):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
