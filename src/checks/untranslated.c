/* checks/untranslated.c - untranslated-text: paragraphs, headings and
 * list items of the translation still in the source language.
 *
 * A block is untranslated when, above the locale's minimum length
 * (text_weight of its prose without shortcodes and URLs), it has no
 * letter of the locale's scripts, or is identical to its source block.
 * Locales with no script set (languages written in Latin script) use the
 * identical-to-source test only. Not untranslated: code, URLs, shortcodes,
 * text that is mostly link text (name lists, link lists), text matching
 * the locale's allow-list, tables, HTML (zh-cn keeps the English original
 * in comments). Consecutive untranslated blocks of one section make one
 * finding; a short heading left in English joins the run that follows it. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../check.h"
#include "../text.h"

/* Below this weight outside link text, a block is made of links. */
#define MIN_OWN_TEXT 8
/* A heading this short or shorter is never untranslated on its own. */
#define MIN_HEADING 4

enum state {
	ST_NEUTRAL,    /* nothing to judge (code, links, numbers, allowed text) */
	ST_TRANSLATED,
	ST_WEAK,       /* in the source language but short */
	ST_STRONG,     /* in the source language */
};

/* Bytes that end a run of prose copied as it is: white space (folded),
 * '{' (a shortcode "{{<" or "{{%" may start there) and 'h' (a URL
 * "http://" or "https://" may start there; the test is case-sensitive,
 * so no other byte starts one). Every other byte, NUL aside (never inside
 * [0, len)), is copied unchanged. */
static const unsigned char prose_stop[256] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['{'] = 2, ['h'] = 3,
};

/* End of the run of ordinary bytes starting at j. Eight bytes at a time
 * while none of them can be a stop byte (no byte below 0x21, no '{', no
 * 'h': the word tests below have no false negatives), then byte by byte. */
static inline size_t prose_run_end(const char *s, size_t j, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	while (j + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + j, 8);
		uint64_t low = (x - ones * 0x21) & ~x;
		uint64_t br = x ^ (ones * '{'), h = x ^ (ones * 'h');
		br = (br - ones) & ~br;
		h = (h - ones) & ~h;
		if ((low | br | h) & highs)
			break;
		j += 8;
	}
	while (j < len && !prose_stop[(unsigned char)s[j]])
		j++;
	return j;
}

/* The cleaning of clean_prose, written to o (room for len + 1 bytes: the
 * result is never longer than its input, each removed piece or run of
 * white space becoming at most one space) or, with cmp set, compared
 * with cmp[0, cmplen): returns the length written, or SIZE_MAX as soon
 * as the result differs from cmp. Inlined into each caller so that the
 * mode is a constant. */
