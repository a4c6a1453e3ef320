/* shortcode.c - find Hugo shortcodes in raw Markdown.
 *
 * One forward pass. memchr() finds the next "{{" candidate and the next
 * "<!--"; both answers are cached so the pass stays linear however far
 * apart they are. Each {{< or {{% is read token by token the way Hugo's
 * lexer (parser/pageparser/pagelexer_shortcode.go) reads it, with three
 * deliberate differences, all so that one typo cannot swallow the rest of
 * the page:
 *
 *  - outside quotes a shortcode ends at the first "}}"; when the character
 *    before it is not the expected '>' or '%' the shortcode is malformed;
 *  - a blank line, another "{{", an unterminated "..." string (Hugo's
 *    strings cannot span lines), a `raw` string that runs into a blank
 *    line, or the end of the text also end it as malformed; scanning
 *    resumes there;
 *  - unusual characters in bare arguments are accepted, not errors.
 *
 * Pairing is by name only (Hugo's lexer tracks open shortcodes by name,
 * whatever their delimiter). Names are interned so that a closer finds out
 * in O(1) whether an opener of its name is on the stack; the stack entries
 * it walks past are popped, so pairing is linear too. */
#include "shortcode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

#define SC_NONE SIZE_MAX

/* "First occurrence at or after `from` is at `at`" (SC_NONE: none). Valid
 * for every position in [from, at], so a forward scan reuses it. */
struct sc_find {
	size_t from, at;
};

struct sc_scanner {
	struct arena *arena;
	const char *t;
	size_t len;
	const size_t *ls;
	size_t nls;
	/* column cache: code-point column `col_val` at byte `col_off` of line
	 * index `col_k` */
	size_t col_k, col_off;
	unsigned col_val;
	struct shortcode *items;
	size_t n, alloc;
	struct sc_arg *args;
	size_t nargs, args_alloc;
	struct sc_find open, cmt, esc[2];
};

static bool sc_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool sc_is_space(char c)
{
	return sc_is_blank(c) || c == '\n';
}

static bool sc_is_alnum(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
	       (u >= '0' && u <= '9') || u == '_' || u >= 0x80;
}

static bool sc_is_name_char(char c)
{
	return sc_is_alnum(c) || c == '-' || c == '/' || c == '.';
}

/* Offset of the first "needle" (n >= 1 bytes) in t[from..len), or SC_NONE.
 * (memmem is a GNU extension.) */
static size_t sc_search(const char *t, size_t len, size_t from,
                        const char *needle, size_t n)
{
	while (from < len && len - from >= n) {
		const char *p = memchr(t + from, needle[0], len - from - n + 1);
		if (!p)
			break;
		if (memcmp(p, needle, n) == 0)
			return (size_t)(p - t);
		from = (size_t)(p - t) + 1;
	}
	return SC_NONE;
}

static size_t sc_skip_blanks(const struct sc_scanner *s, size_t i)
{
	while (i < s->len && sc_is_blank(s->t[i]))
		i++;
	return i;
}

/* Skip white space including newlines. A blank line ends the shortcode:
 * then *blank is set and the offset of the newline that ends the last
 * non-blank line is returned. */
static size_t sc_skip_space(const struct sc_scanner *s, size_t i, bool *blank)
{
	size_t last_nl = SC_NONE;

	*blank = false;
	for (; i < s->len; i++) {
		char c = s->t[i];
		if (c == '\n') {
			if (last_nl != SC_NONE) {
				*blank = true;
				return last_nl;
			}
			last_nl = i;
		} else if (!sc_is_blank(c)) {
			break;
		}
	}
	return i;
}

static bool sc_has(const struct sc_scanner *s, size_t i, const char *lit, size_t n)
{
	return i <= s->len && s->len - i >= n && memcmp(s->t + i, lit, n) == 0;
}

/* The right delimiter at i that matches the left one, d: ">}}" for '<',
 * "%}}" for '%'. */
static bool sc_at_close(const struct sc_scanner *s, size_t i, char d)
{
	return i < s->len && s->t[i] == (d == '<' ? '>' : '%') &&
	       sc_has(s, i + 1, "}}", 2);
}

/* "/" blanks the right delimiter at i: self-closing end; *end is set past it. */
static bool sc_at_self_close(const struct sc_scanner *s, size_t i, char d,
                             size_t *end)
{
	if (i >= s->len || s->t[i] != '/')
		return false;
	size_t r = sc_skip_blanks(s, i + 1);
	if (!sc_at_close(s, r, d))
		return false;
	*end = r + 3;
	return true;
}

