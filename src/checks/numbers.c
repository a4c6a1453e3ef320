/* checks/numbers.c - number-mismatch: a number or version of a source
 * paragraph (list item, table row, heading) that its aligned translation
 * does not have, or a number the translation has in its place.
 *
 * Pairs come from the alignment: block units (a split source paragraph
 * is compared with all its translation paragraphs, each paragraph of a
 * merge with the one translation paragraph), list items matched by the
 * links, code and numbers they share (else by index), table rows by index
 * when both tables have as many rows, the headings of aligned sections,
 * and, for source units the aligner left unpaired between two pairs, the
 * unpaired translation units in the same gap (a paragraph split in three).
 * Unpaired translation units right next to a pair are searched too before
 * a number is called missing (a sentence moved out of its list item).
 *
 * Numbers are text_numbers() values, so "2,000" = "2000", "v1.32" =
 * "1.32", "9th" = "9", "三つ" = "3", "5:00 PM" = "午後5時" = "17時";
 * English month names next to a number count as their number ("March
 * 2022" = "2022年3月"). Sets, not multisets: a number said twice in the
 * source and once in the translation is fine. Not compared: numbers in
 * code spans, shortcodes, URLs, KEP/PR/issue references (kep-mismatch and
 * ref-mismatch report those) and "#123"; a plain "1" (often not written in
 * East Asian languages); untranslated text (untranslated-text reports it);
 * pairs the aligner is unsure of. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../check.h"
#include "../refs.h"
#include "../text.h"
#include "../xalloc.h"

#define MAX_NUMS 96
#define MAX_REFS 32
#define MAX_SIDES 8
#define MAX_NEAR 4
#define MAX_ITEMS 64
/* Block pairs below this confidence are not compared at all. */
#define MIN_CONF 0.3f
/* Confidence of a pair made of the gap between two aligned pairs. */
#define GAP_CONF 0.5f

struct num {
	struct text_number n;
	char shown[32]; /* as written */
	bool ref;       /* part of a KEP/PR/issue reference or "#123" */
	bool code;      /* from a code span */
	bool month;     /* a month: an English month name, or "12月" */
	bool kanji;     /* a kanji numeral (一..十) */
	bool ordinal;   /* "2nd" outside a date */
};

struct numset {
	struct num v[MAX_NUMS];
	size_t n;
};

/* A document with its links and code spans grouped by block, so that a
 * range of blocks finds its own without a scan of the whole page. */
struct docidx {
	const struct doc *doc;
	size_t *lstart, *litem; /* links of block b: litem[lstart[b] .. lstart[b + 1]) */
	size_t *cstart, *citem; /* code spans, the same way */
	/* For link i to a KEP, pull request or issue: the digits of the
	 * number its text names for ref-mismatch and kep-mismatch
	 * ("[Issue 47826](…/issues/47862)"), l->text[rnoff[i] ..][.. rnlen[i]);
	 * rnlen[i] 0 for other links, RN_UNKNOWN until link_ref_number(). */
	size_t *rnoff, *rnlen;
	/* The numbers of each text, found once (numset_add_cached()): the
	 * same paragraph is read for its unit, its list items, their keys
	 * and as a neighbour of other pairs. Per block's prose, code span
	 * and link destination; table rows (few) in a list. */
	struct nspan *prose, *code, *dest; /* [nblocks], [ncodes], [nlinks] */
	struct rowcache *rows;
};

#define RN_UNKNOWN SIZE_MAX

/* A text's numbers: pool[first .. first + n) of the pair's ncache;
 * n == NSPAN_UNKNOWN until found. */
struct nspan {
	uint32_t first, n;
	uint16_t nnum;   /* the first nnum are text_numbers()'s (the rest months) */
	bool refs_known; /* their ref flags are complete (text_refs()) */
};
#define NSPAN_UNKNOWN UINT32_MAX

struct rowspan {
	int block, row;
	struct nspan sp;
};

struct rowcache {
	struct rowspan *v;
	size_t n, alloc;
};

/* One side of a pair: a range of blocks, or one table row. */
struct side {
	const struct docidx *d;
	int first, last; /* blocks [first, last] */
	int row;         /* table row (0-based) when >= 0 */
};

/* Group items by block (counting sort); items with no block are left out.
 * The block of item i is the int at base + i * stride. st[nblocks + 2]
 * and it[n] are the caller's. */
static void group_by_block(size_t nblocks, size_t n, const char *base, size_t stride, size_t *st,
                           size_t *it)
{
	/* counts at st[b + 2], so that their prefix sums leave the start of
	 * block b at st[b + 1], which placing the items moves on to the start
	 * of block b + 1 */
	memset(st, 0, (nblocks + 2) * sizeof(*st));
	for (size_t i = 0; i < n; i++) {
		int b;
		memcpy(&b, base + i * stride, sizeof(b));
		if (b >= 0 && (size_t)b < nblocks)
			st[b + 2]++;
	}
	for (size_t b = 2; b < nblocks + 2; b++)
		st[b] += st[b - 1];
	for (size_t i = 0; i < n; i++) {
		int b;
		memcpy(&b, base + i * stride, sizeof(b));
		if (b >= 0 && (size_t)b < nblocks)
			it[st[b + 1]++] = i;
	}
}

static void docidx_init(struct docidx *x, const struct doc *d)
{
	x->doc = d;
	size_t nb = d->nblocks, nl = d->nlinks, nc = d->ncodes;
	/* one allocation: lstart, cstart [nb + 2]; litem, rnoff, rnlen [nl];
	 * citem [nc]; then the spans */
	size_t nsz = 2 * (nb + 2) + 3 * nl + nc + 1;
	size_t nt = nb + nc + nl;
	char *mem = xmalloc(nsz * sizeof(size_t) + (nt + 1) * sizeof(struct nspan));
	size_t *z = (size_t *)(void *)mem;
	x->lstart = z;
	x->cstart = z + nb + 2;
	x->litem = x->cstart + nb + 2;
	x->rnoff = x->litem + nl;
	x->rnlen = x->rnoff + nl;
	x->citem = x->rnlen + nl;
	group_by_block(nb, nl, (const char *)d->links + offsetof(struct link, block),
	               sizeof(struct link), x->lstart, x->litem);
	group_by_block(nb, nc, (const char *)d->codes + offsetof(struct code_span, block),
	               sizeof(struct code_span), x->cstart, x->citem);
	for (size_t i = 0; i < nl; i++)
		x->rnlen[i] = RN_UNKNOWN;
	/* the three kinds of text, all unknown (0xFF bytes) */
	x->prose = (struct nspan *)(void *)(mem + nsz * sizeof(size_t));
	memset(x->prose, 0xFF, (nt + 1) * sizeof(*x->prose));
	x->code = x->prose + nb;
	x->dest = x->code + nc;
	x->rows = xcalloc(1, sizeof(*x->rows));
}