static inline __attribute__((always_inline)) size_t clean_core(const char *s, size_t len,
                                                               char *o, const char *cmp,
                                                               size_t cmplen)
{
	size_t n = 0, i = 0;
	bool space = false;
#define EMIT(p, k)                                                                 \
	do {                                                                       \
		if (cmp) {                                                         \
			if (n + (k) > cmplen || memcmp(cmp + n, (p), (k)) != 0)    \
				return SIZE_MAX;                                   \
		} else {                                                           \
			memcpy(o + n, (p), (k));                                   \
		}                                                                  \
		n += (k);                                                          \
	} while (0)
	while (i < len) {
		unsigned char cls = prose_stop[(unsigned char)s[i]];
		if (cls == 1) { /* white space */
			space = true;
			i++;
			continue;
		}
		if (cls == 2 && i + 2 < len && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%')) {
			/* a shortcode, up to its closing ">}}" or "%}}" */
			char close = s[i + 2] == '<' ? '>' : '%';
			size_t j = i + 3;
			while (j + 2 < len && !(s[j] == close && s[j + 1] == '}' && s[j + 2] == '}'))
				j++;
			i = j + 2 < len ? j + 3 : len;
			space = true;
			continue;
		}
		if (cls == 3 && i + 7 <= len && memcmp(s + i, "http", 4) == 0 &&
		    (memcmp(s + i + 4, "://", 3) == 0 ||
		     (i + 8 <= len && memcmp(s + i + 4, "s://", 4) == 0))) {
			/* a URL, up to white space, a non-ASCII byte or ')' */
			while (i < len && (unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0x80 &&
			       s[i] != ')')
				i++;
			space = true;
			continue;
		}
		if (space && n)
			EMIT(" ", 1);
		space = false;
		/* this byte (a '{' or 'h' that starts nothing) and the run of
		 * ordinary bytes after it */
		size_t j = prose_run_end(s, i + 1, len);
		EMIT(s + i, j - i);
		i = j;
	}
#undef EMIT
	return n;
}

/* Prose without shortcodes and URLs, white space folded. */
static void clean_prose(const char *s, struct strbuf *out)
{
	size_t len = strlen(s);
	strbuf_reset(out);
	strbuf_grow(out, len);
	strbuf_setlen(out, clean_core(s, len, out->buf, NULL, 0));
}

/* Is the cleaned prose of s exactly text[0, len)? Compared as it is
 * cleaned: a difference (the usual case) ends it early. */
static bool clean_prose_is(const char *s, const char *text, size_t len)
{
	return clean_core(s, strlen(s), NULL, text, len) == len;
}

/* Does text weigh something, by its first bytes alone? text_weight is a
 * sum over the code points met from the start, and a code point cut by
 * the end of the prefix weighs nothing there (U+FFFD is no letter), so
 * a prefix never weighs more than the whole text: a prefix that weighs
 * something proves the text does. */
static bool has_weight(const char *s, size_t len)
{
	return text_weight(s, len < 12 ? len : 12) > 0;
}

/* Blank the first occurrence of `what` in buf at or after *from. */
static void blank_out(struct strbuf *buf, const char *what, size_t *from)
{
	size_t wl = strlen(what);
	if (!wl || *from > buf->len)
		return;
	char *hit = strstr(buf->buf + *from, what);
	if (!hit)
		hit = strstr(buf->buf, what);
	if (!hit)
		return;
	memset(hit, ' ', wl);
	*from = (size_t)(hit - buf->buf) + wl;
}

/* Weight of the block's text outside link texts, image descriptions,
 * code spans and parentheses. */
struct cursor {
	size_t link, code; /* links and code spans come in document order */
};

static size_t own_weight(const struct doc *d, int b, struct cursor *cur, struct strbuf *tmp)
{
	const struct block *bl = &d->blocks[b];
	clean_prose(bl->text ? bl->text : "", tmp);
	size_t from = 0;
	while (cur->link < d->nlinks && d->links[cur->link].block < b)
		cur->link++;
	for (size_t i = cur->link; i < d->nlinks && d->links[i].block <= b; i++) {
		const struct link *l = &d->links[i];
		if (l->block == b && l->text) {
			struct strbuf t = STRBUF_INIT;
			clean_prose(l->text, &t);
			blank_out(tmp, t.buf, &from);
			strbuf_release(&t);
		}
	}
	from = 0;
	while (cur->code < d->ncodes && d->codes[cur->code].block < b)
		cur->code++;
	for (size_t i = cur->code; i < d->ncodes && d->codes[i].block <= b; i++)
		if (d->codes[i].block == b)
			blank_out(tmp, d->codes[i].text, &from);
	/* "(Release Lead, Example Corp)" after a name: a name list */
	int depth = 0;
	for (size_t i = 0; i < tmp->len; i++) {
		char ch = tmp->buf[i];
		if (ch == '(')
			depth++;
		if (depth > 0)
			tmp->buf[i] = ' ';
		if (ch == ')' && depth > 0)
			depth--;
	}
	return text_weight(tmp->buf, tmp->len);
}

/* The k-th paragraph (document order) inside unit u, or -1; with k < 0,
 * the rank of paragraph b inside unit u. */
static int unit_paragraph(const struct doc *d, const int *unit_of, int u, int k, int b)
{
	int n = 0;
	for (size_t i = (size_t)u; i < d->nblocks && unit_of[i] == u; i++) {
		if (d->blocks[i].kind != BLOCK_PARAGRAPH)
			continue;
		if (k < 0 && (int)i == b)
			return n;
		if (k >= 0 && n == k)
			return (int)i;
		n++;
	}
	return -1;
}

static int unit_paragraph_count(const struct doc *d, const int *unit_of, int u)
{
	int n = 0;
	for (size_t i = (size_t)u; i < d->nblocks && unit_of[i] == u; i++)
		n += d->blocks[i].kind == BLOCK_PARAGRAPH;
	return n;
}

/* The source block a translation paragraph or heading stands for, or -1. */
static int source_block(const struct check_ctx *c, int b)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct alignment *al = c->al;
	const struct block *bl = &tr->blocks[b];
	if (bl->kind == BLOCK_HEADING) {
		int s = check_src_section(c, bl->section);
		if (s <= 0)
			return -1;
		return src->headings[src->sections[s].heading].block;
	}
	int u = al->unit_tr[b];
	if (u < 0)
		return -1;
	int su = al->t2b[u];
	if (su < 0)
		return -1;
	if (u == b)
		return src->blocks[su].kind == BLOCK_PARAGRAPH ? su : -1;
	if (unit_paragraph_count(tr, al->unit_tr, u) != unit_paragraph_count(src, al->unit_src, su))
		return -1;
	int k = unit_paragraph(tr, al->unit_tr, u, -1, b);
	return k < 0 ? -1 : unit_paragraph(src, al->unit_src, su, k, -1);
}

