/* test_shortcode.c - unit tests for the Hugo shortcode scanner. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "shortcode.h"
#include "strbuf.h"
#include "unit.h"

static struct arena arena = ARENA_INIT;

static struct sc_list scan_skip(const char *text, sc_skip_fn skip, void *ctx)
{
	struct sc_list l;
	sc_scan(&arena, text, strlen(text), NULL, 0, skip, ctx, &l);
	return l;
}

static struct sc_list scan(const char *text)
{
	return scan_skip(text, NULL, NULL);
}

static void test_basic(void)
{
	struct sc_list l = scan("{{< note >}}");
	CHECK_INT(l.n, 1);
	CHECK_STR(l.items[0].name, "note");
	CHECK_INT(l.items[0].kind, SC_STANDALONE);
	CHECK_INT(l.items[0].delim, '<');
	CHECK_INT(l.items[0].start, 0);
	CHECK_INT(l.items[0].end, 12);
	CHECK_INT(l.items[0].line, 1);
	CHECK_INT(l.items[0].col, 1);
	CHECK_INT(l.items[0].end_line, 1);
	CHECK_INT(l.items[0].parent, -1);
	CHECK_INT(l.items[0].match, -1);
	CHECK(!l.items[0].malformed);
	CHECK(!l.items[0].in_comment);
	CHECK(!l.items[0].self_closed);
	CHECK_INT(l.items[0].nargs, 0);

	l = scan("## Next {{% heading \"whatsnext\" %}}\n");
	CHECK_INT(l.n, 1);
	CHECK_STR(l.items[0].name, "heading");
	CHECK_INT(l.items[0].delim, '%');
	CHECK_INT(l.items[0].col, 9);
	CHECK_INT(l.items[0].nargs, 1);
	CHECK_STR(sc_pos_arg(&l.items[0], 0), "whatsnext");
	CHECK(l.items[0].args[0].quoted);
	CHECK(l.items[0].args[0].key == NULL);
	CHECK(!l.items[0].malformed);

	/* no white space after {{< or before >}} */
	l = scan("{{<note>}}x{{%warning%}}");
	CHECK_INT(l.n, 2);
	CHECK_STR(l.items[0].name, "note");
	CHECK_INT(l.items[0].end, 10);
	CHECK_STR(l.items[1].name, "warning");
	CHECK_INT(l.items[1].delim, '%');
	CHECK(!l.items[1].malformed);

	/* names as kubernetes.io writes them, and a namespaced one */
	l = scan("{{< glossary_tooltip text=\"Pod\" term_id=\"pod\" >}} "
	         "{{< feature-state for_k8s_version=\"v1.32\" state=\"beta\" >}} "
	         "{{< ns/sub.inline >}}");
	CHECK_INT(l.n, 3);
	CHECK_STR(l.items[0].name, "glossary_tooltip");
	CHECK_STR(sc_arg(&l.items[0], "text"), "Pod");
	CHECK_STR(sc_arg(&l.items[0], "term_id"), "pod");
	CHECK_STR(l.items[1].name, "feature-state");
	CHECK_STR(sc_arg(&l.items[1], "for_k8s_version"), "v1.32");
	CHECK_STR(sc_arg(&l.items[1], "state"), "beta");
	CHECK_STR(l.items[2].name, "ns/sub.inline");

	/* nothing at all */
	l = scan("");
	CHECK_INT(l.n, 0);
	l = scan("{{ .Title }} { {< x >}} {{");
	CHECK_INT(l.n, 0);
	sc_scan(&arena, NULL, 0, NULL, 0, NULL, NULL, &l);
	CHECK_INT(l.n, 0);
}

