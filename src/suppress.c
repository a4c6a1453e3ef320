/* suppress.c - inline suppression comments (see suppress.h).
 *
 * A document's l10nlint-* comments are read once, in document order, into
 * line ranges per rule plus a per-rule "whole file" flag:
 *
 *   disable R...        R from the comment's line to the line of the
 *                       enable comment that closes it (inclusive), else
 *                       to the end of the file;
 *   enable [R...]       closes the open disable of R (of every rule
 *                       without a list); disable-file is not undone;
 *   disable-line R...   the line(s) of the comment itself;
 *   disable-next-line   the next line with content after the comment
 *                       (blank lines and lines holding only HTML comments
 *                       are skipped, so such comments stack); when a
 *                       paragraph, heading, table, code or HTML block
 *                       starts there, all of its lines;
 *   disable-file R...   the whole file, wherever the comment stands.
 *
 * A list naming only unknown rules suppresses nothing (it never falls back
 * to "every rule"). */
#include "suppress.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct srange {
	enum rule_id rule;
	unsigned first, last;
};

struct suppressions {
	struct srange *v;
	size_t n, alloc;
	bool file[RULE_COUNT]; /* disable-file */
};

enum sform { SF_DISABLE, SF_ENABLE, SF_DISABLE_LINE, SF_DISABLE_NEXT_LINE, SF_DISABLE_FILE };

static const struct {
	const char *name;
	enum sform form;
} forms[] = {
	{"disable", SF_DISABLE},
	{"enable", SF_ENABLE},
	{"disable-line", SF_DISABLE_LINE},
	{"disable-next-line", SF_DISABLE_NEXT_LINE},
	{"disable-file", SF_DISABLE_FILE},
};

#define PREFIX "l10nlint-"
#define PREFIX_LEN (sizeof(PREFIX) - 1)
#define MAX_NAME 64

static bool is_sep(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v' ||
	       ch == ',';
}

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* At most `max` bytes of s[0..len), cut at a character boundary. */
static int shown_len(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* Edit distance between two short strings (rule IDs), capped by MAX_NAME. */
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[MAX_NAME + 1];
	if (na > MAX_NAME || nb > MAX_NAME)
		return (size_t)-1;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/* The rule ID closest to a misspelt name, or NULL when none is close. */
static const char *closest_rule(const char *name, size_t len)
{
	const char *best = NULL;
	size_t bestd = len < 6 ? 1 : 3; /* the largest distance accepted */
	for (int r = 0; r < RULE_COUNT; r++) {
		const char *id = rule_info((enum rule_id)r)->id;
		size_t d = edit_distance(name, len, id, strlen(id));
		if (d <= bestd && (!best || d < bestd)) {
			best = id;
			bestd = d;
		}
	}
	return best;
}

static void report(const struct doc *d, const struct comment *c, struct diag_list *out,
                   const struct rule_settings *rs, const char *msg)
{
	if (!out)
		return;
	enum severity sev = rs ? rs->severity[RULE_bad_suppression]
	                       : rule_info(RULE_bad_suppression)->severity;
	diag_add(out, RULE_bad_suppression, sev, d->path, c->line ? c->line : 1, c->col ? c->col : 1,
	         NULL, 0, NULL, msg);
}

static void add_range(struct suppressions *s, enum rule_id rule, unsigned first, unsigned last)
{
	s->v = xgrow(s->v, s->n + 1, &s->alloc, sizeof(*s->v));
	s->v[s->n++] = (struct srange){rule, first, last};
}

/* Byte offset of a comment's "<!--" in the document, or SIZE_MAX. */
static size_t comment_offset(const struct doc *d, const struct comment *c)
{
	if (c->line == 0 || c->line > d->nlines)
		return SIZE_MAX;
	size_t off = d->line_starts[c->line - 1];
	for (unsigned col = 1; col < c->col && off < d->len && d->src[off] != '\n'; col++) {
		off++;
		while (off < d->len && ((unsigned char)d->src[off] & 0xC0) == 0x80)
			off++;
	}
	if (off + 4 <= d->len && memcmp(d->src + off, "<!--", 4) == 0)
		return off;
	/* Positions inside containers may drift: the first opener on the line. */
	size_t len;
	const char *l = doc_line(d, c->line, &len);
	for (size_t i = 0; i + 4 <= len; i++)
		if (memcmp(l + i, "<!--", 4) == 0)
			return (size_t)(l - d->src) + i;
	return SIZE_MAX;
}

static unsigned count_newlines(const char *s, size_t n)
{
	unsigned k = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
		k++;
	return k;
}

/* The line of the "-->" that closes the comment opened at byte `off` on
 * `line`, and the byte just after it (d->len when unterminated). */
static unsigned comment_close(const struct doc *d, size_t off, unsigned line, size_t *after)
{
	const char *end = strstr(d->src + off + 4, "-->");
	size_t e = end ? (size_t)(end - d->src) + 3 : d->len;
	*after = e;
	return line + count_newlines(d->src + off, e - off);
}

/* The last line of a comment. */
static unsigned comment_last_line(const struct doc *d, const struct comment *c)
{
	size_t off = comment_offset(d, c), after;
	if (off == SIZE_MAX)
		return c->line + count_newlines(c->text, strlen(c->text));
	return comment_close(d, off, c->line, &after);
}

/* The first line after `last` with content: blank lines and lines that
 * hold only HTML comments are skipped. 0 when there is none. */
static unsigned next_content_line(const struct doc *d, unsigned last)
{
	unsigned l = last + 1;
	while (l <= d->nlines) {
		size_t len;
		const char *s = doc_line(d, l, &len);
		size_t i = 0;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len) {
			l++;
			continue;
		}
		if (len - i < 4 || memcmp(s + i, "<!--", 4) != 0)
			return l;
		/* A run of comments: skip it when nothing else follows. */
		size_t off = (size_t)(s - d->src) + i, after;
		unsigned cl = l;
		for (;;) {
			cl = comment_close(d, off, cl, &after);
			if (after >= d->len)
				return 0;
			size_t ll;
			const char *ls = doc_line(d, cl, &ll);
			size_t rest = (size_t)(ls + ll - (d->src + after));
			const char *r = d->src + after;
			size_t k = 0;
			while (k < rest && (r[k] == ' ' || r[k] == '\t'))
				k++;
			if (k == rest)
				break;
			if (rest - k >= 4 && memcmp(r + k, "<!--", 4) == 0) {
				off = after + k;
				continue;
			}
			return l; /* text after the comment: this line has content */
		}
		l = cl + 1;
	}
	return 0;
}

