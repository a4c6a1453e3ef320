/* align.c - the aligner (see align.h).
 *
 * Evidence: every alignment unit (top-level block) and every heading gets
 * a small multiset of hashed, weighted tokens that survive translation:
 * link destinations, KEP/PR numbers, code, shortcodes, images, numbers,
 * Latin-script terms. Sections and blocks are scored on shared evidence,
 * contradicting evidence, level and relative position, and aligned by
 * dynamic programming (Needleman-Wunsch with free gaps: an unpaired
 * section or block costs nothing, so a pair is only made when its score
 * is positive, and one deletion never shifts the pairs after it). */
#include "align.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "json.h"
#include "refs.h"
#include "strbuf.h"
#include "text.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- tokens ---- */

enum tok_kind {
	TK_REF,       /* KEP / PR / issue number */
	TK_LINK,      /* normalised link destination */
	TK_IMAGE,     /* image source */
	TK_CODEBLOCK, /* normalised code block content */
	TK_CODESPAN,
	TK_SHORTCODE, /* name and arguments that stay identical */
	TK_NUMBER,
	TK_TERM,      /* Latin-script term, lowercased */
	TK_FRAGMENT,  /* #fragment of a same-page link */
	TK_ID,        /* the heading's ID (auto or explicit) */
};

static const float tok_weight[] = {
	[TK_REF] = 5.0f,      [TK_LINK] = 3.0f,   [TK_IMAGE] = 3.0f,  [TK_CODEBLOCK] = 4.0f,
	[TK_CODESPAN] = 1.5f, [TK_SHORTCODE] = 1.5f, [TK_NUMBER] = 0.6f, [TK_TERM] = 0.7f,
	[TK_FRAGMENT] = 1.0f, [TK_ID] = 0.0f,
};

static bool tok_strong(enum tok_kind k)
{
	return k == TK_REF || k == TK_LINK || k == TK_IMAGE || k == TK_CODEBLOCK;
}

struct token {
	uint64_t h;
	float w;
	uint8_t kind;
	/* The index of its hash among the translation's Latin terms (struct
	 * termmap) on source terms and on every translation token, TERM_NONE
	 * elsewhere (see side_terms()) */
	uint16_t term;
};
#define TERM_NONE 0xFFFF

struct tokset {
	struct token *v;
	size_t n, alloc;
};

/* Bytes with ASCII letters lowercased. */
static const unsigned char ascii_lower[256] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
	0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
	0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
	0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
	0x78, 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
	0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
	0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
	0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
	0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F,
	0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
	0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF,
	0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7,
	0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
	0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7,
	0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF,
	0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
	0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
	0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7,
	0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
	0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7,
	0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF,
};

/* FNV-1a of kind and the bytes (ASCII lowercased with `lower`). */
static uint64_t hash_bytes(uint8_t kind, const char *s, size_t len, bool lower)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t prime = 1099511628211ULL;
	uint64_t h = 1469598103934665603ULL ^ kind;
	h *= prime;
	size_t i = 0;
	/* four bytes a round (the same steps, fewer loop tests) */
	if (lower) {
		for (; i + 4 <= len; i += 4) {
			h = (h ^ ascii_lower[p[i]]) * prime;
			h = (h ^ ascii_lower[p[i + 1]]) * prime;
			h = (h ^ ascii_lower[p[i + 2]]) * prime;
			h = (h ^ ascii_lower[p[i + 3]]) * prime;
		}
		for (; i < len; i++)
			h = (h ^ ascii_lower[p[i]]) * prime;
	} else {
		for (; i + 4 <= len; i += 4) {
			h = (h ^ p[i]) * prime;
			h = (h ^ p[i + 1]) * prime;
			h = (h ^ p[i + 2]) * prime;
			h = (h ^ p[i + 3]) * prime;
		}
		for (; i < len; i++)
			h = (h ^ p[i]) * prime;
	}
	return h;
}

/* The tokens of a whole document as they are found, each with the block
 * it goes to; side_prepare() then groups them by block (keeping their
 * order) in one array, rather than growing an array per block. */
struct bag {
	struct token *v;
	int *blk;
	size_t n, alloc;
};

static void bag_grow(struct bag *bg)
{
	size_t alloc = bg->alloc;
	bg->v = xgrow(bg->v, bg->n + 1, &bg->alloc, sizeof(*bg->v));
	bg->blk = xgrow(bg->blk, bg->n + 1, &alloc, sizeof(*bg->blk));
}

static inline void bag_push(struct bag *bg, int blk, enum tok_kind kind, uint64_t h, float mul)
{
	if (bg->n == bg->alloc)
		bag_grow(bg);
	bg->v[bg->n].h = h;
	bg->v[bg->n].w = tok_weight[kind] * mul;
	bg->v[bg->n].kind = (uint8_t)kind;
	bg->v[bg->n].term = TERM_NONE;
	bg->blk[bg->n] = blk;
	bg->n++;
}

/* Stable merge sort by hash (what qsort() did, as glibc's is a stable
 * merge sort here: equal tokens keep their order, so their weights add up
 * in the same order), without a comparison call per step. */
static void tok_sort(struct token *v, size_t n, struct token *tmp)
{
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			struct token t = v[i];
			size_t j = i;
			for (; j > 0 && v[j - 1].h > t.h; j--)
				v[j] = v[j - 1];
			v[j] = t;
		}
		return;
	}
	size_t h = n / 2;
	tok_sort(v, h, tmp);
	tok_sort(v + h, n - h, tmp);
	if (v[h - 1].h <= v[h].h)
		return;
	memcpy(tmp, v, h * sizeof(*v));
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		v[k++] = v[j].h < tmp[i].h ? v[j++] : tmp[i++];
	while (i < h)
		v[k++] = tmp[i++];
}

/* The token after the last of every finished set (tok_fold()), for
 * tok_sim(): no hash is greater. (A token may have this hash too.) */
static const struct token tok_sentinel = {UINT64_MAX, 0, 0, TERM_NONE};

/* Fold duplicates of a sorted set (weights add up: a multiset), and end
 * it with tok_sentinel: v[n] must be there. */
static void tok_fold(struct tokset *ts)
{
	size_t w = 0;
	for (size_t i = 0; i < ts->n; i++) {
		if (w && ts->v[w - 1].h == ts->v[i].h)
			ts->v[w - 1].w += ts->v[i].w;
		else
			ts->v[w++] = ts->v[i];
	}
	ts->n = w;
	ts->v[w] = tok_sentinel;
}

/* Stable sort of v[0..bound[nruns]) made of the sorted runs
 * v[bound[r]..bound[r + 1]): adjacent runs merged pairwise, the left
 * one's tokens first on equal hashes, which is the order tok_sort() (a
 * stable sort) gives. bound[] is overwritten; tmp holds bound[nruns]
 * tokens. */
static void tok_merge_runs(struct token *v, size_t *bound, size_t nruns, struct token *tmp)
{
	struct token *from = v, *to = tmp;
	while (nruns > 1) {
		size_t k = 0;
		for (size_t r = 0; r < nruns; r += 2) {
			/* runs [a, m) and [m, e); the last run alone when odd */
			size_t a = bound[r], m = bound[r + 1], e = r + 2 <= nruns ? bound[r + 2] : m;
			size_t i = a, j = m, o = a;
			while (i < m && j < e)
				to[o++] = from[j].h < from[i].h ? from[j++] : from[i++];
			while (i < m)
				to[o++] = from[i++];
			while (j < e)
				to[o++] = from[j++];
			bound[k++] = a;
		}
		bound[k] = bound[nruns];
		nruns = k;
		struct token *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, bound[1] * sizeof(*v));
}

/* Sort and fold duplicates (weights add up: a multiset). */
static void tok_finish(struct tokset *ts)
{
	if (ts->n > 16) {
		struct token buf[128];
		struct token *tmp = ts->n / 2 + 1 <= 128 ? buf : xmalloc((ts->n / 2 + 1) * sizeof(*tmp));
		tok_sort(ts->v, ts->n, tmp);
		if (tmp != buf)
			free(tmp);
	} else if (ts->n > 1) {
		tok_sort(ts->v, ts->n, NULL);
	}
	tok_fold(ts);
}

/* The union of two finished sets a and b (as a multiset): what
 * tok_finish() makes of a's tokens then b's, as a stable merge of the
 * two sorted runs gives the order its stable sort does (a's first on
 * equal hashes). */
static void tok_merge2(struct tokset *to, const struct tokset *a, const struct tokset *b)
{
	to->v = xgrow(to->v, a->n + b->n + 1, &to->alloc, sizeof(*to->v));
	const struct token *x = a->v, *xe = a->v + a->n, *y = b->v, *ye = b->v + b->n;
	struct token *o = to->v;
	while (x < xe && y < ye)
		*o++ = y->h < x->h ? *y++ : *x++;
	while (x < xe)
		*o++ = *x++;
	while (y < ye)
		*o++ = *y++;
	to->n = a->n + b->n;
	tok_fold(to);
}

struct sim {
	float sim;       /* shared / total, 0..1 */
	float total;     /* evidence weight considered */
	float shared;
	float strong_src, strong_tr, strong_shared;
	bool contra;     /* both sides have strong evidence and share none */
};

/* The sums of a comparison (struct sim), each taking its terms in hash
 * order, as float sums must to give the same result every time. */
struct simacc {
	float total, shared, strong_src, strong_tr, strong_shared;
};

/* A token of the source only (not a Latin term). */
static inline void acc_src(struct simacc *s, const struct token *x)
{
	s->total += x->w;
	if (tok_strong(x->kind))
		s->strong_src += x->w;
}

/* A token of the translation only. */
static inline void acc_tr(struct simacc *s, const struct token *y)
{
	s->total += y->w;
	if (tok_strong(y->kind))
		s->strong_tr += y->w;
}

