#!/usr/bin/env bash
# The full suite on each build given (make test: plain, ASan+UBSan, portable).
#   tests/run-all.sh BUILD_DIR...
set -u
here=$(dirname "$0")
p=0 f=0 s=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for b in "$@"; do
  echo "== test suite on $b"
  bash "$here/run-tests.sh" "$b" 2>&1 | tee "$log"
  out=$(tail -n 1 "$log")
  if [[ $out =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]]; then
    p=$((p + BASH_REMATCH[1])); f=$((f + BASH_REMATCH[2])); s=$((s + ${BASH_REMATCH[4]:-0}))
  else
    echo "run-tests.sh on $b did not finish" >&2
    f=$((f + 1))
  fi
done
if [ $s -gt 0 ]; then echo "$p passed, $f failed, $s skipped"; else echo "$p passed, $f failed"; fi
[ $f -eq 0 ]
