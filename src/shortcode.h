/* shortcode.h - Hugo shortcodes found in the raw Markdown.
 *
 * cmark-gfm sees {{< name args >}} and {{% name args %}} as plain text, so
 * they are found by scanning the source outside code. */
#ifndef L10N_SHORTCODE_H
#define L10N_SHORTCODE_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum sc_kind {
	SC_STANDALONE, /* no closing tag found: {{< note >}} without {{< /note >}}, or {{< x />}} */
	SC_OPEN,       /* has a matching closing shortcode (match) */
	SC_CLOSE,      /* {{< /name >}} */
};

struct sc_arg {
	const char *key;   /* NULL for a positional argument */
	const char *value; /* unquoted, escapes resolved */
	bool quoted;       /* "..." or `...` */
};

struct shortcode {
	const char *name;
	enum sc_kind kind;
	char delim;          /* '<' for {{< >}}, '%' for {{% %}} */
	bool self_closed;    /* {{< x />}} */
	struct sc_arg *args;
	size_t nargs;
	size_t start, end;   /* byte offsets in the scanned text: "{{" .. "}}" end */
	unsigned line, col;  /* position of "{{" (col in code points) */
	unsigned end_line;
	int parent;          /* index of the enclosing open shortcode, -1 */
	int match;           /* OPEN <-> CLOSE partner index, -1 */
	bool in_comment;     /* inside an HTML comment <!-- --> */
	bool malformed;      /* no closing ">}}" / "%}}" found on the way */
	int block, section;  /* set by the document model (doc.c), -1 */
};

struct sc_list {
	struct shortcode *items;
	size_t n;
};

/* A predicate telling whether byte offset `off` is inside code (fenced or
 * indented code block, or code span) and must be skipped. */
typedef bool (*sc_skip_fn)(void *ctx, size_t off, size_t *skip_to);

/* Scan text[0..len) for shortcodes. line_starts[k] is the byte offset of
 * line k+1 (nlines entries) for positions. skip may be NULL. Escaped forms
 * forms ("{{</" "* ... *" "/>}}", likewise with %) are not shortcodes. */
void sc_scan(struct arena *arena, const char *text, size_t len,
             const size_t *line_starts, size_t nlines, sc_skip_fn skip,
             void *skip_ctx, struct sc_list *out);

/* Value of a named argument, or NULL. */
/* When p[i] opens a shortcode ({{< or {{%), blank it with spaces up to its
 * closing >}} / %}} (or the end of p[0..len)) and return the offset after
 * it; else return i. Line structure is not kept (no newline survives). */
size_t sc_blank_at(char *p, size_t len, size_t i);

const char *sc_arg(const struct shortcode *sc, const char *key);
/* Positional argument number i (0-based), or NULL. */
const char *sc_pos_arg(const struct shortcode *sc, size_t i);

#endif