static const char *lang_name(const char *lang)
{
	static const struct {
		const char *code, *name;
	} names[] = {
		{"en", "English"},  {"ja", "Japanese"}, {"ko", "Korean"},    {"zh", "Chinese"},
		{"fr", "French"},   {"de", "German"},   {"es", "Spanish"},   {"it", "Italian"},
		{"pt", "Portuguese"}, {"ru", "Russian"}, {"uk", "Ukrainian"}, {"pl", "Polish"},
		{"id", "Indonesian"}, {"vi", "Vietnamese"}, {"hi", "Hindi"}, {"bn", "Bengali"},
	};
	if (!lang)
		return NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].code);
		if (strncmp(lang, names[i].code, n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
			return names[i].name;
	}
	return NULL;
}

static const char *kind_name(const struct doc *d, int b, bool plural)
{
	const struct block *bl = &d->blocks[b];
	if (bl->kind == BLOCK_HEADING)
		return plural ? "headings" : "heading";
	if (bl->parent >= 0 && d->blocks[bl->parent].kind == BLOCK_ITEM)
		return plural ? "list items" : "list item";
	return plural ? "paragraphs" : "paragraph";
}

/* The first words of text, for a message. */
static void excerpt(const char *text, struct strbuf *out)
{
	strbuf_reset(out);
	size_t len = strlen(text), i = 0, cps = 0;
	while (i < len && cps < 48) {
		i++;
		while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		cps++;
	}
	strbuf_add(out, text, i);
	if (i < len)
		strbuf_addstr(out, "…");
}

struct run {
	int first;          /* first block of the run (-1: none) */
	int src_line_block; /* first source counterpart in the run, -1 */
	bool heading;       /* the run starts with its section's heading */
	bool identical;     /* every strong block identical to its source */
	bool strong;
	int count;          /* blocks after the heading */
	unsigned kinds;     /* 1: paragraphs, 2: list items */
	int section;
	struct strbuf heading_text, first_text;
};

static unsigned kind_bit(const struct doc *d, int b)
{
	const struct block *bl = &d->blocks[b];
	return bl->parent >= 0 && d->blocks[bl->parent].kind == BLOCK_ITEM ? 2u : 1u;
}

static const char *noun(unsigned kinds, bool plural)
{
	if (kinds == 3)
		return "paragraphs and list items";
	if (kinds == 2)
		return plural ? "list items" : "list item";
	return plural ? "paragraphs" : "paragraph";
}

static void run_flush(struct check_ctx *c, struct run *r)
{
	if (r->first >= 0 && r->strong) {
		const struct doc *tr = c->tr;
		const struct block *b = &tr->blocks[r->first];
		unsigned src_line =
			r->src_line_block >= 0 ? c->src->blocks[r->src_line_block].line : 0;
		const char *src_name = lang_name(c->src->lang);
		bool latin = locale_scripts(c->loc)->n == 0;
		bool one = r->count + (r->heading ? 1 : 0) == 1;
		struct strbuf what = STRBUF_INIT, ex = STRBUF_INIT;
		strbuf_addstr(&what, one ? "is " : "are ");
		if (latin || !src_name)
			strbuf_addstr(&what, "identical to the source");
		else if (r->identical)
			strbuf_addf(&what, "still in %s (identical to the source)", src_name);
		else
			strbuf_addf(&what, "still in %s", src_name);
		if (r->heading) {
			excerpt(r->heading_text.buf, &ex);
			if (!r->count)
				check_report(c, RULE_untranslated_text, 1.0f, b->line, b->col, src_line,
				             "heading \"%s\" %s", ex.buf, what.buf);
			else if (r->count == 1)
				check_report(c, RULE_untranslated_text, 1.0f, b->line, b->col, src_line,
				             "heading \"%s\" and the %s after it %s", ex.buf,
				             noun(r->kinds, false), what.buf);
			else
				check_report(c, RULE_untranslated_text, 1.0f, b->line, b->col, src_line,
				             "heading \"%s\" and the %d %s after it %s", ex.buf, r->count,
				             noun(r->kinds, true), what.buf);
		} else {
			excerpt(r->first_text.buf, &ex);
			if (r->count == 1)
				check_report(c, RULE_untranslated_text, 1.0f, b->line, b->col, src_line,
				             "%s \"%s\" %s", kind_name(tr, r->first, false), ex.buf, what.buf);
			else
				check_report(c, RULE_untranslated_text, 1.0f, b->line, b->col, src_line,
				             "%d %s from here on %s, starting with \"%s\"", r->count,
				             noun(r->kinds, true), what.buf, ex.buf);
		}
		strbuf_release(&ex);
		strbuf_release(&what);
	}
	r->first = -1;
	r->src_line_block = -1;
	r->heading = false;
	r->identical = true;
	r->strong = false;
	r->count = 0;
	r->kinds = 0;
	strbuf_reset(&r->heading_text);
	strbuf_reset(&r->first_text);
}

