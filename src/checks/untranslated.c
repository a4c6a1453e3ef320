/* checks/untranslated.c - TEMPORARY: being written. */
#include "../check.h"

void check_untranslated(struct check_ctx *c)
{
	(void)c;
}
