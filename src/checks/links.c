/* checks/links.c - link-missing, link-extra.
 *
 * Link destinations (images included; same-page #fragments are
 * anchors.c's) are compared per aligned section pair, normalised so that
 * a translation may point at its own language's pages (/ja/docs/x/ for
 * /docs/x/, https://kubernetes.io/ja/... too), switch http to https, drop
 * www., a trailing slash or a fragment (anchors.c checks fragments), give
 * a translated blog post its own slug (/ja/blog/2024/03/12/<slug>/), or
 * point at a localised variant of an external page (a /ja/ path segment,
 * a ja. subdomain, hl=ja). A KEP/PR/issue URL also matches another URL
 * form of the same number.
 *
 * A source link's counterpart is looked for in the corresponding block
 * first (item to item in lists of equal length, so a dropped repeated
 * link is seen), then anywhere in the aligned section, then in another
 * aligned section (moved: not reported). Of what is left, a source link
 * and a translation link of corresponding blocks that look alike (the
 * only ones left, the same last path segment, similar text, a shared
 * Latin-script word) are one finding, link-missing, naming both
 * destinations. The rest is link-missing or link-extra, once per
 * destination and section.
 *
 * Links already reported by an earlier rule (kep-mismatch, ref-mismatch,
 * anchor-*) are claimed and skipped, and so are the links of a
 * paragraph, list or table that has no counterpart at all: block-missing
 * and block-extra report the block.
 *
 * This file also holds the pairing helpers shared with refs.c and
 * shortcodes.c (declared in each user until they move to check.h):
 * check_unit_of, check_unit_partner, check_unit_source,
 * check_units_paired, check_unit_conf and check_locate. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "../check.h"
#include "../refs.h"
#include "../text.h"
#include "../xalloc.h"

/* ---- pairing helpers ---- */

/* The alignment unit holding block b: its top-level unit block, or the
 * block itself for a heading; -1 when none. */
int check_unit_of(const struct check_ctx *c, bool tr_side, int block)
{
	const struct doc *d = tr_side ? c->tr : c->src;
	if (block < 0 || (size_t)block >= d->nblocks)
		return -1;
	if (d->blocks[block].kind == BLOCK_HEADING)
		return block;
	const int *unit = tr_side ? c->al->unit_tr : c->al->unit_src;
	const enum unit_kind *kind = tr_side ? c->al->ukind_tr : c->al->ukind_src;
	int u = unit[block];
	return u >= 0 && kind[u] != UNIT_NONE ? u : -1;
}

static bool kinds_compatible(enum unit_kind a, enum unit_kind b)
{
	return a == b || (a == UNIT_PARAGRAPH && b == UNIT_SHORTCODE) ||
	       (a == UNIT_SHORTCODE && b == UNIT_PARAGRAPH);
}

static bool is_unit(const struct doc *d, const enum unit_kind *kind, int b)
{
	return d->blocks[b].parent < 0 && kind[b] != UNIT_NONE;
}

/* Byte offset of a (line, code-point column) position. */
static size_t byte_at(const struct doc *d, unsigned line, unsigned col)
{
	if (line == 0 || line > d->nlines)
		return d->len;
	size_t len;
	const char *s = doc_line(d, line, &len);
	size_t i = 0;
	for (unsigned k = 1; k < col && i < len; k++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return (size_t)(s - d->src) + i;
}

static size_t line_end(const struct doc *d, unsigned line)
{
	size_t len;
	const char *s = doc_line(d, line, &len);
	return (size_t)(s - d->src) + len;
}

struct wordset {
	const char *w[96];
	size_t len[96];
	size_t n;
};

static void wordset_cb(void *ctx, const char *term, size_t len, size_t off)
{
	(void)off;
	struct wordset *ws = ctx;
	for (size_t i = 0; i < ws->n; i++)
		if (ws->len[i] == len && !strncasecmp(ws->w[i], term, len))
			return;
	if (ws->n < sizeof(ws->w) / sizeof(ws->w[0])) {
		ws->w[ws->n] = term;
		ws->len[ws->n] = len;
		ws->n++;
	}
}

/* The Latin-script words of a unit's lines (names, code, numbers with
 * letters) that survive translation. */
static void unit_words(const struct doc *d, int u, struct wordset *ws)
{
	ws->n = 0;
	size_t start = d->line_starts[d->blocks[u].line - 1];
	size_t end = line_end(d, d->blocks[u].end_line);
	text_latin_terms(d->src + start, end - start, wordset_cb, ws);
}

static size_t shared_words(const struct wordset *a, const struct wordset *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->len[i] == b->len[j] && !strncasecmp(a->w[i], b->w[j], a->len[i])) {
				n++;
				break;
			}
	return n;
}

/* An unpaired source unit in the gap between two block pairs, and an
 * unpaired translation unit in the matching gap: the same block, changed
 * (the aligner leaves a paragraph whose only strong evidence was edited
 * unpaired). Alone on both sides they pair; otherwise they must be each
 * other's best match on shared Latin-script words (at least two). Returns
 * that translation unit or -1. */
