/* checks/refs.c - kep-mismatch, ref-mismatch.
 *
 * Every KEP number and GitHub pull request or issue number of a page is
 * found where it is written: the raw Markdown of each paragraph, heading
 * and table (code spans, HTML comments and backslash escapes blanked;
 * refs_in_text() reads "KEP-1287", "KEP [#4832](…/issues/4832)", "pull
 * request #123" and the URLs of inline links and autolinks), plus the
 * destinations of reference links (reported at their definition). Each
 * block keeps a set of numbers: a citation written twice, or as both link
 * text and URL, counts once.
 *
 * First, a translation link whose text names another number than its
 * destination ([KEP #1287](https://kep.k8s.io/1288)) is one finding,
 * unless the source has the same inconsistent link (its slip, not the
 * translation's). Then the numbers of each source block are looked for in
 * its counterpart block(s), then anywhere in the aligned section, then in
 * another aligned section (moved: not reported). What is left is paired
 * as one "changed" number, reported at the translation's number, when
 *   - a source and a translation number sit in corresponding blocks,
 *   - or they are the only numbers of their class left in the section pair,
 *   - or a translation link cites its number by the same URL form as a
 *     source link of the corresponding block cites another;
 * otherwise a source number is missing (not when its whole block is
 * missing: block-missing reports the block) and a translation number is
 * extra (not in a block without source counterpart: block-extra). A link
 * to an old, numberless KEP path (keps/sig-node/runtime-class.md) on the
 * other side leaves the number unknown: the link rules compare those.
 * The links of every finding are claimed, so link-missing and link-extra
 * do not report them again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../check.h"
#include "../refs.h"
#include "../xalloc.h"

#define MAX_REFS 256

/* KEPs and GitHub numbers are compared within their class: a PR and an
 * issue share GitHub's numbering. */
enum ref_class { CLASS_KEP, CLASS_GITHUB };

static enum ref_class class_of(enum ref_kind k)
{
	return k == REF_KEP ? CLASS_KEP : CLASS_GITHUB;
}

struct occ {
	enum ref_kind kind;
	unsigned long num;
	unsigned line, col;
	int block;     /* the leaf block */
	int unit;      /* its alignment unit (or heading block), -1 */
	int section;
	bool matched;
	bool done;
	bool reported;
};

/* The numbers of one page in document order, so that each section's are
 * a range: [start[s], start[s + 1]). */
struct occs {
	struct occ *v;
	size_t n, alloc;
	size_t *start; /* [nsections + 1] */
};

/* A number already accounted for (a link whose text and destination
 * disagree): not reported again on either side. */
struct covered {
	enum ref_class cls;
	unsigned long num;
};

/* What a link cites, found once. */
struct linkinfo {
	bool url;             /* its destination names a reference */
	enum ref_kind kind;   /* ... of this kind */
	unsigned long num;    /* ... with this number */
	unsigned long text;   /* the number its text names in that class (or any), 0 */
	bool numberless_kep;  /* a kubernetes/enhancements URL without a number */
	char *tmpl;           /* url_template() of the destination (link_template()) */
	bool disagrees;       /* its text names another number of the URL's class */
	bool known;           /* url, kind, num, numberless_kep found (link_info()) */
};

/* A page's links, their references, and each section's range of them. */
struct linkset {
	const struct doc *d;
	struct linkinfo *v;   /* [nlinks] */
	size_t *start;        /* [nsections + 1] */
};

struct refs_run {
	struct check_ctx *c;
	struct check_units *cu;
	struct linkset SL, TL;
	struct occs S, T;
	struct covered *cov;
	size_t ncov, cov_alloc;
	unsigned long partner_num; /* template_partner's source link and number */
	int partner_link;
	struct strbuf buf;
};

/* The bytes mask_code() acts on. */
static const bool mask_special[256] = {['\\'] = true, ['<'] = true, ['`'] = true};

/* The first i >= from with s[i] one of mask_special's, or len; 16 bytes
 * at a time where SSE2 is there. */
static size_t next_special(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
		                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
		                         _mm_cmpeq_epi8(v, _mm_set1_epi8('`')));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
	}
	if (i < len && len >= 16) {
		/* the last 16 bytes, those before i masked off */
		size_t at = len - 16;
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
		                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))),
		                         _mm_cmpeq_epi8(v, _mm_set1_epi8('`')));
		unsigned bits = (unsigned)_mm_movemask_epi8(m) & (0xFFFFu << (i - at));
		return bits ? at + (size_t)__builtin_ctz(bits) : len;
	}
