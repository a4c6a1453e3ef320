/* checks/blocks.c - block-missing, block-extra, list-mismatch,
 * table-mismatch, paragraph-mismatch, code-block-mismatch.
 *
 * Everything here reads the block pairs of the alignment (align.h) inside
 * each pair of sections, after completing them where the aligner leaves
 * both sides of a gap unpaired or cannot see the translator's layout:
 *  - in a gap between two pairs: code blocks sharing most lines or words,
 *    units of one kind that occur as often on both sides, an image and a
 *    {{< figure >}};
 *  - a paragraph the translator split in several (or merged with the next
 *    one): an unpaired paragraph next to a pair joins it when that brings
 *    the pair's length in line with the locale's length_ratio, or when all
 *    its links, code and numbers are the other side's;
 *  - a source list broken in two by an unindented block, kept as one list
 *    by the translation; units between two parts of one group.
 * Groups are kept as align.h does: every unit of the larger side points
 * at the one unit of the other, which points at the first of them.
 *
 * paragraph-mismatch compares lengths (text_weight) against the locale's
 * ratio, sentence counts (ICU), lost code spans, and a length-based
 * sentence alignment inside the paragraph; its thresholds were calibrated
 * on the real corpus (docs/rules/paragraph-mismatch.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../check.h"
#include "../text.h"
#include "../sort.h"
#include "../utf8.h"
#include "../xalloc.h"

/* ---- tuning ---- */

/* paragraph-mismatch (see docs/rules/paragraph-mismatch.md for the
 * calibration). r is the translation's length over the expected length
 * (source letters x the locale's length_ratio); ns, nt the sentences;
 * gap the source letters the translation does not account for. */
#define PM_MIN_SRC 60          /* shorter source paragraphs are not checked */
#define PM_MIN_GAP 40          /* gap at least this many letters, */
#define PM_MIN_GAP_SENT 20     /* this many with a sentence more in the source */
#define PM_GROWN_HARD 0.45     /* grown: r below this, */
#define PM_GROWN_SENT 0.90     /* or below this with fewer sentences in the */
#define PM_GROWN_SENT_PART 0.4 /* translation and a gap of 40% of a sentence, */
#define PM_GROWN_SAME 0.60     /* or below this and no more sentences, */
#define PM_GROWN_CODE 0.85     /* or below this and a code span lost, */
#define PM_GROWN_ALIGN 0.95    /* or below this and a source sentence left */
#define PM_ALIGN_GAIN 0.5      /* unmatched (sentence alignment gain) */
#define PM_SHRUNK_HARD 2.4     /* shrunk: r above this, */
#define PM_SHRUNK_SENT 1.75    /* or above this with 2 more sentences */

/* Sentence alignment inside a paragraph: length smoothing (letters),
 * spread of the log ratio of a sentence pair, penalties of 1:2 and 1:3
 * steps, and the cost of a sentence left unmatched. */
#define SA_SMOOTH 8.0
#define SA_SIGMA 0.35
#define SA_SPLIT_2 0.5
#define SA_MERGE_2 3.0
#define SA_SPLIT_3 1.2
#define SA_MERGE_3 5.0
#define SA_CROSS 1.5
#define SA_SKIP 1.0

/* Split/merge completion: how long a pair may become by taking in a
 * split-off piece (by length, by evidence); how long a translation must
 * be to take in an unpaired source paragraph as a merge. */
#define SPLIT_LONG 1.30
#define SPLIT_LONG_EVIDENCE 1.70
#define MERGE_LONG 1.15
#define MERGE_GAIN 0.15
#define MERGE_LONG_EVIDENCE 1.10

/* Missing or extra page-part markers (<!-- body -->) change nothing on
 * the rendered page: their findings are softened to info. */
#define MARKER_CONF 0.3f

/* Findings per code block at most (the last one counts the rest). */
#define CODE_MAX_FINDINGS 3

/* Code blocks sharing at least this part of their lines are paired. */
#define CODE_PAIR_SIM 0.5

/* ---- evidence: numbers, terms, links, code of a piece of text ---- */

struct piece {
	unsigned line, end_line;
	size_t w;
	size_t ev0, nev;   /* tokens in the evidence array */
	int block;         /* item block, or -1 for a table row */
	const char *text;  /* for excerpts */
	size_t b0, b1;     /* list items: the blocks after the item up to the next */
};

struct token {
	uint64_t h;
	uint32_t piece;
	uint8_t kind;      /* EV_* */
	bool term;         /* a Latin term: only counts when the translation kept it */
};

enum { EV_TERM = 1, EV_NUMBER, EV_LINK, EV_CODE, EV_CODELINE };

struct pieces {
	struct piece *v;
	size_t n, alloc;
	struct token *ev;
	size_t nev, evalloc;
	uint32_t cur;      /* piece that text_evidence() adds to */
};

static uint64_t hash_str(int kind, const char *s, size_t len, bool fold)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;
	h *= 1099511628211ULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (fold && ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h ^= ch;
		h *= 1099511628211ULL;
	}
	return h;
}

static void ev_add(struct pieces *P, uint32_t piece, int kind, const char *s, size_t len)
{
	if (P->nev == P->evalloc)
		P->ev = xgrow(P->ev, P->nev + 1, &P->evalloc, sizeof(*P->ev));
	P->ev[P->nev].h = hash_str(kind, s, len, kind == EV_TERM || kind == EV_CODE);
	P->ev[P->nev].piece = piece;
	P->ev[P->nev].kind = (uint8_t)kind;
	P->ev[P->nev].term = kind == EV_TERM;
	P->nev++;
}

static void term_cb(void *ctx, const char *term, size_t len, size_t off)
{
	(void)off;
	struct pieces *P = ctx;
	ev_add(P, P->cur, EV_TERM, term, len);
}

#define MAX_NUMS 64

/* Numbers and Latin terms of text, as evidence of piece P->cur. */
static void text_evidence(struct pieces *P, const char *s, size_t len)
{
	struct text_number nums[MAX_NUMS];
	size_t nn = text_numbers(s, len, nums, MAX_NUMS);
	if (nn > MAX_NUMS)
		nn = MAX_NUMS;
	for (size_t i = 0; i < nn; i++)
		ev_add(P, P->cur, EV_NUMBER, nums[i].value, strlen(nums[i].value));
	text_latin_terms(s, len, term_cb, P);
}

static struct piece *piece_new(struct pieces *P)
{
	P->v = xgrow(P->v, P->n + 1, &P->alloc, sizeof(*P->v));
	struct piece *p = &P->v[P->n];
	memset(p, 0, sizeof(*p));
	p->block = -1;
	p->text = "";
	P->cur = (uint32_t)P->n++;
	return p;
}

static inline bool tok_less(const struct token *x, const struct token *y)
{
	if (x->piece != y->piece)
		return x->piece < y->piece;
	return x->h < y->h;
}

/* Sort tokens by piece and hash. Tokens with equal piece and hash are
 * equal in every field (the hash covers the kind, which decides `term`),
 * so the result is the same whatever the algorithm (the order qsort()
 * gave). */
SORT_DEFINE(sort_tokens, struct token, tok_less)

/* Sort the evidence by piece and hash; set each piece's range. */
static void pieces_finish(struct pieces *P)
{
	sort_tokens(P->ev, P->nev);
	size_t k = 0;
	for (size_t i = 0; i < P->n; i++) {
		P->v[i].ev0 = k;
		while (k < P->nev && P->ev[k].piece == i)
			k++;
		P->v[i].nev = k - P->v[i].ev0;
	}
}

static void pieces_free(struct pieces *P)
{
	free(P->v);
	free(P->ev);
}

/* ---- per-side data ---- */

struct cline {
	size_t off, len; /* normalised text in the buffer */
	int orig;        /* 0-based line within the block's content */
};

struct codenorm {
	struct strbuf buf;
	struct cline *v;
	size_t n, alloc;
};

struct side {
	const struct doc *d;
	const enum unit_kind *ukind;
	const int *unit;
	/* [nblocks]: letters of a unit's paragraphs and tables, SIZE_MAX
	 * until asked for (unit_w()): many units never need theirs */
	size_t *w;
	int *pair;     /* [nblocks]: paired unit of the other side, -1 */
	int *pos;      /* [nblocks]: index of a unit in its section's list */
	int *list;     /* units of the current section */
	int n;
	/* Evidence of each unit (piece = block index), computed on first use
	 * by unit_ev(): most units never need theirs. */
	struct pieces ev;
	bool *ev_done;    /* [nblocks] */
	size_t *ix0;      /* [nblocks + 1]: a unit's entries in ix */
	uint32_t *ix;     /* paragraphs/tables, links, code spans of each unit */
	const char *lang; /* for link destinations */
	const char *sent_lang; /* for sentence breaks */
	size_t *bw;       /* [nblocks]: letters of a block's prose, SIZE_MAX until known */
	size_t *bsent;    /* [nblocks]: its sentences (ICU), SIZE_MAX until known */
	size_t *plen;     /* [nblocks]: block_prose(): length of the prose when it
	                   * is used as is, SIZE_MAX - 1 when not, SIZE_MAX until known */
	struct strbuf *scratch; /* for clean_prose() */
	bool *image;   /* [nblocks]: the unit holds an image */
	bool *figure;  /* [nblocks]: the unit holds a {{< figure >}} */
};

struct blk {
	struct check_ctx *c;
	struct side S, T;
	float *conf;   /* [src->nblocks]: confidence of a pair */
	double ratio;  /* expected translation/source length */
	struct strbuf tmp, tmp2;
	struct codenorm cn;     /* scratch */
	const char *src_lang, *tr_lang;
	bool tr_cjk;            /* the translation ends sentences with 。 */
};

/* Does the paragraph hold a shortcode tag at offset i ("{{<", "{{%")? */
static bool sc_open_at(const char *s, size_t len, size_t i)
{
	return i + 2 < len && s[i] == '{' && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%');
}

/* Text of prose for length and sentence counts: shortcode tags dropped,
 * except the reader-visible text="..." argument (glossary_tooltip). */
static void clean_prose(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	if (!s)
		return;
	size_t len = strlen(s), i = 0;
	while (i < len) {
		if (!sc_open_at(s, len, i)) {
			/* up to the next '{' (where a shortcode may start) */
			const char *br = memchr(s + i + 1, '{', len - i - 1);
			size_t e = br ? (size_t)(br - s) : len;
			strbuf_add(out, s + i, e - i);
			i = e;
			continue;
		}
		char d = s[i + 2];
		/* the tag ends at the first ">}}" ("%}}") from i + 3, else the
		 * text does: the closing characters found by memchr */
		char close = d == '<' ? '>' : '%';
		size_t end = len;
		for (size_t j = i + 3; j + 2 < len;) {
			const char *q = memchr(s + j, close, len - 2 - j);
			if (!q)
				break;
			j = (size_t)(q - s);
			if (s[j + 1] == '}' && s[j + 2] == '}') {
				end = j + 3;
				break;
			}
			j++;
		}
		/* keep text="..." */
		for (size_t k = i + 3; k + 6 < end; k++) {
			const char *t = memchr(s + k, 't', end - 6 - k);
			if (!t)
				break;
			k = (size_t)(t - s);
			if (strncmp(s + k, "text=\"", 6) == 0 && (s[k - 1] == ' ' || s[k - 1] == '\t')) {
				size_t a = k + 6, b = a;
				while (b < end && s[b] != '"')
					b++;
				strbuf_add(out, s + a, b - a);
				break;
			}
		}
		i = end;
	}
}

/* Does s hold a shortcode tag ("{{<", "{{%")? Without one clean_prose()
 * copies s unchanged. */
