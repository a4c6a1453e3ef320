/* checks/refs.c - TEMPORARY: being written. */
#include "../check.h"

void check_refs(struct check_ctx *c)
{
	(void)c;
}