static int gap_partner(const struct check_ctx *c, int us)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct alignment *al = c->al;
	int s = src->blocks[us].section;
	int t = check_tr_section(c, s);
	if (t < 0)
		return -1;
	const struct section *ss = &src->sections[s], *ts = &tr->sections[t];
	int lo = ss->first_block, hi = ss->end_block;
	int tlo = ts->first_block, thi = ts->end_block;
	for (int b = us - 1; b >= ss->first_block; b--)
		if (is_unit(src, al->ukind_src, b) && al->b2t[b] >= 0) {
			lo = b + 1;
			tlo = al->b2t[b] + 1;
			break;
		}
	for (int b = us + 1; b < ss->end_block; b++)
		if (is_unit(src, al->ukind_src, b) && al->b2t[b] >= 0) {
			hi = b;
			thi = al->b2t[b];
			break;
		}
	int ns = 0, nt = 0, only = -1;
	for (int b = lo; b < hi; b++)
		if (is_unit(src, al->ukind_src, b) && al->b2t[b] < 0)
			ns++;
	for (int b = tlo; b < thi && b < (int)tr->nblocks; b++)
		if (is_unit(tr, al->ukind_tr, b) && al->t2b[b] < 0 && tr->blocks[b].section == t &&
		    kinds_compatible(al->ukind_src[us], al->ukind_tr[b])) {
			only = b;
			nt++;
		}
	if (nt == 0)
		return -1;
	if (ns == 1 && nt == 1)
		return only;
	/* several: the mutual best on shared words */
	struct wordset *a = xmalloc(3 * sizeof(*a)), *w = a + 1, *o = a + 2;
	unit_words(src, us, a);
	int best = -1;
	size_t best_n = 0;
	bool tie = false;
	for (int b = tlo; b < thi && b < (int)tr->nblocks; b++) {
		if (!is_unit(tr, al->ukind_tr, b) || al->t2b[b] >= 0 || tr->blocks[b].section != t ||
		    !kinds_compatible(al->ukind_src[us], al->ukind_tr[b]))
			continue;
		unit_words(tr, b, w);
		size_t n = shared_words(a, w);
		if (n > best_n) {
			best = b;
			best_n = n;
			tie = false;
		} else if (n == best_n) {
			tie = true;
		}
	}
	if (best >= 0 && (tie || best_n < 2))
		best = -1;
	if (best >= 0 && ns > 1) {
		unit_words(tr, best, w);
		for (int b = lo; b < hi && best >= 0; b++) {
			if (b == us || !is_unit(src, al->ukind_src, b) || al->b2t[b] >= 0)
				continue;
			unit_words(src, b, o);
			if (shared_words(o, w) >= best_n)
				best = -1;
		}
	}
	free(a);
	return best;
}

/* The block pairs a rule works with: the alignment's, plus the lone
 * changed blocks (gap_partner), found once. */
struct check_units {
	const struct check_ctx *c;
	bool shared;  /* the pair's, in *c->units: freed by check_units_release */
	int *gap;  /* [src->nblocks]: lone changed partner of an unpaired source unit, -1 */
	int *rgap; /* [tr->nblocks]: the converse */
};

/* A pure function of the documents and the alignment, so the rules of a
 * pair can share one. */
struct check_units *check_units_new(const struct check_ctx *c)
{
	if (c->units && *c->units)
		return *c->units;
	struct check_units *cu = xmalloc(sizeof(*cu));
	cu->c = c;
	cu->shared = c->units != NULL;
	if (cu->shared)
		*c->units = cu;
	cu->gap = xmalloc((c->src->nblocks + 1) * sizeof(int));
	cu->rgap = xmalloc((c->tr->nblocks + 1) * sizeof(int));
	for (size_t i = 0; i <= c->src->nblocks; i++)
		cu->gap[i] = -1;
	for (size_t i = 0; i <= c->tr->nblocks; i++)
		cu->rgap[i] = -1;
	for (size_t b = 0; b < c->src->nblocks; b++) {
		if (!is_unit(c->src, c->al->ukind_src, (int)b) || c->al->b2t[b] >= 0)
			continue;
		int t = gap_partner(c, (int)b);
		if (t >= 0 && cu->rgap[t] < 0) {
			cu->gap[b] = t;
			cu->rgap[t] = (int)b;
		}
	}
	return cu;
}

void check_units_release(struct check_units *cu)
{
	if (!cu)
		return;
	free(cu->gap);
	free(cu->rgap);
	free(cu);
}

void check_units_free(struct check_units *cu)
{
	if (cu && !cu->shared)
		check_units_release(cu);
}

/* The translation unit that corresponds to source unit us: its block
 * pair, the heading of the aligned section, or a lone changed block;
 * -1 when none. */
int check_unit_partner(const struct check_units *cu, int us)
{
	const struct check_ctx *c = cu->c;
	if (us < 0)
		return -1;
	const struct block *b = &c->src->blocks[us];
	if (b->kind == BLOCK_HEADING) {
		int t = check_tr_section(c, b->section);
		if (t <= 0)
			return -1;
		return c->tr->headings[c->tr->sections[t].heading].block;
	}
	if (c->al->b2t[us] >= 0)
		return c->al->b2t[us];
	return cu->gap[us];
}

/* Do source unit us and translation unit ut correspond (block pair, split,
 * merge, aligned headings, lone changed block)? */
bool check_units_paired(const struct check_units *cu, int us, int ut)
{
	const struct check_ctx *c = cu->c;
	if (us < 0 || ut < 0)
		return false;
	bool hs = c->src->blocks[us].kind == BLOCK_HEADING;
	bool ht = c->tr->blocks[ut].kind == BLOCK_HEADING;
	if (hs || ht)
		return hs && ht && check_tr_section(c, c->src->blocks[us].section) == c->tr->blocks[ut].section;
	return c->al->b2t[us] == ut || c->al->t2b[ut] == us || cu->gap[us] == ut;
}

/* The source unit that corresponds to translation unit ut (the converse
 * of check_unit_partner), or -1. */
int check_unit_source(const struct check_units *cu, int ut)
{
	const struct check_ctx *c = cu->c;
	if (ut < 0)
		return -1;
	const struct doc *src = c->src;
	const struct block *b = &c->tr->blocks[ut];
	if (b->kind == BLOCK_HEADING) {
		int s = check_src_section(c, b->section);
		return s > 0 ? src->headings[src->sections[s].heading].block : -1;
	}
	return c->al->t2b[ut] >= 0 ? c->al->t2b[ut] : cu->rgap[ut];
}

/* Confidence of the pair a finding about source unit us rests on. */
float check_unit_conf(const struct check_units *cu, int us)
{
	const struct check_ctx *c = cu->c;
	if (us < 0)
		return 1.0f;
	int s = c->src->blocks[us].section;
	float sc = s >= 0 && (size_t)s < c->src->nsections ? c->al->sconf[s] : 1.0f;
	if (c->src->blocks[us].kind == BLOCK_HEADING)
		return sc;
	if (c->al->b2t[us] >= 0)
		return c->al->bconf[us] > sc ? c->al->bconf[us] : sc;
	return sc; /* a lone changed block: as sure as its section pair */
}

/* Column of the first non-blank character of a line. */
static unsigned first_col(const struct doc *d, unsigned line)
{
	size_t len;
	const char *s = doc_line(d, line, &len);
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '>' || s[i] == '-' || s[i] == '*'))
		i++;
	return doc_col(d, (size_t)(s - d->src) + i);
}

/* The item of list `list` that holds block b (b itself or an ancestor),
 * and its index among the list's items; -1 when b is not inside it. */