static bool has_shortcode(const char *s)
{
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{'))
		if (p[1] == '{' && (p[2] == '<' || p[2] == '%'))
			return true;
	return false;
}

/* clean_prose() of s without the copy when it changes nothing: s itself,
 * or the cleaned text in tmp. */
static const char *prose_view(struct strbuf *tmp, const char *s, size_t *len)
{
	if (s && !has_shortcode(s)) {
		*len = strlen(s);
		return s;
	}
	clean_prose(s, tmp);
	*len = tmp->len;
	return tmp->buf;
}

static size_t prose_weight(struct strbuf *tmp, const char *prose)
{
	size_t len;
	const char *p = prose_view(tmp, prose, &len);
	return text_weight(p, len);
}

/* prose_weight() of block i of side sd, computed once. */
static size_t block_weight(const struct side *sd, size_t i)
{
	if (sd->bw[i] == SIZE_MAX)
		sd->bw[i] = prose_weight(sd->scratch, sd->d->blocks[i].prose);
	return sd->bw[i];
}

/* Latin abbreviations that ICU takes for a sentence end before a capital
 * ("e.g. Kubernetes"): their dots are dropped before counting. */
static void drop_abbrev_dots(struct strbuf *sb)
{
	static const char *const abbr[] = {"e.g.", "i.e.", "E.g.", "I.e.", "vs.", "etc.)", "cf."};
	for (size_t a = 0; a < sizeof(abbr) / sizeof(abbr[0]); a++) {
		size_t n = strlen(abbr[a]);
		char *p = sb->buf;
		while ((p = strstr(p, abbr[a])) != NULL) {
			if (p > sb->buf && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'))) {
				p += n;
				continue;
			}
			for (size_t k = 0; k < n; k++)
				if (p[k] == '.')
					p[k] = ' ';
			p += n;
		}
	}
}

/* Does s hold one of drop_abbrev_dots()' abbreviations? Each holds a
 * dot, so only the text around dots is compared. Dropping dots makes no
 * new match: without one, drop_abbrev_dots() changes nothing. */
static bool has_abbrev(const char *s, size_t len)
{
	static const struct {
		const char *s;
		size_t n, dot; /* length, offset of the first '.' */
	} abbr[] = {{"e.g.", 4, 1}, {"i.e.", 4, 1}, {"E.g.", 4, 1}, {"I.e.", 4, 1},
	            {"vs.", 3, 2},  {"etc.)", 5, 3}, {"cf.", 3, 2}};
	const char *p = memchr(s, '.', len);
	for (; p; p = memchr(p + 1, '.', len - (size_t)(p + 1 - s))) {
		size_t d = (size_t)(p - s);
		for (size_t a = 0; a < sizeof(abbr) / sizeof(abbr[0]); a++)
			if (d >= abbr[a].dot && d - abbr[a].dot + abbr[a].n <= len &&
			    memcmp(s + d - abbr[a].dot, abbr[a].s, abbr[a].n) == 0)
				return true;
	}
	return false;
}

/* The prose for sentences: clean_prose() and drop_abbrev_dots() (in
 * B->tmp), or the prose itself when they change nothing. */
static const char *sentence_prose(struct blk *B, const char *prose, size_t *len)
{
	const char *p = prose_view(&B->tmp, prose, len);
	if (!has_abbrev(p, *len))
		return p;
	if (p != B->tmp.buf) {
		strbuf_reset(&B->tmp);
		strbuf_add(&B->tmp, p, *len);
	}
	drop_abbrev_dots(&B->tmp);
	return B->tmp.buf;
}

/* sentence_prose() of block i of side sd: once known to change nothing
 * (most blocks), the prose and its length without looking again. */
static const char *block_prose(struct blk *B, struct side *sd, size_t i, size_t *len)
{
	const char *prose = sd->d->blocks[i].prose;
	if (sd->plen[i] < SIZE_MAX - 1) {
		*len = sd->plen[i];
		return prose;
	}
	const char *p = sentence_prose(B, prose, len);
	sd->plen[i] = p == prose ? *len : SIZE_MAX - 1;
	return p;
}

/* Sentences (ICU) of block i of side sd in its language, computed once. */
static size_t block_sentences(struct blk *B, struct side *sd, size_t i)
{
	if (sd->bsent[i] == SIZE_MAX) {
		size_t len;
		const char *p = block_prose(B, sd, i, &len);
		sd->bsent[i] = text_sentences(sd->sent_lang, p, len);
	}
	return sd->bsent[i];
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

/* text_sentences_max() of block i of side sd: its sentences when known. */
static size_t block_sentences_max(struct blk *B, struct side *sd, size_t i)
{
	if (sd->bsent[i] != SIZE_MAX)
		return sd->bsent[i];
	size_t len;
	const char *p = block_prose(B, sd, i, &len);
	return text_sentences_max(sd->sent_lang, p, len);
}

/* text_sentences_min() of block i of side sd: its sentences when known. */
static size_t block_sentences_min(struct blk *B, struct side *sd, size_t i)
{
	if (sd->bsent[i] != SIZE_MAX)
		return sd->bsent[i];
	size_t len;
	const char *p = block_prose(B, sd, i, &len);
	return text_sentences_min(sd->sent_lang, p, len);
}

/* The evidence of a unit: numbers and Latin terms of its paragraphs and
 * tables, link destinations, code spans. Entries of the unit index: */
enum { IX_BLOCK, IX_LINK, IX_CODE };

static bool ev_unit(const struct side *sd, int u)
{
	return u >= 0 && sd->ukind[u] != UNIT_NONE;
}

/* Index the paragraphs and tables of each unit, and the links and code
 * spans of each unit with evidence (counting sort: entries keep their
 * document order within a unit). */
static void unit_index(struct side *sd)
{
	const struct doc *d = sd->d;
	size_t nb = d->nblocks;
	size_t *at = xcalloc(nb + 1, sizeof(size_t));
	for (size_t i = 0; i < nb; i++) {
		const struct block *b = &d->blocks[i];
		if ((b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE) && sd->unit[i] >= 0)
			at[sd->unit[i] + 1]++;
	}
	for (size_t i = 0; i < d->nlinks; i++) {
		int bl = d->links[i].block;
		if (bl >= 0 && ev_unit(sd, sd->unit[bl]))
			at[sd->unit[bl] + 1]++;
	}
	for (size_t i = 0; i < d->ncodes; i++) {
		int bl = d->codes[i].block;
		if (bl >= 0 && ev_unit(sd, sd->unit[bl]))
			at[sd->unit[bl] + 1]++;
	}
	for (size_t u = 0; u < nb; u++)
		at[u + 1] += at[u];
	sd->ix = xmalloc((at[nb] + 1) * sizeof(*sd->ix));
	size_t *fill = xmalloc((nb + 1) * sizeof(size_t));
	memcpy(fill, at, (nb + 1) * sizeof(size_t));
	for (size_t i = 0; i < nb; i++) {
		const struct block *b = &d->blocks[i];
		if ((b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE) && sd->unit[i] >= 0)
			sd->ix[fill[sd->unit[i]]++] = (uint32_t)i << 2 | IX_BLOCK;
	}
	for (size_t i = 0; i < d->nlinks; i++) {
		int bl = d->links[i].block;
		if (bl >= 0 && ev_unit(sd, sd->unit[bl]))
			sd->ix[fill[sd->unit[bl]]++] = (uint32_t)i << 2 | IX_LINK;
	}
	for (size_t i = 0; i < d->ncodes; i++) {
		int bl = d->codes[i].block;
		if (bl >= 0 && ev_unit(sd, sd->unit[bl]))
			sd->ix[fill[sd->unit[bl]]++] = (uint32_t)i << 2 | IX_CODE;
	}
	free(fill);
	sd->ix0 = at;
}

/* Letters of the paragraphs and tables of unit u (computed once). */
static size_t unit_w(const struct side *sd, int u)
{
	if (sd->w[u] != SIZE_MAX)
		return sd->w[u];
	size_t w = 0;
	for (size_t k = sd->ix0[u]; k < sd->ix0[u + 1]; k++)
		if ((sd->ix[k] & 3) == IX_BLOCK)
			w += block_weight(sd, sd->ix[k] >> 2);
	return sd->w[u] = w;
}

/* The evidence of unit u, sorted by hash (computed on first use; the
 * token array may move when another unit's is computed). */
static const struct piece *unit_ev(struct blk *B, struct side *sd, int u)
{
	struct pieces *P = &sd->ev;
	struct piece *p = &P->v[u];
	if (sd->ev_done[u])
		return p;
	sd->ev_done[u] = true;
	p->ev0 = P->nev;
	p->nev = 0;
	if (!ev_unit(sd, u))
		return p;
	const struct doc *d = sd->d;
	size_t ev0 = P->nev;
	P->cur = (uint32_t)u;
	for (size_t k = sd->ix0[u]; k < sd->ix0[u + 1]; k++) {
		size_t i = sd->ix[k] >> 2;
		switch (sd->ix[k] & 3) {
		case IX_BLOCK:
			text_evidence(P, d->blocks[i].prose, strlen(d->blocks[i].prose));
			break;
		case IX_LINK:
			strbuf_reset(&B->tmp2);
			align_normalize_dest(d->links[i].dest, sd->lang, &B->tmp2);
			ev_add(P, (uint32_t)u, EV_LINK, B->tmp2.buf, B->tmp2.len);
			break;
		default:
			ev_add(P, (uint32_t)u, EV_CODE, d->codes[i].text, strlen(d->codes[i].text));
			break;
		}
	}
	sort_tokens(P->ev + ev0, P->nev - ev0);
	p->ev0 = ev0;
	p->nev = P->nev - ev0;
	return p;
}

/* Is the evidence of translation unit tu found in source unit su: all
 * its links, code spans and numbers, and most of its Latin terms (a
 * translation may add one, "GA" for "stable"), with enough of it to
 * tell? */
static bool evidence_within(struct blk *B, int tu, int su)
{
	const struct pieces *PT = &B->T.ev, *PS = &B->S.ev;
	const struct piece *x = unit_ev(B, &B->T, tu);
	/* no token, or one term only: not enough to tell, whatever the
	 * source holds */
	if (x->nev == 0 || (x->nev == 1 && PT->ev[x->ev0].term))
		return false;
	const struct piece *y = unit_ev(B, &B->S, su);
	const struct token *a = PT->ev + x->ev0, *b = PS->ev + y->ev0;
	size_t strong = 0, terms = 0, terms_found = 0, j = 0;
	for (size_t i = 0; i < x->nev; i++) {
		while (j < y->nev && b[j].h < a[i].h)
			j++;
		bool found = j < y->nev && b[j].h == a[i].h;
		if (a[i].term) {
			terms++;
			terms_found += found;
		} else if (!found) {
			return false;
		} else {
			strong++;
		}
	}
	if (terms_found * 2 < terms)
		return false;
	return strong >= 1 || terms_found >= 2;
}

/* Are the links, code spans and numbers of source unit su all found in
 * translation unit tu (at least one)? */
static bool src_evidence_within(struct blk *B, int su, int tu)
{
	const struct pieces *PS = &B->S.ev, *PT = &B->T.ev;
	const struct piece *x = unit_ev(B, &B->S, su);
	/* terms only: nothing to find */
	size_t i0 = 0;
	while (i0 < x->nev && PS->ev[x->ev0 + i0].term)
		i0++;
	if (i0 == x->nev)
		return false;
	const struct piece *y = unit_ev(B, &B->T, tu);
	const struct token *a = PS->ev + x->ev0, *b = PT->ev + y->ev0;
	size_t strong = 0, j = 0;
	for (size_t i = 0; i < x->nev; i++) {
		if (a[i].term)
			continue;
		while (j < y->nev && b[j].h < a[i].h)
			j++;
		if (j >= y->nev || b[j].h != a[i].h)
			return false;
		strong++;
	}
	return strong >= 1;
}

static void side_init(struct blk *B, struct side *sd, const struct doc *d,
                      const enum unit_kind *ukind, const int *unit, const int *pairs,
                      const char *lang, const char *sent_lang)
{
	size_t nb = d->nblocks;
	sd->d = d;
	sd->ukind = ukind;
	sd->unit = unit;
	/* the per-block arrays in three allocations, by type */
	sd->w = xmalloc(4 * (nb + 1) * sizeof(size_t));
	sd->bw = sd->w + (nb + 1);
	sd->bsent = sd->bw + (nb + 1);
	sd->plen = sd->bsent + (nb + 1);
	sd->pair = xmalloc(3 * (nb + 1) * sizeof(int));
	sd->pos = sd->pair + (nb + 1);
	sd->list = sd->pos + (nb + 1);
	sd->ev_done = xcalloc(3 * (nb + 1), sizeof(bool));
	sd->image = sd->ev_done + (nb + 1);
	sd->figure = sd->image + (nb + 1);
	sd->n = 0;
	sd->sent_lang = sent_lang;
	sd->scratch = &B->tmp;
	for (size_t i = 0; i < nb; i++) {
		sd->w[i] = sd->bw[i] = sd->bsent[i] = sd->plen[i] = SIZE_MAX;
		sd->pair[i] = pairs[i];
		sd->pos[i] = -1;
	}
	unit_index(sd);
	sd->lang = lang;
	/* one piece per block (only ev0 and nev are used, set by unit_ev()) */
	sd->ev.v = xmalloc((nb + 1) * sizeof(*sd->ev.v));
	sd->ev.n = nb;
	sd->ev.alloc = nb + 1;
	for (size_t i = 0; i < d->nlinks; i++)
		if (d->links[i].image && d->links[i].block >= 0 && unit[d->links[i].block] >= 0)
			sd->image[unit[d->links[i].block]] = true;
	for (size_t i = 0; i < d->shortcodes.n; i++) {
		const struct shortcode *sc = &d->shortcodes.items[i];
		if (sc->block >= 0 && unit[sc->block] >= 0 && strcmp(sc->name, "figure") == 0)
			sd->figure[unit[sc->block]] = true;
	}
}

static void side_free(struct side *sd)
{
	free(sd->w); /* (and bw, bsent, plen) */
	free(sd->pair); /* (and pos, list) */
	free(sd->ev_done); /* (and image, figure) */
	pieces_free(&sd->ev);
	free(sd->ix0);
	free(sd->ix);
}

/* Units of section s, in order, into sd->list (and sd->pos). */
static void side_collect(struct side *sd, int s)
{
	const struct section *sec = &sd->d->sections[s];
	sd->n = 0;
	for (int b = sec->first_block; b < sec->end_block && b < (int)sd->d->nblocks; b++) {
		if (sd->d->blocks[b].parent >= 0 || sd->ukind[b] == UNIT_NONE)
			continue;
		sd->pos[b] = sd->n;
		sd->list[sd->n++] = b;
	}
}

static bool is_prose_kind(enum unit_kind k)
{
	return k == UNIT_PARAGRAPH || k == UNIT_SHORTCODE;
}

/* ---- code blocks ---- */

/* Is c a space or tab? */
static bool hsp(char c)
{
	return c == ' ' || c == '\t';
}

/* Normalise the lines of code for comparison: comment lines (# ..., // ...)
 * and blank lines dropped, trailing comments after white space dropped, a
 * leading "$ " prompt dropped, white space runs folded to one space. */
static void code_lines(const char *code, struct codenorm *cn)
{
	strbuf_reset(&cn->buf);
	cn->n = 0;
	const char *p = code;
	int orig = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t i = 0;
		while (i < len && hsp(p[i]))
			i++;
		size_t end = len;
		/* trailing comment: " # ..." or " // ..." (only a '#' or '/'
		 * may start one: the first of either, found by memchr) */
		if (i + 2 < len) {
			const char *h = memchr(p + i + 1, '#', len - i - 2);
			const char *sl = memchr(p + i + 1, '/', len - i - 2);
			while (h || sl) {
				size_t k = (size_t)((h && (!sl || h < sl) ? h : sl) - p);
				if (hsp(p[k - 1]) &&
				    ((p[k] == '#' && hsp(p[k + 1])) ||
				     (p[k] == '/' && p[k + 1] == '/' && k + 2 < len && hsp(p[k + 2])))) {
					end = k;
					break;
				}
				if (p[k] == '#')
					h = memchr(p + k + 1, '#', len - 1 - (k + 1));
				else
					sl = memchr(p + k + 1, '/', len - 1 - (k + 1));
			}
		}
		if (end + 1 == len && p[len - 1] == '#' && len >= 2 && hsp(p[len - 2]))
			end = len - 1;
		while (end > i && (hsp(p[end - 1]) || p[end - 1] == '\r'))
			end--;
		bool comment = (i < end && p[i] == '#' && (i + 1 >= end || p[i + 1] != '!')) ||
		               (i + 1 < end && p[i] == '/' && p[i + 1] == '/');
		if (i + 1 < end && p[i] == '$' && hsp(p[i + 1])) {
			i += 2;
			while (i < end && hsp(p[i]))
				i++;
		}
		if (!comment && i < end) {
			cn->v = xgrow(cn->v, cn->n + 1, &cn->alloc, sizeof(*cn->v));
			struct cline *cl = &cn->v[cn->n++];
			cl->off = cn->buf.len;
			cl->orig = orig;
			/* at most end - i bytes: a space stands for one or more */
			strbuf_grow(&cn->buf, end - i);
			char *o = cn->buf.buf + cn->buf.len;
			bool space = false;
			for (; i < end; i++) {
				if (hsp(p[i])) {
					space = true;
					continue;
				}
				if (space)
					*o++ = ' ';
				space = false;
				*o++ = p[i];
			}
			strbuf_setlen(&cn->buf, (size_t)(o - cn->buf.buf));
			cl->len = cn->buf.len - cl->off;
		}
		orig++;
		p += len + (e ? 1 : 0);
	}
}

static bool cline_eq(const struct codenorm *a, size_t i, const struct codenorm *b, size_t j)
{
	return a->v[i].len == b->v[j].len &&
	       memcmp(a->buf.buf + a->v[i].off, b->buf.buf + b->v[j].off, a->v[i].len) == 0;
}

#define LCS_MAX_CELLS (1u << 22)

/* LCS of normalised lines. Fills match_a[i] = j or -1 when match_a is
 * given. Returns the LCS length, or -1 when too large to compute. */
static long code_lcs(const struct codenorm *a, const struct codenorm *b, int *match_a)
{
	size_t n = a->n, m = b->n;
	if (n == 0 || m == 0) {
		if (match_a)
			for (size_t i = 0; i < n; i++)
				match_a[i] = -1;
		return 0;
	}
	if ((n + 1) * (m + 1) > LCS_MAX_CELLS)
		return -1;
	size_t W = m + 1;
	unsigned *L = xcalloc((n + 1) * W, sizeof(unsigned));
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;) {
			if (cline_eq(a, i, b, j))
				L[i * W + j] = L[(i + 1) * W + j + 1] + 1;
			else {
				unsigned x = L[(i + 1) * W + j], y = L[i * W + j + 1];
				L[i * W + j] = x > y ? x : y;
			}
		}
	long r = L[0];
	if (match_a) {
		for (size_t i = 0; i < n; i++)
			match_a[i] = -1;
		size_t i = 0, j = 0;
		while (i < n && j < m) {
			if (cline_eq(a, i, b, j)) {
				match_a[i] = (int)j;
				i++;
				j++;
			} else if (L[(i + 1) * W + j] >= L[i * W + j + 1]) {
				i++;
			} else {
				j++;
			}
		}
	}
	free(L);
	return r;
}

