/* diag.c - the rule registry (from rules.def) and finding lists. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const struct rule_info rules[RULE_COUNT] = {
#define RULE(c, id, sev, summary) {RULE_##c, id, sev, summary},
#include "rules.def"
#undef RULE
};

const struct rule_info *rule_info(enum rule_id rule)
{
	if ((unsigned)rule >= RULE_COUNT)
		return &rules[RULE_invalid_input];
	return &rules[rule];
}

bool rule_lookup(const char *id, enum rule_id *out)
{
	for (int i = 0; i < RULE_COUNT; i++) {
		if (strcmp(rules[i].id, id) == 0) {
			*out = (enum rule_id)i;
			return true;
		}
	}
	return false;
}

const char *severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_INFO:
		return "info";
	case SEV_WARNING:
		return "warning";
	case SEV_ERROR:
		return "error";
	case SEV_OFF:
		return "off";
	}
	return "error";
}

bool severity_parse(const char *name, enum severity *out)
{
	static const enum severity all[] = {SEV_INFO, SEV_WARNING, SEV_ERROR, SEV_OFF};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (strcmp(name, severity_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	return false;
}

void rule_settings_default(struct rule_settings *rs)
{
	for (int i = 0; i < RULE_COUNT; i++)
		rs->severity[i] = rules[i].severity;
}

void diag_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof(*dl));
	dl->arena = (struct arena)ARENA_INIT;
}

void diag_release(struct diag_list *dl)
{
	free(dl->v);
	arena_release(&dl->arena);
	memset(dl, 0, sizeof(*dl));
}

static const char *dup(struct diag_list *dl, const char *s)
{
	return s ? arena_strdup(&dl->arena, s) : NULL;
}

void diag_add(struct diag_list *dl, enum rule_id rule, enum severity sev, const char *file,
              unsigned line, unsigned col, const char *source_file, unsigned source_line,
              const char *source_excerpt, const char *message)
{
	if (sev == SEV_OFF)
		return;
	dl->v = xgrow(dl->v, dl->n + 1, &dl->alloc, sizeof(*dl->v));
	struct finding *f = &dl->v[dl->n++];
	f->rule = rule;
	f->severity = sev;
	f->file = dup(dl, file);
	f->line = line;
	f->col = col ? col : 1;
	f->source_file = source_file ? dup(dl, source_file) : NULL;
	f->source_line = source_file ? source_line : 0;
	f->source_excerpt = dup(dl, source_excerpt);
	f->message = dup(dl, message);
	dl->count[sev]++;
}

void diag_merge(struct diag_list *to, struct diag_list *from)
{
	if (!from->n)
		return;
	/* the strings stay where they are: their arena moves along */
	to->v = xgrow(to->v, to->n + from->n, &to->alloc, sizeof(*to->v));
	memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
	to->n += from->n;
	for (int i = 0; i < SEV_OFF; i++)
		to->count[i] += from->count[i];
	arena_adopt(&to->arena, &from->arena);
	from->n = 0;
	memset(from->count, 0, sizeof(from->count));
}

size_t diag_remove_if(struct diag_list *dl, size_t from,
                      bool (*drop)(const struct finding *f, void *arg), void *arg)
{
	if (from >= dl->n)
		return 0;
	size_t w = from;
	for (size_t i = from; i < dl->n; i++) {
		if (drop(&dl->v[i], arg)) {
			dl->count[dl->v[i].severity]--;
			continue;
		}
		dl->v[w++] = dl->v[i];
	}
	size_t removed = dl->n - w;
	dl->n = w;
	return removed;
}

static int strcmp0(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = strcmp0(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	c = strcmp(rule_info(a->rule)->id, rule_info(b->rule)->id);
	if (c)
		return c;
	c = strcmp0(a->message, b->message);
	if (c)
		return c;
	if (a->source_line != b->source_line)
		return a->source_line < b->source_line ? -1 : 1;
	return 0;
}

void diag_sort(struct diag_list *dl)
{
	if (dl->n > 1)
		qsort(dl->v, dl->n, sizeof(*dl->v), finding_cmp);
	size_t w = 0;
	for (size_t i = 0; i < dl->n; i++) {
		if (w && finding_cmp(&dl->v[w - 1], &dl->v[i]) == 0) {
			dl->count[dl->v[i].severity]--;
			continue;
		}
		dl->v[w++] = dl->v[i];
	}
	dl->n = w;
}
