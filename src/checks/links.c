/* checks/links.c - link-missing, link-extra.
 *
 * Link destinations are compared per aligned section pair, normalised so
 * that a translation may point at its own language's pages (/ja/docs/x/
 * for /docs/x/), switch http to https, drop a trailing slash or a
 * fragment (anchors.c checks fragments), cite a KEP or pull request by
 * another URL form, or point at a localised variant of an external page
 * (/ja/ path segment, ja. subdomain, hl=ja). A destination counts as
 * present when the aligned translation section links it anywhere (a
 * translation may link a repeated target once). Links already reported by
 * an earlier rule (kep-mismatch, ref-mismatch, anchor-*) are claimed and
 * skipped, and so are links of a paragraph, list or table that has no
 * counterpart at all: block-missing and block-extra report the block.
 *
 * A link whose destination alone changed (the only leftover link of a
 * paragraph pair on each side, or the same link text) is one finding,
 * link-missing, naming both destinations.
 *
 * This file also holds the pairing helpers shared by refs.c and
 * shortcodes.c (declared in each user until they move to check.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../check.h"
#include "../refs.h"
#include "../text.h"
#include "../xalloc.h"

/* Shared with refs.c and shortcodes.c. */
int check_unit_of(const struct check_ctx *c, bool tr_side, int block);
int check_unit_partner(const struct check_ctx *c, int us);
bool check_units_paired(const struct check_ctx *c, int us, int ut);
float check_unit_conf(const struct check_ctx *c, int us);
void check_locate(const struct check_ctx *c, int src_block, unsigned line, unsigned col, int ut,
                  unsigned *tline, unsigned *tcol);

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

/* An unpaired source unit alone in the gap between two block pairs whose
 * translation gap also holds exactly one unpaired unit: the same block,
 * changed (the aligner leaves a paragraph whose only strong evidence was
 * edited unpaired). Returns that translation unit or -1. */
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
	int alone = 0;
	for (int b = lo; b < hi; b++)
		if (is_unit(src, al->ukind_src, b) && al->b2t[b] < 0)
			alone++;
	if (alone != 1)
		return -1;
	int found = -1, n = 0;
	for (int b = tlo; b < thi && b < (int)tr->nblocks; b++) {
		if (!is_unit(tr, al->ukind_tr, b) || al->t2b[b] >= 0 || tr->blocks[b].section != t)
			continue;
		found = b;
		n++;
	}
	if (n != 1 || !kinds_compatible(al->ukind_src[us], al->ukind_tr[found]))
		return -1;
	return found;
}

/* The translation unit that corresponds to source unit us: its block
 * pair, the heading of the aligned section, or a lone changed block
 * (gap_partner); -1 when none. */
int check_unit_partner(const struct check_ctx *c, int us)
{
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
	return gap_partner(c, us);
}

/* Do source unit us and translation unit ut correspond (block pair, split,
 * merge, aligned headings, lone changed block)? */
bool check_units_paired(const struct check_ctx *c, int us, int ut)
{
	if (us < 0 || ut < 0)
		return false;
	bool hs = c->src->blocks[us].kind == BLOCK_HEADING;
	bool ht = c->tr->blocks[ut].kind == BLOCK_HEADING;
	if (hs || ht)
		return hs && ht && check_tr_section(c, c->src->blocks[us].section) == c->tr->blocks[ut].section;
	if (c->al->b2t[us] == ut || c->al->t2b[ut] == us)
		return true;
	return c->al->b2t[us] < 0 && c->al->t2b[ut] < 0 && gap_partner(c, us) == ut;
}