/* Anything that ends a bare token: a right delimiter of either kind,
 * "}}", "{{" or a self-closing "/>}}". */
static bool sc_at_stop(const struct sc_scanner *s, size_t i, char d)
{
	const char *t = s->t;
	size_t end;

	if (i + 1 >= s->len)
		return false;
	if ((t[i] == '}' && t[i + 1] == '}') || (t[i] == '{' && t[i + 1] == '{'))
		return true;
	if ((t[i] == '>' || t[i] == '%') && sc_has(s, i + 1, "}}", 2))
		return true;
	return sc_at_self_close(s, i, d, &end);
}

/* Next "{{<" or "{{%" at or after pos. */
static size_t sc_find_open(struct sc_scanner *s, size_t pos)
{
	if (s->open.from <= pos && pos <= s->open.at)
		return s->open.at;
	size_t at = SC_NONE;
	size_t i = pos;
	while (s->len >= 3 && i < s->len - 2) {
		const char *p = memchr(s->t + i, '{', s->len - 2 - i);
		if (!p)
			break;
		size_t j = (size_t)(p - s->t);
		if (p[1] == '{' && (p[2] == '<' || p[2] == '%')) {
			at = j;
			break;
		}
		i = j + 1;
	}
	s->open.from = pos;
	s->open.at = at;
	return at;
}

/* Next "<!--" at or after pos. */
static size_t sc_find_comment(struct sc_scanner *s, size_t pos)
{
	if (s->cmt.from <= pos && pos <= s->cmt.at)
		return s->cmt.at;
	size_t at = SC_NONE;
	size_t i = pos;
	while (s->len >= 4 && i < s->len - 3) {
		const char *p = memchr(s->t + i, '<', s->len - 3 - i);
		if (!p)
			break;
		size_t j = (size_t)(p - s->t);
		if (p[1] == '!' && p[2] == '-' && p[3] == '-') {
			at = j;
			break;
		}
		i = j + 1;
	}
	s->cmt.from = pos;
	s->cmt.at = at;
	return at;
}

/* The end of an escaped shortcode, "{{<" "/" "*" ... "*" "/" ">}}": the
 * first "*" "/" followed by blanks and the right delimiter at or after
 * pos. Returns the offset of the "*", or SC_NONE. */
static size_t sc_find_escape_end(struct sc_scanner *s, size_t pos, char d)
{
	struct sc_find *f = &s->esc[d == '%'];

	if (f->from <= pos && pos <= f->at)
		return f->at;
	size_t at = SC_NONE;
	size_t i = pos;
	while (i < s->len) {
		size_t j = sc_search(s->t, s->len, i, "*/", 2);
		if (j == SC_NONE)
			break;
		if (sc_at_close(s, sc_skip_blanks(s, j + 2), d)) {
			at = j;
			break;
		}
		i = j + 1;
	}
	f->from = pos;
	f->at = at;
	return at;
}

