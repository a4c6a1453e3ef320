/* checks/frontmatter.c - frontmatter-untranslated, frontmatter-mismatch,
 * frontmatter-missing, frontmatter-forbidden.
 *
 * The source's front matter is walked key by key (lists by index) beside
 * the translation's, and each key is judged by its class
 * (locale_fm_class): FMC_TRANSLATE values must not stay in the source
 * language, FMC_IDENTICAL values must be equal (as written, trimmed;
 * lists element by element), FMC_DROPPED keys must not be kept. A key of
 * the source missing from the translation is reported once, at its
 * highest missing level.
 *
 * Deliberately not reported:
 *  - keys only the translation has (translator, an old content_type...);
 *  - `aliases` missing from the translation (copying them would be the
 *    defect), `categories` missing, and `tags` missing from a blog post
 *    (translated blog posts drop them);
 *  - a date written with and without a time of day, on the same day;
 *  - an empty `reviewers:` or `approvers:` left in the translation;
 *  - a value kept in the source language when it matches the locale's
 *    allow-list, or is the title of a release announcement (slug
 *    kubernetes-vX-Y-release: "Kubernetes v1.32: Penelope" is kept in
 *    English on purpose), or is one word the translation's own text
 *    writes in Latin letters too (resource and product names such as
 *    "ConfigMap", "Kubelet"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../check.h"
#include "../text.h"
#include "../xalloc.h"

/* The translation's own text as word_used_in_body searches it: the
 * masked text of each block with letters of its scripts, built on the
 * first search (the same for every word), with ASCII letters lower-cased
 * (what strncasecmp compares in the C locale, which the program never
 * leaves; is_word_char does not tell the cases apart either). */
struct fm_body {
	bool built;
	char **text;
	size_t n, alloc;
};

struct fmctx {
	struct check_ctx *c;
	const struct script_set *scripts;
	bool blog;      /* the source is a blog post */
	bool release;   /* the source is a release announcement */
	struct strbuf tmp;
	struct fm_body *body;
};

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

/* A scalar's value without surrounding white space (block scalars end
 * with a newline). */
static void trimmed(const char *v, struct strbuf *out)
{
	strbuf_reset(out);
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	strbuf_addstr(out, v);
	strbuf_rtrim(out);
}

static bool scalar_eq(const char *a, const char *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	trimmed(a, &x);
	trimmed(b, &y);
	bool eq = strcmp(x.buf, y.buf) == 0;
	/* 2024-12-11 and 2024-12-11T10:30:00-08:00: the same day */
	if (!eq && x.len >= 10 && y.len >= 10 && (x.len == 10 || y.len == 10) &&
	    memcmp(x.buf, y.buf, 10) == 0 && x.buf[4] == '-' && x.buf[7] == '-' &&
	    (x.len == 10 || x.buf[10] == 'T' || x.buf[10] == ' ') &&
	    (y.len == 10 || y.buf[10] == 'T' || y.buf[10] == ' '))
		eq = true;
	strbuf_release(&x);
	strbuf_release(&y);
	return eq;
}

static bool node_eq(const struct fm_node *a, const struct fm_node *b)
{
	if (a->kind != b->kind) {
		/* an empty value and an empty list or map are the same nothing */
		const struct fm_node *s = a->kind == FM_SCALAR ? a : b->kind == FM_SCALAR ? b : NULL;
		const struct fm_node *o = s == a ? b : a;
		return s && o->kind != FM_SCALAR && o->nchildren == 0 && !*s->value;
	}
	if (a->kind == FM_SCALAR)
		return scalar_eq(a->value, b->value);
	if (a->nchildren != b->nchildren)
		return false;
	for (size_t i = 0; i < a->nchildren; i++) {
		const struct fm_node *x = &a->children[i], *y = &b->children[i];
		if (a->kind == FM_MAP) {
			/* maps: by key, in any order */
			y = NULL;
			for (size_t k = 0; k < b->nchildren; k++)
				if (b->children[k].key && x->key && strcmp(b->children[k].key, x->key) == 0)
					y = &b->children[k];
			if (!y)
				return false;
		}
		if (!node_eq(x, y))
			return false;
	}
	return true;
}

