/* diag.h - rules registry and findings.
 *
 * The registry comes from rules.def; findings are collected in a list
 * owned by one run, sorted (file, line, column, rule) and handed to an
 * emitter (emit.h). */
#ifndef L10N_DIAG_H
#define L10N_DIAG_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR, SEV_OFF };

enum rule_id {
#define RULE(c, id, sev, summary) RULE_##c,
#include "rules.def"
#undef RULE
	RULE_COUNT
};

struct rule_info {
	enum rule_id rule;
	const char *id;
	enum severity severity; /* default */
	const char *summary;
};

const struct rule_info *rule_info(enum rule_id rule);
/* Look a rule up by its kebab-case ID. */
bool rule_lookup(const char *id, enum rule_id *out);
const char *severity_name(enum severity sev);
bool severity_parse(const char *name, enum severity *out);

/* Per-run rule settings: severity per rule (SEV_OFF disables it). */
struct rule_settings {
	enum severity severity[RULE_COUNT];
};
void rule_settings_default(struct rule_settings *rs);

struct finding {
	enum rule_id rule;
	enum severity severity;
	const char *file;
	unsigned line, col;
	const char *source_file; /* NULL when there is no counterpart */
	unsigned source_line;
	const char *source_excerpt; /* the source line's text, trimmed; may be NULL */
	const char *message;
};

struct diag_list {
	struct arena arena;
	struct finding *v;
	size_t n, alloc;
	size_t count[SEV_OFF]; /* per severity */
};

void diag_init(struct diag_list *dl);
void diag_release(struct diag_list *dl);
/* Add a finding; strings are copied into the list's arena. */
void diag_add(struct diag_list *dl, enum rule_id rule, enum severity sev, const char *file,
              unsigned line, unsigned col, const char *source_file, unsigned source_line,
              const char *source_excerpt, const char *message);
/* Move all findings of `from` into `to`, leaving `from` empty. */
void diag_merge(struct diag_list *to, struct diag_list *from);
/* Remove the findings of v[from..n) for which drop() is true, keeping
 * the order of the others and count[] right. Returns how many went. */
size_t diag_remove_if(struct diag_list *dl, size_t from,
                      bool (*drop)(const struct finding *f, void *arg), void *arg);
/* Sort by file, line, column, rule, message; drop exact duplicates. */
void diag_sort(struct diag_list *dl);

#endif
