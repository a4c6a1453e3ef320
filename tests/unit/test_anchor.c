/* test_anchor.c - heading IDs as Hugo computes them (src/anchor.c).
 *
 * Unless marked otherwise, expected IDs were confirmed with a real Hugo
 * build (Debian hugo 0.111, tests/hugo/crosscheck.sh) for headings without
 * inline markup. */
#include <stdlib.h>

#include "anchor.h"
#include "unit.h"

static struct strbuf sb = STRBUF_INIT;

static const char *san(enum anchor_style style, const char *text)
{
	strbuf_reset(&sb);
	anchor_sanitize(style, text, strlen(text), &sb);
	return sb.buf;
}

#define BF ANCHOR_BLACKFRIDAY
#define GH ANCHOR_GITHUB
#define GA ANCHOR_GITHUB_ASCII

struct san_case {
	const char *in, *bf, *gh, *ga;
};

/* Sanitizer only (no "heading" fallback, no dedupe). */
static const struct san_case san_cases[] = {
	/* HUGO.md examples, verbatim */
	{"What's next", "what-s-next", "whats-next", "whats-next"},
	{"Podの終了 (Termination)", "podの終了-termination", "podの終了-termination",
	 "pod-termination"},
	{"1.32における変更", "1-32における変更", "132における変更", "132"},
	{"ノード・コントローラー", "ノード-コントローラー", "ノードコントローラー", ""},
	{"What's new?  Ünïcödé — dash_under", "what-s-new-ünïcödé-dash-under",
	 "whats-new--ünïcödé--dash_under", "whats-new--unicode--dash_under"},
	{"次の項目", "次の項目", "次の項目", ""},
	/* ASCII punctuation */
	{"a!b\"c#d$e%f&g'h(i)j*k+l,m.n/o:p;q<r=s>t?u@v[w\\x]y^z`{|}~",
	 "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z",
	 "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz"},
	{"trailing punctuation!!!", "trailing-punctuation", "trailing-punctuation",
	 "trailing-punctuation"},
	{"...", "", "", ""},
	{"C# and F#", "c-and-f", "c-and-f", "c-and-f"},
	/* apostrophes: ASCII and typographic */
	{"Don't stop", "don-t-stop", "dont-stop", "dont-stop"},
	{"Don\u2019t stop", "don-t-stop", "dont-stop", "dont-stop"},
	/* spaces: ASCII, tab, NBSP, U+3000 */
	{"a b", "a-b", "a-b", "a-b"},
	{"a  b", "a-b", "a--b", "a--b"},
	{"tab\tseparated", "tab-separated", "tabseparated", "tabseparated"},
	{"nbsp\u00a0separated", "nbsp-separated", "nbspseparated", "nbspseparated"},
	{"ideographic\u3000space", "ideographic-space", "ideographicspace",
	 "ideographicspace"},
	{"全角\u3000スペース", "全角-スペース", "全角スペース", ""},
	/* '_' and '-' */
	{"under_score and-dash", "under-score-and-dash", "under_score-and-dash",
	 "under_score-and-dash"},
	{"a - b", "a-b", "a---b", "a---b"},
	{"a -- b", "a-b", "a----b", "a----b"},
	{"_", "", "_", "_"},
	/* leading, trailing, double separators */
	{"--double--dashes--", "double-dashes", "--double--dashes--", "--double--dashes--"},
	{"   leading spaces", "leading-spaces", "leading-spaces", "leading-spaces"},
	{"trailing spaces   ", "trailing-spaces", "trailing-spaces", "trailing-spaces"},
	{"\t tab and space \t", "tab-and-space", "tab-and-space", "tab-and-space"},
	/* Go's bytes.TrimSpace trims NBSP and U+3000 too (github only) */
	{"\u00a0 x \u3000", "x", "x", "x"},
	{" \u00a0x", "x", "x", "x"},
	{"\u00a0-x", "x", "-x", "-x"},
	/* CJK, kana, Hangul, other scripts */
	{"Kubernetes 日本語 한국어 中文", "kubernetes-日本語-한국어-中文",
	 "kubernetes-日本語-한국어-中文", "kubernetes---"},
	{"ひらがな カタカナ ｶﾀｶﾅ", "ひらがな-カタカナ-ｶﾀｶﾅ", "ひらがな-カタカナ-ｶﾀｶﾅ", "--"},
	{"Ελληνικά Русский Українська", "ελληνικά-русский-українська",
	 "ελληνικά-русский-українська", "--"},
	{"العربية עברית", "العربية-עברית", "العربية-עברית", "-"},
	/* Devanagari: the vowel sign (Mc) and virama (Mn) are not letters */
	{"हिन्दी", "ह-न-द", "हनद", ""},
	/* full-width Latin and digits stay full-width */
	{"ＡＢＣ full-width ＡＢＣ ａｂｃ", "ａｂｃ-full-width-ａｂｃ-ａｂｃ",
	 "ａｂｃ-full-width-ａｂｃ-ａｂｃ", "-full-width--"},
	{"１２３ full-width digits ４５６", "１２３-full-width-digits-４５６",
	 "１２３-full-width-digits-４５６", "-full-width-digits-"},
	{"Ｋｕｂｅｒｎｅｔｅｓ", "ｋｕｂｅｒｎｅｔｅｓ", "ｋｕｂｅｒｎｅｔｅｓ", ""},
	/* case mapping: per code point, simple */
	{"ΣΑΣ", "σασ", "σασ", ""},
	{"Σίσυφος ΣΑΣ σας", "σίσυφος-σασ-σας", "σίσυφος-σασ-σας", "--"},
	{"İstanbul İİ ı", "istanbul-ii-ı", "istanbul-ii-ı", "istanbul-ii-"},
	{"Straße ẞ", "straße-ß", "straße-ß", "strae-"},
	{"ǅemal ǈ ǋ", "ǆemal-ǉ-ǌ", "ǆemal-ǉ-ǌ", "emal--"},
	{"ﬁ ligature ﬀ", "ﬁ-ligature-ﬀ", "ﬁ-ligature-ﬀ", "-ligature-"},
	/* Kelvin sign lowercases to ASCII k; Ohm sign to ω; NFD gives K, Ω */
	{"Kelvin \u212a Ångström \u212b Å", "kelvin-k-ångström-å-å",
	 "kelvin-k-ångström-å-å", "kelvin-k-angstrom-a-a"},
	{"Ω Ohm \u2126", "ω-ohm-ω", "ω-ohm-ω", "-ohm-"},
	/* combining marks: decomposed e + U+0301 is not composed first */
	{"Cafe\u0301 decomposed", "cafe-decomposed", "cafe-decomposed", "cafe-decomposed"},
	{"Cafe\u0301s", "cafe-s", "cafes", "cafes"},
	{"Café precomposed", "café-precomposed", "café-precomposed", "cafe-precomposed"},
	{"Vietnamese Tiếng Việt", "vietnamese-tiếng-việt", "vietnamese-tiếng-việt",
	 "vietnamese-tieng-viet"},
	/* emoji and other symbols */
	{"Emoji 🎉 party 🚀 time", "emoji-party-time", "emoji--party--time",
	 "emoji--party--time"},
	{"😀", "", "", ""},
	{"Ⓐ circled ⓐ", "circled", "-circled-", "-circled-"},
	{"a→b", "a-b", "ab", "ab"},
	/* numbers: Nl, No kept by blackfriday (IsNumber), dropped by github
	 * (IsDigit = Nd only); other Nd digits kept by both */
	{"Roman Ⅻ ⅷ superscript ² fraction ½ circled ①",
	 "roman-ⅻ-ⅷ-superscript-²-fraction-½-circled-①",
	 "roman---superscript--fraction--circled-", "roman---superscript--fraction--circled-"},
	{"Arabic-Indic ٠١٢ digits", "arabic-indic-٠١٢-digits", "arabic-indic-٠١٢-digits",
	 "arabic-indic--digits"},
	{"v1.2.3", "v1-2-3", "v123", "v123"},
	/* empty */
	{"", "", "", ""},
	{"   ", "", "", ""},
};