/* The last line of the leaf block that starts on `line`, else `line`. */
static unsigned block_last_line(const struct doc *d, unsigned line)
{
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];
		if (bl->line > line)
			break;
		if (bl->line != line)
			continue;
		switch (bl->kind) {
		case BLOCK_PARAGRAPH:
		case BLOCK_HEADING:
		case BLOCK_CODE:
		case BLOCK_TABLE:
		case BLOCK_HTML:
		case BLOCK_THEMATIC:
			return bl->end_line > line ? bl->end_line : line;
		default:
			break;
		}
	}
	return line;
}

/* Parse the rule list of one comment into set[]; reports unknown names.
 * Returns false when the list is empty (meaning every rule). */
static bool parse_rules(const struct doc *d, const struct comment *c, const char *form,
                        const char *p, bool set[RULE_COUNT], struct diag_list *out,
                        const struct rule_settings *rs)
{
	bool listed = false;
	struct strbuf msg = STRBUF_INIT;
	while (*p) {
		while (*p && is_sep(*p))
			p++;
		if (!*p)
			break;
		const char *t = p;
		while (*p && !is_sep(*p))
			p++;
		size_t len = (size_t)(p - t);
		listed = true;
		char name[MAX_NAME + 1];
		enum rule_id rule;
		if (len <= MAX_NAME) {
			for (size_t i = 0; i < len; i++)
				name[i] = lower(t[i]);
			name[len] = '\0';
			if (rule_lookup(name, &rule)) {
				set[rule] = true;
				continue;
			}
		}
		int shown = shown_len(t, len, 60);
		strbuf_reset(&msg);
		strbuf_addf(&msg, "unknown rule \"%.*s%s\" in %s%s comment", shown, t,
		            (size_t)shown < len ? "..." : "", PREFIX, form);
		const char *near = len <= MAX_NAME ? closest_rule(name, len) : NULL;
		if (near)
			strbuf_addf(&msg, "; did you mean \"%s\"", near);
		report(d, c, out, rs, msg.buf);
	}
	strbuf_release(&msg);
	return listed;
}

static bool has_prefix(const char *s)
{
	for (size_t i = 0; i < PREFIX_LEN; i++)
		if (lower(s[i]) != PREFIX[i])
			return false;
	return true;
}

