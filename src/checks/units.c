/* checks/units.c - the pairing of alignment units that several rules share.
 *
 * links.c, refs.c and shortcodes.c ask the same questions of a pair: which
 * unit (top-level block) holds a block, which translation unit is its
 * counterpart (the alignment's pairs, completed by shared words where the
 * alignment left a gap), how sure that is, and where in the translation a
 * source position lands. The set is built once per pair (check_units_new)
 * and declared in check.h: check_unit_of, check_unit_partner,
 * check_unit_source, check_units_paired, check_unit_conf, check_locate and
 * check_item_dropped. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
int check_list_item(const struct doc *d, int list, int b, int *index)
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
	size_t i = 0;
#if defined(__SSE2__)
	/* 16 bytes at a time: the line breaks, and the bytes that pass the
	 * first test below ((s[i] | 0x20) == (term[0] | 0x20), not at a line
	 * break), each then tested in order as below */
	const __m128i x20 = _mm_set1_epi8(0x20), nlv = _mm_set1_epi8('\n');
	const __m128i t0 = _mm_set1_epi8((char)(term[0] | 0x20));
	for (; i + 16 <= len && i + 16 + tl <= len + 1; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned nl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nlv));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(v, x20), t0)) & ~nl;
		for (; m; m &= m - 1) {
			unsigned k = (unsigned)__builtin_ctz(m);
			size_t j = i + k;
			if (strncasecmp(s + j, term, tl) != 0 || (j > 0 && word_char(s[j - 1])) ||
			    (j + tl < len && word_char(s[j + tl])))
				continue;
			if (found)
				return 0;
			found = line + (unsigned)__builtin_popcount(nl & ((1u << k) - 1));
			*col = doc_col(d, base + j + (at_end ? tl : 0));
		}
		if (nl)
			line += (unsigned)__builtin_popcount(nl);
	}
#endif
	for (; i + tl <= len; i++) {
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
		if (check_list_item(src, us, src_block, &idx) >= 0 && (ti = nth_item(tr, ut, idx)) >= 0) {
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
	int idx, item = check_list_item(src, us, b, &idx);
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