/* Source token x and translation token y of the same hash. */
static inline void acc_both(struct simacc *s, const struct token *x, const struct token *y)
{
	float mn = x->w < y->w ? x->w : y->w;
	float mx = x->w > y->w ? x->w : y->w;
	s->shared += mn;
	s->total += mx;
	if (tok_strong(x->kind)) {
		s->strong_src += x->w;
		s->strong_tr += y->w;
		s->strong_shared += mn;
	}
}

static struct sim acc_sim(const struct simacc *s)
{
	struct sim r;
	r.total = s->total;
	r.shared = s->shared;
	r.strong_src = s->strong_src;
	r.strong_tr = s->strong_tr;
	r.strong_shared = s->strong_shared;
	r.sim = s->total > 0 ? s->shared / s->total : 0;
	/* Contradiction: both sides cite strong evidence (links, KEPs, code,
	 * images), none of it shared, and little else in common. */
	r.contra = s->strong_src > 0 && s->strong_tr > 0 && s->strong_shared == 0 && r.sim < 0.2f;
	return r;
}

/* Compare source tokens a with translation tokens b. Latin terms count
 * only when the translation kept them (the source is all Latin).
 * A merge of the two sorted sets (every sum in hash order). */
static struct sim tok_sim(const struct tokset *a, const struct tokset *b)
{
	struct simacc s = {0, 0, 0, 0, 0};
	const struct token *x = a->v, *xe = a->v + a->n, *y = b->v, *ye = b->v + b->n;
	/* Both sets end with tok_sentinel, whose hash no token exceeds: a
	 * side at its end never advances (only equal hashes make both move,
	 * and those are checked for an end first), so the loop needs no end
	 * test but there; the tails take what is left. */
	for (;;) {
		if (x->h < y->h) { /* the source's only */
			if (x->kind != TK_TERM)
				acc_src(&s, x);
			x++;
		} else if (x->h > y->h) { /* the translation's only */
			acc_tr(&s, y);
			y++;
		} else {
			if (x == xe || y == ye)
				break;
			acc_both(&s, x, y);
			x++;
			y++;
		}
	}
	for (; x < xe; x++)
		if (x->kind != TK_TERM)
			acc_src(&s, x); /* (a term is no strong evidence) */
	for (; y < ye; y++)
		acc_tr(&s, y);
	return acc_sim(&s);
}

/* A source set split for tok_sim_split(): its tokens other than Latin
 * terms (sorted, ending with tok_sentinel), and the weight in it of each
 * of the translation's terms by index (struct termmap): 0 for those it
 * lacks (weights are positive), and 0 at the index of translation tokens
 * that are no term (the number of terms). */
struct split {
	const struct token *nv;
	size_t nn;
	const float *tw;
};

/* Translation token y in tok_sim_split(): shared with a source term of
 * its hash, or the translation's only. */
static inline void acc_tr_split(struct simacc *s, const struct split *a, const struct token *y)
{
	float xw = a->tw[y->term];
	if (xw > 0) {
		s->shared += xw < y->w ? xw : y->w;
		s->total += xw > y->w ? xw : y->w;
	} else {
		acc_tr(s, y);
	}
}

/* tok_sim() of the source set split into a and the translation set b.
 * tok_sim() gives a source term that b lacks no weight at all (nor is a
 * term strong evidence), so this walks the same tokens in the same hash
 * order but those: a merge of a's other tokens with b, where a token of
 * b also meets a source term of the same hash. (Every source term's
 * hash is a translation term's, and each translation token has the
 * index of its hash.) Every sum takes the same terms in the same order;
 * the sentinels work as in tok_sim(). */
static struct sim tok_sim_split(const struct split *a, const struct tokset *b)
{
	struct simacc s = {0, 0, 0, 0, 0};
	const struct token *x = a->nv, *xe = a->nv + a->nn, *y = b->v, *ye = b->v + b->n;
	for (;;) {
		if (x->h < y->h) { /* the source's only (no term) */
			acc_src(&s, x);
			x++;
		} else if (x->h > y->h) { /* the translation's, or shared with a source term */
			acc_tr_split(&s, a, y);
			y++;
		} else {
			if (x == xe || y == ye)
				break;
			acc_both(&s, x, y);
			x++;
			y++;
		}
	}
	for (; x < xe; x++)
		acc_src(&s, x);
	for (; y < ye; y++)
		acc_tr_split(&s, a, y);
	return acc_sim(&s);
}

/* ---- evidence extraction ---- */

void align_normalize_dest(const char *dest, const char *lang, struct strbuf *out)
{
	const char *hash = strchr(dest, '#');
	size_t len = hash ? (size_t)(hash - dest) : strlen(dest);
	const char *s = dest;
	/* scheme and host lowercased */
	const char *sep = len > 3 ? strstr(s, "://") : NULL;
	size_t start = out->len;
	if (sep && (size_t)(sep - s) < len) {
		const char *host = sep + 3;
		const char *path = memchr(host, '/', len - (size_t)(host - s));
		if (!path)
			path = s + len;
		strbuf_add(out, s, (size_t)(path - s));
		for (size_t i = start; i < out->len; i++)
			out->buf[i] = (char)ascii_lower[(unsigned char)out->buf[i]];
		/* http and https are the same target */
		if (out->len - start >= 5 && strncmp(out->buf + start, "https", 5) == 0) {
			memmove(out->buf + start + 4, out->buf + start + 5, out->len - start - 5);
			strbuf_setlen(out, out->len - 1);
		}
		len -= (size_t)(path - s);
		s = path;
	} else if (lang && s[0] == '/') {
		size_t ll = strlen(lang);
		if (len > ll + 1 && strncmp(s + 1, lang, ll) == 0 && (s[ll + 1] == '/')) {
			s += ll + 1;
			len -= ll + 1;
		}
	}
	while (len > 1 && s[len - 1] == '/')
		len--;
	strbuf_add(out, s, len);
}

/* The distinct hashes of the translation's Latin terms, each with an
 * index 0..n-1 (open addressing; 0 marks an empty slot, and has_zero
 * says whether 0 itself is in, zero_val its index). Indexes run out
 * after TERM_NONE - 1 terms: on a page with more, full is set and the
 * later terms get TERM_NONE (they are in the map all the same). */
struct termmap {
	uint64_t *slot;
	uint16_t *val;
	size_t mask, n;
	bool has_zero, full;
	uint16_t zero_val;
};

static size_t termmap_at(const struct termmap *tm, uint64_t h)
{
	/* FNV-1a's low bits are weak for short keys: fold the high ones in */
	return (size_t)(h ^ (h >> 29) ^ (h >> 47)) & tm->mask;
}

/* The index of h, added if new. */
static uint16_t termmap_add(struct termmap *tm, uint64_t h)
{
	uint16_t *v;
	if (!h) {
		v = &tm->zero_val;
		if (tm->has_zero)
			return *v;
		tm->has_zero = true;
	} else {
		size_t i = termmap_at(tm, h);
		while (tm->slot[i] && tm->slot[i] != h)
			i = (i + 1) & tm->mask;
		v = &tm->val[i];
		if (tm->slot[i])
			return *v;
		tm->slot[i] = h;
	}
	if (tm->n >= TERM_NONE) {
		tm->full = true;
		*v = TERM_NONE;
	} else {
		*v = (uint16_t)tm->n++;
	}
	return *v;
}

/* Is h in the map? *idx: its index (TERM_NONE when not). */
static inline bool termmap_get(const struct termmap *tm, uint64_t h, uint16_t *idx)
{
	*idx = TERM_NONE;
	if (!h) {
		if (tm->has_zero)
			*idx = tm->zero_val;
		return tm->has_zero;
	}
	size_t i = termmap_at(tm, h);
	while (tm->slot[i]) {
		if (tm->slot[i] == h) {
			*idx = tm->val[i];
			return true;
		}
		i = (i + 1) & tm->mask;
	}
	return false;
}

struct ev_ctx {
	struct bag *bag;
	int blk;   /* the block the tokens go to */
	float mul;
	struct strbuf tmp;
	/* Source side: the Latin terms of the whole translation. A source
	 * term outside it is never shared with any translation block or
	 * section, and tok_sim() gives an unshared source term no weight at
	 * all, so it is not kept (NULL: keep every term). */
	const struct termmap *terms;
	/* A filter of the translation's terms (term_key()): the translation
	 * side sets their bits, the source side tests a term's bit before
	 * hashing it. */
	uint64_t *term_filter;
};

/* The filter bit of a term (ASCII letters, digits and joiners): the five
 * low bits of its first, second and last bytes (the same for either case
 * of a letter) and the three low bits of its length. A source term whose
 * bit the translation did not set has lowercased bytes equal to none of
 * the translation's terms, so its hash is not among theirs (unless two
 * different terms share a 64-bit hash, which every comparison here
 * already takes for equality). */
static unsigned term_key(const char *t, size_t len)
{
	unsigned first = (unsigned char)t[0], second = (unsigned char)t[len > 1], last = (unsigned char)t[len - 1];
	return ((first & 31) | ((last & 31) << 5) | (((unsigned)len & 7) << 10)) ^ ((second & 31) << 8);
}
#define TERM_FILTER_WORDS (8192 / 64)

/* Can the source term t be one of the translation's (no when its filter
 * bit is clear)? */
static bool term_maybe_shared(const struct ev_ctx *c, const char *t, size_t len)
{
	unsigned k = term_key(t, len);
	return (c->term_filter[k / 64] >> (k % 64)) & 1;
}

/* A Latin term of a prose text (at least two bytes); on the source side,
 * one that term_maybe_shared() let through. */
static void term_found(struct ev_ctx *c, const char *term, size_t len)
{
	if (!c->terms) {
		unsigned k = term_key(term, len);
		c->term_filter[k / 64] |= 1ULL << (k % 64);
	}
	uint64_t h = hash_bytes(TK_TERM, term, len, true); /* lowercased */
	uint16_t idx = TERM_NONE;
	if (c->terms && !termmap_get(c->terms, h, &idx))
		return;
	bag_push(c->bag, c->blk, TK_TERM, h, c->mul);
	c->bag->v[c->bag->n - 1].term = idx;
}

