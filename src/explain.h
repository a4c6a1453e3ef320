/* explain.h - `l10nlint explain RULE`: the rule's documentation
 * (docs/rules/RULE.md), compiled into the binary. */
#ifndef L10N_EXPLAIN_H
#define L10N_EXPLAIN_H
#include <stdbool.h>
#include <stdio.h>

struct embedded_doc {
	const char *name;
	const char *const *parts; /* the text, NULL-terminated pieces */
};

extern const struct embedded_doc embedded_docs[];
extern const unsigned embedded_docs_count;

/* Print the documentation of a rule; false when there is none. */
bool explain_rule(const char *id, FILE *out);

#endif
