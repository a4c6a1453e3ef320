/* doc.c - read one page and build its model (see doc.h).
 *
 * One read, one validation pass, one cmark-gfm parse, one walk of the
 * tree in cmark's iterator order (walk_step(): a loop, no recursion over
 * user data), one scan for shortcodes. The cmark tree is freed before
 * doc_load returns. */
#define _GNU_SOURCE /* memmem */
#include "doc.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
/* Debian's libcmark-gfm-dev also installs cmark-gfm's own headers, whose
 * node struct matches the library it packages: the walk then reads a
 * node's fields and its text (pointer and length, no copy) directly
 * instead of calling a getter per field, and cmark_node_get_literal()'s
 * NUL-terminated copy of each text node. The layout cannot differ at run
 * time: the library's soname carries its full version
 * (libcmark-gfm.so.0.29.0.gfm.6), so the binary loads only the library
 * these headers came with. Elsewhere, and with the meson option
 * -Dcmark_internals=false (the sanitizer build of `make test` uses it, so
 * both ways are tested), the public getters do the same job. */
#if defined(__has_include) && !defined(L10N_CMARK_PUBLIC_ONLY)
#if __has_include(<cmark-gfm/node.h>)
#include <cmark-gfm/node.h>
#define CMARK_DIRECT 1
#endif
#endif

#include "locale.h"
#include "parsemem.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define DEFAULT_MAX_SIZE ((size_t)16 << 20)

/* ---- growable arrays used while building (copied into the arena) ---- */

#define VEC(type)                                                              \
	struct {                                                                   \
		type *v;                                                               \
		size_t n, alloc;                                                       \
	}

#define VEC_PUSH(vec)                                                          \
	((vec).n == (vec).alloc                                                    \
	     ? (void)((vec).v = xgrow((vec).v, (vec).n + 1, &(vec).alloc,         \
	                              sizeof(*(vec).v)))                           \
	     : (void)0,                                                            \
	 &(vec).v[(vec).n++])

struct range {
	size_t start, end;
};

struct build {
	struct doc *doc;
	const struct doc_options *opt;
	const struct locale *loc;
	VEC(struct heading) headings;
	VEC(struct block) blocks;
	VEC(struct link) links;
	VEC(struct code_span) codes;
	VEC(struct html_anchor) anchors;
	VEC(struct comment) comments;
	VEC(struct note) notes;
	VEC(struct range) code_ranges; /* byte ranges where shortcodes are not looked for */
	VEC(int) containers;           /* stack of open container blocks */
	int text_block;                /* block collecting plain text, -1 */
	int cur_section;
	struct strbuf text;            /* plain text of text_block */
	struct strbuf prose;           /* the same without code spans and autolinks */
	bool prose_same;               /* prose is text so far (and not written) */
	int in_autolink;               /* inside an autolink's text */
	struct strbuf tmp;
	size_t inline_cursor;          /* search start for inline position repair */
	int table_cells;               /* cells seen in the current table row */
	int table_rows;
	size_t fm_end;                 /* front matter: src[0, fm_end) is not Markdown */
};

static void note_add(struct build *b, enum note_severity sev, const char *rule,
                     unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void note_add(struct build *b, enum note_severity sev, const char *rule,
                     unsigned line, unsigned col, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	struct note *n = VEC_PUSH(b->notes);
	n->severity = sev;
	n->rule = rule;
	n->line = line;
	n->col = col;
	n->message = arena_strndup(&b->doc->arena, sb.buf, sb.len);
	strbuf_release(&sb);
}

const char *note_severity_name(enum note_severity s)
{
	switch (s) {
	case NOTE_ERROR:
		return "error";
	case NOTE_WARNING:
		return "warning";
	case NOTE_INFO:
		return "info";
	}
	return "error";
}

/* ---- positions ---- */

static size_t line_index(const struct doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Column of off (<= len) on line index k, the line holding it. */
static unsigned col_in_line(const struct doc *doc, size_t k, size_t off)
{
	/* Positions come in document order: count on from the last one when
	 * it is on the same line (long lines stay linear). The cache is
	 * only touched while the document is being built. */
	struct doc *d = (struct doc *)doc;
	size_t from = doc->line_starts[k];
	unsigned col = 1;
	if (d->col_cache_line == k + 1 && d->col_cache_off <= off) {
		from = d->col_cache_off;
		col = d->col_cache_col;
	}
	col += (unsigned)utf8_count(doc->src + from, off - from);
	d->col_cache_line = k + 1;
	d->col_cache_off = off;
	d->col_cache_col = col;
	return col;
}

unsigned doc_col(const struct doc *doc, size_t off)
{
	if (!doc->nlines)
		return 1;
	if (off > doc->len)
		off = doc->len;
	return col_in_line(doc, line_index(doc, off), off);
}

/* off_line() and doc_col() of one offset, with one line search. */
static void off_pos(const struct doc *doc, size_t off, unsigned *line, unsigned *col)
{
	if (!doc->nlines) {
		*line = 1;
		*col = 1;
		return;
	}
	if (off > doc->len)
		off = doc->len;
	size_t k = line_index(doc, off);
	*line = (unsigned)k + 1;
	*col = col_in_line(doc, k, off);
}

/* doc_col() of an offset that cmark placed on `line`: no line search
 * when the offset is on that line. */
static unsigned col_on(const struct doc *doc, unsigned line, size_t off)
{
	if (line >= 1 && line <= doc->nlines && off <= doc->len &&
	    off >= doc->line_starts[line - 1] &&
	    (line == doc->nlines || off < doc->line_starts[line]))
		return col_in_line(doc, line - 1, off);
	return doc_col(doc, off);
}

static unsigned off_line(const struct doc *doc, size_t off)
{
	return doc->nlines ? (unsigned)line_index(doc, off) + 1 : 1;
}

static inline size_t offset_at(const struct doc *doc, unsigned line, unsigned bytecol)
{
	if (line == 0 || line > doc->nlines)
		return doc->len;
	size_t off = doc->line_starts[line - 1] + (bytecol ? bytecol - 1 : 0);
	return off > doc->len ? doc->len : off;
}

size_t doc_offset(const struct doc *doc, unsigned line, unsigned bytecol)
{
	return offset_at(doc, line, bytecol);
}

static inline const char *line_text(const struct doc *doc, unsigned line, size_t *len)
{
	if (line == 0 || line > doc->nlines) {
		*len = 0;
		return "";
	}
	size_t s = doc->line_starts[line - 1];
	size_t e = line < doc->nlines ? doc->line_starts[line] : doc->len;
	while (e > s && (doc->src[e - 1] == '\n' || doc->src[e - 1] == '\r'))
		e--;
	*len = e - s;
	return doc->src + s;
}

const char *doc_line(const struct doc *doc, unsigned line, size_t *len)
{
	return line_text(doc, line, len);
}

/* Line starts of a text without '\r': after each '\n'. ls has room for
 * cap entries, ls[0] = 0 set; returns the count, or 0 when cap is too
 * small. SSE2: 16 bytes per compare; a mask bit per '\n'. */
static size_t index_lf(const char *s, size_t len, size_t *ls, size_t cap)
{
	size_t n = 1, i = 0;
#if defined(__SSE2__)
	const __m128i lf = _mm_set1_epi8('\n');
	for (; i + 16 <= len; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(s + i)), lf));
		if (!m)
			continue;
		if (cap - n < 16)
			return 0;
		do {
			ls[n++] = i + (size_t)__builtin_ctz(m) + 1;
			m &= m - 1;
		} while (m);
	}
#endif
	for (; i < len; i++) {
		if (s[i] != '\n')
			continue;
		if (n == cap)
			return 0;
		ls[n++] = i + 1;
	}
	return n;
}