#endif
	while (i < len && !mask_special[(unsigned char)s[i]])
		i++;
	return i;
}

/* Blank code spans and HTML comments in buf[0..len), keeping offsets. */
static void mask_code(char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] == '\\' && i + 1 < len) {
			/* "KEP \#5370": the escape hides the form */
			if (s[i + 1] != '\n')
				s[i] = ' ';
			i += 2;
			continue;
		}
		if (s[i] == '<' && i + 3 < len && !strncmp(s + i, "<!--", 4)) {
			size_t j = i + 4;
			while (j + 2 < len && strncmp(s + j, "-->", 3) != 0)
				j++;
			j = j + 2 < len ? j + 3 : len;
			memset(s + i, ' ', j - i);
			i = j;
			continue;
		}
		if (s[i] != '`') {
			/* nothing to do before the next of these */
			i = next_special(s, len, i + 1);
			continue;
		}
		size_t run = 0;
		while (i + run < len && s[i + run] == '`')
			run++;
		/* the closing run of the same length */
		size_t j = i + run, close = 0;
		while (j < len) {
			if (s[j] != '`') {
				j++;
				continue;
			}
			size_t r = 0;
			while (j + r < len && s[j + r] == '`')
				r++;
			if (r == run) {
				close = j + r;
				break;
			}
			j += r;
		}
		if (!close) {
			i += run;
			continue;
		}
		memset(s + i, ' ', close - i);
		i = close;
	}
}