struct suppressions *suppress_build(const struct doc *d, struct diag_list *out,
                                    const struct rule_settings *rs)
{
	struct suppressions *s = NULL;
	unsigned open_from[RULE_COUNT] = {0}; /* 0: not disabled */
	struct strbuf msg = STRBUF_INIT;
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct comment *c = &d->comments[i];
		if (!has_prefix(c->text))
			continue;
		/* Unclosed, it swallows the rest of its block on the site: its
		 * rule list would too. */
		size_t off = comment_offset(d, c);
		if (off != SIZE_MAX && !strstr(d->src + off + 4, "-->")) {
			report(d, c, out, rs, "suppression comment is not closed with \"-->\"");
			continue;
		}
		const char *kw = c->text + PREFIX_LEN, *p = kw;
		while (*p && !is_sep(*p))
			p++;
		size_t kwlen = (size_t)(p - kw);
		int form = -1;
		for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
			const char *n = forms[f].name;
			if (strlen(n) != kwlen)
				continue;
			size_t k = 0;
			while (k < kwlen && lower(kw[k]) == n[k])
				k++;
			if (k == kwlen) {
				form = (int)f;
				break;
			}
		}
		if (form < 0) {
			int shown = shown_len(kw, kwlen, 60);
			strbuf_reset(&msg);
			strbuf_addf(&msg,
			            "unknown suppression comment \"%s%.*s%s\"; the forms are %sdisable, "
			            "%senable, %sdisable-line, %sdisable-next-line and %sdisable-file",
			            PREFIX, shown, kw, (size_t)shown < kwlen ? "..." : "", PREFIX, PREFIX,
			            PREFIX, PREFIX, PREFIX);
			report(d, c, out, rs, msg.buf);
			continue;
		}
		bool set[RULE_COUNT] = {false};
		bool listed = parse_rules(d, c, forms[form].name, p, set, out, rs);
		if (!listed)
			for (int r = 0; r < RULE_COUNT; r++)
				set[r] = true;
		if (!s)
			s = xcalloc(1, sizeof(*s));
		unsigned first = c->line ? c->line : 1, last;
		switch (forms[form].form) {
		case SF_DISABLE:
			for (int r = 0; r < RULE_COUNT; r++)
				if (set[r] && !open_from[r])
					open_from[r] = first;
			break;
		case SF_ENABLE:
			for (int r = 0; r < RULE_COUNT; r++)
				if (set[r] && open_from[r]) {
					add_range(s, (enum rule_id)r, open_from[r], first);
					open_from[r] = 0;
				}
			break;
		case SF_DISABLE_LINE:
			last = comment_last_line(d, c);
			for (int r = 0; r < RULE_COUNT; r++)
				if (set[r])
					add_range(s, (enum rule_id)r, first, last);
			break;
		case SF_DISABLE_NEXT_LINE:
			first = next_content_line(d, comment_last_line(d, c));
			if (!first)
				break;
			last = block_last_line(d, first);
			for (int r = 0; r < RULE_COUNT; r++)
				if (set[r])
					add_range(s, (enum rule_id)r, first, last);
			break;
		case SF_DISABLE_FILE:
			for (int r = 0; r < RULE_COUNT; r++)
				if (set[r])
					s->file[r] = true;
			break;
		}
	}
	for (int r = 0; r < RULE_COUNT; r++)
		if (open_from[r])
			add_range(s, (enum rule_id)r, open_from[r], UINT_MAX);
	strbuf_release(&msg);
	return s;
}

void suppress_free(struct suppressions *s)
{
	if (!s)
		return;
	free(s->v);
	free(s);
}

bool suppress_covers(const struct suppressions *s, enum rule_id rule, unsigned line)
{
	if (!s || (unsigned)rule >= RULE_COUNT)
		return false;
	if (s->file[rule])
		return true;
	if (!line)
		return false;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].rule == rule && s->v[i].first <= line && line <= s->v[i].last)
			return true;
	return false;
}

bool suppress_covers_file(const struct suppressions *s, enum rule_id rule)
{
	return s && (unsigned)rule < RULE_COUNT && s->file[rule];
}

struct filter_arg {
	const struct suppressions *tr, *src;
	const char *tr_path, *src_path;
};

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static bool suppressed(const struct finding *f, void *arg)
{
	const struct filter_arg *a = arg;
	if (a->tr && same(f->file, a->tr_path) && suppress_covers(a->tr, f->rule, f->line))
		return true;
	if (!a->src)
		return false;
	/* A source comment speaks for every translation of the page: its
	 * disable-file covers the pair's findings, its line forms the
	 * findings whose counterpart line they cover. */
	if (suppress_covers_file(a->src, f->rule))
		return true;
	if (same(f->file, a->src_path) && suppress_covers(a->src, f->rule, f->line))
		return true;
	return f->source_line && same(f->source_file, a->src_path) &&
	       suppress_covers(a->src, f->rule, f->source_line);
}

void suppress_filter(struct diag_list *dl, size_t from, const struct suppressions *tr,
                     const struct suppressions *src, const char *tr_path, const char *src_path)
{
	if (!tr && !src)
		return;
	struct filter_arg a = {tr, src, tr_path, src_path};
	diag_remove_if(dl, from, suppressed, &a);
}
