/* align.h - pair a translation with its source, section by section and
 * block by block. Every rule reads pairs from here; none re-derives them.
 *
 * Sections: the headings of both pages are aligned with a global optimal
 * (dynamic-programming) alignment over the heading sequences. An explicit
 * {#id} equal to the source heading's ID is decisive; otherwise the score
 * weighs language-independent evidence found in each section (link
 * destinations, KEP/PR numbers, code spans and blocks, shortcodes, images,
 * numbers, Latin-script terms kept in the translation) against heading
 * level and position. Unpaired sections that still match strongly are
 * paired afterwards as moved (reordered). A deleted or inserted section
 * leaves the pairs after it intact.
 *
 * Blocks: within each pair of sections, the top-level blocks (paragraphs,
 * shortcode blocks, code, tables, lists, quotes, marker comments) are
 * aligned the same way; a translation may split one paragraph into two or
 * merge two into one. */
#ifndef L10N_ALIGN_H
#define L10N_ALIGN_H
#include <stdbool.h>
#include <stdio.h>

#include "doc.h"

enum unit_kind {
	UNIT_NONE,      /* not an alignment unit (nested, heading, rule) */
	UNIT_PARAGRAPH,
	UNIT_SHORTCODE, /* a paragraph that opens with a shortcode ({{< note >}}...) */
	UNIT_CODE,
	UNIT_TABLE,
	UNIT_LIST,
	UNIT_QUOTE,
	UNIT_MARKER,    /* an HTML block holding a page-part marker or anchor */
};

struct alignment {
	const struct doc *src, *tr;
	/* Sections, indexed by section number (0 is the preamble, always
	 * paired with 0). */
	int *s2t;       /* [src->nsections]: translation section, -1 */
	int *t2s;       /* [tr->nsections]: source section, -1 */
	float *sconf;   /* [src->nsections]: confidence of the pair, 0..1 */
	bool *smoved;   /* [src->nsections]: paired out of order */
	/* Blocks: alignment units only (unit kind != UNIT_NONE). A merge
	 * pairs two units of one side with one of the other: both point at
	 * the one, which points at the first of the two. */
	enum unit_kind *ukind_src, *ukind_tr; /* [nblocks] */
	int *unit_src, *unit_tr; /* [nblocks]: the unit a block belongs to (its top-level ancestor), -1 */
	int *b2t;       /* [src->nblocks]: translation unit, -1 */
	int *t2b;       /* [tr->nblocks]: source unit, -1 */
	float *bconf;   /* [src->nblocks]: confidence of the block pair */
};

struct align_options {
	const char *src_lang, *tr_lang;
};

struct alignment *align_docs(const struct doc *src, const struct doc *tr,
                             const struct align_options *opt);
void align_free(struct alignment *al);

/* The section of src paired with translation section t (or -1), and
 * the converse. */
int align_src_section(const struct alignment *al, int t);
int align_tr_section(const struct alignment *al, int s);

/* Confidence below which rules report fewer, softer findings. */
#define ALIGN_LOW_CONFIDENCE 0.45f

/* The side-by-side view of `l10nlint align`. */
void align_print_text(const struct alignment *al, FILE *out, bool color);
void align_print_json(const struct alignment *al, FILE *out);

/* Normalise a link destination for comparison across languages: drop the
 * fragment, a leading /<lang>/ (lang = the translation's), a trailing
 * slash, and lowercase the scheme and host. Appends to out. */
void align_normalize_dest(const char *dest, const char *lang, struct strbuf *out);

#endif