static void occ_add(struct occs *o, enum ref_kind kind, unsigned long num, unsigned line,
                    unsigned col, int block, int unit, int section)
{
	/* a set per block: the first place a number is written */
	for (size_t i = o->n; i > 0; i--) {
		const struct occ *p = &o->v[i - 1];
		if (p->block != block)
			break;
		if (class_of(p->kind) == class_of(kind) && p->num == num)
			return;
	}
	o->v = xgrow(o->v, o->n + 1, &o->alloc, sizeof(*o->v));
	struct occ *p = &o->v[o->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->num = num;
	p->line = line;
	p->col = col;
	p->block = block;
	p->unit = unit;
	p->section = section;
}

/* Line and column of the URL in the definition "[label]: URL" that gives
 * a reference link its destination; false when none is found. */
static bool def_position(const struct doc *d, const char *dest, unsigned *line, unsigned *col)
{
	size_t dl = strlen(dest);
	for (unsigned k = 1; k <= d->nlines; k++) {
		size_t len;
		const char *s = doc_line(d, k, &len);
		size_t i = 0;
		while (i < len && i < 3 && s[i] == ' ')
			i++;
		if (i >= len || s[i] != '[')
			continue;
		const char *close = memchr(s + i, ']', len - i);
		if (!close || (size_t)(close - s) + 1 >= len || close[1] != ':')
			continue;
		size_t u = (size_t)(close - s) + 2;
		while (u < len && (s[u] == ' ' || s[u] == '\t'))
			u++;
		if (u < len && s[u] == '<')
			u++;
		if (len - u >= dl && !strncmp(s + u, dest, dl) &&
		    (u + dl == len || s[u + dl] == ' ' || s[u + dl] == '>' || s[u + dl] == '\t')) {
			*line = k;
			*col = doc_col(d, (size_t)(s - d->src) + u);
			return true;
		}
	}
	return false;
}

/* Where a link's destination is written: the definition of a reference
 * link, else the link itself. */
static void dest_position(const struct doc *d, const struct link *l, unsigned *line,
                          unsigned *col)
{
	*line = l->line;
	*col = l->col;
	if (l->kind == LINK_REFERENCE)
		(void)def_position(d, l->dest, line, col);
}

static size_t find_digits(const char *s, size_t from, size_t to, const char *digits, size_t n)
{
	for (size_t i = from; i + n <= to; i++)
		if (s[i] == digits[0] && !memcmp(s + i, digits, n) &&
		    (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') && (s[i + n] < '0' || s[i + n] > '9'))
			return i;
	return to;
}

/* Offset in s of the number a reference names: in "pull request\n[#127918"
 * the digits; for a link's URL the same digits in its text ("[#127918](…)")
 * when there, else in the URL. */
static size_t number_at(const char *s, const struct ref *r)
{
	/* the number in decimal, as "%lu" writes it */
	char digits[24];
	char *p = digits + sizeof(digits);
	unsigned long v = r->number;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	size_t n = (size_t)(digits + sizeof(digits) - p);
	size_t end = r->off + r->len;
	if (r->off >= 2 && s[r->off - 1] == '(' && s[r->off - 2] == ']') {
		size_t b = r->off - 2;
		int depth = 0;
		while (b > 0) {
			b--;
			if (s[b] == ']')
				depth++;
			else if (s[b] == '[' && depth-- == 0)
				break;
		}
		size_t at = find_digits(s, b, r->off - 2, p, n);
		if (at < r->off - 2)
			return at;
	}
	size_t at = find_digits(s, r->off, end, p, n);
	return at < end ? at : r->off;
}

/* Code points in s[0..len): the bytes that are not UTF-8 continuation
 * bytes (utf8_count()), eight at a time. */
static size_t count_chars(const char *s, size_t len)
{
	size_t n = 0, i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* the high bit of each continuation byte (10xxxxxx) */
		uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
		n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void collect(struct refs_run *rr, bool tr_side)
{
	const struct doc *d = tr_side ? rr->c->tr : rr->c->src;
	struct occs *out = tr_side ? &rr->T : &rr->S;
	struct ref refs[MAX_REFS];
	size_t li = 0; /* links in block order */
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];
		if (bl->kind != BLOCK_PARAGRAPH && bl->kind != BLOCK_HEADING && bl->kind != BLOCK_TABLE)
			continue;
		if (bl->line == 0 || bl->line > d->nlines)
			continue;
		int unit = check_unit_of(rr->c, tr_side, (int)b);
		size_t start = d->line_starts[bl->line - 1];
		size_t end = bl->end_line < d->nlines ? d->line_starts[bl->end_line] : d->len;
		const char *text = d->src + start;
		size_t tlen = end - start;
		size_t n = 0;
		/* Every reference has an ASCII digit, and mask_code() only
		 * blanks: a text without one has none. */
		size_t first = refs_next_digit(text, tlen, 0);
		if (first < tlen) {
			/* mask_code() changes nothing without '\\', '<' or '`' */
			if (next_special(text, tlen, 0) < tlen) {
				strbuf_reset(&rr->buf);
				strbuf_add(&rr->buf, text, tlen);
				mask_code(rr->buf.buf, rr->buf.len);
				text = rr->buf.buf;
			}
			/* (on the text refs_in_text() reads: masking may leave
			 * only separators between a keyword and a number; it
			 * adds no digit before the first) */
			n = refs_may_be_in_text(text, tlen, first) ? refs_in_text(text, tlen, refs, MAX_REFS) : 0;
			if (n > MAX_REFS)
				n = MAX_REFS;
		}
		unsigned line = bl->line;
		/* the column of the last number: doc_col() counts the code points
		 * from its line's start, and so does this, on from the last one
		 * on the same line */
		size_t col_off = 0;
		unsigned col_line = 0, col = 0;
		for (size_t i = 0; i < n; i++) {
			size_t off = start + number_at(text, &refs[i]);
			while (line < d->nlines && d->line_starts[line] <= off)
				line++;
			if (off < d->line_starts[line - 1] || off > d->len) {
				col = doc_col(d, off); /* (before the line reached: not seen) */
				col_line = 0;
			} else {
				if (col_line != line || off < col_off) {
					col_line = line;
					col_off = d->line_starts[line - 1];
					col = 1;
				}
				col += (unsigned)count_chars(d->src + col_off, off - col_off);
				col_off = off;
			}
			occ_add(out, refs[i].kind, refs[i].number, line, col, (int)b, unit, bl->section);
		}
		/* reference links: the URL is in a definition elsewhere */
		while (li < d->nlinks && d->links[li].block < (int)b)
			li++;
		for (size_t k = li; k < d->nlinks && d->links[k].block == (int)b; k++) {
			const struct link *l = &d->links[k];
			if (l->kind != LINK_REFERENCE)
				continue;
			struct ref r;
			unsigned dline, dcol;
			size_t dl = strlen(l->dest);
			if (refs_may_be_url(l->dest, dl) && refs_in_url(l->dest, dl, &r, 1)) {
				dest_position(d, l, &dline, &dcol);
				occ_add(out, r.kind, r.number, dline, dcol, (int)b, unit, bl->section);
			}
		}
	}
	out->start = xcalloc(d->nsections + 1, sizeof(size_t));
	size_t sec = 0;
	for (size_t i = 0; i < out->n; i++)
		while (sec < (size_t)out->v[i].section && sec < d->nsections)
			out->start[++sec] = i;
	while (sec < d->nsections)
		out->start[++sec] = out->n;
}

static const char *kind_label(enum ref_kind k)
{
	return k == REF_KEP ? "KEP" : k == REF_PR ? "pull request" : k == REF_ISSUE ? "issue"
	                                                                         : "issue or pull request";
}

static enum rule_id rule_of(enum ref_kind k)
{
	return k == REF_KEP ? RULE_kep_mismatch : RULE_ref_mismatch;
}

static void cover(struct refs_run *rr, enum ref_class cls, unsigned long num)
{
	rr->cov = xgrow(rr->cov, rr->ncov + 1, &rr->cov_alloc, sizeof(*rr->cov));
	rr->cov[rr->ncov].cls = cls;
	rr->cov[rr->ncov].num = num;
	rr->ncov++;
}

static bool covered(const struct refs_run *rr, enum ref_kind k, unsigned long num)
{
	for (size_t i = 0; i < rr->ncov; i++)
		if (rr->cov[i].cls == class_of(k) && rr->cov[i].num == num)
			return true;
	return false;
}

/* The number a link's text names in the class of `want`, or 0: a word
 * form ("KEP #1287", "PR 123", "kubernetes/kubernetes#123") or, for the
 * text alone, "#123" / "123" (refs_link_text_number()). */
static unsigned long text_number(const char *text, enum ref_kind want, bool *agrees,
                                 unsigned long url_num)
{
	return refs_link_text_number(text, strlen(text), want, url_num, agrees, NULL, NULL);
}

/* Find what link i of ls cites. Its text's number only when the text
 * has an ASCII digit: every number text_number() reads has one. */
static void link_resolve(const struct linkset *ls, size_t i, bool text_digit)
{
	const struct link *l = &ls->d->links[i];
	struct linkinfo *li = &ls->v[i];
	struct ref r;
	bool agrees;
	size_t dl = strlen(l->dest);
	li->known = true;
	if (refs_may_be_url(l->dest, dl) && refs_in_url(l->dest, dl, &r, 1)) {
		li->url = true;
		li->kind = r.kind;
		li->num = r.number;
		li->text = text_digit ? text_number(l->text, r.kind, &agrees, r.number) : 0;
		li->disagrees = !l->image && li->text && !agrees;
	} else {
		li->numberless_kep = strstr(l->dest, "kubernetes/enhancements") != NULL;
		if (text_digit) {
			li->text = text_number(l->text, REF_KEP, &agrees, 0);
			if (!li->text)
				li->text = text_number(l->text, REF_PR, &agrees, 0);
		}
	}
}

/* What link i of ls cites. linkset_build() found it for the links whose
 * text has a digit (all that can disagree with their URL); the others
 * (text 0, disagrees false) are found here on first use. */
static const struct linkinfo *link_info(const struct linkset *ls, size_t i)
{
	if (!ls->v[i].known)
		link_resolve(ls, i, false);
	return &ls->v[i];
}

/* First source occurrence of a number in section s (or anywhere), or NULL. */
static const struct occ *src_occ(const struct refs_run *rr, int s, enum ref_kind k,
                                 unsigned long num)
{
	const struct occ *any = NULL;
	size_t from = s >= 0 ? rr->S.start[s] : 0, to = s >= 0 ? rr->S.start[s + 1] : rr->S.n;
	for (size_t i = from; i < to; i++) {
		const struct occ *o = &rr->S.v[i];
		if (class_of(o->kind) != class_of(k) || o->num != num)
			continue;
		if (o->section == s)
			return o;
		if (!any)
			any = o;
	}
	return s < 0 ? any : NULL;
}

/* The links of block b's section: [*from, *to). */
static void links_of(const struct linkset *ls, int block, size_t *from, size_t *to)
{
	int sec = block >= 0 ? ls->d->blocks[block].section : 0;
	*from = ls->start[sec];
	*to = ls->start[sec + 1];
}

/* Claim the links of a block whose URL or text names the number. */
static void claim_links(const struct refs_run *rr, bool tr_side, int block, enum ref_kind k,
                        unsigned long num)
{
	const struct linkset *ls = tr_side ? &rr->TL : &rr->SL;
	bool *claimed = tr_side ? rr->c->tr_link_claimed : rr->c->src_link_claimed;
	size_t from, to;
	links_of(ls, block, &from, &to);
	for (size_t i = from; i < to; i++) {
		if (ls->d->links[i].block != block)
			continue;
		const struct linkinfo *li = link_info(ls, i);
		if ((li->url && class_of(li->kind) == class_of(k) && li->num == num) || li->text == num)
			claimed[i] = true;
	}
}

/* Links whose text and destination disagree. */
static void check_link_numbers(struct refs_run *rr)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	const struct doc *src = c->src, *tr = c->tr;
	const struct linkinfo *SV = rr->SL.v, *TV = rr->TL.v;
	for (size_t i = 0; i < src->nlinks; i++)
		if (SV[i].disagrees) {
			/* the source's own slip: either number is fine here */
			cover(rr, class_of(SV[i].kind), SV[i].num);
			cover(rr, class_of(SV[i].kind), SV[i].text);
		}
	for (size_t i = 0; i < tr->nlinks; i++) {
		const struct link *l = &tr->links[i];
		const struct linkinfo *li = &TV[i];
		if (c->tr_link_claimed[i] || !li->disagrees)
			continue;
		enum ref_class cls = class_of(li->kind);
		unsigned long un = li->num, tn = li->text;
		int s = check_src_section(c, l->section);
		size_t from = s >= 0 ? rr->SL.start[s] : 0, to = s >= 0 ? rr->SL.start[s + 1] : src->nlinks;
		bool copied = false;
		for (size_t k = from; k < to && !copied; k++)
			copied = SV[k].disagrees && class_of(SV[k].kind) == cls && SV[k].num == un &&
			         SV[k].text == tn;
		cover(rr, cls, un);
		cover(rr, cls, tn);
		c->tr_link_claimed[i] = true;
		if (copied)
			continue;
		const struct occ *by_text = src_occ(rr, s, li->kind, tn);
		const struct occ *by_url = src_occ(rr, s, li->kind, un);
		const char *kl = kind_label(li->kind);
		unsigned src_line = 0;
		struct strbuf tail = STRBUF_INIT;
		if (by_text && !by_url) {
			src_line = by_text->line;
			strbuf_addf(&tail, "; the source links %s #%lu", kl, tn);
		} else if (by_url && !by_text) {
			src_line = by_url->line;
			strbuf_addf(&tail, "; the source cites %s #%lu", kl, un);
		}
		float conf = s >= 0 ? c->al->sconf[s] : 1.0f;
		unsigned dline, dcol;
		dest_position(tr, l, &dline, &dcol);
		check_report(c, rule_of(li->kind), conf < 0.5f ? 0.5f : conf, dline, dcol, src_line,
		             "link text \"%s\" names %s #%lu but the link points to %s #%lu (%s)%s",
		             l->text, kl, tn, kl, un, l->dest, tail.buf);
		strbuf_release(&tail);
		/* claim its source counterpart: a link citing either number, in
		 * the corresponding block if there is one */
		int tu = check_unit_of(c, true, l->block), pick = -1;
		for (int pass = 0; pass < 2 && pick < 0 && s >= 0; pass++)
			for (size_t k = from; k < to && pick < 0; k++) {
				if (c->src_link_claimed[k])
					continue;
				const struct linkinfo *sk = link_info(&rr->SL, k);
				if (!sk->url || class_of(sk->kind) != cls || (sk->num != tn && sk->num != un))
					continue;
				if (pass == 1 || check_units_paired(cu, check_unit_of(c, false, src->links[k].block), tu))
					pick = (int)k;
			}
		if (pick >= 0)
			c->src_link_claimed[pick] = true;
	}
}

static bool same(const struct occ *a, const struct occ *b)
{
	return class_of(a->kind) == class_of(b->kind) && a->num == b->num;
}

struct numbered {
	enum ref_class cls;
	unsigned long num;
	size_t idx;
};

static int numbered_cmp(const void *a, const void *b)
{
	const struct numbered *x = a, *y = b;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Match source numbers with translation numbers: in corresponding
 * blocks, then in the aligned section, then in another aligned section
 * (moved; through the translation's numbers sorted). */
static void match(struct refs_run *rr)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	struct occs *S = &rr->S, *T = &rr->T;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < S->n; i++) {
			struct occ *m = &S->v[i];
			int t = check_tr_section(c, m->section);
			if (m->matched || t < 0)
				continue;
			for (size_t j = T->start[t]; j < T->start[t + 1]; j++) {
				struct occ *x = &T->v[j];
				if (x->matched || !same(m, x) ||
				    (pass == 0 && !check_units_paired(cu, m->unit, x->unit)))
					continue;
				m->matched = x->matched = true;
				break;
			}
		}
	}
	struct numbered *order = xmalloc((T->n + 1) * sizeof(*order));
	size_t n = 0;
	for (size_t j = 0; j < T->n; j++)
		if (!T->v[j].matched && check_src_section(c, T->v[j].section) >= 0) {
			order[n].cls = class_of(T->v[j].kind);
			order[n].num = T->v[j].num;
			order[n++].idx = j;
		}
	if (n > 1)
		qsort(order, n, sizeof(*order), numbered_cmp);
	for (size_t i = 0; i < S->n && n; i++) {
		struct occ *m = &S->v[i];
		if (m->matched)
			continue;
		struct numbered key = {class_of(m->kind), m->num, 0};
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (numbered_cmp(&order[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && order[lo].cls == key.cls && order[lo].num == key.num; lo++)
			if (!T->v[order[lo].idx].matched) {
				m->matched = T->v[order[lo].idx].matched = true;
				break;
			}
	}
	free(order);
}

static void report_changed(struct refs_run *rr, struct occ *m, struct occ *x)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	float conf = check_unit_conf(cu, m->unit);
	check_report(c, rule_of(x->kind), conf < 0.5f ? 0.5f : conf, x->line, x->col, m->line,
	             "%s #%lu here, but the source cites %s #%lu", kind_label(x->kind), x->num,
	             kind_label(m->kind), m->num);
	claim_links(rr, true, x->block, x->kind, x->num);
	claim_links(rr, false, m->block, m->kind, m->num);
	m->done = x->done = true;
}

/* Set semantics per section: a number the aligned sections both cite
 * matches every copy (a citation repeated in the source may appear once). */
static void match_copies(struct refs_run *rr)
{
	struct check_ctx *c = rr->c;
	struct occs *S = &rr->S, *T = &rr->T;
	for (size_t i = 0; i < S->n; i++) {
		struct occ *m = &S->v[i];
		int t = check_tr_section(c, m->section);
		for (size_t j = t >= 0 ? T->start[t] : 0; t >= 0 && j < T->start[t + 1] && !m->matched; j++)
			if (T->v[j].matched && same(m, &T->v[j]))
				m->matched = true;
	}
	for (size_t j = 0; j < T->n; j++) {
		struct occ *x = &T->v[j];
		int s = check_src_section(c, x->section);
		for (size_t i = s >= 0 ? S->start[s] : 0; s >= 0 && i < S->start[s + 1] && !x->matched; i++)
			if (S->v[i].matched && same(&S->v[i], x))
				x->matched = true;
	}
}

/* The leftover number of x's class in section `section` when all the
 * leftovers of that class there are one number, else NULL. */
static struct occ *lone_leftover(struct occs *o, int section, const struct occ *x)
{
	struct occ *first = NULL;
	for (size_t i = o->start[section]; i < o->start[section + 1]; i++) {
		struct occ *p = &o->v[i];
		if (p->matched || p->done ||
		    class_of(p->kind) != class_of(x->kind))
			continue;
		if (first && first->num != p->num)
			return NULL;
		if (!first)
			first = p;
	}
	return first;
}

/* A URL with its digits masked, scheme and case folded: the form a
 * number was cited in. */
static void url_template(const char *dest, struct strbuf *sb)
{
	strbuf_reset(sb);
	const char *p = dest;
	if (!strncasecmp(p, "https://", 8))
		p += 8;
	else if (!strncasecmp(p, "http://", 7))
		p += 7;
	for (; *p && *p != '#' && *p != '?'; p++) {
		char ch = *p;
		if (ch >= '0' && ch <= '9')
			ch = '#';
		else if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch == '#' && sb->len && sb->buf[sb->len - 1] == '#')
			continue;
		strbuf_addch(sb, ch);
	}
	while (sb->len && sb->buf[sb->len - 1] == '/')
		strbuf_setlen(sb, sb->len - 1);
}

