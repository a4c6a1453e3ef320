#!/usr/bin/env bash
# Baselines: --write-baseline records a site's findings; --baseline then
# reports only new ones, even when an edit moves the lines of the old ones.
#   1. a fixture site with findings on several lines: write a baseline,
#      rerun with it (no findings, exit 0);
#   2. add a section near the top of a page (every later finding moves):
#      exactly one new finding (section-extra);
#   3. change a KEP number in a page and add lines above its other
#      findings: exactly one new finding (kep-mismatch);
#   4. the same on a copy of the real corpus (../shared/corpus/k8s, with
#      its manifests; skipped when absent);
#   5. a finding fixed is simply gone; a duplicate counted once in the
#      baseline is reported the second time; a malformed baseline is exit 2.
# Last line: "N passed, N failed".
set -u
: "${L10NLINT:?}" "${TOP:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
# shellcheck source-path=SCRIPTDIR source=../lib/harness.sh
. "$(dirname "$0")/../lib/harness.sh"

# findings FILE: the finding lines of a text report
findings() { grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning|info): .*\[[a-z-]+\]$' "$1"; }

# insert FILE AFTER_TEXT NEW_TEXT: insert NEW_TEXT after the first line
# that equals AFTER_TEXT
insert() {
  python3 - "$@" <<'PY'
import sys
path, after, new = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
i = lines.index(after)
lines[i + 1:i + 1] = new.split("\n")
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}
# subst FILE OLD NEW: replace the first OLD
subst() {
  python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1:4]
t = open(path, encoding="utf-8").read()
assert old in t, old
open(path, "w", encoding="utf-8").write(t.replace(old, new, 1))
PY
}

# expect_one NAME RULE: the last run (out, rc) reports exactly one finding, of RULE
expect_one() {
  local n
  n=$(findings "$tmp/out" | wc -l)
  if [ "$n" -eq 1 ] && findings "$tmp/out" | grep -q "\[$2\]\$"; then ok
  else bad "$1: expected exactly one $2 finding, got $n:"; findings "$tmp/out" | head -n 10; fi
}

site=$tmp/site
mkdir -p "$site/content/en/docs/concepts" "$site/content/ja/docs/concepts"
cat >"$site/content/en/docs/concepts/lanterns.md" <<'X'
---
title: Lanterns
content_type: concept
---

