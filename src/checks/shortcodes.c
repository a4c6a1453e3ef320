/* checks/shortcodes.c - shortcode-mismatch.
 *
 * The opening and standalone shortcodes of each aligned section pair
 * (closing tags and shortcodes inside HTML comments are ignored: a dropped
 * {{< note >}}…{{< /note >}} is one finding) are paired by name and by the
 * arguments that must stay identical (KUBERNETES.md): glossary_tooltip
 * term_id, feature-state's arguments, code_sample/codenew file, heading's
 * key, figure src, tabs name, param/skew/include/api-reference arguments.
 * Text meant for readers (text, alt, title, caption, description,
 * prepend, summary, label, and a tab's name) is translated and never
 * compared; argument order does not matter. codenew/code/code_sample are
 * one shortcode (file compared), and so are {{% heading "whatsnext" %}},
 * {{% whatsnext-heading %}} and the old template's
 * {{% capture whatsnext %}} (likewise prerequisites, objectives, cleanup).
 *
 * Pairing looks in the corresponding block first, then in the aligned
 * section, then anywhere (a shortcode moved to another section is not
 * reported). Leftovers of the same name in corresponding blocks (or the
 * same section) are one changed shortcode: the first argument that
 * differs is reported at the translation's shortcode. Other leftovers are
 * missing or extra; a shortcode inside a missing one is part of that
 * finding. A shortcode of a paragraph that has no counterpart is left to
 * block-missing/block-extra, unless the paragraph holds nothing but
 * shortcodes ({{< feature-state … >}} on its own line, a {{< note >}}
 * line): then this rule reports it. */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "../xalloc.h"


struct scx {
	int idx;          /* index into the doc's shortcodes */
	int unit;         /* alignment unit (or heading block), -1 */
	int section;
	const char *name; /* canonical name */
	char *key;        /* canonical name and the arguments that must stay identical */
	bool only;        /* its paragraph holds nothing but shortcodes */
	bool matched, done, missing;
};

/* The shortcodes of one page in document order, so that each section's
 * are a range: [start[s], start[s + 1]); at[i] is the entry of the
 * page's shortcode i, or -1. */
struct scxs {
	struct scx *v;
	size_t n, alloc;
	size_t *start; /* [nsections + 1] */
	int *at;       /* [shortcodes.n] */
};

/* Arguments meant for readers: translated, never compared. */
static bool reader_arg(const char *name, const char *key)
{
	static const char *const keys[] = {"text",    "alt",     "title", "caption",
	                                   "description", "prepend", "summary", "label"};
	if (!key)
		return false;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return strcmp(name, "tab") == 0 && strcmp(key, "name") == 0;
}

static const char *canonical_name(const struct shortcode *sc, const char **heading_key)
{
	*heading_key = NULL;
	const char *n = sc->name;
	if (!strcmp(n, "codenew") || !strcmp(n, "code") || !strcmp(n, "code_sample"))
		return "code_sample";
	if (!strcmp(n, "heading") && sc->nargs == 1 && !sc->args[0].key) {
		*heading_key = sc->args[0].value;
		return "heading";
	}
	/* the old page templates: {{% capture whatsnext %}} rendered the
	 * same heading (document model: heading shortcodes) */
	if (!strcmp(n, "capture") && sc->nargs == 1 && !sc->args[0].key) {
		static const char *const keys[] = {"prerequisites", "objectives", "cleanup", "whatsnext"};
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (!strcmp(sc->args[0].value, keys[i])) {
				*heading_key = keys[i];
				return "heading";
			}
	}
	size_t len = strlen(n);
	if (len > 8 && (!strcmp(n + len - 8, "-heading") || !strcmp(n + len - 8, "_heading")) &&
	    sc->nargs == 0)
		return "heading";
	/* the old content templates: {{% capture whatsnext %}} renders the
	 * same heading as {{% heading "whatsnext" %}} */
	if (!strcmp(n, "capture") && sc->nargs == 1 && !sc->args[0].key) {
		static const char *const keys[] = {"prerequisites", "objectives", "cleanup",
		                                   "whatsnext"};
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (!strcmp(sc->args[0].value, keys[i])) {
				*heading_key = keys[i];
				return "heading";
			}
		}
	}
	return n;
}

