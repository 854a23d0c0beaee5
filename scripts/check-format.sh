#!/usr/bin/env bash
# Fails when any tracked C++ source (*.cpp, *.h) differs from what clang-format makes of it
# (config: .clang-format at the root). Names each file that is off; fix with `clang-format -i`.
#   scripts/check-format.sh              # this repository: the files git tracks
#   scripts/check-format.sh --root DIR   # another tree (outside git: every *.cpp/*.h under DIR,
#                                        # build folders excepted), used by the test arch.format_check
# Exit: 0 all formatted, 1 some file is off, 2 bad usage or no clang-format.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT="${2:?--root needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "check-format: unknown argument $1" >&2; exit 2 ;;
  esac
done
CLANG_FORMAT="${CLANG_FORMAT:-clang-format}"
command -v "$CLANG_FORMAT" >/dev/null || { echo "check-format: $CLANG_FORMAT not found" >&2; exit 2; }
cd "$ROOT" || exit 2
[ -f .clang-format ] || { echo "check-format: no .clang-format in $ROOT" >&2; exit 2; }

files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ "$(git rev-parse --show-toplevel)" = "$(pwd -P)" ]; then
  while IFS= read -r -d '' f; do [ -f "$f" ] && files+=("$f"); done < <(git ls-files -z -- '*.cpp' '*.h')
else
  while IFS= read -r -d '' f; do files+=("${f#./}"); done < <(find . \( -name 'build*' -o -name '.git' \) -prune \
    -o -type f \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
fi
[ ${#files[@]} -gt 0 ] || { echo "check-format: no *.cpp or *.h files under $ROOT" >&2; exit 2; }

# One clang-format run over every file (fast); its messages name each file that is off:
# "path:line:col: error: code should be clang-formatted [-Wclang-format-violations]".
out="$(printf '%s\0' "${files[@]}" | xargs -0 "$CLANG_FORMAT" --dry-run --Werror 2>&1)"
status=$?
if [ $status -ne 0 ]; then
  bad="$(printf '%s\n' "$out" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*clang-format.*/\1/p' | sort -u)"
  if [ -z "$bad" ]; then
    printf '%s\n' "$out" >&2
    echo "check-format: clang-format failed (status $status)" >&2
    exit 2
  fi
  while IFS= read -r f; do
    echo "$f: not clang-formatted (fix: clang-format -i $f)"
  done <<<"$bad"
  printf '%s\n' "$out" | head -n 20
  echo "check-format: $(printf '%s\n' "$bad" | wc -l) of ${#files[@]} files are not clang-formatted" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files, all clang-formatted"
