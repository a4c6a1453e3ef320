/* doc.h - the document model: one Markdown page read the way Hugo reads it.
 *
 * doc_load() reads a file once, validates it (size, NUL bytes, UTF-8),
 * splits off the front matter (libyaml), parses the body with cmark-gfm
 * (front-matter lines blanked so line numbers stay true), extracts
 * headings with Hugo's IDs, sections, blocks, links, code spans, HTML
 * anchors and comments, and shortcodes, then frees the cmark tree.
 *
 * Positions are 1-based; columns count code points. Everything is owned
 * by the document's arena and released with doc_free(). */
#ifndef L10N_DOC_H
#define L10N_DOC_H
#include <stdbool.h>
#include <stddef.h>

#include "anchor.h"
#include "arena.h"
#include "frontmatter.h"
#include "shortcode.h"

enum fm_format { FM_NONE, FM_YAML, FM_TOML, FM_JSON };

struct heading {
	int level;            /* 1..6 */
	bool setext;
	unsigned line, col;   /* the heading's first character */
	unsigned end_line;
	const char *raw;      /* source text of the content (last line for the ID) */
	const char *text;     /* plain text, attribute block removed */
	const char *id;       /* the ID Hugo gives it */
	bool explicit_id;     /* from {#id} */
	bool from_shortcode;  /* a {{% whatsnext-heading %}} paragraph: an <h2> the shortcode writes */
	bool unpredictable;   /* contains {{< ... >}}: Hugo's ID holds a placeholder */
	const char *i18n_key; /* "whatsnext" for {{% heading "whatsnext" %}}, else NULL */
	int section;          /* the section it opens */
	int block;            /* its block index */
};

struct section {
	int heading;          /* -1 for the preamble before the first heading */
	int parent;           /* enclosing section, -1 for top level */
	int level;            /* heading level; 0 for the preamble */
	unsigned first_line, last_line; /* last_line: before the next heading of <= level */
	int first_block, end_block;     /* [first, end): blocks up to the next heading of any level */
};

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_HEADING,
	BLOCK_CODE,
	BLOCK_TABLE,
	BLOCK_HTML,
	BLOCK_LIST,
	BLOCK_ITEM,
	BLOCK_QUOTE,
	BLOCK_THEMATIC,
};

struct block {
	enum block_kind kind;
	unsigned line, col, end_line;
	int parent;           /* enclosing container block (list, item, quote), -1 */
	int section;          /* innermost section containing it */
	int depth;            /* container nesting depth */
	const char *text;     /* paragraph/heading/table: plain text; code: content; html: literal */
	const char *prose;    /* paragraph/heading/table: text without code spans and autolinks */
	/* BLOCK_CODE */
	const char *info;     /* info string ("" for indented code) */
	bool fenced;
	/* BLOCK_LIST */
	bool ordered;
	int nitems;
	/* BLOCK_TABLE */
	int rows, cols;       /* rows include the header row */
};

enum link_kind { LINK_INLINE, LINK_REFERENCE, LINK_AUTOLINK };

struct link {
	enum link_kind kind;
	bool image;
	const char *dest;     /* as written (entities/escapes resolved by cmark) */
	const char *fragment; /* after '#', percent-decoded; NULL when none */
	const char *text;     /* plain text of the link text (alt for images) */
	const char *title;
	unsigned line, col;
	int block, section;
};

struct code_span {
	const char *text;
	unsigned line, col;
	int block, section;
};

struct html_anchor {
	const char *id;       /* value of id= or name= */
	bool is_name;
	unsigned line, col;
	int block, section;
};

struct comment {
	const char *text;     /* between <!-- and -->, trimmed */
	bool marker;          /* a page-part marker such as <!-- body --> */
	unsigned line, col;
	int block, section;
};

enum note_severity { NOTE_ERROR, NOTE_WARNING, NOTE_INFO };

/* A problem found while reading the page (not a translation check). */
struct note {
	enum note_severity severity;
	const char *rule;     /* e.g. "invalid-input", "unpredictable-id" */
	unsigned line, col;
	const char *message;
};

struct doc_options {
	enum anchor_style anchor_style;
	size_t max_size;      /* bytes; 0 = default (16 MiB) */
	const char *lang;     /* for {{% heading %}} strings; NULL = from path or "en" */
};

enum doc_status {
	DOC_OK = 0,
	DOC_IO_ERROR,     /* missing, unreadable, a directory, too large */
	DOC_BAD_INPUT,    /* NUL bytes, invalid UTF-8, malformed front matter */
};

struct doc {
	struct arena arena;
	enum doc_status status;
	const char *path;
	const char *lang;
	char *src;            /* file content without BOM, NUL-terminated */
	size_t len;
	bool had_bom, crlf;
	size_t *line_starts;  /* byte offset of each line */
	size_t nlines;

	enum fm_format fm_format;
	unsigned fm_first_line, fm_last_line; /* including the --- lines; 0 when none */
	struct fm_node *fm;   /* root map (never NULL after a successful load) */

	struct heading *headings; size_t nheadings;
	struct section *sections; size_t nsections;
	struct block *blocks; size_t nblocks;
	struct link *links; size_t nlinks;
	struct code_span *codes; size_t ncodes;
	struct html_anchor *anchors; size_t nanchors;
	struct comment *comments; size_t ncomments;
	struct sc_list shortcodes;
	struct note *notes; size_t nnotes;

	struct anchor_set *ids; /* every heading ID and HTML anchor on the page */
	/* doc_col's cache while the model is built */
	size_t col_cache_line, col_cache_off;
	unsigned col_cache_col;
};

/* Register cmark-gfm's extensions; call once before any thread loads. */
void doc_global_init(void);

/* Load and model `path`. Always returns a doc (free it with doc_free);
 * check doc_status(). On failure, doc->notes[0] holds the error with its
 * line and column (0 when the whole file is concerned). */
struct doc *doc_load(const char *path, const struct doc_options *opt);
/* Same, from a buffer (copied). `path` is used in messages only. */
struct doc *doc_load_buffer(const char *path, const char *data, size_t len,
                            const struct doc_options *opt);
enum doc_status doc_status(const struct doc *doc);
void doc_free(struct doc *doc);

/* The language of a path such as ".../content/ja/docs/x.md", or NULL. */
const char *doc_lang_from_path(struct arena *arena, const char *path);

/* Line k (1-based) of the document, without its line terminator. */
const char *doc_line(const struct doc *doc, unsigned line, size_t *len);
/* Code-point column (1-based) of byte offset `off` on its line. */
unsigned doc_col(const struct doc *doc, size_t off);
/* Byte offset of (line, byte column) as cmark reports it. */
size_t doc_offset(const struct doc *doc, unsigned line, unsigned bytecol);

/* The section whose heading has this ID, or -1. */
int doc_find_heading(const struct doc *doc, const char *id);

const char *note_severity_name(enum note_severity s);

#endif
