/* checks/frontmatter.c - TEMPORARY: being written. */
#include "../check.h"

void check_frontmatter(struct check_ctx *c)
{
	(void)c;
}