/* url_template() of link i of ls (a reference URL), made on first use. */
static const char *link_template(struct refs_run *rr, struct linkset *ls, size_t i)
{
	struct linkinfo *li = &ls->v[i];
	if (!li->tmpl) {
		url_template(ls->d->links[i].dest, &rr->buf);
		li->tmpl = xstrdup(rr->buf.buf);
	}
	return li->tmpl;
}

/* For a translation number x cited by a link URL: a source link in a
 * corresponding block citing another number of the same class by the
 * same URL form. Sets its line and column. */
static bool template_partner(struct refs_run *rr, const struct occ *x, unsigned *line,
                             unsigned *col)
{
	const struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	const struct doc *src = c->src, *tr = c->tr;
	int s = check_src_section(c, x->section);
	if (s < 0)
		return false;
	size_t from, to;
	links_of(&rr->TL, x->block, &from, &to);
	for (size_t i = from; i < to; i++) {
		if (tr->links[i].block != x->block)
			continue;
		const struct linkinfo *ti = link_info(&rr->TL, i);
		if (!ti->url || class_of(ti->kind) != class_of(x->kind) || ti->num != x->num)
			continue;
		for (size_t k = rr->SL.start[s]; k < rr->SL.start[s + 1]; k++) {
			const struct linkinfo *si = link_info(&rr->SL, k);
			if (!si->url || class_of(si->kind) != class_of(x->kind) || si->num == x->num ||
			    strcmp(link_template(rr, &rr->SL, k), link_template(rr, &rr->TL, i)) ||
			    !check_units_paired(cu, check_unit_of(c, false, src->links[k].block), x->unit))
				continue;
			*line = src->links[k].line;
			*col = src->links[k].col;
			rr->partner_num = si->num;
			rr->partner_link = (int)k;
			return true;
		}
	}
	return false;
}