/* A value for a message: a scalar quoted, a list as ["a", "b"]. */
static void node_show(const struct fm_node *n, struct strbuf *out)
{
	if (n->kind == FM_SCALAR) {
		struct strbuf t = STRBUF_INIT;
		trimmed(n->value, &t);
		if (t.len > 80) {
			size_t cut = 77;
			while (cut > 0 && ((unsigned char)t.buf[cut] & 0xC0) == 0x80)
				cut--;
			strbuf_setlen(&t, cut);
			strbuf_addstr(&t, "...");
		}
		strbuf_addf(out, "\"%s\"", t.buf);
		strbuf_release(&t);
		return;
	}
	strbuf_addch(out, n->kind == FM_SEQ ? '[' : '{');
	for (size_t i = 0; i < n->nchildren && i < 8; i++) {
		if (out->len > 400) {
			strbuf_addstr(out, ", ...");
			break;
		}
		if (i)
			strbuf_addstr(out, ", ");
		if (n->kind == FM_MAP && n->children[i].key)
			strbuf_addf(out, "%s: ", n->children[i].key);
		node_show(&n->children[i], out);
	}
	if (n->nchildren > 8)
		strbuf_addstr(out, ", ...");
	strbuf_addch(out, n->kind == FM_SEQ ? ']' : '}');
}

static const struct fm_node *map_get(const struct fm_node *map, const char *key)
{
	if (!map || map->kind != FM_MAP)
		return NULL;
	for (size_t i = 0; i < map->nchildren; i++)
		if (map->children[i].key && strcmp(map->children[i].key, key) == 0)
			return &map->children[i];
	return NULL;
}

static unsigned node_line(const struct fm_node *n)
{
	return n->key_line ? n->key_line : n->line;
}

static unsigned node_col(const struct fm_node *n)
{
	return n->key_line ? n->key_col : n->col;
}

/* Part of a Latin word: "components" in "/components-of-kubernetes.svg"
 * is not the word "Components". */
static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '/' || c == '.';
}

/* Keys translations leave out on purpose (see the file comment). */
static bool may_be_missing(const struct fmctx *fx, const char *path)
{
	if (strcmp(path, "aliases") == 0 || strcmp(path, "categories") == 0)
		return true;
	return fx->blog && strcmp(path, "tags") == 0;
}

/* Blank out shortcodes ({{< ... >}}, {{% ... %}}) and URLs: they are not
 * the translation's own words. */
static void mask_markup(const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addstr(out, s);
	char *p = out->buf;
	size_t len = out->len;
	for (size_t i = 0; i < len; i++) {
		size_t end = sc_blank_at(p, len, i);
		if (end != i) {
			i = end - 1;
		} else if (p[i] == 'h' &&
		           (strncmp(p + i, "http://", 7) == 0 || strncmp(p + i, "https://", 8) == 0)) {
			size_t j = i;
			while (j < len && (unsigned char)p[j] > ' ' && (unsigned char)p[j] < 0x80 &&
			       p[j] != ')')
				j++;
			memset(p + i, ' ', j - i);
			i = j - 1;
		}
	}
}

