#!/bin/sh
# crosscheck.sh - compare our heading IDs with a real Hugo build.
#
#   tests/hugo/crosscheck.sh [HUGO_IDS]
#
# HUGO_IDS is the hugo_ids program built from tests/hugo/ids.c (default:
# $HUGO_IDS, then build/tests/hugo_ids). A throwaway Hugo site is built in a
# temporary directory once per autoHeadingIDType (blackfriday, github,
# github-ascii), with heading attributes enabled. Its pages hold headings
# without inline markup only: Debian's hugo 0.111 derives IDs from the raw
# heading source (see HUGO.md, "Versions"), which equals the plain text only
# for such headings. The pages are:
#   - hard.md: hand-written hard cases (mixed scripts, full-width forms,
#     duplicates, explicit IDs, attribute blocks, punctuation, emoji);
#   - one page per .md file of the Kubernetes corpus (K8S_CONTENT, default
#     ../shared/corpus/k8s/content; skipped when absent): its ATX heading
#     lines outside front matter, fenced code and HTML comments that contain
#     none of [ ` * _ < & {{ .
# The id="..." of every <h1>-<h6> in Hugo's HTML is compared, page by page
# and in order, with what hugo_ids prints for the same page.
#
# Last line: "N passed, N failed". Exit 0 when all pass, 1 on a failure,
# 77 (skipped) when hugo is not installed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if ! command -v hugo >/dev/null 2>&1; then
	echo "skipped: hugo not installed"
	exit 77
fi

ids=${1:-${HUGO_IDS:-$root/build/tests/hugo_ids}}
if [ ! -x "$ids" ]; then
	echo "error: $ids not found (build it, or pass the hugo_ids path)" >&2
	exit 1
fi
k8s=${K8S_CONTENT:-$root/../shared/corpus/k8s/content}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/l10nlint-hugo.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

site=$tmp/site
mkdir -p "$site/content" "$site/layouts/_default"
printf '{{ .Content }}\n' >"$site/layouts/_default/single.html"
printf '{{ .Content }}\n' >"$site/layouts/_default/list.html"

# --- hard cases ----------------------------------------------------------
# printf %b expands the escapes below: \t, \0302\0240 (NBSP), \0343\0200\0200
# (U+3000), \0314\0201 (combining acute), U+212A KELVIN SIGN, U+212B ANGSTROM
# SIGN and U+2126 OHM SIGN (written \0ooo, the form printf %b takes).
{
	printf -- '---\ntitle: hard\n---\n\n'
	while IFS= read -r h; do
		printf '%b\n\n' "$h"
	done <<'EOF'
# What's next
## What's new?  Ünïcödé — dash_under
## Podの終了 (Termination)
## 1.32における変更
## ノード・コントローラー
## 次の項目
## Σίσυφος ΣΑΣ σας
## İstanbul İİ ı
## ＡＢＣ full-width ＡＢＣ ａｂｃ
## １２３ full-width digits ４５６
## Cafe\0314\0201 decomposed
## Café precomposed
## Emoji 🎉 party 🚀 time
## 😀
## Roman Ⅻ ⅷ superscript ² fraction ½ circled ①
## tab\tseparated
## nbsp\0302\0240separated
## ideographic\0343\0200\0200space
## 全角　スペース
## under_score and-dash
##    leading spaces
## trailing punctuation!!!
## --double--dashes--
## a - b
## a -- b
## ...
## Pod
## pod
## Pod-1
## POD
## Explicit {#pod-2}
## Explicit again {#pod-2}
## Pod
## Heading
## 
## Kubernetes 日本語 한국어 中文 العربية עברית हिन्दी ไทย
## Ελληνικά Русский Українська Ελλάδα
## Kelvin \0342\0204\0252 Ångström \0342\0204\0253 Å
## Straße ẞ
## ǅemal ǈ ǋ
## Ǆ title
## Ｋｕｂｅｒｎｅｔｅｓ
## Ω Ohm \0342\0204\0246
## ﬁ ligature ﬀ
## Ⓐ circled ⓐ
## Vietnamese Tiếng Việt
## Devanagari हिन्दी क़
## Hangul 한글 ᄒ
## Arabic-Indic ٠١٢ digits
## {#only-id}
## Heading {#id .class}
## Heading {.class #id2 key="v"}
## Heading {#id3, .cls}
## Heading    {#id4}
## Heading\t{#id4-tab}
## Heading {#日本語-id}
## Heading {#ÜberID}
## Heading {#stop!here}
## Heading {#a:b.c_d-e}
## Heading {#a b=}
## Heading {#x} trailing
## Heading \\{#escaped}
## Heading {#first} {#last}
## Heading ### {#atx-special}
## Heading ## {.cls}
## Heading ##
## Heading #
## Heading \\#
## #hashtag heading
## ##
## C# and F#
## Heading {id="quoted-id"}
## Heading {id=bare}
## Heading {#num data=1.5e3}
## Heading {#neg data=-2}
## Heading {#arr data=[1, "two", {a=b}]}
## Heading {#nested data={a=1 b="x"}}
## Heading {#bool data=true x=null}
## Heading {#badnum data=1e}
## Heading {.cls class=true}
## Heading {#str data="a{b"}
## Heading {#}
## Heading {}
## Heading { }
## Heading {#two-ids #second-id}
## Heading {#a b=c}
## Heading {.a, .b, #c}
## Heading {  #spaced  }
## Heading {#stop/here}
## Heading {#x}.
## Heading {#x
## Heading {
## Heading \\{#a} {#b}
## A {b} c {#d}
## A {#d} c {b
## {#ab}{#cd}
## Heading {#a id=idval}
## Heading {id="a\\/b"}
## Heading {#n data=+2.}
## Heading {#inf data=1e999}
## Heading {#tiny data=1e-999}
## Heading {#sign data=-}
## Heading {#arr1 data=[1, "two", a b]}
## Heading {#arr2 data=[]}
## Heading {#arr3 data=[1,]}
## Heading {#arr4 data=[,1]}
## Heading {#arr5 data=[1}
## Heading {#s1 data="a\\"b"}
## Heading {#s2 data="open}
## Heading {#s3 data='single'}
## Heading {.cls class=null}
## Heading {class=x}
## Heading {data-x=1}
## Heading {1=x}
## Heading {a = "b" ,  #cc}
## Heading {a=b,,#c}
## # # #
## Foo {#fa} ## {.b}
## Foo {#fa2} ## {#fb}
## Heading {#hid} ##
## Foo ## {#fx} ##
## Use #tags {#tags}
## a \\## {#esc-hash}
## Heading # {#closing}  
## # {#empty-text}
## Don’t stop
## a→b
## v1.2.3
## _
## ひらがな カタカナ ｶﾀｶﾅ
## \0302\0240-x
## \0302\0240 x \0343\0200\0200
## Cafe\0314\0201s
## हिन्दी
## Mixed ＡＢＣ ａｂｃ Abc
## ΣΑΣ
## heading
## heading-1
## Heading
### Level three
#### Level four
##### Level five
###### Level six
EOF
} >"$site/content/hard.md"

