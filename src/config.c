/* config.c - .l10nlint.yaml: read with fm_parse, checked against a fixed
 * schema, every problem reported with its line and column; globs for
 * ignore/overrides; the starter file of `l10nlint init`.
 *
 * Validation goes on after an error so that one run shows them all; the
 * loaded values are only trusted when config_load returned true. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <fcntl.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "text.h"
#include "utf8.h"
#include "xalloc.h"

#define CONFIG_MAX_FILE (4u << 20) /* a configuration is a few KB */
#define CONFIG_MAX_ERRORS 50

/* ---- defaults, release ---- */

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->arena = (struct arena)ARENA_INIT;
	cfg->path = NULL;
	cfg->source_lang = "en";
	cfg->layout = LAYOUT_HUGO;
	cfg->content_dir = "content";
	cfg->anchor_style = ANCHOR_BLACKFRIDAY;
	cfg->anchor_style_set = false;
	cfg->fail_on = -1;
	rule_settings_default(&cfg->rules);
}

void config_release(struct config *cfg)
{
	arena_release(&cfg->arena);
	config_defaults(cfg);
}

/* ---- sizes ---- */

bool config_parse_size(const char *s, size_t *out)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno)
		return false;
	unsigned long long mul = 1;
	if (*end == 'K' || *end == 'k')
		mul = 1024ULL, end++;
	else if (*end == 'M' || *end == 'm')
		mul = 1024ULL * 1024, end++;
	else if (*end == 'G' || *end == 'g')
		mul = 1024ULL * 1024 * 1024, end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v == 0 || v > (1ULL << 40) / mul)
		return false;
	*out = (size_t)(v * mul);
	return true;
}

/* ---- globs ---- */

#define GLOB_NONE ((size_t)-1)

/* Length of the class at p[0] == '[' up to and including its ']'; 0 when
 * it is not terminated (the '[' is then a literal). */
static size_t glob_class_len(const char *p, size_t n)
{
	size_t i = 1;
	if (i < n && (p[i] == '!' || p[i] == '^'))
		i++;
	if (i < n && p[i] == ']')
		i++; /* a ']' first is a member */
	while (i < n && p[i] != ']') {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		i++;
	}
	return i < n ? i + 1 : 0;
}

/* One member character of a class (an escape taken), advancing *i. */
static uint32_t glob_class_char(const char *p, size_t end, size_t *i)
{
	if (p[*i] == '\\' && *i + 1 < end)
		(*i)++;
	return utf8_next(p, end, i);
}

/* Does the class p[0..n) (as measured by glob_class_len) match c? */
static bool glob_class_match(const char *p, size_t n, uint32_t c)
{
	size_t end = n - 1; /* the closing ']' */
	size_t i = 1;
	bool neg = false, hit = false;
	if (p[i] == '!' || p[i] == '^') {
		neg = true;
		i++;
	}
	while (i < end) {
		uint32_t lo = glob_class_char(p, end, &i);
		uint32_t hi = lo;
		if (i + 1 < end && p[i] == '-') {
			i++;
			hi = glob_class_char(p, end, &i);
		}
		if (lo <= c && c <= hi)
			hit = true;
	}
	return hit != neg;
}

/* Match one non-star pattern element at p against the character at t.
 * *plen and *tlen receive the bytes used on each side. */
static bool glob_elem(const char *p, size_t pn, const char *t, size_t tn, size_t *plen,
                      size_t *tlen)
{
	size_t ti = 0;
	uint32_t c = utf8_next(t, tn, &ti);
	*tlen = ti;
	size_t pi = 0;
	if (p[0] == '?') {
		*plen = 1;
		return c != '/';
	}
	if (p[0] == '[') {
		size_t n = glob_class_len(p, pn);
		if (n) {
			*plen = n;
			return c != '/' && glob_class_match(p, n, c);
		}
	} else if (p[0] == '\\' && pn > 1) {
		pi = 1;
	}
	uint32_t pc = utf8_next(p, pn, &pi);
	*plen = pi;
	return pc == c;
}

/* Two-pointer backtracking: on a mismatch the last '*' (which cannot
 * cross '/') takes one more character; when it is stopped by a '/', the
 * last '**' takes one more (a whole folder for '**' + '/') and the '*'
 * after it is forgotten. Without '**' every literal '/' of the pattern
 * must meet the same '/' of the path, so an earlier '*' never needs to
 * grow; behind the last '**' the earlier choices are the leftmost ones,
 * which are never worse. A '*' that runs to the end of the path ends the
 * search. No recursion; a '**' restart costs at most the length of the
 * pattern times that of one folder name. */
static bool glob_match(const char *p, size_t pn, const char *t, size_t tn)
{
	size_t pi = 0, ti = 0;
	size_t star_p = GLOB_NONE, star_t = 0;
	size_t dstar_p = GLOB_NONE, dstar_t = 0;
	bool dstar_dirs = false; /* the last '**' is followed by '/': whole folders */

	for (;;) {
		if (pi < pn && p[pi] == '*') {
			size_t k = pi;
			while (k < pn && p[k] == '*')
				k++;
			if (k - pi >= 2) {
				dstar_dirs = (pi == 0 || p[pi - 1] == '/') && k < pn && p[k] == '/';
				if (dstar_dirs)
					k++;
				dstar_p = k;
				dstar_t = ti;
				star_p = GLOB_NONE;
			} else {
				star_p = k;
				star_t = ti;
			}
			pi = k;
			continue;
		}
		if (pi < pn && ti < tn) {
			size_t pl, tl;
			if (glob_elem(p + pi, pn - pi, t + ti, tn - ti, &pl, &tl)) {
				pi += pl;
				ti += tl;
				continue;
			}
		} else if (pi == pn && ti == tn) {
			return true;
		}
		/* Mismatch (or one side ran out): let a star take more. */
		if (star_p != GLOB_NONE && star_t < tn && t[star_t] != '/') {
			star_t += utf8_seqlen((unsigned char)t[star_t]);
			if (star_t > tn)
				star_t = tn;
			pi = star_p;
			ti = star_t;
			continue;
		}
		/* That '*' ran to the end of the path: what follows it fits at
		 * no position from where it started, and a later start of the
		 * last '**' would reach it no earlier. */
		if (star_p != GLOB_NONE && star_t >= tn)
			return false;
		if (dstar_p != GLOB_NONE && dstar_t < tn) {
			if (dstar_dirs) {
				const char *slash = memchr(t + dstar_t, '/', tn - dstar_t);
				if (!slash)
					return false;
				dstar_t = (size_t)(slash - t) + 1;
			} else {
				dstar_t += utf8_seqlen((unsigned char)t[dstar_t]);
				if (dstar_t > tn)
					dstar_t = tn;
			}
			pi = dstar_p;
			ti = dstar_t;
			star_p = GLOB_NONE;
			continue;
		}
		return false;
	}
}

