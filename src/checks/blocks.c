/* checks/blocks.c - TEMPORARY: being written. */
#include "../check.h"

void check_blocks(struct check_ctx *c)
{
	(void)c;
}