static int item_in(const struct doc *d, int list, int b, int *index)
{
	while (b >= 0 && d->blocks[b].parent != list)
		b = d->blocks[b].parent;
	if (b < 0)
		return -1;
	int k = 0;
	for (int i = list + 1; i < b; i++)
		if (d->blocks[i].parent == list)
			k++;
	*index = k;
	return b;
}

/* The index-th item of list `list`, or -1. */
static int nth_item(const struct doc *d, int list, int index)
{
	int k = 0;
	for (size_t i = (size_t)list + 1; i < d->nblocks && d->blocks[i].line <= d->blocks[list].end_line;
	     i++) {
		if (d->blocks[i].parent != list)
			continue;
		if (k++ == index)
			return (int)i;
	}
	return -1;
}

/* Blank the destinations of inline links "](...)", autolinks "<...>"
 * and shortcodes "{{< ... >}}" in s[0..len), keeping offsets: their
 * words are shared by unrelated places. */
static void blank_destinations(char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == '{' && s[i + 1] == '{' && i + 2 < len && (s[i + 2] == '<' || s[i + 2] == '%')) {
			size_t j = i;
			while (j + 1 < len && !(s[j] == '}' && s[j + 1] == '}')) {
				if (s[j] != '\n') /* line numbers stay */
					s[j] = ' ';
				j++;
			}
			if (j + 1 < len)
				s[j] = s[j + 1] = ' ';
			i = j + 1;
		} else if (s[i] == ']' && s[i + 1] == '(') {
			size_t j = i + 2;
			int depth = 1;
			while (j < len && depth && s[j] != '\n') {
				if (s[j] == '(')
					depth++;
				else if (s[j] == ')')
					depth--;
				if (depth)
					s[j] = ' ';
				j++;
			}
			i = j - 1;
		} else if (s[i] == '<' && i + 7 < len &&
		           (!strncmp(s + i + 1, "http", 4) || !strncmp(s + i + 1, "mailto", 6))) {
			size_t j = i + 1;
			while (j < len && s[j] != '>' && s[j] != '\n')
				s[j++] = ' ';
			i = j;
		}
	}
}

struct terms {
	size_t off[128], len[128];
	size_t n;
};

static void term_cb(void *ctx, const char *term, size_t len, size_t off)
{
	(void)term;
	struct terms *t = ctx;
	if (t->n < sizeof(t->off) / sizeof(t->off[0])) {
		t->off[t->n] = off;
		t->len[t->n] = len;
		t->n++;
	}
}

static bool word_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* The one line of [lo, hi] of d where term occurs as a whole word outside
 * link destinations (and its column, at the word's start or end), or 0
 * when it occurs there never or more than once. blanked holds lines
 * lo..hi with destinations blanked (offset 0 = start of line lo). */
static unsigned find_once(const struct doc *d, unsigned lo, const struct strbuf *blanked,
                          const char *term, size_t tl, bool at_end, unsigned *col)
{
	unsigned found = 0;
	const char *s = blanked->buf;
	size_t len = blanked->len;
	unsigned line = lo;
	size_t base = d->line_starts[lo - 1];
	for (size_t i = 0; i + tl <= len; i++) {
		if (s[i] == '\n') {
			line++;
			continue;
		}
		if ((s[i] | 0x20) != (term[0] | 0x20) || strncasecmp(s + i, term, tl) != 0 ||
		    (i > 0 && word_char(s[i - 1])) || (i + tl < len && word_char(s[i + tl])))
			continue;
		if (found)
			return 0;
		found = line;
		*col = doc_col(d, base + i + (at_end ? tl : 0));
	}
	return found;
}

/* Characters of s[a..b) other than blanks (link destinations are blank). */
static size_t solid(const char *s, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
			n++;
	return n;
}

/* Where, in translation unit ut, the source text at line:col of source
 * block src_block most likely is.
 *  - Lists: item to item when both lists have as many items.
 *  - Anchors: the Latin-script words nearest before and after the place
 *    in the source (names, code, URLs, the link's own text) that occur
 *    exactly once in the translation's block; one close to the place
 *    gives the line outright.
 *  - Otherwise the sentence holding the place maps to the line at the
 *    same relative place (exact when the translation writes one sentence
 *    per line, as the ja style guide asks), kept between the anchors. */
/* The last non-blank line of [lo, hi]. */
static unsigned trim_blank(const struct doc *d, unsigned lo, unsigned hi)
{
	while (hi > lo) {
		size_t len;
		const char *s = doc_line(d, hi, &len);
		size_t i = 0;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len)
			break;
		hi--;
	}
	return hi;
}

