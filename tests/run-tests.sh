#!/usr/bin/env bash
# Run the whole test suite against one build directory.
#   tests/run-tests.sh BUILD_DIR [--update] [FILTER]
# Unit tests (BUILD_DIR/tests/test_*), data-driven cases (tests/cases/*/)
# and script tests (tests/scripts/*.sh). Keeps going after failures; the
# last line is "N passed, N failed" (", N skipped" when some skipped).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: tests/run-tests.sh BUILD_DIR [--update] [FILTER]}
shift
update=0
filter=
for a in "$@"; do
  case $a in
    --update) update=1 ;;
    *) filter=$a ;;
  esac
done
build=$(cd "$build" && pwd)
export L10NLINT="$build/l10nlint"
export L10NLINT_BUILD="$build"
export L10NLINT_LOCALES="$top/locales"
export TOP="$top"
export LC_ALL=C.UTF-8
export NO_COLOR=1
# ASan: fail on leaks too; UBSan: fail on any report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0 failed=0 skipped=0
failures=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

note_fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL $1"; }

# 1. unit tests: each prints "N passed, N failed" last.
for t in "$build"/tests/test_*; do
  [ -f "$t" ] && [ -x "$t" ] || continue
  name=unit/$(basename "$t")
  [ -n "$filter" ] && [[ $name != *"$filter"* ]] && continue
  out=$("$t" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    if [ "${BASH_REMATCH[2]}" -ne 0 ] || [ $rc -ne 0 ]; then
      printf '%s\n' "$out" | grep -v '^[0-9]* passed' | sed 's/^/  /'
      note_fail "$name (${BASH_REMATCH[2]} checks)"
      [ "${BASH_REMATCH[2]}" -eq 0 ] && failed=$failed
    fi
  else
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/  /'
    note_fail "$name (crashed, exit $rc)"
  fi
done

# 2. data-driven cases: tests/cases/NAME/{args,expected.txt,...}
#    args: the l10nlint arguments, run inside the case folder
#    (default: check --lang ja source.md translation.md). expected.txt is stdout,
#    then stderr lines prefixed "stderr: ", then "exit: N".
run_case() {
  local dir=$1 args
  if [ -f "$dir/args" ]; then args=$(head -n 1 "$dir/args"); else args="check --lang ja source.md translation.md"; fi
  (
    cd "$dir" || exit 1
    # shellcheck disable=SC2086
    eval "\"\$L10NLINT\" $args" >"$tmp/out" 2>"$tmp/err"
    echo $? >"$tmp/rc"
  )
  {
    cat "$tmp/out"
    sed 's/^/stderr: /' "$tmp/err"
    echo "exit: $(cat "$tmp/rc")"
  } >"$tmp/actual"
}

for dir in "$top"/tests/cases/*/; do
  [ -d "$dir" ] || continue
  name=case/$(basename "$dir")
  [ -n "$filter" ] && [[ $name != *"$filter"* ]] && continue
  run_case "$dir"
  if grep -q -e 'runtime error:' -e 'AddressSanitizer' -e 'LeakSanitizer' "$tmp/actual"; then
    sed 's/^/  /' "$tmp/actual" | head -n 40
    note_fail "$name (sanitizer report)"
    continue
  fi
  if [ $update -eq 1 ]; then
    cp "$tmp/actual" "$dir/expected.txt"
    passed=$((passed + 1))
  elif [ -f "$dir/expected.txt" ] && cmp -s "$tmp/actual" "$dir/expected.txt"; then
    passed=$((passed + 1))
  else
    diff -u "$dir/expected.txt" "$tmp/actual" 2>&1 | head -n 40 | sed 's/^/  /'
    note_fail "$name"
  fi
done

# 3. script tests: exit 0 pass, 77 skip, else fail. A script that prints
#    "N passed, N failed" last contributes its counts.
for s in "$top"/tests/scripts/*.sh; do
  [ -f "$s" ] || continue
  name=script/$(basename "$s" .sh)
  [ -n "$filter" ] && [[ $name != *"$filter"* ]] && continue
  out=$(bash "$s" 2>&1); rc=$?
  last=$(printf '%s\n' "$out" | tail -n 1)
  if [ $rc -eq 77 ]; then
    skipped=$((skipped + 1))
    echo "SKIP $name: $(printf '%s\n' "$out" | tail -n 1)"
    continue
  fi
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    if [ "${BASH_REMATCH[2]}" -ne 0 ] || [ $rc -ne 0 ]; then
      printf '%s\n' "$out" | grep -v '^[0-9]* passed' | tail -n 40 | sed 's/^/  /'
      note_fail "$name"
    fi
  elif [ $rc -eq 0 ]; then
    passed=$((passed + 1))
  else
    printf '%s\n' "$out" | tail -n 40 | sed 's/^/  /'
    note_fail "$name (exit $rc)"
  fi
done

if [ ${#failures[@]} -gt 0 ]; then
  echo "failed:"
  printf '  %s\n' "${failures[@]}"
fi
if [ $skipped -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