static inline bool u64_less(const uint64_t *x, const uint64_t *y)
{
	return *x < *y;
}

/* Sort v ascending (equal values are alike: qsort()'s result). */
SORT_DEFINE(sort_u64, uint64_t, u64_less)

/* Hashes of the white-space separated words of normalised code. */
static uint64_t *code_words(const struct codenorm *cn, size_t *n)
{
	size_t cap = 16, k = 0;
	uint64_t *v = xmalloc(cap * sizeof(*v));
	const char *p = cn->buf.buf, *end = p + cn->buf.len;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		const char *w = p;
		while (p < end && *p != ' ')
			p++;
		if (p > w) {
			if (k == cap) {
				cap *= 2;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[k++] = hash_str(0, w, (size_t)(p - w), false);
		}
	}
	sort_u64(v, k);
	*n = k;
	return v;
}

/* How much two code blocks share (the lines of the first normalised in
 * a, the second's code y normalised into b): the larger of the share of
 * equal lines and the share of equal words (a one-line command whose
 * flag changed shares no line but most words). */
static double code_sim(const struct codenorm *a, const char *y, struct codenorm *b)
{
	code_lines(y, b);
	if (a->n + b->n == 0)
		return 1.0;
	long l = code_lcs(a, b, NULL);
	if (l < 0) {
		/* too large: compare position by position */
		l = 0;
		for (size_t i = 0; i < a->n && i < b->n; i++)
			l += cline_eq(a, i, b, i);
	}
	double lines = 2.0 * (double)l / (double)(a->n + b->n);
	size_t na, nb, i = 0, j = 0, shared = 0;
	uint64_t *wa = code_words(a, &na), *wb = code_words(b, &nb);
	while (i < na && j < nb) {
		if (wa[i] < wb[j]) {
			i++;
		} else if (wb[j] < wa[i]) {
			j++;
		} else {
			shared++;
			i++;
			j++;
		}
	}
	free(wa);
	free(wb);
	double words = na + nb ? 2.0 * (double)shared / (double)(na + nb) : 0;
	return words > lines ? words : lines;
}

/* ---- text excerpts ---- */

/* First words of text (white space folded), at most ~60 bytes, into out. */
static void excerpt(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	if (!s)
		return;
	bool space = false;
	size_t words = 0;
	for (size_t i = 0; s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space) {
			if (++words >= 10 || out->len >= 60) {
				strbuf_addstr(out, "...");
				return;
			}
			strbuf_addch(out, ' ');
			space = false;
		}
		if (out->len >= 72 && (ch & 0xC0) != 0x80) {
			strbuf_addstr(out, "...");
			return;
		}
		strbuf_addch(out, (char)ch);
	}
}

/* First non-blank line of code. */
static void code_first_line(const char *code, struct strbuf *out)
{
	const char *p = code;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t i = 0;
		while (i < len && hsp(p[i]))
			i++;
		if (i < len) {
			struct strbuf line = STRBUF_INIT;
			strbuf_add(&line, p + i, len - i);
			excerpt(line.buf, out);
			strbuf_release(&line);
			return;
		}
		p += len + (e ? 1 : 0);
	}
	strbuf_reset(out);
}

/* First paragraph or table text inside unit u (the unit itself for a
 * paragraph). */
static const char *unit_text(const struct doc *d, int u)
{
	const struct block *b = &d->blocks[u];
	if (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE || b->kind == BLOCK_CODE ||
	    b->kind == BLOCK_HTML)
		return b->text;
	for (size_t k = (size_t)u + 1; k < d->nblocks && d->blocks[k].line <= b->end_line; k++) {
		const struct block *x = &d->blocks[k];
		if ((x->kind == BLOCK_PARAGRAPH || x->kind == BLOCK_TABLE) && x->text && *x->text)
			return x->text;
	}
	return "";
}

static const char *kind_label(const struct doc *d, int u, enum unit_kind k, struct strbuf *sb)
{
	strbuf_reset(sb);
	switch (k) {
	case UNIT_PARAGRAPH:
		return "paragraph";
	case UNIT_SHORTCODE: {
		for (size_t i = 0; i < d->shortcodes.n; i++) {
			const struct shortcode *sc = &d->shortcodes.items[i];
			if (sc->block == u && sc->kind != SC_CLOSE) {
				strbuf_addf(sb, "{{%c %s %c}} block", sc->delim, sc->name,
				            sc->delim == '<' ? '>' : sc->delim);
				return sb->buf;
			}
		}
		return "shortcode block";
	}
	case UNIT_CODE: {
		const char *info = d->blocks[u].info;
		if (info && *info) {
			size_t n = strcspn(info, " \t{");
			strbuf_add(sb, info, n);
			strbuf_addstr(sb, " code block");
			return sb->buf;
		}
		return "code block";
	}
	case UNIT_TABLE:
		return "table";
	case UNIT_LIST:
		return d->blocks[u].ordered ? "numbered list" : "list";
	case UNIT_QUOTE:
		return "quote";
	case UNIT_MARKER:
		return "marker";
	default:
		return "block";
	}
}

static void unit_excerpt(const struct doc *d, int u, enum unit_kind k, struct strbuf *out)
{
	if (k == UNIT_CODE)
		code_first_line(d->blocks[u].text, out);
	else
		excerpt(unit_text(d, u), out);
}

/* ---- pair completion ---- */

static void pair_units(struct blk *B, int su, int tu, float conf)
{
	B->S.pair[su] = tu;
	B->T.pair[tu] = su;
	B->conf[su] = conf;
}

/* Normalised length ratio of a translation weight to a source weight. */
static double norm_ratio(const struct blk *B, size_t wt, size_t ws)
{
	if (ws == 0 || B->ratio <= 0)
		return 1.0;
	return (double)wt / ((double)ws * B->ratio);
}

/* How far a ratio is from 1, either way: 2 for 0.5 and for 2. */
static double spread(double r)
{
	if (r <= 0)
		return 1e9;
	return r >= 1 ? r : 1.0 / r;
}

static bool textual_kind(enum unit_kind k)
{
	return k == UNIT_PARAGRAPH || k == UNIT_SHORTCODE || k == UNIT_LIST || k == UNIT_QUOTE;
}

/* The units of one side paired with a unit of the other: first and last
 * list index, how many (their letters: group_w()). */
struct group {
	int lo, hi, n;
};

static bool side_group(const struct side *sd, int other, struct group *g)
{
	g->lo = g->hi = -1;
	g->n = 0;
	if (other < 0)
		return false;
	for (int k = 0; k < sd->n; k++) {
		int u = sd->list[k];
		if (sd->pair[u] != other)
			continue;
		if (g->lo < 0)
			g->lo = k;
		g->hi = k;
		g->n++;
	}
	return g->n > 0;
}

/* Letters of group g of side sd (the units paired with `other`). */
static size_t group_w(const struct side *sd, const struct group *g, int other)
{
	size_t w = 0;
	for (int k = g->lo; k >= 0 && k <= g->hi; k++)
		if (sd->pair[sd->list[k]] == other)
			w += unit_w(sd, sd->list[k]);
	return w;
}

/* Translation units paired with source unit su; source units paired
 * with translation unit tu. */
static bool tr_group(const struct blk *B, int su, struct group *g)
{
	return side_group(&B->T, su, g);
}

static bool src_group(const struct blk *B, int tu, struct group *g)
{
	return side_group(&B->S, tu, g);
}

/* Attach unit u of side `sd` to unit `other` of side `od` (a split or
 * merge); the other unit keeps pointing at the first of the group. */
static void attach(struct blk *B, struct side *sd, struct side *od, int u, int other)
{
	sd->pair[u] = other;
	int first = od->pair[other];
	if (first < 0 || sd->pos[first] > sd->pos[u])
		od->pair[other] = u;
	if (sd == &B->S)
		B->conf[u] = 0.5f;
	else
		B->conf[other] = 0.5f;
}

/* May absorption look past this unit for a neighbour (code, markers,
 * shortcode blocks without text sit between the parts of a paragraph)? */
static bool transparent(const struct side *sd, int u)
{
	enum unit_kind k = sd->ukind[u];
	return k == UNIT_CODE || k == UNIT_MARKER || (k == UNIT_SHORTCODE && unit_w(sd, u) == 0);
}

/* The neighbours of list index j on side sd worth trying: the units
 * before and after, or one further past a transparent unit. */
static int neighbours(const struct side *sd, int j, int out[4])
{
	int n = 0;
	for (int d = -1; d <= 1; d += 2) {
		int q = j + d;
		if (q < 0 || q >= sd->n)
			continue;
		out[n++] = q;
		if (transparent(sd, sd->list[q]) && q + d >= 0 && q + d < sd->n)
			out[n++] = q + d;
	}
	return n;
}

/* A short lead-in to a code block ("The output is similar to:",
 * "実行結果は下記のようになります。"): translations add and drop these. */
static bool lead_in(const struct side *sd, int k)
{
	int u = sd->list[k];
	if (!is_prose_kind(sd->ukind[u]) || k + 1 >= sd->n || sd->ukind[sd->list[k + 1]] != UNIT_CODE)
		return false;
	return unit_w(sd, u) <= 24;
}

/* Take unpaired prose units next to a pair as the rest of a split (the
 * translator cut one source paragraph in several) when that brings the
 * pair's length in line with the expected ratio or all their evidence
 * is the source's; and unpaired source paragraphs next to a pair whose
 * translation is too long for its source as the rest of a merge. One
 * pass left to right (or right to left when `back`). */
static void absorb(struct blk *B, int i0, int i1, int j0, int j1, bool back)
{
	struct side *S = &B->S, *T = &B->T;
	int nb[4];
	for (int n = 0; n < j1 - j0; n++) {
		int j = back ? j1 - 1 - n : j0 + n;
		int tu = T->list[j];
		if (T->pair[tu] >= 0 || !is_prose_kind(T->ukind[tu]) || unit_w(T, tu) == 0 || lead_in(T, j))
			continue;
		int best_su = -1;
		double best_gain = 0;
		int nn = neighbours(T, j, nb);
		for (int k = 0; k < nn; k++) {
			int tq = T->list[nb[k]];
			int su = T->pair[tq];
			struct group gt, gs;
			if (su < 0 || !textual_kind(S->ukind[su]) || !textual_kind(T->ukind[tq]) ||
			    !tr_group(B, su, &gt) || !src_group(B, S->pair[su], &gs) || gs.n != 1)
				continue;
			size_t wt = group_w(T, &gt, su), ws = group_w(S, &gs, S->pair[su]);
			double r1 = norm_ratio(B, wt, ws);
			double r2 = norm_ratio(B, wt + unit_w(T, tu), ws);
			double gain = spread(r1) - spread(r2);
			/* (both tests below fail for r2 > SPLIT_LONG_EVIDENCE: the
			 * evidence is only needed otherwise) */
			bool ev = r2 <= SPLIT_LONG_EVIDENCE && evidence_within(B, tu, su);
			/* by length: the pair is short and the piece fills it in;
			 * by evidence: the piece's links, code, numbers and terms
			 * are the source's */
			bool prose = is_prose_kind(S->ukind[su]) && is_prose_kind(T->ukind[tq]);
			if (!(prose && r1 < 1.0 && r2 <= SPLIT_LONG && gain > 0) &&
			    !(r2 <= SPLIT_LONG_EVIDENCE && ev))
				continue;
			if (ev)
				gain += 1.0;
			if (gain > best_gain) {
				best_gain = gain;
				best_su = su;
			}
		}
		if (best_su >= 0)
			attach(B, T, S, tu, best_su);
	}
	for (int n = 0; n < i1 - i0; n++) {
		int i = back ? i1 - 1 - n : i0 + n;
		int su = S->list[i];
		enum unit_kind ks = S->ukind[su];
		if (S->pair[su] >= 0 || !(is_prose_kind(ks) || ks == UNIT_LIST) || unit_w(S, su) == 0 ||
		    lead_in(S, i))
			continue;
		int best_tu = -1;
		double best_gain = 0;
		int nn = neighbours(S, i, nb);
		if (ks == UNIT_LIST) {
			/* the other part of a broken list may lie past a block */
			nn = 0;
			for (int d = -2; d <= 2; d++)
				if (d && i + d >= 0 && i + d < S->n)
					nb[nn++] = i + d;
		}
		for (int k = 0; k < nn; k++) {
			int sv = S->list[nb[k]];
			int tu = S->pair[sv];
			struct group gs, gt;
			if (tu < 0 || !textual_kind(S->ukind[sv]) || !textual_kind(T->ukind[tu]) ||
			    !src_group(B, tu, &gs) || !tr_group(B, sv, &gt) || gt.n != 1)
				continue;
			if (ks == UNIT_LIST) {
				/* a list the source broke in two (an unindented block
				 * between its items) */
				int items = 0;
				for (int q = gs.lo; q <= gs.hi; q++)
					if (S->pair[S->list[q]] == tu && S->ukind[S->list[q]] == UNIT_LIST)
						items += S->d->blocks[S->list[q]].nitems;
				if (T->ukind[tu] == UNIT_LIST && S->ukind[sv] == UNIT_LIST &&
				    items + S->d->blocks[su].nitems == T->d->blocks[tu].nitems) {
					best_tu = tu;
					break;
				}
				continue;
			}
			size_t wt = group_w(T, &gt, sv), ws = group_w(S, &gs, tu);
			double r1 = norm_ratio(B, wt, ws);
			double r2 = norm_ratio(B, wt, ws + unit_w(S, su));
			double gain = spread(r1) - spread(r2);
			/* (the length test implies r1 > MERGE_LONG_EVIDENCE and
			 * r2 >= 1 / SPLIT_LONG_EVIDENCE: the evidence is only needed
			 * then) */
			bool ev = r1 > MERGE_LONG_EVIDENCE && r2 >= 1.0 / SPLIT_LONG_EVIDENCE &&
			          src_evidence_within(B, su, tu);
			/* by length: the translation is long for its source and
			 * the paragraph evens it out; by evidence: its links, code
			 * and numbers are in the translation */
			if (!(r1 > MERGE_LONG && r2 >= 1.0 / MERGE_LONG - 0.1 && gain > MERGE_GAIN) &&
			    !(ev && r1 > MERGE_LONG_EVIDENCE && r2 >= 1.0 / SPLIT_LONG_EVIDENCE))
				continue;
			if (ev)
				gain += 1.0;
			if (gain > best_gain) {
				best_gain = gain;
				best_tu = tu;
			}
		}
		if (best_tu >= 0)
			attach(B, S, T, su, best_tu);
	}
}

/* Units left between two parts of one group belong to it. */
static void sandwich(struct blk *B)
{
	struct side *sides[2] = {&B->S, &B->T};
	for (int s = 0; s < 2; s++) {
		struct side *sd = sides[s], *od = sides[1 - s];
		for (int k = 1; k + 1 < sd->n; k++) {
			int u = sd->list[k];
			if (sd->pair[u] >= 0 || sd->ukind[u] == UNIT_CODE)
				continue;
			int a = sd->pair[sd->list[k - 1]];
			for (int q = k + 1; q < sd->n && a >= 0; q++) {
				int b = sd->pair[sd->list[q]];
				if (b < 0)
					continue;
				if (b == a)
					attach(B, sd, od, u, a);
				break;
			}
		}
	}
}