static void test_sanitize(void)
{
	for (size_t i = 0; i < sizeof(san_cases) / sizeof(san_cases[0]); i++) {
		const struct san_case *c = &san_cases[i];
		CHECK_STR(san(BF, c->in), c->bf);
		CHECK_STR(san(GH, c->in), c->gh);
		CHECK_STR(san(GA, c->in), c->ga);
	}
	/* anchor_sanitize appends; blackfriday's "no leading dash" is about
	 * its own output */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "x");
	anchor_sanitize(BF, " a", 2, &sb);
	CHECK_STR(sb.buf, "xa");

	/* A long non-ASCII heading takes the heap path of github-ascii. */
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	for (int i = 0; i < 300; i++) {
		strbuf_addstr(&in, "é ");
		strbuf_addstr(&want, i < 299 ? "e-" : "e");
	}
	CHECK_STR(san(GA, in.buf), want.buf);
	strbuf_release(&in);
	strbuf_release(&want);
}

static void test_style_names(void)
{
	enum anchor_style s = GH;
	CHECK(anchor_style_parse("blackfriday", &s) && s == BF);
	CHECK(anchor_style_parse("github", &s) && s == GH);
	CHECK(anchor_style_parse("github-ascii", &s) && s == GA);
	CHECK(!anchor_style_parse("GitHub", &s));
	CHECK(!anchor_style_parse("", &s));
	CHECK_STR(anchor_style_name(BF), "blackfriday");
	CHECK_STR(anchor_style_name(GH), "github");
	CHECK_STR(anchor_style_name(GA), "github-ascii");
}