static void test_pairing(void)
{
	struct sc_list l = scan("{{< note >}}\nText\n{{< /note >}}\n");
	CHECK_INT(l.n, 2);
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_INT(l.items[0].match, 1);
	CHECK_INT(l.items[1].kind, SC_CLOSE);
	CHECK_INT(l.items[1].match, 0);
	CHECK_STR(l.items[1].name, "note");
	CHECK_INT(l.items[1].line, 3);
	CHECK_INT(l.items[0].parent, -1);
	CHECK_INT(l.items[1].parent, -1);

	/* white space inside the closer */
	l = scan("{{% note %}}x{{% / note %}}");
	CHECK_INT(l.n, 2);
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_STR(l.items[1].name, "note");
	CHECK_INT(l.items[1].match, 0);

	/* paired by name whatever the delimiter */
	l = scan("{{% note %}}x{{< /note >}}");
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_INT(l.items[1].match, 0);
	CHECK_INT(l.items[1].delim, '<');

	/* tabs / tab with a standalone tooltip inside */
	l = scan("{{< tabs name=\"t\" >}}\n"
	         "{{< tab name=\"A\" >}}a "
	         "{{< glossary_tooltip text=\"x\" term_id=\"y\" >}}{{< /tab >}}\n"
	         "{{< tab name=\"B\" >}}b{{< /tab >}}\n"
	         "{{< /tabs >}}\n");
	CHECK_INT(l.n, 7);
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_INT(l.items[0].match, 6);
	CHECK_INT(l.items[6].match, 0);
	CHECK_INT(l.items[1].kind, SC_OPEN);
	CHECK_INT(l.items[1].match, 3);
	CHECK_INT(l.items[2].kind, SC_STANDALONE);
	CHECK_INT(l.items[4].kind, SC_OPEN);
	CHECK_INT(l.items[4].match, 5);
	CHECK_INT(l.items[0].parent, -1);
	CHECK_INT(l.items[1].parent, 0);
	CHECK_INT(l.items[2].parent, 1);
	CHECK_INT(l.items[3].parent, 0);
	CHECK_INT(l.items[4].parent, 0);
	CHECK_INT(l.items[5].parent, 0);
	CHECK_INT(l.items[6].parent, -1);
	CHECK_STR(sc_arg(&l.items[4], "name"), "B");
	CHECK_INT(l.items[6].line, 4);

	/* never-closed shortcodes inside a closed one become standalone;
	 * their parent is the closed one, decided after pairing */
	l = scan("{{< a >}}{{< b >}}{{< c >}}x{{< /a >}}{{< d >}}");
	CHECK_INT(l.n, 5);
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_INT(l.items[0].match, 3);
	CHECK_INT(l.items[1].kind, SC_STANDALONE);
	CHECK_INT(l.items[2].kind, SC_STANDALONE);
	CHECK_INT(l.items[1].parent, 0);
	CHECK_INT(l.items[2].parent, 0);
	CHECK_INT(l.items[3].parent, -1);
	CHECK_INT(l.items[4].parent, -1);
	CHECK_INT(l.items[4].kind, SC_STANDALONE);

	/* same name nested: the closer takes the nearest opener */
	l = scan("{{< x >}}{{< x >}}{{< /x >}}{{< /x >}}");
	CHECK_INT(l.items[0].match, 3);
	CHECK_INT(l.items[1].match, 2);
	CHECK_INT(l.items[1].parent, 0);
	CHECK_INT(l.items[2].parent, 0);
	CHECK_INT(l.items[3].parent, -1);

	/* unmatched closers */
	l = scan("{{< /note >}}");
	CHECK_INT(l.n, 1);
	CHECK_INT(l.items[0].kind, SC_CLOSE);
	CHECK_INT(l.items[0].match, -1);
	CHECK_INT(l.items[0].parent, -1);
	CHECK(!l.items[0].malformed);

	l = scan("{{< note >}}x{{< /warning >}}");
	CHECK_INT(l.items[0].kind, SC_STANDALONE);
	CHECK_INT(l.items[1].kind, SC_CLOSE);
	CHECK_INT(l.items[1].match, -1);

	/* an unmatched closer pops nothing */
	l = scan("{{< a >}}{{< /b >}}{{< /a >}}{{< /a >}}");
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_INT(l.items[0].match, 2);
	CHECK_INT(l.items[1].match, -1);
	CHECK_INT(l.items[1].parent, 0);
	CHECK_INT(l.items[3].match, -1);
	CHECK_INT(l.items[3].parent, -1);

	/* self-closing shortcodes are never openers */
	l = scan("{{< x />}}{{< x/>}}{{< x a=b/>}}{{< /x >}}");
	CHECK_INT(l.n, 4);
	CHECK(l.items[0].self_closed);
	CHECK(l.items[1].self_closed);
	CHECK_STR(l.items[1].name, "x");
	CHECK(l.items[2].self_closed);
	CHECK_STR(sc_arg(&l.items[2], "a"), "b");
	CHECK_INT(l.items[0].kind, SC_STANDALONE);
	CHECK_INT(l.items[3].match, -1);
	CHECK(!l.items[0].malformed && !l.items[1].malformed && !l.items[2].malformed);
}