void check_locate(const struct check_units *cu, int src_block, unsigned line, unsigned col, int ut,
                  unsigned *tline, unsigned *tcol)
{
	const struct check_ctx *c = cu->c;
	const struct doc *src = c->src, *tr = c->tr;
	*tline = 1;
	*tcol = 1;
	if (ut < 0 || (size_t)ut >= tr->nblocks)
		return;
	const struct block *tb = &tr->blocks[ut];
	unsigned lo = tb->line, hi = trim_blank(tr, tb->line, tb->end_line);
	*tline = lo;
	*tcol = first_col(tr, lo);
	if (src_block < 0 || (size_t)src_block >= src->nblocks)
		return;
	const struct block *sb = &src->blocks[src_block];
	size_t start = byte_at(src, sb->line, 1), pos = byte_at(src, line, col);
	size_t end = line_end(src, sb->end_line);
	if (pos < start || pos > end)
		return;
	const char *raw = src->src + start;

	/* anchors: only one in the same sentence as the place gives the line;
	 * others bound it */
	const char *lang = src->lang ? src->lang : "en";
	struct terms *t = xmalloc(sizeof(*t));
	t->n = 0;
	/* words of link destinations are no anchors: URLs share them */
	struct strbuf words = STRBUF_INIT, tmp = STRBUF_INIT;
	strbuf_add(&words, raw, end - start);
	blank_destinations(words.buf, words.len);
	text_latin_terms(words.buf, words.len, term_cb, t);
	/* the translation block's lines, destinations blanked the same way */
	size_t tstart = tr->line_starts[lo - 1], tend = line_end(tr, hi);
	strbuf_add(&tmp, tr->src + tstart, tend - tstart);
	blank_destinations(tmp.buf, tmp.len);
	size_t rel = pos - start;
	size_t k_pos = rel ? text_sentences(lang, raw, rel) : 1;
	unsigned lp = 0, lq = 0, cp = 1, cq = 1;
	size_t dp = 0, dq = 0;
	/* Whether the anchor is in the place's sentence is asked only where
	 * it decides (ICU sentence breaks are costly): the offsets where to
	 * count sentences, SIZE_MAX for no anchor. */
	size_t sp_at = SIZE_MAX, sq_at = SIZE_MAX;
	int tries = 0;
	for (size_t i = t->n; i > 0 && !lp && tries < 24; i--) {
		size_t o = t->off[i - 1], l = t->len[i - 1];
		if (o + l > rel)
			continue;
		tries++;
		lp = find_once(tr, lo, &tmp, words.buf + o, l, true, &cp);
		dp = solid(words.buf, o + l, rel);
		sp_at = o + l;
	}
	tries = 0;
	for (size_t i = 0; i < t->n && !lq && tries < 24; i++) {
		size_t o = t->off[i], l = t->len[i];
		if (o < rel)
			continue;
		tries++;
		lq = find_once(tr, lo, &tmp, words.buf + o, l, false, &cq);
		dq = solid(words.buf, rel, o);
		sq_at = o + 1;
	}
	free(t);
	strbuf_release(&words);
	strbuf_release(&tmp);
	/* sp, sq: the anchor found is in the same sentence as the place */
	int sq = -1; /* not known yet */
#define SP() (text_sentences(lang, raw, sp_at) == k_pos)
#define SQ() (sq < 0 ? (sq = text_sentences(lang, raw, sq_at) == k_pos) : sq)
	if (lp && dp <= 80 && SP() && (!lq || dp <= dq || dq > 80 || !SQ())) {
		*tline = lp;
		*tcol = cp;
		return;
	}
	if (lq && dq <= 80 && SQ()) {
		*tline = lq;
		*tcol = cq;
		return;
	}
#undef SP
#undef SQ

	/* lists with as many items on both sides: item to item */
	int us = check_unit_of(c, false, src_block);
	if (us >= 0 && src->blocks[us].kind == BLOCK_LIST && tb->kind == BLOCK_LIST &&
	    src->blocks[us].nitems == tb->nitems) {
		int idx, ti;
		if (item_in(src, us, src_block, &idx) >= 0 && (ti = nth_item(tr, ut, idx)) >= 0) {
			lo = tr->blocks[ti].line;
			hi = trim_blank(tr, lo, tr->blocks[ti].end_line);
			lp = lp >= lo && lp <= hi ? lp : 0;
			lq = lq >= lo && lq <= hi ? lq : 0;
		}
	}

	/* sentences */
	unsigned target = lo;
	if (hi > lo && pos > start) {
		size_t before = k_pos; /* text_sentences(lang, raw, pos - start): rel > 0 */
		size_t total = text_sentences(lang, raw, end - start);
		size_t k = before ? before - 1 : 0; /* the last sentence begun before it */
		if (total > 1)
			target = lo + (unsigned)(k * (hi - lo + 1) / total);
		else if (sb->end_line > sb->line) /* one sentence over several lines */
			target = lo + (line - sb->line) * (hi - lo + 1) / (sb->end_line - sb->line + 1);
	}
	if (lp && target < lp)
		target = lp;
	if (lq && target > lq)
		target = lq;
	if (target < lo)
		target = lo;
	if (target > hi)
		target = hi;
	*tline = target;
	*tcol = first_col(tr, target);
}

/* Does s[0..len) hold term as a whole word (ASCII case folded)? */
static bool has_word(const char *s, size_t len, const char *term, size_t tl)
{
	for (size_t i = 0; i + tl <= len; i++)
		if ((s[i] | 0x20) == (term[0] | 0x20) && !strncasecmp(s + i, term, tl) &&
		    (i == 0 || !word_char(s[i - 1])) && (i + tl >= len || !word_char(s[i + tl])))
			return true;
	return false;
}

/* Is the source list item holding block b missing from the translation
 * as a whole? Then list-mismatch reports the item, and its links,
 * numbers and shortcodes are part of that finding. Known when the
 * translation's list is shorter and none of the item's own words (names
 * no other item of the source list has) appear in it. */
bool check_item_dropped(const struct check_units *cu, int b)
{
	const struct check_ctx *c = cu->c;
	const struct doc *src = c->src, *tr = c->tr;
	int us = check_unit_of(c, false, b);
	if (us < 0 || src->blocks[us].kind != BLOCK_LIST)
		return false;
	int ut = check_unit_partner(cu, us);
	if (ut < 0 || tr->blocks[ut].kind != BLOCK_LIST ||
	    src->blocks[us].nitems <= tr->blocks[ut].nitems)
		return false;
	int idx, item = item_in(src, us, b, &idx);
	if (item < 0)
		return false;
	struct strbuf list = STRBUF_INIT, other = STRBUF_INIT, words = STRBUF_INIT;
	size_t ls = src->line_starts[src->blocks[us].line - 1];
	size_t is = src->line_starts[src->blocks[item].line - 1] - ls;
	size_t ie = line_end(src, src->blocks[item].end_line) - ls;
	strbuf_add(&list, src->src + ls, line_end(src, src->blocks[us].end_line) - ls);
	blank_destinations(list.buf, list.len);
	/* the rest of the source list, and the translation's list */
	strbuf_add(&other, list.buf, is);
	strbuf_add(&other, list.buf + ie, list.len - ie);
	size_t ts = tr->line_starts[tr->blocks[ut].line - 1];
	strbuf_add(&words, tr->src + ts, line_end(tr, tr->blocks[ut].end_line) - ts);
	blank_destinations(words.buf, words.len);
	struct terms *t = xmalloc(sizeof(*t));
	t->n = 0;
	text_latin_terms(list.buf + is, ie - is, term_cb, t);
	bool own = false, kept = false;
	for (size_t i = 0; i < t->n && !kept; i++) {
		const char *w = list.buf + is + t->off[i];
		if (t->len[i] < 3 || has_word(other.buf, other.len, w, t->len[i]))
			continue;
		own = true;
		kept = has_word(words.buf, words.len, w, t->len[i]);
	}
	free(t);
	strbuf_release(&list);
	strbuf_release(&other);
	strbuf_release(&words);
	return own && !kept;
}

/* ---- links ---- */

