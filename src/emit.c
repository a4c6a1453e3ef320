/* emit.c - emitter lookup and the common driving loop. */
#include "emit.h"

#include <string.h>

static const struct emitter *const emitters[] = {
	&emit_text,
	&emit_json,
	&emit_sarif,
	&emit_github,
};

const struct emitter *emitter_find(const char *name)
{
	for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++)
		if (strcmp(emitters[i]->name, name) == 0)
			return emitters[i];
	return NULL;
}

void emit_all(const struct emitter *em, struct emit_run *run, const struct diag_list *dl)
{
	if (em->begin)
		em->begin(run);
	for (size_t i = 0; i < dl->n; i++)
		em->finding(run, &dl->v[i]);
	if (em->end)
		em->end(run, dl);
}