/* Find rnoff[i] and rnlen[i] (only links in prose with numbers ask). */
static void link_ref_number(const struct docidx *x, size_t i)
{
	const struct link *l = &x->doc->links[i];
	struct ref r;
	bool agrees;
	x->rnlen[i] = 0;
	/* the number is digits in the text (refs_next_digit()); images are
	 * not compared there */
	if (l->image)
		return;
	size_t tl = strlen(l->text), dl = strlen(l->dest);
	if (refs_next_digit(l->text, tl, 0) == tl || !refs_may_be_url(l->dest, dl) ||
	    !refs_in_url(l->dest, dl, &r, 1))
		return;
	(void)refs_link_text_number(l->text, tl, r.kind, r.number, &agrees, &x->rnoff[i],
	                            &x->rnlen[i]);
}

static void docidx_release(struct docidx *x)
{
	free(x->lstart); /* the one allocation of docidx_init() */
	free(x->rows->v);
	free(x->rows);
}

/* The links (or code spans) of blocks [first, last]: indices
 * item[*from .. *to). */
static void idx_range(const size_t *start, int first, int last, size_t *from, size_t *to)
{
	*from = start[first];
	*to = start[last + 1];
}

/* ---- collecting numbers ---- */

/* Blank out what is not prose for numbers: shortcodes ({{< ... >}},
 * {{% ... %}}) and URLs. Offsets stay those of the input. */
static void mask_prose(const char *s, size_t len, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_add(out, s, len);
	char *p = out->buf;
	for (size_t i = 0; i < len; i++) {
		/* only '{' (sc_blank_at()) and 'h' (strncmp() below: "H" never
		 * matches) start something to blank */
		if (p[i] != '{' && p[i] != 'h')
			continue;
		size_t end = sc_blank_at(p, len, i);
		if (end != i) {
			i = end - 1;
			continue;
		}
		if ((p[i] == 'h' || p[i] == 'H') &&
		    (strncmp(p + i, "http://", 7) == 0 || strncmp(p + i, "https://", 8) == 0)) {
			size_t j = i;
			while (j < len && (unsigned char)p[j] > ' ' && (unsigned char)p[j] < 0x80 &&
			       p[j] != ')' && p[j] != '"' && p[j] != '\'')
				j++;
			memset(p + i, ' ', j - i);
			i = j - 1;
		}
	}
}

/* Where link text t (its line breaks are spaces there) is in s[from ..
 * len), or len. */
static size_t find_link_text(const char *s, size_t len, size_t from, const char *t, size_t tl)
{
	for (size_t i = from; i + tl <= len; i++) {
		size_t k = 0;
		while (k < tl && (s[i + k] == t[k] || (t[k] == ' ' && s[i + k] == '\n')))
			k++;
		if (k == tl)
			return i;
	}
	return len;
}

/* A number a link's text names for a reference its destination points to
 * ("[Issue 47826](https://github.com/kubernetes/kubernetes/issues/47862)"):
 * ref-mismatch and kep-mismatch compare it with the URL's and the source's,
 * so one typo is one finding. The spans of those digits in s (the prose of
 * block `block` of x, or a table row of it), at most max; returns how many. */
static size_t link_ref_spans(const struct docidx *x, int block, const char *s, size_t len,
                             size_t *lo, size_t *hi, size_t max)
{
	if (!x || block < 0)
		return 0;
	size_t n = 0, cursor = 0, from, to;
	idx_range(x->lstart, block, block, &from, &to);
	for (size_t k = from; k < to && n < max; k++) {
		size_t i = x->litem[k];
		if (x->rnlen[i] == RN_UNKNOWN)
			link_ref_number(x, i);
		if (!x->rnlen[i])
			continue;
		const char *t = x->doc->links[i].text;
		size_t at = find_link_text(s, len, cursor, t, strlen(t));
		if (at >= len)
			continue; /* not here (another table row), or not as written */
		lo[n] = at + x->rnoff[i];
		hi[n++] = at + x->rnoff[i] + x->rnlen[i];
		cursor = at + strlen(t);
	}
	return n;
}

static bool in_refs(const struct ref *refs, size_t nr, size_t off)
{
	for (size_t i = 0; i < nr; i++)
		if (off >= refs[i].off && off < refs[i].off + refs[i].len)
			return true;
	return false;
}

static bool is_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is the text after a number a month marker ("月", " 月", "월")? */
static bool month_marker(const char *s, size_t len, size_t at)
{
	while (at < len && s[at] == ' ')
		at++;
	return (at + 3 <= len && memcmp(s + at, "月", 3) == 0) ||
	       (at + 3 <= len && memcmp(s + at, "월", 3) == 0);
}

static void numset_put(struct numset *ns, const struct num *x)
{
	for (size_t k = 0; k < ns->n; k++) {
		struct num *o = &ns->v[k];
		if (strcmp(o->n.value, x->n.value) == 0 && o->n.hour24 == x->n.hour24 &&
		    o->month == x->month) {
			/* one plain occurrence makes the number plain */
			o->ref = o->ref && x->ref;
			o->code = o->code && x->code;
			o->kanji = o->kanji && x->kanji;
			o->ordinal = o->ordinal && x->ordinal;
			return;
		}
	}
	if (ns->n < MAX_NUMS)
		ns->v[ns->n++] = *x;
}

static void set_shown(struct num *x, const char *s, size_t off, size_t len)
{
	size_t w = len < sizeof(x->shown) ? len : sizeof(x->shown) - 1;
	while (w > 0 && w < len && ((unsigned char)s[off + w] & 0xC0) == 0x80)
		w--; /* do not cut a UTF-8 sequence */
	memcpy(x->shown, s + off, w);
	x->shown[w] = '\0';
}

/* The month an English month name or abbreviation ("Sep", "Sept")
 * of wl letters at s names, or 0. (Case-sensitive: every name starts
 * with a capital, so a word that does not cannot be one.) */
static int month_of(const char *s, size_t wl)
{
	static const struct {
		const char *name;
		size_t len;
	} names[] = {
		{"January", 7}, {"February", 8}, {"March", 5},     {"April", 5},
		{"May", 3},     {"June", 4},     {"July", 4},      {"August", 6},
		{"September", 9}, {"October", 7}, {"November", 8}, {"December", 8},
	};
	if (wl < 3 || s[0] < 'A' || s[0] > 'S')
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t nl = names[m].len;
		if (s[0] == names[m].name[0] &&
		    (wl == nl || (wl == 3 && nl > 3) || (wl == 4 && m == 8)) &&
		    strncmp(s, names[m].name, wl) == 0)
			return m + 1;
	}
	return 0;
}

/* Is the word before offset `at` (spaces skipped) a month name? */
static bool month_before(const char *s, size_t at)
{
	size_t e = at;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && is_ascii_alpha(s[b - 1]))
		b--;
	return e > b && month_of(s + b, e - b) != 0;
}

/* "2nd", "1st": an ordinal, often written as a word in translations
 * ("the 2nd half" -> "後半"), unless it is the day of a date. */
