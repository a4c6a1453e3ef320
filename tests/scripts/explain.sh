#!/usr/bin/env bash
# `l10nlint explain RULE` prints docs/rules/RULE.md for every rule; an
# unknown rule is a usage error.
: "${L10NLINT:?}" "${TOP:?}"
pass=0 fail=0
for r in $("$L10NLINT" rules | awk '{print $1}'); do
  if "$L10NLINT" explain "$r" | cmp -s - "$TOP/docs/rules/$r.md"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL: explain $r differs from docs/rules/$r.md (reconfigure the build after adding a page)"
  fi
done
"$L10NLINT" explain no-such-rule >/dev/null 2>&1; [ $? -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: unknown rule not exit 2"; }
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
