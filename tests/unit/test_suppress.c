/* Unit tests: suppress.c - the inline suppression comments, their ranges,
 * bad-suppression findings and the filter over a finding list. */
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "suppress.h"
#include "unit.h"

static struct doc *load(const char *path, const char *text)
{
	struct doc_options opt = {ANCHOR_BLACKFRIDAY, 0, "ja"};
	return doc_load_buffer(path, text, strlen(text), &opt);
}

/* Build the suppressions of `text`; the bad-suppression findings go to dl. */
static struct suppressions *build(struct doc **d, const char *text, struct diag_list *dl)
{
	*d = load("t.md", text);
	return suppress_build(*d, dl, NULL);
}

#define SM RULE_section_missing
#define AB RULE_anchor_broken
#define LM RULE_link_missing

static void test_none(void)
{
	struct diag_list dl;
	diag_init(&dl);
	struct doc *d;
	struct suppressions *s = build(&d, "# Title\n\n<!-- overview -->\n\nText.\n", &dl);
	CHECK(s == NULL);
	CHECK(!suppress_covers(s, SM, 1));
	CHECK(!suppress_covers_file(s, SM));
	CHECK_INT(dl.n, 0);
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
}

static void test_range(void)
{
	const char *md = "# Title\n"                                    /* 1 */
	                 "\n"                                           /* 2 */
	                 "<!-- l10nlint-disable section-missing -->\n"  /* 3 */
	                 "\n"                                           /* 4 */
	                 "## A\n"                                       /* 5 */
	                 "\n"                                           /* 6 */
	                 "<!-- l10nlint-enable -->\n"                   /* 7 */
	                 "\n"                                           /* 8 */
	                 "## B\n"                                       /* 9 */
	                 "\n"                                           /* 10 */
	                 "<!-- l10nlint-disable -->\n"                  /* 11 */
	                 "## C\n"                                       /* 12 */
	                 "<!-- l10nlint-enable anchor-broken -->\n"     /* 13 */
	                 "## D\n";                                      /* 14 */
	struct diag_list dl;
	diag_init(&dl);
	struct doc *d;
	struct suppressions *s = build(&d, md, &dl);
	CHECK(s != NULL);
	CHECK_INT(dl.n, 0);
	CHECK(!suppress_covers(s, SM, 2));
	CHECK(suppress_covers(s, SM, 3));
	CHECK(suppress_covers(s, SM, 5));
	CHECK(suppress_covers(s, SM, 7));
	CHECK(!suppress_covers(s, SM, 8));
	CHECK(!suppress_covers(s, SM, 9));
	CHECK(!suppress_covers(s, AB, 5));
	/* disable (every rule) from 11; anchor-broken re-enabled at 13 */
	CHECK(suppress_covers(s, SM, 12));
	CHECK(suppress_covers(s, LM, 12));
	CHECK(suppress_covers(s, AB, 12));
	CHECK(suppress_covers(s, AB, 13));
	CHECK(!suppress_covers(s, AB, 14));
	CHECK(suppress_covers(s, SM, 14));
	CHECK(suppress_covers(s, SM, 100000));
	CHECK(!suppress_covers(s, SM, 0));
	CHECK(!suppress_covers_file(s, SM));
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
}