bool config_glob(const char *pattern, const char *path)
{
	if (!pattern || !path)
		return false;
	return glob_match(pattern, strlen(pattern), path, strlen(path));
}

/* The problem with a glob as written in the configuration, or NULL. */
static const char *glob_problem(const char *p)
{
	if (!*p)
		return "empty pattern";
	if (*p == '/')
		return "patterns are relative to the site root: remove the leading '/'";
	size_t n = strlen(p);
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\') {
			if (i + 1 == n)
				return "pattern ends with a lone '\\'";
			i++;
		} else if (p[i] == '[') {
			size_t c = glob_class_len(p + i, n - i);
			if (!c)
				return "unterminated '[' in pattern (write '\\[' for a literal bracket)";
			size_t end = i + c - 1, j = i + 1;
			if (p[j] == '!' || p[j] == '^')
				j++;
			if (j == end)
				return "empty '[]' class in pattern";
			while (j < end) {
				uint32_t lo = glob_class_char(p, end, &j);
				if (j + 1 < end && p[j] == '-') {
					j++;
					if (glob_class_char(p, end, &j) < lo)
						return "reversed range in a '[...]' class";
				}
			}
			i = end;
		}
	}
	return NULL;
}

/* Path relative to the root without a leading "./". */
static const char *rel_clean(const char *rel)
{
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	while (rel[0] == '/')
		rel++;
	return rel;
}

/* A pattern covers a path when it matches the path or one of its parent
 * directories ("content/ja/blog" covers content/ja/blog/a.md). */
static bool glob_covers(const char *pat, const char *path)
{
	size_t pn = strlen(pat), tn = strlen(path);
	if (glob_match(pat, pn, path, tn))
		return true;
	for (size_t i = tn; i-- > 1;)
		if (path[i] == '/' && glob_match(pat, pn, path, i))
			return true;
	return false;
}

bool config_ignored(const struct config *cfg, const char *relpath)
{
	if (!cfg || !relpath)
		return false;
	const char *rel = rel_clean(relpath);
	for (size_t i = 0; i < cfg->nignore; i++)
		if (glob_covers(cfg->ignore[i], rel))
			return true;
	return false;
}

void config_rules_for(const struct config *cfg, const char *relpath, struct rule_settings *out)
{
	if (!cfg) {
		rule_settings_default(out);
		return;
	}
	*out = cfg->rules;
	const char *rel = relpath ? rel_clean(relpath) : "";
	for (size_t i = 0; i < cfg->noverrides; i++) {
		const struct path_override *o = &cfg->overrides[i];
		bool hit = false;
		for (size_t j = 0; j < o->npaths && !hit; j++)
			hit = glob_covers(o->paths[j], rel);
		if (!hit)
			continue;
		for (int r = 0; r < RULE_COUNT; r++)
			if (o->rules_set[r])
				out->severity[r] = o->rules.severity[r];
	}
}

/* ---- mappings ---- */

/* A template split at its placeholders: lit[0] ph[0] lit[1] ph[1] lit[2]. */
struct tmpl {
	const char *lit[3];
	size_t litlen[3];
	char ph[2]; /* 'l' {lang}, 'p' {path} */
	int nph;
};

/* Split a template; returns a problem or NULL. */
static const char *tmpl_split(const char *s, struct tmpl *t)
{
	memset(t, 0, sizeof(*t));
	const char *lit = s;
	bool lang = false, path = false;
	for (const char *p = s; *p; p++) {
		if (*p == '}')
			return "stray '}' (placeholders are {lang} and {path})";
		if (*p != '{')
			continue;
		const char *close = strchr(p, '}');
		if (!close)
			return "unterminated '{' (placeholders are {lang} and {path})";
		size_t n = (size_t)(close - p - 1);
		char kind;
		if (n == 4 && !strncmp(p + 1, "lang", 4))
			kind = 'l';
		else if (n == 4 && !strncmp(p + 1, "path", 4))
			kind = 'p';
		else
			return "unknown placeholder (placeholders are {lang} and {path})";
		if ((kind == 'l' && lang) || (kind == 'p' && path))
			return kind == 'l' ? "{lang} appears twice" : "{path} appears twice";
		if (kind == 'l')
			lang = true;
		else
			path = true;
		if (t->nph > 0 && (size_t)(p - lit) == 0)
			return "{lang} and {path} must be separated by some text";
		t->lit[t->nph] = lit;
		t->litlen[t->nph] = (size_t)(p - lit);
		t->ph[t->nph++] = kind;
		lit = close + 1;
		p = close;
	}
	t->lit[t->nph] = lit;
	t->litlen[t->nph] = strlen(lit);
	if (!path)
		return "no {path} placeholder";
	return NULL;
}

static bool lang_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* Is s[0..n) acceptable for placeholder kind? */
static bool tmpl_value_ok(char kind, const char *s, size_t n)
{
	if (!n)
		return false;
	if (kind == 'p')
		return true;
	for (size_t i = 0; i < n; i++)
		if (!lang_char(s[i]))
			return false;
	return true;
}

/* Match text against a template. fixed_lang: the value {lang} must have
 * (NULL: any language code). Spans of the placeholders go to lang/path. */
static bool tmpl_match(const struct tmpl *t, const char *text, const char *fixed_lang,
                       const char **lang, size_t *langlen, const char **path, size_t *pathlen)
{
	size_t tn = strlen(text);
	if (tn < t->litlen[0] || strncmp(text, t->lit[0], t->litlen[0]) != 0)
		return false;
	size_t last = t->litlen[t->nph];
	if (tn - t->litlen[0] < last || strncmp(text + tn - last, t->lit[t->nph], last) != 0)
		return false;
	size_t a = t->litlen[0], b = tn - last; /* the placeholders' part */
	if (a > b)
		return false;
	const char *sp[2];
	size_t sl[2];
	if (t->nph == 1) {
		sp[0] = text + a;
		sl[0] = b - a;
		if (!tmpl_value_ok(t->ph[0], sp[0], sl[0]))
			return false;
	} else {
		/* ph0 lit1 ph1 in text[a..b): the first split that fits. */
		bool ok = false;
		size_t ml = t->litlen[1];
		for (size_t k = a + 1; k + ml < b && !ok; k++) {
			if (strncmp(text + k, t->lit[1], ml) != 0)
				continue;
			sp[0] = text + a;
			sl[0] = k - a;
			sp[1] = text + k + ml;
			sl[1] = b - (k + ml);
			ok = tmpl_value_ok(t->ph[0], sp[0], sl[0]) &&
			     tmpl_value_ok(t->ph[1], sp[1], sl[1]);
			if (ok && fixed_lang) {
				int li = t->ph[0] == 'l' ? 0 : 1;
				ok = strlen(fixed_lang) == sl[li] && !strncmp(sp[li], fixed_lang, sl[li]);
			}
		}
		if (!ok)
			return false;
	}
	*lang = NULL;
	*langlen = 0;
	for (int i = 0; i < t->nph; i++) {
		if (t->ph[i] == 'l') {
			*lang = sp[i];
			*langlen = sl[i];
		} else {
			*path = sp[i];
			*pathlen = sl[i];
		}
	}
	if (fixed_lang && *lang && (strlen(fixed_lang) != *langlen ||
	                            strncmp(*lang, fixed_lang, *langlen) != 0))
		return false;
	return true;
}

