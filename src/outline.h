/* outline.h - `l10nlint outline`: headings with their IDs, front-matter keys. */
#ifndef L10N_OUTLINE_H
#define L10N_OUTLINE_H
#include <stdio.h>

#include "doc.h"

enum outline_format { OUTLINE_TEXT, OUTLINE_JSON };

struct outline_options {
	enum outline_format format;
	struct doc_options doc;
};

/* Print the outline of each file to out; problems go to err as
 * file:line:col diagnostics. Returns the exit status: 0, or 2 when a file
 * could not be read or was rejected (the others are still printed). */
int outline_run(const struct outline_options *opt, char **files, int nfiles, FILE *out,
                FILE *err);

/* Print a document's load notes (errors and warnings) to err. */
void outline_print_notes(const struct doc *doc, FILE *err);

#endif
