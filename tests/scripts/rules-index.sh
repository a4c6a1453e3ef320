#!/usr/bin/env bash
# docs/rules/README.md's index table lists exactly the rules `l10nlint
# rules` prints, in the same order, with the same default severity and
# summary, each linking its page.
set -u
: "${L10NLINT:?}" "${TOP:?}"
index="$TOP/docs/rules/README.md"
[ -f "$index" ] || { echo "FAIL: no docs/rules/README.md"; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# `l10nlint rules`: ID, severity, then the summary (padded columns).
"$L10NLINT" rules | sed -E 's/^([^ ]+) +([^ ]+) +/\1\t\2\t/' >"$tmp/want"
# The table rows: | [`id`](id.md) | severity | summary |
grep -E '^\| \[`' "$index" |
  sed -E 's/^\| \[`([^`]+)`\]\(([^)]+)\) \| ([^ ]+) \| (.*) \|$/\1\t\3\t\4\t\2/' |
  sed -E 's/\\\|/|/g' >"$tmp/rows"
cut -f1-3 "$tmp/rows" >"$tmp/got"
pass=0 fail=0
if diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
  pass=$((pass + 1))
else
  fail=$((fail + 1))
  echo "FAIL: docs/rules/README.md differs from 'l10nlint rules' (- rules, + README):"
  sed 's/^/  /' "$tmp/diff" | head -n 40
fi
while IFS=$'\t' read -r id _ _ link; do
  if [ "$link" != "$id.md" ]; then
    fail=$((fail + 1)); echo "FAIL: $id links $link, not $id.md"
  else
    pass=$((pass + 1))
  fi
done <"$tmp/rows"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