void check_untranslated(struct check_ctx *c)
{
	if (!check_enabled(c, RULE_untranslated_text))
		return;
	const struct doc *src = c->src, *tr = c->tr;
	const struct script_set *scripts = locale_scripts(c->loc);
	unsigned min = locale_untranslated_min(c->loc);
	struct strbuf text = STRBUF_INIT, stext = STRBUF_INIT;
	struct run r = {-1, -1, false, true, false, 0, 0, -1, STRBUF_INIT, STRBUF_INIT};
	struct cursor cur = {0, 0};

	for (size_t i = 0; i < tr->nblocks; i++) {
		const struct block *b = &tr->blocks[i];
		if (b->kind != BLOCK_PARAGRAPH && b->kind != BLOCK_HEADING)
			continue;
		if (b->kind == BLOCK_HEADING || b->section != r.section) {
			run_flush(c, &r);
			r.section = b->section;
		}
		clean_prose(b->prose ? b->prose : "", &text);
		/* The weight only matters for foreign text; elsewhere whether
		 * it is 0 does, and an ASCII letter or digit says it is not. */
		size_t weight = SIZE_MAX; /* not computed yet (and not 0) */
		if (!has_weight(text.buf, text.len)) {
			weight = text_weight(text.buf, text.len);
			if (weight == 0)
				continue;
		}
		int sb = source_block(c, (int)i);
		bool identical = false;
		if (sb >= 0)
			identical = clean_prose_is(src->blocks[sb].prose ? src->blocks[sb].prose : "",
			                           text.buf, text.len);
		bool foreign = identical || (scripts->n && !text_has_script(text.buf, text.len, scripts));
		if (foreign && weight == SIZE_MAX)
			weight = text_weight(text.buf, text.len);
		enum state st;
		if (!foreign)
			st = ST_TRANSLATED;
		else if (locale_untranslated_ok(c->loc, text.buf) ||
		         own_weight(tr, (int)i, &cur, &stext) < MIN_OWN_TEXT)
			st = ST_NEUTRAL;
		else if (weight >= min)
			st = ST_STRONG;
		else if (b->kind == BLOCK_HEADING && weight > MIN_HEADING && strchr(text.buf, ' '))
			st = ST_WEAK; /* one word: a name such as "kube-scheduler" */
		else
			st = ST_NEUTRAL;
		if (st == ST_TRANSLATED) {
			run_flush(c, &r);
			continue;
		}
		if (st == ST_NEUTRAL)
			continue;
		if (r.first < 0)
			r.first = (int)i;
		if (b->kind == BLOCK_HEADING) {
			r.heading = true;
			strbuf_addstr(&r.heading_text, text.buf);
		} else {
			if (!r.count)
				strbuf_addstr(&r.first_text, text.buf);
			r.count++;
			r.kinds |= kind_bit(tr, (int)i);
		}
		if (r.src_line_block < 0 && sb >= 0)
			r.src_line_block = sb;
		if (st == ST_STRONG) {
			r.strong = true;
			r.identical = r.identical && identical;
		}
	}
	run_flush(c, &r);
	strbuf_release(&text);
	strbuf_release(&stext);
	strbuf_release(&r.first_text);
	strbuf_release(&r.heading_text);
}