static const char *make(struct anchor_set *set, enum anchor_style style, const char *text)
{
	anchor_make(set, style, text, strlen(text), &sb);
	return sb.buf;
}

static void test_dedupe(void)
{
	struct anchor_set *set = anchor_set_new();
	/* HUGO.md: pod, pod-1, and a later "Pod-1" heading -> pod-1-1 */
	CHECK_STR(make(set, BF, "Pod"), "pod");
	CHECK_STR(make(set, BF, "pod"), "pod-1");
	CHECK_STR(make(set, BF, "Pod-1"), "pod-1-1");
	CHECK_STR(make(set, BF, "POD"), "pod-2");
	/* explicit IDs are recorded, never suffixed, and block auto IDs */
	anchor_set_put(set, "pod-3");
	anchor_set_put(set, "pod-3");
	CHECK(anchor_set_has(set, "pod-3"));
	CHECK_STR(make(set, BF, "Pod"), "pod-4");
	/* empty -> heading, then heading-1, ... */
	CHECK_STR(make(set, BF, "..."), "heading");
	CHECK_STR(make(set, BF, "😀"), "heading-1");
	CHECK_STR(make(set, BF, "Heading"), "heading-2");
	CHECK_STR(make(set, BF, "heading-1"), "heading-1-1");
	CHECK_STR(make(set, GH, ""), "heading-3");
	/* the suffix is tried on the sanitized ID as is */
	CHECK_STR(make(set, GH, "a -- b"), "a----b");
	CHECK_STR(make(set, GH, "a -- b"), "a----b-1");
	/* IDs are case-sensitive: an explicit "Pod" does not clash with "pod" */
	anchor_set_put(set, "Straße");
	CHECK(!anchor_set_has(set, "straße"));
	CHECK_STR(make(set, BF, "Straße"), "straße");
	/* has / put / count / at */
	CHECK(anchor_set_has(set, "pod"));
	CHECK(!anchor_set_has(set, "pod-5"));
	CHECK(anchor_set_has_n(set, "pod-1-1xyz", 7));
	CHECK_INT(anchor_set_count(set), 15);
	size_t len = 0;
	CHECK_STR(anchor_set_at(set, 0, &len), "pod");
	CHECK_INT(len, 3);
	CHECK_STR(anchor_set_at(set, 4, NULL), "pod-3");
	CHECK(anchor_set_at(set, 15, NULL) == NULL);
	anchor_set_free(set);

	/* thousands of headings: a real hash set */
	set = anchor_set_new();
	for (int i = 0; i < 3000; i++)
		make(set, BF, "Same title");
	CHECK_STR(sb.buf, "same-title-2999");
	CHECK_INT(anchor_set_count(set), 3000);
	for (int i = 0; i < 20000; i++) {
		char buf[32];
		snprintf(buf, sizeof(buf), "id-%d", i);
		anchor_set_put(set, buf);
	}
	CHECK(anchor_set_has(set, "id-0") && anchor_set_has(set, "id-19999"));
	CHECK(anchor_set_has(set, "same-title") && anchor_set_has(set, "same-title-1234"));
	CHECK(!anchor_set_has(set, "id-20000"));
	CHECK_INT(anchor_set_count(set), 23000);
	anchor_set_free(set);
	anchor_set_free(NULL);
}

/* ---- attribute blocks ---- */