/* Fill a template with lang and path. */
static char *tmpl_fill(const struct tmpl *t, const char *lang, const char *path, size_t pathlen)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i <= t->nph; i++) {
		strbuf_add(&sb, t->lit[i], t->litlen[i]);
		if (i < t->nph) {
			if (t->ph[i] == 'l')
				strbuf_addstr(&sb, lang);
			else
				strbuf_add(&sb, path, pathlen);
		}
	}
	return strbuf_detach(&sb, NULL);
}

char *config_map_source(const struct config *cfg, const char *relpath, char **lang)
{
	const char *rel = rel_clean(relpath);
	for (size_t i = 0; i < cfg->nmappings; i++) {
		struct tmpl src, tr;
		if (tmpl_split(cfg->mappings[i].source, &src) ||
		    tmpl_split(cfg->mappings[i].translation, &tr))
			continue;
		const char *l, *p;
		size_t ll, pl;
		if (!tmpl_match(&tr, rel, NULL, &l, &ll, &p, &pl) || !l)
			continue;
		if (strlen(cfg->source_lang) == ll && !strncmp(l, cfg->source_lang, ll))
			continue;
		char *res = tmpl_fill(&src, cfg->source_lang, p, pl);
		if (lang)
			*lang = xstrndup(l, ll);
		return res;
	}
	return NULL;
}

char *config_map_translation(const struct config *cfg, const char *relpath, const char *lang)
{
	const char *rel = rel_clean(relpath);
	for (size_t i = 0; i < cfg->nmappings; i++) {
		struct tmpl src, tr;
		if (tmpl_split(cfg->mappings[i].source, &src) ||
		    tmpl_split(cfg->mappings[i].translation, &tr))
			continue;
		const char *l, *p;
		size_t ll, pl;
		if (!tmpl_match(&src, rel, cfg->source_lang, &l, &ll, &p, &pl))
			continue;
		return tmpl_fill(&tr, lang, p, pl);
	}
	return NULL;
}

const struct fm_node *config_locale(const struct config *cfg, const char *lang)
{
	if (!cfg || !cfg->locales || !lang)
		return NULL;
	for (size_t i = 0; i < cfg->locales->nchildren; i++) {
		const struct fm_node *n = &cfg->locales->children[i];
		if (n->key && !strcmp(n->key, lang) && n->kind == FM_MAP)
			return n;
	}
	return NULL;
}

/* ---- validation ---- */

struct cfg_parser {
	struct config *cfg;
	const char *path; /* as given, for messages */
	const char *name; /* its last component */
	FILE *err;
	unsigned nerrors;
	const struct fm_node *layout_node, *content_dir_node;
};

static void cfg_error(struct cfg_parser *cp, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void cfg_error(struct cfg_parser *cp, unsigned line, unsigned col, const char *fmt, ...)
{
	cp->nerrors++;
	if (cp->nerrors > CONFIG_MAX_ERRORS) {
		if (cp->nerrors == CONFIG_MAX_ERRORS + 1)
			fprintf(cp->err, "%s: error: too many errors, giving up\n", cp->path);
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	fprintf(cp->err, "%s:%u:%u: error: ", cp->path, line, col);
	vfprintf(cp->err, fmt, ap);
	fputc('\n', cp->err);
	va_end(ap);
}

/* Bytes of s to print: at most ~80, cut at a character boundary. */
static int clip(const char *s)
{
	size_t n = strlen(s);
	if (n <= 80)
		return (int)n;
	n = 80;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* Edit distance, for "did you mean"; large for long strings. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	size_t row[64];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest of n names to s when it is close enough, else NULL. */
static const char *closest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bd = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(s, names[i]);
		if (d < bd && d * 3 <= strlen(names[i])) {
			bd = d;
			best = names[i];
		}
	}
	return best;
}

static const char *kind_name(const struct fm_node *n)
{
	switch (n->kind) {
	case FM_MAP:
		return "a mapping";
	case FM_SEQ:
		return "a list";
	case FM_SCALAR:
		break;
	}
	return "a single value";
}

/* A plain empty value ("key:" with nothing after it): as if absent. */
static bool is_null(const struct fm_node *n)
{
	return n->kind == FM_SCALAR && !n->quoted && !n->value[0];
}

static bool want(struct cfg_parser *cp, const struct fm_node *n, enum fm_kind kind,
                 const char *what)
{
	if (n->kind == kind)
		return true;
	static const char *const names[] = {"a single value", "a mapping", "a list"};
	cfg_error(cp, n->line, n->col, "%s must be %s, not %s", what, names[kind], kind_name(n));
	return false;
}

/* A non-empty single value. */
static const char *want_string(struct cfg_parser *cp, const struct fm_node *n, const char *what)
{
	if (!want(cp, n, FM_SCALAR, what))
		return NULL;
	if (!n->value[0]) {
		cfg_error(cp, n->line, n->col, "%s must not be empty", what);
		return NULL;
	}
	return n->value;
}

static void unknown_key(struct cfg_parser *cp, const struct fm_node *n, const char *where,
                        const char *const *known, size_t nknown)
{
	struct strbuf list = STRBUF_INIT;
	for (size_t i = 0; i < nknown; i++) {
		if (i)
			strbuf_addstr(&list, ", ");
		strbuf_addstr(&list, known[i]);
	}
	const char *near = closest(n->key, known, nknown);
	if (near)
		cfg_error(cp, n->key_line, n->key_col,
		          "unknown key '%.*s' in %s (did you mean '%s'? known keys: %s)",
		          clip(n->key), n->key, where, near, list.buf);
	else
		cfg_error(cp, n->key_line, n->key_col, "unknown key '%.*s' in %s (known keys: %s)",
		          clip(n->key), n->key, where, list.buf);
	strbuf_release(&list);
}

/* Index of n's key in known[], or -1 after reporting it. */
static int key_index(struct cfg_parser *cp, const struct fm_node *n, const char *where,
                     const char *const *known, size_t nknown)
{
	for (size_t i = 0; i < nknown; i++)
		if (!strcmp(n->key, known[i]))
			return (int)i;
	unknown_key(cp, n, where, known, nknown);
	return -1;
}

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

static bool lang_code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 35 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!lang_char(s[i]))
			return false;
	return true;
}