static void test_escaped(void)
{
	struct sc_list l = scan("{{</* note */>}}\n{{%/* note */%}}\n{{< /* x */ >}}");
	CHECK_INT(l.n, 0);

	l = scan("{{</* tabs name=\"x\" */>}}\n{{</* tab name=\"a\"\n  lang=\"b\" */>}}\n"
	         "{{< note >}}real{{< /note >}}");
	CHECK_INT(l.n, 2);
	CHECK_STR(l.items[0].name, "note");
	CHECK_INT(l.items[0].line, 4);
	CHECK_INT(l.items[0].kind, SC_OPEN);

	/* the end of an escape must carry the same delimiter */
	l = scan("{{%/* a */>}} */%}}{{< b >}}");
	CHECK_INT(l.n, 1);
	CHECK_STR(l.items[0].name, "b");

	/* >}} inside the escaped form does not end it */
	l = scan("{{</* x a=\">}}\" */>}}{{< y >}}");
	CHECK_INT(l.n, 1);
	CHECK_STR(l.items[0].name, "y");

	/* unterminated escape: not a shortcode, scanning goes on */
	l = scan("{{</* note >}} and {{< y >}}");
	CHECK_INT(l.n, 1);
	CHECK_STR(l.items[0].name, "y");
}

static void test_args(void)
{
	struct sc_list l = scan("{{< figure\n    src=\"/images/x.png\"\n"
	                        "    alt=\"図\" caption=\"キャプション\" >}}\nafter");
	CHECK_INT(l.n, 1);
	CHECK_INT(l.items[0].line, 1);
	CHECK_INT(l.items[0].end_line, 3);
	CHECK_INT(l.items[0].nargs, 3);
	CHECK_STR(sc_arg(&l.items[0], "src"), "/images/x.png");
	CHECK_STR(sc_arg(&l.items[0], "alt"), "図");
	CHECK_STR(sc_arg(&l.items[0], "caption"), "キャプション");
	CHECK(sc_arg(&l.items[0], "title") == NULL);
	CHECK(sc_pos_arg(&l.items[0], 0) == NULL);
	CHECK(!l.items[0].malformed);

	/* delimiters inside quotes */
	l = scan("{{< x title=\"a >}} b\" t2=\"%}} }} {{<\" >}}{{< y >}}");
	CHECK_INT(l.n, 2);
	CHECK_STR(sc_arg(&l.items[0], "title"), "a >}} b");
	CHECK_STR(sc_arg(&l.items[0], "t2"), "%}} }} {{<");
	CHECK(!l.items[0].malformed);
	CHECK_STR(l.items[1].name, "y");

	/* escapes */
	l = scan("{{< x a=\"say \\\"hi\\\" now\" b=\"c:\\\\dir\" >}}");
	CHECK_STR(sc_arg(&l.items[0], "a"), "say \"hi\" now");
	CHECK_STR(sc_arg(&l.items[0], "b"), "c:\\\\dir");
	CHECK(l.items[0].args[0].quoted);

	/* raw strings, which may span lines */
	l = scan("{{< x a=`multi\nline \"q\" >}}` `pos` >}}");
	CHECK_INT(l.n, 1);
	CHECK_STR(sc_arg(&l.items[0], "a"), "multi\nline \"q\" >}}");
	CHECK(l.items[0].args[0].quoted);
	CHECK_STR(sc_pos_arg(&l.items[0], 0), "pos");
	CHECK(l.items[0].args[1].quoted);
	CHECK_INT(l.items[0].end_line, 2);
	CHECK(!l.items[0].malformed);

	/* bare values */
	l = scan("{{< skew currentVersion >}}{{< param \"version\" >}}"
	         "{{< x file=pods/a.yaml url=a?b=c n=1.5 >}}");
	CHECK_INT(l.n, 3);
	CHECK_STR(sc_pos_arg(&l.items[0], 0), "currentVersion");
	CHECK(!l.items[0].args[0].quoted);
	CHECK_STR(sc_pos_arg(&l.items[1], 0), "version");
	CHECK_STR(sc_arg(&l.items[2], "file"), "pods/a.yaml");
	CHECK_STR(sc_arg(&l.items[2], "url"), "a?b=c");
	CHECK_STR(sc_arg(&l.items[2], "n"), "1.5");
	CHECK(!l.items[2].args[0].quoted);

	/* several positional arguments; out-of-range lookups */
	l = scan("{{< x a \"b c\" `d` >}}");
	CHECK_INT(l.items[0].nargs, 3);
	CHECK_STR(sc_pos_arg(&l.items[0], 0), "a");
	CHECK_STR(sc_pos_arg(&l.items[0], 1), "b c");
	CHECK_STR(sc_pos_arg(&l.items[0], 2), "d");
	CHECK(sc_pos_arg(&l.items[0], 3) == NULL);
	CHECK(sc_arg(&l.items[0], "a") == NULL);
	CHECK(sc_arg(NULL, "a") == NULL);
	CHECK(sc_pos_arg(NULL, 0) == NULL);

	/* mixed (Hugo rejects it, we record it), blanks around '=' */
	l = scan("{{< x pos k = \"v\" k2= w k3=\"\" >}}");
	CHECK_INT(l.items[0].nargs, 4);
	CHECK_STR(sc_pos_arg(&l.items[0], 0), "pos");
	CHECK_STR(sc_arg(&l.items[0], "k"), "v");
	CHECK_STR(sc_arg(&l.items[0], "k2"), "w");
	CHECK_STR(sc_arg(&l.items[0], "k3"), "");
	CHECK(!l.items[0].malformed);

	/* key with no value */
	l = scan("{{< x k= >}}");
	CHECK_INT(l.items[0].nargs, 1);
	CHECK_STR(sc_arg(&l.items[0], "k"), "");
	CHECK(!l.items[0].malformed);

	/* values next to the end delimiter */
	l = scan("{{< x a=b>}}{{% y \"c\"%}}");
	CHECK_INT(l.n, 2);
	CHECK_STR(sc_arg(&l.items[0], "a"), "b");
	CHECK_INT(l.items[0].end, 12);
	CHECK_STR(sc_pos_arg(&l.items[1], 0), "c");
	CHECK(!l.items[0].malformed && !l.items[1].malformed);

	/* CRLF line ends */
	l = scan("{{< figure\r\n  src=\"a\"\r\n  alt=\"b\" >}}\r\n{{< x >}}\r\n");
	CHECK_INT(l.n, 2);
	CHECK_STR(sc_arg(&l.items[0], "alt"), "b");
	CHECK_INT(l.items[0].end_line, 3);
	CHECK_INT(l.items[1].line, 4);
	CHECK(!l.items[0].malformed);
}

