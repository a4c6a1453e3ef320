#!/usr/bin/env bash
# Site mode on the real corpus (../shared/corpus/k8s: 40 ja/en pairs of
# kubernetes.io, every other page missing from the tree), with its two
# manifests, each complete for the folders its README lists
# (--known-pages FILE:complete=PREFIX,...): the ja one for concepts/,
# tutorials/, setup/, contribute/, home/ and docs/_index.md (not tasks/
# nor reference/), the en one for some subfolders of concepts/, tasks/
# and reference/, and tutorials/ and contribute/. Not en home/: the live
# site redirects the old /docs/home/contribute/ URLs (the corpus has no
# static/_redirects), so a page missing there is no broken link.
# Asserts: exit status 1 (the corpus has real errors), no sanitizer
# report, nothing on stderr, one coverage line for ja, at least one
# link-not-localized, every link-not-localized names a ja page that is in
# the ja manifest or on disk, every link-broken names a page that is
# under a complete folder and in neither the manifest nor the tree, the
# known false one (/ja/docs/reference/scheduling/config/, reference/ is
# partial) is not reported and the real one (device-plugins, missing
# from the complete concepts/) is, no translation-orphan (every ja page
# of the corpus has its en page), and the JSON output carries the same
# findings and the coverage. Skips (77) when the corpus is absent. Last
# line: "N passed, N failed".
set -u
: "${L10NLINT:?}" "${TOP:?}"
corpus="$TOP/../shared/corpus/k8s"
if [ ! -d "$corpus/content" ] || [ ! -f "$corpus/manifest-ja.txt" ]; then
  echo "skipped: no ../shared/corpus/k8s with its manifests"; exit 77
fi
# shellcheck source-path=SCRIPTDIR source=../lib/harness.sh
. "$(dirname "$0")/../lib/harness.sh"

J=content/ja/docs E=content/en/docs
ja_complete="$J/concepts/,$J/tutorials/,$J/setup/,$J/contribute/,$J/home/,$J/_index.md"
en_complete=
for d in concepts/{architecture,cluster-administration,configuration,containers} \
  concepts/{extend-kubernetes,overview,policy,scheduling-eviction,security} \
  concepts/{services-networking,storage,windows,workloads} \
  tasks/{access-application-cluster,configmap-secret,configure-pod-container,debug} \
  tasks/{debug-application-cluster,extend-kubernetes,inject-data-application,job} \
  tasks/{manage-daemon,manage-gpus,manage-hugepages,manage-kubernetes-objects,network} \
  tasks/{run-application,tls,tools} tutorials contribute \
  reference/{using-api,networking,node,scheduling,labels-annotations-taints}; do
  en_complete="$en_complete${en_complete:+,}$E/$d/"
done
(cd "$corpus" && "$L10NLINT" check --site . --known-pages "manifest-ja.txt:complete=$ja_complete" \
  --known-pages "manifest-en.txt:complete=$en_complete") >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "exit status $rc, expected 1"
if grep -q -e Sanitizer -e 'runtime error' -e LeakSanitizer "$tmp/out" "$tmp/err"; then
  bad "sanitizer report"; grep -m 5 -e Sanitizer -e 'runtime error' "$tmp/out" "$tmp/err"
else ok; fi
if [ ! -s "$tmp/err" ]; then ok; else bad "stderr: $(head -n 3 "$tmp/err")"; fi
if grep -qE '^coverage ja: [0-9]+ of [0-9]+ source pages translated \([0-9.]+%\)$' "$tmp/out"; then ok
else bad "no coverage line"; fi
if [ "$(grep -c '^coverage ' "$tmp/out")" -eq 1 ]; then ok; else bad "expected one coverage line (ja)"; fi

# every finding line has the GNU form
if grep -vE '^(  source: |coverage |[0-9]+ errors?, )' "$tmp/out" |
   grep -qvE '^content/ja/[^:]+:[0-9]+:[0-9]+: (error|warning|info): .* \[[a-z-]+\]$'; then
  bad "a line is not a finding: $(grep -vE '^(  source: |coverage |[0-9]+ errors?, )' "$tmp/out" | grep -vE '^content/ja/[^:]+:[0-9]+:[0-9]+: (error|warning|info): .* \[[a-z-]+\]$' | head -n 2)"
