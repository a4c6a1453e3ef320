#!/usr/bin/env bash
# outline succeeds on every page of the real corpus (../shared/corpus),
# in text and JSON, and the JSON has the documented shape.
set -u
: "${L10NLINT:?}" "${TOP:?}"
corpus="$TOP/../shared/corpus/k8s"
if [ ! -d "$corpus/content" ]; then echo "skipped: no ../shared/corpus"; exit 77; fi
pass=0 fail=0
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
while IFS= read -r -d '' f; do
  for style in blackfriday github; do
    if "$L10NLINT" outline --format json --anchor-style "$style" "$f" >"$t/out" 2>"$t/err"; then
      # one line, one object, with the documented keys
      if [ "$(wc -l <"$t/out")" -eq 1 ] && grep -q '^{"file": ' "$t/out" &&
         grep -q '"headings": \[' "$t/out" && grep -q '"front_matter": {' "$t/out" &&
         ! grep -q -e Sanitizer -e 'runtime error' "$t/err"; then
        pass=$((pass + 1))
      else
        fail=$((fail + 1)); echo "FAIL shape: $f"; head -c 300 "$t/out"; cat "$t/err"
      fi
    else
      fail=$((fail + 1)); echo "FAIL exit: $f"; cat "$t/err"
    fi
  done
done < <(find "$corpus/content" -name '*.md' -print0 | sort -z)
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