struct skip_ctx {
	size_t from[4], to[4];
	size_t n;
	int calls;
	size_t last_off;
	bool ordered;
	bool lie; /* report skip_to <= off */
};

static bool skip_fn(void *vctx, size_t off, size_t *skip_to)
{
	struct skip_ctx *c = vctx;
	if (c->calls && off <= c->last_off)
		c->ordered = false;
	c->calls++;
	c->last_off = off;
	for (size_t i = 0; i < c->n; i++) {
		if (off >= c->from[i] && off < c->to[i]) {
			*skip_to = c->lie ? off : c->to[i];
			return true;
		}
	}
	return false;
}

static void test_skip(void)
{
	const char *text = "a `{{< note >}}` b {{< warning >}}\n"
	                   "```\n<!-- x\n{{< note >}}\n```\n"
	                   "{{< tip >}} <!-- {{< c >}} --> {{< d >}}";
	struct skip_ctx c;
	memset(&c, 0, sizeof(c));
	c.ordered = true;
	const char *code1 = strchr(text, '`');
	c.from[0] = (size_t)(code1 - text);
	c.to[0] = (size_t)(strchr(code1 + 1, '`') - text) + 1;
	const char *fence = strstr(text, "```");
	c.from[1] = (size_t)(fence - text);
	c.to[1] = (size_t)(strstr(fence + 3, "```") - text) + 4;
	c.n = 2;
	struct sc_list l = scan_skip(text, skip_fn, &c);
	CHECK_INT(l.n, 4);
	CHECK_STR(l.items[0].name, "warning");
	CHECK_STR(l.items[1].name, "tip");
	CHECK_INT(l.items[1].line, 6);
	CHECK(!l.items[1].in_comment); /* the <!-- in the fence does not count */
	CHECK_STR(l.items[2].name, "c");
	CHECK(l.items[2].in_comment);
	CHECK_STR(l.items[3].name, "d");
	CHECK(!l.items[3].in_comment);
	/* called only at candidates: 4 "{{<" outside code, 1 in the code span
	 * and 2 "<!--" (the fence is skipped from its "<!--" on) */
	CHECK_INT(c.calls, 7);
	CHECK(c.ordered);

	/* a predicate that does not advance cannot hang the scan */
	memset(&c, 0, sizeof(c));
	c.ordered = true;
	c.lie = true;
	c.from[0] = 0;
	c.to[0] = 100;
	c.n = 1;
	l = scan_skip("{{< a >}}{{< b >}}", skip_fn, &c);
	CHECK_INT(l.n, 0);
	CHECK_INT(c.calls, 2);

	/* skip_to beyond the end is clamped */
	memset(&c, 0, sizeof(c));
	c.ordered = true;
	c.from[0] = 0;
	c.to[0] = 1000;
	c.n = 1;
	l = scan_skip("{{< a >}}", skip_fn, &c);
	CHECK_INT(l.n, 0);
}