static int arg_cmp(const void *a, const void *b)
{
	const struct sc_arg *x = *(const struct sc_arg *const *)a;
	const struct sc_arg *y = *(const struct sc_arg *const *)b;
	return strcmp(x->key, y->key);
}

/* Identity arguments of a shortcode: positional ones in order, then named
 * ones sorted by key (reader text left out). Fills args (at most max),
 * returns the count. */
static size_t identity_args(const struct shortcode *sc, const char *name,
                            const struct sc_arg **args, size_t max)
{
	size_t n = 0, named = 0;
	for (size_t i = 0; i < sc->nargs && n < max; i++)
		if (!sc->args[i].key)
			args[n++] = &sc->args[i];
	named = n;
	for (size_t i = 0; i < sc->nargs && n < max; i++)
		if (sc->args[i].key && !reader_arg(name, sc->args[i].key) &&
		    (strcmp(name, "code_sample") || !strcmp(sc->args[i].key, "file")))
			args[n++] = &sc->args[i];
	if (n - named > 1)
		qsort(args + named, n - named, sizeof(*args), arg_cmp);
	return n;
}

#define MAX_ARGS 32

static char *make_key(const struct shortcode *sc, const char *name, struct strbuf *sb)
{
	const char *hk;
	(void)canonical_name(sc, &hk);
	strbuf_reset(sb);
	strbuf_addstr(sb, name);
	if (!strcmp(name, "heading")) {
		/* {{% heading "whatsnext" %}} = {{% whatsnext-heading %}} */
		if (hk) {
			strbuf_addch(sb, ' ');
			strbuf_addstr(sb, hk);
		} else {
			/* whatsnext-heading -> whatsnext; a bare {{% heading %}}
			 * without its argument has no key */
			size_t len = strlen(sc->name);
			if (len > 8) {
				strbuf_addch(sb, ' ');
				strbuf_add(sb, sc->name, len - 8);
			}
		}
		return xstrdup(sb->buf);
	}
	const struct sc_arg *args[MAX_ARGS];
	size_t n = identity_args(sc, name, args, MAX_ARGS);
	for (size_t i = 0; i < n; i++) {
		strbuf_addch(sb, '\x1f');
		if (args[i]->key) {
			strbuf_addstr(sb, args[i]->key);
			strbuf_addch(sb, '=');
		}
		strbuf_addstr(sb, args[i]->value);
	}
	return xstrdup(sb->buf);
}

/* Does paragraph block b hold nothing but shortcodes (and blanks)? */
static bool shortcodes_only(const struct doc *d, int b)
{
	if (b < 0 || d->blocks[b].kind != BLOCK_PARAGRAPH)
		return false;
	const struct block *bl = &d->blocks[b];
	size_t start = d->line_starts[bl->line - 1];
	size_t end = bl->end_line < d->nlines ? d->line_starts[bl->end_line] : d->len;
	size_t pos = start;
	for (size_t i = 0; i < d->shortcodes.n && pos < end; i++) {
		const struct shortcode *sc = &d->shortcodes.items[i];
		if (sc->end <= pos || sc->start >= end)
			continue;
		for (size_t k = pos; k < sc->start; k++)
			if (d->src[k] != ' ' && d->src[k] != '\t' && d->src[k] != '\n' && d->src[k] != '\r')
				return false;
		pos = sc->end;
	}
	for (size_t k = pos; k < end; k++)
		if (d->src[k] != ' ' && d->src[k] != '\t' && d->src[k] != '\n' && d->src[k] != '\r')
			return false;
	return true;
}

/* Does unit u hold a shortcode (outside comments)? */
static bool has_shortcode(const struct doc *d, int u)
{
	for (size_t i = 0; i < d->shortcodes.n; i++) {
		const struct shortcode *sc = &d->shortcodes.items[i];
		if (sc->in_comment || sc->block < 0)
			continue;
		int b = sc->block;
		while (b >= 0 && b != u)
			b = d->blocks[b].parent;
		if (b == u)
			return true;
	}
	return false;
}