/* Confidence of the pair a finding about source unit us rests on. */
float check_unit_conf(const struct check_ctx *c, int us)
{
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

/* Where, in translation unit ut, the source text at line:col of source
 * block src_block most likely is. Lists map item to item when both have
 * as many items; inside a paragraph the sentence holding the position
 * maps to the translation line at the same relative place (exact when
 * the translation writes one sentence per line, as the ja style guide
 * asks). */
void check_locate(const struct check_ctx *c, int src_block, unsigned line, unsigned col, int ut,
                  unsigned *tline, unsigned *tcol)
{
	const struct doc *src = c->src, *tr = c->tr;
	*tline = 1;
	*tcol = 1;
	if (ut < 0 || (size_t)ut >= tr->nblocks)
		return;
	const struct block *tb = &tr->blocks[ut];
	unsigned lo = tb->line, hi = tb->end_line;
	int us = check_unit_of(c, false, src_block);
	if (us >= 0 && src->blocks[us].kind == BLOCK_LIST && tb->kind == BLOCK_LIST &&
	    src->blocks[us].nitems == tb->nitems) {
		int idx;
		if (item_in(src, us, src_block, &idx) >= 0) {
			int ti = nth_item(tr, ut, idx);
			if (ti >= 0) {
				lo = tr->blocks[ti].line;
				hi = tr->blocks[ti].end_line;
			}
		}
	}
	while (hi > lo) { /* trailing blank lines of a list item */
		size_t len;
		const char *s = doc_line(tr, hi, &len);
		size_t i = 0;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < len)
			break;
		hi--;
	}
	unsigned target = lo;
	if (hi > lo && src_block >= 0 && (size_t)src_block < src->nblocks) {
		const struct block *sb = &src->blocks[src_block];
		size_t start = byte_at(src, sb->line, 1), pos = byte_at(src, line, col);
		size_t end = line_end(src, sb->end_line);
		if (pos > start && pos <= end) {
			const char *lang = src->lang ? src->lang : "en";
			size_t before = text_sentences(lang, src->src + start, pos - start);
			size_t total = text_sentences(lang, src->src + start, end - start);
			/* the position's sentence: the last one begun before it */
			size_t k = before ? before - 1 : 0;
			if (total > 1) {
				size_t n = hi - lo + 1;
				target = lo + (unsigned)(k * n / total);
			}
		}
	}
	if (target > hi)
		target = hi;
	*tline = target;
	*tcol = first_col(tr, target);
}

/* ---- links ---- */

struct lnk {
	int link;        /* index into the doc's links */
	int unit;        /* alignment unit (or heading block), -1 */
	int section;
	char *key;       /* normalised destination */
	bool present;    /* the other side's aligned section has the key */
	bool done;       /* reported or paired */
};

struct lnks {
	struct lnk *v;
	size_t n, alloc;
};

static bool lang_token(const char *s, size_t len, const char *lang)
{
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

/* Comparison key of a destination: a KEP/PR/issue URL by its number,
 * anything else normalised (align_normalize_dest, then kubernetes.io's
 * own host dropped, www. dropped, locale markers dropped). */
static char *link_key(const char *dest, const char *lang, struct strbuf *sb)
{
	strbuf_reset(sb);
	struct ref r;
	if (refs_in_url(dest, strlen(dest), &r, 1)) {
		strbuf_addf(sb, "ref:%d:%lu", r.kind == REF_KEP ? 0 : 1, r.number);
		return xstrdup(sb->buf);
	}
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
	return xstrdup(sb->buf);
}

static void collect(const struct check_ctx *c, bool tr_side, struct lnks *out, struct strbuf *sb)
{
	const struct doc *d = tr_side ? c->tr : c->src;
	const bool *claimed = tr_side ? c->tr_link_claimed : c->src_link_claimed;
	for (size_t i = 0; i < d->nlinks; i++) {
		const struct link *l = &d->links[i];
		if (claimed[i] || l->block < 0 || !l->dest[0] || l->dest[0] == '#')
			continue;
		out->v = xgrow(out->v, out->n + 1, &out->alloc, sizeof(*out->v));
		struct lnk *k = &out->v[out->n++];
		k->link = (int)i;
		k->unit = check_unit_of(c, tr_side, l->block);
		k->section = l->section;
		k->key = link_key(l->dest, c->tr->lang, sb);
		k->present = false;
		k->done = false;
	}
}

static void release(struct lnks *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i].key);
	free(ls->v);
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

