/* suppress.h - inline suppression comments, in markdownlint's form:
 *   <!-- l10nlint-disable [rule ...] -->      until enable or end of file
 *   <!-- l10nlint-enable [rule ...] -->
 *   <!-- l10nlint-disable-next-line [rule ...] -->
 *   <!-- l10nlint-disable-line [rule ...] -->  (the comment's own line)
 *   <!-- l10nlint-disable-file [rule ...] -->  anywhere in the file
 * No rule list means every rule; names are separated by spaces or commas.
 * They may stand in either file of a pair: a comment in the translation
 * covers findings at its lines; one in the source covers findings whose
 * source counterpart line it covers (and a source disable-file covers
 * every finding of the pair). See docs/suppressions.md for the exact
 * ranges (disable-next-line skips blank and comment-only lines and
 * covers the whole block that starts on the line it lands on). */
#ifndef L10N_SUPPRESS_H
#define L10N_SUPPRESS_H
#include <stdbool.h>

#include "diag.h"
#include "doc.h"

struct suppressions;

/* Read the suppression comments of a document. Malformed ones (an unknown
 * rule name, an unknown l10nlint-* form) are reported into `out` as
 * bad-suppression findings at the comment's position (severity from `rs`;
 * the default when rs is NULL; nothing is reported when out is NULL, for
 * a document already checked once). Returns NULL when the document has no
 * suppression comment; every function below accepts NULL. */
struct suppressions *suppress_build(const struct doc *d, struct diag_list *out,
                                    const struct rule_settings *rs);
void suppress_free(struct suppressions *s);

/* Is `rule` suppressed at `line` (1-based) of that document? Line 0
 * (no position) is covered by disable-file only. */
bool suppress_covers(const struct suppressions *s, enum rule_id rule, unsigned line);
/* Is `rule` disabled for the whole file (disable-file)? */
bool suppress_covers_file(const struct suppressions *s, enum rule_id rule);

/* Drop the findings of list[from..n) that tr's or src's comments
 * suppress (findings in tr's file at their line; findings in src's file
 * at their line; findings with a source line in src's file at that
 * source line; any finding of a rule src disables file-wide). The
 * per-severity counts are kept right. */
void suppress_filter(struct diag_list *dl, size_t from, const struct suppressions *tr,
                     const struct suppressions *src, const char *tr_path, const char *src_path);

#endif