/* Index k of the line holding byte `off` (line_starts[k] <= off). */
static size_t sc_line_index(const struct sc_scanner *s, size_t off)
{
	size_t lo = 0, hi = s->nls;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ls[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void sc_set_position(struct sc_scanner *s, struct shortcode *sc)
{
	size_t k = sc_line_index(s, sc->start);
	size_t ls = s->ls[k] <= sc->start ? s->ls[k] : sc->start;
	unsigned col;

	/* Shortcodes come in order: count only from the previous one when it
	 * was on the same line, or 100k shortcodes on one line are quadratic. */
	if (k == s->col_k && s->col_off >= ls && s->col_off <= sc->start)
		col = s->col_val + (unsigned)utf8_count(s->t + s->col_off,
		                                         sc->start - s->col_off);
	else
		col = 1 + (unsigned)utf8_count(s->t + ls, sc->start - ls);
	s->col_k = k;
	s->col_off = sc->start;
	s->col_val = col;
	sc->line = (unsigned)k + 1;
	sc->col = col;
	sc->end_line = (unsigned)sc_line_index(s, sc->end > sc->start ?
	                                               sc->end - 1 : sc->start) + 1;
}

static void sc_push_arg(struct sc_scanner *s, const char *key, const char *value,
                        bool quoted)
{
	XGROW(s->args, s->nargs + 1, s->args_alloc);
	s->args[s->nargs].key = key;
	s->args[s->nargs].value = value;
	s->args[s->nargs].quoted = quoted;
	s->nargs++;
}

/* Copy t[a..b) into the arena, turning \" into ". */
static const char *sc_unescape(struct sc_scanner *s, size_t a, size_t b)
{
	char *v = arena_alloc(s->arena, b - a + 1);
	size_t n = 0;

	for (size_t i = a; i < b; i++) {
		if (s->t[i] == '\\' && i + 1 < b && s->t[i + 1] == '"')
			i++;
		v[n++] = s->t[i];
	}
	v[n] = '\0';
	return v;
}

/* Read one argument value at *q: "quoted" (\" escapes), \"escaped
 * start\", `raw` (may span lines, not blank ones) or bare. Bare values stop at white
 * space, quotes, a delimiter and, unless allow_eq, at '='. On success *q
 * is past the value. Returns false when a string is unterminated; *stop
 * is then where the shortcode is cut off. */
static bool sc_read_value(struct sc_scanner *s, size_t *q, char d, bool allow_eq,
                          const char **val, bool *quoted, size_t *stop)
{
	const char *t = s->t;
	size_t i = *q;

	*quoted = false;
	if (t[i] == '`') {
		/* Hugo lets raw strings run over any number of lines; a blank
		 * line ends one here, so a stray backtick cannot swallow the
		 * rest of the page. */
		size_t e = i + 1;
		for (; e < s->len && t[e] != '`'; e++) {
			if (t[e] == '\n') {
				size_t r = sc_skip_blanks(s, e + 1);
				if (r >= s->len || t[r] == '\n')
					break;
			}
		}
		if (e >= s->len || t[e] != '`') {
			/* unterminated: cut off at the end of its first line */
			const char *nl = memchr(t + i, '\n', e - i);
			*stop = nl ? (size_t)(nl - t) : e;
			return false;
		}
		*val = arena_strndup(s->arena, t + i + 1, e - i - 1);
		*quoted = true;
		*q = e + 1;
		return true;
	}
	if (t[i] == '"' || (t[i] == '\\' && i + 1 < s->len && t[i + 1] == '"')) {
		/* Hugo: a string opened by \" is closed by \" (or ") and cannot
		 * contain escapes; one opened by " may contain \". */
		bool esc_start = t[i] == '\\';
		size_t a = i + (esc_start ? 2 : 1);
		size_t j = a;
		for (; j < s->len; j++) {
			char c = t[j];
			if (c == '\n')
				break;
			if (c == '\\' && j + 1 < s->len && t[j + 1] == '"') {
				if (esc_start)
					break;
				j++;
				continue;
			}
			if (c == '"')
				break;
		}
		if (j >= s->len || t[j] == '\n') {
			*stop = j;
			return false;
		}
		*val = sc_unescape(s, a, j);
		*quoted = true;
		*q = j + (t[j] == '\\' ? 2 : 1);
		return true;
	}
	size_t j = i;
	for (; j < s->len; j++) {
		char c = t[j];
		if (sc_is_space(c) || c == '"' || c == '`' || (c == '=' && !allow_eq))
			break;
		if (j > i && c == '\\' && j + 1 < s->len && t[j + 1] == '"')
			break;
		if (sc_at_stop(s, j, d))
			break;
	}
	*val = arena_strndup(s->arena, t + i, j - i);
	*q = j;
	return true;
}

/* Read the shortcode whose "{{" is at p. Returns where scanning resumes
 * (always > p). */
static size_t sc_read(struct sc_scanner *s, size_t p, bool in_comment)
{
	const char *t = s->t;
	char d = t[p + 2];
	size_t q = sc_skip_blanks(s, p + 3);
	size_t end = p + 3;
	bool blank;

	/* "{{<" "/" "*" ... "*" "/" ">}}" is shown literally by Hugo: not a
	 * shortcode. */
	if (sc_has(s, q, "/*", 2)) {
		size_t e = sc_find_escape_end(s, q + 2, d);
		if (e != SC_NONE)
			return sc_skip_blanks(s, e + 2) + 3;
		return q + 2; /* unterminated: Hugo fails; we read on */
	}

	struct shortcode sc;
	memset(&sc, 0, sizeof(sc));
	sc.kind = SC_STANDALONE;
	sc.delim = d;
	sc.start = p;
	sc.parent = -1;
	sc.match = -1;
	sc.in_comment = in_comment;
	s->nargs = 0;

	q = sc_skip_space(s, p + 3, &blank);
	if (!blank && q < s->len && t[q] == '/' && !sc_at_self_close(s, q, d, &end)) {
		sc.kind = SC_CLOSE;
		q = sc_skip_space(s, q + 1, &blank);
	}
	size_t n0 = q;
	if (!blank && q < s->len && sc_is_alnum(t[q])) {
		while (q < s->len && sc_is_name_char(t[q]) &&
		       !sc_at_self_close(s, q, d, &end))
			q++;
	}
	sc.name = arena_strndup(s->arena, t + n0, q - n0);
	if (q == n0)
		sc.malformed = true;

	for (;;) {
		if (!blank)
			q = sc_skip_space(s, q, &blank);
		if (blank || q >= s->len) {
			sc.malformed = true;
			end = q;
			break;
		}
		if (sc_at_close(s, q, d)) {
			end = q + 3;
			break;
		}
		if (sc_at_self_close(s, q, d, &end)) {
			if (sc.kind == SC_CLOSE)
				sc.malformed = true; /* {{< /x />}} */
			else
				sc.self_closed = true;
			break;
		}
		if (sc_has(s, q, "}}", 2)) {
			sc.malformed = true;
			end = q + 2;
			break;
		}
		if ((t[q] == '>' || t[q] == '%') && sc_has(s, q + 1, "}}", 2)) {
			sc.malformed = true; /* {{< x %}} */
			end = q + 3;
			break;
		}
		if (sc_has(s, q, "{{", 2)) {
			sc.malformed = true;
			end = q;
			break;
		}
		if (t[q] == '=') { /* stray '=' */
			q++;
			continue;
		}

		const char *v;
		bool quoted;
		size_t q0 = q;
		if (!sc_read_value(s, &q, d, false, &v, &quoted, &end)) {
			sc.malformed = true;
			break;
		}
		if (q == q0) { /* cannot happen; guarantees progress */
			q++;
			continue;
		}
		size_t r = sc_skip_blanks(s, q);
		if (quoted || r >= s->len || t[r] != '=') {
			sc_push_arg(s, NULL, v, quoted);
			continue;
		}
		/* key=value; Hugo allows blanks after '=' */
		const char *val = "";
		bool vquoted = false;
		r = sc_skip_blanks(s, r + 1);
		if (r < s->len && !sc_is_space(t[r]) && !sc_at_stop(s, r, d) &&
		    !sc_read_value(s, &r, d, true, &val, &vquoted, &end)) {
			sc_push_arg(s, v, "", false);
			sc.malformed = true;
			break;
		}
		sc_push_arg(s, v, val, vquoted);
		q = r;
	}

	sc.end = end;
	sc.nargs = s->nargs;
	sc.args = s->nargs ? arena_memdup(s->arena, s->args,
	                                  s->nargs * sizeof(*s->args))
	                   : NULL;
	sc_set_position(s, &sc);
	XGROW(s->items, s->n + 1, s->alloc);
	s->items[s->n++] = sc;
	return end > p ? end : p + 1;
}

static uint32_t sc_hash(const char *str)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *c = (const unsigned char *)str; *c; c++)
		h = (h ^ *c) * 16777619u;
	return h;
}