/* Is the unit a paragraph holding an image; a {{< figure >}} block? */
static bool image_para(const struct side *sd, int u)
{
	return sd->ukind[u] == UNIT_PARAGRAPH && sd->image[u];
}

static bool figure_sc(const struct side *sd, int u)
{
	return sd->ukind[u] == UNIT_SHORTCODE && sd->figure[u];
}

/* Kind classes for pairing in a gap: paragraphs and shortcode blocks
 * with text are one class; shortcode blocks without text none. */
static int unit_class(const struct side *sd, int u)
{
	enum unit_kind k = sd->ukind[u];
	if (k == UNIT_SHORTCODE)
		return unit_w(sd, u) > 0 ? UNIT_PARAGRAPH : UNIT_NONE;
	return (int)k;
}

/* Fill one gap: source list indices [i0, i1), translation [j0, j1). */
static void fill_gap(struct blk *B, int i0, int i1, int j0, int j1, struct codenorm *ca,
                     struct codenorm *cb)
{
	struct side *S = &B->S, *T = &B->T;
	if (i0 >= i1 || j0 >= j1)
		return;
	/* 1. code blocks that share most of their lines; an image and a
	 * figure shortcode */
	int last = j0 - 1;
	for (int i = i0; i < i1; i++) {
		int su = S->list[i];
		if (S->ukind[su] != UNIT_CODE || S->pair[su] >= 0)
			continue;
		int best = -1;
		double bsim = CODE_PAIR_SIM;
		bool normalised = false;
		for (int j = last + 1; j < j1; j++) {
			int tu = T->list[j];
			if (T->ukind[tu] != UNIT_CODE || T->pair[tu] >= 0)
				continue;
			if (!normalised) {
				code_lines(S->d->blocks[su].text, ca);
				normalised = true;
			}
			double sim = code_sim(ca, T->d->blocks[tu].text, cb);
			if (sim >= bsim) {
				bsim = sim;
				best = j;
			}
		}
		if (best >= 0) {
			pair_units(B, su, T->list[best], (float)(0.45 + 0.5 * bsim));
			last = best;
		}
	}
	int img = -1, fig = -1, nimg = 0, nfig = 0;
	for (int i = i0; i < i1; i++)
		if (S->pair[S->list[i]] < 0 && image_para(S, S->list[i])) {
			img = S->list[i];
			nimg++;
		}
	for (int j = j0; j < j1; j++)
		if (T->pair[T->list[j]] < 0 && figure_sc(T, T->list[j])) {
			fig = T->list[j];
			nfig++;
		}
	if (nimg == 1 && nfig == 1)
		pair_units(B, img, fig, 0.5f);
	/* 2. units of one class occurring as often on both sides, in order,
	 * when they do not cross the pairs made so far */
	static const int classes[] = {UNIT_PARAGRAPH, UNIT_CODE,  UNIT_TABLE,
	                              UNIT_LIST,      UNIT_QUOTE, UNIT_MARKER};
	for (size_t c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		int k = classes[c];
		int cand_s[16], cand_t[16];
		int ns = 0, nt = 0;
		for (int i = i0; i < i1; i++)
			if (S->pair[S->list[i]] < 0 && unit_class(S, S->list[i]) == k && ns < 16)
				cand_s[ns++] = i;
		for (int j = j0; j < j1; j++)
			if (T->pair[T->list[j]] < 0 && unit_class(T, T->list[j]) == k && nt < 16)
				cand_t[nt++] = j;
		if (ns == 0 || ns != nt)
			continue;
		bool ok = true;
		for (int q = 0; q < ns && ok; q++) {
			int i = cand_s[q], j = cand_t[q];
			/* no pair made so far may lie between them crosswise */
			for (int ii = i0; ii < i1; ii++) {
				int p = S->pair[S->list[ii]];
				if (p < 0)
					continue;
				int pj = T->pos[p];
				if ((ii < i && pj > j) || (ii > i && pj < j))
					ok = false;
			}
			int su = S->list[i], tu = T->list[j];
			if (k == UNIT_PARAGRAPH && B->ratio > 0 && unit_w(S, su) >= 20) {
				double r = norm_ratio(B, unit_w(T, tu), unit_w(S, su));
				if (r < 0.3 || r > 3.5)
					ok = false;
			}
		}
		if (!ok)
			continue;
		for (int q = 0; q < ns; q++)
			pair_units(B, S->list[cand_s[q]], T->list[cand_t[q]], 0.5f);
	}
}

/* Undo pairs of a paragraph with text and a shortcode block without any
 * (a figure, a glossary definition): the aligner pairs them by position
 * only, and they hide a missing paragraph. */
static void unpair_dubious(struct blk *B)
{
	struct side *S = &B->S, *T = &B->T;
	for (int i = 0; i < S->n; i++) {
		int su = S->list[i], tu = S->pair[su];
		if (tu < 0)
			continue;
		/* (one side must be a shortcode block: the letters are only
		 * counted then) */
		if (S->ukind[su] != UNIT_SHORTCODE && T->ukind[tu] != UNIT_SHORTCODE)
			continue;
		bool s_text = is_prose_kind(S->ukind[su]) && unit_w(S, su) > 0 && !image_para(S, su);
		bool t_text = is_prose_kind(T->ukind[tu]) && unit_w(T, tu) > 0;
		bool s_bare = S->ukind[su] == UNIT_SHORTCODE && unit_w(S, su) == 0;
		bool t_bare = T->ukind[tu] == UNIT_SHORTCODE && unit_w(T, tu) == 0;
		if (!((s_text && t_bare) || (s_bare && t_text)))
			continue;
		struct group gs, gt;
		if (!src_group(B, tu, &gs) || !tr_group(B, su, &gt) || gs.n != 1 || gt.n != 1)
			continue;
		S->pair[su] = -1;
		T->pair[tu] = -1;
	}
}

/* Complete the pairs of a section pair (lists collected). */
static void complete_pairs(struct blk *B)
{
	struct codenorm ca = {STRBUF_INIT, NULL, 0, 0}, cb = {STRBUF_INIT, NULL, 0, 0};
	int i = 0, jlo = 0;
	unpair_dubious(B);
	for (;;) {
		int i2 = i;
		while (i2 < B->S.n && B->S.pair[B->S.list[i2]] < 0)
			i2++;
		struct group g = {B->T.n, -1, 0};
		if (i2 < B->S.n && !tr_group(B, B->S.list[i2], &g))
			g.lo = B->T.n;
		if (g.lo >= jlo) {
			fill_gap(B, i, i2, jlo, g.lo, &ca, &cb);
			/* what is left: the rest of a split or a merge */
			if (B->ratio > 0) {
				absorb(B, i, i2, jlo, g.lo, false);
				absorb(B, i, i2, jlo, g.lo, true);
			}
		}
		if (i2 >= B->S.n)
			break;
		if (g.hi + 1 > jlo)
			jlo = g.hi + 1;
		i = i2 + 1;
	}
	sandwich(B);
	strbuf_release(&ca.buf);
	strbuf_release(&cb.buf);
	free(ca.v);
	free(cb.v);
}

/* ---- block-missing / block-extra ---- */

static bool doc_uses_capture(const struct doc *d)
{
	for (size_t i = 0; i < d->shortcodes.n; i++)
		if (strcmp(d->shortcodes.items[i].name, "capture") == 0)
			return true;
	return false;
}

/* A page-part marker comment such as <!-- body --> (not an anchor). */
static bool is_marker_comment(const struct doc *d, int u)
{
	for (size_t i = 0; i < d->nanchors; i++)
		if (d->anchors[i].block == u)
			return false;
	return true;
}

/* A translator's note: kept out of block-extra. */
static bool translator_note(const char *text)
{
	static const char *const marks[] = {"訳注", "訳者注", "訳者による注", "역주", "옮긴이", "译注",
	                                    "译者注", "譯註"};
	if (!text)
		return false;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strstr(text, marks[i]))
			return true;
	return false;
}

/* A unit to leave to other rules: shortcode blocks with no text of their
 * own (shortcode-mismatch), markers of the old layout where the other
 * side uses {{% capture %}}. */
static bool skip_unit(const struct side *sd, int u, bool other_capture)
{
	enum unit_kind k = sd->ukind[u];
	if (k == UNIT_SHORTCODE && unit_w(sd, u) == 0)
		return true;
	if (k == UNIT_MARKER && other_capture && is_marker_comment(sd->d, u))
		return true;
	return false;
}

/* A translation unit block-extra leaves alone: see skip_unit(), a lead-in,
 * a translator's note. */
static bool tr_ignorable(const struct side *T, int j, bool src_capture)
{
	int tu = T->list[j];
	return skip_unit(T, tu, src_capture) || lead_in(T, j) ||
	       (is_prose_kind(T->ukind[tu]) && translator_note(T->d->blocks[tu].text));
}

/* Does the section hold unresolved merge-conflict markers? Its blocks
 * cannot be compared. */
static bool conflicted(const struct side *sd)
{
	for (int k = 0; k < sd->n; k++) {
		const char *t = sd->d->blocks[sd->list[k]].text;
		/* (the first byte rules most texts out) */
		if (t && (t[0] == '<' || t[0] == '>' || t[0] == '=') &&
		    (strncmp(t, "<<<<<<< ", 8) == 0 || strncmp(t, ">>>>>>> ", 8) == 0 ||
		     strncmp(t, "=======", 7) == 0))
			return true;
	}
	return false;
}

/* Is list index k after the last paired unit of its side? */
static bool trailing(const struct side *sd, int k)
{
	for (int q = k + 1; q < sd->n; q++)
		if (sd->pair[sd->list[q]] >= 0)
			return false;
	return true;
}

/* Unpaired units of a gap around source list index i: the source
 * indices [i0, i1) and translation [j0, j1) between the pairs around it. */
static void gap_around(const struct blk *B, int i, int *i0, int *i1, int *j0, int *j1)
{
	const struct side *S = &B->S;
	struct group g;
	*i0 = i;
	while (*i0 > 0 && S->pair[S->list[*i0 - 1]] < 0)
		(*i0)--;
	*i1 = i + 1;
	while (*i1 < S->n && S->pair[S->list[*i1]] < 0)
		(*i1)++;
	*j0 = 0;
	if (*i0 > 0 && tr_group(B, S->list[*i0 - 1], &g))
		*j0 = g.hi + 1;
	*j1 = B->T.n;
	if (*i1 < S->n && tr_group(B, S->list[*i1], &g))
		*j1 = g.lo;
}

/* Where a missing source unit (list index i) would go in translation
 * section t: at the translation of the next paired unit, else after the
 * translation of the previous one, else at the end of the section. */
static unsigned tr_insert_line(const struct blk *B, int i, int t)
{
	const struct side *S = &B->S, *T = &B->T;
	const struct doc *d = T->d;
	unsigned last = d->nlines ? (unsigned)d->nlines : 1;
	struct group g;
	for (int k = i + 1; k < S->n; k++) {
		int p = S->pair[S->list[k]];
		if (p >= 0) /* the first unit of its group */
			return d->blocks[p].line;
	}
	for (int k = i - 1; k >= 0; k--)
		if (S->pair[S->list[k]] >= 0 && tr_group(B, S->list[k], &g)) {
			unsigned l = d->blocks[T->list[g.hi]].end_line + 1;
			return l <= last ? l : last;
		}
	unsigned l = T->n > 0 ? d->blocks[T->list[T->n - 1]].end_line + 1
	                      : check_section_line(d, t) + (t > 0 ? 1 : 0);
	return l <= last ? l : last;
}

/* " section \"...\"" of section s (> 0), for a finding's message;
 * formatted on first use (most sections report nothing). */
static const char *section_suffix(const struct doc *d, int s, struct strbuf *sb, bool *done)
{
	if (!*done) {
		*done = true;
		strbuf_reset(sb);
		if (s > 0)
			strbuf_addf(sb, " section \"%s\"", check_section_label(d, s));
	}
	return sb->buf;
}

static void report_unpaired(struct blk *B, int s, int t, bool src_capture, bool tr_capture,
                            bool *tr_done)
{
	struct check_ctx *c = B->c;
	const struct side *S = &B->S, *T = &B->T;
	const struct alignment *al = c->al;
	float sconf = al->sconf[s];
	/* the section right after lost its heading on the other side: what
	 * trails here may be its content (section-missing/extra report it) */
	bool src_next_lost = (size_t)s + 1 < S->d->nsections && al->s2t[s + 1] < 0;
	bool tr_next_lost = (size_t)t + 1 < T->d->nsections && al->t2s[t + 1] < 0;
	struct strbuf kind = STRBUF_INIT, ex = STRBUF_INIT, sect = STRBUF_INIT;
	struct strbuf kind2 = STRBUF_INIT, ex2 = STRBUF_INIT;
	for (int j = 0; j < T->n; j++)
		tr_done[j] = false;
	if (check_enabled(c, RULE_block_missing)) {
		bool sect_done = false;
		for (int i = 0; i < S->n; i++) {
			int su = S->list[i];
			if (S->pair[su] >= 0 || skip_unit(S, su, tr_capture) || lead_in(S, i) ||
			    (tr_next_lost && trailing(S, i)))
				continue;
			enum unit_kind k = S->ukind[su];
			float conf = sconf;
			if (k == UNIT_MARKER && is_marker_comment(S->d, su) && conf > MARKER_CONF)
				conf = MARKER_CONF; /* cosmetic */
			unit_excerpt(S->d, su, k, &ex);
			const char *kl = kind_label(S->d, su, k, &kind);
			/* one unit standing in the place of another (a list the
			 * translation wrote as a paragraph): one finding, there */
			int i0, i1, j0, j1, alone = -1, nt = 0;
			gap_around(B, i, &i0, &i1, &j0, &j1);
			for (int j = j0; j < j1; j++)
				if (T->pair[T->list[j]] < 0 && !tr_ignorable(T, j, src_capture)) {
					alone = j;
					nt++;
				}
			if (i1 - i0 == 1 && nt == 1 && k != UNIT_MARKER &&
			    T->ukind[T->list[alone]] != UNIT_MARKER) {
				int tu = T->list[alone];
				unit_excerpt(T->d, tu, T->ukind[tu], &ex2);
				const char *kl2 = kind_label(T->d, tu, T->ukind[tu], &kind2);
				check_report(c, RULE_block_missing, conf, T->d->blocks[tu].line, 1,
				             S->d->blocks[su].line,
				             "source %s \"%s\" has no counterpart in the translation%s: the "
				             "translation has %s \"%s\" in its place",
				             kl, ex.buf, section_suffix(T->d, t, &sect, &sect_done), kl2,
				             ex2.buf);
				tr_done[alone] = true;
				continue;
			}
			const struct block *sb = &S->d->blocks[su];
			/* a fenced code block: quote its first line, not the fence */
			unsigned src_line =
				k == UNIT_CODE && sb->fenced && sb->end_line > sb->line ? sb->line + 1 : sb->line;
			check_report(c, RULE_block_missing, conf, tr_insert_line(B, i, t), 1, src_line,
			             "source %s \"%s\" has no counterpart in the translation%s", kl, ex.buf,
			             section_suffix(T->d, t, &sect, &sect_done));
		}
	}
	if (check_enabled(c, RULE_block_extra)) {
		bool sect_done = false;
		for (int j = 0; j < T->n; j++) {
			int tu = T->list[j];
			if (T->pair[tu] >= 0 || tr_done[j] || tr_ignorable(T, j, src_capture) ||
			    (src_next_lost && trailing(T, j)))
				continue;
			enum unit_kind k = T->ukind[tu];
			float conf = sconf;
			if (k == UNIT_MARKER && is_marker_comment(T->d, tu) && conf > MARKER_CONF)
				conf = MARKER_CONF;
			unit_excerpt(T->d, tu, k, &ex);
			const char *kl = kind_label(T->d, tu, k, &kind);
			const struct block *b = &T->d->blocks[tu];
			check_report(c, RULE_block_extra, conf, b->line, b->col, 0,
			             "%s \"%s\" has no counterpart in the source%s", kl, ex.buf,
			             section_suffix(S->d, s, &sect, &sect_done));
		}
	}
	strbuf_release(&kind);
	strbuf_release(&ex);
	strbuf_release(&sect);
	strbuf_release(&kind2);
	strbuf_release(&ex2);
}

