/* checks/shortcodes.c - TEMPORARY: being written. */
#include "../check.h"

void check_shortcodes(struct check_ctx *c)
{
	(void)c;
}
