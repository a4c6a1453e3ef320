/* explain.c - look up a rule's embedded documentation. */
#include "explain.h"

#include <string.h>

bool explain_rule(const char *id, FILE *out)
{
	for (unsigned i = 0; i < embedded_docs_count; i++) {
		if (strcmp(embedded_docs[i].name, id) != 0)
			continue;
		for (const char *const *p = embedded_docs[i].parts; *p; p++)
			fputs(*p, out);
		return true;
	}
	return false;
}
