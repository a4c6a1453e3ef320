#!/usr/bin/env bash
# docs/json-schema.json describes `check --format json` exactly:
#   1. it is a valid draft-07 schema, and its rule enum is the list of
#      `l10nlint rules --format json`, in the same order;
#   2. the real output validates: every fixture pair (tests/cases/*/ with
#      source.md and translation.md), every site fixture (tests/cases/site-*/
#      with content/, run with --site, which adds the coverage array), and
#      the real corpus site when ../shared/corpus/k8s exists;
#   3. malformed documents are rejected: missing version, another version,
#      wrong types, unknown rule or severity, extra keys, source_file and
#      source_line not null together, an empty coverage array...
# Needs python3 with jsonschema (Debian: python3-jsonschema, installed by
# `scripts/deps.sh test`); skips (77) without it.
#   bash tests/scripts/json-schema.sh --update   rewrites the rule enum of
#   docs/json-schema.json from `l10nlint rules --format json`
# Last line: "N passed, N failed".
set -u
top=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${L10NLINT:-$top/build/l10nlint}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
schema=$top/docs/json-schema.json
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
python3 -c 'import jsonschema; jsonschema.Draft7Validator' 2>/dev/null ||
	{ echo "python3 jsonschema module not found (Debian: apt-get install python3-jsonschema)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" rules --format json >"$tmp/rules.json" || { echo "l10nlint rules failed"; exit 1; }

if [ "${1:-}" = "--update" ]; then
	python3 - "$schema" "$tmp/rules.json" <<'EOF'
import json, sys
path, rules = sys.argv[1], sys.argv[2]
doc = json.load(open(path, encoding="utf-8"))
doc["definitions"]["rule"]["enum"] = [r["id"] for r in json.load(open(rules, encoding="utf-8"))]
with open(path, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
print("updated the rule enum of %s" % path)
EOF
	exit $?
fi

# Collect the outputs: one line "KIND<TAB>NAME<TAB>FILE" per document.
list=$tmp/list
: >"$list"
n=0
for dir in "$top"/tests/cases/*/; do
	[ -f "$dir/source.md" ] && [ -f "$dir/translation.md" ] || continue
	name=$(basename "$dir")
	lang=ja
	if [ -f "$dir/args" ]; then
		l=$(grep -o -- '--lang [a-z-]*' "$dir/args" | head -n 1 | awk '{print $2}')
		[ -n "$l" ] && lang=$l
	fi
	n=$((n + 1))
	(cd "$dir" && "$bin" check --format json --lang "$lang" source.md translation.md \
		>"$tmp/out$n.json" 2>/dev/null)
	printf 'pair\t%s\t%s\n' "$name" "$tmp/out$n.json" >>"$list"
done
for dir in "$top"/tests/cases/site-*/; do
	[ -d "$dir/content" ] && [ -f "$dir/args" ] || continue
	args=$(head -n 1 "$dir/args")
	case $args in "check --site "*) ;; *) continue ;; esac
	case $args in *--format*) ;; *) args="check --format json ${args#check }" ;; esac
	name=$(basename "$dir")
	n=$((n + 1))
	# shellcheck disable=SC2086
	(cd "$dir" && eval "\"\$bin\" $args" >"$tmp/out$n.json" 2>/dev/null)
	# a usage error (exit 2 with no report) is not a document
	[ $? -eq 2 ] && [ ! -s "$tmp/out$n.json" ] && continue
	printf 'site\t%s\t%s\n' "$name" "$tmp/out$n.json" >>"$list"
done
corpus=$top/../shared/corpus/k8s
if [ -d "$corpus/content" ]; then
	n=$((n + 1))
	(cd "$corpus" && "$bin" check --site . --format json --known-pages manifest-ja.txt:complete \
		--known-pages manifest-en.txt >"$tmp/out$n.json" 2>/dev/null)
	printf 'site\t%s\t%s\n' "corpus k8s" "$tmp/out$n.json" >>"$list"
fi
version=$("$bin" --version | awk '{print $2}')

python3 - "$schema" "$tmp/rules.json" "$list" "$version" <<'EOF'
import copy, json, sys
import jsonschema

schema_path, rules_path, list_path, version = sys.argv[1:5]
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)

schema = json.load(open(schema_path, encoding="utf-8"))
try:
    jsonschema.Draft7Validator.check_schema(schema)
    check(schema.get("$schema") == "http://json-schema.org/draft-07/schema#",
          "the schema does not declare draft-07")
except jsonschema.SchemaError as e:
    check(False, "the schema is not a valid draft-07 schema: %s" % e.message)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1)
