/* baseline.h - adopting l10nlint on a site with many existing findings:
 * --write-baseline FILE records today's findings; --baseline FILE reports
 * only findings that are not in it.
 *
 * A finding's fingerprint is made of its rule, its file, its source file
 * and its message with line references taken out ("(line 47)" -> "(line
 * N)"): it survives edits elsewhere that move lines, and changes when the
 * finding itself changes. Several equal findings are counted. */
#ifndef L10N_BASELINE_H
#define L10N_BASELINE_H
#include <stdbool.h>

#include "diag.h"

/* 16 hex digits into out[17]. Paths are taken relative to `root` (the
 * site root of a site run; NULL: as printed), so a baseline written with
 * --site . matches a run with --site website/. */
void baseline_fingerprint(const struct finding *f, const char *root, char out[17]);

/* Write the findings as a baseline file. Returns false on I/O error
 * (message on stderr). */
bool baseline_write(const char *path, const struct diag_list *dl, const char *root);

/* Remove from dl the findings the baseline file lists (as many of each
 * fingerprint as it counts). Returns false when the file cannot be read
 * or is not a baseline (message with file:line on stderr). */
bool baseline_filter(const char *path, struct diag_list *dl, const char *root);

#endif