static bool loose_ordinal(const char *s, size_t len, const struct text_number *n)
{
	size_t e = n->off + n->len;
	if (n->time || n->version || n->len < 3 || e > len)
		return false;
	char c1 = (char)(s[e - 2] | 0x20), c2 = (char)(s[e - 1] | 0x20);
	if (!((c1 == 's' && c2 == 't') || (c1 == 'n' && c2 == 'd') || (c1 == 'r' && c2 == 'd') ||
	      (c1 == 't' && c2 == 'h')))
		return false;
	if (month_before(s, n->off))
		return false;
	/* "9th of September" */
	size_t a = e;
	while (a < len && s[a] == ' ')
		a++;
	if (a + 3 < len && strncmp(s + a, "of ", 3) == 0) {
		size_t w = a + 3, we = w;
		while (we < len && is_ascii_alpha(s[we]))
			we++;
		if (month_of(s + w, we - w))
			return false;
	}
	return true;
}

/* English month names next to a number: "March 2022", "9 September",
 * "Oct 8-10". ("May" only with a number next to it, like the others.) */
/* month_of() knows names starting with these capitals only */
static const bool month_initial[256] = {['J'] = true, ['F'] = true, ['M'] = true, ['A'] = true,
                                        ['S'] = true, ['O'] = true, ['N'] = true, ['D'] = true};

#if defined(__SSE2__)
/* Bytes of v in [lo, lo + span]: unsigned, with wrap-around. */
static inline __m128i in_range(__m128i v, char lo, char span)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8(lo));
	return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
}
#endif

/* The first i >= from where a month name may start: a month_initial
 * byte not after an ASCII letter; len when none. 16 bytes at a time
 * where SSE2 is there (the initials are all in 'A'..'S'). */
static size_t next_month_start(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
	if (i == 0 && len > 0) {
		if (month_initial[(unsigned char)s[0]])
			return 0;
		i = 1;
	}
	const __m128i x20 = _mm_set1_epi8(0x20);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i p = _mm_loadu_si128((const __m128i *)(const void *)(s + i - 1));
		__m128i cap = in_range(v, 'A', 'S' - 'A');
		__m128i alpha = in_range(_mm_or_si128(p, x20), 'a', 'z' - 'a');
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(alpha, cap));
		for (; m; m &= m - 1) {
			size_t k = i + (size_t)__builtin_ctz(m);
			if (month_initial[(unsigned char)s[k]])
				return k;
		}
	}
#endif
	for (; i < len; i++)
		if (month_initial[(unsigned char)s[i]] && !(i > 0 && is_ascii_alpha(s[i - 1])))
			return i;
	return len;
}

static size_t add_months(struct num *list, size_t max, const char *s, size_t len)
{
	size_t got = 0;
	/* (after a word, the scan resumes past the byte that ends it: no
	 * start is skipped, the bytes inside follow a letter) */
	for (size_t i = next_month_start(s, len, 0); i < len; i = next_month_start(s, len, i + 1)) {
		size_t e = i;
		while (e < len && is_ascii_alpha(s[e]))
			e++;
		size_t wl = e - i;
		int month = month_of(s + i, wl);
		if (!month) {
			i = e;
			continue;
		}
		size_t a = e < len && s[e] == '.' ? e + 1 : e;
		while (a < len && s[a] == ' ')
			a++;
		size_t b = i;
		while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == ','))
			b--;
		bool digit_after = a < len && s[a] >= '0' && s[a] <= '9';
		bool digit_before = b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9';
		if ((digit_after || digit_before) && got < max) {
			struct num x;
			memset(&x, 0, sizeof(x));
			snprintf(x.n.value, sizeof(x.n.value), "%d", month);
			x.n.off = i;
			x.n.len = wl;
			x.n.hour24 = -1;
			x.month = true;
			set_shown(&x, s, i, wl);
			list[got++] = x;
		}
		i = e;
	}
	return got;
}

/* What one pass over a text tells: an ASCII digit, a byte >= 0x80, "{{"
 * or ":/" in it. */
struct textscan {
	bool digit, high, braces, colon_slash;
};

/* The pairs "{{" and ":/" whose first byte is at a set bit of m (bit k:
 * s[i + k]); s[len] is not read. */
static void scan_pairs(const char *s, size_t len, size_t i, unsigned m, struct textscan *f)
{
	for (; m; m &= m - 1) {
		size_t k = i + (size_t)__builtin_ctz(m);
		if (k + 1 < len) {
			f->braces = f->braces || (s[k] == '{' && s[k + 1] == '{');
			f->colon_slash = f->colon_slash || (s[k] == ':' && s[k + 1] == '/');
		}
	}
}

#if defined(__SSE2__)
/* One chunk v of scan_text() (s[i..i + 16), maybe padded): its digits and
 * high bits gathered in *ad and *ah; a '{' or ':' is looked at with the
 * byte after it (rare in prose). */