static void test_positions(void)
{
	struct sc_list l = scan("日本語テキスト{{< note >}}");
	CHECK_INT(l.items[0].col, 8);
	CHECK_INT(l.items[0].start, 21);

	/* two on one line (column cache), one on the next */
	l = scan("# 見出し\n日本{{< a >}}語{{< b >}}\n  ä{{< c >}}");
	CHECK_INT(l.n, 3);
	CHECK_INT(l.items[0].line, 2);
	CHECK_INT(l.items[0].col, 3);
	CHECK_INT(l.items[1].line, 2);
	CHECK_INT(l.items[1].col, 13);
	CHECK_INT(l.items[2].line, 3);
	CHECK_INT(l.items[2].col, 4);

	/* caller-supplied line starts */
	const char *text = "ab\nキ{{< x\n y=\"1\" >}}\n";
	size_t ls[4] = {0, 3, 0, strlen(text)};
	ls[2] = (size_t)(strchr(text + 3, '\n') - text) + 1;
	sc_scan(&arena, text, strlen(text), ls, 4, NULL, NULL, &l);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.items[0].line, 2);
	CHECK_INT(l.items[0].col, 2);
	CHECK_INT(l.items[0].end_line, 3);
	CHECK_INT(l.items[0].end, (size_t)(strstr(text, ">}}") - text) + 3);
}