/* ---- pieces: list items and table rows ---- */

/* The piece (item) of list `list` holding block k, or -1. */
static int piece_of(const struct doc *d, const struct pieces *P, int list, int k)
{
	while (k >= 0 && d->blocks[k].parent != list)
		k = d->blocks[k].parent;
	if (k < 0)
		return -1;
	for (size_t q = 0; q < P->n; q++)
		if (P->v[q].block == k)
			return (int)q;
	return -1;
}

/* One past the last block nested in block b. */
static size_t block_end(const struct doc *d, int b)
{
	size_t end = (size_t)b + 1;
	while (end < d->nblocks && d->blocks[end].depth > d->blocks[b].depth &&
	       d->blocks[end].line <= d->blocks[b].end_line)
		end++;
	return end;
}

/* The items of list `list` of side sd as pieces: lines, excerpt text,
 * their blocks. The rest (list_evidence) only matters when the numbers
 * of items differ by one or a code span may be lost. */
static void list_items(struct side *sd, int list, struct pieces *P)
{
	const struct doc *d = sd->d;
	P->n = P->nev = 0;
	size_t end = block_end(d, list);
	for (size_t k = (size_t)list + 1; k < end; k++) {
		const struct block *b = &d->blocks[k];
		if (b->kind == BLOCK_ITEM && b->parent == list) {
			if (P->n)
				P->v[P->n - 1].b1 = k;
			struct piece *p = piece_new(P);
			p->line = b->line;
			p->end_line = b->end_line;
			p->block = (int)k;
			p->b0 = k + 1;
			continue;
		}
		if (P->n == 0)
			continue;
		struct piece *p = &P->v[P->n - 1];
		if (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE || b->kind == BLOCK_CODE) {
			if (!*p->text)
				p->text = b->text;
		}
	}
	if (P->n)
		P->v[P->n - 1].b1 = end;
}

/* Letters of the own paragraphs (not nested lists') of item piece p. */
static size_t item_own_w(const struct side *sd, const struct piece *p)
{
	size_t n = 0;
	for (size_t k = p->b0; k < p->b1; k++) {
		const struct block *b = &sd->d->blocks[k];
		if (b->kind == BLOCK_PARAGRAPH && b->parent == p->block)
			n += block_weight(sd, k);
	}
	return n;
}

/* Does an own paragraph of item piece p hold a letter of scripts sc? */
static bool item_own_script(const struct side *sd, const struct piece *p,
                            const struct script_set *sc)
{
	for (size_t k = p->b0; k < p->b1; k++) {
		const struct block *b = &sd->d->blocks[k];
		if (b->kind == BLOCK_PARAGRAPH && b->parent == p->block &&
		    text_has_script(b->prose, strlen(b->prose), sc))
			return true;
	}
	return false;
}

/* The sum of count() (block_sentences, or one of its bounds) over the own
 * paragraphs of item piece p. */
static size_t item_own_sent(struct blk *B, struct side *sd, const struct piece *p,
                            size_t (*count)(struct blk *B, struct side *sd, size_t i))
{
	size_t n = 0;
	for (size_t k = p->b0; k < p->b1; k++) {
		const struct block *b = &sd->d->blocks[k];
		if (b->kind == BLOCK_PARAGRAPH && b->parent == p->block)
			n += count(B, sd, k);
	}
	return n;
}

/* The letters (nested lists' included) and evidence of the items
 * (list_items done): numbers, terms, code lines, links, code spans. */
static void list_evidence(struct blk *B, struct side *sd, int list, struct pieces *P)
{
	const struct doc *d = sd->d;
	size_t end = block_end(d, list);
	for (size_t q = 0; q < P->n; q++) {
		struct piece *p = &P->v[q];
		P->cur = (uint32_t)q;
		for (size_t k = p->b0; k < p->b1; k++) {
			const struct block *b = &d->blocks[k];
			if (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE) {
				p->w += block_weight(sd, k);
				text_evidence(P, b->prose, strlen(b->prose));
			} else if (b->kind == BLOCK_CODE) {
				code_lines(b->text, &B->cn);
				for (size_t i = 0; i < B->cn.n; i++)
					ev_add(P, P->cur, EV_CODELINE, B->cn.buf.buf + B->cn.v[i].off,
					       B->cn.v[i].len);
			}
		}
	}
	/* links and code spans, by the item that holds them */
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		if (l->block <= list || (size_t)l->block >= end)
			continue;
		int q = piece_of(d, P, list, l->block);
		if (q < 0)
			continue;
		strbuf_reset(&B->tmp2);
		align_normalize_dest(l->dest, sd->lang, &B->tmp2);
		ev_add(P, (uint32_t)q, EV_LINK, B->tmp2.buf, B->tmp2.len);
	}
	for (size_t i = 0; i < d->ncodes; i++) {
		const struct code_span *cs = &d->codes[i];
		if (cs->block <= list || (size_t)cs->block >= end)
			continue;
		int q = piece_of(d, P, list, cs->block);
		if (q >= 0)
			ev_add(P, (uint32_t)q, EV_CODE, cs->text, strlen(cs->text));
	}
	pieces_finish(P);
}

/* A pair of lists being compared item by item. */
struct listpair {
	struct pieces PS, PT;
	int sl, tl;
	bool full; /* list_evidence() done */
};

static void listpair_full(struct blk *B, struct listpair *lp)
{
	if (lp->full)
		return;
	lp->full = true;
	list_evidence(B, &B->S, lp->sl, &lp->PS);
	list_evidence(B, &B->T, lp->tl, &lp->PT);
}

/* Is line ln a table's delimiter row ("|---|:--:|")? */
static bool delimiter_row(const struct doc *d, unsigned ln)
{
	size_t len;
	const char *p = doc_line(d, ln, &len);
	bool dash = false;
	for (size_t i = 0; i < len; i++) {
		char ch = p[i];
		if (ch == '-')
			dash = true;
		else if (ch != '|' && ch != ':' && ch != ' ' && ch != '\t')
			return false;
	}
	return dash;
}

/* Rows of a table: its text has one line per row, cells joined by " | ";
 * in the file the delimiter row follows the header. */
static void table_pieces(struct blk *B, const struct doc *d, int tb, struct pieces *P)
{
	P->n = P->nev = 0;
	const struct block *b = &d->blocks[tb];
	const char *p = b->prose ? b->prose : "";
	const char *tx = b->text ? b->text : "";
	/* the header is the line above the delimiter row (a paragraph line
	 * the table interrupted may come first) */
	unsigned header = b->line;
	for (unsigned ln = b->line + 1; ln <= b->end_line; ln++)
		if (delimiter_row(d, ln)) {
			header = ln - 1;
			break;
		}
	unsigned row = 0;
	for (;;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *te = strchr(tx, '\n');
		size_t tlen = te ? (size_t)(te - tx) : strlen(tx);
		struct piece *pc = piece_new(P);
		pc->line = pc->end_line = header + row + (row ? 1 : 0);
		pc->text = tx;
		strbuf_reset(&B->tmp2);
		strbuf_add(&B->tmp2, p, len);
		pc->w = prose_weight(&B->tmp, B->tmp2.buf);
		/* evidence from the text, which keeps code spans */
		text_evidence(P, tx, tlen);
		row++;
		if (!e && !te)
			break;
		p += len + (e ? 1 : 0);
		tx += tlen + (te ? 1 : 0);
	}
	pieces_finish(P);
}

/* Score of pairing source piece a with translation piece b. */
static double piece_score(const struct blk *B, const struct pieces *PS, size_t a,
                          const struct pieces *PT, size_t b)
{
	const struct piece *x = &PS->v[a], *y = &PT->v[b];
	const struct token *ta = PS->ev + x->ev0, *tb = PT->ev + y->ev0;
	size_t i = 0, j = 0;
	double shared = 0, total = 0, strong_s = 0, strong_t = 0;
	while (i < x->nev || j < y->nev) {
		if (j >= y->nev || (i < x->nev && ta[i].h < tb[j].h)) {
			if (!ta[i].term) {
				total += 1;
				strong_s += 1;
			}
			i++;
		} else if (i >= x->nev || tb[j].h < ta[i].h) {
			total += 1;
			if (!tb[j].term)
				strong_t += 1;
			j++;
		} else {
			uint64_t h = ta[i].h;
			size_t ci = 0, cj = 0;
			while (i < x->nev && ta[i].h == h) {
				i++;
				ci++;
			}
			while (j < y->nev && tb[j].h == h) {
				j++;
				cj++;
			}
			shared += (double)(ci < cj ? ci : cj);
			total += (double)(ci > cj ? ci : cj);
		}
	}
	double sim = total > 0 ? shared / total : 0;
	double sc = 0.3 + 2.0 * sim;
	if (shared == 0 && strong_s > 0 && strong_t > 0)
		sc -= 1.0;
	if (x->w > 0 && y->w > 0) {
		double r = norm_ratio(B, y->w, x->w);
		double fit = 1.0 - (spread(r) - 1.0) / 2.0;
		sc += 0.6 * (fit > -1 ? fit : -1);
	}
	return sc;
}

/* Which piece of the longer side has no counterpart, when one side has
 * exactly one more: the position whose removal gives the best in-order
 * pairing, if clearly better than the others. Returns -1 when unsure. */
static int odd_piece_out(const struct blk *B, const struct pieces *PS, const struct pieces *PT,
                         bool src_longer)
{
	const struct pieces *L = src_longer ? PS : PT;
	size_t n = L->n;
	double best = -1e9, second = -1e9;
	int bi = -1;
	for (size_t x = 0; x < n; x++) {
		double tot = 0;
		for (size_t k = 0, o = 0; k < n; k++) {
			if (k == x)
				continue;
			tot += src_longer ? piece_score(B, PS, k, PT, o) : piece_score(B, PS, o, PT, k);
			o++;
		}
		if (tot > best) {
			second = best;
			best = tot;
			bi = (int)x;
		} else if (tot > second) {
			second = tot;
		}
	}
	if (n == 1)
		return 0;
	return best - second >= 0.25 ? bi : -1;
}

/* ---- sentence alignment (paragraph-mismatch) ---- */

/* ln(x / y) for positive x, y without libm: range reduction by powers
 * of two, then the atanh series. */
static double log1p_ratio(double x, double y)
{
	double r = x / y, k = 0;
	const double ln2 = 0.69314718055994530942;
	while (r > 1.5) {
		r /= 2;
		k += 1;
	}
	while (r < 0.75) {
		r *= 2;
		k -= 1;
	}
	double z = (r - 1) / (r + 1), z2 = z * z, term = z, sum = 0;
	for (int n = 1; n < 40; n += 2) {
		sum += term / n;
		term *= z2;
	}
	return 2 * sum + k * ln2;
}


#define MAX_SENT 48

struct sents {
	double w[MAX_SENT];
	size_t n;
};

/* Add a sentence of w letters (text_weight). */
static void sents_add(struct sents *st, size_t w)
{
	if (w == 0)
		return;
	if (st->n < MAX_SENT)
		st->w[st->n++] = (double)w;
	else
		st->w[MAX_SENT - 1] += (double)w;
}

static bool ascii_upper_or_digit(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* Bytes for split_sentences(): ASCII letters and digits (text_weight()
 * counts them), and the bytes that may end a sentence or are not ASCII. */
enum { SP_ALNUM = 1, SP_STOP = 2 };
static const unsigned char sp_class[256] = {
	/* 0x00-0x7F: '\n' '!' '.' '?' stop; digits and letters count */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 2,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	/* 0x80-0xFF: not ASCII */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Bits set in a 16-bit mask. */
static inline unsigned popcount16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (x + (x >> 8)) & 0x1F;
}

/* Split prose (shortcodes and abbreviation dots dropped) into sentences,
 * appending their letters to st. English: after . ! ? followed by white
 * space and a capital, digit, code or quote. CJK: after 。！？ and at the
 * end of a line holding CJK text. The letters of a sentence are its
 * text_weight(), counted on the way: text_weight() counts code points,
 * each by itself (the bytes a sentence end skips, " ) ' * _, are no
 * letters). */
static void split_sentences(const char *s, size_t len, bool cjk, struct sents *st)
{
	size_t start = 0, i = 0;
	bool wide = false; /* the segment holds CJK text */
	size_t w = 0;      /* its letters so far */
	while (i < len) {
#if defined(__SSE2__)
		/* 16 ASCII bytes at a time up to the next stop byte ('\n' '!'
		 * '.' '?' or not ASCII), their letters and digits counted */
		while (i + 16 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
			                                         _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
			                            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
			                                         _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
			unsigned bits = (unsigned)(_mm_movemask_epi8(stop) | _mm_movemask_epi8(v));
			unsigned alnum = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(sse_in_range(v, '0', 9),
			                     sse_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25)));
			if (bits) {
				unsigned r = (unsigned)__builtin_ctz(bits);
				w += popcount16(alnum & ((1u << r) - 1));
				i += r;
				break;
			}
			w += popcount16(alnum);
			i += 16;
		}
		if (i >= len)
			break;
#endif
		unsigned char b = (unsigned char)s[i];
		if (!(sp_class[b] & SP_STOP)) { /* ASCII that ends no sentence */
			w += sp_class[b] & SP_ALNUM;
			i++;
			continue;
		}
		uint32_t c;
		if (b < 0x80) { /* '\n' '!' '.' '?': no letter */
			c = b;
			i++;
		} else {
			c = utf8_next(s, len, &i);
			w += text_weighs(c);
		}
		bool end = false;
		if (c >= 0x2E80)
			wide = true;
		if (cjk && (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)) {
			end = true;
		} else if (cjk && c == '\n' && wide) {
			/* a line of CJK text ends a sentence: kubernetes.io never
			 * breaks a Japanese line mid-sentence */
			end = true;
		} else if (c == '.' || c == '!' || c == '?') {
			size_t k = i;
			while (k < len && (s[k] == '"' || s[k] == ')' || s[k] == '\'' || s[k] == '*' ||
			                   s[k] == '_'))
				k++;
			if (k >= len) {
				end = true;
			} else if (s[k] == ' ' || s[k] == '\n') {
				size_t q = k;
				while (q < len && (s[q] == ' ' || s[q] == '\n'))
					q++;
				unsigned char nx = q < len ? (unsigned char)s[q] : 0;
				end = q >= len || ascii_upper_or_digit(nx) || nx == '`' || nx == '"' ||
				      nx == '(' || nx == '[' || nx >= 0x80;
			}
			if (end)
				i = k;
		}
		if (end) {
			sents_add(st, w);
			start = i;
			wide = false;
			w = 0;
			continue;
		}
		/* the CJK text that follows, U+3000-U+9FFF but 。, in one loop:
		 * each is wide and ends no sentence (！？ are U+FF01, U+FF1F) */
		const unsigned char *u = (const unsigned char *)s;
		size_t j = i;
		while (j + 3 <= len && u[j] - 0xE3u <= 0xE9u - 0xE3u &&
		       ((u[j + 1] | (unsigned)u[j + 2] << 8) & 0xC0C0) == 0x8080) {
			if (u[j] >= 0xE5) { /* U+5000-U+9FFF: Han, letters */
				w++;
				j += 3;
				continue;
			}
			c = (u[j] & 0x0Fu) << 12 | (u[j + 1] & 0x3Fu) << 6 | (u[j + 2] & 0x3Fu);
			if (c == 0x3002)
				break;
			w += text_weighs(c);
			j += 3;
		}
		if (j > i) {
			wide = true;
			i = j;
		}
	}
	if (start < len)
		sents_add(st, w);
}