static void collect(const struct check_ctx *c, bool tr_side, struct scxs *out, struct strbuf *sb)
{
	const struct doc *d = tr_side ? c->tr : c->src;
	for (size_t i = 0; i < d->shortcodes.n; i++) {
		const struct shortcode *sc = &d->shortcodes.items[i];
		if (sc->kind == SC_CLOSE || sc->in_comment || sc->malformed || sc->block < 0)
			continue;
		out->v = xgrow(out->v, out->n + 1, &out->alloc, sizeof(*out->v));
		struct scx *x = &out->v[out->n++];
		memset(x, 0, sizeof(*x));
		const char *hk;
		x->idx = (int)i;
		x->unit = check_unit_of(c, tr_side, sc->block);
		x->section = sc->section;
		x->name = canonical_name(sc, &hk);
		x->key = make_key(sc, x->name, sb);
		x->only = shortcodes_only(d, sc->block);
	}
	out->start = xcalloc(d->nsections + 1, sizeof(size_t));
	out->at = xmalloc((d->shortcodes.n + 1) * sizeof(int));
	for (size_t i = 0; i <= d->shortcodes.n; i++)
		out->at[i] = -1;
	size_t sec = 0;
	for (size_t i = 0; i < out->n; i++) {
		out->at[out->v[i].idx] = (int)i;
		while (sec < (size_t)out->v[i].section && sec < d->nsections)
			out->start[++sec] = i;
	}
	while (sec < d->nsections)
		out->start[++sec] = out->n;
}

static void release(struct scxs *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i].key);
	free(v->v);
	free(v->start);
	free(v->at);
}

/* Is shortcode index idx (or one around it) among the missing ones? */
static bool parent_missing(const struct doc *d, const struct scxs *v, int idx)
{
	int p = d->shortcodes.items[idx].parent;
	for (int depth = 0; p >= 0 && depth < 64; depth++) {
		if (v->at[p] >= 0 && v->v[v->at[p]].missing)
			return true;
		p = d->shortcodes.items[p].parent;
	}
	return false;
}

/* Describe a shortcode by its name and identity arguments. */
static const char *describe(const struct shortcode *sc, const char *name, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "{{%c %s", sc->delim, sc->name);
	const struct sc_arg *args[MAX_ARGS];
	size_t n = identity_args(sc, name, args, MAX_ARGS);
	for (size_t i = 0; i < n; i++) {
		if (args[i]->key)
			strbuf_addf(sb, " %s=\"%s\"", args[i]->key, args[i]->value);
		else
			strbuf_addf(sb, " \"%s\"", args[i]->value);
	}
	strbuf_addstr(sb, sc->delim == '%' ? " %}}" : " >}}");
	return sb->buf;
}

static const char *arg_value(const struct sc_arg *const *args, size_t n, const struct sc_arg *a,
                             size_t pos)
{
	if (!a->key)
		return pos < n && !args[pos]->key ? args[pos]->value : NULL;
	for (size_t i = 0; i < n; i++)
		if (args[i]->key && !strcmp(args[i]->key, a->key))
			return args[i]->value;
	return NULL;
}

/* Report how the identity arguments differ: one argument changed, or
 * both shortcodes written out. */