/* Pair openers with closers (a stack, by name), then set parents. */
static void sc_pair(struct shortcode *items, size_t n)
{
	if (n == 0)
		return;
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	int *tab = xmalloc(cap * sizeof(*tab));
	int *rep = xmalloc(n * sizeof(*rep));     /* first item with the same name */
	size_t *cnt = xcalloc(n, sizeof(*cnt));   /* per rep: entries on the stack */
	int *stack = xmalloc(n * sizeof(*stack));
	size_t sp = 0;

	memset(tab, 0xff, cap * sizeof(*tab));
	for (size_t i = 0; i < n; i++) {
		size_t h = sc_hash(items[i].name) & (cap - 1);
		while (tab[h] >= 0 && strcmp(items[tab[h]].name, items[i].name) != 0)
			h = (h + 1) & (cap - 1);
		if (tab[h] < 0)
			tab[h] = (int)i;
		rep[i] = tab[h];
	}

	for (size_t i = 0; i < n; i++) {
		struct shortcode *sc = &items[i];
		if (!sc->name[0])
			continue;
		if (sc->kind != SC_CLOSE) {
			if (!sc->self_closed) {
				stack[sp++] = (int)i;
				cnt[rep[i]]++;
			}
			continue;
		}
		if (cnt[rep[i]] == 0)
			continue;
		/* Everything above the opener was never closed: it stays
		 * SC_STANDALONE. */
		while (sp > 0) {
			int o = stack[--sp];
			cnt[rep[o]]--;
			if (rep[o] == rep[i]) {
				items[o].kind = SC_OPEN;
				items[o].match = (int)i;
				sc->match = o;
				break;
			}
		}
	}

	/* Parents: the innermost SC_OPEN whose span holds the item. Pairs
	 * nest properly by construction. */
	sp = 0;
	for (size_t i = 0; i < n; i++) {
		struct shortcode *sc = &items[i];
		if (sc->kind == SC_CLOSE && sc->match >= 0) {
			while (sp > 0 && stack[sp - 1] != sc->match)
				sp--;
			if (sp > 0)
				sp--;
			sc->parent = items[sc->match].parent;
			continue;
		}
		sc->parent = sp ? stack[sp - 1] : -1;
		if (sc->kind == SC_OPEN)
			stack[sp++] = (int)i;
	}

	free(tab);
	free(rep);
	free(cnt);
	free(stack);
}