static void body_build(const struct fmctx *fx, struct fm_body *body)
{
	const struct doc *tr = fx->c->tr;
	struct strbuf m = STRBUF_INIT;
	size_t lk = 0; /* link cursor */
	body->built = true;
	for (size_t i = 0; i < tr->nblocks; i++) {
		const struct block *b = &tr->blocks[i];
		if (b->kind != BLOCK_PARAGRAPH && b->kind != BLOCK_HEADING && b->kind != BLOCK_TABLE)
			continue;
		if (!b->prose || !*b->prose)
			continue;
		mask_markup(b->prose, &m);
		/* nor are link texts ("Certified Kubernetes Security Specialist");
		 * links come in document order, so one cursor serves all blocks */
		size_t from = 0;
		while (lk < tr->nlinks && tr->links[lk].block < (int)i)
			lk++;
		for (size_t k = lk; k < tr->nlinks && tr->links[k].block <= (int)i; k++) {
			const struct link *l = &tr->links[k];
			if (l->block != (int)i || !l->text || !*l->text)
				continue;
			char *hit = strstr(m.buf + from, l->text);
			if (hit) {
				memset(hit, ' ', strlen(l->text));
				from = (size_t)(hit - m.buf);
			}
		}
		if (fx->scripts->n && !text_has_script(m.buf, m.len, fx->scripts))
			continue;
		body->text = xgrow(body->text, body->n + 1, &body->alloc, sizeof(*body->text));
		char *t = xstrdup(m.buf);
		for (char *q = t; *q; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		body->text[body->n++] = t;
	}
	strbuf_release(&m);
}

static void body_release(struct fm_body *body)
{
	for (size_t i = 0; i < body->n; i++)
		free(body->text[i]);
	free(body->text);
}

/* Does the translation's own text (a block with letters of its scripts)
 * write `word` in Latin letters too? */
static bool word_used_in_body(const struct fmctx *fx, const char *word)
{
	if (!fx->body->built)
		body_build(fx, fx->body);
	size_t wl = strlen(word);
	bool found = false;
	/* strncasecmp(h, word, wl) == 0: the lower-cased text has the
	 * lower-cased word at h; strstr finds those places in order */
	char *lw = xstrdup(word);
	for (char *q = lw; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	for (size_t i = 0; i < fx->body->n && !found; i++) {
		const char *p = fx->body->text[i];
		if (!wl) {
			/* every place matches an empty word */
			for (const char *h = p; *h && !found; h++)
				found = !is_word_char(h > p ? h[-1] : ' ') && !is_word_char(*h);
			continue;
		}
		for (const char *h = strstr(p, lw); h && !found; h = strstr(h + 1, lw)) {
			char before = h > p ? h[-1] : ' ';
			char after = h[wl];
			found = !is_word_char(before) && !is_word_char(after);
		}
	}
	free(lw);
	return found;
}

struct terms_ctx {
	const struct fmctx *fx;
	size_t n, used;
	struct strbuf word;
};

static void term_used(void *vctx, const char *term, size_t len, size_t off)
{
	(void)off;
	struct terms_ctx *t = vctx;
	strbuf_reset(&t->word);
	strbuf_add(&t->word, term, len);
	t->n++;
	if (word_used_in_body(t->fx, t->word.buf))
		t->used++;
}

/* Are all the Latin words of v written in Latin letters in the
 * translation's own text too ("kubeadm init", "Hello Minikube")? Then v is
 * a name kept as written. */
static bool words_used_in_body(const struct fmctx *fx, const char *v)
{
	struct terms_ctx t = {fx, 0, 0, STRBUF_INIT};
	text_latin_terms(v, strlen(v), term_used, &t);
	strbuf_release(&t.word);
	return t.n > 0 && t.used == t.n;
}

static bool is_release_title(const char *v)
{
	return strncmp(v, "Kubernetes v", 12) == 0;
}

static void check_translate(struct fmctx *fx, const char *path, const struct fm_node *sn,
                            const struct fm_node *tn)
{
	struct check_ctx *c = fx->c;
	if (sn->kind != FM_SCALAR || tn->kind != FM_SCALAR)
		return;
	struct strbuf sv = STRBUF_INIT, tv = STRBUF_INIT;
	trimmed(sn->value, &sv);
	trimmed(tn->value, &tv);
	bool identical = strcmp(sv.buf, tv.buf) == 0;
	bool latin = fx->scripts->n == 0;
	bool foreign = identical || (!latin && !text_has_script(tv.buf, tv.len, fx->scripts));
	bool one_word = !strchr(tv.buf, ' ');
	if (!foreign || text_weight(tv.buf, tv.len) < 3 || !sv.len)
		goto out;
	if (locale_untranslated_ok(c->loc, tv.buf))
		goto out;
	if (fx->release && is_release_title(tv.buf))
		goto out;
	if (one_word && latin)
		goto out;
	if (!latin && words_used_in_body(fx, tv.buf))
		goto out;
	const char *name = lang_name(c->src->lang);
	if (identical)
		check_report(c, RULE_frontmatter_untranslated, 1.0f, node_line(tn), node_col(tn),
		             node_line(sn), "front-matter \"%s\" is identical to the source (\"%s\")",
		             path, tv.buf);
	else
		check_report(c, RULE_frontmatter_untranslated, 1.0f, node_line(tn), node_col(tn),
		             node_line(sn), "front-matter \"%s\" is still in %s (\"%s\"); the source has \"%s\"",
		             path, name ? name : "the source language", tv.buf, sv.buf);
out:
	strbuf_release(&sv);
	strbuf_release(&tv);
}

static void walk(struct fmctx *fx, const struct fm_node *sn, const struct fm_node *tn,
                 const struct fm_node *tparent, struct strbuf *path);

static void visit(struct fmctx *fx, const struct fm_node *sn, const struct fm_node *tn,
                  const struct fm_node *tparent, struct strbuf *path)
{
	struct check_ctx *c = fx->c;
	enum fm_class cls = locale_fm_class(c->loc, path->buf);
	if (cls == FMC_DROPPED || cls == FMC_ADDED)
		return;
	if (!tn) {
		if (may_be_missing(fx, path->buf))
			return;
		unsigned line = tparent && tparent->key_line ? tparent->key_line : c->tr->fm_first_line;
		unsigned col = tparent && tparent->key_line ? tparent->key_col : 1;
		strbuf_reset(&fx->tmp);
		if (sn->kind == FM_MAP) {
			/* its keys only: the values are beside the source line */
			strbuf_addch(&fx->tmp, '{');
			for (size_t i = 0; i < sn->nchildren; i++)
				strbuf_addf(&fx->tmp, "%s%s", i ? ", " : "",
				            sn->children[i].key ? sn->children[i].key : "");
			strbuf_addch(&fx->tmp, '}');
		} else {
			node_show(sn, &fx->tmp);
		}
		check_report(c, RULE_frontmatter_missing, 1.0f, line ? line : 1, col, node_line(sn),
		             "front-matter key \"%s\" of the source (%s) is missing", path->buf,
		             fx->tmp.buf);
		return;
	}
	if (cls == FMC_IDENTICAL) {
		if (node_eq(sn, tn))
			return;
		strbuf_reset(&fx->tmp);
		node_show(tn, &fx->tmp);
		strbuf_addstr(&fx->tmp, " but the source has ");
		node_show(sn, &fx->tmp);
		check_report(c, RULE_frontmatter_mismatch, 1.0f, node_line(tn), node_col(tn),
		             node_line(sn), "front-matter \"%s\" must stay as in the source: it is %s",
		             path->buf, fx->tmp.buf);
		return;
	}
	if (cls == FMC_TRANSLATE) {
		check_translate(fx, path->buf, sn, tn);
		return;
	}
	if (sn->kind != FM_SCALAR && sn->kind == tn->kind)
		walk(fx, sn, tn, tn, path);
}

static void walk(struct fmctx *fx, const struct fm_node *sn, const struct fm_node *tn,
                 const struct fm_node *tparent, struct strbuf *path)
{
	size_t base = path->len;
	for (size_t i = 0; i < sn->nchildren; i++) {
		const struct fm_node *sc = &sn->children[i];
		const struct fm_node *tc = NULL;
		strbuf_setlen(path, base);
		if (sn->kind == FM_MAP) {
			if (!sc->key)
				continue;
			if (base)
				strbuf_addch(path, '.');
			strbuf_addstr(path, sc->key);
			tc = map_get(tn, sc->key);
		} else {
			strbuf_addf(path, "[%zu]", i);
			tc = tn && tn->kind == FM_SEQ && i < tn->nchildren ? &tn->children[i] : NULL;
		}
		visit(fx, sc, tc, tparent, path);
	}
	strbuf_setlen(path, base);
}

static bool node_empty(const struct fm_node *n)
{
	if (n->kind == FM_SCALAR) {
		for (const char *p = n->value; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				return false;
		return true;
	}
	return n->nchildren == 0;
}

/* The entry of a list (or the scalar) equal to v, or NULL. */
static const struct fm_node *seq_find(const struct fm_node *seq, const char *v)
{
	if (!seq)
		return NULL;
	if (seq->kind == FM_SCALAR)
		return scalar_eq(seq->value, v) ? seq : NULL;
	if (seq->kind != FM_SEQ)
		return NULL;
	for (size_t i = 0; i < seq->nchildren; i++)
		if (seq->children[i].kind == FM_SCALAR && scalar_eq(seq->children[i].value, v))
			return &seq->children[i];
	return NULL;
}

static void check_alias(struct fmctx *fx, const struct fm_node *a,
                        const struct fm_node *src_aliases)
{
	struct check_ctx *c = fx->c;
	if (a->kind != FM_SCALAR || a->value[0] != '/')
		return;
	const char *lang = c->tr->lang;
	size_t ll = lang ? strlen(lang) : 0;
	if (ll && strncmp(a->value + 1, lang, ll) == 0 &&
	    (a->value[ll + 1] == '/' || a->value[ll + 1] == '\0'))
		return;
	const struct fm_node *orig = seq_find(src_aliases, a->value);
	bool copied = orig != NULL;
	check_report(c, RULE_frontmatter_forbidden, 1.0f, a->line, a->col, copied ? orig->line : 0,
	             "alias \"%s\"%s is an English URL: the translation would take it over from the "
	             "source page; write \"/%s%s\" or drop it",
	             a->value, copied ? " (copied from the source)" : "", lang ? lang : "", a->value);
}

static void forbidden(struct fmctx *fx)
{
	struct check_ctx *c = fx->c;
	const struct fm_node *root = c->tr->fm;
	for (size_t i = 0; i < root->nchildren; i++) {
		const struct fm_node *n = &root->children[i];
		if (!n->key)
			continue;
		if (locale_fm_class(c->loc, n->key) == FMC_DROPPED && !node_empty(n)) {
			const struct fm_node *s = map_get(c->src->fm, n->key);
			check_report(c, RULE_frontmatter_forbidden, 1.0f, n->key_line, n->key_col,
			             s ? node_line(s) : 0,
			             "front-matter key \"%s\" is kept in the translation; translations "
			             "drop it",
			             n->key);
		}
	}
	const struct fm_node *aliases = map_get(root, "aliases");
	const struct fm_node *src_aliases = map_get(c->src->fm, "aliases");
	if (!aliases)
		return;
	if (aliases->kind == FM_SCALAR)
		check_alias(fx, aliases, src_aliases);
	else if (aliases->kind == FM_SEQ)
		for (size_t i = 0; i < aliases->nchildren; i++)
			check_alias(fx, &aliases->children[i], src_aliases);
}

static bool release_slug(const char *slug)
{
	/* kubernetes-v1-32-release */
	if (strncmp(slug, "kubernetes-v", 12) != 0)
		return false;
	const char *p = slug + 12;
	if (*p < '0' || *p > '9')
		return false;
	while ((*p >= '0' && *p <= '9') || *p == '-')
		p++;
	return strcmp(p, "release") == 0 && p[-1] == '-';
}

static bool release_path(const char *path)
{
	for (const char *p = path; *p; p++) {
		if (strncasecmp(p, "kubernetes-v", 12) != 0)
			continue;
		const char *q = p + 12;
		if (*q < '0' || *q > '9')
			continue;
		while ((*q >= '0' && *q <= '9') || *q == '-')
			q++;
		if (q[-1] == '-' && strncasecmp(q, "release", 7) == 0)
			return true;
	}
	return false;
}

void check_frontmatter(struct check_ctx *c)
{
	const struct doc *src = c->src, *tr = c->tr;
	if (!src->fm || !tr->fm || src->fm_format != FM_YAML)
		return;
	struct fm_body body = {false, NULL, 0, 0};
	struct fmctx fx = {c, locale_scripts(c->loc), false, false, STRBUF_INIT, &body};
	const struct fm_node *layout = map_get(src->fm, "layout");
	fx.blog = (layout && layout->kind == FM_SCALAR && strcmp(layout->value, "blog") == 0) ||
	          (src->path && strstr(src->path, "/blog/"));
	const struct fm_node *slug = map_get(src->fm, "slug");
	/* a release announcement: by its slug, else by its file name
	 * (.../2024-12-11-Kubernetes-v1-32-Release/index.md) */
	if (slug && slug->kind == FM_SCALAR)
		fx.release = fx.blog && release_slug(slug->value);
	else
		fx.release = fx.blog && src->path && release_path(src->path);
	if (tr->fm_format == FM_NONE && src->fm->nchildren) {
		/* no front matter at all: one finding, not one per key */
		check_report(c, RULE_frontmatter_missing, 1.0f, 1, 1, src->fm_first_line,
		             "the translation has no front matter; the source has %zu key%s, starting "
		             "with \"%s\"",
		             src->fm->nchildren, src->fm->nchildren == 1 ? "" : "s",
		             src->fm->children[0].key ? src->fm->children[0].key : "");
	} else if (tr->fm_format == FM_YAML) {
		struct strbuf path = STRBUF_INIT;
		walk(&fx, src->fm, tr->fm, NULL, &path);
		strbuf_release(&path);
	}
	if (check_enabled(c, RULE_frontmatter_forbidden))
		forbidden(&fx);
	strbuf_release(&fx.tmp);
	body_release(&body);
}