static void report_template(struct refs_run *rr, struct occ *x, unsigned src_line)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	int su = check_unit_of(c, false, c->src->links[rr->partner_link].block);
	float conf = check_unit_conf(cu, su);
	check_report(c, rule_of(x->kind), conf < 0.5f ? 0.5f : conf, x->line, x->col, src_line,
	             "%s #%lu here, but the source cites %s #%lu", kind_label(x->kind), x->num,
	             kind_label(x->kind), rr->partner_num);
	claim_links(rr, true, x->block, x->kind, x->num);
	c->src_link_claimed[rr->partner_link] = true;
	x->done = true;
	x->reported = true;
}

/* Does a unit hold a link into kubernetes/enhancements that names no
 * KEP number (an old keps/sig-x/name.md path)? Its number is unknown, so
 * a number on the other side cannot be called extra or missing: the link
 * rules compare the destinations. */
static bool has_numberless_kep_link(const struct refs_run *rr, bool tr_side, int unit)
{
	const struct linkset *ls = tr_side ? &rr->TL : &rr->SL;
	if (unit < 0)
		return false;
	size_t from, to;
	links_of(ls, unit, &from, &to);
	for (size_t i = from; i < to; i++)
		if (link_info(ls, i)->numberless_kep &&
		    check_unit_of(rr->c, tr_side, ls->d->links[i].block) == unit)
			return true;
	return false;
}

