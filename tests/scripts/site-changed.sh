#!/usr/bin/env bash
# `check --site ROOT --changed-since REV` in a throw-away git repository:
#   1. after one ja page and one en page are modified and a new ja page is
#      added (untracked), only those pairs are reported: a defect already
#      committed in an unchanged pair is not;
#   2. removing a heading from a ja page that an unchanged ja page links to
#      (/ja/docs/.../#that-id) reports the broken anchor on the unchanged
#      page, and nothing else about that page;
#   3. the same with --site given from another folder (paths keep the root);
#   4. errors: outside a git repository, an unknown revision, a revision
#      that looks like an option: exit 2 with a message.
# Skips (77) when git is absent. Last line: "N passed, N failed".
set -u
: "${L10NLINT:?}"
command -v git >/dev/null 2>&1 || { echo "git not found"; exit 77; }
# shellcheck source-path=SCRIPTDIR source=../lib/harness.sh
. "$(dirname "$0")/../lib/harness.sh"
# no repository above the temp folder may be used
export GIT_CEILING_DIRECTORIES=$tmp
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
site=$tmp/site
mkdir -p "$site/content/en/docs/concepts" "$site/content/ja/docs/concepts"

page() { # page FILE: body from stdin
  mkdir -p "$(dirname "$site/$1")"
  cat >"$site/$1"
}

page content/en/docs/concepts/beacons.md <<'X'
---
title: Beacons
---

