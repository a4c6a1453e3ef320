#!/usr/bin/env bash
# Every rule has its page docs/rules/<id>.md (with a problematic and a
# corrected example), a case that fires it (tests/cases/<id>-*/ whose
# golden names [<id>]) and a clean case (tests/cases/<id>-clean*/ whose
# golden does not); and every docs page names a real rule.
set -u
: "${L10NLINT:?}" "${TOP:?}"
pass=0 fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
rules=$("$L10NLINT" rules | awk '{print $1}')
for r in $rules; do
  doc="$TOP/docs/rules/$r.md"
  if [ ! -f "$doc" ]; then bad "$r: no docs/rules/$r.md"; continue; fi
  if ! grep -qi 'problem' "$doc" || ! grep -qi 'correct' "$doc"; then
    bad "$r: docs page lacks a problematic or a corrected example"; continue
  fi
  fires=0 clean=0
  for d in "$TOP"/tests/cases/"$r"-*/; do
    [ -f "$d/expected.txt" ] || continue
    case $(basename "$d") in
      "$r"-clean*) grep -qF "[$r]" "$d/expected.txt" || clean=1 ;;
      *) grep -qF "[$r]" "$d/expected.txt" && fires=1 ;;
    esac
  done
  [ $fires -eq 1 ] || { bad "$r: no case tests/cases/$r-*/ fires it"; continue; }
  [ $clean -eq 1 ] || { bad "$r: no clean case tests/cases/$r-clean*/"; continue; }
  pass=$((pass + 1))
done
for doc in "$TOP"/docs/rules/*.md; do
  [ -f "$doc" ] || continue
  id=$(basename "$doc" .md)
  [ "$id" = README ] && continue
  if printf '%s\n' $rules | grep -qx "$id"; then pass=$((pass + 1)); else bad "docs/rules/$id.md names no rule"; fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
