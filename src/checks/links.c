/* checks/links.c - TEMPORARY: being written. */
#include "../check.h"

void check_links(struct check_ctx *c)
{
	(void)c;
}