struct attr_case {
	const char *line;
	int found;      /* 1 found */
	int cut;        /* byte offset of the '{' (when found) */
	const char *id; /* NULL: no id */
};

static const struct attr_case attr_cases[] = {
	{"Heading {#id}", 1, 8, "id"},
	{"{#only-id}", 1, 0, "only-id"},
	{"翻訳した見出し {#english-id}", 1, 22, "english-id"},
	{"Heading {#id .class}", 1, 8, "id"},
	{"Heading {.class #id2 key=\"v\"}", 1, 8, "id2"},
	{"Heading {#id3, .cls}", 1, 8, "id3"},
	{"Heading {.a, .b, #c}", 1, 8, "c"},
	{"Heading    {#id4}", 1, 11, "id4"},
	{"Heading\t{#id4-tab}", 1, 8, "id4-tab"},
	{"Heading {#id}   ", 1, 8, "id"},
	{"Heading {#id}\t", 1, 8, "id"},
	{"Heading {  #id  }", 1, 8, "id"},
	/* non-ASCII IDs, used as written */
	{"Heading {#日本語-id}", 1, 8, "日本語-id"},
	{"Heading {#ÜberID}", 1, 8, "ÜberID"},
	/* the id stops at ASCII punctuation other than _ - : . */
	{"Heading {#a:b.c_d-e}", 1, 8, "a:b.c_d-e"},
	{"Heading {#stop!here}", 0, 0, NULL},
	{"Heading {#stop/here}", 0, 0, NULL},
	/* ...and at white space: the rest is another attribute */
	{"Heading {#a b}", 0, 0, NULL},
	{"Heading {#a b=c}", 1, 8, "a"},
	{"Heading {#a b=}", 0, 0, NULL},
	/* an empty #id is allowed (goldmark renders id="") */
	{"Heading {#}", 1, 8, ""},
	/* no attributes at all is a valid block; a blank alone is not */
	{"Heading {}", 1, 8, NULL},
	{"Heading { }", 0, 0, NULL},
	{"Heading {.cls}", 1, 8, NULL},
	/* trailing text after '}' */
	{"Heading {#x} trailing", 0, 0, NULL},
	{"Heading {#x}.", 0, 0, NULL},
	/* unclosed */
	{"Heading {#x", 0, 0, NULL},
	{"Heading {", 0, 0, NULL},
	/* escaped '{' */
	{"Heading \\{#escaped}", 0, 0, NULL},
	{"Heading \\\\{#x}", 0, 0, NULL}, /* goldmark skips "\{" even after "\" */
	{"Heading \\{#a} {#b}", 1, 14, "b"},
	/* several '{': the last decides */
	{"Heading {#first} {#last}", 1, 17, "last"},
	{"A {b} c {#d}", 1, 8, "d"},
	{"A {#d} c {b", 0, 0, NULL},
	{"Heading {#str data=\"a{b\"}", 0, 0, NULL}, /* the '{' in the string is last */
	{"Heading {#nested data={a=1 b=\"x\"}}", 0, 0, NULL},
	{"{#a}{#b}", 1, 4, "b"},
	/* two ids: the last one is set */
	{"Heading {#two-ids #second-id}", 1, 8, "second-id"},
	/* key=value id */
	{"Heading {id=\"quoted-id\"}", 1, 8, "quoted-id"},
	{"Heading {id=bare}", 1, 8, "bare"},
	{"Heading {#a id=b}", 1, 8, "b"},
	{"Heading {id=5}", 1, 8, NULL}, /* not []byte: Hugo would panic */
	/* values: numbers, arrays, true/false/null */
	{"Heading {#num data=1.5e3}", 1, 8, "num"},
	{"Heading {#neg data=-2}", 1, 8, "neg"},
	{"Heading {#n data=+2.}", 1, 8, "n"},
	{"Heading {#badnum data=1e}", 0, 0, NULL},
	{"Heading {#inf data=1e999}", 0, 0, NULL}, /* ParseFloat: ErrRange */
	{"Heading {#tiny data=1e-999}", 1, 8, "tiny"},
	{"Heading {#sign data=-}", 0, 0, NULL},
	{"Heading {#arr data=[1, \"two\", a b]}", 1, 8, "arr"},
	{"Heading {#arr data=[]}", 1, 8, "arr"},
	{"Heading {#arr data=[1,]}", 0, 0, NULL},
	{"Heading {#arr data=[,1]}", 0, 0, NULL},
	{"Heading {#arr data=[1}", 0, 0, NULL},
	{"Heading {#bool data=true x=null y=false}", 1, 8, "bool"},
	{"Heading {#s data=\"a\\\"b\"}", 1, 8, "s"},
	{"Heading {#s data=\"open}", 0, 0, NULL},
	{"Heading {#s data='single'}", 0, 0, NULL},
	{"Heading {.cls class=true}", 0, 0, NULL},
	{"Heading {.cls class=null}", 0, 0, NULL},
	{"Heading {class=x}", 1, 8, NULL},
	{"Heading {data-x=1}", 1, 8, NULL},
	{"Heading {1=x}", 0, 0, NULL},
	{"Heading {a = \"b\" ,  #c}", 1, 8, "c"},
	{"Heading {a=b,,#c}", 0, 0, NULL},
	{"", 0, 0, NULL},
	{"No braces", 0, 0, NULL},
};

