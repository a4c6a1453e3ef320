#!/usr/bin/env bash
# docs/l10nlint.1, the manual page:
#   1. renders without a warning (groff -man -ww; man -l --warnings when
#      man-db is there);
#   2. has the usual sections, the version of the binary in its .TH line,
#      and exit statuses 0, 1 and 2;
#   3. names every command and every long option of `l10nlint --help`, every
#      option of the option table in src/main.c (--colour, --force...), and
#      every rule of `l10nlint rules`.
# Skips (77) when neither groff nor man is installed.
# Last line: "N passed, N failed".
set -u
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${L10NLINT:-$top/build/l10nlint}
page=$top/docs/l10nlint.1
have_groff=0 have_man=0
command -v groff >/dev/null 2>&1 && have_groff=1
command -v man >/dev/null 2>&1 && have_man=1
[ $have_groff = 1 ] || [ $have_man = 1 ] || { echo "neither groff nor man found"; exit 77; }
export LC_ALL=C.UTF-8
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. no warnings; the text, wide enough that no option is broken
if [ $have_groff = 1 ]; then
	groff -man -Tutf8 -ww -z "$page" 2>"$tmp/warn"
	if [ $? -eq 0 ] && [ ! -s "$tmp/warn" ]; then ok; else bad "groff -ww: $(head -n 5 "$tmp/warn")"; fi
	groff -man -Tascii -rLL=200n -P-cbou "$page" >"$tmp/text" 2>/dev/null
fi
if [ $have_man = 1 ]; then
	MANWIDTH=200 man --warnings -l "$page" >"$tmp/mantext" 2>"$tmp/warn"
	if [ $? -eq 0 ] && [ ! -s "$tmp/warn" ]; then ok; else bad "man -l --warnings: $(head -n 5 "$tmp/warn")"; fi
	[ $have_groff = 1 ] || col -b <"$tmp/mantext" >"$tmp/text"
fi
[ -s "$tmp/text" ] && ok || bad "the page renders to nothing"

has() { # has WORD: WORD in the rendered text, not as part of a longer name
	grep -q -E -e "(^|[^A-Za-z0-9-])$(printf '%s' "$1" | sed 's/[.[\*^$]/\\&/g')([^A-Za-z0-9-]|$)" "$tmp/text"
}

# 2. sections, version, exit statuses
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS RULES "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	grep -q -x -- "$s" "$tmp/text" && ok || bad "no section $s"
done
version=$("$bin" --version | awk '{print $2}')
grep -q -E "^\.TH L10NLINT 1 [0-9-]+ \"l10nlint $version\"" "$page" && ok ||
	bad ".TH does not say l10nlint $version: $(grep '^\.TH' "$page")"
for st in 0 1 2; do
	sed -n '/^EXIT STATUS$/,/^[A-Z]/p' "$tmp/text" | grep -q -E "^ +$st +[A-Z]" && ok || bad "exit status $st not described"
done

# 3. commands, options, rules
"$bin" --help >"$tmp/help"
cmds=$(sed -n '/^commands:/,/^$/p' "$tmp/help" | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | sort -u)
[ -n "$cmds" ] && ok || bad "no commands in l10nlint --help"
for c in $cmds; do
	grep -q -E "^ +l10nlint $c( |$)" "$tmp/text" && ok || bad "command $c is not in the SYNOPSIS"
	grep -q -E "^ {2,3}$c( |$)" "$tmp/text" && ok || bad "command $c has no subsection under COMMANDS"
done
opts=$(grep -o -E -- '--[a-z][a-z-]*' "$tmp/help" | sort -u)
[ -n "$opts" ] && ok || bad "no options in l10nlint --help"
table=$(sed -n 's/^[[:space:]]*{"\([a-z][a-z-]*\)", *\(no\|required\|optional\)_argument.*/--\1/p' "$top/src/main.c" | sort -u)
[ -n "$table" ] && ok || bad "no option table in src/main.c"
for o in $(printf '%s\n' $opts $table | sort -u); do
	has "$o" && ok || bad "option $o is not in the manual page"
done
rules=$("$bin" rules | awk '{print $1}')
[ -n "$rules" ] && ok || bad "no rules from l10nlint rules"
for r in $rules; do
	has "$r" && ok || bad "rule $r is not in the manual page"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