static void test_next_line(void)
{
	const char *md = "# Title\n"                                                 /* 1 */
	                 "\n"                                                        /* 2 */
	                 "<!-- l10nlint-disable-next-line anchor-broken -->\n"      /* 3 */
	                 "First line of a paragraph\n"                               /* 4 */
	                 "and its second line.\n"                                    /* 5 */
	                 "\n"                                                        /* 6 */
	                 "Other paragraph.\n"                                        /* 7 */
	                 "\n"                                                        /* 8 */
	                 "<!-- l10nlint-disable-next-line section-missing -->\n"    /* 9 */
	                 "\n"                                                        /* 10 */
	                 "<!-- l10nlint-disable-next-line link-missing, anchor-broken -->\n" /* 11 */
	                 "<!-- a note for translators -->\n"                         /* 12 */
	                 "## Heading\n"                                              /* 13 */
	                 "\n"                                                        /* 14 */
	                 "Text <!-- l10nlint-disable-next-line link-missing --> here\n" /* 15 */
	                 "next line\n"                                               /* 16 */
	                 "line after\n"                                              /* 17 */
	                 "\n"                                                        /* 18 */
	                 "<!-- l10nlint-disable-next-line\n"                         /* 19 */
	                 "     anchor-broken -->\n"                                  /* 20 */
	                 "- item one\n"                                              /* 21 */
	                 "- item two\n"                                              /* 22 */
	                 "\n"                                                        /* 23 */
	                 "<!-- l10nlint-disable-next-line -->\n";                    /* 24 */
	struct diag_list dl;
	diag_init(&dl);
	struct doc *d;
	struct suppressions *s = build(&d, md, &dl);
	CHECK_INT(dl.n, 0);
	CHECK(!suppress_covers(s, AB, 3));
	CHECK(suppress_covers(s, AB, 4));
	CHECK(suppress_covers(s, AB, 5)); /* the whole paragraph */
	CHECK(!suppress_covers(s, AB, 7));
	CHECK(!suppress_covers(s, LM, 4));
	/* blank and comment-only lines are skipped: all three reach 13 */
	CHECK(suppress_covers(s, SM, 13));
	CHECK(suppress_covers(s, LM, 13));
	CHECK(suppress_covers(s, AB, 13));
	CHECK(!suppress_covers(s, SM, 10));
	CHECK(!suppress_covers(s, SM, 12));
	CHECK(!suppress_covers(s, SM, 14));
	/* inline: the next line of the same paragraph only */
	CHECK(!suppress_covers(s, LM, 15));
	CHECK(suppress_covers(s, LM, 16));
	CHECK(!suppress_covers(s, LM, 17));
	/* a comment on two lines: the line after its end; the first item's
	 * paragraph, not the whole list */
	CHECK(suppress_covers(s, AB, 21));
	CHECK(!suppress_covers(s, AB, 22));
	CHECK(!suppress_covers(s, AB, 20));
	/* nothing after the last one */
	CHECK(!suppress_covers(s, SM, 24));
	CHECK(!suppress_covers(s, SM, 25));
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
}

static void test_line_and_file(void)
{
	const char *md = "---\n"                                                      /* 1 */
	                 "title: テスト\n"                                             /* 2 */
	                 "---\n"                                                      /* 3 */
	                 "\n"                                                         /* 4 */
	                 "Text with [a link](#nowhere). <!-- l10nlint-disable-line anchor-broken -->\n" /* 5 */
	                 "\n"                                                         /* 6 */
	                 "<!-- L10NLINT-DISABLE-FILE Frontmatter-Untranslated -->\n"  /* 7 */
	                 "\n"                                                         /* 8 */
	                 "Done.\n";                                                   /* 9 */
	struct diag_list dl;
	diag_init(&dl);
	struct doc *d;
	struct suppressions *s = build(&d, md, &dl);
	CHECK_INT(dl.n, 0);
	CHECK(suppress_covers(s, AB, 5));
	CHECK(!suppress_covers(s, AB, 4));
	CHECK(!suppress_covers(s, AB, 6));
	CHECK(suppress_covers_file(s, RULE_frontmatter_untranslated));
	CHECK(suppress_covers(s, RULE_frontmatter_untranslated, 2));
	CHECK(suppress_covers(s, RULE_frontmatter_untranslated, 0));
	CHECK(!suppress_covers_file(s, AB));
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
}

static void test_bad(void)
{
	const char *md = "# Title\n"                                                       /* 1 */
	                 "\n"                                                              /* 2 */
	                 "<!-- l10nlint-disable-next-line section-mising -->\n"           /* 3 */
	                 "## A\n"                                                          /* 4 */
	                 "\n"                                                              /* 5 */
	                 "<!-- l10nlint-disable-lines anchor-broken -->\n"                /* 6 */
	                 "## B\n"                                                          /* 7 */
	                 "\n"                                                              /* 8 */
	                 "<!-- l10nlint-disable-line anchor-broken, no-such-rule -->\n"   /* 9 */
	                 "\n"                                                              /* 10 */
	                 "<!-- l10nlint: a note, not a suppression -->\n"                  /* 11 */
	                 "<!-- l10nlintdisable -->\n"                                      /* 12 */
	                 "\n"                                                              /* 13 */
	                 "```html\n"                                                       /* 14 */
	                 "<!-- l10nlint-disable bogus -->\n"                               /* 15 */
	                 "```\n";                                                          /* 16 */
	struct diag_list dl;
	diag_init(&dl);
	struct doc *d;
	struct suppressions *s = build(&d, md, &dl);
	CHECK_INT(dl.n, 3);
	CHECK_INT(dl.count[SEV_WARNING], 3);
	if (dl.n == 3) {
		CHECK_INT(dl.v[0].rule, RULE_bad_suppression);
		CHECK_INT(dl.v[0].line, 3);
		CHECK_INT(dl.v[0].col, 1);
		CHECK_STR(dl.v[0].file, "t.md");
		CHECK_STR(dl.v[0].message, "unknown rule \"section-mising\" in "
		                           "l10nlint-disable-next-line comment; did you mean "
		                           "\"section-missing\"");
		CHECK_INT(dl.v[1].line, 6);
		CHECK_STR(dl.v[1].message,
		          "unknown suppression comment \"l10nlint-disable-lines\"; the forms are "
		          "l10nlint-disable, l10nlint-enable, l10nlint-disable-line, "
		          "l10nlint-disable-next-line and l10nlint-disable-file");
		CHECK_INT(dl.v[2].line, 9);
		CHECK_STR(dl.v[2].message,
		          "unknown rule \"no-such-rule\" in l10nlint-disable-line comment");
	}
	/* an unknown name never widens the comment to every rule */
	CHECK(!suppress_covers(s, SM, 4));
	CHECK(!suppress_covers(s, AB, 4));
	CHECK(!suppress_covers(s, AB, 7));
	/* the known name of a partly bad list still applies */
	CHECK(suppress_covers(s, AB, 9));
	CHECK(!suppress_covers(s, SM, 9));
	suppress_free(s);
	doc_free(d);

	/* severity from the settings; off reports nothing */
	struct rule_settings rs;
	rule_settings_default(&rs);
	rs.severity[RULE_bad_suppression] = SEV_OFF;
	diag_release(&dl);
	diag_init(&dl);
	d = load("t.md", "<!-- l10nlint-disable nope -->\n");
	s = suppress_build(d, &dl, &rs);
	CHECK_INT(dl.n, 0);
	suppress_free(s);
	/* no list: nothing reported, the comment still read */
	s = suppress_build(d, NULL, NULL);
	CHECK(s != NULL);
	CHECK(!suppress_covers(s, SM, 1));
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
}

