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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../check.h"
#include "../refs.h"
#include "../xalloc.h"

/* Shared helpers, defined in links.c. */
struct check_units;
struct check_units *check_units_new(const struct check_ctx *c);
void check_units_free(struct check_units *cu);
int check_unit_of(const struct check_ctx *c, bool tr_side, int block);
int check_unit_partner(const struct check_units *cu, int us);
int check_unit_source(const struct check_units *cu, int ut);
bool check_units_paired(const struct check_units *cu, int us, int ut);
float check_unit_conf(const struct check_units *cu, int us);
void check_locate(const struct check_units *cu, int src_block, unsigned line, unsigned col, int ut,
                  unsigned *tline, unsigned *tcol);

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

struct occs {
	struct occ *v;
	size_t n, alloc;
};

/* A number already accounted for (a link whose text and destination
 * disagree): not reported again on either side. */
struct covered {
	enum ref_class cls;
	unsigned long num;
};

struct refs_run {
	struct check_ctx *c;
	struct check_units *cu;
	struct occs S, T;
	struct covered *cov;
	size_t ncov, cov_alloc;
	unsigned long partner_num; /* template_partner's source link and number */
	int partner_link;
	struct strbuf buf;
};

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
			i++;
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
		if (!memcmp(s + i, digits, n) && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') &&
		    (s[i + n] < '0' || s[i + n] > '9'))
			return i;
	return to;
}

/* Offset in s of the number a reference names: in "pull request\n[#127918"
 * the digits; for a link's URL the same digits in its text ("[#127918](…)")
 * when there, else in the URL. */
static size_t number_at(const char *s, const struct ref *r)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%lu", r->number);
	if (n <= 0)
		return r->off;
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
		size_t at = find_digits(s, b, r->off - 2, digits, (size_t)n);
		if (at < r->off - 2)
			return at;
	}
	size_t at = find_digits(s, r->off, end, digits, (size_t)n);
	return at < end ? at : r->off;
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
		strbuf_reset(&rr->buf);
		strbuf_add(&rr->buf, d->src + start, end - start);
		mask_code(rr->buf.buf, rr->buf.len);
		size_t n = refs_in_text(rr->buf.buf, rr->buf.len, refs, MAX_REFS);
		if (n > MAX_REFS)
			n = MAX_REFS;
		unsigned line = bl->line;
		for (size_t i = 0; i < n; i++) {
			size_t off = start + number_at(rr->buf.buf, &refs[i]);
			while (line < d->nlines && d->line_starts[line] <= off)
				line++;
			occ_add(out, refs[i].kind, refs[i].number, line, doc_col(d, off), (int)b, unit,
			        bl->section);
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
			if (refs_in_url(l->dest, strlen(l->dest), &r, 1)) {
				dest_position(d, l, &dline, &dcol);
				occ_add(out, r.kind, r.number, dline, dcol, (int)b, unit, bl->section);
			}
		}
	}
}

static const char *kind_label(enum ref_kind k)
{
	return k == REF_KEP ? "KEP" : k == REF_PR ? "pull request" : "issue";
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
 * form ("KEP #1287", "PR 123") or, for the text alone, "#123" / "123". */
static unsigned long text_number(const char *text, enum ref_kind want, bool *agrees,
                                 unsigned long url_num)
{
	struct ref r[8];
	size_t n = refs_in_text(text, strlen(text), r, 8);
	if (n > 8)
		n = 8;
	unsigned long first = 0;
	*agrees = false;
	for (size_t i = 0; i < n; i++) {
		if (class_of(r[i].kind) != class_of(want))
			continue;
		if (r[i].number == url_num)
			*agrees = true;
		if (!first)
			first = r[i].number;
	}
	if (first || n)
		return first;
	const char *p = text;
	while (*p == ' ')
		p++;
	/* the whole text a number, maybe after a word naming it: "#123",
	 * "Issue 123" */
	static const char *const words[] = {"issue", "pr", "pull request", "kep"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t wl = strlen(words[i]);
		if (!strncasecmp(p, words[i], wl) && (p[wl] == ' ' || p[wl] == '#')) {
			p += wl;
			while (*p == ' ')
				p++;
			break;
		}
	}
	if (*p == '#' || !strncmp(p, "\xEF\xBC\x83", 3)) /* # or full-width ＃ */
		p += *p == '#' ? 1 : 3;
	if (*p < '0' || *p > '9')
		return 0;
	unsigned long v = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 10) {
		v = v * 10 + (unsigned long)(*p - '0');
		p++;
		digits++;
	}
	while (*p == ' ')
		p++;
	if (*p || digits >= 10)
		return 0;
	*agrees = v == url_num;
	return v;
}

/* Does link l say one number in its text and another in its URL?
 * Sets the URL's reference and the text's number. */
static bool link_disagrees(const struct link *l, struct ref *url, unsigned long *text_num)
{
	if (l->image || !refs_in_url(l->dest, strlen(l->dest), url, 1))
		return false;
	bool agrees;
	*text_num = text_number(l->text, url->kind, &agrees, url->number);
	return *text_num && !agrees;
}