static const char *want_lang(struct cfg_parser *cp, const struct fm_node *n, const char *what)
{
	const char *v = want_string(cp, n, what);
	if (v && !lang_code_ok(v)) {
		cfg_error(cp, n->line, n->col,
		          "invalid language code '%.*s' for %s (letters, digits, '-' and '_', "
		          "as in ja, pt-br or zh-cn)",
		          clip(v), v, what);
		return NULL;
	}
	return v;
}

/* A list of single values; returns the array (NULL when empty or wrong),
 * *n its length. Each element is checked by ok() when given. */
static const char **want_list(struct cfg_parser *cp, const struct fm_node *n, const char *what,
                              size_t *count)
{
	*count = 0;
	if (!want(cp, n, FM_SEQ, what))
		return NULL;
	const char **v = arena_calloc(&cp->cfg->arena, n->nchildren ? n->nchildren : 1, sizeof(*v));
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *c = &n->children[i];
		if (c->kind != FM_SCALAR) {
			cfg_error(cp, c->line, c->col, "items of %s must be single values, not %s", what,
			          kind_name(c));
			continue;
		}
		if (!c->value[0]) {
			cfg_error(cp, c->line, c->col, "empty item in %s", what);
			continue;
		}
		v[(*count)++] = c->value;
	}
	return v;
}

static void check_glob(struct cfg_parser *cp, const struct fm_node *list, const char *what)
{
	for (size_t i = 0; i < list->nchildren; i++) {
		const struct fm_node *c = &list->children[i];
		if (c->kind != FM_SCALAR || !c->value[0])
			continue;
		const char *problem = glob_problem(c->value);
		if (problem)
			cfg_error(cp, c->line, c->col, "bad pattern '%.*s' in %s: %s", clip(c->value),
			          c->value, what, problem);
	}
}

/* A list of globs, leading "./" removed. */
static const char **want_globs(struct cfg_parser *cp, const struct fm_node *n, const char *what,
                               size_t *count)
{
	const char **v = want_list(cp, n, what, count);
	if (!v)
		return NULL;
	check_glob(cp, n, what);
	for (size_t i = 0; i < *count; i++)
		while (v[i][0] == '.' && v[i][1] == '/' && v[i][2])
			v[i] += 2;
	return v;
}

/* rules: {rule-id: severity}. */
static void parse_rules(struct cfg_parser *cp, const struct fm_node *n, const char *what,
                        struct rule_settings *rs, bool *set)
{
	if (!want(cp, n, FM_MAP, what))
		return;
	const char *ids[RULE_COUNT];
	for (int r = 0; r < RULE_COUNT; r++)
		ids[r] = rule_info((enum rule_id)r)->id;
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *c = &n->children[i];
		enum rule_id r;
		if (!rule_lookup(c->key, &r)) {
			const char *near = closest(c->key, ids, RULE_COUNT);
			if (near)
				cfg_error(cp, c->key_line, c->key_col,
				          "unknown rule '%.*s' in %s (did you mean '%s'? "
				          "'l10nlint rules' lists them)",
				          clip(c->key), c->key, what, near);
			else
				cfg_error(cp, c->key_line, c->key_col,
				          "unknown rule '%.*s' in %s ('l10nlint rules' lists them)",
				          clip(c->key), c->key, what);
			continue;
		}
		enum severity sev;
		if (c->kind != FM_SCALAR) {
			cfg_error(cp, c->line, c->col,
			          "the severity of '%s' must be error, warning, info or off, not %s",
			          c->key, kind_name(c));
			continue;
		}
		if (!severity_parse(c->value, &sev)) {
			cfg_error(cp, c->line, c->col,
			          "unknown severity '%.*s' for rule '%s' (error, warning, info or off)",
			          clip(c->value), c->value, c->key);
			continue;
		}
		rs->severity[r] = sev;
		set[r] = true;
	}
}

/* ---- top-level keys ---- */

static void key_source_lang(struct cfg_parser *cp, const struct fm_node *n)
{
	const char *v = want_lang(cp, n, "source_lang");
	if (v)
		cp->cfg->source_lang = v;
}

static void key_layout(struct cfg_parser *cp, const struct fm_node *n)
{
	const char *v = want_string(cp, n, "layout");
	if (!v)
		return;
	cp->layout_node = n;
	if (!strcmp(v, "hugo"))
		cp->cfg->layout = LAYOUT_HUGO;
	else if (!strcmp(v, "docusaurus"))
		cp->cfg->layout = LAYOUT_DOCUSAURUS;
	else if (!strcmp(v, "custom"))
		cp->cfg->layout = LAYOUT_CUSTOM;
	else
		cfg_error(cp, n->line, n->col, "unknown layout '%.*s' (hugo, docusaurus or custom)",
		          clip(v), v);
}

static void key_content_dir(struct cfg_parser *cp, const struct fm_node *n)
{
	const char *v = want_string(cp, n, "content_dir");
	if (!v)
		return;
	cp->content_dir_node = n;
	size_t len = strlen(v);
	while (len > 1 && v[len - 1] == '/')
		len--;
	while (len > 2 && v[0] == '.' && v[1] == '/') {
		v += 2;
		len -= 2;
	}
	if (v[0] == '/' || (len == 1 && v[0] == '.')) {
		cfg_error(cp, n->line, n->col,
		          "content_dir must be a folder relative to the site root, not '%.*s'", clip(v),
		          v);
		return;
	}
	cp->cfg->content_dir = arena_strndup(&cp->cfg->arena, v, len);
}