static void tok_add(struct ev_ctx *c, enum tok_kind kind, const char *s, size_t len, float mul)
{
	if (len)
		bag_push(c->bag, c->blk, kind, hash_bytes((uint8_t)kind, s, len, false), mul);
}

#define MAX_NUMS 256
#define MAX_REFS 64

/* One code point decoded at s[i] exactly as text.c's cp_next() decodes it
 * (no overlong or surrogate check for three-byte sequences; U+FFFD for a
 * malformed one), so that the prefilter below sees what text_numbers()
 * would see at that offset. */
static uint32_t decode_at(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c < 0x80)
		return c;
	size_t n = c >= 0xC2 && c <= 0xDF   ? 2
	           : c >= 0xE0 && c <= 0xEF ? 3
	           : c >= 0xF0 && c <= 0xF4 ? 4
	                                    : 1;
	if (n == 1 || i + n > len)
		return 0xFFFD;
	uint32_t cp = c & (0xFFu >> (n + 1));
	for (size_t k = 1; k < n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[i + k] & 0x3F);
	}
	return cp;
}

/* A code point where text_numbers() can start a number: a decimal digit
 * (general category Nd, what its is_digit() tests) or one of the kanji
 * numerals 一 to 十 it reads before a counter. */
static bool numeral_start(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	switch (c) {
	case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
		return true;
	default:
		break;
	}
	/* The CJK blocks U+3000-9FFF (punctuation, kana, Bopomofo, Hangul
	 * compatibility jamo, Kanbun, strokes, enclosed and compatibility
	 * CJK, Han ideographs, Yijing symbols) and Hangul syllables have no
	 * Nd (every code point checked against ICU 72), nor have the
	 * full-width forms but the full-width digits: most of a CJK text
	 * needs no ICU lookup. Anything else asks ICU, as is_digit() does. */
	if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3))
		return false;
	if (c >= 0xFF00 && c <= 0xFFEF)
		return c >= 0xFF10 && c <= 0xFF19;
	return u_charType((UChar32)c) == U_DECIMAL_DIGIT_NUMBER;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* Bytes of v in [lo, lo + span] (unsigned, with wrap-around). */
static inline __m128i sse_in_range(__m128i v, unsigned char lo, unsigned char span)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
	return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)span)), d);
}
#endif

/* May the lead byte s[i] start a code point where text_numbers() starts a
 * number (decoded as decode_at() does)? Only these can:
 * - C2-E2, EA-F4: anything (ICU is asked);
 * - E4, E5 (U+4000-5FFF, or U+FFFD when malformed): only the kanji
 *   numerals, E4 B8-BA .. (一 三 七, 九, 二 五) and E5 85/8D/9B ..
 *   (六 八, 十, 四); every other second byte decodes to another CJK
 *   code point or to U+FFFD, neither a numeral start.
 * No other byte does: ASCII is a digit or nothing, continuation bytes,
 * C0, C1 and F5-FF decode to U+FFFD, and E3, E6-E9 to U+3000-3FFF,
 * U+6000-9FFF (no Nd, no numeral) or U+FFFD. s[i + 1] is readable (the
 * text is NUL-terminated). chunk_masks() tests this 16 bytes at a time. */
#if !defined(__SSE2__)
static bool lead_may_be_numeral(const unsigned char *s, size_t i)
{
	unsigned char c = s[i], d = s[i + 1];
	if (c == 0xE4)
		return d >= 0xB8 && d <= 0xBA;
	if (c == 0xE5)
		return d == 0x85 || d == 0x8D || d == 0x9B;
	return (c >= 0xC2 && c <= 0xE2) || (c >= 0xEA && c <= 0xF4);
}
#endif

/* "kind:number" of a reference, as strbuf_addf("%d:%lu") wrote it. */
static void ref_key(struct strbuf *sb, const struct ref *r)
{
	char buf[48];
	size_t n = sizeof(buf);
	unsigned long v = r->number;
	do {
		buf[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf[--n] = ':';
	int k = (int)r->kind; /* small and non-negative */
	do {
		buf[--n] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	strbuf_reset(sb);
	strbuf_add(sb, buf + n, sizeof(buf) - n);
}

/* A run of term bytes [st, en) (see prose_scan()): a Latin term when it
 * has two bytes or more, a letter, and no non-ASCII letter of a
 * space-separated script on either side ("développement": part of a
 * word; a malformed sequence there is U+FFFD, no letter). A source term
 * that is none of the translation's is not kept (ev_ctx.terms): the
 * filter is asked first, the cheapest test. */
static inline bool term_run_cheap(const struct ev_ctx *c, const char *s, size_t st, size_t en,
                                  bool letter)
{
	return en - st >= 2 && letter && (!c->terms || term_maybe_shared(c, s + st, en - st));
}

static void term_run(struct ev_ctx *c, const char *s, size_t len, size_t st, size_t en)
{
	if (st > 0 && (unsigned char)s[st - 1] >= 0x80) {
		size_t q;
		uint32_t cp = utf8_prev(s, st, &q);
		if (cp != 0xFFFFFFFF && cp >= 0x80 && text_word_letter(cp))
			return;
	}
	if (en < len && (unsigned char)s[en] >= 0x80) {
		size_t k = en;
		uint32_t cp = utf8_next(s, len, &k);
		if (cp >= 0x80 && text_word_letter(cp))
			return;
	}
	term_found(c, s + st, en - st);
}

/* Masks of 16 bytes (bit k: p[k]): ASCII letters, digits, the term
 * joiners '-', '_' and '.', and bytes >= 0x80. */
struct chunk {
	unsigned letter, digit, join, high;
};

static struct chunk chunk_at(const unsigned char *p)
{
	struct chunk m;
#if defined(__SSE2__)
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	m.digit = (unsigned)_mm_movemask_epi8(sse_in_range(v, '0', 9));
	m.letter = (unsigned)_mm_movemask_epi8(sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25));
	m.join = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))),
		_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
	m.high = (unsigned)_mm_movemask_epi8(v);
#else
	m.letter = m.digit = m.join = m.high = 0;
	for (unsigned k = 0; k < 16; k++) {
		unsigned char ch = p[k];
		m.digit |= (unsigned)(ch >= '0' && ch <= '9') << k;
		m.letter |= (unsigned)((unsigned char)((ch | 0x20) - 'a') < 26) << k;
		m.join |= (unsigned)(ch == '-' || ch == '_' || ch == '.') << k;
		m.high |= (unsigned)(ch >= 0x80) << k;
	}
#endif
	return m;
}

/* The lead bytes of the 16 bytes at p that may start a numeral
 * (lead_may_be_numeral(); p[16] is read). */
static unsigned chunk_leads(const unsigned char *p)
{
#if defined(__SSE2__)
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i nx = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
	__m128i any = _mm_or_si128(sse_in_range(v, 0xC2, 0xE2 - 0xC2), sse_in_range(v, 0xEA, 0xF4 - 0xEA));
	__m128i e4 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE4)), sse_in_range(nx, 0xB8, 2));
	__m128i e5 = _mm_and_si128(
		_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE5)),
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(nx, _mm_set1_epi8((char)0x85)),
		                          _mm_cmpeq_epi8(nx, _mm_set1_epi8((char)0x8D))),
		             _mm_cmpeq_epi8(nx, _mm_set1_epi8((char)0x9B))));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(any, _mm_or_si128(e4, e5)));
#else
	unsigned m = 0;
	for (unsigned k = 0; k < 16; k++)
		if (p[k] >= 0x80 && lead_may_be_numeral(p, k))
			m |= 1u << k;
	return m;
#endif
}

/* One pass over a prose text, 64 bytes at a time (bit k of a word: byte
 * 64 w + k), for what prose_tokens() needs:
 * - its Latin terms, as text_latin_terms() delimits them, go to
 *   term_found() in text order. Their bytes are the ASCII letters and
 *   digits, and the joiners '-', '_', '.' with one of those on both
 *   sides (text_latin_terms() goes on across a joiner exactly when a
 *   letter or digit follows it, and a joiner it reaches has one before
 *   it); the terms are the maximal runs of these bytes that term_run()
 *   keeps;
 * - *digit: the offset of its first byte '0'-'9' (len: none). Every form
 *   refs_in_text() finds ends in ASCII digits ([0-9]{1,9}), so a text
 *   without one has no reference;
 * - *numeral: whether text_numbers() may find a number. It starts one
 *   only at a digit or a kanji numeral (numeral_start()). Every lead byte
 *   that may decode to one (lead_may_be_numeral()) is decoded as its
 *   cp_next() would (not only the ones a left-to-right decode visits;
 *   continuation and invalid bytes decode to U+FFFD there, and ASCII
 *   bytes to themselves), so whatever offsets it decodes at, a text with
 *   !*numeral gives it no number.
 * s[len] is readable (NUL). */