struct lnk {
	int link;        /* index into the doc's links */
	int unit;        /* alignment unit (or heading block), -1 */
	int item;        /* index of its item when the unit is a list, else -1 */
	int section;
	char *key;       /* normalised destination */
	uint64_t hash;   /* of key, to compare cheaply */
	char rkey[32];   /* "kep:N" / "gh:N" for a KEP/PR/issue URL, else "" */
	bool claimed;    /* reported by an earlier rule: only known, not checked */
	bool present;    /* source: found in the translation */
	bool used;       /* translation: the counterpart of a source link */
	bool done;       /* reported or paired */
};

/* The links of one page in document order, so that each section's are a
 * range: [start[s], start[s + 1]). */
struct lnks {
	struct lnk *v;
	size_t n, alloc;
	size_t *start;   /* [nsections + 1] */
};

static bool lang_token(const char *s, size_t len, const char *lang)
{
	/* Every form below starts with lang's first letter (ASCII case
	 * folded; "jp" with ja's): most segments end here. */
	if (len && *lang && (s[0] | 0x20) != (lang[0] | 0x20))
		return false;
	size_t ll = strlen(lang);
	if (len == ll && strncasecmp(s, lang, ll) == 0)
		return true;
	/* ja-jp, ja_JP; zh-cn also as zh */
	if (len == ll + 3 && strncasecmp(s, lang, ll) == 0 && (s[ll] == '-' || s[ll] == '_'))
		return true;
	const char *dash = strchr(lang, '-');
	if (dash && len == (size_t)(dash - lang) && strncasecmp(s, lang, len) == 0)
		return true;
	return strcmp(lang, "ja") == 0 && len == 2 && strncasecmp(s, "jp", 2) == 0;
}

/* Drop what marks a localised variant of a page: path segments and a
 * first host label naming the language, and hl=/lang=/locale= queries. */
static void strip_locale(struct strbuf *sb, size_t from, const char *lang)
{
	char *s = sb->buf + from;
	size_t len = sb->len - from, w = 0, i = 0;
	const char *host = strstr(s, "://");
	size_t path_at = 0;
	if (host) {
		size_t h = (size_t)(host - s) + 3;
		size_t e = h;
		while (e < len && s[e] != '.' && s[e] != '/')
			e++;
		if (e < len && s[e] == '.' && lang_token(s + h, e - h, lang)) {
			memmove(s + h, s + e + 1, len - e - 1);
			len -= e + 1 - h;
		}
		path_at = h;
		while (path_at < len && s[path_at] != '/')
			path_at++;
	}
	w = path_at;
	i = path_at;
	/* A segment or query value is dropped only when lang_token takes
	 * it: it then starts, after its '/', '?', '&' or '=', with lang's
	 * first letter (see lang_token; lang is never "" there). Without
	 * such a place nothing moves. */
	if (*lang) {
		unsigned char l0 = (unsigned char)lang[0] | 0x20;
		bool maybe = false;
		for (size_t k = path_at; k + 1 < len && !maybe; k++)
			maybe = (s[k] == '/' || s[k] == '?' || s[k] == '&' || s[k] == '=') &&
			        ((unsigned char)s[k + 1] | 0x20) == l0;
		if (!maybe)
			i = w = len;
	}
	while (i < len) {
		if (s[i] == '/' || s[i] == '?' || s[i] == '&') {
			size_t j = i + 1;
			while (j < len && s[j] != '/' && s[j] != '?' && s[j] != '&')
				j++;
			const char *seg = s + i + 1;
			size_t sl = j - i - 1;
			bool drop = false;
			if (s[i] == '/')
				drop = lang_token(seg, sl, lang);
			else if (sl > 3) {
				const char *eq = memchr(seg, '=', sl);
				if (eq) {
					size_t kl = (size_t)(eq - seg);
					bool key = (kl == 2 && !strncmp(seg, "hl", 2)) ||
					           (kl == 4 && !strncmp(seg, "lang", 4)) ||
					           (kl == 6 && !strncmp(seg, "locale", 6));
					drop = key && lang_token(eq + 1, sl - kl - 1, lang);
				}
			}
			if (!drop) {
				memmove(s + w, s + i, j - i);
				w += j - i;
			}
			i = j;
		} else {
			s[w++] = s[i++];
		}
	}
	strbuf_setlen(sb, from + w);
}

/* Comparison key of a destination: normalised by align_normalize_dest,
 * then kubernetes.io's own host, www. and locale markers dropped. */
static char *link_key(const char *dest, const char *lang, struct strbuf *sb, struct arena *a)
{
	strbuf_reset(sb);
	align_normalize_dest(dest, lang, sb);
	static const char *const own[] = {"http://kubernetes.io", "http://www.kubernetes.io"};
	for (size_t i = 0; i < 2; i++) {
		size_t ol = strlen(own[i]);
		if (sb->len >= ol && strncmp(sb->buf, own[i], ol) == 0 &&
		    (sb->len == ol || sb->buf[ol] == '/')) {
			memmove(sb->buf, sb->buf + ol, sb->len - ol);
			strbuf_setlen(sb, sb->len - ol);
			if (!sb->len)
				strbuf_addch(sb, '/');
			break;
		}
	}
	if (strncmp(sb->buf, "http://www.", 11) == 0) {
		memmove(sb->buf + 7, sb->buf + 11, sb->len - 11);
		strbuf_setlen(sb, sb->len - 4);
	}
	if (lang)
		strip_locale(sb, 0, lang);
	while (sb->len > 1 && sb->buf[sb->len - 1] == '/')
		strbuf_setlen(sb, sb->len - 1);
	/* A translated blog post keeps the date of its URL but may have a
	 * slug of its own: /ja/blog/2024/03/12/<ja slug>/. */
	static const char blog[] = "/blog/NNNN/NN/NN/";
	size_t bl = sizeof(blog) - 1;
	bool dated = sb->len > bl;
	for (size_t i = 0; dated && i < bl; i++)
		dated = blog[i] == 'N' ? (sb->buf[i] >= '0' && sb->buf[i] <= '9') : sb->buf[i] == blog[i];
	if (dated)
		strbuf_setlen(sb, bl - 1);
	return arena_strndup(a, sb->buf, sb->len);
}

/* The index of the item of list unit `unit` that holds block b, or -1. */
static int item_of(const struct doc *d, const enum unit_kind *kind, int unit, int b)
{
	int idx;
	if (unit < 0 || kind[unit] != UNIT_LIST || item_in(d, unit, b, &idx) < 0)
		return -1;
	return idx;
}