static void key_mappings(struct cfg_parser *cp, const struct fm_node *n)
{
	if (!want(cp, n, FM_SEQ, "mappings"))
		return;
	static const char *const known[] = {"source", "translation"};
	struct config *cfg = cp->cfg;
	cfg->mappings = arena_calloc(&cfg->arena, n->nchildren ? n->nchildren : 1,
	                             sizeof(*cfg->mappings));
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *m = &n->children[i];
		char where[64];
		snprintf(where, sizeof(where), "mappings[%zu]", i);
		if (!want(cp, m, FM_MAP, where))
			continue;
		const struct fm_node *side[2] = {NULL, NULL};
		for (size_t k = 0; k < m->nchildren; k++) {
			int ki = key_index(cp, &m->children[k], where, known, NKEYS(known));
			if (ki >= 0)
				side[ki] = &m->children[k];
		}
		bool ok = true;
		const char *v[2] = {NULL, NULL};
		for (int s = 0; s < 2; s++) {
			char what[128];
			snprintf(what, sizeof(what), "%s.%s", where, known[s]);
			if (!side[s]) {
				cfg_error(cp, m->line, m->col, "%s has no '%s'", where, known[s]);
				ok = false;
				continue;
			}
			v[s] = want_string(cp, side[s], what);
			if (!v[s]) {
				ok = false;
				continue;
			}
			struct tmpl t;
			const char *problem = tmpl_split(v[s], &t);
			if (!problem && s == 1 && !(t.ph[0] == 'l' || (t.nph > 1 && t.ph[1] == 'l')))
				problem = "no {lang} placeholder (the translation's language comes from it)";
			if (!problem && v[s][0] == '/')
				problem = "paths are relative to the site root: remove the leading '/'";
			if (problem) {
				cfg_error(cp, side[s]->line, side[s]->col, "bad %s '%.*s': %s", what,
				          clip(v[s]), v[s], problem);
				ok = false;
			}
		}
		if (ok) {
			cfg->mappings[cfg->nmappings].source = v[0];
			cfg->mappings[cfg->nmappings].translation = v[1];
			cfg->nmappings++;
		}
	}
}

static void key_languages(struct cfg_parser *cp, const struct fm_node *n)
{
	struct config *cfg = cp->cfg;
	size_t count;
	const char **v = want_list(cp, n, "languages", &count);
	if (!v)
		return;
	size_t w = 0;
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *c = &n->children[i];
		if (c->kind != FM_SCALAR || !c->value[0])
			continue; /* reported */
		if (!lang_code_ok(c->value)) {
			cfg_error(cp, c->line, c->col,
			          "invalid language code '%.*s' in languages (letters, digits, '-' and "
			          "'_', as in ja, pt-br or zh-cn)",
			          clip(c->value), c->value);
			continue;
		}
		bool dup = false;
		for (size_t j = 0; j < w; j++)
			dup |= !strcmp(v[j], c->value);
		if (dup) {
			cfg_error(cp, c->line, c->col, "language '%s' is listed twice", c->value);
			continue;
		}
		v[w++] = c->value;
	}
	cfg->languages = v;
	cfg->nlanguages = w;
}

static void key_anchor_style(struct cfg_parser *cp, const struct fm_node *n)
{
	const char *v = want_string(cp, n, "anchor_style");
	if (!v)
		return;
	if (anchor_style_parse(v, &cp->cfg->anchor_style))
		cp->cfg->anchor_style_set = true;
	else
		cfg_error(cp, n->line, n->col,
		          "unknown anchor_style '%.*s' (blackfriday, github or github-ascii)", clip(v),
		          v);
}

static void key_fail_on(struct cfg_parser *cp, const struct fm_node *n)
{
	const char *v = want_string(cp, n, "fail_on");
	if (!v)
		return;
	enum severity s;
	if (!strcmp(v, "never"))
		cp->cfg->fail_on = SEV_OFF;
	else if (severity_parse(v, &s) && s != SEV_OFF)
		cp->cfg->fail_on = (int)s;
	else
		cfg_error(cp, n->line, n->col,
		          "unknown fail_on '%.*s' (error, warning, info or never)", clip(v), v);
}

static void key_max_size(struct cfg_parser *cp, const struct fm_node *n)
{
	const char *v = want_string(cp, n, "max_size");
	if (v && !config_parse_size(v, &cp->cfg->max_size))
		cfg_error(cp, n->line, n->col,
		          "invalid max_size '%.*s' (a number of bytes above 0 with an optional K, M "
		          "or G suffix, at most 1T)",
		          clip(v), v);
}

const char *config_known_prefix_problem(const char *p)
{
	if (!p[0])
		return "empty";
	if (p[0] == '/')
		return "relative to the site root: remove the leading '/'";
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	if (!p[0] || !strcmp(p, "."))
		return NULL;
	for (const char *c = p; *c;) {
		size_t l = strcspn(c, "/");
		if ((l == 1 && c[0] == '.') || (l == 2 && c[0] == '.' && c[1] == '.'))
			return "'.' and '..' components are not allowed";
		if (!l && c[1])
			return "empty component ('//')";
		c += l;
		if (*c)
			c++;
	}
	return NULL;
}

/* One known-pages list: FILE, or a mapping {file: FILE, complete: true,
 * false or a list of prefixes}. */
static bool known_entry(struct cfg_parser *cp, const struct fm_node *n, const char *where,
                        struct known_pages *kp)
{
	memset(kp, 0, sizeof(*kp));
	if (n->kind == FM_SCALAR) {
		kp->file = want_string(cp, n, where);
		return kp->file != NULL;
	}
	if (n->kind != FM_MAP) {
		cfg_error(cp, n->line, n->col, "%s must be a file name or a mapping, not %s", where,
		          kind_name(n));
		return false;
	}
	static const char *const known[] = {"file", "complete"};
	const struct fm_node *v[2] = {NULL, NULL};
	bool ok = true;
	for (size_t k = 0; k < n->nchildren; k++) {
		int ki = key_index(cp, &n->children[k], where, known, NKEYS(known));
		if (ki >= 0)
			v[ki] = &n->children[k];
		else
			ok = false;
	}
	char what[128];
	if (!v[0]) {
		cfg_error(cp, n->line, n->col, "%s has no 'file'", where);
		ok = false;
	} else {
		snprintf(what, sizeof(what), "%s.file", where);
		kp->file = want_string(cp, v[0], what);
		ok &= kp->file != NULL;
	}
	const struct fm_node *c = v[1];
	if (!c || is_null(c))
		return ok;
	snprintf(what, sizeof(what), "%s.complete", where);
	if (c->kind == FM_SCALAR) {
		if (!strcmp(c->value, "true")) {
			kp->complete = true;
		} else if (strcmp(c->value, "false") != 0) {
			cfg_error(cp, c->line, c->col,
			          "%s must be true, false or a list of folders relative to the site "
			          "root, not '%.*s'",
			          what, clip(c->value), c->value);
			ok = false;
		}
		return ok;
	}
	size_t count;
	const char **pre = want_list(cp, c, what, &count);
	if (!pre)
		return false;
	if (!c->nchildren) {
		cfg_error(cp, c->line, c->col, "%s is an empty list (false says it is complete nowhere)",
		          what);
		return false;
	}
	for (size_t i = 0; i < c->nchildren; i++) {
		const struct fm_node *e = &c->children[i];
		if (e->kind != FM_SCALAR || !e->value[0]) {
			ok = false; /* reported */
			continue;
		}
		const char *problem = config_known_prefix_problem(e->value);
		if (problem) {
			cfg_error(cp, e->line, e->col, "bad folder '%.*s' in %s: %s", clip(e->value),
			          e->value, what, problem);
			ok = false;
		}
	}
	kp->prefixes = pre;
	kp->nprefixes = count;
	return ok;
}