A *beacon* tells the control plane that a node is alive.
The [beacon controller](/docs/concepts/beacon-controller/#settings) reads them.

## Beacon phases

A beacon is `Pending`, then `Active`.
X
page content/ja/docs/concepts/beacons.md <<'X'
---
title: ビーコン
---

*ビーコン*は、ノードが稼働していることをコントロールプレーンに知らせます。
[ビーコンコントローラー](/ja/docs/concepts/beacon-controller/#settings)がビーコンを読み取ります。
古い説明は[ハートビート](/ja/docs/concepts/heartbeats/)にあります。

## ビーコンのフェーズ

ビーコンは`Pending`から`Active`に移行します。
X
page content/en/docs/concepts/beacon-controller.md <<'X'
---
title: Beacon controller
---

The beacon controller runs in the control plane.

## How it works

It compares the time of the last beacon with the grace period.

## Settings {#settings}

The grace period comes from the `--beacon-grace-period` flag.
X
page content/ja/docs/concepts/beacon-controller.md <<'X'
---
title: ビーコンコントローラー
---

ビーコンコントローラーはコントロールプレーンで動作します。

## 仕組み

最後のビーコンの時刻と猶予期間を比較します。

## 設定 {#settings}

猶予期間は`--beacon-grace-period`フラグで指定します。
X
page content/en/docs/concepts/signals.md <<'X'
---
title: Signals
---

A signal is a short message that a node sends when its state changes.

## Signal types

There are two types: `Ready` and `Draining`.

## Sending a signal

Run `kubectl signal NODE`.
X
page content/ja/docs/concepts/signals.md <<'X'
---
title: シグナル
---

シグナルは、ノードの状態が変わったときにノードが送信する短いメッセージです。

## シグナルの種類

`Ready`と`Draining`の2種類があります。

## シグナルを送信する

`kubectl signal NODE`を実行します。
X
page content/en/docs/concepts/lamps.md <<'X'
---
title: Lamps
---

A lamp shows the state of a node on the dashboard.

## Lamp colors

Green means ready, red means not ready.
X
page content/ja/docs/concepts/lamps.md <<'X'
---
title: ランプ
---

ランプはダッシュボード上でノードの状態を示します。

## ランプの色

緑は準備完了、赤は準備未完了を意味します。
X
# an unchanged pair with a defect already there (a missing section)
page content/en/docs/concepts/wicks.md <<'X'
---
title: Wicks
---

A wick is the part of a lamp that burns.

## Trimming wicks

Trim the wick every week.

## Replacing wicks

Replace the wick every year.
X
page content/ja/docs/concepts/wicks.md <<'X'
---
title: 芯
---

芯はランプの燃える部分です。

## 芯を切りそろえる

芯は毎週切りそろえます。
X
page content/en/docs/concepts/flares.md <<'X'
---
title: Flares
---

A flare is an urgent signal.

## Sending a flare

Run `kubectl flare NODE`.
X

git -C "$site" init -q && git -C "$site" add -A &&
  git -C "$site" -c user.name=t -c user.email=t@example.com commit -q -m base ||
  { echo "git commit failed"; exit 77; }

# The committed state: the old defects are there.
"$L10NLINT" check --site "$site" >"$tmp/out" 2>"$tmp/err"
if grep -q 'wicks.md.*\[section-missing\]' "$tmp/out" && grep -q 'heartbeats/.*\[link-broken\]' "$tmp/out"; then ok; else bad "committed defects not found by a full run"; cat "$tmp/out"; fi

# 1. modify a ja page (drop a section), an en page (add a section), add an
#    untracked ja page with a broken link
python3 - "$site" <<'PY' 2>/dev/null || sed -i '/^## シグナルを送信する$/,$d' "$site/content/ja/docs/concepts/signals.md"
import sys
p = sys.argv[1] + "/content/ja/docs/concepts/signals.md"
t = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(t[:t.index("## シグナルを送信する")])
PY
cat >>"$site/content/en/docs/concepts/lamps.md" <<'X'

## Dimming lamps

Lamps dim when the node is draining.
X
page content/ja/docs/concepts/flares.md <<'X'
---
title: フレア
---

フレアは緊急のシグナルです。詳しくは[シグナル](/ja/docs/concepts/signal/)を参照してください。

## フレアを送信する

`kubectl flare NODE`を実行します。
X
(cd "$site" && "$L10NLINT" check --site . --changed-since HEAD) >"$tmp/out" 2>"$tmp/err"
rc=$?
findings=$(grep -E '^[^ ].*\[[a-z-]+\]$' "$tmp/out")
files=$(printf '%s\n' "$findings" | cut -d: -f1 | sort -u | tr '\n' ' ')
if [ "$files" = "content/ja/docs/concepts/flares.md content/ja/docs/concepts/lamps.md content/ja/docs/concepts/signals.md " ]; then ok; else bad "changed run reports files: $files"; cat "$tmp/out"; fi
if printf '%s\n' "$findings" | grep -q '^content/ja/docs/concepts/signals.md:.*"Sending a signal".*\[section-missing\]'; then ok; else bad "modified ja page: no section-missing"; fi
if printf '%s\n' "$findings" | grep -q '^content/ja/docs/concepts/lamps.md:.*"Dimming lamps".*\[section-missing\]'; then ok; else bad "modified en page: its ja page has no section-missing"; fi
if printf '%s\n' "$findings" | grep -q '^content/ja/docs/concepts/flares.md:.*/ja/docs/concepts/signal/.*\[link-broken\]'; then ok; else bad "untracked ja page: no link-broken"; fi
if ! grep -q -e wicks -e heartbeats "$tmp/out"; then ok; else bad "an unchanged pair was reported"; fi
[ $rc -eq 1 ] && ok || bad "changed run: exit $rc, expected 1"
if grep -q '^coverage ja: 6 of 6 source pages translated' "$tmp/out"; then ok; else bad "coverage is not over the whole site"; grep coverage "$tmp/out"; fi
if [ ! -s "$tmp/err" ]; then ok; else bad "stderr: $(head -n 3 "$tmp/err")"; fi

# 2. commit; then drop the ja heading {#settings} that beacons.md links to
git -C "$site" add -A && git -C "$site" -c user.name=t -c user.email=t@example.com commit -q -m step2
python3 - "$site" <<'PY' 2>/dev/null || sed -i '/^## 設定 {#settings}$/d' "$site/content/ja/docs/concepts/beacon-controller.md"
import sys
p = sys.argv[1] + "/content/ja/docs/concepts/beacon-controller.md"
t = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(t.replace("## 設定 {#settings}\n\n", ""))
PY
(cd "$site" && "$L10NLINT" check --site . --changed-since HEAD) >"$tmp/out" 2>"$tmp/err"
rc=$?
findings=$(grep -E '^[^ ].*\[[a-z-]+\]$' "$tmp/out")
if printf '%s\n' "$findings" | grep -q '^content/ja/docs/concepts/beacons.md:6:[0-9]*: error: link "/ja/docs/concepts/beacon-controller/#settings": .* \[anchor-broken\]$'; then ok; else bad "no anchor-broken on the unchanged page that links to the removed heading"; cat "$tmp/out"; fi
# beacons.md itself is unchanged: its old broken link is not reported
if ! printf '%s\n' "$findings" | grep -q 'heartbeats'; then ok; else bad "the unchanged page's other links were reported"; fi
if printf '%s\n' "$findings" | grep -q '^content/ja/docs/concepts/beacon-controller.md:.*\[section-missing\]'; then ok; else bad "the changed page's own finding is missing"; cat "$tmp/out"; fi
others=$(printf '%s\n' "$findings" | grep -v -e '^content/ja/docs/concepts/beacon-controller.md:' -e '^content/ja/docs/concepts/beacons.md:.*\[anchor-broken\]$')
if [ -z "$others" ]; then ok; else bad "unexpected findings: $others"; fi
[ $rc -eq 1 ] && ok || bad "anchor run: exit $rc, expected 1"

# 3. the same from another folder: paths keep the root as given
(cd "$tmp" && "$L10NLINT" check --site site --changed-since HEAD) >"$tmp/out2" 2>"$tmp/err"
if sed 's|site/content/|content/|g' "$tmp/out2" | cmp -s - "$tmp/out"; then ok; else bad "--site site from the parent folder differs"; diff "$tmp/out" "$tmp/out2" | head; fi

# 4. errors
mkdir -p "$tmp/nogit/content/en" "$tmp/nogit/content/ja"
cp "$site/content/en/docs/concepts/lamps.md" "$tmp/nogit/content/en/"
cp "$site/content/ja/docs/concepts/lamps.md" "$tmp/nogit/content/ja/"
"$L10NLINT" check --site "$tmp/nogit" --changed-since HEAD >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q -e "--changed-since: git cannot compare with 'HEAD' in $tmp/nogit" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok; else bad "outside a repository: exit $rc, stderr $(cat "$tmp/err")"; fi
"$L10NLINT" check --site "$site" --changed-since no-such-revision >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "no-such-revision" "$tmp/err"; then ok; else bad "unknown revision: exit $rc"; fi
"$L10NLINT" check --site "$site" --changed-since=--output=/dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q "is not a git revision" "$tmp/err"; then ok; else bad "option-like revision: exit $rc"; fi

harness_end