# --- Kubernetes corpus ---------------------------------------------------
pages="hard"
n=0
if [ -d "$k8s" ]; then
	list=$tmp/k8s-files
	find "$k8s" -name '*.md' -type f | LC_ALL=C sort >"$list"
	while IFS= read -r f; do
		n=$((n + 1))
		name=$(printf 'k%04d' "$n")
		{
			printf -- '---\ntitle: %s\n---\n\n' "$name"
			awk '
				{ sub(/\r$/, "") }
				NR == 1 && ($0 == "---" || $0 == "+++") { fm = $0; next }
				fm != "" { if ($0 == fm) fm = ""; next }
				incomment { if (index($0, "-->")) incomment = 0; next }
				/^[ \t]*(```|~~~)/ { fence = !fence; next }
				fence { next }
				/^ ? ? ?<!--/ { if (!index($0, "-->")) incomment = 1; next }
				# (no {m,n} intervals: mawk lacks them)
				/^#+([ \t]|$)/ && match($0, /^#+/) && RLENGTH <= 6 {
					if ($0 ~ /[][`*_<&]/ || index($0, "{{")) next
					print; print ""
				}
			' "$f"
		} >"$site/content/$name.md"
		printf '%s\t%s\n' "$name" "${f#"$k8s"/}" >>"$tmp/names"
		pages="$pages $name"
	done <"$list"
fi

# --- build and compare ---------------------------------------------------
sep=$(printf '\036')
pass=0
fail=0
for style in blackfriday github github-ascii; do
	cat >"$site/config.toml" <<EOF
baseURL = "http://example.org/"
title = "crosscheck"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.parser]
autoHeadingID = true
autoHeadingIDType = "$style"
[markup.goldmark.parser.attribute]
title = true
block = false
[markup.goldmark.renderer]
unsafe = true
EOF
	rm -rf "$site/public"
	if ! hugo --quiet --source "$site" --destination "$site/public" >"$tmp/hugo.log" 2>&1; then
		echo "error: hugo failed ($style):" >&2
		cat "$tmp/hugo.log" >&2
		exit 1
	fi
	for page in $pages; do
		html=$site/public/$page/index.html
		md=$site/content/$page.md
		# Hugo's IDs: the id attribute of each <hN ...> tag, entities
		# decoded (goldmark escapes & < > " in attribute values).
		tr '\n' ' ' <"$html" | grep -o '<h[1-6][^>]*>' |
			sed -n 's/.* id="\([^"]*\)".*/\1/p; t; s/.*/(no id)/p' |
			sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#34;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' \
			>"$tmp/want"
		if ! "$ids" "$style" "$md" >"$tmp/got"; then
			echo "error: $ids failed on $md" >&2
			exit 1
		fi
		grep -E '^ {0,3}#{1,6}([ 	]|$)' "$md" >"$tmp/src" || true
		label=$page
		if [ "$page" != hard ]; then
			label=$(awk -F '\t' -v p="$page" '$1 == p { print $2 }' "$tmp/names")
		fi
		# Compare line by line (paste keeps missing lines visible).
		res=$(paste -d "$sep" "$tmp/want" "$tmp/got" "$tmp/src" | awk -F "$sep" \
			-v style="$style" -v label="$label" '
			{
				if ($1 == $2) { p++ }
				else {
					f++
					printf "FAIL %s %s: %s\n  hugo: %s\n  ours: %s\n",
						style, label, $3, $1, $2 > "/dev/stderr"
				}
			}
			END { printf "%d %d\n", p, f }')
		pass=$((pass + ${res% *}))
		fail=$((fail + ${res#* }))
	done
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