A *lantern* lights one path of the cluster. The lantern controller was
added by [KEP #4021](https://kep.k8s.io/4021) and checks lanterns every
30 seconds.

## Lantern phases {#lantern-phases}

Every lantern moves through `Pending`, `Lit` and `Dimmed`.

```shell
kubectl get lanterns --watch --output=wide
```

## Wicks

A lantern is `Lit` once two wicks report ready. See the
[wick reference](/docs/reference/wicks/).

## Brightness

The default brightness is 80. It can be raised to 100.

## Colors

Lanterns are amber by default.
X
cat >"$site/content/ja/docs/concepts/lanterns.md" <<'X'
---
title: ランタン
content_type: concept
---

*ランタン*はクラスターの小道を1本照らします。
ランタンコントローラーは[KEP #4021](https://kep.k8s.io/4021)で追加され、30秒ごとにランタンを確認します。

## ランタンのフェーズ {#lantern-phases}

各ランタンは`Pending`、`Lit`、`Dimmed`を移動します。

```shell
kubectl get lanterns --watch
```

## 芯

2本の芯が準備完了を報告すると、ランタンは`Lit`になります。
[芯のリファレンス](/ja/docs/reference/wick/)を参照してください。

## 明るさ

デフォルトの明るさは60です。100まで上げられます。
X
cat >"$site/content/en/docs/concepts/wicks.md" <<'X'
---
title: Wicks
content_type: concept
---

A wick burns inside a [lantern](/docs/concepts/lanterns/). Wicks were
redesigned in [KEP #3990](https://kep.k8s.io/3990).

## Trimming

Trim a wick every week.

## Replacing

Replace a wick every year; see [lantern phases](/docs/concepts/lanterns/#lantern-phases).
X
cat >"$site/content/ja/docs/concepts/wicks.md" <<'X'
---
title: 芯
content_type: concept
---

芯は[ランタン](/docs/concepts/lanterns/)の中で燃えます。
芯は[KEP #3990](https://kep.k8s.io/3990)で再設計されました。

## 切りそろえる

芯は毎週切りそろえます。

## 交換する

芯は毎年交換します。[ランタンのフェーズ](/ja/docs/concepts/lanterns/#lantern-phase)を参照してください。
X
cp -r "$site" "$tmp/pristine"

# 1. write, then use the baseline
(cd "$site" && "$L10NLINT" check --site . --write-baseline base.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
nall=$(findings "$tmp/out" | wc -l)
if [ $rc -eq 1 ] && [ "$nall" -ge 6 ]; then ok; else bad "fixture site: exit $rc with $nall findings (expected 1 and at least 6)"; cat "$tmp/out"; fi
if [ "$(head -n 1 "$site/base.txt")" = "# l10nlint baseline v1" ] &&
   [ "$(grep -vc '^#' "$site/base.txt")" -ge 1 ] &&
   ! grep -v '^#' "$site/base.txt" | grep -qvE '^[0-9a-f]{16} [0-9]+ [a-z-]+ content/ja/docs/concepts/[a-z]+\.md$'; then ok
else bad "baseline file format"; cat "$site/base.txt"; fi
# the baseline reports the same findings as the run that wrote it
if (cd "$site" && "$L10NLINT" check --site . --write-baseline base2.txt >/dev/null 2>&1); cmp -s "$site/base.txt" "$site/base2.txt"; then ok; else bad "writing a baseline twice gives different files"; fi
(cd "$site" && "$L10NLINT" check --site . --baseline base.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ -z "$(findings "$tmp/out")" ] && [ ! -s "$tmp/err" ]; then ok; else bad "rerun with the baseline: exit $rc"; cat "$tmp/out" "$tmp/err"; fi
if grep -q '^coverage ja: 2 of 2' "$tmp/out"; then ok; else bad "no coverage line with --baseline"; fi

# 2. a new section near the top moves every later finding of the page
insert "$site/content/ja/docs/concepts/lanterns.md" "ランタンコントローラーは[KEP #4021](https://kep.k8s.io/4021)で追加され、30秒ごとにランタンを確認します。" "
## 翻訳者による注記

この節は英語版にはありません。用語は日本語版の用語集に従っています。"
(cd "$site" && "$L10NLINT" check --site . --baseline base.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_one "added section" section-extra
[ $rc -eq 0 ] && ok || bad "added section: exit $rc (a warning only: expected 0)"
# the old findings did move
(cd "$site" && "$L10NLINT" check --site .) >"$tmp/all" 2>/dev/null
if [ "$(findings "$tmp/all" | wc -l)" -eq $((nall + 1)) ]; then ok; else bad "the full run does not have one more finding"; fi

# 3. a KEP number changed, and lines added above the other findings
rm -rf "$site" && cp -r "$tmp/pristine" "$site"
(cd "$site" && "$L10NLINT" check --site . --write-baseline base.txt) >/dev/null 2>&1
subst "$site/content/ja/docs/concepts/wicks.md" "芯は[KEP #3990](https://kep.k8s.io/3990)で再設計されました。" "芯は[KEP #3909](https://kep.k8s.io/3909)で再設計されました。"
insert "$site/content/ja/docs/concepts/wicks.md" "content_type: concept" "translator: 山田花子
reviewers_ja:
- 佐藤"
insert "$site/content/ja/docs/concepts/lanterns.md" "content_type: concept" "translator: 山田花子"
(cd "$site" && "$L10NLINT" check --site . --baseline base.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_one "changed KEP" kep-mismatch
[ $rc -eq 1 ] && ok || bad "changed KEP: exit $rc, expected 1"

# 5. a fixed finding is gone; a second identical finding is new; bad files
rm -rf "$site" && cp -r "$tmp/pristine" "$site"
(cd "$site" && "$L10NLINT" check --site . --write-baseline base.txt) >/dev/null 2>&1
subst "$site/content/ja/docs/concepts/lanterns.md" "デフォルトの明るさは60です。" "デフォルトの明るさは80です。"
(cd "$site" && "$L10NLINT" check --site . --baseline base.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ -z "$(findings "$tmp/out")" ]; then ok; else bad "a fixed finding: exit $rc"; cat "$tmp/out"; fi
subst "$site/content/ja/docs/concepts/wicks.md" "芯は毎週切りそろえます。" "芯は毎週切りそろえます。[ランタンのフェーズ](/ja/docs/concepts/lanterns/#lantern-phase)も参照してください。"
(cd "$site" && "$L10NLINT" check --site . --baseline base.txt) >"$tmp/out" 2>"$tmp/err"
if [ "$(findings "$tmp/out" | wc -l)" -ge 1 ] && findings "$tmp/out" | grep -q '#lantern-phase.*\[anchor-broken\]$'; then ok
else bad "a second identical finding is not reported"; cat "$tmp/out"; fi
printf '# l10nlint baseline v1\nnot a line\n' >"$site/bad.txt"
(cd "$site" && "$L10NLINT" check --site . --baseline bad.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q '^bad.txt:2: error: malformed baseline line' "$tmp/err" && [ ! -s "$tmp/out" ]; then ok; else bad "malformed baseline: exit $rc, $(cat "$tmp/err")"; fi
(cd "$site" && "$L10NLINT" check --site . --baseline no-such-file.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q 'no-such-file.txt: cannot read the baseline' "$tmp/err"; then ok; else bad "missing baseline: exit $rc"; fi

# 4. the real corpus
corpus="$TOP/../shared/corpus/k8s"
if [ -d "$corpus/content" ]; then
  c=$tmp/k8s
  cp -r "$corpus" "$c"
  # --jobs 1: parallel parses can differ while cmark-gfm's global table
  # of special inline characters is shared between threads (autolinks
  # are then sometimes missed; doc.c must serialise cmark_parser_finish)
  run() { (cd "$c" && "$L10NLINT" check --site . --jobs 1 --known-pages manifest-ja.txt:complete --known-pages manifest-en.txt "$@") >"$tmp/out" 2>"$tmp/err"; }
  run --write-baseline "$tmp/k8s-base.txt"
  rc=$?
  if [ $rc -eq 1 ] && [ "$(findings "$tmp/out" | wc -l)" -gt 100 ]; then ok; else bad "corpus: exit $rc"; fi
  run --baseline "$tmp/k8s-base.txt"
  rc=$?
  if [ $rc -eq 0 ] && [ -z "$(findings "$tmp/out")" ] && [ ! -s "$tmp/err" ]; then ok; else bad "corpus with its baseline: exit $rc"; findings "$tmp/out" | head; head -n 3 "$tmp/err"; fi
  # a new section near the top of a page with many findings further down
  page=$c/content/ja/docs/tutorials/hello-minikube.md
  first=$(grep -n '^## ' "$page" | head -n 1 | cut -d: -f1)
  python3 - "$page" "$first" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path, encoding="utf-8").read().split("\n")
lines[n - 1:n - 1] = ["## 翻訳者による注記", "", "この節は英語版にはありません。このチュートリアルの用語は日本語版の用語集に従っています。", ""]
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  run --baseline "$tmp/k8s-base.txt"
  expect_one "corpus: added section" section-extra
  # a KEP number changed in the v1.32 release post, plus lines above
  rm -rf "$c" && cp -r "$corpus" "$c"
  post=$c/content/ja/blog/_posts/2024-12-11-Kubernetes-v1-32-Release/index.md
  kep=$(grep -o 'KEP #[0-9]\{4\}](https://github.com/kubernetes/enhancements/issues/[0-9]\{4\})' "$post" | sed -n 5p)
  if [ -n "$kep" ]; then
    python3 - "$post" "$kep" <<'PY'
import sys
path, kep = sys.argv[1:3]
t = open(path, encoding="utf-8").read()
num = kep[5:9]
new = num[:2] + num[3] + num[2]  # two digits swapped: 1847 -> 1874
if new == num:
    new = str(int(num) + 1)
t = t.replace(kep, kep.replace(num, new), 1)
# lines added near the top move every other finding
t = t.replace("\n---\n", "\n---\n\n<!-- 翻訳の注記: 用語は用語集に従う -->\n\n", 1)
open(path, "w", encoding="utf-8").write(t)
PY
    run --baseline "$tmp/k8s-base.txt"
    expect_one "corpus: changed KEP" kep-mismatch
  else
    bad "corpus: no KEP reference found in the v1.32 post"
  fi
else
  echo "corpus part skipped: no ../shared/corpus"
fi

harness_end