static void prose_scan(struct ev_ctx *c, const char *text, size_t len, size_t *digit,
                       bool *numeral)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t nw = (len + 63) / 64;
	bool num = false;
	size_t first = len;
	/* The word before: its letters and digits, letters and joiners;
	 * the last letter-or-digit bit of the one before it; a run of term
	 * bytes still open at the end of the words seen, where it started
	 * and whether it has a letter yet. */
	uint64_t pa = 0, pl = 0, pj = 0, acarry = 0;
	bool open = false, oletter = false;
	size_t ost = 0;
	for (size_t w = 0; w <= nw; w++) {
		uint64_t a = 0, l = 0, j = 0;
		if (w < nw) {
			const unsigned char *p = s + w * 64;
			unsigned char pad[80];
			if (len - w * 64 < 64) { /* the last bytes, then zeros */
				memset(pad, 0, sizeof(pad));
				memcpy(pad, p, len - w * 64 + 1);
				p = pad;
			}
			uint64_t d = 0, h = 0;
			for (unsigned q = 0; q < 4; q++) {
				struct chunk m = chunk_at(p + 16 * q);
				l |= (uint64_t)m.letter << (16 * q);
				d |= (uint64_t)m.digit << (16 * q);
				j |= (uint64_t)m.join << (16 * q);
				h |= (uint64_t)m.high << (16 * q);
			}
			a = l | d;
			if (first == len) {
				if (d) {
					first = w * 64 + (unsigned)__builtin_ctzll(d);
				} else if (!num && h) {
					for (unsigned q = 0; q < 4 && !num; q++) {
						unsigned m = (unsigned)(h >> (16 * q)) & 0xFFFF ? chunk_leads(p + 16 * q) : 0;
						for (; m && !num; m &= m - 1)
							num = numeral_start(decode_at(s, len, w * 64 + 16 * q +
							                                          (unsigned)__builtin_ctz(m)));
					}
				}
			}
		}
		if (w == 0) {
			pa = a;
			pl = l;
			pj = j;
			continue;
		}
		/* The previous word's term bytes, now that the letters and
		 * digits after it are known, and its runs. starts: the first
		 * byte of a run; ends: the first byte after one. */
		size_t base = (w - 1) * 64;
		uint64_t t = pa | (pj & ((pa << 1) | acarry) & ((pa >> 1) | (a << 63)));
		acarry = pa >> 63;
		uint64_t in = open ? 1 : 0;
		uint64_t starts = t & ~((t << 1) | in), ends = ~t & ((t << 1) | in);
		if (open) {
			if (!ends) {
				oletter = oletter || pl;
			} else {
				unsigned e = (unsigned)__builtin_ctzll(ends);
				ends &= ends - 1;
				if (term_run_cheap(c, text, ost, base + e, oletter || (pl & ((1ULL << e) - 1))))
					term_run(c, text, len, ost, base + e);
				open = false;
			}
		}
		while (starts) {
			unsigned st = (unsigned)__builtin_ctzll(starts);
			starts &= starts - 1;
			if (!ends) {
				open = true;
				ost = base + st;
				oletter = (pl >> st) != 0;
				break;
			}
			unsigned e = (unsigned)__builtin_ctzll(ends);
			ends &= ends - 1;
			if (term_run_cheap(c, text, base + st, base + e, (pl >> st) & ((1ULL << (e - st)) - 1)))
				term_run(c, text, len, base + st, base + e);
		}
		pa = a;
		pl = l;
		pj = j;
	}
	if (open && term_run_cheap(c, text, ost, len, oletter)) /* a run to the end of the text */
		term_run(c, text, len, ost, len);
	*digit = first;
	*numeral = num || first < len;
}

/* The tokens of a paragraph's, table's or heading's text. */
static void prose_tokens(struct ev_ctx *c, const char *prose)
{
	if (!prose || !*prose)
		return;
	size_t len = strlen(prose);
	size_t digit;
	bool numeral;
	prose_scan(c, prose, len, &digit, &numeral);
	if (numeral) {
		struct text_number nums[MAX_NUMS];
		size_t nn = text_numbers(prose, len, nums, MAX_NUMS);
		if (nn > MAX_NUMS)
			nn = MAX_NUMS;
		for (size_t i = 0; i < nn; i++)
			tok_add(c, TK_NUMBER, nums[i].value, strlen(nums[i].value), c->mul);
	}
	if (digit < len && refs_may_be_in_text(prose, len, digit)) {
		struct ref refs[MAX_REFS];
		size_t nr = refs_in_text(prose, len, refs, MAX_REFS);
		if (nr > MAX_REFS)
			nr = MAX_REFS;
		for (size_t i = 0; i < nr; i++) {
			ref_key(&c->tmp, &refs[i]);
			tok_add(c, TK_REF, c->tmp.buf, c->tmp.len, c->mul);
		}
	}
}

static void link_tokens(struct ev_ctx *c, const struct link *l, const char *lang)
{
	struct ref refs[4];
	size_t len = strlen(l->dest);
	size_t nr = refs_may_be_url(l->dest, len) ? refs_in_url(l->dest, len, refs, 4) : 0;
	if (nr > 4)
		nr = 4;
	for (size_t i = 0; i < nr; i++) {
		ref_key(&c->tmp, &refs[i]);
		tok_add(c, TK_REF, c->tmp.buf, c->tmp.len, c->mul);
	}
	if (l->dest[0] == '#') {
		if (l->fragment)
			tok_add(c, TK_FRAGMENT, l->fragment, strlen(l->fragment), c->mul);
		return;
	}
	if (nr)
		return; /* the reference is the evidence; its URL form may vary */
	strbuf_reset(&c->tmp);
	align_normalize_dest(l->dest, lang, &c->tmp);
	tok_add(c, l->image ? TK_IMAGE : TK_LINK, c->tmp.buf, c->tmp.len, c->mul);
}

/* Code without comment lines and with white space folded, so translated
 * comments do not hide a match. */
static void code_normalize(const char *code, struct strbuf *out)
{
	const char *p = code;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t i = 0;
		while (i < len && (p[i] == ' ' || p[i] == '\t'))
			i++;
		bool comment = (i < len && p[i] == '#' && (i + 1 >= len || p[i + 1] != '!')) ||
		               (i + 1 < len && p[i] == '/' && p[i + 1] == '/');
		if (!comment && i < len) {
			bool space = false;
			for (; i < len; i++) {
				if (p[i] == ' ' || p[i] == '\t') {
					space = true;
					continue;
				}
				if (space && out->len)
					strbuf_addch(out, ' ');
				space = false;
				strbuf_addch(out, p[i]);
			}
			strbuf_addch(out, '\n');
		}
		p += len + (e ? 1 : 0);
	}
}

static void shortcode_tokens(struct ev_ctx *c, const struct shortcode *sc)
{
	if (sc->kind == SC_CLOSE || sc->in_comment)
		return;
	strbuf_reset(&c->tmp);
	strbuf_addstr(&c->tmp, sc->name);
	for (size_t i = 0; i < sc->nargs; i++) {
		const char *k = sc->args[i].key;
		/* arguments meant for readers are translated */
		if (k && (!strcmp(k, "text") || !strcmp(k, "alt") || !strcmp(k, "title") ||
		          !strcmp(k, "caption") || !strcmp(k, "name") || !strcmp(k, "description")))
			continue;
		if (!k && !strcmp(sc->name, "heading"))
			;
		else if (!k)
			continue;
		strbuf_addch(&c->tmp, ' ');
		if (k) {
			strbuf_addstr(&c->tmp, k);
			strbuf_addch(&c->tmp, '=');
		}
		strbuf_addstr(&c->tmp, sc->args[i].value);
	}
	tok_add(c, TK_SHORTCODE, c->tmp.buf, c->tmp.len, c->mul);
}

/* ---- per-document preparation ---- */

struct side {
	const struct doc *doc;
	const char *lang;
	enum unit_kind *ukind; /* [nblocks] */
	int *unit;             /* [nblocks]: top-level ancestor */
	struct tokset *btok;   /* [nblocks]: tokens of unit blocks and heading blocks */
	struct tokset *stok;   /* [nsections]: tokens of the section's own content */
	struct token *pool;    /* the tokens of all btok (each one's v points in) */
	struct token *spool;   /* the tokens of all stok */
	int *sunits;           /* units per section, concatenated */
	int *sunit_start;      /* [nsections + 1] */
	/* Source side: the section sets split for tok_sim_split() (NULL:
	 * not made), and the arrays they point in. */
	struct split *ssplit;
	struct token *split_nv;
	float *split_tw;
};

static bool is_shortcode_para(const struct doc *d, const struct block *b)
{
	size_t len;
	const char *line = doc_line(d, b->line, &len);
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return len - i >= 3 && line[i] == '{' && line[i + 1] == '{' &&
	       (line[i + 2] == '<' || line[i + 2] == '%');
}

static bool html_is_marker(const struct doc *d, int blk)
{
	for (size_t i = 0; i < d->ncomments; i++)
		if (d->comments[i].block == blk && d->comments[i].marker)
			return true;
	for (size_t i = 0; i < d->nanchors; i++)
		if (d->anchors[i].block == blk)
			return true;
	return false;
}

