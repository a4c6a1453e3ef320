/* checks/numbers.c - TEMPORARY: being written. */
#include "../check.h"

void check_numbers(struct check_ctx *c)
{
	(void)c;
}