static void index_lines(struct doc *doc)
{
	const char *s = doc->src, *end = s + doc->len;
	bool lone_cr = memchr(s, '\r', doc->len) != NULL;
	size_t n;
	if (!lone_cr) {
		/* Without '\r' (the common case) the index goes straight into the
		 * arena, sized for lines of 16 bytes on average (most are twice
		 * that); a text of shorter lines takes the general path. */
		size_t cap = doc->len / 16 + 16;
		size_t *ls = arena_alloc(&doc->arena, cap * sizeof(size_t));
		ls[0] = 0;
		n = index_lf(s, doc->len, ls, cap);
		if (n) {
			/* A final line terminator does not start another line. */
			if (n > 1 && ls[n - 1] == doc->len)
				n--;
			doc->line_starts = ls;
			doc->nlines = n;
			return;
		}
	}
	/* One pass with memchr for '\n'; a lone '\r' (old Mac) is rare and
	 * only looked for when the file has no '\n' after it. */
	size_t cap = doc->len / 32 + 16;
	size_t *ls = xmalloc(cap * sizeof(size_t));
	n = 0;
	ls[n++] = 0;
	for (const char *p = s; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		if (lone_cr) {
			for (const char *q = p; q < stop; q++) {
				if (*q != '\r')
					continue;
				if (q + 1 == nl) {
					doc->crlf = true;
					continue;
				}
				if (n == cap)
					ls = xgrow(ls, n + 1, &cap, sizeof(size_t));
				ls[n++] = (size_t)(q + 1 - s);
			}
		}
		if (!nl)
			break;
		if (n == cap)
			ls = xgrow(ls, n + 1, &cap, sizeof(size_t));
		ls[n++] = (size_t)(nl + 1 - s);
		p = nl + 1;
	}
	/* A final line terminator does not start another line. */
	if (n > 1 && ls[n - 1] == doc->len)
		n--;
	doc->line_starts = arena_memdup(&doc->arena, ls, n * sizeof(size_t));
	doc->nlines = n;
	free(ls);
}

/* ---- reading and validation ---- */

static struct doc *doc_new(const char *path, const struct doc_options *opt)
{
	struct doc *doc = xcalloc(1, sizeof(*doc));
	doc->arena = (struct arena)ARENA_INIT;
	doc->path = arena_strdup(&doc->arena, path);
	const char *lang = opt && opt->lang ? opt->lang : doc_lang_from_path(&doc->arena, path);
	doc->lang = lang ? arena_strdup(&doc->arena, lang) : "en";
	return doc;
}

static void doc_fail(struct doc *doc, enum doc_status st, unsigned line, unsigned col,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The one error of a rejected file; stored as notes[0]. `line` 0 means
 * the file as a whole. The status is remembered in the note's rule. */
static void doc_fail(struct doc *doc, enum doc_status st, unsigned line, unsigned col,
                     const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	doc->status = st;
	doc->notes = arena_calloc(&doc->arena, 1, sizeof(struct note));
	doc->nnotes = 1;
	doc->notes[0].severity = NOTE_ERROR;
	doc->notes[0].rule = "invalid-input";
	doc->notes[0].line = line;
	doc->notes[0].col = col;
	doc->notes[0].message = arena_strndup(&doc->arena, sb.buf, sb.len);
	strbuf_release(&sb);
}

enum doc_status doc_status(const struct doc *doc)
{
	return doc->status;
}

/* After a failed read(): try again? Yes after EINTR, and after EAGAIN once
 * the descriptor is made blocking (files are opened with O_NONBLOCK). */
static bool read_again(int fd)
{
	if (errno == EINTR)
		return true;
	if (errno != EAGAIN && errno != EWOULDBLOCK)
		return false;
	int fl = fcntl(fd, F_GETFL);
	return fl >= 0 && (fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0;
}

/* Read a file into doc->src (in the arena, NUL-terminated). One buffer of
 * the size fstat() reports, plus one byte that shows whether the file grew
 * meanwhile: reads go straight into it, nothing is copied. Only a file that
 * grows goes on through a strbuf. */
static bool read_file(struct doc *doc, const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		doc_fail(doc, DOC_IO_ERROR, 0, 0, "cannot open: %s", strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		doc_fail(doc, DOC_IO_ERROR, 0, 0, "cannot stat: %s", strerror(errno));
		close(fd);
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		doc_fail(doc, DOC_IO_ERROR, 0, 0, "is a directory, not a Markdown file");
		close(fd);
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		doc_fail(doc, DOC_IO_ERROR, 0, 0, "not a regular file");
		close(fd);
		return false;
	}
	if ((unsigned long long)st.st_size > max) {
		doc_fail(doc, DOC_IO_ERROR, 0, 0,
		         "file is too large (%lld bytes; the limit is %zu bytes, see --max-size)",
		         (long long)st.st_size, max);
		close(fd);
		return false;
	}
	/* A regular file reads the same with O_NONBLOCK (it only kept open()
	 * from waiting on a FIFO); should a file system still say EAGAIN, the
	 * loop below goes back to blocking reads. */
	size_t cap = (size_t)st.st_size + 1;
	char *buf = arena_alloc(&doc->arena, cap + 1);
	size_t len = 0;
	while (len < cap) {
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (read_again(fd))
				continue;
			doc_fail(doc, DOC_IO_ERROR, 0, 0, "read error: %s", strerror(errno));
			close(fd);
			return false;
		}
		if (r == 0) {
			close(fd);
			buf[len] = '\0';
			doc->src = buf;
			doc->len = len;
			return true;
		}
		len += (size_t)r;
	}
	/* The file grew since fstat(). */
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, buf, len);
	for (;;) {
		if (sb.len > max) {
			doc_fail(doc, DOC_IO_ERROR, 0, 0,
			         "file is too large (the limit is %zu bytes, see --max-size)", max);
			close(fd);
			strbuf_release(&sb);
			return false;
		}
		strbuf_grow(&sb, 65536);
		ssize_t r = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (r < 0) {
			if (read_again(fd))
				continue;
			doc_fail(doc, DOC_IO_ERROR, 0, 0, "read error: %s", strerror(errno));
			close(fd);
			strbuf_release(&sb);
			return false;
		}
		if (r == 0)
			break;
		strbuf_setlen(&sb, sb.len + (size_t)r);
	}
	close(fd);
	doc->src = arena_strndup(&doc->arena, sb.buf, sb.len);
	doc->len = sb.len;
	strbuf_release(&sb);
	return true;
}

/* Line/column of a byte offset before the line index exists. */
static void raw_pos(const char *s, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1;
	size_t ls = 0;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			l++;
			ls = i + 1;
		}
	}
	*line = l;
	*col = (unsigned)utf8_count(s + ls, off - ls) + 1;
}

static bool validate(struct doc *doc)
{
	const char *nul = memchr(doc->src, '\0', doc->len);
	if (nul) {
		unsigned l, c;
		raw_pos(doc->src, (size_t)(nul - doc->src), &l, &c);
		doc_fail(doc, DOC_BAD_INPUT, l, c, "NUL byte in input (binary file?)");
		return false;
	}
	size_t bad;
	if (!utf8_validate(doc->src, doc->len, &bad)) {
		unsigned l, c;
		raw_pos(doc->src, bad, &l, &c);
		doc_fail(doc, DOC_BAD_INPUT, l, c, "invalid UTF-8 (byte 0x%02X)",
		         (unsigned)(unsigned char)doc->src[bad]);
		return false;
	}
	return true;
}

/* ---- front matter ---- */