/* known_pages: one list (see known_entry) or a list of them. */
static void key_known_pages(struct cfg_parser *cp, const struct fm_node *n)
{
	struct config *cfg = cp->cfg;
	if (n->kind != FM_SEQ) {
		struct known_pages kp;
		if (known_entry(cp, n, "known_pages", &kp)) {
			cfg->known = arena_calloc(&cfg->arena, 1, sizeof(*cfg->known));
			cfg->known[0] = kp;
			cfg->nknown = 1;
		}
		return;
	}
	if (!n->nchildren) {
		cfg_error(cp, n->line, n->col, "known_pages is an empty list");
		return;
	}
	cfg->known = arena_calloc(&cfg->arena, n->nchildren, sizeof(*cfg->known));
	for (size_t i = 0; i < n->nchildren; i++) {
		char where[64];
		snprintf(where, sizeof(where), "known_pages[%zu]", i);
		struct known_pages kp;
		if (known_entry(cp, &n->children[i], where, &kp))
			cfg->known[cfg->nknown++] = kp;
	}
}

static void key_rules(struct cfg_parser *cp, const struct fm_node *n)
{
	parse_rules(cp, n, "rules", &cp->cfg->rules, cp->cfg->rules_set);
}

static void key_overrides(struct cfg_parser *cp, const struct fm_node *n)
{
	if (!want(cp, n, FM_SEQ, "overrides"))
		return;
	static const char *const known[] = {"paths", "rules"};
	struct config *cfg = cp->cfg;
	cfg->overrides = arena_calloc(&cfg->arena, n->nchildren ? n->nchildren : 1,
	                              sizeof(*cfg->overrides));
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *m = &n->children[i];
		char where[64];
		snprintf(where, sizeof(where), "overrides[%zu]", i);
		if (!want(cp, m, FM_MAP, where))
			continue;
		struct path_override *o = &cfg->overrides[cfg->noverrides];
		memset(o, 0, sizeof(*o));
		/* o->rules is completed once the top-level rules are known. */
		bool have_paths = false, have_rules = false;
		unsigned before = cp->nerrors;
		for (size_t k = 0; k < m->nchildren; k++) {
			const struct fm_node *c = &m->children[k];
			char what[128];
			int ki = key_index(cp, c, where, known, NKEYS(known));
			if (ki < 0)
				continue;
			snprintf(what, sizeof(what), "%s.%s", where, known[ki]);
			if (is_null(c)) {
				cfg_error(cp, c->line, c->col, "%s is empty", what);
				have_paths |= ki == 0;
				have_rules |= ki == 1;
				continue;
			}
			if (ki == 0) {
				have_paths = true;
				o->paths = want_globs(cp, c, what, &o->npaths);
				if (o->paths && !o->npaths && c->nchildren == 0)
					cfg_error(cp, c->line, c->col, "%s is empty", what);
			} else {
				have_rules = true;
				parse_rules(cp, c, what, &o->rules, o->rules_set);
			}
		}
		if (!have_paths)
			cfg_error(cp, m->line, m->col, "%s has no 'paths'", where);
		if (!have_rules)
			cfg_error(cp, m->line, m->col, "%s has no 'rules'", where);
		if (cp->nerrors == before)
			cfg->noverrides++;
	}
}

static void key_ignore(struct cfg_parser *cp, const struct fm_node *n)
{
	cp->cfg->ignore = want_globs(cp, n, "ignore", &cp->cfg->nignore);
}

/* locales.<lang>: the keys of locales/<lang>.yaml that make sense per
 * site. Checked here so that typos fail early; locale.c applies them. */
static void check_locale_lists(struct cfg_parser *cp, const struct fm_node *n, const char *what)
{
	size_t count;
	(void)want_list(cp, n, what, &count);
}

static void check_locale_untranslated(struct cfg_parser *cp, const struct fm_node *n,
                                      const char *where)
{
	static const char *const known[] = {"min_length", "allow"};
	if (!want(cp, n, FM_MAP, where))
		return;
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *c = &n->children[i];
		int ki = key_index(cp, c, where, known, NKEYS(known));
		if (ki < 0 || is_null(c))
			continue;
		char what[256];
		snprintf(what, sizeof(what), "%s.%s", where, known[ki]);
		if (ki == 0) {
			const char *v = want_string(cp, c, what);
			char *end = NULL;
			if (v) {
				errno = 0;
				unsigned long x = strtoul(v, &end, 10);
				if (v[0] < '0' || v[0] > '9' || *end || errno || x > 100000)
					cfg_error(cp, c->line, c->col,
					          "%s must be a whole number of letters, not '%.*s'", what,
					          clip(v), v);
			}
			continue;
		}
		size_t count;
		if (!want_list(cp, c, what, &count))
			continue;
		for (size_t k = 0; k < c->nchildren; k++) {
			const struct fm_node *pat = &c->children[k];
			if (pat->kind != FM_SCALAR || !pat->value[0])
				continue;
			int code;
			PCRE2_SIZE off;
			pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat->value, PCRE2_ZERO_TERMINATED,
			                               PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
			if (re) {
				pcre2_code_free(re);
				continue;
			}
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(code, msg, sizeof(msg));
			cfg_error(cp, pat->line, pat->col,
			          "bad pattern '%.*s' in %s: %s (at character %zu of the pattern)", clip(pat->value),
			          pat->value, what, (const char *)msg,
			          utf8_count(pat->value, off) + 1);
		}
	}
}