static void side_prepare(struct side *sd, const struct doc *d, const char *lang,
                         const struct termmap *terms, uint64_t *term_filter, struct bag *bagp)
{
	sd->doc = d;
	sd->lang = lang;
	size_t nb = d->nblocks;
	sd->ukind = xcalloc(nb + 1, sizeof(*sd->ukind));
	sd->unit = xcalloc(nb + 1, sizeof(*sd->unit));
	sd->btok = xcalloc(nb + 1, sizeof(*sd->btok));
	sd->stok = xcalloc(d->nsections, sizeof(*sd->stok));
	struct bag bag = *bagp; /* its arrays, emptied */
	bag.n = 0;
	for (size_t i = 0; i < nb; i++) {
		const struct block *b = &d->blocks[i];
		sd->unit[i] = b->parent < 0 ? (int)i : sd->unit[b->parent];
		if (b->parent >= 0)
			continue;
		enum unit_kind k = UNIT_NONE;
		switch (b->kind) {
		case BLOCK_PARAGRAPH: {
			/* a paragraph of nothing but inline HTML (<a id="x"></a>) is
			 * an anchor, not prose */
			bool blank = true;
			for (const char *p = b->prose; *p && blank; p++)
				blank = *p == ' ' || *p == '\n' || *p == '\t';
			if (blank && !is_shortcode_para(d, b))
				k = html_is_marker(d, (int)i) ? UNIT_MARKER : UNIT_NONE;
			else
				k = is_shortcode_para(d, b) ? UNIT_SHORTCODE : UNIT_PARAGRAPH;
			break;
		}
		case BLOCK_CODE:
			k = UNIT_CODE;
			break;
		case BLOCK_TABLE:
			k = UNIT_TABLE;
			break;
		case BLOCK_LIST:
			k = UNIT_LIST;
			break;
		case BLOCK_QUOTE:
			k = UNIT_QUOTE;
			break;
		case BLOCK_HTML:
			k = html_is_marker(d, (int)i) ? UNIT_MARKER : UNIT_NONE;
			break;
		default:
			break;
		}
		sd->ukind[i] = k;
	}

	/* Tokens: every item goes to its unit (or heading block). */
	struct ev_ctx c = {&bag, -1, 1.0f, STRBUF_INIT, terms, term_filter};
	for (size_t i = 0; i < nb; i++) {
		const struct block *b = &d->blocks[i];
		int u = sd->unit[i];
		bool heading = b->kind == BLOCK_HEADING;
		if (!heading && (u < 0 || sd->ukind[u] == UNIT_NONE))
			continue;
		c.blk = heading ? (int)i : u;
		c.mul = heading ? 2.0f : 1.0f;
		if (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE || heading)
			prose_tokens(&c, b->prose);
		if (b->kind == BLOCK_CODE) {
			strbuf_reset(&c.tmp);
			code_normalize(b->text, &c.tmp);
			tok_add(&c, TK_CODEBLOCK, c.tmp.buf, c.tmp.len, 1.0f);
		}
	}
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		int blk = l->block;
		if (blk < 0)
			continue;
		bool heading = d->blocks[blk].kind == BLOCK_HEADING;
		int u = heading ? blk : sd->unit[blk];
		if (!heading && sd->ukind[u] == UNIT_NONE)
			continue;
		c.blk = u;
		c.mul = 1.0f;
		link_tokens(&c, l, lang);
	}
	for (size_t i = 0; i < d->ncodes; i++) {
		const struct code_span *cs = &d->codes[i];
		if (cs->block < 0)
			continue;
		int u = d->blocks[cs->block].kind == BLOCK_HEADING ? cs->block : sd->unit[cs->block];
		c.blk = u;
		tok_add(&c, TK_CODESPAN, cs->text, strlen(cs->text), 1.0f);
	}
	for (size_t i = 0; i < d->shortcodes.n; i++) {
		const struct shortcode *sc = &d->shortcodes.items[i];
		if (sc->block < 0)
			continue;
		int u = d->blocks[sc->block].kind == BLOCK_HEADING ? sc->block : sd->unit[sc->block];
		if (u < 0)
			continue;
		c.blk = u;
		c.mul = 1.0f;
		shortcode_tokens(&c, sc);
	}
	/* Group by block, in the order found (a counting sort: stable). */
	size_t *start = xcalloc(nb + 2, sizeof(*start));
	for (size_t k = 0; k < bag.n; k++)
		start[bag.blk[k] + 1]++;
	for (size_t i = 0; i <= nb; i++)
		start[i + 1] += start[i];
	/* (each set followed by a slot for the sentinel) */
	sd->pool = xmalloc((bag.n + nb + 1) * sizeof(*sd->pool));
	for (size_t i = 0; i <= nb; i++) {
		sd->btok[i].v = sd->pool + start[i] + i;
		sd->btok[i].n = 0;
	}
	for (size_t k = 0; k < bag.n; k++) {
		struct tokset *ts = &sd->btok[bag.blk[k]];
		ts->v[ts->n++] = bag.v[k];
	}
	free(start);
	*bagp = bag; /* kept for the other side */
	for (size_t i = 0; i <= nb; i++)
		tok_finish(&sd->btok[i]);

	strbuf_release(&c.tmp);
}

/* Units per section, and section token sets (after side_prepare(), and
 * on the translation side after side_terms(): the sets copy the block
 * sets' tokens). */
static void side_sections(struct side *sd)
{
	const struct doc *d = sd->doc;
	size_t nb = d->nblocks;
	sd->sunit_start = xcalloc(d->nsections + 1, sizeof(int));
	sd->sunits = xcalloc(nb + 1, sizeof(int));
	int n = 0;
	size_t ntok = 0;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		sd->sunit_start[s] = n;
		if (sec->heading >= 0)
			ntok += sd->btok[d->headings[sec->heading].block].n;
		for (int b = sec->first_block; b < sec->end_block && b < (int)nb; b++) {
			if (sd->ukind[b] == UNIT_NONE || d->blocks[b].parent >= 0)
				continue;
			sd->sunits[n++] = b;
			ntok += sd->btok[b].n;
		}
	}
	sd->sunit_start[d->nsections] = n;
	/* A section's set: its heading's tokens, then its units', sorted
	 * and folded (in one array for all sections). Each of those is
	 * sorted already: a merge of the runs sorts them as tok_finish()
	 * would. */
	sd->spool = xmalloc((ntok + d->nsections + 1) * sizeof(*sd->spool));
	struct token *tmp = xmalloc((ntok ? ntok : 1) * sizeof(*tmp));
	size_t *bound = xmalloc(((size_t)n + 2) * sizeof(*bound));
	ntok = 0;
	for (size_t s = 0; s < d->nsections; s++) {
		const struct section *sec = &d->sections[s];
		struct tokset *ts = &sd->stok[s];
		ts->v = sd->spool + ntok + s; /* (a slot for the sentinel after each) */
		ts->n = 0;
		size_t nruns = 0;
		if (sec->heading >= 0) {
			const struct tokset *h = &sd->btok[d->headings[sec->heading].block];
			memcpy(ts->v + ts->n, h->v, h->n * sizeof(*h->v));
			bound[nruns++] = ts->n;
			ts->n += h->n;
		}
		for (int k = sd->sunit_start[s]; k < sd->sunit_start[s + 1]; k++) {
			const struct tokset *u = &sd->btok[sd->sunits[k]];
			if (!u->n)
				continue;
			memcpy(ts->v + ts->n, u->v, u->n * sizeof(*u->v));
			bound[nruns++] = ts->n;
			ts->n += u->n;
		}
		bound[nruns] = ts->n;
		ntok += ts->n;
		tok_merge_runs(ts->v, bound, nruns, tmp);
		tok_fold(ts);
	}
	free(tmp);
	free(bound);
}

/* The Latin terms of the translation (the tokens of its blocks), each
 * with its index. Every token of its blocks gets the index of its hash
 * (a token of another kind only when its hash is a term's too), and
 * when there are indexes for all, tm->n when it is no term's. */
static void side_terms(struct side *sd, struct termmap *tm)
{
	size_t nb = sd->doc->nblocks, n = 0;
	for (size_t i = 0; i <= nb; i++)
		n += sd->btok[i].n;
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	tm->slot = xcalloc(cap, sizeof(*tm->slot));
	tm->val = xmalloc(cap * sizeof(*tm->val));
	tm->mask = cap - 1;
	tm->n = 0;
	tm->has_zero = tm->full = false;
	tm->zero_val = TERM_NONE;
	bool other = false;
	for (size_t i = 0; i <= nb; i++)
		for (size_t k = 0; k < sd->btok[i].n; k++) {
			struct token *t = &sd->btok[i].v[k];
			if (t->kind == TK_TERM)
				t->term = termmap_add(tm, t->h);
			else
				other = true;
		}
	for (size_t i = 0; other && i <= nb; i++)
		for (size_t k = 0; k < sd->btok[i].n; k++) {
			struct token *t = &sd->btok[i].v[k];
			if (t->kind != TK_TERM)
				termmap_get(tm, t->h, &t->term);
		}
	for (size_t i = 0; !tm->full && i <= nb; i++)
		for (size_t k = 0; k < sd->btok[i].n; k++)
			if (sd->btok[i].v[k].term == TERM_NONE)
				sd->btok[i].v[k].term = (uint16_t)tm->n;
}

/* The source's section sets split for tok_sim_split(), with the n terms
 * of the translation (side_terms() on a map that is not full: every
 * source term has its index). */
static void side_split(struct side *sd, size_t nterms)
{
	size_t ns = sd->doc->nsections, ntok = 0;
	for (size_t s = 0; s < ns; s++)
		ntok += sd->stok[s].n;
	sd->ssplit = xmalloc((ns ? ns : 1) * sizeof(*sd->ssplit));
	sd->split_nv = xmalloc((ntok + ns + 1) * sizeof(*sd->split_nv));
	sd->split_tw = xcalloc((ns ? ns : 1) * (nterms + 1), sizeof(*sd->split_tw));
	ntok = 0;
	for (size_t s = 0; s < ns; s++) {
		const struct tokset *ts = &sd->stok[s];
		struct token *nv = sd->split_nv + ntok;
		float *tw = sd->split_tw + s * (nterms + 1);
		size_t nn = 0;
		for (size_t k = 0; k < ts->n; k++) {
			const struct token *t = &ts->v[k];
			if (t->kind == TK_TERM)
				tw[t->term] = t->w;
			else
				nv[nn++] = *t;
		}
		nv[nn] = tok_sentinel;
		sd->ssplit[s] = (struct split){nv, nn, tw};
		ntok += nn + 1;
	}
}

static void side_release(struct side *sd)
{
	free(sd->ssplit);
	free(sd->split_nv);
	free(sd->split_tw);
	free(sd->pool);
	free(sd->spool);
	free(sd->btok);
	free(sd->stok);
	free(sd->ukind);
	free(sd->unit);
	free(sd->sunits);
	free(sd->sunit_start);
}

/* ---- section scoring ---- */

struct sec_score {
	float score, conf;
	float pos;   /* the position part of score (<= 0) */
	float sim;   /* shared evidence, 0..1 */
	bool contra;
};

static const struct heading *sec_heading(const struct doc *d, int s)
{
	int h = d->sections[s].heading;
	return h >= 0 ? &d->headings[h] : NULL;
}

