/* check.h - the pair checks: context shared by every rule, and the run.
 *
 * Each rule (checks/<name>.c) reads the documents and the alignment and
 * reports through check_report(); none pairs anything itself. Rules run in
 * a fixed order so that a defect another rule already reported is not
 * reported again ("one defect, one finding"): the claims below. */
#ifndef L10N_CHECK_H
#define L10N_CHECK_H
#include <stdbool.h>

#include "align.h"
#include "diag.h"
#include "doc.h"
#include "locale.h"
#include "strbuf.h"
#include "suppress.h"

struct check_ctx {
	const struct doc *src, *tr;
	const struct alignment *al;
	const struct locale *loc;      /* the translation's locale */
	const struct locale *src_loc;
	const struct rule_settings *rules;
	struct diag_list *out;
	struct strbuf msg;             /* scratch for messages */
	/* Claims: translation links already reported (by kep-mismatch,
	 * ref-mismatch, anchor-id-dropped...), so later rules skip them. */
	bool *tr_link_claimed;         /* [tr->nlinks] */
	bool *src_link_claimed;        /* [src->nlinks] */
	/* Explicit IDs the translation changed (anchor-id-dropped reported):
	 * links to the source's ID are part of that one defect. */
	const char **dropped_ids;
	size_t ndropped, dropped_alloc;
	/* inline suppressions of both files (may be NULL) */
	const struct suppressions *tr_sup, *src_sup;
	/* check_units_new's result, built once for the rules of a pair that
	 * ask for it (NULL: built for each) */
	struct check_units **units;
};

/* Will a finding of `rule` at translation line `line` (0: anywhere) with
 * source line `src_line` (0: none) be reported: the rule is enabled and
 * no inline comment of either file suppresses it? A rule that leaves a
 * defect to another rule asks this first, so that suppressing the other
 * finding does not silence the defect. */
bool check_reportable(const struct check_ctx *c, enum rule_id rule, unsigned line,
                      unsigned src_line);

/* Report a finding in the translation at line:col. src_line > 0 names the
 * source counterpart (its text is quoted on the source: line). conf is the
 * confidence of the pair the finding rests on: below
 * ALIGN_LOW_CONFIDENCE an error becomes a warning and a warning info. */
void check_report(struct check_ctx *c, enum rule_id rule, float conf, unsigned line, unsigned col,
                  unsigned src_line, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Whether a rule is enabled in this run. */
bool check_enabled(const struct check_ctx *c, enum rule_id rule);

/* Translation section paired with source section s, or -1; and back. */
int check_tr_section(const struct check_ctx *c, int s);
int check_src_section(const struct check_ctx *c, int t);
/* Line of a section's heading (1 for the preamble). */
unsigned check_section_line(const struct doc *d, int s);
/* A short quoted label for a section: its heading text, or "(page start)". */
const char *check_section_label(const struct doc *d, int s);
/* The section that contains block b / line. */
int check_block_section(const struct doc *d, int b);

/* Explicit IDs claimed by anchor-id-dropped. */
void check_claim_id(struct check_ctx *c, const char *id);
bool check_id_claimed(const struct check_ctx *c, const char *id);

/* Alignment units as the link, reference and shortcode rules see them
 * (checks/units.c): the unit of a block, its partner with a paired
 * list's items matched, and where a source item would stand in the
 * translation. */
struct check_units;
/* check_units_new gives the pair's one shared set when c->units is set
 * (check_units_free leaves that one; check_units_release frees it). */
struct check_units *check_units_new(const struct check_ctx *c);
void check_units_free(struct check_units *cu);
void check_units_release(struct check_units *cu);
int check_unit_of(const struct check_ctx *c, bool tr_side, int block);
int check_unit_partner(const struct check_units *cu, int us);
int check_unit_source(const struct check_units *cu, int ut);
bool check_units_paired(const struct check_units *cu, int us, int ut);
float check_unit_conf(const struct check_units *cu, int us);
void check_locate(const struct check_units *cu, int src_block, unsigned line, unsigned col, int ut,
                  unsigned *tline, unsigned *tcol);
bool check_item_dropped(const struct check_units *cu, int src_block);
/* The item of list block `list` that holds block b (its index among the
 * list's items in *index), or -1 when b is not inside the list. */
int check_list_item(const struct doc *d, int list, int b, int *index);

/* The rules, in running order. */
void check_sections(struct check_ctx *c);     /* section-missing/extra/order, heading-level */
void check_frontmatter(struct check_ctx *c);  /* frontmatter-* */
void check_refs(struct check_ctx *c);         /* kep-mismatch, ref-mismatch */
void check_anchors(struct check_ctx *c);      /* anchor-id-dropped, anchor-broken, anchor-target-mismatch */
void check_links(struct check_ctx *c);        /* link-missing, link-extra */
void check_shortcodes(struct check_ctx *c);   /* shortcode-mismatch */
void check_blocks(struct check_ctx *c);       /* block-missing/extra, list-, table-, paragraph-, code-block-mismatch */
void check_numbers(struct check_ctx *c);      /* number-mismatch */
void check_untranslated(struct check_ctx *c); /* untranslated-text */

struct check_options {
	struct doc_options doc;        /* anchor style, size limit; lang of the translation */
	const struct rule_settings *rules;
};

/* Check one pair: load both files (each read and parsed once), align,
 * run every rule, append findings to out. Load problems are reported as
 * invalid-input. Returns false when a file could not be loaded. */
bool check_pair(const char *source, const char *translation, const struct check_options *opt,
                struct diag_list *out);

/* Run the rules on already loaded documents. */
void check_docs(const struct doc *src, const struct doc *tr, const struct check_options *opt,
                struct diag_list *out);

#endif