static void check_locale(struct cfg_parser *cp, const struct fm_node *n, const char *where)
{
	static const char *const known[] = {"name",     "scripts",       "length_ratio",
	                                    "headings", "untranslated",  "frontmatter"};
	static const char *const fm_known[] = {"translate", "identical", "dropped", "added",
	                                       "other"};
	if (!want(cp, n, FM_MAP, where))
		return;
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *c = &n->children[i];
		int ki = key_index(cp, c, where, known, NKEYS(known));
		if (ki < 0 || is_null(c))
			continue;
		char what[192];
		snprintf(what, sizeof(what), "%s.%s", where, known[ki]);
		switch (ki) {
		case 0:
			(void)want_string(cp, c, what);
			break;
		case 1: {
			size_t count;
			if (!want_list(cp, c, what, &count))
				break;
			struct script_set set;
			for (size_t k = 0; k < c->nchildren; k++) {
				const struct fm_node *s = &c->children[k];
				set.n = 0;
				if (s->kind == FM_SCALAR && s->value[0] && !script_set_add(&set, s->value))
					cfg_error(cp, s->line, s->col,
					          "unknown script '%.*s' in %s (Unicode script names such "
					          "as Hiragana, Han, Hangul or Cyrillic)",
					          clip(s->value), s->value, what);
			}
			break;
		}
		case 2: {
			const char *v = want_string(cp, c, what);
			char *end = NULL;
			if (v) {
				double x = strtod(v, &end);
				if (end == v || *end || !(x > 0 && x < 100))
					cfg_error(cp, c->line, c->col,
					          "%s must be a number above 0 (translation length / source "
					          "length), not '%.*s'",
					          what, clip(v), v);
			}
			break;
		}
		case 3:
			if (!want(cp, c, FM_MAP, what))
				break;
			for (size_t k = 0; k < c->nchildren; k++) {
				const struct fm_node *h = &c->children[k];
				char hw[256];
				snprintf(hw, sizeof(hw), "%s.%.60s", what, h->key);
				(void)want_string(cp, h, hw);
			}
			break;
		case 4:
			check_locale_untranslated(cp, c, what);
			break;
		case 5:
			if (!want(cp, c, FM_MAP, what))
				break;
			for (size_t k = 0; k < c->nchildren; k++) {
				const struct fm_node *f = &c->children[k];
				int fi = key_index(cp, f, what, fm_known, NKEYS(fm_known));
				if (fi < 0 || is_null(f))
					continue;
				char fw[256];
				snprintf(fw, sizeof(fw), "%s.%s", what, fm_known[fi]);
				check_locale_lists(cp, f, fw);
			}
			break;
		}
	}
}

static void key_locales(struct cfg_parser *cp, const struct fm_node *n)
{
	if (!want(cp, n, FM_MAP, "locales"))
		return;
	for (size_t i = 0; i < n->nchildren; i++) {
		const struct fm_node *c = &n->children[i];
		if (!lang_code_ok(c->key)) {
			cfg_error(cp, c->key_line, c->key_col,
			          "invalid language code '%.*s' in locales (letters, digits, '-' and "
			          "'_', as in ja, pt-br or zh-cn)",
			          clip(c->key), c->key);
			continue;
		}
		if (is_null(c))
			continue;
		char where[96];
		snprintf(where, sizeof(where), "locales.%.40s", c->key);
		check_locale(cp, c, where);
	}
	cp->cfg->locales = n;
}

static const struct {
	const char *key;
	void (*fn)(struct cfg_parser *cp, const struct fm_node *n);
} top_keys[] = {
	{"source_lang", key_source_lang},
	{"layout", key_layout},
	{"content_dir", key_content_dir},
	{"mappings", key_mappings},
	{"languages", key_languages},
	{"anchor_style", key_anchor_style},
	{"fail_on", key_fail_on},
	{"max_size", key_max_size},
	{"known_pages", key_known_pages},
	{"rules", key_rules},
	{"overrides", key_overrides},
	{"ignore", key_ignore},
	{"locales", key_locales},
};

static void check_root(struct cfg_parser *cp, const struct fm_node *root)
{
	const char *names[NKEYS(top_keys)];
	for (size_t i = 0; i < NKEYS(top_keys); i++)
		names[i] = top_keys[i].key;
	for (size_t i = 0; i < root->nchildren; i++) {
		const struct fm_node *c = &root->children[i];
		int ki = key_index(cp, c, cp->name, names, NKEYS(names));
		if (ki < 0 || is_null(c))
			continue;
		top_keys[ki].fn(cp, c);
	}
	struct config *cfg = cp->cfg;
	/* Overrides start from the top-level severities. */
	for (size_t i = 0; i < cfg->noverrides; i++) {
		struct path_override *o = &cfg->overrides[i];
		for (int r = 0; r < RULE_COUNT; r++)
			if (!o->rules_set[r])
				o->rules.severity[r] = cfg->rules.severity[r];
	}
	if (cfg->layout == LAYOUT_CUSTOM && !cfg->nmappings && cp->layout_node &&
	    !fm_get(root, "mappings"))
		cfg_error(cp, cp->layout_node->line, cp->layout_node->col,
		          "layout 'custom' needs at least one entry in mappings");
	if (cp->content_dir_node && cfg->layout != LAYOUT_HUGO)
		cfg_error(cp, cp->content_dir_node->key_line, cp->content_dir_node->key_col,
		          "content_dir only applies to layout 'hugo'");
	for (size_t i = 0; i < cfg->nlanguages; i++) {
		if (strcmp(cfg->languages[i], cfg->source_lang) != 0)
			continue;
		const struct fm_node *l = fm_get(root, "languages");
		for (size_t k = 0; l && k < l->nchildren; k++) {
			if (l->children[k].kind == FM_SCALAR &&
			    !strcmp(l->children[k].value, cfg->source_lang)) {
				cfg_error(cp, l->children[k].line, l->children[k].col,
				          "languages lists the source language '%s'", cfg->source_lang);
				break;
			}
		}
	}
}

bool config_parse(struct config *cfg, const char *path, const char *text, size_t len, FILE *err)
{
	config_defaults(cfg);
	if (!path)
		path = CONFIG_FILE_NAME;
	if (!text) {
		text = "";
		len = 0;
	}
	cfg->path = arena_strdup(&cfg->arena, path);
	const char *slash = strrchr(cfg->path, '/');
	struct cfg_parser cp = {cfg, cfg->path, slash && slash[1] ? slash + 1 : cfg->path,
	                        err ? err : stderr, 0, NULL, NULL};

	if (memchr(text, '\0', len)) {
		size_t off = (size_t)((const char *)memchr(text, '\0', len) - text);
		unsigned line = 1;
		size_t bol = 0;
		for (size_t i = 0; i < off; i++)
			if (text[i] == '\n')
				line++, bol = i + 1;
		cfg_error(&cp, line, (unsigned)utf8_count(text + bol, off - bol) + 1,
		          "NUL byte in the configuration");
		return false;
	}
	struct fm_error fe;
	struct fm_node *root = fm_parse(&cfg->arena, text, len, 1, &fe);
	if (!root) {
		const char *m = fe.message;
		if (!strncmp(m, "front matter ", 13))
			cfg_error(&cp, fe.line, fe.col, "the configuration %s", m + 13);
		else
			cfg_error(&cp, fe.line, fe.col, "%s", m);
		return false;
	}
	check_root(&cp, root);
	return cp.nerrors == 0;
}