static void test_odd_input(void)
{
	struct diag_list dl;
	diag_init(&dl);
	struct doc *d;
	/* CRLF line ends */
	struct suppressions *s = build(&d,
	                               "Intro.\r\n"                                          /* 1 */
	                               "\r\n"                                                /* 2 */
	                               "<!-- l10nlint-disable-next-line anchor-broken -->\r\n" /* 3 */
	                               "\r\n"                                                /* 4 */
	                               "Para\r\n"                                            /* 5 */
	                               "line two\r\n"                                        /* 6 */
	                               "\r\n"                                                /* 7 */
	                               "After.\r\n",                                         /* 8 */
	                               &dl);
	CHECK_INT(dl.n, 0);
	CHECK(suppress_covers(s, AB, 5));
	CHECK(suppress_covers(s, AB, 6));
	CHECK(!suppress_covers(s, AB, 8));
	suppress_free(s);
	doc_free(d);

	/* inside a block quote and a list item */
	s = build(&d,
	          "> <!-- l10nlint-disable-next-line link-missing -->\n" /* 1 */
	          "> Quoted [link](/x/).\n"                               /* 2 */
	          "\n"                                                    /* 3 */
	          "- item\n"                                              /* 4 */
	          "\n"                                                    /* 5 */
	          "  <!-- l10nlint-disable-line section-missing -->\n"    /* 6 */
	          "- other\n",                                            /* 7 */
	          &dl);
	CHECK_INT(dl.n, 0);
	CHECK(suppress_covers(s, LM, 2));
	CHECK(!suppress_covers(s, LM, 4));
	CHECK(suppress_covers(s, SM, 6));
	CHECK(!suppress_covers(s, SM, 7));
	suppress_free(s);
	doc_free(d);

	/* an unclosed comment: reported, ignored */
	s = build(&d, "Text.\n\n<!-- l10nlint-disable anchor-broken\n\nMore text.\n", &dl);
	CHECK_INT(dl.n, 1);
	if (dl.n == 1) {
		CHECK_INT(dl.v[0].line, 3);
		CHECK_STR(dl.v[0].message, "suppression comment is not closed with \"-->\"");
	}
	CHECK(!suppress_covers(s, AB, 5));
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
	diag_init(&dl);

	/* the last line of the file, without a line end */
	s = build(&d, "Text.\n\n<!-- l10nlint-disable-next-line -->", &dl);
	CHECK_INT(dl.n, 0);
	CHECK(!suppress_covers(s, AB, 3));
	CHECK(!suppress_covers(s, AB, 4));
	suppress_free(s);
	doc_free(d);

	/* a bare prefix and a keyword glued to a comma */
	s = build(&d, "<!-- l10nlint- -->\n\n<!-- l10nlint-disable-line,anchor-broken -->\n", &dl);
	CHECK_INT(dl.n, 1);
	CHECK(suppress_covers(s, AB, 3));
	CHECK(!suppress_covers(s, SM, 3));
	suppress_free(s);
	doc_free(d);
	diag_release(&dl);
}