static void test_attrs(void)
{
	for (size_t i = 0; i < sizeof(attr_cases) / sizeof(attr_cases[0]); i++) {
		const struct attr_case *c = &attr_cases[i];
		struct anchor_attrs at;
		size_t len = strlen(c->line);
		anchor_parse_attrs(c->line, len, &at);
		if (at.found != (c->found == 1))
			printf("  (line: %s)\n", c->line);
		CHECK_INT(at.found, c->found);
		if (!c->found) {
			CHECK_INT(at.cut, len);
			CHECK(!at.has_id);
			continue;
		}
		CHECK_INT(at.cut, c->cut);
		CHECK_INT(at.has_id, c->id != NULL);
		if (c->id && at.has_id) {
			strbuf_reset(&sb);
			anchor_attrs_copy_id(&at, &sb);
			CHECK_STR(sb.buf, c->id);
		}
	}

	/* id points into the line */
	const char *line = "Title {#x-y .c}";
	struct anchor_attrs at;
	anchor_parse_attrs(line, strlen(line), &at);
	CHECK(at.found && at.has_id && at.id == line + 8 && at.id_len == 3 && !at.id_quoted);

	/* quoted id values: escapes decoded by copy_id */
	line = "T {id=\"a\\tb\\\\c\\qd\"}";
	anchor_parse_attrs(line, strlen(line), &at);
	CHECK(at.found && at.has_id && at.id_quoted);
	strbuf_reset(&sb);
	anchor_attrs_copy_id(&at, &sb);
	CHECK_STR(sb.buf, "a\tb\\c\\qd");

	/* only `len` bytes are looked at */
	line = "Heading {#id} trailing";
	anchor_parse_attrs(line, 13, &at);
	CHECK(at.found && at.has_id && at.cut == 8);

	/* copy_id appends nothing without an id */
	anchor_parse_attrs("x {.c}", 6, &at);
	strbuf_reset(&sb);
	anchor_attrs_copy_id(&at, &sb);
	CHECK(at.found && !at.has_id && sb.len == 0);
}

/* ---- whole ATX content (after the opening '#'s and blanks) ---- */

struct atx_case {
	const char *content;
	const char *text; /* heading text */
	const char *id;   /* explicit id, NULL when none */
};

static const struct atx_case atx_cases[] = {
	{"Heading", "Heading", NULL},
	{"Heading {#id}", "Heading", "id"},
	{"Heading ##", "Heading", NULL},
	{"Heading #", "Heading", NULL},
	{"Heading ##   ", "Heading", NULL},
	{"Heading#", "Heading#", NULL},
	{"Heading \\#", "Heading \\#", NULL},
	{"#hashtag heading", "#hashtag heading", NULL},
	{"##", "", NULL},
	{"# # #", "# #", NULL}, /* only the last " #" is a closing sequence */
	{"", "", NULL},
	{"   ", "", NULL},
	{"C# and F#", "C# and F#", NULL},
	/* goldmark's special case: attributes after a closing sequence */
	{"Heading ### {#atx-special}", "Heading", "atx-special"},
	{"Heading # {#x}  ", "Heading", "x"},
	{"# {#x}", "", "x"},
	{"Heading ## {.cls}", "Heading", NULL},
	{"Foo {#a} ## {.b}", "Foo", "a"},
	{"Foo {#a} ## {#b}", "Foo {#a}", "b"},
	/* closing sequence removed first, then the attribute block */
	{"Heading {#id} ##", "Heading", "id"},
	{"Foo ## {#x} ##", "Foo ##", "x"},
	{"Heading {#x} trailing", "Heading {#x} trailing", NULL},
	{"Heading   {#id4}", "Heading", "id4"},
	{"Use #tags {#t}", "Use #tags", "t"},
	{"a \\## {#x}", "a \\##", "x"},
};