/* First source occurrence of a number in section s (or anywhere), or NULL. */
static const struct occ *src_occ(const struct refs_run *rr, int s, enum ref_kind k,
                                 unsigned long num)
{
	const struct occ *any = NULL;
	for (size_t i = 0; i < rr->S.n; i++) {
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

/* Claim the links of a block whose URL or text names the number. */
static void claim_links(const struct check_ctx *c, bool tr_side, int block, enum ref_kind k,
                        unsigned long num)
{
	const struct doc *d = tr_side ? c->tr : c->src;
	bool *claimed = tr_side ? c->tr_link_claimed : c->src_link_claimed;
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		if (l->block != block)
			continue;
		struct ref r;
		bool hit = refs_in_url(l->dest, strlen(l->dest), &r, 1) &&
		           class_of(r.kind) == class_of(k) && r.number == num;
		if (!hit) {
			bool agrees;
			hit = text_number(l->text, k, &agrees, 0) == num;
		}
		if (hit)
			claimed[i] = true;
	}
}

/* Links whose text and destination disagree. */
static void check_link_numbers(struct refs_run *rr)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	const struct doc *src = c->src, *tr = c->tr;
	for (size_t i = 0; i < src->nlinks; i++) {
		struct ref url;
		unsigned long tn;
		if (link_disagrees(&src->links[i], &url, &tn)) {
			/* the source's own slip: either number is fine here */
			cover(rr, class_of(url.kind), url.number);
			cover(rr, class_of(url.kind), tn);
		}
	}
	for (size_t i = 0; i < tr->nlinks; i++) {
		const struct link *l = &tr->links[i];
		struct ref url;
		unsigned long tn;
		if (c->tr_link_claimed[i] || !link_disagrees(l, &url, &tn))
			continue;
		enum ref_class cls = class_of(url.kind);
		bool copied = false;
		for (size_t k = 0; k < src->nlinks && !copied; k++) {
			struct ref su;
			unsigned long stn;
			copied = link_disagrees(&src->links[k], &su, &stn) && class_of(su.kind) == cls &&
			         su.number == url.number && stn == tn;
		}
		cover(rr, cls, url.number);
		cover(rr, cls, tn);
		c->tr_link_claimed[i] = true;
		if (copied)
			continue;
		int s = check_src_section(c, l->section);
		const struct occ *by_text = src_occ(rr, s, url.kind, tn);
		const struct occ *by_url = src_occ(rr, s, url.kind, url.number);
		const char *kl = kind_label(url.kind);
		unsigned src_line = 0;
		struct strbuf tail = STRBUF_INIT;
		if (by_text && !by_url) {
			src_line = by_text->line;
			strbuf_addf(&tail, "; the source links %s #%lu", kl, tn);
		} else if (by_url && !by_text) {
			src_line = by_url->line;
			strbuf_addf(&tail, "; the source cites %s #%lu", kl, url.number);
		}
		float conf = s >= 0 ? c->al->sconf[s] : 1.0f;
		unsigned dline, dcol;
		dest_position(tr, l, &dline, &dcol);
		check_report(c, rule_of(url.kind), conf < 0.5f ? 0.5f : conf, dline, dcol, src_line,
		             "link text \"%s\" names %s #%lu but the link points to %s #%lu (%s)%s",
		             l->text, kl, tn, kl, url.number, l->dest, tail.buf);
		strbuf_release(&tail);
		/* claim its source counterpart: a link citing either number, in
		 * the corresponding block if there is one */
		int tu = check_unit_of(c, true, l->block), pick = -1;
		for (int pass = 0; pass < 2 && pick < 0; pass++)
			for (size_t k = 0; k < src->nlinks && pick < 0; k++) {
				struct ref su;
				const struct link *sl = &src->links[k];
				if (sl->section != s || c->src_link_claimed[k] ||
				    !refs_in_url(sl->dest, strlen(sl->dest), &su, 1) ||
				    class_of(su.kind) != cls || (su.number != tn && su.number != url.number))
					continue;
				if (pass == 1 || check_units_paired(cu, check_unit_of(c, false, sl->block), tu))
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

/* Match source numbers with translation numbers: in corresponding
 * blocks, then in the aligned section, then anywhere (moved). */
static void match(struct refs_run *rr)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	struct occs *S = &rr->S, *T = &rr->T;
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < S->n; i++) {
			struct occ *m = &S->v[i];
			if (m->matched)
				continue;
			int t = check_tr_section(c, m->section);
			if (pass < 2 && t < 0)
				continue;
			for (size_t j = 0; j < T->n; j++) {
				struct occ *x = &T->v[j];
				if (x->matched || !same(m, x))
					continue;
				bool ok = pass == 0   ? check_units_paired(cu, m->unit, x->unit)
				          : pass == 1 ? x->section == t
				                      : check_src_section(c, x->section) >= 0;
				if (!ok)
					continue;
				m->matched = x->matched = true;
				break;
			}
		}
	}
}