static inline void scan_chunk(const char *s, size_t len, size_t i, __m128i v, __m128i *ad,
                              __m128i *ah, struct textscan *f)
{
	*ad = _mm_or_si128(*ad, in_range(v, '0', 9));
	*ah = _mm_or_si128(*ah, v);
	unsigned m = (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')), _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
	if (m)
		scan_pairs(s, len, i, m, f);
}
#endif

static void scan_text(const char *s, size_t len, struct textscan *f)
{
	size_t i = 0;
	f->braces = f->colon_slash = false;
#if defined(__SSE2__)
	__m128i ad = _mm_setzero_si128(), ah = ad;
	for (; i + 16 <= len; i += 16)
		scan_chunk(s, len, i, _mm_loadu_si128((const __m128i *)(const void *)(s + i)), &ad, &ah,
		           f);
	if (i < len) {
		/* the last 1..15 bytes, from a copy padded with NULs (no digit,
		 * no high bit, no '{' or ':') */
		char last[16] = {0};
		memcpy(last, s + i, len - i);
		scan_chunk(s, len, i, _mm_loadu_si128((const __m128i *)(const void *)last), &ad, &ah, f);
	}
	f->digit = _mm_movemask_epi8(ad) != 0;
	f->high = _mm_movemask_epi8(ah) != 0;
#else
	f->digit = f->high = false;
	for (; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		f->digit = f->digit || (unsigned)(ch - '0') < 10;
		f->high = f->high || ch >= 0x80;
		if (ch == '{' || ch == ':')
			scan_pairs(s, len, i, 1, f);
	}
#endif
}

/* The numbers of one piece of prose (or code), in the order they are
 * added to a set, into list[0..max); returns how many, the first *nnum
 * of them from text_numbers() (the rest are month names). Their ref
 * flags say only "after a '#'": text_refs() adds the references. */
static size_t text_nums(const char *s, size_t len, bool code, struct strbuf *tmp, struct num *list,
                        size_t max, size_t *nnum)
{
	size_t got = 0;
	*nnum = 0;
	/* ASCII without a digit has no number (text_numbers() starts one at
	 * a digit or a kanji numeral) and no month (one needs an ASCII digit
	 * next to it). */
	struct textscan f;
	scan_text(s, len, &f);
	bool digit = f.digit;
	if (!digit && !f.high)
		return 0;
	/* mask_prose() changes nothing without "{{" or "://" */
	const char *m = s;
	if (f.braces || f.colon_slash) {
		mask_prose(s, len, tmp);
		m = tmp->buf;
	}
	struct text_number nums[MAX_NUMS];
	size_t nn = text_numbers(m, len, nums, MAX_NUMS);
	if (nn > MAX_NUMS)
		nn = MAX_NUMS;
	for (size_t i = 0; i < nn && got < max; i++) {
		struct num *x = &list[got++];
		memset(x, 0, sizeof(*x));
		x->n = nums[i];
		x->code = code;
		size_t k = x->n.off;
		while (k > 0 && s[k - 1] == ' ')
			k--;
		x->ref = k > 0 && s[k - 1] == '#';
		x->month = !x->n.version && !x->n.time && month_marker(s, len, x->n.off + x->n.len);
		unsigned char c0 = (unsigned char)s[x->n.off];
		x->kanji = !(c0 >= '0' && c0 <= '9') && c0 != 'v' && c0 != 'V' && c0 != 0xEF;
		x->ordinal = !code && loose_ordinal(m, len, &x->n);
		set_shown(x, s, x->n.off, x->n.len);
	}
	*nnum = got;
	if (!code && digit) /* a month needs an ASCII digit next to it */
		got += add_months(list + got, max - got, m, len);
	return got;
}

/* The rest of the ref flags of the first n numbers text_nums() found in
 * prose s[0..len) of block `block` of dx: in a KEP/PR/issue reference,
 * or the number a reference link's text names. */
static void text_refs(const char *s, size_t len, const struct docidx *dx, int block,
                      struct num *list, size_t n)
{
	if (!n)
		return;
	struct ref refs[MAX_REFS];
	size_t nr = refs_may_be_in_text(s, len, 0) ? refs_in_text(s, len, refs, MAX_REFS) : 0;
	if (nr > MAX_REFS)
		nr = MAX_REFS;
	size_t lo[MAX_REFS], hi[MAX_REFS];
	size_t nl = link_ref_spans(dx, block, s, len, lo, hi, MAX_REFS);
	for (size_t i = 0; i < n; i++) {
		struct num *x = &list[i];
		x->ref = x->ref || in_refs(refs, nr, x->n.off);
		for (size_t j = 0; j < nl && !x->ref; j++)
			x->ref = x->n.off >= lo[j] && x->n.off < hi[j];
	}
}

/* The numbers of every text of the pair (struct nspan), one pool. */
struct ncache {
	struct num *pool;
	size_t npool, pool_alloc;
	struct num *scratch; /* text_nums()'s output before it is pooled */
	size_t scratch_alloc;
};

static void nc_release(struct ncache *nc)
{
	free(nc->pool);
	free(nc->scratch);
}

/* Add the numbers of one piece of prose (or code) to a set, found on
 * the first call for its span sp: the prose of block `block` of dx (or a
 * table row of it), else block is -1. len SIZE_MAX: strlen(s). With
 * `refs`, their ref flags are complete (text_refs(), on first need);
 * without, a flag not known yet reads false. */
static void numset_add_cached(struct ncache *nc, struct numset *ns, struct nspan *sp,
                              const char *s, size_t len, bool code, const struct docidx *dx,
                              int block, bool refs, struct strbuf *tmp)
{
	if (sp->n == NSPAN_UNKNOWN) {
		size_t n = 0, nnum = 0;
		if (len == SIZE_MAX)
			len = s ? strlen(s) : 0;
		if (s && len) {
			/* room for what text_nums() may add: MAX_NUMS numbers, and
			 * months (a month name is at least three letters) */
			size_t room = MAX_NUMS + len / 3 + 1;
			if (room > nc->scratch_alloc) {
				/* (nothing to keep: no realloc) */
				free(nc->scratch);
				nc->scratch_alloc = room > 2 * nc->scratch_alloc ? room : 2 * nc->scratch_alloc;
				nc->scratch = xmalloc(nc->scratch_alloc * sizeof(*nc->scratch));
			}
			n = text_nums(s, len, code, tmp, nc->scratch, room, &nnum);
			if (n && nc->npool + n > nc->pool_alloc)
				nc->pool = xgrow(nc->pool, nc->npool + n, &nc->pool_alloc, sizeof(*nc->pool));
			if (n)
				memcpy(nc->pool + nc->npool, nc->scratch, n * sizeof(*nc->pool));
		}
		sp->first = (uint32_t)nc->npool;
		sp->n = (uint32_t)n;
		sp->nnum = (uint16_t)nnum;
		/* code has no references to look for */
		sp->refs_known = code || !nnum;
		nc->npool += n;
	}
	if (refs && !sp->refs_known) {
		if (len == SIZE_MAX)
			len = strlen(s);
		text_refs(s, len, dx, block, nc->pool + sp->first, sp->nnum);
		sp->refs_known = true;
	}
	for (uint32_t i = 0; i < sp->n; i++)
		numset_put(ns, &nc->pool[sp->first + i]);
}

/* The span of row `row` of table block `block`. */
static struct nspan *row_span(const struct docidx *x, int block, int row)
{
	struct rowcache *rc = x->rows;
	for (size_t i = 0; i < rc->n; i++)
		if (rc->v[i].block == block && rc->v[i].row == row)
			return &rc->v[i].sp;
	rc->v = xgrow(rc->v, rc->n + 1, &rc->alloc, sizeof(*rc->v));
	struct rowspan *r = &rc->v[rc->n++];
	r->block = block;
	r->row = row;
	r->sp.first = 0;
	r->sp.n = NSPAN_UNKNOWN;
	return &r->sp;
}

static bool is_text_block(const struct block *b)
{
	return b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_TABLE || b->kind == BLOCK_HEADING;
}

/* Row `row` of a table's prose (rows are separated by '\n'). */
static const char *table_row(const char *prose, int row, size_t *len)
{
	const char *p = prose;
	for (int r = 0; r < row && p; r++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p) {
		*len = 0;
		return "";
	}
	const char *e = strchr(p, '\n');
	*len = e ? (size_t)(e - p) : strlen(p);
	return p;
}

/* Numbers of one side: its prose, its code spans (flagged), and with
 * `dests` the numbers in its link destinations (flagged as code). With
 * `refs` every ref flag is right; without, some may be false that are
 * true (numset_add_cached()). */
static void side_numbers(struct ncache *nc, const struct side *sd, struct numset *ns, bool dests,
                         bool refs, struct strbuf *tmp)
{
	const struct doc *d = sd->d->doc;
	for (int b = sd->first; b <= sd->last; b++) {
		const struct block *bl = &d->blocks[b];
		if (!is_text_block(bl) || !bl->prose)
			continue;
		if (sd->row >= 0) {
			struct nspan *sp = row_span(sd->d, b, sd->row);
			size_t len = 0;
			const char *r = sp->n == NSPAN_UNKNOWN || (refs && !sp->refs_known)
			                        ? table_row(bl->prose, sd->row, &len)
			                        : NULL;
			numset_add_cached(nc, ns, sp, r, len, false, sd->d, b, refs, tmp);
		} else {
			numset_add_cached(nc, ns, &sd->d->prose[b], bl->prose, SIZE_MAX, false, sd->d, b,
			                  refs, tmp);
		}
	}
	if (sd->row >= 0)
		return;
	size_t from, to;
	idx_range(sd->d->cstart, sd->first, sd->last, &from, &to);
	for (size_t k = from; k < to; k++) {
		size_t i = sd->d->citem[k];
		numset_add_cached(nc, ns, &sd->d->code[i], d->codes[i].text, SIZE_MAX, true, NULL, -1,
		                  refs, tmp);
	}
	if (!dests)
		return;
	idx_range(sd->d->lstart, sd->first, sd->last, &from, &to);
	for (size_t k = from; k < to; k++) {
		size_t i = sd->d->litem[k];
		numset_add_cached(nc, ns, &sd->d->dest[i], d->links[i].dest, SIZE_MAX, true, NULL, -1,
		                  refs, tmp);
	}
}

/* The side's prose, one block a line. */
static void side_text(const struct side *sd, struct strbuf *out)
{
	for (int b = sd->first; b <= sd->last; b++) {
		const struct block *bl = &sd->d->doc->blocks[b];
		if (!is_text_block(bl) || !bl->prose)
			continue;
		if (sd->row >= 0) {
			size_t len;
			const char *r = table_row(bl->prose, sd->row, &len);
			strbuf_add(out, r, len);
		} else {
			strbuf_addstr(out, bl->prose);
		}
		strbuf_addch(out, '\n');
	}
}

/* Is s[0..len) what side_text() writes for sd? (Neither has a NUL in
 * it: the same as strcmp() of the two strings.) */
static bool side_text_is(const struct side *sd, const char *s, size_t len)
{
	size_t at = 0;
	for (int b = sd->first; b <= sd->last; b++) {
		const struct block *bl = &sd->d->doc->blocks[b];
		if (!is_text_block(bl) || !bl->prose)
			continue;
		size_t pl;
		const char *p;
		if (sd->row >= 0) {
			p = table_row(bl->prose, sd->row, &pl);
		} else {
			p = bl->prose;
			pl = strlen(p);
		}
		if (len - at < pl + 1 || memcmp(s + at, p, pl) != 0 || s[at + pl] != '\n')
			return false;
		at += pl + 1;
	}
	return at == len;
}

/* ---- comparing ---- */

/* What the translation side is, for messages. */
static const char *side_noun(const struct side *sd)
{
	const struct block *b = &sd->d->doc->blocks[sd->first];
	if (sd->row >= 0)
		return "table row";
	if (b->kind == BLOCK_HEADING)
		return "heading";
	if (b->kind == BLOCK_ITEM)
		return "list item";
	if (b->kind == BLOCK_LIST)
		return "list";
	if (b->kind == BLOCK_TABLE)
		return "table";
	return "paragraph";
}

/* The minutes of a time value ("9:30" -> ":30", "5" -> ""). */
static const char *minutes(const char *v)
{
	const char *c = strchr(v, ':');
	return c ? c : "";
}

static bool num_equal(const struct text_number *a, const struct text_number *b)
{
	if (strcmp(a->value, b->value) == 0)
		return true;
	/* the same clock time written with a 12- or a 24-hour clock */
	if (!a->time || !b->time || strcmp(minutes(a->value), minutes(b->value)) != 0)
		return false;
	if (a->hour24 >= 0 && b->hour24 >= 0)
		return a->hour24 == b->hour24;
	if (a->hour24 >= 0)
		return atoi(b->value) == a->hour24;
	if (b->hour24 >= 0)
		return atoi(a->value) == b->hour24;
	return false;
}

static bool numset_has(const struct numset *ns, const struct text_number *x)
{
	for (size_t i = 0; i < ns->n; i++)
		if (num_equal(&ns->v[i].n, x))
			return true;
	return false;
}

/* Is source number x in the translation? A month and a day of the same
 * value ("September 9th") must both be there ("9月9日", not "9月10日");
 * otherwise a month may match any number of its value ("2024-12-11" =
 * "2024年12月11日"). */
static bool present(const struct numset *src, const struct numset *tr, const struct num *x)
{
	bool twin = false;
	for (size_t i = 0; i < src->n && !twin; i++)
		twin = src->v[i].month != x->month && strcmp(src->v[i].n.value, x->n.value) == 0;
	for (size_t i = 0; i < tr->n; i++)
		if (num_equal(&tr->v[i].n, &x->n) && (!twin || tr->v[i].month == x->month))
			return true;
	return false;
}

/* A plain "1" is often not written in East Asian languages ("1 for IPv4
 * and 1 for IPv6" -> "IPv4用とIPv6用の2つ"), nor an ordinal outside a
 * date ("the 2nd half" -> "後半"). */
static bool too_common(const struct num *x)
{
	return x->ordinal ||
	       (!x->month && !x->n.version && !x->n.time && strcmp(x->n.value, "1") == 0);
}

/* Could b stand in for a: both versions, both times, or both plain. */
static bool kind_alike(const struct num *a, const struct num *b)
{
	return a->n.version == b->n.version && a->n.time == b->n.time &&
	       a->month == b->month;
}

static size_t digits(const char *v)
{
	size_t n = 0;
	for (; *v; v++)
		n += *v >= '0' && *v <= '9';
	return n;
}

/* Where `shown` is written in the translation's lines [line, end_line]:
 * its column (and *out_line), or 0. */
static unsigned find_column(const struct doc *d, unsigned line, unsigned end_line,
                            const char *shown, unsigned *out_line)
{
	size_t sl = strlen(shown);
	if (!sl)
		return 0;
	for (unsigned l = line; l <= end_line && l <= d->nlines; l++) {
		size_t len;
		const char *s = doc_line(d, l, &len);
		for (size_t i = 0; i + sl <= len; i++) {
			if (memcmp(s + i, shown, sl) != 0)
				continue;
			char before = i ? s[i - 1] : ' ';
			char after = i + sl < len ? s[i + sl] : ' ';
			char after2 = i + sl + 1 < len ? s[i + sl + 1] : ' ';
			if ((before >= '0' && before <= '9') || before == '.' || before == '/' ||
			    before == '#' || before == '-' || (after >= '0' && after <= '9') ||
			    (after == '.' && after2 >= '0' && after2 <= '9'))
				continue;
			*out_line = l;
			return doc_col(d, (size_t)(s - d->src) + i);
		}
	}
	return 0;
}

/* Is value written in a link destination of the sides (as a number of
 * its own: "CHANGELOG-1.32.md" has "1.32", "v1.320" has not)? */
static bool in_dests(const struct side *sd, int nsd, const char *value)
{
	size_t vl = strlen(value);
	for (int k = 0; k < nsd; k++) {
		const struct doc *d = sd[k].d->doc;
		if (sd[k].row >= 0)
			continue;
		size_t from, to;
		idx_range(sd[k].d->lstart, sd[k].first, sd[k].last, &from, &to);
		for (size_t i = from; i < to; i++) {
			const char *dest = d->links[sd[k].d->litem[i]].dest;
			for (const char *h = strstr(dest, value); h; h = strstr(h + 1, value)) {
				char before = h > dest ? h[-1] : ' ';
				char after = h[vl];
				if (!(before >= '0' && before <= '9') && before != '.' &&
				    !(after >= '0' && after <= '9') &&
				    !(after == '.' && h[vl + 1] >= '0' && h[vl + 1] <= '9'))
					return true;
			}
		}
	}
	return false;
}

struct pairctx {
	struct check_ctx *c;
	struct docidx sx, tx; /* the source and the translation */
	struct numset src, tr, near;
	/* Unpaired translation units next to the pair. */
	struct side nearby[MAX_NEAR];
	int nnear;
	struct strbuf tmp, text;
	struct ncache nc;
};

/* Is the translation side untranslated (identical, or English words
 * without a letter of the locale's scripts)? untranslated-text's job. */
static bool untranslated(struct pairctx *pc, const struct side *ss, const struct side *ts, int nts)
{
	const struct script_set *scripts = locale_scripts(pc->c->loc);
	strbuf_reset(&pc->text);
	for (int k = 0; k < nts; k++)
		side_text(&ts[k], &pc->text);
	if (side_text_is(ss, pc->text.buf, pc->text.len))
		return true;
	if (!scripts->n)
		return false;
	/* in_set > 0 exactly when text_has_script() (checked for every code
	 * point and script set of the locales), which stops at the first
	 * such letter: the common case, a translated text */
	if (text_has_script(pc->text.buf, pc->text.len, scripts))
		return false;
	size_t in_set = 0, letters = 0;
	text_script_stats(pc->text.buf, pc->text.len, scripts, &in_set, &letters);
	return in_set == 0 && letters >= 8;
}

/* Line of a side's first block (or table row). */
static unsigned side_line(const struct side *sd)
{
	const struct block *b = &sd->d->doc->blocks[sd->first];
	if (sd->row < 0)
		return b->line;
	/* the delimiter row follows the header row */
	return b->line + (unsigned)sd->row + (sd->row > 0 ? 1u : 0u);
}

static void compare(struct pairctx *pc, const struct side *ss, const struct side *ts, int nts,
                    float conf)
{
	struct check_ctx *c = pc->c;
	const struct num *missing[MAX_NUMS];
	size_t nmiss = 0;
	const struct num *extra[MAX_NUMS];
	size_t nextra = 0;
	bool near_done = false;
	pc->near.n = 0;
	/* Two passes: the first with the ref flags found so far, the second,
	 * only when the first finds a missing or an extra number, with all of
	 * them (a text's references are looked for on first need). A flag
	 * not known yet reads false; the sets' values (and the other flags)
	 * are the same, and a number flagged ref is only ever passed over: so
	 * the first pass finds every number the second does, and when it
	 * finds none, there are none. */
	for (int pass = 0; pass < 2; pass++) {
		pc->src.n = pc->tr.n = 0;
		side_numbers(&pc->nc, ss, &pc->src, true, pass == 1, &pc->tmp);
		for (int k = 0; k < nts; k++)
			side_numbers(&pc->nc, &ts[k], &pc->tr, true, pass == 1, &pc->tmp);
		if (!pc->src.n && !pc->tr.n)
			return;
		if (pass == 0 && untranslated(pc, ss, ts, nts))
			return;

		nmiss = 0;
		for (size_t i = 0; i < pc->src.n; i++) {
			const struct num *x = &pc->src.v[i];
			if (x->ref || x->code || too_common(x) || present(&pc->src, &pc->tr, x))
				continue;
			if (!near_done) {
				/* (near's ref flags are not read) */
				for (int k = 0; k < pc->nnear; k++)
					side_numbers(&pc->nc, &pc->nearby[k], &pc->near, false, false,
					             &pc->tmp);
				near_done = true;
			}
			if (!present(&pc->src, &pc->near, x) && !in_dests(ts, nts, x->n.value))
				missing[nmiss++] = x;
		}

		/* Numbers of the translation's prose the source does not have at
		 * all (its code, links and references included). */
		nextra = 0;
		for (size_t i = 0; i < pc->tr.n; i++) {
			const struct num *x = &pc->tr.v[i];
			if (x->ref || x->code || x->month || x->kanji || x->ordinal ||
			    numset_has(&pc->src, &x->n) || in_dests(ss, 1, x->n.value))
				continue;
			extra[nextra++] = x;
		}
		if (!nmiss && !nextra)
			return;
	}

	const struct doc *tr = c->tr;
	unsigned line = side_line(&ts[0]);
	unsigned col = ts[0].row >= 0 ? 1 : tr->blocks[ts[0].first].col;
	unsigned end = ts[0].row >= 0 ? line : tr->blocks[ts[nts - 1].last].end_line;
	unsigned src_line = side_line(ss);

	/* The one extra number that can stand in for the one missing: same
	 * kind, then as many digits. */
	const struct num *instead = NULL;
	if (nmiss == 1) {
		size_t n = 0, nd = 0;
		const struct num *by_kind = NULL, *by_digits = NULL;
		for (size_t i = 0; i < nextra; i++) {
			if (!kind_alike(missing[0], extra[i]))
				continue;
			by_kind = extra[i];
			n++;
			if (digits(extra[i]->n.value) == digits(missing[0]->n.value)) {
				by_digits = extra[i];
				nd++;
			}
		}
		instead = n == 1 ? by_kind : nd == 1 ? by_digits : NULL;
	}
	const struct num *lone = NULL; /* a "1" may replace a number, not stand alone */
	for (size_t i = 0; i < nextra && !lone && !nmiss; i++)
		if (!too_common(extra[i]))
			lone = extra[i];
	if (instead || lone) {
		const struct num *x = instead ? instead : lone;
		unsigned fl = line;
		unsigned fc = find_column(tr, line, end, x->shown, &fl);
		if (!fc) {
			/* a number only code or a shortcode shows: not ours */
			if (!nmiss)
				return;
		} else {
			line = fl;
			col = fc;
		}
		if (instead) {
			check_report(c, RULE_number_mismatch, conf, line, col, src_line,
			             "the source says \"%s\" here; this %s has \"%s\" instead",
			             missing[0]->shown, side_noun(&ts[0]), x->shown);
		} else {
			/* Only an extra number: a changed one whose old value the
			 * source also says elsewhere in the paragraph. Versions,
			 * and numbers next to a source number of as many digits. */
			bool alike = false;
			for (size_t i = 0; i < pc->src.n && !alike; i++) {
				const struct num *s = &pc->src.v[i];
				alike = !s->ref && !s->code && kind_alike(s, x) &&
				        digits(s->n.value) == digits(x->n.value) && strlen(x->n.value) >= 2;
			}
			if (!alike)
				return;
			check_report(c, RULE_number_mismatch, conf, line, col, src_line,
			             "this %s says \"%s\" where its source does not", side_noun(&ts[0]),
			             x->shown);
		}
		return;
	}
	if (!nmiss)
		return;
	strbuf_reset(&pc->tmp);
	for (size_t i = 0; i < nmiss && i < 4; i++) {
		if (i)
			strbuf_addstr(&pc->tmp, i + 1 == nmiss ? " and " : ", ");
		strbuf_addf(&pc->tmp, "\"%s\"", missing[i]->shown);
	}
	if (nmiss > 4)
		strbuf_addf(&pc->tmp, " and %zu more", nmiss - 4);
	check_report(c, RULE_number_mismatch, conf, line, col, src_line,
	             "the source says %s here; this %s does not have %s", pc->tmp.buf,
	             side_noun(&ts[0]), nmiss == 1 ? "it" : "them");
}

/* ---- pairing ---- */

/* The last block inside container block b (b itself when it has none). */
static int block_last(const struct doc *d, int b)
{
	int last = b;
	for (size_t k = (size_t)b + 1; k < d->nblocks; k++) {
		int p = d->blocks[k].parent;
		while (p >= 0 && p != b)
			p = d->blocks[p].parent;
		if (p != b)
			break;
		last = (int)k;
	}
	return last;
}

/* The direct children of container block b. */
static int children(const struct doc *d, int b, int *out, int max)
{
	int n = 0;
	int last = block_last(d, b);
	for (int k = b + 1; k <= last; k++)
		if (d->blocks[k].parent == b) {
			if (n < max)
				out[n] = k;
			n++;
		}
	return n;
}

/* Evidence that two list items say the same thing: the link
 * destinations, code spans and numbers they share, one key a line. */
static void item_keys(struct pairctx *pc, const struct docidx *x, int first, int last,
                      struct strbuf *keys)
{
	const struct doc *d = x->doc;
	const char *lang = pc->c->tr->lang;
	strbuf_reset(keys);
	size_t from, to;
	idx_range(x->lstart, first, last, &from, &to);
	for (size_t k = from; k < to; k++) {
		strbuf_addstr(keys, "L");
		align_normalize_dest(d->links[x->litem[k]].dest, lang, keys);
		strbuf_addch(keys, '\n');
	}
	idx_range(x->cstart, first, last, &from, &to);
	for (size_t k = from; k < to; k++) {
		strbuf_addch(keys, 'C');
		strbuf_addstr(keys, d->codes[x->citem[k]].text);
		strbuf_addch(keys, '\n');
	}
	struct side sd = {x, first, last, -1};
	pc->near.n = 0; /* scratch */
	side_numbers(&pc->nc, &sd, &pc->near, false, false, &pc->tmp);
	for (size_t i = 0; i < pc->near.n; i++) {
		strbuf_addch(keys, 'N');
		strbuf_addstr(keys, pc->near.v[i].n.value);
		strbuf_addch(keys, '\n');
	}
}

/* How many keys (lines) of a are in b. */
static int keys_shared(const char *a, const char *b)
{
	int n = 0;
	while (*a) {
		const char *e = strchr(a, '\n');
		size_t len = e ? (size_t)(e - a) : strlen(a);
		for (const char *p = b; *p;) {
			const char *pe = strchr(p, '\n');
			size_t pl = pe ? (size_t)(pe - p) : strlen(p);
			if (pl == len && memcmp(p, a, len) == 0) {
				n++;
				break;
			}
			p += pl + (pe ? 1 : 0);
		}
		a += len + (e ? 1 : 0);
	}
	return n;
}

/* Pair the items of two aligned lists: by shared evidence, best first,
 * ties by position; with as many items on both sides, items with no
 * evidence pair by index. out[i] = translation item index or -1. */
static void match_items(struct pairctx *pc, const int *si, int ns, const int *ti, int nt, int *out)
{
	struct strbuf *ks = xcalloc((size_t)ns + (size_t)nt, sizeof(*ks));
	for (int i = 0; i < ns + nt; i++) {
		ks[i] = (struct strbuf)STRBUF_INIT;
		const struct docidx *x = i < ns ? &pc->sx : &pc->tx;
		int b = i < ns ? si[i] : ti[i - ns];
		item_keys(pc, x, b, block_last(x->doc, b), &ks[i]);
	}
	int *score = xcalloc((size_t)ns * (size_t)nt + 1, sizeof(int));
	for (int i = 0; i < ns; i++)
		for (int j = 0; j < nt; j++)
			score[i * nt + j] = keys_shared(ks[i].buf, ks[ns + j].buf);
	bool *used = xcalloc((size_t)nt + 1, sizeof(bool));
	for (int i = 0; i < ns; i++)
		out[i] = -1;
	for (;;) {
		int bi = -1, bj = -1, best = 0, bd = 0;
		for (int i = 0; i < ns; i++) {
			if (out[i] >= 0)
				continue;
			for (int j = 0; j < nt; j++) {
				if (used[j])
					continue;
				int sc = score[i * nt + j], d = abs(i - j);
				if (sc > best || (sc == best && sc > 0 && d < bd)) {
					best = sc;
					bd = d;
					bi = i;
					bj = j;
				}
			}
		}
		if (bi < 0)
			break;
		out[bi] = bj;
		used[bj] = true;
	}
	if (ns == nt)
		for (int i = 0; i < ns; i++)
			if (out[i] < 0 && !used[i]) {
				out[i] = i;
				used[i] = true;
			}
	for (int i = 0; i < ns + nt; i++)
		strbuf_release(&ks[i]);
	free(ks);
	free(score);
	free(used);
}

static bool is_unit(const struct doc *d, const enum unit_kind *uk, size_t b)
{
	return d->blocks[b].parent < 0 && uk[b] != UNIT_NONE;
}

static bool comparable(enum unit_kind k)
{
	return k != UNIT_NONE && k != UNIT_CODE && k != UNIT_MARKER;
}

/* Unpaired translation units right before and after [first, last] in
 * the same section. */
static void find_nearby(struct pairctx *pc, int first, int last)
{
	const struct doc *tr = pc->c->tr;
	const struct alignment *al = pc->c->al;
	int sec = tr->blocks[first].section;
	pc->nnear = 0;
	for (int b = first - 1; b >= 0 && pc->nnear < MAX_NEAR / 2; b--) {
		if (!is_unit(tr, al->ukind_tr, (size_t)b))
			continue;
		if (tr->blocks[b].section != sec || al->t2b[b] >= 0)
			break;
		pc->nearby[pc->nnear++] = (struct side){&pc->tx, b, block_last(tr, b), -1};
	}
	for (size_t b = (size_t)last + 1; b < tr->nblocks && pc->nnear < MAX_NEAR; b++) {
		if (!is_unit(tr, al->ukind_tr, b))
			continue;
		if (tr->blocks[b].section != sec || al->t2b[b] >= 0)
			break;
		pc->nearby[pc->nnear++] = (struct side){&pc->tx, (int)b, block_last(tr, (int)b), -1};
	}
}

static void compare_units(struct pairctx *pc, int su)
{
	struct check_ctx *c = pc->c;
	const struct alignment *al = c->al;
	const struct doc *src = c->src, *tr = c->tr;
	int tu = al->b2t[su];
	float conf = al->bconf[su];
	enum unit_kind k = al->ukind_src[su];
	if (tu < 0 || conf < MIN_CONF || !comparable(k))
		return;
	struct side ss = {&pc->sx, su, block_last(src, su), -1};
	/* A split: every translation unit that points back at su. */
	struct side ts[MAX_SIDES];
	int nts = 0;
	for (size_t b = (size_t)tu; b < tr->nblocks && nts < MAX_SIDES; b++) {
		if (!is_unit(tr, al->ukind_tr, b))
			continue;
		if (al->t2b[b] != su)
			break;
		ts[nts++] = (struct side){&pc->tx, (int)b, block_last(tr, (int)b), -1};
	}
	if (!nts)
		return;
	find_nearby(pc, ts[0].first, ts[nts - 1].last);

	if (k == UNIT_LIST && al->ukind_tr[tu] == UNIT_LIST && nts == 1) {
		int si[MAX_ITEMS], ti[MAX_ITEMS], map[MAX_ITEMS];
		int ns = children(src, su, si, MAX_ITEMS), nt = children(tr, tu, ti, MAX_ITEMS);
		if (ns <= MAX_ITEMS && nt <= MAX_ITEMS) {
			match_items(pc, si, ns, ti, nt, map);
			for (int i = 0; i < ns; i++) {
				if (map[i] < 0)
					continue; /* list-mismatch reports a missing item */
				struct side a = {&pc->sx, si[i], block_last(src, si[i]), -1};
				struct side b = {&pc->tx, ti[map[i]], block_last(tr, ti[map[i]]), -1};
				compare(pc, &a, &b, 1, conf);
			}
			return;
		}
	}
	if (k == UNIT_TABLE && al->ukind_tr[tu] == UNIT_TABLE && nts == 1 &&
	    src->blocks[su].rows == tr->blocks[tu].rows) {
		for (int r = 0; r < src->blocks[su].rows; r++) {
			struct side a = {&pc->sx, su, su, r};
			struct side b = {&pc->tx, tu, tu, r};
			compare(pc, &a, &b, 1, conf);
		}
		return;
	}
	compare(pc, &ss, ts, nts, conf);
}

/* Source units the aligner left unpaired between two pairs of a section
 * pair (or a section edge): compared with the unpaired translation units
 * of the same gap. */
static void compare_gaps(struct pairctx *pc, int s, int t)
{
	struct check_ctx *c = pc->c;
	const struct alignment *al = c->al;
	const struct doc *src = c->src, *tr = c->tr;
	const struct section *ssec = &src->sections[s], *tsec = &tr->sections[t];
	int prev = -1; /* the last paired source unit */
	int b = ssec->first_block;
	while (b < ssec->end_block) {
		if (!is_unit(src, al->ukind_src, (size_t)b)) {
			b++;
			continue;
		}
		if (al->b2t[b] >= 0) {
			prev = b;
			b++;
			continue;
		}
		int run[MAX_SIDES], nrun = 0, next = -1;
		for (; b < ssec->end_block; b++) {
			if (!is_unit(src, al->ukind_src, (size_t)b))
				continue;
			if (al->b2t[b] >= 0) {
				next = b;
				break;
			}
			if (nrun < MAX_SIDES)
				run[nrun++] = b;
		}
		/* the translation units between the pairs around the run */
		int tstart = tsec->first_block;
		if (prev >= 0) {
			int k = al->b2t[prev];
			tstart = block_last(tr, k) + 1;
			for (int j = tstart; j < tsec->end_block; j++) {
				if (!is_unit(tr, al->ukind_tr, (size_t)j))
					continue;
				if (al->t2b[j] != prev)
					break;
				tstart = block_last(tr, j) + 1;
			}
		}
		int tend = next >= 0 ? al->b2t[next] : tsec->end_block;
		struct side ts[MAX_SIDES];
		int nts = 0;
		bool clean = tstart >= tsec->first_block && tend <= tsec->end_block;
		for (int k = tstart; clean && k < tend; k++) {
			if (!is_unit(tr, al->ukind_tr, (size_t)k))
				continue;
			if (al->t2b[k] >= 0 || nts == MAX_SIDES)
				clean = false;
			else if (comparable(al->ukind_tr[k]))
				ts[nts++] = (struct side){&pc->tx, k, block_last(tr, k), -1};
		}
		if (!clean || !nts)
			continue;
		pc->nnear = 0;
		for (int i = 0; i < nrun; i++) {
			if (!comparable(al->ukind_src[run[i]]))
				continue;
			struct side ss = {&pc->sx, run[i], block_last(src, run[i]), -1};
			compare(pc, &ss, ts, nts, GAP_CONF);
		}
	}
}

void check_numbers(struct check_ctx *c)
{
	if (!check_enabled(c, RULE_number_mismatch))
		return;
	const struct doc *src = c->src, *tr = c->tr;
	/* (not zeroed as a whole: the three sets are large and each is
	 * emptied before use) */
	struct pairctx *pc = xmalloc(sizeof(*pc));
	pc->src.n = pc->tr.n = pc->near.n = 0;
	pc->nnear = 0;
	memset(&pc->nc, 0, sizeof(pc->nc));
	pc->c = c;
	docidx_init(&pc->sx, src);
	docidx_init(&pc->tx, tr);
	pc->tmp = (struct strbuf)STRBUF_INIT;
	pc->text = (struct strbuf)STRBUF_INIT;

	for (size_t s = 0; s < src->nsections; s++) {
		int t = check_tr_section(c, (int)s);
		if (t < 0 || c->al->sconf[s] < MIN_CONF)
			continue;
		if (s > 0) {
			int hs = src->headings[src->sections[s].heading].block;
			int ht = tr->headings[tr->sections[t].heading].block;
			struct side a = {&pc->sx, hs, hs, -1};
			struct side b = {&pc->tx, ht, ht, -1};
			pc->nnear = 0;
			compare(pc, &a, &b, 1, c->al->sconf[s]);
		}
		compare_gaps(pc, (int)s, t);
	}
	for (size_t b = 0; b < src->nblocks; b++)
		if (is_unit(src, c->al->ukind_src, b))
			compare_units(pc, (int)b);

	strbuf_release(&pc->tmp);
	strbuf_release(&pc->text);
	nc_release(&pc->nc);
	docidx_release(&pc->sx);
	docidx_release(&pc->tx);
	free(pc);
}