static bool line_is(const struct doc *doc, unsigned line, const char *marker)
{
	size_t len;
	const char *s = line_text(doc, line, &len);
	/* the markers: "", "---", "+++", "..." */
	size_t m = marker[0] ? 3 : 0;
	if (len < m || memcmp(s, marker, m) != 0)
		return false;
	for (size_t i = m; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Sets b->fm_end to the end of the front matter's lines (0 when none): the
 * parser gets them blanked, so line numbers stay true. */
static bool split_front_matter(struct doc *doc, struct build *b)
{
	doc->fm = arena_calloc(&doc->arena, 1, sizeof(struct fm_node));
	doc->fm->kind = FM_MAP;
	if (!doc->nlines)
		return true;
	/* Hugo skips blank lines before the front matter. */
	unsigned first = 1;
	while (first <= doc->nlines && line_is(doc, first, ""))
		first++;
	if (first > doc->nlines)
		return true;
	size_t first_off = doc->line_starts[first - 1];
	const char *marker = NULL;
	if (line_is(doc, first, "---")) {
		marker = "---";
		doc->fm_format = FM_YAML;
	} else if (line_is(doc, first, "+++")) {
		marker = "+++";
		doc->fm_format = FM_TOML;
	} else if (doc->src[first_off] == '{') {
		doc->fm_format = FM_JSON;
	} else {
		return true;
	}
	unsigned close = 0;
	if (marker) {
		for (unsigned l = first + 1; l <= doc->nlines; l++) {
			if (line_is(doc, l, marker) ||
			    (doc->fm_format == FM_YAML && line_is(doc, l, "..."))) {
				close = l;
				break;
			}
		}
		if (!close) {
			doc_fail(doc, DOC_BAD_INPUT, first, 1,
			         "front matter opened with '%s' is never closed", marker);
			return false;
		}
	} else {
		/* JSON front matter: up to the line holding the matching '}'. */
		int depth = 0;
		bool instr = false;
		for (size_t i = first_off; i < doc->len; i++) {
			char c = doc->src[i];
			if (instr) {
				if (c == '\\')
					i++;
				else if (c == '"')
					instr = false;
			} else if (c == '"') {
				instr = true;
			} else if (c == '{') {
				depth++;
			} else if (c == '}' && --depth == 0) {
				close = off_line(doc, i);
				break;
			}
		}
		if (!close) {
			doc_fail(doc, DOC_BAD_INPUT, first, 1, "JSON front matter is never closed");
			return false;
		}
	}
	doc->fm_first_line = first;
	doc->fm_last_line = close;
	size_t end = close < doc->nlines ? doc->line_starts[close] : doc->len;
	b->fm_end = end;
	struct range *r = VEC_PUSH(b->code_ranges);
	r->start = 0;
	r->end = end;

	if (doc->fm_format != FM_YAML) {
		note_add(b, NOTE_WARNING, "unsupported-front-matter", first, 1,
		         "%s front matter is not supported; its keys are not checked",
		         doc->fm_format == FM_TOML ? "TOML" : "JSON");
		return true;
	}
	size_t ystart = first < doc->nlines ? doc->line_starts[first] : doc->len;
	size_t yend = doc->line_starts[close - 1];
	if (ystart > yend)
		ystart = yend;
	struct fm_error err;
	memset(&err, 0, sizeof(err));
	struct fm_node *root =
		fm_parse(&doc->arena, doc->src + ystart, yend - ystart, first + 1, &err);
	if (!root) {
		doc_fail(doc, DOC_BAD_INPUT, err.line ? err.line : first, err.col ? err.col : 1,
		         "front matter: %s", err.message);
		return false;
	}
	doc->fm = root;
	return true;
}

/* ---- the cmark walk ---- */

#ifdef CMARK_DIRECT
static inline cmark_node_type node_type(cmark_node *n)
{
	return (cmark_node_type)n->type;
}
static inline cmark_node *node_first_child(cmark_node *n)
{
	return n->first_child;
}
static inline cmark_node *node_next(cmark_node *n)
{
	return n->next;
}
static inline cmark_node *node_parent(cmark_node *n)
{
	return n->parent;
}
static inline bool node_has_extension(cmark_node *n)
{
	return n->extension != NULL;
}
static inline int node_start_line(cmark_node *n)
{
	return n->start_line;
}
static inline int node_start_column(cmark_node *n)
{
	return n->start_column;
}
static inline int node_end_line(cmark_node *n)
{
	return n->end_line;
}
static inline int node_end_column(cmark_node *n)
{
	return n->end_column;
}
/* The text of a TEXT or CODE node: what cmark_node_get_literal() returns
 * (cmark's inline texts hold no NUL byte: the input has none and
 * entities for U+0000 decode to U+FFFD), without copying it. */
static inline const char *node_text(cmark_node *n, size_t *len)
{
	*len = (size_t)n->as.literal.len;
	return n->as.literal.data ? (const char *)n->as.literal.data : "";
}
/* A link's title in the arena ("" for none: most links have none). */
static inline const char *node_title(cmark_node *n, struct arena *arena)
{
	const cmark_chunk *t = &n->as.link.title;
	return t->len ? arena_strndup(arena, (const char *)t->data, (size_t)t->len) : "";
}
#else
static inline cmark_node_type node_type(cmark_node *n)
{
	return cmark_node_get_type(n);
}
static inline cmark_node *node_first_child(cmark_node *n)
{
	return cmark_node_first_child(n);
}
static inline cmark_node *node_next(cmark_node *n)
{
	return cmark_node_next(n);
}
static inline cmark_node *node_parent(cmark_node *n)
{
	return cmark_node_parent(n);
}
static inline bool node_has_extension(cmark_node *n)
{
	return cmark_node_get_syntax_extension(n) != NULL;
}
static inline int node_start_line(cmark_node *n)
{
	return cmark_node_get_start_line(n);
}
static inline int node_start_column(cmark_node *n)
{
	return cmark_node_get_start_column(n);
}
static inline int node_end_line(cmark_node *n)
{
	return cmark_node_get_end_line(n);
}
static inline int node_end_column(cmark_node *n)
{
	return cmark_node_get_end_column(n);
}
static inline const char *node_text(cmark_node *n, size_t *len)
{
	const char *s = cmark_node_get_literal(n);
	*len = strlen(s);
	return s;
}
static inline const char *node_title(cmark_node *n, struct arena *arena)
{
	const char *t = cmark_node_get_title(n);
	return t && *t ? arena_strdup(arena, t) : "";
}
#endif

/* The nodes cmark's iterator gives one ENTER event only (its S_is_leaf);
 * every other node gets an EXIT event after its children. */
static inline bool node_is_leaf(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return true;
	default:
		return false;
	}
}

/* The event after (*np, *enter) in cmark_iter_next()'s order over the
 * subtree of root, without an iterator object: false when done. To skip
 * a node's children and its EXIT event, as cmark_iter_reset(it, n,
 * CMARK_EVENT_EXIT) does, clear *enter first. */
static inline bool walk_step(cmark_node *root, cmark_node **np, bool *enter)
{
	cmark_node *n = *np;
	if (*enter && !node_is_leaf(node_type(n))) {
		cmark_node *c = node_first_child(n);
		if (c)
			*np = c;
		else
			*enter = false;
		return true;
	}
	if (n == root)
		return false;
	cmark_node *next = node_next(n);
	if (next) {
		*np = next;
		*enter = true;
		return true;
	}
	*np = node_parent(n);
	*enter = false;
	return *np != NULL;
}

static const char *type_name(cmark_node *n)
{
	return cmark_node_get_type_string(n);
}

static void push_range(struct build *b, size_t start, size_t end)
{
	if (end <= start)
		return;
	struct range *r = VEC_PUSH(b->code_ranges);
	r->start = start;
	r->end = end;
}

static int add_block(struct build *b, enum block_kind kind, cmark_node *n)
{
	struct block *blk = VEC_PUSH(b->blocks);
	memset(blk, 0, sizeof(*blk));
	blk->kind = kind;
	blk->line = (unsigned)node_start_line(n);
	size_t off = offset_at(b->doc, blk->line, (unsigned)node_start_column(n));
	blk->col = col_on(b->doc, blk->line, off);
	blk->end_line = (unsigned)node_end_line(n);
	if (blk->end_line < blk->line)
		blk->end_line = blk->line;
	blk->parent = b->containers.n ? b->containers.v[b->containers.n - 1] : -1;
	blk->depth = (int)b->containers.n;
	blk->section = b->cur_section;
	blk->text = "";
	blk->prose = "";
	blk->info = "";
	return (int)(b->blocks.n - 1);
}

static const char *arena_sb(struct build *b, const struct strbuf *sb)
{
	return arena_strndup(&b->doc->arena, sb->buf, sb->len);
}

/* Byte offset of an inline node. cmark-gfm's inline positions are right
 * for most nodes but not for autolinks; when the byte at the reported
 * position is not what the node must start with, search forward from the
 * last inline found in this block. */
/* strchr(set, c) != NULL for a c that is not NUL (the text has none). */
static inline bool char_in(const char *set, char c)
{
	for (; *set; set++)
		if (*set == c)
			return true;
	return false;
}

static size_t inline_offset(struct build *b, cmark_node *n, const char *expect,
                            const char *needle)
{
	const struct doc *doc = b->doc;
	int line = node_start_line(n);
	int col = node_start_column(n);
	size_t off = doc->len;
	if (line > 0 && col > 0)
		off = offset_at(doc, (unsigned)line, (unsigned)col);
	if (off < doc->len && (!expect || char_in(expect, doc->src[off])) &&
	    off >= b->inline_cursor) {
		b->inline_cursor = off;
		return off;
	}
	if (needle && *needle) {
		const char *p = strstr(doc->src + b->inline_cursor, needle);
		if (p) {
			off = (size_t)(p - doc->src);
			if (expect && off > 0 && char_in(expect, doc->src[off - 1]))
				off--;
			b->inline_cursor = off;
			return off;
		}
	}
	if (off >= doc->len)
		off = b->inline_cursor < doc->len ? b->inline_cursor : doc->len;
	return off;
}

/* Plain text of an inline subtree (link text, image alt). */
static void inline_text(cmark_node *root, struct strbuf *out)
{
	cmark_node *n = root;
	bool enter = true;
	do {
		if (!enter || n == root)
			continue;
		switch (node_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			size_t len;
			const char *t = node_text(n, &len);
			strbuf_add(out, t, len);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			strbuf_addch(out, ' ');
			break;
		default:
			break;
		}
	} while (walk_step(root, &n, &enter));
}

static bool is_autolink(struct build *b, cmark_node *link)
{
	cmark_node *c = node_first_child(link);
	if (!c || node_next(c) || node_type(c) != CMARK_NODE_TEXT)
		return false;
	const char *url = cmark_node_get_url(link);
	if (!url)
		return false;
	/* strcmp() against the text, which holds no NUL: by length */
	size_t litlen;
	const char *lit = node_text(c, &litlen);
	size_t ulen = strlen(url);
	bool same = (ulen == litlen && memcmp(url, lit, litlen) == 0) ||
	            ((strncmp(url, "mailto:", 7) == 0 || strncmp(url, "http://", 7) == 0) &&
	             ulen - 7 == litlen && memcmp(url + 7, lit, litlen) == 0);
	if (!same)
		return false;
	/* [https://x](https://x) is an ordinary link. */
	int line = node_start_line(link);
	int col = node_start_column(link);
	if (line > 0 && col > 0) {
		size_t off = offset_at(b->doc, (unsigned)line, (unsigned)col);
		if (off < b->doc->len && b->doc->src[off] == '[') {
			size_t e = off + 1 + litlen;
			if (e < b->doc->len && b->doc->src[e] == ']')
				return false;
		}
	}
	return true;
}

/* Hugo's plain text of a heading (HUGO.md "Auto ID"): link and image
 * text kept, destinations dropped, code kept, raw HTML dropped, autolinks
 * dropped; for a multi-line setext heading only the last line counts. */
static void heading_plain_text(struct build *b, cmark_node *h, struct strbuf *out)
{
	cmark_node *n = h;
	bool enter = true;
	do {
		if (!enter || n == h)
			continue;
		switch (node_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			size_t len;
			const char *t = node_text(n, &len);
			strbuf_add(out, t, len);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			strbuf_reset(out);
			break;
		case CMARK_NODE_LINK:
			if (is_autolink(b, n))
				enter = false; /* skip the link's text */
			break;
		default:
			break;
		}
	} while (walk_step(h, &n, &enter));
}

/* Replace {{% heading "key" %}} by the locale's string, the way Hugo
 * renders the shortcode before Markdown. Returns the key seen, or NULL. */
static const char *resolve_heading_shortcode(struct build *b, struct strbuf *text,
                                             bool *unknown)
{
	*unknown = false;
	const char *key_out = NULL;
	/* A heading holds a handful of these; a hostile one thousands: stop
	 * after a bound (the ID is then a guess anyway). */
	for (int rounds = 0; rounds < 64; rounds++) {
		char *p = strstr(text->buf, "{{%");
		char *q = p ? strstr(p, "%}}") : NULL;
		if (!p || !q)
			break;
		const char *s = p + 3;
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncmp(s, "heading", 7) != 0 || (s[7] != ' ' && s[7] != '\t'))
			break;
		s += 7;
		while (*s == ' ' || *s == '\t')
			s++;
		char quote = (*s == '"' || *s == '`') ? *s : 0;
		if (quote)
			s++;
		const char *ke = s;
		while (ke < q && (quote ? *ke != quote : (*ke != ' ' && *ke != '\t')))
			ke++;
		const char *key = arena_strndup(&b->doc->arena, s, (size_t)(ke - s));
		const char *str = locale_heading(b->loc, key);
		if (!str) /* Hugo falls back to the default language's string */
			str = locale_heading(locale_get("en"), key);
		if (!str) {
			/* Hugo's T returns "" for a missing string */
			*unknown = true;
			str = "";
		}
		key_out = key;
		struct strbuf r = STRBUF_INIT;
		strbuf_add(&r, text->buf, (size_t)(p - text->buf));
		strbuf_addstr(&r, str);
		strbuf_addstr(&r, q + 3);
		strbuf_reset(text);
		strbuf_add(text, r.buf, r.len);
		strbuf_release(&r);
	}
	return key_out;
}

