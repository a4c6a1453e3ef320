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
 * The pairing of units it shares with refs.c and shortcodes.c is in
 * units.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../arena.h"
#include "../bytes.h"
#include "../check.h"
#include "../refs.h"
#include "../text.h"
#include "../xalloc.h"

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

/* Can refs_in_url() read dest as a short reference link? Its pattern wants
 * "kep.k8s.io/", or "issue", "issues", "pr" or "prs" right before ".k8s.io/"
 * or ".kubernetes.io/" (case-sensitive). Other kubernetes.io links need no
 * refs_in_url() call. */
static bool redirector_ref(const char *dest)
{
	static const char *const domains[] = {".k8s.io/", ".kubernetes.io/"};
	static const char *const labels[] = {"kep", "issue", "issues", "pr", "prs"};
	for (size_t d = 0; d < 2; d++) {
		for (const char *p = strstr(dest, domains[d]); p; p = strstr(p + 1, domains[d])) {
			for (size_t k = 0; k < 5; k++) {
				size_t n = strlen(labels[k]);
				if ((size_t)(p - dest) >= n && !strncmp(p - n, labels[k], n) &&
				    (d == 0 || k > 0))
					return true;
			}
		}
	}
	return false;
}

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
		/* the letter in either case (l0 has bit 0x20 set), found by
		 * memchr, then the byte before it */
		for (int pass = 0; pass < 2 && !maybe && path_at + 1 < len; pass++) {
			int t = pass ? l0 ^ 0x20 : l0;
			for (const char *p = memchr(s + path_at + 1, t, len - path_at - 1); p && !maybe;
			     p = memchr(p + 1, t, len - (size_t)(p + 1 - s))) {
				char b = p[-1];
				maybe = b == '/' || b == '?' || b == '&' || b == '=';
			}
		}
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
	if (unit < 0 || kind[unit] != UNIT_LIST || check_list_item(d, unit, b, &idx) < 0)
		return -1;
	return idx;
}

/* Hash of a destination, for the cache below (eight bytes at a time;
 * only ever compared for equality). */
static uint64_t dest_hash(const char *s)
{
	return bytes_hash(s, strlen(s));
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
		k->hash = bytes_hash(k->key, strlen(k->key)); /* (for same_key()) */
		/* refs_in_url finds a reference URL only with "kep.k8s.io/", or
		 * "github.com/" and then "/keps/", "/pull/" or "/issues/" in it
		 * (case-sensitive parts of its pattern), or a short link of the
		 * k8s.io / kubernetes.io redirector (issue.k8s.io/N, pr.k8s.io/N…),
		 * which gets the same key as the github.com URL it stands for */
		struct ref r;
		const char *gh;
		if ((redirector_ref(l->dest) ||
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
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_' || ch == '-';
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
static void match(const struct check_ctx *c, const struct check_units *cu, struct lnks *S,
                  struct lnks *T)
{
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
	match(c, cu, &S, &T);
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