static void test_filter(void)
{
	const char *tr_md = "# タイトル\n"                                              /* 1 */
	                    "\n"                                                       /* 2 */
	                    "<!-- l10nlint-disable-next-line anchor-broken -->\n"     /* 3 */
	                    "[リンク](#nowhere)\n"                                     /* 4 */
	                    "\n"                                                       /* 5 */
	                    "[リンク](#elsewhere)\n";                                  /* 6 */
	const char *src_md = "# Title\n"                                               /* 1 */
	                     "\n"                                                      /* 2 */
	                     "<!-- l10nlint-disable-next-line section-missing -->\n"  /* 3 */
	                     "## Kept in English only\n"                               /* 4 */
	                     "\n"                                                      /* 5 */
	                     "## Translated\n"                                         /* 6 */
	                     "\n"                                                      /* 7 */
	                     "<!-- l10nlint-disable-file link-extra -->\n";            /* 8 */
	struct doc *tr = load("tr.md", tr_md);
	struct doc *src = load("src.md", src_md);
	struct diag_list dl;
	diag_init(&dl);
	/* a finding of an earlier pair stays whatever its position */
	diag_add(&dl, AB, SEV_ERROR, "tr.md", 4, 1, NULL, 0, NULL, "earlier pair");
	size_t first = dl.n;
	struct suppressions *ts = suppress_build(tr, &dl, NULL);
	struct suppressions *ss = suppress_build(src, &dl, NULL);
	CHECK_INT(dl.n, 1);
	diag_add(&dl, AB, SEV_ERROR, "tr.md", 4, 2, NULL, 0, NULL, "dropped: tr line 4");
	diag_add(&dl, AB, SEV_ERROR, "tr.md", 6, 2, NULL, 0, NULL, "kept: tr line 6");
	diag_add(&dl, SM, SEV_ERROR, "tr.md", 6, 1, "src.md", 4, "## Kept", "dropped: src line 4");
	diag_add(&dl, SM, SEV_ERROR, "tr.md", 6, 1, "src.md", 6, "## Tr", "kept: src line 6");
	diag_add(&dl, SM, SEV_WARNING, "tr.md", 4, 1, "other.md", 4, "x", "kept: other source");
	diag_add(&dl, RULE_link_extra, SEV_INFO, "tr.md", 6, 1, NULL, 0, NULL,
	         "dropped: source disable-file");
	CHECK_INT(dl.count[SEV_ERROR], 5);
	CHECK_INT(dl.count[SEV_WARNING], 1);
	CHECK_INT(dl.count[SEV_INFO], 1);
	suppress_filter(&dl, first, ts, ss, "tr.md", "src.md");
	CHECK_INT(dl.n, 4);
	if (dl.n == 4) {
		CHECK_STR(dl.v[0].message, "earlier pair");
		CHECK_STR(dl.v[1].message, "kept: tr line 6");
		CHECK_STR(dl.v[2].message, "kept: src line 6");
		CHECK_STR(dl.v[3].message, "kept: other source");
	}
	CHECK_INT(dl.count[SEV_ERROR], 3);
	CHECK_INT(dl.count[SEV_WARNING], 1);
	CHECK_INT(dl.count[SEV_INFO], 0);
	/* no suppressions at all: nothing changes */
	suppress_filter(&dl, 0, NULL, NULL, "tr.md", "src.md");
	CHECK_INT(dl.n, 4);
	suppress_free(ts);
	suppress_free(ss);
	doc_free(tr);
	doc_free(src);
	diag_release(&dl);
}

static bool drop_odd_lines(const struct finding *f, void *arg)
{
	(void)arg;
	return f->line % 2 == 1;
}

static void test_remove_if(void)
{
	struct diag_list dl;
	diag_init(&dl);
	for (unsigned i = 1; i <= 6; i++)
		diag_add(&dl, SM, i <= 3 ? SEV_ERROR : SEV_INFO, "f.md", i, 1, NULL, 0, NULL, "m");
	CHECK_INT(diag_remove_if(&dl, 2, drop_odd_lines, NULL), 2);
	CHECK_INT(dl.n, 4);
	CHECK_INT(dl.v[0].line, 1); /* before `from`: kept */
	CHECK_INT(dl.v[1].line, 2);
	CHECK_INT(dl.v[2].line, 4);
	CHECK_INT(dl.v[3].line, 6);
	CHECK_INT(dl.count[SEV_ERROR], 2);
	CHECK_INT(dl.count[SEV_INFO], 2);
	CHECK_INT(diag_remove_if(&dl, 10, drop_odd_lines, NULL), 0);
	CHECK_INT(dl.n, 4);
	diag_release(&dl);
}

int main(void)
{
	doc_global_init();
	test_none();
	test_range();
	test_next_line();
	test_line_and_file();
	test_bad();
	test_odd_input();
	test_filter();
	test_remove_if();
	UNIT_END();
}
