# tests/lib/harness.sh - what the script tests share; source it after
# `set -u`. It gives:
#   pass, fail      counters; ok / bad MESSAGE count a check (bad prints it)
#   tmp             a temporary folder, removed when the script exits
#   sanitizer builds write their reports into $tmp (ASAN/UBSAN log_path)
#   harness_end     counts a sanitizer report as a failure, prints the last
#                   line "N passed, N failed" and returns 0 only without
#                   failures (end the script with it)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$tmp/sanitizer"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$tmp/sanitizer"

harness_end() {
  if ls "$tmp"/sanitizer.* >/dev/null 2>&1; then
    bad "sanitizer report"; head -n 20 "$tmp"/sanitizer.*
  fi
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
