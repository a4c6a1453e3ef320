/* Unit tests: the JSON writer and its escaping. */
#include <string.h>

#include "json.h"
#include "unit.h"

static const char *esc(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_reset(sb);
	json_escape(sb, s, len);
	return sb->buf;
}

int main(void)
{
	struct strbuf sb = STRBUF_INIT;
	CHECK_STR(esc(&sb, "plain", 5), "\"plain\"");
	CHECK_STR(esc(&sb, "q\"b\\", 4), "\"q\\\"b\\\\\"");
	CHECK_STR(esc(&sb, "a\nb\rc\td", 7), "\"a\\nb\\rc\\td\"");
	CHECK_STR(esc(&sb, "\x01\x1f\x7f", 3), "\"\\u0001\\u001f\\u007f\"");
	CHECK_STR(esc(&sb, "日本", strlen("日本")), "\"日本\"");
	CHECK_STR(esc(&sb, "\xE2\x80\xA8", 3), "\"\\u2028\"");
	CHECK_STR(esc(&sb, "bad\xFFx", 5), "\"bad\\ufffdx\"");
	CHECK_STR(esc(&sb, "nul\0x", 5), "\"nul\\u0000x\"");
	CHECK_STR(esc(&sb, "</script>", 9), "\"</script>\"");

	struct strbuf out = STRBUF_INIT;
	struct json j;
	json_init(&j, &out, false);
	json_begin_object(&j);
	json_key(&j, "a");
	json_int(&j, 1);
	json_key(&j, "b");
	json_begin_array(&j);
	json_string(&j, "x");
	json_null(&j);
	json_bool(&j, true);
	json_begin_object(&j);
	json_end_object(&j);
	json_begin_array(&j);
	json_end_array(&j);
	json_end_array(&j);
	json_key(&j, "c\"");
	json_string(&j, NULL);
	json_end_object(&j);
	CHECK_STR(out.buf, "{\"a\": 1, \"b\": [\"x\", null, true, {}, []], \"c\\\"\": null}");

	strbuf_reset(&out);
	json_init(&j, &out, true);
	json_begin_object(&j);
	json_key(&j, "k");
	json_begin_array(&j);
	json_int(&j, 1);
	json_int(&j, 2);
	json_end_array(&j);
	json_end_object(&j);
	CHECK_STR(out.buf, "{\n  \"k\": [\n    1,\n    2\n  ]\n}");
	strbuf_release(&out);
	strbuf_release(&sb);
	UNIT_END();
}