static void test_atx(void)
{
	for (size_t i = 0; i < sizeof(atx_cases) / sizeof(atx_cases[0]); i++) {
		const struct atx_case *c = &atx_cases[i];
		struct anchor_attrs at;
		size_t n = anchor_parse_atx(c->content, strlen(c->content), &at);
		strbuf_reset(&sb);
		strbuf_add(&sb, c->content, n);
		CHECK_STR(sb.buf, c->text);
		CHECK_INT(at.found && at.has_id, c->id != NULL);
		if (c->id && at.found && at.has_id) {
			strbuf_reset(&sb);
			anchor_attrs_copy_id(&at, &sb);
			CHECK_STR(sb.buf, c->id);
		}
	}
}

/* A page: explicit IDs in document order block later auto IDs. */
static void test_page(void)
{
	static const char *const lines[] = {
		"Pod", "pod", "Explicit {#pod-2}", "Explicit again {#pod-2}", "Pod",
		"Pod-1", "", "Heading", "{#heading-1}", "...",
	};
	static const char *const want[] = {
		"pod", "pod-1", "pod-2", "pod-2", "pod-3", "pod-1-1", "heading",
		"heading-1", "heading-1", "heading-2",
	};
	struct anchor_set *set = anchor_set_new();
	struct strbuf id = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct anchor_attrs at;
		size_t n = anchor_parse_atx(lines[i], strlen(lines[i]), &at);
		strbuf_reset(&id);
		if (at.found && at.has_id) {
			anchor_attrs_copy_id(&at, &id);
			anchor_set_put_n(set, id.buf, id.len);
		} else {
			anchor_make(set, BF, lines[i], n, &id);
		}
		CHECK_STR(id.buf, want[i]);
	}
	strbuf_release(&id);
	anchor_set_free(set);
}

static void test_fragment(void)
{
	struct strbuf out = STRBUF_INIT;
	CHECK(anchor_decode_fragment("what-s-next", 11, &out));
	CHECK_STR(out.buf, "what-s-next");
	strbuf_reset(&out);
	/* %E6%AC%A1 = 次 */
	const char *f = "%E6%AC%A1%E3%81%AE%E9%A0%85%E7%9B%AE";
	CHECK(anchor_decode_fragment(f, strlen(f), &out));
	CHECK_STR(out.buf, "次の項目");
	strbuf_reset(&out);
	f = "pod%e3%81%AE-a";
	CHECK(anchor_decode_fragment(f, strlen(f), &out));
	CHECK_STR(out.buf, "podの-a");
	/* invalid escapes are kept; '+' is not a space */
	strbuf_reset(&out);
	f = "100%-sure%2x%4+a+b%";
	CHECK(anchor_decode_fragment(f, strlen(f), &out));
	CHECK_STR(out.buf, "100%-sure%2x%4+a+b%");
	strbuf_reset(&out);
	CHECK(anchor_decode_fragment("a%2", 3, &out));
	CHECK_STR(out.buf, "a%2");
	/* already-decoded UTF-8 passes through */
	strbuf_reset(&out);
	f = "podの終了-termination";
	CHECK(anchor_decode_fragment(f, strlen(f), &out));
	CHECK_STR(out.buf, f);
	/* not UTF-8 after decoding */
	strbuf_reset(&out);
	CHECK(!anchor_decode_fragment("%E6%AC", 6, &out));
	strbuf_reset(&out);
	CHECK(!anchor_decode_fragment("%FF", 3, &out));
	/* appends */
	strbuf_reset(&out);
	strbuf_addstr(&out, "x#");
	CHECK(anchor_decode_fragment("%41", 3, &out));
	CHECK_STR(out.buf, "x#A");
	strbuf_release(&out);
}

int main(void)
{
	test_style_names();
	test_sanitize();
	test_dedupe();
	test_attrs();
	test_atx();
	test_page();
	test_fragment();
	strbuf_release(&sb);
	UNIT_END();
}