static size_t sc_advance(size_t off, size_t to, size_t len)
{
	if (to <= off)
		return off + 1;
	return to < len ? to : len;
}

void sc_scan(struct arena *arena, const char *text, size_t len,
             const size_t *line_starts, size_t nlines, sc_skip_fn skip,
             void *skip_ctx, struct sc_list *out)
{
	struct sc_scanner s;
	size_t *own_ls = NULL;

	memset(&s, 0, sizeof(s));
	s.arena = arena;
	s.t = text;
	s.len = text ? len : 0;
	s.open.from = s.cmt.from = s.esc[0].from = s.esc[1].from = SC_NONE;
	s.col_k = SC_NONE;
	if (line_starts && nlines) {
		s.ls = line_starts;
		s.nls = nlines;
	} else {
		size_t alloc = 0;
		XGROW(own_ls, 1, alloc);
		own_ls[s.nls++] = 0;
		const char *nl = s.len ? text : NULL;
		while (nl && (nl = memchr(nl, '\n', s.len - (size_t)(nl - text)))) {
			nl++;
			XGROW(own_ls, s.nls + 1, alloc);
			own_ls[s.nls++] = (size_t)(nl - text);
		}
		s.ls = own_ls;
	}

	size_t pos = 0, cmt_end = 0;
	bool in_cmt = false;
	while (pos < s.len) {
		if (in_cmt && pos >= cmt_end)
			in_cmt = false;
		size_t nb = sc_find_open(&s, pos);
		if (in_cmt && cmt_end < nb) {
			pos = cmt_end; /* look for the next comment from there */
			in_cmt = false;
			continue;
		}
		size_t nc = in_cmt ? SC_NONE : sc_find_comment(&s, pos);
		if (nb == SC_NONE && nc == SC_NONE)
			break;
		size_t to = 0;
		if (nc < nb) {
			if (skip && skip(skip_ctx, nc, &to)) {
				pos = sc_advance(nc, to, s.len);
				continue;
			}
			size_t e = sc_search(text, s.len, nc + 4, "-->", 3);
			cmt_end = e != SC_NONE ? e + 3 : s.len;
			in_cmt = true;
			pos = nc + 4;
			continue;
		}
		if (skip && skip(skip_ctx, nb, &to)) {
			pos = sc_advance(nb, to, s.len);
			continue;
		}
		pos = sc_read(&s, nb, in_cmt && nb < cmt_end);
	}

	sc_pair(s.items, s.n);
	out->n = s.n;
	out->items = s.n ? arena_memdup(arena, s.items, s.n * sizeof(*s.items)) : NULL;
	free(s.items);
	free(s.args);
	free(own_ls);
}

const char *sc_arg(const struct shortcode *sc, const char *key)
{
	if (!sc || !key)
		return NULL;
	for (size_t i = 0; i < sc->nargs; i++)
		if (sc->args[i].key && strcmp(sc->args[i].key, key) == 0)
			return sc->args[i].value;
	return NULL;
}

const char *sc_pos_arg(const struct shortcode *sc, size_t i)
{
	if (!sc)
		return NULL;
	for (size_t k = 0; k < sc->nargs; k++) {
		if (sc->args[k].key)
			continue;
		if (i == 0)
			return sc->args[k].value;
		i--;
	}
	return NULL;
}

size_t sc_blank_at(char *p, size_t len, size_t i)
{
	if (!(p[i] == '{' && i + 2 < len && p[i + 1] == '{' && (p[i + 2] == '<' || p[i + 2] == '%')))
		return i;
	char close = p[i + 2] == '<' ? '>' : '%';
	size_t j = i + 3;
	while (j + 2 < len && !(p[j] == close && p[j + 1] == '}' && p[j + 2] == '}'))
		j++;
	size_t end = j + 2 < len ? j + 3 : len;
	memset(p + i, ' ', end - i);
	return end;
}