/* Does the source page have a heading with this ID other than `except`? */
static bool src_has_id(const struct doc *src, const char *id, int except)
{
	for (size_t i = 0; i < src->nheadings; i++)
		if ((int)i != except && strcmp(src->headings[i].id, id) == 0)
			return true;
	return false;
}

/* What score_sections() needs of the headings, found once per page pair:
 * a hash of each section heading's ID (two IDs are equal only when their
 * hashes are), and for a translation heading with an explicit ID whether
 * some source heading has that ID. */
struct sec_ids {
	uint64_t *src, *tr; /* [nsections] (0: the preamble) */
	bool *tr_in_src;    /* [nsections of the translation] */
};

static void sec_ids_make(struct sec_ids *x, const struct doc *src, const struct doc *tr)
{
	x->src = xcalloc(src->nsections + 1, sizeof(*x->src));
	x->tr = xcalloc(tr->nsections + 1, sizeof(*x->tr));
	x->tr_in_src = xcalloc(tr->nsections + 1, sizeof(*x->tr_in_src));
	for (size_t s = 1; s < src->nsections; s++)
		x->src[s] = hash_bytes(0, sec_heading(src, (int)s)->id, strlen(sec_heading(src, (int)s)->id), false);
	for (size_t t = 1; t < tr->nsections; t++) {
		const struct heading *ht = sec_heading(tr, (int)t);
		x->tr[t] = hash_bytes(0, ht->id, strlen(ht->id), false);
		if (ht->explicit_id)
			x->tr_in_src[t] = src_has_id(src, ht->id, -1);
	}
}

static void sec_ids_free(struct sec_ids *x)
{
	free(x->src);
	free(x->tr);
	free(x->tr_in_src);
}

static struct sec_score score_sections(const struct side *S, const struct side *T,
                                       const struct sec_ids *ids, int s, int t)
{
	const struct doc *src = S->doc, *tr = T->doc;
	const struct heading *hs = sec_heading(src, s), *ht = sec_heading(tr, t);
	struct sec_score r = {0.25f, 0.5f, 0, 0, false};
	bool id_match = false;
	bool same_id = ids->src[s] == ids->tr[t] && strcmp(ht->id, hs->id) == 0;
	if (ht->explicit_id && same_id) {
		r.score += 8.0f;
		id_match = true;
	} else if (ht->explicit_id && ids->tr_in_src[t]) {
		/* (some source heading has the ID: not s's, whose differs) */
		r.score -= 4.0f;
	} else if (same_id) {
		r.score += 1.5f; /* same auto ID: the heading was kept as is */
		id_match = true;
	}
	/* {{% heading "whatsnext" %}} on both sides is as good as an ID; on
	 * one side only, it speaks against the pair. */
	if (hs->i18n_key && ht->i18n_key) {
		if (strcmp(hs->i18n_key, ht->i18n_key) == 0) {
			r.score += 6.0f;
			id_match = true;
		} else {
			r.score -= 3.0f;
		}
	} else if (hs->i18n_key || ht->i18n_key) {
		r.score -= 1.5f;
	}
	struct sim sm = S->ssplit ? tok_sim_split(&S->ssplit[s], &T->stok[t])
	                          : tok_sim(&S->stok[s], &T->stok[t]);
	r.score += 2.5f * sm.sim;
	if (sm.contra)
		r.score -= 1.5f;
	int dl = hs->level - ht->level;
	r.score += dl == 0 ? 0.25f : -0.35f * (float)abs(dl);
	float ps = (float)(s - 1) / (float)(src->nsections > 1 ? src->nsections - 1 : 1);
	float pt = (float)(t - 1) / (float)(tr->nsections > 1 ? tr->nsections - 1 : 1);
	r.pos = -0.6f * fabsf(ps - pt);
	r.score += r.pos;
	r.sim = sm.sim;
	r.contra = sm.contra;

	if (id_match && ht->explicit_id)
		r.conf = 1.0f;
	else {
		float c = 0.45f;
		if (sm.total > 0)
			c += 0.5f * sm.sim;
		if (sm.strong_shared > 0)
			c += 0.15f;
		if (id_match)
			c += 0.3f;
		if (sm.contra)
			c -= 0.25f;
		if (dl)
			c -= 0.1f;
		r.conf = c < 0 ? 0 : c > 1 ? 1 : c;
	}
	return r;
}

/* Needleman-Wunsch with free gaps over n x m, maximizing the sum of
 * positive pair scores; pairs only where score > 0. out_a[i] = j or -1. */
static void dp_align(int n, int m, const float *score, int *out_a)
{
	size_t W = (size_t)m + 1;
	/* the loop below writes every cell but row 0 and column 0: F is 0
	 * there, bt is never read there */
	float *F = xmalloc(((size_t)n + 1) * W * sizeof(float));
	unsigned char *bt = xmalloc(((size_t)n + 1) * W);
	for (size_t j = 0; j < W; j++)
		F[j] = 0;
	for (int i = 1; i <= n; i++)
		F[(size_t)i * W] = 0;
	for (int i = 1; i <= n; i++) {
		for (int j = 1; j <= m; j++) {
			float best = F[(size_t)(i - 1) * W + j];
			unsigned char how = 1; /* skip a */
			float left = F[(size_t)i * W + j - 1];
			if (left > best) {
				best = left;
				how = 2; /* skip b */
			}
			float sc = score[(size_t)(i - 1) * (size_t)m + (j - 1)];
			if (sc > 0) {
				float diag = F[(size_t)(i - 1) * W + j - 1] + sc;
				if (diag > best) {
					best = diag;
					how = 3;
				}
			}
			F[(size_t)i * W + j] = best;
			bt[(size_t)i * W + j] = how;
		}
	}
	for (int i = 0; i < n; i++)
		out_a[i] = -1;
	int i = n, j = m;
	while (i > 0 && j > 0) {
		unsigned char how = bt[(size_t)i * W + j];
		if (how == 3) {
			out_a[i - 1] = j - 1;
			i--;
			j--;
		} else if (how == 2) {
			j--;
		} else {
			i--;
		}
	}
	free(F);
	free(bt);
}

static void align_sections(struct alignment *al, const struct side *S, const struct side *T)
{
	const struct doc *src = S->doc, *tr = T->doc;
	int n = (int)src->nsections - 1, m = (int)tr->nsections - 1;
	al->s2t[0] = 0;
	al->t2s[0] = 0;
	al->sconf[0] = 1.0f;
	if (n <= 0 || m <= 0)
		return;
	/* (every element of these is written below) */
	float *score = xmalloc((size_t)n * (size_t)m * sizeof(float));
	float *conf = xmalloc((size_t)n * (size_t)m * sizeof(float));
	/* every pair scored once: the moved-section pass below reuses them */
	struct sec_score *all = xmalloc((size_t)n * (size_t)m * sizeof(*all));
	struct sec_ids ids;
	sec_ids_make(&ids, src, tr);
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < m; j++) {
			struct sec_score r = score_sections(S, T, &ids, i + 1, j + 1);
			all[(size_t)i * (size_t)m + j] = r;
			score[(size_t)i * (size_t)m + j] = r.score;
			conf[(size_t)i * (size_t)m + j] = r.conf;
		}
	}
	sec_ids_free(&ids);
	if (getenv("L10NLINT_DEBUG_ALIGN")) {
		for (int i = 0; i < n; i++) {
			fprintf(stderr, "s%-3d", i + 1);
			for (int j = 0; j < m; j++)
				fprintf(stderr, " %6.2f", score[(size_t)i * (size_t)m + j]);
			fputc('\n', stderr);
		}
	}
	int *pair = xcalloc((size_t)n, sizeof(int));
	dp_align(n, m, score, pair);
	for (int i = 0; i < n; i++) {
		if (pair[i] < 0)
			continue;
		al->s2t[i + 1] = pair[i] + 1;
		al->t2s[pair[i] + 1] = i + 1;
		al->sconf[i + 1] = conf[(size_t)i * (size_t)m + pair[i]];
	}
	/* Gaps: between two paired sections (or the ends), k unpaired source
	 * sections facing k unpaired translation sections with the same
	 * heading levels are the same sections whose evidence changed (a link
	 * retargeted, a paragraph rewritten): pair them, with low confidence,
	 * so that rules speak softly about them. Only the gap's top-level
	 * sections count: a subsection of an unpaired section is the
	 * subsection's own question (an added subsection stays extra). */
	int ps = 0, pt = 0; /* the last pair, 0-based section numbers */
	int *rs = xcalloc((size_t)n + 2, sizeof(int)), *rt = xcalloc((size_t)m + 2, sizeof(int));
	for (int i = 1; i <= n + 1; i++) {
		if (i <= n && al->s2t[i] < 0)
			continue;
		int ts = i <= n ? al->s2t[i] : m + 1;
		int nrs = 0, nrt = 0;
		for (int k = ps + 1; k < i; k++) {
			int par = src->sections[k].parent;
			if (par <= ps || al->s2t[par] >= 0)
				rs[nrs++] = k;
		}
		for (int k = pt + 1; k < ts; k++) {
			int par = tr->sections[k].parent;
			if ((par <= pt || al->t2s[par] >= 0) && al->t2s[k] < 0)
				rt[nrt++] = k;
		}
		if (nrs > 0 && nrs == nrt && ts > pt) {
			bool same = true;
			for (int k = 0; k < nrs; k++)
				if (sec_heading(src, rs[k])->level != sec_heading(tr, rt[k])->level)
					same = false;
			if (same) {
				for (int k = 0; k < nrs; k++) {
					al->s2t[rs[k]] = rt[k];
					al->t2s[rt[k]] = rs[k];
					al->sconf[rs[k]] = 0.4f;
				}
			}
		}
		if (i <= n) {
			ps = i;
			pt = ts;
		}
	}
	free(rs);
	free(rt);

	/* Moved sections: unpaired on both sides but alike wherever they
	 * stand (the score without its position part), each the other's best
	 * candidate. Best first, greedily. */
	float *free_score = xmalloc((size_t)n * (size_t)m * sizeof(float));
	for (int i = 0; i < n; i++)
		for (int j = 0; j < m; j++) {
			struct sec_score r = all[(size_t)i * (size_t)m + j];
			bool strong = r.score - r.pos >= 1.0f && r.sim >= 0.3f && !r.contra;
			free_score[(size_t)i * (size_t)m + j] = r.score >= 5.0f || strong ? r.score - r.pos : 0;
		}
	for (;;) {
		int bi = -1, bj = -1;
		float best = 0;
		for (int i = 0; i < n; i++) {
			if (al->s2t[i + 1] >= 0)
				continue;
			for (int j = 0; j < m; j++) {
				if (al->t2s[j + 1] >= 0)
					continue;
				float v = free_score[(size_t)i * (size_t)m + j];
				if (v > best) {
					best = v;
					bi = i;
					bj = j;
				}
			}
		}
		if (bi < 0)
			break;
		al->s2t[bi + 1] = bj + 1;
		al->t2s[bj + 1] = bi + 1;
		al->smoved[bi + 1] = true;
		al->sconf[bi + 1] = conf[(size_t)bi * (size_t)m + bj];
	}
	free(free_score);
	free(all);
	free(pair);
	free(score);
	free(conf);
}