/* The sentences of block i of side sd by split_sentences(). */
static void block_split(struct blk *B, struct side *sd, size_t i, bool cjk, struct sents *st)
{
	size_t len;
	const char *p = block_prose(B, sd, i, &len);
	split_sentences(p, len, cjk, st);
}

/* Cost of matching source letters ws with translation letters wt. */
static double sent_cost(const struct blk *B, double ws, double wt)
{
	double e = ws * B->ratio;
	double l = log1p_ratio(wt + SA_SMOOTH, e + SA_SMOOTH);
	return l * l / (2.0 * SA_SIGMA * SA_SIGMA);
}

/* Align the sentences of a paragraph and its translation by length
 * (Gale and Church's method, with 1:1, 1:2, 2:1, 1:3, 3:1 steps, and
 * 1:0 / 0:1 steps of fixed cost). Returns how much cheaper the best
 * alignment gets when source sentences may stay unmatched: the best cost
 * with them kept (F) less the best with 1:0 steps allowed (G). Both
 * tables are filled in one pass: they share the step costs. */
static double sent_align_gain(const struct blk *B, const struct sents *a, const struct sents *b)
{
	double F[MAX_SENT + 1][MAX_SENT + 1], G[MAX_SENT + 1][MAX_SENT + 1];
	size_t n = a->n, m = b->n;
	double sa_pen[6] = {0, SA_SPLIT_2, SA_MERGE_2, SA_SPLIT_3, SA_MERGE_3, SA_CROSS};
	double sa_skip = SA_SKIP;
	for (size_t i = 0; i <= n; i++)
		for (size_t j = 0; j <= m; j++) {
			if (i == 0 && j == 0) {
				F[0][0] = G[0][0] = 0;
				continue;
			}
			double best = 1e30, bestg = 1e30;
			/* the skips first (a cell is the least of its candidates,
			 * whatever their order): they bound what a step must beat */
			if (i > 0 && G[i - 1][j] < 1e29)
				bestg = G[i - 1][j] + sa_skip;
			if (j > 0 && F[i][j - 1] < 1e29)
				best = F[i][j - 1] + sa_skip;
			if (j > 0 && G[i][j - 1] < 1e29 && G[i][j - 1] + sa_skip < bestg)
				bestg = G[i][j - 1] + sa_skip;
			static const int steps[][2] = {{1, 1}, {1, 2}, {2, 1}, {1, 3}, {3, 1}, {2, 2}};
			for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
				size_t di = (size_t)steps[k][0], dj = (size_t)steps[k][1];
				if (di > i || dj > j)
					continue;
				/* A step costs its penalty at least (sent_cost() >= 0,
				 * and rounding is monotonic): skip the cost when that
				 * cannot beat the best so far. */
				bool f = F[i - di][j - dj] < 1e29 && F[i - di][j - dj] + sa_pen[k] < best;
				bool g = G[i - di][j - dj] < 1e29 && G[i - di][j - dj] + sa_pen[k] < bestg;
				if (!f && !g)
					continue;
				double ws = 0, wt = 0;
				for (size_t q = i - di; q < i; q++)
					ws += a->w[q];
				for (size_t q = j - dj; q < j; q++)
					wt += b->w[q];
				double cost = sent_cost(B, ws, wt);
				if (f) {
					double cst = F[i - di][j - dj] + cost + sa_pen[k];
					if (cst < best)
						best = cst;
				}
				if (g) {
					double cst = G[i - di][j - dj] + cost + sa_pen[k];
					if (cst < bestg)
						bestg = cst;
				}
			}
			F[i][j] = best;
			G[i][j] = bestg;
		}
	return F[n][m] - G[n][m];
}

/* sent_align_gain(), or an upper bound of it when that is below
 * PM_ALIGN_GAIN. The gain is F less G. When G's best alignment leaves no
 * source sentence unmatched, it is one of F's alignments and F is the
 * least of those (each cell is the least of its candidates, and rounding
 * is monotonic): no gain. Otherwise G is at least SA_SKIP (all costs are
 * >= 0), and the gain at most F - SA_SKIP. And F is at most the cost of
 * any one alignment without source sentences left unmatched, summed as
 * the table sums it: with at least as many translation sentences, pair
 * the first ones 1:1 and leave the rest of the translation's unmatched.
 * Below PM_ALIGN_GAIN + SA_SKIP, that cost less SA_SKIP (exact there)
 * bounds the gain below PM_ALIGN_GAIN. */
static double align_gain(const struct blk *B, const struct sents *a, const struct sents *b)
{
#ifndef BLOCKS_DEBUG /* (calibration wants the gain itself) */
	if (a->n <= b->n) {
		double f = 0;
		/* (stopped once it is too high: costs are >= 0) */
		for (size_t q = 0; q < a->n && f < PM_ALIGN_GAIN + SA_SKIP; q++)
			f = f + sent_cost(B, a->w[q], b->w[q]);
		for (size_t q = a->n; q < b->n; q++)
			f = f + SA_SKIP;
		if (f < PM_ALIGN_GAIN + SA_SKIP)
			return f - SA_SKIP;
	}
#endif
	return sent_align_gain(B, a, b);
}

/* The inputs of paragraph-mismatch: source text of ws letters and ns
 * sentences translated by wt letters in nt sentences, with `lost` source
 * code spans the translation lacks and `gain` how much better the
 * sentences align when a source sentence may stay unmatched. Only the
 * letters are given; pm_verdict() asks `need` for the rest when the
 * verdict depends on them (most pairs are decided by their lengths). */
enum { PM_SENT = 1, PM_LOST = 2, PM_GAIN = 4, PM_SENT_MAX = 8, PM_SENT_MIN = 16, PM_LOST_MAY = 32 };

struct pm_args {
	size_t ws, wt, ns, nt, lost;
	double gain;    /* (or an upper bound below PM_ALIGN_GAIN: align_gain()) */
	size_t ns_max;  /* PM_SENT_MAX: ns is at most this (text_sentences_max()) */
	size_t nt_min;  /* PM_SENT_MIN: nt is at least this (text_sentences_min()) */
	bool lost_may;  /* PM_LOST_MAY: false when lost is surely 0 */
	unsigned have; /* PM_* computed */
	void (*need)(struct blk *B, struct pm_args *a, unsigned what);
	void *ctx;
};

static void pm_need(struct blk *B, struct pm_args *a, unsigned what)
{
	if (!(a->have & what)) {
		a->need(B, a, what);
		a->have |= what;
	}
}

/* May the sentence counts make pm_verdict() say "grown" (r below
 * PM_GROWN_SENT, gap at least PM_MIN_GAP_SENT)? Its three tests with
 * sentences all need ns >= nt; false when none of them can hold, by the
 * parts of each that need no ICU:
 *  - r < PM_GROWN_SAME (and gap >= PM_MIN_GAP) needs nothing more;
 *  - r < PM_GROWN_CODE needs lost > 0 (PM_LOST_MAY rules that out when
 *    the source has no code span the translation lacks);
 *  - ns > nt and gap >= PM_GROWN_SENT_PART * ws / ns: ns is at most
 *    ns_max, and the bound only falls as ns grows (rounding is monotonic),
 *    so the test fails for every ns when it fails for ns_max; and nt is
 *    at least nt_min, so ns > nt needs ns_max > nt_min. */
static bool sentences_may_decide(struct blk *B, struct pm_args *a, double r, double gap)
{
	if (gap >= PM_MIN_GAP && r < PM_GROWN_SAME)
		return true;
	if (gap >= PM_MIN_GAP && r < PM_GROWN_CODE) {
		pm_need(B, a, PM_LOST_MAY);
		if (a->lost_may)
			return true;
	}
	pm_need(B, a, PM_SENT_MAX);
	if (!(gap >= PM_GROWN_SENT_PART * (double)a->ws / (double)a->ns_max))
		return false;
	pm_need(B, a, PM_SENT_MIN);
	return a->ns_max > a->nt_min;
}

/* The verdict of paragraph-mismatch; NULL when in line. The conditions
 * (all but the last two "grown", which need gap >= PM_MIN_GAP_SENT; the
 * last two need -gap >= 1.5 * PM_MIN_GAP) are:
 *   gap >= PM_MIN_GAP && (r < PM_GROWN_HARD || (r < PM_GROWN_SAME && ns >= nt) ||
 *                         (r < PM_GROWN_CODE && ns >= nt && lost > 0))
 *   gap >= PM_MIN_GAP_SENT && r < PM_GROWN_SENT && ns > nt &&
 *                         gap >= PM_GROWN_SENT_PART * ws / ns
 *   gap >= PM_MIN_GAP_SENT && r < PM_GROWN_ALIGN && gain >= PM_ALIGN_GAIN
 *   -gap >= 1.5 * PM_MIN_GAP && (r > PM_SHRUNK_HARD || (r > PM_SHRUNK_SENT && nt > ns + 1))
 * They are evaluated cheapest first, asking for sentences, lost code and
 * the alignment gain only where a condition still depends on them. */
static const char *pm_verdict(struct blk *B, struct pm_args *a)
{
	static const char *const grown = "the source may have grown since the translation";
	static const char *const shrunk = "the source may have shrunk since the translation";
	size_t ws = a->ws, wt = a->wt;
	if (ws < PM_MIN_SRC || wt == 0 || B->ratio <= 0)
		return NULL;
	double r = norm_ratio(B, wt, ws);
	/* source letters the translation does not account for */
	double gap = (double)ws - (double)wt / B->ratio;
	if (gap >= PM_MIN_GAP_SENT) {
		if (gap >= PM_MIN_GAP && r < PM_GROWN_HARD)
			return grown;
		/* (PM_GROWN_SAME, PM_GROWN_CODE are lower) */
		if (r < PM_GROWN_SENT && sentences_may_decide(B, a, r, gap)) {
			pm_need(B, a, PM_SENT);
			size_t ns = a->ns, nt = a->nt;
			if (gap >= PM_MIN_GAP && ns >= nt && r < PM_GROWN_SAME)
				return grown;
			/* a sentence more in the source, and letters enough for part
			 * of one */
			if (ns > nt && gap >= PM_GROWN_SENT_PART * (double)ws / (double)ns)
				return grown;
			if (gap >= PM_MIN_GAP && ns >= nt && r < PM_GROWN_CODE) {
				pm_need(B, a, PM_LOST);
				if (a->lost > 0)
					return grown;
			}
		}
		/* a source sentence the sentence alignment leaves unmatched */
		if (r < PM_GROWN_ALIGN) {
			pm_need(B, a, PM_GAIN);
			if (a->gain >= PM_ALIGN_GAIN)
				return grown;
		}
		return NULL;
	}
	if (-gap >= PM_MIN_GAP * 1.5) {
		if (r > PM_SHRUNK_HARD)
			return shrunk;
		if (r > PM_SHRUNK_SENT) {
			pm_need(B, a, PM_SENT);
			if (a->nt > a->ns + 1)
				return shrunk;
		}
	}
	return NULL;
}

/* The sentences of a list item's own paragraphs. */
static void item_sentences(struct blk *B, struct side *sd, int item, bool cjk, struct sents *st)
{
	const struct doc *d = sd->d;
	size_t end = block_end(d, item);
	for (size_t k = (size_t)item + 1; k < end; k++)
		if (d->blocks[k].kind == BLOCK_PARAGRAPH && d->blocks[k].parent == item)
			block_split(B, sd, k, cjk, st);
}

/* Item k of a list pair, for item_need(). */
struct item_ctx {
	struct listpair *lp;
	size_t k;
};

static void item_need(struct blk *B, struct pm_args *a, unsigned what)
{
	const struct item_ctx *ic = a->ctx;
	struct listpair *lp = ic->lp;
	size_t k = ic->k;
	if (what == PM_SENT) {
		a->ns = item_own_sent(B, &B->S, &lp->PS.v[k], block_sentences);
		a->nt = item_own_sent(B, &B->T, &lp->PT.v[k], block_sentences);
	} else if (what == PM_SENT_MAX) {
		a->ns_max = item_own_sent(B, &B->S, &lp->PS.v[k], block_sentences_max);
	} else if (what == PM_SENT_MIN) {
		a->nt_min = item_own_sent(B, &B->T, &lp->PT.v[k], block_sentences_min);
	} else if (what == PM_LOST_MAY) {
		/* the lost code spans are the source item's that the
		 * translation item lacks: none without any (its blocks run
		 * from the item to the next one) */
		const struct doc *d = B->S.d;
		const struct piece *x = &lp->PS.v[k];
		a->lost_may = false;
		for (size_t i = 0; i < d->ncodes && !a->lost_may; i++)
			a->lost_may = d->codes[i].block >= x->block && (size_t)d->codes[i].block < x->b1;
	} else if (what == PM_LOST) {
		listpair_full(B, lp);
		const struct pieces *PS = &lp->PS, *PT = &lp->PT;
		const struct piece *x = &PS->v[k], *y = &PT->v[k];
		size_t lost = 0, j = 0;
		const struct token *ta = PS->ev + x->ev0, *tb = PT->ev + y->ev0;
		for (size_t i = 0; i < x->nev; i++) {
			if (ta[i].kind != EV_CODE)
				continue;
			while (j < y->nev && tb[j].h < ta[i].h)
				j++;
			lost += !(j < y->nev && tb[j].h == ta[i].h);
		}
		a->lost = lost;
	} else {
		struct sents sa = {{0}, 0}, sb = {{0}, 0};
		item_sentences(B, &B->S, lp->PS.v[k].block, false, &sa);
		item_sentences(B, &B->T, lp->PT.v[k].block, B->tr_cjk, &sb);
		a->gain = align_gain(B, &sa, &sb);
	}
}

