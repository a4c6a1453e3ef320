/* anchor.h - heading IDs exactly as Hugo (goldmark) computes them.
 *
 * The only module that knows Hugo's rules (../shared/spec/HUGO.md):
 * goldmark's trailing attribute blocks ({#id .class key=value}), the
 * blackfriday / github / github-ascii sanitizers, "heading" for an empty
 * result, and -1, -2 suffixes against the page's ID set. */
#ifndef L10N_ANCHOR_H
#define L10N_ANCHOR_H
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum anchor_style {
	ANCHOR_BLACKFRIDAY, /* kubernetes.io */
	ANCHOR_GITHUB,      /* Hugo's default */
	ANCHOR_GITHUB_ASCII,
};

/* "blackfriday", "github", "github-ascii" -> style (exact, as Hugo compares
 * them). Returns false for an unknown name; note that Hugo itself treats
 * any unknown autoHeadingIDType value as "github". */
bool anchor_style_parse(const char *name, enum anchor_style *out);
const char *anchor_style_name(enum anchor_style style);

/* Result of looking for goldmark's trailing attribute block on the last
 * line of a heading's content. */
struct anchor_attrs {
	bool found;        /* a trailing block parsed and only blanks follow it */
	size_t cut;        /* byte offset of its '{': the heading text ends here
	                    * (when !found: the length given) */
	bool has_id;       /* it contains #id */
	const char *id;    /* points into the line; not NUL-terminated */
	size_t id_len;
	/* The ID came from a quoted key="value" (id="x"): id/id_len is the raw
	 * text between the quotes, whose backslash escapes goldmark decodes.
	 * anchor_attrs_copy_id() gives the decoded ID in every case. */
	bool id_quoted;
};

/* Parse the trailing attribute block of `line` (the heading content of the
 * last line, without the ATX opening sequence) the way goldmark's
 * parseLastLineAttributes does: the last '{' that starts a parse decides;
 * the block must be followed by blanks only. */
void anchor_parse_attrs(const char *line, size_t len, struct anchor_attrs *out);

/* Whole-line goldmark ATX handling (atx_heading.go Open + Close). `content`
 * is the heading line after the opening '#'s and the blanks that follow
 * them, up to the end of the line (no newline), closing sequence still
 * present. Handles the "### heading ### {#id}" special case, strips the
 * closing sequence, then applies anchor_parse_attrs. Returns the length of
 * the heading text (content[0..ret), right-trimmed); out->cut is where the
 * text ends before that trim (the '{', the closing '#'s, or the end).
 * Limitation: goldmark's special case can read an attribute block from the
 * next source line ("## a ##" then "{#x}"); that is not reproduced. */
size_t anchor_parse_atx(const char *content, size_t len, struct anchor_attrs *out);

/* Append the explicit ID of a found block (escapes of a quoted value
 * decoded) to out. Nothing is appended when !found || !has_id. */
void anchor_attrs_copy_id(const struct anchor_attrs *attrs, struct strbuf *out);

/* Append the sanitized form of plain text to `out` (no de-duplication, no
 * "heading" fallback). text is valid UTF-8. */
void anchor_sanitize(enum anchor_style style, const char *text, size_t len,
                     struct strbuf *out);

/* The set of IDs on one page, in document order. */
struct anchor_set;
struct anchor_set *anchor_set_new(void);
void anchor_set_free(struct anchor_set *set);
bool anchor_set_has(const struct anchor_set *set, const char *id);
bool anchor_set_has_n(const struct anchor_set *set, const char *id, size_t len);
/* Record an explicit ID as written (never suffixed). Recording an ID that is
 * already there changes nothing. */
void anchor_set_put(struct anchor_set *set, const char *id);
void anchor_set_put_n(struct anchor_set *set, const char *id, size_t len);
/* Number of distinct IDs and the i-th one in the order first recorded. */
size_t anchor_set_count(const struct anchor_set *set);
const char *anchor_set_at(const struct anchor_set *set, size_t i, size_t *len);
/* Turn the sanitized `id` into the page-unique auto ID: "heading" when
 * empty, then -1, -2, ... until free; records the result. */
void anchor_set_make_unique(struct anchor_set *set, struct strbuf *id);

/* Convenience: the auto ID of plain text `text` on the page `set`; `out` is
 * reset first and receives the ID (also recorded in the set). */
void anchor_make(struct anchor_set *set, enum anchor_style style,
                 const char *text, size_t len, struct strbuf *out);

/* Percent-decode a URL fragment (as UTF-8) into out. Invalid escapes are
 * kept literally. Returns false when the result is not valid UTF-8. */
bool anchor_decode_fragment(const char *frag, size_t len, struct strbuf *out);

#endif