/* ---- blocks ---- */

static bool unit_compatible(enum unit_kind a, enum unit_kind b)
{
	if (a == b)
		return true;
	return (a == UNIT_PARAGRAPH && b == UNIT_SHORTCODE) ||
	       (a == UNIT_SHORTCODE && b == UNIT_PARAGRAPH);
}

static float block_score(const struct side *S, const struct side *T, int bs, int bt,
                         const struct tokset *ts, const struct tokset *tt, float ps, float pt,
                         float *conf)
{
	enum unit_kind ks = S->ukind[bs], kt = T->ukind[bt];
	if (!unit_compatible(ks, kt)) {
		*conf = 0;
		return -1;
	}
	float sc = ks == kt ? 0.3f : 0.05f;
	struct sim sm = tok_sim(ts, tt);
	sc += 2.0f * sm.sim;
	if (sm.contra)
		sc -= 1.0f;
	sc -= 0.5f * fabsf(ps - pt);
	if (ks == UNIT_LIST) {
		int a = S->doc->blocks[bs].nitems, b = T->doc->blocks[bt].nitems;
		sc += a == b ? 0.2f : -0.05f * (float)abs(a - b);
	}
	if (ks == UNIT_TABLE) {
		const struct block *x = &S->doc->blocks[bs], *y = &T->doc->blocks[bt];
		sc += x->cols == y->cols ? 0.2f : 0;
	}
	float c = 0.45f + (sm.total > 0 ? 0.5f * sm.sim : 0) + (sm.strong_shared > 0 ? 0.15f : 0);
	if (sm.contra)
		c -= 0.25f;
	if (ks != kt)
		c -= 0.15f;
	*conf = c < 0 ? 0 : c > 1 ? 1 : c;
	return sc;
}

/* Blocks of one section pair: DP with 1:1, 1:2 and 2:1 (paragraph split
 * or merge) steps. */
/* align_blocks() arrays, reused from one section pair to the next. */
struct blk_scratch {
	float *F;
	unsigned char *bt;
	size_t fcap;
	struct tokset *mrg_s, *mrg_t; /* the sets keep their arrays */
	size_t scap, tcap;
	bool *have_s, *have_t;
};

static void scratch_sets(struct tokset **v, bool **have, size_t *cap, size_t need)
{
	if (need > *cap) {
		size_t old = *cap;
		*v = xgrow(*v, need, cap, sizeof(**v));
		memset(*v + old, 0, (*cap - old) * sizeof(**v));
		*have = xrealloc(*have, *cap * sizeof(**have));
	}
	for (size_t k = 0; k < need; k++)
		(*v)[k].n = 0;
	memset(*have, 0, need * sizeof(**have));
}

static void scratch_release(struct blk_scratch *x)
{
	for (size_t k = 0; k < x->scap; k++)
		free(x->mrg_s[k].v);
	for (size_t k = 0; k < x->tcap; k++)
		free(x->mrg_t[k].v);
	free(x->mrg_s);
	free(x->mrg_t);
	free(x->have_s);
	free(x->have_t);
	free(x->F);
	free(x->bt);
}

static void align_blocks(struct alignment *al, const struct side *S, const struct side *T, int s,
                         int t, struct blk_scratch *x)
{
	const int *us = S->sunits + S->sunit_start[s];
	int n = S->sunit_start[s + 1] - S->sunit_start[s];
	const int *ut = T->sunits + T->sunit_start[t];
	int m = T->sunit_start[t + 1] - T->sunit_start[t];
	if (n == 0 || m == 0)
		return;
	size_t W = (size_t)m + 1;
	/* every cell is written below but F[0][0] (0) and bt[0][0] (unread) */
	size_t cells = ((size_t)n + 1) * W;
	if (cells > x->fcap) {
		size_t cap = x->fcap;
		x->F = xgrow(x->F, cells, &x->fcap, sizeof(float));
		x->bt = xgrow(x->bt, cells, &cap, 1);
	}
	float *F = x->F;
	unsigned char *bt = x->bt;
	F[0] = 0;
	/* The two-paragraph token sets of the split/merge steps, made once
	 * per (i - 2, i - 1) of the source and (j - 2, j - 1) of the
	 * translation, on first use. */
	scratch_sets(&x->mrg_s, &x->have_s, &x->scap, (size_t)n + 1);
	scratch_sets(&x->mrg_t, &x->have_t, &x->tcap, (size_t)m + 1);
	struct tokset *mrg_s = x->mrg_s, *mrg_t = x->mrg_t;
	bool *have_s = x->have_s, *have_t = x->have_t;
	float c;
	for (int i = 0; i <= n; i++) {
		for (int j = 0; j <= m; j++) {
			if (i == 0 && j == 0)
				continue;
			float best = -1e30f;
			unsigned char how = 0;
			if (i > 0 && F[(size_t)(i - 1) * W + j] > best) {
				best = F[(size_t)(i - 1) * W + j];
				how = 1;
			}
			if (j > 0 && F[(size_t)i * W + j - 1] > best) {
				best = F[(size_t)i * W + j - 1];
				how = 2;
			}
			if (i > 0 && j > 0) {
				int a = us[i - 1], b = ut[j - 1];
				float sc = block_score(S, T, a, b, &S->btok[a], &T->btok[b], (float)(i - 1) / (float)n,
				                       (float)(j - 1) / (float)m, &c);
				if (sc > 0 && F[(size_t)(i - 1) * W + j - 1] + sc > best) {
					best = F[(size_t)(i - 1) * W + j - 1] + sc;
					how = 3;
				}
			}
			/* one source paragraph split into two translation paragraphs */
			if (i > 0 && j > 1 && S->ukind[us[i - 1]] == UNIT_PARAGRAPH &&
			    T->ukind[ut[j - 1]] == UNIT_PARAGRAPH && T->ukind[ut[j - 2]] == UNIT_PARAGRAPH) {
				if (!have_t[j]) {
					tok_merge2(&mrg_t[j], &T->btok[ut[j - 2]], &T->btok[ut[j - 1]]);
					have_t[j] = true;
				}
				int a = us[i - 1];
				float sc = block_score(S, T, a, ut[j - 2], &S->btok[a], &mrg_t[j],
				                       (float)(i - 1) / (float)n, (float)(j - 2) / (float)m, &c) -
				           0.1f;
				if (sc > 0 && F[(size_t)(i - 1) * W + j - 2] + sc > best) {
					best = F[(size_t)(i - 1) * W + j - 2] + sc;
					how = 4;
				}
			}
			/* two source paragraphs merged into one */
			if (i > 1 && j > 0 && T->ukind[ut[j - 1]] == UNIT_PARAGRAPH &&
			    S->ukind[us[i - 1]] == UNIT_PARAGRAPH && S->ukind[us[i - 2]] == UNIT_PARAGRAPH) {
				if (!have_s[i]) {
					tok_merge2(&mrg_s[i], &S->btok[us[i - 2]], &S->btok[us[i - 1]]);
					have_s[i] = true;
				}
				int b = ut[j - 1];
				float sc = block_score(S, T, us[i - 2], b, &mrg_s[i], &T->btok[b],
				                       (float)(i - 2) / (float)n, (float)(j - 1) / (float)m, &c) -
				           0.1f;
				if (sc > 0 && F[(size_t)(i - 2) * W + j - 1] + sc > best) {
					best = F[(size_t)(i - 2) * W + j - 1] + sc;
					how = 5;
				}
			}
			F[(size_t)i * W + j] = best;
			bt[(size_t)i * W + j] = how;
		}
	}
	int i = n, j = m;
	while (i > 0 || j > 0) {
		unsigned char how = bt[(size_t)i * W + j];
		if (how == 3) {
			int a = us[i - 1], b = ut[j - 1];
			block_score(S, T, a, b, &S->btok[a], &T->btok[b], 0, 0, &c);
			al->b2t[a] = b;
			al->t2b[b] = a;
			al->bconf[a] = c;
			i--;
			j--;
		} else if (how == 4) {
			int a = us[i - 1];
			al->b2t[a] = ut[j - 2];
			al->t2b[ut[j - 2]] = a;
			al->t2b[ut[j - 1]] = a;
			al->bconf[a] = 0.5f;
			i--;
			j -= 2;
		} else if (how == 5) {
			int b = ut[j - 1];
			al->b2t[us[i - 2]] = b;
			al->b2t[us[i - 1]] = b;
			al->t2b[b] = us[i - 2];
			al->bconf[us[i - 2]] = al->bconf[us[i - 1]] = 0.5f;
			i -= 2;
			j--;
		} else if (how == 2) {
			j--;
		} else {
			i--;
		}
	}
}