/* Replace Hugo's escaped shortcode forms by what they render as:
 * Hugo escapes a shortcode by wrapping its inside in a C-style comment; it
 * then renders as the plain text of the shortcode. Likewise with %. */
static void unescape_shortcodes(struct strbuf *sb)
{
	static const struct {
		const char *from, *to;
	} pairs[] = {{"{{<" "/*", "{{<"}, {"*" "/>}}", ">}}"}, {"{{%" "/*", "{{%"}, {"*" "/%}}", "%}}"}};
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		size_t fl = strlen(pairs[k].from), tl = strlen(pairs[k].to);
		char *p;
		while ((p = strstr(sb->buf, pairs[k].from)) != NULL) {
			memmove(p + tl, p + fl, sb->len - (size_t)(p - sb->buf) - fl + 1);
			memcpy(p, pairs[k].to, tl);
			sb->len -= fl - tl;
		}
	}
}

static void add_heading(struct build *b, cmark_node *n, int blk)
{
	struct doc *doc = b->doc;
	struct heading *h = VEC_PUSH(b->headings);
	memset(h, 0, sizeof(*h));
	h->level = cmark_node_get_heading_level(n);
	h->line = b->blocks.v[blk].line;
	h->col = b->blocks.v[blk].col;
	h->block = blk;
	int el = node_end_line(n);
	h->end_line = el > 0 ? (unsigned)el : h->line;

	/* Raw content: ATX: the line after the opening #s, closing sequence
	 * removed; setext: the last content line. */
	size_t len;
	const char *line = line_text(doc, h->line, &len);
	/* cmark's start column is the heading's own first byte, after any
	 * container prefix ("> ", list indentation). */
	int sc = node_start_column(n);
	size_t i = sc > 0 ? (size_t)sc - 1 : 0;
	if (i > len)
		i = len;
	h->setext = !(i < len && line[i] == '#');
	if (h->setext) {
		/* cmark-gfm may put the end one line past the underline: the
		 * last content line is the one before the first line, from the
		 * heading's second line on, made of '=' or '-' only. */
		unsigned last = h->line;
		for (unsigned l = h->line + 1; l <= h->end_line && l <= doc->nlines; l++) {
			size_t ul;
			const char *u = line_text(doc, l, &ul);
			size_t k = 0;
			while (k < ul && (u[k] == ' ' || u[k] == '\t' || u[k] == '>'))
				k++;
			char ch = k < ul ? u[k] : 0;
			bool under = ch == '=' || ch == '-';
			for (size_t m = k; under && m < ul; m++)
				if (u[m] != ch && u[m] != ' ' && u[m] != '\t')
					under = false;
			if (under) {
				h->end_line = l;
				break;
			}
			last = l;
		}
		line = line_text(doc, last, &len);
		if (i > len)
			i = len;
		while (i > 0 && line[i - 1] != ' ' && line[i - 1] != '\t' && line[i - 1] != '>')
			i--; /* continuation lines may be indented differently */
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
	} else {
		while (i < len && line[i] == '#')
			i++;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
	}
	struct anchor_attrs at;
	if (h->setext) {
		size_t e = len;
		while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\t'))
			e--;
		h->raw = arena_strndup(&doc->arena, line + i, e - i);
		anchor_parse_attrs(line + i, e - i, &at);
	} else {
		/* goldmark's ATX rules: closing sequence, "## a ## {#id}". */
		size_t tl = anchor_parse_atx(line + i, len - i, &at);
		h->raw = arena_strndup(&doc->arena, line + i, tl);
	}

	strbuf_reset(&b->tmp);
	heading_plain_text(b, n, &b->tmp);
	if (at.found) {
		/* The attribute block is the tail of the plain text too: cut at
		 * its last '{'. */
		char *brace = strrchr(b->tmp.buf, '{');
		if (brace)
			strbuf_setlen(&b->tmp, (size_t)(brace - b->tmp.buf));
		strbuf_rtrim(&b->tmp);
		/* "## Heading ## {.cls}": cmark keeps the closing sequence in
		 * the text when attributes follow it; goldmark does not. */
		size_t rl = strlen(h->raw);
		if (!h->setext && (rl == 0 || h->raw[rl - 1] != '#')) {
			size_t e = b->tmp.len;
			while (e > 0 && b->tmp.buf[e - 1] == '#')
				e--;
			if (e < b->tmp.len && (e == 0 || b->tmp.buf[e - 1] == ' ' || b->tmp.buf[e - 1] == '\t'))
				strbuf_setlen(&b->tmp, e);
		}
	}
	strbuf_rtrim(&b->tmp);
	/* Leading blanks cannot remain after cmark, but be safe. */
	bool unknown = false;
	/* Shortcodes and their escapes all start with "{{": without a '{'
	 * the text has none (the common case). */
	bool braces = memchr(b->tmp.buf, '{', b->tmp.len) != NULL;
	h->i18n_key = braces ? resolve_heading_shortcode(b, &b->tmp, &unknown) : NULL;
	if (unknown)
		note_add(b, NOTE_WARNING, "unknown-heading-string", h->line, h->col,
		         "no %s string for {{%% heading \"%s\" %%}}; its ID is a guess "
		         "(add it to locales/%s.yaml)",
		         doc->lang, h->i18n_key, doc->lang);
	/* A "{{<" followed by a comment opener is Hugo's escape: it renders
	 * as the text of the shortcode, not its output. */
	bool live = false;
	if (braces)
		braces = memchr(b->tmp.buf, '{', b->tmp.len) != NULL; /* after the replacements */
	for (const char *p = braces ? strstr(b->tmp.buf, "{{<") : NULL; p; p = strstr(p + 3, "{{<")) {
		const char *q = p + 3;
		while (*q == ' ')
			q++;
		if (!(q[0] == '/' && q[1] == '*'))
			live = true;
	}
	if (braces)
		unescape_shortcodes(&b->tmp);
	if (live) {
		h->unpredictable = true;
		if (!(at.found && at.has_id))
			note_add(b, NOTE_WARNING, "unpredictable-id", h->line, h->col,
			         "heading contains a {{< >}} shortcode, so Hugo's ID for it is "
			         "an internal placeholder; give it an explicit {#id}");
	}
	h->text = arena_sb(b, &b->tmp);

	if (at.found && at.has_id) {
		struct strbuf id = STRBUF_INIT;
		anchor_attrs_copy_id(&at, &id);
		h->id = arena_sb(b, &id);
		strbuf_release(&id);
		h->explicit_id = true;
		anchor_set_put(doc->ids, h->id);
	} else {
		struct strbuf id = STRBUF_INIT;
		anchor_make(doc->ids, b->opt->anchor_style, b->tmp.buf, b->tmp.len, &id);
		h->id = arena_sb(b, &id);
		strbuf_release(&id);
	}
	b->blocks.v[blk].text = h->text;
	b->blocks.v[blk].prose = h->text;
}