else ok; fi

# link-not-localized: at least one, and each names a ja page that exists
nl=$(grep -c '\[link-not-localized\]$' "$tmp/out")
[ "$nl" -ge 1 ] && ok || bad "no link-not-localized"
grep '\[link-not-localized\]$' "$tmp/out" |
  sed -E 's/.* exists: link (\/ja\/[^ #]*).*/\1/' | sort -u >"$tmp/nl-targets"
missing=0
while IFS= read -r u; do
  rest=${u#/ja/}; rest=${rest%/}
  found=0
  for cand in "content/ja/$rest.md" "content/ja/$rest/_index.md" "content/ja/$rest/index.md"; do
    if [ -f "$corpus/$cand" ] || grep -qxF "$cand" "$corpus/manifest-ja.txt"; then found=1; fi
  done
  case $rest in blog/*) found=1 ;; esac # blog posts are found by date and slug
  if [ $found -eq 0 ]; then missing=$((missing + 1)); echo "  suggested page not found: $u"; fi
done <"$tmp/nl-targets"
[ $missing -eq 0 ] && ok || bad "$missing link-not-localized suggestions name no ja page"

# every link-broken names a page under a complete folder that is in
# neither its manifest nor the tree
under_complete() { # REL: is it under one of the complete prefixes?
  local p IFS=,
  for p in $ja_complete,$en_complete; do
    p=${p%/}
    case $1 in "$p" | "$p"/*) return 0 ;; esac
  done
  return 1
}
nb=0
while IFS= read -r line; do
  rel=$(printf '%s\n' "$line" | sed -nE 's/.*\(no (content\/(ja|en)\/[^)]*\.md)\).*/\1/p')
  if [ -z "$rel" ]; then continue; fi
  nb=$((nb + 1))
  if grep -qxF "$rel" "$corpus"/manifest-*.txt || [ -f "$corpus/$rel" ]; then
    bad "link-broken for a listed page: $rel"
  elif ! under_complete "$rel"; then
    bad "link-broken for a page no complete folder covers: $rel"
  else ok; fi
done < <(grep '\[link-broken\]$' "$tmp/out")
[ "$nb" -ge 1 ] && ok || bad "no link-broken naming a page"
# the false finding of a whole-list :complete is gone, the real one stays
if grep -q 'link "/ja/docs/reference/scheduling/config/".*\[link-broken\]$' "$tmp/out"; then
  bad "link-broken under the partial ja reference/"
else ok; fi
if grep -q 'link "/ja/docs/concepts/extend-kubernetes/compute-storage-net/device-plugins/#[^"]*".*\[link-broken\]$' "$tmp/out"; then
  ok
else bad "no link-broken for the ja device-plugins page missing from the complete concepts/"; fi

# no orphans: every ja page of the corpus has its en page
if grep -q '\[translation-orphan\]$' "$tmp/out"; then bad "translation-orphan on the corpus"; else ok; fi

# JSON: the same findings, and the coverage
(cd "$corpus" && "$L10NLINT" check --site . --format json \
  --known-pages "manifest-ja.txt:complete=$ja_complete" \
  --known-pages "manifest-en.txt:complete=$en_complete") >"$tmp/json" 2>"$tmp/jerr"
rc=$?
[ $rc -eq 1 ] && ok || bad "JSON run: exit $rc"
if command -v python3 >/dev/null 2>&1; then
  n_text=$(grep -cE '^content/ja/[^:]+:[0-9]+:[0-9]+: (error|warning|info): ' "$tmp/out")
  if python3 - "$tmp/json" "$n_text" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
n = int(sys.argv[2])
cov = d.get("coverage")
assert isinstance(cov, list) and len(cov) == 1, cov
c = cov[0]
assert c["lang"] == "ja" and 0 < c["translated"] <= c["source"], c
assert len(d["findings"]) == n, (len(d["findings"]), n)
s = d["summary"]
assert s["errors"] + s["warnings"] + s["infos"] == n
PY
  then ok; else bad "JSON output differs from the text output"; fi
fi

harness_end