static void test_comments(void)
{
	struct sc_list l = scan("<!-- {{< note >}} -->\n{{< note >}}\n<!--\n"
	                        "{{< a x=\"<!--\" >}}\n-->{{< b >}}<!-- {{< c >}}");
	CHECK_INT(l.n, 5);
	CHECK(l.items[0].in_comment);
	CHECK(!l.items[1].in_comment);
	CHECK(l.items[2].in_comment);
	CHECK(!l.items[3].in_comment);
	CHECK(l.items[4].in_comment); /* unterminated comment runs to the end */
	/* shortcodes in comments still pair (Hugo expands them there too) */
	CHECK_INT(l.items[0].kind, SC_STANDALONE);

	/* a <!-- inside a shortcode's quoted argument opens nothing */
	l = scan("{{< a x=\"<!--\" >}} {{< b >}}");
	CHECK(!l.items[1].in_comment);
	l = scan("<!---->{{< a >}}");
	CHECK(!l.items[0].in_comment);
}

static void test_malformed(void)
{
	struct sc_list l = scan("text {{< note ");
	CHECK_INT(l.n, 1);
	CHECK(l.items[0].malformed);
	CHECK_STR(l.items[0].name, "note");
	CHECK_INT(l.items[0].end, 14);

	l = scan("{{<");
	CHECK_INT(l.n, 1);
	CHECK(l.items[0].malformed);
	CHECK_STR(l.items[0].name, "");
	l = scan("{{% /");
	CHECK_INT(l.n, 1);
	CHECK(l.items[0].malformed);
	CHECK_INT(l.items[0].kind, SC_CLOSE);

	/* wrong or missing delimiter before }} */
	l = scan("{{< note }}\ntext\n{{< /note >}}");
	CHECK_INT(l.n, 2);
	CHECK(l.items[0].malformed);
	CHECK_INT(l.items[0].end, 11);
	CHECK(!l.items[1].malformed);
	CHECK_INT(l.items[0].kind, SC_OPEN); /* still paired */
	l = scan("{{< note %}}x{{% warning >}}");
	CHECK_INT(l.n, 2);
	CHECK(l.items[0].malformed);
	CHECK(l.items[1].malformed);
	CHECK_INT(l.items[0].end, 12);

	/* a blank line ends a runaway shortcode */
	l = scan("{{< note\n\nparagraph {{< x >}}\n");
	CHECK_INT(l.n, 2);
	CHECK(l.items[0].malformed);
	CHECK_INT(l.items[0].end, 8);
	CHECK_INT(l.items[0].end_line, 1);
	CHECK_STR(l.items[1].name, "x");
	CHECK(!l.items[1].malformed);

	/* so does the next {{ */
	l = scan("{{< note text {{< /note >}}");
	CHECK_INT(l.n, 2);
	CHECK(l.items[0].malformed);
	CHECK_INT(l.items[0].end, 14);
	CHECK_INT(l.items[0].kind, SC_OPEN);
	CHECK_INT(l.items[1].match, 0);

	/* unterminated strings */
	l = scan("{{< x a=\"foo\nbar\" >}} {{< y >}}");
	CHECK_INT(l.n, 2);
	CHECK(l.items[0].malformed);
	CHECK_INT(l.items[0].end, 12);
	CHECK_STR(sc_arg(&l.items[0], "a"), "");
	CHECK_STR(l.items[1].name, "y");
	l = scan("{{< x `never closed\n{{< y >}}");
	CHECK_INT(l.n, 2);
	CHECK(l.items[0].malformed);
	CHECK_STR(l.items[1].name, "y");
	/* a raw string stops at a blank line (the prose case: no skip
	 * predicate, "{{%" followed by a code span's backtick) */
	l = scan("`{{<` or `{{%`), text\nmore\n\nlater `code` {{< y >}}");
	CHECK_INT(l.n, 3);
	CHECK(l.items[0].malformed);
	CHECK(l.items[1].malformed);
	CHECK_INT(l.items[1].end, 21);
	CHECK_STR(l.items[2].name, "y");
	CHECK(!l.items[2].malformed);
	l = scan("{{< x a=`one\ntwo\n  \r\nthree` >}}");
	CHECK_INT(l.n, 1);
	CHECK(l.items[0].malformed);
	CHECK_INT(l.items[0].end, 12);
	l = scan("{{< x \"abc");
	CHECK_INT(l.n, 1);
	CHECK(l.items[0].malformed);

	/* no name */
	l = scan("{{< >}}{{< \"q\" >}}{{< -x >}}");
	CHECK_INT(l.n, 3);
	CHECK(l.items[0].malformed);
	CHECK(l.items[1].malformed);
	CHECK(l.items[2].malformed);
	CHECK_STR(sc_pos_arg(&l.items[1], 0), "q");

	/* a closer that is also self-closing */
	l = scan("{{< /x />}}");
	CHECK_INT(l.n, 1);
	CHECK(l.items[0].malformed);
}