bool config_load(struct config *cfg, const char *path)
{
	config_defaults(cfg);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	const char *problem = NULL;
	if (fd < 0)
		problem = strerror(errno);
	else if (fstat(fd, &st) < 0)
		problem = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		problem = "is a directory";
	else if (!S_ISREG(st.st_mode))
		problem = "not a regular file";
	else if ((unsigned long long)st.st_size > CONFIG_MAX_FILE)
		problem = "too large for a configuration file (over 4 MiB)";
	struct strbuf data = STRBUF_INIT;
	while (!problem) {
		strbuf_grow(&data, 8192);
		ssize_t r = read(fd, data.buf + data.len, data.alloc - data.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			problem = strerror(errno);
		else if (r == 0)
			break;
		else
			strbuf_setlen(&data, data.len + (size_t)r);
		if (data.len > CONFIG_MAX_FILE)
			problem = "too large for a configuration file (over 4 MiB)";
	}
	if (fd >= 0)
		close(fd);
	if (problem) {
		fprintf(stderr, "%s: error: cannot read the configuration: %s\n", path, problem);
		cfg->path = arena_strdup(&cfg->arena, path);
		strbuf_release(&data);
		return false;
	}
	bool ok = config_parse(cfg, path, data.buf, data.len, stderr);
	strbuf_release(&data);
	return ok;
}

int config_load_root(struct config *cfg, const char *root)
{
	struct strbuf p = STRBUF_INIT;
	if (root && *root && strcmp(root, ".") != 0) {
		strbuf_addstr(&p, root);
		if (p.buf[p.len - 1] != '/')
			strbuf_addch(&p, '/');
	}
	strbuf_addstr(&p, CONFIG_FILE_NAME);
	struct stat st;
	int ret;
	if (lstat(p.buf, &st) < 0 && errno == ENOENT) {
		config_defaults(cfg);
		ret = 0;
	} else {
		ret = config_load(cfg, p.buf) ? 1 : -1;
	}
	strbuf_release(&p);
	return ret;
}

/* ---- the starter file ---- */

static const char starter[] =
	"# .l10nlint.yaml - l10nlint settings for this site (written by `l10nlint init`).\n"
	"# Set up for a Hugo site such as kubernetes.io: English pages under\n"
	"# content/en/, translations under content/<lang>/ with the same paths.\n"
	"# Every key is optional. A key commented out ('#key: value') shows its\n"
	"# default or an example; remove the '#' to use it.\n"
	"# Options on the command line (--fail-on, --disable, --severity,\n"
	"# --anchor-style, --lang, --max-size) win over this file; single findings\n"
	"# are silenced with <!-- l10nlint-disable RULE --> comments in the pages.\n"
	"# Reference: docs/configuration.md and docs/suppressions.md.\n"
	"\n"
	"# Language code of the source pages.\n"
	"#source_lang: en\n"
	"\n"
	"# How source and translated pages are laid out: hugo (<content_dir>/<lang>/...),\n"
	"# docusaurus (docs/... and i18n/<lang>/docusaurus-plugin-content-docs/current/...)\n"
	"# or custom (the mappings below only).\n"
	"#layout: hugo\n"
	"\n"
	"# Hugo's contentDir: the folder holding one sub-folder per language.\n"
	"#content_dir: content\n"
	"\n"
	"# Extra source -> translation path rules, tried before the layout's own.\n"
	"# {lang} is the translation's language code, {path} the rest of the path.\n"
	"#mappings:\n"
	"#  - source: \"docs/{path}\"\n"
	"#    translation: \"i18n/{lang}/docusaurus-plugin-content-docs/current/{path}\"\n"
	"\n"
	"# Translation languages to check (default: every language found).\n"
	"#languages: [ja, ko, zh-cn]\n"
	"\n"
	"# How Hugo makes heading IDs (markup.goldmark.parser.autoHeadingIDType):\n"
	"# blackfriday (kubernetes.io), github (Hugo's own default) or github-ascii.\n"
	"#anchor_style: blackfriday\n"
	"\n"
	"# Exit with status 1 when a finding reaches this severity:\n"
	"# error, warning, info or never.\n"
	"#fail_on: error\n"
	"\n"
	"# Larger files are rejected (a number of bytes, suffix K, M or G).\n"
	"#max_size: 16M\n"
	"\n"
	"# A file listing pages that exist although they are not in this checkout\n"
	"# (one path per line, relative to the site root), for partial trees.\n"
	"# A link to a page missing from it is judged only under the folders\n"
	"# it is complete for: {file: known-pages.txt, complete: [content/ja/docs/]}\n"
	"#known_pages: known-pages.txt\n"
	"\n"
	"# Severity of each rule: error, warning, info or off. `l10nlint rules`\n"
	"# lists the rules with their default severity.\n"
	"#rules:\n"
	"#  link-extra: off\n"
	"#  paragraph-mismatch: info\n"
	"\n"
	"# Rule severities for some paths (globs: * within a folder, ** across\n"
	"# folders). Every override whose paths match applies, in order, after rules.\n"
	"#overrides:\n"
	"#  - paths: [\"content/*/blog/**\"]\n"
	"#    rules:\n"
	"#      untranslated-text: info\n"
	"\n"
	"# Files never checked (globs relative to the site root; a pattern that\n"
	"# matches a folder covers everything in it). Generated reference pages\n"
	"# are rebuilt from the source code, not translated by hand.\n"
	"ignore:\n"
	"  - \"content/*/docs/reference/kubectl/generated/**\"\n"
	"  - \"content/*/docs/reference/config-api/**\"\n"
	"  - \"content/*/docs/reference/kubernetes-api/**\"\n"
	"\n"
	"# Per-language changes to the locale data (locales/<lang>.yaml, same keys):\n"
	"# scripts, length_ratio, headings, untranslated (min_length, allow) and\n"
	"# frontmatter (translate, identical, dropped, added, other).\n"
	"#locales:\n"
	"#  ja:\n"
	"#    untranslated:\n"
	"#      allow: ['^Kubernetes v\\d+\\.\\d+']\n";

const char *config_starter(void)
{
	return starter;
}