/* paragraph-mismatch for the text of list items paired by position. */
static void check_item_text(struct blk *B, struct listpair *lp, size_t k, float conf)
{
	const struct piece *x = &lp->PS.v[k], *y = &lp->PT.v[k];
	const struct script_set *sc = locale_scripts(B->c->loc);
	if (sc && sc->n && !item_own_script(&B->T, y, sc))
		return; /* untranslated-text's */
	/* (pm_verdict() finds nothing in a short source: the translation's
	 * letters are not needed then) */
	size_t ws = item_own_w(&B->S, x);
	if (ws < PM_MIN_SRC)
		return;
	size_t wt = item_own_w(&B->T, y);
	struct item_ctx ic = {lp, k};
	struct pm_args a = {.ws = ws, .wt = wt, .need = item_need, .ctx = &ic};
	const char *why = pm_verdict(B, &a);
	if (!why)
		return;
	pm_need(B, &a, PM_SENT);
	check_report(B->c, RULE_paragraph_mismatch, conf, y->line, 1, x->line,
	             "the source list item (line %u) has %zu sentence%s (%zu letters) but this "
	             "translation has %zu (%zu letters): %s",
	             x->line, a.ns, a.ns == 1 ? "" : "s", ws, a.nt, wt, why);
}

/* ---- list-mismatch / table-mismatch ---- */

static void check_list_pair(struct blk *B, int sl, int tl, float conf, int depth);

/* Nested lists of paired items: pair them in order when their numbers match. */
static void check_nested_lists(struct blk *B, int si, int ti, float conf, int depth)
{
	const struct doc *s = B->S.d, *t = B->T.d;
	int sub_s[8], sub_t[8];
	int ns = 0, nt = 0;
	for (size_t k = (size_t)si + 1; k < s->nblocks && s->blocks[k].line <= s->blocks[si].end_line; k++)
		if (s->blocks[k].kind == BLOCK_LIST && s->blocks[k].parent == si && ns < 8)
			sub_s[ns++] = (int)k;
	for (size_t k = (size_t)ti + 1; k < t->nblocks && t->blocks[k].line <= t->blocks[ti].end_line; k++)
		if (t->blocks[k].kind == BLOCK_LIST && t->blocks[k].parent == ti && nt < 8)
			sub_t[nt++] = (int)k;
	if (ns != nt)
		return;
	for (int k = 0; k < ns; k++)
		check_list_pair(B, sub_s[k], sub_t[k], conf, depth + 1);
}

static void check_list_pair(struct blk *B, int sl, int tl, float conf, int depth)
{
	struct check_ctx *c = B->c;
	const struct doc *s = B->S.d, *t = B->T.d;
	const struct block *ls = &s->blocks[sl], *lt = &t->blocks[tl];
	struct listpair lp = {.sl = sl, .tl = tl};
	struct pieces *PS = &lp.PS, *PT = &lp.PT;
	list_items(&B->S, sl, PS);
	list_items(&B->T, tl, PT);
	if (PS->n != PT->n) {
		struct strbuf ex = STRBUF_INIT;
		bool src_longer = PS->n > PT->n;
		int odd = -1;
		if (PS->n + 1 == PT->n || PT->n + 1 == PS->n) {
			listpair_full(B, &lp);
			odd = odd_piece_out(B, PS, PT, src_longer);
		}
		const char *what = ls->ordered ? "numbered list" : "list";
		if (odd >= 0 && src_longer) {
			const struct piece *p = &PS->v[odd];
			excerpt(p->text, &ex);
			unsigned line = (size_t)odd < PT->n ? PT->v[odd].line
			                                    : (odd > 0 ? PT->v[odd - 1].end_line + 1 : lt->line);
			if (line > lt->end_line + 1)
				line = lt->end_line + 1;
			check_report(c, RULE_list_mismatch, conf, line, 1, p->line,
			             "%s has %zu item%s but the source %s (line %u) has %zu: source item %d "
			             "\"%s\" has no counterpart in the translation",
			             what, PT->n, PT->n == 1 ? "" : "s", what, ls->line, PS->n, odd + 1, ex.buf);
		} else if (odd >= 0) {
			const struct piece *p = &PT->v[odd];
			excerpt(p->text, &ex);
			check_report(c, RULE_list_mismatch, conf, p->line, 1, ls->line,
			             "%s has %zu item%s but the source %s (line %u) has %zu: item %d \"%s\" "
			             "has no counterpart in the source",
			             what, PT->n, PT->n == 1 ? "" : "s", what, ls->line, PS->n, odd + 1, ex.buf);
		} else {
			check_report(c, RULE_list_mismatch, conf, lt->line, lt->col, ls->line,
			             "%s has %zu item%s but the source %s (line %u) has %zu", what, PT->n,
			             PT->n == 1 ? "" : "s", what, ls->line, PS->n);
		}
		strbuf_release(&ex);
	} else {
		for (size_t k = 0; k < PS->n; k++) {
			if (check_enabled(c, RULE_paragraph_mismatch))
				check_item_text(B, &lp, k, conf);
			if (depth < 4)
				check_nested_lists(B, PS->v[k].block, PT->v[k].block, conf, depth);
		}
	}
	pieces_free(PS);
	pieces_free(PT);
}

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

static void check_table_pair(struct blk *B, int sb, int tb, float conf)
{
	const struct block *x = &B->S.d->blocks[sb], *y = &B->T.d->blocks[tb];
	if (x->rows == y->rows && x->cols == y->cols)
		return;
	struct check_ctx *c = B->c;
	if (x->cols == y->cols && (x->rows - y->rows == 1 || y->rows - x->rows == 1)) {
		struct pieces PS = {0}, PT = {0};
		table_pieces(B, B->S.d, sb, &PS);
		table_pieces(B, B->T.d, tb, &PT);
		bool src_longer = PS.n > PT.n;
		int odd = PS.n != PT.n ? odd_piece_out(B, &PS, &PT, src_longer) : -1;
		if (odd == 0)
			odd = -1; /* the header row: not a row added or removed */
		if (odd > 0) {
			struct strbuf ex = STRBUF_INIT;
			if (src_longer) {
				excerpt(PS.v[odd].text, &ex);
				unsigned line = (size_t)odd < PT.n ? PT.v[odd].line : PT.v[PT.n - 1].line + 1;
				check_report(c, RULE_table_mismatch, conf, line, 1, PS.v[odd].line,
				             "table has %d row%s but the source table (line %u) has %d: source "
				             "row \"%s\" has no counterpart in the translation",
				             y->rows, plural(y->rows), x->line, x->rows, ex.buf);
			} else {
				excerpt(PT.v[odd].text, &ex);
				check_report(c, RULE_table_mismatch, conf, PT.v[odd].line, 1, x->line,
				             "table has %d row%s but the source table (line %u) has %d: row \"%s\" "
				             "has no counterpart in the source",
				             y->rows, plural(y->rows), x->line, x->rows, ex.buf);
			}
			strbuf_release(&ex);
		}
		pieces_free(&PS);
		pieces_free(&PT);
		if (odd > 0)
			return;
	}
	check_report(c, RULE_table_mismatch, conf, y->line, y->col, x->line,
	             "table has %d row%s and %d column%s but the source table (line %u) has %d row%s "
	             "and %d column%s",
	             y->rows, plural(y->rows), y->cols, plural(y->cols), x->line, x->rows,
	             plural(x->rows), x->cols, plural(x->cols));
}

/* ---- code-block-mismatch ---- */

/* The language of an info string: its first word, lowercased. */
static void info_lang(const char *info, struct strbuf *out)
{
	strbuf_reset(out);
	if (!info)
		return;
	while (*info == ' ' || *info == '\t')
		info++;
	for (; *info && *info != ' ' && *info != '\t' && *info != '{' && *info != ','; info++)
		strbuf_addch(out, (*info >= 'A' && *info <= 'Z') ? *info - 'A' + 'a' : *info);
}

static void quote_line(const struct codenorm *cn, size_t i, struct strbuf *out)
{
	struct strbuf tmp = STRBUF_INIT;
	strbuf_add(&tmp, cn->buf.buf + cn->v[i].off, cn->v[i].len);
	strbuf_reset(out);
	if (tmp.len > 100) {
		size_t cut = 97;
		while (cut > 0 && ((unsigned char)tmp.buf[cut] & 0xC0) == 0x80)
			cut--;
		strbuf_setlen(&tmp, cut);
		strbuf_addstr(&tmp, "...");
	}
	strbuf_add(out, tmp.buf, tmp.len);
	strbuf_release(&tmp);
}

/* Are the normalised lines [from, to) of a translation code block all
 * written in the locale's script (translated sample text)? */
static bool translated_lines(const struct blk *B, const struct codenorm *cn, size_t from,
                             size_t to)
{
	const struct script_set *scripts = locale_scripts(B->c->loc);
	if (from >= to || !scripts || scripts->n == 0)
		return false;
	for (size_t k = from; k < to; k++)
		if (!text_has_script(cn->buf.buf + cn->v[k].off, cn->v[k].len, scripts))
			return false;
	return true;
}

/* One hunk of a code difference: source lines [si, si+ns) against
 * translation lines [ti, ti+nt) (normalised indices). */
static void report_hunk(struct blk *B, const struct block *x, const struct block *y,
                        const struct codenorm *a, const struct codenorm *b, size_t si, size_t ns,
                        size_t ti, size_t nt, size_t rest, float conf)
{
	struct check_ctx *c = B->c;
	unsigned base_s = x->line + (x->fenced ? 1 : 0), base_t = y->line + (y->fenced ? 1 : 0);
	struct strbuf qa = STRBUF_INIT, qb = STRBUF_INIT;
	size_t n = ns > nt ? ns : nt;
	char more[96] = "";
	if (n > 1 && rest)
		snprintf(more, sizeof(more), " (%zu lines differ; %zu more difference%s in this block)", n,
		         rest, rest == 1 ? "" : "s");
	else if (n > 1)
		snprintf(more, sizeof(more), " (%zu lines differ)", n);
	else if (rest)
		snprintf(more, sizeof(more), " (%zu more difference%s in this block)", rest,
		         rest == 1 ? "" : "s");
	if (ns && nt) {
		quote_line(b, ti, &qb);
		quote_line(a, si, &qa);
		check_report(c, RULE_code_block_mismatch, conf, base_t + (unsigned)b->v[ti].orig, 1,
		             base_s + (unsigned)a->v[si].orig,
		             "code differs from the source: \"%s\" vs source \"%s\"%s", qb.buf, qa.buf,
		             more);
	} else if (ns) {
		quote_line(a, si, &qa);
		/* where the line would go: before the next translation line */
		unsigned line = ti < b->n ? base_t + (unsigned)b->v[ti].orig
		                          : (b->n ? base_t + (unsigned)b->v[b->n - 1].orig + 1 : base_t);
		check_report(c, RULE_code_block_mismatch, conf, line, 1, base_s + (unsigned)a->v[si].orig,
		             "code lacks a line of the source: \"%s\"%s", qa.buf, more);
	} else {
		quote_line(b, ti, &qb);
		check_report(c, RULE_code_block_mismatch, conf, base_t + (unsigned)b->v[ti].orig, 1,
		             x->line, "code has a line the source lacks: \"%s\"%s", qb.buf, more);
	}
	strbuf_release(&qa);
	strbuf_release(&qb);
}

/* Report the lines of code block y that differ from those of x; false
 * when their normalised lines are the same. */
static bool code_diff(struct blk *B, const struct block *x, const struct block *y, float conf)
{
	struct codenorm a = {STRBUF_INIT, NULL, 0, 0}, b = {STRBUF_INIT, NULL, 0, 0};
	bool done = false;
	code_lines(x->text, &a);
	code_lines(y->text, &b);
	int *match = xmalloc((a.n + 1) * sizeof(int));
	long l = code_lcs(&a, &b, match);
	if (l < 0) {
		/* very large: first difference position by position */
		for (size_t i = 0; i < a.n && i < b.n; i++)
			match[i] = cline_eq(&a, i, &b, i) ? (int)i : -1;
		for (size_t i = b.n; i < a.n; i++)
			match[i] = -1;
		l = 0;
		for (size_t i = 0; i < a.n; i++)
			l += match[i] >= 0;
	}
	if ((size_t)l != a.n || (size_t)l != b.n) {
		/* each hunk of the difference is a finding (lines changed one
		 * for one each), except translated text: lines the translation
		 * wrote in its own script (sample prose, messages). A block
		 * from another revision gives at most CODE_MAX_FINDINGS. */
		struct hunk {
			size_t si, ns, ti, nt;
		} *h = NULL;
		size_t nh = 0, halloc = 0;
		size_t i = 0, j = 0;
		while (i < a.n || j < b.n) {
			if (i < a.n && match[i] == (int)j) {
				i++;
				j++;
				continue;
			}
			size_t hs = i, ht = j;
			while (i < a.n && match[i] < 0)
				i++;
			size_t next_t = i < a.n ? (size_t)match[i] : b.n;
			if (next_t < j)
				next_t = j; /* (cannot happen with an LCS) */
			j = next_t;
			if (translated_lines(B, &b, ht, j))
				continue;
			if (i - hs == j - ht) {
				for (size_t k = 0; k < i - hs; k++) {
					if (translated_lines(B, &b, ht + k, ht + k + 1))
						continue;
					h = xgrow(h, nh + 1, &halloc, sizeof(*h));
					h[nh++] = (struct hunk){hs + k, 1, ht + k, 1};
				}
			} else {
				h = xgrow(h, nh + 1, &halloc, sizeof(*h));
				h[nh++] = (struct hunk){hs, i - hs, ht, j - ht};
			}
		}
		size_t shown = nh > CODE_MAX_FINDINGS ? CODE_MAX_FINDINGS : nh;
		for (size_t k = 0; k < shown; k++)
			report_hunk(B, x, y, &a, &b, h[k].si, h[k].ns, h[k].ti, h[k].nt,
			            k + 1 == shown ? nh - shown : 0, conf);
		free(h);
		done = true;
	}
	free(match);
	strbuf_release(&a.buf);
	strbuf_release(&b.buf);
	free(a.v);
	free(b.v);
	return done;
}

static void check_code_pair(struct blk *B, int sb, int tb, float conf)
{
	struct check_ctx *c = B->c;
	const struct block *x = &B->S.d->blocks[sb], *y = &B->T.d->blocks[tb];
	/* the same code has the same normalised lines: no difference */
	if (strcmp(x->text, y->text) == 0 || !code_diff(B, x, y, conf)) {
		struct strbuf qa = STRBUF_INIT, qb = STRBUF_INIT;
		info_lang(x->info, &qa);
		info_lang(y->info, &qb);
		if (strcmp(qa.buf, qb.buf) != 0 && qa.len && x->fenced && y->fenced)
			check_report(c, RULE_code_block_mismatch, conf, y->line, y->col, x->line,
			             "code block language is \"%s\" but the source's is \"%s\"", qb.buf,
			             qa.buf);
		strbuf_release(&qa);
		strbuf_release(&qb);
	}
}

/* Code blocks nested in paired containers (lists, quotes; a group of
 * them when the pairing split or merged lists), in order. */