static double seconds_since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void test_performance(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct sc_list l;
	clock_t t0;

	/* 100k bare {{< */
	for (int i = 0; i < 100000; i++)
		strbuf_add(&sb, "{{<", 3);
	t0 = clock();
	sc_scan(&arena, sb.buf, sb.len, NULL, 0, NULL, NULL, &l);
	CHECK_INT(l.n, 100000);
	CHECK(l.items[99999].malformed);
	CHECK_INT(l.items[99999].col, 299998);
	CHECK(seconds_since(t0) < 2.0);

	/* 100k openers then 100k closers of another name, one line */
	strbuf_reset(&sb);
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "{{< a >}}");
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "{{< /b >}}");
	strbuf_addstr(&sb, "{{< /a >}}");
	t0 = clock();
	sc_scan(&arena, sb.buf, sb.len, NULL, 0, NULL, NULL, &l);
	CHECK_INT(l.n, 200001);
	CHECK_INT(l.items[99999].match, 200000);
	CHECK_INT(l.items[0].kind, SC_STANDALONE);
	CHECK_INT(l.items[150000].parent, 99999);
	CHECK(seconds_since(t0) < 2.0);

	/* 100k unterminated escapes, and 100k "<!--" between shortcodes */
	strbuf_reset(&sb);
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "{{</* */ ");
	t0 = clock();
	sc_scan(&arena, sb.buf, sb.len, NULL, 0, NULL, NULL, &l);
	CHECK_INT(l.n, 0);
	CHECK(seconds_since(t0) < 2.0);

	strbuf_reset(&sb);
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "<!-- {{< a >}} -->\n");
	t0 = clock();
	sc_scan(&arena, sb.buf, sb.len, NULL, 0, NULL, NULL, &l);
	CHECK_INT(l.n, 100000);
	CHECK(l.items[77777].in_comment);
	CHECK_INT(l.items[77777].line, 77778);
	CHECK(seconds_since(t0) < 2.0);

	/* a long page of text with one shortcode at the end */
	strbuf_reset(&sb);
	for (int i = 0; i < 200000; i++)
		strbuf_addstr(&sb, "text { } < > -- }} \n");
	strbuf_addstr(&sb, "{{< end >}}");
	t0 = clock();
	sc_scan(&arena, sb.buf, sb.len, NULL, 0, NULL, NULL, &l);
	CHECK_INT(l.n, 1);
	CHECK_INT(l.items[0].line, 200001);
	CHECK(seconds_since(t0) < 2.0);

	strbuf_release(&sb);
}

int main(void)
{
	test_basic();
	test_pairing();
	test_escaped();
	test_args();
	test_skip();
	test_positions();
	test_comments();
	test_malformed();
	test_performance();
	arena_release(&arena);
	UNIT_END();
}