static void report_args(struct check_ctx *c, const struct check_units *cu, const struct scx *m,
                        const struct scx *x, struct strbuf *sb)
{
	const struct shortcode *ss = &c->src->shortcodes.items[m->idx];
	const struct shortcode *ts = &c->tr->shortcodes.items[x->idx];
	const struct sc_arg *sa[MAX_ARGS], *ta[MAX_ARGS];
	size_t ns = identity_args(ss, m->name, sa, MAX_ARGS);
	size_t nt = identity_args(ts, x->name, ta, MAX_ARGS);
	float conf = check_unit_conf(cu, m->unit);
	size_t changed = 0, other = 0, at = 0;
	const char *tv_at = NULL;
	for (size_t i = 0; i < ns; i++) {
		const char *tv = arg_value(ta, nt, sa[i], i);
		if (tv && !strcmp(tv, sa[i]->value))
			continue;
		if (tv && !changed++) {
			at = i;
			tv_at = tv;
		} else if (!tv) {
			other++;
		}
	}
	for (size_t i = 0; i < nt; i++)
		if (!arg_value(sa, ns, ta[i], i))
			other++;
	if (changed == 1 && !other) {
		char label[32];
		const char *k = sa[at]->key;
		if (!k) {
			snprintf(label, sizeof(label), "argument %zu", at + 1);
			k = label;
		}
		check_report(c, RULE_shortcode_mismatch, conf, ts->line, ts->col, ss->line,
		             "shortcode \"%s\" has %s \"%s\" but the source has \"%s\"", ts->name, k,
		             tv_at, sa[at]->value);
		return;
	}
	struct strbuf theirs = STRBUF_INIT;
	strbuf_addstr(&theirs, describe(ss, m->name, sb));
	check_report(c, RULE_shortcode_mismatch, conf, ts->line, ts->col, ss->line,
	             "shortcode %s differs from the source's %s", describe(ts, x->name, sb),
	             theirs.buf);
	strbuf_release(&theirs);
}

/* Where a source unit that has no counterpart would be in the
 * translation: after the counterpart of the previous source unit of its
 * section (or the heading, or the front matter) and its blank line, but
 * not past the counterpart of the next one. */
static void insertion_point(const struct check_units *cu, const struct check_ctx *c, int us,
                            unsigned *line, unsigned *col)
{
	const struct doc *src = c->src, *tr = c->tr;
	int s = src->blocks[us].section;
	int t = check_tr_section(c, s);
	unsigned prev = t > 0 ? check_section_line(tr, t) : tr->fm_last_line, next = 0;
	for (int b = us - 1; b >= src->sections[s].first_block; b--) {
		if (src->blocks[b].parent >= 0 || c->al->ukind_src[b] == UNIT_NONE)
			continue;
		int ut = check_unit_partner(cu, b);
		if (ut >= 0) {
			prev = tr->blocks[ut].end_line;
			break;
		}
	}
	for (int b = us + 1; b < src->sections[s].end_block; b++) {
		if (src->blocks[b].parent >= 0 || c->al->ukind_src[b] == UNIT_NONE)
			continue;
		int ut = check_unit_partner(cu, b);
		if (ut >= 0) {
			next = tr->blocks[ut].line;
			break;
		}
	}
	*line = prev + 2;
	if (next && *line > next)
		*line = next;
	if (*line <= prev)
		*line = prev + 1;
	if (*line > tr->nlines)
		*line = tr->nlines ? (unsigned)tr->nlines : 1;
	*col = 1;
}

static bool paired_ok(const struct check_units *cu, const struct check_ctx *c, const struct scx *m,
                      const struct scx *x, int pass)
{
	if (pass == 0)
		return check_units_paired(cu, m->unit, x->unit);
	if (pass == 1)
		return check_tr_section(c, m->section) == x->section;
	return check_src_section(c, x->section) >= 0; /* moved to another aligned section */
}