static void report_changed(struct refs_run *rr, struct occ *m, struct occ *x)
{
	struct check_ctx *c = rr->c;
	const struct check_units *cu = rr->cu;
	float conf = check_unit_conf(cu, m->unit);
	check_report(c, rule_of(x->kind), conf < 0.5f ? 0.5f : conf, x->line, x->col, m->line,
	             "%s #%lu here, but the source cites %s #%lu", kind_label(x->kind), x->num,
	             kind_label(m->kind), m->num);
	claim_links(c, true, x->block, x->kind, x->num);
	claim_links(c, false, m->block, m->kind, m->num);
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
		for (size_t j = 0; j < T->n && !m->matched; j++)
			if (T->v[j].matched && same(m, &T->v[j]) &&
			    check_tr_section(c, m->section) == T->v[j].section)
				m->matched = true;
	}
	for (size_t j = 0; j < T->n; j++) {
		struct occ *x = &T->v[j];
		for (size_t i = 0; i < S->n && !x->matched; i++)
			if (S->v[i].matched && same(&S->v[i], x) &&
			    check_tr_section(c, S->v[i].section) == x->section)
				x->matched = true;
	}
}

/* The leftover number of x's class in section `section` when all the
 * leftovers of that class there are one number, else NULL. */
static struct occ *lone_leftover(struct occs *o, int section, const struct occ *x)
{
	struct occ *first = NULL;
	for (size_t i = 0; i < o->n; i++) {
		struct occ *p = &o->v[i];
		if (p->matched || p->done || p->section != section ||
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
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	bool found = false;
	for (size_t i = 0; i < tr->nlinks && !found; i++) {
		const struct link *tl = &tr->links[i];
		struct ref tref;
		if (tl->block != x->block || !refs_in_url(tl->dest, strlen(tl->dest), &tref, 1) ||
		    class_of(tref.kind) != class_of(x->kind) || tref.number != x->num)
			continue;
		url_template(tl->dest, &a);
		const struct link *best = NULL;
		size_t bk = 0;
		for (size_t k = 0; k < src->nlinks; k++) {
			const struct link *sl = &src->links[k];
			struct ref sref;
			if (sl->section != s || !refs_in_url(sl->dest, strlen(sl->dest), &sref, 1) ||
			    class_of(sref.kind) != class_of(x->kind) || sref.number == x->num)
				continue;
			url_template(sl->dest, &b);
			if (strcmp(a.buf, b.buf))
				continue;
			int su = check_unit_of(c, false, sl->block);
			if (check_units_paired(cu, su, x->unit)) {
				best = sl;
				bk = k;
				break;
			}
		}
		if (best) {
			*line = best->line;
			*col = best->col;
			rr->partner_num = 0;
			struct ref r;
			if (refs_in_url(best->dest, strlen(best->dest), &r, 1))
				rr->partner_num = r.number;
			rr->partner_link = (int)bk;
			found = true;
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return found;
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
	claim_links(c, true, x->block, x->kind, x->num);
	c->src_link_claimed[rr->partner_link] = true;
	x->done = true;
	x->reported = true;
}

/* Does a unit hold a link into kubernetes/enhancements that names no
 * KEP number (an old keps/sig-x/name.md path)? Its number is unknown, so
 * a number on the other side cannot be called extra or missing: the link
 * rules compare the destinations. */
static bool has_numberless_kep_link(const struct check_ctx *c, bool tr_side, int unit)
{
	const struct doc *d = tr_side ? c->tr : c->src;
	if (unit < 0)
		return false;
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		if (check_unit_of(c, tr_side, l->block) != unit)
			continue;
		struct ref r;
		if (strstr(l->dest, "kubernetes/enhancements") &&
		    !refs_in_url(l->dest, strlen(l->dest), &r, 1))
			return true;
	}
	return false;
}

/* Was the same number already reported for an earlier block of the same
 * unit (list items, table rows)? */
static bool reported_in_unit(const struct occs *o, size_t upto, const struct occ *p)
{
	for (size_t i = 0; i < upto; i++)
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
		if (x->matched || x->done)
			continue;
		for (size_t i = 0; i < S->n; i++) {
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
		if (has_numberless_kep_link(c, true, ut) || reported_in_unit(S, i, m))
			continue;
		m->reported = true;
		unsigned line, col;
		check_locate(cu, m->block, m->line, m->col, ut, &line, &col);
		check_report(c, rule_of(m->kind), check_unit_conf(cu, m->unit), line, col, m->line,
		             "the source cites %s #%lu but the translation does not",
		             kind_label(m->kind), m->num);
		claim_links(c, false, m->block, m->kind, m->num);
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
		if (has_numberless_kep_link(c, false, us) || reported_in_unit(T, j, x))
			continue;
		x->reported = true;
		check_report(c, rule_of(x->kind), check_unit_conf(cu, us), x->line, x->col,
		             src->blocks[us].line, "%s #%lu is not cited in the source section \"%s\"",
		             kind_label(x->kind), x->num, check_section_label(src, s));
		claim_links(c, true, x->block, x->kind, x->num);
	}
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
	collect(&rr, false);
	collect(&rr, true);
	check_link_numbers(&rr);
	match(&rr);
	report(&rr);
	free(rr.S.v);
	free(rr.T.v);
	free(rr.cov);
	strbuf_release(&rr.buf);
	check_units_free(rr.cu);
}