/* Page-part markers used on kubernetes.io concept and task pages. */
static bool is_marker(const char *s, size_t len)
{
	static const char *const markers[] = {
		"overview", "body", "whatsnext", "prerequisites", "objectives",
		"lessoncontent", "cleanup", "steps", "discussion", "synopsis",
		"options", "seealso", "options from parent commands",
	};
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (strlen(markers[i]) == len && memcmp(markers[i], s, len) == 0)
			return true;
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Scan raw HTML at byte offset `base` of the source (lit is its text)
 * for comments and id=/name= anchors. */
static void scan_html(struct build *b, const char *lit, size_t base, int blk)
{
	struct doc *doc = b->doc;
	size_t len = strlen(lit);
	size_t i = 0;
	while (i < len) {
		const char *lt = memchr(lit + i, '<', len - i);
		if (!lt)
			break;
		i = (size_t)(lt - lit);
		if (strncmp(lit + i, "<!--", 4) == 0) {
			const char *end = memmem(lit + i + 4, len - (i + 4), "-->", 3);
			size_t s = i + 4, e = end ? (size_t)(end - lit) : len;
			size_t ts = s, te = e;
			while (ts < te && is_space(lit[ts]))
				ts++;
			while (te > ts && is_space(lit[te - 1]))
				te--;
			struct comment *c = VEC_PUSH(b->comments);
			c->text = arena_strndup(&doc->arena, lit + ts, te - ts);
			c->marker = is_marker(lit + ts, te - ts);
			size_t off = base + i < doc->len ? base + i : doc->len;
			off_pos(doc, off, &c->line, &c->col);
			c->block = blk;
			c->section = b->cur_section;
			i = end ? e + 3 : len;
			continue;
		}
		/* A start tag: <name attr=value ...> */
		size_t j = i + 1;
		size_t ns = j;
		while (j < len && ((lit[j] >= 'a' && lit[j] <= 'z') || (lit[j] >= 'A' && lit[j] <= 'Z') ||
		                   (lit[j] >= '0' && lit[j] <= '9') || lit[j] == '-'))
			j++;
		if (j == ns) {
			i++;
			continue;
		}
		bool is_a = j - ns == 1 && (lit[ns] == 'a' || lit[ns] == 'A');
		while (j < len && lit[j] != '>') {
			while (j < len && is_space(lit[j]))
				j++;
			size_t as = j;
			while (j < len && !is_space(lit[j]) && lit[j] != '=' && lit[j] != '>' &&
			       lit[j] != '/')
				j++;
			size_t ae = j;
			if (ae == as) {
				if (j < len && lit[j] != '>')
					j++;
				continue;
			}
			while (j < len && is_space(lit[j]))
				j++;
			if (j >= len || lit[j] != '=')
				continue;
			j++;
			while (j < len && is_space(lit[j]))
				j++;
			size_t vs, ve;
			if (j < len && (lit[j] == '"' || lit[j] == '\'')) {
				char q = lit[j++];
				vs = j;
				while (j < len && lit[j] != q)
					j++;
				ve = j;
				if (j < len)
					j++;
			} else {
				vs = j;
				while (j < len && !is_space(lit[j]) && lit[j] != '>')
					j++;
				ve = j;
			}
			size_t alen = ae - as;
			bool id = alen == 2 && strncasecmp(lit + as, "id", 2) == 0;
			bool name = is_a && alen == 4 && strncasecmp(lit + as, "name", 4) == 0;
			if ((id || name) && ve > vs) {
				struct html_anchor *a = VEC_PUSH(b->anchors);
				a->id = arena_strndup(&doc->arena, lit + vs, ve - vs);
				a->is_name = name;
				size_t off = base + i < doc->len ? base + i : doc->len;
				off_pos(doc, off, &a->line, &a->col);
				a->block = blk;
				a->section = b->cur_section;
			}
		}
		i = j;
	}
}

static int text_block_of(struct build *b)
{
	return b->text_block;
}

static void add_link(struct build *b, cmark_node *n, bool image)
{
	struct doc *doc = b->doc;
	const char *url = cmark_node_get_url(n);
	if (!url)
		url = "";
	bool autolink = !image && is_autolink(b, n);
	strbuf_reset(&b->tmp);
	if (autolink)
		strbuf_addch(&b->tmp, '<');
	strbuf_addstr(&b->tmp, autolink ? url : "");
	size_t off;
	if (autolink) {
		const char *lit = cmark_node_get_literal(node_first_child(n));
		off = inline_offset(b, n, "<hwHW", lit);
	} else {
		off = inline_offset(b, n, image ? "!" : "[", url);
	}
	struct link *l = VEC_PUSH(b->links);
	memset(l, 0, sizeof(*l));
	l->image = image;
	l->dest = arena_strdup(&doc->arena, url);
	l->title = node_title(n, &doc->arena);
	off_pos(doc, off, &l->line, &l->col);
	l->block = text_block_of(b);
	l->section = b->cur_section;
	if (autolink) {
		l->kind = LINK_AUTOLINK;
	} else {
		l->kind = LINK_INLINE;
		int el = node_end_line(n), ec = node_end_column(n);
		if (el > 0 && ec > 0) {
			size_t eo = offset_at(doc, (unsigned)el, (unsigned)ec);
			if (eo < doc->len && doc->src[eo] == ']')
				l->kind = LINK_REFERENCE;
		}
	}
	strbuf_reset(&b->tmp);
	inline_text(n, &b->tmp);
	l->text = arena_sb(b, &b->tmp);
	const char *hash = strchr(url, '#');
	if (hash) {
		strbuf_reset(&b->tmp);
		if (!anchor_decode_fragment(hash + 1, strlen(hash + 1), &b->tmp)) {
			/* not UTF-8 once decoded: keep it as written (it names no
			 * ID either way, and messages stay valid UTF-8) */
			strbuf_reset(&b->tmp);
			strbuf_addstr(&b->tmp, hash + 1);
		}
		l->fragment = arena_sb(b, &b->tmp);
	}
}

static void add_code_span(struct build *b, cmark_node *n, const char *lit, size_t litlen)
{
	struct doc *doc = b->doc;
	size_t off = inline_offset(b, n, NULL, NULL);
	/* cmark points at the content, after the backticks. */
	size_t start = off;
	while (start > 0 && doc->src[start - 1] == '`')
		start--;
	struct code_span *c = VEC_PUSH(b->codes);
	c->text = arena_strndup(&doc->arena, lit, litlen);
	off_pos(doc, start, &c->line, &c->col);
	c->block = text_block_of(b);
	c->section = b->cur_section;
	size_t end = off;
	int el = node_end_line(n), ec = node_end_column(n);
	if (el > 0 && ec > 0)
		end = offset_at(doc, (unsigned)el, (unsigned)ec) + 1;
	while (end < doc->len && doc->src[end] == '`')
		end++;
	push_range(b, start, end);
}

/* kubernetes.io's heading shortcodes: a paragraph that is only
 * {{% whatsnext-heading %}} (also _heading, and {{< >}}) renders
 * <h2 id="{{ T "whatsnext_heading" | anchorize }}">: a level-2 heading
 * whose ID is the sanitized i18n string, outside goldmark's ID set (no
 * -1 suffix). Returns true when n was such a paragraph (recorded as a
 * heading; its children are skipped). */
static bool shortcode_heading(struct build *b, cmark_node *n)
{
	struct doc *doc = b->doc;
	int sl = node_start_line(n), el = node_end_line(n);
	if (sl <= 0 || sl != el)
		return false;
	size_t len;
	const char *line = line_text(doc, (unsigned)sl, &len);
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	while (len > i && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len - i < 8 || line[i] != '{' || line[i + 1] != '{')
		return false;
	char d = line[i + 2];
	if ((d != '%' && d != '<') || line[len - 1] != '}' || line[len - 2] != '}' ||
	    line[len - 3] != (d == '<' ? '>' : '%'))
		return false;
	size_t s = i + 3, e = len - 3;
	while (s < e && line[s] == ' ')
		s++;
	while (e > s && line[e - 1] == ' ')
		e--;
	static const char suffix[] = "heading";
	size_t sl2 = sizeof(suffix) - 1;
	const char *key;
	const char *cap = NULL;
	size_t caplen = 0;
	if (e - s > 8 && memcmp(line + s, "capture ", 8) == 0) {
		static const char *const keys[] = {"prerequisites", "objectives", "cleanup", "whatsnext"};
		cap = line + s + 8;
		while (cap < line + e && *cap == ' ')
			cap++;
		caplen = (size_t)(line + e - cap);
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (strlen(keys[k]) == caplen && memcmp(keys[k], cap, caplen) == 0)
				goto capture;
		return false;
	}
	if (e - s <= sl2 + 1 || memcmp(line + e - sl2, suffix, sl2) != 0 ||
	    (line[e - sl2 - 1] != '-' && line[e - sl2 - 1] != '_'))
		return false;
	for (size_t k = s; k < e - sl2 - 1; k++)
		if (line[k] < 'a' || line[k] > 'z')
			return false;
	key = arena_strndup(&doc->arena, line + s, e - sl2 - 1 - s);
	goto found;
capture:
	/* the old content templates: {{% capture whatsnext %}} renders an
	 * <h2> with the same string (the task, tutorial and concept templates) */
	key = arena_strndup(&doc->arena, cap, caplen);
found:;
	const char *str = locale_heading(b->loc, key);
	if (!str)
		str = locale_heading(locale_get("en"), key);
	if (!str)
		return false;
	int blk = add_block(b, BLOCK_HEADING, n);
	b->cur_section = (int)b->headings.n + 1;
	b->blocks.v[blk].section = b->cur_section;
	struct heading *h = VEC_PUSH(b->headings);
	memset(h, 0, sizeof(*h));
	h->level = 2;
	h->line = h->end_line = (unsigned)sl;
	h->col = b->blocks.v[blk].col;
	h->block = blk;
	h->raw = arena_strndup(&doc->arena, line + i, len - i);
	h->text = str;
	h->i18n_key = key;
	h->from_shortcode = true;
	struct strbuf id = STRBUF_INIT;
	anchor_sanitize(b->opt->anchor_style, str, strlen(str), &id);
	h->id = arena_sb(b, &id);
	anchor_set_put(doc->ids, h->id);
	strbuf_release(&id);
	b->blocks.v[blk].text = b->blocks.v[blk].prose = h->text;
	return true;
}

/* A text block's prose is its text until a code span, an autolink's text
 * or inline HTML makes them differ: only then is it written, starting as
 * a copy of the text so far. */
static void prose_split(struct build *b)
{
	if (!b->prose_same)
		return;
	strbuf_reset(&b->prose);
	strbuf_add(&b->prose, b->text.buf, b->text.len);
	b->prose_same = false;
}

/* Store the text and prose of the block being closed (one string when
 * they are the same). */
static void end_text_block(struct build *b)
{
	struct block *bl = &b->blocks.v[b->text_block];
	bl->text = arena_sb(b, &b->text);
	bl->prose = b->prose_same ? bl->text : arena_sb(b, &b->prose);
}

static void walk(struct build *b, cmark_node *root)
{
	struct doc *doc = b->doc;
	cmark_node *n = root;
	bool enter = true;
	do {
		cmark_node_type t = node_type(n);
		const char *ext = NULL;
		if (node_has_extension(n))
			ext = type_name(n);

		if (ext) {
			if (strcmp(ext, "table") == 0) {
				if (enter) {
					int blk = add_block(b, BLOCK_TABLE, n);
					b->text_block = blk;
					strbuf_reset(&b->text);
					b->prose_same = true;
					b->table_rows = 0;
					int rows = 0, cols = 0;
					for (cmark_node *r = node_first_child(n); r; r = node_next(r)) {
						rows++;
						if (rows == 1)
							for (cmark_node *c = node_first_child(r); c; c = node_next(c))
								cols++;
					}
					b->blocks.v[blk].rows = rows;
					b->blocks.v[blk].cols = cols;
					b->inline_cursor = offset_at(doc, b->blocks.v[blk].line, 1);
				} else {
					if (b->text_block >= 0)
						end_text_block(b);
					b->text_block = -1;
				}
			} else if (strcmp(ext, "table_header") == 0 || strcmp(ext, "table_row") == 0) {
				if (enter) {
					if (b->table_rows++) {
						strbuf_addch(&b->text, '\n');
						if (!b->prose_same)
							strbuf_addch(&b->prose, '\n');
					}
					b->table_cells = 0;
				}
			} else if (strcmp(ext, "table_cell") == 0) {
				if (enter && b->table_cells++) {
					strbuf_addstr(&b->text, " | ");
					if (!b->prose_same)
						strbuf_addstr(&b->prose, " | ");
				}
			} else if (strcmp(ext, "strikethrough") == 0) {
				/* inline container: nothing to record */
			}
			continue;
		}

		switch (t) {
		case CMARK_NODE_HEADING:
			if (enter) {
				int blk = add_block(b, BLOCK_HEADING, n);
				/* The section index is fixed up in build_sections; mark the
				 * block as opening a new one. */
				b->cur_section = (int)b->headings.n + 1;
				b->blocks.v[blk].section = b->cur_section;
				b->inline_cursor = offset_at(doc, b->blocks.v[blk].line, 1);
				add_heading(b, n, blk);
				b->text_block = blk;
			} else {
				b->text_block = -1;
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (enter && shortcode_heading(b, n)) {
				b->text_block = -1;
				enter = false; /* its children and exit are skipped */
			} else if (enter) {
				int blk = add_block(b, BLOCK_PARAGRAPH, n);
				b->text_block = blk;
				strbuf_reset(&b->text);
				b->prose_same = true;
				b->inline_cursor = offset_at(doc, b->blocks.v[blk].line, 1);
			} else {
				if (b->text_block >= 0)
					end_text_block(b);
				b->text_block = -1;
			}
			break;
		case CMARK_NODE_CODE_BLOCK: {
			int blk = add_block(b, BLOCK_CODE, n);
			struct block *bl = &b->blocks.v[blk];
			const char *lit = cmark_node_get_literal(n);
			const char *info = cmark_node_get_fence_info(n);
			bl->text = arena_strdup(&doc->arena, lit ? lit : "");
			bl->info = arena_strdup(&doc->arena, info ? info : "");
			int flen = 0, foff = 0;
			char fch = 0;
			bl->fenced = cmark_node_get_fenced(n, &flen, &foff, &fch) != 0;
			size_t s = offset_at(doc, bl->line, 1);
			size_t e = bl->end_line < doc->nlines ? doc->line_starts[bl->end_line] : doc->len;
			push_range(b, s, e);
			break;
		}
		case CMARK_NODE_HTML_BLOCK: {
			int blk = add_block(b, BLOCK_HTML, n);
			struct block *bl = &b->blocks.v[blk];
			const char *lit = cmark_node_get_literal(n);
			bl->text = arena_strdup(&doc->arena, lit ? lit : "");
			scan_html(b, bl->text, offset_at(doc, bl->line, (unsigned)node_start_column(n)), blk);
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
			add_block(b, BLOCK_THEMATIC, n);
			break;
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
		case CMARK_NODE_BLOCK_QUOTE:
			if (enter) {
				enum block_kind k = t == CMARK_NODE_LIST ? BLOCK_LIST
				                    : t == CMARK_NODE_ITEM ? BLOCK_ITEM
				                                           : BLOCK_QUOTE;
				int blk = add_block(b, k, n);
				if (t == CMARK_NODE_LIST) {
					int items = 0;
					for (cmark_node *c = node_first_child(n); c; c = node_next(c))
						items++;
					b->blocks.v[blk].nitems = items;
					b->blocks.v[blk].ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
				}
				*VEC_PUSH(b->containers) = blk;
			} else if (b->containers.n) {
				b->containers.n--;
			}
			break;
		case CMARK_NODE_TEXT: {
			size_t len;
			const char *lit = node_text(n, &len);
			if (b->in_autolink)
				prose_split(b);
			else if (!b->prose_same)
				strbuf_add(&b->prose, lit, len);
			strbuf_add(&b->text, lit, len);
			break;
		}
		case CMARK_NODE_CODE: {
			size_t len;
			const char *lit = node_text(n, &len);
			prose_split(b);
			strbuf_add(&b->text, lit, len);
			strbuf_addch(&b->prose, ' ');
			add_code_span(b, n, lit, len);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			strbuf_addch(&b->text, '\n');
			if (!b->prose_same)
				strbuf_addch(&b->prose, '\n');
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (enter) {
				add_link(b, n, t == CMARK_NODE_IMAGE);
				if (b->links.v[b->links.n - 1].kind == LINK_AUTOLINK)
					b->in_autolink++;
			} else if (b->in_autolink && t == CMARK_NODE_LINK && is_autolink(b, n)) {
				b->in_autolink--;
			}
			break;
		case CMARK_NODE_HTML_INLINE: {
			const char *lit = cmark_node_get_literal(n);
			if (lit) {
				size_t off = inline_offset(b, n, "<", lit);
				scan_html(b, lit, off, b->text_block);
			}
			/* a tag separates words: magic<sup>2</sup> is not "magic2" */
			prose_split(b);
			strbuf_addch(&b->prose, ' ');
			break;
		}
		default:
			break;
		}
	} while (walk_step(root, &n, &enter));
}

/* ---- sections ---- */

static void build_sections(struct build *b)
{
	struct doc *doc = b->doc;
	size_t nh = b->headings.n;
	doc->nsections = nh + 1;
	doc->sections = arena_calloc(&doc->arena, doc->nsections, sizeof(struct section));
	struct section *s0 = &doc->sections[0];
	s0->heading = -1;
	s0->parent = -1;
	s0->level = 0;
	s0->first_line = 1;
	s0->last_line = doc->nlines;
	s0->first_block = 0;
	s0->end_block = nh ? b->headings.v[0].block : (int)b->blocks.n;
	/* stack of open sections by level */
	int stack[8];
	int depth = 0;
	for (size_t i = 0; i < nh; i++) {
		struct heading *h = &b->headings.v[i];
		struct section *s = &doc->sections[i + 1];
		h->section = (int)i + 1;
		s->heading = (int)i;
		s->level = h->level;
		s->first_line = h->line;
		s->first_block = h->block;
		s->end_block = i + 1 < nh ? b->headings.v[i + 1].block : (int)b->blocks.n;
		while (depth && doc->sections[stack[depth - 1]].level >= h->level) {
			doc->sections[stack[depth - 1]].last_line = h->line > 1 ? h->line - 1 : 1;
			depth--;
		}
		s->parent = depth ? stack[depth - 1] : -1;
		if (depth < 8)
			stack[depth++] = (int)i + 1;
	}
	while (depth)
		doc->sections[stack[--depth]].last_line = doc->nlines;
	if (nh)
		s0->last_line = b->headings.v[0].line > 1 ? b->headings.v[0].line - 1 : 1;
}

/* ---- shortcodes ---- */

static int range_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static bool skip_code(void *ctx, size_t off, size_t *skip_to)
{
	struct build *b = ctx;
	size_t lo = 0, hi = b->code_ranges.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->code_ranges.v[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Ranges may overlap (a code span inside front matter is impossible,
	 * but nested code ranges are harmless): check a few candidates. */
	for (size_t k = lo; k < b->code_ranges.n && b->code_ranges.v[k].start <= off; k++) {
		if (off < b->code_ranges.v[k].end) {
			*skip_to = b->code_ranges.v[k].end;
			return true;
		}
	}
	return false;
}

/* Innermost leaf block containing line, -1. */
static int block_at_line(struct doc *doc, unsigned line)
{
	int best = -1;
	size_t lo = 0, hi = doc->nblocks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->blocks[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k-- > 0;) {
		struct block *bl = &doc->blocks[k];
		if (bl->line <= line && line <= bl->end_line) {
			if (bl->kind != BLOCK_LIST && bl->kind != BLOCK_ITEM && bl->kind != BLOCK_QUOTE)
				return (int)k;
			if (best < 0)
				best = (int)k;
		}
		if (bl->depth == 0 && bl->end_line < line)
			break;
	}
	return best;
}

static int section_at_line(struct doc *doc, unsigned line)
{
	size_t lo = 0, hi = doc->nheadings;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->headings[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo; /* section index: heading lo-1 opens section lo */
}

/* ---- public entry points ---- */

#define COPY_VEC(dst, ndst, vec)                                               \
	do {                                                                       \
		(ndst) = (vec).n;                                                      \
		(dst) = arena_memdup(&doc->arena, (vec).v, (vec).n * sizeof(*(vec).v)); \
		free((vec).v);                                                         \
	} while (0)

static cmark_llist *extensions;

static void extensions_init(void)
{
	if (extensions)
		return;
	cmark_gfm_core_extensions_ensure_registered();
	static const char *const names[] = {"table", "strikethrough", "autolink"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(names[i]);
		if (e)
			extensions = cmark_llist_append(cmark_get_default_mem_allocator(), extensions, e);
	}
}

void doc_global_init(void)
{
	extensions_init();
}

/* True when some line from line index k on could be the delimiter row of a
 * GFM table: after indentation and block-quote markers, only '|', ':', '-',
 * spaces and tabs, with a '-' and a '|' or ':'. (A row of dashes alone is a
 * thematic break or a setext underline: the table extension never sees
 * it.) Exact enough to be safe: every delimiter row passes, and most texts
 * have none. Lines end at LF, CR or CRLF, as in the line index. */
static bool may_have_table(const struct doc *doc, size_t k)
{
	const char *s = doc->src;
	for (; k < doc->nlines; k++) {
		size_t i = doc->line_starts[k];
		size_t e = k + 1 < doc->nlines ? doc->line_starts[k + 1] : doc->len;
		while (i < e && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
			i++;
		bool dash = false, bar = false;
		for (; i < e; i++) {
			char c = s[i];
			if (c == '-')
				dash = true;
			else if (c == '|' || c == ':')
				bar = true;
			else if (c == '\n' || c == '\r')
				break;
			else if (c != ' ' && c != '\t')
				break;
		}
		if (dash && bar && (i == e || s[i] == '\n' || s[i] == '\r'))
			return true;
	}
	return false;
}

static void model(struct doc *doc, const struct doc_options *opt)
{
	struct build b;
	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.opt = opt;
	b.loc = locale_get(doc->lang);
	b.text_block = -1;
	b.text = (struct strbuf)STRBUF_INIT;
	b.prose = (struct strbuf)STRBUF_INIT;
	b.tmp = (struct strbuf)STRBUF_INIT;
	doc->ids = anchor_set_new();

	index_lines(doc);
	/* Room for the blocks of most pages up front: one block per four
	 * lines is more than pages have (growing copies the array). */
	b.blocks.alloc = doc->nlines / 4 + 16;
	b.blocks.v = xmalloc(b.blocks.alloc * sizeof(*b.blocks.v));
	/* Links, code spans and their ranges: likewise, rarely one per 8 lines. */
	b.links.alloc = b.codes.alloc = b.code_ranges.alloc = doc->nlines / 8 + 16;
	b.links.v = xmalloc(b.links.alloc * sizeof(*b.links.v));
	b.codes.v = xmalloc(b.codes.alloc * sizeof(*b.codes.v));
	b.code_ranges.v = xmalloc(b.code_ranges.alloc * sizeof(*b.code_ranges.v));
	if (!split_front_matter(doc, &b)) {
		free(b.blocks.v);
		free(b.links.v);
		free(b.codes.v);
		free(b.code_ranges.v);
		free(b.notes.v);
		return;
	}

	extensions_init();
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES,
	                                           parsemem_get());
	for (cmark_llist *l = extensions; l; l = l->next)
		cmark_parser_attach_syntax_extension(p, l->data);
	/* cmark-gfm 0.29 keeps the table of special inline characters in one
	 * global: every inline pass adds the extensions' characters (':' and
	 * 'w' for autolinks, '~' for strikethrough) and removes them after it,
	 * so two inline passes at once lose autolinks and strikethrough
	 * (cmark-gfm PR #176). Inline passes run in cmark_parser_finish() and,
	 * for the cells of a table header, inside cmark_parser_feed(). So: one
	 * finish at a time, and the feed of a text that may hold a table under
	 * the same lock. (Making the table constant is not possible: the
	 * strikethrough extension finds its delimiters through the same
	 * character lists.) */
	static pthread_mutex_t inline_lock = PTHREAD_MUTEX_INITIALIZER;
	/* The front matter goes to the parser as blanks (line terminators
	 * kept), the body as it is: src[fm_end] starts a line, so two feeds
	 * parse as the one blanked copy would. Blank lines hold no table. */
	size_t fm_end = b.fm_end;
	bool table = may_have_table(doc, fm_end ? doc->fm_last_line : 0);
	if (table)
		pthread_mutex_lock(&inline_lock);
	if (fm_end) {
		char *blank = xmalloc(fm_end);
		size_t i = 0;
#if defined(__SSE2__)
		/* 16 bytes at a time: line terminators kept, the rest spaces */
		const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
		const __m128i sp = _mm_set1_epi8(' ');
		for (; i + 16 <= fm_end; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(doc->src + i));
			__m128i eol = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
			__m128i r = _mm_or_si128(_mm_and_si128(eol, v), _mm_andnot_si128(eol, sp));
			_mm_storeu_si128((__m128i *)(void *)(blank + i), r);
		}
#endif
		for (; i < fm_end; i++) {
			char c = doc->src[i];
			blank[i] = c == '\n' || c == '\r' ? c : ' ';
		}
		cmark_parser_feed(p, blank, fm_end);
		free(blank);
	}
	cmark_parser_feed(p, doc->src + fm_end, doc->len - fm_end);
	if (!table)
		pthread_mutex_lock(&inline_lock);
	cmark_node *root = cmark_parser_finish(p);
	pthread_mutex_unlock(&inline_lock);

	walk(&b, root);
	/* The tree and the parser were allocated by parsemem: no need to free
	 * them node by node; the reset takes all of it back. */
	(void)root;
	parsemem_reset();

	build_sections(&b);
	COPY_VEC(doc->headings, doc->nheadings, b.headings);
	COPY_VEC(doc->blocks, doc->nblocks, b.blocks);
	/* Blocks recorded the section number current when they started. */
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].section < 0 || (size_t)doc->blocks[i].section >= doc->nsections)
			doc->blocks[i].section = 0;

	/* HTML anchors share the page's ID namespace. */
	for (size_t i = 0; i < b.anchors.n; i++)
		anchor_set_put(doc->ids, b.anchors.v[i].id);

	/* Ranges are mostly recorded in order. Strictly increasing starts
	 * have one sorted order, whatever the sort: then skip qsort(). */
	bool sorted = true;
	for (size_t i = 1; i < b.code_ranges.n && sorted; i++)
		sorted = b.code_ranges.v[i - 1].start < b.code_ranges.v[i].start;
	if (!sorted)
		qsort(b.code_ranges.v, b.code_ranges.n, sizeof(struct range), range_cmp);
	sc_scan(&doc->arena, doc->src, doc->len, doc->line_starts, doc->nlines, skip_code, &b,
	        &doc->shortcodes);
	for (size_t i = 0; i < doc->shortcodes.n; i++) {
		struct shortcode *sc = &doc->shortcodes.items[i];
		sc->block = block_at_line(doc, sc->line);
		sc->section = section_at_line(doc, sc->line);
	}

	COPY_VEC(doc->links, doc->nlinks, b.links);
	COPY_VEC(doc->codes, doc->ncodes, b.codes);
	COPY_VEC(doc->anchors, doc->nanchors, b.anchors);
	COPY_VEC(doc->comments, doc->ncomments, b.comments);
	COPY_VEC(doc->notes, doc->nnotes, b.notes);
	free(b.code_ranges.v);
	free(b.containers.v);
	strbuf_release(&b.text);
	strbuf_release(&b.prose);
	strbuf_release(&b.tmp);
}

static struct doc *finish_load(struct doc *doc, const struct doc_options *opt)
{
	if (doc->len >= 3 && memcmp(doc->src, "\xEF\xBB\xBF", 3) == 0) {
		doc->had_bom = true;
		memmove(doc->src, doc->src + 3, doc->len - 2);
		doc->len -= 3;
	}
	if (!validate(doc))
		return doc;
	model(doc, opt);
	return doc;
}

struct doc *doc_load(const char *path, const struct doc_options *opt)
{
	struct doc_options def = {ANCHOR_BLACKFRIDAY, 0, NULL};
	if (!opt)
		opt = &def;
	struct doc *doc = doc_new(path, opt);
	size_t max = opt->max_size ? opt->max_size : DEFAULT_MAX_SIZE;
	if (!read_file(doc, path, max))
		return doc;
	return finish_load(doc, opt);
}

struct doc *doc_load_buffer(const char *path, const char *data, size_t len,
                            const struct doc_options *opt)
{
	struct doc_options def = {ANCHOR_BLACKFRIDAY, 0, NULL};
	if (!opt)
		opt = &def;
	struct doc *doc = doc_new(path, opt);
	size_t max = opt->max_size ? opt->max_size : DEFAULT_MAX_SIZE;
	if (len > max) {
		doc_fail(doc, DOC_IO_ERROR, 0, 0,
		         "file is too large (%zu bytes; the limit is %zu bytes, see --max-size)", len,
		         max);
		return doc;
	}
	doc->src = arena_strndup(&doc->arena, data, len);
	doc->len = len;
	return finish_load(doc, opt);
}

void doc_free(struct doc *doc)
{
	if (!doc)
		return;
	anchor_set_free(doc->ids);
	arena_release(&doc->arena);
	free(doc);
}

const char *doc_lang_from_path(struct arena *arena, const char *path)
{
	/* .../content/<lang>/... with a 2-5 character code (ja, zh-cn, pt-br). */
	const char *p = path;
	for (;;) {
		const char *c = strstr(p, "content/");
		if (!c)
			return NULL;
		if (c == path || c[-1] == '/') {
			const char *l = c + 8;
			const char *e = strchr(l, '/');
			if (e && e - l >= 2 && e - l <= 5) {
				bool ok = true;
				for (const char *q = l; q < e; q++)
					if (!((*q >= 'a' && *q <= 'z') || *q == '-' || (*q >= 'A' && *q <= 'Z')))
						ok = false;
				if (ok) {
					char *r = arena_strndup(arena, l, (size_t)(e - l));
					for (char *q = r; *q; q++)
						if (*q >= 'A' && *q <= 'Z')
							*q = (char)(*q - 'A' + 'a');
					return r;
				}
			}
		}
		p = c + 8;
	}
}

int doc_find_heading(const struct doc *doc, const char *id)
{
	for (size_t i = 0; i < doc->nheadings; i++)
		if (strcmp(doc->headings[i].id, id) == 0)
			return doc->headings[i].section;
	return -1;
}