validator = jsonschema.Draft7Validator(schema)
rules = [r["id"] for r in json.load(open(rules_path, encoding="utf-8"))]
enum = schema["definitions"]["rule"]["enum"]
check(enum == rules, "the rule enum differs from `l10nlint rules` (run: bash "
      "tests/scripts/json-schema.sh --update): only in schema %s, only in rules %s"
      % (sorted(set(enum) - set(rules)), sorted(set(rules) - set(enum))))
check(schema["properties"]["version"].get("const") == 1, "version is not const 1")

def errors(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))

def where(e):
    return "/".join(str(p) for p in e.absolute_path) or "(top)"

samples = {}
for line in open(list_path, encoding="utf-8"):
    kind, name, path = line.rstrip("\n").split("\t")
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        check(False, "%s %s: not JSON: %s" % (kind, name, e))
        continue
    errs = errors(doc)
    check(not errs, "%s %s: %s" % (kind, name, "; ".join(
        "%s: %s" % (where(e), e.message[:200]) for e in errs[:3])))
    if kind == "site":
        check("coverage" in doc, "site %s: no coverage array" % name)
    else:
        check("coverage" not in doc, "pair %s: a coverage array outside site mode" % name)
    check(doc.get("tool", {}).get("version") == version,
          "%s %s: tool.version is not %r" % (kind, name, version))
    fs = doc.get("findings") or []
    if kind == "site" and "coverage" in doc and any(f["source_file"] is None for f in fs):
        samples.setdefault("site", doc)
    if any(f["source_file"] is not None for f in fs):
        samples.setdefault("sourced", doc)
check("site" in samples, "no site fixture with findings to break")
check("sourced" in samples, "no fixture with a source counterpart to break")

# Malformed documents: each must be rejected.
def finding0(d):
    return d["findings"][0]

def sourced0(d):
    return next(f for f in d["findings"] if f["source_file"] is not None)

def unsourced0(d):
    return next(f for f in d["findings"] if f["source_file"] is None)

mutations = [
    ("site", "missing version", lambda d: d.pop("version")),
    ("site", "version 2", lambda d: d.update(version=2)),
    ("site", "version as a string", lambda d: d.update(version="1")),
    ("site", "extra top-level key", lambda d: d.update(generated="today")),
    ("site", "missing tool", lambda d: d.pop("tool")),
    ("site", "another tool name", lambda d: d["tool"].update(name="l10n-lint")),
    ("site", "extra tool key", lambda d: d["tool"].update(url="x")),
    ("site", "findings not an array", lambda d: d.update(findings={})),
    ("site", "line as a string (wrong type)", lambda d: finding0(d).update(line="25")),
    ("site", "line 0", lambda d: finding0(d).update(line=0)),
    ("site", "column as a float", lambda d: finding0(d).update(column=7.5)),
    ("site", "unknown rule", lambda d: finding0(d).update(rule="link-rotten")),
    ("site", "unknown severity", lambda d: finding0(d).update(severity="fatal")),
    ("site", "extra finding key", lambda d: finding0(d).update(url="https://example.org/")),
    ("site", "missing message", lambda d: finding0(d).pop("message")),
    ("site", "empty file", lambda d: finding0(d).update(file="")),
    ("site", "message on two lines", lambda d: finding0(d).update(message="a\nb")),
    ("site", "missing source_line", lambda d: finding0(d).pop("source_line")),
    ("site", "source_line without source_file", lambda d: unsourced0(d).update(source_line=3)),
    ("sourced", "source_file without source_line",
     lambda d: sourced0(d).update(source_line=None)),
    ("sourced", "source_line 0", lambda d: sourced0(d).update(source_line=0)),
    ("sourced", "empty source_file", lambda d: sourced0(d).update(source_file="")),
    ("site", "summary count negative", lambda d: d["summary"].update(errors=-1)),
    ("site", "summary missing infos", lambda d: d["summary"].pop("infos")),
    ("site", "summary extra key", lambda d: d["summary"].update(notes=0)),
    ("site", "empty coverage", lambda d: d.update(coverage=[])),
    ("site", "coverage missing lang", lambda d: d["coverage"][0].pop("lang")),
    ("site", "coverage extra key", lambda d: d["coverage"][0].update(percent=66.7)),
    ("site", "coverage count as a string", lambda d: d["coverage"][0].update(source="3")),
]
for sample, what, mutate in mutations:
    if sample not in samples:
        continue
    doc = copy.deepcopy(samples[sample])
    mutate(doc)
    check(bool(errors(doc)), "a document with %s is accepted" % what)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