/* Was the same number already reported for an earlier block of the same
 * unit (list items, table rows)? */
static bool reported_in_unit(const struct occs *o, size_t upto, const struct occ *p)
{
	for (size_t i = o->start[p->section]; i < upto; i++)
		if (o->v[i].reported && o->v[i].unit == p->unit && same(&o->v[i], p))
			return true;
	return false;
}

static void report(struct refs_run *rr)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	const struct doc *src = c->src;
	struct occs *S = &rr->S, *T = &rr->T;
	for (size_t i = 0; i < S->n; i++)
		if (!S->v[i].matched && covered(rr, S->v[i].kind, S->v[i].num))
			S->v[i].done = true;
	for (size_t j = 0; j < T->n; j++)
		if (!T->v[j].matched && covered(rr, T->v[j].kind, T->v[j].num))
			T->v[j].done = true;

	/* changed: leftovers of the same class in corresponding blocks, in
	 * order */
	for (size_t j = 0; j < T->n; j++) {
		struct occ *x = &T->v[j];
		int s = check_src_section(c, x->section);
		if (x->matched || x->done || s < 0)
			continue;
		for (size_t i = S->start[s]; i < S->start[s + 1]; i++) {
			struct occ *m = &S->v[i];
			if (m->matched || m->done || class_of(m->kind) != class_of(x->kind) ||
			    !check_units_paired(cu, m->unit, x->unit))
				continue;
			report_changed(rr, m, x);
			break;
		}
	}
	match_copies(rr);
	/* changed: the one number of a class left on each side of a section
	 * pair */
	for (size_t j = 0; j < T->n; j++) {
		struct occ *x = &T->v[j];
		if (x->matched || x->done)
			continue;
		int s = check_src_section(c, x->section);
		const struct occ *only_x = lone_leftover(T, x->section, x);
		struct occ *m = s >= 0 ? lone_leftover(S, s, x) : NULL;
		/* not two blocks that both lack a counterpart: block-missing and
		 * block-extra report those */
		if (only_x && m &&
		    (check_unit_partner(cu, m->unit) >= 0 || (x->unit >= 0 && c->al->t2b[x->unit] >= 0)))
			report_changed(rr, m, x);
	}
	/* changed: a link whose URL differs from a source link's in the
	 * number only (the source number may be cited elsewhere too) */
	for (size_t j = 0; j < T->n; j++) {
		struct occ *x = &T->v[j];
		if (x->matched || x->done)
			continue;
		unsigned line, col;
		if (template_partner(rr, x, &line, &col))
			report_template(rr, x, line);
	}

	for (size_t i = 0; i < S->n; i++) {
		struct occ *m = &S->v[i];
		if (m->matched || m->done)
			continue;
		m->done = true;
		int ut = check_unit_partner(cu, m->unit);
		if (ut < 0 || check_tr_section(c, m->section) < 0)
			continue; /* block-missing or section-missing reports it */
		if (has_numberless_kep_link(rr, true, ut) || reported_in_unit(S, i, m) ||
		    check_item_dropped(cu, m->block))
			continue; /* list-mismatch reports a dropped item */
		m->reported = true;
		unsigned line, col;
		check_locate(cu, m->block, m->line, m->col, ut, &line, &col);
		check_report(c, rule_of(m->kind), check_unit_conf(cu, m->unit), line, col, m->line,
		             "the source cites %s #%lu but the translation does not",
		             kind_label(m->kind), m->num);
		claim_links(rr, false, m->block, m->kind, m->num);
	}

	for (size_t j = 0; j < T->n; j++) {
		struct occ *x = &T->v[j];
		if (x->matched || x->done)
			continue;
		x->done = true;
		int s = check_src_section(c, x->section);
		if (s < 0)
			continue;
		int us = check_unit_source(cu, x->unit);
		if (us < 0)
			continue; /* block-extra reports the block */
		if (has_numberless_kep_link(rr, false, us) || reported_in_unit(T, j, x))
			continue;
		x->reported = true;
		check_report(c, rule_of(x->kind), check_unit_conf(cu, us), x->line, x->col,
		             src->blocks[us].line, "%s #%lu is not cited in the source section \"%s\"",
		             kind_label(x->kind), x->num, check_section_label(src, s));
		claim_links(rr, true, x->block, x->kind, x->num);
	}
}