/* ---- public ---- */

struct alignment *align_docs(const struct doc *src, const struct doc *tr,
                             const struct align_options *opt)
{
	struct alignment *al = xcalloc(1, sizeof(*al));
	al->src = src;
	al->tr = tr;
	size_t ns = src->nsections, nt = tr->nsections;
	al->s2t = xmalloc(ns * sizeof(int));
	al->t2s = xmalloc(nt * sizeof(int));
	al->sconf = xcalloc(ns, sizeof(float));
	al->smoved = xcalloc(ns, sizeof(bool));
	for (size_t i = 0; i < ns; i++)
		al->s2t[i] = -1;
	for (size_t i = 0; i < nt; i++)
		al->t2s[i] = -1;
	size_t nbs = src->nblocks + 1, nbt = tr->nblocks + 1;
	al->b2t = xmalloc(nbs * sizeof(int));
	al->t2b = xmalloc(nbt * sizeof(int));
	al->bconf = xcalloc(nbs, sizeof(float));
	for (size_t i = 0; i < nbs; i++)
		al->b2t[i] = -1;
	for (size_t i = 0; i < nbt; i++)
		al->t2b[i] = -1;

	struct side S = {0}, T = {0};
	/* the translation first: its terms filter the source's */
	uint64_t term_filter[TERM_FILTER_WORDS] = {0};
	/* the tokens as found, one array for both sides */
	struct bag bag = {NULL, NULL, 0, 0};
	size_t alloc = 0;
	bag.v = xgrow(NULL, 1024, &bag.alloc, sizeof(*bag.v));
	bag.blk = xgrow(NULL, 1024, &alloc, sizeof(*bag.blk));
	side_prepare(&T, tr, opt && opt->tr_lang ? opt->tr_lang : tr->lang, NULL, term_filter, &bag);
	struct termmap terms;
	side_terms(&T, &terms);
	side_sections(&T);
	side_prepare(&S, src, opt && opt->src_lang ? opt->src_lang : src->lang, &terms, term_filter, &bag);
	side_sections(&S);
	/* (not where the weights by term index would take more than 1 M
	 * floats) */
	if (!terms.full && src->nsections * (terms.n + 1) <= ((size_t)1 << 20))
		side_split(&S, terms.n);
	free(bag.v);
	free(bag.blk);
	free(terms.slot);
	free(terms.val);
	align_sections(al, &S, &T);
	struct blk_scratch x = {0};
	for (size_t s = 0; s < ns; s++)
		if (al->s2t[s] >= 0)
			align_blocks(al, &S, &T, (int)s, al->s2t[s], &x);
	scratch_release(&x);

	al->ukind_src = S.ukind;
	al->ukind_tr = T.ukind;
	al->unit_src = S.unit;
	al->unit_tr = T.unit;
	S.ukind = T.ukind = NULL;
	S.unit = T.unit = NULL;
	side_release(&S);
	side_release(&T);
	return al;
}

void align_free(struct alignment *al)
{
	if (!al)
		return;
	free(al->s2t);
	free(al->t2s);
	free(al->sconf);
	free(al->smoved);
	free(al->ukind_src);
	free(al->ukind_tr);
	free(al->unit_src);
	free(al->unit_tr);
	free(al->b2t);
	free(al->t2b);
	free(al->bconf);
	free(al);
}

int align_src_section(const struct alignment *al, int t)
{
	if (t < 0 || (size_t)t >= al->tr->nsections)
		return -1;
	return al->t2s[t];
}

int align_tr_section(const struct alignment *al, int s)
{
	if (s < 0 || (size_t)s >= al->src->nsections)
		return -1;
	return al->s2t[s];
}

/* ---- printing ---- */

/* Terminal width of UTF-8 text: East Asian wide and full-width count 2. */
static size_t display_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	while (i < len) {
		uint32_t cp = utf8_next(s, len, &i);
		int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
		int gc = u_charType((UChar32)cp);
		if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR)
			continue;
		w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
	}
	return w;
}

/* Print s clipped/padded to exactly `width` columns. */
static void put_cell(FILE *out, const char *s, size_t width)
{
	size_t len = strlen(s), i = 0, w = 0;
	while (i < len) {
		size_t start = i;
		uint32_t cp = utf8_next(s, len, &i);
		(void)cp;
		size_t cw = display_width(s + start, i - start);
		if (w + cw > width - (i < len ? 1 : 0) && (i < len || w + cw > width)) {
			fputs("…", out);
			w++;
			break;
		}
		if (cp < 0x20)
			fputc(' ', out);
		else
			fwrite(s + start, 1, i - start, out);
		w += cw;
	}
	for (; w < width; w++)
		fputc(' ', out);
}

static void heading_label(const struct doc *d, int s, struct strbuf *sb)
{
	strbuf_reset(sb);
	const struct heading *h = sec_heading(d, s);
	if (!h) {
		strbuf_addstr(sb, "(preamble)");
		return;
	}
	for (int i = 0; i < h->level; i++)
		strbuf_addch(sb, '#');
	strbuf_addch(sb, ' ');
	strbuf_addstr(sb, h->text);
}

#define COLW 44

static void print_row(FILE *out, const struct alignment *al, int s, int t, struct strbuf *sb,
                      bool color)
{
	const struct doc *src = al->src, *tr = al->tr;
	if (s >= 0) {
		const struct heading *h = sec_heading(src, s);
		fprintf(out, "%5u  ", h ? h->line : 1);
		heading_label(src, s, sb);
		put_cell(out, sb->buf, COLW);
	} else {
		fprintf(out, "%5s  ", "");
		put_cell(out, "", COLW);
	}
	if (s >= 0 && t >= 0)
		fputs(al->smoved[s] ? " ⇄ " : " ↔ ", out);
	else if (s >= 0)
		fputs(color ? " \033[1;31m✗\033[0m " : " ✗ ", out);
	else
		fputs(color ? " \033[1;33m+\033[0m " : " + ", out);
	if (t >= 0) {
		const struct heading *h = sec_heading(tr, t);
		fprintf(out, "%5u  ", h ? h->line : 1);
		heading_label(tr, t, sb);
		put_cell(out, sb->buf, COLW);
	} else {
		fprintf(out, "%5s  ", "");
		put_cell(out, "(no counterpart)", COLW);
	}
	if (s >= 0 && t >= 0)
		fprintf(out, " %.2f%s", al->sconf[s], al->smoved[s] ? " moved" : "");
	else if (s < 0)
		fputs(" extra", out);
	else
		fputs(" missing", out);
	fputc('\n', out);
}

void align_print_text(const struct alignment *al, FILE *out, bool color)
{
	const struct doc *src = al->src, *tr = al->tr;
	struct strbuf sb = STRBUF_INIT;
	fprintf(out, "%5s  ", "line");
	put_cell(out, src->path, COLW);
	fputs("   ", out);
	fprintf(out, "%5s  ", "line");
	put_cell(out, tr->path, COLW);
	fputs(" conf\n", out);
	size_t nt = tr->nsections;
	size_t next_t = 0; /* translation sections below this are printed */
	bool *printed = xcalloc(nt + 1, sizeof(bool));
	for (size_t s = 0; s < src->nsections; s++) {
		int t = al->s2t[s];
		if (t >= 0 && !al->smoved[s]) {
			for (; next_t < (size_t)t; next_t++)
				if (al->t2s[next_t] < 0 && !printed[next_t]) {
					print_row(out, al, -1, (int)next_t, &sb, color);
					printed[next_t] = true;
				}
		}
		print_row(out, al, (int)s, t, &sb, color);
		if (t >= 0)
			printed[t] = true;
	}
	for (size_t t = 0; t < nt; t++)
		if (!printed[t] && al->t2s[t] < 0)
			print_row(out, al, -1, (int)t, &sb, color);
	free(printed);
	strbuf_release(&sb);
}

static void json_heading(struct json *j, const struct doc *d, int s)
{
	if (s < 0) {
		json_null(j);
		return;
	}
	const struct heading *h = sec_heading(d, s);
	json_begin_object(j);
	json_key(j, "section");
	json_int(j, s);
	json_key(j, "line");
	json_int(j, h ? h->line : 1);
	json_key(j, "level");
	json_int(j, h ? h->level : 0);
	json_key(j, "id");
	json_string(j, h ? h->id : NULL);
	json_key(j, "text");
	json_string(j, h ? h->text : NULL);
	json_end_object(j);
}

static void json_pair(struct json *j, const struct alignment *al, int s, int t)
{
	json_begin_object(j);
	json_key(j, "source");
	json_heading(j, al->src, s);
	json_key(j, "translation");
	json_heading(j, al->tr, t);
	json_key(j, "confidence");
	if (s >= 0 && t >= 0) {
		/* two decimals, as a JSON number */
		json_raw_number(j, al->sconf[s]);
	} else {
		json_null(j);
	}
	json_key(j, "moved");
	json_bool(j, s >= 0 && al->smoved[s]);
	json_end_object(j);
}

void align_print_json(const struct alignment *al, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	json_init(&j, &sb, true);
	json_begin_object(&j);
	json_key(&j, "source");
	json_string(&j, al->src->path);
	json_key(&j, "translation");
	json_string(&j, al->tr->path);
	json_key(&j, "sections");
	json_begin_array(&j);
	for (size_t s = 0; s < al->src->nsections; s++)
		json_pair(&j, al, (int)s, al->s2t[s]);
	for (size_t t = 0; t < al->tr->nsections; t++)
		if (al->t2s[t] < 0)
			json_pair(&j, al, -1, (int)t);
	json_end_array(&j);
	json_end_object(&j);
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}
