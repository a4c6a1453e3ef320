#!/usr/bin/env bash
# outline succeeds on every page of the real corpus (../shared/corpus), in
# JSON with each anchor style and in text, and its output has the
# documented shape:
#   - JSON: one line, one object, with the documented keys, no sanitizer
#     report, stderr lines in the "FILE:LINE:COL: severity: message [rule]"
#     form;
#   - text: every stdout line starts with "FILE:LINE:COL: ", and the headings
#     (position, level, ID) are the ones of the JSON output;
#   - when python3 is available, every JSON line parses, and per page:
#     positions increase, levels are 1..6, an auto ID is never an ID already
#     on the page (explicit IDs may repeat; auto IDs are de-duplicated
#     against everything before them), auto IDs are never empty, github-ascii
#     IDs are ASCII, blackfriday IDs have no leading, trailing or double
#     dash, and {{% heading "whatsnext" %}} becomes the page language's
#     string (content/ja/ -> 次の項目, content/en/ -> What's next).
# Last line: "N passed, N failed".
set -u
: "${L10NLINT:?}" "${TOP:?}"
corpus="$TOP/../shared/corpus/k8s"
if [ ! -d "$corpus/content" ]; then echo "skipped: no ../shared/corpus"; exit 77; fi
pass=0 fail=0
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
: >"$t/json-index"
diag_re='^[^ ]+(:[0-9]+:[0-9]+)?: (error|warning|info): .* \[[a-z0-9-]+\]$'

bad() { fail=$((fail + 1)); echo "FAIL $*"; }

while IFS= read -r -d '' f; do
  for style in blackfriday github github-ascii; do
    if "$L10NLINT" outline --format json --anchor-style "$style" "$f" >"$t/out" 2>"$t/err"; then
      # one line, one object, with the documented keys
      if [ "$(wc -l <"$t/out")" -eq 1 ] && grep -q '^{"file": ' "$t/out" &&
         grep -q '"headings": \[' "$t/out" && grep -q '"front_matter": {' "$t/out" &&
         grep -q '"front_matter_keys": \[' "$t/out" &&
         ! grep -q -e Sanitizer -e 'runtime error' "$t/err" &&
         ! grep -q -v -E "$diag_re" "$t/err"; then
        pass=$((pass + 1))
        printf '%s\t%s\n' "$style" "$f" >>"$t/json-index"
        cat "$t/out" >>"$t/json-all"
      else
        bad "shape ($style): $f"; head -c 300 "$t/out"; cat "$t/err"
      fi
    else
      bad "exit ($style): $f"; cat "$t/err"
    fi
    [ "$style" = blackfriday ] && cp "$t/out" "$t/json-bf"
  done
  # text: every line has a position; the headings agree with the JSON
  if "$L10NLINT" outline "$f" >"$t/text" 2>"$t/err"; then
    # shellcheck disable=SC2016
    want=$(sed -E 's/.*"headings": \[//; s/\], "front_matter": .*//' "$t/json-bf" |
      grep -o '"level": [0-9]*, "line": [0-9]*, "column": [0-9]*' |
      sed -E 's/"level": ([0-9]*), "line": ([0-9]*), "column": ([0-9]*)/\2:\3: h\1/')
    got=$(awk -v p="$f:" 'index($0, p) == 1 { s = substr($0, length(p) + 1)
            if (match(s, /^[0-9]+:[0-9]+: h[1-6] /)) print substr(s, 1, RLENGTH - 1) }' "$t/text")
    if grep -q -v -F "$f:" "$t/text"; then
      bad "text line without FILE:LINE:COL: $f"; grep -v -F "$f:" "$t/text" | head -n 3
    elif [ "$want" != "$got" ]; then
      bad "text and JSON headings differ: $f"
      diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -n 10
    else
      pass=$((pass + 1))
    fi
  else
    bad "exit (text): $f"; cat "$t/err"
  fi
done < <(find "$corpus/content" -name '*.md' -print0 | sort -z)

# Invariants of the JSON, page by page (python3 only; skipped without it).
if [ -s "$t/json-index" ] && command -v python3 >/dev/null 2>&1 &&
   python3 -c 'import json' >/dev/null 2>&1; then
  res=$(python3 - "$t/json-all" "$t/json-index" <<'EOF'
import json, re, sys

index = [l.split("\t", 1) for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
whatsnext = {"ja": "次の項目", "en": "what-s-next"}
hs = re.compile(r'^\s{0,3}#{1,6}\s+\{\{%\s*heading\s+"whatsnext"\s*%\}\}\s*$')
ok = bad = 0

def fail(style, path, msg):
    global bad
    bad += 1
    print("FAIL invariant (%s): %s: %s" % (style, path, msg))

with open(sys.argv[1], "rb") as fh:
    for (style, path), raw in zip(index, fh):
        try:
            page = json.loads(raw.decode("utf-8"))
        except ValueError as e:
            fail(style, path, "invalid JSON: %s" % e)
            continue
        seen, prev, err = set(), (0, 0), None
        src = open(path, encoding="utf-8-sig", errors="replace").read().splitlines()
        m = re.search(r"/content/([a-z-]+)/", path)
        lang = m.group(1) if m else "en"
        for h in page["headings"]:
            pos = (h["line"], h["column"])
            i, e = h["id"], h["explicit"]
            if not 1 <= h["level"] <= 6 or pos <= prev or h["column"] < 1:
                err = "bad level or position at line %d" % h["line"]
            elif not e and (not i or i in seen) and not re.match(
                    r"\s*\{\{[<%]\s*(capture\s+\w+|\w+[-_]heading)\s*[>%]\}\}\s*$",
                    src[h["line"] - 1] if h["line"] <= len(src) else ""):
                # (heading shortcodes write <h2 id="{{ T ... | anchorize }}">
                # themselves: no "heading" fallback, no -1 suffix)
                err = "auto ID %r at line %d is empty or already taken" % (i, h["line"])
            elif not e and style == "github-ascii" and not i.isascii():
                err = "non-ASCII github-ascii ID %r" % i
            elif not e and style == "blackfriday" and (
                    i.startswith("-") or i.endswith("-") or "--" in i):
                err = "blackfriday ID %r with a stray dash" % i
            elif (not e and style == "blackfriday" and lang in whatsnext
                  and h["line"] <= len(src) and hs.match(src[h["line"] - 1])
                  and not i.startswith(whatsnext[lang])):
                err = "whatsnext heading at line %d has ID %r" % (h["line"], i)
            if err:
                break
            seen.add(i)
            prev = pos
        if err:
            fail(style, path, err)
        else:
            ok += 1
print("counts %d %d" % (ok, bad))
EOF
)
  printf '%s\n' "$res" | grep '^FAIL'
  read -r ok nbad < <(printf '%s\n' "$res" | sed -n 's/^counts //p')
  pass=$((pass + ${ok:-0}))
  fail=$((fail + ${nbad:-0}))
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
