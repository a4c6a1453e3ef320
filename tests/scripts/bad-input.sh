#!/usr/bin/env bash
# Bad input gets one clear file:line diagnostic and exit status 2, the
# other files are still processed, and nothing crashes or changes.
set -u
: "${L10NLINT:?}"
pass=0 fail=0
t=$(mktemp -d)
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

good="$t/good.md"
printf '# Good page\n\nText.\n' >"$good"

# expect NAME FILE REGEX: outline FILE good.md -> exit 2, stderr matches,
# and good.md's heading still printed.
expect() {
  local name=$1 file=$2 re=$3
  local before after
  before=$(cksum <"$file" 2>/dev/null || echo none)
  timeout 20 "$L10NLINT" outline "$file" "$good" >"$t/out" 2>"$t/err"
  local rc=$?
  after=$(cksum <"$file" 2>/dev/null || echo none)
  if [ $rc -ne 2 ]; then bad "$name: exit $rc, want 2"; cat "$t/err"; return; fi
  if ! grep -Eq -- "$re" "$t/err"; then bad "$name: stderr does not match /$re/:"; cat "$t/err"; return; fi
  if [ "$(grep -c . "$t/err")" -ne 1 ]; then bad "$name: want one message, got:"; cat "$t/err"; return; fi
  if ! grep -q 'good.md:1:1: h1 #good-page' "$t/out"; then bad "$name: the good file was not processed"; return; fi
  if grep -q -e 'Sanitizer' -e 'runtime error' "$t/err"; then bad "$name: sanitizer"; return; fi
  if [ "$before" != "$after" ]; then bad "$name: input modified"; return; fi
  ok
}

expect missing "$t/nope.md" "nope.md: error: cannot open: No such file or directory \[invalid-input\]"
mkdir "$t/dir.md"
expect directory "$t/dir.md" "dir.md: error: is a directory"
ln -s loop1.md "$t/loop2.md"; ln -s loop2.md "$t/loop1.md"
expect symlink-loop "$t/loop1.md" "loop1.md: error: cannot open: Too many levels of symbolic links"
printf 'x' >"$t/file"
expect not-a-dir "$t/file/x.md" "x.md: error: cannot open: Not a directory"
if [ "$(id -u)" -ne 0 ]; then
  printf '# x\n' >"$t/unreadable.md"; chmod 000 "$t/unreadable.md"
  expect unreadable "$t/unreadable.md" "unreadable.md: error: cannot open: Permission denied"
fi
printf '# Title\n\nline two \xff\xfe here\n' >"$t/latin1.md"
expect invalid-utf8 "$t/latin1.md" "latin1.md:3:10: error: invalid UTF-8 \(byte 0xFF\) \[invalid-input\]"
printf '# 日本語\n\nあい\xe3\x81' >"$t/trunc.md"
expect truncated-utf8 "$t/trunc.md" "trunc.md:3:3: error: invalid UTF-8"
printf '# T\r\n\r\nab\x00cd\r\n' >"$t/nul.md"
expect nul "$t/nul.md" "nul.md:3:3: error: NUL byte in input"
head -c 4096 /bin/sh >"$t/binary.md"
expect binary "$t/binary.md" "binary.md:[0-9]+:[0-9]+: error: (NUL byte|invalid UTF-8)"
printf -- '---\ntitle: "unclosed\ndate: 2024-01-01\n---\n# x\n' >"$t/yaml.md"
expect malformed-yaml "$t/yaml.md" "yaml.md:2:[0-9]+: error: front matter: invalid YAML"
printf -- '---\ntitle: a\n  bad: indent\n---\n' >"$t/indent.md"
expect yaml-indent "$t/indent.md" "indent.md:3:[0-9]+: error: front matter: invalid YAML"
printf -- '---\ntitle: a\ntitle: b\n---\n' >"$t/dup.md"
expect yaml-duplicate "$t/dup.md" "dup.md:3:1: error: front matter: duplicate key 'title' \(first at line 2\)"
printf -- '---\ntitle: x\n' >"$t/unclosed.md"
expect unclosed-front-matter "$t/unclosed.md" "unclosed.md:1:1: error: front matter opened with '---' is never closed"
{
  echo '---'
  echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  prev=a
  for n in b c d e f g h i; do
    printf '%s: &%s [' "$n" "$n"
    for k in 1 2 3 4 5 6 7 8 9; do printf '*%s,' "$prev"; done
    printf '*%s]\n' "$prev"
    prev=$n
  done
  echo '---'
} >"$t/bomb.md"
expect alias-bomb "$t/bomb.md" "bomb.md:[0-9]+:[0-9]+: error: front matter: YAML alias expansion too large"
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$t/huge.md"
expect too-large "$t/huge.md" "huge.md: error: file is too large .*--max-size"
# --max-size raises and lowers the limit
if "$L10NLINT" outline --max-size 20M "$t/huge.md" >/dev/null 2>"$t/err"; then ok; else bad "max-size 20M"; cat "$t/err"; fi
if "$L10NLINT" outline --max-size 10 "$good" >/dev/null 2>&1; then bad "max-size 10 accepted a 24-byte file"; else ok; fi
printf '+++\ntitle = "x"\n+++\n# Toml\n' >"$t/toml.md"
"$L10NLINT" outline "$t/toml.md" >"$t/out" 2>"$t/err"; rc=$?
if [ $rc -eq 0 ] && grep -q 'toml.md:1:1: warning: TOML front matter is not supported' "$t/err" &&
   grep -q 'toml.md:4:1: h1 #toml' "$t/out"; then ok; else bad "toml: rc=$rc"; cat "$t/err" "$t/out"; fi
# A BOM and CRLF: positions stay right.
printf '\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n\r\n## Héllo Wörld\r\n' >"$t/bom.md"
"$L10NLINT" outline "$t/bom.md" >"$t/out" 2>"$t/err"; rc=$?
if [ $rc -eq 0 ] && grep -q 'bom.md:5:1: h2 #héllo-wörld  Héllo Wörld$' "$t/out" &&
   grep -q 'bom.md:2:1: front-matter title = x$' "$t/out"; then ok; else bad "bom+crlf"; cat "$t/out" "$t/err"; fi
# Usage errors
"$L10NLINT" outline --format xml "$good" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad format not exit 2"
"$L10NLINT" frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown command not exit 2"
"$L10NLINT" outline >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no files not exit 2"
"$L10NLINT" outline --anchor-style nope "$good" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad anchor style not exit 2"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