static void check_nested_code(struct blk *B, int su, const struct group *gs,
                              const struct group *gt, float conf)
{
	const struct side *S = &B->S, *T = &B->T;
	int tu = S->pair[su];
	int cs[64], ct[64];
	int ns = 0, nt = 0;
	for (int k = gs->lo; k <= gs->hi; k++) {
		int x = S->list[k];
		if (S->pair[x] != tu || S->ukind[x] == UNIT_CODE)
			continue;
		size_t end = block_end(S->d, x);
		for (size_t q = (size_t)x + 1; q < end; q++)
			if (S->d->blocks[q].kind == BLOCK_CODE && ns < 64)
				cs[ns++] = (int)q;
	}
	for (int k = gt->lo; k <= gt->hi; k++) {
		int x = T->list[k];
		if (T->pair[x] != su || T->ukind[x] == UNIT_CODE)
			continue;
		size_t end = block_end(T->d, x);
		for (size_t q = (size_t)x + 1; q < end; q++)
			if (T->d->blocks[q].kind == BLOCK_CODE && nt < 64)
				ct[nt++] = (int)q;
	}
	if (ns == 0 || nt == 0)
		return;
	if (ns == nt) {
		for (int k = 0; k < ns; k++)
			check_code_pair(B, cs[k], ct[k], conf);
		return;
	}
	struct codenorm a = {STRBUF_INIT, NULL, 0, 0}, b = {STRBUF_INIT, NULL, 0, 0};
	int last = -1;
	for (int k = 0; k < ns; k++) {
		int best = -1;
		double bsim = CODE_PAIR_SIM;
		code_lines(S->d->blocks[cs[k]].text, &a);
		for (int q = last + 1; q < nt; q++) {
			double sim = code_sim(&a, T->d->blocks[ct[q]].text, &b);
			if (sim >= bsim) {
				bsim = sim;
				best = q;
			}
		}
		if (best >= 0) {
			check_code_pair(B, cs[k], ct[best], conf);
			last = best;
		}
	}
	strbuf_release(&a.buf);
	strbuf_release(&b.buf);
	free(a.v);
	free(b.v);
}

/* ---- paragraph-mismatch ---- */

static bool untranslated(const struct blk *B, const struct block *sb, const struct block *tb)
{
	const struct script_set *scripts = locale_scripts(B->c->loc);
	const char *tp = tb->prose ? tb->prose : "";
	if (sb->prose && strcmp(sb->prose, tp) == 0)
		return true;
	if (scripts && scripts->n && !text_has_script(tp, strlen(tp), scripts))
		return true;
	return false;
}

/* Does translation unit tu hold a token with hash h? */
static bool tr_unit_has(struct blk *B, int tu, uint64_t h)
{
	const struct piece *y = unit_ev(B, &B->T, tu);
	const struct token *b = B->T.ev.ev + y->ev0;
	size_t lo = 0, hi = y->nev;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < y->nev && b[lo].h == h;
}

/* Code spans of the source group that no unit of the translation group
 * has: translations keep code spans, so they show added source text. */
static size_t missing_code(struct blk *B, int su, const struct group *gs,
                           const struct group *gt)
{
	struct side *S = &B->S;
	const struct side *T = &B->T;
	int tu = S->pair[su];
	size_t n = 0;
	for (int k = gs->lo; k <= gs->hi; k++) {
		int x = S->list[k];
		if (S->pair[x] != tu)
			continue;
		const struct piece *p = unit_ev(B, S, x);
		for (size_t e = 0; e < p->nev; e++) {
			const struct token *t = &S->ev.ev[p->ev0 + e];
			if (t->kind != EV_CODE || (e > 0 && S->ev.ev[p->ev0 + e - 1].h == t->h))
				continue;
			bool found = false;
			for (int q = gt->lo; q <= gt->hi && !found; q++)
				if (T->pair[T->list[q]] == su)
					found = tr_unit_has(B, T->list[q], t->h);
			n += !found;
		}
	}
	return n;
}

/* Code spans of source unit u (case folded) into v from *n on, at most
 * max; false when there are more. */
static bool unit_code_hashes(const struct side *sd, int u, uint64_t *v, size_t *n, size_t max)
{
	for (size_t k = sd->ix0[u]; k < sd->ix0[u + 1]; k++) {
		if ((sd->ix[k] & 3) != IX_CODE)
			continue;
		if (*n == max)
			return false;
		const char *t = sd->d->codes[sd->ix[k] >> 2].text;
		v[(*n)++] = hash_str(EV_CODE, t, strlen(t), true);
	}
	return true;
}

/* May missing_code() find a code span lost? False when every code span
 * of the source group is one of the translation group's: missing_code()
 * looks each up among all the tokens of the translation units, code
 * spans among them, so it finds none lost either. (True when unsure.) */
static bool may_miss_code(struct blk *B, int su, const struct group *gs, const struct group *gt)
{
	const struct side *S = &B->S, *T = &B->T;
	int tu = S->pair[su];
	uint64_t hs[64], ht[64];
	size_t ns = 0, nt = 0;
	for (int k = gs->lo; k <= gs->hi; k++)
		if (S->pair[S->list[k]] == tu && !unit_code_hashes(S, S->list[k], hs, &ns, 64))
			return true;
	if (ns == 0)
		return false;
	for (int k = gt->lo; k <= gt->hi; k++)
		if (T->pair[T->list[k]] == su && !unit_code_hashes(T, T->list[k], ht, &nt, 64))
			return true;
	for (size_t i = 0; i < ns; i++) {
		bool found = false;
		for (size_t j = 0; j < nt && !found; j++)
			found = hs[i] == ht[j];
		if (!found)
			return true;
	}
	return false;
}

/* The source group of su and its translation group, for para_need(). */
struct para_ctx {
	int su;
	const struct group *gs, *gt;
};

static void para_need(struct blk *B, struct pm_args *a, unsigned what)
{
	const struct para_ctx *p = a->ctx;
	struct side *S = &B->S, *T = &B->T;
	int su = p->su, tu = S->pair[su];
	const struct group *gs = p->gs, *gt = p->gt;
	if (what == PM_SENT) {
		a->ns = a->nt = 0;
		for (int k = gs->lo; k <= gs->hi; k++)
			if (S->pair[S->list[k]] == tu)
				a->ns += block_sentences(B, S, S->list[k]);
		for (int k = gt->lo; k <= gt->hi; k++)
			if (T->pair[T->list[k]] == su)
				a->nt += block_sentences(B, T, T->list[k]);
	} else if (what == PM_SENT_MAX) {
		a->ns_max = 0;
		for (int k = gs->lo; k <= gs->hi; k++)
			if (S->pair[S->list[k]] == tu)
				a->ns_max += block_sentences_max(B, S, S->list[k]);
	} else if (what == PM_SENT_MIN) {
		a->nt_min = 0;
		for (int k = gt->lo; k <= gt->hi; k++)
			if (T->pair[T->list[k]] == su)
				a->nt_min += block_sentences_min(B, T, T->list[k]);
	} else if (what == PM_LOST_MAY) {
		a->lost_may = may_miss_code(B, su, gs, gt);
	} else if (what == PM_LOST) {
		a->lost = missing_code(B, su, gs, gt);
	} else {
		struct sents sa = {{0}, 0}, sb = {{0}, 0};
		for (int k = gs->lo; k <= gs->hi; k++)
			if (S->pair[S->list[k]] == tu)
				block_split(B, S, (size_t)S->list[k], false, &sa);
		for (int k = gt->lo; k <= gt->hi; k++)
			if (T->pair[T->list[k]] == su)
				block_split(B, T, (size_t)T->list[k], B->tr_cjk, &sb);
		a->gain = align_gain(B, &sa, &sb);
	}
}

static void check_paragraph_group(struct blk *B, int su, const struct group *gs,
                                  const struct group *gt, float conf)
{
	const struct side *S = &B->S, *T = &B->T;
	int tu = S->pair[su];
	if ((gs->n > 1 && gt->n > 1) || B->ratio <= 0)
		return;
	for (int k = gs->lo; k <= gs->hi; k++) {
		int x = S->list[k];
		if (S->pair[x] == tu && !is_prose_kind(S->ukind[x]))
			return;
	}
	for (int k = gt->lo; k <= gt->hi; k++) {
		int x = T->list[k];
		if (T->pair[x] == su && !is_prose_kind(T->ukind[x]))
			return;
	}
	size_t ws = group_w(S, gs, tu);
	if (ws < PM_MIN_SRC)
		return;
	/* (untranslated text first: its letters are not needed then) */
	for (int k = gt->lo; k <= gt->hi; k++) {
		int x = T->list[k];
		if (T->pair[x] == su && untranslated(B, &S->d->blocks[su], &T->d->blocks[x]))
			return;
	}
	size_t wt = group_w(T, gt, su);
	if (wt == 0)
		return;
	struct para_ctx pc = {su, gs, gt};
	struct pm_args a = {.ws = ws, .wt = wt, .need = para_need, .ctx = &pc};
#ifdef BLOCKS_DEBUG
	/* for calibration (docs/rules/paragraph-mismatch.md): file, source
	 * and translation lines, units on each side, letters and sentences
	 * of each side, r, confidence, code spans lost, sentence-alignment
	 * gain */
	pm_need(B, &a, PM_SENT);
	pm_need(B, &a, PM_LOST);
	pm_need(B, &a, PM_GAIN);
	double r = norm_ratio(B, wt, ws);
	fprintf(stderr, "PM\t%s\t%u\t%u\t%d\t%d\t%zu\t%zu\t%zu\t%zu\t%.3f\t%.2f\t%zu\t%.2f\n",
	        T->d->path, S->d->blocks[su].line, T->d->blocks[tu].line, gs->n, gt->n, ws, wt, a.ns,
	        a.nt, r, conf, a.lost, a.gain);
#endif
	const char *why = pm_verdict(B, &a);
	if (!why)
		return;
	pm_need(B, &a, PM_SENT);
	size_t ns = a.ns, nt = a.nt;
	const struct block *ts = &T->d->blocks[T->list[gt->lo]];
	const struct block *ss = &S->d->blocks[su];
	check_report(B->c, RULE_paragraph_mismatch, conf, ts->line, ts->col, ss->line,
	             "the source paragraph (line %u) has %zu sentence%s (%zu letters) but this "
	             "translation has %zu (%zu letters): %s",
	             ss->line, ns, ns == 1 ? "" : "s", ws, nt, wt, why);
}

/* Lists split or merged by the pairing: compare the numbers of items. */
static void check_list_group(struct blk *B, int su, const struct group *gs,
                             const struct group *gt, float conf)
{
	const struct side *S = &B->S, *T = &B->T;
	int tu = S->pair[su];
	int is = 0, it = 0;
	for (int k = gs->lo; k <= gs->hi; k++) {
		int x = S->list[k];
		if (S->pair[x] == tu && S->ukind[x] == UNIT_LIST)
			is += S->d->blocks[x].nitems;
	}
	int first = -1;
	for (int k = gt->lo; k <= gt->hi; k++) {
		int x = T->list[k];
		if (T->pair[x] == su && T->ukind[x] == UNIT_LIST) {
			it += T->d->blocks[x].nitems;
			if (first < 0)
				first = x;
		}
	}
	if (is == it || first < 0)
		return;
	const struct block *lt = &T->d->blocks[first];
	check_report(B->c, RULE_list_mismatch, conf, lt->line, lt->col, S->d->blocks[su].line,
	             "list has %d item%s but the source list (line %u) has %d", it,
	             it == 1 ? "" : "s", S->d->blocks[su].line, is);
}

/* ---- the pairs ---- */

static void check_pairs(struct blk *B, int s)
{
	struct check_ctx *c = B->c;
	const struct side *S = &B->S, *T = &B->T;
	float sconf = c->al->sconf[s];
	for (int i = 0; i < S->n; i++) {
		int su = S->list[i];
		int tu = S->pair[su];
		struct group gs, gt;
		/* a group is checked once, at its first source unit */
		if (tu < 0 || !src_group(B, tu, &gs) || gs.lo != i || !tr_group(B, su, &gt))
			continue;
		float conf = B->conf[su] < sconf ? B->conf[su] : sconf;
		enum unit_kind ks = S->ukind[su], kt = T->ukind[tu];
		bool single = gs.n == 1 && gt.n == 1;
		if (ks == UNIT_LIST && check_enabled(c, RULE_list_mismatch)) {
			if (single && kt == UNIT_LIST)
				check_list_pair(B, su, tu, conf, 0);
			else if (!single)
				check_list_group(B, su, &gs, &gt, conf);
		}
		if (single && ks == UNIT_TABLE && kt == UNIT_TABLE && check_enabled(c, RULE_table_mismatch))
			check_table_pair(B, su, tu, conf);
		if (check_enabled(c, RULE_code_block_mismatch)) {
			if (single && ks == UNIT_CODE && kt == UNIT_CODE)
				check_code_pair(B, su, tu, conf);
			else if (ks != UNIT_CODE && kt != UNIT_CODE)
				check_nested_code(B, su, &gs, &gt, conf);
		}
		if (is_prose_kind(ks) && is_prose_kind(kt) && check_enabled(c, RULE_paragraph_mismatch))
			check_paragraph_group(B, su, &gs, &gt, conf);
	}
}

static bool doc_has_units(const struct doc *d, const enum unit_kind *uk)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (uk[i] != UNIT_NONE)
			return true;
	return false;
}

void check_blocks(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	const struct alignment *al = c->al;
	if (!check_enabled(c, RULE_block_missing) && !check_enabled(c, RULE_block_extra) &&
	    !check_enabled(c, RULE_list_mismatch) && !check_enabled(c, RULE_table_mismatch) &&
	    !check_enabled(c, RULE_paragraph_mismatch) && !check_enabled(c, RULE_code_block_mismatch))
		return;
	/* A stub translation: the section rules report it once. */
	if (!doc_has_units(tr, al->ukind_tr))
		return;
	struct blk B;
	memset(&B, 0, sizeof(B));
	B.c = c;
	B.tmp = (struct strbuf)STRBUF_INIT;
	B.tmp2 = (struct strbuf)STRBUF_INIT;
	B.cn.buf = (struct strbuf)STRBUF_INIT;
	B.ratio = locale_length_ratio(c->loc);
	B.src_lang = src->lang ? src->lang : "en";
	B.tr_lang = tr->lang ? tr->lang : locale_lang(c->loc);
	B.tr_cjk = (B.tr_lang[0] == 'j' && B.tr_lang[1] == 'a') ||
	           (B.tr_lang[0] == 'z' && B.tr_lang[1] == 'h');
	side_init(&B, &B.S, src, al->ukind_src, al->unit_src, al->b2t, NULL, B.src_lang);
	side_init(&B, &B.T, tr, al->ukind_tr, al->unit_tr, al->t2b, tr->lang, B.tr_lang);
	B.conf = xcalloc(src->nblocks + 1, sizeof(float));
	for (size_t i = 0; i < src->nblocks; i++)
		B.conf[i] = al->bconf[i];
	bool src_capture = doc_uses_capture(src), tr_capture = doc_uses_capture(tr);
	bool *tr_done = xcalloc(tr->nblocks + 1, sizeof(bool));

	for (size_t s = 0; s < src->nsections; s++) {
		int t = al->s2t[s];
		if (t < 0)
			continue;
		side_collect(&B.S, (int)s);
		side_collect(&B.T, t);
		if (conflicted(&B.S))
			continue;
		complete_pairs(&B);
		report_unpaired(&B, (int)s, t, src_capture, tr_capture, tr_done);
		check_pairs(&B, (int)s);
	}

	side_free(&B.S);
	side_free(&B.T);
	free(B.conf);
	free(tr_done);
	strbuf_release(&B.cn.buf);
	free(B.cn.v);
	strbuf_release(&B.tmp);
	strbuf_release(&B.tmp2);
}
