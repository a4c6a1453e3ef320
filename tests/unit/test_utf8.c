/* Unit tests: UTF-8 validation and decoding, strbuf, arena. */
#include <string.h>

#include "arena.h"
#include "strbuf.h"
#include "unit.h"
#include "utf8.h"

static int valid(const char *s, size_t len, size_t *bad)
{
	return utf8_validate(s, len, bad);
}

int main(void)
{
	size_t bad = 99;
	CHECK(valid("", 0, &bad));
	CHECK(valid("abc", 3, &bad));
	CHECK(valid("日本語", strlen("日本語"), &bad));
	CHECK(valid("\xF0\x9F\x98\x80", 4, &bad)); /* emoji */
	CHECK(!valid("ab\xC0\xAF", 4, &bad));     /* overlong '/' */
	CHECK_INT(bad, 2);
	CHECK(!valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	CHECK_INT(bad, 0);
	CHECK(!valid("\xF4\x90\x80\x80", 4, &bad)); /* > U+10FFFF */
	CHECK(!valid("x\xE3\x81", 3, &bad));         /* truncated */
	CHECK_INT(bad, 1);
	CHECK(!valid("\xFF", 1, &bad));
	CHECK(!valid("\x80", 1, &bad));
	CHECK(!valid("\xE0\x80\x80", 3, &bad)); /* overlong 3-byte */
	CHECK(valid("\xEF\xBB\xBF", 3, &bad));  /* BOM is valid */

	const char *s = "aé日😀";
	size_t i = 0, len = strlen(s);
	CHECK_INT(utf8_next(s, len, &i), 'a');
	CHECK_INT(utf8_next(s, len, &i), 0xE9);
	CHECK_INT(utf8_next(s, len, &i), 0x65E5);
	CHECK_INT(utf8_next(s, len, &i), 0x1F600);
	CHECK_INT(i, len);
	CHECK_INT(utf8_count(s, len), 4);
	i = 0;
	CHECK_INT(utf8_next("\xE3\x81", 2, &i), 0xFFFD);
	CHECK_INT(i, 1);

	struct strbuf sb = STRBUF_INIT;
	CHECK_STR(sb.buf, "");
	strbuf_addstr(&sb, "x");
	strbuf_addf(&sb, "%d-%s", 42, "y");
	strbuf_add_utf8(&sb, 0x65E5);
	strbuf_add_utf8(&sb, 0x1F600);
	CHECK_STR(sb.buf, "x42-y日😀");
	strbuf_addstr(&sb, "  \t\n");
	strbuf_rtrim(&sb);
	CHECK_STR(sb.buf, "x42-y日😀");
	strbuf_reset(&sb);
	CHECK_STR(sb.buf, "");
	for (int k = 0; k < 10000; k++)
		strbuf_addch(&sb, 'z');
	CHECK_INT(sb.len, 10000);
	strbuf_release(&sb);
	CHECK_STR(sb.buf, "");

	struct arena a = ARENA_INIT;
	char *p = arena_strdup(&a, "hello");
	CHECK_STR(p, "hello");
	void *big = arena_alloc(&a, 1 << 20); /* larger than a block */
	CHECK(big != NULL);
	memset(big, 1, 1 << 20);
	char *q = arena_strndup(&a, "worldwide", 5);
	CHECK_STR(q, "world");
	int *z = arena_calloc(&a, 100, sizeof(int));
	int allzero = 1;
	for (int k = 0; k < 100; k++)
		allzero &= z[k] == 0;
	CHECK(allzero);
	CHECK(((size_t)z % sizeof(void *)) == 0);
	arena_release(&a);
	UNIT_END();
}
