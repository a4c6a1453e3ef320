/* suppress.h - inline suppression comments, in markdownlint's form:
 *   <!-- l10nlint-disable [rule ...] -->      until enable or end of file
 *   <!-- l10nlint-enable [rule ...] -->
 *   <!-- l10nlint-disable-next-line [rule ...] -->
 *   <!-- l10nlint-disable-line [rule ...] -->  (the comment's own line)
 *   <!-- l10nlint-disable-file [rule ...] -->  anywhere in the file
 * No rule list means every rule. They may stand in either file of a pair:
 * a comment in the translation covers findings at its lines; one in the
 * source covers findings whose source counterpart line it covers. */
#ifndef L10N_SUPPRESS_H
#define L10N_SUPPRESS_H
#include <stdbool.h>

#include "diag.h"
#include "doc.h"

struct suppressions;

/* Read the suppression comments of a document. Malformed ones (an unknown
 * rule name) are reported into `out` as bad-suppression findings at the
 * comment's position. */
struct suppressions *suppress_build(const struct doc *d, struct diag_list *out,
                                    const struct rule_settings *rs);
void suppress_free(struct suppressions *s);

/* Is `rule` suppressed at `line` (1-based) of that document? */
bool suppress_covers(const struct suppressions *s, enum rule_id rule, unsigned line);

/* Drop the findings of list[from..n) that tr's or src's comments
 * suppress (findings in tr's file at their line; findings with a source
 * line in src's file at that source line). */
void suppress_filter(struct diag_list *dl, size_t from, const struct suppressions *tr,
                     const struct suppressions *src, const char *tr_path, const char *src_path);

#endif