void check_shortcodes(struct check_ctx *c)
{
	if (!check_enabled(c, RULE_shortcode_mismatch))
		return;
	const struct doc *src = c->src, *tr = c->tr;
	struct check_units *cu = check_units_new(c);
	struct strbuf sb = STRBUF_INIT;
	struct scxs S = {NULL, 0, 0, NULL, NULL}, T = {NULL, 0, 0, NULL, NULL};
	collect(c, false, &S, &sb);
	collect(c, true, &T, &sb);

	/* identical shortcodes: corresponding blocks, section, anywhere */
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < S.n; i++) {
			struct scx *m = &S.v[i];
			int t = check_tr_section(c, m->section);
			if (m->matched || (pass < 2 && t < 0))
				continue;
			size_t from = pass < 2 ? T.start[t] : 0, to = pass < 2 ? T.start[t + 1] : T.n;
			for (size_t j = from; j < to; j++) {
				struct scx *x = &T.v[j];
				if (x->matched || strcmp(m->key, x->key) || !paired_ok(cu, c, m, x, pass))
					continue;
				m->matched = x->matched = true;
				break;
			}
		}
	}

	/* changed arguments: same name, corresponding blocks, then section */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t j = 0; j < T.n; j++) {
			struct scx *x = &T.v[j];
			int s = check_src_section(c, x->section);
			if (x->matched || x->done || s < 0)
				continue;
			for (size_t i = S.start[s]; i < S.start[s + 1]; i++) {
				struct scx *m = &S.v[i];
				if (m->matched || m->done || strcmp(m->name, x->name) ||
				    !paired_ok(cu, c, m, x, pass))
					continue;
				report_args(c, cu, m, x, &sb);
				m->done = x->done = true;
				break;
			}
		}
	}

	for (size_t i = 0; i < S.n; i++) {
		struct scx *m = &S.v[i];
		if (m->matched || m->done)
			continue;
		m->done = true;
		m->missing = true;
		const struct shortcode *ss = &src->shortcodes.items[m->idx];
		if (check_tr_section(c, m->section) < 0 || parent_missing(src, &S, m->idx))
			continue;
		int ut = check_unit_partner(cu, m->unit);
		/* a line of nothing but shortcodes paired with a paragraph
		 * without any: the paragraph is the next block's counterpart */
		if (ut >= 0 && m->only && !has_shortcode(tr, ut))
			ut = -1;
		unsigned line, col;
		if (ut >= 0 && check_item_dropped(cu, ss->block))
			continue; /* list-mismatch reports a dropped item */
		if (ut >= 0)
			check_locate(cu, ss->block, ss->line, ss->col, ut, &line, &col);
		else if (m->only && m->unit >= 0)
			insertion_point(cu, c, m->unit, &line, &col);
		else
			continue; /* block-missing reports the paragraph */
		check_report(c, RULE_shortcode_mismatch, check_unit_conf(cu, m->unit), line, col, ss->line,
		             "shortcode %s of the source is missing in the translation",
		             describe(ss, m->name, &sb));
	}

	for (size_t j = 0; j < T.n; j++) {
		struct scx *x = &T.v[j];
		if (x->matched || x->done)
			continue;
		x->done = true;
		x->missing = true; /* "extra" here: nested ones are part of it */
		const struct shortcode *ts = &tr->shortcodes.items[x->idx];
		int s = check_src_section(c, x->section);
		if (s < 0 || parent_missing(tr, &T, x->idx) || x->unit < 0)
			continue;
		int us = check_unit_source(cu, x->unit);
		if (us < 0 && !x->only)
			continue; /* block-extra reports the paragraph */
		/* A shortcode the source never uses, written several times (an
		 * old page layout such as {{% capture %}}): one finding. */
		size_t more = 0;
		bool known = false;
		for (size_t i = 0; i < S.n && !known; i++)
			known = !strcmp(S.v[i].name, x->name);
		for (size_t k = j + 1; k < T.n && !known; k++) {
			struct scx *o = &T.v[k];
			if (o->matched || o->done || strcmp(o->name, x->name))
				continue;
			o->done = o->missing = true;
			more++;
		}
		unsigned src_line = us >= 0 ? src->blocks[us].line : s > 0 ? check_section_line(src, s) : 0;
		float conf = us >= 0 ? check_unit_conf(cu, us) : c->al->sconf[s];
		if (more)
			check_report(c, RULE_shortcode_mismatch, conf, ts->line, ts->col, src_line,
			             "shortcode %s and %zu more \"%s\" shortcode%s below have no counterpart "
			             "in the source, which does not use \"%s\"",
			             describe(ts, x->name, &sb), more, ts->name, more == 1 ? "" : "s",
			             ts->name);
		else
			check_report(c, RULE_shortcode_mismatch, conf, ts->line, ts->col, src_line,
			             "shortcode %s has no counterpart in the source section \"%s\"",
			             describe(ts, x->name, &sb), check_section_label(src, s));
	}

	release(&S);
	release(&T);
	strbuf_release(&sb);
	check_units_free(cu);
}