static void linkset_build(struct linkset *ls, const struct doc *d)
{
	ls->d = d;
	ls->v = xcalloc(d->nlinks + 1, sizeof(*ls->v));
	ls->start = xcalloc(d->nsections + 1, sizeof(size_t));
	size_t sec = 0;
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		while (sec < (size_t)l->section && sec < d->nsections)
			ls->start[++sec] = i;
		/* links whose text has no digit wait for link_info() */
		size_t tl = strlen(l->text);
		if (refs_next_digit(l->text, tl, 0) < tl)
			link_resolve(ls, i, true);
	}
	while (sec < d->nsections)
		ls->start[++sec] = d->nlinks;
}

static void linkset_free(struct linkset *ls)
{
	for (size_t i = 0; i < ls->d->nlinks; i++)
		free(ls->v[i].tmpl);
	free(ls->v);
	free(ls->start);
}

void check_refs(struct check_ctx *c)
{
	if (!check_enabled(c, RULE_kep_mismatch) && !check_enabled(c, RULE_ref_mismatch))
		return;
	struct refs_run rr;
	memset(&rr, 0, sizeof(rr));
	rr.c = c;
	rr.cu = check_units_new(c);
	rr.buf = (struct strbuf)STRBUF_INIT;
	linkset_build(&rr.SL, c->src);
	linkset_build(&rr.TL, c->tr);
	collect(&rr, false);
	collect(&rr, true);
	check_link_numbers(&rr);
	match(&rr);
	report(&rr);
	free(rr.S.v);
	free(rr.T.v);
	free(rr.S.start);
	free(rr.T.start);
	free(rr.cov);
	strbuf_release(&rr.buf);
	check_units_free(rr.cu);
	linkset_free(&rr.SL);
	linkset_free(&rr.TL);
}