void check_links(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	if (!check_enabled(c, RULE_link_missing) && !check_enabled(c, RULE_link_extra))
		return;
	struct strbuf sb = STRBUF_INIT;
	struct lnks S = {NULL, 0, 0}, T = {NULL, 0, 0};
	collect(c, false, &S, &sb);
	collect(c, true, &T, &sb);

	/* Presence: the key anywhere in the aligned section of the other
	 * side (a link repeated in the source may appear once). */
	for (size_t i = 0; i < S.n; i++) {
		int t = check_tr_section(c, S.v[i].section);
		for (size_t j = 0; j < T.n && t >= 0; j++)
			if (T.v[j].section == t && strcmp(S.v[i].key, T.v[j].key) == 0) {
				S.v[i].present = true;
				T.v[j].present = true;
			}
	}
	/* A link moved to another aligned section is not a finding. */
	for (size_t i = 0; i < S.n; i++) {
		if (S.v[i].present || check_tr_section(c, S.v[i].section) < 0)
			continue;
		for (size_t j = 0; j < T.n; j++)
			if (!T.v[j].present && check_src_section(c, T.v[j].section) >= 0 &&
			    strcmp(S.v[i].key, T.v[j].key) == 0) {
				S.v[i].present = true;
				T.v[j].present = true;
			}
	}

	/* Changed destinations: the leftovers of a block pair, in order when
	 * both sides have as many, else those with the same link text. */
	size_t *A = xcalloc(S.n + 1, sizeof(size_t)), *B = xcalloc(T.n + 1, sizeof(size_t));
	for (size_t i = 0; i < S.n; i++) {
		struct lnk *m = &S.v[i];
		if (m->present || m->done || m->unit < 0)
			continue;
		size_t na = 0, nb = 0;
		for (size_t k = i; k < S.n; k++)
			if (!S.v[k].present && !S.v[k].done && S.v[k].unit == m->unit)
				A[na++] = k;
		for (size_t j = 0; j < T.n; j++) {
			struct lnk *o = &T.v[j];
			if (!o->present && !o->done && check_units_paired(c, m->unit, o->unit))
				B[nb++] = j;
		}
		for (size_t k = 0; k < na; k++) {
			struct lnk *sm = &S.v[A[k]];
			const struct link *sl = &src->links[sm->link];
			struct lnk *x = NULL;
			if (na == nb) {
				x = &T.v[B[k]];
			} else {
				for (size_t q = 0; q < nb && !x; q++)
					if (!T.v[B[q]].done && similar_text(sl->text, tr->links[T.v[B[q]].link].text))
						x = &T.v[B[q]];
			}
			if (!x || x->done || sl->image != tr->links[x->link].image)
				continue;
			const struct link *tl = &tr->links[x->link];
			check_report(c, RULE_link_missing, check_unit_conf(c, sm->unit), tl->line, tl->col,
			             sl->line,
			             "link to \"%s\" (source line %u) is missing; this %s links to \"%s\" "
			             "instead",
			             sl->dest, sl->line, what(tr, x->unit), tl->dest);
			sm->done = x->done = true;
			c->src_link_claimed[sm->link] = true;
			c->tr_link_claimed[x->link] = true;
		}
	}
	free(A);
	free(B);

	/* Missing: once per destination and section; not when the whole
	 * block is missing (block-missing reports it). */
	for (size_t i = 0; i < S.n && check_enabled(c, RULE_link_missing); i++) {
		struct lnk *m = &S.v[i];
		if (m->present || m->done)
			continue;
		int t = check_tr_section(c, m->section);
		int ut = check_unit_partner(c, m->unit);
		if (t < 0 || ut < 0)
			continue;
		bool again = false;
		for (size_t k = 0; k < i && !again; k++)
			again = S.v[k].done && S.v[k].section == m->section && !strcmp(S.v[k].key, m->key);
		m->done = true;
		if (again)
			continue;
		const struct link *sl = &src->links[m->link];
		unsigned line, col;
		check_locate(c, sl->block, sl->line, sl->col, ut, &line, &col);
		check_report(c, RULE_link_missing, check_unit_conf(c, m->unit), line, col, sl->line,
		             "link to \"%s\" (source text \"%s\") is missing in the translation", sl->dest,
		             sl->text);
		c->src_link_claimed[m->link] = true;
	}

	/* Extra: in a block that has a source counterpart. */
	for (size_t j = 0; j < T.n && check_enabled(c, RULE_link_extra); j++) {
		struct lnk *x = &T.v[j];
		if (x->present || x->done || x->unit < 0)
			continue;
		int s = check_src_section(c, x->section);
		if (s < 0)
			continue;
		bool heading = tr->blocks[x->unit].kind == BLOCK_HEADING;
		int us = heading ? src->headings[src->sections[s].heading < 0 ? 0 : src->sections[s].heading].block
		                 : c->al->t2b[x->unit];
		if (heading && s == 0)
			continue;
		if (us < 0) {
			/* a lone changed block still counts as paired */
			for (int b = src->sections[s].first_block; b < src->sections[s].end_block && us < 0; b++)
				if (src->blocks[b].parent < 0 && c->al->ukind_src[b] != UNIT_NONE &&
				    c->al->b2t[b] < 0 && check_units_paired(c, b, x->unit))
					us = b;
			if (us < 0)
				continue;
		}
		bool again = false;
		for (size_t k = 0; k < j && !again; k++)
			again = T.v[k].done && T.v[k].section == x->section && !strcmp(T.v[k].key, x->key);
		x->done = true;
		if (again)
			continue;
		const struct link *tl = &tr->links[x->link];
		check_report(c, RULE_link_extra, check_unit_conf(c, us), tl->line, tl->col,
		             src->blocks[us].line,
		             "link to \"%s\" (\"%s\") has no counterpart in the source section \"%s\"",
		             tl->dest, tl->text, check_section_label(src, s));
		c->tr_link_claimed[x->link] = true;
	}

	release(&S);
	release(&T);
	strbuf_release(&sb);
}
