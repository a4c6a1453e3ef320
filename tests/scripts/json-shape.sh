#!/usr/bin/env bash
# `check --format json` keeps its documented shape on every fixture pair
# (tests/cases/*/ holding source.md and translation.md):
#   {"version": 1, "tool": {"name": "l10nlint", "version": "..."},
#    "findings": [{"rule", "severity", "file", "line", "column",
#                  "source_file", "source_line", "message"}],
#    "summary": {"errors", "warnings", "infos"}}
# source_file and source_line are both null when a finding has no
# counterpart. Also checked: rule IDs exist, severities are known, the
# summary counts the findings, findings are sorted, messages follow the
# house style (no final period, no leading capital), the text format
# reports the same findings, and the exit status matches the severities.
# Skips (77) when python3 is absent.
set -u
: "${L10NLINT:?}" "${TOP:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
rules=$("$L10NLINT" rules | awk '{print $1}')
export RULES="$rules"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "$TOP"/tests/cases/*/; do
  [ -f "$dir/source.md" ] && [ -f "$dir/translation.md" ] || continue
  name=$(basename "$dir")
  lang=ja
  if [ -f "$dir/args" ]; then
    l=$(grep -o -- '--lang [a-z-]*' "$dir/args" | head -n 1 | awk '{print $2}')
    [ -n "$l" ] && lang=$l
  fi
  (cd "$dir" && "$L10NLINT" check --format json --lang "$lang" source.md translation.md \
    >"$tmp/json" 2>"$tmp/err"; echo $? >"$tmp/rc")
  (cd "$dir" && "$L10NLINT" check --lang "$lang" source.md translation.md \
    >"$tmp/text" 2>/dev/null)
  if msg=$(python3 - "$tmp/json" "$tmp/text" "$(cat "$tmp/rc")" <<'EOF'
import json, os, re, sys

path, text_path, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
rules = set(os.environ["RULES"].split())
errs = []

def need(cond, what):
    if not cond:
        errs.append(what)

try:
    raw = open(path, encoding="utf-8").read()
    doc = json.loads(raw)
except Exception as e:  # not JSON at all
    print("not valid JSON: %s" % e)
    sys.exit(1)

need(isinstance(doc, dict), "top level is not an object")
keys = list(doc.keys())
need(keys[:4] == ["version", "tool", "findings", "summary"] and
     set(keys) <= {"version", "tool", "findings", "summary", "coverage"},
     "top-level keys are %s" % keys)
need(doc.get("version") == 1 and type(doc.get("version")) is int, "version is not 1")
tool = doc.get("tool")
need(isinstance(tool, dict) and list(tool.keys()) == ["name", "version"],
     "tool is %r" % (tool,))
if isinstance(tool, dict):
    need(tool.get("name") == "l10nlint", "tool.name is %r" % tool.get("name"))
    need(isinstance(tool.get("version"), str) and tool.get("version"), "tool.version")
findings = doc.get("findings")
need(isinstance(findings, list), "findings is not a list")
fkeys = ["rule", "severity", "file", "line", "column", "source_file", "source_line", "message"]
count = {"error": 0, "warning": 0, "info": 0}
order = []
for i, f in enumerate(findings if isinstance(findings, list) else []):
    where = "finding %d" % i
    if not isinstance(f, dict):
        need(False, where + " is not an object")
        continue
    need(list(f.keys()) == fkeys, "%s keys are %s" % (where, list(f.keys())))
    need(f.get("rule") in rules, "%s rule %r is unknown" % (where, f.get("rule")))
    sev = f.get("severity")
    need(sev in count, "%s severity %r" % (where, sev))
    if sev in count:
        count[sev] += 1
    need(isinstance(f.get("file"), str) and f["file"], where + " file")
    for k in ("line", "column"):
        v = f.get(k)
        need(type(v) is int and v >= 1, "%s %s is %r" % (where, k, v))
    sf, sl = f.get("source_file"), f.get("source_line")
    if sf is None:
        need(sl is None, where + " source_line without source_file")
    else:
        need(isinstance(sf, str) and sf, where + " source_file")
        need(type(sl) is int and sl >= 1, "%s source_line is %r" % (where, sl))
    m = f.get("message")
    need(isinstance(m, str) and m.strip() == m and m, where + " message empty or padded")
    if isinstance(m, str) and m:
        need(not m.endswith("."), "%s message ends with a period: %s" % (where, m))
        need(not re.match(r"[A-Z][a-z]", m), "%s message starts with a capital: %s" % (where, m))
        need("\n" not in m, where + " message has a newline")
    order.append((f.get("file"), f.get("line"), f.get("column")))
need(order == sorted(order), "findings are not sorted by file, line, column")
summary = doc.get("summary")
need(isinstance(summary, dict) and list(summary.keys()) == ["errors", "warnings", "infos"],
     "summary is %r" % (summary,))
if isinstance(summary, dict):
    need(summary.get("errors") == count["error"] and summary.get("warnings") == count["warning"]
         and summary.get("infos") == count["info"],
         "summary %r does not count the findings %r" % (summary, count))
# the text format reports the same findings
text = open(text_path, encoding="utf-8", errors="replace").read().splitlines()
ntext = sum(1 for l in text if re.search(r": (error|warning|info): .* \[[a-z-]+\]$", l))
need(ntext == len(findings or []), "text shows %d findings, json %d" % (ntext, len(findings or [])))
# exit status: 2 when a file was rejected, else 1 when an error was found
rejected = any(f.get("rule") == "invalid-input" and f.get("severity") == "error"
               for f in findings or [])
want = 2 if rejected else (1 if count["error"] else 0)
need(rc == want, "exit status %d, expected %d" % (rc, want))
for e in errs[:5]:
    print(e)
sys.exit(1 if errs else 0)
EOF
  ); then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name"
    printf '%s\n' "$msg" | sed 's/^/  /'
  fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