/* Hash of a destination, for the cache below. */
static uint64_t dest_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The source's links by destination: a translation link with the same
 * destination has the same key, hash and rkey (functions of the
 * destination and the translation's language), so they are not worked
 * out again. */
struct dest_cache {
	const struct lnk **slot;
	uint64_t *h;
	size_t mask;
	const struct doc *d;      /* the source */
};

static void dest_cache_build(struct dest_cache *dc, const struct doc *d, const struct lnks *S)
{
	size_t n = 16;
	while (n < S->n * 2)
		n *= 2;
	dc->slot = xcalloc(n, sizeof(*dc->slot));
	dc->h = xcalloc(n, sizeof(*dc->h));
	dc->mask = n - 1;
	dc->d = d;
	for (size_t i = 0; i < S->n; i++) {
		uint64_t h = dest_hash(d->links[S->v[i].link].dest);
		size_t j = (size_t)h & dc->mask;
		while (dc->slot[j])
			j = (j + 1) & dc->mask;
		dc->slot[j] = &S->v[i];
		dc->h[j] = h;
	}
}

static const struct lnk *dest_cache_get(const struct dest_cache *dc, const char *dest)
{
	uint64_t h = dest_hash(dest);
	for (size_t j = (size_t)h & dc->mask; dc->slot[j]; j = (j + 1) & dc->mask)
		if (dc->h[j] == h && strcmp(dc->d->links[dc->slot[j]->link].dest, dest) == 0)
			return dc->slot[j];
	return NULL;
}

static void dest_cache_free(struct dest_cache *dc)
{
	free(dc->slot);
	free(dc->h);
}

static void collect(const struct check_ctx *c, bool tr_side, struct lnks *out, struct strbuf *sb,
                    struct arena *a, const struct dest_cache *dc)
{
	const struct doc *d = tr_side ? c->tr : c->src;
	const bool *claimed = tr_side ? c->tr_link_claimed : c->src_link_claimed;
	const enum unit_kind *kind = tr_side ? c->al->ukind_tr : c->al->ukind_src;
	out->start = xcalloc(d->nsections + 1, sizeof(size_t));
	int sec = 0;
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		if (l->block < 0 || !l->dest[0] || l->dest[0] == '#' || l->section < sec ||
		    (size_t)l->section >= d->nsections)
			continue;
		while (sec < l->section)
			out->start[++sec] = out->n;
		out->v = xgrow(out->v, out->n + 1, &out->alloc, sizeof(*out->v));
		struct lnk *k = &out->v[out->n++];
		memset(k, 0, sizeof(*k));
		k->link = (int)i;
		k->unit = check_unit_of(c, tr_side, l->block);
		k->item = item_of(d, kind, k->unit, l->block);
		k->section = l->section;
		k->claimed = claimed[i];
		const struct lnk *same = dc ? dest_cache_get(dc, l->dest) : NULL;
		if (same) {
			k->key = same->key;
			k->hash = same->hash;
			memcpy(k->rkey, same->rkey, sizeof(k->rkey));
			continue;
		}
		k->key = link_key(l->dest, c->tr->lang, sb, a);
		k->hash = 1469598103934665603ULL;
		for (const char *p = k->key; *p; p++)
			k->hash = (k->hash ^ (unsigned char)*p) * 1099511628211ULL;
		/* refs_in_url finds a reference URL only with "kep.k8s.io/", or
		 * "github.com/" and then "/keps/", "/pull/" or "/issues/" in it
		 * (case-sensitive parts of its pattern) */
		struct ref r;
		const char *gh;
		if ((strstr(l->dest, "kep.k8s.io/") ||
		     ((gh = strstr(l->dest, "github.com/")) &&
		      (strstr(gh, "/keps/") || strstr(gh, "/pull/") || strstr(gh, "/issues/")))) &&
		    refs_in_url(l->dest, strlen(l->dest), &r, 1)) {
			/* "%s:%lu" by hand: 4 + 20 digits fit rkey */
			char num[24];
			size_t nd = 0;
			unsigned long v = r.number;
			do {
				num[nd++] = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			char *o = k->rkey;
			memcpy(o, r.kind == REF_KEP ? "kep:" : "gh:", r.kind == REF_KEP ? 4 : 3);
			o += r.kind == REF_KEP ? 4 : 3;
			while (nd)
				*o++ = num[--nd];
			*o = '\0';
		}
	}
	while ((size_t)sec < d->nsections)
		out->start[++sec] = out->n;
}

static void release(struct lnks *ls)
{
	free(ls->v);
	free(ls->start);
}

/* Do two link texts say the same (ignoring case and outer blanks)? */
static bool same_text(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	size_t la = strlen(a), lb = strlen(b);
	while (la && a[la - 1] == ' ')
		la--;
	while (lb && b[lb - 1] == ' ')
		lb--;
	return la && la == lb && strncasecmp(a, b, la) == 0;
}

/* Same text, or one a prefix of the other covering most of it
 * ("EndpointSlice" / "EndpointSlices"). */
static bool similar_text(const char *a, const char *b)
{
	if (same_text(a, b))
		return true;
	size_t la = strlen(a), lb = strlen(b);
	size_t n = la < lb ? la : lb, mx = la < lb ? lb : la;
	return n >= 4 && n * 4 >= mx * 3 && strncasecmp(a, b, n) == 0;
}

/* The last path segment of a destination ("kubelet" for
 * /docs/admin/kubelet/), without fragment or query. */
static size_t last_segment(const char *dest, const char **seg)
{
	size_t len = strcspn(dest, "#?");
	while (len && dest[len - 1] == '/')
		len--;
	size_t b = len;
	while (b && dest[b - 1] != '/')
		b--;
	*seg = dest + b;
	return len - b;
}

/* ASCII letters, digits, '-' and '_' continue a Latin-script word. */
static bool term_char(char ch)
{
	return word_char(ch) || ch == '-';
}

struct words2 {
	const char *text;
	size_t len;
	bool hit;
};

static void shared_cb(void *ctx, const char *term, size_t len, size_t off)
{
	(void)off;
	struct words2 *w = ctx;
	if (w->hit || len < 3)
		return;
	const char *p = w->text;
	for (size_t i = 0; i + len <= w->len; i++) {
		if (strncasecmp(p + i, term, len) != 0)
			continue;
		bool left = i > 0 && term_char(p[i - 1]);
		bool right = i + len < w->len && term_char(p[i + len]);
		if (!left && !right) {
			w->hit = true;
			return;
		}
	}
}

/* How much a translation link looks like a source link with another
 * destination: 3 the same last path segment (/docs/admin/kubelet/ for
 * /docs/reference/.../kubelet/), 2 similar texts, 1 a Latin-script word
 * in common ("RuntimeClass Design" / "RuntimeClassデザイン"), 0 none. */
static int relation(const struct link *sl, const struct link *tl)
{
	const char *a, *b;
	size_t la = last_segment(sl->dest, &a), lb = last_segment(tl->dest, &b);
	if (la >= 3 && la == lb && !strncasecmp(a, b, la))
		return 3;
	if (similar_text(sl->text, tl->text))
		return 2;
	struct words2 w = {tl->text, strlen(tl->text), false};
	text_latin_terms(sl->text, strlen(sl->text), shared_cb, &w);
	return w.hit ? 1 : 0;
}

static const char *what(const struct doc *d, int unit)
{
	if (unit < 0)
		return "section";
	switch (d->blocks[unit].kind) {
	case BLOCK_HEADING:
		return "heading";
	case BLOCK_LIST:
		return "list";
	case BLOCK_TABLE:
		return "table";
	case BLOCK_QUOTE:
		return "quote";
	default:
		return "paragraph";
	}
}

static bool same_key(const struct lnk *a, const struct lnk *b)
{
	return a->hash == b->hash && !strcmp(a->key, b->key);
}

static bool same_dest(const struct lnk *a, const struct lnk *b)
{
	return same_key(a, b) || (a->rkey[0] && !strcmp(a->rkey, b->rkey));
}

/* Does source section s cite the KEP/PR/issue of rkey in its text ("as
 * KEP-2104 showed")? A translation may link the citation. */
static bool src_section_cites(const struct check_ctx *c, int s, const char *rkey)
{
	const struct doc *src = c->src;
	const struct section *sec = &src->sections[s];
	struct ref refs[64];
	char k[32];
	for (int b = sec->first_block; b < sec->end_block; b++) {
		const struct block *bl = &src->blocks[b];
		if (bl->kind != BLOCK_PARAGRAPH && bl->kind != BLOCK_HEADING && bl->kind != BLOCK_TABLE)
			continue;
		size_t n = refs_in_text(bl->prose, strlen(bl->prose), refs, 64);
		for (size_t i = 0; i < n && i < 64; i++) {
			snprintf(k, sizeof(k), "%s:%lu", refs[i].kind == REF_KEP ? "kep" : "gh",
			         refs[i].number);
			if (!strcmp(k, rkey))
				return true;
		}
	}
	return false;
}

static int count_key(const struct lnks *v, size_t from, size_t to, int unit, const struct lnk *k)
{
	int n = 0;
	for (size_t i = from; i < to; i++)
		if (v->v[i].unit == unit && !v->v[i].claimed && same_key(&v->v[i], k))
			n++;
	return n;
}

struct keyed {
	const char *key;
	size_t idx;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r ? r : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Find each source link's counterpart, most specific first:
 *  1. the same destination in the corresponding block (in a list with
 *     as many items on both sides, in the same item unless the
 *     destination is as frequent in the translation's list);
 *  2. the same KEP/PR/issue by another URL form there;
 *  3. either anywhere in the aligned section, not already some other
 *     block's counterpart;
 *  4. the same destination in another aligned section (moved).
 * A block may link a destination several times: every copy matches.
 * Passes 1-3 only look at the aligned section's links. */
static void match(const struct check_units *cu, struct lnks *S, struct lnks *T)
{
	const struct check_ctx *c = cu->c;
	const struct doc *src = c->src, *tr = c->tr;
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < S->n; i++) {
			struct lnk *m = &S->v[i];
			int t = check_tr_section(c, m->section);
			if (m->present || m->claimed || t < 0)
				continue;
			for (size_t j = T->start[t]; j < T->start[t + 1]; j++) {
				struct lnk *x = &T->v[j];
				bool ok;
				if (x->claimed)
					continue;
				if (pass == 0) {
					ok = same_key(m, x) && check_units_paired(cu, m->unit, x->unit);
					if (ok && m->item >= 0 && x->item >= 0 && m->item != x->item &&
					    src->blocks[m->unit].nitems == tr->blocks[x->unit].nitems)
						ok = count_key(S, S->start[m->section], S->start[m->section + 1],
						               m->unit, m) <=
						     count_key(T, T->start[t], T->start[t + 1], x->unit, x);
				} else if (pass == 1) {
					ok = !x->used && m->rkey[0] && !strcmp(m->rkey, x->rkey) &&
					     check_units_paired(cu, m->unit, x->unit);
				} else {
					ok = !x->used && same_dest(m, x);
				}
				if (!ok)
					continue;
				m->present = true;
				x->used = true;
				if (pass > 0)
					break;
			}
		}
	}
	/* 4: moved, through the translation's links sorted by destination */
	struct keyed *order = xmalloc((T->n + 1) * sizeof(*order));
	size_t n = 0;
	for (size_t j = 0; j < T->n; j++)
		if (!T->v[j].used && !T->v[j].claimed && check_src_section(c, T->v[j].section) >= 0) {
			order[n].key = T->v[j].key;
			order[n++].idx = j;
		}
	if (n > 1)
		qsort(order, n, sizeof(*order), keyed_cmp);
	for (size_t i = 0; i < S->n && n; i++) {
		struct lnk *m = &S->v[i];
		if (m->present || m->claimed || check_tr_section(c, m->section) < 0)
			continue;
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(order[mid].key, m->key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && !strcmp(order[lo].key, m->key); lo++)
			if (!T->v[order[lo].idx].used) {
				m->present = true;
				T->v[order[lo].idx].used = true;
				break;
			}
	}
	free(order);
}

struct cand {
	size_t m, x; /* indexes into S and T */
	int score;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *p = a, *q = b;
	if (p->score != q->score)
		return q->score - p->score;
	if (p->m != q->m)
		return p->m < q->m ? -1 : 1;
	return (p->x > q->x) - (p->x < q->x);
}

/* Report a link of the source and the one that replaced it as one
 * link-missing finding. Candidates are the leftovers of corresponding
 * blocks; the likeness of a pair is its relation() plus 4 in the same
 * item of a list (a lone leftover on both sides of a block pair counts
 * as alike). Best pairs first; a source link with two equally likely
 * candidates is left alone. */
static void report_changed(struct check_ctx *c, const struct check_units *cu, struct lnks *S,
                           struct lnks *T)
{
	const struct doc *src = c->src, *tr = c->tr;
	struct cand *cs = NULL;
	size_t nc = 0, ac = 0;
	for (size_t i = 0; i < S->n; i++) {
		struct lnk *m = &S->v[i];
		int t = check_tr_section(c, m->section);
		if (m->present || m->done || m->claimed || m->unit < 0 || t < 0)
			continue;
		size_t na = 0, nb = 0;
		for (size_t k = S->start[m->section]; k < S->start[m->section + 1]; k++)
			if (!S->v[k].present && !S->v[k].done && !S->v[k].claimed && S->v[k].unit == m->unit)
				na++;
		size_t first = nc;
		for (size_t j = T->start[t]; j < T->start[t + 1]; j++) {
			struct lnk *o = &T->v[j];
			if (o->used || o->done || o->claimed || !check_units_paired(cu, m->unit, o->unit) ||
			    src->links[m->link].image != tr->links[o->link].image)
				continue;
			nb++;
			int score = relation(&src->links[m->link], &tr->links[o->link]);
			if (m->item >= 0 && o->item == m->item &&
			    src->blocks[m->unit].nitems == tr->blocks[o->unit].nitems)
				score += 4;
			cs = xgrow(cs, nc + 1, &ac, sizeof(*cs));
			cs[nc].m = i;
			cs[nc].x = j;
			cs[nc++].score = score;
		}
		if (na == 1 && nb == 1 && first < nc && cs[first].score < 1)
			cs[first].score = 1;
	}
	if (nc > 1)
		qsort(cs, nc, sizeof(*cs), cand_cmp);
	for (size_t k = 0; k < nc && cs[k].score > 0; k++) {
		struct lnk *m = &S->v[cs[k].m], *x = &T->v[cs[k].x];
		if (m->done || x->done)
			continue;
		/* another free candidate as likely for the same source link (the
		 * sort puts them next to this one) */
		bool tie = false;
		for (size_t q = k; q > 0 && !tie && cs[q - 1].m == cs[k].m && cs[q - 1].score == cs[k].score;
		     q--)
			tie = !T->v[cs[q - 1].x].done;
		for (size_t q = k + 1; q < nc && !tie && cs[q].m == cs[k].m && cs[q].score == cs[k].score;
		     q++)
			tie = !T->v[cs[q].x].done;
		if (tie)
			continue;
		const struct link *sl = &src->links[m->link], *tl = &tr->links[x->link];
		check_report(c, RULE_link_missing, check_unit_conf(cu, m->unit), tl->line, tl->col,
		             sl->line,
		             "link to \"%s\" (source line %u) is missing; this %s links to \"%s\" instead",
		             sl->dest, sl->line, what(tr, x->unit), tl->dest);
		m->done = x->done = true;
		c->src_link_claimed[m->link] = true;
		c->tr_link_claimed[x->link] = true;
	}
	free(cs);
}

/* Was a link to the same destination reported in the section already? */
static bool reported_before(const struct lnks *v, size_t i)
{
	const struct lnk *p = &v->v[i];
	for (size_t k = v->start[p->section]; k < i; k++)
		if (v->v[k].done && same_key(&v->v[k], p))
			return true;
	return false;
}

void check_links(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	if (!check_enabled(c, RULE_link_missing) && !check_enabled(c, RULE_link_extra))
		return;
	struct check_units *cu = check_units_new(c);
	struct strbuf sb = STRBUF_INIT;
	struct lnks S = {NULL, 0, 0, NULL}, T = {NULL, 0, 0, NULL};
	struct arena keys = ARENA_INIT; /* the keys of both */
	collect(c, false, &S, &sb, &keys, NULL);
	struct dest_cache dc;
	dest_cache_build(&dc, src, &S);
	collect(c, true, &T, &sb, &keys, &dc);
	dest_cache_free(&dc);
	match(cu, &S, &T);
	report_changed(c, cu, &S, &T);

	/* Missing: once per destination and section; not when the whole
	 * block is missing (block-missing reports it). */
	for (size_t i = 0; i < S.n && check_enabled(c, RULE_link_missing); i++) {
		struct lnk *m = &S.v[i];
		if (m->present || m->done || m->claimed)
			continue;
		int ut = check_unit_partner(cu, m->unit);
		if (check_tr_section(c, m->section) < 0 || ut < 0)
			continue;
		bool again = reported_before(&S, i);
		m->done = true;
		if (again || check_item_dropped(cu, src->links[m->link].block))
			continue; /* list-mismatch reports a dropped item */
		const struct link *sl = &src->links[m->link];
		unsigned line, col;
		check_locate(cu, sl->block, sl->line, sl->col, ut, &line, &col);
		check_report(c, RULE_link_missing, check_unit_conf(cu, m->unit), line, col, sl->line,
		             "link to \"%s\" (source text \"%s\") is missing in the translation", sl->dest,
		             sl->text);
		c->src_link_claimed[m->link] = true;
	}

	/* Extra: in a block that has a source counterpart, and not another
	 * copy of a destination the source section links or cites. */
	for (size_t j = 0; j < T.n && check_enabled(c, RULE_link_extra); j++) {
		struct lnk *x = &T.v[j];
		if (x->used || x->done || x->claimed || x->unit < 0)
			continue;
		int s = check_src_section(c, x->section);
		if (s < 0)
			continue;
		bool known = false;
		for (size_t i = S.start[s]; i < S.start[s + 1] && !known; i++)
			known = same_dest(&S.v[i], x);
		if (known || (x->rkey[0] && src_section_cites(c, s, x->rkey)))
			continue;
		int us = check_unit_source(cu, x->unit);
		if (us < 0)
			continue; /* block-extra reports the block */
		bool again = reported_before(&T, j);
		x->done = true;
		if (again)
			continue;
		const struct link *tl = &tr->links[x->link];
		check_report(c, RULE_link_extra, check_unit_conf(cu, us), tl->line, tl->col,
		             src->blocks[us].line,
		             "link to \"%s\" (\"%s\") has no counterpart in the source section \"%s\"",
		             tl->dest, tl->text, check_section_label(src, s));
		c->tr_link_claimed[x->link] = true;
	}

	release(&S);
	release(&T);
	arena_release(&keys);
	strbuf_release(&sb);
	check_units_free(cu);
}
